import { eq } from "drizzle-orm";
import { Api } from "grammy";
import { beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { outbox, person } from "../../src/db/schema/index.js";
import { DeliveryEngine } from "../../src/delivery/engine.js";
import { claimDue, enqueueMessages, PRIORITY, reclaimStale } from "../../src/delivery/outbox.js";
import { Pacer } from "../../src/delivery/pacer.js";
import { createLogger } from "../../src/logger.js";
import { withTestDatabase } from "../helpers/database.js";
import { FakeTelegram } from "../helpers/fake-telegram.js";

/** No pacing in these tests: pacing has its own tests; here the answers from Telegram matter. */
const UNPACED = { globalPerWindow: 1_000_000, globalWindowMs: 1000, privateChatIntervalMs: 0, groupPerWindow: 1_000_000, groupWindowMs: 1000 };

const database = withTestDatabase();
let telegram: FakeTelegram;
let now: Date;

beforeEach(async () => {
  telegram = new FakeTelegram();
  now = new Date("2026-11-22T03:00:00Z");
});

function engineOn(db: Database, fetchImpl: typeof fetch = telegram.fetch as unknown as typeof fetch, pacer = new Pacer(UNPACED)) {
  return new DeliveryEngine({ db, api: new Api("1:test", { fetch: fetchImpl }), pacer, logger: createLogger("silent"), clock: () => now, maxAttempts: 3 });
}

async function rows() {
  return database.db.select().from(outbox).orderBy(outbox.id);
}

async function addPerson(telegramId: number) {
  const [row] = await database.db.insert(person).values({ telegramId, displayName: "Warga" }).returning({ id: person.id });
  return row!.id;
}

const message = (key: string, chatId: number, extra: Partial<Parameters<typeof enqueueMessages>[1][number]> = {}) => ({
  dedupeKey: key,
  chatId,
  priority: PRIORITY.announcement,
  payload: { text: `pesan ${key}` },
  notBefore: now,
  ...extra,
});

describe("delivery engine", () => {
  it("sends what is due and records Telegram's message id", async () => {
    await enqueueMessages(database.db, [message("a", 101), message("b", 102)]);
    await engineOn(database.db).drain();
    const sent = await rows();
    expect(sent.map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(sent.every((r) => typeof r.telegramMessageId === "number")).toBe(true);
    expect(telegram.callsOf("sendMessage").map((c) => c.payload.chat_id)).toEqual([101, 102]);
  });

  it("queues a dedupe key once, so enqueueing twice sends once", async () => {
    expect(await enqueueMessages(database.db, [message("same", 101)])).toBe(1);
    expect(await enqueueMessages(database.db, [message("same", 101)])).toBe(0);
    await engineOn(database.db).drain();
    expect(telegram.callsOf("sendMessage")).toHaveLength(1);
  });

  it("sends reminders before announcements and leaves rows that are not due yet", async () => {
    await enqueueMessages(database.db, [
      message("announcement", 101),
      message("reminder", 102, { priority: PRIORITY.duty }),
      message("later", 103, { notBefore: new Date(now.getTime() + 60_000) }),
    ]);
    const claimed = await claimDue(database.db, { workerId: "w", limit: 10, now });
    expect(claimed.map((r) => r.dedupeKey)).toEqual(["reminder", "announcement"]);
  });

  it("on 429 pauses everything for retry_after and sends the row later without counting an attempt", async () => {
    await enqueueMessages(database.db, [message("a", 101)]);
    telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    const pacer = new Pacer(UNPACED);
    const engine = engineOn(database.db, undefined, pacer);
    await engine.drain();
    const [row] = await rows();
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    expect(row!.notBefore.getTime()).toBe(now.getTime() + 1_000);
    expect(pacer.stats.pauses).toBe(1);
    now = new Date(now.getTime() + 1_000);
    await engine.drain();
    expect((await rows())[0]!.status).toBe("sent");
  });

  it("on 403 marks the person unreachable and drops what else was queued for them", async () => {
    const personId = await addPerson(101);
    await enqueueMessages(database.db, [message("a", 101, { personId }), message("b", 101, { personId, notBefore: new Date(now.getTime() + 60_000) })]);
    telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    const engine = engineOn(database.db);
    await engine.drain();
    expect((await rows()).map((r) => r.status)).toEqual(["blocked", "blocked"]);
    const [stored] = await database.db.select().from(person).where(eq(person.id, personId));
    expect(stored!.unreachableAt).toEqual(now);
    expect(engine.stats.blocked).toBe(1);
  });

  it("fails a row Telegram refuses with another 4xx, keeping the reason", async () => {
    await enqueueMessages(database.db, [message("a", 101)]);
    telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    await engineOn(database.db).drain();
    expect((await rows())[0]).toMatchObject({ status: "failed", lastError: "Bad Request: chat not found" });
  });

  it("retries 5xx with backoff and gives up after the last attempt", async () => {
    await enqueueMessages(database.db, [message("a", 101)]);
    telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" }, { times: 3 });
    const engine = engineOn(database.db);
    await engine.drain();
    let [row] = await rows();
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.notBefore.getTime()).toBe(now.getTime() + 2_000);
    now = new Date(now.getTime() + 2_000);
    await engine.drain();
    [row] = await rows();
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
    expect(row!.notBefore.getTime()).toBe(now.getTime() + 4_000);
    now = new Date(now.getTime() + 4_000);
    await engine.drain();
    [row] = await rows();
    expect(row!.status).toBe("failed");
    expect(row!.lastError).toContain("gave up after 3 attempts");
  });

  it("retries network errors", async () => {
    await enqueueMessages(database.db, [message("a", 101)]);
    let failures = 1;
    const flaky = (async (input: unknown, init?: unknown) => {
      if (failures-- > 0) throw new Error("ECONNRESET");
      return telegram.fetch(input, init as { body?: unknown });
    }) as unknown as typeof fetch;
    const engine = engineOn(database.db, flaky);
    await engine.drain();
    expect((await rows())[0]).toMatchObject({ status: "pending", attempts: 1 });
    now = new Date(now.getTime() + 2_000);
    await engine.drain();
    expect((await rows())[0]!.status).toBe("sent");
  });

  it("takes back rows a dead sender had claimed, once their lease is over", async () => {
    await enqueueMessages(database.db, [message("a", 101)]);
    await claimDue(database.db, { workerId: "dead-sender", limit: 10, now });
    expect(await reclaimStale(database.db, new Date(now.getTime() + 30_000), 60_000)).toBe(0);
    expect(await reclaimStale(database.db, new Date(now.getTime() + 61_000), 60_000)).toBe(1);
    now = new Date(now.getTime() + 61_000);
    await engineOn(database.db).drain();
    expect((await rows())[0]!.status).toBe("sent");
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("never sends a row twice when two senders share one PostgreSQL", async () => {
    const recipients = 400;
    await enqueueMessages(database.db, Array.from({ length: recipients }, (_, i) => message(`m${i}`, 10_000 + i)));
    const second = await openDatabase({ kind: "postgres", url: database.url! });
    try {
      const slowFetch = (async (input: unknown, init?: unknown) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        return telegram.fetch(input, init as { body?: unknown });
      }) as unknown as typeof fetch;
      const a = engineOn(database.db, slowFetch);
      const b = engineOn(second.db, slowFetch);
      await Promise.all([a.drain(), b.drain()]);
      const perChat = new Map<number, number>();
      for (const call of telegram.callsOf("sendMessage")) perChat.set(call.payload.chat_id as number, (perChat.get(call.payload.chat_id as number) ?? 0) + 1);
      expect(perChat.size).toBe(recipients);
      expect([...perChat.values()].every((count) => count === 1)).toBe(true);
      // Both senders did part of the work.
      expect(a.stats.sent).toBeGreaterThan(0);
      expect(b.stats.sent).toBeGreaterThan(0);
      expect(a.stats.sent + b.stats.sent).toBe(recipients);
    } finally {
      await second.close();
    }
  });
});
