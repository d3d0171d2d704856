import { setTimeout as sleep } from "node:timers/promises";
import { createConcurrentSink, createRunner, createSource, type UpdateSupplier } from "@grammyjs/runner";
import { GrammyError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "../bot/context.js";
import type { Logger } from "../logger.js";
import { redactError } from "./redact.js";
import { isTokenRefused } from "./retry.js";

/** The update types the bot handles; given to getUpdates and setWebhook alike. */
/** poll_answer: votes on the non-anonymous polls the bot sent; poll: counts of its anonymous group polls (issue 17). */
export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member", "poll_answer", "poll"] as const;

/**
 * Updates handled at once. A chat's updates still go one at a time (sequentializeChats); this bounds
 * the different chats in flight, and so the batch asked of getUpdates (the runner asks for no more
 * than it has room for): every update fetched has started before the next getUpdates.
 */
export const POLLING_CONCURRENCY = 100;
/** Long-polling timeout of getUpdates, in seconds (Telegram's answer comes at once when updates wait). */
const LONG_POLL_S = 30;
/** The last getUpdates at shutdown (confirming what was handled) gives up after this long. */
const CONFIRM_TIMEOUT_MS = 2_000;
/** Telegram's own bound on getUpdates' limit; also the most ids between the offset and the next update. */
const MAX_WINDOW = 100;
/** With updates in flight and nothing new, polling waits this long (or until one finishes) before asking again. */
const IDLE_WAIT_MS = 250;
/**
 * While updates are in flight every getUpdates returns at once (it hands them back), so it cannot
 * long-poll: one that brought nothing new is followed by the next no sooner than this, whatever
 * finishes meanwhile (at most 20 such calls a second under load, however many updates finish).
 */
const REFETCH_SPACING_MS = 50;
/** An update unfinished this long no longer holds the offset back: one slow update must not stop intake. */
const SLOW_UPDATE_MS = 10_000;

export type PollingOptions = {
  bot: Bot<BotContext>;
  logger: Logger;
  secrets: string[];
  /** Aborted at shutdown: no more getUpdates; the updates in progress finish, then polling confirms them. */
  signal: AbortSignal;
  /** Telegram refuses the token: the bot cannot go on. */
  onFatal?(error: unknown): void;
  concurrency?: number;
};

/**
 * Concurrent long polling (@grammyjs/runner) until shutdown: updates of different chats are handled
 * side by side, so one slow update no longer holds up the whole city; a chat's own updates keep
 * their order (sequentializeChats, in the bot).
 *
 * getUpdates that fails is asked again here, after a growing pause (1 s doubling to 30 s, logged):
 * a 409 (another poller, e.g. an old instance still stopping), a 5xx, the network. The runner's own
 * retry (doubling without a bound, to console.error) never sees them. A refused token is fatal.
 *
 * Crash safety: the runner is built here (createSource with our own supplier, createConcurrentSink,
 * createRunner) because the runner's fetcher confirms every update it fetched at the next getUpdates,
 * finished or not, so a SIGKILL lost the updates in flight. Here the offset is the lowest update not
 * finished (one unfinished after 10 s is passed over, logged by id), at most 100 ids behind the next;
 * updates Telegram gives back while in flight are dropped, so each reaches the bot once.
 *
 * At shutdown (`signal`) the pending getUpdates is cut, the updates already fetched finish (each was
 * handed to the bot before the signal; one reaching the bot after it is left unhandled and
 * unconfirmed), and a last getUpdates confirms what was handled, so a restart is not given it again
 * (were it given again, the dedupe claim would drop it). Resolves when all that is done.
 */
export async function poll({ bot, logger, secrets, signal, onFatal, concurrency = POLLING_CONCURRENCY }: PollingOptions): Promise<void> {
  if (signal.aborted) return;
  // Updates handed to the bot and not finished (id -> when handed over), and those of them past SLOW_UPDATE_MS.
  const unfinished = new Map<number, number>();
  const passed = new Set<number>();
  // The highest update id handed to the bot, plus one: any id below it was handed over already.
  let next: number | undefined;
  const inFlight = new Set<Promise<void>>();
  // Woken when an update finishes (polling may then confirm it and move on).
  const progress = new Set<() => void>();
  let stopped = false;
  let fatal: unknown;
  // Set once the runner runs; getUpdates stops it on a refused token.
  const started: { stop?: () => void } = {};

  /**
   * The offset for getUpdates: the lowest update not finished, so a SIGKILL never loses one Telegram
   * was told is done; or `next` when none is. One unfinished past SLOW_UPDATE_MS is passed over (and
   * logged once, by id only): a restart would not get it again, but intake goes on.
   */
  function confirmable(now: number): number {
    let lowest: number | undefined;
    for (const [id, since] of unfinished) {
      if (passed.has(id)) continue;
      if (now - since >= SLOW_UPDATE_MS) {
        passed.add(id);
        logger.warn({ updateId: id, afterMs: SLOW_UPDATE_MS }, "update still unfinished; polling confirms past it");
        continue;
      }
      lowest = Math.min(lowest ?? id, id);
    }
    return lowest ?? next ?? 0;
  }

  /** Resolves when an update finishes or after `ms`; rejects when `abort` fires (the runner's stop). */
  function progressOrTimeout(ms: number, abort: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (abort.aborted) return reject(abort.reason as Error);
      const done = () => {
        clearTimeout(timer);
        progress.delete(done);
        abort.removeEventListener("abort", aborted);
        resolve();
      };
      const aborted = () => {
        clearTimeout(timer);
        progress.delete(done);
        reject(abort.reason as Error);
      };
      const timer = setTimeout(done, ms);
      progress.add(done);
      abort.addEventListener("abort", aborted, { once: true });
    });
  }

  async function getUpdates(args: { offset: number; limit: number; timeout: number }, fetchSignal: AbortSignal): Promise<Update[]> {
    for (let pauseMs = 1_000; ; pauseMs = Math.min(pauseMs * 2, 30_000)) {
      try {
        return await bot.api.getUpdates({ ...args, allowed_updates: [...ALLOWED_UPDATES] }, fetchSignal as never);
      } catch (error) {
        if (fetchSignal.aborted || stopped) throw error;
        if (isTokenRefused(error)) {
          fatal = error;
          // Stopping first makes the runner take the throw below as its stop, not as a crash.
          started.stop?.();
          throw error;
        }
        const conflict = error instanceof GrammyError && error.error_code === 409;
        // A 409/429 may say how long to wait (retry_after, seconds): that wait, not ours, is honoured.
        const retryAfterS = error instanceof GrammyError ? error.parameters?.retry_after : undefined;
        const waitMs = typeof retryAfterS === "number" && retryAfterS > 0 ? retryAfterS * 1_000 : pauseMs;
        logger.error({ err: redactError(error, secrets), retryInMs: waitMs, conflict }, "getUpdates failed; polling again after a pause");
        await sleep(waitMs, undefined, { signal: fetchSignal }).catch(() => {});
        if (fetchSignal.aborted) throw error;
      }
    }
  }

  // Our own supplier, not the runner's fetcher: that one confirms (offset = last fetched + 1) updates
  // still in flight, which a SIGKILL then loses. This one never confirms an update before it finishes.
  const supplier: UpdateSupplier<Update> = {
    async supply(batchSize, runnerSignal) {
      // The runner names AbortSignal through its own shim; it is the platform's.
      const fetchSignal = runnerSignal as unknown as AbortSignal;
      const room = Math.max(1, Math.min(batchSize, MAX_WINDOW));
      for (;;) {
        const offset = confirmable(Date.now());
        const window = next === undefined ? 0 : next - offset;
        if (window >= MAX_WINDOW) {
          await progressOrTimeout(IDLE_WAIT_MS, fetchSignal);
          continue;
        }
        // An unfinished update holds the offset: Telegram gives it back at once, and a long poll would
        // only delay confirming it once it finishes. Long polling is for when nothing holds it.
        const holding = window > 0;
        const limit = Math.min(MAX_WINDOW, window + room);
        const updates = await getUpdates({ offset, limit, timeout: holding ? 0 : LONG_POLL_S }, fetchSignal);
        // Those already handed over come back while in flight: dropped, each is handled once.
        const fresh = updates.filter((update) => next === undefined || update.update_id >= next).slice(0, room);
        if (fresh.length > 0) {
          const now = Date.now();
          for (const update of fresh) {
            unfinished.set(update.update_id, now);
            next = Math.max(next ?? 0, update.update_id + 1);
          }
          return fresh;
        }
        // Never [] to the runner (it would ask again at once): wait for one to finish, or a little.
        if (holding) {
          const waitedFrom = Date.now();
          await progressOrTimeout(IDLE_WAIT_MS, fetchSignal);
          const rest = REFETCH_SPACING_MS - (Date.now() - waitedFrom);
          if (rest > 0) await sleep(rest, undefined, { signal: fetchSignal });
        } else if (fetchSignal.aborted) throw new Error("polling stopped");
      }
    },
  };

  function handleUpdate(update: Update): Promise<void> {
    // Fetched but reaching the bot after the stop: left unhandled and unfinished, so unconfirmed, for the next start.
    if (stopped) return Promise.resolve();
    const work = bot.handleUpdate(update).finally(() => {
      unfinished.delete(update.update_id);
      passed.delete(update.update_id);
      inFlight.delete(work);
      for (const wake of [...progress]) wake();
    });
    inFlight.add(work);
    return work;
  }

  // A webhook left set makes getUpdates fail with 409: polling removes it first (as bot.start() does).
  for (let pauseMs = 1_000; !signal.aborted; pauseMs = Math.min(pauseMs * 2, 30_000)) {
    try {
      await bot.api.deleteWebhook({}, signal as never);
      break;
    } catch (error) {
      if (signal.aborted) return;
      if (isTokenRefused(error)) {
        logger.fatal({ err: redactError(error, secrets) }, "Telegram refuses the bot token; polling stopped");
        onFatal?.(error);
        return;
      }
      logger.error({ err: redactError(error, secrets), retryInMs: pauseMs }, "deleteWebhook failed; trying again");
      await sleep(pauseMs, undefined, { signal }).catch(() => {});
    }
  }
  if (signal.aborted) return;

  const sink = createConcurrentSink<Update, unknown>(
    { consume: handleUpdate },
    async (error) => {
      try {
        await bot.errorHandler(error as Parameters<typeof bot.errorHandler>[0]);
      } catch (failure) {
        logger.error({ err: redactError(failure, secrets) }, "the bot's error handler failed");
      }
    },
    { concurrency },
  );
  const runner = createRunner(createSource(supplier), sink);
  started.stop = () => void runner.stop();
  runner.start();
  logger.info({ username: bot.botInfo.username, concurrency }, "bot polling");
  const stop = () => {
    stopped = true;
    void runner.stop();
  };
  signal.addEventListener("abort", stop, { once: true });
  try {
    await runner.task();
  } catch (error) {
    // 401/409 reach the runner only through getUpdates above, which keeps 409 to itself: this is a bug.
    logger.error({ err: redactError(error, secrets) }, "polling ended unexpectedly");
  } finally {
    signal.removeEventListener("abort", stop);
    stopped = true;
  }
  if (fatal !== undefined) {
    logger.fatal({ err: redactError(fatal, secrets) }, "Telegram refuses the bot token; polling stopped");
    onFatal?.(fatal);
  }
  // The updates fetched finish (handled or failed: a failed one's claim was released by dedupe).
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  if (next === undefined || fatal !== undefined) return;
  // Everything finished is confirmed, nothing unfinished (handed over after the stop) is.
  const offset = unfinished.size > 0 ? Math.min(...unfinished.keys()) : next;
  try {
    // Bounded: grammY's own timeout (500 s) would outlast the shutdown deadline on a hung connection.
    await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }, AbortSignal.timeout(CONFIRM_TIMEOUT_MS) as never);
  } catch (error) {
    logger.warn({ err: redactError(error, secrets) }, "could not confirm the last updates; a restart gets them again and drops them as duplicates");
  }
}
