import { Composer, InputFile } from "grammy";
import { computeRecap } from "../../domain/cycle/recap.js";
import { areaScope } from "../../domain/roles/scope.js";
import { recapChart, recapFileName, recapMessages, recapWorkbook } from "../../reports/recap.js";
import { runLongWork } from "../background.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * /rekap: the live recap of the program (RTs, proposed, visited, scored, winners by category,
 * holders, fading holders) per kecamatan and for the area: a koordinator's area, the city for an
 * admin. Built in the background (a city's worth of rows, a chart, a workbook) and sent straight to
 * the person: it only reads, so it writes no rows.
 */
export function createRecapFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  feature.command("rekap", async (ctx) => {
    const now = deps.clock();
    const locale = await ctx.i18n.getLocale();
    const scope = areaScope(ctx.actor);
    const { api } = ctx;
    const chatId = ctx.chat.id;
    await ctx.reply(ctx.t("long-work-preparing"));
    await runLongWork(deps, ctx, "recap", async () => {
      const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(locale, key, vars);
      const recap = await computeRecap(deps.db, { scope, now });
      for (const text of recapMessages(recap, t, now)) await api.sendMessage(chatId, text);
      if (recap.kecamatan.length === 0) return;
      await api.sendPhoto(chatId, new InputFile(await recapChart(recap, t), "rekap-bantar.png"), { caption: t("recap-chart-caption") });
      await api.sendDocument(chatId, new InputFile(await recapWorkbook(recap, t), recapFileName(now)), { caption: t("recap-xlsx-caption") });
    });
  });

  return composer;
}
