import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { setLocale, SUPPORTED_LOCALES } from "../../domain/people/person.js";
import { language } from "../../messages/buttons/people.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

export function createLanguageFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  feature.command("bahasa", async (ctx) => {
    const keyboard = new InlineKeyboard();
    for (const locale of SUPPORTED_LOCALES) keyboard.text(ctx.t(`language-name-${locale}`), language.data({ locale }));
    await ctx.reply(ctx.t("language-choose"), { reply_markup: keyboard });
  });
  onButton(composer, language, async (ctx, { locale }) => {
    await setLocale(deps.db, ctx.from!.id, locale, deps.clock());
    await ctx.i18n.useLocale(locale);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("language-set"));
  });
  return composer;
}
