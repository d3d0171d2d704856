import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { membership, person, roleAssignment } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { getRt, type RtDetails } from "../rt/rt.js";
import { canManageRt } from "../roles/scope.js";

export type MembershipRequest = { personId: number; rtId: number; displayName: string; householdLabel: string };

/**
 * Files a request to join an RT. Asking again for the same RT returns the same request; asking
 * for another RT while waiting withdraws the first; an active member must leave first.
 */
export async function requestMembership(db: Database, request: MembershipRequest, now: Date): Promise<{ membershipId: number; created: boolean }> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: membership.id, rtId: membership.rtId, status: membership.status })
      .from(membership)
      .where(and(eq(membership.personId, request.personId), inArray(membership.status, ["pending", "active"])))
      .for("update");
    if (current?.status === "active") throw new DomainError("already-member");
    await tx.update(person).set({ displayName: request.displayName }).where(eq(person.id, request.personId));
    if (current && current.rtId === request.rtId) {
      await tx.update(membership).set({ householdLabel: request.householdLabel }).where(eq(membership.id, current.id));
      return { membershipId: current.id, created: false };
    }
    if (current) {
      await tx.update(membership).set({ status: "left", endedAt: now, endReason: "withdrawn" }).where(eq(membership.id, current.id));
    }
    const [created] = await tx
      .insert(membership)
      .values({ personId: request.personId, rtId: request.rtId, householdLabel: request.householdLabel, status: "pending", requestedAt: now })
      .returning({ id: membership.id });
    return { membershipId: created!.id, created: true };
  });
}

export type MembershipView = {
  id: number;
  personId: number;
  rtId: number;
  status: "pending" | "active" | "left" | "rejected";
  displayName: string | null;
  telegramId: number | null;
  householdLabel: string | null;
  requestedAt: Date;
};

const view = {
  id: membership.id,
  personId: membership.personId,
  rtId: membership.rtId,
  status: membership.status,
  displayName: person.displayName,
  telegramId: person.telegramId,
  householdLabel: membership.householdLabel,
  requestedAt: membership.requestedAt,
};

export async function findMembership(db: Database, membershipId: number): Promise<MembershipView | undefined> {
  return (await db.select(view).from(membership).innerJoin(person, eq(person.id, membership.personId)).where(eq(membership.id, membershipId)))[0];
}

export type Decision = { member: MembershipView; rt: RtDetails };

/**
 * Approves or rejects a pending request. Only the first decision counts: a double tap or a
 * second officer's tap finds the request already decided.
 */
export async function decideMembership(db: Database, actor: Actor, membershipId: number, approve: boolean, now: Date): Promise<Decision> {
  const member = await findMembership(db, membershipId);
  if (!member) throw new DomainError("member-not-found");
  const place = await getRt(db, member.rtId);
  if (!canManageRt(actor, place)) throw new DomainError("not-allowed");
  const decided = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(membership)
      .set({ status: approve ? "active" : "rejected", decidedAt: now, decidedBy: actor.person?.id ?? null })
      .where(and(eq(membership.id, membershipId), eq(membership.status, "pending")))
      .returning({ status: membership.status });
    if (row) {
      await recordAudit(tx, {
        occurredAt: now, actorPersonId: actor.person?.id ?? null, action: approve ? "membership_approved" : "membership_rejected",
        rtId: place.id, targetPersonId: member.personId, entityType: "membership", entityId: membershipId,
      });
    }
    return row;
  });
  if (!decided) throw new DomainError("request-already-decided", { name: member.displayName ?? "-" });
  return { member: { ...member, status: decided.status }, rt: place };
}

export function listMembers(db: Database, rtId: number): Promise<MembershipView[]> {
  return db
    .select(view)
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(and(eq(membership.rtId, rtId), inArray(membership.status, ["pending", "active"])))
    .orderBy(sql`${membership.status} = 'active'`, asc(person.displayName), asc(membership.id));
}

async function endMembership(db: Database, member: MembershipView, reason: "left" | "removed", by: number | null, now: Date): Promise<void> {
  const isHead = await db
    .select({ id: roleAssignment.id })
    .from(roleAssignment)
    .where(and(eq(roleAssignment.personId, member.personId), eq(roleAssignment.role, "ketua_rt"), eq(roleAssignment.rtId, member.rtId), isNull(roleAssignment.revokedAt)));
  if (isHead.length > 0) throw new DomainError("ketua-must-hand-over");
  await db.transaction(async (tx) => {
    const ended = await tx
      .update(membership)
      .set({ status: member.status === "pending" ? "rejected" : "left", endedAt: now, endReason: reason, decidedBy: by })
      .where(and(eq(membership.id, member.id), inArray(membership.status, ["pending", "active"])))
      .returning({ id: membership.id });
    // Leaving is the resident's own business; a removal by the ketua or a koordinator is audited.
    if (reason === "removed" && ended.length > 0) {
      await recordAudit(tx, { occurredAt: now, actorPersonId: by, action: "member_removed", rtId: member.rtId, targetPersonId: member.personId, entityType: "membership", entityId: member.id });
    }
    // Duties in the RT end with the membership.
    await tx
      .update(roleAssignment)
      .set({ revokedAt: now, revokedBy: by })
      .where(and(eq(roleAssignment.personId, member.personId), eq(roleAssignment.rtId, member.rtId), isNull(roleAssignment.revokedAt)));
  });
}

/** The ketua (or a koordinator) removes a member; the ketua cannot remove themself this way. */
export async function removeMember(db: Database, actor: Actor, membershipId: number, now: Date): Promise<Decision> {
  const member = await findMembership(db, membershipId);
  if (!member || (member.status !== "active" && member.status !== "pending")) throw new DomainError("member-not-found");
  const place = await getRt(db, member.rtId);
  if (!canManageRt(actor, place)) throw new DomainError("not-allowed");
  await endMembership(db, member, "removed", actor.person?.id ?? null, now);
  return { member, rt: place };
}

/** A resident leaves their RT (or withdraws a pending request). */
export async function leaveRt(db: Database, actor: Actor, now: Date): Promise<RtDetails> {
  if (!actor.membership || !actor.person) throw new DomainError("not-registered");
  const member = await findMembership(db, actor.membership.id);
  if (!member) throw new DomainError("not-registered");
  await endMembership(db, member, "left", actor.person.id, now);
  return getRt(db, member.rtId);
}
