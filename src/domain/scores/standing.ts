import type { Database } from "../../db/client.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "./config.js";
import type { RtSelection } from "./metrics.js";
import { computeScorecards, type Scorecard } from "./scorecard.js";
import { computeTrends, type Fading, type RtTrend } from "./trend.js";

/** The word a trend is told with: "naik", "stabil" or "menurun". */
export const TREND_DIRECTIONS = ["naik", "stabil", "menurun"] as const;
export type TrendDirection = (typeof TREND_DIRECTIONS)[number];

/**
 * "menurun" is the fading flag (the last 4 weeks at least `dropPercent` below the 4 before);
 * "naik" any rise of the last 4 weeks over the 4 before (or activity after none); anything else,
 * a small dip included, is "stabil".
 */
export function trendDirection(fading: Fading): TrendDirection {
  if (fading.menurun) return "menurun";
  return fading.recent > fading.previous ? "naik" : "stabil";
}

export type RtStanding = { scorecard: Scorecard; trend: RtTrend; direction: TrendDirection };

/**
 * Fading RTs first (they need a visit), then by overall score, then by the window's participation
 * rate (an RT without a KK count last), then by RT id so the order never shuffles between pages.
 */
export function rankStandings(standings: readonly RtStanding[]): RtStanding[] {
  const rateOf = (standing: RtStanding) => standing.scorecard.metrics.participationRate ?? -1;
  return [...standings].sort(
    (a, b) =>
      Number(b.trend.fading.menurun) - Number(a.trend.fading.menurun) ||
      b.scorecard.overall - a.scorecard.overall ||
      rateOf(b) - rateOf(a) ||
      a.scorecard.rt.rtId - b.scorecard.rt.rtId,
  );
}

/** Scorecard, trend and trend word of each RT asked for, ranked (see rankStandings). */
export async function computeStandings(db: Database, rtIds: RtSelection, now: Date, config: ScoreConfig = DEFAULT_SCORE_CONFIG): Promise<RtStanding[]> {
  if (rtIds !== "all" && rtIds.length === 0) return [];
  const [scorecards, trends] = await Promise.all([computeScorecards(db, rtIds, now, config), computeTrends(db, rtIds, now, config)]);
  const trendOf = new Map(trends.map((trend) => [trend.rt.rtId, trend]));
  return rankStandings(
    scorecards.flatMap((scorecard) => {
      const trend = trendOf.get(scorecard.rt.rtId);
      return trend ? [{ scorecard, trend, direction: trendDirection(trend.fading) }] : [];
    }),
  );
}
