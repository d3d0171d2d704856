import { describe, expect, it } from "vitest";
import { Pacer, TELEGRAM_LIMITS } from "../../src/delivery/pacer.js";
import { flush, ManualClock } from "./manual-clock.js";

/** Acquires for each chat and records the (manual) time each grant came. */
function recordGrants(pacer: Pacer, clock: ManualClock, requests: { chatId: number; priority: number; label?: string }[]) {
  const grants: { chatId: number; at: number; label?: string }[] = [];
  for (const request of requests) {
    void pacer.acquire(request.chatId, request.priority).then(() => grants.push({ chatId: request.chatId, at: clock.now(), label: request.label }));
  }
  return grants;
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0; i < times.length; i++) {
    let j = i;
    while (j < times.length && times[j]! - times[i]! < windowMs) j++;
    max = Math.max(max, j - i);
  }
  return max;
}

describe("pacer", () => {
  it("never lets more than 30 messages through in any second, and uses the budget", async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    const grants = recordGrants(pacer, clock, Array.from({ length: 300 }, (_, i) => ({ chatId: 1000 + i, priority: 30 })));
    await clock.advance(20_000);
    expect(grants).toHaveLength(300);
    const times = grants.map((g) => g.at);
    expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(30);
    // 300 messages at 30 per 1045 ms take about ten seconds of manual time, not more.
    expect(times.at(-1)!).toBeLessThanOrEqual(Math.ceil((299 * TELEGRAM_LIMITS.globalWindowMs) / 30) + 1);
  });

  it("spaces messages to one private chat by at least a second", async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    const grants = recordGrants(pacer, clock, [1, 2, 3].map(() => ({ chatId: 42, priority: 0 })));
    await clock.advance(5_000);
    const times = grants.map((g) => g.at);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1000);
  });

  it("lets at most 20 messages a minute into one group", async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    const grants = recordGrants(pacer, clock, Array.from({ length: 25 }, () => ({ chatId: -100123, priority: 30 })));
    await clock.advance(59_000);
    expect(grants).toHaveLength(20);
    await clock.advance(5_000);
    expect(grants).toHaveLength(25);
    expect(maxInAnyWindow(grants.map((g) => g.at), 60_000)).toBeLessThanOrEqual(20);
  });

  it("does not let a chat waiting for its own limit hold up other chats", async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    const grants = recordGrants(pacer, clock, [
      { chatId: 7, priority: 10, label: "first to 7" },
      { chatId: 7, priority: 10, label: "second to 7" },
      { chatId: 8, priority: 30, label: "to 8" },
    ]);
    await clock.advance(500);
    expect(grants.map((g) => g.label)).toEqual(["first to 7", "to 8"]);
  });

  it("serves a person's reply before queued reminders, and reminders before announcements", async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    const order: string[] = [];
    const ask = (chatId: number, priority: number, label: string) => void pacer.acquire(chatId, priority).then(() => order.push(label));
    for (let i = 0; i < 60; i++) ask(5000 + i, 30, "announcement");
    await clock.advance(200); // a few announcements are out; the rest wait
    const alreadyOut = order.length;
    expect(alreadyOut).toBeGreaterThan(0);
    expect(alreadyOut).toBeLessThan(60);
    ask(9001, 10, "reminder");
    ask(9002, 0, "reply");
    ask(9003, 10, "reminder");
    await clock.advance(5_000);
    expect(order.slice(alreadyOut, alreadyOut + 3)).toEqual(["reply", "reminder", "reminder"]);
    expect(order.slice(alreadyOut + 3).every((label) => label === "announcement")).toBe(true);
  });

  it("holds everything back for retry_after after a 429", async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    pacer.pause(3_000);
    const grants = recordGrants(pacer, clock, [{ chatId: 1, priority: 0 }, { chatId: 2, priority: 30 }]);
    await clock.advance(2_999);
    expect(grants).toHaveLength(0);
    await clock.advance(200);
    expect(grants).toHaveLength(2);
    expect(grants[0]!.at).toBeGreaterThanOrEqual(3_000);
    await flush();
  });
  it("counts slots another instance took: the outbox gets only what is left, in the token's window and the chat's, leaving room for more", async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    await clock.advance(10_000);
    // Another instance replied to 10 people, one of them chat 1000, stamped 9,990 and heard at
    // 10,000: counted from 10,000 (it reached Telegram after its stamp).
    for (let i = 0; i < 10; i++) pacer.recordTaken(1000 + i * 7, 9_990);
    const grants = recordGrants(pacer, clock, Array.from({ length: 150 }, (_, i) => ({ chatId: 1000 + i, priority: 30 })));
    await clock.advance(10_000);
    const times = [...Array.from({ length: 10 }, () => 10_000), ...grants.map((grant) => grant.at)].sort((a, b) => a - b);
    expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(30);
    // Chat 1000 had its reply: its outbox message waits a second after it.
    expect(grants.find((grant) => grant.chatId === 1000)!.at).toBeGreaterThanOrEqual(10_000 + TELEGRAM_LIMITS.privateChatIntervalMs);
    // Room is left for the replies still to come at the rate just heard (10 a window), so the
    // outbox gets fewer than 30 - 10 in the first window, but more than a whole window's worth of
    // replies kept free (30 - 10 - 11) would give.
    const firstWindow = grants.filter((grant) => grant.at < 10_000 + TELEGRAM_LIMITS.globalWindowMs).length;
    expect(firstWindow).toBeGreaterThan(9);
    expect(firstWindow).toBeLessThanOrEqual(30 - 10 - 1);
    // Two seconds after the last reply heard, the room is the outbox's again: 30 a window.
    const late = grants.filter((grant) => grant.at >= 12_100).map((grant) => grant.at);
    expect(maxInAnyWindow(late, TELEGRAM_LIMITS.globalWindowMs)).toBe(30);
  });

  /**
   * Other instances reply at `perSecond`, each heard as it is sent, while the outbox has more than
   * it can send: the outbox's messages a second, and every message on the token (grants and replies).
   */
  async function withReplies(perSecond: number, seconds: number) {
    const clock = new ManualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    await clock.advance(10_000);
    const grants = recordGrants(pacer, clock, Array.from({ length: 40 * seconds }, (_, i) => ({ chatId: 5_000 + i, priority: 30 })));
    const replies: number[] = [];
    const every = 1_000 / perSecond;
    for (let at = 10_000; at < 10_000 + seconds * 1_000; at += every) {
      await clock.advance(Math.max(0, Math.round(at) - clock.now()));
      pacer.recordTaken(-1 - replies.length, clock.now());
      replies.push(clock.now());
    }
    await clock.advance(10_000 + seconds * 1_000 - clock.now());
    const sent = grants.map((grant) => grant.at).filter((at) => at < 10_000 + seconds * 1_000);
    return { outbox: sent.length / seconds, all: [...sent, ...replies].sort((x, y) => x - y) };
  }

  it("leaves room for the replies others send at the rate just heard, and no more: the token's window never overflows", async () => {
    for (const perSecond of [1, 4, 10]) {
      const { outbox, all } = await withReplies(perSecond, 6);
      expect(maxInAnyWindow(all, TELEGRAM_LIMITS.globalWindowMs)).toBeLessThanOrEqual(30);
      // The token stays busy: the outbox takes all but the replies and about two slots of room
      // (keeping a whole window of replies free, as before, left it 30 - 2 x replies - 1).
      expect(outbox).toBeGreaterThanOrEqual((30 * 1_000) / TELEGRAM_LIMITS.globalWindowMs - perSecond - 3);
    }
    // Replies at 20 a second: at most half the window is kept for them, so the outbox still sends.
    const { outbox } = await withReplies(20, 6);
    expect(outbox).toBeGreaterThanOrEqual(5);
  });

  /**
   * Residents write when they like: other instances reply at random moments (a Poisson stream,
   * from a fixed seed), each heard `heardAfterMs` after it went, while the outbox has more than it
   * can send. Every message as Telegram counts it: grants and replies at the moment they went.
   */
  async function withRandomReplies(perSecond: number, seconds: number, seed: number, heardAfterMs = 3) {
    let state = seed;
    const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const clock = new ManualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    await clock.advance(10_000);
    const grants = recordGrants(pacer, clock, Array.from({ length: 40 * seconds }, (_, i) => ({ chatId: 5_000 + i, priority: 30 })));
    const replies: number[] = [];
    const end = 10_000 + seconds * 1_000;
    for (let at = 10_000 - Math.log(1 - random()) * (1_000 / perSecond); at < end; at += -Math.log(1 - random()) * (1_000 / perSecond)) {
      const sentAt = Math.round(at);
      await clock.advance(Math.max(0, sentAt + heardAfterMs - clock.now()));
      pacer.recordTaken(-1 - replies.length, sentAt);
      replies.push(sentAt);
    }
    await clock.advance(end - clock.now());
    const sent = grants.map((grant) => grant.at).filter((at) => at < end);
    return { outbox: sent.length / seconds, all: [...sent, ...replies].sort((x, y) => x - y) };
  }

  it("keeps Telegram's second under 30 when replies come at random, heard a few ms late", async () => {
    // The rates of the broadcast bench's residents (4 a second, 2.67 of them to other instances).
    // The room kept for replies is what makes this hold (the outbox gets about 22.5 a second at 4
    // replies a second). Tried in issue 18 and refused by this test: keeping the unheard reply's
    // slot in a window one grant's spacing shorter and counting only whole expected replies (the
    // token at 28.7/s with evenly spaced replies), and the slot kept in the whole window but whole
    // expected replies only (27.8/s), each put 31 in a second. Not held at 7-10 replies a second at
    // random (31-33): a surge of replies elsewhere can still draw a 429.
    for (const [perSecond, seed] of [[2.67, 1], [2.67, 5], [4, 12_345], [4, 777], [4, 3]] as const) {
      const { outbox, all } = await withRandomReplies(perSecond, 30, seed);
      expect(maxInAnyWindow(all, 1_000)).toBeLessThanOrEqual(30);
      expect(outbox).toBeGreaterThan(0);
    }
  });

  it("holds everything until a 429's end another instance saw", async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    pacer.pauseUntil(3_000);
    const grants = recordGrants(pacer, clock, [{ chatId: 1, priority: 0 }]);
    await clock.advance(2_999);
    expect(grants).toHaveLength(0);
    await clock.advance(1);
    expect(grants.map((grant) => grant.at)).toEqual([3_000]);
  });
});
