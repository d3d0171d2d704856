import { and, asc, eq, gte, isNull, lte } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { eventOccurrence, shiftAssignment } from "../../db/schema/index.js";
import { CHECKIN_CLOSES_AFTER_MS, CHECKIN_OPENS_BEFORE_MS } from "../events/attendance.js";
import { formatClock } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { countedForOccurrence, type CountedFor } from "../scores/counted.js";
import { countedOrNone } from "../scores/counted-guard.js";
import { occurrenceSourceKey, participantsOf, recordParticipation } from "../participation/participation.js";

/**
 * The shift checks itself in: whoever is on a ronda night presses "Saya sudah hadir ronda" inside
 * the night's window (the same window as a check-in code: from 30 minutes before the start to 30
 * minutes after the end), so nobody has to open a code at 22.00. It writes the very record a code
 * writes (same source key), so a code and the button together count once, and the A2 metric counts it alike.
 */
export const RONDA_BUTTON_SOURCE = "ronda-button";

export type DutyNow = { occurrenceId: number; startsAt: Date; endsAt: Date; place: string; recorded: boolean };

function activeMember(actor: Actor): { personId: number; rtId: number; householdLabel: string | null } {
  if (!actor.person || actor.membership?.status !== "active") throw new DomainError("not-registered");
  return { personId: actor.person.id, rtId: actor.membership.rtId, householdLabel: actor.membership.householdLabel };
}

/** The person's ronda nights in their RT whose check-in window is open now, with whether they are in already. */
export async function dutyNow(db: Database, actor: Actor, now: Date): Promise<DutyNow[]> {
  const { personId, rtId } = activeMember(actor);
  const rows = await db
    .select({ occurrenceId: eventOccurrence.id, startsAt: eventOccurrence.startsAt, endsAt: eventOccurrence.endsAt, place: eventOccurrence.place })
    .from(shiftAssignment)
    .innerJoin(eventOccurrence, eq(eventOccurrence.id, shiftAssignment.occurrenceId))
    .where(
      and(
        eq(shiftAssignment.personId, personId),
        eq(eventOccurrence.rtId, rtId),
        eq(eventOccurrence.kind, "ronda"),
        isNull(eventOccurrence.cancelledAt),
        lte(eventOccurrence.startsAt, new Date(now.getTime() + CHECKIN_OPENS_BEFORE_MS)),
        gte(eventOccurrence.endsAt, new Date(now.getTime() - CHECKIN_CLOSES_AFTER_MS)),
      ),
    )
    .orderBy(asc(eventOccurrence.startsAt));
  const result: DutyNow[] = [];
  for (const row of rows) {
    const present = await participantsOf(db, row.occurrenceId);
    result.push({ ...row, recorded: present.some((p) => p.personId === personId) });
  }
  return result;
}

/**
 * "Saya sudah hadir ronda": only on one's own night in one's own RT, only inside its window.
 * Returns whether this press recorded it (false: already in, by the button or a code).
 */
export async function checkInOnDuty(db: Database, actor: Actor, params: { occurrenceId: number; now: Date }): Promise<{ recorded: boolean; startsAt: Date; counted: CountedFor | null }> {
  const { personId, rtId, householdLabel } = activeMember(actor);
  const { occurrenceId, now } = params;
  const [occurrence] = await db.select().from(eventOccurrence).where(eq(eventOccurrence.id, occurrenceId));
  if (!occurrence || occurrence.rtId !== rtId || occurrence.kind !== "ronda") throw new DomainError("not-allowed");
  if (occurrence.cancelledAt) throw new DomainError("event-cancelled");
  const [onIt] = await db.select().from(shiftAssignment).where(and(eq(shiftAssignment.occurrenceId, occurrenceId), eq(shiftAssignment.personId, personId)));
  if (!onIt) throw new DomainError("ronda-not-on-duty");
  const opensAt = new Date(occurrence.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS);
  // The 17.00 reminder carries the button, so an early press says from when it works.
  if (now.getTime() < opensAt.getTime()) throw new DomainError("ronda-present-not-open", { time: formatClock(opensAt, supportedLocale(actor.person?.locale)) });
  if (now.getTime() > occurrence.endsAt.getTime() + CHECKIN_CLOSES_AFTER_MS) throw new DomainError("ronda-present-closed");
  const recorded = await recordParticipation(
    db,
    {
      sourceKey: occurrenceSourceKey(occurrenceId, personId),
      rtId,
      personId,
      householdLabel,
      kind: "ronda",
      occurredAt: now,
      verified: true,
      source: RONDA_BUTTON_SOURCE,
      occurrenceId,
      recordedBy: personId,
    },
    now,
  );
  // What it counted for (issue 17): A2, the shifts staffed in the window.
  const counted = await countedOrNone(db, (read) => countedForOccurrence(read, { rtId, occurrenceId, kind: "ronda", now }));
  return { recorded, startsAt: occurrence.startsAt, counted };
}
