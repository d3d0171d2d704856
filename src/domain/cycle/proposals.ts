import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { rtProposal, rtTitle } from "../../db/schema/index.js";
import { addressName } from "../../messages/address.js";
import { translateIn } from "../../messages/translate.js";
import { formatCalendarDay, formatWhen, rtVars } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { eventKey, noticeTo, queueNotices } from "../../messages/notices.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { isAdmin, type Actor } from "../people/actor.js";
import { findReachableKetua } from "../roles/roles.js";
import { areaScope, coversKelurahan } from "../roles/scope.js";
import { getRt, listRtsInScope, type RtDetails, type RtSummary } from "../rt/rt.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { localDateOf } from "./opening.js";
import { cancelRoundVisitIn } from "./visits.js";
import { readinessSnapshot, rtReadiness, type Readiness } from "./readiness.js";
import { currentRound, findRound, roundPhase, type RoundPhase, type RoundView } from "./rounds.js";

/**
 * Each kelurahan's koordinator proposes RTs of their area for the round while it takes proposals
 * (until its deadline, WIB, inclusive), never an RT that already holds the title; the RT's ketua
 * is told in the same transaction. A proposal is withdrawn (kept as history) and may be made again
 * before the deadline. The area is re-read from the actor with every call, buttons included.
 */

export type ProposalRow = { place: RtSummary; readiness: Readiness; holder: boolean; proposalId: number | null };
export type ProposalBoard = { round: RoundView; phase: RoundPhase; rows: ProposalRow[] };

export function mayPropose(actor: Actor): boolean {
  return isAdmin(actor) || actor.grants.some((grant) => grant.role === "koordinator");
}

function requireProposer(actor: Actor, place?: Pick<RtDetails, "kelurahanCode" | "kecamatanCode">): number | null {
  if (!mayPropose(actor)) throw new DomainError("not-allowed");
  if (place && !coversKelurahan(actor, place)) throw new DomainError("out-of-scope");
  return actor.person?.id ?? null;
}

/** The RTs (of `rtIds`) that hold the title Kampung BANTAR. */
export async function titleHolders(db: Database, rtIds: readonly number[]): Promise<Set<number>> {
  if (rtIds.length === 0) return new Set();
  const rows = await db.select({ rtId: rtTitle.rtId }).from(rtTitle).where(and(eq(rtTitle.level, "bantar"), inArray(rtTitle.rtId, [...rtIds])));
  return new Set(rows.map((row) => row.rtId));
}

/** The current (not withdrawn) proposals of a round, by RT. */
export async function currentProposals(db: Database, params: { roundId: number; rtIds?: readonly number[] }): Promise<Map<number, typeof rtProposal.$inferSelect>> {
  const filter = params.rtIds ? (params.rtIds.length ? inArray(rtProposal.rtId, [...params.rtIds]) : sql`false`) : undefined;
  const rows = await db.select().from(rtProposal).where(and(eq(rtProposal.roundId, params.roundId), isNull(rtProposal.withdrawnAt), filter));
  return new Map(rows.map((row) => [row.rtId, row]));
}

/** /usulkan: the current round and every RT of the actor's area with its readiness, holders and proposals marked. */
export async function proposalBoard(db: Database, actor: Actor, now: Date): Promise<ProposalBoard | null> {
  requireProposer(actor);
  const round = await currentRound(db);
  if (!round) return null;
  const places = await listRtsInScope(db, areaScope(actor));
  const rtIds = places.map((place) => place.id);
  const [readiness, holders, proposals] = await Promise.all([rtReadiness(db, { rtIds, now }), titleHolders(db, rtIds), currentProposals(db, { roundId: round.id, rtIds })]);
  const rows = places.flatMap((place) => {
    const ready = readiness.get(place.id);
    return ready ? [{ place, readiness: ready, holder: holders.has(place.id), proposalId: proposals.get(place.id)?.id ?? null }] : [];
  });
  return { round, phase: roundPhase(round, now), rows };
}

async function openRoundFor(db: Database, roundId: number, now: Date): Promise<RoundView> {
  const round = await findRound(db, roundId);
  if (!round) throw new DomainError("round-not-found");
  if (roundPhase(round, now) !== "proposals") throw new DomainError("round-proposals-closed", { deadline: round.proposalDeadline });
  return round;
}

/** The deadline as the refusal names it, in the person's language (the error's var is the ISO day). */
export function deadlineVar(deadline: string, locale: string): string {
  return formatCalendarDay(localDateOf(deadline), locale);
}

/**
 * Proposes an RT for a round. A double tap (or a redelivery) finds the current proposal and makes
 * none: the partial unique index on (round, RT) while not withdrawn holds across instances.
 */
export async function proposeRt(deps: ServiceDeps, actor: Actor, params: { roundId: number; rtId: number }): Promise<{ proposalId: number; created: boolean; place: RtDetails; round: RoundView }> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const place = await getRt(tx, params.rtId);
    const by = requireProposer(actor, place);
    const round = await openRoundFor(tx, params.roundId, now);
    const existing = (await currentProposals(tx, { roundId: round.id, rtIds: [place.id] })).get(place.id);
    if (existing) return { proposalId: existing.id, created: false, place, round };
    if ((await titleHolders(tx, [place.id])).has(place.id)) throw new DomainError("proposal-holder", rtVars(place));
    const readiness = (await rtReadiness(tx, { rtIds: [place.id], now })).get(place.id);
    if (!readiness) throw new DomainError("rt-not-found");
    const [inserted] = await tx
      .insert(rtProposal)
      .values({ roundId: round.id, rtId: place.id, proposedBy: by, proposedAt: now, householdCount: readiness.householdCount, readiness: readinessSnapshot(readiness) })
      .onConflictDoNothing()
      .returning({ id: rtProposal.id });
    if (!inserted) {
      const raced = (await currentProposals(tx, { roundId: round.id, rtIds: [place.id] })).get(place.id)!;
      return { proposalId: raced.id, created: false, place, round };
    }
    await recordAudit(tx, {
      occurredAt: now,
      actorPersonId: by,
      action: "rt_proposed",
      rtId: place.id,
      entityType: "rt_proposal",
      entityId: inserted.id,
      details: { round_id: round.id, year: String(round.year), household_count: readiness.householdCount, unscored: readiness.unscored.length },
    });
    const ketua = await findReachableKetua(tx, place.id);
    if (ketua) {
      const locale = supportedLocale(ketua.locale);
      const text = deps.i18n.t(locale, "proposal-ketua-notice", {
        name: addressName(translateIn(deps.i18n, locale), { greeting: ketua.greeting, name: ketua.displayName }),
        ...rtVars(place),
        year: String(round.year),
        from: formatCalendarDay(localDateOf(round.visitFrom), locale),
        to: formatCalendarDay(localDateOf(round.visitTo), locale),
      });
      await queueNotices(tx, now, noticeTo(ketua, eventKey("rt-proposed", inserted.id), text));
    }
    return { proposalId: inserted.id, created: true, place, round };
  });
}

/** Withdraws a proposal before the deadline; withdrawing it again changes nothing. */
export async function withdrawProposal(deps: ServiceDeps, actor: Actor, params: { proposalId: number }): Promise<{ withdrawn: boolean; place: RtDetails; round: RoundView }> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const [proposal] = await tx.select().from(rtProposal).where(eq(rtProposal.id, params.proposalId)).for("update");
    if (!proposal) throw new DomainError("proposal-not-found");
    const place = await getRt(tx, proposal.rtId);
    const by = requireProposer(actor, place);
    const round = await findRound(tx, proposal.roundId);
    if (!round) throw new DomainError("round-not-found");
    if (proposal.withdrawnAt) return { withdrawn: false, place, round };
    await openRoundFor(tx, round.id, now);
    await tx.update(rtProposal).set({ withdrawnAt: now, withdrawnBy: by }).where(eq(rtProposal.id, proposal.id));
    await recordAudit(tx, { occurredAt: now, actorPersonId: by, action: "proposal_withdrawn", rtId: place.id, entityType: "rt_proposal", entityId: proposal.id, details: { round_id: round.id, year: String(round.year) } });
    // Its upcoming visit goes with it (one held stays as history): the assessors are told here, the
    // ketua in the withdrawal notice below.
    const visit = await cancelRoundVisitIn(tx, deps, { roundId: round.id, rt: place, by, now, reason: "withdrawn" });
    const ketua = await findReachableKetua(tx, place.id);
    if (ketua) {
      const locale = supportedLocale(ketua.locale);
      const t = translateIn(deps.i18n, locale);
      const name = addressName(t, { greeting: ketua.greeting, name: ketua.displayName });
      const lines = [t("proposal-withdrawn-notice", { name, ...rtVars(place), year: String(round.year) })];
      if (visit) lines.push(t("proposal-withdrawn-visit-cancelled", { when: formatWhen(visit.startsAt, locale) }));
      await queueNotices(tx, now, noticeTo(ketua, eventKey("proposal-withdrawn", proposal.id), lines.join("\n")));
    }
    return { withdrawn: true, place, round };
  });
}
