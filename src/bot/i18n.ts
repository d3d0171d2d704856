import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Database } from "../db/client.js";
import { findLocale } from "../domain/people/person.js";
import { DEFAULT_LOCALE, supportedLocale } from "../messages/locale.js";
import type { BotContext, ConversationContext } from "./context.js";

export const LOCALES_DIRECTORY = fileURLToPath(new URL("../../locales", import.meta.url));
export { DEFAULT_LOCALE };

/**
 * The person's chosen language decides; inside conversations (where our actor middleware does not
 * run) it is looked up again. Indonesian is the default, whatever Telegram's client language.
 */
export function createI18n(db: Database): I18n<ConversationContext> {
  return new I18n<ConversationContext>({
    defaultLocale: DEFAULT_LOCALE,
    directory: LOCALES_DIRECTORY,
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: async (ctx) => {
      const known = (ctx as Partial<BotContext>).actor?.person?.locale;
      const locale = known ?? (ctx.from ? await findLocale(db, ctx.from.id) : undefined);
      return supportedLocale(locale);
    },
  });
}
