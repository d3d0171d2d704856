import { BotError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { beforeEach, describe, expect, it } from "vitest";
import type { BotContext } from "../src/bot/context.js";
import { NO_LIMITS } from "../src/delivery/pacer.js";
import { composeBot } from "../src/runtime/compose.js";
import { createLogger, type Logger } from "../src/logger.js";
import { withTestDatabase } from "./helpers/database.js";
import { FakeTelegram } from "./helpers/fake-telegram.js";
import { addMember, addRt, newUser } from "./helpers/fixtures.js";
import { BOT_INFO, type TestUser } from "./helpers/test-bot.js";

/** Shaped like a real token: digits, a colon, 35 characters. */
const TOKEN = "7312345678:AAHk2xSecretTokenValue_abcdefghijk-LM";
const WEBHOOK_SECRET = "webhook-secret-Quartz-9931";
/** Words that exist only in personal data and in what the person typed. */
const NAME = "Kartikasari";
const LAST_NAME = "Wulandanu";
const HOUSEHOLD = "Keluarga Wulandanu No. 7";
const MESSAGE = "pesan rahasia Zamrud 4821";
const FORBIDDEN = [TOKEN, TOKEN.split(":")[1]!, WEBHOOK_SECRET, NAME, LAST_NAME, "Zamrud"];

const database = withTestDatabase();
let lines: string[];
let logger: Logger;

beforeEach(async () => {
  lines = [];
  logger = createLogger("trace", { write: (line: string) => void lines.push(line) }, { secrets: [TOKEN, WEBHOOK_SECRET] });
});

let nextUpdateId = 900_000;

function message(user: TestUser, text: string): Update {
  const command = /^\/\w+/.exec(text);
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: 1_795_000_000,
      chat: { id: user.id, type: "private", first_name: user.first_name, last_name: user.last_name },
      from: { id: user.id, is_bot: false, first_name: user.first_name, last_name: user.last_name, language_code: "id" },
      text,
      ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
    },
  };
}

/** The real bot, logging at trace level into `lines`; `fetch` stands in for Telegram. */
function buildBot(fetch: (input: unknown, init?: { body?: unknown; headers?: unknown }) => Promise<Response>): Bot<BotContext> {
  return composeBot({
    db: database.db,
    token: TOKEN,
    logger,
    clock: () => new Date("2026-11-22T03:00:00Z"),
    fetch: fetch as unknown as typeof globalThis.fetch,
    botInfo: BOT_INFO,
    wilayahCode: "15.71",
    adminTelegramIds: [],
    flood: { windowMs: 60_000, perWindow: 3, clock: () => 0 },
    deliveryLimits: NO_LIMITS,
    wakeOnQueue: false,
  }).bot;
}

/** Handles an update as the polling loop does: a failure goes to the bot's error handler. */
async function handle(bot: Bot<BotContext>, update: Update): Promise<void> {
  try {
    await bot.handleUpdate(update);
  } catch (error) {
    if (!(error instanceof BotError)) throw error;
    await bot.errorHandler(error);
  }
}

function expectClean(): void {
  expect(lines.length).toBeGreaterThan(0);
  const output = lines.join("");
  for (const word of FORBIDDEN) expect(output, word).not.toContain(word);
}

describe("logs", () => {
  it("hold no token, name, household or message text, through updates, a refused call, a network failure and a flood", async () => {
    const place = await addRt(database.db, 5);
    const user: TestUser = newUser(NAME, LAST_NAME);
    await addMember(database.db, user, place.id, HOUSEHOLD);
    const telegram = new FakeTelegram();
    let failNetwork = false;
    const bot = buildBot(async (input, init) => {
      if (failNetwork) {
        failNetwork = false;
        // What undici says when the connection drops: the URL, with the token in it.
        throw new TypeError(`fetch failed: request to ${String(input)} failed, reason: connect ECONNRESET`);
      }
      return telegram.fetch(input, init);
    });

    await handle(bot, message(user, "/start"));
    expect(telegram.lastTextTo(user.id)).toContain(NAME);

    // Telegram refuses the reply (which holds the name): the GrammyError carries that payload.
    telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    await handle(bot, message(user, "/start"));

    failNetwork = true;
    await handle(bot, message(user, MESSAGE));

    // Over the limit of three: the flood warning is logged.
    await handle(bot, message(user, MESSAGE));
    await handle(bot, message(user, MESSAGE));

    const output = lines.join("");
    expect(output).toContain("update failed");
    expect(output).toContain("Bad Request: chat not found");
    expect(output).toContain("Network request for 'sendMessage' failed!");
    expect(output).toContain("ECONNRESET");
    expect(output).toContain("[token]");
    expect(output).toContain("flood control: updates dropped");
    expectClean();
  });

  it("reduce a failed query to its SQL, without its parameters", () => {
    const cause = Object.assign(new Error("duplicate key value violates unique constraint \"person_telegram_id_unique\""), {
      code: "23505",
      detail: `Key (display_name)=(${NAME}) already exists.`,
    });
    logger.error({ err: new DrizzleQueryError("insert into person (display_name, household) values ($1, $2)", [NAME, HOUSEHOLD], cause) }, "update failed");
    const [entry] = lines.map((line) => JSON.parse(line) as { err: { message: string; stack: string; cause: { code: string; message: string } } });
    expect(entry!.err.message).toBe("Failed query: insert into person (display_name, household) values ($1, $2)\nparams: [redacted]");
    expect(entry!.err.stack).toContain("params: [redacted]");
    expect(entry!.err.cause.code).toBe("23505");
    expectClean();
  });

  it("redact personal fields and secrets passed by key or inside a message", () => {
    logger.info({ first_name: NAME, user: { last_name: LAST_NAME, username: "zamrud_k" }, text: MESSAGE, config: { botToken: TOKEN, webhookSecret: WEBHOOK_SECRET } }, "fields");
    logger.warn(`calling https://api.telegram.org/bot${TOKEN}/getMe with secret ${WEBHOOK_SECRET}`);
    logger.error(new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`));
    expect(lines).toHaveLength(3);
    expectClean();
  });
});
