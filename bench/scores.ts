/**
 * npm run bench:scores — the scorecards and the Monday digests of the whole city on the real
 * PostgreSQL server, over the data set of bench/scores-data.ts (1,635 RTs, ~150,000 KK, ~600,000
 * residents, 52 weeks, ~5.2 million participation records; made once and reused).
 *
 * Measured in one process, each the median of `--runs` (default 3) after one warm-up:
 *  - floor: a bare `select count(*) from participation`, the same records with no work on them;
 *  - scorecards: computeScorecards for all RTs (the 28-day window, 21 indicators each);
 *  - trends: computeTrends for all RTs (12 weeks each; part of the digests, shown apart), read from
 *    the weekly rollup and the occurrences' kept attendance (issue 18); and the same 12 weeks and the
 *    scorecards' window worked out from the records as before it, which must be equal (the run
 *    fails otherwise) and shows what the rollup saves;
 *  - digests: planWeeklyDigests end to end, as Monday 07.00 WIB runs it: recipients, scorecards,
 *    trends, counts by kind, then for every koordinator the text, the PNG chart and the XLSX, and
 *    the page of every ketua RT, all queued in the outbox (emptied before each run);
 *  - peak memory: the process's maximum RSS (getrusage).
 * Prints a table and ends with one line of JSON.
 *
 * Options: --size=city|small (small: 5% of the RTs and kelurahan, one run; what CI runs), --runs=3,
 * --fresh (make the data set again)
 */
import { cpus, loadavg } from "node:os";
import { isDeepStrictEqual } from "node:util";
import { asc, sql } from "drizzle-orm";
import { createI18n } from "../src/bot/i18n.js";
import { openDatabase, queryRows, type Database } from "../src/db/client.js";
import { outbox, rt } from "../src/db/schema/index.js";
import { computeScorecards } from "../src/domain/scores/scorecard.js";
import { computeTrends, TREND_WEEKS } from "../src/domain/scores/trend.js";
import { weeklyRtMetrics, windowRtMetrics } from "../src/domain/scores/metrics.js";
import { DEFAULT_SCORE_CONFIG } from "../src/domain/scores/config.js";
import { listDigestRecipients } from "../src/domain/scores/digest-queries.js";
import { createLogger } from "../src/logger.js";
import { digestChart, digestModel, digestWorkbook, loadDigestData } from "../src/reports/digest.js";
import type { Translate } from "../src/messages/translate.js";
import { planWeeklyDigests } from "../src/scheduling/digests.js";
import { BENCH_NOW, openDataSet, SIZES } from "./scores-data.js";
import { flagOption, median, numberOption, sizeOption } from "./support.js";

const { size: SIZE, preset: PRESET } = sizeOption({ city: { runs: 3 }, small: { runs: 1 } } satisfies Record<keyof typeof SIZES, unknown>, "city");
const RUNS = Math.max(1, numberOption("runs", PRESET.runs));
const FRESH = flagOption("fresh");

const TARGETS = { scorecardsMs: 3_000, digestsMs: 15_000, peakRssMb: 500, scorecardsVsFloor: 5, digestsVsFloor: 40 };

/** One warm-up, then `RUNS` timed runs; `before` runs untimed ahead of each. */
async function measure<T>(work: () => Promise<T>, before?: () => Promise<void>): Promise<{ ms: number; all: number[]; result: T }> {
  await before?.();
  let result = await work();
  const all: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await before?.();
    const started = performance.now();
    result = await work();
    all.push(performance.now() - started);
  }
  return { ms: median(all), all, result };
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const n = (value: number) => value.toLocaleString("en-US");
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(): Promise<void> {
  console.log(`bench:scores, size ${SIZE}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const data = await openDataSet(SIZE, { fresh: FRESH, log: (line) => console.log(line) });
  console.log(
    data.generatedMs === null
      ? `Data set ${data.url.replace(/^.*\//, "")} reused (--fresh to make it again).`
      : `Data set made in ${(data.generatedMs / 1000).toFixed(0)} s.`,
  );
  console.log(`${n(data.rts)} RTs, ${n(data.households)} KK, ${n(data.residents)} residents, ${n(data.records)} participation records over 52 weeks.\n`);

  const handle = await openDatabase({ kind: "postgres", url: data.url });
  const db: Database = handle.db;
  try {
    const rtIds = (await db.select({ id: rt.id }).from(rt).orderBy(asc(rt.id))).map((row) => row.id);
    const i18n = createI18n(db);
    const logger = createLogger("silent");
    const recipients = await listDigestRecipients(db);

    const floor = await measure(async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from participation`))[0]!.n);
    const scorecards = await measure(() => computeScorecards(db, rtIds, BENCH_NOW, DEFAULT_SCORE_CONFIG));
    const trends = await measure(() => computeTrends(db, rtIds, BENCH_NOW, DEFAULT_SCORE_CONFIG));
    // The same weeks and window from the records (the reference the rollups must equal), once each.
    const weeklyRecords = await measure(() => weeklyRtMetrics(db, BENCH_NOW, { rtIds, weeks: TREND_WEEKS, fromRecords: true }));
    const weeklyRollup = await weeklyRtMetrics(db, BENCH_NOW, { rtIds, weeks: TREND_WEEKS });
    if (!isDeepStrictEqual(weeklyRollup, weeklyRecords.result)) throw new Error("the 12 weeks read from the rollup differ from the records'");
    const windowRecords = await measure(() => windowRtMetrics(db, BENCH_NOW, { rtIds, fromRecords: true }));
    if (!isDeepStrictEqual(await windowRtMetrics(db, BENCH_NOW, { rtIds }), windowRecords.result)) throw new Error("the window read with the kept attendance differs from the records'");
    const digests = await measure(
      () => planWeeklyDigests({ db, i18n, logger }, BENCH_NOW),
      async () => void (await db.delete(outbox)),
    );
    const expected = recipients.koordinators.length * 3 + recipients.ketuas.length;
    if (digests.result.queued !== expected) throw new Error(`digests queued ${digests.result.queued} messages, expected ${expected}`);

    // Where a digest run's time goes: the shared data once, then each koordinator's chart and workbook.
    const started = performance.now();
    const digestData = await loadDigestData(db, rtIds, BENCH_NOW);
    const loadMs = performance.now() - started;
    const t: Translate = (key, vars) => i18n.t("id", key, vars);
    let chartMs = 0;
    let workbookMs = 0;
    let chartBytes = 0;
    let workbookBytes = 0;
    for (const person of recipients.koordinators) {
      const model = digestModel(digestData, person.rtIds, BENCH_NOW);
      let at = performance.now();
      chartBytes += (await digestChart(model, t, "id")).length;
      chartMs += performance.now() - at;
      at = performance.now();
      workbookBytes += (await digestWorkbook(model, t)).length;
      workbookMs += performance.now() - at;
    }
    const koordinators = recipients.koordinators.length;
    const fading = [...digestData.values()].filter((entry) => entry.trend.fading.menurun).length;
    const peak = peakRssMb();

    const ratio = (value: number) => `${(value / floor.ms).toFixed(1)}× floor`;
    /** Issue 18's targets, as ratios to the floor of this run: scorecards ≤ 5×, digests ≤ 40×. */
    const byFloor = (value: number, target: number) => `≤ ${target}× floor: ${value / floor.ms <= target ? "within" : "OVER"}`;
    const verdict = (value: number, target: number) => (value <= target ? "within" : "OVER");
    console.log(`| measure (median of ${RUNS}, after a warm-up) | time | vs floor | target |`);
    console.log("|---|---:|---:|---|");
    console.log(`| floor: select count(*) over ${n(floor.result)} records | ${ms(floor.ms)} | 1.0× | |`);
    console.log(`| all ${n(scorecards.result.length)} scorecards (28-day window, 21 indicators) | ${ms(scorecards.ms)} | ${ratio(scorecards.ms)} | ≤ 3 s: ${verdict(scorecards.ms, TARGETS.scorecardsMs)}; ${byFloor(scorecards.ms, TARGETS.scorecardsVsFloor)} |`);
    console.log(`| all ${n(trends.result.length)} 12-week trends (part of the digests), from the rollup | ${ms(trends.ms)} | ${ratio(trends.ms)} | |`);
    console.log(`| the same 12 weeks worked out from the records (before issue 18; equal) | ${ms(weeklyRecords.ms)} | ${ratio(weeklyRecords.ms)} | |`);
    console.log(`| the scorecards' window worked out from the records (before issue 18; equal) | ${ms(windowRecords.ms)} | ${ratio(windowRecords.ms)} | |`);
    console.log(`| all weekly digests: ${koordinators} koordinator (text + chart + XLSX), ${n(recipients.ketuas.length)} ketua RT, ${n(digests.result.queued)} outbox rows | ${ms(digests.ms)} | ${ratio(digests.ms)} | ≤ 15 s: ${verdict(digests.ms, TARGETS.digestsMs)}; ${byFloor(digests.ms, TARGETS.digestsVsFloor)} |`);
    console.log(`| peak RSS of this process | ${peak.toFixed(0)} MB | | ≤ 500 MB: ${verdict(peak, TARGETS.peakRssMb)} |`);
    console.log(`\nRuns: scorecards ${scorecards.all.map(ms).join(", ")}; trends ${trends.all.map(ms).join(", ")}; 12 weeks from the records ${weeklyRecords.all.map(ms).join(", ")}; digests ${digests.all.map(ms).join(", ")}; floor ${floor.all.map(ms).join(", ")}.`);
    console.log(
      `A digest run, apart: shared data (scorecards, trends, counts by kind, names) ${ms(loadMs)}; charts ${ms(chartMs)} (${ms(chartMs / koordinators)} each, ${n(Math.round(chartBytes / koordinators / 1024))} KB); ` +
        `workbooks ${ms(workbookMs)} (${ms(workbookMs / koordinators)} each, ${n(Math.round(workbookBytes / koordinators / 1024))} KB). ${n(fading)} RTs flagged menurun.`,
    );
    console.log(
      JSON.stringify({
        bench: "scores",
        size: SIZE,
        rts: data.rts,
        records: floor.result,
        scorecards_ms: Math.round(scorecards.ms),
        trends_ms: Math.round(trends.ms),
        digests_ms: Math.round(digests.ms),
        floor_count_ms: Math.round(floor.ms),
        scorecards_vs_floor: Number((scorecards.ms / floor.ms).toFixed(1)),
        digests_vs_floor: Number((digests.ms / floor.ms).toFixed(1)),
        trends_vs_floor: Number((trends.ms / floor.ms).toFixed(1)),
        trends_records_ms: Math.round(weeklyRecords.ms),
        trends_records_vs_floor: Number((weeklyRecords.ms / floor.ms).toFixed(1)),
        window_records_ms: Math.round(windowRecords.ms),
        window_records_vs_floor: Number((windowRecords.ms / floor.ms).toFixed(1)),
        digest_charts_ms: Math.round(chartMs),
        digest_data_ms: Math.round(loadMs),
        peak_rss_mb: Math.round(peak),
      }),
    );
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
