import { and, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { event, eventOccurrence, person, roleAssignment } from "../../db/schema/index.js";
import { PRIORITY } from "../../delivery/outbox.js";

export const REMINDER_KINDS = ["evening", "morning", "before", "duty"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export type EventKind = (typeof eventOccurrence.kind.enumValues)[number];

/** `reminder:<occurrenceId>:<personId>:<kind>`: one per reminder, so planning twice queues it once. */
export function reminderKey(occurrenceId: number, personId: number, kind: ReminderKind): string {
  return `reminder:${occurrenceId}:${personId}:${kind}`;
}

export function lateWarningKey(occurrenceId: number): string {
  return `reminder-late:${occurrenceId}`;
}

/**
 * Reminders people should get that are not in the outbox yet (in any status), grouped by
 * occurrence, kind and language: everyone in a group gets the same text at the same due time.
 * Grouping keeps a city's worth of reminders to a few thousand objects.
 */
export type ReminderGroup = {
  occurrenceId: number;
  kind: ReminderKind;
  locale: string;
  dueMs: number;
  startMs: number;
  /** Ascending. */
  personIds: number[];
  /** The Telegram chat of each person, in the same order. */
  chatIds: number[];
};

/** Rows a statement wrote: postgres.js calls it `count`, PGlite `affectedRows`. */
function affectedRows(result: unknown): number {
  const { count, affectedRows } = result as { count?: number; affectedRows?: number };
  return Number(count ?? affectedRows ?? 0);
}

/** A moment as a query parameter (postgres.js takes no Date objects in raw SQL). */
function at(moment: Date): SQL {
  return sql`${moment.toISOString()}::timestamptz`;
}

/**
 * A PostgreSQL array literal, sent as one text parameter and cast in SQL: much cheaper for the
 * driver than an array of a hundred thousand parameters' worth of values.
 */
function numbersLiteral(values: ArrayLike<number>): string {
  return `{${Array.prototype.join.call(values, ",")}}`;
}

function textsLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
}

/** `HH:MM` or `HH.MM` on `date` in `timeZone`, as a timestamptz; null for a null or malformed time. */
function localMoment(date: SQL, time: SQL, timeZone: string): SQL {
  return sql`case when ${time} ~ '^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$'
    then ((${date}) + replace(${time}, '.', ':')::time) at time zone ${timeZone} end`;
}

/** The "morning of" reminder a person may choose in /pengingat, WIB. */
export const MORNING_TIME = "06:00";

/**
 * Occurrences with their RT's reminder times (the defaults when the RT has no row), for `due`.
 * `where` picks the occurrences (alias `o`).
 */
function occurrencesWithTimes(where: SQL, timeZone: string): SQL {
  return sql`
    select o.id, o.rt_id, o.kind = 'ronda' as ronda, o.starts_at,
           (o.starts_at at time zone ${timeZone})::date as local_date,
           case when s.rt_id is null then '19:00' else s.evening_before end as evening_time,
           case when s.rt_id is null then 2 else s.hours_before end as hours_before,
           case when s.rt_id is null then '17:00' else s.ronda_duty_at end as duty_time
    from event_occurrence o
    left join reminder_setting s on s.rt_id = o.rt_id
    where ${where}`;
}

/** Every reminder kind due for the occurrences of the CTE `occ`, with its due time: before the start, and not turned off. */
function dueReminders(timeZone: string): SQL {
  return sql`
    select occ.id, occ.rt_id, occ.ronda, occ.starts_at, k.kind, k.due_at
    from occ
    cross join lateral (select ${localMoment(sql`occ.local_date`, sql`occ.duty_time`, timeZone)} as on_the_day) duty
    cross join lateral (values
      ('evening', case when not occ.ronda then ${localMoment(sql`occ.local_date - 1`, sql`occ.evening_time`, timeZone)} end),
      ('morning', case when not occ.ronda then ${localMoment(sql`occ.local_date`, sql`${MORNING_TIME}`, timeZone)} end),
      ('before', case when occ.hours_before > 0 then occ.starts_at - make_interval(hours => occ.hours_before) end),
      ('duty', case when occ.ronda then
         case when duty.on_the_day < occ.starts_at then duty.on_the_day else duty.on_the_day - interval '1 day' end end)
    ) as k(kind, due_at)
    where k.due_at is not null and k.due_at < occ.starts_at`;
}

/**
 * A reminder kind a person's /pengingat choice lets through, for one occurrence (the CTE `due`
 * holds its due kinds): with no choice, the RT's evening and hours-before ones; otherwise the
 * chosen one. When the chosen one is not due for this occurrence (the morning of an event at
 * 06.00 or earlier, or one the ketua turned off), the RT's ones instead: a choice never leaves a
 * person without a reminder.
 */
function chosenKind(choice: SQL, kind: SQL, occurrenceId: SQL): SQL {
  return sql`(case
    when ${kind} = ${choice} then true
    when ${kind} not in ('evening', 'before') then false
    when ${choice} is null then true
    else not exists (select 1 from due c where c.id = ${occurrenceId} and c.kind = ${choice}) end)`;
}

/**
 * Every reminder due for the occurrences starting in (from, to] that is not in the outbox yet,
 * with its due time. One set-based query: occurrences × their RT's active members (or, for ronda,
 * the people on the shift), filtered by the skip rules, anti-joined with the outbox on the key.
 *
 * Who gets what: non-ronda occurrences go to the RT's active members, except people who answered
 * RSVP `tidak` or turned event reminders off, each only the kinds their /pengingat choice lets
 * through (the evening before and hours before by default; or the evening, the morning of, or
 * hours before alone, or the RT's when the chosen one is not due for that occurrence); ronda occurrences go to the people assigned to the
 * shift (still active members of the RT), whatever their event-reminder setting, since they are on
 * duty. Nobody erased (no Telegram id) or unreachable. Times per RT from `reminder_setting`, with
 * the defaults when the RT has no row (19:00 the evening before, 2 hours before, ronda duty at
 * 17:00 on the day of the shift, or the day before when the shift starts before that time); a
 * setting of null turns that reminder off, and a reminder not due before the start is not sent.
 */
export async function findReminderCandidates(
  db: Database,
  params: { from: Date; to: Date; timeZone: string; /** Only occurrences whose id % of = index: parts run side by side. */ part?: { index: number; of: number } },
): Promise<ReminderGroup[]> {
  const { from, to, timeZone, part = { index: 0, of: 1 } } = params;
  // A city's worth of members is hashed in memory rather than in batches on disk.
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    return queryRows<ReminderGroup>(tx, sql`
        with occ as (${occurrencesWithTimes(sql`o.cancelled_at is null and o.starts_at > ${at(from)} and o.starts_at <= ${at(to)} and o.id % ${part.of} = ${part.index}`, timeZone)}),
        due as (${dueReminders(timeZone)}),
        recipient as (
          select d.id as occurrence_id, d.starts_at, d.kind, d.due_at, p.id as person_id, p.telegram_id, p.locale
          from due d
          join membership m on m.rt_id = d.rt_id and m.status = 'active'
          join person p on p.id = m.person_id
          where not d.ronda
            and p.telegram_id is not null and p.unreachable_at is null and p.event_reminders_off_at is null
            and not exists (select 1 from rsvp r where r.occurrence_id = d.id and r.person_id = p.id and r.answer = 'tidak')
            and ${chosenKind(sql`p.event_reminder_when`, sql`d.kind`, sql`d.id`)}
          union all
          select d.id, d.starts_at, d.kind, d.due_at, p.id, p.telegram_id, p.locale
          from due d
          join shift_assignment a on a.occurrence_id = d.id
          join person p on p.id = a.person_id
          where d.ronda
            and p.telegram_id is not null and p.unreachable_at is null
            and exists (select 1 from membership m where m.person_id = p.id and m.rt_id = d.rt_id and m.status = 'active')
        )
        select r.occurrence_id::float8 as "occurrenceId", r.kind, r.locale,
               (extract(epoch from r.due_at) * 1000)::float8 as "dueMs", (extract(epoch from r.starts_at) * 1000)::float8 as "startMs",
               array_agg(r.person_id order by r.person_id) as "personIds", array_agg(r.telegram_id::float8 order by r.person_id) as "chatIds"
        from recipient r
        where not exists (select 1 from outbox x where x.dedupe_key = 'reminder:' || r.occurrence_id || ':' || r.person_id || ':' || r.kind)
        group by r.occurrence_id, r.kind, r.locale, r.due_at, r.starts_at
      `);
  });
}

export type OccurrenceDetails = { id: number; rtId: number; kind: EventKind; startsAt: Date; endsAt: Date; place: string; /** The event's notes for residents ("bawa cangkul"). */ notes: string | null };

export async function findOccurrences(db: Database, ids: readonly number[]): Promise<OccurrenceDetails[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: eventOccurrence.id, rtId: eventOccurrence.rtId, kind: eventOccurrence.kind, startsAt: eventOccurrence.startsAt, endsAt: eventOccurrence.endsAt, place: eventOccurrence.place, notes: event.notes })
    .from(eventOccurrence)
    .innerJoin(event, eq(event.id, eventOccurrence.eventId))
    .where(inArray(eventOccurrence.id, [...ids]));
}

/**
 * Messages already queued (pending) at `maxPriority` or more urgent, counted per second of their
 * not_before; anything overdue counts at `now`. These will take the engine's slots before or
 * beside new reminders.
 */
export async function countQueuedPerSecond(db: Database, now: Date, maxPriority: number): Promise<{ atMs: number; count: number }[]> {
  const rows = await queryRows<{ second: number; count: number }>(db, sql`
      select floor(extract(epoch from greatest(not_before, ${at(now)})))::float8 as second, count(*)::int as count
      from outbox
      where status = 'pending' and priority <= ${maxPriority}
      group by 1
    `);
  return rows.map((row) => ({ atMs: row.second * 1000, count: Number(row.count) }));
}

/**
 * What everyone in a group gets: an occurrence's reminder of one kind, in one language, and the
 * buttons under it (Telegram's reply_markup as JSON; "" for none).
 */
export type QueuedGroup = { occurrenceId: number; kind: ReminderKind; priority: number; text: string; replyMarkup: string };

/** Reminders to queue, one entry per reminder in each array (plain or typed), pointing at its group. */
export type ReminderBatch = {
  groups: QueuedGroup[];
  groupIds: ArrayLike<number>;
  personIds: ArrayLike<number>;
  chatIds: ArrayLike<number>;
  notBeforeMs: ArrayLike<number>;
};

function slice(values: ArrayLike<number>, start: number, end: number): number[] {
  return Array.prototype.slice.call(values, start, end) as number[];
}

const INSERT_CHUNK = 10_000;
/**
 * Chunks inserted at once on separate connections (PGlite runs them one after another). Two:
 * on the 2-core benchmark server, 2 inserting sessions beat 1 by a third and 4 by a little.
 */
const INSERT_PARALLEL = 2;

/**
 * Queues reminders, a chunk per set-based insert (unnest of column arrays), a few chunks at once;
 * a key already in the outbox is left alone. Returns how many rows were new. Callers pass the
 * reminders in one total order of their keys, so two planners inserting the same keys take the
 * key locks in the same order and do not deadlock.
 */
export async function insertReminders(db: Database, batch: ReminderBatch, options: { parallel?: number } = {}): Promise<number> {
  const parallel = options.parallel ?? INSERT_PARALLEL;
  const total = batch.groupIds.length;
  let next = 0;
  const worker = async () => {
    let inserted = 0;
    while (next < total) {
      const start = next;
      next += INSERT_CHUNK;
      inserted += await insertReminderChunk(db, batch, start, Math.min(start + INSERT_CHUNK, total));
    }
    return inserted;
  };
  const counts = await Promise.all(Array.from({ length: Math.min(parallel, Math.ceil(total / INSERT_CHUNK)) }, worker));
  return counts.reduce((sum, count) => sum + count, 0);
}

async function insertReminderChunk(db: Database, batch: ReminderBatch, start: number, end: number): Promise<number> {
  // Only the groups this chunk uses, numbered from 1 as PostgreSQL's ordinality is.
  const local = new Int32Array(batch.groups.length);
  const groups: QueuedGroup[] = [];
  const groupIndexes = slice(batch.groupIds, start, end).map((id) => (local[id] ||= groups.push(batch.groups[id]!)));
  return affectedRows(
    await db.execute(sql`
      insert into outbox (dedupe_key, chat_id, person_id, priority, payload, not_before)
      select 'reminder:' || g.occurrence_id || ':' || t.person_id || ':' || g.kind, t.chat_id, t.person_id, g.priority,
             g.payload, to_timestamp(t.not_before_ms / 1000.0)
      from (
        select u.occurrence_id, u.kind, u.priority,
               case when u.markup = '' then jsonb_build_object('text', u.text) else jsonb_build_object('text', u.text, 'reply_markup', u.markup::jsonb) end as payload, u.n
        from unnest(${numbersLiteral(groups.map((g) => g.occurrenceId))}::int8[], ${textsLiteral(groups.map((g) => g.kind))}::text[],
                    ${numbersLiteral(groups.map((g) => g.priority))}::int2[], ${textsLiteral(groups.map((g) => g.text))}::text[],
                    ${textsLiteral(groups.map((g) => g.replyMarkup))}::text[])
             with ordinality as u(occurrence_id, kind, priority, text, markup, n)
      ) as g
      join unnest(${numbersLiteral(groupIndexes)}::int4[], ${numbersLiteral(slice(batch.personIds, start, end))}::int4[],
                  ${numbersLiteral(slice(batch.chatIds, start, end))}::int8[], ${numbersLiteral(slice(batch.notBeforeMs, start, end))}::float8[])
           as t(group_index, person_id, chat_id, not_before_ms) on t.group_index = g.n
      on conflict (dedupe_key) do nothing
    `),
  );
}

export type SkippedReminder = { occurrenceId: number; personId: number; chatId: number; kind: ReminderKind; priority: number };

/**
 * Records reminders that will not be sent as `skipped` rows under their own key, with the reason:
 * the next tick finds the key taken, so a dropped reminder is counted and logged once.
 */
export async function recordSkippedReminders(db: Database, rows: readonly SkippedReminder[], reason: string, now: Date): Promise<number> {
  let recorded = 0;
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const [row] = await queryRows<{ count: number }>(db, sql`
        with inserted as (
          insert into outbox (dedupe_key, chat_id, person_id, priority, payload, not_before, status, last_error)
          select 'reminder:' || t.occurrence_id || ':' || t.person_id || ':' || t.kind, t.chat_id, t.person_id, t.priority,
                 '{}'::jsonb, ${at(now)}, 'skipped', ${reason}
          from unnest(
            ${numbersLiteral(chunk.map((r) => r.occurrenceId))}::int8[], ${numbersLiteral(chunk.map((r) => r.personId))}::int4[],
            ${numbersLiteral(chunk.map((r) => r.chatId))}::int8[], ${textsLiteral(chunk.map((r) => r.kind))}::text[],
            ${numbersLiteral(chunk.map((r) => r.priority))}::int2[]
          ) as t(occurrence_id, person_id, chat_id, kind, priority)
          on conflict (dedupe_key) do nothing
          returning 1
        )
        select count(*)::int as count from inserted
      `);
    recorded += Number(row?.count ?? 0);
  }
  return recorded;
}

/**
 * Cancels queued reminders, due by `until`, that no longer apply: the occurrence was cancelled,
 * the ketua turned that reminder off, the person chose another one in /pengingat, answered
 * `tidak`, turned event reminders off (not for a ronda shift), left the RT, was taken off the
 * shift (a swap), or erased their data. Reminders are queued up to a day and a
 * half ahead, so this runs every tick for the ones about to go out.
 */
export async function cancelStaleReminders(db: Database, until: Date, timeZone: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`
      with queued as (
        select id, split_part(dedupe_key, ':', 2)::int8 as occurrence_id, split_part(dedupe_key, ':', 3)::int as person_id, split_part(dedupe_key, ':', 4) as kind
        from outbox
        -- Reminders are queued at duty or reminder priority: two ranges of the outbox's due index.
        where status = 'pending' and priority in (${PRIORITY.duty}, ${PRIORITY.reminder}) and dedupe_key like 'reminder:%' and not_before <= ${at(until)}
      ),
      occ as (${occurrencesWithTimes(sql`o.id in (select occurrence_id from queued)`, timeZone)}),
      due as (${dueReminders(timeZone)}),
      stale as (
        select q.id
        from queued q
        join event_occurrence o on o.id = q.occurrence_id
        join person p on p.id = q.person_id
        where o.cancelled_at is not null
          or not exists (select 1 from due d where d.id = q.occurrence_id and d.kind = q.kind)
          or p.telegram_id is null
          or not exists (select 1 from membership m where m.person_id = p.id and m.rt_id = o.rt_id and m.status = 'active')
          or (o.kind = 'ronda' and not exists (select 1 from shift_assignment a where a.occurrence_id = o.id and a.person_id = p.id))
          or (o.kind <> 'ronda' and (p.event_reminders_off_at is not null
              or exists (select 1 from rsvp r where r.occurrence_id = o.id and r.person_id = p.id and r.answer = 'tidak')
              or not ${chosenKind(sql`p.event_reminder_when`, sql`q.kind`, sql`q.occurrence_id`)}))
      ),
      cancelled as (
        update outbox set status = 'cancelled', last_error = 'reminder no longer applies'
        where id in (select id from stale) and status = 'pending'
        returning 1
      )
      select count(*)::int as count from cancelled
    `);
  return Number(row?.count ?? 0);
}

/**
 * Forgets the reminders of an occurrence that have not gone out (queued, skipped or cancelled), so
 * the next tick plans them again. For the events code to call when an occurrence moves to another
 * time: the keys would otherwise keep the old time.
 */
export async function forgetUnsentReminders(db: Database, occurrenceId: number): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`
      with removed as (
        delete from outbox
        where dedupe_key like ${`reminder:${occurrenceId}:%`} and status in ('pending', 'skipped', 'cancelled')
        returning 1
      )
      select count(*)::int as count from removed
    `);
  return Number(row?.count ?? 0);
}

export type KetuaRecipient = { rtId: number; personId: number; chatId: number; locale: string };

/** The current ketua of each RT who can be reached. */
export async function findReachableKetua(db: Database, rtIds: readonly number[]): Promise<KetuaRecipient[]> {
  if (rtIds.length === 0) return [];
  const rows = await db
    .select({ rtId: roleAssignment.rtId, personId: person.id, chatId: person.telegramId, locale: person.locale })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(and(eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt), inArray(roleAssignment.rtId, [...rtIds]), isNotNull(person.telegramId), isNull(person.unreachableAt)));
  return rows.map((row) => ({ rtId: row.rtId!, personId: row.personId, chatId: row.chatId!, locale: row.locale }));
}
