import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.js";
import { NO_LIMITS } from "../../src/delivery/pacer.js";
import type { LongWorkEnvelope } from "../../src/jobs/long-work.js";
import { createJobQueue } from "../../src/jobs/queue.js";
import { createLogger } from "../../src/logger.js";
import { composeBot } from "../../src/runtime/compose.js";
import { withTestDatabase } from "../helpers/database.js";
import { FakeTelegram, sentDocuments } from "../helpers/fake-telegram.js";
import { addKetua, addRt, newUser } from "../helpers/fixtures.js";
import { BOT_INFO } from "../helpers/test-bot.js";
import { CRASH_QUEUE_OPTIONS } from "./crash-options.js";

const silent = createLogger("silent");
const database = withTestDatabase();
const RUNNER = fileURLToPath(new URL("./crash-runner.ts", import.meta.url));

type Runner = { child: ChildProcess; saw(line: string): Promise<void>; exited: Promise<number | null> };

/** The worker in a process of its own (node + tsx, as `npm start` runs the app). */
function runner(mode: "die" | "work"): Runner {
  const child = spawn(process.execPath, ["--import", "tsx", RUNNER], { env: { ...process.env, RUNNER_DATABASE_URL: database.url!, RUNNER_MODE: mode }, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  const waiters: { line: string; resolve: () => void }[] = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    for (const waiter of waiters.filter((w) => out.includes(w.line))) waiter.resolve();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    exited,
    saw: (line) => new Promise<void>((resolve, reject) => {
      if (out.includes(line)) return resolve();
      waiters.push({ line, resolve });
      void exited.then(() => reject(new Error(`the runner exited before "${line}"`)));
    }),
  };
}

async function until<T>(read: () => Promise<T | undefined>, seconds: number): Promise<T> {
  for (let i = 0; i < seconds * 4; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`not within ${seconds} s`);
}

// Two processes on one database: the real PostgreSQL server (an in-memory PGlite has one owner).
describe.skipIf(!process.env.TEST_DATABASE_URL)("long work survives a crash", () => {
  it("a job whose process is killed mid-way is done by the next process, and the file arrives", { timeout: 120_000 }, async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Pak Ketua");
    const { personId } = await addKetua(database.db, ketua, place.id);
    const key = "kas-export:m1.1";
    const queue = createJobQueue<LongWorkEnvelope>({ database, logger: silent, ...CRASH_QUEUE_OPTIONS });
    await queue.submit({ work: "kas-export", key, chatId: ketua.id, telegramId: ketua.id, personId, locale: "id", requestedAt: new Date().toISOString(), data: { rtId: place.id } });

    // 1. A process takes the job and is killed in the middle of it: nothing is failed, nothing sent.
    const first = runner("die");
    await first.saw("active kas-export");
    first.child.kill("SIGKILL");
    await first.exited;
    const jobState = async () => (await queryRows<{ state: string; retry_count: number }>(database.db, sql`select state, retry_count from pgboss.job where name = 'long-work'`))[0];
    expect(await jobState()).toEqual({ state: "active", retry_count: 0 });
    const xlsxRow = async () => (await queryRows<{ method: string }>(database.db, sql`select method from outbox where dedupe_key = ${`${key}:xlsx`}`))[0];
    expect(await xlsxRow()).toBeUndefined();

    // 2. The next process finds the job expired and does it again: the workbook is queued once.
    const second = runner("work");
    try {
      await second.saw("ready");
      expect(await until(xlsxRow, 60)).toEqual({ method: "sendDocument" });
      expect(await until(async () => ((await jobState())?.state === "completed" ? jobState() : undefined), 30)).toEqual({ state: "completed", retry_count: 1 });
    } finally {
      second.child.kill("SIGKILL");
      await second.exited;
      await queue.stop();
    }

    // 3. The outbox sender (any process) hands the file to Telegram.
    const telegram = new FakeTelegram({ botInfo: BOT_INFO });
    const { delivery } = composeBot({ db: database.db, token: "123456:TEST", logger: silent, clock: () => new Date(), fetch: telegram.fetch as unknown as typeof fetch, botInfo: BOT_INFO, wilayahCode: "15.71", adminTelegramIds: [], deliveryLimits: NO_LIMITS, wakeOnQueue: false });
    await delivery.engine.drain();
    const documents = sentDocuments(telegram, ketua.id);
    expect(documents).toHaveLength(1);
    expect(documents[0]!.filename).toMatch(/\.xlsx$/);
    expect(documents[0]!.caption).toContain("RT 05");
  });
});
