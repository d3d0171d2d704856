import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { bankAccount, wasteBank, wasteBankRt } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { compareMonths, monthOf, type Month } from "../schedule/month.js";
import { findWasteBank, listWasteTypes, type WasteBankView, type WasteTypeView } from "./banks.js";
import { statement, type Statement } from "./ledger.js";
import { canViewBank, monthlyBankReport, type MonthTotals, type WasteTypeTotal } from "./report.js";

/**
 * The bank's open books for its residents: the price list and each month's totals, as the
 * officers' monthly report has them, but no one else's name or balance; a reader sees their own
 * entries only. Read by residents of the RTs a bank serves and by anyone holding savings there
 * (a resident who moved away), and by those who may read its books anyway (`canViewBank`).
 */

/** The banks whose books a person reads as a resident: their RT's bank, then any other they save at. */
export async function residentBanks(db: Database, actor: Actor): Promise<{ id: number; name: string }[]> {
  const personId = actor.person?.id;
  if (personId === undefined) return [];
  const ids: number[] = [];
  if (actor.membership?.status === "active") {
    const [own] = await db.select({ id: wasteBankRt.wasteBankId }).from(wasteBankRt).where(eq(wasteBankRt.rtId, actor.membership.rtId));
    if (own) ids.push(own.id);
  }
  for (const account of await db.select({ id: bankAccount.wasteBankId }).from(bankAccount).where(eq(bankAccount.personId, personId)).orderBy(asc(bankAccount.id))) {
    if (!ids.includes(account.id)) ids.push(account.id);
  }
  if (ids.length === 0) return [];
  const rows = await db.select({ id: wasteBank.id, name: wasteBank.name }).from(wasteBank).where(inArray(wasteBank.id, ids));
  return ids.flatMap((id) => rows.filter((row) => row.id === id));
}

/** The bank, if this person may read its books; an unknown bank is refused like a foreign one. */
async function requireReadableBank(db: Database, actor: Actor, wasteBankId: number): Promise<WasteBankView & { createdAt: Date }> {
  const bank = await findWasteBank(db, wasteBankId);
  if (!bank) throw new DomainError("not-allowed");
  if (!canViewBank(actor, bank)) {
    const personId = actor.person?.id;
    const served = actor.membership?.status === "active" && bank.rts.some((place) => place.id === actor.membership!.rtId);
    const saver = !served && personId !== undefined && (await db.select({ id: bankAccount.id }).from(bankAccount).where(and(eq(bankAccount.wasteBankId, wasteBankId), eq(bankAccount.personId, personId)))).length > 0;
    if (!served && !saver) throw new DomainError("not-allowed");
  }
  const [row] = await db.select({ createdAt: wasteBank.createdAt }).from(wasteBank).where(eq(wasteBank.id, wasteBankId));
  return { ...bank, createdAt: row!.createdAt };
}

export type BankPriceList = { bank: { id: number; name: string }; types: WasteTypeView[] };

/** The prices in force now (and any set for later), for a reader of the bank's books. */
export async function bankPriceList(db: Database, actor: Actor, params: { wasteBankId: number; now: Date }): Promise<BankPriceList> {
  const bank = await requireReadableBank(db, actor, params.wasteBankId);
  return { bank: { id: bank.id, name: bank.name }, types: await listWasteTypes(db, bank.id, params.now) };
}

export type BankMonth = {
  bank: { id: number; name: string };
  month: Month;
  /** The months a reader may page to: from the bank's opening to this one. */
  first: Month;
  current: Month;
  totals: MonthTotals;
  byType: WasteTypeTotal[];
  /** Savings of all residents together at the month's end. */
  closingBalance: number;
  /** The reader's own account over the month; null if they hold none here. */
  own: Statement | null;
};

/**
 * One WIB month of the bank for a reader: the totals of the officers' monthly report (deposits,
 * withdrawals, corrections, per waste type), and the reader's own entries. A month before the
 * bank opened or after this one is refused.
 */
export async function bankMonth(db: Database, actor: Actor, params: { wasteBankId: number; month: Month; now: Date }): Promise<BankMonth> {
  const bank = await requireReadableBank(db, actor, params.wasteBankId);
  const first = monthOf(bank.createdAt);
  const current = monthOf(params.now);
  if (compareMonths(params.month, first) < 0 || compareMonths(params.month, current) > 0) throw new DomainError("not-allowed");
  const report = await monthlyBankReport(db, bank.id, params.month, params.now, bank);
  const personId = actor.person?.id;
  const [account] = personId === undefined ? [] : await db.select({ id: bankAccount.id }).from(bankAccount).where(and(eq(bankAccount.wasteBankId, bank.id), eq(bankAccount.personId, personId)));
  const own = account && personId !== undefined ? await statement(db, { wasteBankId: bank.id, personId, from: report.from, to: report.to }) : null;
  return { bank: { id: bank.id, name: bank.name }, month: report.month, first, current, totals: report.totals, byType: report.byType, closingBalance: report.closingBalance, own };
}
