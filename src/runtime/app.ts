import { setTimeout as sleep } from "node:timers/promises";
import { BotError, GrammyError, HttpError, type Bot } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { createBackgroundRunner } from "../bot/background.js";
import type { BotContext } from "../bot/context.js";
import { createBot } from "../bot/create-bot.js";
import type { BotDeps } from "../bot/deps.js";
import { createI18n } from "../bot/i18n.js";
import { registerCommands } from "../bot/set-commands.js";
import { secretsOf, type Config } from "../config.js";
import { openDatabase, type Database, type DatabaseHandle } from "../db/client.js";
import { isDatabaseUnavailable } from "../db/errors.js";
import { runMigrations } from "../db/migrate.js";
import { oldestDueAge } from "../delivery/outbox.js";
import { createDeliveryRuntime } from "../delivery/runtime.js";
import { extendOccurrences } from "../domain/events/events.js";
import { pruneProcessedUpdates } from "../db/processed-updates.js";
import { seedWilayah } from "../domain/wilayah/seed.js";
import { applyRetention } from "../domain/audit/retention.js";
import { createLogger, type Logger } from "../logger.js";
import { planWeeklyDigests } from "../scheduling/digests.js";
import { planLoanReminders } from "../scheduling/loan-reminders.js";
import { createScheduler, type ScheduledJob } from "../scheduling/scheduler.js";
import { startHttpServer, type Health, type HttpServer } from "./http-server.js";
import { redactError } from "./redact.js";
import { createTelegramTransport } from "./telegram-transport.js";
import { UpdateTracker } from "./update-tracker.js";

/** The update types the bot handles; given to getUpdates and setWebhook alike. */
export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;
/** SIGTERM to exit, at most: `docker stop` sends SIGKILL after 10 s by default. */
export const SHUTDOWN_DEADLINE_MS = 10_000;
/** A Telegram call slower than this fails like a network error (grammY's own limit is 500 s). */
const TELEGRAM_TIMEOUT_MS = 30_000;
/** How long /healthz waits for the database before calling it unreachable. */
const HEALTH_PROBE_MS = 2_000;

export type AppOptions = {
  logger?: Logger;
  /** An open database: the app migrates it but leaves closing it to the caller (tests). */
  database?: DatabaseHandle;
  /** The transport to Telegram (a fake one in tests). */
  fetch?: typeof fetch;
  clock?: () => Date;
  /** The bot's getMe answer, if known: start-up then needs no call to Telegram first. */
  botInfo?: UserFromGetMe;
  /** Jobs scheduled beside the production ones. */
  jobs?: ScheduledJob[];
  /** Interface to listen on; all of them by default. */
  host?: string;
  telegramTimeoutMs?: number;
  shutdownDeadlineMs?: number;
  /** Telegram refuses the token: the bot cannot go on (main.ts stops and exits non-zero). */
  onFatal?(error: unknown): void;
};

export type App = {
  readonly mode: Config["mode"];
  /** The HTTP port (the real one when PORT=0). */
  readonly port: number;
  readonly bot: Bot<BotContext>;
  readonly db: Database;
  health(): Promise<Health>;
  /** Graceful shutdown; rejects with ShutdownTimeoutError past the deadline. Idempotent. */
  stop(): Promise<void>;
};

export class ShutdownTimeoutError extends Error {
  constructor(readonly deadlineMs: number) {
    super(`shutdown did not finish within ${deadlineMs} ms`);
    this.name = "ShutdownTimeoutError";
  }
}

/** A failure that a later try may not meet: the database away, Telegram unreachable, slow, overloaded or rate-limiting. */
export function isTransient(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  if (error instanceof HttpError) return true;
  return error instanceof GrammyError && (error.error_code >= 500 || error.error_code === 429);
}

/** A bad token or a bot that does not exist: asking again will not help. */
function isTokenRefused(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404);
}

/** Retries `work` with growing pauses until it succeeds, fails for good (`isFinal`), or `signal` aborts. */
async function untilDone<T>(what: string, work: () => Promise<T>, logger: Logger, secrets: string[], signal: AbortSignal, isFinal = isTokenRefused): Promise<T> {
  for (let pauseMs = 1_000; ; pauseMs = Math.min(pauseMs * 2, 30_000)) {
    try {
      return await work();
    } catch (error) {
      if (isFinal(error) || signal.aborted) throw error;
      logger.warn({ err: redactError(error, secrets), retryInMs: pauseMs }, `${what} failed; trying again`);
      await sleep(pauseMs, undefined, { signal });
    }
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The composition root as a value: database (migrated, wilayah loaded) → delivery → bot →
 * scheduler → HTTP server → polling or webhook. `stop()` undoes it in order: no new updates,
 * the ones in progress finish, cron ticks stop, sends in flight finish, the database closes.
 */
export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  // The token and the webhook secret are scrubbed from every line, whatever logged them.
  const secrets = secretsOf(config);
  const logger = options.logger ?? createLogger(config.logLevel, undefined, { secrets });
  const clock = options.clock ?? (() => new Date());
  const deadlineMs = options.shutdownDeadlineMs ?? SHUTDOWN_DEADLINE_MS;
  const stopping = new AbortController();

  const database = options.database ?? (await openDatabase(config.database.kind === "postgres" ? config.database : { kind: "pglite", dataDir: config.database.dataDir }));
  const closeDatabase = options.database ? async () => {} : () => database.close();
  const db = database.db;
  try {
    await runMigrations(database);
    logger.info(await seedWilayah(db, config.wilayahCode), "wilayah loaded");
  } catch (error) {
    await closeDatabase().catch(() => {});
    throw error;
  }

  const transport = createTelegramTransport(options.fetch ?? fetch, { timeoutMs: options.telegramTimeoutMs ?? TELEGRAM_TIMEOUT_MS });
  const i18n = createI18n(db);
  const delivery = createDeliveryRuntime({ db, token: config.botToken, apiRoot: config.telegramApiRoot, fetch: transport.fetch, i18n, logger, clock });
  const background = createBackgroundRunner({ logger });
  const deps: BotDeps = { db, logger, i18n, wilayahCode: config.wilayahCode, adminTelegramIds: config.adminTelegramIds, clock, wakeDelivery: delivery.wake, background };
  const bot = createBot(config.botToken, deps, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { fetch: delivery.botFetch, ...(config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : {}) },
  });

  // grammY's polling loop calls bot.handleUpdate itself: routing it through the tracker counts the
  // updates in progress (and the last one's time) the same way in both modes.
  const tracker = new UpdateTracker(clock);
  const handleUpdate = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update, webhookReply) => {
    await tracker.track(() => handleUpdate(update, webhookReply));
  };

  let server: HttpServer;
  try {
    await untilDone("getMe", () => bot.init(), logger, secrets, stopping.signal);
    await registerCommands(bot.api, deps, logger);
    server = await startHttpServer({
      port: config.port,
      host: options.host,
      logger,
      health,
      ...(config.mode === "webhook"
        ? { webhook: { path: new URL(config.webhookUrl).pathname, secret: config.webhookSecret, handle: handleWebhookUpdate } }
        : {}),
    });
  } catch (error) {
    await closeDatabase().catch(() => {});
    throw error;
  }
  logger.info({ port: server.port, mode: config.mode, database: database.driver, username: bot.botInfo.username }, "http server listening");

  delivery.start();
  const scheduler = createScheduler(
    { db, i18n, logger, clock, wakeDelivery: delivery.wake },
    {
      jobs: [
        { name: "extend-occurrences", cron: "10 0 * * *", run: (now) => extendOccurrences(db, now) },
        // Telegram redelivers for a day at most; older update ids only take space.
        { name: "prune-updates", cron: "30 3 * * *", run: (now) => pruneProcessedUpdates(db, new Date(now.getTime() - 2 * 86_400_000)) },
        // Book return reminders at 08.00 WIB: the morning, before the corner opens after school.
        { name: "loan-reminders", cron: "0 8 * * *", run: (now) => planLoanReminders({ db, i18n, logger, wakeDelivery: delivery.wake }, now) },
        // Weekly digests on Monday 07.00 WIB (the scheduler reads cron in Asia/Jakarta): the week's start.
        { name: "weekly-digests", cron: "0 7 * * 1", run: (now) => planWeeklyDigests({ db, i18n, logger, wakeDelivery: delivery.wake }, now) },
        // Household labels of memberships ended a year ago are forgotten (README, "Privacy and audit").
        { name: "retention", cron: "45 3 * * *", run: (now) => applyRetention(db, now) },
        ...(options.jobs ?? []),
      ],
    },
  );
  scheduler.start();

  let polling: Promise<void> = Promise.resolve();
  if (config.mode === "polling") {
    polling = poll();
  } else {
    const { webhookUrl, webhookSecret } = config;
    // Every instance sets the same webhook at start; Telegram being down delays it, never the start.
    // A 400 is Telegram refusing the URL or the secret: asking again will not change its mind.
    const refused = (error: unknown) => isTokenRefused(error) || (error instanceof GrammyError && error.error_code === 400);
    void untilDone("setWebhook", () => bot.api.setWebhook(webhookUrl, { secret_token: webhookSecret, allowed_updates: [...ALLOWED_UPDATES] }), logger, secrets, stopping.signal, refused)
      .then(() => logger.info("webhook set"))
      .catch((error: unknown) => {
        if (stopping.signal.aborted) return;
        logger.fatal({ err: redactError(error, secrets) }, "Telegram refuses the webhook");
        options.onFatal?.(error);
      });
  }

  async function handleWebhookUpdate(update: Update): Promise<boolean> {
    try {
      let handled = false;
      await tracker.track(async () => {
        handled = true;
        await handleUpdate(update);
      });
      return handled;
    } catch (error) {
      // bot.catch only serves polling; a webhook update's failure is logged here. A failure that
      // may pass (the database away, Telegram erring or slow) is answered 500 so Telegram delivers
      // the update again; any other (a bug, a 403 from a person who blocked the bot) would fail the
      // same way on every redelivery and hold up the updates queued behind it: answered 200.
      const cause = error instanceof BotError ? error.error : error;
      const log = error instanceof BotError ? ((error.ctx as BotContext).log ?? logger) : logger;
      log.error({ err: redactError(cause, secrets), updateId: update.update_id, redeliver: isTransient(cause) }, "update failed");
      if (isTransient(cause)) throw error;
      return true;
    }
  }

  async function poll(): Promise<void> {
    for (let pauseMs = 1_000; !stopping.signal.aborted; pauseMs = Math.min(pauseMs * 2, 30_000)) {
      try {
        await bot.start({
          allowed_updates: [...ALLOWED_UPDATES],
          onStart: (me) => logger.info({ username: me.username }, "bot polling"),
        });
        return;
      } catch (error) {
        if (stopping.signal.aborted) return;
        if (isTokenRefused(error)) {
          logger.fatal({ err: redactError(error, secrets) }, "Telegram refuses the bot token; polling stopped");
          options.onFatal?.(error);
          return;
        }
        // 409: another poller (an old instance still stopping); network trouble; both pass.
        logger.error({ err: redactError(error, secrets), retryInMs: pauseMs }, "polling stopped; starting it again");
        await sleep(pauseMs, undefined, { signal: stopping.signal }).catch(() => {});
      }
    }
  }

  async function health(): Promise<Health> {
    let lagMs: number | null = null;
    try {
      lagMs = await withTimeout(oldestDueAge(db, clock()), HEALTH_PROBE_MS);
    } catch (error) {
      logger.warn({ err: redactError(error, secrets) }, "health check: database unreachable");
    }
    return {
      ok: lagMs !== null,
      database: lagMs !== null,
      outboxLagSeconds: lagMs === null ? null : Math.round(lagMs / 1000),
      lastUpdateAt: tracker.lastUpdateAt?.toISOString() ?? null,
      mode: config.mode,
    };
  }

  async function shutdown(): Promise<void> {
    const startedAt = Date.now();
    logger.info({ inFlight: tracker.inFlight }, "shutting down");
    stopping.abort();
    // Calls to Telegram still open near the deadline are cut, so the steps below can finish.
    const cut = setTimeout(() => transport.abortAll(), Math.max(0, deadlineMs - 2_000));
    try {
      // 1. Take no more updates: polling stops (confirming the update in progress), the server refuses.
      const pollingStopped = config.mode === "polling" ? bot.stop().catch((error: unknown) => logger.warn({ err: redactError(error, secrets) }, "could not confirm the last update")) : Promise.resolve();
      server.stopAccepting();
      // 2. The updates in progress finish; then the long work they started.
      await tracker.close();
      await polling;
      await background.drain();
      // 3. No more cron ticks; 4. the sends in flight finish.
      await scheduler.stop();
      await delivery.stop();
      await pollingStopped;
      await server.close();
      // 5. The database last: everything above may still write to it.
      await closeDatabase();
      logger.info({ tookMs: Date.now() - startedAt }, "stopped");
    } finally {
      clearTimeout(cut);
    }
  }

  let stopped: Promise<void> | null = null;
  return {
    mode: config.mode,
    port: server.port,
    bot,
    db,
    health,
    stop() {
      stopped ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new ShutdownTimeoutError(deadlineMs)), deadlineMs);
        });
        try {
          await Promise.race([shutdown(), deadline]);
        } catch (error) {
          logger.error({ err: redactError(error, secrets) }, "shutdown failed");
          throw error;
        } finally {
          clearTimeout(timer);
        }
      })();
      return stopped;
    },
  };
}
