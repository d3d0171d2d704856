import { ConfigError, parseConfig, type Config } from "./config.js";
import { openDatabase } from "./db/client.js";
import { runMigrations } from "./db/migrate.js";
import { seedWilayah, UnknownWilayahError } from "./domain/wilayah/seed.js";
import { createBot } from "./bot/create-bot.js";
import { createI18n } from "./bot/i18n.js";
import { registerCommands } from "./bot/set-commands.js";
import { createDeliveryRuntime } from "./delivery/runtime.js";
import { extendOccurrences } from "./domain/events/events.js";
import { pruneProcessedUpdates } from "./domain/updates.js";
import { planWeeklyDigests } from "./scheduling/digests.js";
import { planLoanReminders } from "./scheduling/loan-reminders.js";
import { createScheduler } from "./scheduling/scheduler.js";
import { createLogger } from "./logger.js";

function readConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    if (error.missingToken) {
      console.error("\nSet BOT_TOKEN (from @BotFather), e.g.  BOT_TOKEN=123456:ABC... npm start");
      console.error("No token yet? Try the bot offline in your terminal:  npm run console");
    }
    process.exit(1);
  }
}

/** Composition root: config → database → delivery → bot → scheduler → polling. */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(
    config.database.kind === "postgres" ? config.database : { kind: "pglite", dataDir: config.database.dataDir },
  );
  await runMigrations(database);
  try {
    const wilayah = await seedWilayah(database.db, config.wilayahCode);
    logger.info(wilayah, "wilayah loaded");
  } catch (error) {
    if (!(error instanceof UnknownWilayahError)) throw error;
    console.error(error.message);
    await database.close();
    process.exit(1);
  }

  const clock = () => new Date();
  const i18n = createI18n(database.db);
  const delivery = createDeliveryRuntime({ db: database.db, token: config.botToken, apiRoot: config.telegramApiRoot, i18n, logger, clock });
  const deps = {
    db: database.db,
    logger,
    i18n,
    wilayahCode: config.wilayahCode,
    adminTelegramIds: config.adminTelegramIds,
    clock,
    wakeDelivery: delivery.wake,
  };
  const bot = createBot(config.botToken, deps, {
    client: { fetch: delivery.botFetch, ...(config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : {}) },
  });
  await bot.init();
  await registerCommands(bot.api, deps, logger);
  delivery.start();
  const scheduler = createScheduler(
    { db: database.db, i18n, logger, clock, wakeDelivery: delivery.wake },
    {
      jobs: [
        { name: "extend-occurrences", cron: "10 0 * * *", run: (now) => extendOccurrences(database.db, now) },
        // Telegram redelivers for a day at most; older update ids only take space.
        { name: "prune-updates", cron: "30 3 * * *", run: (now) => pruneProcessedUpdates(database.db, new Date(now.getTime() - 2 * 86_400_000)) },
        // Book return reminders at 08.00 WIB: the morning, before the corner opens after school.
        { name: "loan-reminders", cron: "0 8 * * *", run: (now) => planLoanReminders({ db: database.db, i18n, logger, wakeDelivery: delivery.wake }, now) },
        // Weekly digests on Monday 07.00 WIB (the scheduler reads cron in Asia/Jakarta): the week's start.
        { name: "weekly-digests", cron: "0 7 * * 1", run: (now) => planWeeklyDigests({ db: database.db, i18n, logger, wakeDelivery: delivery.wake }, now) },
      ],
    },
  );
  scheduler.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await bot.stop();
    await scheduler.stop();
    await delivery.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  await bot.start({
    allowed_updates: ["message", "callback_query", "my_chat_member"],
    onStart: (me) => logger.info({ username: me.username, database: database.driver }, "bot polling"),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
