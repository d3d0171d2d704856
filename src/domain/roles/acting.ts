import { and, eq, isNotNull, isNull, ne, or } from "drizzle-orm";
import { person } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { wantMenus } from "../people/menu.js";
import type { RtDetails } from "../rt/rt.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { ketuaLinkTarget } from "./roles.js";

/**
 * /daftarrt's "Bertindak untuk RT 07": a koordinator (or admin) acts as ketua of an RT of their
 * area that has no ketua, until one takes it over. Only the choice is stored (person.acting_rt_id);
 * loadActor grants the ketua right from it with every update, while the RT is in the area and
 * still has no ketua, so a ketua appointed (or the area taken away) ends it at the next update.
 * Choosing another RT replaces the choice: one RT at a time, always named to the person.
 */
export async function actForRt(deps: ServiceDeps, actor: Actor, params: { rtId: number }): Promise<{ rt: RtDetails; changed: boolean }> {
  const now = deps.clock();
  const personId = actor.person?.id;
  if (personId === undefined) throw new DomainError("not-registered");
  return inTransaction(deps, async (tx) => {
    const { rt: place, ketua } = await ketuaLinkTarget(tx, actor, params.rtId);
    if (ketua !== null) throw new DomainError("rt-has-ketua", { ketua });
    const changed = await tx
      .update(person)
      .set({ actingRtId: place.id })
      .where(and(eq(person.id, personId), or(isNull(person.actingRtId), ne(person.actingRtId, place.id))))
      .returning({ id: person.id });
    // A double tap or a redelivered press changes nothing: no second audit row.
    if (changed.length === 0) return { rt: place, changed: false };
    await recordAudit(tx, { occurredAt: now, actorPersonId: personId, action: "acting_started", rtId: place.id, entityType: "rt", entityId: place.id });
    await wantMenus(tx, [personId], now);
    return { rt: place, changed: true };
  });
}

/** "Berhenti bertindak": the person's ketua commands go back to their own RT (if they head one). */
export async function stopActing(deps: ServiceDeps, actor: Actor): Promise<boolean> {
  const now = deps.clock();
  const personId = actor.person?.id;
  if (personId === undefined) return false;
  return inTransaction(deps, async (tx) => {
    const stopped = await tx.update(person).set({ actingRtId: null }).where(and(eq(person.id, personId), isNotNull(person.actingRtId))).returning({ id: person.id });
    if (stopped.length === 0) return false;
    await wantMenus(tx, [personId], now);
    return true;
  });
}
