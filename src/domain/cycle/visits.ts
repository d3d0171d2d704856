import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { lockRequest } from "../../db/request-lock.js";
import { assessmentVisit, kecamatan, kelurahan, rt, rtProposal } from "../../db/schema/index.js";
import { addressName, type Greeting } from "../../messages/address.js";
import { formatWhen, rtVars } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { eventKey, noticeTo, queueNotices, type Notice } from "../../messages/notices.js";
import { translateIn } from "../../messages/translate.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { isAdmin, type Actor } from "../people/actor.js";
import { ensurePerson } from "../people/person.js";
import { ownRtSql } from "./assessors.js";
import { coversKelurahan } from "../roles/scope.js";
import type { RtDetails } from "../rt/rt.js";
import { addDays, formatLocalDate, wibDate, type LocalDate } from "../schedule/wib.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { localDateOf } from "./opening.js";
import { findRound, type RoundView } from "./rounds.js";

/** A proposed RT of a round with its current visit (none: "belum dijadwalkan"). */
export type VisitSlot = { rt: Omit<RtDetails, "inviteCode" | "groupChatId" | "householdCount">; visit: { id: number; startsAt: Date } | null };

/** Who plans visits: an admin anywhere, a koordinator in their kelurahan or kecamatan. */
export function mayPlanVisits(actor: Actor): boolean {
  return isAdmin(actor) || actor.grants.some((grant) => grant.role === "koordinator");
}

/** Is this moment's WIB day inside the round's visit period (inclusive)? */
export function inVisitPeriod(round: Pick<RoundView, "visitFrom" | "visitTo">, at: Date): boolean {
  const day = formatLocalDate(wibDate(at));
  return round.visitFrom <= day && day <= round.visitTo;
}

/**
 * The day a planning form shows as its example: the visit period's first day, or tomorrow (WIB)
 * once the period has begun (a time earlier today may be past already), never after its last day.
 */
export function exampleVisitDay(round: Pick<RoundView, "visitFrom" | "visitTo">, at: Date): LocalDate {
  const tomorrow = formatLocalDate(addDays(wibDate(at), 1));
  const day = round.visitFrom < tomorrow ? tomorrow : round.visitFrom;
  return localDateOf(day < round.visitTo ? day : round.visitTo);
}

function openRoundOrRefuse(round: RoundView | undefined): RoundView {
  if (!round || round.decidedAt !== null) throw new DomainError("round-not-open");
  return round;
}

async function slots(db: Database, roundId: number, rtIds?: readonly number[]): Promise<VisitSlot[]> {
  const rows = await db
    .select({
      id: rt.id, number: rt.number, kelurahanCode: rt.kelurahanCode, kelurahanName: kelurahan.name, kecamatanCode: kelurahan.kecamatanCode, kecamatanName: kecamatan.name,
      visitId: assessmentVisit.id, startsAt: assessmentVisit.startsAt,
    })
    .from(rtProposal)
    .innerJoin(rt, eq(rt.id, rtProposal.rtId))
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .leftJoin(
      assessmentVisit,
      and(eq(assessmentVisit.roundId, rtProposal.roundId), eq(assessmentVisit.rtId, rt.id), eq(assessmentVisit.kind, "round"), isNull(assessmentVisit.cancelledAt)),
    )
    .where(and(eq(rtProposal.roundId, roundId), isNull(rtProposal.withdrawnAt), rtIds ? inArray(rt.id, [...rtIds]) : undefined))
    .orderBy(asc(kecamatan.name), asc(kelurahan.name), asc(rt.number));
  return rows.map(({ visitId, startsAt, ...place }) => ({ rt: place, visit: visitId === null || startsAt === null ? null : { id: visitId, startsAt } }));
}

/** /kunjungan's list: the round's proposed RTs the actor plans visits for, with their visit. */
export async function listVisitBoard(db: Database, actor: Actor, params: { roundId: number }): Promise<VisitSlot[]> {
  if (!mayPlanVisits(actor)) throw new DomainError("not-allowed");
  return (await slots(db, params.roundId)).filter((slot) => coversKelurahan(actor, slot.rt));
}

/**
 * One proposed RT the actor may plan the visit of, re-read at every step (a button carries only
 * the RT's id). An RT outside the area, or not proposed in the round, is refused.
 */
export async function visitTarget(db: Database, actor: Actor, params: { roundId: number; rtId: number }): Promise<VisitSlot & { round: RoundView }> {
  if (!mayPlanVisits(actor)) throw new DomainError("not-allowed");
  const round = openRoundOrRefuse(await findRound(db, params.roundId));
  const [slot] = await slots(db, round.id, [params.rtId]);
  if (!slot) throw new DomainError("visit-rt-not-proposed");
  if (!coversKelurahan(actor, slot.rt)) throw new DomainError("out-of-scope");
  return { ...slot, round };
}

type Recipient = { personId: number; telegramId: number | null; locale: string | null; name: string | null; greeting: Greeting | null; role: "ketua" | "assessor" };

/**
 * The ketua of the RT and the round's assessors whose scope holds it (by RT or by kecamatan), each
 * once (a ketua who is also on the team is told as the ketua), with how to address them.
 */
async function visitRecipients(tx: Database, roundId: number, place: VisitSlot["rt"]): Promise<Recipient[]> {
  // The ketua (reachable), and the assessors whose scope holds the RT, never one of its own people
  // (ownRtSql); a ketua on the team is told once, as the ketua.
  const rows = await queryRows<{ person_id: number; telegram_id: string | number | null; locale: string; display_name: string | null; greeting: Greeting | null; role: Recipient["role"] }>(
    tx,
    sql`select distinct on (p.id) p.id as person_id, p.telegram_id, p.locale, p.display_name, p.greeting, x.role
        from (
          select k.person_id, 'ketua' as role, 0 as rank from role_assignment k
            where k.role = 'ketua_rt' and k.rt_id = ${place.id} and k.revoked_at is null
          union all
          select a.person_id, 'assessor' as role, 1 as rank from round_assessor a
            join assessor_scope s on s.assessor_id = a.id
            where a.round_id = ${roundId} and a.revoked_at is null
              and (s.rt_id = ${place.id} or s.kecamatan_code = ${place.kecamatanCode})
              and not ${ownRtSql(sql`a.person_id`, sql`${place.id}`)}
        ) x
        join person p on p.id = x.person_id
        where p.erased_at is null and p.unreachable_at is null and p.telegram_id is not null
        order by p.id, x.rank`,
  );
  return rows.map((row) => ({
    personId: Number(row.person_id), telegramId: row.telegram_id === null ? null : Number(row.telegram_id), locale: row.locale,
    name: row.display_name, greeting: row.greeting, role: row.role,
  }));
}

/** The ketua is asked to prepare the RT; an assessor is told of their own visit. */
const VISIT_NOTICE_KEYS = {
  scheduled: { ketua: "visit-notice-scheduled-ketua", assessor: "visit-notice-scheduled-assessor" },
  moved: { ketua: "visit-notice-moved-ketua", assessor: "visit-notice-moved-assessor" },
  cancelled: { ketua: "visit-notice-cancelled-ketua", assessor: "visit-notice-cancelled-assessor" },
  // The ketua reads it in the withdrawal notice (proposals.ts), so only the assessors are told here.
  withdrawn: { assessor: "visit-notice-withdrawn-assessor" },
} as const satisfies Record<string, Partial<Record<Recipient["role"], string>>>;

/** A visit whose start has come: it took place (or is under way) and is no longer moved or cancelled. */
export function isHeld(visit: { startsAt: Date }, now: Date): boolean {
  return visit.startsAt.getTime() <= now.getTime();
}

/** Each recipient's notice in their language, by their part in the visit, addressed by name. */
function notices(deps: Pick<ServiceDeps, "i18n">, recipients: readonly Recipient[], event: string, keys: Partial<Record<Recipient["role"], string>>, vars: (locale: string) => Record<string, string>): Notice[] {
  return recipients.flatMap((recipient) => {
    const key = keys[recipient.role];
    if (key === undefined) return [];
    const locale = supportedLocale(recipient.locale);
    const t = translateIn(deps.i18n, locale);
    return noticeTo(recipient, event, t(key, { ...vars(locale), name: addressName(t, recipient) }));
  });
}

export type ScheduleParams = { requestKey: string; roundId: number; rtId: number; startsAt: Date };
export type ScheduleResult = { visitId: number; startsAt: Date; moved: boolean; rt: VisitSlot["rt"] };

/**
 * Schedules (or moves) the round's visit to one RT: a move cancels the current visit and adds a new
 * row, so the history of dates stays. The visit, its audit row and the notices to the ketua and to
 * the assessors whose scope holds the RT commit together, once per form (its request key): a double
 * tap or a redelivered save finds its visit and queues nothing more. A visit that took place is not
 * moved (visit-already-held).
 */
export async function scheduleVisit(deps: ServiceDeps, actor: Actor, params: ScheduleParams): Promise<ScheduleResult> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    // The same save again: scope is checked again, nothing more is written or told.
    const again = async (done: typeof assessmentVisit.$inferSelect): Promise<ScheduleResult> => {
      const target = await visitTarget(tx, actor, { roundId: params.roundId, rtId: done.rtId });
      return { visitId: done.id, startsAt: done.startsAt, moved: false, rt: target.rt };
    };
    const [done] = await tx.select().from(assessmentVisit).where(eq(assessmentVisit.requestKey, params.requestKey));
    if (done) return again(done);
    const target = await visitTarget(tx, actor, params);
    // As reassessment.ts does: a visit in the past (earlier today included) is no plan anyone can keep.
    if (params.startsAt.getTime() <= now.getTime()) throw new DomainError("visit-time-past");
    if (!inVisitPeriod(target.round, params.startsAt)) throw new DomainError("visit-outside-period", { from: target.round.visitFrom, to: target.round.visitTo });
    const scheduledBy = actor.person?.id ?? (await ensurePerson(tx, actor.telegramId));
    // As planReassessmentVisit does: one form saved on two instances, or two planners of one RT,
    // take turns here (the form's key, then the RT's row), and the second reads what the first
    // saved: the same form's visit, or the visit it now moves. Without this the second insert
    // would meet the one-current-visit index as a raw error.
    await lockRequest(tx, params.requestKey);
    await tx.select({ id: rt.id }).from(rt).where(eq(rt.id, target.rt.id)).for("no key update");
    const [raced] = await tx.select().from(assessmentVisit).where(eq(assessmentVisit.requestKey, params.requestKey));
    if (raced) return again(raced);
    const [current] = await tx
      .select({ id: assessmentVisit.id, startsAt: assessmentVisit.startsAt })
      .from(assessmentVisit)
      .where(and(eq(assessmentVisit.roundId, target.round.id), eq(assessmentVisit.rtId, target.rt.id), eq(assessmentVisit.kind, "round"), isNull(assessmentVisit.cancelledAt)));
    // A visit that took place is the round's history, not a plan to move.
    if (current && isHeld(current, now)) throw new DomainError("visit-already-held");
    const [previous] = current
      ? await tx
          .update(assessmentVisit)
          .set({ cancelledAt: now })
          .where(and(eq(assessmentVisit.id, current.id), isNull(assessmentVisit.cancelledAt)))
          .returning({ id: assessmentVisit.id, startsAt: assessmentVisit.startsAt })
      : [];
    const [visit] = await tx
      .insert(assessmentVisit)
      .values({ kind: "round", roundId: target.round.id, rtId: target.rt.id, startsAt: params.startsAt, scheduledBy, scheduledAt: now, requestKey: params.requestKey })
      .returning({ id: assessmentVisit.id });
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: scheduledBy, action: "visit_scheduled", rtId: target.rt.id, entityType: "assessment_visit", entityId: visit!.id,
      details: { roundId: target.round.id, startsAt: params.startsAt.toISOString(), movedFrom: previous?.id ?? null },
    });
    const recipients = await visitRecipients(tx, target.round.id, target.rt);
    const key = previous ? VISIT_NOTICE_KEYS.moved : VISIT_NOTICE_KEYS.scheduled;
    await queueNotices(
      tx,
      now,
      notices(deps, recipients, eventKey("visit-scheduled", visit!.id), key, (locale) => ({
        ...rtVars(target.rt), when: formatWhen(params.startsAt, locale), before: previous ? formatWhen(previous.startsAt, locale) : "",
      })),
    );
    return { visitId: visit!.id, startsAt: params.startsAt, moved: previous !== undefined, rt: target.rt };
  });
}

/**
 * Cancels a round visit (the row stays, with when it was cancelled), audited, and tells the ketua
 * and the assessors. Cancelling twice changes nothing and tells nobody again (keyed by the visit).
 */
export async function cancelVisit(deps: ServiceDeps, actor: Actor, params: { visitId: number }): Promise<{ cancelled: boolean; rt: VisitSlot["rt"]; startsAt: Date }> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const [visit] = await tx.select().from(assessmentVisit).where(and(eq(assessmentVisit.id, params.visitId), eq(assessmentVisit.kind, "round")));
    if (!visit || visit.roundId === null) throw new DomainError("visit-not-found");
    const target = await visitTarget(tx, actor, { roundId: visit.roundId, rtId: visit.rtId });
    if (visit.cancelledAt !== null) return { cancelled: false, rt: target.rt, startsAt: visit.startsAt };
    if (isHeld(visit, now)) throw new DomainError("visit-already-held");
    const by = actor.person?.id ?? (await ensurePerson(tx, actor.telegramId));
    const cancelled = await cancelRoundVisitIn(tx, deps, { visitId: visit.id, roundId: visit.roundId, rt: target.rt, by, now, reason: "cancelled" });
    return { cancelled: cancelled !== null, rt: target.rt, startsAt: visit.startsAt };
  });
}

/**
 * Why a round visit is cancelled: by a planner (/kunjungan: the ketua and the assessors are told a
 * new date will follow), or with its RT's proposal (withdrawn: no new date comes; the assessors are
 * told why here, the ketua in the withdrawal notice).
 */
export type VisitCancelReason = "cancelled" | "withdrawn";

/**
 * Inside the caller's transaction: cancels the round's current visit to the RT (`visitId`, or
 * whichever is current) if it is still to come, with its audit row and the notices of `reason`.
 * Null when none was current and upcoming: a visit that took place stays as the round's history.
 */
export async function cancelRoundVisitIn(
  tx: Database,
  deps: Pick<ServiceDeps, "i18n">,
  params: { visitId?: number; roundId: number; rt: VisitSlot["rt"]; by: number | null; now: Date; reason: VisitCancelReason },
): Promise<{ id: number; startsAt: Date } | null> {
  const { roundId, rt: place, by, now } = params;
  const [visit] = await tx
    .update(assessmentVisit)
    .set({ cancelledAt: now })
    .where(
      and(
        params.visitId === undefined ? and(eq(assessmentVisit.roundId, roundId), eq(assessmentVisit.rtId, place.id), eq(assessmentVisit.kind, "round")) : eq(assessmentVisit.id, params.visitId),
        isNull(assessmentVisit.cancelledAt),
        gt(assessmentVisit.startsAt, now),
      ),
    )
    .returning({ id: assessmentVisit.id, startsAt: assessmentVisit.startsAt });
  if (!visit) return null;
  await recordAudit(tx, {
    occurredAt: now, actorPersonId: by, action: "visit_cancelled", rtId: place.id, entityType: "assessment_visit", entityId: visit.id,
    details: { roundId, ...(params.reason === "withdrawn" ? { reason: "withdrawn" } : {}) },
  });
  const keys = VISIT_NOTICE_KEYS[params.reason];
  // notices() tells only the parts `keys` names (a withdrawal: the assessors).
  const recipients = await visitRecipients(tx, roundId, place);
  await queueNotices(tx, now, notices(deps, recipients, eventKey("visit-cancelled", visit.id), keys, (locale) => ({ ...rtVars(place), when: formatWhen(visit.startsAt, locale) })));
  return visit;
}
