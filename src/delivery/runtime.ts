import { randomBytes } from "node:crypto";
import type { I18n } from "@grammyjs/i18n";
import { Api } from "grammy";
import type { Database } from "../db/client.js";
import type { SenderLock } from "../db/sender-lock.js";
import type { Logger } from "../logger.js";
import { BroadcastMonitor } from "./broadcast-monitor.js";
import { SharedBudget } from "./budget.js";
import { SenderElection } from "./leader.js";
import { DeliveryEngine } from "./engine.js";
import { MenuSync, type MenuSyncOptions } from "./menus.js";
import { pacedFetch } from "./paced-fetch.js";
import { Pacer, type PacerLimits, TELEGRAM_LIMITS } from "./pacer.js";

/**
 * The longest the sender waits for one Telegram request (its Api's timeout; the bot's own replies
 * keep the transport's 30 s). Well under the lease, and what a new sender leaves to the old one:
 * a row the old sender claimed less than a window plus this ago may still be in its hands.
 */
export const SENDER_REQUEST_TIMEOUT_MS = 10_000;

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
  /**
   * The sender's seat shared with the other instances on this PostgreSQL (DatabaseHandle.senderLock):
   * only the instance holding it sends the outbox. Null or absent: this process is the only one (PGlite).
   */
  senderLock?: SenderLock | null;
  /** How often an instance without the seat tries to take it (ELECTION_INTERVAL_MS unless told). */
  electionIntervalMs?: number;
  /** What a person's own "/" menu lists; without it no menus are pushed (benchmarks). */
  menuOf?: MenuSyncOptions["menuOf"];
  /** The chat's menu button opening the Mini App, for those it has pages for (bot/set-commands.ts dashboardMenuButton). */
  menuButtonOf?: MenuSyncOptions["menuButtonOf"];
};

export type DeliveryRuntime = {
  pacer: Pacer;
  engine: DeliveryEngine;
  monitor: BroadcastMonitor;
  /** Which instance sends the outbox (after start()). */
  election: SenderElection;
  /** The others' replies counted by the sender; this instance's told to it (null with no seat to share). */
  budget: SharedBudget | null;
  /** For the bot's own client: replies go through the same pacer, first in line. */
  botFetch: typeof fetch;
  wake(): void;
  start(): void;
  stop(): Promise<void>;
};

/**
 * One pacer shared by the bot's replies and the outbox, one sender, one progress monitor. The
 * sender's Api is not paced again: the engine asks the pacer itself, with each row's priority.
 * Among several instances on one PostgreSQL only the elected one claims from the outbox (and
 * pushes menus); every instance replies at once through its own pacer and tells the sender which
 * slots its replies took, so the token's limits hold for the bot as a whole.
 */
export function createDeliveryRuntime(options: DeliveryRuntimeOptions): DeliveryRuntime {
  const transport = options.fetch ?? fetch;
  const pacer = new Pacer(options.limits ?? TELEGRAM_LIMITS);
  const clientOptions = { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) };
  const api = new Api(options.token, { ...clientOptions, fetch: transport, timeoutSeconds: SENDER_REQUEST_TIMEOUT_MS / 1000 });
  const menus = options.menuOf
    ? new MenuSync({ db: options.db, api, pacer, i18n: options.i18n, logger: options.logger, adminTelegramIds: options.adminTelegramIds ?? [], menuOf: options.menuOf, ...(options.menuButtonOf ? { menuButtonOf: options.menuButtonOf } : {}) })
    : undefined;
  const lock = options.senderLock ?? null;
  // Set once the election exists. With a seat to share, a row given its slot after the seat was
  // lost goes back unsent; alone (PGlite, tests, the console), drain() sends whether started or not.
  let leading = () => true;
  let budget: SharedBudget | null = null;
  const engine = new DeliveryEngine({
    db: options.db,
    api,
    pacer,
    logger: options.logger,
    clock: options.clock,
    leaseMs: options.leaseMs,
    ...(lock ? { maySend: () => leading(), onRateLimited: (untilMs: number) => budget?.observer.paused?.(untilMs) } : {}),
    ...(menus ? { menus } : {}),
  });
  budget = lock
    ? new SharedBudget({ pacer, lock, leading: () => leading(), wakeSender: () => engine.wake(), logger: options.logger, instanceId: `${process.pid}-${randomBytes(3).toString("hex")}` })
    : null;
  // A row the old sender claimed within this may still be in its hands (see SENDER_REQUEST_TIMEOUT_MS).
  const settleMs = pacer.limits.globalWindowMs + SENDER_REQUEST_TIMEOUT_MS;
  let lateTakeBack: NodeJS.Timeout | null = null;
  const takeBack = () =>
    engine.takeOver(settleMs).catch((error: unknown) => {
      options.logger.error({ err: error }, "could not take back the previous sender's rows; they come back after their lease");
    });
  const election = new SenderElection({
    lock,
    logger: options.logger,
    ...(options.electionIntervalMs ? { intervalMs: options.electionIntervalMs } : {}),
    async onLead() {
      if (lock) {
        // From now on this instance hears the others' replies and 429s (retried until it listens).
        budget?.listen();
        // Taking over from another sender, whose last second of sends this pacer never saw: the
        // outbox waits one global window, which keeps the token under its limit, and a private
        // chat's (1 s); a group's 20 a minute is not covered (a broadcast to groups right at a
        // failover may see a 429, and then waits as Telegram says). This instance's replies do
        // not wait. Only then are the old sender's rows taken back, and only those it claimed
        // long enough ago that they cannot be in flight still; the rest when they are.
        await new Promise((resolve) => setTimeout(resolve, pacer.limits.globalWindowMs));
        if (!election.leading) return;
        await takeBack();
        if (!election.leading) return;
        if (lateTakeBack) clearTimeout(lateTakeBack);
        lateTakeBack = setTimeout(() => {
          lateTakeBack = null;
          if (election.leading) void takeBack();
        }, settleMs);
      }
      engine.start();
    },
    onLose: () => {
      if (lateTakeBack) clearTimeout(lateTakeBack);
      lateTakeBack = null;
      return engine.stop();
    },
  });
  leading = () => election.leading;
  const botFetch = pacedFetch(pacer, transport, budget?.observer);
  const wakeSender = () => (election.leading || lock === null ? engine.wake() : budget?.wakeSender());
  const monitor = new BroadcastMonitor(
    {
      db: options.db,
      api: new Api(options.token, { ...clientOptions, fetch: botFetch }),
      i18n: options.i18n,
      logger: options.logger,
      clock: options.clock,
      // A non-sender's monitor queues rows too: the sender must hear of them.
      wakeDelivery: wakeSender,
    },
    options.progressIntervalMs,
  );
  return {
    pacer,
    engine,
    monitor,
    election,
    budget,
    botFetch,
    wake: wakeSender,
    start() {
      // Every instance listens: the sender for the others' replies, 429s and wake-ups, the others
      // for the sender's 429s. Retried until it works (and again on taking the seat).
      budget?.listen();
      election.start();
      monitor.start();
    },
    async stop() {
      await monitor.stop();
      // The engine stops (its sends in flight settle) before the seat is given back.
      await election.stop();
      await engine.stop();
      if (lateTakeBack) clearTimeout(lateTakeBack);
      lateTakeBack = null;
      await budget?.stop();
    },
  };
}
