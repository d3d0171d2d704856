import { InlineKeyboard } from "grammy";
import { cancelOccurrences, changeOccurrence, scheduleEvent } from "../../domain/events/changes.js";
import {
  DEFAULT_DURATION_MINUTES,
  EVENT_KINDS,
  REPEAT_CHOICES,
  listManageable,
  type EventKind,
  type Occurrence,
} from "../../domain/events/events.js";
import { headedRtId } from "../../domain/people/actor.js";
import { dateTimeRefusal, parseNotes, parsePlace, timeRefusal } from "../../domain/people/text-input.js";
import { combineDateAndTime, parseDateTime, parseTime, type DateTimeResult, type ParsedTime } from "../../domain/schedule/parse-datetime.js";
import { recurrenceFromFirst, type Recurrence } from "../../domain/schedule/recurrence.js";
import { wibParts } from "../../domain/schedule/wib.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { formatWhen } from "../../messages/format.js";
import { eventChange, eventForm, eventKindChoice, eventRepeatChoice } from "../../messages/buttons/events.js";
import { holdRight } from "./form-right.js";
import { pickOne } from "./pick.js";
import { askText, explain, formKey, formRequest, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const CREATE_EVENT = "create-event";
export const EDIT_EVENT = "edit-event";

export type RepeatChoice = Recurrence["kind"];

/** The words for a repetition rule, e.g. "Setiap minggu, hari Minggu". */
export function describeRecurrence(ctx: { t: ConversationContext["t"] }, rule: Recurrence): string {
  switch (rule.kind) {
    case "none":
      return ctx.t("repeat-none");
    case "weekly":
      return ctx.t("repeat-weekly", { weekday: ctx.t(`weekday-${rule.weekday}`) });
    case "biweekly":
      return ctx.t("repeat-biweekly", { weekday: ctx.t(`weekday-${rule.weekday}`) });
    case "monthly-date":
      return ctx.t("repeat-monthly-date", { day: rule.day });
    case "monthly-weekday":
      return ctx.t("repeat-monthly-weekday", { nth: ctx.t(`nth-${rule.nth === -1 ? "last" : rule.nth}`), weekday: ctx.t(`weekday-${rule.weekday}`) });
  }
}

/**
 * Asks when, as people type it ("Minggu 07.00", "besok jam 7 pagi", "7/12 07:00"). A date
 * without a time is followed by "jam berapa?"; anything ambiguous or past is asked again.
 */
export async function askWhen(conversation: Convo, ctx: ConversationContext, deps: BotDeps, prompt: string): Promise<Date> {
  // Read when each answer comes, not when the form began: "besok" typed the next morning is the day after.
  const clock = async () => new Date(await conversation.external(() => deps.clock().getTime()));
  for (;;) {
    const answer = await askText<Extract<DateTimeResult, { ok: true }>>(conversation, ctx, prompt, async (text) => {
      const parsed = parseDateTime(text, await clock());
      return parsed.ok ? { ok: true as const, value: parsed } : dateTimeRefusal(parsed.reason);
    });
    if (answer.kind === "datetime") return answer.at;
    const time = await askText<ParsedTime>(conversation, ctx, ctx.t("event-ask-time"), (text) => {
      const parsed = parseTime(text);
      return parsed.ok ? { ok: true as const, value: parsed } : timeRefusal(parsed.reason, "time");
    });
    const combined = combineDateAndTime(answer.date, time, await clock());
    if (combined.ok && combined.kind === "datetime") return combined.at;
    // The time makes the date past ("hari ini", then an hour gone by): ask for both again.
    await ctx.reply(ctx.t(`input-datetime-${combined.ok ? "unrecognised" : combined.reason}`));
  }
}

async function chooseKind(conversation: Convo, ctx: ConversationContext): Promise<EventKind | null> {
  const keyboard = new InlineKeyboard();
  for (const kind of EVENT_KINDS) keyboard.text(ctx.t(`event-kind-${kind}`), eventKindChoice.data({ kind })).row();
  const cancel = eventForm.data({ choice: "cancel" });
  keyboard.text(ctx.t("button-cancel"), cancel);
  await ctx.reply(ctx.t("event-choose-kind"), { reply_markup: keyboard });
  const { data, ctx: press } = await waitForChoice(conversation, [...EVENT_KINDS.map((kind) => eventKindChoice.data({ kind })), cancel]);
  await press.editMessageReplyMarkup();
  return eventKindChoice.read(data)?.kind ?? null;
}

async function chooseRepeat(conversation: Convo, ctx: ConversationContext, first: Date): Promise<Recurrence> {
  const parts = wibParts(first);
  const date = { year: parts.year, month: parts.month, day: parts.day };
  const keyboard = new InlineKeyboard();
  const rules = REPEAT_CHOICES.map((kind) => ({ kind, rule: recurrenceFromFirst(kind, date) }));
  for (const { kind, rule } of rules) keyboard.text(describeRecurrence(ctx, rule), eventRepeatChoice.data({ repeat: kind })).row();
  await ctx.reply(ctx.t("event-choose-repeat"), { reply_markup: keyboard });
  const { data, ctx: press } = await waitForChoice(conversation, REPEAT_CHOICES.map((repeat) => eventRepeatChoice.data({ repeat })));
  await press.editMessageReplyMarkup();
  return rules.find((r) => r.kind === eventRepeatChoice.read(data)?.repeat)!.rule;
}

/** /acara: kind → when → place → notes → repetition → confirm. */
export function createCreateEventConversation(deps: BotDeps) {
  return async function createEventConversation(conversation: Convo, ctx: ConversationContext): Promise<void> {
    // The form's key, made once: a save tapped twice (on any instance) or redelivered makes one event.
    const requestKey = await formKey(conversation, "event");
    // The event is the RT's this ketua heads now; it goes on only while they still head it.
    const rtId = await conversation.external((outside) => headedRtId(outside.actor));
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-allowed")));
    await holdRight(conversation, ctx, (actor) => headedRtId(actor) === rtId);
    const kind = await chooseKind(conversation, ctx);
    if (!kind) return void (await ctx.reply(ctx.t("action-cancelled")));
    const startsAt = await askWhen(conversation, ctx, deps, ctx.t("event-ask-when"));
    const place = await askText(conversation, ctx, ctx.t("event-ask-place"), parsePlace, kind === "ronda" || kind === "gotong_royong" ? [{ label: ctx.t("event-place-pos"), data: eventForm.data({ choice: "place-pos" }), value: ctx.t("event-place-pos") }] : []);
    const notes = await askText<string | null>(conversation, ctx, ctx.t("event-ask-notes"), parseNotes, [{ label: ctx.t("button-skip"), data: eventForm.data({ choice: "notes-skip" }), value: null }]);
    const recurrence = await chooseRepeat(conversation, ctx, startsAt);
    const locale = await ctx.i18n.getLocale();
    await ctx.reply(
      ctx.t("event-summary", { kind: ctx.t(`event-kind-${kind}`), when: formatWhen(startsAt, locale), place, notes: notes ?? "-", repeat: describeRecurrence(ctx, recurrence) }),
      { reply_markup: new InlineKeyboard().text(ctx.t("button-save"), eventForm.data({ choice: "save" })).text(ctx.t("button-cancel"), eventForm.data({ choice: "cancel" })) },
    );
    const { data, ctx: press } = await waitForChoice(conversation, [eventForm.data({ choice: "save" }), eventForm.data({ choice: "cancel" })]);
    await press.editMessageReplyMarkup();
    if (eventForm.read(data)?.choice === "cancel") return void (await press.reply(press.t("action-cancelled")));
    const outcome = await runOnce(conversation, (outside) =>
      scheduleEvent(deps, outside.actor, { requestKey, kind, place, notes, firstStartsAt: startsAt, durationMinutes: DEFAULT_DURATION_MINUTES[kind], recurrence }),
    );
    if (!outcome.ok) return explain(ctx, outcome);
    await press.reply(press.t("event-created", { kind: press.t(`event-kind-${kind}`), when: formatWhen(startsAt, locale), count: outcome.value.occurrences, told: outcome.value.told }));
  };
}

/** /ubahacara: pick a date → move it, change its place, cancel it, or cancel it and all after it. */
export function createEditEventConversation(deps: BotDeps) {
  return async function editEventConversation(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const locale = await ctx.i18n.getLocale();
    // Made once, when the form opens: the change it saves is told once, whatever Telegram redelivers.
    // The id alone: the notices' event key adds "event-change:" itself.
    const { id: requestKey } = await formRequest(conversation, "event-change");
    const { rtId, choices } = await conversation.external(async (outside) => {
      const rtId = headedRtId(outside.actor);
      if (rtId === null) return { rtId, choices: [] };
      const now = deps.clock().getTime();
      return { rtId, choices: (await listManageable(deps.db, rtId, deps.clock(), 0)).filter((o) => o.startsAt.getTime() > now) };
    });
    if (rtId === null || choices.length === 0) return void (await ctx.reply(ctx.t("event-none-to-edit")));
    // The dates offered are this RT's: the form goes on only while its ketua still heads it.
    await holdRight(conversation, ctx, (actor) => headedRtId(actor) === rtId);
    const label = (o: Occurrence) => `${ctx.t(`event-kind-${o.kind}`)} · ${formatWhen(new Date(o.startsAt), locale)}`;
    const chosen = await pickOne(conversation, ctx, "evo", ctx.t("event-choose-occurrence"), choices, label);
    if (!chosen) return;
    await ctx.reply(ctx.t("event-choose-change"), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("button-event-move"), eventChange.data({ change: "move" })).row()
        .text(ctx.t("button-event-place"), eventChange.data({ change: "place" })).row()
        .text(ctx.t("button-event-cancel-one"), eventChange.data({ change: "cancel-one" })).row()
        .text(ctx.t("button-event-cancel-series"), eventChange.data({ change: "cancel-series" })).row()
        .text(ctx.t("button-cancel"), eventChange.data({ change: "back" })),
    });
    const changes = ["move", "place", "cancel-one", "cancel-series", "back"] as const;
    const { data: pressed, ctx: press } = await waitForChoice(conversation, changes.map((change) => eventChange.data({ change })));
    await press.editMessageReplyMarkup();
    const data = eventChange.read(pressed)!.change;
    if (data === "back") return void (await press.reply(press.t("action-cancelled")));

    if (data === "move" || data === "place") {
      const startsAt = data === "move" ? await askWhen(conversation, ctx, deps, ctx.t("event-ask-new-when")) : new Date(chosen.startsAt);
      const place = data === "place" ? await askText(conversation, ctx, ctx.t("event-ask-place"), parsePlace) : undefined;
      const outcome = await runOnce(conversation, async (outside) => {
        const changed = await changeOccurrence(deps, outside.actor, { occurrenceId: chosen.id, startsAt, place, requestKey });
        return { told: changed.told, startsAt: changed.startsAt.getTime(), place: changed.place };
      });
      if (!outcome.ok) return explain(ctx, outcome);
      return void (await ctx.reply(ctx.t("event-changed", { when: formatWhen(new Date(outcome.value.startsAt), locale), place: outcome.value.place, told: outcome.value.told })));
    }

    const outcome = await runOnce(conversation, (outside) =>
      cancelOccurrences(deps, outside.actor, { occurrenceId: chosen.id, scope: data === "cancel-one" ? "one" : "series", requestKey }),
    );
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(ctx.t(data === "cancel-one" ? "event-cancelled" : "event-series-cancelled", { told: outcome.value.told }));
  };
}
