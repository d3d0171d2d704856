import { InlineKeyboard } from "grammy";
import { parsePlace, parseWholeNumber, timeRefusal } from "../../domain/people/text-input.js";
import { findRondaSetup, saveRondaSetup } from "../../domain/ronda/watch.js";
import { headedRtId } from "../../domain/people/actor.js";
import { parseTimeRange, type TimeRangeResult } from "../../domain/schedule/parse-datetime.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { rondaNight, rondaNightsDone, rondaPostShortcut } from "../../messages/buttons/ronda.js";
import { holdRight } from "./form-right.js";
import { pickOne } from "./pick.js";
import { assignNight, membersToAssign, nightsToAssign } from "../../domain/ronda/assign.js";
import { formatWhen } from "../../messages/format.js";
import { askText, explain, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const RONDA_SETUP = "ronda-setup";
export const ASSIGN_NIGHT = "ronda-assign";
export const PER_SHIFT_MAX = 20;

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0]; // Senin first, as on an Indonesian calendar

/** What chooseNights takes as an answer: any night on or off, or done. */
const ANSWERS = [...WEEKDAYS.flatMap((weekday) => [true, false].map((on) => rondaNight.data({ weekday, on }))), rondaNightsDone.data({})];

/** Toggle buttons for the nights of the week; "Selesai" once at least one is chosen. */
async function chooseNights(conversation: Convo, ctx: ConversationContext, initial: number[]): Promise<number[]> {
  let nights = new Set(initial);
  const keyboard = () => {
    const k = new InlineKeyboard();
    WEEKDAYS.forEach((day, i) => {
      // The button carries the state it sets, so a double tap does not undo itself.
      k.text(`${nights.has(day) ? "✅" : "⬜"} ${ctx.t(`weekday-${day}`)}`, rondaNight.data({ weekday: day, on: !nights.has(day) }));
      if (i % 2 === 1) k.row();
    });
    return k.row().text(ctx.t("button-done"), rondaNightsDone.data({}));
  };
  await ctx.reply(ctx.t("ronda-choose-nights"), { reply_markup: keyboard() });
  for (;;) {
    const { data, ctx: press } = await waitForChoice(conversation, ANSWERS);
    const night = rondaNight.read(data);
    if (!night) {
      if (nights.size > 0) {
        await press.editMessageReplyMarkup();
        return [...nights].sort();
      }
      await press.reply(press.t("ronda-nights-needed"));
      continue;
    }
    const { weekday: day, on } = night;
    if (nights.has(day) === on) continue; // already so: Telegram refuses an edit that changes nothing
    nights = new Set(nights);
    if (on) nights.add(day);
    else nights.delete(day);
    await press.editMessageReplyMarkup({ reply_markup: keyboard() });
  }
}

/** /ronda: nights → hours → post → people per shift. */
export function createRondaSetupConversation(deps: BotDeps) {
  return async function rondaSetup(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const { rtId, current } = await conversation.external(async (outside) => {
      const rtId = headedRtId(outside.actor);
      return { rtId, current: rtId === null ? undefined : await findRondaSetup(deps.db, rtId) };
    });
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-allowed")));
    // The RT's rota is shown and changed: only while its ketua still heads it.
    await holdRight(conversation, ctx, (actor) => headedRtId(actor) === rtId);
    const nights = await chooseNights(conversation, ctx, current?.nights ?? []);
    const hours = await askText<Extract<TimeRangeResult, { ok: true }>>(conversation, ctx, ctx.t("ronda-ask-hours"), (text) => {
      const parsed = parseTimeRange(text);
      return parsed.ok ? { ok: true as const, value: parsed } : timeRefusal(parsed.reason, "timerange");
    });
    const post = await askText(conversation, ctx, ctx.t("ronda-ask-post"), parsePlace, [{ label: ctx.t("event-place-pos"), data: rondaPostShortcut.data({}), value: ctx.t("event-place-pos") }]);
    const perShift = await askText(conversation, ctx, ctx.t("ronda-ask-per-shift"), (text) => parseWholeNumber(text, 1, PER_SHIFT_MAX));
    const outcome = await runOnce(conversation, (outside) => saveRondaSetup(deps.db, outside.actor, { nights, start: hours.start, end: hours.end, post, perShift }, deps.clock()));
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(
      ctx.t("ronda-saved", {
        nights: nights.map((n) => ctx.t(`weekday-${n}`)).join(", "),
        start: outcome.value.startTime.replace(":", "."),
        end: outcome.value.endTime.replace(":", "."),
        post,
        perShift,
      }),
    );
  };
}


/**
 * The ketua puts a member on a coming night by hand (from /jadwalronda): the night, then the
 * member, then it is done. Each step reads again as the ketua of the RT (holdRight, and the domain
 * checks once more when it assigns); a night gone by or a member who left is explained, not assigned.
 */
export function createAssignNightConversation(deps: BotDeps) {
  return async function assignNightForm(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const rtId = await conversation.external((outside) => headedRtId(outside.actor));
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-allowed")));
    await holdRight(conversation, ctx, (actor) => headedRtId(actor) === rtId);
    const nights = await runOnce(conversation, async (outside) =>
      (await nightsToAssign(deps.db, outside.actor, deps.clock())).map((night) => ({ occurrenceId: night.occurrenceId, startsAt: night.startsAt.toISOString(), count: night.people.length })),
    );
    if (!nights.ok) return explain(ctx, nights);
    if (nights.value.length === 0) return void (await ctx.reply(ctx.t("rota-empty")));
    const locale = await ctx.i18n.getLocale();
    const night = await pickOne(conversation, ctx, "malam", ctx.t("ronda-assign-choose-night"), nights.value, (n) => ctx.t("ronda-assign-night", { when: formatWhen(new Date(n.startsAt), locale), count: n.count }));
    if (!night) return;
    const members = await runOnce(conversation, (outside) => membersToAssign(deps.db, outside.actor, { occurrenceId: night.occurrenceId, now: deps.clock() }));
    if (!members.ok) return explain(ctx, members);
    if (members.value.length === 0) return void (await ctx.reply(ctx.t("ronda-assign-nobody")));
    const member = await pickOne(conversation, ctx, "warga", ctx.t("ronda-assign-choose-member"), members.value, (m) => m.name);
    if (!member) return;
    const outcome = await runOnce(conversation, (outside) => assignNight(deps, outside.actor, { occurrenceId: night.occurrenceId, personId: member.personId }));
    if (!outcome.ok) return explain(ctx, outcome);
    const when = formatWhen(new Date(outcome.value.startsAt), locale);
    const { assigned, name, replaced } = outcome.value;
    await ctx.reply(replaced !== null ? ctx.t("ronda-assign-replaced", { name, when, replaced }) : ctx.t(assigned ? "ronda-assign-done" : "ronda-assign-already", { name, when }));
  };
}
