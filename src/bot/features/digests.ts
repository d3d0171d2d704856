import { Composer, InputFile } from "grammy";
import { digestScopeOf } from "../../domain/scores/digest-queries.js";
import { buildDigest, digestChart, digestFileName, digestWorkbook, ketuaText, koordinatorText, type Translate } from "../../reports/digest.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * /ringkasan: the weekly digest on demand, as the Monday job would send it now — a koordinator or
 * admin gets the text, the chart and the workbook of their area; a ketua RT their RT's summary.
 * /ekspor: only the workbook (koordinator, admin). Replies go straight out, not through the outbox:
 * the person is waiting for them.
 */
export function createDigestsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  async function prepare(ctx: BotContext) {
    const now = deps.clock();
    const locale = await ctx.i18n.getLocale();
    const t: Translate = (key, vars) => ctx.t(key, vars);
    const scope = await digestScopeOf(deps.db, ctx.actor);
    return { now, locale, t, scope };
  }

  feature.command("ringkasan", async (ctx) => {
    const { now, locale, t, scope } = await prepare(ctx);
    if (scope.kind === "none") {
      await ctx.reply(t("digest-koordinator-empty"));
      return;
    }
    if (scope.kind === "rt") {
      await ctx.reply(ketuaText(await buildDigest(deps.db, [scope.rtId], now), t, locale));
      return;
    }
    const model = await buildDigest(deps.db, scope.rtIds, now);
    await ctx.reply(koordinatorText(model, t, locale));
    if (model.rts.length === 0) return;
    await ctx.replyWithPhoto(new InputFile(await digestChart(model, t, locale), "tren-partisipasi.png"), { caption: t("digest-chart-caption") });
    await ctx.replyWithDocument(new InputFile(await digestWorkbook(model, t), digestFileName(model)), { caption: t("digest-xlsx-caption") });
  });

  feature.command("ekspor", async (ctx) => {
    const { now, t, scope } = await prepare(ctx);
    if (scope.kind !== "area" || scope.rtIds.length === 0) {
      await ctx.reply(t("digest-koordinator-empty"));
      return;
    }
    const model = await buildDigest(deps.db, scope.rtIds, now);
    await ctx.replyWithDocument(new InputFile(await digestWorkbook(model, t), digestFileName(model)), { caption: t("digest-xlsx-caption") });
  });

  return composer;
}
