import { GrammyError, type InlineKeyboard, type Transformer } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { BotContext } from "./context.js";

function buttonsOf(rows: readonly (readonly InlineKeyboardButton[])[] | undefined): string {
  return JSON.stringify((rows ?? []).flat().map((button) => [button.text, "callback_data" in button ? button.callback_data : null]));
}

/** Telegram's answer to an edit that would change nothing. */
export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /message is not modified/i.test(error.description);
}

/**
 * Redraws the message a button sits on, unless it shows this already (a double tap, a redelivery):
 * Telegram refuses an edit that changes nothing with a 400. Returns whether it edited.
 */
export async function redraw(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<boolean> {
  const shown = ctx.callbackQuery?.message;
  if (shown?.text === text.trim() && buttonsOf(shown.reply_markup?.inline_keyboard) === buttonsOf(keyboard?.inline_keyboard)) return false;
  try {
    await ctx.editMessageText(text, keyboard ? { reply_markup: keyboard } : {});
    return true;
  } catch (error) {
    // What Telegram shows can differ from what we compare (entities, whitespace it trims).
    if (isNotModified(error)) return false;
    throw error;
  }
}

const EDITS = new Set(["editMessageText", "editMessageReplyMarkup", "editMessageCaption"]);

/**
 * An edit Telegram refuses as "not modified" asked for what the message already shows (a double
 * tap, a redelivered press, two pages that render alike): it succeeded. Installed on the bot's API,
 * so no handler fails, and no reply after a saved change is lost, over an edit that changes nothing.
 * Its result is then `true` where a Message is typed: callers do not read what an edit returns.
 */
export const unchangedEditsSucceed: Transformer = async (previous, method, payload, signal) => {
  const result = await previous(method, payload, signal);
  if (!result.ok && EDITS.has(method) && result.error_code === 400 && /message is not modified/i.test(result.description)) {
    return { ok: true, result: true } as unknown as typeof result;
  }
  return result;
};

/**
 * Telegram takes one answer to a press, within seconds: answering a press it no longer takes (a
 * redelivered press, answered before the reply after it failed; a slow step) changes nothing the
 * person sees, so it succeeds. Otherwise the replayed step of a form would fail on it for good.
 */
export const lateAnswersSucceed: Transformer = async (previous, method, payload, signal) => {
  const result = await previous(method, payload, signal);
  if (!result.ok && method === "answerCallbackQuery" && result.error_code === 400 && /query is too old|query id is invalid/i.test(result.description)) {
    return { ok: true, result: true } as unknown as typeof result;
  }
  return result;
};

const configured = new WeakSet<object>();

/**
 * The same two for the API a conversation builds for its own context (a bot.api transformer does
 * not reach it): passed to the conversations as a plugin.
 */
export function harmlessRefusalsSucceedInConversations<C extends { api: { config: { use(transformer: Transformer): void } } }>(): (ctx: C, next: () => Promise<void>) => Promise<void> {
  return async (ctx, next) => {
    if (!configured.has(ctx.api)) {
      configured.add(ctx.api);
      ctx.api.config.use(unchangedEditsSucceed);
      ctx.api.config.use(lateAnswersSucceed);
    }
    await next();
  };
}
