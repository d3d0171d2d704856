import type { Composer } from "grammy";
import type { ButtonFamily } from "../messages/buttons/button.js";
import type { BotContext } from "./context.js";

/**
 * Handles presses of one button family with its typed values. The authorization middleware has
 * already refused presses this family does not read or its audience may not make.
 */
export function onButton<V>(composer: Composer<BotContext>, family: ButtonFamily<V>, handler: (ctx: BotContext, values: V) => Promise<unknown>): void {
  composer.callbackQuery(family.trigger, async (ctx) => {
    const values = family.read(ctx.callbackQuery.data);
    if (values === undefined) return ctx.answerCallbackQuery();
    await handler(ctx, values);
  });
}
