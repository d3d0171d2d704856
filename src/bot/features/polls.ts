import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { closePoll, listOpenPolls, pollResult, recordPollCounts, recordVote, resultTexts } from "../../domain/polls/polls.js";
import { headedRtId } from "../../domain/people/actor.js";
import { formatWhen } from "../../messages/format.js";
import { pollClose, pollNew, pollPeek, satisfactionAnswerButton, satisfactionAsk } from "../../messages/buttons/polls.js";
import { answerSatisfaction, askSatisfaction } from "../../domain/events/satisfaction.js";
import { satisfactionLine } from "../../messages/polls.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import { POLL_FORM } from "../conversations/polls.js";
import type { BotDeps } from "../deps.js";

/** The start of a question, to recognise it on a button. */
function snippet(text: string): string {
  const chars = [...text];
  return chars.length > 32 ? `${chars.slice(0, 32).join("")}…` : text;
}

/**
 * /polling: the RT's open polls (see the result so far, close now) and a new one; with none open,
 * straight to the form. Buttons come from the ketua's private chat only.
 */
export function createPollsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const inPrivate = composer.chatType("private");

  inPrivate.command("polling", async (ctx) => {
    const open = await listOpenPolls(deps.db, ctx.actor);
    if (open.length === 0) return ctx.conversation.enter(POLL_FORM);
    const locale = await ctx.i18n.getLocale();
    const keyboard = new InlineKeyboard();
    const lines = open.map((item) => {
      keyboard.text(ctx.t("button-poll-peek", { question: snippet(item.question) }), pollPeek.data({ poll: item.id })).row();
      keyboard.text(ctx.t("button-poll-close", { question: snippet(item.question) }), pollClose.data({ poll: item.id })).row();
      return ctx.t("poll-open-item", { question: item.question, when: formatWhen(item.closesAt, locale), voters: item.voters });
    });
    keyboard.text(ctx.t("button-poll-new"), pollNew.data({}));
    await ctx.reply([ctx.t("poll-open-list"), ...lines].join("\n"), { reply_markup: keyboard });
  });

  // Button presses come from private chats only (the bot's messages there).
  const presses = new Composer<BotContext>();
  inPrivate.use(presses);
  onButton(presses, pollNew, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(POLL_FORM);
  });

  onButton(presses, pollPeek, async (ctx, values) => {
    const rtId = headedRtId(ctx.actor);
    const result = rtId === null ? undefined : await pollResult(deps.db, { pollId: values.poll, rtId, withNames: (key, vars) => ctx.t(key, vars) });
    if (!result) return ctx.answerCallbackQuery({ text: ctx.t("poll-not-found"), show_alert: true });
    await ctx.answerCallbackQuery();
    for (const text of resultTexts((key, vars) => ctx.t(key, vars), result)) await ctx.reply(text);
  });

  onButton(presses, pollClose, async (ctx, values) => {
    const closed = await closePoll(deps, { pollId: values.poll, actor: ctx.actor }, deps.clock());
    await ctx.answerCallbackQuery({ text: ctx.t(closed.alreadyClosed ? "poll-already-closed" : "poll-closed") });
    if (!closed.alreadyClosed) await ctx.reply(ctx.t("poll-closed-sent"));
  });

  // Issue 17: the satisfaction question, asked from /absen's checklist and answered with one tap.
  onButton(presses, satisfactionAsk, async (ctx, values) => {
    const asked = await askSatisfaction(deps, ctx.actor, { occurrenceId: values.occurrence }, deps.clock());
    await ctx.answerCallbackQuery();
    await ctx.reply(asked.alreadyAsked ? satisfactionLine((key, vars) => ctx.t(key, vars), asked.summary) : ctx.t("satisfaction-sent", { count: asked.sent }));
  });

  onButton(presses, satisfactionAnswerButton, async (ctx, values) => {
    const answer = Number(values.answer) as 1 | 2 | 3 | 4;
    const outcome = await answerSatisfaction(deps.db, ctx.actor, { occurrenceId: values.occurrence, answer }, deps.clock());
    await ctx.answerCallbackQuery({ text: ctx.t(outcome === "recorded" ? "satisfaction-thanks" : "satisfaction-already") });
    if (outcome === "recorded") await ctx.editMessageReplyMarkup();
  });

  return composer;
}

/**
 * Telegram's poll updates carry no chat and, for `poll`, no sender: they are taken before the
 * actor is loaded (which needs a sender) and answered by nothing but the database. A vote that
 * does not count is told to the voter through the outbox by the service.
 */
export function createPollUpdatesFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("poll_answer", async (ctx) => {
    const answer = ctx.pollAnswer;
    // A vote cast as a chat (an anonymous group admin) names no person: it cannot be a member's vote.
    if (!answer.user) return;
    const outcome = await recordVote(deps, { telegramPollId: answer.poll_id, telegramUserId: answer.user.id, optionIds: answer.option_ids, updateId: ctx.update.update_id }, deps.clock());
    ctx.log?.debug({ outcome }, "poll answer");
  });
  composer.on("poll", async (ctx) => {
    await recordPollCounts(deps.db, { telegramPollId: ctx.poll.id, counts: ctx.poll.options.map((option) => option.voter_count), updateId: ctx.update.update_id });
  });
  return composer;
}
