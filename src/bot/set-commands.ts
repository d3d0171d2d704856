import type { Api } from "grammy";
import type { MenuButton } from "../delivery/menus.js";
import type { Actor } from "../domain/people/actor.js";
import { allows, AUDIENCES } from "../domain/people/audience.js";
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
 * The chat's menu button of someone the Mini App has pages for (a ketua, a koordinator, an admin:
 * AUDIENCES.dashboardReaders) opens the app's home, in their language; everyone else keeps
 * Telegram's default button, the command list, which is what a warga needs. Per chat, pushed with the
 * command menus (delivery/menus.ts), so it follows every role change, and at every start
 * (wantMenusAtStart marks every chat with a menu of its own), so a WEBAPP_URL set, changed or removed
 * reaches the chats it concerns; none without WEBAPP_URL.
 */
export function dashboardMenuButton(i18n: BotDeps["i18n"], webappUrl: string): (actor: Actor, locale: string) => MenuButton | null {
  const url = openPageUrl(webappUrl, { page: "home" });
  return (actor, locale) => (allows(AUDIENCES.dashboardReaders, actor) ? { text: i18n.t(locale, "menu-button-dashboard"), url } : null);
}

