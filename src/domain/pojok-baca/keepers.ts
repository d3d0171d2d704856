import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { membership, person, roleAssignment } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";

/**
 * The keepers of an RT's reading corner are its ketua and its petugas (appointed with /petugas).
 * There is no separate keeper role: a small RT's corner is run by whoever already runs its
 * activities.
 */
export function isKeeper(actor: Actor, rtId: number): boolean {
  return actor.grants.some((grant) => (grant.role === "ketua_rt" || grant.role === "petugas") && grant.rtId === rtId);
}

export function requireKeeper(actor: Actor, rtId: number): void {
  if (!isKeeper(actor, rtId)) throw new DomainError("not-allowed");
}

/** The RT whose corner the actor keeps, if any (a ketua or petugas serves the RT they live in). */
export function keptRtId(actor: Actor): number | null {
  return actor.grants.find((grant) => (grant.role === "ketua_rt" || grant.role === "petugas") && grant.rtId !== null)?.rtId ?? null;
}

export function requireKeptRt(actor: Actor): number {
  const rtId = keptRtId(actor);
  if (rtId === null) throw new DomainError("not-allowed");
  return rtId;
}

export type KeeperRecipient = { personId: number; telegramId: number; locale: string };

/** Keepers who can be messaged (not erased, not known to have blocked the bot). */
export async function listKeepers(db: Database, rtId: number): Promise<KeeperRecipient[]> {
  const rows = await db
    .selectDistinct({ personId: person.id, telegramId: person.telegramId, locale: person.locale })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(and(eq(roleAssignment.rtId, rtId), inArray(roleAssignment.role, ["ketua_rt", "petugas"]), isNull(roleAssignment.revokedAt), isNull(person.unreachableAt)));
  return rows
    .flatMap((row) => (row.telegramId === null ? [] : [{ ...row, telegramId: row.telegramId }]))
    .sort((a, b) => a.personId - b.personId);
}

/**
 * The RT's active members with their households, as a keeper lists them (attendees, borrowers):
 * asked of the actor of the update, so someone who no longer keeps the corner reads nobody.
 */
export async function membersForKeeper(db: Database, actor: Actor, rtId: number): Promise<RtMember[]> {
  requireKeeper(actor, rtId);
  return db
    .select({ personId: membership.personId, name: person.displayName, householdLabel: membership.householdLabel })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(and(eq(membership.rtId, rtId), eq(membership.status, "active")))
    .orderBy(asc(person.displayName), asc(membership.id));
}

export type RtMember = { personId: number; name: string | null; householdLabel: string | null };

/** Active members of an RT by person; the ones missing from `personIds` are not (or no longer) members. */
export async function activeMembersAmong(db: Database, rtId: number, personIds: readonly number[]): Promise<Map<number, RtMember>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({ personId: membership.personId, name: person.displayName, householdLabel: membership.householdLabel })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(and(eq(membership.rtId, rtId), eq(membership.status, "active"), inArray(membership.personId, [...personIds])));
  return new Map(rows.map((row) => [row.personId, row]));
}
