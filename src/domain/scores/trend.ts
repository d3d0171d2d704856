import { and, eq, like, ne, or, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { botState, participation, rtWeekRollup } from "../../db/schema/index.js";
import type { ScoreConfig } from "./config.js";
import { GENERAL_PARTICIPATION, HOUSEHOLD, listRtInfo, rtFilter, weeklyRtMetrics, type RtInfo, type RtPeriodMetrics, type RtSelection } from "./metrics.js";
import { wibWeekIndex, wibWeekIndexSql, wibWeekStart, WEEK_MS } from "./weeks.js";

export const TREND_WEEKS = 12;
const HALF = 4;

export type Fading = {
  /** Participating households summed over the last 4 complete weeks, each week capped at the KK count. */
  recent: number;
  /** The same over the 4 weeks before those. */
  previous: number;
  /** How far `recent` fell below `previous`, in whole percent (negative: it rose); null when previous is 0. */
  dropPercent: number | null;
  menurun: boolean;
};

/**
 * "Menurun", on the weekly series of participating households h(w) (a week capped at the KK count
 * when the RT has one, so a spelling mess cannot fake a rise):
 *   recent = h(w-1) + … + h(w-4), previous = h(w-5) + … + h(w-8), w-1 being the last complete week;
 *   menurun ⇔ previous > 0 and recent ≤ previous × (100 − dropPercent) / 100.
 * The KK count is the same denominator in every week, so this is the same as comparing the mean
 * weekly participation rate of the two halves, and integer arithmetic keeps exactly 30% exact. An
 * RT with nothing in the 4 weeks before is not "fading": there was nothing to fade from.
 */
export function fadingOf(weeklyHouseholds: readonly number[], householdCount: number, dropPercent: number): Fading {
  if (weeklyHouseholds.length < 2 * HALF) throw new RangeError(`need ${2 * HALF} weeks, got ${weeklyHouseholds.length}`);
  const capped = weeklyHouseholds.map((households) => (householdCount > 0 ? Math.min(households, householdCount) : households));
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return fadingOfSums(sum(capped.slice(-HALF)), sum(capped.slice(-2 * HALF, -HALF)), dropPercent);
}

/** fadingOf from its two sums (the last 4 weeks, the 4 before), as they are kept for the week. */
export function fadingOfSums(recent: number, previous: number, dropPercent: number): Fading {
  if (previous === 0) return { recent, previous, dropPercent: null, menurun: false };
  return {
    recent,
    previous,
    dropPercent: Math.trunc((100 * (previous - recent)) / previous),
    menurun: 100 * recent <= (100 - dropPercent) * previous,
  };
}

export type RtTrend = {
  rt: RtInfo;
  /** The last 12 complete WIB weeks, oldest first. */
  weeks12: RtPeriodMetrics[];
  /** The last 4 of them. */
  weeks4: RtPeriodMetrics[];
  fading: Fading;
};

/** 4- and 12-week series and the "menurun" flag for the RTs asked for, from one set of queries. */
export async function computeTrends(db: Database, rtIds: RtSelection, now: Date, config: Pick<ScoreConfig, "fading">): Promise<RtTrend[]> {
  const series = await weeklyRtMetrics(db, now, { rtIds, weeks: TREND_WEEKS });
  return series.map(({ rt, weeks }) => ({
    rt,
    weeks12: weeks,
    weeks4: weeks.slice(-HALF),
    fading: fadingOf(weeks.map((week) => week.participatingHouseholds), rt.householdCount, config.fading.dropPercent),
  }));
}

/**
 * The "menurun" flag alone, for callers that show a count of fading RTs and no series (the recap):
 * the same weekly participating households as computeTrends (distinct households with a verified,
 * unrevoked record, by the record's WIB week; weeklyRtMetrics' definition), over the 8 weeks the
 * flag reads, from one grouped query on participation only. `householdCount` is each RT's KK
 * count (the cap of fadingOf). RTs asked for without any record in those weeks are not fading.
 */
export async function fadingFlags(
  db: Database,
  rts: readonly { rtId: number; householdCount: number }[],
  now: Date,
  config: Pick<ScoreConfig, "fading">,
  options: { fromRecords?: boolean } = {},
): Promise<Map<number, Fading>> {
  const result = new Map<number, Fading>();
  if (rts.length === 0) return result;
  const to = wibWeekStart(now);
  const from = new Date(to.getTime() - 2 * HALF * WEEK_MS);
  const firstIndex = wibWeekIndex(from);
  const rtIds = rts.map((rt) => rt.rtId);
  // The weekly rollup holds one row per household and week (metrics.ts rollupCounts); from the
  // records it is two hash aggregations (distinct households, then their count).
  const rows = await queryRows<{ rt_id: number; bucket: number; households: number }>(
    db,
    options.fromRecords
      ? sql`
    select rt_id, bucket, count(*)::int as households
    from (
      select distinct p.rt_id, ${wibWeekIndexSql("p.occurred_at")} as bucket, ${HOUSEHOLD} as household
      from ${participation} p
      where p.occurred_at >= ${from.toISOString()}::timestamptz and p.occurred_at < ${to.toISOString()}::timestamptz
        and p.verified and p.revoked_at is null and ${GENERAL_PARTICIPATION} ${rtFilter("p.rt_id", rtIds)}
    ) d
    group by 1, 2`
      : sql`
    select w.rt_id, w.week as bucket, count(*)::int as households
    from ${rtWeekRollup} w
    where w.week >= ${firstIndex} and w.week < ${wibWeekIndex(to)} and w.counted > 0 ${rtFilter("w.rt_id", rtIds)}
    group by 1, 2`,
  );
  const weekly = new Map<number, number[]>(rts.map((rt) => [rt.rtId, new Array<number>(2 * HALF).fill(0)]));
  for (const row of rows) {
    const weeks = weekly.get(Number(row.rt_id));
    const offset = Number(row.bucket) - firstIndex;
    if (weeks && offset >= 0 && offset < weeks.length) weeks[offset] = Number(row.households);
  }
  for (const rt of rts) result.set(rt.rtId, fadingOf(weekly.get(rt.rtId)!, rt.householdCount, config.fading.dropPercent));
  return result;
}

const FADING_WEEK_PREFIX = "fading-week:";
/** The rows of the recap's own cache before fadingFlagsOfWeek (issue 15): dropped with any earlier week's. */
const OLD_RECAP_PREFIX = "recap-fading:";
/** The week's first readers in this process wait for one working-out, not one each. */
const buildsInFlight = new WeakMap<Database, Map<string, Promise<Map<number, readonly [number, number]>>>>();

/**
 * The week's kept flags are out of date: a verified record of an earlier week was written, restored
 * or taken back, or a KK count changed. Called in the writer's transaction; the next reader works
 * the week out again (a second, about, once in a while, instead of a week of a wrong flag).
 */
export async function forgetWeekFadingFlags(db: Database): Promise<void> {
  await db.delete(botState).where(like(botState.key, `${FADING_WEEK_PREFIX}%`));
}

async function buildWeekSums(db: Database, key: string, now: Date, config: Pick<ScoreConfig, "fading">): Promise<Map<number, readonly [number, number]>> {
  const city = await listRtInfo(db, "all");
  const flags = await fadingFlags(db, city.map((place) => ({ rtId: place.rtId, householdCount: place.householdCount })), now, config);
  const rows = [...flags.entries()].map(([rtId, flag]) => [rtId, flag.recent, flag.previous] as [number, number, number]);
  // Two instances' first readers at once work it out alike; the first row stays.
  await db.insert(botState).values({ key, value: rows }).onConflictDoNothing();
  await db.delete(botState).where(and(or(like(botState.key, `${FADING_WEEK_PREFIX}%`), like(botState.key, `${OLD_RECAP_PREFIX}%`)), ne(botState.key, key)));
  return new Map(rows.map(([rtId, recent, previous]) => [rtId, [recent, previous] as const]));
}

/**
 * The "menurun" flags of the RTs asked for, as of this WIB week. The flag reads completed weeks
 * only (as the Monday digest does), so it is worked out once a week for every RT of the city
 * (fadingFlags: one grouped query over 8 weeks of participation) by the first reader of the week,
 * and its two sums are kept in bot_state under the week and the fading rule; every later reader
 * that week (an area's ranked list, the recap) reads that one row. A verified record written late
 * for a past week, one taken back, or a KK count changed drops the row (forgetWeekFadingFlags), so
 * the flag always equals the live one. An RT registered since is worked out live. The sums do not
 * depend on the rule's percentage (applied when read), so the key is the week alone.
 */
export async function fadingFlagsOfWeek(db: Database, rtIds: readonly number[], now: Date, config: Pick<ScoreConfig, "fading">): Promise<Map<number, Fading>> {
  const result = new Map<number, Fading>();
  if (rtIds.length === 0) return result;
  const key = `${FADING_WEEK_PREFIX}${wibWeekStart(now).toISOString()}`;
  const [kept] = await db.select({ value: botState.value }).from(botState).where(eq(botState.key, key));
  let sums: Map<number, readonly [number, number]>;
  if (kept) {
    sums = new Map((kept.value as [number, number, number][]).map(([rtId, recent, previous]) => [rtId, [recent, previous] as const]));
  } else {
    const inFlight = buildsInFlight.get(db) ?? new Map<string, Promise<Map<number, readonly [number, number]>>>();
    buildsInFlight.set(db, inFlight);
    let build = inFlight.get(key);
    if (!build) {
      build = buildWeekSums(db, key, now, config).finally(() => inFlight.delete(key));
      inFlight.set(key, build);
    }
    sums = await build;
  }
  const missing: number[] = [];
  for (const rtId of rtIds) {
    const kept = sums.get(rtId);
    if (kept) result.set(rtId, fadingOfSums(kept[0], kept[1], config.fading.dropPercent));
    else missing.push(rtId);
  }
  if (missing.length > 0) {
    const places = await listRtInfo(db, missing);
    for (const [rtId, flag] of await fadingFlags(db, places.map((place) => ({ rtId: place.rtId, householdCount: place.householdCount })), now, config)) result.set(rtId, flag);
  }
  return result;
}
