import { sql } from "drizzle-orm";
import { intArray, queryRows, type Database } from "../../db/client.js";
import { kelurahan, membership, participation, person, roleAssignment, rt, wasteBankOfficer, wasteBankRt } from "../../db/schema/index.js";
import { addMonths, monthKey, monthOf, monthRange, type Month } from "../schedule/month.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "./config.js";
import { GENERAL_PARTICIPATION } from "./metrics.js";
import type { IndicatorCode } from "./indicators.js";
import { computeScorecards, type Scorecard } from "./scorecard.js";

/**
 * The monthly resident summary (issue 17): for the month just ended, each RT's results and how they
 * moved, with recognition that fits an RT. Read once for many RTs (one scorecard pass per month
 * boundary, one query each for households and officers), so the job costs the same few queries
 * for one RT or the city's 1,635.
 *
 * - Results: the RT's scorecard at 00.00 WIB on the 1st of the month after (the one /skor and
 *   /indikator would have shown then, its 28-day window, the hand scores entered before then),
 *   compared with the scorecard at 00.00 WIB on the 1st of the reported month.
 * - Movement: the total over the scored indicators, and the indicators whose score went up or down
 *   (an indicator unscored at either end is not said to move: it was not measured).
 * - Recognition, public within the RT, so kept to households and officers:
 *   - the three most active households of the month: verified, unrevoked records of the month by
 *     household label (the membership's, as the records keep it), most records first, ties by name;
 *     records without a label belong to a person, not a household, and are never ranked by name;
 *   - a thank-you naming the RT's officers: the active petugas of its reading corner (and other
 *     petugas of the RT) and the active officers of the waste bank serving it;
 *   - the RT of the kelurahan whose total rose most (only a rise; ties: the higher total, then the
 *     lower RT number).
 */

export type MonthlyHousehold = { label: string; records: number; /** Its members with records: a summary naming the household is about them (erasure). */ personIds: number[] };
export type MonthlyOfficer = { personId: number; name: string; greeting: "pak" | "bu" | "kak" | "name" | null };
export type MonthlyRtResult = {
  rtId: number;
  number: number;
  kelurahanCode: string;
  current: Scorecard;
  previous: Scorecard;
  delta: number;
  up: IndicatorCode[];
  down: IndicatorCode[];
  households: MonthlyHousehold[];
  officers: MonthlyOfficer[];
};
export type MostImproved = { rtId: number; number: number; delta: number; overall: number };
export type MonthlyResults = {
  /** The month reported (the one just ended), "2026-11". */
  month: Month;
  key: string;
  /** 00.00 WIB on the 1st of the month after: the instant the results are read at. */
  at: Date;
  rts: Map<number, MonthlyRtResult>;
  /** Per kelurahan code: its most improved RT, when one rose. */
  mostImproved: Map<string, MostImproved>;
  kelurahanNames: Map<string, string>;
};

/** The month the summary sent at `now` reports: the one before the WIB month holding `now`. */
export function reportedMonth(now: Date): Month {
  return addMonths(monthOf(now), -1);
}

/** Which indicators went up and down between two scorecards of one RT, in catalogue order. */
export function movement(previous: Scorecard, current: Scorecard): { delta: number; up: IndicatorCode[]; down: IndicatorCode[] } {
  const before = new Map(previous.indicators.map((indicator) => [indicator.code, indicator]));
  const up: IndicatorCode[] = [];
  const down: IndicatorCode[] = [];
  for (const indicator of current.indicators) {
    const earlier = before.get(indicator.code);
    if (!earlier || earlier.source === "missing" || indicator.source === "missing") continue;
    if (indicator.score > earlier.score) up.push(indicator.code);
    if (indicator.score < earlier.score) down.push(indicator.code);
  }
  return { delta: current.overall - previous.overall, up, down };
}

/** The three most active labelled households of each RT over [from, to). */
async function topHouseholds(db: Database, rtIds: readonly number[], range: { from: Date; to: Date }): Promise<Map<number, MonthlyHousehold[]>> {
  const rows = await queryRows<{ rt_id: number; label: string; records: number; people: number[] | string }>(db, sql`
    select rt_id, label, records, people from (
      select p.rt_id, min(btrim(p.household_label)) as label, count(*)::int as records, array_agg(distinct p.person_id) as people,
        row_number() over (partition by p.rt_id order by count(*) desc, lower(btrim(p.household_label))) as rank
      from ${participation} p
      where p.rt_id = any(${intArray(rtIds)}) and p.verified and p.revoked_at is null and ${GENERAL_PARTICIPATION}
        and p.occurred_at >= ${range.from.toISOString()}::timestamptz and p.occurred_at < ${range.to.toISOString()}::timestamptz
        and nullif(btrim(p.household_label), '') is not null
      group by p.rt_id, lower(btrim(p.household_label))
    ) ranked
    where rank <= 3
    order by rt_id, rank
  `);
  const result = new Map<number, MonthlyHousehold[]>();
  for (const row of rows) {
    const list = result.get(Number(row.rt_id)) ?? [];
    list.push({ label: row.label, records: Number(row.records), personIds: intList(row.people) });
    result.set(Number(row.rt_id), list);
  }
  return result;
}

/** A Postgres integer array as a driver returns it: an array, or its text "{1,2}". */
function intList(value: number[] | string): number[] {
  if (Array.isArray(value)) return value.map(Number);
  return value.replace(/[{}]/g, "").split(",").filter(Boolean).map(Number);
}

/** Each RT's officers now: its petugas, and the officers of the waste bank serving it; one row per person, by name. */
async function officersOf(db: Database, rtIds: readonly number[]): Promise<Map<number, MonthlyOfficer[]>> {
  const rows = await queryRows<{ rt_id: number; person_id: number; name: string; greeting: MonthlyOfficer["greeting"] }>(db, sql`
    select distinct o.rt_id, pe.id as person_id, pe.display_name as name, pe.greeting
    from (
      select ra.rt_id, ra.person_id from ${roleAssignment} ra
      where ra.role = 'petugas' and ra.revoked_at is null and ra.rt_id = any(${intArray(rtIds)})
      union
      select br.rt_id, bo.person_id from ${wasteBankRt} br join ${wasteBankOfficer} bo on bo.waste_bank_id = br.waste_bank_id
      where bo.revoked_at is null and br.rt_id = any(${intArray(rtIds)})
    ) o join ${person} pe on pe.id = o.person_id
    where pe.display_name is not null and pe.erased_at is null
    order by o.rt_id, pe.display_name, pe.id
  `);
  const result = new Map<number, MonthlyOfficer[]>();
  for (const row of rows) {
    const list = result.get(Number(row.rt_id)) ?? [];
    list.push({ personId: Number(row.person_id), name: row.name, greeting: row.greeting });
    result.set(Number(row.rt_id), list);
  }
  return result;
}

/** The RTs of the kelurahan of each RT given (the peers "most improved" is chosen among). */
async function kelurahanPeers(db: Database, rtIds: readonly number[]): Promise<{ ids: number[]; kelurahanNames: Map<string, string> }> {
  const rows = await queryRows<{ id: number; code: string; name: string }>(db, sql`
    select r.id, r.kelurahan_code as code, k.name from ${rt} r join ${kelurahan} k on k.code = r.kelurahan_code
    where r.kelurahan_code in (select x.kelurahan_code from ${rt} x where x.id = any(${intArray(rtIds)})) order by r.id
  `);
  return { ids: rows.map((row) => Number(row.id)), kelurahanNames: new Map(rows.map((row) => [row.code, row.name])) };
}

/**
 * The month's results of the RTs given and of their kelurahan peers (for "most improved"). `month`:
 * the month reported (reportedMonth(now) for the job).
 */
export async function monthlyResults(db: Database, params: { month: Month; rtIds: readonly number[] }, config: ScoreConfig = DEFAULT_SCORE_CONFIG): Promise<MonthlyResults> {
  const { from, to } = monthRange(params.month);
  const result: MonthlyResults = { month: params.month, key: monthKey(params.month), at: to, rts: new Map(), mostImproved: new Map(), kelurahanNames: new Map() };
  if (params.rtIds.length === 0) return result;
  const { ids: peers, kelurahanNames } = await kelurahanPeers(db, params.rtIds);
  result.kelurahanNames = kelurahanNames;
  const [current, previous, households, officers] = await Promise.all([
    computeScorecards(db, peers, to, config, { manualAsOfNow: true }),
    computeScorecards(db, peers, from, config, { manualAsOfNow: true }),
    topHouseholds(db, params.rtIds, { from, to }),
    officersOf(db, params.rtIds),
  ]);
  const before = new Map(previous.map((card) => [card.rt.rtId, card]));
  const wanted = new Set(params.rtIds);
  for (const card of current) {
    const earlier = before.get(card.rt.rtId);
    if (!earlier) continue;
    const moved = movement(earlier, card);
    const entry: MonthlyRtResult = {
      rtId: card.rt.rtId, number: card.rt.number, kelurahanCode: card.rt.kelurahanCode, current: card, previous: earlier, ...moved,
      households: households.get(card.rt.rtId) ?? [], officers: officers.get(card.rt.rtId) ?? [],
    };
    if (wanted.has(card.rt.rtId)) result.rts.set(card.rt.rtId, entry);
    if (moved.delta <= 0) continue;
    const best = result.mostImproved.get(card.rt.kelurahanCode);
    const better = !best || moved.delta - best.delta || card.overall - best.overall || best.number - card.rt.number;
    if (better === true || (typeof better === "number" && better > 0)) {
      result.mostImproved.set(card.rt.kelurahanCode, { rtId: card.rt.rtId, number: card.rt.number, delta: moved.delta, overall: card.overall });
    }
  }
  return result;
}

export type MonthlyRecipient = { personId: number; telegramId: number; locale: string; name: string | null; greeting: MonthlyOfficer["greeting"]; rtId: number };

/**
 * Who gets the summary: the active residents of every RT who can be reached and have not muted
 * announcements (/senyap: the summary is news of the RT, not a duty). One row per person, by person id.
 */
export async function monthlyRecipients(db: Database): Promise<MonthlyRecipient[]> {
  const rows = await queryRows<{ person_id: number; telegram_id: string | number; locale: string; name: string | null; greeting: MonthlyOfficer["greeting"]; rt_id: number }>(db, sql`
    select pe.id as person_id, pe.telegram_id, pe.locale, pe.display_name as name, pe.greeting, m.rt_id
    from ${membership} m join ${person} pe on pe.id = m.person_id
    where m.status = 'active' and pe.telegram_id is not null and pe.unreachable_at is null and pe.announcements_muted_at is null
    order by pe.id
  `);
  return rows.map((row) => ({ personId: Number(row.person_id), telegramId: Number(row.telegram_id), locale: row.locale, name: row.name, greeting: row.greeting, rtId: Number(row.rt_id) }));
}
