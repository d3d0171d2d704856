import { Composer } from "grammy";
import { digestScopeOf } from "../../domain/scores/digest-queries.js";
import { queueDigestOnDemand } from "../../scheduling/digests.js";
import { runLongWork } from "../background.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * /ringkasan: the weekly digest on demand, as the Monday job would send it now — a koordinator or
 * admin gets the text, the chart and the workbook of their area; a ketua RT their RT's summary.
 * /ekspor: only the workbook (koordinator, admin). Building a digest (queries, a chart, a
 * workbook) takes a while, so the command is answered at once and the digest is built in the
 * background and sent through the outbox, keyed by the update: a redelivery sends nothing twice.
 */
export function createDigestsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  async function prepare(ctx: BotContext) {
    const now = deps.clock();
    const locale = await ctx.i18n.getLocale();
    const scope = await digestScopeOf(deps.db, ctx.actor);
    const to = { chatId: ctx.chat!.id, personId: ctx.actor.person?.id ?? null };
    return { now, locale, scope, to };
  }

  feature.command("ringkasan", async (ctx) => {
    const { now, locale, scope, to } = await prepare(ctx);
    if (scope.kind === "none") {
      await ctx.reply(ctx.t("digest-koordinator-empty"));
      return;
    }
    await ctx.reply(ctx.t("long-work-preparing"));
    await runLongWork(deps, ctx, "digest", async (key) => {
      await queueDigestOnDemand(deps, { what: "digest", scope, to, locale, key }, now);
    });
  });

  feature.command("ekspor", async (ctx) => {
    const { now, locale, scope, to } = await prepare(ctx);
    if (scope.kind !== "area" || scope.rtIds.length === 0) {
      await ctx.reply(ctx.t("digest-koordinator-empty"));
      return;
    }
    await ctx.reply(ctx.t("long-work-preparing"));
    await runLongWork(deps, ctx, "digest-export", async (key) => {
      await queueDigestOnDemand(deps, { what: "workbook", scope, to, locale, key }, now);
    });
  });

  return composer;
}
