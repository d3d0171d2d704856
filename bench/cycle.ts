/**
 * npm run bench:cycle — a city round of the program's cycle on the real PostgreSQL server: the data
 * set of bench:scores (1,635 RTs with a year of participation) with the cycle of bench/cycle-data.ts
 * laid over it (975 RTs proposed, 3 assessors each with all 21 scores and 5 photos per RT).
 *
 * Measured in one process, each the median of `--runs` (default 3) after one warm-up:
 *  - floor: `select count(*) from assessment_score`, the score rows with no work on them;
 *  - read floor (for reading the target, not judged): the same count plus a bare count of the
 *    participation records the recap's "menurun" flag must read (the holders' verified, unrevoked
 *    records of the flag's 8 complete weeks), with the index the flag's query uses;
 *  - recap: the live recap of every kecamatan and the city (src/domain/cycle/recap.ts), as /rekap
 *    builds it for an admin on any day of the week (judged against the floor);
 *  - the week's first recap (not judged): the same with the week's fading holders not yet worked
 *    out (fadingHoldersThisWeek), so it also reads the holders' 8 weeks of participation once;
 *  - evidence packs: the PDF of `--packs` proposed RTs (default 40; small 8), each with its
 *    scorecard, participation, ledgers' totals and 15 photos fetched through a fake Bot API file
 *    server in this process (the same ~200 KB JPEG each, as Telegram keeps a phone photo), p50 and p99;
 *  - peak memory: the process's maximum RSS (getrusage).
 * Prints a table and ends with one line of JSON.
 *
 * Options: --size=city|small (small: 5% of the city, one run; what CI runs), --runs=3, --packs=N, --fresh
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { like, sql } from "drizzle-orm";
import { createI18n } from "../src/bot/i18n.js";
import { openDatabase, queryRows, type Database } from "../src/db/client.js";
import { botState } from "../src/db/schema/index.js";
import { createFileDownloader } from "../src/delivery/telegram-files.js";
import { computeRecap, type Recap } from "../src/domain/cycle/recap.js";
import { WEEK_MS, wibWeekStart } from "../src/domain/scores/weeks.js";
import { buildEvidencePack } from "../src/reports/evidence-pack.js";
import { seedCycle } from "./cycle-data.js";
import { BENCH_NOW, openDataSet, SIZES } from "./scores-data.js";
import { flagOption, median, numberOption, percentile, sizeOption } from "./support.js";

const { size: SIZE, preset: PRESET } = sizeOption({ city: { runs: 3, packs: 40 }, small: { runs: 1, packs: 8 } } satisfies Record<keyof typeof SIZES, unknown>, "city");
const RUNS = Math.max(1, numberOption("runs", PRESET.runs));
const PACKS = Math.max(1, numberOption("packs", PRESET.packs));
const FRESH = flagOption("fresh");

const TARGETS = { recapVsFloor: 10, packP99Ms: 2_000, peakRssMb: 400 };

async function measure<T>(work: () => Promise<T>): Promise<{ ms: number; all: number[]; result: T }> {
  let result = await work();
  const all: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    result = await work();
    all.push(performance.now() - started);
  }
  return { ms: median(all), all, result };
}

/** What an admin's /rekap computes: every kecamatan and the city. */
function cityRecap(db: Database, now: Date): Promise<Recap> {
  return computeRecap(db, { scope: { city: true }, now });
}

/**
 * What the recap cannot avoid reading, counted and nothing more: the score rows, and the
 * participation records behind the holders' "menurun" flag (fadingFlags' 8 weeks).
 */
async function countRecapReads(db: Database, now: Date): Promise<{ scores: number; records: number }> {
  const to = wibWeekStart(now);
  const from = new Date(to.getTime() - 8 * WEEK_MS);
  const [row] = await queryRows<{ scores: number; records: number }>(
    db,
    sql`select (select count(*) from assessment_score)::int as scores,
          (select count(*) from participation p
            where p.occurred_at >= ${from.toISOString()}::timestamptz and p.occurred_at < ${to.toISOString()}::timestamptz
              and p.verified and p.revoked_at is null
              and p.rt_id in (select rt_id from rt_title where level = 'bantar'))::int as records`,
  );
  return { scores: row!.scores, records: row!.records };
}

/**
 * A phone photo as Telegram keeps it: its largest size, 1280×960, a baseline JPEG of about 200 KB
 * (bench/fixtures/street-photo.jpg, a drawn street with grain; how it was made is in
 * bench/fixtures/make-street-photo.mjs).
 */
function photoBytes(): Uint8Array {
  return readFileSync(new URL("./fixtures/street-photo.jpg", import.meta.url));
}

/**
 * The packs of `PACKS` proposed RTs, each timed alone, through the real downloader (getFile, then
 * the file) against a Bot API answered in this process: every file id gets the same photo.
 */
async function timePacks(db: Database, roundId: number): Promise<{ all: number[]; p50: number; p99: number; pages: number; photos: number; photoKb: number }> {
  const photo = photoBytes();
  const token = "1:bench";
  const answer = async (input: string | URL | Request): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith("/getFile")) return Response.json({ ok: true, result: { file_id: "x", file_unique_id: "x", file_size: photo.length, file_path: "photos/file_0.jpg" } });
    if (url.includes("/file/bot")) return new Response(photo, { headers: { "content-length": String(photo.length) } });
    return Response.json({ ok: false, error_code: 404, description: "Not Found" }, { status: 404 });
  };
  const downloadFile = createFileDownloader({ token, fetch: answer as typeof fetch });
  const i18n = createI18n(db);
  const rtIds = (
    await queryRows<{ rt_id: number }>(db, sql`select rt_id from rt_proposal where round_id = ${roundId} and withdrawn_at is null order by (rt_id * 2654435761) % 4294967296 limit ${PACKS}`)
  ).map((row) => Number(row.rt_id));
  // One warm-up (fonts, the first plans), not counted.
  await buildEvidencePack({ db, i18n, downloadFile }, { rtId: rtIds[0]!, roundId, now: BENCH_NOW, viewer: "team" }).then((pack) => pack.dispose());
  const all: number[] = [];
  let pages = 0;
  let photos = 0;
  for (const rtId of rtIds) {
    const started = performance.now();
    const pack = await buildEvidencePack({ db, i18n, downloadFile }, { rtId, roundId, now: BENCH_NOW, viewer: "team" });
    all.push(performance.now() - started);
    await pack.dispose();
    if (pack.missingPhotos > 0) throw new Error(`the pack of RT ${rtId} missed ${pack.missingPhotos} photos`);
    pages += pack.pages;
    photos += pack.photos;
  }
  return { all, p50: percentile(all, 50), p99: percentile(all, 99), pages: Math.round(pages / all.length), photos: Math.round(photos / all.length), photoKb: Math.round(photo.length / 1024) };
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const n = (value: number) => value.toLocaleString("en-US");
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(): Promise<void> {
  console.log(`bench:cycle, size ${SIZE}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const data = await openDataSet(SIZE, { fresh: FRESH, log: (line) => console.log(line) });
  const cycle = await seedCycle(data.url);
  console.log(
    `${n(cycle.rts)} RTs, ${n(cycle.proposed)} proposed, ${n(cycle.holders)} holders, ${n(cycle.assessors)} assessors, ` +
      `${n(cycle.scores)} score rows, ${n(cycle.photos)} photos (cycle seeded in ${ms(cycle.seededMs)}).\n`,
  );
  const handle = await openDatabase({ kind: "postgres", url: data.url });
  const db: Database = handle.db;
  try {
    const floor = await measure(async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from assessment_score`))[0]!.n);
    if (floor.result !== cycle.scores) throw new Error(`the floor counted ${floor.result} score rows, ${cycle.scores} were made`);
    const readFloor = await measure(() => countRecapReads(db, BENCH_NOW));
    const recap = await measure(() => cityRecap(db, BENCH_NOW));
    const firstOfWeek = await measure(async () => {
      await db.delete(botState).where(like(botState.key, "recap-fading:%"));
      return cityRecap(db, BENCH_NOW);
    });
    const packs = await timePacks(db, cycle.roundId);
    const peak = peakRssMb();
    const recapVsFloor = recap.ms / floor.ms;
    const recapVsReadFloor = recap.ms / readFloor.ms;
    const verdict = (ok: boolean) => (ok ? "within" : "OVER");
    console.log(`| measure | time | vs floor | target |`);
    console.log("|---|---:|---:|---|");
    console.log(`| floor: select count(*) over ${n(floor.result)} score rows (median of ${RUNS}) | ${ms(floor.ms)} | 1.0× | |`);
    console.log(`| read floor: the score rows and the ${n(readFloor.result.records)} participation records the holders' flag reads, counted (median of ${RUNS}) | ${ms(readFloor.ms)} | ${(readFloor.ms / floor.ms).toFixed(1)}× | |`);
    console.log(`| recap: every kecamatan and the city (median of ${RUNS}) | ${ms(recap.ms)} | ${recapVsFloor.toFixed(1)}× | ≤ ${TARGETS.recapVsFloor}× floor: ${verdict(recapVsFloor <= TARGETS.recapVsFloor)} |`);
    console.log(`| the week's first recap, working out the week's fading holders (median of ${RUNS}) | ${ms(firstOfWeek.ms)} | ${(firstOfWeek.ms / floor.ms).toFixed(1)}× | (${(firstOfWeek.ms / readFloor.ms).toFixed(1)}× the read floor) |`);
    console.log(`| evidence pack p50 over ${packs.all.length} RTs (${packs.pages} pages and ${packs.photos} photos of ${packs.photoKb} KB each, on average) | ${ms(packs.p50)} | | |`);
    console.log(`| evidence pack p99 | ${ms(packs.p99)} | | ≤ 2 s: ${verdict(packs.p99 <= TARGETS.packP99Ms)} |`);
    console.log(`| peak RSS of this process | ${peak.toFixed(0)} MB | | ≤ 400 MB: ${verdict(peak <= TARGETS.peakRssMb)} |`);
    console.log(
      JSON.stringify({
        bench: "cycle",
        size: SIZE,
        rts: cycle.rts,
        proposed: cycle.proposed,
        scores: cycle.scores,
        recap_ms: Math.round(recap.ms),
        floor_ms: Number(floor.ms.toFixed(1)),
        recap_vs_floor: Number(recapVsFloor.toFixed(1)),
        read_floor_ms: Number(readFloor.ms.toFixed(1)),
        recap_vs_read_floor: Number(recapVsReadFloor.toFixed(1)),
        recap_first_of_week_ms: Math.round(firstOfWeek.ms),
        pack_ms_p50: Math.round(packs.p50),
        pack_ms_p99: Math.round(packs.p99),
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
