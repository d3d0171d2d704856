import type { Database } from "../../db/client.js";
import type { Actor } from "../people/actor.js";
import { canWatchAgain, cannotWatch } from "../ronda/swaps.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { setRsvp, setRsvpUnlessRonda, type Occurrence, type RsvpAnswer } from "./events.js";

/**
 * An RSVP button: the answer, and on one's own ronda night what it means for the watch, in one
 * transaction. "Tidak bisa" asks the other volunteers to take the night and tells the ketua (once
 * per request: a double tap is one request); "Akan hadir" afterwards withdraws that request and tells
 * the ketua the night is covered again.
 */
export async function answerRsvp(deps: ServiceDeps, actor: Actor, params: { occurrenceId: number; answer: RsvpAnswer }): Promise<Occurrence> {
  // Nearly every answer is to something other than a ronda night: its one statement, atomic on its
  // own, needs no transaction around it (BEGIN and COMMIT would be two more round trips).
  const plain = await setRsvpUnlessRonda(deps.db, actor, params.occurrenceId, params.answer, deps.clock());
  if (plain) return plain;
  return inTransaction(deps, async (tx: Database) => {
    const now = deps.clock();
    const occurrence = await setRsvp(tx, actor, params.occurrenceId, params.answer, now);
    if (occurrence.kind === "ronda" && actor.person) {
      if (params.answer === "tidak") await cannotWatch(deps, tx, actor, { occurrenceId: occurrence.id, rtId: occurrence.rtId, now });
      else if (params.answer === "hadir") await canWatchAgain(deps, tx, actor, { occurrenceId: occurrence.id, rtId: occurrence.rtId, now });
    }
    return occurrence;
  });
}
