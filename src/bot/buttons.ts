import type { Composer } from "./composer.js";
import type { ButtonFamily } from "../messages/buttons/button.js";
import type { BotContext } from "./context.js";

/**
 * Handles presses of one button family with its typed values. The authorization middleware has
 * already refused presses no family reads or whose audience the person is not in; data this family
 * cannot read goes on to the next handler (in the end the fallback, which calls it stale).
 */
export function onButton<V>(composer: Composer<BotContext>, family: ButtonFamily<V>, handler: (ctx: BotContext, values: V) => Promise<unknown>): void {
  composer.callbackQuery(family.trigger, async (ctx, next) => {
    const values = family.read(ctx.callbackQuery.data);
    if (values === undefined) return next();
    await handler(ctx, values);
  });
}
