import { Composer } from "../composer.js";
import { recapChoices, teamRecapView, type RecapView } from "../../domain/cycle/assessment.js";
import { MAX_INDICATOR_SCORE, shortLabelKey, type IndicatorCode } from "../../domain/scores/indicators.js";
import { onsiteGo, onsiteRecap, onsiteRecapPage } from "../../messages/buttons/onsite.js";
import { chunkLines, rtVars } from "../../messages/format.js";
import { scoreTotalText } from "../../messages/score-total.js";
import type { Translate } from "../../messages/translate.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import { TEAM_SCORE, type OnsiteStart } from "../conversations/onsite.js";
import type { BotDeps } from "../deps.js";
import { paginatedKeyboard } from "../keyboards/paginate.js";

/** The agencies' names (locale keys written out, so the locale check sees each one). */
const AGENCY_KEYS: Readonly<Record<string, string>> = {
  dpmppa: "agency-dpmppa",
  babinsa: "agency-babinsa",
  babinkamtibmas: "agency-babinkamtibmas",
  dlh: "agency-dlh",
  dandim_polsek: "agency-dandim_polsek",
  puskesmas: "agency-puskesmas",
  forum_rt_kelurahan: "agency-forum_rt_kelurahan",
  forum_rt_kecamatan: "agency-forum_rt_kecamatan",
  forum_rt_kota: "agency-forum_rt_kota",
};

function agencyName(t: Translate, agency: string | undefined): string {
  const key = agency === undefined ? undefined : AGENCY_KEYS[agency];
  return key ? t(key) : "-";
}

/**
 * The recap as text: per indicator the combined score (the median rule of combine.ts) and every
 * assessor's latest score with their agency (and name, except for the ketua), the records' level
 * and the reason where the assessor differed, and their note; the total out of 42 and the unscored.
 */
export function recapLines(t: Translate, view: RecapView): { header: string; lines: string[] } {
  const { recap } = view;
  const header = t("onsite-recap-title", { ...rtVars(view.rt), year: String(view.year) });
  const lines = [
    t("onsite-recap-summary", { total: scoreTotalText(t, { overall: recap.total, scoredMax: recap.scored * MAX_INDICATOR_SCORE, missing: recap.unscored }), assessors: recap.assessors }),
    t("onsite-recap-rule"),
    "",
  ];
  for (const indicator of recap.indicators) {
    const label = t(shortLabelKey(indicator.code as IndicatorCode));
    const withheld = view.withheld[indicator.code as IndicatorCode];
    if (withheld) {
      lines.push(t("onsite-recap-line-withheld", { code: indicator.code, label, count: withheld }));
      continue;
    }
    if (indicator.combined === null) {
      lines.push(t("onsite-recap-line-none", { code: indicator.code, label }));
      continue;
    }
    lines.push(t("onsite-recap-line", { code: indicator.code, label, score: indicator.combined }));
    for (const entry of indicator.scores) {
      const who = view.assessors[entry.personId];
      const agency = agencyName(t, who?.agency);
      const by = who?.name ? t("onsite-recap-by-named", { agency, name: who.name }) : agency;
      const parts = [t("onsite-recap-entry", { by, score: entry.score })];
      if (entry.automaticScore !== null && entry.automaticScore !== entry.score) parts.push(t("onsite-recap-override", { automatic: entry.automaticScore, reason: entry.overrideReason ?? "-" }));
      if (entry.note) parts.push(t("onsite-recap-note", { note: entry.note }));
      lines.push(parts.join(" · "));
    }
  }
  return { header, lines };
}

/**
 * /nilaitim opens the on-site form; /rekaptim shows an RT's team recap: straight away when the
 * person may open one only, else a list. Every button is checked again when pressed
 * (teamRecapView refuses an RT or round that is not the presser's).
 */
export function createOnsiteFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  const presses = new Composer<BotContext>();
  feature.use(presses);

  async function show(ctx: BotContext, roundId: number, rtId: number): Promise<void> {
    const view = await teamRecapView(deps.db, ctx.actor, { roundId, rtId });
    const { header, lines } = recapLines(ctx.t, view);
    for (const text of chunkLines(header, lines)) await ctx.reply(text);
  }

  // Paged: an admin's list is a city's proposals (975), more than Telegram takes on one keyboard.
  async function recapKeyboard(ctx: BotContext, choices: Awaited<ReturnType<typeof recapChoices>>, page: number) {
    const buttons = choices.map((choice) => ({ label: ctx.t("onsite-rt-button", { ...rtVars(choice.rt), year: String(choice.year) }), data: onsiteRecap.data({ round: choice.roundId, rt: choice.rt.id }) }));
    return paginatedKeyboard(buttons, page, (n) => onsiteRecapPage.data({ page: n }));
  }

  onButton(presses, onsiteRecapPage, async (ctx, { page }) => {
    const choices = await recapChoices(deps.db, ctx.actor);
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: await recapKeyboard(ctx, choices, page) });
  });

  feature.command("nilaitim", (ctx) => ctx.conversation.enter(TEAM_SCORE));

  feature.command("rekaptim", async (ctx) => {
    const choices = await recapChoices(deps.db, ctx.actor);
    if (choices.length === 0) return void (await ctx.reply(ctx.t("onsite-recap-none")));
    if (choices.length === 1) return show(ctx, choices[0]!.roundId, choices[0]!.rt.id);
    const keyboard = await recapKeyboard(ctx, choices, 0);
    await ctx.reply(ctx.t("onsite-recap-choose"), { reply_markup: keyboard });
  });

  // "Berikutnya": the form again at the next indicator (the form checks the scope when it opens).
  // A second tap restarts that screen; the first screen's buttons are then stale.
  onButton(presses, onsiteGo, async (ctx, { round, rt, code }) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(TEAM_SCORE, { roundId: round, rtId: rt, code: code as NonNullable<OnsiteStart>["code"] } satisfies OnsiteStart);
  });

  onButton(presses, onsiteRecap, async (ctx, { round, rt }) => {
    await show(ctx, round, rt);
    await ctx.answerCallbackQuery();
  });

  return composer;
}
