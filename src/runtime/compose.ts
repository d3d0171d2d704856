import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { LongWorkQueue } from "../bot/background.js";
import type { BotContext } from "../bot/context.js";
import { menuCommands } from "../bot/commands.js";
import { createBot } from "../bot/create-bot.js";
import { dashboardMenuButton } from "../bot/set-commands.js";
import type { BotDeps } from "../bot/deps.js";
import { createI18n } from "../bot/i18n.js";
import type { FloodLimits } from "../bot/middlewares/flood.js";
import type { ChatLocks } from "../db/chat-lock.js";
import type { Database } from "../db/client.js";
import type { SenderLock } from "../db/sender-lock.js";
import type { PacerLimits } from "../delivery/pacer.js";
import { createDeliveryRuntime, type DeliveryRuntime } from "../delivery/runtime.js";
import { createFileDownloader } from "../delivery/telegram-files.js";
import type { Logger } from "../logger.js";

export type ComposeOptions = {
  db: Database;
  token: string;
  logger: Logger;
  clock: () => Date;
  /** The transport to Telegram: the real fetch, or a fake one (tests, the console, benchmarks). */
  fetch: typeof fetch;
  apiRoot?: string;
  /** The bot's getMe answer, if known: the bot then needs no call to Telegram first. */
  botInfo?: UserFromGetMe;
  wilayahCode: string;
  adminTelegramIds: readonly number[];
  background?: LongWorkQueue;
  flood?: FloodLimits;
  /** The database's chat locks (DatabaseHandle.chatLocks), so instances sharing PostgreSQL take a chat in turn. */
  chatLocks?: ChatLocks | null;
  /** The database's sender seat (DatabaseHandle.senderLock): one instance sends the outbox, whatever their number. */
  senderLock?: SenderLock | null;
  /** Telegram's rate limits by default; none in tests and the console. */
  deliveryLimits?: PacerLimits;
  /**
   * Whether a queued message wakes the sender at once (production), or waits for the caller to
   * drain the outbox (tests and the console, which show what was sent after each update).
   */
  wakeOnQueue?: boolean;
  /** WEBAPP_URL (or the console's local address): the bot's messages get buttons opening the Mini App. */
  webappUrl?: string;
};

export type Composition = { bot: Bot<BotContext>; deps: BotDeps; delivery: DeliveryRuntime };

/**
 * The one composition of the bot: texts → outbox sender → dependencies → bot. The app, the console,
 * the tests and the benchmarks all build the bot here, so none of them runs a different bot.
 */
export function composeBot(options: ComposeOptions): Composition {
  const { db, logger, clock } = options;
  const i18n = createI18n(db);
  const delivery = createDeliveryRuntime({
    db,
    token: options.token,
    fetch: options.fetch,
    i18n,
    logger,
    clock,
    adminTelegramIds: options.adminTelegramIds,
    menuOf: menuCommands,
    ...(options.webappUrl ? { menuButtonOf: dashboardMenuButton(i18n, options.webappUrl) } : {}),
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    ...(options.deliveryLimits ? { limits: options.deliveryLimits } : {}),
    ...(options.senderLock ? { senderLock: options.senderLock } : {}),
  });
  const deps: BotDeps = {
    db,
    logger,
    i18n,
    wilayahCode: options.wilayahCode,
    adminTelegramIds: options.adminTelegramIds,
    clock,
    // Through the bot's own transport (paced, and paused after a 429) like every other Bot API call.
    downloadFile: createFileDownloader({ token: options.token, fetch: delivery.botFetch, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) }),
    wakeDelivery: options.wakeOnQueue === false ? () => {} : delivery.wake,
    ...(options.background ? { background: options.background } : {}),
    ...(options.flood ? { flood: options.flood } : {}),
    ...(options.chatLocks ? { chatLocks: options.chatLocks } : {}),
    ...(options.webappUrl ? { webappUrl: options.webappUrl } : {}),
  };
  const bot = createBot(options.token, deps, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { fetch: delivery.botFetch, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
  });
  return { bot, deps, delivery };
}
