import { Composer } from "../composer.js";
import type { BotContext } from "../context.js";

/**
 * Runs before the conversations: /batal leaves whatever is under way, and any other command
 * leaves it too and then runs, so nobody is stuck inside a half-finished form.
 */
export function createCancelFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("batal", async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t(active ? "cancel-done" : "cancel-nothing"));
  });
  composer.on("message:entities:bot_command", async (ctx, next) => {
    if (ctx.message.entities[0]?.offset === 0 && Object.keys(ctx.conversation.active()).length > 0) {
      await ctx.conversation.exitAll();
    }
    await next();
  });
  return composer;
}
