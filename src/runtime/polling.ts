import { setTimeout as sleep } from "node:timers/promises";
import type { Bot } from "grammy";
import type { BotContext } from "../bot/context.js";
import type { Logger } from "../logger.js";
import { redactError } from "./redact.js";
import { isTokenRefused } from "./retry.js";

/** The update types the bot handles; given to getUpdates and setWebhook alike. */
/** poll_answer: votes on the non-anonymous polls the bot sent; poll: counts of its anonymous group polls (issue 17). */
export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member", "poll_answer", "poll"] as const;

export type PollingOptions = {
  bot: Bot<BotContext>;
  logger: Logger;
  secrets: string[];
  /** Aborted at shutdown: polling is not started again. */
  signal: AbortSignal;
  /** Telegram refuses the token: the bot cannot go on. */
  onFatal?(error: unknown): void;
};

/**
 * Long polling until shutdown. A 409 (another poller, e.g. an old instance still stopping) or
 * network trouble passes: polling starts again after a growing pause. A refused token is fatal.
 */
export async function poll({ bot, logger, secrets, signal, onFatal }: PollingOptions): Promise<void> {
  for (let pauseMs = 1_000; !signal.aborted; pauseMs = Math.min(pauseMs * 2, 30_000)) {
    try {
      await bot.start({
        allowed_updates: [...ALLOWED_UPDATES],
        onStart: (me) => logger.info({ username: me.username }, "bot polling"),
      });
      return;
    } catch (error) {
      if (signal.aborted) return;
      if (isTokenRefused(error)) {
        logger.fatal({ err: redactError(error, secrets) }, "Telegram refuses the bot token; polling stopped");
        onFatal?.(error);
        return;
      }
      logger.error({ err: redactError(error, secrets), retryInMs: pauseMs }, "polling stopped; starting it again");
      await sleep(pauseMs, undefined, { signal }).catch(() => {});
    }
  }
}
