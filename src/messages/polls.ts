import type { SatisfactionSummary } from "../domain/events/satisfaction.js";
import { faceOf } from "./buttons/polls.js";
import type { Translate } from "./translate.js";

/** "Kepuasan: 😀 3 · 🙂 1 · 😐 0 · 🙁 0 (4 dari 6 menjawab)": counts only, never who answered. */
export function satisfactionLine(t: Translate, summary: SatisfactionSummary): string {
  const faces = ([4, 3, 2, 1] as const).map((answer) => `${faceOf(answer)} ${summary.counts[answer]}`).join(" · ");
  return t("satisfaction-summary", { faces, answered: summary.answered, asked: summary.asked });
}
