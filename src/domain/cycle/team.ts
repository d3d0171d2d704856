import { createHash } from "node:crypto";
import { and, asc, eq, gt, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { assessmentRound, assessorAgency, assessorInvite, assessorScope, kecamatan, kelurahan, person, roundAssessor, rt } from "../../db/schema/index.js";
import type { Greeting } from "../../messages/address.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { isAdmin, type Actor } from "../people/actor.js";
import { wantMenus } from "../people/menu.js";
import { ensurePerson } from "../people/person.js";
import { ROLE_INVITE_TTL_MS } from "../roles/roles.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { findRound } from "./rounds.js";

export type Agency = (typeof assessorAgency.enumValues)[number];
export const AGENCIES: readonly Agency[] = assessorAgency.enumValues;

/**
 * A team link's start payload is this prefix and the invite's code. RT member codes and role
 * codes are drawn from an alphabet without "_" (src/domain/codes.ts), so no other link starts so.
 */
export const TEAM_LINK_PREFIX = "tim_";

export function teamLinkPayload(code: string): string {
  return `${TEAM_LINK_PREFIX}${code}`;
}

/** The invite code in a /start payload, or undefined when the payload is not a team link. */
export function teamInviteCode(payload: string): string | undefined {
  return payload.startsWith(TEAM_LINK_PREFIX) ? payload.slice(TEAM_LINK_PREFIX.length) : undefined;
}

/**
 * The link's code follows from the form's request key (a random id made when the form reached its
 * save): the same save pressed twice, or redelivered, makes the same code, so one link. The key
 * never leaves the server, so the code is as unguessable as a random one.
 */
export function inviteCodeOf(requestKey: string): string {
  return createHash("sha256").update(`assessor-invite:${requestKey}`).digest("base64url").slice(0, 24);
}

function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new DomainError("not-allowed");
}

export type TeamInviteParams = { requestKey: string; roundId: number; agency: Agency; rtIds: readonly number[]; kecamatanCodes: readonly string[] };

/**
 * /timpenilai: an admin makes a one-time link into a round's team for an agency and a scope (RTs
 * and/or whole kecamatan). The link and its audit row commit together; the same form saved twice
 * makes one link and one audit row.
 */
export async function createAssessorInvite(deps: ServiceDeps, actor: Actor, params: TeamInviteParams): Promise<{ code: string; expiresAt: Date }> {
  requireAdmin(actor);
  const now = deps.clock();
  const rtIds = [...new Set(params.rtIds)];
  const kecamatanCodes = [...new Set(params.kecamatanCodes)];
  if (rtIds.length + kecamatanCodes.length === 0) throw new DomainError("team-scope-empty");
  if (!AGENCIES.includes(params.agency)) throw new DomainError("not-allowed");
  return inTransaction(deps, async (tx) => {
    const round = await findRound(tx, params.roundId);
    if (!round || round.decidedAt !== null) throw new DomainError("round-not-open");
    const knownRts = rtIds.length ? await tx.select({ id: rt.id }).from(rt).where(inArray(rt.id, rtIds)) : [];
    const knownKecamatan = kecamatanCodes.length ? await tx.select({ code: kecamatan.code }).from(kecamatan).where(inArray(kecamatan.code, kecamatanCodes)) : [];
    if (knownRts.length !== rtIds.length) throw new DomainError("rt-not-found");
    if (knownKecamatan.length !== kecamatanCodes.length) throw new DomainError("kecamatan-not-found");
    // A bootstrap admin (from config) may never have written to the bot: give them a row to sign with.
    const createdBy = actor.person?.id ?? (await ensurePerson(tx, actor.telegramId));
    const code = inviteCodeOf(params.requestKey);
    const inserted = await tx
      .insert(assessorInvite)
      .values({ code, roundId: round.id, agency: params.agency, rtIds, kecamatanCodes, createdBy, createdAt: now, expiresAt: new Date(now.getTime() + ROLE_INVITE_TTL_MS) })
      .onConflictDoNothing()
      .returning({ code: assessorInvite.code });
    if (inserted.length > 0) {
      // The code is a secret link: it stays out of the log.
      await recordAudit(tx, {
        occurredAt: now, actorPersonId: createdBy, action: "assessor_invite_created",
        details: { roundId: round.id, agency: params.agency, rts: rtIds.length, kecamatan: kecamatanCodes.join(",") },
      });
    }
    const [row] = await tx.select({ code: assessorInvite.code, expiresAt: assessorInvite.expiresAt }).from(assessorInvite).where(eq(assessorInvite.code, code));
    return row!;
  });
}

export type ScopeSummary = { kecamatan: string[]; rts: { id: number; number: number; kelurahanName: string }[] };

export type AssessorInviteView = {
  code: string;
  roundId: number;
  year: number;
  agency: Agency;
  scope: ScopeSummary;
  expiresAt: Date;
  usedBy: number | null;
  decided: boolean;
  /** The membership this link made has been revoked (an admin's "Cabut"). */
  revoked: boolean;
};

async function scopeOf(db: Database, rtIds: readonly number[], kecamatanCodes: readonly string[]): Promise<ScopeSummary> {
  const kec = kecamatanCodes.length
    ? await db.select({ name: kecamatan.name }).from(kecamatan).where(inArray(kecamatan.code, [...kecamatanCodes])).orderBy(asc(kecamatan.name))
    : [];
  const rts = rtIds.length
    ? await db
        .select({ id: rt.id, number: rt.number, kelurahanName: kelurahan.name })
        .from(rt)
        .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
        .where(inArray(rt.id, [...rtIds]))
        .orderBy(asc(kelurahan.name), asc(rt.number))
    : [];
  return { kecamatan: kec.map((row) => row.name), rts };
}

export async function findAssessorInvite(db: Database, code: string): Promise<AssessorInviteView | undefined> {
  const [row] = await db
    .select({ invite: assessorInvite, year: assessmentRound.year, decidedAt: assessmentRound.decidedAt })
    .from(assessorInvite)
    .innerJoin(assessmentRound, eq(assessmentRound.id, assessorInvite.roundId))
    .where(eq(assessorInvite.code, code));
  if (!row) return undefined;
  const { invite } = row;
  const [revoked] = invite.usedBy === null
    ? []
    : await db.select({ id: roundAssessor.id }).from(roundAssessor).where(and(eq(roundAssessor.inviteCode, code), isNotNull(roundAssessor.revokedAt))).limit(1);
  return {
    code,
    roundId: invite.roundId,
    year: row.year,
    agency: invite.agency,
    scope: await scopeOf(db, invite.rtIds, invite.kecamatanCodes),
    expiresAt: invite.expiresAt,
    usedBy: invite.usedBy,
    decided: row.decidedAt !== null,
    revoked: revoked !== undefined,
  };
}

/** Checks a team link before the person spends effort on the questions that follow it. */
export function checkAssessorInvite(invite: AssessorInviteView, personId: number | null, now: Date): void {
  if (invite.usedBy !== null && invite.usedBy !== personId) throw new DomainError("invite-used");
  // Its own member, taken off the team since: told so, not "already on the team".
  if (invite.usedBy !== null && invite.revoked) throw new DomainError("team-revoked");
  if (invite.decided) throw new DomainError("round-not-open");
  if (invite.usedBy === null && invite.expiresAt.getTime() <= now.getTime()) throw new DomainError("invite-expired");
}

export type JoinTeamParams = { code: string; telegramId: number; displayName: string | null; greeting: Greeting | null };

/**
 * Opening a team link: the person joins the round's team with the link's agency and scope (copied
 * into assessor_scope), audited, their "/" menu marked, in one transaction. The link is claimed
 * with a conditional update, so two people racing for it cannot both win; the person who already
 * used it may confirm again harmlessly (a double tap, a redelivery). Being an assessor needs no RT.
 */
export async function joinAssessmentTeam(deps: ServiceDeps, params: JoinTeamParams): Promise<{ invite: AssessorInviteView; joined: boolean }> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const personId = await ensurePerson(tx, params.telegramId);
    const before = await findAssessorInvite(tx, params.code);
    if (!before) throw new DomainError("invite-invalid");
    if (before.usedBy === personId) {
      if (before.revoked) throw new DomainError("team-revoked");
      return { invite: before, joined: false };
    }
    checkAssessorInvite(before, personId, now);
    // Already on this round's team by another link: the link stays unused for someone else.
    const [current] = await tx
      .select({ id: roundAssessor.id })
      .from(roundAssessor)
      .where(and(eq(roundAssessor.roundId, before.roundId), eq(roundAssessor.personId, personId), isNull(roundAssessor.revokedAt)));
    if (current) throw new DomainError("team-already-on");
    const [claimed] = await tx
      .update(assessorInvite)
      .set({ usedAt: now, usedBy: personId })
      .where(and(eq(assessorInvite.code, params.code), isNull(assessorInvite.usedBy), gt(assessorInvite.expiresAt, now)))
      .returning();
    if (!claimed) {
      // Taken between the read and the claim (another person, the same person's other tap).
      const after = (await findAssessorInvite(tx, params.code))!;
      if (after.usedBy === personId) return { invite: after, joined: false };
      checkAssessorInvite(after, personId, now);
      throw new DomainError("invite-used");
    }
    if (params.displayName !== null) {
      await tx.update(person).set({ displayName: params.displayName, ...(params.greeting ? { greeting: params.greeting } : {}) }).where(eq(person.id, personId));
    }
    const [member] = await tx
      .insert(roundAssessor)
      .values({ roundId: claimed.roundId, personId, agency: claimed.agency, inviteCode: claimed.code, joinedAt: now })
      .returning({ id: roundAssessor.id });
    const scopeRows = [
      ...claimed.rtIds.map((rtId) => ({ assessorId: member!.id, rtId, kecamatanCode: null })),
      ...claimed.kecamatanCodes.map((code) => ({ assessorId: member!.id, rtId: null, kecamatanCode: code })),
    ];
    if (scopeRows.length) await tx.insert(assessorScope).values(scopeRows);
    // The membership is the decision of whoever made the link; it takes effect when it is opened.
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: claimed.createdBy, action: "assessor_joined", targetPersonId: personId, entityType: "round_assessor", entityId: member!.id,
      details: { roundId: claimed.roundId, agency: claimed.agency },
    });
    await wantMenus(tx, [personId], now);
    return { invite: { ...before, usedBy: personId }, joined: true };
  });
}

export type TeamMember = {
  assessorId: number;
  personId: number;
  name: string | null;
  agency: Agency;
  joinedAt: Date;
  scope: ScopeSummary;
};

/** The round's team now (revoked members left out), for the admin's /timpenilai. */
export async function listTeam(db: Database, actor: Actor, params: { roundId: number }): Promise<TeamMember[]> {
  requireAdmin(actor);
  const members = await db
    .select({ assessorId: roundAssessor.id, personId: roundAssessor.personId, name: person.displayName, agency: roundAssessor.agency, joinedAt: roundAssessor.joinedAt })
    .from(roundAssessor)
    .innerJoin(person, eq(person.id, roundAssessor.personId))
    .where(and(eq(roundAssessor.roundId, params.roundId), isNull(roundAssessor.revokedAt)))
    .orderBy(asc(roundAssessor.joinedAt), asc(roundAssessor.id));
  const scopes = members.length
    ? await db.select().from(assessorScope).where(inArray(assessorScope.assessorId, members.map((member) => member.assessorId)))
    : [];
  const result: TeamMember[] = [];
  for (const member of members) {
    const own = scopes.filter((row) => row.assessorId === member.assessorId);
    const scope = await scopeOf(db, own.flatMap((row) => (row.rtId === null ? [] : [row.rtId])), own.flatMap((row) => (row.kecamatanCode === null ? [] : [row.kecamatanCode])));
    result.push({ ...member, scope });
  }
  return result;
}

/**
 * An admin takes a member off the round's team: the row stays as history with who and when, the
 * `penilai` grant goes with the next update (loadActor reads only unrevoked rows), and the menu is
 * marked. Revoking twice changes nothing and records nothing more; once the round is decided, its
 * team is no longer changed.
 */
export async function revokeAssessor(deps: ServiceDeps, actor: Actor, params: { assessorId: number }): Promise<{ revoked: boolean; name: string | null }> {
  requireAdmin(actor);
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const [member] = await tx
      .select({ id: roundAssessor.id, roundId: roundAssessor.roundId, personId: roundAssessor.personId, name: person.displayName })
      .from(roundAssessor)
      .innerJoin(person, eq(person.id, roundAssessor.personId))
      .where(eq(roundAssessor.id, params.assessorId));
    if (!member) throw new DomainError("team-member-not-found");
    // The decided recap is made of the team's scores (combine.ts leaves a revoked member's out), so
    // the team of a decided round stays as it was. The round row is held until commit: a decision
    // saved at the same moment (decideRound updates the row) waits for this revoke, or this waits
    // for it and reads it decided.
    const [round] = await tx.select({ decidedAt: assessmentRound.decidedAt }).from(assessmentRound).where(eq(assessmentRound.id, member.roundId)).for("share");
    if (round?.decidedAt != null) throw new DomainError("team-round-decided");
    const revokedBy = actor.person?.id ?? (await ensurePerson(tx, actor.telegramId));
    const rows = await tx
      .update(roundAssessor)
      .set({ revokedAt: now, revokedBy })
      .where(and(eq(roundAssessor.id, member.id), isNull(roundAssessor.revokedAt)))
      .returning({ id: roundAssessor.id });
    for (const row of rows) {
      await recordAudit(tx, {
        occurredAt: now, actorPersonId: revokedBy, action: "role_revoked", targetPersonId: member.personId, entityType: "round_assessor", entityId: row.id,
        details: { role: "penilai", roundId: member.roundId },
      });
      await wantMenus(tx, [member.personId], now);
    }
    return { revoked: rows.length > 0, name: member.name };
  });
}
