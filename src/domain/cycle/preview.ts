import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { assessmentVisit } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";
import { headedRtId, isAdmin, type Actor } from "../people/actor.js";
import { areaScope, canManageRt } from "../roles/scope.js";
import { getRt, listRtsInScope, type RtDetails, type RtSummary } from "../rt/rt.js";
import { currentProposals, titleHolders } from "./proposals.js";
import { rtReadiness, type Readiness } from "./readiness.js";
import { currentRound, roundPhase, type RoundPhase, type RoundView } from "./rounds.js";

/**
 * /penilaian: what the team will look at in an RT, for its ketua (or a koordinator or admin whose
 * area holds it): the current round and its dates, whether the RT is proposed, the visit if one is
 * scheduled, and the 21 indicators as they stand now.
 */
export type AssessmentPreview = {
  place: RtDetails;
  round: RoundView | null;
  phase: RoundPhase | null;
  proposed: boolean;
  holder: boolean;
  visitAt: Date | null;
  readiness: Readiness;
};

/** Checked on every call (a button carries only the RT id): the ketua of that RT, a koordinator over it, an admin. */
export async function assessmentPreview(db: Database, actor: Actor, params: { rtId: number; now: Date }): Promise<AssessmentPreview> {
  const place = await getRt(db, params.rtId);
  if (!canManageRt(actor, place)) throw new DomainError("out-of-scope");
  const round = (await currentRound(db)) ?? null;
  const [readiness, holders, proposals, visits] = await Promise.all([
    rtReadiness(db, { rtIds: [place.id], now: params.now }),
    titleHolders(db, [place.id]),
    round ? currentProposals(db, { roundId: round.id, rtIds: [place.id] }) : Promise.resolve(new Map()),
    round
      ? db
          .select({ startsAt: assessmentVisit.startsAt })
          .from(assessmentVisit)
          .where(and(eq(assessmentVisit.roundId, round.id), eq(assessmentVisit.rtId, place.id), eq(assessmentVisit.kind, "round"), isNull(assessmentVisit.cancelledAt)))
          .orderBy(asc(assessmentVisit.startsAt))
      : Promise.resolve([]),
  ]);
  return {
    place,
    round,
    phase: round ? roundPhase(round, params.now) : null,
    proposed: proposals.has(place.id),
    holder: holders.has(place.id),
    visitAt: visits[0]?.startsAt ?? null,
    readiness: readiness.get(place.id)!,
  };
}

/**
 * Who /penilaian opens on: (koordinator, admin) a list of their area's RTs, also when they head or
 * act for one of them; else the RT the actor heads.
 */
export function previewStart(actor: Actor): { kind: "rt"; rtId: number } | { kind: "area" } | null {
  if (isAdmin(actor) || actor.grants.some((grant) => grant.role === "koordinator")) return { kind: "area" };
  const headed = headedRtId(actor);
  return headed === null ? null : { kind: "rt", rtId: headed };
}

/** The RTs of the actor's area for /penilaian's list: proposed ones first, then by place. */
export async function previewChoices(db: Database, actor: Actor): Promise<{ place: RtSummary; proposed: boolean }[]> {
  if (!isAdmin(actor) && !actor.grants.some((grant) => grant.role === "koordinator")) throw new DomainError("not-allowed");
  const places = await listRtsInScope(db, areaScope(actor));
  const round = await currentRound(db);
  const proposals = round ? await currentProposals(db, { roundId: round.id, rtIds: places.map((place) => place.id) }) : new Map();
  const rows = places.map((place) => ({ place, proposed: proposals.has(place.id) }));
  return [...rows.filter((row) => row.proposed), ...rows.filter((row) => !row.proposed)];
}
