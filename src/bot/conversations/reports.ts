import { InlineKeyboard } from "grammy";
import { DomainError } from "../../domain/errors.js";
import { photoRequired, REPORT_CATEGORIES, type ReportCategory, type ReportStatus } from "../../domain/reports/categories.js";
import {
  fileReport,
  mayManageReports,
  parseRejectReason,
  parseReportDescription,
  REPORT_DESCRIPTION_MAX,
  REPORT_REASON_MAX,
  reportDetail,
  reportingRtId,
  stepReport,
  validLocation,
  type ReportLocation,
  type ReportPhoto,
} from "../../domain/reports/reports.js";
import { withoutInvisible } from "../../domain/text-limits.js";
import { formTag } from "../../messages/buttons/events.js";
import { reportCategory, reportPhoto, reportRejectCancel, reportSubmit } from "../../messages/buttons/reports.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { largestSize } from "./evidence.js";
import { holdRight } from "./form-right.js";
import { askText, explain, formRequest, nextAnswer, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const REPORT_FORM = "report";
export const REPORT_REJECT_FORM = "report-reject";

/** Why a message at the photo prompt is not a photo, as the locale key of the answer. */
function notAPhoto(ctx: ConversationContext): string {
  const message = ctx.message;
  if (message?.document) return message.document.mime_type?.startsWith("image/") ? "report-not-photo-image-file" : "report-not-photo-document";
  return "report-not-photo";
}

/** "Lewati" typed, or the reply keyboard's skip button (its label in the person's language). */
function isSkip(text: string, label: string): boolean {
  const said = withoutInvisible(text).trim().toLowerCase();
  return said === label.trim().toLowerCase() || ["lewati", "skip", "tidak", "tidak ada", "-"].includes(said);
}

/**
 * /lapor: an active resident reports a problem in their RT: a category, a few words, a photo
 * (required where the category can be photographed, see photoRequired), optionally a location
 * shared with Telegram's button, then a summary to send or drop. The report is stored at "Kirim"
 * under the form's key, so a double tap or a redelivered update stores it once; the membership is
 * checked again with every answer (a resident who left meanwhile is stopped).
 */
export function createReportConversation(deps: BotDeps) {
  return async (conversation: Convo, ctx: ConversationContext): Promise<void> => {
    const rtId = await conversation.external((outside) => reportingRtId(outside.actor) ?? null);
    if (rtId === null) return void (await ctx.reply(ctx.t("error-report-not-member")));
    await holdRight(conversation, ctx, (actor) => reportingRtId(actor) === rtId);
    const request = await formRequest(conversation, "report");
    const form = formTag(request.key);

    const prompt = ctx.t("report-ask-category");
    const cancelCategory = reportCategory.data({ form, category: "batal" });
    const keyboard = new InlineKeyboard();
    REPORT_CATEGORIES.forEach((category, index) => {
      keyboard.text(ctx.t(`report-category-${category}`), reportCategory.data({ form, category }));
      if (index % 2 === 1) keyboard.row();
    });
    keyboard.row().text(ctx.t("button-cancel"), cancelCategory);
    await ctx.reply(prompt, { reply_markup: keyboard });
    const { data: categoryData, ctx: categoryPress } = await waitForChoice(conversation, [...REPORT_CATEGORIES.map((category) => reportCategory.data({ form, category })), cancelCategory]);
    const chosen = reportCategory.read(categoryData)!.category;
    if (chosen === "batal") return void (await categoryPress.editMessageText(categoryPress.t("action-cancelled")));
    const category: ReportCategory = chosen;
    await categoryPress.editMessageText(`${prompt}\n→ ${ctx.t(`report-category-${category}`)}`);

    const description = await askText(conversation, ctx, ctx.t("report-ask-description", { max: REPORT_DESCRIPTION_MAX }), parseReportDescription);

    const skippable = !photoRequired(category);
    const skipPhoto = reportPhoto.data({ form, choice: "lewati" });
    const stopPhoto = reportPhoto.data({ form, choice: "batal" });
    const photoKeyboard = new InlineKeyboard();
    if (skippable) photoKeyboard.text(ctx.t("button-report-skip-photo"), skipPhoto);
    photoKeyboard.text(ctx.t("button-cancel"), stopPhoto);
    await ctx.reply(ctx.t(skippable ? "report-ask-photo-optional" : "report-ask-photo"), { reply_markup: photoKeyboard });
    let photo: ReportPhoto | null = null;
    for (;;) {
      const next = await nextAnswer(conversation);
      const data = next.callbackQuery?.data;
      if (data !== undefined) {
        if (data === stopPhoto) {
          await next.answerCallbackQuery();
          return void (await next.reply(next.t("action-cancelled")));
        }
        if (data === skipPhoto && skippable) {
          await next.answerCallbackQuery();
          await next.editMessageReplyMarkup();
          break;
        }
        // A button of another message (or a forged skip where a photo is required) is not an answer here.
        return conversation.skip({ next: true });
      }
      const size = next.message?.photo ? largestSize(next.message.photo) : undefined;
      if (!size) {
        await next.reply(next.t(notAPhoto(next)));
        continue;
      }
      photo = { fileId: size.file_id, fileUniqueId: size.file_unique_id };
      // The words were asked for already: a caption (of any length) is not stored, and said so.
      await next.reply(next.t(next.message?.caption ? "report-photo-taken-caption" : "report-photo-taken"));
      break;
    }

    await ctx.reply(ctx.t("report-ask-location"), {
      reply_markup: {
        keyboard: [[{ text: ctx.t("button-report-send-location"), request_location: true }], [{ text: ctx.t("button-report-skip-location") }]],
        resize_keyboard: true,
        one_time_keyboard: true,
      },
    });
    let location: ReportLocation | null = null;
    for (;;) {
      const next = await nextAnswer(conversation);
      if (next.callbackQuery) return conversation.skip({ next: true });
      const shared = next.message?.location ?? next.message?.venue?.location;
      if (shared) {
        const valid = validLocation(shared);
        if (!valid) {
          await next.reply(next.t("report-location-invalid"));
          continue;
        }
        location = valid;
        await next.reply(next.t("report-location-taken"), { reply_markup: { remove_keyboard: true } });
        break;
      }
      const text = next.message?.text;
      if (text !== undefined && isSkip(text, next.t("button-report-skip-location"))) {
        await next.reply(next.t("report-location-skipped"), { reply_markup: { remove_keyboard: true } });
        break;
      }
      await next.reply(next.t("report-location-expected"));
    }

    const send = reportSubmit.data({ form, choice: "kirim" });
    const drop = reportSubmit.data({ form, choice: "batal" });
    const summary = ctx.t("report-summary", {
      category: ctx.t(`report-category-${category}`),
      description,
      photo: ctx.t(photo ? "report-summary-photo-yes" : "report-summary-photo-no"),
      location: ctx.t(location ? "report-summary-location-yes" : "report-summary-location-no"),
    });
    await ctx.reply(summary, { reply_markup: new InlineKeyboard().text(ctx.t("button-report-send"), send).text(ctx.t("button-cancel"), drop) });
    const { data: submitted, ctx: press } = await waitForChoice(conversation, [send, drop]);
    if (submitted === drop) return void (await press.editMessageText(press.t("action-cancelled")));
    await press.editMessageReplyMarkup();
    const outcome = await runOnce(conversation, (outside) => fileReport(deps, outside.actor, { category, description, photo, location, requestKey: request.key }));
    if (!outcome.ok) return explain(press, outcome);
    await press.reply(press.t("report-filed", { id: outcome.value.id }));
  };
}

/** Which report the reason is for, and the status the ketua saw it in. */
export type RejectTarget = { reportId: number; from: ReportStatus };

/**
 * "Tolak" on a report: the ketua writes why (the reporter reads it), or cancels. The report's RT
 * is read through the service (which refuses anyone but its ketua) and held as the form's right.
 */
export function createRejectConversation(deps: BotDeps) {
  return async (conversation: Convo, ctx: ConversationContext, target: RejectTarget): Promise<void> => {
    const checked = await runOnce(conversation, async (outside) => {
      const detail = await reportDetail(deps.db, outside.actor, { reportId: target.reportId });
      if (detail.viewer !== "ketua") throw new DomainError("not-allowed");
      return { rtId: detail.rt.id };
    });
    if (!checked.ok) return explain(ctx, checked);
    await holdRight(conversation, ctx, (actor) => mayManageReports(actor, checked.value.rtId));
    const request = await formRequest(conversation, "report-reject");
    const cancel = reportRejectCancel.data({ form: formTag(request.key) });
    const reason = await askText<string | null>(conversation, ctx, ctx.t("report-ask-reason", { id: target.reportId, max: REPORT_REASON_MAX }), parseRejectReason, [
      { label: ctx.t("button-cancel"), data: cancel, value: null },
    ]);
    if (reason === null) return void (await ctx.reply(ctx.t("action-cancelled")));
    const outcome = await runOnce(conversation, (outside) => stepReport(deps, outside.actor, { reportId: target.reportId, from: target.from, to: "ditolak", reason }));
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(ctx.t(outcome.value.changed ? "report-step-done" : "report-step-already", { id: target.reportId, status: ctx.t(`report-status-${outcome.value.status}`) }));
  };
}
