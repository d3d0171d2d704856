import type { Api } from "grammy";
import type { Logger } from "../logger.js";
import { SUPPORTED_LOCALES } from "../domain/people/person.js";
import { COMMANDS } from "./commands.js";
import type { BotDeps } from "./deps.js";
import { DEFAULT_LOCALE } from "./i18n.js";

/**
 * Registers the menu of commands everyone may use, per language. A failure here costs a menu,
 * not the bot: it is logged and start-up goes on.
 */
export async function registerCommands(api: Api, deps: Pick<BotDeps, "i18n">, logger: Logger): Promise<boolean> {
  let ok = true;
  for (const locale of SUPPORTED_LOCALES) {
    const commands = COMMANDS.filter((spec) => spec.showInMenu).map((spec) => ({
      command: spec.command,
      description: deps.i18n.t(locale, `command-${spec.command}`),
    }));
    try {
      await api.setMyCommands(commands, locale === DEFAULT_LOCALE ? {} : { language_code: locale });
    } catch (error) {
      ok = false;
      logger.warn({ err: error, locale }, "setMyCommands failed; the command menu may be out of date");
    }
  }
  return ok;
}
