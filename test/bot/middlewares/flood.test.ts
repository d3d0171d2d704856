import type { Update } from "grammy/types";
import { beforeEach, describe, expect, it } from "vitest";
import { FLOOD_DEFAULTS, type FloodLimits } from "../../../src/bot/middlewares/flood.js";
import { withTestDatabase } from "../../helpers/database.js";
import { newUser } from "../../helpers/fixtures.js";
import { callbackAnswerTo, TestBot, type TestUser } from "../../helpers/test-bot.js";

const database = withTestDatabase();
/** The limiter's clock, in milliseconds: it moves only when a test moves it. */
let clockMs: number;

beforeEach(async () => {
  clockMs = 0;
});

const WINDOW_MS = 2_000;
const PER_WINDOW = 5;

function harnessWith(limits: Omit<FloodLimits, "clock"> = { windowMs: WINDOW_MS, perWindow: PER_WINDOW }): TestBot {
  return new TestBot(database.db, { flood: { ...limits, clock: () => clockMs } });
}

const HELP = "Perintah yang bisa Anda gunakan:";

function noticeText(harness: TestBot, seconds = WINDOW_MS / 1000): string {
  return harness.deps.i18n.t("id", "flood-notice", { seconds });
}

function helpRepliesTo(harness: TestBot, user: TestUser): number {
  return harness.telegram.textsTo(user.id).filter((text) => text.includes(HELP)).length;
}

function noticesTo(harness: TestBot, user: TestUser): number {
  return harness.telegram.textsTo(user.id).filter((text) => text === noticeText(harness)).length;
}

/** Many updates at once, as a webhook or a concurrent runner would hand them over. */
async function burst(harness: TestBot, updates: Update[]): Promise<void> {
  await Promise.all(updates.map((update) => harness.bot.handleUpdate(update)));
  await harness.delivery.engine.drain();
}

describe("flood control", () => {
  it("slows a user sending 50 messages at once, with one notice; another user is answered meanwhile", async () => {
    const harness = harnessWith();
    const flooder = newUser("Andi");
    const neighbour = newUser("Budi");

    const flood = Array.from({ length: 50 }, () => harness.messageUpdate(flooder, "/bantuan"));
    const interleaved = [...flood.slice(0, 25), harness.messageUpdate(neighbour, "/bantuan"), ...flood.slice(25)];
    await burst(harness, interleaved);

    expect(helpRepliesTo(harness, flooder)).toBe(PER_WINDOW);
    expect(noticesTo(harness, flooder)).toBe(1);
    expect(harness.telegram.textsTo(flooder.id)).toHaveLength(PER_WINDOW + 1);
    expect(noticeText(harness)).toContain("Pelan-pelan");
    expect(noticeText(harness)).toContain("2 detik");
    expect(helpRepliesTo(harness, neighbour)).toBe(1);
    expect(noticesTo(harness, neighbour)).toBe(0);

    // Still within the window: dropped silently, no second notice.
    clockMs += WINDOW_MS - 1;
    await burst(harness, Array.from({ length: 10 }, () => harness.messageUpdate(flooder, "/bantuan")));
    expect(helpRepliesTo(harness, flooder)).toBe(PER_WINDOW);
    expect(noticesTo(harness, flooder)).toBe(1);

    // The window is over: answered again, as anyone.
    clockMs += 1;
    await harness.send(flooder, "/bantuan");
    expect(harness.lastText(flooder)).toContain(HELP);
    expect(helpRepliesTo(harness, flooder)).toBe(PER_WINDOW + 1);
  });

  it("a second flood in a later window gets its own single notice", async () => {
    const harness = harnessWith();
    const flooder = newUser("Andi");
    await burst(harness, Array.from({ length: 20 }, () => harness.messageUpdate(flooder, "/bantuan")));
    clockMs += WINDOW_MS;
    await burst(harness, Array.from({ length: 20 }, () => harness.messageUpdate(flooder, "/bantuan")));
    expect(helpRepliesTo(harness, flooder)).toBe(2 * PER_WINDOW);
    expect(noticesTo(harness, flooder)).toBe(2);
  });

  it("answers every button tap, even the dropped ones: the first with the notice, the rest silently", async () => {
    const harness = harnessWith();
    const user = newUser("Andi");
    // The page-number button of a list ("1/2") is answered by its handler with nothing to show.
    const taps = Array.from({ length: 20 }, () => harness.callbackUpdate(user, "noop", 7));
    await burst(harness, taps);

    const answers = harness.telegram.callsOf("answerCallbackQuery");
    expect(answers).toHaveLength(taps.length);
    for (const tap of taps) {
      expect(answers.filter((call) => call.payload.callback_query_id === tap.callback_query!.id), tap.callback_query!.id).toHaveLength(1);
    }
    expect(answers.filter((call) => call.payload.text === noticeText(harness))).toHaveLength(1);
    expect(answers.filter((call) => call.payload.text === undefined)).toHaveLength(taps.length - 1);
    // A button's notice is a toast on the button, not a message in the chat.
    expect(harness.telegram.textsTo(user.id)).toEqual([]);
    expect(callbackAnswerTo(harness.telegram, taps[0]!)?.text).toBeUndefined();
  });

  it("a redelivered update is counted once, and dropped by de-duplication", async () => {
    const harness = harnessWith({ windowMs: WINDOW_MS, perWindow: 3 });
    const user = newUser("Andi");
    const first = harness.messageUpdate(user, "/bantuan");
    await harness.deliver(first);
    for (let i = 0; i < 5; i++) await harness.deliver(first);
    expect(helpRepliesTo(harness, user)).toBe(1);

    await harness.send(user, "/bantuan");
    await harness.send(user, "/bantuan");
    expect(helpRepliesTo(harness, user)).toBe(3);
    expect(noticesTo(harness, user)).toBe(0);
    await harness.send(user, "/bantuan");
    expect(noticesTo(harness, user)).toBe(1);
  });

  it("tells no group about one member's flood", async () => {
    const harness = harnessWith();
    const user = newUser("Andi");
    const groupId = -100_123;
    const inGroup = () => {
      const update = harness.messageUpdate(user, "/bantuan");
      (update.message as unknown as { chat: unknown }).chat = { id: groupId, type: "supergroup", title: "RT 05" };
      return update;
    };
    await burst(harness, Array.from({ length: 20 }, inGroup));
    expect(harness.telegram.textsTo(groupId)).toEqual([]);
    // The limit is the person's, wherever they write: their private chat waits out the window too.
    await harness.send(user, "/bantuan");
    expect(harness.telegram.textsTo(user.id)).toEqual([]);
  });

  it("with the defaults, a quick human is never slowed, and a flood is held to the burst", async () => {
    const harness = harnessWith(FLOOD_DEFAULTS);
    const quick = newUser("Siti");
    for (let i = 0; i < 30; i++) {
      await harness.send(quick, "/bantuan");
      clockMs += 400; // two and a half messages a second, for twelve seconds
    }
    expect(helpRepliesTo(harness, quick)).toBe(30);

    const flooder = newUser("Andi");
    await burst(harness, Array.from({ length: 50 }, () => harness.messageUpdate(flooder, "/bantuan")));
    expect(helpRepliesTo(harness, flooder)).toBe(FLOOD_DEFAULTS.perWindow);
    expect(harness.telegram.textsTo(flooder.id).filter((text) => text === noticeText(harness, FLOOD_DEFAULTS.windowMs / 1000))).toHaveLength(1);
  });
});
