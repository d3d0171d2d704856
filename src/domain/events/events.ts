import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt, ne, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { preparedOnce } from "../../db/prepared.js";
import { event, eventOccurrence, membership, participation, person, rondaVolunteer, rsvp, shiftAssignment } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";
import { requireHeadedRt, type Actor } from "../people/actor.js";
import { occurrences, type Recurrence, type RecurrenceKind } from "../schedule/recurrence.js";
import { wibParts } from "../schedule/wib.js";

export type EventKind = (typeof event.kind.enumValues)[number];
export type RsvpAnswer = (typeof rsvp.answer.enumValues)[number];

/** In the order /acara offers them: the RT's own activities, then those of its groups, "lainnya" last. */
export const EVENT_KINDS: readonly EventKind[] = [
  "gotong_royong", "ronda", "rapat", "kerja_bakti_sanitasi", "kebun_toga", "senam_lansia", "posyandu", "pengajian", "yasinan", "karang_taruna", "pkk", "lainnya",
];
export const RSVP_ANSWERS: readonly RsvpAnswer[] = ["hadir", "tidak", "mungkin"];
/** The repetitions /acara offers, in the order it shows them. */
export const REPEAT_CHOICES: readonly RecurrenceKind[] = ["none", "weekly", "biweekly", "monthly-date", "monthly-weekday"];
/** Occurrences exist this far ahead; a daily job extends repeating events. */
export const OCCURRENCE_HORIZON_MS = 56 * 24 * 60 * 60 * 1000;
export const DEFAULT_DURATION_MINUTES: Record<EventKind, number> = {
  gotong_royong: 180, ronda: 360, rapat: 120, lainnya: 120,
  // A Sunday morning's work; an hour of exercise; a posyandu morning; an evening gathering.
  kerja_bakti_sanitasi: 180, kebun_toga: 120, senam_lansia: 60, posyandu: 180, pengajian: 120, yasinan: 90, karang_taruna: 120, pkk: 120,
};

export type EventDraft = {
  /** The form's key (made when it opened, never the update's): the same key makes one event. */
  requestKey: string;
  kind: EventKind;
  place: string;
  notes: string | null;
  firstStartsAt: Date;
  durationMinutes: number;
  recurrence: Recurrence;
};

export type Occurrence = typeof eventOccurrence.$inferSelect;

/**
 * Creates the event and its occurrences up to the horizon. Only the RT's ketua schedules.
 * Idempotent by `draft.requestKey`: a repeat (a double tap, a redelivery, another instance racing
 * this one) creates nothing and answers the first result.
 */
export type CreatedEvent = { eventId: number; occurrences: number; /** Its first date (null only if none was made). */ firstOccurrenceId: number | null };

export async function createEvent(db: Database, actor: Actor, draft: EventDraft, now: Date): Promise<CreatedEvent> {
  const rtId = requireHeadedRt(actor);
  const earlier = await eventByRequestKey(db, rtId, draft.requestKey);
  if (earlier) return earlier;
  if (draft.firstStartsAt.getTime() <= now.getTime()) throw new DomainError("event-in-past");
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(event)
      .values({ requestKey: draft.requestKey, rtId, kind: draft.kind, place: draft.place, notes: draft.notes, firstStartsAt: draft.firstStartsAt, durationMinutes: draft.durationMinutes, recurrence: draft.recurrence, createdBy: actor.person?.id ?? null, createdAt: now })
      // A twin with the same key still in flight: this insert waits for it, then finds it made.
      .onConflictDoNothing({ target: event.requestKey })
      .returning({ id: event.id });
    if (!created) return (await eventByRequestKey(tx, rtId, draft.requestKey))!;
    const count = await materializeOccurrences(tx, created.id, new Date(now.getTime() + OCCURRENCE_HORIZON_MS));
    return { eventId: created.id, occurrences: count, firstOccurrenceId: await firstOccurrenceOf(tx, created.id) };
  });
}

/** The event a form's key already made, as createEvent answered it; another RT's is not answered. */
async function eventByRequestKey(db: Database, rtId: number, requestKey: string): Promise<CreatedEvent | undefined> {
  const [row] = await db.select({ eventId: event.id, rtId: event.rtId }).from(event).where(eq(event.requestKey, requestKey));
  if (!row) return undefined;
  if (row.rtId !== rtId) throw new DomainError("not-allowed");
  const [made] = await db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(eventOccurrence).where(eq(eventOccurrence.eventId, row.eventId));
  return { eventId: row.eventId, occurrences: made?.count ?? 0, firstOccurrenceId: await firstOccurrenceOf(db, row.eventId) };
}

async function firstOccurrenceOf(db: Database, eventId: number): Promise<number | null> {
  const [first] = await db.select({ id: eventOccurrence.id }).from(eventOccurrence).where(eq(eventOccurrence.eventId, eventId)).orderBy(asc(eventOccurrence.startsAt)).limit(1);
  return first?.id ?? null;
}

/** Adds the occurrences of one event up to `until`; existing ones are left as they are. */
export async function materializeOccurrences(db: Database, eventId: number, until: Date): Promise<number> {
  const [row] = await db.select().from(event).where(eq(event.id, eventId));
  if (!row || row.cancelledAt) return 0;
  const rule = row.recurrence as Recurrence;
  const first = wibParts(row.firstStartsAt);
  const starts = occurrences(
    rule,
    { date: { year: first.year, month: first.month, day: first.day }, time: { hour: first.hour, minute: first.minute } },
    row.firstStartsAt,
    until,
  );
  // Only dates past the last one already made: a date moved away (/ubahacara) must not come back.
  const made = new Set((await db.select({ startsAt: eventOccurrence.startsAt }).from(eventOccurrence).where(eq(eventOccurrence.eventId, eventId))).map((o) => o.startsAt.getTime()));
  const fresh = starts.slice(starts.findLastIndex((startsAt) => made.has(startsAt.getTime())) + 1);
  if (fresh.length === 0) return 0;
  const inserted = await db
    .insert(eventOccurrence)
    .values(fresh.map((startsAt) => ({ eventId, rtId: row.rtId, kind: row.kind, startsAt, endsAt: new Date(startsAt.getTime() + row.durationMinutes * 60_000), place: row.place })))
    .onConflictDoNothing({ target: [eventOccurrence.eventId, eventOccurrence.startsAt] })
    .returning({ id: eventOccurrence.id });
  return inserted.length;
}

/** The daily job: keeps every repeating event's occurrences a horizon ahead. */
export async function extendOccurrences(db: Database, now: Date): Promise<number> {
  const repeating = await db
    .select({ id: event.id })
    .from(event)
    .where(and(isNull(event.cancelledAt), sql`${event.recurrence}->>'kind' <> 'none'`, sql`${event.kind} <> 'ronda'`));
  let added = 0;
  for (const { id } of repeating) added += await materializeOccurrences(db, id, new Date(now.getTime() + OCCURRENCE_HORIZON_MS));
  return added;
}

export async function getOccurrence(db: Database, occurrenceId: number): Promise<Occurrence> {
  const [row] = await db.select().from(eventOccurrence).where(eq(eventOccurrence.id, occurrenceId));
  if (!row) throw new DomainError("event-not-found");
  return row;
}

export type UpcomingOccurrence = Occurrence & {
  notes: string | null;
  recurrence: Recurrence;
  /** RSVP counts: `hadir` is "Akan hadir", said beforehand. */
  hadir: number;
  tidak: number;
  mungkin: number;
  /** Who actually came: check-ins and checklist ticks (not taken back). */
  attended: number;
  myAnswer: RsvpAnswer | null;
  /** The viewer is on this ronda shift. */
  onDuty: boolean;
};

/** Where the viewer's person id goes in the statements below (null: nobody's answer, no duty, no ronda night). */
const VIEWER = sql.placeholder("viewer");

/**
 * Occurrences with RSVP counts, attendance and the viewer's own answer and duty, for the rows
 * `where` picks (written with placeholders: the viewer's id is `viewer`): built once per caller's
 * `name` and database (preparedOnce), as /jadwal, its buttons and every RSVP read it.
 */
function withRsvps<Values extends Record<string, unknown>>(name: string, where: SQL): (db: Database, values: Values & { viewer: number | null }) => Promise<UpcomingOccurrence[]> {
  const counts = (answer: RsvpAnswer) =>
    sql<number>`(select count(*) from ${rsvp} where ${rsvp.occurrenceId} = ${eventOccurrence.id} and ${rsvp.answer} = ${answer})`.mapWith(Number);
  const select = preparedOnce<Values & { viewer: number | null }, { occurrence: Occurrence; notes: string | null; recurrence: unknown; hadir: number; tidak: number; mungkin: number; attended: number; myAnswer: RsvpAnswer | null; onDuty: boolean }[]>(name, (db) =>
    db
      .select({
        occurrence: eventOccurrence,
        notes: event.notes,
        recurrence: event.recurrence,
        hadir: counts("hadir"),
        tidak: counts("tidak"),
        mungkin: counts("mungkin"),
        attended: sql<number>`(select count(*) from ${participation} where ${participation.occurrenceId} = ${eventOccurrence.id} and ${participation.revokedAt} is null)`.mapWith(Number),
        // With no viewer (null) both come out empty: no answer, no duty.
        myAnswer: sql<RsvpAnswer | null>`(select ${rsvp.answer} from ${rsvp} where ${rsvp.occurrenceId} = ${eventOccurrence.id} and ${rsvp.personId} = ${VIEWER})`,
        onDuty: sql<boolean>`exists (select 1 from ${shiftAssignment} where ${shiftAssignment.occurrenceId} = ${eventOccurrence.id} and ${shiftAssignment.personId} = ${VIEWER})`,
      })
      .from(eventOccurrence)
      .innerJoin(event, eq(event.id, eventOccurrence.eventId))
      .where(and(where, visibleTo(VIEWER)))
      .orderBy(asc(eventOccurrence.startsAt), asc(eventOccurrence.id)),
  );
  return async (db, values) =>
    (await select(db, values)).map((row) => ({
      ...row.occurrence,
      notes: row.notes,
      recurrence: row.recurrence as Recurrence,
      hadir: row.hadir,
      tidak: row.tidak,
      mungkin: row.mungkin,
      attended: row.attended,
      myAnswer: row.myAnswer,
      onDuty: Boolean(row.onDuty),
    }));
}

/**
 * Ronda nights are shown to those they concern: the people on that shift, and the RT's ronda
 * volunteers (the rota). Everyone else sees the RT's other events without a night watch in between.
 */
function visibleTo(viewerPersonId: number | null | Placeholder): SQL {
  // A placeholder may be bound to null: then neither exists holds, as for no viewer.
  if (viewerPersonId === null) return sql`${eventOccurrence.kind} <> 'ronda'`;
  return sql`(${eventOccurrence.kind} <> 'ronda'
    or exists (select 1 from ${shiftAssignment} where ${shiftAssignment.occurrenceId} = ${eventOccurrence.id} and ${shiftAssignment.personId} = ${viewerPersonId})
    or exists (select 1 from ${rondaVolunteer} where ${rondaVolunteer.rtId} = ${eventOccurrence.rtId} and ${rondaVolunteer.personId} = ${viewerPersonId} and ${rondaVolunteer.leftAt} is null))`;
}

/** How far ahead /jadwal looks. */
export const SCHEDULE_DAYS = 14;

const upcomingInRt = withRsvps<{ rt: number; from: string; until: string }>(
  "upcoming_in_rt",
  and(eq(eventOccurrence.rtId, sql.placeholder("rt")), isNull(eventOccurrence.cancelledAt), gt(eventOccurrence.endsAt, sql`${sql.placeholder("from")}::timestamptz`), lt(eventOccurrence.startsAt, sql`${sql.placeholder("until")}::timestamptz`))!,
);

/** What is coming up in an RT that the viewer should see, with RSVP counts and the viewer's own answer. */
export function listUpcoming(db: Database, params: { rtId: number; viewerPersonId: number | null; now: Date; days?: number }): Promise<UpcomingOccurrence[]> {
  const { rtId, viewerPersonId, now, days = SCHEDULE_DAYS } = params;
  return upcomingInRt(db, { rt: rtId, from: now.toISOString(), until: new Date(now.getTime() + days * 86_400_000).toISOString(), viewer: viewerPersonId });
}

/**
 * /jadwal's order: first what matters (the next event of each kind other than ronda, and the
 * viewer's own next ronda duty), by time; then the rest, by time, to page through. Ronda nights the
 * viewer is not on go to the rest, so they never crowd out the other events.
 */
export function scheduleInOrder(items: readonly UpcomingOccurrence[]): { first: UpcomingOccurrence[]; rest: UpcomingOccurrence[] } {
  const first = new Set<UpcomingOccurrence>();
  for (const kind of EVENT_KINDS) {
    if (kind === "ronda") continue;
    const next = items.find((item) => item.kind === kind);
    if (next) first.add(next);
  }
  const duty = items.find((item) => item.onDuty);
  if (duty) first.add(duty);
  return { first: items.filter((item) => first.has(item)), rest: items.filter((item) => !first.has(item)) };
}

const oneWithRsvps = withRsvps<{ occurrence: number }>("occurrence_with_rsvps", eq(eventOccurrence.id, sql.placeholder("occurrence")));

/** One occurrence as /jadwal shows it, to redraw its message after an answer. */
export async function findWithRsvps(db: Database, params: { occurrenceId: number; viewerPersonId: number | null }): Promise<UpcomingOccurrence | undefined> {
  return (await oneWithRsvps(db, { occurrence: params.occurrenceId, viewer: params.viewerPersonId }))[0];
}

const oneInRtWithRsvps = withRsvps<{ occurrence: number; rt: number }>(
  "occurrence_in_rt_with_rsvps",
  and(eq(eventOccurrence.id, sql.placeholder("occurrence")), eq(eventOccurrence.rtId, sql.placeholder("rt")))!,
);

/**
 * One occurrence of /jadwal's list, opened by its button: only an active member of its RT who
 * may see it (a ronda night: on the shift or the rota). A stale or forged press is refused.
 */
export async function openScheduled(db: Database, actor: Actor, occurrenceId: number, now: Date): Promise<UpcomingOccurrence> {
  // One statement for the press that is allowed (nearly all): the occurrence, if in the actor's RT and visible to them.
  const member = actor.person && actor.membership?.status === "active" ? { personId: actor.person.id, rtId: actor.membership.rtId } : null;
  const [item] = member ? await oneInRtWithRsvps(db, { occurrence: occurrenceId, rt: member.rtId, viewer: member.personId }) : [];
  if (!item) {
    // Which refusal: no such occurrence, another RT's, or one the actor may not see.
    const occurrence = await getOccurrence(db, occurrenceId);
    await requireActiveMemberOf(db, actor, occurrence.rtId);
    throw new DomainError("not-allowed");
  }
  if (item.cancelledAt) throw new DomainError("event-cancelled");
  if (item.endsAt.getTime() <= now.getTime()) throw new DomainError("event-in-past");
  return item;
}

async function requireActiveMemberOf(db: Database, actor: Actor, rtId: number): Promise<number> {
  if (!actor.person || actor.membership?.status !== "active" || actor.membership.rtId !== rtId) throw new DomainError("not-allowed");
  return actor.person.id;
}

/**
 * Hadir / Tidak bisa / Mungkin. Answering again replaces the answer; the same answer twice is one.
 * Only by a member who may see the occurrence (a ronda night: on the shift or the rota).
 *
 * One statement (an update's round trip, atomic on its own): the answer is written only where
 * every rule holds, beside the occurrence it names; the rule broken is told from that row when
 * nothing was written.
 */
export async function setRsvp(db: Database, actor: Actor, occurrenceId: number, answer: RsvpAnswer, now: Date): Promise<Occurrence> {
  return (await writeRsvp(db, actor, occurrenceId, answer, now, {}))!;
}

/**
 * As `setRsvp`, but a ronda night is left unanswered (null comes back, and nothing is written), for
 * the caller to answer it in the transaction that also changes the watch.
 */
export async function setRsvpUnlessRonda(db: Database, actor: Actor, occurrenceId: number, answer: RsvpAnswer, now: Date): Promise<Occurrence | null> {
  return writeRsvp(db, actor, occurrenceId, answer, now, { exceptRonda: true });
}

/**
 * writeRsvp's one statement, built once per shape (with or without ronda nights) and database: the
 * answer written where every rule holds (`member`: the sender is an active member, of `rt`; not
 * cancelled, not over; a night the viewer may see), beside the occurrence it names.
 */
function rsvpStatement(name: string, exceptRonda: boolean) {
  return preparedOnce<{ occurrence: number; member: boolean; viewer: number | null; rt: number; answer: RsvpAnswer; now: string }, { occurrence: Occurrence; written: boolean }[]>(name, (db) => {
    const written = db.$with("written").as(
      db
        .insert(rsvp)
        .select(
          db
            .select({
              occurrenceId: eventOccurrence.id,
              personId: sql<number>`${VIEWER}::int`.as("person_id"),
              answer: sql<RsvpAnswer>`${sql.placeholder("answer")}::rsvp_answer`.as("answer"),
              answeredAt: sql<Date>`${sql.placeholder("now")}::timestamptz`.as("answered_at"),
            })
            .from(eventOccurrence)
            .where(
              and(
                eq(eventOccurrence.id, sql.placeholder("occurrence")),
                sql`${sql.placeholder("member")}::boolean`,
                eq(eventOccurrence.rtId, sql.placeholder("rt")),
                isNull(eventOccurrence.cancelledAt),
                gt(eventOccurrence.endsAt, sql`${sql.placeholder("now")}::timestamptz`),
                exceptRonda ? ne(eventOccurrence.kind, "ronda") : undefined,
                visibleTo(VIEWER),
              ),
            ),
        )
        .onConflictDoUpdate({ target: [rsvp.occurrenceId, rsvp.personId], set: { answer: sql`excluded.answer`, answeredAt: sql`excluded.answered_at` } })
        .returning({ occurrenceId: rsvp.occurrenceId }),
    );
    return db
      .with(written)
      .select({ occurrence: eventOccurrence, written: sql<boolean>`exists (select 1 from ${written})` })
      .from(eventOccurrence)
      .where(eq(eventOccurrence.id, sql.placeholder("occurrence")));
  });
}
const rsvpAnyKind = rsvpStatement("rsvp", false);
const rsvpExceptRonda = rsvpStatement("rsvp_except_ronda", true);

async function writeRsvp(db: Database, actor: Actor, occurrenceId: number, answer: RsvpAnswer, now: Date, options: { exceptRonda?: boolean }): Promise<Occurrence | null> {
  const member = actor.person && actor.membership?.status === "active" ? { personId: actor.person.id, rtId: actor.membership.rtId } : null;
  const [row] = await (options.exceptRonda ? rsvpExceptRonda : rsvpAnyKind)(db, {
    occurrence: occurrenceId,
    member: member !== null,
    viewer: member?.personId ?? null,
    rt: member?.rtId ?? 0,
    answer,
    now: now.toISOString(),
  });
  if (!row) throw new DomainError("event-not-found");
  const { occurrence } = row;
  if (row.written) return occurrence;
  if (occurrence.cancelledAt) throw new DomainError("event-cancelled");
  if (occurrence.endsAt.getTime() <= now.getTime()) throw new DomainError("event-in-past");
  await requireActiveMemberOf(db, actor, occurrence.rtId);
  if (options.exceptRonda && occurrence.kind === "ronda") return null;
  throw new DomainError("not-allowed");
}

export async function rsvpNames(db: Database, occurrenceId: number): Promise<Record<RsvpAnswer, string[]>> {
  const rows = await db
    .select({ answer: rsvp.answer, name: person.displayName })
    .from(rsvp)
    .innerJoin(person, eq(person.id, rsvp.personId))
    .where(eq(rsvp.occurrenceId, occurrenceId))
    .orderBy(asc(person.displayName));
  const names: Record<RsvpAnswer, string[]> = { hadir: [], tidak: [], mungkin: [] };
  for (const row of rows) names[row.answer].push(row.name ?? "-");
  return names;
}

export type Attendee = { personId: number; telegramId: number; locale: string };

/**
 * Who is told when an event is made, moved or cancelled: the RT's active members who can be
 * reached, but not `except` (the ketua who did it, answered in the chat). Muted people (/senyap)
 * are left out, except those who said they would come to one of `occurrenceIds` or are on its
 * ronda shift: the change is about their own plans. A ronda night concerns only its shift and the
 * rota's volunteers, so nobody else hears of it. One row per person, by person id.
 */
export async function eventAudience(db: Database, params: { rtId: number; kind: EventKind; occurrenceIds: readonly number[]; except: number | null }): Promise<Attendee[]> {
  const ids = [...params.occurrenceIds];
  const said = ids.length === 0 ? sql`false` : sql`exists (select 1 from ${rsvp} where ${rsvp.personId} = ${person.id} and ${rsvp.answer} = 'hadir' and ${inArray(rsvp.occurrenceId, ids)})`;
  const onDuty = ids.length === 0 ? sql`false` : sql`exists (select 1 from ${shiftAssignment} where ${shiftAssignment.personId} = ${person.id} and ${inArray(shiftAssignment.occurrenceId, ids)})`;
  const onRota = sql`exists (select 1 from ${rondaVolunteer} where ${rondaVolunteer.rtId} = ${params.rtId} and ${rondaVolunteer.personId} = ${person.id} and ${rondaVolunteer.leftAt} is null)`;
  const listening = sql`${person.announcementsMutedAt} is null`;
  const who = params.kind === "ronda" ? sql`(${onDuty} or ${said} or (${onRota} and ${listening}))` : sql`(${said} or ${listening})`;
  const rows = await db
    .selectDistinct({ personId: person.id, telegramId: person.telegramId, locale: person.locale })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(
      and(
        eq(membership.rtId, params.rtId),
        eq(membership.status, "active"),
        isNotNull(person.telegramId),
        isNull(person.unreachableAt),
        params.except === null ? undefined : ne(person.id, params.except),
        who,
      ),
    )
    .orderBy(asc(person.id));
  return rows.map((row) => ({ personId: row.personId, telegramId: row.telegramId!, locale: row.locale }));
}

async function managedOccurrence(db: Database, actor: Actor, occurrenceId: number): Promise<Occurrence> {
  const occurrence = await getOccurrence(db, occurrenceId);
  if (requireHeadedRt(actor) !== occurrence.rtId) throw new DomainError("not-allowed");
  return occurrence;
}

/** Cancels one date; the RT's members to be told are returned. Cancelling twice changes nothing and tells nobody. */
export async function cancelOccurrence(db: Database, actor: Actor, occurrenceId: number, now: Date): Promise<{ occurrence: Occurrence; cancelled: boolean; notify: Attendee[] }> {
  const occurrence = await managedOccurrence(db, actor, occurrenceId);
  const rows = await db
    .update(eventOccurrence)
    .set({ cancelledAt: now })
    .where(and(eq(eventOccurrence.id, occurrenceId), isNull(eventOccurrence.cancelledAt)))
    .returning({ id: eventOccurrence.id });
  const notify = rows.length > 0 ? await eventAudience(db, { rtId: occurrence.rtId, kind: occurrence.kind, occurrenceIds: [occurrenceId], except: actor.person?.id ?? null }) : [];
  return { occurrence, cancelled: rows.length > 0, notify };
}

/** Cancels the event from now on (every future date). */
export async function cancelSeries(db: Database, actor: Actor, occurrenceId: number, now: Date): Promise<{ occurrence: Occurrence; cancelled: number; notify: Attendee[] }> {
  const occurrence = await managedOccurrence(db, actor, occurrenceId);
  return db.transaction(async (tx) => {
    await tx.update(event).set({ cancelledAt: now }).where(and(eq(event.id, occurrence.eventId), isNull(event.cancelledAt)));
    const rows = await tx
      .update(eventOccurrence)
      .set({ cancelledAt: now })
      .where(and(eq(eventOccurrence.eventId, occurrence.eventId), isNull(eventOccurrence.cancelledAt), gte(eventOccurrence.startsAt, occurrence.startsAt)))
      .returning({ id: eventOccurrence.id });
    const notify = rows.length > 0 ? await eventAudience(tx, { rtId: occurrence.rtId, kind: occurrence.kind, occurrenceIds: rows.map((row) => row.id), except: actor.person?.id ?? null }) : [];
    return { occurrence, cancelled: rows.length, notify };
  });
}

/** Moves one date (and optionally its place); the RSVPs stay, and the RT's members to be told are returned. */
export async function rescheduleOccurrence(
  db: Database,
  actor: Actor,
  occurrenceId: number,
  change: { startsAt: Date; place?: string },
  now: Date,
): Promise<{ before: Occurrence; after: Occurrence; moved: boolean; notify: Attendee[] }> {
  const before = await managedOccurrence(db, actor, occurrenceId);
  if (before.cancelledAt) throw new DomainError("event-cancelled");
  if (change.startsAt.getTime() <= now.getTime()) throw new DomainError("event-in-past");
  const duration = before.endsAt.getTime() - before.startsAt.getTime();
  const [taken] = await db
    .select({ id: eventOccurrence.id })
    .from(eventOccurrence)
    .where(and(eq(eventOccurrence.eventId, before.eventId), eq(eventOccurrence.startsAt, change.startsAt), ne(eventOccurrence.id, occurrenceId)));
  if (taken) throw new DomainError("event-time-taken");
  const [after] = await db
    .update(eventOccurrence)
    .set({ startsAt: change.startsAt, endsAt: new Date(change.startsAt.getTime() + duration), place: change.place ?? before.place })
    .where(eq(eventOccurrence.id, occurrenceId))
    .returning();
  const moved = after!.startsAt.getTime() !== before.startsAt.getTime() || after!.place !== before.place;
  const notify = moved ? await eventAudience(db, { rtId: before.rtId, kind: before.kind, occurrenceIds: [occurrenceId], except: actor.person?.id ?? null }) : [];
  return { before, after: after!, moved, notify };
}

/** Active members of an RT, for the ketua's attendance checklist. */
export async function listActiveMembers(db: Database, rtId: number): Promise<{ membershipId: number; personId: number; name: string | null; householdLabel: string | null }[]> {
  return db
    .select({ membershipId: membership.id, personId: membership.personId, name: person.displayName, householdLabel: membership.householdLabel })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(and(eq(membership.rtId, rtId), eq(membership.status, "active")))
    .orderBy(asc(person.displayName), asc(membership.id));
}

/** Recent and coming occurrences the ketua can manage (edit, cancel, open check-in, tick attendance). */
export async function listManageable(db: Database, rtId: number, now: Date, pastDays = 7, futureDays = 28): Promise<Occurrence[]> {
  return db
    .select()
    .from(eventOccurrence)
    .where(
      and(
        eq(eventOccurrence.rtId, rtId),
        isNull(eventOccurrence.cancelledAt),
        gt(eventOccurrence.endsAt, new Date(now.getTime() - pastDays * 86_400_000)),
        lt(eventOccurrence.startsAt, new Date(now.getTime() + futureDays * 86_400_000)),
      ),
    )
    .orderBy(asc(eventOccurrence.startsAt));
}

/** Whether a resident turned event reminders off (/pengingat); duty reminders are not affected. */
export async function eventRemindersOff(db: Database, personId: number): Promise<boolean> {
  const [row] = await db.select({ off: person.eventRemindersOffAt }).from(person).where(eq(person.id, personId));
  return row?.off != null;
}
