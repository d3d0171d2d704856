import { and, eq, gt, inArray, isNotNull, isNull, or } from "drizzle-orm";
import type { Greeting } from "../../messages/address.js";
import type { Database } from "../../db/client.js";
import { membership, person, roleAssignment, roleInvite } from "../../db/schema/index.js";
import { randomCode } from "../codes.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { isAdmin, type Actor } from "../people/actor.js";
import { wantMenus } from "../people/menu.js";
import { ensurePerson } from "../people/person.js";
import { findMembership, type MembershipView } from "../membership/membership.js";
import { createRt, findRt, getRt, type RtDetails } from "../rt/rt.js";
import { findKecamatan, findKelurahan } from "../wilayah/queries.js";
import { canManageRt, coversKelurahan } from "./scope.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { noticeIn } from "../membership/membership.js";
import { rtVars } from "../../messages/format.js";
import { about, eventKey, queueNotices } from "../../messages/notices.js";

export const ROLE_INVITE_CODE_LENGTH = 16;
export const ROLE_INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export async function findKetua(db: Database, rtId: number): Promise<{ personId: number; telegramId: number | null; displayName: string | null; locale: string } | undefined> {
  const [row] = await db
    .select({ personId: person.id, telegramId: person.telegramId, displayName: person.displayName, locale: person.locale })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(and(eq(roleAssignment.rtId, rtId), eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt)));
  return row;
}

/** The RT's ketua if a notice can reach them (not erased, not marked unreachable), with how to address them. */
export async function findReachableKetua(db: Database, rtId: number) {
  const [row] = await db
    .select({ personId: person.id, telegramId: person.telegramId, displayName: person.displayName, greeting: person.greeting, locale: person.locale })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(and(eq(roleAssignment.rtId, rtId), eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt), isNull(person.erasedAt), isNull(person.unreachableAt), isNotNull(person.telegramId)));
  return row;
}

export async function listPetugasIds(db: Database, rtId: number): Promise<number[]> {
  const rows = await db
    .select({ personId: roleAssignment.personId })
    .from(roleAssignment)
    .where(and(eq(roleAssignment.rtId, rtId), eq(roleAssignment.role, "petugas"), isNull(roleAssignment.revokedAt)));
  return rows.map((row) => row.personId);
}

/** An active member of an RT the actor manages, read (and scope-checked) in the acting transaction. */
async function activeMemberOf(tx: Database, actor: Actor, membershipId: number): Promise<{ member: MembershipView; rt: RtDetails }> {
  const member = await findMembership(tx, membershipId);
  if (!member || member.status !== "active") throw new DomainError("target-not-member");
  const place = await getRt(tx, member.rtId);
  if (!canManageRt(actor, place)) throw new DomainError("not-allowed");
  // A resident recorded without Telegram (issue 17) cannot act for the RT: no role, no hand-over.
  if (member.telegramId === null) throw new DomainError("offline-no-telegram");
  return { member, rt: place };
}

export type RoleChange = { member: MembershipView; rt: RtDetails; changed: boolean };

/**
 * The ketua passes the role to an active member of the same RT; the old grant is kept as history.
 * The change, its audit row and the new ketua's notice commit together; the notice is keyed by
 * the new grant, so a retry of the same hand-over tells them once.
 */
export async function handOverKetua(deps: ServiceDeps, actor: Actor, params: { membershipId: number }): Promise<RoleChange> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    // The row lock serialises two hand-overs at once (and a hand-over with a double tap of itself).
    const current = await tx
      .select({ personId: roleAssignment.personId })
      .from(roleAssignment)
      .innerJoin(membership, eq(membership.rtId, roleAssignment.rtId))
      .where(and(eq(membership.id, params.membershipId), eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt)))
      .for("update", { of: roleAssignment });
    const target = await activeMemberOf(tx, actor, params.membershipId);
    if (target.member.personId === actor.person?.id) throw new DomainError("already-ketua");
    // Already theirs (a double tap, a redelivery, a koordinator naming the current ketua): nothing
    // changes, so no history row, no audit row and no second notice.
    if (current.some((row) => row.personId === target.member.personId)) return { ...target, changed: false };
    const [previous] = await tx
      .update(roleAssignment)
      .set({ revokedAt: now, revokedBy: actor.person?.id ?? null })
      .where(and(eq(roleAssignment.rtId, target.rt.id), eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt)))
      .returning({ personId: roleAssignment.personId });
    const [granted] = await tx
      .insert(roleAssignment)
      .values({ personId: target.member.personId, role: "ketua_rt", rtId: target.rt.id, grantedAt: now, grantedBy: actor.person?.id ?? null })
      .returning({ id: roleAssignment.id });
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: actor.person?.id ?? null, action: "ketua_handed_over", rtId: target.rt.id, targetPersonId: target.member.personId,
      entityType: "role_assignment", entityId: granted!.id, details: { role: "ketua_rt", fromPersonId: previous?.personId ?? null },
    });
    await wantMenus(tx, [target.member.personId, previous?.personId], now);
    await endActingFor(tx, target.rt.id, now);
    const vars = { from: actor.person?.displayName ?? "-", ...rtVars(target.rt) };
    await queueNotices(tx, now, about([actor.person?.id], noticeIn(deps, target.member, eventKey("handover", granted!.id), "handover-received", vars)));
    return { ...target, changed: true };
  });
}

/** The roles a ketua gives members of their RT, each told in its own words. */
export type RtRole = "petugas" | "bendahara";

/** Each role's notice events and texts (spelt out, so the locale test finds every key). */
const RT_ROLE_NOTICES: Record<RtRole, { appointed: string; revoked: string; appointedText: string; revokedText: string }> = {
  petugas: { appointed: "petugas-appointed", revoked: "petugas-revoked", appointedText: "petugas-appointed-notice", revokedText: "petugas-revoked-notice" },
  bendahara: { appointed: "bendahara-appointed", revoked: "bendahara-revoked", appointedText: "bendahara-appointed-notice", revokedText: "bendahara-revoked-notice" },
};

export async function listRtRoleHolderIds(db: Database, rtId: number, role: RtRole): Promise<number[]> {
  const rows = await db
    .select({ personId: roleAssignment.personId })
    .from(roleAssignment)
    .where(and(eq(roleAssignment.rtId, rtId), eq(roleAssignment.role, role), isNull(roleAssignment.revokedAt)));
  return rows.map((row) => row.personId);
}

/**
 * Makes an active member a petugas (or bendahara) of their RT, audited and told in one transaction.
 * Appointing twice leaves one grant and one notice (keyed by the grant).
 */
async function appointRtRole(deps: ServiceDeps, actor: Actor, params: { membershipId: number }, role: RtRole): Promise<RoleChange> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const target = await activeMemberOf(tx, actor, params.membershipId);
    // The ketua keeps the cash book anyway: naming them bendahara would add nothing.
    if (role === "bendahara" && (await findKetua(tx, target.rt.id))?.personId === target.member.personId) throw new DomainError("kas-bendahara-is-ketua");
    const rows = await tx
      .insert(roleAssignment)
      .values({ personId: target.member.personId, role, rtId: target.rt.id, grantedAt: now, grantedBy: actor.person?.id ?? null })
      .onConflictDoNothing()
      .returning({ id: roleAssignment.id });
    for (const row of rows) {
      await recordAudit(tx, {
        occurredAt: now, actorPersonId: actor.person?.id ?? null, action: "role_granted", rtId: target.rt.id, targetPersonId: target.member.personId,
        entityType: "role_assignment", entityId: row.id, details: { role },
      });
      await wantMenus(tx, [target.member.personId], now);
      await queueNotices(tx, now, noticeIn(deps, target.member, eventKey(RT_ROLE_NOTICES[role].appointed, row.id), RT_ROLE_NOTICES[role].appointedText, rtVars(target.rt)));
    }
    return { ...target, changed: rows.length > 0 };
  });
}

/** Ends a member's petugas (or bendahara) duty, audited and told in one transaction; revoking twice changes nothing. */
async function revokeRtRole(deps: ServiceDeps, actor: Actor, params: { membershipId: number }, role: RtRole): Promise<RoleChange> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const target = await activeMemberOf(tx, actor, params.membershipId);
    const rows = await tx
      .update(roleAssignment)
      .set({ revokedAt: now, revokedBy: actor.person?.id ?? null })
      .where(and(eq(roleAssignment.personId, target.member.personId), eq(roleAssignment.rtId, target.rt.id), eq(roleAssignment.role, role), isNull(roleAssignment.revokedAt)))
      .returning({ id: roleAssignment.id });
    for (const row of rows) {
      await recordAudit(tx, {
        occurredAt: now, actorPersonId: actor.person?.id ?? null, action: "role_revoked", rtId: target.rt.id, targetPersonId: target.member.personId,
        entityType: "role_assignment", entityId: row.id, details: { role },
      });
      await wantMenus(tx, [target.member.personId], now);
      await queueNotices(tx, now, noticeIn(deps, target.member, eventKey(RT_ROLE_NOTICES[role].revoked, row.id), RT_ROLE_NOTICES[role].revokedText, rtVars(target.rt)));
    }
    return { ...target, changed: rows.length > 0 };
  });
}

export function appointPetugas(deps: ServiceDeps, actor: Actor, params: { membershipId: number }): Promise<RoleChange> {
  return appointRtRole(deps, actor, params, "petugas");
}

export function revokePetugas(deps: ServiceDeps, actor: Actor, params: { membershipId: number }): Promise<RoleChange> {
  return revokeRtRole(deps, actor, params, "petugas");
}

/** issue 17: the ketua names the RT's bendahara, who keeps the kas RT (domain/kas/book.ts). */
export function appointBendahara(deps: ServiceDeps, actor: Actor, params: { membershipId: number }): Promise<RoleChange> {
  return appointRtRole(deps, actor, params, "bendahara");
}

export function revokeBendahara(deps: ServiceDeps, actor: Actor, params: { membershipId: number }): Promise<RoleChange> {
  return revokeRtRole(deps, actor, params, "bendahara");
}

export type RoleInviteTarget =
  | { role: "ketua_rt"; rtId: number }
  | { role: "koordinator"; kelurahanCode: string }
  | { role: "koordinator"; kecamatanCode: string };

export type RoleInviteView = {
  code: string;
  role: "ketua_rt" | "koordinator";
  rt: RtDetails | null;
  /** Which kind of area `areaName` is: a kelurahan and a kecamatan may share a name (Telanaipura). */
  areaLevel: "kelurahan" | "kecamatan";
  areaName: string;
  expiresAt: Date;
  usedBy: number | null;
};

/** A one-time link that makes whoever opens it ketua RT (koordinator, admin) or koordinator (admin). */
export async function createRoleInvite(db: Database, actor: Actor, target: RoleInviteTarget, now: Date, auditDetails: Record<string, unknown> = {}): Promise<{ code: string; expiresAt: Date }> {
  // A bootstrap admin (from config) may never have written to the bot: give them a row to sign with.
  const createdBy = actor.person?.id ?? (isAdmin(actor) ? await ensurePerson(db, actor.telegramId) : null);
  if (createdBy === null) throw new DomainError("not-registered");
  if (target.role === "ketua_rt") {
    const place = await getRt(db, target.rtId);
    if (!coversKelurahan(actor, place)) throw new DomainError("out-of-scope");
  } else if (!isAdmin(actor)) {
    throw new DomainError("not-allowed");
  }
  const code = randomCode(ROLE_INVITE_CODE_LENGTH);
  const expiresAt = new Date(now.getTime() + ROLE_INVITE_TTL_MS);
  const scope = {
    rtId: "rtId" in target ? target.rtId : null,
    kelurahanCode: "kelurahanCode" in target ? target.kelurahanCode : null,
    kecamatanCode: "kecamatanCode" in target ? target.kecamatanCode : null,
  };
  await db.transaction(async (tx) => {
    await tx.insert(roleInvite).values({ code, role: target.role, ...scope, createdBy, createdAt: now, expiresAt });
    // The code itself is a secret link: it stays out of the log.
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: createdBy, action: "role_invite_created", rtId: scope.rtId,
      details: { role: target.role, kelurahanCode: scope.kelurahanCode, kecamatanCode: scope.kecamatanCode, ...auditDetails },
    });
  });
  return { code, expiresAt };
}

export type NewRtParams = { kelurahanCode: string; number: number; householdCount: number };

/**
 * /buatrt: a koordinator or admin registers an RT and gets the one-time link for its ketua, in one
 * transaction: an RT whose ketua link could not be made would block a retry as a duplicate. The
 * actor's area is checked by the link, inside the transaction, so an RT outside it is not kept.
 */
export async function createRtWithKetuaInvite(deps: ServiceDeps, actor: Actor, params: NewRtParams): Promise<{ rt: RtDetails; code: string; expiresAt: Date }> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const place = await createRt(tx, { ...params, createdBy: actor.person?.id ?? null });
    const invite = await createRoleInvite(tx, actor, { role: "ketua_rt", rtId: place.id }, now);
    return { rt: place, ...invite };
  });
}

/**
 * The RT a ketua link would be made for, with who heads it now, if the actor's area holds it. An RT
 * outside the area (or none at all) is refused alike: nothing is said about it.
 */
export async function ketuaLinkTarget(db: Database, actor: Actor, rtId: number): Promise<{ rt: RtDetails; ketua: string | null }> {
  const place = await findRt(db, rtId);
  if (!place || !coversKelurahan(actor, place)) throw new DomainError("out-of-scope");
  const ketua = await findKetua(db, place.id);
  return { rt: place, ketua: ketua ? (ketua.displayName ?? "-") : null };
}

export type KetuaInvite = { rt: RtDetails; code: string; expiresAt: Date; replaced: number };

/**
 * /tautanketua: a new one-time ketua link for an RT in the actor's area (a link lost with the reply
 * that carried it, one that expired, or one given to the wrong person). The RT's earlier ketua links
 * not yet used stop working in the same transaction: only the link just shown can make a ketua, so
 * a copy that went astray cannot be used later. A redelivered press makes another link and stops
 * this one: the person is shown the newest, the only valid one.
 */
export async function reissueKetuaInvite(deps: ServiceDeps, actor: Actor, params: { rtId: number }): Promise<KetuaInvite> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const { rt: place } = await ketuaLinkTarget(tx, actor, params.rtId);
    const replaced = await tx
      .update(roleInvite)
      .set({ expiresAt: now })
      .where(and(eq(roleInvite.rtId, place.id), eq(roleInvite.role, "ketua_rt"), isNull(roleInvite.usedBy), gt(roleInvite.expiresAt, now)))
      .returning({ code: roleInvite.code });
    const invite = await createRoleInvite(tx, actor, { role: "ketua_rt", rtId: place.id }, now, { replaced: replaced.length });
    return { rt: place, ...invite, replaced: replaced.length };
  });
}

export async function findRoleInvite(db: Database, code: string): Promise<RoleInviteView | undefined> {
  const [invite] = await db.select().from(roleInvite).where(eq(roleInvite.code, code));
  if (!invite) return undefined;
  const place = invite.rtId ? await getRt(db, invite.rtId) : null;
  const areaName = place
    ? place.kelurahanName
    : invite.kelurahanCode
      ? ((await findKelurahan(db, invite.kelurahanCode))?.name ?? invite.kelurahanCode)
      : ((await findKecamatan(db, invite.kecamatanCode!))?.name ?? invite.kecamatanCode!);
  const areaLevel = place || invite.kelurahanCode ? "kelurahan" : "kecamatan";
  return { code, role: invite.role, rt: place, areaLevel, areaName, expiresAt: invite.expiresAt, usedBy: invite.usedBy };
}

/** Checks a link before the person spends effort on the questions that follow it. */
export function checkRoleInvite(invite: RoleInviteView, personId: number | null, now: Date): void {
  if (invite.usedBy !== null && invite.usedBy !== personId) throw new DomainError("invite-used");
  if (invite.usedBy === null && invite.expiresAt.getTime() <= now.getTime()) throw new DomainError("invite-expired");
}

export type RedeemParams = { code: string; personId: number; displayName: string; householdLabel: string | null; greeting?: Greeting | null };

/**
 * Uses a one-time role link. The link is claimed with a conditional update, so two people racing
 * for it cannot both win; the person who already used it may press confirm again harmlessly.
 */
export async function redeemRoleInvite(db: Database, params: RedeemParams, now: Date): Promise<RoleInviteView> {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(roleInvite)
      .set({ usedAt: now, usedBy: params.personId })
      .where(and(eq(roleInvite.code, params.code), isNull(roleInvite.usedBy), gt(roleInvite.expiresAt, now)))
      .returning();
    const invite = await findRoleInvite(tx, params.code);
    if (!invite) throw new DomainError("invite-invalid");
    if (!claimed) {
      checkRoleInvite(invite, params.personId, now);
      return invite; // already redeemed by this same person
    }
    await tx.update(person).set({ displayName: params.displayName, ...(params.greeting ? { greeting: params.greeting } : {}) }).where(eq(person.id, params.personId));
    if (invite.role === "koordinator") {
      const granted = await tx
        .insert(roleAssignment)
        .values({ personId: params.personId, role: "koordinator", kelurahanCode: claimed.kelurahanCode, kecamatanCode: claimed.kecamatanCode, grantedAt: now, grantedBy: claimed.createdBy })
        .onConflictDoNothing()
        .returning({ id: roleAssignment.id });
      for (const row of granted) {
        await recordAudit(tx, {
          occurredAt: now, actorPersonId: claimed.createdBy, action: "role_granted", targetPersonId: params.personId, entityType: "role_assignment", entityId: row.id,
          details: { role: "koordinator", kelurahanCode: claimed.kelurahanCode, kecamatanCode: claimed.kecamatanCode, via: "invite" },
        });
      }
      await wantMenus(tx, [params.personId], now);
      return invite;
    }
    const rtId = claimed.rtId!;
    const [current] = await tx
      .select({ id: membership.id, rtId: membership.rtId, status: membership.status })
      .from(membership)
      .where(and(eq(membership.personId, params.personId), inArray(membership.status, ["pending", "active"])))
      .for("update");
    if (current && current.rtId !== rtId && current.status === "active") throw new DomainError("already-member");
    if (current && current.rtId !== rtId) {
      await tx.update(membership).set({ status: "left", endedAt: now, endReason: "withdrawn" }).where(eq(membership.id, current.id));
    }
    if (current && current.rtId === rtId) {
      await tx.update(membership).set({ status: "active", decidedAt: now, householdLabel: params.householdLabel }).where(eq(membership.id, current.id));
    } else {
      await tx.insert(membership).values({ personId: params.personId, rtId, householdLabel: params.householdLabel, status: "active", requestedAt: now, decidedAt: now, decidedBy: claimed.createdBy });
    }
    // A new head link replaces whoever headed the RT before.
    const replaced = await tx
      .update(roleAssignment)
      .set({ revokedAt: now, revokedBy: claimed.createdBy })
      .where(and(eq(roleAssignment.rtId, rtId), eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt)))
      .returning({ personId: roleAssignment.personId });
    await wantMenus(tx, [params.personId, ...replaced.map((row) => row.personId)], now);
    await endActingFor(tx, rtId, now);
    const [granted] = await tx
      .insert(roleAssignment)
      .values({ personId: params.personId, role: "ketua_rt", rtId, grantedAt: now, grantedBy: claimed.createdBy })
      .returning({ id: roleAssignment.id });
    // The grant is the decision of whoever made the link; it takes effect when it is opened.
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: claimed.createdBy, action: "role_granted", rtId, targetPersonId: params.personId,
      entityType: "role_assignment", entityId: granted!.id, details: { role: "ketua_rt", via: "invite" },
    });
    return invite;
  });
}

/**
 * A ketua takes the RT over: whoever acted for it (a koordinator, an admin; see acting.ts) stops,
 * in the transaction of the appointment, and their "/" menus lose the ketua commands.
 */
async function endActingFor(tx: Database, rtId: number, now: Date): Promise<void> {
  const ended = await tx.update(person).set({ actingRtId: null }).where(eq(person.actingRtId, rtId)).returning({ id: person.id });
  await wantMenus(tx, ended.map((row) => row.id), now);
}

export type Recipient = { personId: number; telegramId: number; locale: string };

/**
 * Who decides on a join request: the ketua RT; when the RT has no ketua, the koordinator of its
 * kelurahan or kecamatan, so no request waits for nobody.
 */
export async function listApprovers(db: Database, place: RtDetails): Promise<{ role: "ketua_rt" | "koordinator"; recipients: Recipient[] }> {
  const heads = await db
    .select(recipientColumns)
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(and(eq(roleAssignment.rtId, place.id), eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt)));
  if (heads.length > 0) return { role: "ketua_rt", recipients: reachable(heads) };
  return { role: "koordinator", recipients: await areaKoordinators(db, place) };
}

const recipientColumns = { personId: person.id, telegramId: person.telegramId, locale: person.locale };

/** Those of the rows who can be messaged (a person without Telegram cannot). */
function reachable(rows: { personId: number; telegramId: number | null; locale: string }[]): Recipient[] {
  return rows.flatMap((row) => (row.telegramId === null ? [] : [{ ...row, telegramId: row.telegramId }]));
}

/** The koordinators whose area holds the RT (its kelurahan, or its whole kecamatan) who can be messaged. */
export async function areaKoordinators(db: Database, place: RtDetails): Promise<Recipient[]> {
  const coordinators = await db
    .selectDistinct(recipientColumns)
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(
      and(
        eq(roleAssignment.role, "koordinator"),
        isNull(roleAssignment.revokedAt),
        or(eq(roleAssignment.kelurahanCode, place.kelurahanCode), eq(roleAssignment.kecamatanCode, place.kecamatanCode)),
      ),
    );
  return reachable(coordinators);
}
