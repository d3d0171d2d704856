import type { Translate } from "../../messages/translate.js";
import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { declineLines, declineSinceAward } from "../../domain/cycle/decline.js";
import { DomainError } from "../../domain/errors.js";
import { headedRtId, isAdmin, type Actor } from "../../domain/people/actor.js";
import { areaScope, canManageRt, coversKelurahan } from "../../domain/roles/scope.js";
import { getRt, listRtsInScope, type RtDetails } from "../../domain/rt/rt.js";
import { DEFAULT_SCORE_CONFIG } from "../../domain/scores/config.js";
import { DIMENSIONS, dimensionKey, isIndicatorCode, shortLabelKey } from "../../domain/scores/indicators.js";
import { findEnteredScore, manualScoreHistory } from "../../domain/scores/manual.js";
import { residentPoints, type RtPeriodMetrics } from "../../domain/scores/metrics.js";
import { categoryKey, type IndicatorResult, type LocaleLine } from "../../domain/scores/scorecard.js";
import { computeStandings, type RtStanding } from "../../domain/scores/standing.js";
import { wibInstant } from "../../domain/schedule/wib.js";
import type { BotContext } from "../context.js";
import { titleOf } from "../../domain/cycle/titles.js";
import { titleLines } from "./award.js";
import { MANUAL_SCORE } from "../conversations/scores.js";
import type { BotDeps } from "../deps.js";
import { chunkLines, formatRupiah, formatWibDay, rtVars } from "../../messages/format.js";
import { clampPage, PAGE_SIZE, paginatedKeyboard, type Choice } from "../keyboards/paginate.js";
import { onButton } from "../buttons.js";
import { dimensionTotalText, scoreTotalText } from "../../messages/score-total.js";
import { areaPage, dashboardButton, mayOpenDashboard } from "../../messages/buttons/dashboard.js";
import type { AppPage } from "../../webapp/links.js";
import { indikatorOpen } from "../../messages/buttons/indikator.js";
import { SCORE_VIEWS, scoreHistory, scorePage, scoreRt, scoreSave, scoreView, type ScoreView } from "../../messages/buttons/scores.js";

export { SCORE_VIEWS, type ScoreView };

export function scoreViewsOf(actor: Actor): ScoreView[] {
  const views: ScoreView[] = [];
  if (isAdmin(actor) || actor.grants.some((grant) => grant.role === "koordinator")) views.push("area");
  if (headedRtId(actor) !== null) views.push("rt");
  if (actor.membership?.status === "active" && actor.person) views.push("me");
  return views;
}

const SPARK = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/**
 * One block per week, by the share of KK taking part: a 12-week trend in one line of text. Only a
 * week with nobody gets the lowest block, so a little activity still shows; "·" without a KK count.
 */
export function sparkline(weeks: readonly RtPeriodMetrics[]): string {
  const block = (rate: number) => (rate <= 0 ? SPARK[0]! : SPARK[Math.min(SPARK.length - 1, Math.max(1, Math.floor(rate * SPARK.length)))]!);
  return weeks.map((week) => (week.participationRate === null ? "·" : block(week.participationRate))).join("");
}

function percentText(t: Translate, rate: number | null): string {
  return rate === null ? t("score-rate-unknown") : `${Math.floor(rate * 100)}%`;
}

function line(t: Translate, locale: LocaleLine): string {
  return t(locale.key, locale.vars);
}

function scoreText(indicator: IndicatorResult): string {
  return indicator.source === "missing" ? "—" : String(indicator.score);
}

/** The ketua's page: 21 indicators by dimension, totals, category and award, trend, weakest three. */
export function scorecardLines(t: Translate, locale: string, place: RtDetails, standing: RtStanding): { header: string; lines: string[] } {
  const { scorecard, trend } = standing;
  const header = t("score-card-title", rtVars(place));
  const lines: string[] = [
    t("score-card-summary", {
      total: scoreTotalText(t, scorecard),
      category: t(categoryKey(scorecard.category.key)),
      households: scorecard.rt.householdCount,
      award: formatRupiah(scorecard.category.award, locale),
    }),
  ];
  if (scorecard.missing > 0) lines.push(t("score-card-missing", { count: scorecard.missing }));
  for (const dimension of DIMENSIONS) {
    lines.push("", t("score-card-dimension", { dimension: t(dimensionKey(dimension)), total: dimensionTotalText(t, scorecard.totals[dimension], scorecard.scoredDimensionMax[dimension]) }));
    for (const indicator of scorecard.indicators.filter((candidate) => candidate.dimension === dimension)) {
      lines.push(t("score-card-indicator", { code: indicator.code, label: t(shortLabelKey(indicator.code)), score: scoreText(indicator) }));
      if (indicator.source === "auto") lines.push(t("score-card-explain", { explanation: line(t, indicator.explanation) }));
      // Scored by hand before the bot measured it: shown as history, so the change of score is explained.
      if (indicator.explanation.key === "score-explain-manual-until-records" && indicator.manual) {
        lines.push(t("score-card-manual-until-records", { date: formatAssessedOn(indicator.manual.assessedOn, locale), days: indicator.explanation.vars.days ?? "" }));
      }
      if (indicator.earlierManual) {
        lines.push(t("score-card-earlier-manual", { score: indicator.earlierManual.score, date: formatAssessedOn(indicator.earlierManual.assessedOn, locale) }));
      }
    }
  }
  lines.push(
    "",
    t("score-card-trend", { trend: t(`score-trend-${standing.direction}`) }),
    t("score-card-sparkline", { sparkline: sparkline(trend.weeks12) }),
    t("score-card-weeks", { weeks: trend.weeks4.map((week) => percentText(t, week.participationRate)).join(" · ") }),
  );
  if (trend.fading.menurun && trend.fading.dropPercent !== null) lines.push(t("score-card-fading", { percent: trend.fading.dropPercent }));
  lines.push("", t("score-card-weakest-title"));
  scorecard.weakest.forEach((indicator, index) => {
    lines.push(t("score-card-weakest", { rank: index + 1, code: indicator.code, label: t(shortLabelKey(indicator.code)), score: scoreText(indicator), suggestion: line(t, indicator.suggestion) }));
  });
  return { header, lines };
}

/** The short name of an indicator, for buttons and list lines: `score-short-b3`. */
function switchRow(t: Translate, actor: Actor, current: ScoreView): Choice[] {
  return scoreViewsOf(actor)
    .filter((view) => view !== current)
    .map((view) => ({ label: t(`button-score-view-${view}`), data: scoreView.data({ view }) }));
}

function keyboardOf(rows: Choice[][]): InlineKeyboard | undefined {
  const filled = rows.filter((row) => row.length > 0);
  if (filled.length === 0) return undefined;
  return InlineKeyboard.from(filled.map((row) => row.map((choice) => InlineKeyboard.text(choice.label, choice.data))));
}

type Screen = { texts: string[]; keyboard: InlineKeyboard | undefined };

/** `keyboard` with a last row opening `page` in the Mini App, when the app is on and the reader has pages there. */
function withDashboard(ctx: BotContext, webappUrl: string | undefined, keyboard: InlineKeyboard | undefined, page: AppPage): InlineKeyboard | undefined {
  const button = mayOpenDashboard(ctx.actor) ? dashboardButton(ctx.t, { webappUrl, chatType: ctx.chat!.type }, page) : undefined;
  if (!button) return keyboard;
  return InlineKeyboard.from([...(keyboard?.inline_keyboard ?? []).filter((row) => row.length > 0), [button]]);
}

/**
 * /skor: a warga sees their points and their RT's standing, a ketua RT the RT's scorecard, a
 * koordinator or admin the RTs in scope ranked with the fading ones first. Someone with several of
 * these roles starts at the highest and gets buttons to the others. Every button is checked again
 * when pressed: an RT outside the presser's reach is refused, whatever the data says.
 */
export function createScoresFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  // Button presses come from private chats only (the bot's messages there).
  const presses = new Composer<BotContext>();
  feature.use(presses);
  const config = DEFAULT_SCORE_CONFIG;

  async function meScreen(ctx: BotContext): Promise<Screen> {
    const actor = ctx.actor;
    const personId = actor.person!.id;
    const rtId = actor.membership!.rtId;
    const now = deps.clock();
    const [points, place, standings] = await Promise.all([
      residentPoints(deps.db, now, config, { personIds: [personId] }),
      getRt(deps.db, rtId),
      computeStandings(deps.db, [rtId], now, config),
    ]);
    const mine = points.get(personId);
    const lines: string[] = [];
    if (!mine) {
      lines.push(ctx.t("score-me-none", { days: config.windowDays }));
    } else {
      lines.push(ctx.t("score-me-title", { days: config.windowDays, points: mine.points, records: mine.records }));
      // Most frequent first; ties by name, so the line reads the same on every call.
      const kinds = Object.entries(mine.byKind)
        .sort(([kindA, a], [kindB, b]) => (b ?? 0) - (a ?? 0) || kindA.localeCompare(kindB))
        .map(([kind, count]) => ctx.t("score-me-kind", { kind: ctx.t(`score-kind-${kind}`), count: count ?? 0 }));
      lines.push(ctx.t("score-me-breakdown", { kinds: kinds.join(" · ") }));
    }
    const titles = titleLines(ctx.t, await titleOf(deps.db, rtId, now));
    const standing = standings[0];
    if (standing) {
      lines.push(
        ctx.t("score-me-rt", {
          ...rtVars(place),
          total: scoreTotalText(ctx.t, standing.scorecard),
          category: ctx.t(categoryKey(standing.scorecard.category.key)),
          trend: ctx.t(`score-trend-${standing.direction}`),
        }),
      );
    }
    lines.push(...titles);
    // What each indicator means and what a resident can do about it (issue 17).
    const indicators: Choice[] = [{ label: ctx.t("button-indikator-open"), data: indikatorOpen.data({}) }];
    return { texts: [lines.join("\n")], keyboard: keyboardOf([switchRow(ctx.t, actor, "me"), indicators]) };
  }

  async function rtScreen(ctx: BotContext, place: RtDetails, current: ScoreView | null): Promise<Screen> {
    const now = deps.clock();
    const [[standing], declines] = await Promise.all([computeStandings(deps.db, [place.id], now, config), declineSinceAward(deps.db, [place.id], now, config)]);
    if (!standing) throw new DomainError("rt-not-found");
    const locale = await ctx.i18n.getLocale();
    const { header, lines } = scorecardLines(ctx.t, locale, place, standing);
    // A title holder below its level before the visit (issue 15): what fell, and what to aim for.
    const decline = declines.get(place.id);
    if (decline) lines.push("", ctx.t("decline-skor-title", { awarded: formatAssessedOn(decline.awardedOn, locale) }), ...declineLines(ctx.t, decline));
    // The titles it holds (issue 15), right under the RT's name.
    lines.unshift(...titleLines(ctx.t, await titleOf(deps.db, place.id, deps.clock())));
    const keyboard = current ? keyboardOf([switchRow(ctx.t, ctx.actor, current)]) : undefined;
    return { texts: chunkLines(header, lines), keyboard: withDashboard(ctx, deps.webappUrl, keyboard, { page: "rt", rtId: place.id }) };
  }

  async function areaScreen(ctx: BotContext, page: number): Promise<Screen> {
    const places = await listRtsInScope(deps.db, areaScope(ctx.actor));
    if (places.length === 0) return { texts: [ctx.t("score-rank-empty")], keyboard: keyboardOf([switchRow(ctx.t, ctx.actor, "area")]) };
    const byId = new Map(places.map((place) => [place.id, place]));
    const ranked = await computeStandings(deps.db, places.map((place) => place.id), deps.clock(), config);
    const current = clampPage(page, ranked.length);
    const lines = ranked.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((standing, index) => {
      const place = byId.get(standing.scorecard.rt.rtId)!;
      const vars = {
        rank: current * PAGE_SIZE + index + 1,
        ...rtVars(place),
        total: scoreTotalText(ctx.t, standing.scorecard),
        rate: percentText(ctx.t, standing.scorecard.metrics.participationRate),
      };
      const fading = standing.trend.fading;
      return fading.menurun ? ctx.t("score-rank-line-fading", { ...vars, drop: fading.dropPercent ?? 0 }) : ctx.t("score-rank-line", vars);
    });
    const fadingCount = ranked.filter((standing) => standing.trend.fading.menurun).length;
    const header = ctx.t("score-rank-title", { count: ranked.length, days: config.windowDays, fading: fadingCount });
    const choices = ranked.map((standing) => {
      const place = byId.get(standing.scorecard.rt.rtId)!;
      const label = ctx.t(standing.trend.fading.menurun ? "score-rank-button-fading" : "score-rank-button", rtVars(place));
      return { label, data: scoreRt.data({ rt: place.id }) };
    });
    const text = `${header}\n\n${lines.join("\n")}\n\n${ctx.t("score-rank-open")}`;
    const keyboard = paginatedKeyboard(choices, current, `${scorePage.prefix}:`, [switchRow(ctx.t, ctx.actor, "area")]);
    return { texts: [text], keyboard: withDashboard(ctx, deps.webappUrl, keyboard, areaPage(ctx.actor)) };
  }

  async function screenOf(ctx: BotContext, view: ScoreView): Promise<Screen> {
    if (view === "area") return areaScreen(ctx, 0);
    if (view === "rt") return rtScreen(ctx, await getRt(deps.db, headedRtId(ctx.actor)!), "rt");
    return meScreen(ctx);
  }

  async function show(ctx: BotContext, screen: Screen): Promise<void> {
    for (const [index, text] of screen.texts.entries()) {
      const last = index === screen.texts.length - 1;
      await ctx.reply(text, last && screen.keyboard ? { reply_markup: screen.keyboard } : {});
    }
  }

  feature.command("skor", async (ctx) => {
    const [view] = scoreViewsOf(ctx.actor);
    // The command's audience already holds one of these roles; this only guards the lookup.
    if (!view) return void (await ctx.reply(ctx.t("error-not-allowed")));
    await show(ctx, await screenOf(ctx, view));
  });

  onButton(presses, scoreView, async (ctx, { view }) => {
    if (!scoreViewsOf(ctx.actor).includes(view)) throw new DomainError("not-allowed");
    const screen = await screenOf(ctx, view);
    await ctx.answerCallbackQuery();
    await show(ctx, screen);
  });

  onButton(presses, scorePage, async (ctx, { page }) => {
    if (!scoreViewsOf(ctx.actor).includes("area")) throw new DomainError("not-allowed");
    const screen = await areaScreen(ctx, page);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(screen.texts[0]!, screen.keyboard ? { reply_markup: screen.keyboard } : {});
  });

  onButton(presses, scoreRt, async (ctx, { rt }) => {
    const place = await getRt(deps.db, rt);
    // Re-checked on every press: the ketua of that RT, a koordinator whose area holds it, an admin.
    if (!canManageRt(ctx.actor, place)) throw new DomainError("out-of-scope");
    const screen = await rtScreen(ctx, place, null);
    await ctx.answerCallbackQuery();
    await show(ctx, screen);
  });

  onButton(presses, scoreHistory, async (ctx, values) => {
    const { code } = values;
    if (!isIndicatorCode(code)) throw new DomainError("indicator-unknown", { code });
    const place = await getRt(deps.db, values.rt);
    if (!coversKelurahan(ctx.actor, place)) throw new DomainError("out-of-scope");
    const history = await manualScoreHistory(deps.db, place.id, code);
    await ctx.answerCallbackQuery();
    const locale = await ctx.i18n.getLocale();
    const vars = { code, ...rtVars(place) };
    if (history.length === 0) return void (await ctx.reply(ctx.t("score-history-empty", vars)));
    const lines = history.map((entry) => {
      const entryVars = { date: formatAssessedOn(entry.assessedOn, locale), score: entry.score, by: entry.enteredByName ?? "-" };
      return entry.note ? ctx.t("score-history-line-note", { ...entryVars, note: entry.note }) : ctx.t("score-history-line", entryVars);
    });
    for (const text of chunkLines(ctx.t("score-history-title", { ...vars, label: ctx.t(shortLabelKey(code)) }), lines)) await ctx.reply(text);
  });

  // The confirm button of /nilai tapped again after the form has ended (a double tap, a redelivery):
  // its data names the entry instant, so the person is told it is saved rather than "stale".
  onButton(presses, scoreSave, async (ctx, { at }) => {
    const personId = ctx.actor.person?.id;
    const saved = personId === undefined ? undefined : await findEnteredScore(deps.db, personId, new Date(at));
    await ctx.answerCallbackQuery({ text: ctx.t(saved ? "score-entry-already-saved" : "fallback-stale-button"), show_alert: saved !== undefined });
  });

  feature.command("nilai", (ctx) => ctx.conversation.enter(MANUAL_SCORE));

  return composer;
}

/** "2026-11-20" as people read it: "Jumat, 20 November 2026". */
export function formatAssessedOn(assessedOn: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(assessedOn);
  if (!match) return assessedOn;
  return formatWibDay(wibInstant({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, { hour: 12, minute: 0 }), locale);
}
