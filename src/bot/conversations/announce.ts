import { InlineKeyboard } from "grammy";
import type { MessageEntity } from "grammy/types";
import {
  ANNOUNCEMENT_MAX_LENGTH,
  audiencesFor,
  resolveRecipients,
  setProgressMessage,
  startBroadcast,
  type Audience,
} from "../../domain/broadcast/broadcast.js";
import { headedRtId } from "../../domain/people/actor.js";
import { isAdmin } from "../../domain/people/actor.js";
import { getRt } from "../../domain/rt/rt.js";
import { looksBlank } from "../../domain/text-limits.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { rtVars } from "../../messages/format.js";
import { holdRight } from "./form-right.js";
import { explain, formKey, nextAnswer, runOnce, waitForChoice, type Convo } from "./prompts.js";
import { answer } from "../../messages/buttons/common.js";
import { announceAudience, announceChannel, announcePin, broadcastStop } from "../../messages/buttons/broadcast.js";

export const ANNOUNCE = "announce";
const SEND = answer.data({ form: ANNOUNCE, choice: "yes" });
const CANCEL = answer.data({ form: ANNOUNCE, choice: "cancel" });

type Channels = { toPrivate: boolean; toGroup: boolean; pinInGroup: boolean };

/** For an admin the area is the whole city, and the buttons say so. */
export function audienceLabelKey(audience: Audience, city: boolean): string {
  return `announce-audience-${audience}${city && audience !== "rt-members" ? "-city" : ""}`;
}

async function chooseAudience(conversation: Convo, ctx: ConversationContext, audiences: Audience[], city: boolean): Promise<Audience | null> {
  if (audiences.length === 1) return audiences[0]!;
  const keyboard = new InlineKeyboard();
  for (const audience of audiences) keyboard.text(ctx.t(audienceLabelKey(audience, city)), announceAudience.data({ audience })).row();
  keyboard.text(ctx.t("button-cancel"), CANCEL);
  await ctx.reply(ctx.t("announce-choose-audience"), { reply_markup: keyboard });
  const { data, ctx: press } = await waitForChoice(conversation, [...audiences.map((audience) => announceAudience.data({ audience })), CANCEL]);
  await press.editMessageReplyMarkup();
  return announceAudience.read(data)?.audience ?? null;
}

/** A ketua whose RT has a linked group chooses where the announcement goes, and whether to pin it. */
async function chooseChannels(conversation: Convo, ctx: ConversationContext): Promise<Channels | null> {
  await ctx.reply(ctx.t("announce-choose-channel"), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("button-channel-private"), announceChannel.data({ channel: "private" })).row()
      .text(ctx.t("button-channel-group"), announceChannel.data({ channel: "group" })).row()
      .text(ctx.t("button-channel-both"), announceChannel.data({ channel: "both" })).row()
      .text(ctx.t("button-cancel"), CANCEL),
  });
  const channels = (["private", "group", "both"] as const).map((channel) => announceChannel.data({ channel }));
  const { data, ctx: press } = await waitForChoice(conversation, [...channels, CANCEL]);
  await press.editMessageReplyMarkup();
  const channel = announceChannel.read(data)?.channel;
  if (!channel) return null;
  const toGroup = channel !== "private";
  let pinInGroup = false;
  if (toGroup) {
    await ctx.reply(ctx.t("announce-ask-pin"), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-pin-yes"), announcePin.data({ pin: true })).text(ctx.t("button-pin-no"), announcePin.data({ pin: false })),
    });
    const pin = await waitForChoice(conversation, [announcePin.data({ pin: true }), announcePin.data({ pin: false })]);
    await pin.ctx.editMessageReplyMarkup();
    pinInGroup = announcePin.read(pin.data)?.pin === true;
  }
  return { toPrivate: channel !== "group", toGroup, pinInGroup };
}

/** Waits for the announcement itself; its Telegram formatting (bold, links…) is kept as entities. */
async function askText(conversation: Convo, ctx: ConversationContext): Promise<{ text: string; entities: MessageEntity[] | null }> {
  await ctx.reply(ctx.t("announce-ask-text", { max: ANNOUNCEMENT_MAX_LENGTH }));
  for (;;) {
    const answer = await nextAnswer(conversation);
    if (answer.callbackQuery) {
      await answer.answerCallbackQuery();
      continue;
    }
    const text = answer.message?.text;
    if (text === undefined) {
      await answer.reply(answer.t("announce-text-only"));
      continue;
    }
    // Zero-width characters alone look like nothing, and would go out as an empty-looking message.
    if (looksBlank(text)) {
      await answer.reply(answer.t("input-empty"));
      continue;
    }
    if (text.length > ANNOUNCEMENT_MAX_LENGTH) {
      await answer.reply(answer.t("input-too-long", { max: ANNOUNCEMENT_MAX_LENGTH }));
      continue;
    }
    return { text, entities: answer.message?.entities ?? null };
  }
}

/** /umumkan: audience → (group options) → text → preview → confirm → progress message. */
export function createAnnounceConversation(deps: BotDeps) {
  return async function announce(conversation: Convo, ctx: ConversationContext): Promise<void> {
    // The form's key, made once: a repeated or redelivered "Kirim" starts one broadcast.
    const requestKey = await formKey(conversation, "announce");
    const setting = await conversation.external(async (outside) => {
      const rtId = headedRtId(outside.actor);
      const place = rtId === null ? null : await getRt(deps.db, rtId);
      return { audiences: audiencesFor(outside.actor), city: isAdmin(outside.actor), place, hasGroup: place?.groupChatId != null };
    });
    const audience = await chooseAudience(conversation, ctx, setting.audiences, setting.city);
    if (!audience) return void (await ctx.reply(ctx.t("action-cancelled")));
    // The announcement goes on only while the person may still send to this audience (and, to an
    // RT's residents, still heads the RT whose group the form offers).
    const rtId = setting.place?.id ?? null;
    await holdRight(conversation, ctx, (actor) => audiencesFor(actor).includes(audience) && (audience !== "rt-members" || headedRtId(actor) === rtId));
    const channels = audience === "rt-members" && setting.hasGroup
      ? await chooseChannels(conversation, ctx)
      : { toPrivate: true, toGroup: false, pinInGroup: false };
    if (!channels) return void (await ctx.reply(ctx.t("action-cancelled")));

    const { text, entities } = await askText(conversation, ctx);
    const recipients = await conversation.external(async (outside) => {
      const all = channels.toPrivate ? await resolveRecipients(deps.db, outside.actor, audience) : [];
      return { total: all.length, muted: all.filter((r) => r.muted).length };
    });

    await ctx.reply(ctx.t("announce-preview-title"));
    await ctx.reply(text, entities ? { entities } : {});
    const where = [
      channels.toPrivate ? ctx.t("announce-summary-private", { count: recipients.total - recipients.muted, muted: recipients.muted }) : null,
      channels.toGroup && setting.place ? ctx.t(channels.pinInGroup ? "announce-summary-group-pinned" : "announce-summary-group", rtVars(setting.place)) : null,
    ].filter(Boolean);
    await ctx.reply(`${ctx.t("announce-confirm")}\n${where.join("\n")}`, {
      reply_markup: new InlineKeyboard().text(ctx.t("button-broadcast-send"), SEND).text(ctx.t("button-cancel"), CANCEL),
    });
    const { data, ctx: press } = await waitForChoice(conversation, [SEND, CANCEL]);
    await press.editMessageReplyMarkup();
    if (data === CANCEL) return void (await press.reply(press.t("action-cancelled")));

    const started = await runOnce(conversation, (outside) =>
      startBroadcast(deps.db, outside.actor, { audience, text, entities, ...channels }, requestKey, deps.clock()),
    );
    if (!started.ok) return explain(ctx, started);
    const progress = await press.reply(press.t("broadcast-progress", { sent: "0", total: String(started.value.recipients + (started.value.group ? 1 : 0)), failed: "0", blocked: "0" }), {
      reply_markup: new InlineKeyboard().text(press.t("button-broadcast-stop"), broadcastStop.data({ broadcast: started.value.id })),
    });
    await runOnce(conversation, async () => {
      await setProgressMessage(deps.db, { broadcastId: started.value.id, chatId: progress.chat.id, messageId: progress.message_id });
      deps.wakeDelivery();
    });
  };
}
