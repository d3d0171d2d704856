import { deleteChatState } from "../../db/state-store.js";
import { closeErasedRequestCards, waitingRequestsOf } from "../membership/membership.js";
import { freeComingNightsOnErasure } from "../ronda/swaps.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { erasePerson } from "./person.js";

/**
 * /hapusdata: the person is erased, and with them the bot's stored state of their chat (a form
 * under way), in one transaction. Returns false when they were already erased (a double tap).
 */
export async function eraseOwnData(deps: ServiceDeps, params: { personId: number; chatId: number }): Promise<boolean> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    // Their coming ronda nights are freed first, while the rota still shows whose they were.
    await freeComingNightsOnErasure(deps, tx, { personId: params.personId, now });
    const waiting = await waitingRequestsOf(tx, params.personId);
    const erased = await erasePerson(tx, params.personId, now);
    // After the erasure (which blanks every message about the person): the approvers' cards of a
    // request still waiting stop asking for a decision, in words that name no one.
    if (erased) await closeErasedRequestCards(tx, deps, now, params.personId, waiting);
    // The map deletes the state of the chat the person's Telegram id names; this is that chat.
    await deleteChatState(tx, params.chatId);
    return erased;
  });
}
