import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { eraseOwnData } from "../../domain/people/erasure.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { erase } from "../../messages/buttons/people.js";
import { onButton } from "../buttons.js";

/** /hapusdata: the person is anonymised; RT totals that counted them stay correct. */
export function createEraseFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = new Composer<BotContext>();
  composer.chatType("private").use(feature);
  feature.command("hapusdata", async (ctx) => {
    if (!ctx.actor.person) {
      await ctx.reply(ctx.t("erase-nothing"));
      return;
    }
    await ctx.reply(ctx.t("erase-confirm"), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-erase-yes"), erase.data({ choice: "yes" })).row().text(ctx.t("button-cancel"), erase.data({ choice: "cancel" })),
    });
  });
  onButton(feature, erase, async (ctx, { choice }) => {
    if (choice === "cancel") {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("action-cancelled"));
      return;
    }
    const person = ctx.actor.person;
    await ctx.answerCallbackQuery();
    if (!person) {
      // Already erased (a double tap): the first tap did the work.
      await ctx.editMessageText(ctx.t("erase-done"));
      return;
    }
    // A form under way (the button can come from an earlier message) must not go on to store
    // data again after the erasure, without consent.
    await ctx.conversation.exitAll();
    await eraseOwnData(deps, { personId: person.id, chatId: ctx.chat!.id });
    await ctx.editMessageText(ctx.t("erase-done"));
  });
  return composer;
}

