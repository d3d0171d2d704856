import { BotError, GrammyError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "../bot/context.js";
import type { Logger } from "../logger.js";
import { ALLOWED_UPDATES } from "./polling.js";
import { redactError } from "./redact.js";
import { isTokenRefused, isTransient, untilDone } from "./retry.js";
import type { UpdateTracker } from "./update-tracker.js";

export type WebhookOptions = {
  bot: Bot<BotContext>;
  url: string;
  secret: string;
  logger: Logger;
  secrets: string[];
  signal: AbortSignal;
  onFatal?(error: unknown): void;
};

/**
 * Every instance sets the same webhook at start; Telegram being down delays it, never the start.
 * A 400 is Telegram refusing the URL or the secret: asking again will not change its mind.
 */
export function setWebhook({ bot, url, secret, logger, secrets, signal, onFatal }: WebhookOptions): void {
  const refused = (error: unknown) => isTokenRefused(error) || (error instanceof GrammyError && error.error_code === 400);
  void untilDone("setWebhook", () => bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] }), logger, secrets, signal, refused)
    .then(() => logger.info("webhook set"))
    .catch((error: unknown) => {
      if (signal.aborted) return;
      logger.fatal({ err: redactError(error, secrets) }, "Telegram refuses the webhook");
      onFatal?.(error);
    });
}

/**
 * Handles one update posted to the webhook. Returns false when the instance is shutting down (the
 * server answers so that Telegram delivers it again elsewhere).
 */
export function webhookHandler(options: { tracker: UpdateTracker; handleUpdate: (update: Update) => Promise<void>; logger: Logger; secrets: string[] }): (update: Update) => Promise<boolean> {
  const { tracker, handleUpdate, logger, secrets } = options;
  return async (update) => {
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
  };
}
