import { Bot } from "grammy";
import type { Update } from "grammy/types";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import type { BotContext } from "../../../src/bot/context.js";
import { sequentializeChats } from "../../../src/bot/middlewares/sequentialize.js";
import { ChatBusyError, openChatLocks, type ChatLocks } from "../../../src/db/chat-lock.js";
import { withTestDatabase } from "../../helpers/database.js";
import { BOT_INFO } from "../../helpers/test-bot.js";

let updateId = 1;
function message(chatId: number, text: string): Update {
  return {
    update_id: updateId++,
    message: { message_id: updateId, date: 0, chat: { id: chatId, type: "private", first_name: "Warga" }, from: { id: chatId, is_bot: false, first_name: "Warga" }, text },
  } as Update;
}

/** A bot whose handler records when each message starts and ends, and waits where the test says. */
function recordingBot(options: { chatLocks?: ChatLocks; events?: string[]; gates?: Map<string, Promise<void>> } = {}) {
  const events = options.events ?? [];
  const gates = options.gates ?? new Map<string, Promise<void>>();
  const bot = new Bot<BotContext>("123456:TEST-token-for-offline-harness", { botInfo: BOT_INFO });
  bot.use(sequentializeChats(options.chatLocks ? { chatLocks: options.chatLocks } : {}));
  bot.on("message:text", async (ctx) => {
    events.push(`start ${ctx.message.text}`);
    await gates.get(ctx.message.text);
    if (ctx.message.text.startsWith("boom")) throw new Error("handler failed");
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
  it("holds a voter's second poll answer until the first is done (poll_answer has no chat and no ctx.from)", async () => {
    const events: string[] = [];
    const first = gate();
    const bot = new Bot<BotContext>("123456:TEST-token-for-offline-harness", { botInfo: BOT_INFO });
    bot.use(sequentializeChats());
    bot.on("poll_answer", async (ctx) => {
      const option = ctx.pollAnswer.option_ids.join(",");
      events.push(`start ${option}`);
      if (option === "0") await first.promise;
      events.push(`end ${option}`);
    });
    const answer = (options: number[]): Update => ({ update_id: updateId++, poll_answer: { poll_id: "p", user: { id: 77, is_bot: false, first_name: "Warga" }, option_ids: options } }) as Update;
    const running = [bot.handleUpdate(answer([0])), bot.handleUpdate(answer([1]))];
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(["start 0"]);
    first.open();
    await Promise.all(running);
    expect(events).toEqual(["start 0", "end 0", "start 1", "end 1"]);
  });

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

/** Waits until `check` holds (work in flight on another connection), or fails. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 1_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Two instances = two bots, each with its own lock connection, on one PostgreSQL. PGlite has no
// other process to wait for: skipped without TEST_DATABASE_URL.
describe.skipIf(!process.env.TEST_DATABASE_URL)("one update at a time per chat across instances (PostgreSQL)", () => {
  const database = withTestDatabase({ truncate: false });
  const opened: ChatLocks[] = [];
  const locks = (waitMs?: number) => {
    const chatLocks = openChatLocks(database.url!, waitMs === undefined ? {} : { waitMs });
    opened.push(chatLocks);
    return chatLocks;
  };
  afterAll(async () => {
    await Promise.all(opened.map((chatLocks) => chatLocks.close()));
  });

  it("holds a chat's update on one instance until the other instance is done with the chat, also when it failed", async () => {
    const events: string[] = [];
    const gates = new Map<string, Promise<void>>();
    const one = recordingBot({ chatLocks: locks(), events, gates });
    const two = recordingBot({ chatLocks: locks(), events, gates });
    const first = gate();
    gates.set("boom a1", first.promise);
    const failing = one.bot.handleUpdate(message(11, "boom a1"));
    await until(() => events.includes("start boom a1"), "the first instance to take the chat");
    const waiting = two.bot.handleUpdate(message(11, "a2"));
    const other = two.bot.handleUpdate(message(12, "b1"));
    await other;
    // Another chat went through the second instance; this chat waits there for the first instance.
    expect(events).toEqual(["start boom a1", "start b1", "end b1"]);
    first.open();
    await expect(failing).rejects.toThrow("handler failed");
    await waiting;
    expect(events).toEqual(["start boom a1", "start b1", "end b1", "start a2", "end a2"]);
  });

  it("waits a bounded time for a chat another instance holds, then fails as busy (the webhook answers 500)", async () => {
    const events: string[] = [];
    const gates = new Map<string, Promise<void>>();
    const one = recordingBot({ chatLocks: locks(), events, gates });
    const two = recordingBot({ chatLocks: locks(100), events, gates });
    const first = gate();
    gates.set("c1", first.promise);
    const holding = one.bot.handleUpdate(message(13, "c1"));
    await until(() => events.includes("start c1"), "the first instance to take the chat");
    const refused = await two.bot.handleUpdate(message(13, "c2")).then(() => null, (error: unknown) => error);
    expect((refused as { error?: unknown })?.error).toBeInstanceOf(ChatBusyError);
    expect(events).toEqual(["start c1"]);
    first.open();
    await holding;
  });

  it("frees a chat when the instance holding it loses its connection (a crashed instance holds nothing)", async () => {
    const events: string[] = [];
    const gates = new Map<string, Promise<void>>();
    const one = recordingBot({ chatLocks: locks(), events, gates });
    const two = recordingBot({ chatLocks: locks(), events, gates });
    const stuck = gate();
    gates.set("d1", stuck.promise);
    const holding = one.bot.handleUpdate(message(14, "d1"));
    await until(() => events.includes("start d1"), "the first instance to take the chat");
    // The first instance's lock connection dies, as it does when its process is killed.
    const admin = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'bantar-chat-locks' and datname = current_database() and pid in (select pid from pg_locks where locktype = 'advisory' and granted)`;
    } finally {
      await admin.end();
    }
    await two.bot.handleUpdate(message(14, "d2"));
    expect(events).toEqual(["start d1", "start d2", "end d2"]);
    stuck.open();
    await holding;
  });
});
