import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { roleNames } from "../../domain/people/actor.js";
import { memberCode } from "../../domain/people/member-code.js";
import { setGreeting } from "../../domain/people/person.js";
import { getRt } from "../../domain/rt/rt.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { onButton } from "../buttons.js";
import { addressName, GREETINGS } from "../../messages/address.js";
import { greetingSet } from "../../messages/buttons/people.js";
import { formatWib, rtVars } from "../../messages/format.js";
import type { Translate } from "../../messages/translate.js";

/** The four ways to be addressed, each shown as it would read ("Bu Siti"); the current one ticked. */
function greetingKeyboard(t: Translate, name: string, current: string | null | undefined): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const [index, greeting] of GREETINGS.entries()) {
    const label = greeting === "name" ? t("button-greeting-name", { name }) : addressName(t, { greeting, name });
    keyboard.text(`${greeting === current ? "✅ " : ""}${label}`, greetingSet.data({ choice: greeting }));
    if (index % 2 === 1) keyboard.row();
  }
  return keyboard;
}

export function createProfileFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = new Composer<BotContext>();
  composer.chatType("private").use(feature);
  feature.command("profil", async (ctx) => {
    const { person, membership } = ctx.actor;
    if (!person?.consentedAt && ctx.actor.grants.length === 0) {
      await ctx.reply(ctx.t("profile-none"));
      return;
    }
    const locale = await ctx.i18n.getLocale();
    const place = membership ? await getRt(deps.db, membership.rtId) : null;
    const roles = [...roleNames(ctx.actor)].map((role) => ctx.t(`role-${role}`)).join(", ");
    const name = person?.displayName ?? ctx.from!.first_name;
    const text = ctx.t("profile", {
      name,
      addressed: addressName(ctx.t, { greeting: person?.greeting ?? null, name }),
      place: place ? ctx.t("profile-place", rtVars(place)) : ctx.t("profile-no-place"),
      status: membership ? ctx.t(`membership-status-${membership.status}`) : "-",
      household: membership?.householdLabel ?? "-",
      // Shown to the bank-sampah petugas, who finds the resident by it.
      code: person ? memberCode(person.id) : "-",
      roles: roles || "-",
      language: ctx.t(`language-name-${locale}`),
      consent: person?.consentedAt ? formatWib(person.consentedAt, locale) : "-",
    });
    // Only someone the bot stores (a person row with a name) can choose how to be addressed.
    if (!person?.displayName) return void (await ctx.reply(text));
    await ctx.reply(`${text}\n\n${ctx.t("profile-greeting-hint")}`, { reply_markup: greetingKeyboard(ctx.t, person.displayName, person.greeting) });
  });
  onButton(feature, greetingSet, async (ctx, { choice }) => {
    const person = ctx.actor.person;
    if (!person?.displayName) {
      await ctx.answerCallbackQuery({ text: ctx.t("profile-none"), show_alert: true });
      return;
    }
    await setGreeting(deps.db, person.id, choice);
    const addressed = addressName(ctx.t, { greeting: choice, name: person.displayName });
    await ctx.answerCallbackQuery({ text: ctx.t("greeting-set", { name: addressed }) });
    await ctx.editMessageReplyMarkup({ reply_markup: greetingKeyboard(ctx.t, person.displayName, choice) });
    await ctx.reply(ctx.t("greeting-set", { name: addressed }));
  });
  return composer;
}
