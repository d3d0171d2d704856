import { and, eq, isNotNull, isNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { intArray, queryRows, type Database } from "../../db/client.js";
import { participation } from "../../db/schema/index.js";
import { HOUSEHOLD } from "../scores/metrics.js";
import { forgetWeekFadingFlags } from "../scores/trend.js";
import { wibWeekStart } from "../scores/weeks.js";

export type ParticipationKind = (typeof participation.kind.enumValues)[number];

export type ParticipationRecord = {
  /** What makes it one record: `occurrence:<id>:person:<id>`, `deposit:<id>`, … */
  sourceKey: string;
  rtId: number;
  personId: number;
  householdLabel: string | null;
  kind: ParticipationKind;
  occurredAt: Date;
  verified: boolean;
  source: string;
  occurrenceId?: number | null;
  recordedBy: number | null;
};

export function occurrenceSourceKey(occurrenceId: number, personId: number): string {
  return `occurrence:${occurrenceId}:person:${personId}`;
}

/** `occurrenceSourceKey` in SQL, of an occurrence id a statement reads (an insert … select). */
export function occurrenceSourceKeySql(occurrenceId: SQL | AnyColumn, personId: number | SQL): SQL<string> {
  // A statement built once takes the person as a placeholder (an SQL piece), joined in SQL.
  if (typeof personId !== "number") return sql<string>`'occurrence:' || ${occurrenceId} || ':person:' || ${personId}`;
  return sql<string>`'occurrence:' || ${occurrenceId} || ${`:person:${personId}`}`;
}

/** Writes the record once; true if this call wrote it (a second check-in or tick writes nothing). */
export async function recordParticipation(db: Database, record: ParticipationRecord, now: Date): Promise<boolean> {
  const rows = await db
    .insert(participation)
    .values({ ...record, occurrenceId: record.occurrenceId ?? null, recordedAt: now })
    .onConflictDoNothing({ target: participation.sourceKey })
    .returning({ id: participation.id });
  if (rows.length > 0) {
    await forgetIfEarlierWeek(db, record.verified, record.occurredAt, now);
    return true;
  }
  // A tick taken back and given again, by the checklist or by a code: the same record counts again,
  // now saying how it was given back.
  const restored = await db
    .update(participation)
    .set({ revokedAt: null, source: record.source, verified: record.verified, occurredAt: record.occurredAt, recordedAt: now, recordedBy: record.recordedBy })
    .where(and(eq(participation.sourceKey, record.sourceKey), isNotNull(participation.revokedAt)))
    .returning({ id: participation.id });
  if (restored.length > 0) await forgetIfEarlierWeek(db, record.verified, record.occurredAt, now);
  return restored.length > 0;
}

/**
 * Writes several records of one transaction in ONE insert: the rollup triggers then add them in key
 * order, so two transactions writing the same households in opposite orders cannot deadlock on
 * rt_week_rollup / occurrence_household (one statement per record would lock the rows in the
 * caller's order). Records already there and taken back are given back one by one, sorted by
 * source key (rare: a batch is normally new). Returns the source keys this call wrote or gave back.
 */
export async function recordParticipations(db: Database, records: readonly ParticipationRecord[], now: Date): Promise<Set<string>> {
  if (records.length === 0) return new Set();
  const rows = await db
    .insert(participation)
    .values(records.map((record) => ({ ...record, occurrenceId: record.occurrenceId ?? null, recordedAt: now })))
    .onConflictDoNothing({ target: participation.sourceKey })
    .returning({ sourceKey: participation.sourceKey });
  const written = new Set(rows.map((row) => row.sourceKey));
  const earliest = records.filter((record) => written.has(record.sourceKey) && record.verified).map((record) => record.occurredAt.getTime());
  if (earliest.length > 0) await forgetIfEarlierWeek(db, true, new Date(Math.min(...earliest)), now);
  const rest = records.filter((record) => !written.has(record.sourceKey)).sort((a, b) => (a.sourceKey < b.sourceKey ? -1 : a.sourceKey > b.sourceKey ? 1 : 0));
  for (const record of rest) {
    if (await recordParticipation(db, record, now)) written.add(record.sourceKey);
  }
  return written;
}

/** A counted record of a completed week changes the week's kept fading flags (fadingFlagsOfWeek): they go. */
async function forgetIfEarlierWeek(db: Database, verified: boolean, occurredAt: Date, now: Date): Promise<void> {
  if (verified && occurredAt.getTime() < wibWeekStart(now).getTime()) await forgetWeekFadingFlags(db);
}

/** Takes back a record (a checklist tick removed); the row stays, marked, and stops counting. */
export async function revokeParticipation(db: Database, sourceKey: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(participation)
    .set({ revokedAt: now })
    .where(and(eq(participation.sourceKey, sourceKey), isNull(participation.revokedAt)))
    .returning({ id: participation.id, verified: participation.verified, occurredAt: participation.occurredAt });
  for (const row of rows) await forgetIfEarlierWeek(db, row.verified, row.occurredAt, now);
  return rows.length > 0;
}

export async function participantsOf(db: Database, occurrenceId: number): Promise<{ personId: number; source: string; verified: boolean }[]> {
  return db
    .select({ personId: participation.personId, source: participation.source, verified: participation.verified })
    .from(participation)
    .where(and(eq(participation.occurrenceId, occurrenceId), isNull(participation.revokedAt)));
}

/**
 * When each RT last took part in anything (the latest verified, unrevoked record up to `now`), for
 * the RTs given: one query however many. An RT with no record is absent from the map. Each RT's
 * latest record is read from the end of participation_rt_cover_idx (rt_id, occurred_at, …), a few
 * index entries per RT: a max() grouped over the RTs' records read every record of their whole
 * history (a kecamatan's 240 RTs: a scan of the city's 5 million records, about a second).
 */
export async function lastActivityOf(db: Database, rtIds: readonly number[], now: Date): Promise<Map<number, Date>> {
  if (rtIds.length === 0) return new Map();
  // As epoch milliseconds: postgres.js hands raw timestamps back as text, PGlite as Dates.
  const rows = await queryRows<{ rt_id: number; last_ms: number | string }>(
    db,
    sql`select r.id as rt_id, (extract(epoch from l.occurred_at) * 1000)::float8 as last_ms
        from (select distinct unnest(${intArray(rtIds)}) as id) r
        cross join lateral (
          select p.occurred_at from ${participation} p
          where p.rt_id = r.id and p.occurred_at <= ${now.toISOString()}::timestamptz and p.verified and p.revoked_at is null
          order by p.occurred_at desc limit 1
        ) l`,
  );
  return new Map(rows.map((row) => [Number(row.rt_id), new Date(Number(row.last_ms))]));
}

/**
 * One thing an RT did, as the dashboard lists it: an occurrence (its records together), or the
 * records of one kind on one WIB day (a day's bank sampah deposits, a day's book loans). Counts
 * only: who took part is not in it.
 */
export type RecentActivity = {
  kind: ParticipationKind;
  occurrenceId: number | null;
  /** The first record's moment: its WIB day is the activity's day. */
  at: Date;
  /** Distinct people with a record in it. */
  people: number;
  /** Distinct households (KK labels) among them. */
  households: number;
};

/** How far back the RT page's recent activity looks: older activity is the last-activity line's. */
export const RECENT_ACTIVITY_DAYS = 90;

/**
 * The RT's latest activities up to `now`, newest first, at most `limit`, within RECENT_ACTIVITY_DAYS:
 * verified, unrevoked records, grouped by occurrence, or by kind and WIB day when there is none.
 * One grouped query on participation_rt_cover_idx.
 */
export async function recentActivityOf(db: Database, params: { rtId: number; now: Date; limit: number }): Promise<RecentActivity[]> {
  const to = params.now.toISOString();
  const from = new Date(params.now.getTime() - RECENT_ACTIVITY_DAYS * 24 * 60 * 60 * 1000).toISOString();
  // The WIB day as UTC + 7 hours (WIB has no daylight saving): no dependence on the server's zone data.
  // Epoch milliseconds: postgres.js hands raw timestamps back as text, PGlite as Dates.
  const rows = await queryRows<{ kind: ParticipationKind; occurrence_id: number | string | null; first_ms: number | string; people: number; households: number }>(
    db,
    sql`select p.kind, p.occurrence_id,
               (extract(epoch from min(p.occurred_at)) * 1000)::float8 as first_ms,
               count(distinct p.person_id)::int as people,
               count(distinct ${HOUSEHOLD})::int as households
          from ${participation} p
         where p.rt_id = ${Math.trunc(params.rtId)} and p.verified and p.revoked_at is null
           and p.occurred_at > ${from}::timestamptz and p.occurred_at <= ${to}::timestamptz
         group by p.kind, p.occurrence_id,
                  case when p.occurrence_id is null then ((p.occurred_at at time zone 'UTC') + interval '7 hours')::date end
         order by max(p.occurred_at) desc, p.kind, p.occurrence_id
         limit ${Math.max(0, Math.trunc(params.limit))}`,
  );
  return rows.map((row) => ({
    kind: row.kind,
    occurrenceId: row.occurrence_id === null ? null : Number(row.occurrence_id),
    at: new Date(Number(row.first_ms)),
    people: Number(row.people),
    households: Number(row.households),
  }));
}

/**
 * When each person last took part in anything for this RT (the latest verified, unrevoked record
 * up to `now`): one grouped query for the whole RT, as lastActivityOf is for RTs. Someone with no
 * record is absent from the map. Records follow the RT they were made for, so a member who moved in
 * shows what they did here.
 */
export async function lastActivityOfMembers(db: Database, params: { rtId: number; now: Date }): Promise<Map<number, Date>> {
  const rows = await queryRows<{ person_id: number; last_ms: number | string }>(
    db,
    sql`select p.person_id, (extract(epoch from max(p.occurred_at)) * 1000)::float8 as last_ms from ${participation} p
        where p.verified and p.revoked_at is null and p.occurred_at <= ${params.now.toISOString()}::timestamptz and p.rt_id = ${params.rtId}
        group by p.person_id`,
  );
  return new Map(rows.map((row) => [Number(row.person_id), new Date(Number(row.last_ms))]));
}
