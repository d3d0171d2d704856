import type { SatisfactionSummary } from "../domain/events/satisfaction.js";
import { faceOf } from "./buttons/polls.js";
import type { Translate } from "./translate.js";

/** Below this many answers the faces are not shown: with one or two, everyone present could tell who answered what. */
export const SATISFACTION_MIN_ANSWERS = 3;

/**
 * "Kepuasan: 😀 3 · 🙂 1 · 😐 0 · 🙁 0 (4 dari 6 menjawab)": counts only, never who answered, and only
 * from SATISFACTION_MIN_ANSWERS answers on ("belum cukup jawaban" before). Never more answered than asked
 * (someone asked before the recipients were counted again).
 */
export function satisfactionLine(t: Translate, summary: SatisfactionSummary): string {
  const asked = Math.max(summary.asked, summary.answered);
  const faces = summary.answered < SATISFACTION_MIN_ANSWERS
    ? t("satisfaction-too-few")
    : ([4, 3, 2, 1] as const).map((answer) => `${faceOf(answer)} ${summary.counts[answer]}`).join(" · ");
  return t("satisfaction-summary", { faces, answered: summary.answered, asked });
}
