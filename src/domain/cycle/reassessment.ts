/**
 * A re-assessment visit: a koordinator whose area holds a title holder (or an admin) plans a visit
 * to see whether it keeps its level ("semacam penilaian ulang", the residents asked). Stored as an
 * assessment_visit of kind `reassessment` (no round), idempotent by the planning form's key, audited
 * (visit_scheduled) and told to the RT's ketua, all in one transaction. An RT has at most one
 * upcoming re-assessment visit: planning again moves it, as visits.ts moves a round visit (the old
 * row is cancelled and a new one added, so the history of dates stays); it can be cancelled too.
 */
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { assessmentVisit, rt } from "../../db/schema/index.js";
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
  /** The RT's upcoming re-assessment visit, if one is planned. */
  visit: UpcomingVisit | null;
};

export type UpcomingVisit = { id: number; startsAt: Date };

/**
 * The upcoming (not cancelled, starting after `now`) re-assessment visit of each of these RTs, in
 * one query. Should an RT have two (planned twice before planning moved the visit), the earlier.
 */
export async function upcomingReassessmentVisits(db: Database, params: { rtIds: readonly number[]; now: Date }): Promise<Map<number, UpcomingVisit>> {
  if (params.rtIds.length === 0) return new Map();
  const rows = await db
    .select({ id: assessmentVisit.id, rtId: assessmentVisit.rtId, startsAt: assessmentVisit.startsAt })
    .from(assessmentVisit)
    .where(and(eq(assessmentVisit.kind, "reassessment"), inArray(assessmentVisit.rtId, [...params.rtIds]), isNull(assessmentVisit.cancelledAt), gt(assessmentVisit.startsAt, params.now)))
    .orderBy(asc(assessmentVisit.startsAt), asc(assessmentVisit.id));
  const visits = new Map<number, UpcomingVisit>();
  for (const row of rows) if (!visits.has(row.rtId)) visits.set(row.rtId, { id: row.id, startsAt: row.startsAt });
  return visits;
}

/**
 * The title holders of the actor's area, those that fell since their award first, then the fading
 * ones (the weekly "menurun"), then by kelurahan and RT number. Grouped queries for all of them.
 */
export async function reassessmentCandidates(db: Database, actor: Actor, now: Date, config: ScoreConfig = DEFAULT_SCORE_CONFIG): Promise<ReassessmentCandidate[]> {
  const places = await listRtsInScope(db, areaScope(actor));
  const holders = await titleHolders(db, places.map((place) => place.id));
  if (holders.length === 0) return [];
  const ids = holders.map((holder) => holder.rtId);
  const [declines, trends, visits] = await Promise.all([
    declineSinceAward(db, ids, now, config),
    computeTrends(db, ids, now, config),
    upcomingReassessmentVisits(db, { rtIds: ids, now }),
  ]);
  const fadingIds = new Set(trends.filter((trend) => trend.fading.menurun).map((trend) => trend.rt.rtId));
  const placeOf = new Map(places.map((place) => [place.id, place]));
  const candidates = holders.flatMap((holder) => {
    const place = placeOf.get(holder.rtId);
    if (!place) return [];
    const { id, number, kelurahanCode, kelurahanName, kecamatanCode, kecamatanName } = place;
    return [{ place: { id, number, kelurahanCode, kelurahanName, kecamatanCode, kecamatanName }, level: holder.level, declining: declines.has(holder.rtId), fading: fadingIds.has(holder.rtId), visit: visits.get(holder.rtId) ?? null }];
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

export type PlannedVisit = { visitId: number; rtId: number; startsAt: Date; created: boolean; movedFrom: UpcomingVisit | null };

type Place = Pick<RtDetails, "id" | "number" | "kelurahanName" | "kecamatanName">;

/** The RT's ketua (each reachable one) told `key` in their language, addressed by name; queued once per `event`. */
async function tellKetuas(tx: Database, deps: Pick<ServiceDeps, "i18n">, params: { place: Place; now: Date; event: string; key: string; when: (locale: string) => Record<string, string> }): Promise<void> {
  const keepers = (await rtKeepers(tx, [params.place.id])).get(params.place.id);
  const notices: Notice[] = (keepers?.ketuas ?? []).flatMap((ketua) => {
    const locale = supportedLocale(ketua.locale);
    const t = translateIn(deps.i18n, locale);
    return noticeTo(ketua, params.event, t(params.key, { name: addressName(t, ketua), ...rtVars(params.place), ...params.when(locale) }));
  });
  await queueNotices(tx, params.now, notices);
}

/** The row a planning form saved under its key, as the form's result (the same save again). */
function alreadyPlanned(row: typeof assessmentVisit.$inferSelect): PlannedVisit {
  return { visitId: row.id, rtId: row.rtId, startsAt: row.startsAt, created: false, movedFrom: null };
}

/**
 * Plans the visit, or moves the RT's upcoming one: the current row is cancelled and a new one added
 * (audited with `movedFrom`, the ketua told "dipindahkan" from the old time to the new). Refused: an
 * RT outside the actor's area, one that holds no title, a time not in the future. The same form
 * saved twice (a double tap, a redelivery) plans or moves once and tells the ketua once.
 */
export async function planReassessmentVisit(deps: ServiceDeps, actor: Actor, input: ReassessmentInput): Promise<PlannedVisit> {
  const place = await getRt(deps.db, input.rtId);
  assertMayPlanReassessment(actor, place);
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const [existing] = await tx.select().from(assessmentVisit).where(eq(assessmentVisit.requestKey, input.requestKey));
    if (existing) return alreadyPlanned(existing);
    const [holder] = await titleHolders(tx, [place.id]);
    if (!holder) throw new DomainError("reassess-not-holder", rtVars(place));
    if (input.startsAt.getTime() <= now.getTime()) throw new DomainError("reassess-time-past");
    // Two planners of one RT at once take turns here, so the second moves the first's visit rather
    // than adding another (no unique index can say "one upcoming visit": upcoming depends on now).
    await tx.select({ id: rt.id }).from(rt).where(eq(rt.id, place.id)).for("no key update");
    const [raced] = await tx.select().from(assessmentVisit).where(eq(assessmentVisit.requestKey, input.requestKey));
    if (raced) return alreadyPlanned(raced); // another instance saved the same form a moment ago
    const previous = await tx
      .update(assessmentVisit)
      .set({ cancelledAt: now })
      .where(and(eq(assessmentVisit.kind, "reassessment"), eq(assessmentVisit.rtId, place.id), isNull(assessmentVisit.cancelledAt), gt(assessmentVisit.startsAt, now)))
      .returning({ id: assessmentVisit.id, startsAt: assessmentVisit.startsAt });
    const movedFrom = previous.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id)[0] ?? null;
    const scheduledBy = actor.person?.id ?? null;
    const [inserted] = await tx
      .insert(assessmentVisit)
      .values({ kind: "reassessment", roundId: null, rtId: place.id, startsAt: input.startsAt, scheduledBy, scheduledAt: now, requestKey: input.requestKey })
      .returning({ id: assessmentVisit.id });
    const visitId = inserted!.id;
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: scheduledBy, action: "visit_scheduled", rtId: place.id, entityType: "assessment_visit", entityId: visitId,
      details: { kind: "reassessment", startsAt: input.startsAt.toISOString(), movedFrom: movedFrom?.id ?? null },
    });
    await tellKetuas(tx, deps, {
      place, now, event: eventKey("reassessment-visit", visitId), key: movedFrom ? "reassess-notice-moved-ketua" : "reassess-notice-ketua",
      when: (locale) => ({ when: formatWhen(input.startsAt, locale), ...(movedFrom ? { before: formatWhen(movedFrom.startsAt, locale) } : {}) }),
    });
    return { visitId, rtId: place.id, startsAt: input.startsAt, created: true, movedFrom };
  });
}

export type ReassessmentVisit = { visitId: number; place: RtDetails; startsAt: Date; cancelledAt: Date | null };

/**
 * A re-assessment visit the actor may plan (a button carries only its id, so the scope is read again):
 * one that is no re-assessment visit is "not found", one outside the actor's area is refused.
 */
export async function reassessmentVisitOf(db: Database, actor: Actor, params: { visitId: number }): Promise<ReassessmentVisit> {
  const [visit] = await db.select().from(assessmentVisit).where(and(eq(assessmentVisit.id, params.visitId), eq(assessmentVisit.kind, "reassessment")));
  if (!visit) throw new DomainError("reassess-visit-not-found");
  const place = await getRt(db, visit.rtId);
  assertMayPlanReassessment(actor, place);
  return { visitId: visit.id, place, startsAt: visit.startsAt, cancelledAt: visit.cancelledAt };
}

/**
 * Cancels a planned re-assessment visit (the row stays, with when it was cancelled), audited
 * (visit_cancelled), and tells the ketua. The scope is checked again; cancelling twice changes
 * nothing and tells nobody again. A visit whose time has come is no longer cancelled.
 */
export async function cancelReassessmentVisit(
  deps: ServiceDeps,
  actor: Actor,
  params: { visitId: number; requestKey?: string },
): Promise<{ cancelled: boolean; place: RtDetails; startsAt: Date }> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const visit = await reassessmentVisitOf(tx, actor, params);
    const { place, startsAt } = visit;
    if (visit.cancelledAt !== null) return { cancelled: false, place, startsAt };
    if (startsAt.getTime() <= now.getTime()) throw new DomainError("reassess-visit-over");
    // Only the row still standing is cancelled: of two cancels at once, one changes it.
    const [cancelled] = await tx
      .update(assessmentVisit)
      .set({ cancelledAt: now })
      .where(and(eq(assessmentVisit.id, visit.visitId), isNull(assessmentVisit.cancelledAt)))
      .returning({ id: assessmentVisit.id });
    if (!cancelled) return { cancelled: false, place, startsAt };
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: actor.person?.id ?? null, action: "visit_cancelled", rtId: place.id, entityType: "assessment_visit", entityId: cancelled.id,
      details: { kind: "reassessment", startsAt: startsAt.toISOString(), ...(params.requestKey ? { requestKey: params.requestKey } : {}) },
    });
    await tellKetuas(tx, deps, {
      place, now, event: eventKey("reassessment-visit-cancelled", cancelled.id), key: "reassess-notice-cancelled-ketua",
      when: (locale) => ({ when: formatWhen(startsAt, locale) }),
    });
    return { cancelled: true, place, startsAt };
  });
}

/** The visit a planning form saved under `requestKey` by this person, if any (a save tapped again after the form ended). */
export async function findPlannedVisit(db: Database, params: { requestKey: string; personId: number }): Promise<{ visitId: number; startsAt: Date } | undefined> {
  const [row] = await db.select({ visitId: assessmentVisit.id, startsAt: assessmentVisit.startsAt, scheduledBy: assessmentVisit.scheduledBy }).from(assessmentVisit).where(eq(assessmentVisit.requestKey, params.requestKey));
  return row && row.scheduledBy === params.personId ? { visitId: row.visitId, startsAt: row.startsAt } : undefined;
}
