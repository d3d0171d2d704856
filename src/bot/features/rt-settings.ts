import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { headedRtId } from "../../domain/people/actor.js";
import { parseWholeNumber } from "../../domain/people/text-input.js";
import { applyHouseholdCount, getRt, resetInviteCode } from "../../domain/rt/rt.js";
import type { BotContext } from "../context.js";
import { HOUSEHOLD_COUNT, HOUSEHOLD_COUNT_MAX } from "../conversations/staff.js";
import type { BotDeps } from "../deps.js";
import { deepLink, rtVars } from "../../messages/format.js";
import { inviteReset } from "../../messages/buttons/people.js";
import { onButton } from "../buttons.js";

/** Ketua RT: the RT's KK count and its member invite link. */
export function createRtSettingsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = new Composer<BotContext>();
  composer.chatType("private").use(feature);

  feature.command("jumlahkk", async (ctx) => {
    const text = ctx.match.trim();
    if (!text) {
      await ctx.conversation.enter(HOUSEHOLD_COUNT);
      return;
    }
    const parsed = parseWholeNumber(text, 0, HOUSEHOLD_COUNT_MAX);
    if (!parsed.ok) {
      await ctx.reply(`${ctx.t(`input-${parsed.reason}`, parsed.vars ?? {})}\n${ctx.t("kk-example")}`);
      return;
    }
    const place = await applyHouseholdCount(deps, ctx.actor, parsed.value);
    await ctx.reply(ctx.t("kk-set", { ...rtVars(place), count: parsed.value }));
  });

  const inviteMessage = (ctx: BotContext, place: Awaited<ReturnType<typeof getRt>>) => ({
    text: ctx.t("invite-link", { ...rtVars(place), link: deepLink(ctx.me.username, place.inviteCode) }),
    keyboard: new InlineKeyboard().text(ctx.t("button-invite-reset"), inviteReset.data({})),
  });

  feature.command("undangan", async (ctx) => {
    const { text, keyboard } = inviteMessage(ctx, await getRt(deps.db, headedRtId(ctx.actor)!));
    await ctx.reply(text, { reply_markup: keyboard, link_preview_options: { is_disabled: true } });
  });

  onButton(feature, inviteReset, async (ctx) => {
    const rtId = headedRtId(ctx.actor)!;
    await resetInviteCode(deps.db, rtId);
    const { text } = inviteMessage(ctx, await getRt(deps.db, rtId));
    await ctx.answerCallbackQuery({ text: ctx.t("invite-reset-done") });
    await ctx.editMessageText(text, { link_preview_options: { is_disabled: true } });
  });

  return composer;
}
