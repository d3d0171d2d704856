/**
 * A re-assessment visit: a koordinator whose area holds a title holder (or an admin) plans a visit
 * to see whether it keeps its level ("semacam penilaian ulang", the residents asked). Stored as an
 * assessment_visit of kind `reassessment` (no round), idempotent by the planning form's key, audited
 * (visit_scheduled) and told to the RT's ketua, all in one transaction.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { assessmentVisit } from "../../db/schema/index.js";
import { addressName } from "../../messages/address.js";
import { formatWhen, rtVars } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { eventKey, noticeTo, queueNotices, type Notice } from "../../messages/notices.js";
import { translateIn } from "../../messages/translate.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { isAdmin, type Actor } from "../people/actor.js";
import { areaScope, coversKelurahan } from "../roles/scope.js";
import { getRt, listRtsInScope, type RtDetails } from "../rt/rt.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "../scores/config.js";
import { computeTrends } from "../scores/trend.js";
import { declineSinceAward } from "./decline.js";
import { rtKeepers, titleHolders } from "./holders.js";

/**
 * May the actor plan a re-assessment of this RT? A koordinator whose area holds it, or an admin;
 * never its own ketua (a koordinator who also heads it does not re-assess themselves).
 */
export function assertMayPlanReassessment(actor: Actor, place: Pick<RtDetails, "id" | "kelurahanCode" | "kecamatanCode">): void {
  const planner = isAdmin(actor) || actor.grants.some((grant) => grant.role === "koordinator");
  const headsIt = actor.grants.some((grant) => grant.role === "ketua_rt" && grant.rtId === place.id);
  if (!planner || headsIt) throw new DomainError("not-allowed");
  if (!coversKelurahan(actor, place)) throw new DomainError("out-of-scope");
}

export type ReassessmentCandidate = {
  place: Pick<RtDetails, "id" | "number" | "kelurahanCode" | "kelurahanName" | "kecamatanCode" | "kecamatanName">;
  level: "bantar" | "kencana";
  declining: boolean;
  fading: boolean;
};

/**
 * The title holders of the actor's area, those that fell since their award first, then the fading
 * ones (the weekly "menurun"), then by kelurahan and RT number. Grouped queries for all of them.
 */
export async function reassessmentCandidates(db: Database, actor: Actor, now: Date, config: ScoreConfig = DEFAULT_SCORE_CONFIG): Promise<ReassessmentCandidate[]> {
  const places = await listRtsInScope(db, areaScope(actor));
  const holders = await titleHolders(db, places.map((place) => place.id));
  if (holders.length === 0) return [];
  const ids = holders.map((holder) => holder.rtId);
  const [declines, trends] = await Promise.all([declineSinceAward(db, ids, now, config), computeTrends(db, ids, now, config)]);
  const fadingIds = new Set(trends.filter((trend) => trend.fading.menurun).map((trend) => trend.rt.rtId));
  const placeOf = new Map(places.map((place) => [place.id, place]));
  const candidates = holders.flatMap((holder) => {
    const place = placeOf.get(holder.rtId);
    if (!place) return [];
    const { id, number, kelurahanCode, kelurahanName, kecamatanCode, kecamatanName } = place;
    return [{ place: { id, number, kelurahanCode, kelurahanName, kecamatanCode, kecamatanName }, level: holder.level, declining: declines.has(holder.rtId), fading: fadingIds.has(holder.rtId) }];
  });
  return candidates.sort(
    (a, b) =>
      Number(b.declining) - Number(a.declining) ||
      Number(b.fading) - Number(a.fading) ||
      a.place.kelurahanName.localeCompare(b.place.kelurahanName) ||
      a.place.number - b.place.number,
  );
}

export type ReassessmentInput = { rtId: number; startsAt: Date; requestKey: string };

export type PlannedVisit = { visitId: number; rtId: number; startsAt: Date; created: boolean };

/**
 * Plans the visit. Refused: an RT outside the actor's area, one that holds no title, a time not in
 * the future. The same form saved twice (a double tap, a redelivery) plans one visit and tells the
 * ketua once.
 */
export async function planReassessmentVisit(deps: ServiceDeps, actor: Actor, input: ReassessmentInput): Promise<PlannedVisit> {
  const place = await getRt(deps.db, input.rtId);
  assertMayPlanReassessment(actor, place);
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const [existing] = await tx.select().from(assessmentVisit).where(eq(assessmentVisit.requestKey, input.requestKey));
    if (existing) return { visitId: existing.id, rtId: existing.rtId, startsAt: existing.startsAt, created: false };
    const [holder] = await titleHolders(tx, [place.id]);
    if (!holder) throw new DomainError("reassess-not-holder", rtVars(place));
    if (input.startsAt.getTime() <= now.getTime()) throw new DomainError("reassess-time-past");
    const [inserted] = await tx
      .insert(assessmentVisit)
      .values({ kind: "reassessment", roundId: null, rtId: place.id, startsAt: input.startsAt, scheduledBy: actor.person?.id ?? null, scheduledAt: now, requestKey: input.requestKey })
      .onConflictDoNothing({ target: assessmentVisit.requestKey })
      .returning({ id: assessmentVisit.id });
    if (!inserted) {
      // Another instance saved the same form a moment ago: its row is the visit.
      const [raced] = await tx.select().from(assessmentVisit).where(eq(assessmentVisit.requestKey, input.requestKey));
      return { visitId: raced!.id, rtId: raced!.rtId, startsAt: raced!.startsAt, created: false };
    }
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: actor.person?.id ?? null, action: "visit_scheduled", rtId: place.id, entityType: "assessment_visit", entityId: inserted.id,
      details: { kind: "reassessment", startsAt: input.startsAt.toISOString() },
    });
    const keepers = (await rtKeepers(tx, [place.id])).get(place.id);
    const notices: Notice[] = (keepers?.ketuas ?? []).flatMap((ketua) => {
      const locale = supportedLocale(ketua.locale);
      const t = translateIn(deps.i18n, locale);
      const text = t("reassess-notice-ketua", { name: addressName(t, ketua), ...rtVars(place), when: formatWhen(input.startsAt, locale) });
      return noticeTo(ketua, eventKey("reassessment-visit", inserted.id), text);
    });
    await queueNotices(tx, now, notices);
    return { visitId: inserted.id, rtId: place.id, startsAt: input.startsAt, created: true };
  });
}

/** The visit a planning form saved under `requestKey` by this person, if any (a save tapped again after the form ended). */
export async function findPlannedVisit(db: Database, params: { requestKey: string; personId: number }): Promise<{ visitId: number; startsAt: Date } | undefined> {
  const [row] = await db.select({ visitId: assessmentVisit.id, startsAt: assessmentVisit.startsAt, scheduledBy: assessmentVisit.scheduledBy }).from(assessmentVisit).where(eq(assessmentVisit.requestKey, params.requestKey));
  return row && row.scheduledBy === params.personId ? { visitId: row.visitId, startsAt: row.startsAt } : undefined;
}
