import { setTimeout as sleep } from "node:timers/promises";
import { run, type RunnerHandle } from "@grammyjs/runner";
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
type RunnerSignal = Parameters<Parameters<typeof run>[0]["api"]["getUpdates"]>[1];
/** Long-polling timeout of getUpdates, in seconds (Telegram's answer comes at once when updates wait). */
const LONG_POLL_S = 30;
/** The last getUpdates at shutdown (confirming what was handled) gives up after this long. */
const CONFIRM_TIMEOUT_MS = 2_000;

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
 * At shutdown (`signal`) the pending getUpdates is cut, the updates already fetched finish (each was
 * handed to the bot before the signal; one reaching the bot after it is left unhandled and
 * unconfirmed), and a last getUpdates confirms what was handled, so a restart is not given it again
 * (were it given again, the dedupe claim would drop it). Resolves when all that is done.
 */
export async function poll({ bot, logger, secrets, signal, onFatal, concurrency = POLLING_CONCURRENCY }: PollingOptions): Promise<void> {
  if (signal.aborted) return;
  // Updates fetched and not yet handled, and the highest id fetched: what a restart must be given again.
  const pending = new Set<number>();
  let highest: number | undefined;
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let fatal: unknown;
  // Set once the runner runs; getUpdates stops it on a refused token.
  const started: { runner?: RunnerHandle } = {};

  async function getUpdates(args: { offset: number; limit: number; timeout: number }, runnerSignal: RunnerSignal): Promise<Update[]> {
    // The runner and grammY each name AbortSignal through their own shim; it is the platform's.
    const fetchSignal = runnerSignal as unknown as AbortSignal;
    for (let pauseMs = 1_000; ; pauseMs = Math.min(pauseMs * 2, 30_000)) {
      try {
        const updates = await bot.api.getUpdates({ ...args, allowed_updates: [...ALLOWED_UPDATES] }, fetchSignal as never);
        for (const update of updates) {
          pending.add(update.update_id);
          highest = Math.max(highest ?? update.update_id, update.update_id);
        }
        return updates;
      } catch (error) {
        if (fetchSignal.aborted || stopped) throw error;
        if (isTokenRefused(error)) {
          fatal = error;
          // Stopping first makes the runner take the throw below as its stop, not as a crash.
          void started.runner?.stop();
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

  function handleUpdate(update: Update): Promise<void> {
    // Fetched but reaching the bot after the stop: left unhandled and unconfirmed, for the next start.
    if (stopped) return Promise.resolve();
    const work = bot.handleUpdate(update).finally(() => {
      pending.delete(update.update_id);
      inFlight.delete(work);
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

  const runner = run(
    { handleUpdate, errorHandler: (error: unknown) => bot.errorHandler(error as Parameters<typeof bot.errorHandler>[0]), api: { getUpdates } },
    { runner: { fetch: { timeout: LONG_POLL_S }, silent: true }, sink: { concurrency } },
  );
  started.runner = runner;
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
  if (highest === undefined || fatal !== undefined) return;
  const offset = pending.size > 0 ? Math.min(...pending) : highest + 1;
  try {
    // Bounded: grammY's own timeout (500 s) would outlast the shutdown deadline on a hung connection.
    await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }, AbortSignal.timeout(CONFIRM_TIMEOUT_MS) as never);
  } catch (error) {
    logger.warn({ err: redactError(error, secrets) }, "could not confirm the last updates; a restart gets them again and drops them as duplicates");
  }
}
