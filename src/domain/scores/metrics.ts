import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { intArray, queryRows, type Database } from "../../db/client.js";
import { depositLine, eventOccurrence, kelurahan, ledgerEntry, occurrenceAttendance, participation, readingSession, rt, rtWeekRollup } from "../../db/schema/index.js";
import { CHECKIN_CLOSES_AFTER_MS, CHECKIN_OPENS_BEFORE_MS } from "../events/checkin-window.js";
import { exactAmount } from "../bank-sampah/limits.js";
import type { ParticipationKind } from "../participation/participation.js";
import type { ScoreConfig } from "./config.js";
import { DAY_MS, wibWeekIndex, wibWeekIndexSql, wibWeekStart, wibWeekStartOfIndex, WEEK_MS } from "./weeks.js";

/**
 * What the scores are computed from, per RT and period (a WIB week, or the scorecard's window),
 * aggregated in SQL with one query per source table for any number of RTs.
 *
 * Definitions (the same for every period):
 * - Only participation that is verified and not revoked counts. Unverified rows are counted apart
 *   (`unverifiedRecords`) so they can be shown as waiting, but they raise no rate and earn no points.
 * - A household is the record's household label, trimmed and lower-cased; a record without a label
 *   is its own household (the person), so residents who never gave one still count once each.
 * - Rates divide by the RT's KK count (rt.household_count, today's value); with 0 KK they are null.
 *   Labels can outnumber the KK count when residents spell them differently, so shown rates stop at 1.
 * - An occurrence is "held" when it is not cancelled and has ended by `now`; it belongs to the period
 *   its start falls in. Its attendance is the distinct households with a verified, unrevoked
 *   participation record pointing at it.
 * - A ronda shift is "staffed" when at least one person checked in (or was ticked) for it. This is
 *   looser than `shiftStaffing` in events/attendance.ts (everyone assigned present): for the safety
 *   indicator what matters is that the post was manned that night.
 * - Bank sampah kg: the grams of kg-type lines of deposits not reversed, by the depositor's RT at the
 *   time (ledger_entry.rt_id). Litre types (used cooking oil) are not weight and are left out.
 * - Readers: distinct persons with a verified pojok_baca_sesi, pojok_baca_pinjam or membaca record.
 * - Sessions and meetings (kebun/TOGA care, senam lansia, posyandu, the gatherings of pengajian,
 *   yasinan, karang taruna and PKK) count as "attended" when held and at least one household was
 *   present: a date on the calendar nobody came to is not a session (as a ronda shift is staffed).
 *   Kerja bakti sanitasi is held/attended exactly like gotong royong (B6 mirrors B7).
 * - Households at kebun/TOGA care and at gatherings are distinct over the period (a rota of
 *   households shares the garden; a family at pengajian every week is one household kept in), and
 *   come from the records of that kind, as B3's do, not only from the occurrences counted held.
 */

export type RtSelection = readonly number[] | "all";

export type RtInfo = { rtId: number; number: number; kelurahanCode: string; kecamatanCode: string; householdCount: number };

export type RtPeriodMetrics = {
  rtId: number;
  /** Inclusive start and exclusive end of the period. */
  from: Date;
  to: Date;
  householdCount: number;
  /** Households with any counted participation (a musyawarah vote excepted: it counts for A5 only). */
  participatingHouseholds: number;
  /** participatingHouseholds ÷ KK, at most 1; null without a KK count. */
  participationRate: number | null;
  /** Households that did gotong royong or brought waste to the bank sampah (B3). */
  cleanlinessHouseholds: number;
  bankSampahHouseholds: number;
  readers: number;
  verifiedRecords: number;
  unverifiedRecords: number;
  gotongRoyongHeld: number;
  /** Attending households summed over the held gotong royong occurrences. */
  gotongRoyongAttendance: number;
  /** Mean share of KK present per held gotong royong, at most 1; null when none held or no KK. */
  gotongRoyongAttendanceRate: number | null;
  rapatHeld: number;
  rapatAttendance: number;
  rapatAttendanceRate: number | null;
  rondaShiftsHeld: number;
  rondaShiftsStaffed: number;
  /** Staffed ÷ held; null when no shift was held. */
  rondaStaffedRate: number | null;
  bankSampahDeposits: number;
  bankSampahGrams: number;
  bankSampahKg: number;
  readingSessions: number;
  /** Everyone the keepers counted at the sessions, registered or not. */
  readingSessionAttendees: number;
  /** Kebun/TOGA care sessions held and attended (B5), and the distinct households taking part. */
  kebunSessions: number;
  kebunHouseholds: number;
  /** Kerja bakti sanitasi held, attending households summed over them, and the mean share of KK (B6). */
  sanitasiHeld: number;
  sanitasiAttendance: number;
  sanitasiAttendanceRate: number | null;
  /** Posyandu and senam lansia sessions held and attended (P6). */
  posyanduSessions: number;
  senamLansiaSessions: number;
  /** Pengajian, yasinan, karang taruna and PKK meetings held and attended (P3). */
  gatheringMeetings: number;
  /** How many of those four kinds had an attended meeting (P3: organisations active). */
  activeOrganisations: number;
  /** Distinct households present at any of those gatherings (A7). */
  gatheringHouseholds: number;
  /**
   * Musyawarah polls (issue 17) closed in the period with at least one counted vote, and their voting
   * households summed over them. A5 takes the better of the rapat's level and the polls' level
   * (scorecard.ts), so a poll never lowers it; polls count nowhere else.
   */
  musyawarahPolls: number;
  musyawarahHouseholds: number;
};

export type Counts = Omit<RtPeriodMetrics, "rtId" | "from" | "to" | "householdCount" | "participationRate" | "gotongRoyongAttendanceRate" | "rapatAttendanceRate" | "rondaStaffedRate" | "bankSampahKg" | "sanitasiAttendanceRate">;

/** No activity: what an RT without records counts (and the base a single-indicator count fills in, counted.ts). */
export const ZERO: Counts = {
  participatingHouseholds: 0, cleanlinessHouseholds: 0, bankSampahHouseholds: 0, readers: 0, verifiedRecords: 0, unverifiedRecords: 0,
  gotongRoyongHeld: 0, gotongRoyongAttendance: 0, rapatHeld: 0, rapatAttendance: 0, rondaShiftsHeld: 0, rondaShiftsStaffed: 0,
  bankSampahDeposits: 0, bankSampahGrams: 0, readingSessions: 0, readingSessionAttendees: 0,
  kebunSessions: 0, kebunHouseholds: 0, sanitasiHeld: 0, sanitasiAttendance: 0, posyanduSessions: 0, senamLansiaSessions: 0,
  gatheringMeetings: 0, activeOrganisations: 0, gatheringHouseholds: 0, musyawarahPolls: 0, musyawarahHouseholds: 0,
};

export const READING_KINDS = ["pojok_baca_sesi", "pojok_baca_pinjam", "membaca"] as const satisfies readonly ParticipationKind[];
export const CLEANLINESS_KINDS = ["gotong_royong", "bank_sampah"] as const satisfies readonly ParticipationKind[];
/** The groups' gatherings: P3 counts which of them met, A7 the households at any of them. */
export const GATHERING_KINDS = ["pengajian", "yasinan", "karang_taruna", "pkk"] as const satisfies readonly ParticipationKind[];
/** The kinds of held occurrences the metrics look at. */
const OCCURRENCE_KINDS = ["gotong_royong", "rapat", "ronda", "kerja_bakti_sanitasi", "kebun_toga", "senam_lansia", "posyandu", ...GATHERING_KINDS] as const;

/**
 * General participation (households taking part, the participation rate, fading, the weeks of /skor,
 * the digest's and the monthly summary's households): every kind but a musyawarah vote, which counts
 * for A5 alone. A tap on a poll is not a household taking part in RT life the way an evening is.
 */
export const GENERAL_PARTICIPATION = sql.raw(`p.kind <> 'musyawarah'`);

/** The household a participation row (aliased `p`) stands for. */
export const HOUSEHOLD = sql.raw(`coalesce(nullif(lower(btrim(p.household_label)), ''), 'person:' || p.person_id)`);

function kindList(kinds: readonly string[]): SQL {
  return sql.raw(kinds.map((kind) => `'${kind}'`).join(", "));
}

/** `and <column> = any(<ids>)` with one parameter however many RTs, or nothing for "all": the RT filter of every grouped query. */
export function rtFilter(column: string, rtIds: RtSelection): SQL {
  if (rtIds === "all") return sql``;
  return sql`and ${sql.raw(column)} = any(${intArray(rtIds)})`;
}

function at(instant: Date): SQL {
  return sql`${instant.toISOString()}::timestamptz`;
}

export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.min(1, part / whole) : null;
}

/** The RTs asked for, with their place and KK count; unknown ids are left out. */
export async function listRtInfo(db: Database, rtIds: RtSelection): Promise<RtInfo[]> {
  if (rtIds !== "all" && rtIds.length === 0) return [];
  return db
    .select({ rtId: rt.id, number: rt.number, kelurahanCode: rt.kelurahanCode, kecamatanCode: kelurahan.kecamatanCode, householdCount: rt.householdCount })
    .from(rt)
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .where(rtIds === "all" ? undefined : inArray(rt.id, [...rtIds]))
    .orderBy(asc(rt.id));
}

type Bucketing = { kind: "window" } | { kind: "week" };
/** `fromRecords`: households and attendance from the records, not the rollups (the reference the rollups are tested against). */
type Range = { from: Date; to: Date; now: Date; rtIds: RtSelection; bucketing: Bucketing; fromRecords?: boolean };
type Row = { rt_id: number; bucket: number } & Record<string, unknown>;

function bucketSql(column: string, bucketing: Bucketing): SQL {
  return bucketing.kind === "week" ? wibWeekIndexSql(column) : sql.raw("0");
}

/**
 * One pass over the period's records, in two hash aggregations instead of four sorted
 * count(distinct …): first one row per (RT, bucket, household) with what that household did,
 * then the counts of those rows. Readers are distinct persons, so they get their own (small) pass.
 */
async function participationCounts(db: Database, range: Range): Promise<Row[]> {
  const bucket = bucketSql("p.occurred_at", range.bucketing);
  const inPeriod = sql`p.occurred_at >= ${at(range.from)} and p.occurred_at < ${at(range.to)} and p.revoked_at is null and ${GENERAL_PARTICIPATION} ${rtFilter("p.rt_id", range.rtIds)}`;
  return queryRows<Row>(db, sql`
    with by_household as (
      select p.rt_id, ${bucket} as bucket, ${HOUSEHOLD} as household,
        bool_or(p.verified) as counted,
        bool_or(p.verified and p.kind in (${kindList(CLEANLINESS_KINDS)})) as clean,
        bool_or(p.verified and p.kind = 'bank_sampah') as bank,
        bool_or(p.verified and p.kind = 'kebun_toga') as kebun,
        bool_or(p.verified and p.kind in (${kindList(GATHERING_KINDS)})) as gathering,
        count(*) filter (where p.verified) as verified_records,
        count(*) filter (where not p.verified) as unverified_records
      from ${participation} p
      where ${inPeriod}
      group by 1, 2, 3
    ), readers as (
      select rt_id, bucket, count(*) as readers
      from (select distinct p.rt_id, ${bucket} as bucket, p.person_id from ${participation} p where ${inPeriod} and p.verified and p.kind in (${kindList(READING_KINDS)})) r
      group by 1, 2
    )
    select h.rt_id, h.bucket,
      count(*) filter (where h.counted)::int as households,
      count(*) filter (where h.clean)::int as clean_households,
      count(*) filter (where h.bank)::int as bank_households,
      count(*) filter (where h.kebun)::int as kebun_households,
      count(*) filter (where h.gathering)::int as gathering_households,
      coalesce(max(r.readers), 0)::int as readers,
      sum(h.verified_records)::int as verified_records,
      sum(h.unverified_records)::int as unverified_records
    from by_household h left join readers r on r.rt_id = h.rt_id and r.bucket = h.bucket
    group by 1, 2
  `);
}

/**
 * participationCounts for whole WIB weeks, read from the weekly rollup (rt_week_rollup, kept by
 * triggers on participation in the writer's transaction) instead of the records: one row per
 * household (or, for readers, per person) and week already, so each count is a count of rows.
 * Exact, as a unit's row exists while it has an unrevoked record of the week and each column says
 * which of its records count (test/domain/scores/rollup.test.ts compares it with the records).
 */
async function rollupCounts(db: Database, range: Range): Promise<Row[]> {
  return queryRows<Row>(db, sql`
    select w.rt_id, w.week as bucket,
      count(*) filter (where w.counted > 0)::int as households,
      count(*) filter (where w.clean > 0)::int as clean_households,
      count(*) filter (where w.bank > 0)::int as bank_households,
      count(*) filter (where w.kebun > 0)::int as kebun_households,
      count(*) filter (where w.gathering > 0)::int as gathering_households,
      count(*) filter (where w.reading > 0)::int as readers,
      sum(w.counted)::int as verified_records,
      sum(w.unverified)::int as unverified_records
    from ${rtWeekRollup} w
    where w.week >= ${wibWeekIndex(range.from)} and w.week < ${wibWeekIndex(range.to)} ${rtFilter("w.rt_id", range.rtIds)}
    group by 1, 2
  `);
}

/**
 * Musyawarah polls closed in the period with at least one counted vote, and their voting households
 * summed over them (A5 only). The records of one poll share the key poll:<id>:person:<id> and are
 * written at its closing, so a poll belongs to the period it closed in.
 */
async function musyawarahCounts(db: Database, range: Range): Promise<Row[]> {
  return queryRows<Row>(db, sql`
    select rt_id, bucket, count(*)::int as musyawarah_polls, coalesce(sum(households), 0)::int as musyawarah_households
    from (
      select p.rt_id, ${bucketSql("p.occurred_at", range.bucketing)} as bucket, split_part(p.source_key, ':', 2) as poll, count(distinct ${HOUSEHOLD}) as households
      from ${participation} p
      where p.occurred_at >= ${at(range.from)} and p.occurred_at < ${at(range.to)} and p.revoked_at is null and p.verified and p.kind = 'musyawarah'
        ${rtFilter("p.rt_id", range.rtIds)}
      group by 1, 2, 3
    ) m
    group by 1, 2
  `);
}

/** A5's poll side for one RT over [from, to): what the scorecard counts, for the counted line (counted.ts). */
export async function musyawarahInPeriod(db: Database, rtId: number, from: Date, to: Date): Promise<Pick<Counts, "musyawarahPolls" | "musyawarahHouseholds">> {
  const [row] = await musyawarahCounts(db, { from, to, now: to, rtIds: [rtId], bucketing: { kind: "window" } });
  return { musyawarahPolls: Number(row?.musyawarah_polls ?? 0), musyawarahHouseholds: Number(row?.musyawarah_households ?? 0) };
}

/**
 * Held occurrences with their attending households. Attendance is found from the records' side
 * in one range scan: a record of an occurrence is made inside its check-in window (or, ticked on
 * the checklist, at its start), so every record of an occurrence held in the period lies between
 * the period's start less the window's opening and `now` plus its closing.
 */
async function occurrenceCounts(db: Database, range: Range): Promise<Row[]> {
  const earliest = new Date(range.from.getTime() - CHECKIN_OPENS_BEFORE_MS);
  const latest = new Date(range.now.getTime() + CHECKIN_CLOSES_AFTER_MS);
  // Each held occurrence's households are kept by the triggers on participation (occurrence_attendance,
  // issue 18): one row per occurrence, where the records' side is every record of the period.
  const present = range.fromRecords
    ? sql`
      select occurrence_id, count(*)::int as households
      from (
        select distinct p.occurrence_id, ${HOUSEHOLD} as household
        from ${participation} p
        where p.occurrence_id is not null and p.verified and p.revoked_at is null
          and p.occurred_at >= ${at(earliest)} and p.occurred_at <= ${at(latest)}
          ${rtFilter("p.rt_id", range.rtIds)}
      ) d
      group by 1`
    : sql`select a.occurrence_id, a.households from ${occurrenceAttendance} a`;
  return queryRows<Row>(db, sql`
    with held as (
      select o.id, o.rt_id, o.kind, ${bucketSql("o.starts_at", range.bucketing)} as bucket
      from ${eventOccurrence} o
      where o.cancelled_at is null and o.kind in (${kindList(OCCURRENCE_KINDS)})
        and o.starts_at >= ${at(range.from)} and o.starts_at < ${at(range.to)} and o.ends_at <= ${at(range.now)}
        ${rtFilter("o.rt_id", range.rtIds)}
    ), present as (${present})
    select h.rt_id, h.bucket,
      count(*) filter (where h.kind = 'gotong_royong')::int as gr_held,
      coalesce(sum(pr.households) filter (where h.kind = 'gotong_royong'), 0)::int as gr_attendance,
      count(*) filter (where h.kind = 'rapat')::int as rapat_held,
      coalesce(sum(pr.households) filter (where h.kind = 'rapat'), 0)::int as rapat_attendance,
      count(*) filter (where h.kind = 'ronda')::int as ronda_held,
      count(*) filter (where h.kind = 'ronda' and pr.households > 0)::int as ronda_staffed,
      count(*) filter (where h.kind = 'kerja_bakti_sanitasi')::int as sanitasi_held,
      coalesce(sum(pr.households) filter (where h.kind = 'kerja_bakti_sanitasi'), 0)::int as sanitasi_attendance,
      count(*) filter (where h.kind = 'kebun_toga' and pr.households > 0)::int as kebun_sessions,
      count(*) filter (where h.kind = 'posyandu' and pr.households > 0)::int as posyandu_sessions,
      count(*) filter (where h.kind = 'senam_lansia' and pr.households > 0)::int as senam_sessions,
      count(*) filter (where h.kind in (${kindList(GATHERING_KINDS)}) and pr.households > 0)::int as gathering_meetings,
      count(distinct h.kind) filter (where h.kind in (${kindList(GATHERING_KINDS)}) and pr.households > 0)::int as active_organisations
    from held h left join present pr on pr.occurrence_id = h.id
    group by 1, 2
  `);
}

async function bankSampahCounts(db: Database, range: Range): Promise<Row[]> {
  return queryRows<Row>(db, sql`
    select e.rt_id, ${bucketSql("e.occurred_at", range.bucketing)} as bucket,
      count(distinct e.id)::int as deposits,
      coalesce(sum(l.quantity) filter (where l.unit = 'kg'), 0)::bigint as grams
    from ${ledgerEntry} e join ${depositLine} l on l.entry_id = e.id
    where e.kind = 'deposit' and e.rt_id is not null
      and e.occurred_at >= ${at(range.from)} and e.occurred_at < ${at(range.to)}
      and not exists (select 1 from ${ledgerEntry} r where r.reverses_entry_id = e.id and (r.reverses_line_no is null or r.reverses_line_no = l.line_no))
      ${rtFilter("e.rt_id", range.rtIds)}
    group by 1, 2
  `);
}

async function readingSessionCounts(db: Database, range: Range): Promise<Row[]> {
  return queryRows<Row>(db, sql`
    select s.rt_id, ${bucketSql("s.held_at", range.bucketing)} as bucket,
      count(*)::int as sessions,
      coalesce(sum(s.attendee_count), 0)::int as attendees
    from ${readingSession} s
    where s.held_at >= ${at(range.from)} and s.held_at < ${at(range.to)} ${rtFilter("s.rt_id", range.rtIds)}
    group by 1, 2
  `);
}

/** Counts per (RT, bucket); the four sources are independent, so they are read together. */
async function collectCounts(db: Database, range: Range): Promise<Map<string, Counts>> {
  const [people, occurrences, bank, reading, musyawarah] = await Promise.all([
    // Weeks are whole WIB weeks (weeklyRtMetrics): the rollup holds them; a window is read from the records.
    range.bucketing.kind === "week" && !range.fromRecords ? rollupCounts(db, range) : participationCounts(db, range),
    occurrenceCounts(db, range),
    bankSampahCounts(db, range),
    readingSessionCounts(db, range),
    musyawarahCounts(db, range),
  ]);
  const counts = new Map<string, Counts>();
  const entry = (row: Row) => {
    const key = `${Number(row.rt_id)}:${Number(row.bucket)}`;
    let found = counts.get(key);
    if (!found) counts.set(key, (found = { ...ZERO }));
    return found;
  };
  for (const row of people) {
    Object.assign(entry(row), {
      participatingHouseholds: Number(row.households), cleanlinessHouseholds: Number(row.clean_households), bankSampahHouseholds: Number(row.bank_households),
      kebunHouseholds: Number(row.kebun_households), gatheringHouseholds: Number(row.gathering_households),
      readers: Number(row.readers),
      verifiedRecords: Number(row.verified_records), unverifiedRecords: Number(row.unverified_records),
    });
  }
  for (const row of occurrences) {
    Object.assign(entry(row), {
      gotongRoyongHeld: Number(row.gr_held), gotongRoyongAttendance: Number(row.gr_attendance), rapatHeld: Number(row.rapat_held),
      rapatAttendance: Number(row.rapat_attendance), rondaShiftsHeld: Number(row.ronda_held), rondaShiftsStaffed: Number(row.ronda_staffed),
      sanitasiHeld: Number(row.sanitasi_held), sanitasiAttendance: Number(row.sanitasi_attendance), kebunSessions: Number(row.kebun_sessions),
      posyanduSessions: Number(row.posyandu_sessions), senamLansiaSessions: Number(row.senam_sessions),
      gatheringMeetings: Number(row.gathering_meetings), activeOrganisations: Number(row.active_organisations),
    });
  }
  for (const row of bank) Object.assign(entry(row), { bankSampahDeposits: Number(row.deposits), bankSampahGrams: exactAmount(row.grams as string | number) });
  for (const row of musyawarah) Object.assign(entry(row), { musyawarahPolls: Number(row.musyawarah_polls), musyawarahHouseholds: Number(row.musyawarah_households) });
  for (const row of reading) Object.assign(entry(row), { readingSessions: Number(row.sessions), readingSessionAttendees: Number(row.attendees) });
  return counts;
}

export function withRates(info: Pick<RtInfo, "rtId" | "householdCount">, from: Date, to: Date, counts: Counts): RtPeriodMetrics {
  const kk = info.householdCount;
  return {
    rtId: info.rtId,
    from,
    to,
    householdCount: kk,
    ...counts,
    participationRate: rate(counts.participatingHouseholds, kk),
    gotongRoyongAttendanceRate: rate(counts.gotongRoyongAttendance, counts.gotongRoyongHeld * kk),
    rapatAttendanceRate: rate(counts.rapatAttendance, counts.rapatHeld * kk),
    sanitasiAttendanceRate: rate(counts.sanitasiAttendance, counts.sanitasiHeld * kk),
    rondaStaffedRate: rate(counts.rondaShiftsStaffed, counts.rondaShiftsHeld),
    bankSampahKg: counts.bankSampahGrams / 1000,
  };
}

/** `fromRecords`: attendance from the participation records instead of the kept counts (the same figures; tests compare them). */
export type WindowOptions = { rtIds?: RtSelection; windowDays?: number; fromRecords?: boolean };

/** The scorecard window: the `windowDays` (default 28) up to `now`. */
export function scoreWindow(now: Date, windowDays: number): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - windowDays * DAY_MS), to: now };
}

/**
 * One row per RT for the window ending at `now` (distinct households over the whole window, not a
 * sum of weeks), in RT id order; RTs without any activity get zeros.
 */
export async function windowRtMetrics(db: Database, now: Date, options: WindowOptions = {}): Promise<{ rt: RtInfo; metrics: RtPeriodMetrics }[]> {
  const rtIds = options.rtIds ?? "all";
  const { from, to } = scoreWindow(now, options.windowDays ?? 28);
  const rts = await listRtInfo(db, rtIds);
  if (rts.length === 0) return [];
  const counts = await collectCounts(db, { from, to, now, rtIds, bucketing: { kind: "window" }, fromRecords: options.fromRecords ?? false });
  return rts.map((info) => ({ rt: info, metrics: withRates(info, from, to, counts.get(`${info.rtId}:0`) ?? ZERO) }));
}

/** `fromRecords`: count households from the participation records instead of the weekly rollup (the same figures; tests compare them). */
export type WeeklyOptions = { rtIds?: RtSelection; weeks?: number; fromRecords?: boolean };

/**
 * The last `weeks` (default 12) complete WIB weeks before the week holding `now`, oldest first, for
 * every RT asked for (weeks without activity are zeros). The running week is left out: a partial
 * week would always look like a drop.
 */
export async function weeklyRtMetrics(db: Database, now: Date, options: WeeklyOptions = {}): Promise<{ rt: RtInfo; weeks: RtPeriodMetrics[] }[]> {
  const rtIds = options.rtIds ?? "all";
  const weeks = options.weeks ?? 12;
  const to = wibWeekStart(now);
  const from = new Date(to.getTime() - weeks * WEEK_MS);
  const rts = await listRtInfo(db, rtIds);
  if (rts.length === 0) return [];
  const counts = await collectCounts(db, { from, to, now, rtIds, bucketing: { kind: "week" }, fromRecords: options.fromRecords ?? false });
  const firstIndex = wibWeekIndex(from);
  return rts.map((info) => ({
    rt: info,
    weeks: Array.from({ length: weeks }, (_, offset) => {
      const index = firstIndex + offset;
      return withRates(info, wibWeekStartOfIndex(index), wibWeekStartOfIndex(index + 1), counts.get(`${info.rtId}:${index}`) ?? ZERO);
    }),
  }));
}

export type ResidentPoints = { personId: number; points: number; records: number; byKind: Partial<Record<ParticipationKind, number>> };

export type PointsOptions = { personIds?: readonly number[]; rtIds?: RtSelection };

/**
 * Points per resident from verified, unrevoked participation in the config's window up to `now`:
 * each record earns its kind's weight. Residents with no such record are not listed.
 */
export async function residentPoints(db: Database, now: Date, config: Pick<ScoreConfig, "weights" | "windowDays">, options: PointsOptions = {}): Promise<Map<number, ResidentPoints>> {
  const { from, to } = scoreWindow(now, config.windowDays);
  const personIds = options.personIds;
  if (personIds && personIds.length === 0) return new Map();
  const personFilter = personIds ? sql`and p.person_id = any(${intArray(personIds)})` : sql``;
  const rows = await queryRows<{ person_id: number; kind: ParticipationKind; records: number }>(db, sql`
    select p.person_id, p.kind, count(*)::int as records
    from ${participation} p
    where p.verified and p.revoked_at is null and p.occurred_at >= ${at(from)} and p.occurred_at < ${at(to)}
      ${personFilter} ${rtFilter("p.rt_id", options.rtIds ?? "all")}
    group by 1, 2
  `);
  const result = new Map<number, ResidentPoints>();
  for (const row of rows) {
    const personId = Number(row.person_id);
    const records = Number(row.records);
    let entry = result.get(personId);
    if (!entry) result.set(personId, (entry = { personId, points: 0, records: 0, byKind: {} }));
    entry.points += records * config.weights[row.kind];
    entry.records += records;
    entry.byKind[row.kind] = records;
  }
  return result;
}
