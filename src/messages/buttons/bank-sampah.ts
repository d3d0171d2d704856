import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, flag, id, int, oneOf, page, requestKey, shaped } from "./button.js";

/** A month as "2026-11"; whether it is one on offer is the handler's question. */
const month = shaped(/\d{4}-\d{2}/);

// /banksampah (was `wb:`): for those who run the command; which bank is checked by requireManager.
const managers = AUDIENCES.announcers;
export const bankMenu = defineButton("bank.menu", managers, { action: oneOf("list", "new", "close") });
export const bankShow = defineButton("bank.show", managers, { bank: id });
/** The candidates to appoint, a page of them (the page is last: paginatedKeyboard appends it). */
export const bankAppointList = defineButton("bank.appoint", managers, { bank: id, page });
export const bankRevokeList = defineButton("bank.revoke", managers, { bank: id });
export const bankOfficer = defineButton("bank.officer", managers, { action: oneOf("appoint", "revoke"), bank: id, person: id });
export const bankRtList = defineButton("bank.rts", managers, { bank: id });
export const bankAddRt = defineButton("bank.add-rt", managers, { bank: id, rt: id });
/** Opening a bank (was `wbt:`, `wbn:`): an RT toggled to the state it names, then done or cancel. */
export const bankOpenRt = defineButton("bank.open-rt", managers, { rt: id, chosen: flag });
export const bankOpen = defineButton("bank.open", managers, { step: oneOf("done", "cancel", "suggested-name") });

// The officer's forms (were `bsd bsw bsk bsr bst bse bsb bsp bsh`, unlisted): bank officers only,
// as /setor, /tarik, /koreksi and /harga are; which bank is checked by requireOfficer.
const officers = AUDIENCES.bankOfficers;
/** /setor's summary; every button carries the form's request id, so only this form's count. */
export const bankSetor = defineButton("bank.setor", officers, { action: oneOf("add", "undo", "save", "cancel"), request: requestKey });
export const bankTarik = defineButton("bank.tarik", officers, { answer: oneOf("yes", "no"), request: requestKey });
export const bankKoreksi = defineButton("bank.koreksi", officers, { answer: oneOf("yes", "no"), request: requestKey });
/** A choice from a list inside a form: a bank, a resident, a waste type, an entry, a line of it (0: the whole entry), a type to price. */
export const bankPick = defineButton("bank.pick", officers, { list: oneOf("bank", "resident", "type", "entry", "line", "price"), choice: oneOf("item", "again", "cancel"), item: int });
/** /harga's menu and its questions. */
export const bankPrices = defineButton("bank.harga", officers, {
  action: oneOf("price", "add", "retire", "history", "done", "unit-kg", "unit-liter", "unit-cancel", "retire-yes", "retire-no", "from-now", "from-tomorrow"),
});

// /eksporbank (was `bx:`).
const exporters = AUDIENCES.bankExporters;
export const bankExportPage = defineButton("bank.export-page", exporters, { page });
export const bankExport = defineButton("bank.export", exporters, { bank: id });
export const bankExportMonth = defineButton("bank.export-month", exporters, { bank: id, month });

/**
 * A monthly statement from /saldo (was `sal:`, unlisted): anyone, as /saldo is (a resident who moved
 * away keeps their savings); the handler shows only the presser's own account.
 */
export const saldo = defineButton("saldo", "anyone", { bank: id, month });

/**
 * The bank's open books from /banksampah (residents) and a bank's details (managers): its prices,
 * and a month of its totals. Anyone may press; the domain shows a bank only to its residents, its
 * savers, and those who may read its books, whatever the button says.
 */
export const bankBookPrices = defineButton("bank.book-prices", "anyone", { bank: id });
export const bankBookMonth = defineButton("bank.book-month", "anyone", { bank: id, month });

export const BANK_BUTTONS = [
  bankMenu, bankShow, bankAppointList, bankRevokeList, bankOfficer, bankRtList, bankAddRt, bankOpenRt, bankOpen,
  bankSetor, bankTarik, bankKoreksi, bankPick, bankPrices, bankExportPage, bankExport, bankExportMonth, saldo,
  bankBookPrices, bankBookMonth,
];
