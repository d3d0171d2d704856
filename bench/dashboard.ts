/**
 * npm run bench:dashboard — the Mini App's koordinator pages on the real PostgreSQL server, over
 * the data set of bench:scores (bench/scores-data.ts: 1,635 RTs with a year of participation).
 *
 * The app's own HTTP server (startHttpServer with createWebApp, built as src/runtime/app.ts builds
 * them, without the bot, the outbox and the cron jobs, which have nothing to do with a page) serves
 * on localhost. The koordinator of the kecamatan with the most RTs (the data set has one per
 * kecamatan) signs in with initData signed as Telegram signs it, and with that session cookie:
 *  - kecamatan: `<base>/rts`, the ranked list of all the kecamatan's RTs (standings, trends, last
 *    activity of every RT), `--requests` times (default 200);
 *  - rt: `<base>/rt/<id>`, each of the kecamatan's RTs in turn, as many times;
 *  - floor: the same bytes as the kecamatan page's answer, made once and served from memory by the
 *    same server (a route only this bench adds, beside the app's), as many times.
 * The three are interleaved (floor, kecamatan, rt, floor, …) after a warm-up of 10 each, so a busy
 * moment of the machine falls on all three. Each time is the wall time of one HTTP request on
 * localhost (keep-alive, as a WebView reuses its connection), from sending it to the last byte of
 * the answer: the server's time plus the loopback's, which the floor has too. The time inside the
 * app's handler is printed beside it. Every request asks for gzip, as a phone's WebView does.
 *
 * First load: what a koordinator's phone fetches on opening the app and then the list — the boot
 * page, boot.js, the sign-in answer and `<base>/rts`, headers included, as transferred (compressed
 * when the server compressed it); plus Telegram's telegram-web-app.js, which every page loads from
 * telegram.org, counted as the fixed figure TELEGRAM_SCRIPT_KB (not served by us, not measured).
 *
 * Prints a table and ends with one line of JSON.
 *
 * Options: --size=city|small (small: the 5% city and 50 requests each, what CI runs), --requests=200, --fresh
 */
import { randomBytes } from "node:crypto";
import { Agent, request, type IncomingHttpHeaders } from "node:http";
import { cpus, loadavg } from "node:os";
import { gunzipSync, gzipSync } from "node:zlib";
import { like, sql } from "drizzle-orm";
import { botState } from "../src/db/schema/index.js";
import { createI18n } from "../src/bot/i18n.js";
import { openDatabase, queryRows } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";
import { startHttpServer, type WebAppEndpoint } from "../src/runtime/http-server.js";
import { signInitData } from "../src/testing/init-data.js";
import { createWebApp } from "../src/webapp/server.js";
import { SESSION_COOKIE } from "../src/webapp/session.js";
import { BENCH_NOW, openDataSet, SIZES } from "./scores-data.js";
import { flagOption, numberOption, percentile, sizeOption } from "./support.js";

const { size: SIZE, preset: PRESET } = sizeOption({ city: { requests: 200 }, small: { requests: 50 } } satisfies Record<keyof typeof SIZES, unknown>, "city");
const REQUESTS = Math.max(1, numberOption("requests", PRESET.requests));
const WARM_UP = 10;
const FRESH = flagOption("fresh");

const TARGETS = { kecamatanP99Ms: 300, firstLoadKb: 150 };

/**
 * https://telegram.org/js/telegram-web-app.js, which the layout loads first on every page, as
 * transferred gzipped: Telegram's published copy for Bot API 7.0 is 56.9 KB, 10.9 KB gzipped
 * (TelegramMessenger/TGMiniAppsJsSDK); a copy of a later version (Bot API 7.10, with the bottom
 * bar) is 76 KB, about 15 KB gzipped at the same ratio. Telegram's to change; the newer figure.
 */
const TELEGRAM_SCRIPT_KB = 15;

const BOT_TOKEN = "1:bench-dashboard";
const WEBAPP_URL = "https://bench.example.org/app";
/** What a phone's WebView sends with every request (Chrome's own value). */
const WEBVIEW_HEADERS = { "accept-encoding": "gzip, deflate, br", accept: "text/html,*/*" };

type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer; headerBytes: number; ms: number };

/** One request over the keep-alive agent; the body as it came over the wire (not decompressed). */
function fetchRaw(agent: Agent, port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request({ host: "127.0.0.1", port, path, method: options.method ?? "GET", agent, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const ms = performance.now() - started;
        // The status line and the header lines as they were sent (HTTP/1.1).
        let headerBytes = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n\r\n`.length;
        for (let i = 0; i < res.rawHeaders.length; i += 2) headerBytes += Buffer.byteLength(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), headerBytes, ms });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** The page's text, decompressed when it came gzipped. */
function textOf(answer: Answer): string {
  return (answer.headers["content-encoding"] === "gzip" ? gunzipSync(answer.body) : answer.body).toString("utf8");
}

const kb = (bytes: number) => bytes / 1024;
const ms1 = (value: number) => Number(value.toFixed(1));
const n = (value: number) => value.toLocaleString("en-US");

async function main(): Promise<void> {
  console.log(`bench:dashboard, size ${SIZE}, ${REQUESTS} requests each, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const data = await openDataSet(SIZE, { fresh: FRESH, log: (line) => console.log(line) });
  console.log(
    data.generatedMs === null
      ? `Data set ${data.url.replace(/^.*\//, "")} reused (--fresh to make it again).`
      : `Data set made in ${(data.generatedMs / 1000).toFixed(0)} s.`,
  );
  console.log(`${n(data.rts)} RTs, ${n(data.households)} KK, ${n(data.residents)} residents, ${n(data.records)} participation records over 52 weeks.`);

  const handle = await openDatabase({ kind: "postgres", url: data.url });
  const db = handle.db;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const logger = createLogger("silent");
  try {
    // The kecamatan with the most RTs, its RTs, and the koordinator the data set gave it.
    const [largest] = await queryRows<{ code: string; name: string; rts: number }>(
      db,
      sql`select k.code, k.name, count(*)::int as rts from rt r join kelurahan l on l.code = r.kelurahan_code join kecamatan k on k.code = l.kecamatan_code
          group by k.code, k.name order by count(*) desc, k.code limit 1`,
    );
    if (!largest) throw new Error("the data set has no RT");
    const rtIds = (
      await queryRows<{ id: number }>(db, sql`select r.id from rt r join kelurahan l on l.code = r.kelurahan_code where l.kecamatan_code = ${largest.code} order by r.id`)
    ).map((row) => Number(row.id));
    const [koordinator] = await queryRows<{ telegram_id: string | number; display_name: string }>(
      db,
      sql`select p.telegram_id, p.display_name from role_assignment a join person p on p.id = a.person_id
          where a.role = 'koordinator' and a.kecamatan_code = ${largest.code} and a.revoked_at is null order by a.id limit 1`,
    );
    if (!koordinator) throw new Error(`the data set has no koordinator for kecamatan ${largest.code}`);
    console.log(`Kecamatan ${largest.name} (${largest.code}): ${largest.rts} RTs, its koordinator signs in.\n`);

    // The app's server, as src/runtime/app.ts builds it when WEBAPP_URL is set; the clock stays at
    // the data set's Monday, whose 52 weeks the pages read.
    const webapp = createWebApp({ db, botToken: BOT_TOKEN, publicUrl: WEBAPP_URL, adminTelegramIds: [], texts: createI18n(db), clock: () => BENCH_NOW, logger });
    const base = webapp.basePath;
    const floorPath = `${base}/bench-floor`;
    let floorAnswer: { headers: Record<string, string>; body: Buffer } | null = null;
    const handlerMs = new Map<string, number[]>();
    const endpoint: WebAppEndpoint = {
      basePath: base,
      async handle(req, res) {
        if (req.url === floorPath && floorAnswer) {
          req.resume();
          res.writeHead(200, floorAnswer.headers).end(floorAnswer.body);
          return;
        }
        const started = performance.now();
        await webapp.handle(req, res);
        const kind = req.url === `${base}/rts` ? "kecamatan" : req.url?.startsWith(`${base}/rt/`) ? "rt" : "other";
        handlerMs.set(kind, [...(handlerMs.get(kind) ?? []), performance.now() - started]);
      },
    };
    const server = await startHttpServer({
      port: 0,
      host: "127.0.0.1",
      logger,
      health: async () => ({ ok: true, database: true, outboxLagSeconds: 0, lastUpdateAt: null, mode: "webhook", webhookRefused: 0 }),
      webapp: endpoint,
    });
    try {
      const get = (path: string, cookie?: string) => fetchRaw(agent, server.port, path, { headers: { ...WEBVIEW_HEADERS, ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}) } });

      // The first load, as the phone makes it. A fresh query_id each run: a used initData is refused.
      const boot = await get(base);
      const bootJs = await get(`${base}/boot.js`);
      const initData = signInitData({
        botToken: BOT_TOKEN,
        user: { id: Number(koordinator.telegram_id), first_name: koordinator.display_name, language_code: "id" },
        authDate: BENCH_NOW,
        extra: { query_id: randomBytes(12).toString("base64url") },
      });
      const session = await fetchRaw(agent, server.port, `${base}/session`, { method: "POST", headers: { ...WEBVIEW_HEADERS, "content-type": "text/plain;charset=UTF-8" }, body: initData });
      const cookie = /^bantar_app=([^;]+)/.exec(String(session.headers["set-cookie"]?.[0] ?? ""))?.[1];
      if (session.status !== 204 || !cookie) throw new Error(`sign-in answered ${session.status} without a session cookie`);
      const home = await get(`${base}/home`, cookie);
      // The week's first list works out the city's fading flags (fadingFlagsOfWeek) and keeps them;
      // every later one that week reads them. Dropped here, so the first load is that first one.
      await db.delete(botState).where(like(botState.key, "fading-week:%"));
      const list = await get(`${base}/rts`, cookie);
      for (const [name, answer] of [["boot page", boot], ["boot.js", bootJs], ["home", home], ["/rts", list]] as const) {
        if (answer.status !== 200) throw new Error(`${name} answered ${answer.status}`);
      }
      const listText = textOf(list);
      const linked = new Set([...listText.matchAll(new RegExp(`href="${base}/rt/(\\d+)"`, "g"))].map((match) => Number(match[1])));
      if (linked.size !== rtIds.length || !rtIds.every((id) => linked.has(id))) throw new Error(`the list links ${linked.size} RTs, the kecamatan has ${rtIds.length}`);
      const firstLoad = [boot, bootJs, session, list];
      const firstLoadBytes = firstLoad.reduce((sum, answer) => sum + answer.headerBytes + answer.body.length, 0);
      const compressed = list.headers["content-encoding"] === "gzip";
      // What gzip makes of each body (default level), whether or not the server sent it so.
      const gzipBytes = (answer: Answer) => gzipSync(answer.headers["content-encoding"] === "gzip" ? gunzipSync(answer.body) : answer.body).length;
      const rawBytes = (answer: Answer) => (answer.headers["content-encoding"] === "gzip" ? gunzipSync(answer.body).length : answer.body.length);
      const firstLoadGzipBytes = firstLoad.reduce((sum, answer) => sum + answer.headerBytes + (answer.body.length > 0 ? Math.min(answer.body.length, gzipBytes(answer)) : 0), 0);

      // The floor: the list's answer as it came (same bytes, same encoding), served from memory.
      floorAnswer = {
        headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...(compressed ? { "content-encoding": "gzip" } : {}) },
        body: list.body,
      };

      const timed = { floor: [] as number[], kecamatan: [] as number[], rt: [] as number[] };
      handlerMs.clear();
      for (let i = 0; i < WARM_UP + REQUESTS; i++) {
        const floor = await get(floorPath);
        const rtsAnswer = await get(`${base}/rts`, cookie);
        const rtAnswer = await get(`${base}/rt/${rtIds[i % rtIds.length]}`, cookie);
        for (const answer of [floor, rtsAnswer, rtAnswer]) if (answer.status !== 200) throw new Error(`a timed request answered ${answer.status}`);
        if (floor.body.length !== list.body.length) throw new Error("the floor answered other bytes");
        if (i === WARM_UP - 1) handlerMs.clear();
        if (i < WARM_UP) continue;
        timed.floor.push(floor.ms);
        timed.kecamatan.push(rtsAnswer.ms);
        timed.rt.push(rtAnswer.ms);
      }
      const p = (values: number[], q: number) => percentile(values, q);
      const result = {
        kecamatanP50: p(timed.kecamatan, 50),
        kecamatanP99: p(timed.kecamatan, 99),
        rtP50: p(timed.rt, 50),
        rtP99: p(timed.rt, 99),
        floorP50: p(timed.floor, 50),
        floorP99: p(timed.floor, 99),
      };
      const inHandler = (kind: string, q: number) => p(handlerMs.get(kind) ?? [], q);
      const firstLoadKb = kb(firstLoadBytes) + TELEGRAM_SCRIPT_KB;
      const ratio = result.kecamatanP99 / result.floorP99;
      const verdict = (ok: boolean) => (ok ? "within" : "OVER");
      const fmt = (value: number) => `${value.toFixed(1)} ms`;
      const size = (answer: Answer) => `${kb(rawBytes(answer)).toFixed(1)} KB${answer.headers["content-encoding"] === "gzip" ? `, ${kb(answer.body.length).toFixed(1)} KB gzipped` : `, gzip would make ${kb(gzipBytes(answer)).toFixed(1)} KB`}`;

      console.log(`| measure (${REQUESTS} requests each, after ${WARM_UP} of warm-up; wall time on localhost) | p50 | p99 | p99 in the handler | target |`);
      console.log("|---|---:|---:|---:|---|");
      console.log(`| floor: the list's ${kb(list.body.length).toFixed(1)} KB answer served from memory by the same server | ${fmt(result.floorP50)} | ${fmt(result.floorP99)} | | |`);
      console.log(`| kecamatan: ${base}/rts, all ${rtIds.length} RTs of ${largest.name} ranked | ${fmt(result.kecamatanP50)} | ${fmt(result.kecamatanP99)} | ${fmt(inHandler("kecamatan", 99))} | ≤ 300 ms: ${verdict(result.kecamatanP99 <= TARGETS.kecamatanP99Ms)} (${ratio.toFixed(1)}× floor) |`);
      console.log(`| kecamatan, the week's first (the city's fading flags worked out and kept) | ${fmt(list.ms)} | | | |`);
      console.log(`| rt: ${base}/rt/<id>, the ${rtIds.length} RTs in turn | ${fmt(result.rtP50)} | ${fmt(result.rtP99)} | ${fmt(inHandler("rt", 99))} | |`);
      console.log(
        `| first load: boot page, boot.js, sign-in, /rts (${compressed ? "gzipped" : "not compressed"}), headers included, + telegram-web-app.js ${TELEGRAM_SCRIPT_KB} KB | ${firstLoadKb.toFixed(1)} KB | | | ≤ 150 KB: ${verdict(firstLoadKb <= TARGETS.firstLoadKb)} |`,
      );
      console.log(`\nkecamatan p99 / floor p99 = ${ratio.toFixed(1)}.`);
      console.log(`Pages: boot ${size(boot)}; boot.js ${size(bootJs)}; home ${size(home)}; /rts ${size(list)}.`);
      console.log(
        `First load of our own bytes: ${kb(firstLoadBytes).toFixed(1)} KB as sent${compressed ? "" : `, ${kb(firstLoadGzipBytes).toFixed(1)} KB if the pages were gzipped`}; ` +
          `with Telegram's script (${TELEGRAM_SCRIPT_KB} KB, fixed figure): ${firstLoadKb.toFixed(1)} KB.`,
      );
      console.log(
        JSON.stringify({
          bench: "dashboard",
          size: SIZE,
          kecamatan_rts: rtIds.length,
          requests: REQUESTS,
          kecamatan_p50_ms: ms1(result.kecamatanP50),
          kecamatan_p99_ms: ms1(result.kecamatanP99),
          kecamatan_first_of_week_ms: ms1(list.ms),
          rt_p50_ms: ms1(result.rtP50),
          rt_p99_ms: ms1(result.rtP99),
          floor_p99_ms: ms1(result.floorP99),
          kecamatan_vs_floor: Number(ratio.toFixed(1)),
          kecamatan_page_kb: Number(kb(rawBytes(list)).toFixed(1)),
          first_load_kb: Number(firstLoadKb.toFixed(1)),
          telegram_script_kb: TELEGRAM_SCRIPT_KB,
          compressed,
        }),
      );
    } finally {
      await server.close();
    }
  } finally {
    agent.destroy();
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
