import type { Database } from "../../db/client.js";
import type { ScoreConfig } from "./config.js";
import { weeklyRtMetrics, type RtInfo, type RtPeriodMetrics, type RtSelection } from "./metrics.js";

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
  const recent = sum(capped.slice(-HALF));
  const previous = sum(capped.slice(-2 * HALF, -HALF));
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
