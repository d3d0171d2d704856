import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { DomainError } from "../../domain/errors.js";
import { isAdmin } from "../../domain/people/actor.js";
import { areaScope } from "../../domain/roles/scope.js";
import { listRtsInScope, type RtDetails } from "../../domain/rt/rt.js";
import { ownIndicatorRt, readIndicators } from "../../domain/scores/indikator.js";
import { DIMENSIONS, dimensionKey, shortLabelKey, type Dimension } from "../../domain/scores/indicators.js";
import type { IndicatorResult, Scorecard } from "../../domain/scores/scorecard.js";
import { indikatorGroup, indikatorOpen, indikatorPage, indikatorRt } from "../../messages/buttons/indikator.js";
import { rtVars } from "../../messages/format.js";
import { dimensionTotalText, scoreTotalText } from "../../messages/score-total.js";
import type { Translate } from "../../messages/translate.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { paginatedKeyboard } from "../keyboards/paginate.js";

/** The locale keys of the plain words and the resident's tip of an indicator (issue 17). */
export function plainKey(code: string): string {
  return `indikator-plain-${code.toLowerCase()}`;
}
export function tipKey(code: string): string {
  return `indikator-tip-${code.toLowerCase()}`;
}

function statusText(t: Translate, indicator: IndicatorResult): string {
  if (indicator.source === "missing") return t("indikator-status-missing");
  return t(indicator.score === 2 ? "indikator-status-good" : indicator.score === 1 ? "indikator-status-fair" : "indikator-status-poor");
}

/**
 * One group of an RT's indicators: the seven in plain words, where the RT stands on each (the
 * scorecard's score, and for a measured one what it was measured from), and for a weak one (0, 1 or
 * not yet scored) what a resident can do. One group per message keeps each well under Telegram's
 * 4,096 characters (test/bot/indikator.test.ts checks the longest).
 */
export function indicatorGroupText(t: Translate, place: RtDetails, scorecard: Scorecard, dimension: Dimension): string {
  const lines = [
    t("indikator-title", rtVars(place)),
    t("indikator-total", { total: scoreTotalText(t, scorecard) }),
    "",
    t("indikator-group", { dimension: t(dimensionKey(dimension)), total: dimensionTotalText(t, scorecard.totals[dimension], scorecard.scoredDimensionMax[dimension]) }),
  ];
  for (const indicator of scorecard.indicators.filter((candidate) => candidate.dimension === dimension)) {
    lines.push("", t("indikator-line", { code: indicator.code, label: t(shortLabelKey(indicator.code)), status: statusText(t, indicator) }));
    lines.push(t("indikator-plain", { text: t(plainKey(indicator.code)) }));
    if (indicator.source === "auto") lines.push(t("indikator-measured", { explanation: t(indicator.explanation.key, indicator.explanation.vars) }));
    if (indicator.source === "missing" || indicator.score < 2) lines.push(t("indikator-tip", { tip: t(tipKey(indicator.code)) }));
  }
  lines.push("", t("indikator-footer"));
  return lines.join("\n");
}

/**
 * /indikator: the 21 indicators in plain words, what the reader's RT stands at on each and what a
 * resident can do about the weak ones, a group (Bersih, Aman, Pintar) at a time behind buttons. A
 * resident or ketua reads their own RT; a koordinator or admin without one picks an RT of their
 * area. Every press is checked again (readIndicators): an RT outside the presser's reach is refused.
 */
export function createIndikatorFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  // Button presses come from private chats only (the bot's messages there).
  const presses = new Composer<BotContext>();
  feature.use(presses);

  function keyboardOf(ctx: BotContext, rtId: number, current: Dimension): InlineKeyboard {
    const keyboard = new InlineKeyboard();
    for (const dimension of DIMENSIONS) {
      const label = ctx.t(dimensionKey(dimension));
      keyboard.text(dimension === current ? `• ${label} •` : label, indikatorGroup.data({ rt: rtId, dimension }));
    }
    if (isAdmin(ctx.actor) || ctx.actor.grants.some((grant) => grant.role === "koordinator")) keyboard.row().text(ctx.t("button-indikator-other-rt"), indikatorPage.data({ page: 0 }));
    return keyboard;
  }

  async function groupScreen(ctx: BotContext, rtId: number, dimension: Dimension): Promise<{ text: string; keyboard: InlineKeyboard }> {
    const { place, scorecard } = await readIndicators(deps.db, ctx.actor, { rtId, now: deps.clock() });
    return { text: indicatorGroupText(ctx.t, place, scorecard, dimension), keyboard: keyboardOf(ctx, place.id, dimension) };
  }

  async function pickerScreen(ctx: BotContext, page: number): Promise<{ text: string; keyboard: InlineKeyboard }> {
    const places = await listRtsInScope(deps.db, areaScope(ctx.actor));
    if (places.length === 0) return { text: ctx.t("indikator-no-rts"), keyboard: new InlineKeyboard() };
    const choices = places.map((place) => ({ label: ctx.t("indikator-rt-button", rtVars(place)), data: indikatorRt.data({ rt: place.id }) }));
    return { text: ctx.t("indikator-pick-rt", { count: places.length }), keyboard: paginatedKeyboard(choices, page, (n) => indikatorPage.data({ page: n })) };
  }

  async function open(ctx: BotContext): Promise<void> {
    const rtId = ownIndicatorRt(ctx.actor);
    const screen = rtId !== null ? await groupScreen(ctx, rtId, "bersih") : await pickerScreen(ctx, 0);
    await ctx.reply(screen.text, { reply_markup: screen.keyboard });
  }

  feature.command("indikator", open);

  onButton(presses, indikatorOpen, async (ctx) => {
    await ctx.answerCallbackQuery();
    await open(ctx);
  });

  onButton(presses, indikatorGroup, async (ctx, { rt, dimension }) => {
    const screen = await groupScreen(ctx, rt, dimension);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
  });

  onButton(presses, indikatorRt, async (ctx, { rt }) => {
    const screen = await groupScreen(ctx, rt, "bersih");
    await ctx.answerCallbackQuery();
    await ctx.reply(screen.text, { reply_markup: screen.keyboard });
  });

  onButton(presses, indikatorPage, async (ctx, { page }) => {
    // Only staff of an area have a list; the audience already says so, this guards the lookup.
    if (!isAdmin(ctx.actor) && !ctx.actor.grants.some((grant) => grant.role === "koordinator")) throw new DomainError("not-allowed");
    const screen = await pickerScreen(ctx, page);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
  });

  return composer;
}
