import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../src/db/client.js";
import { membership, person, roleAssignment } from "../../src/db/schema/index.js";
import { createRt, type RtDetails } from "../../src/domain/rt/rt.js";
import type { TestUser } from "./test-bot.js";

export const KELURAHAN_SIMPANG_IV_SIPIN = "15.71.01.1001"; // Telanaipura
export const KELURAHAN_BULURAN_KENALI = "15.71.01.1002"; // Telanaipura
export const KELURAHAN_PAYO_SELINCAH = "15.71.11.1001"; // Paal Merah, another kecamatan
export const KECAMATAN_TELANAIPURA = "15.71.01";

export const CONSENTED_AT = new Date("2026-11-01T01:00:00Z");

let nextTelegramId = 5000;

export function newUser(firstName: string, lastName?: string): TestUser {
  return { id: nextTelegramId++, first_name: firstName, ...(lastName ? { last_name: lastName } : {}) };
}

/** A person who has consented (no RT yet). */
export async function addPerson(db: Database, user: TestUser, displayName = user.first_name): Promise<number> {
  const [row] = await db.insert(person).values({ telegramId: user.id, displayName, consentedAt: CONSENTED_AT }).returning({ id: person.id });
  return row!.id;
}

export async function addRt(db: Database, number: number, kelurahanCode = KELURAHAN_SIMPANG_IV_SIPIN, householdCount = 40): Promise<RtDetails> {
  return createRt(db, { kelurahanCode, number, householdCount, createdBy: null });
}

export async function addMember(db: Database, user: TestUser, rtId: number, household = "Rumah 1"): Promise<{ personId: number; membershipId: number }> {
  const personId = await addPerson(db, user);
  const [row] = await db.insert(membership).values({ personId, rtId, householdLabel: household, status: "active", decidedAt: CONSENTED_AT }).returning({ id: membership.id });
  return { personId, membershipId: row!.id };
}

export async function addPending(db: Database, user: TestUser, rtId: number, household = "Rumah 2"): Promise<{ personId: number; membershipId: number }> {
  const personId = await addPerson(db, user);
  const [row] = await db.insert(membership).values({ personId, rtId, householdLabel: household, status: "pending" }).returning({ id: membership.id });
  return { personId, membershipId: row!.id };
}

export async function addKetua(db: Database, user: TestUser, rtId: number): Promise<{ personId: number; membershipId: number }> {
  const member = await addMember(db, user, rtId, "Rumah Ketua");
  await db.insert(roleAssignment).values({ personId: member.personId, role: "ketua_rt", rtId });
  return member;
}

export async function addPetugas(db: Database, user: TestUser, rtId: number): Promise<{ personId: number; membershipId: number }> {
  const member = await addMember(db, user, rtId, "Rumah Petugas");
  await db.insert(roleAssignment).values({ personId: member.personId, role: "petugas", rtId });
  return member;
}

export async function addKoordinator(db: Database, user: TestUser, scope: { kelurahanCode: string } | { kecamatanCode: string }): Promise<number> {
  const personId = await addPerson(db, user);
  await db.insert(roleAssignment).values({ personId, role: "koordinator", ...scope });
  return personId;
}

export async function addAdmin(db: Database, user: TestUser): Promise<number> {
  const personId = await addPerson(db, user);
  await db.insert(roleAssignment).values({ personId, role: "admin" });
  return personId;
}

/**
 * Every row the bot can change (all tables but the wilayah and the redelivery ledger), as JSON,
 * so a test can assert that a refused action changed nothing at all.
 */
export async function snapshotState(db: Database): Promise<Record<string, unknown>> {
  const tables = (
    await queryRows<{ table_name: string }>(
      db,
      sql`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not in ('processed_update', 'kecamatan', 'kelurahan') order by table_name`,
    )
  ).map((row) => String(row.table_name));
  const snapshot: Record<string, unknown> = {};
  for (const table of tables) {
    const [row] = await queryRows<{ rows: string }>(db, sql`select coalesce(json_agg(t order by t::text), '[]'::json)::text as rows from ${sql.identifier(table)} t`);
    snapshot[table] = JSON.parse(String(row?.rows ?? "[]"));
  }
  return snapshot;
}

/** The current (not revoked) roles of a person, e.g. ["ketua_rt:3", "petugas:3", "koordinator:15.71.01"]. */
export async function activeRolesOf(db: Database, telegramId: number): Promise<string[]> {
  const rows = await db
    .select({ role: roleAssignment.role, rtId: roleAssignment.rtId, kelurahanCode: roleAssignment.kelurahanCode, kecamatanCode: roleAssignment.kecamatanCode })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(and(eq(person.telegramId, telegramId), isNull(roleAssignment.revokedAt)));
  return rows.map((row) => [row.role, row.rtId ?? row.kelurahanCode ?? row.kecamatanCode].filter((part) => part !== null).join(":")).sort();
}

/** The person's current membership (pending or active), if any. */
export async function currentMembershipOf(db: Database, telegramId: number): Promise<{ id: number; rtId: number; status: string; householdLabel: string | null } | undefined> {
  const [row] = await db
    .select({ id: membership.id, rtId: membership.rtId, status: membership.status, householdLabel: membership.householdLabel })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(and(eq(person.telegramId, telegramId), inArray(membership.status, ["pending", "active"])));
  return row;
}
