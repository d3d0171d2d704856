import { Composer } from "grammy";
import { COMMANDS } from "../commands.js";
import type { BotContext } from "../context.js";
import { allows } from "../../domain/people/audience.js";

/** /bantuan lists only what this person may run, so nobody is shown a door they cannot open. */
export function createHelpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  feature.command(["bantuan", "help"], async (ctx) => {
    const lines = COMMANDS.filter((spec) => allows(spec.audience, ctx.actor)).map(
      (spec) => `/${spec.command} — ${ctx.t(`command-${spec.command}`)}`,
    );
    await ctx.reply(`${ctx.t("help-title")}\n\n${lines.join("\n")}`);
  });
  return composer;
}
