import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { openDatabase, queryRows, type DatabaseHandle } from "../../src/db/client.js";
import { SENDER_LOCK_CLASS, SENDER_LOCK_KEY, type SenderLock } from "../../src/db/sender-lock.js";
import { outbox } from "../../src/db/schema/index.js";
import { claimDue, enqueueMessages, PRIORITY } from "../../src/delivery/outbox.js";
import { TELEGRAM_LIMITS, type PacerLimits } from "../../src/delivery/pacer.js";
import { createDeliveryRuntime, type DeliveryRuntime } from "../../src/delivery/runtime.js";
import { createLogger } from "../../src/logger.js";
import { withTestDatabase } from "../helpers/database.js";
import { FakeTelegram } from "../helpers/fake-telegram.js";
import { eventually } from "../runtime/telegram-stub.js";

/** No pacing where the test is about who sends, not how fast. */
const UNPACED: PacerLimits = { globalPerWindow: 1_000_000, globalWindowMs: 1, privateChatIntervalMs: 0, groupPerWindow: 1_000_000, groupWindowMs: 1 };
/** Several instances need a shared PostgreSQL: PGlite is one process's. */
const noServer = !process.env.TEST_DATABASE_URL;

const database = withTestDatabase();
let telegram: FakeTelegram;
let opened: DatabaseHandle[] = [];
let runtimes: DeliveryRuntime[] = [];

beforeEach(() => {
  telegram = new FakeTelegram();
});

afterEach(async () => {
  for (const runtime of runtimes) await runtime.stop();
  for (const handle of opened) await handle.close();
  runtimes = [];
  opened = [];
});

/**
 * One instance's delivery runtime: its own connections (a second handle on the same database, as
 * another process has) and its own transport, so each call is known by who made it.
 */
async function instance(
  name: string,
  calls: { by: string; chatId: number }[],
  limits: PacerLimits = UNPACED,
  alone = false,
  options: { telegramDelayMs?: number; wrapLock?: (lock: SenderLock) => SenderLock } = {},
): Promise<DeliveryRuntime> {
  let handle: DatabaseHandle = database;
  if (!alone && !noServer) {
    handle = await openDatabase({ kind: "postgres", url: database.url! });
    opened.push(handle);
  }
  const transport = (async (input: unknown, init?: { body?: unknown }) => {
    const url = String(input);
    if (url.endsWith("/sendMessage")) calls.push({ by: name, chatId: Number((JSON.parse(String(init?.body)) as { chat_id: number }).chat_id) });
    if (options.telegramDelayMs) await new Promise((resolve) => setTimeout(resolve, options.telegramDelayMs));
    return telegram.fetch(input, init);
  }) as unknown as typeof fetch;
  const lock = alone || !handle.senderLock ? null : options.wrapLock ? options.wrapLock(handle.senderLock) : handle.senderLock;
  const runtime = createDeliveryRuntime({
    db: handle.db,
    token: "1:test",
    fetch: transport,
    i18n: createI18n(handle.db),
    logger: createLogger("silent"),
    clock: () => new Date(),
    limits,
    senderLock: lock,
    electionIntervalMs: 200,
  });
  runtimes.push(runtime);
  return runtime;
}

function messages(prefix: string, count: number, firstChat: number) {
  return Array.from({ length: count }, (_, i) => ({ dedupeKey: `${prefix}-${i}`, chatId: firstChat + i, priority: PRIORITY.announcement, payload: { text: `${prefix} ${i}` }, notBefore: new Date() }));
}

async function statuses(): Promise<string[]> {
  return (await database.db.select({ status: outbox.status }).from(outbox)).map((row) => row.status);
}

/** The backend holding the sender's seat, as pg_locks shows it. */
async function seatHolders(): Promise<number[]> {
  const rows = await queryRows<{ pid: number }>(
    database.db,
    sql`select pid from pg_locks where locktype = 'advisory' and granted and classid = ${SENDER_LOCK_CLASS} and objid = ${SENDER_LOCK_KEY} and objsubid = 2`,
  );
  return rows.map((row) => row.pid);
}

describe("one outbox sender", () => {
  it("alone on its database (PGlite, or no seat given), a process sends as before", async () => {
    const calls: { by: string; chatId: number }[] = [];
    const alone = await instance("alone", calls, UNPACED, true);
    await enqueueMessages(database.db, messages("alone", 5, 100));
    alone.start();
    expect(alone.election.leading).toBe(true);
    await eventually(async () => (await statuses()).every((status) => status === "sent"), "the rows to go out");
    expect(calls.map((call) => call.chatId).sort()).toEqual([100, 101, 102, 103, 104]);
  });

  it.skipIf(noServer)("elects one sender; the other takes over when its seat's connection drops, and takes back the rows it left at once", async () => {
    const calls: { by: string; chatId: number }[] = [];
    const a = await instance("a", calls);
    const b = await instance("b", calls);
    expect(await a.election.tryLead()).toBe(true);
    expect(await b.election.tryLead()).toBe(false);
    expect(a.engine.claiming).toBe(true);
    expect(b.engine.claiming).toBe(false);

    await enqueueMessages(database.db, messages("first", 20, 1_000));
    await eventually(async () => (await statuses()).every((status) => status === "sent"), "the first rows to go out");
    expect(new Set(calls.map((call) => call.by))).toEqual(new Set(["a"]));

    // a's sender dies mid-send: rows it had claimed stay 'sending' (claimed by its worker).
    await a.engine.stop();
    await enqueueMessages(database.db, messages("second", 6, 2_000));
    expect(await claimDue(database.db, { workerId: a.engine.workerId, limit: 3, now: new Date() })).toHaveLength(3);
    // Claimed long ago: whatever a did with them has settled or timed out by now.
    await database.db.update(outbox).set({ claimedAt: new Date(Date.now() - 60_000) }).where(eq(outbox.status, "sending"));
    // PostgreSQL loses a's seat connection (what a killed process's socket closing does).
    const [holder] = await seatHolders();
    await database.db.execute(sql`select pg_terminate_backend(${holder!})`);
    await eventually(() => !a.election.leading, "a to see its seat gone");
    expect(a.engine.claiming).toBe(false);

    expect(await b.election.tryLead()).toBe(true);
    await eventually(async () => (await statuses()).every((status) => status === "sent"), "b to send what a left, and the rest");
    const second = calls.filter((call) => call.chatId >= 2_000);
    expect(second.map((call) => call.by)).toEqual(second.map(() => "b"));
    expect(second.map((call) => call.chatId).sort()).toEqual([2_000, 2_001, 2_002, 2_003, 2_004, 2_005]);
    // a does not come back while b holds the seat.
    expect(await a.election.tryLead()).toBe(false);
  });

  it.skipIf(noServer)("never has two instances sending at once: started together, one sends; stopped, it hands over", async () => {
    const calls: { by: string; chatId: number }[] = [];
    const a = await instance("a", calls);
    const b = await instance("b", calls);
    a.start();
    b.start();
    await eventually(() => a.election.leading || b.election.leading, "a sender to be elected");
    await enqueueMessages(database.db, messages("together", 30, 3_000));
    await eventually(async () => (await statuses()).every((status) => status === "sent"), "the rows to go out");
    const [leader, other] = a.election.leading ? [a, b] : [b, a];
    const leaderName = leader === a ? "a" : "b";
    expect(other.election.leading).toBe(false);
    expect(calls.map((call) => call.by)).toEqual(calls.map(() => leaderName));
    expect(calls).toHaveLength(30);

    // The sender shuts down: it gives the seat back, and the other one sends from then on.
    await leader.stop();
    await enqueueMessages(database.db, messages("after", 10, 4_000));
    await eventually(async () => (await statuses()).every((status) => status === "sent"), "the other instance to take over");
    const after = calls.filter((call) => call.chatId >= 4_000);
    expect(after.map((call) => call.by)).toEqual(after.map(() => (leaderName === "a" ? "b" : "a")));
    expect(after).toHaveLength(10);
  });

  it.skipIf(noServer)("counts the replies of an instance that does not send the outbox, stops for a 429 it saw, and hears its wake-ups", async () => {
    const calls: { by: string; chatId: number }[] = [];
    const sender = await instance("sender", calls, TELEGRAM_LIMITS);
    const replier = await instance("replier", calls, TELEGRAM_LIMITS);
    await sender.budget!.listen();
    expect(await sender.election.tryLead()).toBe(true);
    expect(await replier.election.tryLead()).toBe(false);

    // Three replies to three people, through the replier's own client: they go at once, and the
    // sender learns of their slots.
    const reply = (chatId: number) => replier.botFetch("https://api.telegram.org/bot1:test/sendMessage", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ chat_id: chatId, text: "ok" }) });
    await Promise.all([reply(501), reply(502), reply(503)]);
    expect(calls.map((call) => call.by)).toEqual(["replier", "replier", "replier"]);
    await replier.budget!.settled();
    await eventually(() => sender.pacer.stats.taken === 3, "the sender to count the replier's three replies");
    expect(sender.budget!.stats.repliesCounted).toBe(3);
    expect(sender.pacer.stats.granted).toBe(0);

    // Telegram answers the replier 429 for 30 s: the sender holds the outbox as long.
    telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 30", parameters: { retry_after: 30 } });
    const before = Date.now();
    await reply(504);
    await replier.budget!.settled();
    await eventually(() => sender.pacer.pausedUntilMs >= before + 29_000, "the sender to pause for the replier's 429");

    // A row queued on the replier wakes the sender through the same channel.
    const heard = sender.budget!.stats.noticesHeard;
    replier.wake();
    await replier.budget!.settled();
    await eventually(() => sender.budget!.stats.noticesHeard === heard + 1, "the sender to hear the wake-up");
  });

  it.skipIf(noServer)("sends a message once when the seat's connection drops while the old sender's request is in flight", async () => {
    const calls: { by: string; chatId: number }[] = [];
    const a = await instance("a", calls, UNPACED, false, { telegramDelayMs: 400 });
    const b = await instance("b", calls);
    expect(await a.election.tryLead()).toBe(true);
    expect(await b.election.tryLead()).toBe(false);
    await enqueueMessages(database.db, messages("inflight", 1, 7_000));
    a.wake();
    await eventually(() => calls.length === 1, "a to hand the row to Telegram");
    const [holder] = await seatHolders();
    await database.db.execute(sql`select pg_terminate_backend(${holder!})`);
    await eventually(() => !a.election.leading, "a to see its seat gone");
    expect(await b.election.tryLead()).toBe(true);
    await eventually(async () => (await statuses()).every((status) => status === "sent"), "the row to be recorded as sent");
    // Past b's wait and take-back: nothing is sent again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls).toEqual([{ by: "a", chatId: 7_000 }]);
    // b sends what comes next.
    await enqueueMessages(database.db, messages("next", 1, 7_100));
    b.wake();
    await eventually(async () => (await statuses()).every((status) => status === "sent"), "b to send the next row");
    expect(calls.at(-1)).toEqual({ by: "b", chatId: 7_100 });
  });

  it.skipIf(noServer)("a sender whose first LISTEN failed listens on taking the seat, trying again until it works", async () => {
    const calls: { by: string; chatId: number }[] = [];
    let failures = 0;
    const failingOnce = (lock: SenderLock): SenderLock =>
      new Proxy(lock, {
        get(target, key, receiver) {
          if (key === "listen") {
            return (onNotice: (payload: string) => void) => (failures++ === 0 ? Promise.reject(new Error("LISTEN refused")) : target.listen(onNotice));
          }
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const sender = await instance("sender", calls, TELEGRAM_LIMITS, false, { wrapLock: failingOnce });
    const replier = await instance("replier", calls, TELEGRAM_LIMITS);
    expect(await sender.election.tryLead()).toBe(true);
    expect(await replier.election.tryLead()).toBe(false);
    await eventually(() => failures >= 2, "the sender to try its LISTEN again");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const reply = (chatId: number) => replier.botFetch("https://api.telegram.org/bot1:test/sendMessage", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ chat_id: chatId, text: "ok" }) });
    await reply(601);
    await replier.budget!.settled();
    await eventually(() => sender.pacer.stats.taken === 1, "the sender to count the replier's reply");
  });

  it.skipIf(noServer)("tells the other instances of the sender's own 429: their replies wait as long", async () => {
    const calls: { by: string; chatId: number }[] = [];
    const sender = await instance("sender", calls, TELEGRAM_LIMITS);
    const replier = await instance("replier", calls, TELEGRAM_LIMITS);
    await replier.budget!.listen();
    expect(await sender.election.tryLead()).toBe(true);
    expect(await replier.election.tryLead()).toBe(false);
    telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 30", parameters: { retry_after: 30 } });
    const before = Date.now();
    await enqueueMessages(database.db, messages("limited", 1, 8_000));
    sender.wake();
    await eventually(() => sender.engine.stats.rateLimited === 1, "the sender to see the 429");
    await sender.budget!.settled();
    await eventually(() => replier.pacer.pausedUntilMs >= before + 29_000, "the replier to pause for the sender's 429");
  });
});
