import type { Api } from "grammy";
import type { Logger } from "../logger.js";
import { SUPPORTED_LOCALES } from "../domain/people/person.js";
import { menuCommands, STRANGER } from "./commands.js";
import type { BotDeps } from "./deps.js";
import { DEFAULT_LOCALE } from "./i18n.js";

/**
 * Registers the default menu (no scope), per language: what a stranger may run. A person who joined
 * or holds a role gets their own menu in their chat (delivery/menus.ts). A failure here costs a menu,
 * not the bot: it is logged and start-up goes on.
 */
export async function registerCommands(api: Api, deps: Pick<BotDeps, "i18n">, logger: Logger): Promise<boolean> {
  let ok = true;
  for (const locale of SUPPORTED_LOCALES) {
    const commands = menuCommands(STRANGER).map((command) => ({ command, description: deps.i18n.t(locale, `command-${command}`) }));
    try {
      await api.setMyCommands(commands, locale === DEFAULT_LOCALE ? {} : { language_code: locale });
    } catch (error) {
      ok = false;
      logger.warn({ err: error, locale }, "setMyCommands failed; the command menu may be out of date");
    }
  }
  return ok;
}
