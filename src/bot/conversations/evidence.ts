import { InlineKeyboard } from "grammy";
import type { PhotoSize } from "grammy/types";
import {
  addEvidence,
  EVIDENCE_CAPTION_MAX,
  EVIDENCE_PHOTOS_MAX,
  evidenceRtIds,
  listEvidenceOccurrences,
  mayAddEvidence,
  parseEvidenceCaption,
  type EvidencePhoto,
  type EvidenceTarget,
} from "../../domain/evidence/evidence.js";
import { getOccurrence } from "../../domain/events/events.js";
import { DomainError } from "../../domain/errors.js";
import { getRt } from "../../domain/rt/rt.js";
import { DIMENSIONS, INDICATORS, dimensionKey, shortLabelKey, type Dimension, type IndicatorCode } from "../../domain/scores/indicators.js";
import { answer } from "../../messages/buttons/common.js";
import { evidenceDone, evidenceFor, evidenceOccurrence, evidenceOccurrencePage } from "../../messages/buttons/evidence.js";
import { formTag } from "../../messages/buttons/events.js";
import { formatWhen, rtVars } from "../../messages/format.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { paginatedKeyboard } from "../keyboards/paginate.js";
import { holdRight } from "./form-right.js";
import { pickOne } from "./pick.js";
import { askText, explain, formRequest, nextAnswer, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const EVIDENCE_FORM = "evidence";

type OccurrenceChoice = { id: number; kind: string; startsAt: number; place: string };
type RtChoice = { id: number; number: number; kelurahanName: string; kecamatanName: string };

/** The largest size Telegram made of a photo (sizes come smallest first, but do not rely on it). */
export function largestSize(sizes: readonly PhotoSize[]): PhotoSize | undefined {
  return sizes.reduce<PhotoSize | undefined>((best, size) => (!best || size.width * size.height > best.width * best.height ? size : best), undefined);
}

/** Why a message at the photo prompt is not a photo, as the locale key of the answer. */
function notAPhoto(ctx: ConversationContext): string {
  const message = ctx.message;
  if (message?.sticker) return "evidence-not-photo-sticker";
  if (message?.video || message?.animation || message?.video_note) return "evidence-not-photo-video";
  if (message?.document) return message.document.mime_type?.startsWith("image/") ? "evidence-not-photo-image-file" : "evidence-not-photo-document";
  return "evidence-not-photo";
}

/**
 * /bukti: a ketua or petugas attaches photos to an event or ronda night of the RT (the last 14
 * days and the next 7) or to an indicator, then taps Selesai. Each photo of an album arrives as its
 * own update and is taken in turn; a caption comes with the photo, or is asked once at the end for
 * those without. Everything is stored at Selesai, in one service call keyed by the form's key and
 * each photo's file_unique_id: a redelivery or the same photo twice is one row.
 */
export function createEvidenceConversation(deps: BotDeps) {
  return async (conversation: Convo, ctx: ConversationContext): Promise<void> => {
    const rts = (await conversation.external(async (outside) =>
      (await Promise.all(evidenceRtIds(outside.actor).map((id) => getRt(deps.db, id)))).map((place) => ({ id: place.id, number: place.number, kelurahanName: place.kelurahanName, kecamatanName: place.kecamatanName })),
    )) as RtChoice[];
    if (rts.length === 0) return void (await ctx.reply(ctx.t("error-not-allowed")));
    const place = rts.length === 1 ? rts[0]! : await pickOne(conversation, ctx, "bukti-rt", ctx.t("evidence-choose-rt"), rts, (choice) => ctx.t("evidence-rt-button", rtVars(choice)));
    if (!place) return;
    await holdRight(conversation, ctx, (actor) => mayAddEvidence(actor, place.id));

    const kinds = [evidenceFor.data({ target: "event" }), evidenceFor.data({ target: "ronda" }), evidenceFor.data({ target: "indicator" })];
    const cancelFor = evidenceFor.data({ target: "cancel" });
    await ctx.reply(ctx.t("evidence-ask-target", rtVars(place)), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("button-evidence-event"), kinds[0]!).row()
        .text(ctx.t("button-evidence-ronda"), kinds[1]!).row()
        .text(ctx.t("button-evidence-indicator"), kinds[2]!).row()
        .text(ctx.t("button-cancel"), cancelFor),
    });
    const { data: forData, ctx: forPress } = await waitForChoice(conversation, [...kinds, cancelFor]);
    const chosenFor = evidenceFor.read(forData)!.target;
    if (chosenFor === "cancel") return void (await forPress.editMessageText(forPress.t("action-cancelled")));
    await forPress.editMessageReplyMarkup();

    let target: EvidenceTarget;
    let targetLabel = "";
    const locale = await ctx.i18n.getLocale();
    if (chosenFor === "indicator") {
      const dimension = await pickOne<Dimension>(conversation, ctx, "bukti-dim", ctx.t("evidence-choose-dimension"), [...DIMENSIONS], (choice) => ctx.t(dimensionKey(choice)));
      if (!dimension) return;
      const codes = INDICATORS.filter((indicator) => indicator.dimension === dimension).map((indicator) => indicator.code);
      const label = (code: IndicatorCode) => ctx.t("evidence-indicator-button", { code, label: ctx.t(shortLabelKey(code)) });
      const code = await pickOne<IndicatorCode>(conversation, ctx, "bukti-kode", ctx.t("evidence-choose-indicator"), codes, label, 8);
      if (!code) return;
      target = { kind: "indicator", code };
      targetLabel = label(code);
    } else {
      const occurrences = (await conversation.external(async (outside) =>
        (await listEvidenceOccurrences(deps.db, outside.actor, { rtId: place.id, now: deps.clock() }))
          .filter((occurrence) => (chosenFor === "ronda") === (occurrence.kind === "ronda"))
          .map((occurrence) => ({ id: occurrence.id, kind: occurrence.kind, startsAt: occurrence.startsAt.getTime(), place: occurrence.place })),
      )) as OccurrenceChoice[];
      if (occurrences.length === 0) return void (await ctx.reply(ctx.t(chosenFor === "ronda" ? "evidence-no-ronda" : "evidence-no-event")));
      const label = (occurrence: OccurrenceChoice) => ctx.t("evidence-occurrence-button", { kind: ctx.t(`event-kind-${occurrence.kind}`), when: formatWhen(new Date(occurrence.startsAt), locale) });
      const choices = occurrences.map((occurrence) => ({ label: label(occurrence), data: evidenceOccurrence.data({ occurrence: occurrence.id }) }));
      const cancelRow = [[{ label: ctx.t("button-cancel"), data: cancelFor }]];
      const prompt = ctx.t(chosenFor === "ronda" ? "evidence-choose-ronda" : "evidence-choose-event");
      const pageData = (page: number) => evidenceOccurrencePage.data({ page });
      await ctx.reply(prompt, { reply_markup: paginatedKeyboard(choices, 0, pageData, cancelRow) });
      const ours = new RegExp(`^(${evidenceOccurrence.trigger.source.slice(1)}|${evidenceOccurrencePage.trigger.source.slice(1)}|${cancelFor.replace(/\./g, "\\.")}$)`);
      let occurrenceId: number | null = null;
      while (occurrenceId === null) {
        const { data, ctx: press } = await waitForChoice(conversation, ours);
        if (data === cancelFor) return void (await press.editMessageText(press.t("action-cancelled")));
        const paged = evidenceOccurrencePage.read(data);
        if (paged) {
          await press.editMessageText(prompt, { reply_markup: paginatedKeyboard(choices, paged.page, pageData, cancelRow) });
          continue;
        }
        const picked = evidenceOccurrence.read(data);
        if (!picked) continue;
        // The button carries an id: whatever it says, the occurrence must be of this RT.
        const checked = await runOnce(conversation, async () => {
          const occurrence = await getOccurrence(deps.db, picked.occurrence);
          if (occurrence.rtId !== place.id) throw new DomainError("out-of-scope");
          return { id: occurrence.id, kind: occurrence.kind, startsAt: occurrence.startsAt.getTime(), place: occurrence.place };
        });
        if (!checked.ok) return explain(press, checked);
        await press.editMessageText(`${prompt}\n→ ${label(checked.value)}`);
        occurrenceId = checked.value.id;
        targetLabel = label(checked.value);
      }
      target = { kind: "occurrence", occurrenceId };
    }

    const request = await formRequest(conversation, "evidence");
    const done = evidenceDone.data({ form: formTag(request.key) });
    const doneKeyboard = () => new InlineKeyboard().text(ctx.t("button-evidence-done"), done).text(ctx.t("button-cancel"), cancelFor);
    await ctx.reply(ctx.t("evidence-ask-photos", { target: targetLabel, max: EVIDENCE_PHOTOS_MAX, captionMax: EVIDENCE_CAPTION_MAX }), { reply_markup: doneKeyboard() });
    const photos: EvidencePhoto[] = [];
    for (;;) {
      const next = await nextAnswer(conversation);
      const data = next.callbackQuery?.data;
      if (data !== undefined) {
        if (data === cancelFor) {
          await next.answerCallbackQuery();
          return void (await next.reply(next.t("evidence-cancelled", { count: photos.length })));
        }
        // A button of another message (an old list, a "Hapus") is handled by its own handler.
        if (data !== done) return conversation.skip({ next: true });
        await next.answerCallbackQuery();
        if (photos.length === 0) {
          await next.reply(next.t("evidence-done-empty"), { reply_markup: doneKeyboard() });
          continue;
        }
        break;
      }
      const sizes = next.message?.photo;
      const size = sizes ? largestSize(sizes) : undefined;
      if (!size) {
        await next.reply(next.t(notAPhoto(next), { max: EVIDENCE_PHOTOS_MAX }));
        continue;
      }
      if (photos.some((photo) => photo.fileUniqueId === size.file_unique_id)) {
        await next.reply(next.t("evidence-photo-repeat", { count: photos.length }));
        continue;
      }
      if (photos.length >= EVIDENCE_PHOTOS_MAX) {
        await next.reply(next.t("evidence-photo-limit", { max: EVIDENCE_PHOTOS_MAX }), { reply_markup: doneKeyboard() });
        continue;
      }
      let caption: string | null = null;
      const rawCaption = next.message?.caption;
      if (rawCaption !== undefined) {
        const parsed = parseEvidenceCaption(rawCaption);
        if (!parsed.ok && parsed.reason === "too-long") {
          // Not taken: the photo is sent again with a shorter caption (nothing half-stored).
          await next.reply(next.t("evidence-caption-too-long", { max: EVIDENCE_CAPTION_MAX }));
          continue;
        }
        caption = parsed.ok ? parsed.value : null;
      }
      photos.push({ fileId: size.file_id, fileUniqueId: size.file_unique_id, caption });
      // An album's photos each get their count; the Selesai button rides on the latest one.
      await next.reply(next.t(caption === null ? "evidence-photo-taken" : "evidence-photo-taken-caption", { count: photos.length }), { reply_markup: doneKeyboard() });
    }

    const uncaptioned = photos.filter((photo) => photo.caption === null).length;
    if (uncaptioned > 0) {
      const caption = await askText<string | null>(conversation, ctx, ctx.t("evidence-ask-caption", { count: uncaptioned, max: EVIDENCE_CAPTION_MAX }), parseEvidenceCaption, [
        { label: ctx.t("button-skip"), data: answer.data({ form: "evidence", choice: "skip" }), value: null },
      ]);
      if (caption !== null) for (const photo of photos) photo.caption ??= caption;
    }

    const outcome = await runOnce(conversation, (outside) => addEvidence(deps, outside.actor, { rtId: place.id, target, photos, requestKey: request.key }));
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(ctx.t("evidence-saved", { count: outcome.value.photos, target: targetLabel, ...rtVars(place) }));
  };
}
