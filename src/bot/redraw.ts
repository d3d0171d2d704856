import { GrammyError, type InlineKeyboard } from "grammy";
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
