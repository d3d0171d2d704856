import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { DomainError } from "../../domain/errors.js";
import { leaveRt } from "../../domain/membership/membership.js";
import { getRt } from "../../domain/rt/rt.js";
import { leave } from "../../messages/buttons/people.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { rtVars } from "../../messages/format.js";

export function createLeaveFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = new Composer<BotContext>();
  composer.chatType("private").use(feature);
  feature.command("keluar", async (ctx) => {
    if (ctx.actor.membership!.status === "pending") {
      const waiting = ctx.actor.membership!;
      await ctx.reply(ctx.t("leave-pending-confirm", rtVars(await getRt(deps.db, waiting.rtId))), {
        reply_markup: new InlineKeyboard().text(ctx.t("button-withdraw-yes"), leave.data({ choice: "withdraw", membership: waiting.id })).text(ctx.t("button-cancel"), leave.data({ choice: "cancel", membership: waiting.id })),
      });
      return;
    }
    // Said before asking "are you sure?", not after the ketua has confirmed.
    // Their own ketua grant (not one held acting for another RT, which comes first in headedRtId).
    const rtId = ctx.actor.membership!.rtId;
    if (ctx.actor.grants.some((grant) => grant.role === "ketua_rt" && !grant.acting && grant.rtId === rtId)) throw new DomainError("ketua-must-hand-over");
    const place = await getRt(deps.db, ctx.actor.membership!.rtId);
    await ctx.reply(ctx.t("leave-confirm", rtVars(place)), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-leave-yes"), leave.data({ choice: "yes", membership: ctx.actor.membership!.id })).text(ctx.t("button-cancel"), leave.data({ choice: "cancel", membership: ctx.actor.membership!.id })),
    });
  });
  onButton(feature, leave, async (ctx, { choice, membership: membershipId }) => {
    if (choice === "cancel") {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("action-cancelled"));
      return;
    }
    // The ketua's notice (or, for a request withdrawn, the approvers' cards) is queued by the
    // service, with the leaving itself.
    const withdraw = choice === "withdraw";
    const place = await leaveRt(deps, ctx.actor, { status: withdraw ? "pending" : "active", membershipId });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t(withdraw ? "leave-pending-done" : "leave-done", rtVars(place)));
  });
  return composer;
}
