import type { Database } from "../../db/client.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "./config.js";
import type { RtSelection } from "./metrics.js";
import { computeScorecards, type Scorecard } from "./scorecard.js";
import { computeTrends, fadingFlagsOfWeek, type Fading, type RtTrend } from "./trend.js";

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

/** What a ranked list needs of an RT: its scorecard, its fading flag and the trend word. */
export type RtRanking = { scorecard: Scorecard; fading: Fading; direction: TrendDirection };

/** A ranking with the twelve weeks behind it (`fading` is `trend.fading`), for an RT's own page. */
export type RtStanding = RtRanking & { trend: RtTrend };

/**
 * Fading RTs first (they need a visit), then by overall score, then by the window's participation
 * rate (an RT without a KK count last), then by RT id so the order never shuffles between pages.
 */
export function rankStandings<T extends RtRanking>(standings: readonly T[]): T[] {
  const rateOf = (standing: T) => standing.scorecard.metrics.participationRate ?? -1;
  return [...standings].sort(
    (a, b) =>
      Number(b.fading.menurun) - Number(a.fading.menurun) ||
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
      return trend ? [{ scorecard, trend, fading: trend.fading, direction: trendDirection(trend.fading) }] : [];
    }),
  );
}

/**
 * Scorecard and fading flag of each RT asked for, ranked as computeStandings ranks them, without
 * the twelve-week series of every metric that only an RT's own page draws: the fading flag is the
 * week's (fadingFlagsOfWeek: the same weekly households, worked out once a week for the city, as
 * the recap reads it). For the lists of an area: a kecamatan's 240 RTs cost a fifth of their standings.
 */
export async function computeRankings(db: Database, rtIds: readonly number[], now: Date, config: ScoreConfig = DEFAULT_SCORE_CONFIG): Promise<RtRanking[]> {
  if (rtIds.length === 0) return [];
  const [scorecards, fading] = await Promise.all([computeScorecards(db, rtIds, now, config), fadingFlagsOfWeek(db, rtIds, now, config)]);
  return rankStandings(
    scorecards.flatMap((scorecard) => {
      const flag = fading.get(scorecard.rt.rtId);
      return flag ? [{ scorecard, fading: flag, direction: trendDirection(flag) }] : [];
    }),
  );
}
