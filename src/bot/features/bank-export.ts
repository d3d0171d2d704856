import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import {
  exportBankReport,
  listViewableBanks,
  parseReportMonth,
  requireViewableBank,
  type MonthlyBankReport,
} from "../../domain/bank-sampah/report.js";
import { exportFileNames, toCsv, toXlsx, type ExportLabels } from "../../reports/bank-sampah-export.js";
import { DomainError } from "../../domain/errors.js";
import { defineLongWork, jobActor, runLongWork } from "../background.js";
import { deliverResult, filePart } from "../../jobs/long-work.js";
import { monthKey, recentMonths } from "../../domain/schedule/month.js";
import type { ButtonFamily } from "../../messages/buttons/button.js";
import { bankExport, bankExportMonth, bankExportPage } from "../../messages/buttons/bank-sampah.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { formatMonth, formatRupiah } from "../../messages/format.js";
import { paginatedKeyboard } from "../keyboards/paginate.js";

/** A bank's month as a workbook and two CSV files, built from the job's data as the person who asked (rights read again). */
export const bankExportWork = defineLongWork<{ wasteBankId: number; month: string; period: string }>("bank-export", async (deps, job) => {
  const month = parseReportMonth(job.data.month, job.now);
  // A month not yet begun, or not a month: the button was forged or its data mangled.
  if (!month) throw new DomainError("export-month-invalid");
  const actor = await jobActor(deps, job);
  const report = await exportBankReport(deps.db, actor, job.data.wasteBankId, month, job.now);
  const labels: ExportLabels = { t: job.t, locale: job.locale };
  const names = exportFileNames(report, labels);
  const csv = toCsv(report, labels);
  const { period } = job.data;
  await deliverResult(deps, job, [
    filePart("xlsx", "sendDocument", names.xlsx, await toXlsx(report, labels), caption(labels.t, report, period, job.locale)),
    filePart("transactions", "sendDocument", csv.transactions.filename, csv.transactions.content, labels.t("bank-export-caption-transactions", { period })),
    filePart("types", "sendDocument", csv.byType.filename, csv.byType.content, labels.t("bank-export-caption-types", { period })),
  ]);
});

/** This month and the three before it. */
const MONTHS_OFFERED = 4;

/**
 * /eksporbank: a bank's monthly report as an Excel workbook and two CSV files, for its
 * transparency board. Whoever may see the bank (domain: `canViewBank`) picks the bank, then the
 * month; every button is checked again when pressed, so forged or stale data is refused.
 * Exporting only reads: a month pressed twice on one picker (a double tap) sends the files once; asked again, again.
 */
export function createBankExportFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  async function bankChooser(ctx: BotContext, page: number): Promise<{ text: string; keyboard: InlineKeyboard } | null> {
    const banks = await listViewableBanks(deps.db, ctx.actor);
    if (banks.length === 0) return null;
    const choices = banks.map((bank) => ({ label: `${bank.name} · ${bank.kelurahanName}`, data: bankExport.data({ bank: bank.id }) }));
    return { text: ctx.t("bank-export-choose-bank"), keyboard: paginatedKeyboard(choices, page, `${bankExportPage.prefix}:`) };
  }

  async function monthChooser(ctx: BotContext, wasteBankId: number): Promise<{ text: string; keyboard: InlineKeyboard }> {
    const bank = await requireViewableBank(deps.db, ctx.actor, wasteBankId);
    const locale = await ctx.i18n.getLocale();
    const keyboard = new InlineKeyboard();
    recentMonths(deps.clock(), MONTHS_OFFERED).forEach((month, back) => {
      const period = formatMonth(month, locale);
      const label = back === 0 ? ctx.t("bank-export-this-month", { period }) : back === 1 ? ctx.t("bank-export-last-month", { period }) : period;
      keyboard.text(label, bankExportMonth.data({ bank: bank.id, month: monthKey(month) })).row();
    });
    return { text: ctx.t("bank-export-choose-month", { bank: bank.name, kelurahan: bank.kelurahanName }), keyboard };
  }

  feature.command("eksporbank", async (ctx) => {
    const banks = await listViewableBanks(deps.db, ctx.actor);
    if (banks.length === 0) {
      await ctx.reply(ctx.t("bank-export-no-bank"));
      return;
    }
    const shown = banks.length === 1 ? await monthChooser(ctx, banks[0]!.id) : await bankChooser(ctx, 0);
    if (shown) await ctx.reply(shown.text, { reply_markup: shown.keyboard });
  });

  // Data a family cannot read (forged, or of an older bot) is answered as an invalid choice.
  const invalid = (ctx: BotContext) => ctx.answerCallbackQuery({ text: ctx.t("bank-export-month-invalid"), show_alert: true });
  const onExportButton = <V>(family: ButtonFamily<V>, handler: (ctx: BotContext, values: V) => Promise<unknown>) =>
    feature.callbackQuery(family.trigger, async (ctx) => {
      const values = family.read(ctx.callbackQuery.data);
      return values === undefined ? invalid(ctx) : handler(ctx, values);
    });

  onExportButton(bankExportPage, async (ctx, values) => {
    const shown = await bankChooser(ctx, values.page);
    if (!shown) {
      await ctx.answerCallbackQuery({ text: ctx.t("bank-export-no-bank"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(shown.text, { reply_markup: shown.keyboard });
  });

  onExportButton(bankExport, async (ctx, values) => {
    const shown = await monthChooser(ctx, values.bank);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(shown.text, { reply_markup: shown.keyboard });
  });

  onExportButton(bankExportMonth, async (ctx, values) => {
    const now = deps.clock();
    const month = parseReportMonth(values.month, now);
    if (!month) {
      await ctx.answerCallbackQuery({ text: ctx.t("bank-export-month-invalid"), show_alert: true });
      return;
    }
    const wasteBankId = values.bank;
    const bank = await requireViewableBank(deps.db, ctx.actor, wasteBankId);
    await ctx.answerCallbackQuery({ text: ctx.t("bank-export-preparing") });
    const locale = await ctx.i18n.getLocale();
    const period = formatMonth(month, locale);
    // The buttons go, so the same export is not asked for again by a stray tap; a message already
    // edited (a double tap) makes Telegram refuse this edit, which must not stop the export.
    await ctx.editMessageText(ctx.t("bank-export-chosen", { bank: bank.name, period })).catch((error: unknown) => ctx.log.debug({ err: error }, "export message not edited"));
    // Built off the update path (a month of entries, a workbook) as a durable job; the files go
    // through the outbox in one insert, so they arrive in order and a retry sends none twice.
    await runLongWork(deps, ctx, bankExportWork, { wasteBankId, month: values.month, period });
  });

  return composer;
}

function caption(t: ExportLabels["t"], report: MonthlyBankReport, period: string, locale: string): string {
  const { totals } = report;
  if (totals.depositCount + totals.withdrawalCount + totals.reversalCount === 0) {
    return t("bank-export-caption-empty", { bank: report.bank.name, period, closing: formatRupiah(report.closingBalance, locale) });
  }
  return t("bank-export-caption", {
    bank: report.bank.name,
    period,
    depositCount: totals.depositCount,
    deposits: formatRupiah(totals.deposits, locale),
    withdrawalCount: totals.withdrawalCount,
    withdrawals: formatRupiah(totals.withdrawals, locale),
    reversalCount: totals.reversalCount,
    reversals: formatRupiah(totals.reversals, locale),
    net: formatRupiah(totals.net, locale),
    closing: formatRupiah(report.closingBalance, locale),
  });
}
