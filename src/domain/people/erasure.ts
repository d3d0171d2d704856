import { deleteChatState } from "../../db/state-store.js";
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
    const erased = await erasePerson(tx, params.personId, now);
    // The map deletes the state of the chat the person's Telegram id names; this is that chat.
    await deleteChatState(tx, params.chatId);
    return erased;
  });
}
