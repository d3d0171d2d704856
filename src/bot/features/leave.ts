import { Composer, InlineKeyboard } from "grammy";
import { DomainError } from "../../domain/errors.js";
import { leaveRt } from "../../domain/membership/membership.js";
import { headedRtId } from "../../domain/people/actor.js";
import { findKetua } from "../../domain/roles/roles.js";
import { getRt } from "../../domain/rt/rt.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { rtVars } from "../../messages/format.js";
import { eventKey, notifyPerson } from "../notifications.js";

export function createLeaveFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  feature.command("keluar", async (ctx) => {
    // Said before asking "are you sure?", not after the ketua has confirmed.
    if (headedRtId(ctx.actor) === ctx.actor.membership!.rtId) throw new DomainError("ketua-must-hand-over");
    const place = await getRt(deps.db, ctx.actor.membership!.rtId);
    await ctx.reply(ctx.t("leave-confirm", rtVars(place)), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-leave-yes"), "keluar:ya").text(ctx.t("button-cancel"), "keluar:batal"),
    });
  });
  feature.callbackQuery("keluar:batal", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("action-cancelled"));
  });
  feature.callbackQuery("keluar:ya", async (ctx) => {
    const place = await leaveRt(deps.db, ctx.actor, deps.clock());
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("leave-done", rtVars(place)));
    const ketua = await findKetua(deps.db, place.id);
    if (ketua?.telegramId && ctx.actor.membership?.status === "active") {
      await notifyPerson(deps, ketua, eventKey("left", ctx.actor.membership.id), "leave-ketua-notice", { name: ctx.actor.person?.displayName ?? "-", ...rtVars(place) });
    }
  });
  return composer;
}
