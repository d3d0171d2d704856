import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { membership, person, roleAssignment, wasteBankOfficer } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";

/** `petugas` keeps an RT (attendance, the reading corner); `petugas_bank` runs a waste bank. */
export type Role = "ketua_rt" | "petugas" | "petugas_bank" | "koordinator" | "admin";
export type RoleName = "warga" | Role;

export type RoleGrant = {
  role: Role;
  rtId: number | null;
  kelurahanCode: string | null;
  kecamatanCode: string | null;
  /** For petugas_bank: the waste bank the person is an officer of. */
  wasteBankId?: number;
};

export type CurrentMembership = {
  id: number;
  rtId: number;
  status: "pending" | "active";
  householdLabel: string | null;
};

/** Who is acting in this update: the person (if known), their RT and their roles. */
export type Actor = {
  telegramId: number;
  person: { id: number; displayName: string | null; locale: string; consentedAt: Date | null; unreachable: boolean } | null;
  membership: CurrentMembership | null;
  grants: RoleGrant[];
};

export async function loadActor(db: Database, telegramId: number, bootstrapAdmins: readonly number[]): Promise<Actor> {
  const [found] = await db
    .select({
      id: person.id,
      displayName: person.displayName,
      locale: person.locale,
      consentedAt: person.consentedAt,
      unreachable: sql<boolean>`${person.unreachableAt} is not null`,
    })
    .from(person)
    .where(eq(person.telegramId, telegramId));
  const isBootstrapAdmin = bootstrapAdmins.includes(telegramId);
  const adminGrant: RoleGrant[] = isBootstrapAdmin ? [{ role: "admin", rtId: null, kelurahanCode: null, kecamatanCode: null }] : [];
  if (!found) return { telegramId, person: null, membership: null, grants: adminGrant };

  const [current] = await db
    .select({ id: membership.id, rtId: membership.rtId, status: membership.status, householdLabel: membership.householdLabel })
    .from(membership)
    .where(and(eq(membership.personId, found.id), inArray(membership.status, ["pending", "active"])));
  const grants = await db
    .select({ role: roleAssignment.role, rtId: roleAssignment.rtId, kelurahanCode: roleAssignment.kelurahanCode, kecamatanCode: roleAssignment.kecamatanCode })
    .from(roleAssignment)
    .where(and(eq(roleAssignment.personId, found.id), isNull(roleAssignment.revokedAt)));
  const banks = await db
    .select({ wasteBankId: wasteBankOfficer.wasteBankId })
    .from(wasteBankOfficer)
    .where(and(eq(wasteBankOfficer.personId, found.id), isNull(wasteBankOfficer.revokedAt)));
  const bankGrants: RoleGrant[] = banks.map((bank) => ({ role: "petugas_bank", rtId: null, kelurahanCode: null, kecamatanCode: null, wasteBankId: bank.wasteBankId }));

  return {
    telegramId,
    person: found,
    membership: current ? { ...current, status: current.status as CurrentMembership["status"] } : null,
    grants: [...adminGrant, ...grants, ...bankGrants],
  };
}

export function roleNames(actor: Actor): Set<RoleName> {
  const names = new Set<RoleName>(actor.grants.map((grant) => grant.role));
  if (actor.membership?.status === "active") names.add("warga");
  return names;
}

export function isAdmin(actor: Actor): boolean {
  return actor.grants.some((grant) => grant.role === "admin");
}

/** The RT the actor heads, if any (an RT has one ketua; a person heads at most the RT they live in). */
export function headedRtId(actor: Actor): number | null {
  return actor.grants.find((grant) => grant.role === "ketua_rt")?.rtId ?? null;
}

/** The RT the actor heads, for actions only its ketua may take; anyone else is refused. */
export function requireHeadedRt(actor: Actor): number {
  const rtId = headedRtId(actor);
  if (rtId === null) throw new DomainError("not-allowed");
  return rtId;
}

/** The waste banks the actor is an officer of. */
export function officerBankIds(actor: Actor): number[] {
  return actor.grants.flatMap((grant) => (grant.role === "petugas_bank" && grant.wasteBankId !== undefined ? [grant.wasteBankId] : []));
}
