import { InlineKeyboard } from "grammy";
import {
  ASSESSMENT_NOTE_MAX,
  assertMayAssess,
  automaticLevels,
  holdsTeamPlace,
  myTeamScores,
  OVERRIDE_REASON_MAX,
  parseAssessmentNote,
  parseOverrideReason,
  PHOTOS_PER_INDICATOR,
  scoreIndicator,
  scorableRts,
  tidyCaption,
  type AutomaticLevel,
  type EvidencePhoto,
  type MyScore,
  type RoundRt,
} from "../../domain/cycle/assessment.js";
import { dimensionKey, dimensionOf, INDICATOR_CODES, indicatorKey, isAutomatic, rubricKey, type IndicatorCode } from "../../domain/scores/indicators.js";
import { onsiteGo, onsiteNav, onsitePage, onsiteRt, onsiteScore } from "../../messages/buttons/onsite.js";
import { paginatedKeyboard } from "../keyboards/paginate.js";
import { rtVars } from "../../messages/format.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { keepRight } from "./form-right.js";
import { askText, explain, formRequest, nextAnswer, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const TEAM_SCORE = "team-score";

const TOTAL = INDICATOR_CODES.length;
const SCORE_LABELS = { 2: "button-onsite-score-2", 1: "button-onsite-score-1", 0: "button-onsite-score-0" } as const;

/** Where a re-entered form starts ("Berikutnya"): the RT of the round and the indicator to show. */
export type OnsiteStart = { roundId: number; rtId: number; code: IndicatorCode } | undefined;

type Place = RoundRt & { year: number; number: number; kelurahanName: string; kecamatanName: string };

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The RT to score: one of the assessor's proposed RTs, from a button carrying its ids (checked again by the service). */
async function pickPlace(conversation: Convo, ctx: ConversationContext, deps: BotDeps, token: string): Promise<Place | null> {
  const { rts, own } = await conversation.external(async (outside) => {
    const found = await scorableRts(deps.db, outside.actor);
    const plain = (list: typeof found.rts) => list.map((entry) => ({ roundId: entry.roundId, year: entry.year, rtId: entry.rt.id, number: entry.rt.number, kelurahanName: entry.rt.kelurahanName, kecamatanName: entry.rt.kecamatanName }));
    return { rts: plain(found.rts), own: plain(found.own) };
  });
  const ownLine = own.length > 0 ? `\n\n${ctx.t("onsite-own-excluded", { rts: own.map((place) => ctx.t("onsite-rt-button", { ...rtVars(place), year: String(place.year) })).join(", ") })}` : "";
  if (rts.length === 0) {
    await ctx.reply(ctx.t("onsite-no-rt") + ownLine);
    return null;
  }
  // Paged: a kecamatan's proposals do not fit one keyboard. The pages carry the form's token too.
  const choices = rts.map((place) => ({ label: ctx.t("onsite-rt-button", { ...rtVars(place), year: String(place.year) }), data: onsiteRt.data({ form: token, round: place.roundId, rt: place.rtId }) }));
  const pageOf = (n: number) => paginatedKeyboard(choices, n, (target) => onsitePage.data({ form: token, page: target }));
  await ctx.reply(ctx.t("onsite-choose-rt") + ownLine, { reply_markup: pageOf(0) });
  let data: string;
  let press: ConversationContext;
  for (;;) {
    ({ data, ctx: press } = await waitForChoice(conversation, new RegExp(`^(${escape(onsiteRt.prefix)}|${escape(onsitePage.prefix)}):${token}:`)));
    const turned = onsitePage.read(data);
    if (!turned) break;
    await press.editMessageReplyMarkup({ reply_markup: pageOf(turned.page) });
  }
  const chosen = onsiteRt.read(data);
  await press.editMessageReplyMarkup();
  if (!chosen) return null;
  // The button's ids are the presser's word only: the service decides whether this RT is theirs to score.
  const allowed = await runOnce(conversation, async (outside) => {
    await assertMayAssess(deps.db, outside.actor, { roundId: chosen.round, rtId: chosen.rt });
  });
  if (!allowed.ok) {
    await explain(press, allowed);
    return null;
  }
  const known = rts.find((place) => place.roundId === chosen.round && place.rtId === chosen.rt);
  if (known) return known;
  // In scope now though not listed when the form opened (the scope grew meanwhile): read it.
  return conversation.external(async (outside) => {
    const found = (await scorableRts(deps.db, outside.actor)).rts.find((entry) => entry.roundId === chosen.round && entry.rt.id === chosen.rt);
    return found ? { roundId: found.roundId, year: found.year, rtId: found.rt.id, number: found.rt.number, kelurahanName: found.rt.kelurahanName, kecamatanName: found.rt.kecamatanName } : null;
  });
}

/** The RT of a re-entered form: read again, and only if the actor may still score it (else null, with the refusal said). */
async function placeOf(conversation: Convo, ctx: ConversationContext, deps: BotDeps, start: NonNullable<OnsiteStart>): Promise<Place | null> {
  const allowed = await runOnce(conversation, async (outside) => {
    await assertMayAssess(deps.db, outside.actor, { roundId: start.roundId, rtId: start.rtId });
    const found = (await scorableRts(deps.db, outside.actor)).rts.find((entry) => entry.roundId === start.roundId && entry.rt.id === start.rtId);
    return found ? { roundId: found.roundId, year: found.year, rtId: found.rt.id, number: found.rt.number, kelurahanName: found.rt.kelurahanName, kecamatanName: found.rt.kecamatanName } : null;
  });
  if (!allowed.ok) {
    await explain(ctx, allowed);
    return null;
  }
  return allowed.value;
}

/** Photos for one indicator, until "Lanjut": the largest size's ids and the caption; no bytes. */
async function collectPhotos(conversation: Convo, ctx: ConversationContext, token: string, code: IndicatorCode): Promise<EvidencePhoto[]> {
  const next = onsiteNav.data({ form: token, code, action: "next" });
  const keyboard = new InlineKeyboard().text(ctx.t("button-onsite-next"), next);
  await ctx.reply(ctx.t("onsite-ask-photos", { code, max: PHOTOS_PER_INDICATOR }), { reply_markup: keyboard });
  const photos: EvidencePhoto[] = [];
  for (;;) {
    const answer = await nextAnswer(conversation);
    const data = answer.callbackQuery?.data;
    if (data !== undefined) {
      if (data !== next) {
        await conversation.skip({ next: true });
        continue;
      }
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup();
      return photos;
    }
    const photo = answer.message?.photo?.at(-1);
    if (!photo) {
      await answer.reply(answer.t("onsite-photo-expected"), { reply_markup: keyboard });
      continue;
    }
    if (photos.some((kept) => kept.fileUniqueId === photo.file_unique_id)) {
      await answer.reply(answer.t("onsite-photo-repeat"), { reply_markup: keyboard });
      continue;
    }
    if (photos.length >= PHOTOS_PER_INDICATOR) {
      await answer.reply(answer.t("onsite-photo-limit", { max: PHOTOS_PER_INDICATOR }), { reply_markup: keyboard });
      continue;
    }
    const caption = tidyCaption(answer.message?.caption);
    if (!caption.ok) {
      // Not taken, as in /bukti: the photo is sent again with a shorter caption (nothing cut silently).
      await answer.reply(answer.t("evidence-caption-too-long", { max: caption.max }), { reply_markup: keyboard });
      continue;
    }
    photos.push({ fileId: photo.file_id, fileUniqueId: photo.file_unique_id, caption: caption.value });
    await answer.reply(answer.t("onsite-photo-received", { count: photos.length }), { reply_markup: keyboard });
  }
}

/**
 * /nilaitim: an assessor scores a proposed RT of their scope on site, indicator by indicator
 * (Bersih → Aman → Pintar), with the rubric of what 2, 1 and 0 mean; the automatic indicators come
 * pre-filled with what the records give and why. The form is ONE indicator long: its answer
 * (score, reason, note, photos) is saved under the form's key and the indicator, and the form ends
 * with a "Berikutnya" button that opens it again at the next indicator. grammY replays a
 * conversation's every earlier update on each new one, so a 21-indicator visit as one form cost
 * the square of its length; now each form is a handful of updates. "Lewati" and "Kembali" move
 * within the form (nothing saved). Re-opening /nilaitim continues at the first unscored indicator
 * (read from the database). Scope is read again at every step (and inside the service).
 */
export function createTeamScoreConversation(deps: BotDeps) {
  return async function teamScore(conversation: Convo, ctx: ConversationContext, start?: OnsiteStart): Promise<void> {
    const form = await formRequest(conversation, "nilaitim");
    const token = form.id.replace(/-/g, "").slice(0, 12);
    const place = start ? await placeOf(conversation, ctx, deps, start) : await pickPlace(conversation, ctx, deps, token);
    if (!place) return;
    keepRight(conversation, (actor) => holdsTeamPlace(actor, place));
    const where: RoundRt = { roundId: place.roundId, rtId: place.rtId };

    // The records' levels are read once per form, and only when an automatic indicator is on screen (a scorecard is the costly read).
    let automatic: Partial<Record<IndicatorCode, AutomaticLevel>> | undefined;
    const automaticOf = async () => (automatic ??= (await conversation.external(async () => automaticLevels(deps.db, place.rtId, deps.clock()))) as Partial<Record<IndicatorCode, AutomaticLevel>>);
    const readMine = () =>
      runOnce(conversation, async (outside) => {
        const personId = await assertMayAssess(deps.db, outside.actor, where);
        return myTeamScores(deps.db, { ...where, personId });
      });

    let index: number;
    if (start) {
      index = Math.max(0, INDICATOR_CODES.indexOf(start.code));
    } else {
      const opening = await readMine();
      if (!opening.ok) return explain(ctx, opening);
      const firstOpen = INDICATOR_CODES.findIndex((code) => opening.value[code] === undefined);
      const scoredAtStart = Object.keys(opening.value).length;
      await ctx.reply(
        [
          ctx.t("onsite-start", { ...rtVars(place), year: String(place.year) }),
          ctx.t("onsite-progress", { scored: scoredAtStart, total: TOTAL }),
          firstOpen === -1 ? ctx.t("onsite-all-scored") : ctx.t("onsite-start-from", { code: INDICATOR_CODES[firstOpen]! }),
        ].join("\n"),
      );
      index = firstOpen === -1 ? 0 : firstOpen;
    }

    const revisions: Partial<Record<IndicatorCode, number>> = {};
    while (index < TOTAL) {
      const code = INDICATOR_CODES[index]!;
      const step = await readMine();
      if (!step.ok) return explain(ctx, step);
      const mine: MyScore | undefined = step.value[code];
      const auto = isAutomatic(code) ? (await automaticOf())[code] : undefined;

      const lines = [
        ctx.t("onsite-indicator", {
          dimension: ctx.t(dimensionKey(dimensionOf(code))),
          code,
          position: index + 1,
          total: TOTAL,
          wording: ctx.t(indicatorKey(code)),
          rubric2: ctx.t(rubricKey(code, 2)),
          rubric1: ctx.t(rubricKey(code, 1)),
          rubric0: ctx.t(rubricKey(code, 0)),
        }),
      ];
      if (auto) lines.push("", ctx.t("onsite-indicator-auto", { score: auto.score, explanation: ctx.t(auto.explanation.key, auto.explanation.vars) }));
      if (mine) lines.push("", ctx.t("onsite-indicator-current", { score: mine.score }));
      lines.push("", ctx.t("onsite-progress", { scored: Object.keys(step.value).length, total: TOTAL }));

      const scoreButton = (score: 0 | 1 | 2) => onsiteScore.data({ form: token, code, score: String(score) as "0" | "1" | "2" });
      const keyboard = new InlineKeyboard();
      if (auto) {
        keyboard.text(ctx.t("button-onsite-agree", { score: auto.score }), scoreButton(auto.score as 0 | 1 | 2)).row();
        for (const score of [2, 1, 0] as const) if (score !== auto.score) keyboard.text(ctx.t("button-onsite-change", { score }), scoreButton(score));
        keyboard.row();
      } else {
        for (const score of [2, 1, 0] as const) keyboard.text(ctx.t(SCORE_LABELS[score]), scoreButton(score));
        keyboard.row();
      }
      keyboard.text(ctx.t("button-onsite-skip"), onsiteNav.data({ form: token, code, action: "skip" }));
      if (index > 0) keyboard.text(ctx.t("button-onsite-back"), onsiteNav.data({ form: token, code, action: "back" }));
      await ctx.reply(lines.join("\n"), { reply_markup: keyboard });

      const ours = new RegExp(`^(${escape(onsiteScore.prefix)}|${escape(onsiteNav.prefix)}):${token}:${code}:(0|1|2|skip|back)$`);
      const { data, ctx: press } = await waitForChoice(conversation, ours);
      await press.editMessageReplyMarkup();
      const nav = onsiteNav.read(data);
      if (nav?.action === "skip") {
        index++;
        continue;
      }
      if (nav?.action === "back") {
        index = Math.max(0, index - 1);
        continue;
      }
      const picked = onsiteScore.read(data);
      if (!picked) continue;
      const score = Number(picked.score);

      let overrideReason: string | null = null;
      if (auto && score !== auto.score) {
        // "Kembali" (null) returns to the score choice of this indicator: a tap by mistake is not a dead end.
        overrideReason = await askText<string | null>(conversation, ctx, ctx.t("onsite-ask-reason", { code, score, automatic: auto.score, max: OVERRIDE_REASON_MAX }), parseOverrideReason, [
          { label: ctx.t("button-onsite-back"), data: onsiteNav.data({ form: token, code, action: "rechoose" }), value: null },
        ]);
        if (overrideReason === null) continue;
      }
      const note = await askText<string | null>(conversation, ctx, ctx.t("onsite-ask-note", { code, max: ASSESSMENT_NOTE_MAX }), parseAssessmentNote, [
        { label: ctx.t("button-onsite-no-note"), data: onsiteNav.data({ form: token, code, action: "nonote" }), value: null },
      ]);
      const photos = await collectPhotos(conversation, ctx, token, code);

      // A deliberate second answer to the same indicator in this form (after "Kembali") is a new row;
      // the same answer delivered twice is the one row of its key.
      const revision = revisions[code] ?? 0;
      revisions[code] = revision + 1;
      const saved = await runOnce(conversation, async (outside) =>
        scoreIndicator(deps, outside.actor, {
          ...where,
          code,
          score,
          automaticScore: auto ? auto.score : null,
          overrideReason,
          note,
          photos,
          requestKey: `${form.key}:${code}:${revision}`,
        }),
      );
      if (!saved.ok) return explain(ctx, saved);
      const savedVars = { code, score: saved.value.score, scored: saved.value.scored, total: TOTAL, photos: saved.value.photos };
      const savedText = ctx.t(saved.value.photos > 0 ? "onsite-saved-photos" : "onsite-saved", savedVars);
      const next = INDICATOR_CODES[index + 1];
      if (next === undefined) {
        await ctx.reply(savedText);
        break;
      }
      // The form ends here; the next indicator is a new form (no replay of this one's updates).
      const onward = new InlineKeyboard().text(ctx.t("button-onsite-onward", { code: next }), onsiteGo.data({ round: place.roundId, rt: place.rtId, code: next }));
      await ctx.reply(savedText, { reply_markup: onward });
      return;
    }

    const end = await readMine();
    if (!end.ok) return explain(ctx, end);
    const unscored = INDICATOR_CODES.filter((code) => end.value[code] === undefined);
    const summary = [ctx.t("onsite-done", { ...rtVars(place), scored: TOTAL - unscored.length, total: TOTAL })];
    if (unscored.length > 0) summary.push(ctx.t("onsite-done-unscored", { codes: unscored.join(", ") }));
    await ctx.reply(summary.join("\n"));
  };
}
