import { sql } from "drizzle-orm";
import { intArray, queryRows, type Database } from "../../db/client.js";
import { kelurahan, membership, outbox, participation, person, roleAssignment, rt, wasteBankOfficer, wasteBankRt } from "../../db/schema/index.js";
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
 * - Movement: over the indicators scored at both dates only (an indicator unscored at either end was
 *   not measured, so it does not move the delta); the ones that went up or down, and those scored
 *   for the first time (or no longer scored) named apart. "Most improved" uses the same delta: hand
 *   scores first entered in the month do not make an RT the kelurahan's most improved.
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
  /** Over the indicators scored at both dates. */
  delta: number;
  up: IndicatorCode[];
  down: IndicatorCode[];
  /** Scored at the end of the month, unscored at its start: not in the delta. */
  newlyScored: IndicatorCode[];
  /** Scored at the start, unscored at the end (a hand score withdrawn): not in the delta. */
  noLongerScored: IndicatorCode[];
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

/**
 * How one RT moved between two scorecards, in catalogue order: the delta over the indicators scored
 * at both dates (what "naik 2" says), the ones that went up or down, and the ones scored at one end
 * only, named apart so the delta never counts an indicator merely because it was first measured.
 */
export function movement(previous: Scorecard, current: Scorecard): { delta: number; up: IndicatorCode[]; down: IndicatorCode[]; newlyScored: IndicatorCode[]; noLongerScored: IndicatorCode[] } {
  const before = new Map(previous.indicators.map((indicator) => [indicator.code, indicator]));
  const up: IndicatorCode[] = [];
  const down: IndicatorCode[] = [];
  const newlyScored: IndicatorCode[] = [];
  const noLongerScored: IndicatorCode[] = [];
  let delta = 0;
  for (const indicator of current.indicators) {
    const earlier = before.get(indicator.code);
    const scoredBefore = earlier !== undefined && earlier.source !== "missing";
    const scoredNow = indicator.source !== "missing";
    if (scoredNow && !scoredBefore) newlyScored.push(indicator.code);
    if (scoredBefore && !scoredNow) noLongerScored.push(indicator.code);
    if (!scoredBefore || !scoredNow) continue;
    delta += indicator.score - earlier.score;
    if (indicator.score > earlier.score) up.push(indicator.code);
    if (indicator.score < earlier.score) down.push(indicator.code);
  }
  return { delta, up, down, newlyScored, noLongerScored };
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
        -- an erased resident's own label became anon-<id>-<n> (erasure.ts): it is no household's name
        and p.household_label !~ '^anon-[0-9]+-[0-9]+$'
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

/** How many times a person's summary of one month may be queued: once, and again on the 2nd's and 3rd's runs. */
export const MONTHLY_TRIES = 3;

export type MonthlyRecipient = {
  personId: number; telegramId: number; locale: string; name: string | null; greeting: MonthlyOfficer["greeting"]; rtId: number;
  /** 0 the first time; 1 or 2 when the earlier rows were all cancelled because someone they named was erased. */
  attempt: number;
};

/**
 * The dedupe keys of one person's summary of a month, as the job writes them: `monthly:<month>:person:<id>`,
 * then `…:2` and `…:3` for a re-send (monthly-summary.ts).
 */
function keysOf(month: string) {
  const base = sql`'monthly:' || ${month}::text || ':person:' || pe.id`;
  return sql`(${base}, ${base} || ':2', ${base} || ':3')`;
}

/**
 * Who still gets the month's summary: the active residents who can be reached, have not muted
 * announcements (/senyap: the summary is news of the RT, not a duty) and have no row of it in the
 * outbox but ones cancelled because a person it named was erased (status cancelled, chat id kept;
 * the recipient's own erasure blanks the chat id) before a sender claimed them. Those are sent again,
 * rebuilt, under the next key. One cancelled while being sent (claimed) may have reached its reader:
 * it is not sent again (a summary missed beats one read twice).
 */
function stillDue(month: string) {
  return sql`m.status = 'active' and pe.telegram_id is not null and pe.unreachable_at is null and pe.announcements_muted_at is null
    and not exists (select 1 from ${outbox} o where o.dedupe_key in ${keysOf(month)} and not (o.status = 'cancelled' and o.chat_id <> 0 and o.claimed_at is null))
    and (select count(*) from ${outbox} o where o.dedupe_key in ${keysOf(month)}) < ${MONTHLY_TRIES}`;
}

/** The RTs with someone still due the month's summary, with their kelurahan, by kelurahan then id. */
export async function monthlyPendingRts(db: Database, month: string): Promise<{ rtId: number; kelurahanCode: string }[]> {
  const rows = await queryRows<{ id: number; code: string }>(db, sql`
    select r.id, r.kelurahan_code as code from ${rt} r
    where exists (select 1 from ${membership} m join ${person} pe on pe.id = m.person_id where m.rt_id = r.id and ${stillDue(month)})
    order by r.kelurahan_code, r.id
  `);
  return rows.map((row) => ({ rtId: Number(row.id), kelurahanCode: row.code }));
}

/** The residents of the RTs given still due the month's summary (see stillDue), one row per person, by person id. */
export async function monthlyRecipients(db: Database, params: { month: string; rtIds: readonly number[] }): Promise<MonthlyRecipient[]> {
  const rows = await queryRows<{ person_id: number; telegram_id: string | number; locale: string; name: string | null; greeting: MonthlyOfficer["greeting"]; rt_id: number; attempt: number }>(db, sql`
    select pe.id as person_id, pe.telegram_id, pe.locale, pe.display_name as name, pe.greeting, m.rt_id,
      (select count(*) from ${outbox} o where o.dedupe_key in ${keysOf(params.month)})::int as attempt
    from ${membership} m join ${person} pe on pe.id = m.person_id
    where m.rt_id = any(${intArray(params.rtIds)}) and ${stillDue(params.month)}
    order by pe.id
  `);
  return rows.map((row) => ({ personId: Number(row.person_id), telegramId: Number(row.telegram_id), locale: row.locale, name: row.name, greeting: row.greeting, rtId: Number(row.rt_id), attempt: Number(row.attempt) }));
}
