import type { Bot } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { createBot } from "../../src/bot/create-bot.js";
import type { BotContext } from "../../src/bot/context.js";
import type { BotDeps } from "../../src/bot/deps.js";
import { createI18n } from "../../src/bot/i18n.js";
import { createLogger } from "../../src/logger.js";
import type { Database } from "../../src/db/client.js";
import { FakeTelegram } from "./fake-telegram.js";

export const BOT_INFO: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "BANTAR",
  username: "bantar_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export type TestUser = { id: number; first_name: string; last_name?: string; language_code?: string };

let nextUpdateId = 1;

export type TestBotOptions = { adminTelegramIds?: number[]; now?: Date };

/**
 * The real bot (every middleware, the real database) with a fake Telegram behind client.fetch.
 * `restart()` builds a fresh bot on the same database, as a process restart would.
 */
export class TestBot {
  readonly telegram = new FakeTelegram();
  now: Date;
  deps: BotDeps;
  bot: Bot<BotContext>;

  constructor(readonly db: Database, private readonly options: TestBotOptions = {}) {
    this.now = options.now ?? new Date("2026-11-22T03:00:00Z");
    this.deps = this.buildDeps();
    this.bot = this.build();
  }

  private buildDeps(): BotDeps {
    return {
      db: this.db,
      logger: createLogger("silent"),
      i18n: createI18n(this.db),
      wilayahCode: "15.71",
      adminTelegramIds: this.options.adminTelegramIds ?? [],
      clock: () => this.now,
    };
  }

  private build(): Bot<BotContext> {
    return createBot("123456:TEST-token-for-offline-harness", this.deps, {
      botInfo: BOT_INFO,
      client: { fetch: this.telegram.fetch as unknown as typeof fetch },
    });
  }

  restart(): void {
    this.deps = this.buildDeps();
    this.bot = this.build();
  }

  async deliver(update: Update): Promise<void> {
    await this.bot.handleUpdate(update);
  }

  messageUpdate(user: TestUser, text: string): Update {
    const command = /^\/[a-zA-Z0-9_]+(@[a-zA-Z0-9_]+)?/.exec(text);
    return {
      update_id: nextUpdateId++,
      message: {
        message_id: nextUpdateId,
        date: Math.floor(this.now.getTime() / 1000),
        chat: { id: user.id, type: "private", first_name: user.first_name },
        from: { id: user.id, is_bot: false, first_name: user.first_name, last_name: user.last_name, language_code: user.language_code ?? "id" },
        text,
        ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
      },
    };
  }

  callbackUpdate(user: TestUser, data: string, messageId: number): Update {
    return {
      update_id: nextUpdateId++,
      callback_query: {
        id: String(nextUpdateId),
        chat_instance: String(user.id),
        from: { id: user.id, is_bot: false, first_name: user.first_name, language_code: user.language_code ?? "id" },
        data,
        message: { message_id: messageId, date: Math.floor(this.now.getTime() / 1000), chat: { id: user.id, type: "private", first_name: user.first_name }, text: "" },
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
