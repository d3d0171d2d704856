import type { Database } from "../../db/client.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "../scores/config.js";
import { INDICATOR_CODES, isAutomatic, type IndicatorCode } from "../scores/indicators.js";
import { computeScorecards, type Scorecard } from "../scores/scorecard.js";
import { categoryOf, type AwardCategory } from "./award.js";

/**
 * How ready an RT looks for the team's visit: its automatic indicators at their level now, the
 * indicators nobody has scored yet, its KK count and the award category that count gives.
 * Which indicators are automatic is asked of `isAutomatic`, never listed here: the list grows.
 */
export type Readiness = {
  rtId: number;
  householdCount: number;
  category: AwardCategory;
  /** Every automatic indicator with its level now (0, 1, 2), in catalogue order. */
  automatic: { code: IndicatorCode; score: number }[];
  /** How many automatic indicators are at 2 (baik). */
  automaticGood: number;
  /** Indicators with no score at all (no manual score, not measured), in catalogue order. */
  unscored: IndicatorCode[];
  /** The scorecard the above was read from (explanations for /penilaian). */
  scorecard: Scorecard;
};

/** What rt_proposal.readiness keeps: what the koordinator saw when proposing, as it was. */
export type ReadinessSnapshot = { automatic: Record<string, number>; unscored: string[]; householdCount: number };

export function readinessOf(scorecard: Scorecard): Readiness {
  const automatic = scorecard.indicators.filter((indicator) => isAutomatic(indicator.code)).map((indicator) => ({ code: indicator.code, score: indicator.score }));
  const unscored = scorecard.indicators.filter((indicator) => indicator.source === "missing").map((indicator) => indicator.code);
  const order = new Map(INDICATOR_CODES.map((code, index) => [code, index]));
  unscored.sort((a, b) => order.get(a)! - order.get(b)!);
  return {
    rtId: scorecard.rt.rtId,
    householdCount: scorecard.rt.householdCount,
    category: categoryOf(scorecard.rt.householdCount),
    automatic,
    automaticGood: automatic.filter((entry) => entry.score === 2).length,
    unscored,
    scorecard,
  };
}

/**
 * The readiness of each RT asked for, from one set of queries however many RTs (the scorecards'
 * four aggregates and one read of the manual scores): /usulkan lists dozens at once.
 */
export async function rtReadiness(db: Database, params: { rtIds: readonly number[]; now: Date; config?: ScoreConfig }): Promise<Map<number, Readiness>> {
  if (params.rtIds.length === 0) return new Map();
  const scorecards = await computeScorecards(db, params.rtIds, params.now, params.config ?? DEFAULT_SCORE_CONFIG);
  return new Map(scorecards.map((scorecard) => [scorecard.rt.rtId, readinessOf(scorecard)]));
}

export function readinessSnapshot(readiness: Readiness): ReadinessSnapshot {
  return {
    automatic: Object.fromEntries(readiness.automatic.map((entry) => [entry.code, entry.score])),
    unscored: [...readiness.unscored],
    householdCount: readiness.householdCount,
  };
}
