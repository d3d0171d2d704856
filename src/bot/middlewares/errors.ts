import type { MiddlewareFn } from "grammy";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "../../db/errors.js";
import { DomainError } from "../../domain/errors.js";
import { findCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { DEFAULT_LOCALE } from "../i18n.js";
import { commandOf } from "./authorize.js";

/** A DomainError is an answer for the person, not a failure: translate it and stop. */
export function replyOnDomainError(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const text = ctx.t(`error-${error.code}`, error.vars);
      if (ctx.callbackQuery) {
        await ctx.answerCallbackQuery({ text, show_alert: true });
      } else {
        await ctx.reply(text);
      }
    }
  };
}

/**
 * The database is out of reach: the person is asked to try again shortly, and the update still
 * fails (as a DatabaseUnavailableError), so a webhook answers non-2xx and Telegram redelivers it.
 * Runs before the dedupe claim and before i18n, which both need the database: the text comes from
 * the bundles directly, in the person's language if it was already known, else the default.
 * In a group only the commands meant for groups are answered, so a busy group is not flooded.
 */
export function replyWhenDatabaseDown(deps: Pick<BotDeps, "i18n" | "logger">): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      (ctx.log ?? deps.logger).warn({ err: error }, "database unavailable; update left for redelivery");
      const locale = (ctx as Partial<BotContext>).actor?.person?.locale ?? DEFAULT_LOCALE;
      const text = deps.i18n.t(locale, "error-database-unavailable");
      const inGroup = ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";
      try {
        if (ctx.callbackQuery) {
          await ctx.answerCallbackQuery({ text, show_alert: true });
        } else if (ctx.message && ctx.chat && (!inGroup || findCommand(commandOf(ctx) ?? "")?.inGroups)) {
          await ctx.reply(text);
        }
      } catch (replyError) {
        // Telegram may be unreachable too; the redelivery is what matters.
        (ctx.log ?? deps.logger).warn({ err: replyError }, "could not tell the person to try again");
      }
      throw error instanceof DatabaseUnavailableError ? error : new DatabaseUnavailableError(error);
    }
  };
}
