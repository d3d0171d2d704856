import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { membership, person, readingLog, roleAssignment } from "../../db/schema/index.js";

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

export async function recordConsent(db: Database, telegramId: number, locale: Locale, now: Date): Promise<number> {
  const personId = await ensurePerson(db, telegramId, locale);
  // The first consent time is the one that counts; pressing "Setuju" again changes nothing.
  await db.update(person).set({ consentedAt: now }).where(and(eq(person.id, personId), isNull(person.consentedAt)));
  return personId;
}

export async function setDisplayName(db: Database, personId: number, displayName: string): Promise<void> {
  await db.update(person).set({ displayName }).where(eq(person.id, personId));
}

export async function setLocale(db: Database, telegramId: number, locale: Locale): Promise<void> {
  const personId = await ensurePerson(db, telegramId, locale);
  await db.update(person).set({ locale }).where(eq(person.id, personId));
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
 * Erases a person's personal data (UU 27/2022 right to erasure). The row stays, anonymised, so
 * memberships and later participation still count towards RT totals; nothing links it to a human.
 */
export async function erasePerson(db: Database, personId: number, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(membership)
      .set({ status: sql`case when ${membership.status} = 'pending' then 'rejected'::membership_status else 'left'::membership_status end`, endedAt: now, endReason: "erased" })
      .where(and(eq(membership.personId, personId), inArray(membership.status, ["pending", "active"])));
    await tx.update(membership).set({ householdLabel: null }).where(eq(membership.personId, personId));
    await tx
      .update(roleAssignment)
      .set({ revokedAt: now, revokedBy: personId })
      .where(and(eq(roleAssignment.personId, personId), isNull(roleAssignment.revokedAt)));
    // What someone reads says something about them; the minutes still count, the titles go.
    await tx.update(readingLog).set({ title: "" }).where(eq(readingLog.personId, personId));
    await tx
      .update(person)
      .set({ telegramId: null, displayName: null, consentedAt: null, erasedAt: now })
      .where(eq(person.id, personId));
  });
}
