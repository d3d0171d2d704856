import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import type { AwardCategory } from "../../domain/cycle/award.js";
import type { RoundPhase } from "../../domain/cycle/rounds.js";
import { findRoundByRequestKey, listRounds, localDateOf } from "../../domain/cycle/opening.js";
import { assessmentPreview, previewChoices, previewStart, type AssessmentPreview } from "../../domain/cycle/preview.js";
import { deadlineVar, mayPropose, proposalBoard, proposeRt, withdrawProposal, type ProposalBoard, type ProposalRow } from "../../domain/cycle/proposals.js";
import type { Readiness } from "../../domain/cycle/readiness.js";
import { DomainError } from "../../domain/errors.js";
import { DIMENSIONS, dimensionKey, isAutomatic, rubricKey, shortLabelKey } from "../../domain/scores/indicators.js";
import { proposalAdd, proposalPage, proposalWithdraw, previewPage, previewRt, roundNew, roundSave } from "../../messages/buttons/rounds.js";
import { chunkLines, formatCalendarDay, formatWhen, rtVars } from "../../messages/format.js";
import type { Translate } from "../../messages/translate.js";
import { onButton } from "../buttons.js";
import { redraw } from "../redraw.js";
import type { BotContext } from "../context.js";
import { OPEN_ROUND } from "../conversations/rounds.js";
import type { BotDeps } from "../deps.js";
import { clampPage, NOOP_DATA, pageCount, PAGE_SIZE, paginatedKeyboard } from "../keyboards/paginate.js";

/** The locale keys this feature builds (test/bot/cycle-rounds.test.ts checks each exists). */
export function roundPhaseKey(phase: RoundPhase): string {
  return `round-phase-${phase}`;
}
export function roundCategoryKey(category: AwardCategory): string {
  return `round-category-${category}`;
}

type Screen = { text: string; keyboard?: InlineKeyboard };

function day(iso: string, locale: string): string {
  return formatCalendarDay(localDateOf(iso), locale);
}

/** "RT 05 · 120 KK (Besar) · otomatis 4/6 baik · 15 belum dinilai" */
export function readinessLine(t: Translate, place: { number: number; kelurahanName: string; kecamatanName: string }, readiness: Readiness): string {
  return t("proposal-readiness-line", {
    ...rtVars(place),
    households: readiness.householdCount,
    category: t(roundCategoryKey(readiness.category)),
    good: readiness.automaticGood,
    automatic: readiness.automatic.length,
    unscored: readiness.unscored.length,
  });
}

/** A refusal naming the deadline names it as people read it, not as the database stores it. */
async function localized<T>(ctx: BotContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && error.code === "round-proposals-closed" && typeof error.vars.deadline === "string" && /^\d{4}-\d{2}-\d{2}$/.test(error.vars.deadline)) {
      throw new DomainError(error.code, { ...error.vars, deadline: deadlineVar(error.vars.deadline, await ctx.i18n.getLocale()) });
    }
    throw error;
  }
}

/**
 * /putaran (admin): the rounds and a button to open one; /usulkan (koordinator, admin): the area's
 * RTs with their readiness, to propose or withdraw; /penilaian (ketua, koordinator, admin): what the
 * team will look at in an RT. Every press is checked again by the service (area, round, title).
 */
export function createRoundsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  const presses = new Composer<BotContext>();
  feature.use(presses);

  // --- /putaran ---
  async function roundsScreen(ctx: BotContext): Promise<Screen> {
    const locale = await ctx.i18n.getLocale();
    const rounds = await listRounds(deps.db, deps.clock());
    const lines = rounds.map((round) =>
      ctx.t("round-list-line", {
        year: String(round.year),
        phase: ctx.t(roundPhaseKey(round.phase)),
        deadline: day(round.proposalDeadline, locale),
        from: day(round.visitFrom, locale),
        to: day(round.visitTo, locale),
        decision: day(round.decisionOn, locale),
        proposed: round.proposed,
        visited: round.visited,
        decided: round.decided,
      }),
    );
    const text = rounds.length === 0 ? ctx.t("round-list-empty") : [ctx.t("round-list-title"), "", ...lines].join("\n");
    // A new round only once every round is decided (openRound refuses it too).
    const keyboard = rounds.some((round) => round.decidedAt === null) ? undefined : new InlineKeyboard().text(ctx.t("round-button-new"), roundNew.data({}));
    return { text, keyboard };
  }

  feature.command("putaran", async (ctx) => {
    const screen = await roundsScreen(ctx);
    await ctx.reply(screen.text, screen.keyboard ? { reply_markup: screen.keyboard } : {});
  });

  onButton(presses, roundNew, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(OPEN_ROUND);
  });

  // "Simpan" tapped again after the form ended (double tap, redelivery): the round is there, say so.
  onButton(presses, roundSave, async (ctx, { key }) => {
    const saved = await findRoundByRequestKey(deps.db, `round:${key}`);
    await ctx.answerCallbackQuery({ text: saved ? ctx.t("round-already-saved", { year: String(saved.year) }) : ctx.t("fallback-stale-button"), show_alert: saved !== undefined });
  });

  // --- /usulkan ---
  function rowLine(t: Translate, row: ProposalRow): string {
    const line = readinessLine(t, row.place, row.readiness);
    if (row.holder) return t("proposal-line-holder", { line });
    if (row.proposalId !== null) return t("proposal-line-proposed", { line });
    return t("proposal-line-open", { line });
  }

  function boardScreen(ctx: BotContext, board: ProposalBoard, page: number, locale: string): Screen {
    const { round, phase, rows } = board;
    const current = clampPage(page, rows.length);
    const shown = rows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
    const open = phase === "proposals";
    const header = ctx.t(open ? "proposal-board-title" : "proposal-board-closed", {
      year: String(round.year),
      deadline: day(round.proposalDeadline, locale),
      proposed: rows.filter((row) => row.proposalId !== null).length,
      count: rows.length,
    });
    const body = rows.length === 0 ? ctx.t("proposal-board-empty") : shown.map((row) => rowLine(ctx.t, row)).join("\n");
    const keyboard = new InlineKeyboard();
    if (open) {
      for (const row of shown) {
        if (row.holder) continue;
        if (row.proposalId === null) keyboard.text(ctx.t("proposal-button-add", rtVars(row.place)), proposalAdd.data({ round: round.id, rt: row.place.id })).row();
        else keyboard.text(ctx.t("proposal-button-withdraw", rtVars(row.place)), proposalWithdraw.data({ proposal: row.proposalId })).row();
      }
    }
    const pages = pageCount(rows.length);
    if (pages > 1) {
      if (current > 0) keyboard.text("◀", proposalPage.data({ page: current - 1 }));
      keyboard.text(`${current + 1}/${pages}`, NOOP_DATA);
      if (current < pages - 1) keyboard.text("▶", proposalPage.data({ page: current + 1 }));
    }
    return { text: `${header}\n\n${body}`, keyboard: keyboard.inline_keyboard.some((line) => line.length > 0) ? keyboard : undefined };
  }

  async function board(ctx: BotContext): Promise<ProposalBoard | null> {
    return proposalBoard(deps.db, ctx.actor, deps.clock());
  }

  function markup(screen: Screen) {
    return screen.keyboard ? { reply_markup: screen.keyboard } : {};
  }

  feature.command("usulkan", async (ctx) => {
    if (!mayPropose(ctx.actor)) throw new DomainError("not-allowed");
    const found = await board(ctx);
    if (!found) return void (await ctx.reply(ctx.t("round-none")));
    const screen = boardScreen(ctx, found, 0, await ctx.i18n.getLocale());
    await ctx.reply(screen.text, markup(screen));
  });

  onButton(presses, proposalPage, async (ctx, { page }) => {
    const found = await board(ctx);
    await ctx.answerCallbackQuery();
    if (!found) return void (await ctx.reply(ctx.t("round-none")));
    const screen = boardScreen(ctx, found, page, await ctx.i18n.getLocale());
    await redraw(ctx, screen.text, screen.keyboard);
  });

  /** After a proposal or a withdrawal: the board redrawn in place, at the page of the RT acted on. */
  async function redrawBoard(ctx: BotContext, rtId: number): Promise<void> {
    const found = await board(ctx);
    if (!found) return;
    const index = found.rows.findIndex((row) => row.place.id === rtId);
    const screen = boardScreen(ctx, found, index < 0 ? 0 : Math.floor(index / PAGE_SIZE), await ctx.i18n.getLocale());
    await redraw(ctx, screen.text, screen.keyboard);
  }

  onButton(presses, proposalAdd, async (ctx, values) => {
    const result = await localized(ctx, () => proposeRt(deps, ctx.actor, { roundId: values.round, rtId: values.rt }));
    const vars = { ...rtVars(result.place), year: String(result.round.year) };
    await ctx.answerCallbackQuery({ text: ctx.t(result.created ? "proposal-done" : "proposal-already", vars) });
    await redrawBoard(ctx, result.place.id);
  });

  onButton(presses, proposalWithdraw, async (ctx, values) => {
    const result = await localized(ctx, () => withdrawProposal(deps, ctx.actor, { proposalId: values.proposal }));
    const vars = { ...rtVars(result.place), year: String(result.round.year) };
    await ctx.answerCallbackQuery({ text: ctx.t(result.withdrawn ? "proposal-withdrawn" : "proposal-already-withdrawn", vars) });
    await redrawBoard(ctx, result.place.id);
  });

  // --- /penilaian ---
  function previewTexts(ctx: BotContext, preview: AssessmentPreview, locale: string): string[] {
    const { place, round, readiness } = preview;
    const lines: string[] = [];
    if (!round) lines.push(ctx.t("preview-no-round"));
    else {
      lines.push(
        ctx.t("preview-round", { year: String(round.year), phase: ctx.t(roundPhaseKey(preview.phase!)), deadline: day(round.proposalDeadline, locale), from: day(round.visitFrom, locale), to: day(round.visitTo, locale), decision: day(round.decisionOn, locale) }),
      );
      if (preview.holder) lines.push(ctx.t("preview-holder"));
      else lines.push(ctx.t(preview.proposed ? "preview-proposed" : "preview-not-proposed", { year: String(round.year) }));
      if (preview.visitAt) lines.push(ctx.t("preview-visit", { when: formatWhen(preview.visitAt, locale) }));
      else if (preview.proposed) lines.push(ctx.t("preview-visit-none"));
    }
    lines.push(ctx.t("preview-summary", { households: readiness.householdCount, category: ctx.t(roundCategoryKey(readiness.category)), good: readiness.automaticGood, automatic: readiness.automatic.length, unscored: readiness.unscored.length }));
    for (const dimension of DIMENSIONS) {
      lines.push("", ctx.t("preview-dimension", { dimension: ctx.t(dimensionKey(dimension)) }));
      for (const indicator of readiness.scorecard.indicators.filter((candidate) => candidate.dimension === dimension)) {
        const vars = { code: indicator.code, label: ctx.t(shortLabelKey(indicator.code)), score: indicator.score };
        if (isAutomatic(indicator.code)) {
          lines.push(ctx.t("preview-indicator-auto", vars), ctx.t("preview-explain", { explanation: ctx.t(indicator.explanation.key, indicator.explanation.vars) }));
        } else if (indicator.source === "missing") {
          lines.push(ctx.t("preview-indicator-unscored", vars));
        } else {
          lines.push(ctx.t("preview-indicator-manual", vars));
        }
        // What good looks like, for every indicator not yet at 2 (unscored ones too).
        if (indicator.score < 2 || indicator.source === "missing") lines.push(ctx.t("preview-rubric", { rubric: ctx.t(rubricKey(indicator.code, 2)) }));
      }
    }
    return chunkLines(ctx.t("preview-title", rtVars(place)), lines);
  }

  async function showPreview(ctx: BotContext, rtId: number): Promise<void> {
    const preview = await assessmentPreview(deps.db, ctx.actor, { rtId, now: deps.clock() });
    const locale = await ctx.i18n.getLocale();
    for (const text of previewTexts(ctx, preview, locale)) await ctx.reply(text);
  }

  async function previewList(ctx: BotContext, page: number): Promise<Screen> {
    const choices = await previewChoices(deps.db, ctx.actor);
    if (choices.length === 0) return { text: ctx.t("score-rank-empty") };
    const buttons = choices.map((choice) => ({ label: ctx.t(choice.proposed ? "preview-button-proposed" : "preview-button", rtVars(choice.place)), data: previewRt.data({ rt: choice.place.id }) }));
    return { text: ctx.t("preview-choose", { proposed: choices.filter((choice) => choice.proposed).length, count: choices.length }), keyboard: paginatedKeyboard(buttons, page, (n) => previewPage.data({ page: n })) };
  }

  feature.command("penilaian", async (ctx) => {
    const start = previewStart(ctx.actor);
    if (!start) throw new DomainError("not-allowed");
    if (start.kind === "rt") return showPreview(ctx, start.rtId);
    const screen = await previewList(ctx, 0);
    await ctx.reply(screen.text, markup(screen));
  });

  onButton(presses, previewRt, async (ctx, { rt }) => {
    await showPreview(ctx, rt);
    await ctx.answerCallbackQuery();
  });

  onButton(presses, previewPage, async (ctx, { page }) => {
    const screen = await previewList(ctx, page);
    await ctx.answerCallbackQuery();
    await redraw(ctx, screen.text, screen.keyboard);
  });

  return composer;
}
