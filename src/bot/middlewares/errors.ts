import type { MiddlewareFn } from "grammy";
import { DomainError } from "../../domain/errors.js";
import type { BotContext } from "../context.js";

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
