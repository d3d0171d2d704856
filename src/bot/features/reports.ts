import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { daysSince, listOpenReports, REPORT_DESCRIPTION_MIN, myReports, reportDetail, stepReport, type ReportDetail } from "../../domain/reports/reports.js";
import { TELEGRAM_CAPTION_MAX } from "../../domain/text-limits.js";
import { addressName } from "../../messages/address.js";
import { reportListOpen, reportListPage, reportOpen, reportRejectCancel, reportStart, reportStep, reportSubmit } from "../../messages/buttons/reports.js";
import { formatWhen, formatWib, rtNumber, rtVars } from "../../messages/format.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import { REPORT_FORM, REPORT_REJECT_FORM, type RejectTarget } from "../conversations/reports.js";
import type { BotDeps } from "../deps.js";
import { clampPage, paginatedKeyboard } from "../keyboards/paginate.js";

/** The first `length` UTF-16 units of `text`, never half of a character outside the BMP (an emoji). */
function cutAt(text: string, length: number): string {
  const cut = text.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

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

  // "Batal" under a refusal's reason whose form ended (sent, cancelled, or replaced by a newer one).
  onButton(presses, reportRejectCancel, async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("report-reject-cancel-stale") });
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

  /** The card; `description` is the report's words as shown (shortened for a photo's caption). */
  function cardText(ctx: BotContext, detail: ReportDetail, locale: string, description: string): string {
    const now = deps.clock();
    const lines = [
      ctx.t("report-card-title", { id: detail.id, category: ctx.t(`report-category-${detail.category}`), ...rtVars(detail.rt) }),
      ctx.t("report-card-status", { status: ctx.t(`report-status-${detail.status}`) }),
      ctx.t("report-card-filed", { at: formatWhen(detail.createdAt, locale), ago: ctx.t("report-days-ago", { days: daysSince(detail.createdAt, now) }) }),
    ];
    if (detail.viewer === "ketua") lines.push(ctx.t("report-card-reporter", { name: detail.reporter ? addressName(ctx.t, detail.reporter) : ctx.t("report-card-reporter-erased") }));
    lines.push("", description, "");
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
    const description = detail.description || ctx.t("report-card-erased-text");
    const text = cardText(ctx, detail, locale, description);
    const keyboard = cardKeyboard(ctx, detail);
    const markup = keyboard ? { reply_markup: keyboard } : {};
    if (!detail.photoFileId) return void (await ctx.reply(text, markup));
    // A caption holds 1,024 characters. A long description with a refusal's reason can pass it:
    // the description is shortened (with "…") so the status, the place and the reason stay whole.
    const over = text.length - TELEGRAM_CAPTION_MAX;
    if (over <= 0) return void (await ctx.replyWithPhoto(detail.photoFileId, { caption: text, ...markup }));
    const kept = description.length - over - 1;
    if (kept >= REPORT_DESCRIPTION_MIN) {
      const caption = cardText(ctx, detail, locale, `${cutAt(description, kept)}…`);
      if (caption.length <= TELEGRAM_CAPTION_MAX) return void (await ctx.replyWithPhoto(detail.photoFileId, { caption, ...markup }));
    }
    // Not even then (long names in another language): the photo alone, the whole card as text.
    await ctx.replyWithPhoto(detail.photoFileId);
    await ctx.reply(text, markup);
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
