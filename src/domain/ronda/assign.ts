import { and, asc, eq, gt, isNull, notExists, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { eventOccurrence, membership, person, shiftAssignment, swapRequest } from "../../db/schema/index.js";
import { formatWhen } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { about, eventKey, noticeTo, queueNotices } from "../../messages/notices.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { requireHeadedRt, type Actor } from "../people/actor.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { upcomingShifts, type ShiftView } from "./watch.js";

/** The source of an assignment the ketua made by hand (a rota made again keeps it, as it keeps swaps). */
export const KETUA_SOURCE = "ketua";

/** The coming ronda nights of the RT the actor heads, for the ketua to fill by hand. */
export async function nightsToAssign(db: Database, actor: Actor, now: Date): Promise<ShiftView[]> {
  return upcomingShifts(db, requireHeadedRt(actor), now);
}

export type Assignable = { personId: number; name: string };

/** The RT's active members not on that night yet, by name; the night must be a coming one of the RT the actor heads. */
export async function membersToAssign(db: Database, actor: Actor, params: { occurrenceId: number; now: Date }): Promise<Assignable[]> {
  const rtId = requireHeadedRt(actor);
  await comingNightOf(db, { occurrenceId: params.occurrenceId, rtId, now: params.now });
  const rows = await db
    .select({ personId: person.id, name: person.displayName })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(
      and(
        eq(membership.rtId, rtId),
        eq(membership.status, "active"),
        notExists(db.select({ one: sql`1` }).from(shiftAssignment).where(and(eq(shiftAssignment.occurrenceId, params.occurrenceId), eq(shiftAssignment.personId, person.id)))),
      ),
    )
    .orderBy(asc(person.displayName), asc(person.id));
  return rows.map((row) => ({ personId: row.personId, name: row.name ?? "-" }));
}

async function comingNightOf(db: Database, params: { occurrenceId: number; rtId: number; now: Date }) {
  const [night] = await db
    .select()
    .from(eventOccurrence)
    .where(and(eq(eventOccurrence.id, params.occurrenceId), eq(eventOccurrence.rtId, params.rtId), eq(eventOccurrence.kind, "ronda"), isNull(eventOccurrence.cancelledAt), gt(eventOccurrence.startsAt, params.now)));
  if (!night) throw new DomainError("shift-not-found");
  return night;
}

/**
 * The ketua puts a member on a coming night by hand: the assignment, its audit row and a notice to
 * the person, in one transaction. Every check is made again here (the ketua still heads the RT,
 * the night is still coming, the person is still an active member). Putting someone on a night they
 * are on already changes nothing and tells nobody (a double tap).
 *
 * When the night has an open swap request (someone said "Tidak bisa" or asked "Tukar", or left the
 * RT), the member fills it: the request is accepted for them and the requester comes off the night,
 * so the shift keeps its size; the requester is told, and the volunteers' offers no longer stand.
 * `replaced` names who came off (null when the member was added, or filled a night someone left).
 */
export async function assignNight(
  deps: ServiceDeps,
  actor: Actor,
  params: { occurrenceId: number; personId: number },
): Promise<{ assigned: boolean; name: string; startsAt: Date; replaced: string | null }> {
  return inTransaction(deps, async (tx: Database) => {
    const now = deps.clock();
    const rtId = requireHeadedRt(actor);
    const night = await comingNightOf(tx, { occurrenceId: params.occurrenceId, rtId, now });
    const [member] = await tx
      .select({ personId: person.id, name: person.displayName, telegramId: person.telegramId, locale: person.locale })
      .from(membership)
      .innerJoin(person, eq(person.id, membership.personId))
      .where(and(eq(membership.personId, params.personId), eq(membership.rtId, rtId), eq(membership.status, "active")));
    if (!member) throw new DomainError("member-not-found");
    const inserted = await tx
      .insert(shiftAssignment)
      .values({ occurrenceId: night.id, personId: member.personId, assignedAt: now, source: KETUA_SOURCE })
      .onConflictDoNothing()
      .returning({ personId: shiftAssignment.personId });
    const result = { assigned: inserted.length > 0, name: member.name ?? "-", startsAt: night.startsAt, replaced: null as string | null };
    if (!result.assigned) return result;
    const filled = await fillOpenRequest(tx, { occurrenceId: night.id, personId: member.personId, now });
    await recordAudit(tx, { occurredAt: now, actorPersonId: actor.person?.id ?? null, action: "ronda_assigned", rtId, targetPersonId: member.personId, entityType: "event_occurrence", entityId: night.id });
    const locale = supportedLocale(member.locale);
    const text = deps.i18n.t(locale, "ronda-assigned-person", { when: formatWhen(night.startsAt, locale), place: night.place });
    const event = eventKey("ronda-assigned", [night.id, member.personId].join(":"));
    const notices = noticeTo(member, event, text);
    if (filled?.requester) {
      const { requester } = filled;
      result.replaced = requester.name ?? "-";
      const theirs = supportedLocale(requester.locale);
      const told = deps.i18n.t(theirs, "ronda-replaced-requester", { name: result.name, when: formatWhen(night.startsAt, theirs) });
      notices.push(...noticeTo(requester, eventKey("ronda-replaced", filled.swapId), told));
    }
    await queueNotices(tx, now, about([member.personId, filled?.requester?.personId], notices));
    return result;
  });
}

/**
 * The open swap request of the night that an assignment fills, if any: first one whose requester
 * is still on the night (they come off it), else one for a place someone who left freed. Closed by
 * a conditional update, like "Ambil", so a volunteer's take and the ketua's choice cannot both win.
 */
async function fillOpenRequest(
  tx: Database,
  params: { occurrenceId: number; personId: number; now: Date },
): Promise<{ swapId: number; requester: { personId: number; telegramId: number; name: string | null; locale: string } | null } | null> {
  const open = await tx.select().from(swapRequest).where(and(eq(swapRequest.occurrenceId, params.occurrenceId), eq(swapRequest.status, "open"))).orderBy(asc(swapRequest.createdAt), asc(swapRequest.id));
  const on = (await tx.select({ personId: shiftAssignment.personId }).from(shiftAssignment).where(eq(shiftAssignment.occurrenceId, params.occurrenceId))).map((row) => row.personId);
  const request = open.find((r) => r.fromPersonId !== params.personId && on.includes(r.fromPersonId)) ?? open.find((r) => !on.includes(r.fromPersonId));
  if (!request) return null;
  const [taken] = await tx
    .update(swapRequest)
    .set({ status: "accepted", toPersonId: params.personId, decidedAt: params.now })
    .where(and(eq(swapRequest.id, request.id), eq(swapRequest.status, "open")))
    .returning({ id: swapRequest.id });
  if (!taken) return null;
  if (!on.includes(request.fromPersonId)) return { swapId: request.id, requester: null };
  await tx.delete(shiftAssignment).where(and(eq(shiftAssignment.occurrenceId, params.occurrenceId), eq(shiftAssignment.personId, request.fromPersonId)));
  const [from] = await tx.select({ personId: person.id, telegramId: person.telegramId, name: person.displayName, locale: person.locale }).from(person).where(eq(person.id, request.fromPersonId));
  return { swapId: request.id, requester: from && from.telegramId !== null ? { ...from, telegramId: from.telegramId } : null };
}
