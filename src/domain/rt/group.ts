import { eq } from "drizzle-orm";
import { rt } from "../../db/schema/index.js";
import { rtVars } from "../../messages/format.js";
import { DomainError } from "../errors.js";
import { requireHeadedRt, type Actor } from "../people/actor.js";
import { canManageRt } from "../roles/scope.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { getRt, type RtDetails } from "./rt.js";

/**
 * An RT's Telegram group gets the ketua's announcements and the pinned ronda rotas. Linking it is
 * for the ketua, and only one who administers the group (Telegram says so: `senderIsGroupAdmin`,
 * from getChatMember), so a ketua who is a plain member of another RT's group cannot take it.
 * A group serves one RT: a group linked to another RT is refused, never taken over; that RT's
 * ketua (or a koordinator over it) frees it with /lepasgrup first.
 */
export async function linkGroup(deps: ServiceDeps, actor: Actor, params: { groupChatId: number; senderIsGroupAdmin: boolean }): Promise<RtDetails> {
  const rtId = requireHeadedRt(actor);
  if (!params.senderIsGroupAdmin) throw new DomainError("group-admin-only");
  return inTransaction(deps, async (tx) => {
    // Locks the row holding the group, so two links of one group decide one after the other.
    const [holder] = await tx.select({ id: rt.id }).from(rt).where(eq(rt.groupChatId, params.groupChatId)).for("update");
    if (holder && holder.id !== rtId) throw new DomainError("group-linked-elsewhere", rtVars(await getRt(tx, holder.id)));
    await tx.update(rt).set({ groupChatId: params.groupChatId }).where(eq(rt.id, rtId));
    return getRt(tx, rtId);
  });
}

/**
 * /lepasgrup in a group: the RT it is linked to stops sending there. For that RT's ketua, or a
 * koordinator or admin over it (when the ketua is gone). Returns the RT it was linked to.
 */
export async function unlinkGroup(deps: ServiceDeps, actor: Actor, params: { groupChatId: number }): Promise<RtDetails> {
  return inTransaction(deps, async (tx) => {
    const [holder] = await tx.select({ id: rt.id }).from(rt).where(eq(rt.groupChatId, params.groupChatId)).for("update");
    if (!holder) throw new DomainError("group-not-linked");
    const place = await getRt(tx, holder.id);
    if (!canManageRt(actor, { id: place.id, kelurahanCode: place.kelurahanCode, kecamatanCode: place.kecamatanCode })) {
      throw new DomainError("group-linked-elsewhere", rtVars(place));
    }
    await tx.update(rt).set({ groupChatId: null }).where(eq(rt.id, place.id));
    return place;
  });
}
