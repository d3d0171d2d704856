import { randomInt } from "node:crypto";
import { and, eq, gte, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { preparedOnce } from "../../db/prepared.js";
import { eventOccurrence, membership, participation, shiftAssignment } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { countedForOccurrence, type CountedFor } from "../scores/counted.js";
import { countedOrNone } from "../scores/counted-guard.js";
import { occurrenceSourceKey, occurrenceSourceKeySql, participantsOf, recordParticipation, revokeParticipation } from "../participation/participation.js";
import { getOccurrence, listManageable, type Occurrence } from "./events.js";
import { CHECKIN_CLOSES_AFTER_MS, CHECKIN_OPENS_BEFORE_MS } from "./checkin-window.js";

/** Codes are read aloud at the pos kamling: no 0/O or 1/I to mix up. */
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CHECKIN_CODE_LENGTH = 6;
/** Check-in opens a little before the start and stays open a little after the end (checkin-window.ts). */
export { CHECKIN_CLOSES_AFTER_MS, CHECKIN_OPENS_BEFORE_MS };
/**
 * The ketua's checklist (/absen) reaches back this many days after an occurrence ended; the
 * checklist offers these occurrences and a tick is taken for nothing else.
 */
export const ATTENDANCE_PAST_DAYS = 7;

export function normaliseCode(text: string): string {
  return text.normalize("NFKC").replace(/[\s-]/g, "").toUpperCase();
}

/**
 * Codes always hold a digit, so an ordinary six-letter word typed to the bot ("MANTAP", "SIAPPP")
 * is not mistaken for one.
 */
export function looksLikeCode(text: string): boolean {
  const code = normaliseCode(text);
  return new RegExp(`^[${CODE_ALPHABET}]{${CHECKIN_CODE_LENGTH}}$`).test(code) && /\d/.test(code);
}

function drawCode(): string {
  for (;;) {
    const code = Array.from({ length: CHECKIN_CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
    if (/\d/.test(code)) return code;
  }
}

function windowOf(occurrence: Occurrence): { opens: number; closes: number } {
  return { opens: occurrence.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS, closes: occurrence.endsAt.getTime() + CHECKIN_CLOSES_AFTER_MS };
}

/** The ketua or a petugas of the occurrence's RT. */
function canRunAttendance(actor: Actor, rtId: number): boolean {
  return actor.grants.some((grant) => (grant.role === "ketua_rt" || grant.role === "petugas") && grant.rtId === rtId);
}

/**
 * What /absen and /kodehadir offer an officer of the RT: not cancelled, check-in open or over,
 * ended at most ATTENDANCE_PAST_DAYS ago; oldest first.
 */
export async function listAttendanceOccurrences(db: Database, params: { rtId: number; now: Date }): Promise<Occurrence[]> {
  const { rtId, now } = params;
  const items = await listManageable(db, rtId, now, ATTENDANCE_PAST_DAYS, 1);
  return items.filter((occurrence) => checklistRefusal(occurrence, now) === null);
}

/** Why the checklist of this occurrence is not open now (null: it is); the same rule as the list. */
function checklistRefusal(occurrence: Occurrence, now: Date): "event-cancelled" | "checkin-not-open" | "checkin-closed" | null {
  if (occurrence.cancelledAt) return "event-cancelled";
  if (occurrence.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS > now.getTime()) return "checkin-not-open";
  if (occurrence.endsAt.getTime() <= now.getTime() - ATTENDANCE_PAST_DAYS * 86_400_000) return "checkin-closed";
  return null;
}

/**
 * The checklist of an occurrence, shown (or paged) only to an officer of its RT and only while
 * /absen would offer it: a forged or old button gets the same refusal as a tick would.
 */
export async function openChecklist(db: Database, actor: Actor, params: { occurrenceId: number; now: Date }): Promise<Occurrence> {
  const occurrence = await getOccurrence(db, params.occurrenceId);
  if (!canRunAttendance(actor, occurrence.rtId)) throw new DomainError("not-allowed");
  const refusal = checklistRefusal(occurrence, params.now);
  if (refusal) throw new DomainError(refusal);
  return occurrence;
}

/** Shows the occurrence's check-in code, creating it the first time. Only while check-in is open. */
export async function openCheckin(db: Database, actor: Actor, occurrenceId: number, now: Date): Promise<{ code: string; closesAt: Date; occurrence: Occurrence }> {
  const occurrence = await getOccurrence(db, occurrenceId);
  if (!canRunAttendance(actor, occurrence.rtId)) throw new DomainError("not-allowed");
  if (occurrence.cancelledAt) throw new DomainError("event-cancelled");
  const window = windowOf(occurrence);
  if (now.getTime() < window.opens) throw new DomainError("checkin-not-open");
  if (now.getTime() > window.closes) throw new DomainError("checkin-closed");
  if (occurrence.checkinCode) return { code: occurrence.checkinCode, closesAt: new Date(window.closes), occurrence };
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = drawCode();
    try {
      // Conditional: two officers opening at once both end up showing the same code.
      await db.update(eventOccurrence).set({ checkinCode: code }).where(and(eq(eventOccurrence.id, occurrenceId), isNull(eventOccurrence.checkinCode)));
      const current = await getOccurrence(db, occurrenceId);
      return { code: current.checkinCode!, closesAt: new Date(window.closes), occurrence: current };
    } catch (error) {
      if (attempt === 4) throw error; // a code already in use elsewhere: draw again
    }
  }
  throw new Error("unreachable");
}

/**
 * checkIn's one statement, built once (preparedOnce): the occurrence by its code and, where every
 * rule holds (`member`: the sender is an active member; their RT; the window, as `startsBy` and
 * `endsFrom`), its record written beside it, as recordParticipation writes it (a record made now is
 * never of an earlier week, so no kept fading flags go). `written` says whether it wrote.
 */
const checkInStatement = preparedOnce<{ code: string; member: boolean; person: number; household: string | null; now: string; rt: number; startsBy: string; endsFrom: string }, { occurrence: Occurrence; written: boolean }[]>("check_in", (db) => {
  const at = sql<Date>`${sql.placeholder("now")}::timestamptz`;
  const person = sql<number>`${sql.placeholder("person")}::int`;
  const written = db.$with("written").as(
    db
      .insert(participation)
      .select(
        db
          .select({
            // An insert … select lists every column: the id as its default would draw it.
            id: sql<number>`nextval(pg_get_serial_sequence('participation', 'id'))`.as("id"),
            sourceKey: occurrenceSourceKeySql(eventOccurrence.id, person).as("source_key"),
            rtId: eventOccurrence.rtId,
            personId: sql<number>`${person}`.as("person_id"),
            householdLabel: sql<string | null>`${sql.placeholder("household")}::text`.as("household_label"),
            kind: sql`${eventOccurrence.kind}::text::participation_kind`.as("kind"),
            occurredAt: sql<Date>`${at}`.as("occurred_at"),
            verified: sql<boolean>`true`.as("verified"),
            source: sql<string>`'checkin-code'`.as("source"),
            occurrenceId: eventOccurrence.id,
            recordedBy: sql<number>`${person}`.as("recorded_by"),
            recordedAt: sql<Date>`${at}`.as("recorded_at"),
            revokedAt: sql<Date | null>`null::timestamptz`.as("revoked_at"),
          })
          .from(eventOccurrence)
          .where(
            and(
              eq(eventOccurrence.checkinCode, sql.placeholder("code")),
              sql`${sql.placeholder("member")}::boolean`,
              isNull(eventOccurrence.cancelledAt),
              eq(eventOccurrence.rtId, sql.placeholder("rt")),
              lte(eventOccurrence.startsAt, sql`${sql.placeholder("startsBy")}::timestamptz`),
              gte(eventOccurrence.endsAt, sql`${sql.placeholder("endsFrom")}::timestamptz`),
            ),
          ),
      )
      .onConflictDoNothing({ target: participation.sourceKey })
      .returning({ id: participation.id }),
  );
  return db
    .with(written)
    .select({ occurrence: eventOccurrence, written: sql<boolean>`exists (select 1 from ${written})` })
    .from(eventOccurrence)
    .where(eq(eventOccurrence.checkinCode, sql.placeholder("code")));
});

/**
 * A resident sends the code: inside the window, for their own RT, once. Returns whether this
 * call recorded it (false: already checked in).
 */
export async function checkIn(db: Database, actor: Actor, text: string, now: Date): Promise<{ occurrence: Occurrence; recorded: boolean; counted: CountedFor | null }> {
  const code = normaliseCode(text);
  const member = actor.person && actor.membership?.status === "active" ? { personId: actor.person.id, rtId: actor.membership.rtId, householdLabel: actor.membership.householdLabel } : null;
  // One statement for the check-in that holds (nearly all): the occurrence by its code and, where
  // every rule below holds, its record written beside it (as recordParticipation writes it; a
  // record made now is never of an earlier week, so no kept fading flags go). The rule broken, or
  // a record already there, is worked out from the row when nothing was written.
  const [row] = await checkInStatement(db, {
    code,
    member: member !== null,
    person: member?.personId ?? 0,
    household: member?.householdLabel ?? null,
    now: now.toISOString(),
    rt: member?.rtId ?? 0,
    startsBy: new Date(now.getTime() + CHECKIN_OPENS_BEFORE_MS).toISOString(),
    endsFrom: new Date(now.getTime() - CHECKIN_CLOSES_AFTER_MS).toISOString(),
  });
  const occurrence = row?.occurrence;
  if (!occurrence || occurrence.cancelledAt) throw new DomainError("checkin-code-invalid");
  if (!row.written) {
    if (!actor.person || actor.membership?.status !== "active") throw new DomainError("not-registered");
    if (actor.membership.rtId !== occurrence.rtId) throw new DomainError("checkin-wrong-rt");
    const window = windowOf(occurrence);
    if (now.getTime() < window.opens) throw new DomainError("checkin-not-open");
    if (now.getTime() > window.closes) throw new DomainError("checkin-closed");
  }
  // Already there: a second check-in writes nothing, and a record taken back is given back.
  const recorded =
    row.written ||
    (await recordParticipation(
      db,
      {
        sourceKey: occurrenceSourceKey(occurrence.id, actor.person!.id),
        rtId: occurrence.rtId,
        personId: actor.person!.id,
        householdLabel: actor.membership!.householdLabel,
        kind: occurrence.kind,
        occurredAt: now,
        verified: true,
        source: "checkin-code",
        occurrenceId: occurrence.id,
        recordedBy: actor.person!.id,
      },
      now,
    ));
  // What it counted for (issue 17): one query, the RT's standing on the indicator the kind feeds.
  const counted = await countedOrNone(db, (read) => countedForOccurrence(read, { rtId: occurrence.rtId, occurrenceId: occurrence.id, kind: occurrence.kind, now }));
  return { occurrence, recorded, counted };
}

/**
 * The ketua ticks (or unticks) a member on the checklist after the event. The button carries the
 * intended state, so a double tap changes nothing twice.
 */
export async function tickAttendance(
  db: Database,
  actor: Actor,
  params: { occurrenceId: number; membershipId: number; present: boolean },
  now: Date,
): Promise<{ changed: boolean; occurrence: Occurrence }> {
  const { occurrenceId, membershipId, present } = params;
  return db.transaction(async (tx) => {
    // The occurrence row is locked, so a cancellation made meanwhile is seen, not written past.
    const [occurrence] = await tx.select().from(eventOccurrence).where(eq(eventOccurrence.id, occurrenceId)).for("update");
    if (!occurrence) throw new DomainError("event-not-found");
    if (!canRunAttendance(actor, occurrence.rtId)) throw new DomainError("not-allowed");
    const refusal = checklistRefusal(occurrence, now);
    if (refusal) throw new DomainError(refusal);
    const [member] = await tx.select().from(membership).where(and(eq(membership.id, membershipId), eq(membership.rtId, occurrence.rtId), eq(membership.status, "active")));
    if (!member) throw new DomainError("member-not-found");
    const sourceKey = occurrenceSourceKey(occurrence.id, member.personId);
    const changed = present
      ? await recordParticipation(
          tx,
          {
            sourceKey,
            rtId: occurrence.rtId,
            personId: member.personId,
            householdLabel: member.householdLabel,
            kind: occurrence.kind,
            occurredAt: occurrence.startsAt,
            verified: true,
            source: "ketua-checklist",
            occurrenceId: occurrence.id,
            recordedBy: actor.person?.id ?? null,
          },
          now,
        )
      : await revokeParticipation(tx, sourceKey, now);
    return { changed, occurrence };
  });
}

export async function attendeeIds(db: Database, occurrenceId: number): Promise<Set<number>> {
  return new Set((await participantsOf(db, occurrenceId)).map((row) => row.personId));
}

/** A ronda shift is staffed when everyone assigned to it checked in. */
export async function shiftStaffing(db: Database, occurrenceId: number): Promise<{ assigned: number; present: number; staffed: boolean }> {
  const assigned = await db.select({ personId: shiftAssignment.personId }).from(shiftAssignment).where(eq(shiftAssignment.occurrenceId, occurrenceId));
  const present = await attendeeIds(db, occurrenceId);
  const here = assigned.filter((a) => present.has(a.personId)).length;
  return { assigned: assigned.length, present: here, staffed: assigned.length > 0 && here === assigned.length };
}
