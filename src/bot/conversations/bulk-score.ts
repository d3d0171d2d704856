import { InlineKeyboard } from "grammy";
import { indicatorKey, rubricKey, type IndicatorCode } from "../../domain/scores/indicators.js";
import { assertMayScore } from "../../domain/scores/manual.js";
import { saveManualScore } from "../../domain/scores/assess.js";
import { unscoredCodesOf } from "../../domain/scores/unscored.js";
import { wibDate, wibInstant, type LocalDate } from "../../domain/schedule/wib.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { formatWibDay, rtVars } from "../../messages/format.js";
import { scoreToday } from "../../messages/buttons/scores.js";
import { bulkScore, type BulkAnswer } from "../../messages/buttons/unscored.js";
import { keepRight, rightOf } from "./form-right.js";
import { askText, explain, formRequest, nextAnswer, runOnce, type Convo } from "./prompts.js";
import { parseAssessedOn, parseScoreNote, pickRt, type Place } from "./scores.js";

export const BULK_SCORE = "bulk-score";

const LOOKS_LIKE_A_NUMBER = /^\s*[+-]?\d+(?:[.,]\d+)?\s*$/;

/** Where the pass starts: an RT chosen on /belumdinilai, or none (the RT is asked). */
export type BulkStart = { rtId: number } | undefined;

/** The step key of one indicator's answer: the form's key and the indicator. */
export function bulkStepKey(formKey: string, code: IndicatorCode): string {
  return `${formKey}:${code}`;
}

function plainPlace(place: Place): Place {
  const { id, number, kelurahanCode, kelurahanName, kecamatanCode, kecamatanName } = place;
  return { id, number, kelurahanCode, kelurahanName, kecamatanCode, kecamatanName };
}

/**
 * "Nilai semua yang belum" (/nilaisemua, or an RT's button on /belumdinilai): one RT, every manual
 * indicator nobody has scored yet, one after the other, each with its wording and the rubric of 2, 1
 * and 0; one tap per indicator (2 / 1 / 0 / Lewati), a note typed before the tap if wanted. The
 * assessment date is asked once. Each answer is saved at once through the manual-score service
 * under the form's key and the indicator, so a double tap or a redelivery stores one row. What is
 * still unscored is read again from the database before every indicator (with the right to score
 * the RT): a pass stopped half-way, or one reopened later, goes on with what is left.
 */
export function createBulkScoreConversation(deps: BotDeps) {
  return async function bulkScorePass(conversation: Convo, ctx: ConversationContext, start?: BulkStart): Promise<void> {
    let rtId = start?.rtId;
    if (rtId === undefined) {
      const picked = await pickRt(conversation, ctx, deps);
      if (!picked) return;
      rtId = picked.id;
    }
    const chosenRt = rtId;
    const opened = await runOnce(conversation, async (outside) => {
      const found = await unscoredCodesOf(deps.db, outside.actor, chosenRt);
      return { place: plainPlace(found.place), count: found.codes.length, total: found.total };
    });
    if (!opened.ok) return explain(ctx, opened);
    const { place, count, total } = opened.value;
    // The RT stays this person's to grade for as long as the pass runs (an area changed stops it).
    keepRight(conversation, rightOf((actor) => assertMayScore(actor, place)));
    if (count === 0) return void (await ctx.reply(ctx.t("bulk-none-left", { ...rtVars(place), total })));

    const request = await formRequest(conversation, BULK_SCORE);
    const clock = async () => new Date(await conversation.external(() => deps.clock().getTime()));
    const today = wibDate(await clock());
    const assessedOn = await askText<LocalDate>(
      conversation,
      ctx,
      ctx.t("bulk-intro", { ...rtVars(place), count, total }),
      async (text) => parseAssessedOn(text, await clock()),
      [{ label: ctx.t("button-today"), data: scoreToday.data({}), value: today }],
    );
    const locale = await ctx.i18n.getLocale();
    const date = formatWibDay(wibInstant(assessedOn, { hour: 12, minute: 0 }), locale);

    const skipped = new Set<IndicatorCode>();
    let saved = 0;
    for (;;) {
      const left = await runOnce(conversation, async (outside) => (await unscoredCodesOf(deps.db, outside.actor, place.id)).codes);
      if (!left.ok) return explain(ctx, left);
      const code = left.value.find((candidate) => !skipped.has(candidate));
      if (!code) break;

      const data = (answer: BulkAnswer) => bulkScore.data({ form: request.id, code, answer });
      const prompt = ctx.t("bulk-indicator", {
        // The skipped ones are still in `left`: count them as passed, or "Lewati" shows the same position again.
        position: total - left.value.length + skipped.size + 1,
        total,
        code,
        indicator: ctx.t(indicatorKey(code)),
        good: ctx.t(rubricKey(code, 2)),
        fair: ctx.t(rubricKey(code, 1)),
        poor: ctx.t(rubricKey(code, 0)),
      });
      const keyboard = new InlineKeyboard()
        .text(ctx.t("button-score-2"), data("2")).row()
        .text(ctx.t("button-score-1"), data("1")).row()
        .text(ctx.t("button-score-0"), data("0")).row()
        .text(ctx.t("button-bulk-skip"), data("skip"))
        .text(ctx.t("button-bulk-stop"), data("stop"));
      await ctx.reply(prompt, { reply_markup: keyboard });

      // A note, if any, is typed before the tap: one tap per indicator when there is none.
      let note: string | null = null;
      let pressed: { answer: BulkAnswer; ctx: ConversationContext } | undefined;
      while (!pressed) {
        const answer = await nextAnswer(conversation);
        const tapped = answer.callbackQuery?.data;
        if (tapped !== undefined) {
          const read = bulkScore.read(tapped);
          // Another message's button (a list, an earlier indicator tapped twice): its own handler answers it.
          if (!read || read.form !== request.id || read.code !== code) return conversation.skip({ next: true });
          await answer.answerCallbackQuery();
          pressed = { answer: read.answer, ctx: answer };
          continue;
        }
        const text = answer.message?.text;
        if (text === undefined) {
          await answer.reply(answer.t("input-text-expected"));
          continue;
        }
        // "2", "2,5", "-1" typed instead of a tap: a score meant, not a note; the buttons give the score.
        if (LOOKS_LIKE_A_NUMBER.test(text)) {
          await answer.reply(answer.t("bulk-number-typed", { code }));
          continue;
        }
        const parsed = parseScoreNote(text);
        if (!parsed.ok) {
          await answer.reply(answer.t(`input-${parsed.reason}`, parsed.vars ?? {}));
          continue;
        }
        note = parsed.value;
        await answer.reply(answer.t("bulk-note-kept", { code }));
      }

      const { answer: chosen, ctx: press } = pressed;
      if (chosen === "stop") {
        await press.editMessageText(`${prompt}\n\n${press.t("bulk-marked-stopped")}`);
        break;
      }
      if (chosen === "skip") {
        skipped.add(code);
        // A note typed for a skipped indicator belongs to no score: say it is dropped rather than lose it silently.
        await press.editMessageText(`${prompt}\n\n${press.t(note === null ? "bulk-marked-skipped" : "bulk-marked-skipped-note", { code })}`);
        continue;
      }
      const score = Number(chosen);
      const outcome = await runOnce(conversation, async (outside) => {
        const entry = await saveManualScore(deps, outside.actor, {
          rtId: place.id, code, score, note, assessedOn, enteredAt: deps.clock(), requestKey: bulkStepKey(request.key, code),
        });
        return entry.entry.score;
      });
      if (!outcome.ok) return explain(ctx, outcome);
      saved += 1;
      await press.editMessageText(`${prompt}\n\n${press.t(note === null ? "bulk-marked-saved" : "bulk-marked-saved-note", { code, score: outcome.value })}`);
    }

    const remaining = await runOnce(conversation, async (outside) => (await unscoredCodesOf(deps.db, outside.actor, place.id)).codes.length);
    if (!remaining.ok) return explain(ctx, remaining);
    await ctx.reply(ctx.t("bulk-done", { ...rtVars(place), saved, skipped: skipped.size, remaining: remaining.value, date }));
  };
}
