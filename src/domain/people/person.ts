import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { commandMenu, membership, person, roleAssignment, rondaVolunteer, wasteBankOfficer } from "../../db/schema/index.js";
import type { Greeting } from "../../messages/address.js";
import { recordAudit } from "../audit/audit.js";
import { wantMenus } from "./menu.js";
import { eraseMappedData, erasureSubject } from "./personal-data-map.js";

export const SUPPORTED_LOCALES = ["id", "en"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** The person row for a Telegram user, created on first need (consent or a language choice). */
export async function ensurePerson(db: Database, telegramId: number, locale: Locale = "id"): Promise<number> {
  const [row] = await db
    .insert(person)
    .values({ telegramId, locale })
    .onConflictDoUpdate({ target: person.telegramId, set: { telegramId: sql`excluded.telegram_id` } })
    .returning({ id: person.id });
  return row!.id;
}

/**
 * At start-up: the configured admins hold no role row, so nothing else marks them; and a menu set
 * before (an admin no longer in the list, a release that changed a role's commands) may be out of
 * date. Both are marked; a push whose menu is the one already set calls Telegram not at all.
 */
export async function wantMenusAtStart(db: Database, adminTelegramIds: readonly number[], now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const admins: number[] = [];
    for (const telegramId of adminTelegramIds) admins.push(await ensurePerson(tx, telegramId));
    const set = await tx.select({ personId: commandMenu.personId }).from(commandMenu).where(isNotNull(commandMenu.sent));
    await wantMenus(tx, [...admins, ...set.map((row) => row.personId)], now);
  });
}

export async function recordConsent(db: Database, telegramId: number, locale: Locale, now: Date): Promise<number> {
  const personId = await ensurePerson(db, telegramId, locale);
  // The first consent time is the one that counts; pressing "Setuju" again changes nothing.
  await db.update(person).set({ consentedAt: now }).where(and(eq(person.id, personId), isNull(person.consentedAt)));
  return personId;
}

export async function setDisplayName(db: Database, personId: number, displayName: string): Promise<void> {
  await db.update(person).set({ displayName }).where(eq(person.id, personId));
}

export async function setGreeting(db: Database, personId: number, greeting: Greeting): Promise<void> {
  await db.update(person).set({ greeting }).where(eq(person.id, personId));
}

/** The person's language, and with it their "/" menu's (pushed once the change commits). */
export async function setLocale(db: Database, telegramId: number, locale: Locale, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const personId = await ensurePerson(tx, telegramId, locale);
    await tx.update(person).set({ locale }).where(eq(person.id, personId));
    await wantMenus(tx, [personId], now);
  });
}

export async function findLocale(db: Database, telegramId: number): Promise<string | undefined> {
  const [row] = await db.select({ locale: person.locale }).from(person).where(eq(person.telegramId, telegramId));
  return row?.locale;
}

export async function findTelegramId(db: Database, personId: number): Promise<number | null> {
  const [row] = await db.select({ telegramId: person.telegramId }).from(person).where(eq(person.id, personId));
  return row?.telegramId ?? null;
}

/**
 * Erases a person's personal data (UU 27/2022 right to erasure). Their memberships, roles, waste
 * bank posts and ronda volunteering end; then every column personal-data-map.ts lists is erased
 * as its entry says, including messages about them sent to others. The row stays, anonymised, so
 * memberships, participation, ledger entries and audit rows still count towards RT totals and
 * bank balances; nothing links it to a human. Returns false when the person was already erased
 * (a double tap), which changes nothing and writes no second audit row.
 */
export async function erasePerson(db: Database, personId: number, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const subject = await erasureSubject(tx, personId, now);
    if (!subject) return false;
    await endDuties(tx, personId, now);
    await eraseMappedData(tx, subject);
    await recordAudit(tx, { occurredAt: now, actorPersonId: personId, action: "data_erased", targetPersonId: personId, entityType: "person", entityId: personId });
    return true;
  });
}

/** What the person did in the RT ends with the erasure: membership, roles, bank posts, ronda. */
async function endDuties(tx: Database, personId: number, now: Date): Promise<void> {
  // Before the Telegram id is blanked: the chat's own menu is taken away after the erasure commits.
  await wantMenus(tx, [personId], now);
  await tx
    .update(membership)
    .set({ status: sql`case when ${membership.status} = 'pending' then 'rejected'::membership_status else 'left'::membership_status end`, endedAt: now, endReason: "erased" })
    .where(and(eq(membership.personId, personId), inArray(membership.status, ["pending", "active"])));
  await tx
    .update(roleAssignment)
    .set({ revokedAt: now, revokedBy: personId })
    .where(and(eq(roleAssignment.personId, personId), isNull(roleAssignment.revokedAt)));
  await tx
    .update(wasteBankOfficer)
    .set({ revokedAt: now, revokedBy: personId })
    .where(and(eq(wasteBankOfficer.personId, personId), isNull(wasteBankOfficer.revokedAt)));
  await tx.update(rondaVolunteer).set({ leftAt: now }).where(and(eq(rondaVolunteer.personId, personId), isNull(rondaVolunteer.leftAt)));
}
