import type { Api } from "grammy";
import { openPageUrl } from "../webapp/links.js";
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

/**
 * With WEBAPP_URL set, the default menu button (every private chat without one of its own) opens the
 * Mini App's home page, and Telegram's command list stays one "/" away. Only the default, not a
 * button per person with a role: the app refuses nobody harshly (a warga is told it has nothing for
 * them, and every page checks rights), while per-chat buttons would have to follow every role change
 * as the command menus do (delivery/menus.ts). Set at every start, so a changed URL takes effect; the
 * button text has no language of its own, so it is the default language's. Without WEBAPP_URL
 * nothing is called (a button set earlier stays until changed with BotFather or this call). A
 * failure costs the button, not the bot: logged, and start-up goes on.
 */
export async function registerMenuButton(api: Api, deps: Pick<BotDeps, "i18n" | "webappUrl">, logger: Logger): Promise<boolean> {
  if (!deps.webappUrl) return true;
  try {
    await api.setChatMenuButton({ menu_button: { type: "web_app", text: deps.i18n.t(DEFAULT_LOCALE, "menu-button-dashboard"), web_app: { url: openPageUrl(deps.webappUrl, { page: "home" }) } } });
    return true;
  } catch (error) {
    logger.warn({ err: error }, "setChatMenuButton failed; the menu button may not open the Mini App");
    return false;
  }
}
