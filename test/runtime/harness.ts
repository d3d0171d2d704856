import type { Update } from "grammy/types";
import { parseConfig, type Config } from "../../src/config.js";
import type { DatabaseHandle } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { startApp, type App, type AppOptions } from "../../src/runtime/app.js";
import { SECRET_HEADER, type Health } from "../../src/runtime/http-server.js";
import { BOT_INFO } from "../helpers/test-bot.js";
import type { TelegramStub } from "./telegram-stub.js";

export const TOKEN = "123456:TEST-token-for-runtime-tests";
export const SECRET = "runtime-test_SECRET-42";
export const WEBHOOK_PATH = "/telegram/hook";
/** The Mini App's public address in tests: the server answers it under /app. */
export const WEBAPP_URL = "https://bot.example.org/app";

export function testConfig(mode: "webhook" | "polling", env: Record<string, string> = {}): Config {
  return parseConfig({
    BOT_TOKEN: TOKEN,
    BOT_MODE: mode,
    WEBHOOK_URL: `https://bot.example.org${WEBHOOK_PATH}`,
    WEBHOOK_SECRET: SECRET,
    PORT: "0",
    LOG_LEVEL: "silent",
    ...env,
  });
}

/**
 * The environment of a real bot process (src/main.ts or a fixture) in webhook mode, talking to the
 * stub at `apiRoot`, on PostgreSQL when `databaseUrl` is given (else on PGlite in `dataDir`), on a free port.
 */
export function webhookProcessEnv(apiRoot: string, store: { databaseUrl: string } | { dataDir: string }): Record<string, string> {
  return {
    BOT_TOKEN: TOKEN,
    BOT_MODE: "webhook",
    WEBHOOK_URL: `https://bot.example.org${WEBHOOK_PATH}`,
    WEBHOOK_SECRET: SECRET,
    PORT: "0",
    TELEGRAM_API_ROOT: apiRoot,
    ...("databaseUrl" in store ? { DATABASE_URL: store.databaseUrl } : { DATA_DIR: store.dataDir }),
  };
}

/** The real app (every part but the process) on a test database, talking to the stub, on a free port. */
export function startTestApp(database: DatabaseHandle, stub: TelegramStub, mode: "webhook" | "polling" = "webhook", options: AppOptions = {}): Promise<App> {
  return startApp(testConfig(mode), { database, fetch: stub.fetch, botInfo: BOT_INFO, host: "127.0.0.1", logger: createLogger("silent"), ...options });
}

/** The real app with the Mini App on (WEBAPP_URL set), as startTestApp otherwise. */
export function startWebAppTestApp(database: DatabaseHandle, stub: TelegramStub, options: AppOptions = {}): Promise<App> {
  return startApp(testConfig("webhook", { WEBAPP_URL }), { database, fetch: stub.fetch, botInfo: BOT_INFO, host: "127.0.0.1", logger: createLogger("silent"), ...options });
}

/** POSTs an update to the app's webhook as Telegram does; `secret: null` leaves the header out. */
export function postUpdate(port: number, update: Update, secret: string | null = SECRET): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret === null ? {} : { [SECRET_HEADER]: secret }) },
    body: JSON.stringify(update),
  });
}

export async function getHealth(port: number): Promise<{ status: number; body: Health }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as Health };
}
