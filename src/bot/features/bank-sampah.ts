import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { addRtToWasteBank, getWasteBank, listOfficers, requireManager } from "../../domain/bank-sampah/banks.js";
import { appointBankOfficer, revokeBankOfficer } from "../../domain/bank-sampah/officers.js";
import { accountsOf, recentEntries, statement } from "../../domain/bank-sampah/ledger.js";
import { coordinatesBanks, entryByRequestKey, managedBanks, rtsWithoutWasteBank } from "../../domain/bank-sampah/management.js";
import { listServedMembers } from "../../domain/bank-sampah/residents.js";
import { statementMonths } from "../../domain/bank-sampah/statements.js";
import { addMonths, compareMonths, monthKey, monthOf, monthRange, parseMonthKey, type Month } from "../../domain/schedule/month.js";
import { bankMonth, bankPriceList, residentBanks } from "../../domain/bank-sampah/open-books.js";
import { DomainError } from "../../domain/errors.js";
import { coversKelurahan } from "../../domain/roles/scope.js";
import { bankDetailsView, entryLine, loadBankDetails, plainEntry, priceListText } from "../../messages/bank-sampah.js";
import { bankBookMonth, bankBookPrices, bankAddRt, bankAppointList, bankKoreksi, bankMenu, bankOfficer, bankRevokeList, bankRtList, bankSetor, bankShow, bankTarik, saldo } from "../../messages/buttons/bank-sampah.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import { CREATE_WASTE_BANK, BANK_PRICES } from "../conversations/bank-sampah-admin.js";
import { BANK_DEPOSIT, BANK_REVERSAL, BANK_WITHDRAWAL, requestKeyOf, type SaveKind } from "../conversations/bank-sampah.js";
import type { BotDeps } from "../deps.js";
import { chunkLines, formatMonth, formatQuantity, formatRupiah, formatSignedRupiah, rtNumber } from "../../messages/format.js";
import { paginatedKeyboard } from "../keyboards/paginate.js";
import { redraw } from "../redraw.js";

const RECENT_ENTRIES = 10;

/**
 * Bank sampah: /banksampah for those who open banks and appoint their officers; /setor, /tarik,
 * /koreksi and /harga for the officers (conversations); /saldo for anyone with savings.
 */
export function createBankSampahFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  feature.command("setor", (ctx) => ctx.conversation.enter(BANK_DEPOSIT));
  feature.command("tarik", (ctx) => ctx.conversation.enter(BANK_WITHDRAWAL));
  feature.command("koreksi", (ctx) => ctx.conversation.enter(BANK_REVERSAL));
  feature.command("harga", (ctx) => ctx.conversation.enter(BANK_PRICES));

  // A confirm tap that arrives after its form has ended (the second tap of a double tap, or
  // Telegram redelivering it after the reply failed): it was saved once, and the petugas is told
  // so rather than left wondering whether to record it again.
  // Any other button of an ended form (cancel, add a line) is simply stale.
  const alreadySaved = async (ctx: BotContext, kind: SaveKind | null, request: string) => {
    const recordedBy = ctx.actor.person?.id;
    const entry = kind === null || recordedBy === undefined ? undefined : await entryByRequestKey(deps.db, ctx.actor, { requestKey: requestKeyOf(kind, request), recordedBy });
    if (!entry) return void (await ctx.answerCallbackQuery({ text: ctx.t("fallback-stale-button") }));
    await ctx.answerCallbackQuery({ text: ctx.t("bank-already-saved", { entry: String(entry.entryId), name: entry.displayName ?? "-" }), show_alert: true });
  };
  onButton(composer, bankSetor, (ctx, { action, request }) => alreadySaved(ctx, action === "save" ? "deposit" : null, request));
  onButton(composer, bankTarik, (ctx, { answer, request }) => alreadySaved(ctx, answer === "yes" ? "withdrawal" : null, request));
  onButton(composer, bankKoreksi, (ctx, { answer, request }) => alreadySaved(ctx, answer === "yes" ? "reversal" : null, request));

  const show = redraw;
  // Buttons are handled on `composer`: onButton takes the whole context, and group chats never get
  // here (gateGroups lets no button through there).

  /** The bank named by a button, if this person manages it (forged data is refused here). */
  const managedBank = async (ctx: BotContext, wasteBankId: number) => {
    const bank = await getWasteBank(deps.db, wasteBankId);
    requireManager(ctx.actor, bank);
    return bank;
  };

  const detailsView = async (ctx: BotContext, wasteBankId: number) => {
    const details = await loadBankDetails(deps.db, wasteBankId);
    return bankDetailsView(ctx.t, details, { canAddRt: coversKelurahan(ctx.actor, details), backToList: coordinatesBanks(ctx.actor) });
  };

  /** A bank's prices for a reader of its books (checked by the domain), with "Bulan ini". */
  const pricesView = async (ctx: BotContext, wasteBankId: number) => {
    const now = deps.clock();
    const list = await bankPriceList(deps.db, ctx.actor, { wasteBankId, now });
    const locale = await ctx.i18n.getLocale();
    const text = `${priceListText(ctx.t, locale, list.bank.name, list.types)}\n\n${ctx.t("bank-books-prices-note")}`;
    const keyboard = new InlineKeyboard().text(ctx.t("button-statement-this-month"), bankBookMonth.data({ bank: wasteBankId, month: monthKey(monthOf(now)) }));
    return { text, keyboard };
  };

  /** A month of the bank for a reader: its totals, per waste type, and the reader's own entries. */
  const monthView = async (ctx: BotContext, wasteBankId: number, month: Month) => {
    const view = await bankMonth(deps.db, ctx.actor, { wasteBankId, month, now: deps.clock() });
    const locale = await ctx.i18n.getLocale();
    const { totals } = view;
    const types = view.byType.map((type) =>
      ctx.t("bank-books-type-line", { type: type.wasteType, quantity: formatQuantity(type.netQuantity, type.unit, locale), value: formatRupiah(type.netValue, locale) }),
    );
    const own = view.own === null
      ? [ctx.t("bank-books-own-no-account")]
      : view.own.entries.length
        ? view.own.entries.map((entry) => `• ${entryLine(ctx.t, locale, plainEntry(entry))}`)
        : [ctx.t("bank-statement-no-entries")];
    const header = ctx.t("bank-books-month", {
      bank: view.bank.name,
      month: formatMonth(view.month, locale),
      depositCount: totals.depositCount,
      deposits: formatRupiah(totals.deposits, locale),
      withdrawalCount: totals.withdrawalCount,
      withdrawals: formatRupiah(totals.withdrawals, locale),
      reversalCount: totals.reversalCount,
      reversals: formatSignedRupiah(totals.reversals, locale),
      closing: formatRupiah(view.closingBalance, locale),
    });
    const lines = [ctx.t("bank-books-types"), ...(types.length ? types : [ctx.t("bank-books-no-types")]), "", ctx.t("bank-books-own"), ...own];
    if (view.own !== null) lines.push(ctx.t("bank-books-own-closing", { balance: formatRupiah(view.own.closing, locale) }));
    const keyboard = new InlineKeyboard();
    const previous = addMonths(view.month, -1);
    const next = addMonths(view.month, 1);
    if (compareMonths(previous, view.first) >= 0) keyboard.text(`◀ ${formatMonth(previous, locale)}`, bankBookMonth.data({ bank: wasteBankId, month: monthKey(previous) }));
    if (compareMonths(next, view.current) <= 0) keyboard.text(`${formatMonth(next, locale)} ▶`, bankBookMonth.data({ bank: wasteBankId, month: monthKey(next) }));
    keyboard.row().text(ctx.t("button-bank-books-prices"), bankBookPrices.data({ bank: wasteBankId }));
    return { text: [header, "", ...lines].join("\n"), keyboard };
  };

  // Every press asks the domain again whether this person may read this bank (a moved resident, a forged id).
  onButton(composer, bankBookPrices, async (ctx, values) => {
    const { text, keyboard } = await pricesView(ctx, values.bank);
    await ctx.answerCallbackQuery();
    await show(ctx, text, keyboard);
  });

  onButton(composer, bankBookMonth, async (ctx, values) => {
    const month = parseMonthKey(values.month);
    if (!month) return void (await ctx.answerCallbackQuery({ text: ctx.t("bank-statement-unavailable"), show_alert: true }));
    const { text, keyboard } = await monthView(ctx, values.bank, month);
    await ctx.answerCallbackQuery();
    await show(ctx, text, keyboard);
  });

  const listView = async (ctx: BotContext) => {
    const { banks } = await managedBanks(deps.db, ctx.actor);
    const keyboard = new InlineKeyboard();
    for (const bank of banks) keyboard.text(ctx.t("bank-list-button", { bank: bank.name, kelurahan: bank.kelurahanName }), bankShow.data({ bank: bank.id })).row();
    keyboard.text(ctx.t("button-bank-new"), bankMenu.data({ action: "new" })).row().text(ctx.t("button-close"), bankMenu.data({ action: "close" }));
    return { text: banks.length ? ctx.t("bank-list-title", { count: banks.length }) : ctx.t("bank-list-empty"), keyboard };
  };

  feature.command("banksampah", async (ctx) => {
    const managed = await managedBanks(deps.db, ctx.actor);
    if (!managed.coordinator) {
      // A ketua: their RT's bank, or the offer to open one.
      const own = managed.banks[0];
      if (own) {
        const { text, keyboard } = await detailsView(ctx, own.id);
        return void (await ctx.reply(text, { reply_markup: keyboard }));
      }
      if (managed.headedRtWithoutBank !== null) return ctx.conversation.enter(CREATE_WASTE_BANK);
      // A resident (or an officer): their bank's prices, with its month a tap away.
      const banks = await residentBanks(deps.db, ctx.actor);
      // Open to anyone (a saver who moved away): someone in no RT is told how to join one.
      if (banks.length === 0) return void (await ctx.reply(ctx.t(ctx.actor.membership?.status === "active" ? "bank-books-none" : "bank-books-none-unregistered")));
      for (const bank of banks) {
        const { text, keyboard } = await pricesView(ctx, bank.id);
        await ctx.reply(text, { reply_markup: keyboard });
      }
      return;
    }
    const { text, keyboard } = await listView(ctx);
    await ctx.reply(text, { reply_markup: keyboard });
  });

  onButton(composer, bankMenu, async (ctx, { action }) => {
    await ctx.answerCallbackQuery();
    if (action === "close") return ctx.editMessageText(ctx.t("action-closed"));
    if (action === "new") {
      await ctx.editMessageReplyMarkup();
      return ctx.conversation.enter(CREATE_WASTE_BANK);
    }
    const { text, keyboard } = await listView(ctx);
    await show(ctx, text, keyboard);
  });

  onButton(composer, bankShow, async (ctx, values) => {
    const bank = await managedBank(ctx, values.bank);
    await ctx.answerCallbackQuery();
    const { text, keyboard } = await detailsView(ctx, bank.id);
    await show(ctx, text, keyboard);
  });

  // Appointing: the served RTs' active members who are not officers yet, in pages.
  onButton(composer, bankAppointList, async (ctx, values) => {
    const bank = await managedBank(ctx, values.bank);
    const candidates = (await listServedMembers(deps.db, bank.id)).filter((member) => !member.isOfficer && member.telegramId !== null);
    await ctx.answerCallbackQuery();
    const choices = candidates.map((member) => ({ label: ctx.t("bank-member-button", { name: member.name, rt: rtNumber(member.rtNumber) }), data: bankOfficer.data({ action: "appoint", bank: bank.id, person: member.personId }) }));
    // The page is the family's last field: the pager appends it.
    const keyboard = paginatedKeyboard(choices, values.page, `${bankAppointList.prefix}:${bank.id}:`, [[{ label: ctx.t("button-back"), data: bankShow.data({ bank: bank.id }) }]]);
    await show(ctx, candidates.length ? ctx.t("bank-appoint-choose", { bank: bank.name }) : ctx.t("bank-appoint-none", { bank: bank.name }), keyboard);
  });

  onButton(composer, bankOfficer, async (ctx, values) => {
    const params = { actor: ctx.actor, wasteBankId: values.bank, personId: values.person };
    const change = values.action === "appoint" ? await appointBankOfficer(deps, params) : await revokeBankOfficer(deps, params);
    await ctx.answerCallbackQuery({ text: ctx.t(values.action === "appoint" ? "bank-officer-appointed" : "bank-officer-revoked", { name: change.name, bank: change.bankName }) });
    const { text, keyboard } = await detailsView(ctx, values.bank);
    await show(ctx, text, keyboard);
  });

  onButton(composer, bankRevokeList, async (ctx, values) => {
    const bank = await managedBank(ctx, values.bank);
    const officers = await listOfficers(deps.db, bank.id);
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard();
    for (const officer of officers) keyboard.text(`❌ ${officer.displayName ?? "-"}`, bankOfficer.data({ action: "revoke", bank: bank.id, person: officer.personId })).row();
    keyboard.text(ctx.t("button-back"), bankShow.data({ bank: bank.id }));
    await show(ctx, officers.length ? ctx.t("bank-revoke-choose", { bank: bank.name }) : ctx.t("bank-revoke-none", { bank: bank.name }), keyboard);
  });

  // Another RT of the same kelurahan joins a bank (a koordinator's decision, checked by the domain).
  onButton(composer, bankRtList, async (ctx, values) => {
    const bank = await managedBank(ctx, values.bank);
    if (!coversKelurahan(ctx.actor, bank)) throw new DomainError("not-allowed");
    const free = await rtsWithoutWasteBank(deps.db, bank.kelurahanCode);
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard();
    free.forEach((place, index) => {
      keyboard.text(ctx.t("bank-rt-label", { rt: rtNumber(place.number) }), bankAddRt.data({ bank: bank.id, rt: place.id }));
      if (index % 4 === 3) keyboard.row();
    });
    keyboard.row().text(ctx.t("button-back"), bankShow.data({ bank: bank.id }));
    await show(ctx, free.length ? ctx.t("bank-add-rt-choose", { bank: bank.name, kelurahan: bank.kelurahanName }) : ctx.t("bank-no-free-rt", { kelurahan: bank.kelurahanName }), keyboard);
  });

  onButton(composer, bankAddRt, async (ctx, values) => {
    const bank = await addRtToWasteBank(deps.db, ctx.actor, { wasteBankId: values.bank, rtId: values.rt }, deps.clock());
    await ctx.answerCallbackQuery();
    const { text, keyboard } = await detailsView(ctx, bank.id);
    await show(ctx, text, keyboard);
  });

  /** Buttons for the statements on offer: this month, last month, earlier months with entries. */
  const statementKeyboard = (ctx: BotContext, wasteBankId: number, months: Month[], now: Date, locale: string) => {
    const current = monthOf(now);
    const previous = addMonths(current, -1);
    const keyboard = new InlineKeyboard();
    months.forEach((month, index) => {
      const key = monthKey(month);
      const label = key === monthKey(current) ? ctx.t("button-statement-this-month") : key === monthKey(previous) ? ctx.t("button-statement-last-month") : formatMonth(month, locale);
      keyboard.text(label, saldo.data({ bank: wasteBankId, month: key }));
      if (index % 2 === 1) keyboard.row();
    });
    return keyboard;
  };

  // Anyone may ask: a resident who moved away keeps the savings they made here.
  feature.command("saldo", async (ctx) => {
    const personId = ctx.actor.person?.id;
    const accounts = personId === undefined ? [] : await accountsOf(deps.db, personId);
    if (personId === undefined || accounts.length === 0) {
      return void (await ctx.reply(ctx.actor.membership?.status === "active" ? ctx.t("bank-balance-none") : ctx.t("bank-balance-none-unregistered")));
    }
    const locale = await ctx.i18n.getLocale();
    const now = deps.clock();
    for (const account of accounts) {
      const entries = await recentEntries(deps.db, { wasteBankId: account.wasteBankId, personId, limit: RECENT_ENTRIES });
      const lines = entries.map((entry) => `• ${entryLine(ctx.t, locale, plainEntry(entry))}`);
      const header = [
        ctx.t("bank-balance", { bank: account.bankName, balance: formatRupiah(account.balance, locale) }),
        entries.length ? ctx.t("bank-balance-recent", { count: entries.length }) : ctx.t("bank-balance-no-entries"),
      ].join("\n");
      const messages = chunkLines(header, lines);
      const months = await statementMonths(deps.db, { wasteBankId: account.wasteBankId, personId, now });
      for (const [index, text] of messages.entries()) {
        const last = index === messages.length - 1;
        await ctx.reply(last ? `${text}\n\n${ctx.t("bank-statement-offer")}` : text, last ? { reply_markup: statementKeyboard(ctx, account.wasteBankId, months, now, locale) } : {});
      }
    }
  });

  onButton(composer, saldo, async (ctx, values) => {
    const wasteBankId = values.bank;
    const month = parseMonthKey(values.month);
    const personId = ctx.actor.person?.id;
    // Only one's own accounts: a forged bank id shows nothing of anyone.
    const account = personId === undefined ? undefined : (await accountsOf(deps.db, personId)).find((candidate) => candidate.wasteBankId === wasteBankId);
    if (!account || !month || personId === undefined) return void (await ctx.answerCallbackQuery({ text: ctx.t("bank-statement-unavailable"), show_alert: true }));
    await ctx.answerCallbackQuery();
    const locale = await ctx.i18n.getLocale();
    const { from, to } = monthRange(month);
    const report = await statement(deps.db, { wasteBankId, personId, from, to });
    const header = ctx.t("bank-statement-title", { bank: account.bankName, month: formatMonth(month, locale), opening: formatRupiah(report.opening, locale) });
    const lines = report.entries.length ? report.entries.map((entry) => `• ${entryLine(ctx.t, locale, plainEntry(entry))}`) : [ctx.t("bank-statement-no-entries")];
    lines.push(
      "",
      ctx.t("bank-statement-totals", {
        deposits: formatRupiah(report.deposits, locale),
        withdrawals: formatRupiah(report.withdrawals, locale),
        reversals: formatSignedRupiah(report.reversals, locale),
        closing: formatRupiah(report.closing, locale),
      }),
    );
    for (const text of chunkLines(header, lines)) await ctx.reply(text);
  });

  return composer;
}
