import { Composer } from "grammy";
import { roleNames } from "../../domain/people/actor.js";
import { memberCode } from "../../domain/people/member-code.js";
import { getRt } from "../../domain/rt/rt.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { formatWib, rtVars } from "../../messages/format.js";

export function createProfileFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  feature.command("profil", async (ctx) => {
    const { person, membership } = ctx.actor;
    if (!person?.consentedAt && ctx.actor.grants.length === 0) {
      await ctx.reply(ctx.t("profile-none"));
      return;
    }
    const locale = await ctx.i18n.getLocale();
    const place = membership ? await getRt(deps.db, membership.rtId) : null;
    const roles = [...roleNames(ctx.actor)].map((role) => ctx.t(`role-${role}`)).join(", ");
    await ctx.reply(
      ctx.t("profile", {
        name: person?.displayName ?? ctx.from.first_name,
        place: place ? ctx.t("profile-place", rtVars(place)) : ctx.t("profile-no-place"),
        status: membership ? ctx.t(`membership-status-${membership.status}`) : "-",
        household: membership?.householdLabel ?? "-",
        // Shown to the bank-sampah petugas, who finds the resident by it.
        code: person ? memberCode(person.id) : "-",
        roles: roles || "-",
        language: ctx.t(`language-name-${locale}`),
        consent: person?.consentedAt ? formatWib(person.consentedAt, locale) : "-",
      }),
    );
  });
  return composer;
}
