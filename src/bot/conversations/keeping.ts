import { InlineKeyboard } from "grammy";
import {
  assertSelfAssessor,
  automaticLevels,
  quarterOf,
  quarterVars,
  saveSelfScore,
  selfAssessmentComparison,
  selfScoresOf,
  SELF_NOTE_MAX,
  type ComparisonRow,
} from "../../domain/cycle/self-assessment.js";
import {
  assertMayPlanReassessment,
  cancelReassessmentVisit,
  planReassessmentVisit,
  reassessmentCandidates,
  type ReassessmentCandidate,
} from "../../domain/cycle/reassessment.js";
import { headedRtId } from "../../domain/people/actor.js";
import { getRt } from "../../domain/rt/rt.js";
import { INDICATOR_CODES, indicatorKey, rubricKey, shortLabelKey, type IndicatorCode } from "../../domain/scores/indicators.js";
import type { Translate } from "../../messages/translate.js";
import { chunkLines, formatWhen, rtVars } from "../../messages/format.js";
import { reassessCancel, reassessDrop, reassessSave, reassessVisit, selfNav, selfNoNote, selfScore } from "../../messages/buttons/keeping.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { keepRight, rightOf } from "./form-right.js";
import { askWhen } from "./events.js";
import { pickOne } from "./pick.js";
import { askText, explain, formRequest, runOnce, waitForChoice, type Convo } from "./prompts.js";
import { parseScoreNote } from "./scores.js";

export const SELF_ASSESSMENT = "self-assessment";
export const REASSESSMENT_VISIT = "reassessment-visit";

type Place = { id: number; number: number; kelurahanName: string; kecamatanName: string };

function shortLabel(t: Translate, code: IndicatorCode): string {
  return t(shortLabelKey(code));
}

function scoreOrDash(score: number | null): string {
  return score === null ? "—" : String(score);
}

/** The comparison /nilaimandiri ends with: official · self · records, per indicator, differences marked. */
export function comparisonLines(t: Translate, place: Place, period: string, rows: readonly ComparisonRow[]): string[] {
  const [year, quarter] = period.split("-Q").map(Number);
  const header = t("selfassess-compare-title", { ...quarterVars({ year: year!, quarter: quarter as 1 | 2 | 3 | 4 }), ...rtVars(place) });
  const answered = rows.filter((row) => row.self !== null).length;
  const differing = rows.filter((row) => row.differs).length;
  const lines = [
    t("selfassess-compare-summary", { answered, total: rows.length, differing }),
    t("selfassess-compare-legend"),
    "",
    ...rows.map((row) =>
      t(row.differs ? "selfassess-compare-line-differs" : "selfassess-compare-line", {
        code: row.code,
        label: shortLabel(t, row.code),
        official: scoreOrDash(row.official),
        self: scoreOrDash(row.self),
        automatic: scoreOrDash(row.automatic),
      }),
    ),
  ];
  return [header, ...lines];
}

/**
 * /nilaimandiri: the ketua scores their own RT on the 21 indicators, one by one with the rubric
 * (2/1/0), with Lewati, Kembali, a note and Selesai; the automatic ones show the records' level as
 * a hint. Each answer is saved when tapped (request key: form, indicator, revision), so the form
 * survives a lost signal, and opening it again starts at the first indicator not yet answered
 * this quarter. It ends with the answers beside the official scores.
 */
export function createSelfAssessmentConversation(deps: BotDeps) {
  return async function selfAssessment(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const rtId = await conversation.external((outside) => headedRtId(outside.actor));
    if (rtId === null) return void (await ctx.reply(ctx.t("error-role-ketua_rt")));
    const allowed = await runOnce(conversation, async (outside) => assertSelfAssessor(outside.actor, rtId));
    if (!allowed.ok) return explain(ctx, allowed);
    // The RT stays this person's for as long as the form runs (handed over: the form stops).
    keepRight(conversation, rightOf((actor) => assertSelfAssessor(actor, rtId)));
    const request = await formRequest(conversation, "self");

    const start = await conversation.external(async () => {
      const now = deps.clock();
      const quarter = quarterOf(now);
      const [place, answered, hints] = await Promise.all([getRt(deps.db, rtId), selfScoresOf(deps.db, { rtId, period: quarter.period }), automaticLevels(deps.db, { rtId, now })]);
      return {
        place: { id: place.id, number: place.number, kelurahanName: place.kelurahanName, kecamatanName: place.kecamatanName },
        quarter: { year: quarter.year, quarter: quarter.quarter },
        answers: Object.fromEntries([...answered.entries()].map(([code, entry]) => [code, entry.score])) as Partial<Record<IndicatorCode, number>>,
        hints,
      };
    });
    const { place, hints } = start;
    const answers: Partial<Record<IndicatorCode, number>> = { ...start.answers };
    const firstOpen = INDICATOR_CODES.findIndex((code) => answers[code] === undefined);
    let index = firstOpen === -1 ? 0 : firstOpen;
    const answeredCount = Object.keys(answers).length;
    await ctx.reply(
      ctx.t(answeredCount > 0 ? "selfassess-intro-resume" : "selfassess-intro", {
        ...quarterVars(start.quarter),
        ...rtVars(place),
        answered: answeredCount,
        total: INDICATOR_CODES.length,
        code: INDICATOR_CODES[index]!,
      }),
    );

    const revisions: Partial<Record<IndicatorCode, number>> = {};
    let note: string | null = null;
    while (index < INDICATOR_CODES.length) {
      const code = INDICATOR_CODES[index]!;
      const parts = [
        ctx.t("selfassess-step", { index: index + 1, total: INDICATOR_CODES.length, code, indicator: ctx.t(indicatorKey(code)) }),
        ctx.t("selfassess-rubric", { rubric2: ctx.t(rubricKey(code, 2)), rubric1: ctx.t(rubricKey(code, 1)), rubric0: ctx.t(rubricKey(code, 0)) }),
      ];
      if (hints[code] !== undefined) parts.push(ctx.t("selfassess-step-hint", { level: hints[code] }));
      if (answers[code] !== undefined) parts.push(ctx.t("selfassess-step-current", { score: answers[code] }));
      if (note !== null) parts.push(ctx.t("selfassess-step-note", { note }));
      const scores = (["2", "1", "0"] as const).map((score) => selfScore.data({ code, score }));
      const nav = (action: "note" | "skip" | "back" | "done") => selfNav.data({ code, action });
      const keyboard = new InlineKeyboard()
        .text(ctx.t("button-score-2"), scores[0]!).row()
        .text(ctx.t("button-score-1"), scores[1]!).row()
        .text(ctx.t("button-score-0"), scores[2]!).row()
        .text(ctx.t("button-selfassess-note"), nav("note"))
        .text(ctx.t("button-selfassess-skip"), nav("skip")).row();
      if (index > 0) keyboard.text(ctx.t("button-selfassess-back"), nav("back"));
      keyboard.text(ctx.t("button-selfassess-done"), nav("done"));
      await ctx.reply(parts.join("\n\n"), { reply_markup: keyboard });
      const choices = [...scores, nav("note"), nav("skip"), nav("done"), ...(index > 0 ? [nav("back")] : [])];
      const { data, ctx: press } = await waitForChoice(conversation, choices);
      await press.editMessageReplyMarkup();

      const picked = selfScore.read(data);
      if (picked) {
        const revision = (revisions[code] ?? 0) + 1;
        revisions[code] = revision;
        const score = Number(picked.score);
        const withNote = note;
        const saved = await runOnce(conversation, (outside) =>
          saveSelfScore(deps, outside.actor, { rtId, code, score, note: withNote, requestKey: `${request.key}:${code}:${revision}` }),
        );
        if (!saved.ok) return explain(ctx, saved);
        answers[code] = score;
        note = null;
        index++;
        continue;
      }
      const action = selfNav.read(data)?.action;
      if (action === "note") {
        note = await askText<string | null>(conversation, ctx, ctx.t("selfassess-ask-note", { code, max: SELF_NOTE_MAX }), parseScoreNote, [
          { label: ctx.t("button-selfassess-no-note"), data: selfNoNote.data({ code }), value: null },
        ]);
        continue;
      }
      note = null;
      if (action === "skip") index++;
      else if (action === "back") index = Math.max(0, index - 1);
      else break;
    }

    const comparison = await conversation.external(async () => {
      const result = await selfAssessmentComparison(deps.db, { rtId, now: deps.clock() });
      return { period: result.period, rows: result.rows };
    });
    const [header, ...lines] = comparisonLines(ctx.t, place, comparison.period, comparison.rows);
    for (const text of chunkLines(header!, lines)) await ctx.reply(text);
  };
}

/** A candidate as the form keeps it: plain JSON (its replays read it back), the visit's time in ms. */
type Candidate = Omit<ReassessmentCandidate, "visit"> & { visit: { id: number; startsAt: number } | null };

/**
 * /kunjunganulang: a koordinator (or admin) plans a re-assessment visit to a title holder of their
 * area: holder (those that fell since the award first, then the fading ones; 📅 those with a visit
 * planned) → when (typed as people type it, WIB, in the future) → confirm. An RT with a visit
 * planned shows when, and offers to move it (a new time, confirm) or cancel it (confirm). The
 * confirm buttons carry the form's key: a double tap or a redelivery plans, moves or cancels once
 * and tells the ketua once.
 */
export function createReassessmentConversation(deps: BotDeps) {
  return async function reassessmentVisit(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const candidates: Candidate[] = await conversation.external(async (outside) =>
      (await reassessmentCandidates(deps.db, outside.actor, deps.clock())).map((candidate) => ({
        ...candidate,
        visit: candidate.visit ? { id: candidate.visit.id, startsAt: candidate.visit.startsAt.getTime() } : null,
      })),
    );
    if (candidates.length === 0) return void (await ctx.reply(ctx.t("reassess-none")));
    const label = (candidate: Candidate) => {
      const text = ctx.t(candidate.declining ? "reassess-rt-button-declining" : candidate.fading ? "reassess-rt-button-fading" : "reassess-rt-button", rtVars(candidate.place));
      return candidate.visit ? ctx.t("reassess-rt-button-planned", { label: text }) : text;
    };
    const prompt = ctx.t(candidates.some((candidate) => candidate.visit) ? "reassess-choose-rt-planned" : "reassess-choose-rt");
    const chosen = await pickOne(conversation, ctx, "reassess-rt", prompt, candidates, label);
    if (!chosen) return;
    const place = chosen.place;
    const allowed = await runOnce(conversation, async (outside) => assertMayPlanReassessment(outside.actor, place));
    if (!allowed.ok) return explain(ctx, allowed);
    keepRight(conversation, rightOf((actor) => assertMayPlanReassessment(actor, place)));
    const locale = await ctx.i18n.getLocale();

    const planned = chosen.visit;
    const before = planned ? formatWhen(new Date(planned.startsAt), locale) : null;
    if (planned && before !== null) {
      const [move, cancelIt, stop] = (["move", "cancel", "stop"] as const).map((action) => reassessVisit.data({ visit: planned.id, action }));
      await ctx.reply(ctx.t("reassess-planned-card", { ...rtVars(place), when: before }), {
        reply_markup: new InlineKeyboard().text(ctx.t("button-visit-move"), move!).text(ctx.t("button-visit-cancel"), cancelIt!).row().text(ctx.t("button-cancel"), stop!),
      });
      const { data, ctx: press } = await waitForChoice(conversation, [move!, cancelIt!, stop!]);
      await press.editMessageReplyMarkup();
      const action = reassessVisit.read(data)!.action;
      if (action === "stop") return void (await press.reply(press.t("action-cancelled")));
      if (action === "cancel") {
        const request = await formRequest(conversation, "reassess-cancel");
        const yes = reassessDrop.data({ visit: planned.id, key: request.id });
        const no = reassessCancel.data({ key: request.id });
        await ctx.reply(ctx.t("reassess-cancel-ask", { ...rtVars(place), when: before }), {
          reply_markup: new InlineKeyboard().text(ctx.t("button-yes"), yes).text(ctx.t("button-cancel"), no),
        });
        const { data: confirmed, ctx: tap } = await waitForChoice(conversation, [yes, no]);
        await tap.editMessageReplyMarkup();
        if (confirmed === no) return void (await tap.reply(tap.t("action-cancelled")));
        const outcome = await runOnce(conversation, async (outside) => {
          const result = await cancelReassessmentVisit(deps, outside.actor, { visitId: planned.id, requestKey: request.key });
          return result.cancelled;
        });
        if (!outcome.ok) return explain(ctx, outcome);
        return void (await ctx.reply(ctx.t(outcome.value ? "reassess-cancelled" : "reassess-cancelled-already", { ...rtVars(place), when: before })));
      }
    }

    const ask = before === null ? ctx.t("reassess-ask-when", rtVars(place)) : ctx.t("reassess-move-ask-when", { ...rtVars(place), before });
    const startsAt = await askWhen(conversation, ctx, deps, ask);
    const request = await formRequest(conversation, "reassess");
    const save = reassessSave.data({ key: request.id });
    const cancel = reassessCancel.data({ key: request.id });
    const when = formatWhen(startsAt, locale);
    await ctx.reply(ctx.t(before === null ? "reassess-confirm" : "reassess-move-confirm", { ...rtVars(place), when, before: before ?? "" }), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-save"), save).text(ctx.t("button-cancel"), cancel),
    });
    const { data, ctx: tap } = await waitForChoice(conversation, [save, cancel]);
    await tap.editMessageReplyMarkup();
    if (data === cancel) return void (await tap.reply(tap.t("action-cancelled")));
    const outcome = await runOnce(conversation, async (outside) => {
      const saved = await planReassessmentVisit(deps, outside.actor, { rtId: place.id, startsAt, requestKey: request.key });
      return { visitId: saved.visitId, movedFrom: saved.movedFrom ? saved.movedFrom.startsAt.getTime() : null };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    // Whatever stood when it was saved was moved (another koordinator may have planned it meanwhile).
    const { movedFrom } = outcome.value;
    if (movedFrom === null) return void (await ctx.reply(ctx.t("reassess-saved", { ...rtVars(place), when })));
    await ctx.reply(ctx.t("reassess-moved", { ...rtVars(place), when, before: formatWhen(new Date(movedFrom), locale) }));
  };
}
