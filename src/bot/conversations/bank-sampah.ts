import { InlineKeyboard } from "grammy";
import { lineValue, parseQuantity, parseWithdrawal, type MeasureUnit } from "../../domain/bank-sampah/amounts.js";
import { listWasteTypes } from "../../domain/bank-sampah/banks.js";
import { checkReversal, officerBalance, reversibleEntries, reversibleLines, type ReversibleLine } from "../../domain/bank-sampah/ledger.js";
import { DEPOSIT_LINES_MAX } from "../../domain/bank-sampah/limits.js";
import { officerBanks, parseReversalReason } from "../../domain/bank-sampah/management.js";
import { deposit, reverse, withdraw } from "../../domain/bank-sampah/receipts.js";
import { findResidents, parseResidentQuery, type ResidentMatch } from "../../domain/bank-sampah/residents.js";
import { cancelledEntry, entryLine, kindLabel, plainEntry, receiptLine, receiptText, type PlainEntry, type PlainReceipt, type ReversedEntry, type Translate } from "../../messages/bank-sampah.js";
import { bankKoreksi, bankPick, bankSetor, bankTarik } from "../../messages/buttons/bank-sampah.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { officerBankIds } from "../../domain/people/actor.js";
import { formatQuantity, formatRupiah, formatUnitPrice, formatWib, rtNumber } from "../../messages/format.js";
import { holdRight } from "./form-right.js";
import { askText, explain, formRequest, lookUp, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const BANK_DEPOSIT = "bank-deposit";
export const BANK_WITHDRAWAL = "bank-withdrawal";
export const BANK_REVERSAL = "bank-reversal";

/** Enough to tell two Sitis apart; a longer list means the name typed was too short. */
const RESIDENTS_SHOWN = 8;
const ENTRIES_SHOWN = 10;

export type BankChoice = { id: number; name: string };
/** Which list a `bankPick` button belongs to. */
type PickList = NonNullable<ReturnType<typeof bankPick.read>>["list"];

export type TypeChoice = { id: number; name: string; unit: MeasureUnit; rupiahPerUnit: number };

/**
 * A list of buttons, one per row (names and prices are too long to pair), and "Batal". Only the
 * buttons of this list are an answer: forged data naming anything else is not.
 */
export async function pickFromList<T>(
  conversation: Convo,
  ctx: ConversationContext,
  list: PickList,
  prompt: string,
  items: T[],
  key: (item: T) => number,
  label: (item: T) => string,
): Promise<T | null> {
  const itemData = (item: T) => bankPick.data({ list, choice: "item", item: key(item) });
  const cancel = bankPick.data({ list, choice: "cancel", item: 0 });
  const keyboard = new InlineKeyboard();
  for (const item of items) keyboard.text(label(item), itemData(item)).row();
  keyboard.text(ctx.t("button-cancel"), cancel);
  await ctx.reply(prompt, { reply_markup: keyboard });
  const { data, ctx: press } = await waitForChoice(conversation, [...items.map(itemData), cancel]);
  const chosen = items.find((item) => itemData(item) === data);
  if (chosen === undefined) {
    await press.editMessageText(press.t("action-cancelled"));
    return null;
  }
  await press.editMessageText(`${prompt}\n→ ${label(chosen)}`);
  return chosen;
}

/**
 * The bank this officer works at; asked only of someone who serves more than one. From here on
 * the form goes on only while the person is still an officer of that bank.
 */
export async function chooseBank(conversation: Convo, ctx: ConversationContext, deps: BotDeps): Promise<BankChoice | null> {
  const banks = await conversation.external((outside) => officerBanks(deps.db, outside.actor));
  if (banks.length === 0) {
    await ctx.reply(ctx.t("error-role-petugas_bank"));
    return null;
  }
  const bank = banks.length === 1 ? banks[0]! : await pickFromList(conversation, ctx, "bank", ctx.t("bank-choose-bank"), banks, (bank) => bank.id, (bank) => bank.name);
  if (bank) await holdRight(conversation, ctx, (actor) => officerBankIds(actor).includes(bank.id));
  return bank;
}

export function residentLabel(t: Translate, resident: ResidentMatch): string {
  return resident.rtNumber === null || !resident.served
    ? t("bank-resident-label-away", { name: resident.name, code: resident.memberCode })
    : t("bank-resident-label", { name: resident.name, rt: rtNumber(resident.rtNumber), household: resident.householdLabel ?? "-", code: resident.memberCode });
}

/**
 * Finds the resident by a part of their name or their member code, then a tap on the right one.
 * A deposit is only for residents of the RTs the bank serves; a withdrawal or a correction also
 * for someone who moved away and still has savings here.
 */
async function pickResident(conversation: Convo, ctx: ConversationContext, deps: BotDeps, bank: BankChoice, purpose: "deposit" | "account"): Promise<ResidentMatch | null> {
  const ask = purpose === "deposit" ? ctx.t("bank-ask-resident") : ctx.t("bank-ask-account-holder");
  let prompt = ask;
  for (;;) {
    const query = await askText(conversation, ctx, prompt, parseResidentQuery);
    // Searched as the actor of this answer: an officer removed meanwhile reads nobody.
    const search = await lookUp(conversation, (outside) => findResidents(deps.db, outside.actor, { wasteBankId: bank.id, query, limit: RESIDENTS_SHOWN }));
    if (!search.ok) {
      await explain(ctx, search);
      return null;
    }
    const found = search.value;
    const usable = purpose === "deposit" ? found.filter((resident) => resident.served) : found;
    if (usable.length === 0) {
      // Nobody: the answer is the next question, so the petugas just types again.
      prompt = found.length > 0 ? ctx.t("bank-resident-moved", { bank: bank.name }) : ctx.t("bank-resident-none", { query });
      continue;
    }
    const choose = ctx.t("bank-choose-resident");
    const residentData = (resident: ResidentMatch) => bankPick.data({ list: "resident", choice: "item", item: resident.personId });
    const again = bankPick.data({ list: "resident", choice: "again", item: 0 });
    const cancel = bankPick.data({ list: "resident", choice: "cancel", item: 0 });
    const keyboard = new InlineKeyboard();
    for (const resident of usable) keyboard.text(residentLabel(ctx.t, resident), residentData(resident)).row();
    keyboard.text(ctx.t("button-search-again"), again).text(ctx.t("button-cancel"), cancel);
    await ctx.reply(choose, { reply_markup: keyboard });
    const { data, ctx: press } = await waitForChoice(conversation, [...usable.map(residentData), again, cancel]);
    if (data === cancel) {
      await press.editMessageText(press.t("action-cancelled"));
      return null;
    }
    if (data === again) {
      await press.editMessageReplyMarkup();
      prompt = ask;
      continue;
    }
    const chosen = usable.find((resident) => residentData(resident) === data)!;
    await press.editMessageText(`${choose}\n→ ${residentLabel(ctx.t, chosen)}`);
    return chosen;
  }
}

export type SaveKind = "deposit" | "withdrawal" | "reversal";

/**
 * The ledger request key of a confirmation button: its kind and its random id. It is stored for
 * good, so it names no chat (a Telegram id would outlive the officer's erasure).
 */
export function requestKeyOf(kind: SaveKind, id: string): string {
  return `${kind}:${id}`;
}

/**
 * One id per confirmation (`formRequest`: kept by the replay and by a redelivery), keyed as
 * `requestKeyOf` spells it: the same save, however often it arrives, is one entry. The id rides on
 * the confirm button too, so a tap that arrives after the form has ended (a double tap, a
 * redelivery after a failed reply) can be told it was saved.
 */
function newRequest(conversation: Convo, kind: SaveKind): Promise<{ key: string; id: string }> {
  return formRequest(conversation, kind);
}

type Line = { typeId: number; quantity: number };

function depositSummary(t: Translate, locale: string, resident: ResidentMatch, bank: BankChoice, lines: Line[], types: TypeChoice[]): string {
  const header = t("bank-deposit-summary", { name: resident.name, code: resident.memberCode, bank: bank.name });
  if (lines.length === 0) return `${header}\n${t("bank-deposit-no-lines")}`;
  let total = 0;
  const rows = lines.map((line, index) => {
    const type = types.find((candidate) => candidate.id === line.typeId)!;
    const value = lineValue(line.quantity, type.rupiahPerUnit);
    total += value;
    return t("bank-deposit-summary-line", {
      number: String(index + 1),
      type: type.name,
      quantity: formatQuantity(line.quantity, type.unit, locale),
      price: formatUnitPrice(type.rupiahPerUnit, type.unit, locale),
      value: formatRupiah(value, locale),
    });
  });
  return [header, ...rows, t("bank-deposit-summary-total", { total: formatRupiah(total, locale) })].join("\n");
}

/** The petugas's copy of a receipt, and whether the resident's went out. */
function savedText(t: Translate, locale: string, heading: string, receipt: PlainReceipt, officer: string, sent: boolean, original?: ReversedEntry): string {
  const name = receipt.displayName ?? "-";
  return [heading, "", receiptText(t, locale, receipt, officer, original), "", sent ? t("bank-receipt-sent", { name }) : t("bank-receipt-not-sent", { name })].join("\n");
}

/**
 * /setor: resident → (type → amount)… with a running total → Simpan. Simpan confirms the summary
 * as shown, prices included: if a price changed meanwhile (a form left open across a midnight
 * price change), nothing is saved, and the summary is shown again at the new prices with new
 * buttons (a late tap on the old Simpan confirms nothing) to confirm again. Saved once with the
 * request key of the summary confirmed; the resident's receipt is queued in the same transaction.
 */
export function createDepositConversation(deps: BotDeps) {
  return async function bankDeposit(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const bank = await chooseBank(conversation, ctx, deps);
    if (!bank) return;
    const types = await conversation.external(async (): Promise<TypeChoice[]> =>
      (await listWasteTypes(deps.db, bank.id, deps.clock())).map((type) => ({ id: type.id, name: type.name, unit: type.unit, rupiahPerUnit: type.rupiahPerUnit })),
    );
    if (types.length === 0) return void (await ctx.reply(ctx.t("bank-no-types")));
    const resident = await pickResident(conversation, ctx, deps, bank, "deposit");
    if (!resident) return;
    let request = await newRequest(conversation, "deposit");
    const button = (action: "add" | "undo" | "save" | "cancel") => bankSetor.data({ action, request: request.id });
    const locale = await ctx.i18n.getLocale();
    const priceOf = (typeId: number) => types.find((type) => type.id === typeId)!.rupiahPerUnit;

    const lines: Line[] = [];
    let addLine = true;
    let notice: string | null = null;
    for (;;) {
      if (addLine) {
        const type = await pickFromList(conversation, ctx, "type", ctx.t("bank-choose-type", { name: resident.name }), types, (type) => type.id, (type) =>
          ctx.t("bank-type-button", { type: type.name, price: formatUnitPrice(type.rupiahPerUnit, type.unit, locale) }),
        );
        if (!type) return;
        const prompt = type.unit === "kg" ? ctx.t("bank-ask-weight", { type: type.name }) : ctx.t("bank-ask-volume", { type: type.name });
        lines.push({ typeId: type.id, quantity: await askText(conversation, ctx, prompt, (text) => parseQuantity(text, type.unit)) });
      }
      const keyboard = new InlineKeyboard();
      if (lines.length < DEPOSIT_LINES_MAX) keyboard.text(ctx.t("button-bank-add-line"), button("add"));
      if (lines.length > 0) keyboard.text(ctx.t("button-bank-undo-line"), button("undo"));
      keyboard.row();
      if (lines.length > 0) keyboard.text(ctx.t("button-save"), button("save"));
      keyboard.text(ctx.t("button-cancel"), button("cancel"));
      const summary = depositSummary(ctx.t, locale, resident, bank, lines, types);
      const full = lines.length >= DEPOSIT_LINES_MAX ? `${summary}\n${ctx.t("bank-deposit-full", { max: DEPOSIT_LINES_MAX })}` : summary;
      await ctx.reply(notice === null ? full : `${notice}\n\n${full}`, { reply_markup: keyboard });
      notice = null;
      const offered = [...(lines.length < DEPOSIT_LINES_MAX ? [button("add")] : []), ...(lines.length > 0 ? [button("undo"), button("save")] : []), button("cancel")];
      const { data, ctx: press } = await waitForChoice(conversation, offered);
      await press.editMessageReplyMarkup();
      const action = bankSetor.read(data)!.action;
      if (action === "cancel") return void (await press.reply(press.t("action-cancelled")));
      addLine = action === "add";
      if (action === "undo") lines.pop();
      if (action !== "save") continue;

      const confirmed = lines.map((line) => ({ wasteTypeId: line.typeId, quantity: line.quantity, rupiahPerUnit: priceOf(line.typeId) }));
      const outcome = await runOnce(conversation, (outside) =>
        deposit(deps, { actor: outside.actor, wasteBankId: bank.id, personId: resident.personId, lines: confirmed, requestKey: request.key }),
      );
      if (!outcome.ok) return explain(ctx, outcome);
      if (outcome.value.saved) {
        const { receipt, sent, officer } = outcome.value;
        return void (await ctx.reply(savedText(ctx.t, locale, ctx.t("bank-deposit-saved", { name: resident.name }), receipt, officer, sent)));
      }
      // Nothing saved: the summary again at the prices in force, under a new request.
      for (const line of outcome.value.lines) types.find((type) => type.id === line.wasteTypeId)!.rupiahPerUnit = line.rupiahPerUnit;
      request = await newRequest(conversation, "deposit");
      notice = ctx.t("bank-deposit-prices-changed");
    }
  };
}

/** /tarik: resident → balance → amount (never above it) → confirm. */
export function createWithdrawalConversation(deps: BotDeps) {
  return async function bankWithdrawal(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const bank = await chooseBank(conversation, ctx, deps);
    if (!bank) return;
    const resident = await pickResident(conversation, ctx, deps, bank, "account");
    if (!resident) return;
    const locale = await ctx.i18n.getLocale();
    const read = await runOnce(conversation, (outside) => officerBalance(deps.db, outside.actor, { wasteBankId: bank.id, personId: resident.personId }));
    if (!read.ok) return explain(ctx, read);
    const balance = read.value;
    if (balance <= 0) return void (await ctx.reply(ctx.t("bank-withdraw-nothing", { name: resident.name, balance: formatRupiah(balance, locale) })));
    const request = await newRequest(conversation, "withdrawal");

    let amount: number;
    let prompt = ctx.t("bank-ask-withdrawal", { name: resident.name, balance: formatRupiah(balance, locale) });
    for (;;) {
      amount = await askText(conversation, ctx, prompt, parseWithdrawal);
      if (amount <= balance) break;
      // The refusal is the next question: the petugas types a smaller amount, or /batal.
      prompt = ctx.t("error-insufficient-balance", { balance });
    }
    await ctx.reply(ctx.t("bank-withdraw-confirm", { name: resident.name, amount: formatRupiah(amount, locale), balance: formatRupiah(balance, locale), after: formatRupiah(balance - amount, locale) }), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-bank-withdraw"), bankTarik.data({ answer: "yes", request: request.id })).text(ctx.t("button-cancel"), bankTarik.data({ answer: "no", request: request.id })),
    });
    const { data, ctx: press } = await waitForChoice(conversation, [bankTarik.data({ answer: "yes", request: request.id }), bankTarik.data({ answer: "no", request: request.id })]);
    await press.editMessageReplyMarkup();
    if (bankTarik.read(data)?.answer === "no") return void (await press.reply(press.t("action-cancelled")));

    const outcome = await runOnce(conversation, (outside) => withdraw(deps, { actor: outside.actor, wasteBankId: bank.id, personId: resident.personId, amount, requestKey: request.key }));
    if (!outcome.ok) return explain(ctx, outcome);
    const { receipt, sent, officer } = outcome.value;
    await ctx.reply(savedText(ctx.t, locale, ctx.t("bank-withdrawal-saved", { name: resident.name }), receipt, officer, sent));
  };
}

/**
 * /koreksi: resident → an entry not yet reversed → for a deposit of several lines, the whole of it
 * or one line → (a reversal the balance no longer covers is explained here, before any reason is
 * typed) → reason → confirm → the reversing entry.
 */
export function createReversalConversation(deps: BotDeps) {
  return async function bankReversal(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const bank = await chooseBank(conversation, ctx, deps);
    if (!bank) return;
    const resident = await pickResident(conversation, ctx, deps, bank, "account");
    if (!resident) return;
    const locale = await ctx.i18n.getLocale();
    const read = await runOnce(conversation, async (outside) => (await reversibleEntries(deps.db, outside.actor, { wasteBankId: bank.id, personId: resident.personId, limit: ENTRIES_SHOWN })).map(plainEntry));
    if (!read.ok) return explain(ctx, read);
    const entries = read.value;
    if (entries.length === 0) return void (await ctx.reply(ctx.t("bank-reversal-none", { name: resident.name })));
    const entry = await pickFromList<PlainEntry>(conversation, ctx, "entry", ctx.t("bank-choose-entry", { name: resident.name }), entries, (e) => e.entryId, (e) => entryLine(ctx.t, locale, e));
    if (!entry) return;
    let line: ReversibleLine | null = null;
    if (entry.kind === "deposit") {
      const listed = await runOnce(conversation, (outside) => reversibleLines(deps.db, outside.actor, entry.entryId));
      if (!listed.ok) return explain(ctx, listed);
      const { lines, whole } = listed.value;
      // One line and nothing reversed yet: the line is the whole deposit.
      if (lines.length > 1 || !whole) {
        const WHOLE = 0;
        const choices = [...(whole ? [WHOLE] : []), ...lines.map((candidate) => candidate.lineNo)];
        const label = (lineNo: number) => {
          const chosen = lines.find((candidate) => candidate.lineNo === lineNo);
          return chosen
            ? ctx.t("bank-reversal-line-button", { line: String(lineNo), detail: receiptLine(ctx.t, locale, chosen).replace(/^•\s*/, "") })
            : ctx.t("bank-reversal-whole-button", { entry: String(entry.entryId), amount: formatRupiah(entry.amount, locale) });
        };
        const picked = await pickFromList<number>(conversation, ctx, "line", ctx.t("bank-choose-line", { entry: String(entry.entryId) }), choices, (lineNo) => lineNo, label);
        if (picked === null) return;
        line = lines.find((candidate) => candidate.lineNo === picked) ?? null;
      }
    }
    const target = { entryId: entry.entryId, lineNo: line?.lineNo ?? null };
    const what = cancelledEntry(ctx.t, locale, { original: entry.entryId, kind: entry.kind, lineNo: target.lineNo });
    // Told now, not after a reason was typed: the balance no longer covers this reversal.
    const check = await runOnce(conversation, async (outside) => {
      const result = await checkReversal(deps.db, outside.actor, target);
      return result.ok ? result : { ...result, withdrawals: result.withdrawals.map((withdrawal) => ({ ...withdrawal, occurredAt: withdrawal.occurredAt.getTime() })) };
    });
    if (!check.ok) return explain(ctx, check);
    if (!check.value.ok) {
      const blocked = check.value;
      const withdrawals = blocked.withdrawals.map((withdrawal) =>
        ctx.t("bank-reversal-blocked-withdrawal", { entry: String(withdrawal.entryId), when: formatWib(new Date(withdrawal.occurredAt), locale), amount: formatRupiah(withdrawal.amount, locale) }),
      );
      return void (await ctx.reply(ctx.t("bank-reversal-blocked", {
        what, name: resident.name, balance: formatRupiah(blocked.balance, locale), amount: formatRupiah(blocked.amount, locale),
        withdrawals: withdrawals.length ? withdrawals.join("\n") : "-",
      })));
    }
    const amount = check.value.amount;
    const reason = await askText(conversation, ctx, ctx.t("bank-ask-reason"), parseReversalReason);
    const request = await newRequest(conversation, "reversal");
    const question = line
      ? ctx.t("bank-reversal-confirm-line", { what, line: receiptLine(ctx.t, locale, line), amount: formatRupiah(amount, locale), name: resident.name, reason })
      : ctx.t("bank-reversal-confirm", { kind: kindLabel(ctx.t, entry.kind), entry: String(entry.entryId), amount: formatRupiah(Math.abs(entry.amount), locale), name: resident.name, reason });
    await ctx.reply(question, {
      reply_markup: new InlineKeyboard().text(ctx.t("button-bank-reverse"), bankKoreksi.data({ answer: "yes", request: request.id })).text(ctx.t("button-cancel"), bankKoreksi.data({ answer: "no", request: request.id })),
    });
    const { data, ctx: press } = await waitForChoice(conversation, [bankKoreksi.data({ answer: "yes", request: request.id }), bankKoreksi.data({ answer: "no", request: request.id })]);
    await press.editMessageReplyMarkup();
    if (bankKoreksi.read(data)?.answer === "no") return void (await press.reply(press.t("action-cancelled")));

    const outcome = await runOnce(conversation, (outside) => reverse(deps, { actor: outside.actor, ...target, reason, requestKey: request.key }));
    if (!outcome.ok) return explain(ctx, outcome);
    const { receipt, sent, officer, original } = outcome.value;
    await ctx.reply(savedText(ctx.t, locale, ctx.t("bank-reversal-saved", { name: resident.name }), receipt, officer, sent, original));
  };
}
