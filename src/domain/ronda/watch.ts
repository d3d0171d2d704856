import { and, asc, count, eq, gt, gte, inArray, isNull, lt, ne, notInArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { event, eventOccurrence, membership, person, rondaSetup, rondaVolunteer, shiftAssignment, swapRequest } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";
import { requireHeadedRt, type Actor } from "../people/actor.js";
import { addDays, formatLocalDate, weekdayOf, wibDate, wibInstant, wibParts, type LocalTime } from "../schedule/wib.js";
import { generateRota, type RotaNight } from "./rota.js";

export type RondaSetupInput = { nights: number[]; start: LocalTime; end: LocalTime; post: string; perShift: number };
export type RondaSetup = typeof rondaSetup.$inferSelect;

export const ROTA_WEEKS_MAX = 12;

const clock = (time: LocalTime) => `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`;
const parseClock = (text: string): LocalTime => ({ hour: Number(text.slice(0, 2)), minute: Number(text.slice(3, 5)) });

/** The ketua sets the watch: which nights, from when to when, where, how many per shift. */
export async function saveRondaSetup(db: Database, actor: Actor, input: RondaSetupInput, now: Date): Promise<RondaSetup> {
  const rtId = requireHeadedRt(actor);
  const nights = [...new Set(input.nights)].filter((n) => n >= 0 && n <= 6).sort();
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(rondaSetup).where(eq(rondaSetup.rtId, rtId));
    let eventId = existing?.eventId ?? null;
    const minutes = ((input.end.hour * 60 + input.end.minute) - (input.start.hour * 60 + input.start.minute) + 1440) % 1440 || 1440;
    if (eventId === null) {
      // The rota's nights are occurrences of one ronda event, so RSVPs, check-in and reminders work as for any event.
      const [created] = await tx
        .insert(event)
        .values({ rtId, kind: "ronda", place: input.post, notes: null, firstStartsAt: now, durationMinutes: minutes, recurrence: { kind: "none" }, createdBy: actor.person?.id ?? null, createdAt: now })
        .returning({ id: event.id });
      eventId = created!.id;
    } else {
      await tx.update(event).set({ place: input.post, durationMinutes: minutes }).where(eq(event.id, eventId));
    }
    const values = { rtId, nights, startTime: clock(input.start), endTime: clock(input.end), post: input.post, perShift: input.perShift, eventId, updatedAt: now };
    const [saved] = await tx.insert(rondaSetup).values(values).onConflictDoUpdate({ target: rondaSetup.rtId, set: values }).returning();
    return saved!;
  });
}

export async function findRondaSetup(db: Database, rtId: number): Promise<RondaSetup | undefined> {
  return (await db.select().from(rondaSetup).where(eq(rondaSetup.rtId, rtId)))[0];
}

function requireMember(actor: Actor): { personId: number; rtId: number } {
  if (!actor.person || actor.membership?.status !== "active") throw new DomainError("not-registered");
  return { personId: actor.person.id, rtId: actor.membership.rtId };
}

export type VolunteerState = { volunteering: boolean; unavailableWeekdays: number[] };

export async function volunteerState(db: Database, actor: Actor): Promise<VolunteerState> {
  const { personId, rtId } = requireMember(actor);
  const [row] = await db.select().from(rondaVolunteer).where(and(eq(rondaVolunteer.rtId, rtId), eq(rondaVolunteer.personId, personId)));
  return { volunteering: !!row && row.leftAt === null, unavailableWeekdays: row?.unavailableWeekdays ?? [] };
}

/** /siapronda: opt in or out of the watch. */
export async function setVolunteering(db: Database, actor: Actor, on: boolean, now: Date): Promise<VolunteerState> {
  const { personId, rtId } = requireMember(actor);
  await db
    .insert(rondaVolunteer)
    .values({ rtId, personId, joinedAt: now, leftAt: on ? null : now })
    .onConflictDoUpdate({ target: [rondaVolunteer.rtId, rondaVolunteer.personId], set: on ? { leftAt: null } : { leftAt: now } });
  return volunteerState(db, actor);
}

/** The nights of the week a volunteer cannot do; the button carries the state it sets. */
export async function setUnavailableWeekday(db: Database, actor: Actor, weekday: number, unavailable: boolean): Promise<VolunteerState> {
  const { personId, rtId } = requireMember(actor);
  const change = unavailable
    ? sql`(select array_agg(distinct d order by d) from unnest(array_append(${rondaVolunteer.unavailableWeekdays}, ${weekday}::smallint)) d)`
    : sql`array_remove(${rondaVolunteer.unavailableWeekdays}, ${weekday}::smallint)`;
  await db.update(rondaVolunteer).set({ unavailableWeekdays: change }).where(and(eq(rondaVolunteer.rtId, rtId), eq(rondaVolunteer.personId, personId)));
  return volunteerState(db, actor);
}

export type ShiftView = { occurrenceId: number; startsAt: Date; endsAt: Date; people: { personId: number; name: string | null }[] };

async function shiftsOf(db: Database, occurrenceIds: number[]): Promise<ShiftView[]> {
  if (occurrenceIds.length === 0) return [];
  const occurrences = await db.select().from(eventOccurrence).where(inArray(eventOccurrence.id, occurrenceIds)).orderBy(asc(eventOccurrence.startsAt));
  const people = await db
    .select({ occurrenceId: shiftAssignment.occurrenceId, personId: shiftAssignment.personId, name: person.displayName })
    .from(shiftAssignment)
    .innerJoin(person, eq(person.id, shiftAssignment.personId))
    .where(inArray(shiftAssignment.occurrenceId, occurrenceIds))
    .orderBy(asc(person.displayName));
  return occurrences.map((o) => ({ occurrenceId: o.id, startsAt: o.startsAt, endsAt: o.endsAt, people: people.filter((p) => p.occurrenceId === o.id).map(({ personId, name }) => ({ personId, name })) }));
}

/**
 * Refuses at once what generateShifts would refuse (no watch set up, nobody volunteering), so the
 * ketua hears it before the rota is built in the background. generateShifts checks again.
 */
export async function requireRotaReady(db: Database, actor: Actor): Promise<void> {
  const rtId = requireHeadedRt(actor);
  const setup = await findRondaSetup(db, rtId);
  if (!setup || setup.nights.length === 0) throw new DomainError("ronda-not-set-up");
  const [volunteer] = await db
    .select({ id: rondaVolunteer.personId })
    .from(rondaVolunteer)
    .innerJoin(membership, and(eq(membership.personId, rondaVolunteer.personId), eq(membership.rtId, rtId), eq(membership.status, "active")))
    .where(and(eq(rondaVolunteer.rtId, rtId), isNull(rondaVolunteer.leftAt)))
    .limit(1);
  if (!volunteer) throw new DomainError("ronda-no-volunteers");
}

/**
 * Generates a fair rota for the next `weeks` weeks (from tomorrow, WIB) and saves it: the
 * nights become occurrences of the RT's ronda event, and their rota assignments are replaced.
 * Swaps already agreed stay as they are.
 */
export async function generateShifts(db: Database, actor: Actor, weeks: number, now: Date): Promise<{ shifts: ShiftView[]; shortfalls: { occurrenceId: number; missing: number }[] }> {
  const rtId = requireHeadedRt(actor);
  const setup = await findRondaSetup(db, rtId);
  if (!setup || setup.nights.length === 0) throw new DomainError("ronda-not-set-up");
  const start = parseClock(setup.startTime);
  const end = parseClock(setup.endTime);
  const overnight = end.hour * 60 + end.minute <= start.hour * 60 + start.minute;
  const today = wibDate(now);
  const days = Math.min(weeks, ROTA_WEEKS_MAX) * 7;
  const windowStart = wibInstant(addDays(today, 1), { hour: 0, minute: 0 });
  const windowEnd = wibInstant(addDays(today, days + 1), { hour: 0, minute: 0 });
  const nights: (RotaNight & { startsAt: Date; endsAt: Date })[] = [];
  for (let offset = 1; offset <= days; offset++) {
    const date = addDays(today, offset);
    const weekday = weekdayOf(date);
    if (!setup.nights.includes(weekday)) continue;
    nights.push({ key: formatLocalDate(date), date: formatLocalDate(date), weekday, startsAt: wibInstant(date, start), endsAt: wibInstant(overnight ? addDays(date, 1) : date, end) });
  }

  return db.transaction(async (tx) => {
    const volunteers = await tx
      .select({
        id: rondaVolunteer.personId,
        unavailableWeekdays: rondaVolunteer.unavailableWeekdays,
        unavailableDates: rondaVolunteer.unavailableDates,
        // `now` as text: a Date inside raw sql reaches postgres.js unserialised and fails (PGlite lets it pass).
        priorShifts: sql<number>`(select count(*) from ${shiftAssignment} s join ${eventOccurrence} o on o.id = s.occurrence_id where s.person_id = ${rondaVolunteer.personId} and o.rt_id = ${rtId} and o.starts_at < ${now.toISOString()}::timestamptz)`.mapWith(Number),
      })
      .from(rondaVolunteer)
      .innerJoin(membership, and(eq(membership.personId, rondaVolunteer.personId), eq(membership.rtId, rtId), eq(membership.status, "active")))
      .where(and(eq(rondaVolunteer.rtId, rtId), isNull(rondaVolunteer.leftAt)))
      .orderBy(asc(rondaVolunteer.personId));
    if (volunteers.length === 0) throw new DomainError("ronda-no-volunteers");

    // The rota's nights are the setup's now: one taken off before and set again is a watch night again.
    const inserted = await tx
      .insert(eventOccurrence)
      .values(nights.map((n) => ({ eventId: setup.eventId!, rtId, kind: "ronda" as const, startsAt: n.startsAt, endsAt: n.endsAt, place: setup.post, shiftSize: setup.perShift })))
      .onConflictDoUpdate({ target: [eventOccurrence.eventId, eventOccurrence.startsAt], set: { endsAt: sql`excluded.ends_at`, place: sql`excluded.place`, shiftSize: sql`excluded.shift_size`, cancelledAt: null } })
      .returning({ id: eventOccurrence.id, startsAt: eventOccurrence.startsAt });
    const occurrenceOf = new Map(inserted.map((row) => [row.startsAt.getTime(), row.id]));
    const ids = nights.map((n) => occurrenceOf.get(n.startsAt.getTime())!);
    // Nights of an earlier rota in these weeks that the setup no longer has (a night dropped, other hours): nobody watches then.
    await tx
      .update(eventOccurrence)
      .set({ cancelledAt: now })
      .where(and(eq(eventOccurrence.eventId, setup.eventId!), gte(eventOccurrence.startsAt, windowStart), lt(eventOccurrence.startsAt, windowEnd), isNull(eventOccurrence.cancelledAt), notInArray(eventOccurrence.id, ids)));

    await tx.delete(shiftAssignment).where(and(inArray(shiftAssignment.occurrenceId, ids), eq(shiftAssignment.source, "rota")));
    const kept = await tx.select().from(shiftAssignment).where(inArray(shiftAssignment.occurrenceId, ids));
    // Agreed swaps stay: whoever took a night keeps it and fills a place on it, and whoever handed it over is not put back.
    const handedOver = await tx.select({ occurrenceId: swapRequest.occurrenceId, personId: swapRequest.fromPersonId }).from(swapRequest).where(and(inArray(swapRequest.occurrenceId, ids), eq(swapRequest.status, "accepted")));
    const busyOn = (index: number) => [...kept, ...handedOver].filter((a) => a.occurrenceId === ids[index]).map((a) => a.personId);
    const rota = generateRota({
      nights: nights.map((n, index) => ({ ...n, needed: Math.max(0, setup.perShift - kept.filter((k) => k.occurrenceId === ids[index]).length) })),
      perShift: setup.perShift,
      volunteers: volunteers.map((v) => ({ ...v, unavailableDates: [...v.unavailableDates, ...nights.filter((_, index) => busyOn(index).includes(v.id)).map((n) => n.date)] })),
    });
    const rows = rota.assignments.flatMap((assignment, index) =>
      assignment.volunteerIds
        .filter((personId) => !kept.some((k) => k.occurrenceId === ids[index] && k.personId === personId))
        .map((personId) => ({ occurrenceId: ids[index]!, personId, assignedAt: now, source: "rota" })),
    );
    if (rows.length > 0) await tx.insert(shiftAssignment).values(rows);
    const shortfalls = rota.shortfalls.map((s) => ({ occurrenceId: ids[nights.findIndex((n) => n.key === s.nightKey)]!, missing: s.missing }));
    return { shifts: await shiftsOf(tx, ids), shortfalls };
  });
}

/** A person's coming shifts. */
export async function myShifts(db: Database, personId: number, now: Date): Promise<ShiftView[]> {
  const rows = await db
    .select({ id: eventOccurrence.id })
    .from(shiftAssignment)
    .innerJoin(eventOccurrence, eq(eventOccurrence.id, shiftAssignment.occurrenceId))
    .where(and(eq(shiftAssignment.personId, personId), gt(eventOccurrence.startsAt, now), isNull(eventOccurrence.cancelledAt)));
  return shiftsOf(db, rows.map((row) => row.id));
}

/** The RT's coming shifts, for the rota table. */
export async function upcomingShifts(db: Database, rtId: number, now: Date, days = 28): Promise<ShiftView[]> {
  const rows = await db
    .select({ id: eventOccurrence.id })
    .from(eventOccurrence)
    .where(and(eq(eventOccurrence.rtId, rtId), eq(eventOccurrence.kind, "ronda"), gt(eventOccurrence.startsAt, now), lt(eventOccurrence.startsAt, new Date(now.getTime() + days * 86_400_000)), isNull(eventOccurrence.cancelledAt)));
  return shiftsOf(db, rows.map((row) => row.id));
}

export type Candidate = { personId: number; telegramId: number; locale: string };

/** Asks to swap a shift: the other volunteers free that night are returned, to be asked. */
export async function requestSwap(db: Database, actor: Actor, occurrenceId: number, now: Date): Promise<{ swapId: number; candidates: Candidate[]; startsAt: Date }> {
  const { personId, rtId } = requireMember(actor);
  const [assigned] = await db
    .select({ startsAt: eventOccurrence.startsAt })
    .from(shiftAssignment)
    .innerJoin(eventOccurrence, eq(eventOccurrence.id, shiftAssignment.occurrenceId))
    .where(and(eq(shiftAssignment.occurrenceId, occurrenceId), eq(shiftAssignment.personId, personId), gt(eventOccurrence.startsAt, now)));
  if (!assigned) throw new DomainError("shift-not-found");
  return { ...(await openSwapRequest(db, { occurrenceId, fromPersonId: personId, rtId, startsAt: assigned.startsAt, now })), startsAt: assigned.startsAt };
}

/**
 * Opens (or finds the open) request to take `fromPersonId`'s place on a night, and returns the
 * volunteers of the RT free that night who are not on it: those to ask. The one open request per
 * night and person (a unique index) makes asking twice the same request.
 */
export async function openSwapRequest(
  db: Database,
  params: { occurrenceId: number; fromPersonId: number; rtId: number; startsAt: Date; now: Date },
): Promise<{ swapId: number; candidates: Candidate[] }> {
  const { occurrenceId, fromPersonId, rtId, startsAt, now } = params;
  const [created] = await db
    .insert(swapRequest)
    .values({ occurrenceId, fromPersonId, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: swapRequest.id });
  const swapId = created?.id ?? (await db.select({ id: swapRequest.id }).from(swapRequest).where(and(eq(swapRequest.occurrenceId, occurrenceId), eq(swapRequest.fromPersonId, fromPersonId), eq(swapRequest.status, "open"))))[0]!.id;
  const weekday = wibParts(startsAt).weekday;
  const date = formatLocalDate(wibParts(startsAt));
  const candidates = await db
    .select({ personId: person.id, telegramId: person.telegramId, locale: person.locale })
    .from(rondaVolunteer)
    .innerJoin(person, eq(person.id, rondaVolunteer.personId))
    .innerJoin(membership, and(eq(membership.personId, person.id), eq(membership.rtId, rtId), eq(membership.status, "active")))
    .where(
      and(
        eq(rondaVolunteer.rtId, rtId),
        isNull(rondaVolunteer.leftAt),
        ne(person.id, fromPersonId),
        sql`not (${weekday}::smallint = any(${rondaVolunteer.unavailableWeekdays}))`,
        sql`not (${date} = any(${rondaVolunteer.unavailableDates}))`,
        sql`not exists (select 1 from ${shiftAssignment} s where s.occurrence_id = ${occurrenceId} and s.person_id = ${person.id})`,
      ),
    );
  return { swapId, candidates: candidates.flatMap((c) => (c.telegramId === null ? [] : [{ personId: c.personId, telegramId: c.telegramId, locale: c.locale }])) };
}

/** Withdraws the open request to swap one's night (the resident answered "Akan hadir" after all); the request's id, null when none was open. */
export async function withdrawSwapRequest(db: Database, params: { occurrenceId: number; personId: number; now: Date }): Promise<number | null> {
  const rows = await db
    .update(swapRequest)
    .set({ status: "cancelled", decidedAt: params.now })
    .where(and(eq(swapRequest.occurrenceId, params.occurrenceId), eq(swapRequest.fromPersonId, params.personId), eq(swapRequest.status, "open")))
    .returning({ id: swapRequest.id });
  return rows[0]?.id ?? null;
}

/**
 * Takes over a shift someone asked to swap. The request is closed by a conditional update, so
 * of two people tapping "Ambil" only the first gets the shift.
 */
export async function acceptSwap(
  db: Database,
  actor: Actor,
  swapId: number,
  now: Date,
): Promise<{ occurrenceId: number; startsAt: Date; rtId: number; freed: boolean; from: { personId: number; telegramId: number | null; name: string | null } }> {
  const { personId, rtId } = requireMember(actor);
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(swapRequest).where(eq(swapRequest.id, swapId));
    if (!request) throw new DomainError("swap-not-open");
    if (request.fromPersonId === personId) throw new DomainError("swap-own");
    const [occurrence] = await tx.select().from(eventOccurrence).where(eq(eventOccurrence.id, request.occurrenceId));
    if (!occurrence || occurrence.rtId !== rtId) throw new DomainError("not-allowed");
    // Offers go to those taking part in the watch; a forged tap from anyone else takes nothing.
    const [volunteer] = await tx.select({ leftAt: rondaVolunteer.leftAt }).from(rondaVolunteer).where(and(eq(rondaVolunteer.rtId, rtId), eq(rondaVolunteer.personId, personId)));
    if (!volunteer || volunteer.leftAt !== null) throw new DomainError("not-allowed");
    const onIt = await tx.select().from(shiftAssignment).where(and(eq(shiftAssignment.occurrenceId, request.occurrenceId), eq(shiftAssignment.personId, personId)));
    if (onIt.length > 0) throw new DomainError("swap-already-on-shift");
    // The offer stands while the night is ahead and still the requester's (a rota made again may have moved them off it),
    // or, for a night freed by someone who left the RT (see gaps.ts), while it still has a place to fill.
    const [stillTheirs] = await tx.select().from(shiftAssignment).where(and(eq(shiftAssignment.occurrenceId, request.occurrenceId), eq(shiftAssignment.personId, request.fromPersonId)));
    const freed = !stillTheirs && (await freedNightHasPlace(tx, { occurrenceId: request.occurrenceId, fromPersonId: request.fromPersonId, rtId, shiftSize: occurrence.shiftSize }));
    if ((!stillTheirs && !freed) || occurrence.cancelledAt || occurrence.startsAt.getTime() <= now.getTime()) throw new DomainError("swap-not-open");
    const [taken] = await tx
      .update(swapRequest)
      .set({ status: "accepted", toPersonId: personId, decidedAt: now })
      .where(and(eq(swapRequest.id, swapId), eq(swapRequest.status, "open")))
      .returning();
    if (!taken) throw new DomainError("swap-not-open");
    await tx.delete(shiftAssignment).where(and(eq(shiftAssignment.occurrenceId, request.occurrenceId), eq(shiftAssignment.personId, request.fromPersonId)));
    await tx.insert(shiftAssignment).values({ occurrenceId: request.occurrenceId, personId, assignedAt: now, source: `swap:${swapId}` });
    const [from] = await tx.select({ telegramId: person.telegramId, name: person.displayName }).from(person).where(eq(person.id, request.fromPersonId));
    return { occurrenceId: request.occurrenceId, startsAt: occurrence.startsAt, rtId, freed, from: { personId: request.fromPersonId, telegramId: from?.telegramId ?? null, name: from?.name ?? null } };
  });
}

/** A night someone left behind: they are no longer an active member of the RT, and the night is short of people. */
async function freedNightHasPlace(db: Database, params: { occurrenceId: number; fromPersonId: number; rtId: number; shiftSize: number | null }): Promise<boolean> {
  const [stillMember] = await db.select({ id: membership.id }).from(membership).where(and(eq(membership.personId, params.fromPersonId), eq(membership.rtId, params.rtId), eq(membership.status, "active")));
  if (stillMember) return false;
  const size = params.shiftSize ?? (await findRondaSetup(db, params.rtId))?.perShift ?? 1;
  const [on] = await db.select({ n: count() }).from(shiftAssignment).where(eq(shiftAssignment.occurrenceId, params.occurrenceId));
  return (on?.n ?? 0) < size;
}
