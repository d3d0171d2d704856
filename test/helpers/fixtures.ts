import type { Database } from "../../src/db/client.js";
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
