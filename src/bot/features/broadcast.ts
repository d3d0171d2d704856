import { Composer } from "../composer.js";
import { broadcastProgress, stopBroadcast, toggleAnnouncementsMuted } from "../../domain/broadcast/broadcast.js";
import { linkGroup, unlinkGroup } from "../../domain/rt/group.js";
import { progressVars } from "../../delivery/broadcast-monitor.js";
import type { BotContext } from "../context.js";
import { ANNOUNCE } from "../conversations/announce.js";
import type { BotDeps } from "../deps.js";
import { rtVars } from "../../messages/format.js";
import { onButton } from "../buttons.js";
import { broadcastStop } from "../../messages/buttons/broadcast.js";

/** Group members whose word is the group's own (Telegram's answer to getChatMember). */
const GROUP_ADMINS = new Set(["creator", "administrator"]);

/** /umumkan and its stop button, /senyap for residents, /hubungkan and /lepasgrup in an RT's group. */
export function createBroadcastFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const inPrivate = composer.chatType("private");
  const inGroups = composer.chatType(["group", "supergroup"]);

  inPrivate.command("umumkan", (ctx) => ctx.conversation.enter(ANNOUNCE));

  // Button presses come from private chats only (the bot's messages there).
  const presses = new Composer<BotContext>();
  inPrivate.use(presses);
  onButton(presses, broadcastStop, async (ctx, values) => {
    const id = values.broadcast;
    const stopped = await stopBroadcast(deps.db, ctx.actor, id, deps.clock());
    if (stopped === "cancelled") {
      // Nothing went out. Its button goes (a list keeps the others' buttons), and the chat says so.
      await ctx.answerCallbackQuery();
      const rows = ctx.callbackQuery?.message?.reply_markup?.inline_keyboard ?? [];
      const kept = rows.map((row) => row.filter((button) => !("callback_data" in button) || button.callback_data !== ctx.callbackQuery?.data)).filter((row) => row.length > 0);
      await ctx.editMessageReplyMarkup(kept.length > 0 ? { reply_markup: { inline_keyboard: kept } } : undefined);
      await ctx.reply(ctx.t("broadcast-scheduled-cancelled"));
      return;
    }
    await ctx.answerCallbackQuery({ text: ctx.t(stopped ? "broadcast-stopped" : "broadcast-already-finished") });
    const progress = await broadcastProgress(deps.db, id);
    if (stopped && progress) {
      await ctx.editMessageText(ctx.t("broadcast-progress-stopped", progressVars(progress)));
      await ctx.reply(ctx.t("broadcast-report-stopped", progressVars(progress)));
    }
  });

  inPrivate.command("senyap", async (ctx) => {
    const muted = await toggleAnnouncementsMuted(deps.db, ctx.actor.person!.id, deps.clock());
    await ctx.reply(ctx.t(muted ? "mute-on" : "mute-off"));
  });

  inGroups.command("hubungkan", async (ctx) => {
    // Telegram decides who administers the group; the service decides the rest.
    const member = await ctx.getChatMember(ctx.from.id);
    const linked = await linkGroup(deps, ctx.actor, { groupChatId: ctx.chat.id, senderIsGroupAdmin: GROUP_ADMINS.has(member.status) });
    await ctx.reply(ctx.t("group-linked", rtVars(linked)));
  });

  inGroups.command("lepasgrup", async (ctx) => {
    const unlinked = await unlinkGroup(deps, ctx.actor, { groupChatId: ctx.chat.id });
    await ctx.reply(ctx.t("group-unlinked", rtVars(unlinked)));
  });

  // Added to a group: say how to link it, once.
  composer.on("my_chat_member", async (ctx) => {
    const chat = ctx.myChatMember.chat;
    const joined = ["member", "administrator"].includes(ctx.myChatMember.new_chat_member.status) && ["left", "kicked"].includes(ctx.myChatMember.old_chat_member.status);
    if (joined && (chat.type === "group" || chat.type === "supergroup")) await ctx.reply(ctx.t("group-added"));
  });

  return composer;
}
