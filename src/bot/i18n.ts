import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Database } from "../db/client.js";
import { findLocale, SUPPORTED_LOCALES } from "../domain/people/person.js";
import type { BotContext, ConversationContext } from "./context.js";

export const LOCALES_DIRECTORY = fileURLToPath(new URL("../../locales", import.meta.url));
export const DEFAULT_LOCALE = "id";

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
      return locale && (SUPPORTED_LOCALES as readonly string[]).includes(locale) ? locale : DEFAULT_LOCALE;
    },
  });
}
