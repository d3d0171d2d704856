import { Composer, InlineKeyboard } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import { addRtToWasteBank, appointOfficer, getWasteBank, listOfficers, requireManager, revokeOfficer } from "../../domain/bank-sampah/banks.js";
import { accountsOf, recentEntries, statement } from "../../domain/bank-sampah/ledger.js";
import { coordinatesBanks, entryByRequestKey, managedBanks, rtsWithoutWasteBank } from "../../domain/bank-sampah/management.js";
import { listServedMembers } from "../../domain/bank-sampah/residents.js";
import { monthKey, monthOf, monthRange, parseMonthKey, statementMonths, addMonths, type Month } from "../../domain/bank-sampah/statements.js";
import { DomainError } from "../../domain/errors.js";
import { coversKelurahan } from "../../domain/roles/scope.js";
import { bankDetailsView, entryLine, loadBankDetails, plainEntry } from "../../messages/bank-sampah.js";
import type { BotContext } from "../context.js";
import { CREATE_WASTE_BANK, BANK_PRICES } from "../conversations/bank-sampah-admin.js";
import { BANK_DEPOSIT, BANK_REVERSAL, BANK_WITHDRAWAL, requestKeyOf, type SaveKind } from "../conversations/bank-sampah.js";
import type { BotDeps } from "../deps.js";
import { chunkLines, formatMonth, formatRupiah, formatSignedRupiah, rtNumber } from "../../messages/format.js";
import { paginatedKeyboard } from "../keyboards/paginate.js";
import { eventKey, notifyPerson } from "../notifications.js";

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
  const SAVE_BUTTONS: Record<string, SaveKind> = { "bsd:save": "deposit", "bsw:yes": "withdrawal", "bsk:yes": "reversal" };
  feature.callbackQuery(/^(bsd:save|bsw:yes|bsk:yes):([0-9a-f-]{36})$/, async (ctx) => {
    const entry = await entryByRequestKey(deps.db, requestKeyOf(SAVE_BUTTONS[ctx.match[1]!]!, ctx.chat.id, ctx.match[2]!));
    if (!entry) return void (await ctx.answerCallbackQuery({ text: ctx.t("fallback-stale-button") }));
    await ctx.answerCallbackQuery({ text: ctx.t("bank-already-saved", { entry: String(entry.entryId), name: entry.displayName ?? "-" }), show_alert: true });
  });

  /** Redraws the message, unless it shows this already (a double tap): Telegram refuses an edit that changes nothing. */
  const show = async (ctx: BotContext, text: string, keyboard?: InlineKeyboard) => {
    const buttons = (rows: InlineKeyboardButton[][] | undefined) => JSON.stringify((rows ?? []).flat().map((b) => [b.text, "callback_data" in b ? b.callback_data : null]));
    const shown = ctx.callbackQuery?.message;
    if (shown?.text === text && buttons(shown.reply_markup?.inline_keyboard) === buttons(keyboard?.inline_keyboard)) return;
    await ctx.editMessageText(text, keyboard ? { reply_markup: keyboard } : {});
  };

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

  const listView = async (ctx: BotContext) => {
    const { banks } = await managedBanks(deps.db, ctx.actor);
    const keyboard = new InlineKeyboard();
    for (const bank of banks) keyboard.text(ctx.t("bank-list-button", { bank: bank.name, kelurahan: bank.kelurahanName }), `wb:show:${bank.id}`).row();
    keyboard.text(ctx.t("button-bank-new"), "wb:new").row().text(ctx.t("button-close"), "wb:close");
    return { text: banks.length ? ctx.t("bank-list-title", { count: banks.length }) : ctx.t("bank-list-empty"), keyboard };
  };

  feature.command("banksampah", async (ctx) => {
    const managed = await managedBanks(deps.db, ctx.actor);
    if (!managed.coordinator) {
      // A ketua: their RT's bank, or the offer to open one.
      const own = managed.banks[0];
      if (!own) return ctx.conversation.enter(CREATE_WASTE_BANK);
      const { text, keyboard } = await detailsView(ctx, own.id);
      return void (await ctx.reply(text, { reply_markup: keyboard }));
    }
    const { text, keyboard } = await listView(ctx);
    await ctx.reply(text, { reply_markup: keyboard });
  });

  feature.callbackQuery("wb:list", async (ctx) => {
    await ctx.answerCallbackQuery();
    const { text, keyboard } = await listView(ctx);
    await show(ctx, text, keyboard);
  });
  feature.callbackQuery("wb:new", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.conversation.enter(CREATE_WASTE_BANK);
  });
  feature.callbackQuery("wb:close", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("action-closed"));
  });

  feature.callbackQuery(/^wb:show:(\d+)$/, async (ctx) => {
    const bank = await managedBank(ctx, Number(ctx.match[1]));
    await ctx.answerCallbackQuery();
    const { text, keyboard } = await detailsView(ctx, bank.id);
    await show(ctx, text, keyboard);
  });

  // Appointing: the served RTs' active members who are not officers yet, in pages.
  feature.callbackQuery(/^wb:apt:(\d+):(\d+)$/, async (ctx) => {
    const bank = await managedBank(ctx, Number(ctx.match[1]));
    const candidates = (await listServedMembers(deps.db, bank.id)).filter((member) => !member.isOfficer);
    await ctx.answerCallbackQuery();
    const choices = candidates.map((member) => ({ label: ctx.t("bank-member-button", { name: member.name, rt: rtNumber(member.rtNumber) }), data: `wb:ao:${bank.id}:${member.personId}` }));
    const keyboard = paginatedKeyboard(choices, Number(ctx.match[2]), `wb:apt:${bank.id}:`, [[{ label: ctx.t("button-back"), data: `wb:show:${bank.id}` }]]);
    await show(ctx, candidates.length ? ctx.t("bank-appoint-choose", { bank: bank.name }) : ctx.t("bank-appoint-none", { bank: bank.name }), keyboard);
  });

  feature.callbackQuery(/^wb:ao:(\d+):(\d+)$/, async (ctx) => {
    const bankId = Number(ctx.match[1]);
    const personId = Number(ctx.match[2]);
    const { created } = await appointOfficer(deps.db, ctx.actor, bankId, personId, deps.clock());
    const officer = (await listOfficers(deps.db, bankId)).find((candidate) => candidate.personId === personId);
    const bank = await getWasteBank(deps.db, bankId);
    await ctx.answerCallbackQuery({ text: ctx.t("bank-officer-appointed", { name: officer?.displayName ?? "-", bank: bank.name }) });
    const { text, keyboard } = await detailsView(ctx, bankId);
    await show(ctx, text, keyboard);
    if (created && officer) {
      await notifyPerson(deps, { personId, telegramId: officer.telegramId }, eventKey("bank-officer-appointed", ctx.update.update_id), "bank-officer-appointed-notice", { bank: bank.name });
    }
  });

  feature.callbackQuery(/^wb:rev:(\d+)$/, async (ctx) => {
    const bank = await managedBank(ctx, Number(ctx.match[1]));
    const officers = await listOfficers(deps.db, bank.id);
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard();
    for (const officer of officers) keyboard.text(`❌ ${officer.displayName ?? "-"}`, `wb:ro:${bank.id}:${officer.personId}`).row();
    keyboard.text(ctx.t("button-back"), `wb:show:${bank.id}`);
    await show(ctx, officers.length ? ctx.t("bank-revoke-choose", { bank: bank.name }) : ctx.t("bank-revoke-none", { bank: bank.name }), keyboard);
  });

  feature.callbackQuery(/^wb:ro:(\d+):(\d+)$/, async (ctx) => {
    const bankId = Number(ctx.match[1]);
    const personId = Number(ctx.match[2]);
    const officer = (await listOfficers(deps.db, bankId)).find((candidate) => candidate.personId === personId);
    const { revoked } = await revokeOfficer(deps.db, ctx.actor, bankId, personId, deps.clock());
    const bank = await getWasteBank(deps.db, bankId);
    await ctx.answerCallbackQuery({ text: ctx.t("bank-officer-revoked", { name: officer?.displayName ?? "-", bank: bank.name }) });
    const { text, keyboard } = await detailsView(ctx, bankId);
    await show(ctx, text, keyboard);
    if (revoked && officer) {
      await notifyPerson(deps, { personId, telegramId: officer.telegramId }, eventKey("bank-officer-revoked", ctx.update.update_id), "bank-officer-revoked-notice", { bank: bank.name });
    }
  });

  // Another RT of the same kelurahan joins a bank (a koordinator's decision, checked by the domain).
  feature.callbackQuery(/^wb:rt:(\d+)$/, async (ctx) => {
    const bank = await managedBank(ctx, Number(ctx.match[1]));
    if (!coversKelurahan(ctx.actor, bank)) throw new DomainError("not-allowed");
    const free = await rtsWithoutWasteBank(deps.db, bank.kelurahanCode);
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard();
    free.forEach((place, index) => {
      keyboard.text(ctx.t("bank-rt-label", { rt: rtNumber(place.number) }), `wb:ar:${bank.id}:${place.id}`);
      if (index % 4 === 3) keyboard.row();
    });
    keyboard.row().text(ctx.t("button-back"), `wb:show:${bank.id}`);
    await show(ctx, free.length ? ctx.t("bank-add-rt-choose", { bank: bank.name, kelurahan: bank.kelurahanName }) : ctx.t("bank-no-free-rt", { kelurahan: bank.kelurahanName }), keyboard);
  });

  feature.callbackQuery(/^wb:ar:(\d+):(\d+)$/, async (ctx) => {
    const bank = await addRtToWasteBank(deps.db, ctx.actor, Number(ctx.match[1]), Number(ctx.match[2]), deps.clock());
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
      keyboard.text(label, `sal:${wasteBankId}:${key}`);
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
      const entries = await recentEntries(deps.db, account.wasteBankId, personId, RECENT_ENTRIES);
      const lines = entries.map((entry) => `• ${entryLine(ctx.t, locale, plainEntry(entry))}`);
      const header = [
        ctx.t("bank-balance", { bank: account.bankName, balance: formatRupiah(account.balance, locale) }),
        entries.length ? ctx.t("bank-balance-recent", { count: entries.length }) : ctx.t("bank-balance-no-entries"),
      ].join("\n");
      const messages = chunkLines(header, lines);
      const months = await statementMonths(deps.db, account.wasteBankId, personId, now);
      for (const [index, text] of messages.entries()) {
        const last = index === messages.length - 1;
        await ctx.reply(last ? `${text}\n\n${ctx.t("bank-statement-offer")}` : text, last ? { reply_markup: statementKeyboard(ctx, account.wasteBankId, months, now, locale) } : {});
      }
    }
  });

  feature.callbackQuery(/^sal:(\d+):(\d{4}-\d{2})$/, async (ctx) => {
    const wasteBankId = Number(ctx.match[1]);
    const month = parseMonthKey(ctx.match[2]!);
    const personId = ctx.actor.person?.id;
    // Only one's own accounts: a forged bank id shows nothing of anyone.
    const account = personId === undefined ? undefined : (await accountsOf(deps.db, personId)).find((candidate) => candidate.wasteBankId === wasteBankId);
    if (!account || !month || personId === undefined) return void (await ctx.answerCallbackQuery({ text: ctx.t("bank-statement-unavailable"), show_alert: true }));
    await ctx.answerCallbackQuery();
    const locale = await ctx.i18n.getLocale();
    const { from, to } = monthRange(month);
    const report = await statement(deps.db, wasteBankId, personId, from, to);
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
