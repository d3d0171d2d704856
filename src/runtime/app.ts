import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { longWorkHandlers } from "../bot/background.js";
import { closeChartRenderer } from "../reports/charts.js";
import { LONG_WORK } from "../bot/features/long-work.js";
import type { BotContext } from "../bot/context.js";
import { registerCommands } from "../bot/set-commands.js";
import { secretsOf, type Config } from "../config.js";
import { openDatabase, type Database, type DatabaseHandle } from "../db/client.js";
import { runMigrations } from "../db/migrate.js";
import { wantMenusAtStart } from "../domain/people/person.js";
import { seedWilayah } from "../domain/wilayah/seed.js";
import { createLogger, type Logger } from "../logger.js";
import { productionJobs } from "../scheduling/jobs.js";
import { createScheduler, type ScheduledJob } from "../scheduling/scheduler.js";
import { startHttpServer, WEBHOOK_REFUSED, type Health, type HttpServer } from "./http-server.js";
import { RefusalLog } from "./refusals.js";
import { redactError } from "./redact.js";
import { composeBot } from "./compose.js";
import { healthReport } from "./health.js";
import { AppMetrics, defaultInstanceId, type JobQueueStats } from "./metrics.js";
import { poll } from "./polling.js";
import { untilDone } from "./retry.js";
import { setWebhook, webhookHandler } from "./webhook.js";
import { createTelegramTransport } from "./telegram-transport.js";
import { UpdateTracker } from "./update-tracker.js";
import { createWebApp } from "../webapp/server.js";
import { createJobQueue } from "../jobs/queue.js";
import type { LongWorkEnvelope } from "../jobs/long-work.js";

/** SIGTERM to exit, at most: `docker stop` sends SIGKILL after 10 s by default. */
export const SHUTDOWN_DEADLINE_MS = 10_000;
/** A Telegram call slower than this fails like a network error (grammY's own limit is 500 s). */
const TELEGRAM_TIMEOUT_MS = 30_000;

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
  /** The durable job queue's counts, for /metrics (issue 18). */
  jobQueueStats?: () => Promise<JobQueueStats>;
};

export type App = {
  readonly mode: Config["mode"];
  /** The HTTP port (the real one when PORT=0). */
  readonly port: number;
  readonly bot: Bot<BotContext>;
  readonly db: Database;
  health(): Promise<Health>;
  /** This instance's metrics (served at GET /metrics). */
  readonly metrics: AppMetrics;
  /** Graceful shutdown; rejects with ShutdownTimeoutError past the deadline. Idempotent. */
  stop(): Promise<void>;
};

export class ShutdownTimeoutError extends Error {
  constructor(readonly deadlineMs: number) {
    super(`shutdown did not finish within ${deadlineMs} ms`);
    this.name = "ShutdownTimeoutError";
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
    // The configured admins' menus (and any menu a changed admin list or a release made stale).
    await wantMenusAtStart(db, config.adminTelegramIds, clock());
  } catch (error) {
    await closeDatabase().catch(() => {});
    throw error;
  }

  // Long work (digests, exports, rotas, packs) as durable jobs in the bot's own database (pg-boss).
  const background = createJobQueue<LongWorkEnvelope>({ database, logger });
  // Issue 18: one registry per app (tests start several); every Telegram call passes its counter.
  const metrics = new AppMetrics({
    instanceId: config.instanceId ?? defaultInstanceId(),
    mode: config.mode,
    db,
    clock,
    logger,
    secrets,
    jobs: options.jobQueueStats ?? (() => background.stats()),
  });
  const transport = createTelegramTransport(metrics.countTelegram(options.fetch ?? fetch), { timeoutMs: options.telegramTimeoutMs ?? TELEGRAM_TIMEOUT_MS });
  const { bot, deps, delivery } = composeBot({
    db,
    token: config.botToken,
    logger,
    clock,
    fetch: transport.fetch,
    ...(config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : {}),
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    wilayahCode: config.wilayahCode,
    adminTelegramIds: config.adminTelegramIds,
    background,
    chatLocks: database.chatLocks,
    senderLock: database.senderLock,
    ...(config.webappUrl ? { webappUrl: config.webappUrl } : {}),
  });

  // The polling runner calls bot.handleUpdate itself: routing it through the tracker counts the
  // updates in progress (and the last one's time) the same way in both modes.
  const tracker = new UpdateTracker(clock, metrics.observeUpdate);
  metrics.watchUpdates(() => tracker.inFlight);
  metrics.watchDelivery(() => delivery.engine.stats);
  const handleUpdate = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update, webhookReply) => {
    await tracker.track(() => handleUpdate(update, webhookReply));
  };

  const refusals = new RefusalLog({ logger, message: WEBHOOK_REFUSED, clock: () => clock().getTime() });
  const health = healthReport({ db, clock, tracker, mode: config.mode, logger, secrets, refusals });
  // The Mini App (issue 16), when WEBAPP_URL gives it a public address. Never a devSignIn here:
  // the sign-in without Telegram exists only in the console (webapp/dev-sign-in.ts).
  const webapp = config.webappUrl
    ? createWebApp({
        db, botToken: config.botToken, publicUrl: config.webappUrl, adminTelegramIds: config.adminTelegramIds, texts: deps.i18n, clock, logger,
        // The evidence photos come through the bot's own downloader (its transport, paced as every Bot API call).
        ...(deps.downloadFile ? { downloadFile: deps.downloadFile } : {}),
      })
    : undefined;
  let server: HttpServer;
  try {
    // Before the server listens: an instance that answers is one whose jobs run (and whose stop() is wired).
    await background.start(longWorkHandlers(deps, LONG_WORK));
    await untilDone("getMe", () => bot.init(), logger, secrets, stopping.signal);
    await registerCommands(bot.api, deps, logger);
    server = await startHttpServer({
      port: config.port,
      host: options.host,
      logger,
      health,
      refusals,
      metrics: { scrape: () => metrics.scrape(), ...(config.metricsToken ? { token: config.metricsToken } : {}) },
      ...(webapp ? { webapp } : {}),
      ...(config.mode === "webhook"
        ? { webhook: { path: new URL(config.webhookUrl).pathname, secret: config.webhookSecret, handle: webhookHandler({ tracker, handleUpdate, logger, secrets }) } }
        : {}),
    });
  } catch (error) {
    await background.stop().catch(() => {});
    await closeDatabase().catch(() => {});
    throw error;
  }
  logger.info({ port: server.port, mode: config.mode, database: database.driver, username: bot.botInfo.username }, "http server listening");

  delivery.start();
  const jobDeps = { db, i18n: deps.i18n, logger, wakeDelivery: delivery.wake, adminTelegramIds: config.adminTelegramIds, webappUrl: config.webappUrl, reportEscalationDays: config.reportEscalationDays };
  const jobs = [...productionJobs(jobDeps), ...(options.jobs ?? [])];
  const scheduler = createScheduler({ db, logger, clock }, { jobs, onRun: metrics.countJobRuns(jobs.map((job) => job.name)) });
  scheduler.start();

  let polling: Promise<void> = Promise.resolve();
  if (config.mode === "polling") {
    polling = poll({ bot, logger, secrets, signal: stopping.signal, ...(options.onFatal ? { onFatal: options.onFatal } : {}) });
  } else {
    setWebhook({ bot, url: config.webhookUrl, secret: config.webhookSecret, logger, secrets, signal: stopping.signal, ...(options.onFatal ? { onFatal: options.onFatal } : {}) });
  }







  async function shutdown(): Promise<void> {
    const startedAt = Date.now();
    logger.info({ inFlight: tracker.inFlight }, "shutting down");
    stopping.abort();
    // Calls to Telegram still open near the deadline are cut, so the steps below can finish.
    const cut = setTimeout(() => transport.abortAll(), Math.max(0, deadlineMs - 2_000));
    try {
      // 1. Take no more updates: polling stops with `stopping` (and confirms the updates it handled once they are done), the server refuses.
      server.stopAccepting();
      // 2. The updates in progress finish; then the job queue takes no more jobs, and the one
      // running gets part of the deadline to finish (past it, it is failed and retried by any instance).
      await tracker.close();
      await polling;
      await background.stop(Math.max(1_000, deadlineMs / 2 - 1_000));
      // A chart still drawing for the job just failed would keep the process alive.
      await closeChartRenderer();
      // 3. No more cron ticks; 4. the sends in flight finish.
      await scheduler.stop();
      await delivery.stop();
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
    metrics,
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
