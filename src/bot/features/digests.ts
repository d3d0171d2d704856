import { Composer } from "../composer.js";
import { digestScopeOf } from "../../domain/scores/digest-queries.js";
import { queueDigestOnDemand, type DigestRequest } from "../../scheduling/digests.js";
import { DomainError } from "../../domain/errors.js";
import { defineLongWork, jobActor, runLongWork } from "../background.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * /ringkasan: the weekly digest on demand, as the Monday job would send it now — a koordinator or
 * admin gets the text, the chart and the workbook of their area; a ketua RT their RT's summary.
 * /ekspor: only the workbook (koordinator, admin). Building a digest (queries, a chart, a
 * workbook) takes a while, so the command is answered at once and the digest is built in the
 * background (a durable job) and sent through the outbox, keyed by the request: a redelivery sends nothing twice.
 */
type DigestWork = Pick<DigestRequest, "what">;

/**
 * Built from the job's data, by whichever process takes it: queued in the outbox under the job's
 * key. The scope is read again from who asked, as they are now (a job queued before a koordinator
 * lost the role sends nothing of the area).
 */
export const digestWork = defineLongWork<DigestWork>("digest", async (deps, job) => {
  const scope = await digestScopeOf(deps.db, await jobActor(deps, job));
  if (scope.kind === "none" || (job.data.what === "workbook" && (scope.kind !== "area" || scope.rtIds.length === 0))) throw new DomainError("not-allowed");
  await queueDigestOnDemand(deps, { what: job.data.what, scope, to: { chatId: job.chatId, personId: job.personId }, locale: job.locale, key: job.key }, job.now);
});

export function createDigestsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");


  feature.command("ringkasan", async (ctx) => {
    const scope = await digestScopeOf(deps.db, ctx.actor);
    if (scope.kind === "none") {
      await ctx.reply(ctx.t("digest-koordinator-empty"));
      return;
    }
    await ctx.reply(ctx.t("long-work-preparing"));
    await runLongWork(deps, ctx, digestWork, { what: "digest" });
  });

  feature.command("ekspor", async (ctx) => {
    const scope = await digestScopeOf(deps.db, ctx.actor);
    if (scope.kind !== "area" || scope.rtIds.length === 0) {
      await ctx.reply(ctx.t("digest-koordinator-empty"));
      return;
    }
    await ctx.reply(ctx.t("long-work-preparing"));
    await runLongWork(deps, ctx, digestWork, { what: "workbook" });
  });

  return composer;
}
