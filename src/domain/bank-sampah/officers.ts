import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { person, wasteBankOfficer } from "../../db/schema/index.js";
import { supportedLocale } from "../../messages/locale.js";
import { eventKey, noticeTo, queueNotices } from "../../messages/notices.js";
import type { Actor } from "../people/actor.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { appointOfficer, getWasteBank, revokeOfficer } from "./banks.js";

export type OfficerChange = {
  /** False when nothing changed (appointed already, revoked already: a double tap). */
  changed: boolean;
  name: string;
  bankName: string;
};

type OfficerRow = { id: number; displayName: string | null; telegramId: number | null; locale: string };

/** The officer's current appointment at this bank, if any. */
async function activeAppointment(db: Database, params: { wasteBankId: number; personId: number }): Promise<OfficerRow | undefined> {
  const [row] = await db
    .select({ id: wasteBankOfficer.id, displayName: person.displayName, telegramId: person.telegramId, locale: person.locale })
    .from(wasteBankOfficer)
    .innerJoin(person, eq(person.id, wasteBankOfficer.personId))
    .where(and(eq(wasteBankOfficer.wasteBankId, params.wasteBankId), eq(wasteBankOfficer.personId, params.personId), isNull(wasteBankOfficer.revokedAt)));
  return row;
}

async function tellOfficer(deps: ServiceDeps, tx: Database, officer: OfficerRow, personId: number, event: string, messageKey: string, bank: string): Promise<void> {
  const locale = supportedLocale(officer.locale);
  await queueNotices(tx, deps.clock(), noticeTo({ personId, telegramId: officer.telegramId }, event, deps.i18n.t(locale, messageKey, { bank })));
}

/**
 * Appoints a resident as the bank's officer and tells them, in one transaction. The notice is keyed
 * by the appointment (its row), so a double tap tells them once; a later re-appointment is news.
 */
export async function appointBankOfficer(deps: ServiceDeps, params: { actor: Actor; wasteBankId: number; personId: number }): Promise<OfficerChange> {
  return inTransaction(deps, async (tx) => {
    const { created } = await appointOfficer(tx, params.actor, params.wasteBankId, params.personId, deps.clock());
    const officer = await activeAppointment(tx, params);
    const bank = await getWasteBank(tx, params.wasteBankId);
    if (created && officer) await tellOfficer(deps, tx, officer, params.personId, eventKey("bank-officer-appointed", officer.id), "bank-officer-appointed-notice", bank.name);
    return { changed: created, name: officer?.displayName ?? "-", bankName: bank.name };
  });
}

/** Ends an officer's appointment and tells them, in one transaction; keyed by the appointment ended. */
export async function revokeBankOfficer(deps: ServiceDeps, params: { actor: Actor; wasteBankId: number; personId: number }): Promise<OfficerChange> {
  return inTransaction(deps, async (tx) => {
    const officer = await activeAppointment(tx, params);
    const { revoked } = await revokeOfficer(tx, params.actor, params.wasteBankId, params.personId, deps.clock());
    const bank = await getWasteBank(tx, params.wasteBankId);
    if (revoked && officer) await tellOfficer(deps, tx, officer, params.personId, eventKey("bank-officer-revoked", officer.id), "bank-officer-revoked-notice", bank.name);
    return { changed: revoked, name: officer?.displayName ?? "-", bankName: bank.name };
  });
}
