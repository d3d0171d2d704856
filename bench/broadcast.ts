/**
 * npm run bench:broadcast — a broadcast to 1,000 residents through the delivery engine, against a
 * local fake Bot API that enforces Telegram's limits, beside grammY's recommended recipes, and a
 * crash test that kills the sender part-way, and a run of 3 real instances (src/main.ts, webhook
 * mode) on one PostgreSQL whose elected sender is killed part-way while residents write to the
 * others. Prints tables and ends with one line of JSON.
 *
 * Options: --size=full|small (1,000 or 150 residents), --recipients=N overrides the size.
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
import { INSTANCE_HOOK_PATH, INSTANCE_SECRET, InstanceProcess } from "./instance-process.js";
import { createScratchDatabase } from "./scratch-database.js";
import { SECRET_HEADER } from "../src/runtime/http-server.js";
import { flagOption, numberOption, sizeOption } from "./support.js";

const { size: SIZE, preset: PRESET } = sizeOption({ full: { recipients: 1000 }, small: { recipients: 150 } }, "full");
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

const INSTANCES = 3;
/** --instances-only: only the run of several instances (while working on it). */
const INSTANCES_ONLY = flagOption("instances-only");
/** Residents writing to the bot during the instances' run (one update every 250 ms), each answered by the instance it reached. */
const REPLY_EVERY_MS = numberOption("reply-every-ms", 250);
const FIRST_WRITER = 9_000_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A resident's message as Telegram posts it to a webhook. */
function postMessage(port: number, userId: number, updateId: number): Promise<void> {
  const update = {
    update_id: updateId,
    message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: userId, type: "private", first_name: "Warga" }, from: { id: userId, is_bot: false, first_name: "Warga", language_code: "id" }, text: "/bantuan", entities: [{ type: "bot_command", offset: 0, length: 8 }] },
  };
  return fetch(`http://127.0.0.1:${port}${INSTANCE_HOOK_PATH}`, { method: "POST", headers: { "content-type": "application/json", [SECRET_HEADER]: INSTANCE_SECRET }, body: JSON.stringify(update) }).then(
    (response) => void response.body?.cancel(),
    () => {}, // the instance was just killed
  );
}

/**
 * Three instances share the token: only the elected one sends the outbox, the others answer the
 * residents writing to them and tell the sender. The sender is SIGKILLed part-way; failover is the
 * time from the kill to the next message the fake Bot API receives.
 */
async function runInstances(database: Awaited<ReturnType<typeof createScratchDatabase>>, fake: FakeBotApiProcess, actor: Awaited<ReturnType<typeof seed>>) {
  await fake.reset();
  const instances = Array.from({ length: INSTANCES }, () => InstanceProcess.start({ databaseUrl: database.url, apiRoot: fake.apiRoot }));
  try {
    await Promise.all(instances.map((instance) => instance.listening()));
    while (!instances.some((instance) => instance.elected)) await sleep(20);
    await fake.reset(); // start-up calls (getMe, setWebhook, commands) are not the broadcast's
    const alive = new Set(instances);
    let replies = 0;
    let writing = true;
    const writers = (async () => {
      for (let n = 0; writing && REPLY_EVERY_MS > 0; n++) {
        const targets = [...alive];
        void postMessage(targets[n % targets.length]!.port, FIRST_WRITER + n, 1_000_000 + n);
        replies++;
        await sleep(REPLY_EVERY_MS);
      }
    })();
    await startBroadcast({ db: database.db, i18n: createI18n(database.db) }, actor, { audience: "rt-members", text: TEXT, entities: null, toPrivate: true, toGroup: false, pinInGroup: false }, "bench-instances", new Date());
    // Reached through an instance that does not send the outbox, the wake-up goes to the sender by NOTIFY.
    const isBroadcast = ([chatId]: [number, number]) => chatId < FIRST_WRITER;
    const broadcastAccepted = async () => (await fake.report()).accepted.filter(isBroadcast).length;
    while ((await broadcastAccepted()) < Math.floor(RECIPIENTS * 0.4)) await sleep(10);
    const sender = instances.find((instance) => instance.elected)!;
    sender.kill("SIGKILL");
    const killedAt = Date.now(); // the fake's arrival stamps are on the same machine's clock
    alive.delete(sender);
    await sender.exited;
    const inFlightAtKill = (await countByStatus(database.db)).sending;
    for (;;) {
      const counts = await countByStatus(database.db);
      if (counts.pending + counts.sending === 0) break;
      await sleep(50);
    }
    writing = false;
    await writers;
    await sleep(500); // the last replies
    const report = await fake.report();
    if (process.env.BENCH_DEBUG) {
      for (const [chatId, at] of report.refused) {
        const before = report.accepted.filter(([, t]) => t > at - 1000 && t <= at);
        console.log(`429 at ${at - killedAt} ms from the kill to ${chatId >= FIRST_WRITER ? "a reply" : "the broadcast"}: ${before.length} accepted in the second before (${before.filter(([c]) => c >= FIRST_WRITER).length} replies); gaps ${before.slice(-6).map(([, t], i, all) => (i ? t - all[i - 1]![1] : 0)).join(",")}`);
      }
    }
    const broadcastStamps = report.accepted.filter(isBroadcast).map(([, at]) => at);
    const [first, last] = [Math.min(...broadcastStamps), Math.max(...broadcastStamps)];
    // Failover: from the kill to the first broadcast message Telegram received after the new
    // sender was elected (not a request the killed process wrote just before dying; replies never stopped).
    const electedAt = Math.max(killedAt, ...[...alive].map((instance) => instance.electedAt ?? 0));
    const resumedAt = Math.min(...broadcastStamps.filter((at) => at > electedAt));
    const failoverS = (resumedAt - killedAt) / 1000;
    // The token's total while the broadcast ran: its messages and the replies among them.
    const inWindow = report.accepted.filter(([, at]) => at >= first && at <= last).length;
    // What went during the gap (replies, a request the killed sender wrote as it died) is left out
    // with it: counted over a time that leaves the gap out, it would raise the rate for nothing.
    const inGap = report.accepted.filter(([, at]) => at > killedAt && at < resumedAt).length;
    const seconds = (last - first) / 1000;
    let busiestSecond = 0;
    const stamps = report.accepted.map(([, at]) => at).sort((a, b) => a - b);
    for (let i = 0, j = 0; j < stamps.length; j++) {
      while (stamps[j]! - stamps[i]! >= 1000) i++;
      busiestSecond = Math.max(busiestSecond, j - i + 1);
    }
    return {
      ...tally(report),
      received429: report.counts.tooManyRequests,
      received429OnReplies: report.refused.filter(([chatId]) => chatId >= FIRST_WRITER).length,
      replies,
      repliesInWindow: inWindow - broadcastStamps.length,
      seconds,
      failoverS,
      inFlightAtKill,
      busiestSecond,
      newSenders: [...alive].filter((instance) => instance.elected).length,
      // The failover's gap has its own target: the rate is the token's while a sender is up.
      msgsPerS: (inWindow - inGap) / Math.max(0.001, seconds - failoverS),
      overallMsgsPerS: inWindow / seconds,
    };
  } finally {
    for (const instance of instances) instance.kill("SIGTERM");
    await Promise.all(instances.map((instance) => instance.exited));
  }
}

type InstancesFigures = Awaited<ReturnType<typeof runInstances>>;

function printInstances(multi: InstancesFigures): void {
  console.log(`\n${INSTANCES} instances (src/main.ts, webhook mode) on one PostgreSQL; one resident writes to them every ${REPLY_EVERY_MS} ms (round robin), the elected sender is SIGKILLed after 40% of the broadcast.`);
  console.log("| run | msgs/s (token total) | floor: the limit | ratio to floor | busiest second | 429s received | lost | duplicated | rows in flight at kill | failover s | replies among them | total s |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  console.log(`| ${INSTANCES} instances, sender killed | ${multi.msgsPerS.toFixed(1)} | ${LIMIT} | ${(multi.msgsPerS / LIMIT).toFixed(3)} | ${multi.busiestSecond} | ${multi.received429} | ${multi.lost} | ${multi.duplicated} | ${multi.inFlightAtKill} | ${multi.failoverS.toFixed(2)} | ${multi.repliesInWindow} | ${multi.seconds.toFixed(1)} |`);
  console.log(`msgs/s counts everything the token sent between the broadcast's first and last message (broadcast and replies), over that time less the failover gap (what went during the gap left out too); with the gap: ${multi.overallMsgsPerS.toFixed(1)} msgs/s. One new sender took over: ${multi.newSenders === 1 ? "yes" : `NO (${multi.newSenders})`}.`);
  console.log(`429s: ${multi.received429} (${multi.received429OnReplies} of them on replies); each pauses every sender for its retry_after.`);
  console.log(`A duplicate is a message Telegram had in hand when its sender died (at least once): at most the rows in flight at the kill: ${multi.duplicated <= multi.inFlightAtKill ? "yes" : "NO"}.`);
}

function instancesJson(multi: InstancesFigures) {
  return {
    floor_msgs_per_s: LIMIT,
    instances: INSTANCES,
    instances_msgs_per_s: Number(multi.msgsPerS.toFixed(2)),
    // With the failover's gap: what the broadcast as a whole got.
    instances_overall_msgs_per_s: Number(multi.overallMsgsPerS.toFixed(2)),
    instances_ratio_to_floor: Number((multi.msgsPerS / LIMIT).toFixed(3)),
    instances_received_429: multi.received429,
    instances_lost: multi.lost,
    instances_duplicated: multi.duplicated,
    instances_in_flight_at_kill: multi.inFlightAtKill,
    failover_s: Number(multi.failoverS.toFixed(2)),
  };
}

const database = await createScratchDatabase("bantar_bench_broadcast");
const fake = await FakeBotApiProcess.start({ blockedChatIds });
try {
  const actor = await seed(database.db);
  console.log(`Broadcast to ${RECIPIENTS} residents (${blockedChatIds.length} have blocked the bot); fake Bot API: 50–100 ms per call, 429 over 30/s overall or 1/s per chat.\n`);
  if (INSTANCES_ONLY) {
    const multi = await runInstances(database, fake, actor);
    printInstances(multi);
    console.log(JSON.stringify({ bench: "broadcast", size: SIZE, recipients: RECIPIENTS, ...instancesJson(multi) }));
  } else {
    await fullRun(actor);
  }
} finally {
  await fake.stop();
  await database.drop();
}

async function fullRun(actor: Awaited<ReturnType<typeof seed>>): Promise<void> {
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

  const multi = await runInstances(database, fake, actor);
  printInstances(multi);
  const multiOk = multi.msgsPerS >= 28 && multi.received429 === 0 && multi.lost === 0 && multi.duplicated === 0 && multi.failoverS <= 10;
  console.log(`Target (${INSTANCES} instances: ≥ 28 msgs/s, 0 429s, 0 lost, 0 duplicated, failover ≤ 10 s): ${multiOk ? "met" : "NOT met"}`);

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
      ...instancesJson(multi),
    }),
  );
}
