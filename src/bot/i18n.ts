import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Database } from "../db/client.js";
import { findLocale } from "../domain/people/person.js";
import { DEFAULT_LOCALE, supportedLocale } from "../messages/locale.js";
import type { BotContext, ConversationContext } from "./context.js";

export const LOCALES_DIRECTORY = fileURLToPath(new URL("../../locales", import.meta.url));
export { DEFAULT_LOCALE };

/**
 * The locale of each person with an update in flight in this process, as the update's actor read it
 * (with its claim), and how many of their updates are in flight. A conversation's context has no
 * actor, and the conversations plugin builds one for the update and one for each earlier update
 * of the conversation it replays (six for the last step of a deposit): each asked the database for
 * the person's locale again, one statement per context. They take it from here instead; a context
 * of someone else (another member of a group) still asks the database.
 */
const localesInFlight = new Map<number, { locale: string; updates: number }>();

/** Runs `next` with `locale` known as the person's for the conversation contexts it builds. */
export async function withLocaleInFlight<T>(telegramId: number, locale: string, next: () => Promise<T>): Promise<T> {
  const entry = localesInFlight.get(telegramId);
  if (entry) {
    // Another update of theirs is in flight (another chat): the locale read last is the one kept.
    entry.locale = locale;
    entry.updates++;
  } else {
    localesInFlight.set(telegramId, { locale, updates: 1 });
  }
  try {
    return await next();
  } finally {
    const held = localesInFlight.get(telegramId);
    if (held && --held.updates === 0) localesInFlight.delete(telegramId);
  }
}

/**
 * The person's chosen language decides; inside conversations (where our actor middleware does not
 * run) it is the one their update in flight read, or else looked up again. Indonesian is the default,
 * whatever Telegram's client language.
 */
export function createI18n(db: Database): I18n<ConversationContext> {
  const i18n = new I18n<ConversationContext>({
    defaultLocale: DEFAULT_LOCALE,
    directory: LOCALES_DIRECTORY,
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: async (ctx) => {
      const known = (ctx as Partial<BotContext>).actor?.person?.locale ?? (ctx.from ? localesInFlight.get(ctx.from.id)?.locale : undefined);
      const locale = known ?? (ctx.from ? await findLocale(db, ctx.from.id) : undefined);
      return supportedLocale(locale);
    },
  });
  rememberMatchedBundles(i18n.fluent);
  return i18n;
}

type Matching = { bundles: Set<unknown>; matchBundles(locales: string[]): Set<unknown> };

/**
 * The plugin matches the locale against every bundle's (negotiateLanguages) at each translation,
 * several per update; the answer only changes when a bundle is added (the locales are loaded when
 * the plugin is built). Remembered per locale list and number of bundles.
 */
function rememberMatchedBundles(fluent: object): void {
  const matching = fluent as Matching;
  if (typeof matching.matchBundles !== "function" || !(matching.bundles instanceof Set)) return;
  const match = matching.matchBundles.bind(fluent);
  const remembered = new Map<string, Set<unknown>>();
  matching.matchBundles = (locales) => {
    const key = `${matching.bundles.size}|${locales.join(",")}`;
    let found = remembered.get(key);
    if (!found) {
      found = match(locales);
      // A locale comes from the person's row or Telegram's client: few, but not bounded by us.
      if (remembered.size >= 64) remembered.clear();
      remembered.set(key, found);
    }
    return found;
  };
}
