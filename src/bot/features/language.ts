import { Composer, InlineKeyboard } from "grammy";
import { setLocale, SUPPORTED_LOCALES, type Locale } from "../../domain/people/person.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

export function createLanguageFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  feature.command("bahasa", async (ctx) => {
    const keyboard = new InlineKeyboard();
    for (const locale of SUPPORTED_LOCALES) keyboard.text(ctx.t(`language-name-${locale}`), `lang:${locale}`);
    await ctx.reply(ctx.t("language-choose"), { reply_markup: keyboard });
  });
  feature.callbackQuery(/^lang:(.+)$/, async (ctx) => {
    const locale = ctx.match[1] as Locale;
    if (!SUPPORTED_LOCALES.includes(locale)) return ctx.answerCallbackQuery();
    await setLocale(deps.db, ctx.from.id, locale);
    await ctx.i18n.useLocale(locale);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("language-set"));
  });
  return composer;
}
