import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { rtProposal } from "../../db/schema/index.js";
import { currentRound } from "../cycle/rounds.js";
import type { Actor } from "../people/actor.js";
import { areaScope } from "../roles/scope.js";
import { getRt, listRtsInScope, type RtDetails, type RtSummary } from "../rt/rt.js";
import { INDICATOR_CODES, isAutomatic, type IndicatorCode } from "./indicators.js";
import { assertMayScore, currentManualScores } from "./manual.js";

/**
 * The indicators a koordinator scores by hand, in catalogue order: every one the bot does not
 * measure. Read from `isAutomatic`, never listed here, so an indicator that becomes automatic
 * leaves the koordinator's lists by itself.
 */
export function manualCodes(): IndicatorCode[] {
  return INDICATOR_CODES.filter((code) => !isAutomatic(code));
}

/**
 * The manual indicators of one RT nobody has scored yet, in catalogue order, for someone who may
 * score it (refused otherwise: read at every step of the bulk pass, so a lost area stops it).
 */
export async function unscoredCodesOf(db: Database, actor: Actor, rtId: number): Promise<{ place: RtDetails; codes: IndicatorCode[]; total: number }> {
  const place = await getRt(db, rtId);
  assertMayScore(actor, place);
  const scored = (await currentManualScores(db, [rtId])).get(rtId) ?? new Map();
  const all = manualCodes();
  return { place, codes: all.filter((code) => !scored.has(code)), total: all.length };
}

export type UnscoredRt = {
  place: Pick<RtSummary, "id" | "number" | "kelurahanCode" | "kelurahanName" | "kecamatanCode" | "kecamatanName">;
  /** Manual indicators without any score yet. */
  missing: number;
  /** Proposed in the current (undecided) round. */
  proposed: boolean;
};

/**
 * /belumdinilai: the RTs in the actor's area with how many manual indicators each still lacks.
 * In a round, the RTs proposed for it come first (the team visits them soon), then the most
 * unscored first; ties in the area's own order (kecamatan, kelurahan, RT number). RTs with
 * nothing left are left out. Three queries, whatever the size of the area.
 */
export async function unscoredInScope(db: Database, actor: Actor): Promise<{ rts: UnscoredRt[]; inRound: boolean; scopeSize: number }> {
  // An RT the koordinator heads (or acts for) is not theirs to score (assertMayScore): not offered.
  const headed = new Set(actor.grants.filter((grant) => grant.role === "ketua_rt").map((grant) => grant.rtId));
  const places = (await listRtsInScope(db, areaScope(actor))).filter((place) => !headed.has(place.id));
  if (places.length === 0) return { rts: [], inRound: false, scopeSize: 0 };
  const ids = places.map((place) => place.id);
  const [scores, round] = await Promise.all([currentManualScores(db, ids), currentRound(db)]);
  const open = round && round.decidedAt === null ? round : undefined;
  const proposed = new Set<number>();
  if (open) {
    const rows = await db.select({ rtId: rtProposal.rtId }).from(rtProposal).where(and(eq(rtProposal.roundId, open.id), isNull(rtProposal.withdrawnAt)));
    for (const row of rows) proposed.add(row.rtId);
  }
  const codes = manualCodes();
  const order = new Map(ids.map((id, index) => [id, index]));
  const rts = places
    .map((place): UnscoredRt => {
      const scored = scores.get(place.id);
      const missing = codes.filter((code) => !scored?.has(code)).length;
      const { id, number, kelurahanCode, kelurahanName, kecamatanCode, kecamatanName } = place;
      return { place: { id, number, kelurahanCode, kelurahanName, kecamatanCode, kecamatanName }, missing, proposed: proposed.has(place.id) };
    })
    .filter((entry) => entry.missing > 0)
    .sort((a, b) => Number(b.proposed) - Number(a.proposed) || b.missing - a.missing || order.get(a.place.id)! - order.get(b.place.id)!);
  return { rts, inRound: open !== undefined, scopeSize: places.length };
}
