/**
 * npm run bench:broadcast — a broadcast to 1,000 residents through the delivery engine, against a
 * local fake Bot API that enforces Telegram's limits, beside grammY's recommended recipes, and a
 * crash test that kills the sender part-way. Prints a table and ends with one line of JSON.
 *
 * Options: --size=full|small (1,000 or 100 residents), --recipients=N overrides the size.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { Api, GrammyError } from "grammy";
import { eq } from "drizzle-orm";
import { membership, outbox, person, roleAssignment } from "../src/db/schema/index.js";
import { createI18n } from "../src/bot/i18n.js";
import { startBroadcast } from "../src/domain/broadcast/broadcast.js";
import { loadActor } from "../src/domain/people/actor.js";
import { createRt } from "../src/domain/rt/rt.js";
import { seedWilayah } from "../src/domain/wilayah/seed.js";
import { DeliveryEngine } from "../src/delivery/engine.js";
import { countByStatus } from "../src/delivery/outbox.js";
import { Pacer } from "../src/delivery/pacer.js";
import { createLogger } from "../src/logger.js";
import { FakeBotApiProcess, type FakeBotApiReport } from "./fake-bot-api-process.js";
import { createScratchDatabase } from "./scratch-database.js";
import { numberOption, sizeOption } from "./support.js";

const { size: SIZE, preset: PRESET } = sizeOption({ full: { recipients: 1000 }, small: { recipients: 100 } }, "full");
const RECIPIENTS = numberOption("recipients", PRESET.recipients);
const BLOCKED_EVERY = 50; // 2% of residents have blocked the bot
const LIMIT = 30;
const TEXT = "Pengumuman: kerja bakti Minggu pukul 07.00 WIB di pos kamling. Bawa cangkul dan karung.";
const FIRST_CHAT = 7_000_000;

type Figures = { label: string; seconds: number; msgsPerS: number; deliveredPerS: number; limitShare: number; received429: number; unhandled429: number; lost: number; duplicated: number; blocked: number };

const chatIds = Array.from({ length: RECIPIENTS }, (_, i) => FIRST_CHAT + i);
const blockedChatIds = chatIds.filter((_, i) => i % BLOCKED_EVERY === BLOCKED_EVERY - 1);
const blocked = new Set(blockedChatIds);

/** Lost: a reachable resident who got nothing. Duplicated: every copy beyond the first. */
function tally(report: FakeBotApiReport): { lost: number; duplicated: number } {
  const delivered = new Map(report.delivered);
  let lost = 0;
  let duplicated = 0;
  for (const chatId of chatIds) {
    const copies = delivered.get(chatId) ?? 0;
    if (!blocked.has(chatId) && copies === 0) lost++;
    duplicated += Math.max(0, copies - 1);
  }
  return { lost, duplicated };
}

/** Messages Telegram accepted (delivered, or refused as blocked) per second while sending. */
function figures(label: string, report: FakeBotApiReport, seconds: number, unhandled429: number): Figures {
  const accepted = report.counts.sent + report.counts.forbidden;
  const msgsPerS = accepted / seconds;
  return { label, seconds, msgsPerS, deliveredPerS: report.counts.sent / seconds, limitShare: msgsPerS / LIMIT, received429: report.counts.tooManyRequests, unhandled429, blocked: report.counts.forbidden, ...tally(report) };
}

async function seed(db: Awaited<ReturnType<typeof createScratchDatabase>>["db"]) {
  await seedWilayah(db, "15.71");
  const place = await createRt(db, { kelurahanCode: "15.71.01.1001", number: 5, householdCount: RECIPIENTS, createdBy: null });
  const [ketua] = await db.insert(person).values({ telegramId: 6_999_999, displayName: "Ketua", consentedAt: new Date() }).returning({ id: person.id });
  await db.insert(membership).values({ personId: ketua!.id, rtId: place.id, status: "active" });
  await db.insert(roleAssignment).values({ personId: ketua!.id, role: "ketua_rt", rtId: place.id });
  const people = await db
    .insert(person)
    .values(chatIds.map((telegramId, i) => ({ telegramId, displayName: `Warga ${i + 1}`, consentedAt: new Date() })))
    .returning({ id: person.id });
  await db.insert(membership).values(people.map((p) => ({ personId: p.id, rtId: place.id, status: "active" as const })));
  return loadActor(db, 6_999_999, []);
}

async function runEngine(database: Awaited<ReturnType<typeof createScratchDatabase>>, fake: FakeBotApiProcess, actor: Awaited<ReturnType<typeof seed>>): Promise<Figures & { enqueueMs: number }> {
  await fake.reset();
  const enqueueStart = performance.now();
  await startBroadcast({ db: database.db, i18n: createI18n(database.db) }, actor, { audience: "rt-members", text: TEXT, entities: null, toPrivate: true, toGroup: false, pinInGroup: false }, "bench-engine", new Date());
  const enqueueMs = performance.now() - enqueueStart;
  const engine = new DeliveryEngine({ db: database.db, api: new Api("123:bench", { apiRoot: fake.apiRoot }), pacer: new Pacer(), logger: createLogger("error"), pollMs: 20 });
  const start = performance.now();
  await engine.drain();
  const seconds = (performance.now() - start) / 1000;
  const counts = await countByStatus(database.db);
  const unhandled429 = (await database.db.select().from(outbox).where(eq(outbox.status, "failed"))).filter((row) => row.lastError?.includes("Too Many")).length;
  if (counts.pending + counts.sending > 0) throw new Error("the engine stopped with work left");
  return { ...figures("delivery engine (outbox + pacer)", await fake.report(), seconds, unhandled429), enqueueMs };
}

async function runAutoRetry(fake: FakeBotApiProcess): Promise<Figures> {
  await fake.reset();
  const api = new Api("123:bench", { apiRoot: fake.apiRoot });
  api.config.use(autoRetry());
  let unhandled429 = 0;
  const start = performance.now();
  for (const chatId of chatIds) {
    try {
      await api.sendMessage(chatId, TEXT);
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 429) unhandled429++;
    }
  }
  return figures("sequential loop + auto-retry", await fake.report(), (performance.now() - start) / 1000, unhandled429);
}

async function runThrottler(fake: FakeBotApiProcess): Promise<Figures> {
  await fake.reset();
  const api = new Api("123:bench", { apiRoot: fake.apiRoot });
  api.config.use(apiThrottler());
  const start = performance.now();
  const results = await Promise.allSettled(chatIds.map((chatId) => api.sendMessage(chatId, TEXT)));
  const unhandled429 = results.filter((r) => r.status === "rejected" && r.reason instanceof GrammyError && r.reason.error_code === 429).length;
  return figures("transformer-throttler", await fake.report(), (performance.now() - start) / 1000, unhandled429);
}

function runSender(databaseUrl: string, apiRoot: string, leaseMs: number) {
  const script = fileURLToPath(new URL("./sender-process.ts", import.meta.url));
  return spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, SENDER_DATABASE_URL: databaseUrl, SENDER_API_ROOT: apiRoot, SENDER_LEASE_MS: String(leaseMs) },
    stdio: "inherit",
  });
}

/** Kill the sender (SIGKILL) part-way, start it again, and count what every resident received. */
async function runCrash(database: Awaited<ReturnType<typeof createScratchDatabase>>, fake: FakeBotApiProcess, actor: Awaited<ReturnType<typeof seed>>) {
  await fake.reset();
  await startBroadcast({ db: database.db, i18n: createI18n(database.db) }, actor, { audience: "rt-members", text: TEXT, entities: null, toPrivate: true, toGroup: false, pinInGroup: false }, "bench-crash", new Date());
  const leaseMs = 2_000;
  const first = runSender(database.url, fake.apiRoot, leaseMs);
  const killAfter = Math.floor(RECIPIENTS * 0.3);
  while ((await fake.report()).counts.sent < killAfter) await new Promise((resolve) => setTimeout(resolve, 20));
  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  const inFlightAtKill = (await countByStatus(database.db)).sending;
  const deliveredAtKill = (await fake.report()).counts.sent;
  const second = runSender(database.url, fake.apiRoot, leaseMs);
  const exitCode = await new Promise<number | null>((resolve) => second.once("exit", resolve));
  const report = await fake.report();
  return { ...tally(report), inFlightAtKill, deliveredAtKill, exitCode };
}

const database = await createScratchDatabase("bantar_bench_broadcast");
const fake = await FakeBotApiProcess.start({ blockedChatIds });
try {
  const actor = await seed(database.db);
  console.log(`Broadcast to ${RECIPIENTS} residents (${blockedChatIds.length} have blocked the bot); fake Bot API: 50–100 ms per call, 429 over 30/s overall or 1/s per chat.\n`);
  const engine = await runEngine(database, fake, actor);
  const autoRetryFigures = await runAutoRetry(fake);
  const throttlerFigures = await runThrottler(fake);
  const rows = [engine, autoRetryFigures, throttlerFigures];
  console.log("| sender | msgs/s | delivered/s | share of 30/s | 429s received | 429s unhandled | lost | duplicated | blocked (403) | total s |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.msgsPerS.toFixed(1)} | ${r.deliveredPerS.toFixed(1)} | ${(r.limitShare * 100).toFixed(1)}% | ${r.received429} | ${r.unhandled429} | ${r.lost} | ${r.duplicated} | ${r.blocked} | ${r.seconds.toFixed(1)} |`);
  }
  console.log("msgs/s counts every message Telegram took from the sender (delivered, or answered 403): both use the 30/s budget.");
  console.log(`\nQueueing the broadcast (1 transaction, ${RECIPIENTS} outbox rows): ${engine.enqueueMs.toFixed(0)} ms`);

  const crash = await runCrash(database, fake, actor);
  console.log(`\nCrash test: sender killed with SIGKILL after ${crash.deliveredAtKill} deliveries, ${crash.inFlightAtKill} rows in flight; restarted.`);
  console.log(`  every reachable resident got the message: ${crash.lost === 0 ? "yes" : `NO, ${crash.lost} lost`}; duplicates: ${crash.duplicated} (at most one per row in flight at the kill: ${crash.duplicated <= crash.inFlightAtKill ? "yes" : "NO"})`);

  const ok = engine.msgsPerS >= 28 && engine.lost === 0 && engine.duplicated === 0 && engine.unhandled429 === 0 && crash.lost === 0 && crash.duplicated <= crash.inFlightAtKill;
  console.log(`\nTarget (≥ 28 msgs/s, 0 lost, 0 duplicated, no unhandled 429, crash-safe): ${ok ? "met" : "NOT met"}`);
  console.log(
    JSON.stringify({
      bench: "broadcast",
      size: SIZE,
      recipients: RECIPIENTS,
      msgs_per_s: Number(engine.msgsPerS.toFixed(2)),
      limit_share: Number(engine.limitShare.toFixed(3)),
      unhandled_429: engine.unhandled429,
      lost: engine.lost,
      duplicated: engine.duplicated,
      baseline_autoretry_msgs_per_s: Number(autoRetryFigures.msgsPerS.toFixed(2)),
      baseline_throttler_msgs_per_s: Number(throttlerFigures.msgsPerS.toFixed(2)),
      received_429: engine.received429,
      crash_lost: crash.lost,
      crash_duplicated: crash.duplicated,
      crash_in_flight_at_kill: crash.inFlightAtKill,
    }),
  );
} finally {
  await fake.stop();
  await database.drop();
}
