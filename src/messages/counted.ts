import type { CountedFor } from "../domain/scores/counted.js";
import { rtNumber } from "./format.js";
import type { Translate } from "./translate.js";

/** The locale keys of the "what it counted for" lines, one per indicator an act can feed. */
export const COUNTED_KEYS = ["counted-b3", "counted-b5", "counted-b6", "counted-b7", "counted-a2", "counted-a5", "counted-a5-polls", "counted-a7", "counted-p2", "counted-p6"] as const;

/** "🤝 Dihitung untuk B7 (gotong royong): …; target nilai 2 (baik) … tercapai ✅" */
export function countedLine(t: Translate, counted: CountedFor): string {
  return t(`counted-${counted.code.toLowerCase()}${counted.polls ? "-polls" : ""}`, { ...counted.vars, rt: rtNumber(counted.rtNumber), status: t(counted.met ? "counted-met" : "counted-not-met") });
}

/** `text` with the counted line under it, when there is one. */
export function withCounted(t: Translate, text: string, counted: CountedFor | null | undefined): string {
  return counted ? `${text}\n${countedLine(t, counted)}` : text;
}
