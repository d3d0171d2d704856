import { Composer } from "../composer.js";
import { computeRecap } from "../../domain/cycle/recap.js";
import { areaScope } from "../../domain/roles/scope.js";
import { recapChart, recapFileName, recapMessages, recapWorkbook } from "../../reports/recap.js";
import { filePart, textPart, deliverResult, type ResultPart } from "../../jobs/long-work.js";
import { defineLongWork, jobActor, runLongWork } from "../background.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * /rekap: the live recap of the program (RTs, proposed, visited, scored, winners by category,
 * holders, fading holders) per kecamatan and for the area: a koordinator's area, the city for an
 * admin. Built in the background (a city's worth of rows, a chart, a workbook) as a durable job, and
 * sent through the outbox. The area is read again when the job runs, from who asked.
 */
export const recapWork = defineLongWork<Record<string, never>>("recap", async (deps, job) => {
  const actor = await jobActor(deps, job);
  const recap = await computeRecap(deps.db, { scope: areaScope(actor), now: job.now });
  const parts: ResultPart[] = recapMessages(recap, job.t, job.now).map((text, index) => textPart(`text:${index}`, text));
  if (recap.kecamatan.length > 0) {
    parts.push(filePart("chart", "sendPhoto", "rekap-bantar.png", await recapChart(recap, job.t), job.t("recap-chart-caption")));
    parts.push(filePart("xlsx", "sendDocument", recapFileName(job.now), await recapWorkbook(recap, job.t), job.t("recap-xlsx-caption")));
  }
  await deliverResult(deps, job, parts);
});

export function createRecapFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  feature.command("rekap", async (ctx) => {
    await ctx.reply(ctx.t("long-work-preparing"));
    await runLongWork(deps, ctx, recapWork, {});
  });

  return composer;
}
