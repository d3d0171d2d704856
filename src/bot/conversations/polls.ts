import { InlineKeyboard } from "grammy";
import { headedRtId } from "../../domain/people/actor.js";
import { parsePollOptions, parsePollQuestion, POLL_OPTION_MAX, POLL_OPTIONS_MAX, POLL_OPTIONS_MIN, POLL_QUESTION_MAX } from "../../domain/polls/input.js";
import { draftRefusal, pollAudience, POLL_DEFAULT_DAYS, startPoll, type PollDurationDays, type PollTarget } from "../../domain/polls/polls.js";
import { formatWhen } from "../../messages/format.js";
import { answer } from "../../messages/buttons/common.js";
import { pollAnonymous, pollDays, pollHousehold, pollWhere } from "../../messages/buttons/polls.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { holdRight } from "./form-right.js";
import { askText, explain, formKey, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const POLL_FORM = "poll";
const SEND = answer.data({ form: POLL_FORM, choice: "yes" });
const CANCEL = answer.data({ form: POLL_FORM, choice: "cancel" });

async function chooseFlag(conversation: Convo, ctx: ConversationContext, prompt: string, family: typeof pollAnonymous | typeof pollHousehold, labels: { yes: string; no: string }): Promise<boolean | null> {
  const write = (value: boolean) => (family === pollAnonymous ? pollAnonymous.data({ anonymous: value }) : pollHousehold.data({ household: value }));
  await ctx.reply(prompt, {
    reply_markup: new InlineKeyboard().text(labels.yes, write(true)).row().text(labels.no, write(false)).row().text(ctx.t("button-cancel"), CANCEL),
  });
  const { data, ctx: press } = await waitForChoice(conversation, [write(true), write(false), CANCEL]);
  await press.editMessageReplyMarkup();
  if (data === CANCEL) return null;
  return data === write(true);
}

/**
 * /polling's form: question → options (one per line) → where (the RT's group, if linked, or each
 * member) → names or anonymous → one vote per household → how long → summary → Kirim. The ketua's
 * right over the RT is checked at every step; "Kirim" asks once (the form's key).
 */
export function createPollConversation(deps: BotDeps) {
  return async function pollForm(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const requestKey = await formKey(conversation, "poll");
    const setting = await conversation.external(async (outside) => {
      const rtId = headedRtId(outside.actor);
      return { rtId, audience: rtId === null ? null : await pollAudience(deps.db, outside.actor) };
    });
    if (setting.rtId === null || setting.audience === null) return void (await ctx.reply(ctx.t("error-not-allowed")));
    const rtId = setting.rtId;
    await holdRight(conversation, ctx, (actor) => headedRtId(actor) === rtId);

    const question = await askText(conversation, ctx, ctx.t("poll-ask-question", { max: POLL_QUESTION_MAX }), parsePollQuestion);
    const options = await askText(conversation, ctx, ctx.t("poll-ask-options", { min: POLL_OPTIONS_MIN, max: POLL_OPTIONS_MAX, length: POLL_OPTION_MAX }), parsePollOptions);

    let target: PollTarget = "private";
    if (setting.audience.hasGroup) {
      await ctx.reply(ctx.t("poll-ask-where", { count: setting.audience.reached }), {
        reply_markup: new InlineKeyboard()
          .text(ctx.t("button-poll-group"), pollWhere.data({ target: "group" })).row()
          .text(ctx.t("button-poll-private"), pollWhere.data({ target: "private" })).row()
          .text(ctx.t("button-cancel"), CANCEL),
      });
      const where = await waitForChoice(conversation, [pollWhere.data({ target: "group" }), pollWhere.data({ target: "private" }), CANCEL]);
      await where.ctx.editMessageReplyMarkup();
      if (where.data === CANCEL) return void (await where.ctx.reply(where.ctx.t("action-cancelled")));
      target = pollWhere.read(where.data)!.target;
    }

    const anonymous = await chooseFlag(conversation, ctx, ctx.t(target === "group" ? "poll-ask-anonymous-group" : "poll-ask-anonymous"), pollAnonymous, {
      yes: ctx.t("button-poll-anonymous"), no: ctx.t("button-poll-named"),
    });
    if (anonymous === null) return void (await ctx.reply(ctx.t("action-cancelled")));

    let onePerHousehold = false;
    if (draftRefusal({ target, anonymous, onePerHousehold: true }) !== null) {
      // Telegram's anonymous group poll hides its voters from the bot too: no household can be told apart.
      await ctx.reply(ctx.t("poll-household-impossible"));
    } else {
      const household = await chooseFlag(conversation, ctx, ctx.t("poll-ask-household"), pollHousehold, { yes: ctx.t("button-poll-household"), no: ctx.t("button-poll-per-person") });
      if (household === null) return void (await ctx.reply(ctx.t("action-cancelled")));
      onePerHousehold = household;
    }

    const dayChoices = (["1", "3", "7"] as const).map((days) => pollDays.data({ days }));
    await ctx.reply(ctx.t("poll-ask-days", { days: POLL_DEFAULT_DAYS }), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("button-poll-days", { days: 1 }), dayChoices[0]!)
        .text(ctx.t("button-poll-days-default", { days: 3 }), dayChoices[1]!)
        .text(ctx.t("button-poll-days", { days: 7 }), dayChoices[2]!).row()
        .text(ctx.t("button-cancel"), CANCEL),
    });
    const chosenDays = await waitForChoice(conversation, [...dayChoices, CANCEL]);
    await chosenDays.ctx.editMessageReplyMarkup();
    if (chosenDays.data === CANCEL) return void (await chosenDays.ctx.reply(chosenDays.ctx.t("action-cancelled")));
    const days = Number(pollDays.read(chosenDays.data)!.days) as PollDurationDays;

    const locale = await ctx.i18n.getLocale();
    const closesAt = await conversation.external(() => new Date(deps.clock().getTime() + days * 24 * 60 * 60 * 1000).getTime());
    const summary = [
      ctx.t("poll-summary", { question, when: formatWhen(new Date(closesAt), locale) }),
      ...options.map((option, index) => ctx.t("poll-summary-option", { number: index + 1, option })),
      ctx.t(target === "group" ? "poll-summary-group" : "poll-summary-private", { count: setting.audience.reached, muted: setting.audience.muted }),
      ctx.t(anonymous ? "poll-summary-anonymous" : target === "group" ? "poll-summary-named-group" : "poll-summary-named"),
      ctx.t(onePerHousehold ? "poll-summary-household" : "poll-summary-per-person"),
    ].join("\n");
    await ctx.reply(summary, { reply_markup: new InlineKeyboard().text(ctx.t("button-poll-send"), SEND).text(ctx.t("button-cancel"), CANCEL) });
    const confirmed = await waitForChoice(conversation, [SEND, CANCEL]);
    await confirmed.ctx.editMessageReplyMarkup();
    if (confirmed.data === CANCEL) return void (await confirmed.ctx.reply(confirmed.ctx.t("action-cancelled")));

    const started = await runOnce(conversation, (outside) =>
      startPoll(deps, outside.actor, { question, options, target, onePerHousehold, anonymous, days }, requestKey, deps.clock()),
    );
    if (!started.ok) return explain(confirmed.ctx, started);
    const when = formatWhen(new Date(started.value.closesAt), locale);
    await confirmed.ctx.reply(confirmed.ctx.t(started.value.target === "group" ? "poll-started-group" : "poll-started-private", { count: started.value.recipients, when }));
  };
}
