/**
 * npm run bench:monthly — issue 17's monthly resident summary for the whole city, and the "what it
 * counted for" line on the biggest RT, on the real PostgreSQL server over the data set of
 * bench/scores-data.ts (1,635 RTs, ~600,000 residents with a year of participation; made once and
 * reused by bench:scores, bench:cycle and bench:dashboard).
 *
 * Measured in one process, after one warm-up:
 *  - floor: computeScorecards for every RT at one month boundary, the one scorecard pass /skor's
 *    city ranking makes; the job makes two (the 1st of this month and of the last);
 *  - job: planMonthlySummaries end to end, as 09.00 WIB on 1 November runs it (reporting October):
 *    recipients, the keys already queued, both scorecard passes, households and officers, then a
 *    text per resident queued in the outbox; the rows are deleted before each run and after the last;
 *    peak_heap_mb: the largest heapUsed sampled during this run of the job only;
 *  - rerun: the same job again with every row queued (the 2nd's and 3rd's runs, a second instance);
 *  - counted: countedForOccurrence (a gotong royong check-in) and countedForDeposit of the RT with
 *    the most KK, `--taps` times each, median and p95, beside a floor of `select 1` on the same
 *    connection: the one query a tap adds.
 * Prints a table and ends with one line of JSON.
 *
 * Options: --size=city|small (small: 5% of the RTs and kelurahan; what CI runs), --taps=200, --fresh
 */
import { cpus, loadavg } from "node:os";
import { like, sql } from "drizzle-orm";
import { createI18n } from "../src/bot/i18n.js";
import { openDatabase, queryRows, type Database } from "../src/db/client.js";
import { outbox } from "../src/db/schema/index.js";
import { countedForDeposit, countedForOccurrence } from "../src/domain/scores/counted.js";
import { monthRange } from "../src/domain/schedule/month.js";
import { reportedMonth } from "../src/domain/scores/monthly.js";
import { computeScorecards } from "../src/domain/scores/scorecard.js";
import { createLogger } from "../src/logger.js";
import { planMonthlySummaries } from "../src/scheduling/monthly-summary.js";
import { openDataSet, SIZES } from "./scores-data.js";
import { flagOption, median, numberOption, percentile, sizeOption } from "./support.js";

const { size: SIZE, preset: PRESET } = sizeOption({ city: { taps: 200 }, small: { taps: 50 } } satisfies Record<keyof typeof SIZES, unknown>, "city");
const TAPS = Math.max(1, numberOption("taps", PRESET.taps));
const FRESH = flagOption("fresh");

/** Sunday 1 November 2026, 09.00 WIB: the job's first tick of the month, inside the data set's year. */
const JOB_NOW = new Date("2026-11-01T02:00:00Z");

const n = (value: number) => value.toLocaleString("en-US");
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/**
 * The largest heapUsed seen while `work` runs, sampled every 20 ms (and at its start and end): what
 * the job holds on the live bot's heap (--max-old-space-size=384). Garbage not yet collected counts.
 */
async function peakHeap<T>(work: () => Promise<T>): Promise<{ peakMb: number; result: T }> {
  let peak = process.memoryUsage().heapUsed;
  const sample = () => void (peak = Math.max(peak, process.memoryUsage().heapUsed));
  const timer = setInterval(sample, 20);
  try {
    const result = await work();
    sample();
    return { peakMb: peak / 1024 / 1024, result };
  } finally {
    clearInterval(timer);
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

async function taps(work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await work();
  const all: number[] = [];
  for (let i = 0; i < TAPS; i++) all.push((await timed(work)).ms);
  return { p50: median(all), p95: percentile(all, 95) };
}

async function main(): Promise<void> {
  console.log(`bench:monthly, size ${SIZE}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const data = await openDataSet(SIZE, { fresh: FRESH, log: (line) => console.log(line) });
  console.log(data.generatedMs === null ? `Data set ${data.url.replace(/^.*\//, "")} reused (--fresh to make it again).` : `Data set made in ${(data.generatedMs / 1000).toFixed(0)} s.`);
  console.log(`${n(data.rts)} RTs, ${n(data.households)} KK, ${n(data.residents)} residents, ${n(data.records)} participation records.\n`);

  const handle = await openDatabase({ kind: "postgres", url: data.url });
  const db: Database = handle.db;
  const clear = async () => void (await db.delete(outbox).where(like(outbox.dedupeKey, "monthly:%")));
  try {
    const deps = { db, i18n: createI18n(db), logger: createLogger("silent") };
    const boundary = monthRange(reportedMonth(JOB_NOW)).to;

    await computeScorecards(db, "all", boundary, undefined, { manualAsOfNow: true }); // warm-up
    const floor = await timed(() => computeScorecards(db, "all", boundary, undefined, { manualAsOfNow: true }));

    await clear();
    await planMonthlySummaries(deps, JOB_NOW); // warm-up
    await clear();
    global.gc?.();
    const heap = await peakHeap(() => timed(() => planMonthlySummaries(deps, JOB_NOW)));
    const job = heap.result;
    const rerun = await timed(() => planMonthlySummaries(deps, JOB_NOW));
    if (rerun.result.queued !== 0) throw new Error(`the rerun queued ${rerun.result.queued} messages, expected none`);
    const [sample] = await queryRows<{ chars: number }>(db, sql`select avg(length(payload->>'text'))::int as chars from outbox where dedupe_key like 'monthly:%'`);
    await clear();

    // The RT with the most KK, its latest gotong royong before the job's instant and a deposit of it.
    const [big] = await queryRows<{ rt_id: number; kk: number; occurrence_id: number; starts_at: string; entry_id: number | null }>(db, sql`
      select r.id as rt_id, r.household_count as kk, o.id as occurrence_id, o.starts_at::text as starts_at,
        (select e.id from ledger_entry e where e.rt_id = r.id and e.kind = 'deposit' order by e.occurred_at desc limit 1) as entry_id
      from rt r join lateral (select id, starts_at from event_occurrence where rt_id = r.id and kind = 'gotong_royong' and starts_at < ${JOB_NOW.toISOString()}::timestamptz order by starts_at desc limit 1) o on true
      order by r.household_count desc, r.id limit 1`);
    if (!big) throw new Error("no RT with a gotong royong in the data set");
    const tapNow = new Date(new Date(big.starts_at).getTime() + 30 * 60_000);
    const select1 = await taps(() => queryRows(db, sql`select 1`));
    const checkin = await taps(() => countedForOccurrence(db, { rtId: Number(big.rt_id), occurrenceId: Number(big.occurrence_id), kind: "gotong_royong", now: tapNow }));
    const depositTap = big.entry_id === null ? null : await taps(() => countedForDeposit(db, { entryId: Number(big.entry_id), now: tapNow }));
    const peak = peakRssMb();

    const ratio = (value: number, base: number) => `${(value / base).toFixed(1)}×`;
    console.log("| measure | time | vs floor |");
    console.log("|---|---:|---:|");
    console.log(`| floor: every RT's scorecard at one month boundary (${n(floor.result.length)} RTs) | ${ms(floor.ms)} | 1.0× |`);
    console.log(`| monthly job: ${n(job.result.recipients)} residents, ${n(job.result.queued)} outbox rows (avg ${n(sample?.chars ?? 0)} chars) | ${ms(job.ms)} | ${ratio(job.ms, floor.ms)} |`);
    console.log(`| monthly job again, everyone queued (2nd/3rd day, second instance) | ${ms(rerun.ms)} | ${ratio(rerun.ms, floor.ms)} |`);
    console.log(`| tap floor: select 1 (p50 / p95 of ${TAPS}) | ${ms(select1.p50)} / ${ms(select1.p95)} | 1.0× |`);
    console.log(`| counted line of a check-in, RT of ${n(Number(big.kk))} KK (p50 / p95) | ${ms(checkin.p50)} / ${ms(checkin.p95)} | ${ratio(checkin.p50, select1.p50)} |`);
    if (depositTap) console.log(`| counted line of a deposit, same RT (p50 / p95) | ${ms(depositTap.p50)} / ${ms(depositTap.p95)} | ${ratio(depositTap.p50, select1.p50)} |`);
    console.log(`| peak heap used during the monthly job (live bot: --max-old-space-size=384) | ${heap.peakMb.toFixed(0)} MB | |`);
    console.log(`| peak RSS of this process | ${peak.toFixed(0)} MB | |`);
    console.log(
      JSON.stringify({
        bench: "monthly",
        size: SIZE,
        rts: data.rts,
        residents: job.result.recipients,
        queued: job.result.queued,
        job_ms: Math.round(job.ms),
        rerun_ms: Math.round(rerun.ms),
        floor_scorecards_ms: Math.round(floor.ms),
        job_vs_floor: Number((job.ms / floor.ms).toFixed(1)),
        counted_checkin_p50_ms: Number(checkin.p50.toFixed(2)),
        counted_checkin_p95_ms: Number(checkin.p95.toFixed(2)),
        counted_deposit_p50_ms: depositTap ? Number(depositTap.p50.toFixed(2)) : null,
        tap_floor_p50_ms: Number(select1.p50.toFixed(2)),
        peak_heap_mb: Math.round(heap.peakMb),
        peak_rss_mb: Math.round(peak),
      }),
    );
  } finally {
    await clear().catch(() => {});
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
