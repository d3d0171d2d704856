import { Composer } from "grammy";
import { uploadPayload } from "../../delivery/attachments.js";
import { enqueueMessages, PRIORITY, type NewOutboxMessage } from "../../delivery/outbox.js";
import { digestScopeOf } from "../../domain/scores/digest-queries.js";
import { buildDigest, digestChart, digestFileName, digestWorkbook, ketuaText, koordinatorText } from "../../reports/digest.js";
import { translateIn, type Translate } from "../../messages/translate.js";
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
    // Not ctx.t: the work runs after the update is done.
    const t: Translate = translateIn(deps.i18n, locale);
    const scope = await digestScopeOf(deps.db, ctx.actor);
    const to = { chatId: ctx.chat!.id, personId: ctx.actor.person?.id ?? null, priority: PRIORITY.notification, notBefore: now };
    return { now, locale, t, scope, to };
  }

  async function send(messages: NewOutboxMessage[]) {
    await enqueueMessages(deps.db, messages);
    deps.wakeDelivery();
  }

  feature.command("ringkasan", async (ctx) => {
    const { now, locale, t, scope, to } = await prepare(ctx);
    if (scope.kind === "none") {
      await ctx.reply(t("digest-koordinator-empty"));
      return;
    }
    await ctx.reply(t("long-work-preparing"));
    await runLongWork(deps, ctx, "digest", async (key) => {
      if (scope.kind === "rt") {
        const text = ketuaText(await buildDigest(deps.db, [scope.rtId], now), t, locale);
        return send([{ ...to, dedupeKey: `${key}:text`, payload: { text } }]);
      }
      const model = await buildDigest(deps.db, scope.rtIds, now);
      const messages: NewOutboxMessage[] = [{ ...to, dedupeKey: `${key}:text`, payload: { text: koordinatorText(model, t, locale) } }];
      if (model.rts.length > 0) {
        const chart = await digestChart(model, t, locale);
        const workbook = await digestWorkbook(model, t);
        messages.push(
          { ...to, dedupeKey: `${key}:chart`, method: "sendPhoto", payload: uploadPayload("sendPhoto", "tren-partisipasi.png", chart, { caption: t("digest-chart-caption") }) },
          { ...to, dedupeKey: `${key}:xlsx`, method: "sendDocument", payload: uploadPayload("sendDocument", digestFileName(model), workbook, { caption: t("digest-xlsx-caption") }) },
        );
      }
      await send(messages);
    });
  });

  feature.command("ekspor", async (ctx) => {
    const { now, t, scope, to } = await prepare(ctx);
    if (scope.kind !== "area" || scope.rtIds.length === 0) {
      await ctx.reply(t("digest-koordinator-empty"));
      return;
    }
    await ctx.reply(t("long-work-preparing"));
    await runLongWork(deps, ctx, "digest-export", async (key) => {
      const model = await buildDigest(deps.db, scope.rtIds, now);
      const workbook = await digestWorkbook(model, t);
      await send([{ ...to, dedupeKey: `${key}:xlsx`, method: "sendDocument", payload: uploadPayload("sendDocument", digestFileName(model), workbook, { caption: t("digest-xlsx-caption") }) }]);
    });
  });

  return composer;
}
