import { Composer, InlineKeyboard } from "grammy";
import { daysSince, listOpenReports, myReports, reportDetail, stepReport, type ReportDetail } from "../../domain/reports/reports.js";
import { TELEGRAM_CAPTION_MAX } from "../../domain/text-limits.js";
import { addressName } from "../../messages/address.js";
import { reportListOpen, reportListPage, reportOpen, reportStart, reportStep, reportSubmit } from "../../messages/buttons/reports.js";
import { formatWhen, formatWib, rtNumber, rtVars } from "../../messages/format.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import { REPORT_FORM, REPORT_REJECT_FORM, type RejectTarget } from "../conversations/reports.js";
import type { BotDeps } from "../deps.js";
import { clampPage, paginatedKeyboard } from "../keyboards/paginate.js";

/** A map link Telegram shows as a link: the ketua opens the spot in their map app. */
function mapLink(location: { latitude: number; longitude: number }): string {
  return `https://maps.google.com/?q=${location.latitude.toFixed(6)},${location.longitude.toFixed(6)}`;
}

/**
 * /lapor opens the resident's form (conversations/reports.ts); /laporanku lists their own reports
 * and where each stands. /laporanrt lists the open reports of the RT a ketua (or acting ketua)
 * handles, each opened as a card (photo, place, category, text, age in WIB) with the steps it may
 * take; a koordinator reaches the same card, without the reporter's name or steps, from an
 * escalation. Every press is checked again by the service.
 */
export function createReportsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  const presses = new Composer<BotContext>();
  feature.use(presses);

  feature.command("lapor", (ctx) => ctx.conversation.enter(REPORT_FORM));
  onButton(presses, reportStart, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(REPORT_FORM);
  });

  // "Kirim" pressed again after its form ended (a double tap, an old summary): sent or dropped then.
  onButton(presses, reportSubmit, async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("report-submit-stale") });
  });

  feature.command("laporanku", async (ctx) => {
    const reports = await myReports(deps.db, ctx.actor);
    if (reports.length === 0) return void (await ctx.reply(ctx.t("report-mine-empty")));
    const locale = await ctx.i18n.getLocale();
    const lines = [ctx.t("report-mine-title", { count: reports.length })];
    for (const report of reports) {
      lines.push(
        ctx.t("report-mine-line", { id: report.id, category: ctx.t(`report-category-${report.category}`), status: ctx.t(`report-status-${report.status}`), at: formatWib(report.createdAt, locale) }),
      );
      if (report.status === "ditolak" && report.rejectReason) lines.push(ctx.t("report-mine-reason", { reason: report.rejectReason }));
    }
    await ctx.reply(lines.join("\n"));
  });

  async function listScreen(ctx: BotContext, page: number): Promise<{ text: string; keyboard?: InlineKeyboard }> {
    const reports = await listOpenReports(deps.db, ctx.actor);
    if (reports.length === 0) return { text: ctx.t("report-list-empty") };
    const now = deps.clock();
    const choices = reports.map((report) => ({
      label: ctx.t("report-list-button", { id: report.id, rt: rtNumber(report.rtNumber), category: ctx.t(`report-category-${report.category}`), status: ctx.t(`report-status-${report.status}`), days: daysSince(report.createdAt, now) }),
      data: reportOpen.data({ report: report.id }),
    }));
    const current = clampPage(page, choices.length);
    return { text: ctx.t("report-list-title", { count: reports.length }), keyboard: paginatedKeyboard(choices, current, (n) => reportListPage.data({ page: n })) };
  }

  async function showList(ctx: BotContext): Promise<void> {
    const screen = await listScreen(ctx, 0);
    await ctx.reply(screen.text, screen.keyboard ? { reply_markup: screen.keyboard } : {});
  }

  feature.command("laporanrt", showList);
  onButton(presses, reportListOpen, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showList(ctx);
  });
  onButton(presses, reportListPage, async (ctx, { page }) => {
    const screen = await listScreen(ctx, page);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(screen.text, screen.keyboard ? { reply_markup: screen.keyboard } : {});
  });

  function cardText(ctx: BotContext, detail: ReportDetail, locale: string): string {
    const now = deps.clock();
    const lines = [
      ctx.t("report-card-title", { id: detail.id, category: ctx.t(`report-category-${detail.category}`), ...rtVars(detail.rt) }),
      ctx.t("report-card-status", { status: ctx.t(`report-status-${detail.status}`) }),
      ctx.t("report-card-filed", { at: formatWhen(detail.createdAt, locale), days: daysSince(detail.createdAt, now) }),
    ];
    if (detail.viewer === "ketua") lines.push(ctx.t("report-card-reporter", { name: detail.reporter ? addressName(ctx.t, detail.reporter) : ctx.t("report-card-reporter-erased") }));
    lines.push("", detail.description || ctx.t("report-card-erased-text"), "");
    lines.push(detail.location ? ctx.t("report-card-location", { link: mapLink(detail.location) }) : ctx.t("report-card-no-location"));
    if (!detail.photoFileId) lines.push(ctx.t("report-card-no-photo"));
    if (detail.status === "ditolak" && detail.rejectReason !== null) lines.push(ctx.t("report-card-reason", { reason: detail.rejectReason || "-" }));
    if (detail.escalatedAt) lines.push(ctx.t("report-card-escalated", { at: formatWib(detail.escalatedAt, locale) }));
    return lines.join("\n");
  }

  function cardKeyboard(ctx: BotContext, detail: ReportDetail): InlineKeyboard | undefined {
    if (detail.viewer !== "ketua") return undefined;
    const keyboard = new InlineKeyboard();
    for (const step of detail.steps) keyboard.text(ctx.t(`button-report-step-${step}`), reportStep.data({ report: detail.id, from: detail.status, to: step })).row();
    keyboard.text(ctx.t("button-report-list"), reportListOpen.data({}));
    return keyboard;
  }

  async function showCard(ctx: BotContext, reportId: number): Promise<void> {
    const detail = await reportDetail(deps.db, ctx.actor, { reportId });
    const locale = await ctx.i18n.getLocale();
    const text = cardText(ctx, detail, locale);
    const keyboard = cardKeyboard(ctx, detail);
    const markup = keyboard ? { reply_markup: keyboard } : {};
    if (detail.photoFileId) {
      // A caption holds 1,024 characters: the description's limit keeps the card within it.
      const caption = text.length > TELEGRAM_CAPTION_MAX ? `${text.slice(0, TELEGRAM_CAPTION_MAX - 1)}…` : text;
      await ctx.replyWithPhoto(detail.photoFileId, { caption, ...markup });
    } else {
      await ctx.reply(text, markup);
    }
  }

  onButton(presses, reportOpen, async (ctx, { report }) => {
    await showCard(ctx, report);
    await ctx.answerCallbackQuery();
  });

  onButton(presses, reportStep, async (ctx, { report, from, to }) => {
    if (to === "ditolak") {
      await ctx.answerCallbackQuery();
      await ctx.conversation.enter(REPORT_REJECT_FORM, { reportId: report, from } satisfies RejectTarget);
      return;
    }
    const outcome = await stepReport(deps, ctx.actor, { reportId: report, from, to });
    const vars = { id: report, status: ctx.t(`report-status-${outcome.status}`) };
    if (!outcome.changed) return void (await ctx.answerCallbackQuery({ text: ctx.t("report-step-already", vars) }));
    await ctx.answerCallbackQuery();
    // The card's buttons were for the old status: gone; the new card says what comes next.
    await ctx.editMessageReplyMarkup();
    await ctx.reply(ctx.t("report-step-done", vars));
    await showCard(ctx, report);
  });

  return composer;
}
