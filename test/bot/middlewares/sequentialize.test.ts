import { Bot } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import type { BotContext } from "../../../src/bot/context.js";
import { sequentializeChats } from "../../../src/bot/middlewares/sequentialize.js";
import { BOT_INFO } from "../../helpers/test-bot.js";

let updateId = 1;
function message(chatId: number, text: string): Update {
  return {
    update_id: updateId++,
    message: { message_id: updateId, date: 0, chat: { id: chatId, type: "private", first_name: "Warga" }, from: { id: chatId, is_bot: false, first_name: "Warga" }, text },
  } as Update;
}

/** A bot whose handler records when each message starts and ends, and waits where the test says. */
function recordingBot() {
  const events: string[] = [];
  const gates = new Map<string, Promise<void>>();
  const bot = new Bot<BotContext>("123456:TEST-token-for-offline-harness", { botInfo: BOT_INFO });
  bot.use(sequentializeChats());
  bot.on("message:text", async (ctx) => {
    events.push(`start ${ctx.message.text}`);
    await gates.get(ctx.message.text);
    events.push(`end ${ctx.message.text}`);
  });
  return { bot, events, gates };
}

function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe("one update at a time per chat", () => {
  it("holds a chat's second update until its first is done, in arrival order, without holding other chats", async () => {
    const { bot, events, gates } = recordingBot();
    const first = gate();
    gates.set("a1", first.promise);
    const running = [bot.handleUpdate(message(1, "a1")), bot.handleUpdate(message(1, "a2")), bot.handleUpdate(message(1, "a3")), bot.handleUpdate(message(2, "b1"))];
    await new Promise((resolve) => setImmediate(resolve));
    // Chat 2 went through while chat 1's first message is still being handled; chat 1's others wait.
    expect(events).toEqual(["start a1", "start b1", "end b1"]);
    first.open();
    await Promise.all(running);
    expect(events).toEqual(["start a1", "start b1", "end b1", "end a1", "start a2", "end a2", "start a3", "end a3"]);
  });

  it("lets the next update of the chat run when the one before it failed", async () => {
    const bot = new Bot<BotContext>("123456:TEST-token-for-offline-harness", { botInfo: BOT_INFO });
    const handled: string[] = [];
    bot.use(sequentializeChats());
    bot.on("message:text", (ctx) => {
      if (ctx.message.text === "boom") throw new Error("handler failed");
      handled.push(ctx.message.text);
    });
    const failing = bot.handleUpdate(message(3, "boom"));
    const next = bot.handleUpdate(message(3, "after"));
    await expect(failing).rejects.toThrow("handler failed");
    await next;
    expect(handled).toEqual(["after"]);
  });
});
