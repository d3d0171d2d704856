import { Composer } from "../composer.js";
import type { BotContext } from "../context.js";

/** Last in line: whatever nothing else handled gets a short pointer to /bantuan. */
export function createFallbackFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  feature.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("fallback-stale-button") }));
  feature.on("message:entities:bot_command", (ctx) => ctx.reply(ctx.t("fallback-unknown-command")));
  feature.on("message", (ctx) => ctx.reply(ctx.t("fallback-message")));
  return composer;
}
