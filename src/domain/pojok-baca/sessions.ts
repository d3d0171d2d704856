import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { readingSession, readingSessionAttendee } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { countedForReadingSession, type CountedFor } from "../scores/counted.js";
import { countedOrNone } from "../scores/counted-guard.js";
import { recordParticipations } from "../participation/participation.js";
import { activeMembersAmong, requireKeeper } from "./keepers.js";
import { SESSION_ATTENDEES_MAX } from "./text.js";

export type ReadingActivity = (typeof readingSession.activity.enumValues)[number];
export const READING_ACTIVITIES: readonly ReadingActivity[] = ["membaca_bersama", "mendongeng", "belajar_kelompok", "tpa_mengaji", "lainnya"];

export type SessionInput = {
  /** Made once per form (or per button), so the same session logged twice is one session. */
  requestKey: string;
  rtId: number;
  activity: ReadingActivity;
  /** What "lainnya" was; ignored for the other activities. */
  activityNote: string | null;
  heldAt: Date;
  /** Everyone who came, registered or not. */
  attendeeCount: number;
  /** Registered residents among them. */
  attendeePersonIds: readonly number[];
};

export type ReadingSession = typeof readingSession.$inferSelect;

/** One attendee's participation in one session; two ids, so named. */
export function sessionSourceKey(key: { sessionId: number; personId: number }): string {
  return `reading-session:${key.sessionId}:person:${key.personId}`;
}

/**
 * A keeper logs a session of the RT's reading corner. Each registered attendee gets a
 * participation record (kind pojok_baca_sesi), copied with their household. The request key
 * makes a second submission of the same form return the first session and write nothing.
 */
export async function logSession(db: Database, actor: Actor, input: SessionInput, now: Date): Promise<{ session: ReadingSession; attendees: number; created: boolean; counted: CountedFor | null }> {
  requireKeeper(actor, input.rtId);
  if (!Number.isInteger(input.attendeeCount) || input.attendeeCount < 1 || input.attendeeCount > SESSION_ATTENDEES_MAX) throw new RangeError(`attendee count out of range: ${input.attendeeCount}`);
  if (input.heldAt.getTime() > now.getTime()) throw new DomainError("reading-session-in-future");
  const personIds = [...new Set(input.attendeePersonIds)].sort((a, b) => a - b);
  if (personIds.length > input.attendeeCount) {
    throw new DomainError("reading-attendees-exceed-count", { count: input.attendeeCount, registered: personIds.length });
  }
  const note = input.activity === "lainnya" ? input.activityNote : null;
  if (input.activity === "lainnya" && !note) throw new RangeError("a session of kind lainnya needs a note");

  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(readingSession)
      .values({
        requestKey: input.requestKey,
        rtId: input.rtId,
        activity: input.activity,
        activityNote: note,
        heldAt: input.heldAt,
        attendeeCount: input.attendeeCount,
        recordedBy: actor.person!.id,
        recordedAt: now,
      })
      .onConflictDoNothing({ target: readingSession.requestKey })
      .returning();
    if (!created) {
      const [existing] = await tx.select().from(readingSession).where(eq(readingSession.requestKey, input.requestKey));
      const attendees = await tx.select().from(readingSessionAttendee).where(eq(readingSessionAttendee.sessionId, existing!.id));
      return { session: existing!, attendees: attendees.length, created: false, counted: await countedOrNone(tx, (read) => countedForReadingSession(read, { rtId: existing!.rtId, now })) };
    }
    const members = await activeMembersAmong(tx, input.rtId, personIds);
    const strangers = personIds.filter((id) => !members.has(id));
    // Thrown inside the transaction: the session goes too, and the keeper picks again.
    if (strangers.length > 0) throw new DomainError("reading-attendee-not-member");
    if (personIds.length > 0) {
      await tx.insert(readingSessionAttendee).values(personIds.map((personId) => ({ sessionId: created.id, personId })));
    }
    // One insert for all the attendees: the triggers add them to the rollups in key order, so two
    // sessions of the same RT and week listing households in opposite orders cannot deadlock.
    await recordParticipations(
      tx,
      personIds.map((personId) => ({
        sourceKey: sessionSourceKey({ sessionId: created.id, personId }),
        rtId: input.rtId,
        personId,
        householdLabel: members.get(personId)!.householdLabel,
        kind: "pojok_baca_sesi" as const,
        occurredAt: input.heldAt,
        verified: true,
        source: "session",
        recordedBy: actor.person!.id,
      })),
      now,
    );
    // What the session counted for (issue 17): P2, the corner's sessions in the window.
    return { session: created, attendees: personIds.length, created: true, counted: await countedOrNone(tx, (read) => countedForReadingSession(read, { rtId: input.rtId, now })) };
  });
}

