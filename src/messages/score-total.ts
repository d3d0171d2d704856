import type { Translate } from "./translate.js";

/** What a scorecard's total is told with: its sum, what that is out of, and how many are unscored. */
export type ScoreTotal = { overall: number; scoredMax: number; missing: number };

/**
 * "21/30" when every indicator has a score, "3/14 · 14 belum dinilai" when some have none: the
 * total is over the scored ones, so an RT nobody has visited yet does not read as failing.
 */
export function scoreTotalText(t: Translate, total: ScoreTotal): string {
  return total.missing > 0
    ? t("score-total-unscored", { overall: total.overall, max: total.scoredMax, missing: total.missing })
    : t("score-total", { overall: total.overall, max: total.scoredMax });
}

/** A dimension's total over its scored indicators: "3/6". */
export function dimensionTotalText(t: Translate, total: number, scoredMax: number): string {
  return t("score-total", { overall: total, max: scoredMax });
}
