import type { Actor } from "../people/actor.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { enterManualScore, type ManualScore, type ManualScoreInput } from "./manual.js";
import { computeScorecards } from "./scorecard.js";

/**
 * /nilai confirmed: the entry (with its audit row, see enterManualScore) and the RT's overall score
 * after it, in one transaction. The form's key is the entry instant, fixed when the confirmation
 * was shown (`enteredAt`): saving the same form again stores nothing new.
 */
export async function saveManualScore(deps: ServiceDeps, actor: Actor, input: ManualScoreInput & { enteredAt: Date }): Promise<{ entry: ManualScore; overall: number; scoredMax: number; missing: number }> {
  return inTransaction(deps, async (tx) => {
    const entry = await enterManualScore(tx, actor, input, input.enteredAt);
    const [card] = await computeScorecards(tx, [entry.rtId], input.enteredAt);
    return { entry, overall: card?.overall ?? 0, scoredMax: card?.scoredMax ?? 0, missing: card?.missing ?? 0 };
  });
}
