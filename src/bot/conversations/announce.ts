import { InlineKeyboard } from "grammy";
import type { MessageEntity } from "grammy/types";
import {
  ANNOUNCEMENT_MAX_LENGTH,
  audiencesFor,
  listScheduledBroadcasts,
  resolveRecipients,
  senderOf,
  setProgressMessage,
  startBroadcast,
  type Audience,
  type BroadcastSender,
} from "../../domain/broadcast/broadcast.js";
import { announcementCopy, captionRoom } from "../../messages/announcement.js";
import { askWhen } from "./events.js";
import { headedRtId } from "../../domain/people/actor.js";
import { isAdmin } from "../../domain/people/actor.js";
import { getRt } from "../../domain/rt/rt.js";
import { looksBlank } from "../../domain/text-limits.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { formatWhen, rtVars } from "../../messages/format.js";
import { holdRight } from "./form-right.js";
import { explain, formKey, nextAnswer, runOnce, waitForChoice, type Convo } from "./prompts.js";
import { answer } from "../../messages/buttons/common.js";
import { announceAudience, announceChannel, announcePin, announceWhen, broadcastStop } from "../../messages/buttons/broadcast.js";

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

type Content = { text: string; entities: MessageEntity[] | null; photoFileId: string | null };

/**
 * Waits for the announcement itself: a text, or a photo (a poster) with or without a caption.
 * Its Telegram formatting (bold, links…) is kept as entities. A poster's caption has less room:
 * Telegram's 1,024 characters, less the sender line.
 */
async function askContent(conversation: Convo, ctx: ConversationContext, captionMax: number): Promise<Content> {
  await ctx.reply(ctx.t("announce-ask-text", { max: ANNOUNCEMENT_MAX_LENGTH, captionMax }));
  for (;;) {
    const answer = await nextAnswer(conversation);
    // A button of another message (the stop or cancel button of an earlier announcement) is handled by its own handler.
    if (answer.callbackQuery) return conversation.skip({ next: true });
    const message = answer.message;
    const photo = message?.photo?.at(-1);
    if (photo) {
      // A caption of invisible characters alone is no caption.
      const caption = message?.caption ?? "";
      if (looksBlank(caption)) return { text: "", entities: null, photoFileId: photo.file_id };
      if (caption.length > captionMax) {
        await answer.reply(answer.t("announce-caption-too-long", { max: captionMax }));
        continue;
      }
      return { text: caption, entities: message?.caption_entities ?? null, photoFileId: photo.file_id };
    }
    const text = message?.text;
    if (text === undefined) {
      // A document (even an image sent as a file), a sticker, a voice note: not a poster.
      await answer.reply(answer.t(message?.document ? "announce-photo-not-file" : "announce-text-only"));
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
    return { text, entities: message?.entities ?? null, photoFileId: null };
  }
}

/** The sender's announcements still waiting for their time, each with its cancel button. */
async function showScheduled(ctx: ConversationContext, scheduled: { id: number; sendAt: number; text: string; photo: boolean }[]): Promise<void> {
  if (scheduled.length === 0) return;
  const locale = await ctx.i18n.getLocale();
  const keyboard = new InlineKeyboard();
  const lines = scheduled.map((item) => {
    const when = formatWhen(new Date(item.sendAt), locale);
    keyboard.text(ctx.t("button-broadcast-cancel-scheduled", { when }), broadcastStop.data({ broadcast: item.id })).row();
    return ctx.t("announce-scheduled-item", { when, text: snippet(item.text, item.photo ? ctx.t("announce-poster") : "") });
  });
  await ctx.reply(`${ctx.t("announce-scheduled-list")}\n${lines.join("\n")}`, { reply_markup: keyboard });
}

/** The start of an announcement, to recognise it in a list. */
function snippet(text: string, poster: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const short = [...flat].length > 40 ? `${[...flat].slice(0, 40).join("")}…` : flat;
  return [poster, short].filter(Boolean).join(" ");
}

/** The preview: the announcement as a recipient who reads this language gets it, sender line and all. */
async function showPreview(ctx: ConversationContext, sender: BroadcastSender, content: Content): Promise<void> {
  await ctx.reply(ctx.t("announce-preview-title"));
  const copy = announcementCopy((key, vars) => ctx.t(key, vars), { sender, ...content });
  if (copy.method === "sendPhoto") {
    const { photo, ...rest } = copy.payload;
    await ctx.replyWithPhoto(photo as string, rest as Record<string, never>);
  } else {
    const { text, ...rest } = copy.payload;
    await ctx.reply(text as string, rest as Record<string, never>);
  }
}

/** /umumkan: (scheduled ones) → audience → (group options) → text or poster → preview → now or at a time → confirm → progress message. */
export function createAnnounceConversation(deps: BotDeps) {
  return async function announce(conversation: Convo, ctx: ConversationContext): Promise<void> {
    // The form's key, made once: a repeated or redelivered "Kirim" starts one broadcast.
    const requestKey = await formKey(conversation, "announce");
    const setting = await conversation.external(async (outside) => {
      const rtId = headedRtId(outside.actor);
      const place = rtId === null ? null : await getRt(deps.db, rtId);
      const scheduled = outside.actor.person ? await listScheduledBroadcasts(deps.db, outside.actor.person.id) : [];
      return {
        audiences: audiencesFor(outside.actor),
        city: isAdmin(outside.actor),
        place,
        hasGroup: place?.groupChatId != null,
        scheduled: scheduled.map((item) => ({ ...item, sendAt: item.sendAt.getTime() })),
      };
    });
    await showScheduled(ctx, setting.scheduled);
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

    const { sender, captionMax } = await conversation.external(async (outside) => {
      const sender = await senderOf(deps.db, outside.actor, audience);
      return { sender, captionMax: captionRoom(deps.i18n, sender) };
    });
    const content = await askContent(conversation, ctx, captionMax);
    const recipients = await conversation.external(async (outside) => {
      const all = channels.toPrivate ? await resolveRecipients(deps.db, outside.actor, audience) : [];
      return { total: all.length, muted: all.filter((r) => r.muted).length };
    });

    await showPreview(ctx, sender, content);
    const where = [
      channels.toPrivate ? ctx.t("announce-summary-private", { count: recipients.total - recipients.muted, muted: recipients.muted }) : null,
      channels.toGroup && setting.place ? ctx.t(channels.pinInGroup ? "announce-summary-group-pinned" : "announce-summary-group", rtVars(setting.place)) : null,
    ].filter(Boolean);
    const now = announceWhen.data({ when: "now" });
    const later = announceWhen.data({ when: "later" });
    await ctx.reply(`${ctx.t("announce-confirm")}\n${where.join("\n")}`, {
      reply_markup: new InlineKeyboard().text(ctx.t("button-broadcast-send"), now).row().text(ctx.t("button-broadcast-schedule"), later).row().text(ctx.t("button-cancel"), CANCEL),
    });
    const chosen = await waitForChoice(conversation, [now, later, CANCEL]);
    await chosen.ctx.editMessageReplyMarkup();
    if (chosen.data === CANCEL) return void (await chosen.ctx.reply(chosen.ctx.t("action-cancelled")));
    let press = chosen.ctx;
    let sendAt: Date | null = null;
    const locale = await ctx.i18n.getLocale();
    if (chosen.data === later) {
      // Past times and times over a year ahead are refused by the parser, and asked again.
      sendAt = await askWhen(conversation, ctx, deps, ctx.t("announce-ask-when"));
      await ctx.reply(`${ctx.t("announce-confirm-scheduled", { when: formatWhen(sendAt, locale) })}\n${where.join("\n")}`, {
        reply_markup: new InlineKeyboard().text(ctx.t("button-broadcast-schedule-confirm"), SEND).text(ctx.t("button-cancel"), CANCEL),
      });
      const confirmed = await waitForChoice(conversation, [SEND, CANCEL]);
      await confirmed.ctx.editMessageReplyMarkup();
      if (confirmed.data === CANCEL) return void (await confirmed.ctx.reply(confirmed.ctx.t("action-cancelled")));
      press = confirmed.ctx;
    }

    const started = await runOnce(conversation, (outside) =>
      startBroadcast(deps, outside.actor, { audience, ...content, ...channels, sendAt }, requestKey, deps.clock()),
    );
    if (!started.ok) return explain(ctx, started);
    const id = started.value.id;
    // A scheduled one's message names its time and can cancel it; when it goes, it becomes the progress message.
    const progress = started.value.scheduled
      ? await press.reply(`${press.t("announce-scheduled", { when: formatWhen(sendAt!, locale) })}\n${where.join("\n")}`, {
        reply_markup: new InlineKeyboard().text(press.t("button-broadcast-cancel-scheduled", { when: formatWhen(sendAt!, locale) }), broadcastStop.data({ broadcast: id })),
      })
      : await press.reply(press.t("broadcast-progress", { sent: "0", total: String(started.value.recipients + (started.value.group ? 1 : 0)), failed: "0", blocked: "0" }), {
        reply_markup: new InlineKeyboard().text(press.t("button-broadcast-stop"), broadcastStop.data({ broadcast: id })),
      });
    await runOnce(conversation, async () => {
      await setProgressMessage(deps.db, { broadcastId: id, chatId: progress.chat.id, messageId: progress.message_id });
      deps.wakeDelivery();
    });
  };
}
