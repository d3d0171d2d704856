import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { MiddlewareFn } from "grammy";
import type { Database } from "../db/client.js";
import { findLocale } from "../domain/people/person.js";
import { DEFAULT_LOCALE, supportedLocale } from "../messages/locale.js";
import type { BotContext, ConversationContext } from "./context.js";

export const LOCALES_DIRECTORY = fileURLToPath(new URL("../../locales", import.meta.url));
export { DEFAULT_LOCALE };

/**
 * Per chat, the sender of the update being handled there and their language, as its actor was
 * loaded (with the claim). A chat's updates are handled one at a time (sequentializeChats), so the
 * entry is that update's while it runs; it goes when the update is over.
 */
const speakingIn = new Map<number, { telegramId: number; locale: string }>();

/**
 * Installed before the forms. A form (conversations v2) replays every update it took so far, each
 * in a context of its own where our actor middleware does not run, and the i18n plugin asks each
 * of them for its language: read from the database, that was one round trip per replayed update
 * (seven for the Simpan of /setor). The person's language is the one the actor of the update being
 * handled was loaded with (the current one, as a lookup would read it), so a replayed update of the
 * same person in the same chat takes it from there; another sender (a form in a group) is still
 * looked up. (Not an AsyncLocalStorage: on Node 20 one turns on promise hooks for every update.)
 */
export function formsSpeakTheActorsLanguage(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const person = ctx.actor?.person;
    const chatId = ctx.chatId;
    if (!person || !ctx.from || chatId === undefined) return next();
    const speaking = { telegramId: ctx.from.id, locale: person.locale };
    speakingIn.set(chatId, speaking);
    try {
      await next();
    } finally {
      // Only its own: an entry another update of the chat set meanwhile (none should) stays.
      if (speakingIn.get(chatId) === speaking) speakingIn.delete(chatId);
    }
  };
}

/**
 * The person's chosen language decides; inside conversations (where our actor middleware does not
 * run) it is the actor's of the update being handled, or looked up again for anyone else.
 * Indonesian is the default, whatever Telegram's client language.
 */
export function createI18n(db: Database): I18n<ConversationContext> {
  return new I18n<ConversationContext>({
    defaultLocale: DEFAULT_LOCALE,
    directory: LOCALES_DIRECTORY,
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: async (ctx) => {
      const known = (ctx as Partial<BotContext>).actor?.person?.locale;
      if (known !== undefined) return supportedLocale(known);
      const outside = ctx.chatId === undefined ? undefined : speakingIn.get(ctx.chatId);
      if (outside && ctx.from?.id === outside.telegramId) return supportedLocale(outside.locale);
      return supportedLocale(ctx.from ? await findLocale(db, ctx.from.id) : undefined);
    },
  });
}
