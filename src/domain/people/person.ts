import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { membership, outbox, participation, person, readingLog, roleAssignment, rondaVolunteer, wasteBankOfficer } from "../../db/schema/index.js";
import { deleteChatState } from "../../db/state-store.js";
import { recordAudit } from "../audit/audit.js";
import { inTransaction, type ServiceDeps } from "../service.js";

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
 * /hapusdata: the person is erased and the bot's stored state of their chat (a form under way)
 * goes with it, in one transaction. Returns false when they were already erased (a double tap).
 */
export async function eraseOwnData(deps: ServiceDeps, params: { personId: number; chatId: number }): Promise<boolean> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const erased = await erasePerson(tx, params.personId, now);
    await deleteChatState(tx, params.chatId);
    return erased;
  });
}

/**
 * Erases a person's personal data (UU 27/2022 right to erasure). The row stays, anonymised, so
 * memberships, participation, ledger entries and audit rows still count towards RT totals and
 * bank balances; nothing links it to a human. Returns false when the person was already erased
 * (a double tap), which changes nothing and writes no second audit row.
 */
export async function erasePerson(db: Database, personId: number, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const erased = await tx
      .update(person)
      .set({ telegramId: null, displayName: null, consentedAt: null, erasedAt: now, announcementsMutedAt: null, eventRemindersOffAt: null, unreachableAt: null })
      .where(and(eq(person.id, personId), isNull(person.erasedAt)))
      .returning({ id: person.id });
    if (erased.length === 0) return false;
    await tx
      .update(membership)
      .set({ status: sql`case when ${membership.status} = 'pending' then 'rejected'::membership_status else 'left'::membership_status end`, endedAt: now, endReason: "erased" })
      .where(and(eq(membership.personId, personId), inArray(membership.status, ["pending", "active"])));
    await tx.update(membership).set({ householdLabel: null }).where(eq(membership.personId, personId));
    await tx
      .update(roleAssignment)
      .set({ revokedAt: now, revokedBy: personId })
      .where(and(eq(roleAssignment.personId, personId), isNull(roleAssignment.revokedAt)));
    await tx
      .update(wasteBankOfficer)
      .set({ revokedAt: now, revokedBy: personId })
      .where(and(eq(wasteBankOfficer.personId, personId), isNull(wasteBankOfficer.revokedAt)));
    await tx.update(rondaVolunteer).set({ leftAt: now }).where(and(eq(rondaVolunteer.personId, personId), isNull(rondaVolunteer.leftAt)));
    // What someone reads says something about them; the minutes still count, the titles go.
    await tx.update(readingLog).set({ title: "" }).where(eq(readingLog.personId, personId));
    await pseudonymiseHouseholds(tx, personId);
    // Messages to the person: what is still queued or being sent is dropped (a send in flight can
    // no longer be marked sent or rescheduled: both match on 'sending'); what went keeps its status
    // (the broadcast reports count it) but loses the chat and the text.
    await tx
      .update(outbox)
      .set({ chatId: 0, payload: {}, status: sql`case when ${outbox.status} in ('pending', 'sending') then 'cancelled'::outbox_status else ${outbox.status} end` })
      .where(eq(outbox.personId, personId));
    await recordAudit(tx, { occurredAt: now, actorPersonId: personId, action: "data_erased", targetPersonId: personId, entityType: "person", entityId: personId });
    return true;
  });
}

/**
 * The household labels on the person's participation records. A label no one else's record
 * carries in that RT names only this person's household: it becomes an opaque `anon-<person>-<n>`
 * (distinct labels stay distinct). A label other residents' records still carry names their
 * household, not this person, and stays: clearing it would make the person's records a household
 * of their own and raise the RT's household counts. Either way every weekly household count
 * (scores, digests) is the same after the erasure as before.
 */
async function pseudonymiseHouseholds(db: Database, personId: number): Promise<void> {
  await db.execute(sql`
    with mine as (
      select distinct rt_id, lower(btrim(household_label)) as label
      from ${participation}
      where person_id = ${personId} and nullif(btrim(household_label), '') is not null
    ), own as (
      select m.rt_id, m.label, row_number() over (order by m.rt_id, m.label) as n
      from mine m
      where not exists (
        select 1 from ${participation} o
        where o.rt_id = m.rt_id and o.person_id <> ${personId} and lower(btrim(o.household_label)) = m.label
      )
    )
    update ${participation} p set household_label = 'anon-' || ${personId}::int || '-' || own.n
    from own
    where p.person_id = ${personId} and p.rt_id = own.rt_id and lower(btrim(p.household_label)) = own.label
  `);
}
