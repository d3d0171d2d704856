import type { Bot } from "grammy";
import { beforeEach } from "vitest";
import type { InlineKeyboardMarkup, Update, UserFromGetMe } from "grammy/types";
import type { LongWorkQueue } from "../../src/bot/background.js";
import type { BotContext } from "../../src/bot/context.js";
import type { BotDeps } from "../../src/bot/deps.js";
import { NO_FLOOD_LIMIT, type FloodLimits } from "../../src/bot/middlewares/flood.js";
import { createLogger, type Logger } from "../../src/logger.js";
import type { Database } from "../../src/db/client.js";
import type { DeliveryRuntime } from "../../src/delivery/runtime.js";
import { composeBot } from "../../src/runtime/compose.js";
import { NO_LIMITS } from "../../src/delivery/pacer.js";
import { DEFAULT_BOT_INFO } from "../../src/testing/fake-telegram.js";
import { FakeTelegram } from "./fake-telegram.js";
import { withTestDatabase, type TestDatabase } from "./database.js";

export const BOT_INFO: UserFromGetMe = DEFAULT_BOT_INFO;

export type TestUser = { id: number; first_name: string; last_name?: string; language_code?: string };

let nextUpdateId = 1;

const TOKEN = "123456:TEST-token-for-offline-harness";

/**
 * `flood`: flood-control limits; by default nobody is limited (see test/bot/flood-control.test.ts).
 * `logger`: where the bot and its outbox sender log (silent by default).
 * `webappUrl`: WEBAPP_URL, so the bot's messages carry buttons opening the Mini App.
 */
export type TestBotOptions = { adminTelegramIds?: number[]; now?: Date; flood?: FloodLimits; logger?: Logger; webappUrl?: string };

/**
 * The real bot (every middleware, the real database) with a fake Telegram behind client.fetch.
 * `restart()` builds a fresh bot on the same database, as a process restart would; `reset()`
 * starts over for the next test (a new Telegram, the default time). Given a function for the
 * database (the test kit's), it is built by its first `reset()`, once the database is open.
 */
export class TestBot {
  telegram!: FakeTelegram;
  now!: Date;
  deps!: BotDeps;
  bot!: Bot<BotContext>;
  /** The real outbox sender (unpaced): `deliver` drains it, so notifications are seen at once. */
  delivery!: DeliveryRuntime;
  /** Turn off to keep queued messages in the outbox (to stop a broadcast before it is out). */
  drainAfterEachUpdate = true;
  /**
   * Where long work goes: none by default, so digests and exports run inside the update and are
   * seen at once; test/jobs gives the durable queue here (then `restart()`) and drains it itself.
   */
  background: LongWorkQueue | undefined;

  constructor(private readonly database: Database | (() => Database), private readonly options: TestBotOptions = {}) {
    if (typeof database !== "function") this.reset();
  }

  get db(): Database {
    return typeof this.database === "function" ? this.database() : this.database;
  }

  /** A fresh bot, Telegram and clock on the same database. */
  reset(): void {
    this.now = this.options.now ?? new Date("2026-11-22T03:00:00Z");
    this.telegram = new FakeTelegram({ botInfo: BOT_INFO, clock: () => this.now });
    this.drainAfterEachUpdate = true;
    this.background = undefined;
    this.restart();
  }

  restart(): void {
    // The one composition the app uses, with a fake Telegram, no pacing, and the outbox drained by `deliver`.
    const composed = composeBot({
      db: this.db,
      token: TOKEN,
      logger: this.options.logger ?? createLogger("silent"),
      clock: () => this.now,
      fetch: this.telegram.fetch as unknown as typeof fetch,
      botInfo: BOT_INFO,
      wilayahCode: "15.71",
      adminTelegramIds: this.options.adminTelegramIds ?? [],
      ...(this.background ? { background: this.background } : {}),
      flood: this.options.flood ?? NO_FLOOD_LIMIT,
      deliveryLimits: NO_LIMITS,
      wakeOnQueue: false,
      ...(this.options.webappUrl ? { webappUrl: this.options.webappUrl } : {}),
    });
    this.delivery = composed.delivery;
    this.deps = composed.deps;
    this.bot = composed.bot;
  }

  /** Handles one update, then sends whatever it queued in the outbox. */
  async deliver(update: Update): Promise<void> {
    try {
      await this.bot.handleUpdate(update);
    } finally {
      await this.settle();
    }
  }

  /** Sends (unless turned off) what was queued. */
  async settle(): Promise<void> {
    if (this.drainAfterEachUpdate) await this.delivery.engine.drain();
  }

  messageUpdate(user: TestUser, text: string): Update {
    const command = /^\/[a-zA-Z0-9_]+(@[a-zA-Z0-9_]+)?/.exec(text);
    // The message takes its place in the chat, as in Telegram (ids shared with the bot's messages).
    const typed = this.telegram.receive(user.id, text);
    return {
      update_id: nextUpdateId++,
      message: {
        message_id: typed.messageId,
        date: Math.floor(this.now.getTime() / 1000),
        chat: { id: user.id, type: "private", first_name: user.first_name },
        from: { id: user.id, is_bot: false, first_name: user.first_name, last_name: user.last_name, language_code: user.language_code ?? "id" },
        text,
        ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
      },
    };
  }

  /** A press on a button of message `messageId`; the callback carries that message as Telegram shows it (if it exists). */
  callbackUpdate(user: TestUser, data: string, messageId: number): Update {
    const id = String(nextUpdateId + 1);
    this.telegram.openQuery(id, user.id);
    // A forged or old button still sits on a message Telegram knows (a bot message with that button).
    const shown = this.telegram.message(user.id, messageId) ?? this.telegram.placeBotMessage(user.id, messageId, "…", { inline_keyboard: [[{ text: "…", callback_data: data }]] });
    return {
      update_id: nextUpdateId++,
      callback_query: {
        id,
        chat_instance: String(user.id),
        from: { id: user.id, is_bot: false, first_name: user.first_name, language_code: user.language_code ?? "id" },
        data,
        message: this.telegram.messageObject(shown),
      },
    } as Update;
  }

  async send(user: TestUser, text: string): Promise<Update> {
    const update = this.messageUpdate(user, text);
    await this.deliver(update);
    return update;
  }

  /** Presses the button whose label contains `label` (or whose data equals it) on the latest keyboard in the user's chat. */
  async press(user: TestUser, label: string): Promise<Update> {
    const { messageId, keyboard } = this.telegram.lastKeyboardIn(user.id);
    const buttons = keyboard.inline_keyboard.flat();
    const button = buttons.find((b) => "callback_data" in b && b.callback_data === label) ?? buttons.find((b) => b.text.includes(label));
    if (!button || !("callback_data" in button)) {
      throw new Error(`no button "${label}" in chat ${user.id}; have: ${buttons.map((b) => b.text).join(" | ")}`);
    }
    const update = this.callbackUpdate(user, button.callback_data!, messageId);
    await this.deliver(update);
    return update;
  }

  /** Labels of the latest keyboard in a chat. */
  buttons(user: TestUser): string[] {
    return this.telegram.lastKeyboardIn(user.id).keyboard.inline_keyboard.flat().map((b) => b.text);
  }

  lastText(user: TestUser): string {
    return this.telegram.lastTextTo(user.id);
  }
}

/** A message as the person now sees it: its latest text and inline keyboard (edits applied). */
export type ShownMessage = { messageId: number; text: string; keyboard: InlineKeyboardMarkup | undefined };

/** The bot's text messages a person now sees in one chat (edits applied, deleted ones gone), oldest first. */
export function shownMessages(telegram: FakeTelegram, chatId: number): ShownMessage[] {
  return telegram
    .messagesIn(chatId)
    .filter((message) => message.fromBot && message.kind === "text")
    .map((message) => ({ messageId: message.messageId, text: message.text, keyboard: message.markup ? structuredClone(message.markup) : undefined }));
}

/** The callback data of every button on a shown message. */
export function callbackDataOf(message: ShownMessage): string[] {
  return (message.keyboard?.inline_keyboard ?? []).flat().flatMap((button) => ("callback_data" in button && button.callback_data ? [button.callback_data] : []));
}

/**
 * Presses a button (by callback data, or a label it contains) on one particular message, as
 * Telegram does: the callback carries that message with its current text and keyboard.
 */
export async function pressOn(harness: TestBot, user: TestUser, message: ShownMessage, labelOrData: string): Promise<Update> {
  const buttons = (message.keyboard?.inline_keyboard ?? []).flat();
  const button = buttons.find((b) => "callback_data" in b && b.callback_data === labelOrData) ?? buttons.find((b) => b.text.includes(labelOrData));
  if (!button || !("callback_data" in button)) {
    throw new Error(`no button "${labelOrData}" on message ${message.messageId}; have: ${buttons.map((b) => b.text).join(" | ")}`);
  }
  const update = harness.callbackUpdate(user, button.callback_data!, message.messageId);
  const shown = update.callback_query!.message as unknown as Record<string, unknown>;
  shown.text = message.text;
  if (message.keyboard) shown.reply_markup = message.keyboard;
  await harness.deliver(update);
  return update;
}

/** Sends a callback with data the person typed themselves (a forged or stale button). */
export async function pressData(harness: TestBot, user: TestUser, data: string, messageId = 1): Promise<Update> {
  const update = harness.callbackUpdate(user, data, messageId);
  await harness.deliver(update);
  return update;
}

/** A photo (no text), with an optional caption; a caption starting with /command carries its entity. */
export function photoUpdate(harness: TestBot, user: TestUser, caption?: string): Update {
  const update = harness.messageUpdate(user, caption ?? "");
  const message = update.message as unknown as Record<string, unknown>;
  const entities = message.entities;
  delete message.text;
  delete message.entities;
  message.photo = [{ file_id: "photo-file", file_unique_id: "photo-unique", width: 640, height: 480, file_size: 40_000 }];
  if (caption) {
    message.caption = caption;
    if (entities) message.caption_entities = entities;
  }
  return update;
}

/** The alert (or toast) the bot answered a callback query with. */
export function callbackAnswerTo(telegram: FakeTelegram, update: Update): { text?: string; show_alert?: boolean } | undefined {
  const id = update.callback_query?.id;
  return telegram.callsOf("answerCallbackQuery").find((call) => call.payload.callback_query_id === id)?.payload as { text?: string; show_alert?: boolean } | undefined;
}

/**
 * The set-up of a bot test file: one database for the file (emptied before each test) and a
 * bot that starts over before each test. Both objects are stable; use them inside hooks and tests.
 */
export function withTestBot(options: TestBotOptions = {}): { database: TestDatabase; harness: TestBot } {
  const database = withTestDatabase();
  const harness = new TestBot(() => database.db, options);
  beforeEach(() => harness.reset());
  return { database, harness };
}
