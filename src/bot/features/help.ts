import { Composer } from "../composer.js";
import { COMMAND_GROUPS, COMMANDS } from "../commands.js";
import type { BotContext } from "../context.js";
import { allows } from "../../domain/people/audience.js";

/**
 * /bantuan lists only what this person may run, so nobody is shown a door they cannot open, grouped
 * by task (events and ronda, the waste bank, the reading corner, running the RT…); a task with
 * nothing for them is left out.
 */
export function createHelpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  feature.command(["bantuan", "help"], async (ctx) => {
    const allowed = COMMANDS.filter((spec) => allows(spec.audience, ctx.actor));
    const sections = COMMAND_GROUPS.flatMap((group) => {
      const lines = allowed.filter((spec) => spec.group === group).map((spec) => `/${spec.command} — ${ctx.t(`command-${spec.command}`)}`);
      return lines.length ? [`${ctx.t(`help-group-${group}`)}\n${lines.join("\n")}`] : [];
    });
    await ctx.reply(`${ctx.t("help-title")}\n\n${sections.join("\n\n")}`);
  });
  return composer;
}
