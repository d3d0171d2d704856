import type { I18n } from "@grammyjs/i18n";
import { Api } from "grammy";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { BroadcastMonitor } from "./broadcast-monitor.js";
import { DeliveryEngine } from "./engine.js";
import { MenuSync, type MenuSyncOptions } from "./menus.js";
import { pacedFetch } from "./paced-fetch.js";
import { Pacer, type PacerLimits, TELEGRAM_LIMITS } from "./pacer.js";

export type DeliveryRuntimeOptions = {
  db: Database;
  token: string;
  apiRoot?: string;
  /** The transport to Telegram (a fake one in tests and the console). */
  fetch?: typeof fetch;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  i18n: I18n<any>;
  logger: Logger;
  clock: () => Date;
  limits?: PacerLimits;
  leaseMs?: number;
  progressIntervalMs?: number;
  /** Admins from the configuration: their own menu shows the admin's commands. */
  adminTelegramIds?: readonly number[];
  /** What a person's own "/" menu lists; without it no menus are pushed (benchmarks). */
  menuOf?: MenuSyncOptions["menuOf"];
  /** The chat's menu button opening the Mini App, for those it has pages for (bot/set-commands.ts dashboardMenuButton). */
  menuButtonOf?: MenuSyncOptions["menuButtonOf"];
};

export type DeliveryRuntime = {
  pacer: Pacer;
  engine: DeliveryEngine;
  monitor: BroadcastMonitor;
  /** For the bot's own client: replies go through the same pacer, first in line. */
  botFetch: typeof fetch;
  wake(): void;
  start(): void;
  stop(): Promise<void>;
};

/**
 * One pacer shared by the bot's replies and the outbox, one sender, one progress monitor. The
 * sender's Api is not paced again: the engine asks the pacer itself, with each row's priority.
 */
export function createDeliveryRuntime(options: DeliveryRuntimeOptions): DeliveryRuntime {
  const transport = options.fetch ?? fetch;
  const pacer = new Pacer(options.limits ?? TELEGRAM_LIMITS);
  const clientOptions = { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) };
  const api = new Api(options.token, { ...clientOptions, fetch: transport });
  const menus = options.menuOf
    ? new MenuSync({ db: options.db, api, pacer, i18n: options.i18n, logger: options.logger, adminTelegramIds: options.adminTelegramIds ?? [], menuOf: options.menuOf, ...(options.menuButtonOf ? { menuButtonOf: options.menuButtonOf } : {}) })
    : undefined;
  const engine = new DeliveryEngine({ db: options.db, api, pacer, logger: options.logger, clock: options.clock, leaseMs: options.leaseMs, ...(menus ? { menus } : {}) });
  const botFetch = pacedFetch(pacer, transport);
  const monitor = new BroadcastMonitor(
    {
      db: options.db,
      api: new Api(options.token, { ...clientOptions, fetch: botFetch }),
      i18n: options.i18n,
      logger: options.logger,
      clock: options.clock,
      wakeDelivery: () => engine.wake(),
    },
    options.progressIntervalMs,
  );
  return {
    pacer,
    engine,
    monitor,
    botFetch,
    wake: () => engine.wake(),
    start() {
      engine.start();
      monitor.start();
    },
    async stop() {
      await monitor.stop();
      await engine.stop();
    },
  };
}
