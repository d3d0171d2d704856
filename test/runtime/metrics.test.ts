import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Update } from "grammy/types";
import { describe, expect, it, vi } from "vitest";
import { enqueueMessages, oldestDueAge, outboxDepth, PRIORITY, type OutboxDepth } from "../../src/delivery/outbox.js";
import { createLogger } from "../../src/logger.js";
import { startApp } from "../../src/runtime/app.js";
import { AppMetrics, processMetrics } from "../../src/runtime/metrics.js";
import { BOT_INFO } from "../helpers/test-bot.js";
import { createTestDatabase, withTestDatabase } from "../helpers/database.js";
import { postUpdate, testConfig } from "./harness.js";
import { eventually, TelegramStub, textUpdate } from "./telegram-stub.js";

const database = withTestDatabase({ truncate: false });

/** A resident whose id, name and words must never show in /metrics. */
const RESIDENT = { id: 734_512_906, firstName: "Sulastri", lastName: "Wirananggapati" };
const FREE_TEXT = "Rumah saya di Lorong Kenanga nomor 17";

function residentUpdate(text: string): Update {
  const update = textUpdate(RESIDENT.id, text);
  const from = { id: RESIDENT.id, is_bot: false, first_name: RESIDENT.firstName, last_name: RESIDENT.lastName, username: "sulastri_w", language_code: "id" };
  return { ...update, message: { ...update.message!, from, chat: { id: RESIDENT.id, type: "private", first_name: RESIDENT.firstName, last_name: RESIDENT.lastName } } };
}

function startMetricsApp(stub: TelegramStub, mode: "webhook" | "polling", env: Record<string, string> = {}, db = database) {
  return startApp(testConfig(mode, { INSTANCE_ID: "bot-test-1", ...env }), { database: db, fetch: stub.fetch, botInfo: BOT_INFO, host: "127.0.0.1", logger: createLogger("silent") });
}

async function scrape(port: number, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, { headers });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

/**
 * The value of one series in Prometheus' text format, or undefined when it has no sample. `labels`
 * must all be on the series (others may be too).
 */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[3] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[4]);
  }
  return undefined;
}

describe("GET /metrics", () => {
  it("counts updates handled and failed, their handling time, Telegram's 429s and the outbox's retries, with no personal data", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    const app = await startMetricsApp(stub, "webhook");
    try {
      const before = await scrape(app.port);
      expect(before.status).toBe(200);
      expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(sample(before.text, "bantar_updates_handled_total")).toBe(0);
      expect(sample(before.text, "bantar_update_duration_seconds_count")).toBe(0);
      expect(sample(before.text, "bantar_instance_info", { mode: "webhook", instance_id: "bot-test-1" })).toBe(1);

      for (const text of ["/start", "/bantuan", FREE_TEXT]) expect((await postUpdate(app.port, residentUpdate(text))).status).toBe(200);
      // Telegram answers the next reply 429: the update fails (answered 500 for redelivery) and the 429 is counted.
      stub.telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } }, { chatId: RESIDENT.id });
      expect((await postUpdate(app.port, residentUpdate("/bantuan"))).status).toBe(500);
      // An outbox message that fails once with a 502 is sent again later: a retry.
      stub.telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" }, { chatId: 7_700 });
      await enqueueMessages(database.db, [{ dedupeKey: "metrics-retry", chatId: 7_700, priority: PRIORITY.notification, payload: { text: "x" }, notBefore: new Date() }]);
      await eventually(async () => sample((await scrape(app.port)).text, "bantar_outbox_retries_total") === 1, "the outbox retry to be counted");

      const after = await scrape(app.port);
      expect(after.status).toBe(200);
      const handled = sample(after.text, "bantar_updates_handled_total")!;
      expect(handled).toBe(3);
      expect(sample(after.text, "bantar_updates_failed_total")).toBe(1);
      expect(sample(after.text, "bantar_update_duration_seconds_count")).toBe(4);
      expect(sample(after.text, "bantar_update_duration_seconds_bucket", { le: "+Inf" })).toBe(4);
      expect(sample(after.text, "bantar_update_duration_seconds_sum")).toBeGreaterThan(0);
      expect(sample(after.text, "bantar_telegram_rate_limited_total")).toBe(1);
      expect(sample(after.text, "bantar_telegram_requests_total")).toBeGreaterThanOrEqual(5);
      expect(sample(after.text, "bantar_outbox_retries_total")).toBe(1);
      expect(sample(after.text, "bantar_updates_in_flight")).toBe(0);
      expect(sample(after.text, "bantar_database_up")).toBe(1);
      expect(sample(after.text, "process_cpu_seconds_total")).toBeGreaterThan(0);

      // Every series is this instance's; nothing names the resident or repeats what they wrote.
      const series = after.text.split("\n").filter((line) => line && !line.startsWith("#"));
      expect(series.length).toBeGreaterThan(20);
      expect(series.filter((line) => !line.includes('instance_id="bot-test-1"'))).toEqual([]);
      // Read without the samples' values: a byte count or a start time may hold "7700" among its digits.
      const comments = after.text.split("\n").filter((line) => line.startsWith("#"));
      const named = series.map((line) => line.replace(/ (?:[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?|NaN|[-+]Inf)(?: \d+)?$/i, ""));
      expect(named.every((line, i) => line !== series[i])).toBe(true);
      const shown = [...comments, ...named].join("\n").toLowerCase();
      for (const personal of [String(RESIDENT.id), RESIDENT.firstName, RESIDENT.lastName, "sulastri", "Kenanga", "bantuan", "7700"]) {
        expect(shown).not.toContain(personal.toLowerCase());
      }
    } finally {
      await app.stop();
    }
  });

  it("shows the outbox's depth and lag, read from the database", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    // A slow Telegram: the sender holds 8 messages in flight, the other 4 wait, overdue by a minute.
    stub.delays.set("sendMessage", 3_000);
    const app = await startMetricsApp(stub, "webhook");
    try {
      const overdue = new Date(Date.now() - 60_000);
      const later = new Date(Date.now() + 3_600_000);
      await enqueueMessages(database.db, [
        ...Array.from({ length: 12 }, (_, i) => ({ dedupeKey: `lag-${i}`, chatId: 7200 + i, priority: PRIORITY.announcement, payload: { text: "x" }, notBefore: overdue })),
        { dedupeKey: "later", chatId: 7300, priority: PRIORITY.announcement, payload: { text: "x" }, notBefore: later },
      ]);
      await eventually(() => stub.started.filter((call) => call.method === "sendMessage").length >= 8, "the sender to fill its slots");
      const { text } = await scrape(app.port);
      expect(sample(text, "bantar_outbox_messages", { state: "sending" })).toBe(8);
      expect(sample(text, "bantar_outbox_messages", { state: "due" })).toBe(4);
      expect(sample(text, "bantar_outbox_messages", { state: "pending" })).toBe(5);
      expect(sample(text, "bantar_outbox_lag_seconds")).toBeGreaterThanOrEqual(60);
      expect(sample(text, "bantar_outbox_lag_seconds")).toBeLessThan(120);
    } finally {
      await app.stop();
    }
  });

  it("counts the updates of polling mode too", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    const app = await startMetricsApp(stub, "polling");
    try {
      stub.push(residentUpdate("/bantuan"));
      stub.push(residentUpdate(FREE_TEXT));
      await eventually(async () => sample((await scrape(app.port)).text, "bantar_updates_handled_total") === 2, "two polled updates to be counted");
      const { text } = await scrape(app.port);
      expect(sample(text, "bantar_update_duration_seconds_count")).toBe(2);
      expect(sample(text, "bantar_instance_info", { mode: "polling" })).toBe(1);
      expect(text).not.toContain(String(RESIDENT.id));
    } finally {
      await app.stop();
    }
  });

  it("answers only the bearer of METRICS_TOKEN when one is set", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    const token = "metrics-token_0123456789";
    const app = await startMetricsApp(stub, "webhook", { METRICS_TOKEN: token });
    try {
      const none = await scrape(app.port);
      expect(none.status).toBe(401);
      expect(none.text).not.toContain("bantar_");
      expect((await scrape(app.port, { authorization: "Bearer wrong-token-0123456789" })).status).toBe(401);
      expect((await scrape(app.port, { authorization: token })).status).toBe(401);
      const right = await scrape(app.port, { authorization: `Bearer ${token}` });
      expect(right.status).toBe(200);
      expect(sample(right.text, "bantar_updates_handled_total")).toBe(0);
      // /healthz stays as it was: open, for the load balancer.
      expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it("still answers when the database does not, saying so", async () => {
    const doomed = await createTestDatabase();
    const stub = new TelegramStub();
    const app = await startMetricsApp(stub, "webhook", {}, doomed);
    try {
      await doomed.close();
      const { status, text } = await scrape(app.port);
      expect(status).toBe(200);
      expect(sample(text, "bantar_database_up")).toBe(0);
      expect(sample(text, "bantar_outbox_messages", { state: "pending" })).toBeUndefined();
      expect(sample(text, "bantar_outbox_lag_seconds")).toBeNaN();
      expect(sample(text, "bantar_updates_handled_total")).toBe(0);
    } finally {
      await app.stop();
    }
  });
});

/** V8's collector, reachable without starting node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

describe("AppMetrics", () => {
  const logger = createLogger("silent");

  it("collects Node's own metrics once per process, each app's scrape naming itself", async () => {
    const one = new AppMetrics({ instanceId: "one", mode: "webhook", db: database.db, clock: () => new Date(), logger });
    const two = new AppMetrics({ instanceId: "two", mode: "polling", db: database.db, clock: () => new Date(), logger });
    // Not on the apps' registries (a GC observer and a loop-delay monitor each, never stopped): on the process's.
    expect([one.registry.getSingleMetric("process_cpu_seconds_total"), two.registry.getSingleMetric("nodejs_eventloop_lag_seconds")]).toEqual([undefined, undefined]);
    expect(processMetrics().getSingleMetric("process_cpu_seconds_total")).toBeDefined();
    expect(processMetrics()).toBe(processMetrics());
    for (const [metrics, id] of [[one, "one"], [two, "two"]] as const) {
      const text = (await metrics.scrape()).body;
      expect(sample(text, "process_cpu_seconds_total", { instance_id: id })).toBeGreaterThan(0);
      expect(sample(text, "bantar_instance_info", { instance_id: id })).toBe(1);
      expect(text.split("\n").filter((line) => line && !line.startsWith("#") && !line.includes(`instance_id="${id}"`))).toEqual([]);
    }
  });

  it("leaves nothing that keeps a stopped app alive", async () => {
    const start = async () => {
      const app = await startMetricsApp(new TelegramStub(), "webhook");
      expect((await scrape(app.port)).status).toBe(200);
      await app.stop();
      return { app: new WeakRef(app), metrics: new WeakRef(app.metrics), registry: new WeakRef(app.metrics.registry) };
    };
    const refs = await start();
    for (let i = 0; i < 10 && refs.app.deref(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      collectGarbage();
    }
    expect({ app: refs.app.deref() === undefined, metrics: refs.metrics.deref() === undefined, registry: refs.registry.deref() === undefined }).toEqual({ app: true, metrics: true, registry: true });
  });

  it("reads the job queue given to it, and leaves its gauges out when it does not answer", async () => {
    let answer: () => Promise<{ queued: number; active: number; failed: number }> = async () => ({ queued: 3, active: 1, failed: 2 });
    const metrics = new AppMetrics({ instanceId: "jobs-test", mode: "webhook", db: database.db, clock: () => new Date(), logger, jobs: () => answer() });
    const text = (await metrics.scrape()).body;
    expect([sample(text, "bantar_jobs", { state: "queued" }), sample(text, "bantar_jobs", { state: "active" }), sample(text, "bantar_jobs", { state: "failed" })]).toEqual([3, 1, 2]);
    answer = async () => {
      throw new Error("job queue away");
    };
    const away = (await metrics.scrape()).body;
    expect(sample(away, "bantar_jobs", { state: "queued" })).toBeUndefined();
    expect(sample(away, "bantar_database_up")).toBe(1);
  });

  it("counts scheduled job runs by job and outcome, each known job from 0", async () => {
    const metrics = new AppMetrics({ instanceId: "runs", mode: "webhook", db: database.db, clock: () => new Date(), logger });
    const onRun = metrics.countJobRuns(["plan-reminders", "retention"]);
    const runs = async (job: string, outcome: string) => sample((await metrics.scrape()).body, "bantar_scheduled_job_runs_total", { job, outcome });
    expect([await runs("plan-reminders", "done"), await runs("retention", "failed")]).toEqual([0, 0]);
    onRun({ job: "retention", outcome: "failed" });
    onRun({ job: "retention", outcome: "done" });
    onRun({ job: "retention", outcome: "done" });
    onRun({ job: "not-a-job", outcome: "failed" });
    expect([await runs("retention", "done"), await runs("retention", "failed"), await runs("plan-reminders", "failed")]).toEqual([2, 1, 0]);
    expect((await metrics.scrape()).body).not.toContain("not-a-job");
  });

  it("keeps one outbox reading in flight until it settles, shows the last figures while it is slow, and calls the database down only when it fails or stays silent", async () => {
    let now = new Date("2026-12-05T14:00:00Z");
    const figures = (pending: number): OutboxDepth => ({ pending, due: 1, sending: 0, oldestDueAgeMs: 42_000, cap: 50_000 });
    const readings: { resolve(depth: OutboxDepth): void; reject(error: Error): void }[] = [];
    const metrics = new AppMetrics({
      instanceId: "slow", mode: "webhook", db: database.db, clock: () => now, elapsedMs: () => now.getTime(), logger, cacheMs: 5_000, probeMs: 20, silentMs: 120_000,
      readOutbox: () => new Promise<OutboxDepth>((resolve, reject) => readings.push({ resolve, reject })),
    });
    const look = async () => {
      const text = (await metrics.scrape()).body;
      return { up: sample(text, "bantar_database_up"), pending: sample(text, "bantar_outbox_messages", { state: "pending" }), lag: sample(text, "bantar_outbox_lag_seconds"), age: sample(text, "bantar_outbox_reading_age_seconds") };
    };

    const first = look();
    await vi.waitFor(() => expect(readings).toHaveLength(1));
    readings[0]!.resolve(figures(7));
    expect(await first).toEqual({ up: 1, pending: 7, lag: 42, age: 0 });

    // Past the cache time a new reading starts, and hangs: every scrape shows the last figures, older
    // each time, with the database up; no second reading is started while the first is in flight.
    now = new Date(now.getTime() + 10_000);
    expect(await look()).toEqual({ up: 1, pending: 7, lag: 42, age: 10 });
    now = new Date(now.getTime() + 50_000);
    expect(await look()).toEqual({ up: 1, pending: 7, lag: 42, age: 60 });
    expect(readings).toHaveLength(2);

    // Silent for silentMs: the database is not answering.
    now = new Date(now.getTime() + 110_000);
    const silent = await look();
    expect(silent.up).toBe(0);
    expect(silent.pending).toBeUndefined();
    expect(silent.lag).toBeNaN();
    expect(readings).toHaveLength(2);

    // It answers at last: its figures show, the database up again.
    readings[1]!.resolve(figures(9));
    await vi.waitFor(async () => expect(await look()).toMatchObject({ up: 1, pending: 9 }));

    // A reading that fails: down, no figures.
    now = new Date(now.getTime() + 10_000);
    const failing = look();
    await vi.waitFor(() => expect(readings).toHaveLength(3));
    readings[2]!.reject(new Error("connection refused"));
    const failed = await failing;
    expect([failed.up, failed.pending]).toEqual([0, undefined]);
    expect(failed.lag).toBeNaN();
  });

  it("counts the outbox up to a cap, and reads the lag from the oldest due row of any priority", async () => {
    await database.truncate();
    const now = new Date("2026-12-05T14:00:00Z");
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    await enqueueMessages(database.db, [
      { dedupeKey: "cap-1", chatId: 7601, priority: PRIORITY.duty, payload: { text: "x" }, notBefore: at(-1) },
      { dedupeKey: "cap-2", chatId: 7602, priority: PRIORITY.duty, payload: { text: "x" }, notBefore: at(-2) },
      { dedupeKey: "cap-3", chatId: 7603, priority: PRIORITY.summary, payload: { text: "x" }, notBefore: at(-30) },
      { dedupeKey: "cap-4", chatId: 7604, priority: 25, payload: { text: "x" }, notBefore: at(-3) },
      { dedupeKey: "cap-5", chatId: 7605, priority: PRIORITY.reminder, payload: { text: "x" }, notBefore: at(60) },
      { dedupeKey: "cap-6", chatId: 7606, priority: PRIORITY.announcement, payload: { text: "x" }, notBefore: at(0) },
    ]);
    expect(await outboxDepth(database.db, { now })).toEqual({ pending: 6, due: 5, sending: 0, oldestDueAgeMs: 30 * 60_000, cap: 50_000 });
    expect(await outboxDepth(database.db, { now, cap: 3, timeoutMs: 5_000 })).toEqual({ pending: 3, due: 3, sending: 0, oldestDueAgeMs: 30 * 60_000, cap: 3 });
    // /healthz's lag is the same reading.
    expect(await oldestDueAge(database.db, now)).toBe(30 * 60_000);
    expect(await oldestDueAge(database.db, at(-60))).toBe(0);
    await database.truncate();
    expect(await outboxDepth(database.db, { now })).toEqual({ pending: 0, due: 0, sending: 0, oldestDueAgeMs: 0, cap: 50_000 });
  });

  it("has no job gauges without a job queue", async () => {
    const metrics = new AppMetrics({ instanceId: "no-jobs", mode: "polling", db: database.db, clock: () => new Date(), logger });
    expect((await metrics.scrape()).body).not.toContain("bantar_jobs");
  });

  it("reads the outbox once for every scrape within its cache time", async () => {
    await database.truncate();
    const cached = new AppMetrics({ instanceId: "cached", mode: "webhook", db: database.db, clock: () => new Date(), logger, cacheMs: 3_600_000 });
    const fresh = new AppMetrics({ instanceId: "fresh", mode: "webhook", db: database.db, clock: () => new Date(), logger, cacheMs: 0 });
    const pending = async (metrics: AppMetrics) => sample((await metrics.scrape()).body, "bantar_outbox_messages", { state: "pending" });
    expect([await pending(cached), await pending(fresh)]).toEqual([0, 0]);
    await enqueueMessages(database.db, [{ dedupeKey: "cache-1", chatId: 7500, priority: PRIORITY.announcement, payload: { text: "x" }, notBefore: new Date(Date.now() + 3_600_000) }]);
    expect([await pending(cached), await pending(fresh)]).toEqual([0, 1]);
  });
});
