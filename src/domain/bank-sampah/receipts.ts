import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { depositLine, ledgerEntry, wasteType } from "../../db/schema/index.js";
import { countedForDeposit, type CountedFor } from "../scores/counted.js";
import { countedOrNone } from "../scores/counted-guard.js";
import { countedLine } from "../../messages/counted.js";
import { plainReceipt, receiptNotice, type PlainReceipt, type ReversedEntry } from "../../messages/bank-sampah.js";
import { supportedLocale } from "../../messages/locale.js";
import { about, queueNotices } from "../../messages/notices.js";
import { translateIn } from "../../messages/translate.js";
import type { Actor } from "../people/actor.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { PricesChanged, recordDeposit, recordWithdrawal, reverseEntry, type DepositRequest, type Receipt, type ReceiptLine, type ReversalRequest, type WithdrawalRequest } from "./ledger.js";

/**
 * What a saved form shows the petugas: the receipt (plain JSON, so a conversation's replay reads
 * it back as is), the officer named on it, whether the resident's copy was queued, and for a
 * reversal what it reversed.
 */
export type SavedReceipt = { receipt: PlainReceipt; officer: string; sent: boolean; original?: ReversedEntry };

/** The officer's name as the receipt shows it. */
function officerName(actor: Actor): string {
  return actor.person?.displayName ?? "-";
}

/**
 * Queues the resident's copy in their own language, on the transaction that recorded the entry:
 * the entry and its receipt are stored together or not at all. The notice's event is the entry, so
 * the same request saved again (a double tap, a redelivery after a failed reply) queues nothing new.
 */
async function queueReceipt(deps: ServiceDeps, tx: Database, receipt: Receipt, actor: Actor, original?: ReversedEntry, counted: CountedFor | null = null): Promise<SavedReceipt> {
  const sent = receipt.telegramId !== null;
  const officer = officerName(actor);
  if (sent) {
    // The resident's language came with the entry (the statement that wrote or read it).
    const locale = supportedLocale(receipt.locale);
    const t = translateIn(deps.i18n, locale);
    // What the deposit counted for (issue 17), one line under the receipt.
    const notices = receiptNotice(t, locale, receipt, officer, original).map((notice) => (counted ? { ...notice, text: `${notice.text}\n\n${countedLine(t, counted)}` } : notice));
    // The receipt names the officer: it goes if the officer erases their data.
    await queueNotices(tx, deps.clock(), about([actor.person?.id], notices));
  }
  return { receipt: plainReceipt(receipt), officer, sent, ...(original ? { original } : {}) };
}

/** What /setor's Simpan confirms: each line with the price per unit the summary showed the petugas. */
export type ConfirmedDeposit = Omit<DepositRequest, "lines"> & { lines: readonly { wasteTypeId: number; quantity: number; rupiahPerUnit: number }[] };

/**
 * What a Simpan comes to: saved, with its receipt; or nothing saved because a price changed
 * since the summary the petugas confirmed, with the deposit as it would be now (each line at the
 * price in force, and the total) for the form to show and confirm again. Plain JSON either way.
 */
export type DepositOutcome = ({ saved: true } & SavedReceipt) | { saved: false; lines: ReceiptLine[]; total: number };

/**
 * /setor's save: the deposit entry, its lines, its participation and audit rows, and the resident's
 * receipt, in one transaction; or nothing at all if the prices confirmed are not the prices now.
 * Idempotent by the form's request key: the same key again returns the first receipt and writes
 * nothing, even if the prices have changed since it was saved.
 */
export async function deposit(deps: ServiceDeps, params: { actor: Actor } & ConfirmedDeposit): Promise<DepositOutcome> {
  const { actor, ...request } = params;
  try {
    const saved = await inTransaction(deps, async (tx) => {
      const receipt = await recordDeposit(tx, actor, request, deps.clock());
      // One indexed count, only for a new deposit with a receipt to carry it (a replay queues nothing);
      // in a savepoint: if it fails the receipt goes without the line, the deposit is never lost.
      const counted = receipt.created && receipt.telegramId !== null ? await countedOrNone(tx, (read) => countedForDeposit(read, { entryId: receipt.entryId, now: deps.clock() })) : null;
      return queueReceipt(deps, tx, receipt, actor, undefined, counted);
    });
    return { saved: true, ...saved };
  } catch (error) {
    if (error instanceof PricesChanged) return { saved: false, lines: error.lines, total: error.total };
    throw error;
  }
}

/** /tarik's save: the withdrawal, its audit row and the resident's receipt; idempotent by request key. */
export async function withdraw(deps: ServiceDeps, params: { actor: Actor } & WithdrawalRequest): Promise<SavedReceipt> {
  const { actor, ...request } = params;
  return inTransaction(deps, async (tx) => queueReceipt(deps, tx, await recordWithdrawal(tx, actor, request, deps.clock()), actor));
}

/**
 * /koreksi's save: the reversing entry, the deposit's participation taken back, the audit row and
 * the resident's receipt (naming what was reversed); idempotent by request key.
 */
export async function reverse(deps: ServiceDeps, params: { actor: Actor } & ReversalRequest): Promise<SavedReceipt> {
  const { actor, ...request } = params;
  return inTransaction(deps, async (tx) => {
    const receipt = await reverseEntry(tx, actor, request, deps.clock());
    return queueReceipt(deps, tx, receipt, actor, await reversedEntry(tx, receipt.reversesEntryId!, receipt.reversesLineNo));
  });
}

/** What a reversal reversed, for its receipt: the entry, and the line if it reversed one line. */
async function reversedEntry(db: Database, entryId: number, lineNo: number | null): Promise<ReversedEntry> {
  const [row] = await db.select({ kind: ledgerEntry.kind, occurredAt: ledgerEntry.occurredAt }).from(ledgerEntry).where(eq(ledgerEntry.id, entryId));
  const [line] = lineNo === null ? [] : await db
    .select({ lineNo: depositLine.lineNo, wasteTypeId: depositLine.wasteTypeId, name: wasteType.name, unit: depositLine.unit, quantity: depositLine.quantity, rupiahPerUnit: depositLine.rupiahPerUnit, value: depositLine.value })
    .from(depositLine)
    .innerJoin(wasteType, eq(wasteType.id, depositLine.wasteTypeId))
    .where(and(eq(depositLine.entryId, entryId), eq(depositLine.lineNo, lineNo)));
  return { kind: row!.kind, occurredAt: row!.occurredAt.getTime(), line: line ?? null };
}
