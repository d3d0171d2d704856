import type { Database } from "../../db/client.js";
import { DomainError } from "../errors.js";
import { headedRtId, type Actor } from "../people/actor.js";
import { canManageRt } from "../roles/scope.js";
import { getRt, type RtDetails } from "../rt/rt.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "./config.js";
import { computeScorecards, type Scorecard } from "./scorecard.js";

/**
 * /indikator (issue 17): the 21 indicators as a resident reads them, with where their RT stands. Who
 * may read an RT's: its active members, its ketua, a koordinator whose area holds it, an admin (the
 * rule of /skor's RT buttons, widened to the RT's own residents). Someone who has left reads nothing.
 */
export function mayReadIndicators(actor: Actor, place: Pick<RtDetails, "id" | "kelurahanCode" | "kecamatanCode">): boolean {
  const member = actor.membership?.status === "active" && actor.membership.rtId === place.id;
  return member || canManageRt(actor, place);
}

/** The RT /indikator opens at: the one the person lives in, else the one they head; null for staff of an area. */
export function ownIndicatorRt(actor: Actor): number | null {
  if (actor.membership?.status === "active") return actor.membership.rtId;
  return headedRtId(actor);
}

/** The RT's current scorecard (the same one /skor shows), after the reader's right is checked. */
export async function readIndicators(db: Database, actor: Actor, params: { rtId: number; now: Date }, config: ScoreConfig = DEFAULT_SCORE_CONFIG): Promise<{ place: RtDetails; scorecard: Scorecard }> {
  const place = await getRt(db, params.rtId);
  if (!mayReadIndicators(actor, place)) throw new DomainError("out-of-scope");
  const [scorecard] = await computeScorecards(db, [place.id], params.now, config);
  if (!scorecard) throw new DomainError("rt-not-found");
  return { place, scorecard };
}
