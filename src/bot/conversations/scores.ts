import { InlineKeyboard } from "grammy";
import { parseSessionDate } from "../../domain/pojok-baca/text.js";
import { parseNotes, type Parsed } from "../../domain/people/text-input.js";
import { areaScope } from "../../domain/roles/scope.js";
import { listRtsInScope, type RtSummary } from "../../domain/rt/rt.js";
import { indicatorKey, shortLabelKey, type IndicatorCode } from "../../domain/scores/indicators.js";
import { assertMayScore, currentManualScores, MANUAL_NOTE_MAX } from "../../domain/scores/manual.js";
import { saveManualScore } from "../../domain/scores/assess.js";
import { manualCodes } from "../../domain/scores/unscored.js";
import { wibDate, wibInstant, type LocalDate } from "../../domain/schedule/wib.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { formatWibDay, rtVars } from "../../messages/format.js";
import { PAGE_SIZE } from "../keyboards/paginate.js";
import { keepRight, rightOf } from "./form-right.js";
import { pickOne } from "./pick.js";
import { askText, explain, runOnce, waitForChoice, type Convo } from "./prompts.js";
import { pickKelurahan } from "./staff.js";
import { scoreTotalText } from "../../messages/score-total.js";
import { answer } from "../../messages/buttons/common.js";
import { scoreHistory, scoreSave, scoreToday, scoreValue } from "../../messages/buttons/scores.js";

export const MANUAL_SCORE = "manual-score";

/** Up to this many RTs in scope are offered on one list; more, and the kelurahan is asked first. */
const RTS_ON_ONE_LIST = 2 * PAGE_SIZE;
/** The 10 manual indicators fit on one screen. */
const INDICATOR_PAGE_SIZE = 16;

export const MANUAL_CODES: IndicatorCode[] = manualCodes();

export type Place = Pick<RtSummary, "id" | "number" | "kelurahanCode" | "kelurahanName" | "kecamatanCode" | "kecamatanName">;

function plainPlace(place: RtSummary): Place {
  return { id: place.id, number: place.number, kelurahanCode: place.kelurahanCode, kelurahanName: place.kelurahanName, kecamatanCode: place.kecamatanCode, kecamatanName: place.kecamatanName };
}

export async function pickRt(conversation: Convo, ctx: ConversationContext, deps: BotDeps): Promise<Place | null> {
  const places = (await conversation.external(async (outside) => (await listRtsInScope(deps.db, areaScope(outside.actor))).map(plainPlace))) as Place[];
  if (places.length === 0) {
    await ctx.reply(ctx.t("score-rank-empty"));
    return null;
  }
  let offered = places;
  if (places.length > RTS_ON_ONE_LIST) {
    const kelurahan = await pickKelurahan(conversation, ctx, deps);
    if (!kelurahan) return null;
    offered = places.filter((place) => place.kelurahanCode === kelurahan.code);
    if (offered.length === 0) {
      await ctx.reply(ctx.t("score-entry-no-rt-kelurahan", { kelurahan: kelurahan.name }));
      return null;
    }
  }
  return pickOne(conversation, ctx, "score-rt", ctx.t("score-entry-choose-rt"), offered, (place) => ctx.t("score-entry-rt-button", rtVars(place)), RTS_ON_ONE_LIST);
}

/** An assessment already made: today or a day in the last 60, with wording for an assessment. */
export function parseAssessedOn(text: string, now: Date): Parsed<LocalDate> {
  const parsed = parseSessionDate(text, now);
  if (parsed.ok) return parsed;
  if (parsed.reason === "reading-date-future") return { ok: false, reason: "score-date-future" };
  if (parsed.reason === "reading-date-too-old") return { ok: false, reason: "score-date-too-old", vars: parsed.vars };
  return parsed;
}

/** Free note of an assessment: printable text, at most MANUAL_NOTE_MAX characters. */
export function parseScoreNote(text: string): Parsed<string> {
  const parsed = parseNotes(text);
  if (parsed.ok && parsed.value.length > MANUAL_NOTE_MAX) return { ok: false, reason: "too-long", vars: { max: MANUAL_NOTE_MAX } };
  return parsed;
}

/**
 * /nilai: a koordinator (or admin) scores one of the 10 indicators the bot cannot measure for an RT
 * in their area: RT → indicator (with its current score) → 0/1/2 → optional note → assessment
 * date → confirm. The entry instant is fixed before the confirm button is shown and rides on it, so
 * a double tap or a redelivered update stores one row (see enterManualScore).
 */
export function createManualScoreConversation(deps: BotDeps) {
  return async function manualScore(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const place = await pickRt(conversation, ctx, deps);
    if (!place) return;
    // A ketua who also coordinates the kelurahan learns now, not after five questions, that their own RT is not theirs to grade.
    const allowed = await runOnce(conversation, async (outside) => assertMayScore(outside.actor, place));
    if (!allowed.ok) return explain(ctx, allowed);
    // The RT stays this person's to grade for as long as the form runs (an area changed stops it).
    keepRight(conversation, rightOf((actor) => assertMayScore(actor, place)));

    const current = await conversation.external(async () => {
      const scores = (await currentManualScores(deps.db, [place.id])).get(place.id);
      return Object.fromEntries([...(scores ?? new Map()).entries()].map(([code, score]) => [code, score.score])) as Partial<Record<IndicatorCode, number>>;
    });
    const scoreLabel = (code: IndicatorCode) => (current[code] === undefined ? "—" : String(current[code]));
    const code = await pickOne(
      conversation,
      ctx,
      "score-indicator",
      ctx.t("score-entry-choose-indicator", rtVars(place)),
      MANUAL_CODES,
      (choice) => ctx.t("score-entry-indicator-button", { code: choice, label: ctx.t(shortLabelKey(choice)), score: scoreLabel(choice) }),
      INDICATOR_PAGE_SIZE,
    );
    if (!code) return;

    const cancel = answer.data({ form: MANUAL_SCORE, choice: "cancel" });
    const scores = [scoreValue.data({ score: "2" }), scoreValue.data({ score: "1" }), scoreValue.data({ score: "0" }), cancel];
    await ctx.reply(
      ctx.t("score-entry-ask-score", { code, indicator: ctx.t(indicatorKey(code)), current: current[code] === undefined ? ctx.t("score-entry-current-none") : String(current[code]) }),
      {
        reply_markup: new InlineKeyboard()
          .text(ctx.t("button-score-2"), scores[0]!).row()
          .text(ctx.t("button-score-1"), scores[1]!).row()
          .text(ctx.t("button-score-0"), scores[2]!).row()
          // Answered by the scores feature while this form keeps waiting (waitForChoice skips it on).
          .text(ctx.t("button-score-history"), scoreHistory.data({ rt: place.id, code }))
          .text(ctx.t("button-cancel"), cancel),
      },
    );
    const { data: picked, ctx: press } = await waitForChoice(conversation, scores);
    await press.editMessageReplyMarkup();
    const chosen = scoreValue.read(picked);
    if (!chosen) return void (await press.reply(press.t("action-cancelled")));
    const score = Number(chosen.score);

    const note = await askText<string | null>(conversation, ctx, ctx.t("score-entry-ask-note", { max: MANUAL_NOTE_MAX }), parseScoreNote, [
      { label: ctx.t("button-skip"), data: answer.data({ form: MANUAL_SCORE, choice: "skip" }), value: null },
    ]);

    const clock = async () => new Date(await conversation.external(() => deps.clock().getTime()));
    const today = wibDate(await clock());
    const assessedOn = await askText<LocalDate>(conversation, ctx, ctx.t("score-entry-ask-date"), async (text) => parseAssessedOn(text, await clock()), [
      { label: ctx.t("button-today"), data: scoreToday.data({}), value: today },
    ]);

    // Fixed here, before the button exists, so every later delivery of the tap saves with the same instant.
    const enteredAt = await conversation.external(() => deps.clock().getTime());
    const locale = await ctx.i18n.getLocale();
    const save = scoreSave.data({ at: enteredAt });
    const date = formatWibDay(wibInstant(assessedOn, { hour: 12, minute: 0 }), locale);
    await ctx.reply(
      ctx.t("score-entry-confirm", {
        ...rtVars(place),
        code,
        label: ctx.t(shortLabelKey(code)),
        score,
        note: note ?? ctx.t("score-entry-no-note"),
        date,
      }),
      { reply_markup: new InlineKeyboard().text(ctx.t("button-save"), save).text(ctx.t("button-cancel"), cancel) },
    );
    const { data: confirmed, ctx: tap } = await waitForChoice(conversation, [save, cancel]);
    await tap.editMessageReplyMarkup();
    if (confirmed === cancel) return void (await tap.reply(tap.t("action-cancelled")));

    const outcome = await runOnce(conversation, async (outside) => {
      const { entry, overall, scoredMax, missing } = await saveManualScore(deps, outside.actor, { rtId: place.id, code, score, note, assessedOn, enteredAt: new Date(enteredAt) });
      return { score: entry.score, total: { overall, scoredMax, missing } };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(ctx.t("score-entry-saved", { ...rtVars(place), code, score: outcome.value.score, total: scoreTotalText(ctx.t, outcome.value.total), date }), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-score-history"), scoreHistory.data({ rt: place.id, code })),
    });
  };
}
