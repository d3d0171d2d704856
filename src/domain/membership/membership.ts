import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { membership, person, roleAssignment } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { wantMenus } from "../people/menu.js";
import { ensurePerson } from "../people/person.js";
import { findKetua, listApprovers } from "../roles/roles.js";
import { getRt, type RtDetails } from "../rt/rt.js";
import { canManageRt } from "../roles/scope.js";
import { freeComingNights } from "../ronda/swaps.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { rtVars } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { decisionKeyboard } from "../../messages/buttons/people.js";
import { about, eventKey, noticeTo, queueNotices, rewriteNotice, type Notice, type Recipient } from "../../messages/notices.js";
import { translateIn, type Vars } from "../../messages/translate.js";
import { addressName, type Greeting } from "../../messages/address.js";

export type MembershipRequest = {
  personId: number;
  rtId: number;
  displayName: string;
  householdLabel: string;
  /** How the person wants to be addressed; absent or null leaves what is stored. */
  greeting?: Greeting | null;
  /**
   * The pending request (in another RT) the person agreed to replace. Without it, a request for
   * another RT while one waits is refused: the person is asked first, never replaced silently.
   */
  replacing?: number | null;
};

/** A pending request withdrawn by a new one (or by /keluar): what its cards must now say. */
export type Withdrawn = { membershipId: number; rtId: number };

/**
 * Files a request to join an RT. Asking again for the same RT returns the same request; asking
 * for another RT while waiting withdraws the first, only when the person agreed to (`replacing`);
 * an active member must leave first.
 */
export async function requestMembership(db: Database, request: MembershipRequest, now: Date): Promise<{ membershipId: number; created: boolean; withdrawn: Withdrawn | null }> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: membership.id, rtId: membership.rtId, status: membership.status })
      .from(membership)
      .where(and(eq(membership.personId, request.personId), inArray(membership.status, ["pending", "active"])))
      .for("update");
    if (current?.status === "active") throw new DomainError("already-member");
    if (current && current.rtId !== request.rtId && current.id !== request.replacing) {
      const place = await getRt(tx, current.rtId);
      throw new DomainError("request-pending-elsewhere", rtVars(place));
    }
    // A pending request gives /keluar (to withdraw it): the person's menu follows.
    await wantMenus(tx, [request.personId], now);
    await tx.update(person).set({ displayName: request.displayName, ...(request.greeting ? { greeting: request.greeting } : {}) }).where(eq(person.id, request.personId));
    if (current && current.rtId === request.rtId) {
      await tx.update(membership).set({ householdLabel: request.householdLabel }).where(eq(membership.id, current.id));
      return { membershipId: current.id, created: false, withdrawn: null };
    }
    if (current) {
      await tx.update(membership).set({ status: "left", endedAt: now, endReason: WITHDRAWN }).where(eq(membership.id, current.id));
    }
    const [created] = await tx
      .insert(membership)
      .values({ personId: request.personId, rtId: request.rtId, householdLabel: request.householdLabel, status: "pending", requestedAt: now })
      .returning({ id: membership.id });
    return { membershipId: created!.id, created: true, withdrawn: current ? { membershipId: current.id, rtId: current.rtId } : null };
  });
}

/** The end reason of a request its resident withdrew (a new request elsewhere, or /keluar while waiting). */
export const WITHDRAWN = "withdrawn";

/** The event a join request's cards to the approvers are keyed by. */
const joinRequestEvent = (membershipId: number) => eventKey("join-request", membershipId);

/**
 * The approvers' cards of a request that is settled now say how, and by whom (`by`, the manager who
 * decided; none for a withdrawal), except the card the decider pressed (`pressedMessageId`, the
 * message their button was on: a decision from /anggota edits their card too). `ended`: the
 * request was removed; `erased`: its resident erased their data, so the text names nobody and the
 * edits are about nobody (run after the erasure, which would otherwise blank them).
 */
async function closeRequestCards(
  tx: Database,
  deps: ServiceDeps,
  now: Date,
  params: {
    member: Pick<MembershipView, "id" | "personId" | "displayName" | "greeting" | "householdLabel">;
    rt: RtDetails;
    outcome: "approved" | "rejected" | "withdrawn" | "ended" | "erased";
    by: Actor["person"] | null;
    pressedMessageId?: number | null;
  },
): Promise<void> {
  const { member, rt: place, outcome, by } = params;
  await rewriteNotice(tx, now, {
    event: joinRequestEvent(member.id),
    subject: member.personId,
    about: outcome === "erased" ? [] : by ? [member.personId, by.id] : [member.personId],
    exceptCopy: by && params.pressedMessageId != null ? { personId: by.id, messageId: params.pressedMessageId } : null,
    text: (locale) => {
      const t = translateIn(deps.i18n, supportedLocale(locale));
      return t(`membership-request-closed-${outcome}`, {
        ...rtVars(place),
        name: addressName(t, { greeting: member.greeting, name: member.displayName }),
        household: member.householdLabel ?? "-",
        by: by ? addressName(t, { greeting: by.greeting ?? null, name: by.displayName }) : "-",
      });
    },
  });
}

/** The requests a person still has waiting, read before their erasure ends them. */
export async function waitingRequestsOf(tx: Database, personId: number): Promise<{ id: number; rtId: number }[]> {
  return tx.select({ id: membership.id, rtId: membership.rtId }).from(membership).where(and(eq(membership.personId, personId), eq(membership.status, "pending")));
}

/** After an erasure: the approvers' cards of the requests it ended say they no longer wait, naming nobody. */
export async function closeErasedRequestCards(tx: Database, deps: ServiceDeps, now: Date, personId: number, requests: readonly { id: number; rtId: number }[]): Promise<void> {
  for (const request of requests) {
    const member = { id: request.id, personId, displayName: null, greeting: null, householdLabel: null };
    await closeRequestCards(tx, deps, now, { member, rt: await getRt(tx, request.rtId), outcome: "erased", by: null });
  }
}

export type MembershipView = {
  id: number;
  personId: number;
  rtId: number;
  status: "pending" | "active" | "left" | "rejected";
  displayName: string | null;
  greeting: Greeting | null;
  telegramId: number | null;
  locale: string;
  householdLabel: string | null;
  requestedAt: Date;
  endReason: string | null;
};

const view = {
  id: membership.id,
  personId: membership.personId,
  rtId: membership.rtId,
  status: membership.status,
  displayName: person.displayName,
  greeting: person.greeting,
  telegramId: person.telegramId,
  locale: person.locale,
  householdLabel: membership.householdLabel,
  requestedAt: membership.requestedAt,
  endReason: membership.endReason,
};

export async function findMembership(db: Database, membershipId: number): Promise<MembershipView | undefined> {
  return (await db.select(view).from(membership).innerJoin(person, eq(person.id, membership.personId)).where(eq(membership.id, membershipId)))[0];
}

export type Decision = { member: MembershipView; rt: RtDetails };

/** A notice to one person in their own language; none for a person erased. */
export function noticeIn(deps: ServiceDeps, recipient: Recipient, event: string, key: string, vars: Vars): Notice[] {
  return noticeTo(recipient, event, deps.i18n.t(supportedLocale(recipient.locale), key, vars));
}

/** The membership row, locked for the decision that follows, with its RT; refuses an actor outside it. */
async function lockedMembership(tx: Database, actor: Actor, membershipId: number): Promise<Decision | undefined> {
  const [locked] = await tx.select({ id: membership.id }).from(membership).where(eq(membership.id, membershipId)).for("update");
  if (!locked) return undefined;
  const member = (await findMembership(tx, membershipId))!;
  const place = await getRt(tx, member.rtId);
  // Checked here, in the transaction that acts, not once when the button was drawn.
  if (!canManageRt(actor, place)) throw new DomainError("not-allowed");
  return { member, rt: place };
}

/** `pressedMessageId`: the message whose button decided (a card, or the /anggota list). */
export type DecideParams = { membershipId: number; approve: boolean; pressedMessageId?: number | null };

/**
 * Approves or rejects a pending request, audits it and tells the resident, in one transaction.
 * Only the first decision counts: a double tap or a second officer's tap finds the request
 * already decided, and the resident's notice is keyed by the request, so it is queued once.
 */
export async function decideMembership(deps: ServiceDeps, actor: Actor, params: DecideParams): Promise<Decision> {
  const { membershipId, approve } = params;
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const found = await lockedMembership(tx, actor, membershipId);
    if (!found) throw new DomainError("member-not-found");
    const { member, rt: place } = found;
    if (member.status !== "pending") {
      // A request its resident withdrew was not decided by anyone: say so, not "already decided".
      throw new DomainError(member.endReason === WITHDRAWN ? "request-withdrawn" : "request-already-decided", { name: member.displayName ?? "-", ...rtVars(place) });
    }
    const status = approve ? "active" : "rejected";
    await tx.update(membership).set({ status, decidedAt: now, decidedBy: actor.person?.id ?? null }).where(eq(membership.id, membershipId));
    await wantMenus(tx, [member.personId], now);
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: actor.person?.id ?? null, action: approve ? "membership_approved" : "membership_rejected",
      rtId: place.id, targetPersonId: member.personId, entityType: "membership", entityId: membershipId,
    });
    const key = approve ? "membership-approved" : "membership-rejected";
    const name = addressName(translateIn(deps.i18n, supportedLocale(member.locale)), { greeting: member.greeting, name: member.displayName });
    await queueNotices(tx, now, noticeIn(deps, member, eventKey(key, member.id), key, { ...rtVars(place), name }));
    // The other approvers (koordinators of an RT without a ketua) see it settled, and by whom.
    await closeRequestCards(tx, deps, now, { member, rt: place, outcome: approve ? "approved" : "rejected", by: actor.person, pressedMessageId: params.pressedMessageId ?? null });
    return { member: { ...member, status }, rt: place };
  });
}

export type JoinRequest = { telegramId: number; rtId: number; displayName: string; householdLabel: string; greeting?: Greeting | null; replacing?: number | null };
export type JoinOutcome = { membershipId: number; created: boolean; role: "ketua_rt" | "koordinator"; recipients: number };

/**
 * A resident asks to join an RT; the ketua (or, for an RT without one, its koordinator) is told
 * with approve/reject buttons, in the same transaction. Asking again for the same RT must not
 * ping the ketua twice: only a new request is announced.
 */
export async function requestToJoin(deps: ServiceDeps, request: JoinRequest): Promise<JoinOutcome> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const personId = await ensurePerson(tx, request.telegramId);
    const { membershipId, created, withdrawn } = await requestMembership(
      tx,
      { personId, rtId: request.rtId, displayName: request.displayName, householdLabel: request.householdLabel, greeting: request.greeting ?? null, replacing: request.replacing ?? null },
      now,
    );
    if (!created) return { membershipId, created, role: "ketua_rt" as const, recipients: 1 };
    if (withdrawn) {
      const old = (await findMembership(tx, withdrawn.membershipId))!;
      await closeRequestCards(tx, deps, now, { member: old, rt: await getRt(tx, withdrawn.rtId), outcome: "withdrawn", by: null });
    }
    const place = await getRt(tx, request.rtId);
    const approvers = await listApprovers(tx, place);
    const vars = (locale: string) => ({
      name: addressName(translateIn(deps.i18n, locale), { greeting: request.greeting ?? null, name: request.displayName }),
      household: request.householdLabel,
      ...rtVars(place),
    });
    await queueNotices(
      tx,
      now,
      about([personId], approvers.recipients.flatMap((recipient) => {
        const locale = supportedLocale(recipient.locale);
        return noticeTo(recipient, joinRequestEvent(membershipId), deps.i18n.t(locale, "membership-request-received", vars(locale)), decisionKeyboard(deps.i18n, locale, membershipId));
      })),
    );
    return { membershipId, created, role: approvers.role, recipients: approvers.recipients.length };
  });
}

export function listMembers(db: Database, rtId: number): Promise<MembershipView[]> {
  return db
    .select(view)
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(and(eq(membership.rtId, rtId), inArray(membership.status, ["pending", "active"])))
    .orderBy(sql`${membership.status} = 'active'`, asc(person.displayName), asc(membership.id));
}

/** Ends a membership with the RT duties it carried; false when it had already ended (a double tap). */
async function endMembership(tx: Database, member: MembershipView, reason: "left" | "removed", by: number | null, now: Date): Promise<boolean> {
  const isHead = await tx
    .select({ id: roleAssignment.id })
    .from(roleAssignment)
    .where(and(eq(roleAssignment.personId, member.personId), eq(roleAssignment.role, "ketua_rt"), eq(roleAssignment.rtId, member.rtId), isNull(roleAssignment.revokedAt)));
  if (isHead.length > 0) throw new DomainError("ketua-must-hand-over");
  const ended = await tx
    .update(membership)
    .set({
      status: member.status === "pending" && reason === "removed" ? "rejected" : "left",
      endedAt: now,
      // A resident leaving before anyone decided withdrew their request.
      endReason: member.status === "pending" && reason === "left" ? WITHDRAWN : reason,
      decidedBy: by,
    })
    .where(and(eq(membership.id, member.id), inArray(membership.status, ["pending", "active"])))
    .returning({ id: membership.id });
  if (ended.length === 0) return false;
  await wantMenus(tx, [member.personId], now);
  // Leaving is the resident's own business; a removal by the ketua or a koordinator is audited.
  if (reason === "removed") {
    await recordAudit(tx, { occurredAt: now, actorPersonId: by, action: "member_removed", rtId: member.rtId, targetPersonId: member.personId, entityType: "membership", entityId: member.id });
  }
  // Duties in the RT end with the membership.
  await tx
    .update(roleAssignment)
    .set({ revokedAt: now, revokedBy: by })
    .where(and(eq(roleAssignment.personId, member.personId), eq(roleAssignment.rtId, member.rtId), isNull(roleAssignment.revokedAt)));
  return true;
}

/**
 * The ketua (or a koordinator) removes a member, who is told, in one transaction; the ketua cannot
 * remove themself this way. The notice is keyed by the membership, so a retry queues it once.
 */
export async function removeMember(deps: ServiceDeps, actor: Actor, params: { membershipId: number }): Promise<Decision> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const found = await lockedMembership(tx, actor, params.membershipId);
    if (!found || (found.member.status !== "active" && found.member.status !== "pending")) throw new DomainError("member-not-found");
    const { member, rt: place } = found;
    if (await endMembership(tx, member, "removed", actor.person?.id ?? null, now)) {
      await queueNotices(tx, now, noticeIn(deps, member, eventKey("membership-removed", member.id), "membership-removed", rtVars(place)));
      if (member.status === "active") await freeComingNights(deps, tx, { personId: member.personId, rtId: place.id, name: member.displayName ?? "-", now });
      // A request removed while it waited: the approvers' cards stop asking for a decision.
      if (member.status === "pending") await closeRequestCards(tx, deps, now, { member, rt: place, outcome: "ended", by: null });
    }
    return found;
  });
}

/**
 * A resident leaves their RT (or withdraws a pending request). The ketua hears of an active
 * member leaving, in the same transaction, once per membership; a request withdrawn changes the
 * approvers' cards to say so. `status`, when given, is what the person agreed to end: a stale
 * button for the other kind is refused. `membershipId`, when given, is the membership the person
 * was asked about: once that one has ended, the button ends nothing (not a request made since).
 */
export async function leaveRt(deps: ServiceDeps, actor: Actor, params: { status?: "pending" | "active"; membershipId?: number } = {}): Promise<RtDetails> {
  if (!actor.membership || !actor.person) throw new DomainError("not-registered");
  const now = deps.clock();
  const personId = actor.person.id;
  const membershipId = params.membershipId ?? actor.membership.id;
  return inTransaction(deps, async (tx) => {
    const [locked] = await tx.select({ id: membership.id }).from(membership).where(and(eq(membership.id, membershipId), eq(membership.personId, personId))).for("update");
    if (!locked) throw new DomainError("not-registered");
    const member = (await findMembership(tx, membershipId))!;
    const place = await getRt(tx, member.rtId);
    // Checked on the locked row: the question was about a membership that has ended since.
    if (params.membershipId !== undefined && member.status !== "pending" && member.status !== "active") throw new DomainError("leave-stale", rtVars(place));
    // A "withdraw my request" pressed after the request was approved leaves nothing (and the reverse).
    if (params.status === "pending" && member.status === "active") throw new DomainError("already-member-here");
    if (params.status === "active" && member.status === "pending") throw new DomainError("already-pending");
    const ended = await endMembership(tx, member, "left", personId, now);
    if (ended && member.status === "active") await freeComingNights(deps, tx, { personId, rtId: place.id, name: member.displayName ?? "-", now });
    if (ended && member.status === "pending") {
      await closeRequestCards(tx, deps, now, { member, rt: place, outcome: "withdrawn", by: null });
    }
    if (ended && member.status === "active") {
      const ketua = await findKetua(tx, place.id);
      if (ketua) {
        await queueNotices(tx, now, about([member.personId], noticeIn(deps, ketua, eventKey("left", member.id), "leave-ketua-notice", { name: member.displayName ?? "-", ...rtVars(place) })));
      }
    }
    return place;
  });
}
