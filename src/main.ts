import { ConfigError, parseConfig, secretsOf, type Config } from "./config.js";
import { UnknownWilayahError } from "./domain/wilayah/seed.js";
import { createLogger } from "./logger.js";
import { startApp } from "./runtime/app.js";
import { stopOnSignals, survivePromiseFailures } from "./runtime/process.js";
import { redactSecrets } from "./runtime/redact.js";

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

/** Config → app (database, delivery, bot, scheduler, polling or webhook) → signals. */
async function main(): Promise<void> {
  const config = readConfig();
  const secrets = secretsOf(config);
  const logger = createLogger(config.logLevel, undefined, { secrets });
  survivePromiseFailures(logger, secrets);
  // Telegram refusing the token ends the process (non-zero), by the same graceful stop.
  let onFatal = (): void => {};
  const app = await startApp(config, { logger, onFatal: () => onFatal() }).catch((error: unknown) => {
    if (!(error instanceof UnknownWilayahError)) throw error;
    console.error(error.message);
    process.exit(1);
  });
  const stop = stopOnSignals(app, logger);
  onFatal = () => stop("fatal", 1);
}

main().catch((error: unknown) => {
  console.error(redactSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  process.exit(1);
});
