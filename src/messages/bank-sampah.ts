import type { Translate } from "./translate.js";
import { InlineKeyboard } from "grammy";
import { getWasteBank, listOfficers, type WasteBankView } from "../domain/bank-sampah/banks.js";
import type { EntryKind, EntrySummary, Receipt, ReceiptLine, ReversibleLine } from "../domain/bank-sampah/ledger.js";
import type { Database } from "../db/client.js";
import type { MeasureUnit } from "../domain/bank-sampah/amounts.js";
import { memberCode } from "../domain/people/member-code.js";
import { formatQuantity, formatRupiah, formatSignedRupiah, formatUnitPrice, formatWib, rtNumber } from "./format.js";
import { bankAppointList, bankMenu, bankRevokeList, bankRtList } from "./buttons/bank-sampah.js";
import { eventKey, noticeTo, type Notice } from "./notices.js";

export type { Translate };

/**
 * Receipts and entries as `conversation.external` keeps them for replays: plain JSON, dates as
 * milliseconds. A receipt keeps no Telegram id: forms and kept step outcomes store it, and the
 * text names the resident by name and member code only.
 */
export type PlainReceipt = Omit<Receipt, "occurredAt" | "telegramId"> & { occurredAt: number };
export type PlainEntry = Omit<EntrySummary, "occurredAt"> & { occurredAt: number };

export function plainReceipt(receipt: Receipt): PlainReceipt {
  const { telegramId: _telegramId, ...kept } = receipt;
  return { ...kept, lines: receipt.lines.map((line) => ({ ...line })), occurredAt: receipt.occurredAt.getTime() };
}

export function plainEntry(entry: EntrySummary): PlainEntry {
  return { ...entry, reversed: Boolean(entry.reversed), occurredAt: entry.occurredAt.getTime() };
}

export function kindLabel(t: Translate, kind: EntryKind): string {
  switch (kind) {
    case "deposit":
      return t("bank-kind-deposit");
    case "withdrawal":
      return t("bank-kind-withdrawal");
    case "reversal":
      return t("bank-kind-reversal");
  }
}

/**
 * What a reversal cancelled, in the words of receipts and the audit log alike: "setoran No. 4", or
 * "baris 2 setoran No. 4" when one line of a deposit was reversed.
 */
export function cancelledEntry(t: Translate, locale: string, reversed: { original: number; kind: EntryKind; lineNo: number | null }): string {
  const vars = { kind: kindLabel(t, reversed.kind).toLocaleLowerCase(locale), original: String(reversed.original) };
  return reversed.lineNo === null ? t("bank-cancelled-entry", vars) : t("bank-cancelled-line", { ...vars, line: String(reversed.lineNo) });
}

/** The price list as /harga and the residents' /banksampah show it, a price set for later included. */
export function priceListText(
  t: Translate,
  locale: string,
  bankName: string,
  types: readonly { name: string; unit: MeasureUnit; rupiahPerUnit: number; next: { rupiahPerUnit: number; effectiveFrom: number | Date } | null }[],
): string {
  if (types.length === 0) return `${t("bank-prices-title", { bank: bankName })}\n${t("bank-prices-empty")}`;
  const lines = types.map((type) =>
    type.next
      ? t("bank-price-line-next", {
          type: type.name,
          price: formatUnitPrice(type.rupiahPerUnit, type.unit, locale),
          next: formatUnitPrice(type.next.rupiahPerUnit, type.unit, locale),
          from: formatWib(new Date(type.next.effectiveFrom), locale),
        })
      : t("bank-price-line", { type: type.name, price: formatUnitPrice(type.rupiahPerUnit, type.unit, locale) }),
  );
  return [t("bank-prices-title", { bank: bankName }), ...lines].join("\n");
}

/** One line of a list of entries: "22 November 2026 pukul 10.00 WIB · Setoran #4 · +Rp 10.500". */
export function entryLine(t: Translate, locale: string, entry: Pick<PlainEntry, "entryId" | "kind" | "amount" | "occurredAt" | "reversesEntryId" | "reversed">): string {
  const line = t("bank-entry-line", { when: formatWib(new Date(entry.occurredAt), locale), kind: kindLabel(t, entry.kind), entry: String(entry.entryId), amount: formatSignedRupiah(entry.amount, locale) });
  const notes = [
    entry.reversesEntryId !== null ? t("bank-entry-reverses", { original: String(entry.reversesEntryId) }) : null,
    entry.reversed ? t("bank-entry-reversed") : null,
  ].filter(Boolean);
  return notes.length ? `${line} ${notes.join(" ")}` : line;
}

/** What was reversed, for the reversal's receipt: the entry, and its line when one line was. */
export type ReversedEntry = { kind: EntryKind; occurredAt: number; line?: ReversibleLine | null };

/** "Plastik campur: 2 kg × Rp 1.000/kg = Rp 2.000", as the deposit's receipt showed the line. */
export function receiptLine(t: Translate, locale: string, line: ReceiptLine): string {
  return t("bank-receipt-line", {
    type: line.name,
    quantity: formatQuantity(line.quantity, line.unit, locale),
    price: formatUnitPrice(line.rupiahPerUnit, line.unit, locale),
    value: formatRupiah(line.value, locale),
  });
}

/** The receipt, the same for the resident (in their language) and the petugas. */
export function receiptText(t: Translate, locale: string, receipt: PlainReceipt, officer: string, original?: ReversedEntry): string {
  const common = {
    bank: receipt.bankName,
    entry: String(receipt.entryId),
    when: formatWib(new Date(receipt.occurredAt), locale),
    name: receipt.displayName ?? "-",
    code: memberCode(receipt.personId),
    balance: formatRupiah(receipt.balance, locale),
    officer,
  };
  switch (receipt.kind) {
    case "deposit": {
      const lines = receipt.lines.map((line) => receiptLine(t, locale, line));
      return t("bank-receipt-deposit", { ...common, lines: lines.join("\n"), total: formatRupiah(receipt.amount, locale) });
    }
    case "withdrawal":
      return t("bank-receipt-withdrawal", { ...common, amount: formatRupiah(-receipt.amount, locale) });
    case "reversal":
      if (original?.line) {
        return t("bank-receipt-reversal-line", {
          ...common,
          cancelled: cancelledEntry(t, locale, { original: receipt.reversesEntryId ?? 0, kind: original.kind, lineNo: original.line.lineNo }),
          dated: formatWib(new Date(original.occurredAt), locale),
          line: receiptLine(t, locale, original.line),
          amount: formatSignedRupiah(receipt.amount, locale),
          reason: receipt.reason ?? "-",
        });
      }
      return t("bank-receipt-reversal", {
        ...common,
        original: String(receipt.reversesEntryId ?? "-"),
        what: original ? kindLabel(t, original.kind) : "-",
        dated: original ? formatWib(new Date(original.occurredAt), locale) : "-",
        amount: formatSignedRupiah(receipt.amount, locale),
        reason: receipt.reason ?? "-",
      });
  }
}

/**
 * The resident's copy of a receipt, in their own language; none when they can no longer be
 * reached (erased their data). Its event is the entry, so a repeated request queues it once.
 */
export function receiptNotice(t: Translate, locale: string, receipt: Receipt, officer: string, original?: ReversedEntry): Notice[] {
  return noticeTo(receipt, eventKey("bank-receipt", receipt.entryId), receiptText(t, locale, plainReceipt(receipt), officer, original));
}

export type BankDetails = WasteBankView & { officers: { personId: number; name: string; telegramId: number | null }[] };

/** A bank with its RTs and officers, plain enough for `conversation.external`. */
export async function loadBankDetails(db: Database, wasteBankId: number): Promise<BankDetails> {
  const bank = await getWasteBank(db, wasteBankId);
  const officers = (await listOfficers(db, wasteBankId)).map((officer) => ({ personId: officer.personId, name: officer.displayName ?? "-", telegramId: officer.telegramId }));
  return { ...bank, rts: bank.rts.map((served) => ({ ...served })), officers };
}

/** What /banksampah shows of one bank, with the buttons of what this person may do to it. */
export function bankDetailsView(t: Translate, bank: BankDetails, options: { canAddRt: boolean; backToList: boolean }): { text: string; keyboard: InlineKeyboard } {
  const text = t("bank-details", {
    bank: bank.name,
    kelurahan: bank.kelurahanName,
    kecamatan: bank.kecamatanName,
    rts: bank.rts.map((served) => t("bank-rt-label", { rt: rtNumber(served.number) })).join(", ") || "-",
    officers: bank.officers.map((officer) => officer.name).join(", ") || t("bank-no-officers"),
  });
  const keyboard = new InlineKeyboard().text(t("button-bank-appoint"), bankAppointList.data({ bank: bank.id, page: 0 })).row();
  if (bank.officers.length > 0) keyboard.text(t("button-bank-revoke"), bankRevokeList.data({ bank: bank.id })).row();
  if (options.canAddRt) keyboard.text(t("button-bank-add-rt"), bankRtList.data({ bank: bank.id })).row();
  if (options.backToList) keyboard.text(t("button-back"), bankMenu.data({ action: "list" }));
  keyboard.text(t("button-close"), bankMenu.data({ action: "close" }));
  return { text, keyboard };
}
