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
import { combineDateAndTime, parseDateTime, parseTime, type DateTimeResult, type DateTimeValue, type ParsedTime } from "../../domain/schedule/parse-datetime.js";
import { recurrenceFromFirst, type Recurrence } from "../../domain/schedule/recurrence.js";
import { weekdayOf, wibDate, wibInstant } from "../../domain/schedule/wib.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { formatCalendarDay, formatWhen, formatWibDay } from "../../messages/format.js";
import { eventChange, eventForm, eventKindChoice, eventRepeatChoice, eventSummary, eventWhenChoice, formTag, type SummaryAction } from "../../messages/buttons/events.js";
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

/** A date just past, with next year's reading to offer. */
type JustPast = Extract<DateTimeResult, { reason: "just-past" }>;

/**
 * Asks when, as people type it ("Minggu 07.00", "besok jam 7 pagi", "7/12 07:00"). A date
 * without a time is followed by "jam berapa?"; anything ambiguous or past is asked again; a date
 * just past asks whether next year's was meant; a weekday that does not fit the date is named.
 * What was read is shown at once ("Minggu, 6 Desember 2026 pukul 07.00 WIB"), so a slip is seen
 * before the next question rather than at the summary.
 */
export async function askWhen(conversation: Convo, ctx: ConversationContext, deps: BotDeps, prompt: string): Promise<Date> {
  // Read when each answer comes, not when the form began: "besok" typed the next morning is the day after.
  const clock = async () => new Date(await conversation.external(() => deps.clock().getTime()));
  const locale = await ctx.i18n.getLocale();
  for (;;) {
    const answer = await askText<DateTimeValue | JustPast>(conversation, ctx, prompt, async (text) => {
      const parsed = parseDateTime(text, await clock());
      if (parsed.ok || parsed.reason === "just-past") return { ok: true as const, value: parsed };
      if (parsed.reason === "wrong-weekday") {
        return {
          ok: false as const,
          reason: "datetime-wrong-weekday-named" as const,
          vars: { date: formatCalendarDay(parsed.date, locale), actual: ctx.t(`weekday-${weekdayOf(parsed.date)}`), typed: ctx.t(`weekday-${parsed.weekday}`) },
        };
      }
      return dateTimeRefusal(parsed.reason);
    });
    let read: DateTimeValue;
    if (!("reason" in answer)) {
      read = answer;
    } else {
      const next = answer.nextYear;
      const nextText = next.kind === "datetime" ? formatWhen(next.at, locale) : formatWibDay(wibInstant(next.date, { hour: 12, minute: 0 }), locale);
      const choices = [eventWhenChoice.data({ choice: "next-year" }), eventWhenChoice.data({ choice: "again" })];
      await ctx.reply(ctx.t("event-when-just-past", { past: formatCalendarDay(answer.past, locale), next: nextText }), {
        reply_markup: new InlineKeyboard().text(formatCalendarDay(next.date, locale), choices[0]!).row().text(ctx.t("button-event-type-again"), choices[1]!),
      });
      const { data, ctx: press } = await waitForChoice(conversation, choices);
      await press.editMessageReplyMarkup();
      if (eventWhenChoice.read(data)?.choice !== "next-year") continue;
      read = next;
    }
    if (read.kind === "datetime") {
      await ctx.reply(ctx.t("event-when-read", { when: formatWhen(read.at, locale) }));
      return read.at;
    }
    const day = formatWibDay(wibInstant(read.date, { hour: 12, minute: 0 }), locale);
    const time = await askText<ParsedTime>(conversation, ctx, ctx.t("event-ask-time-on", { day }), (text) => {
      const parsed = parseTime(text);
      return parsed.ok ? { ok: true as const, value: parsed } : timeRefusal(parsed.reason, "time");
    });
    const combined = combineDateAndTime(read.date, time, await clock());
    if (combined.ok && combined.kind === "datetime") {
      await ctx.reply(ctx.t("event-when-read", { when: formatWhen(combined.at, locale) }));
      return combined.at;
    }
    // The time makes the date past ("hari ini", then an hour gone by): ask for both again.
    await ctx.reply(ctx.t(`input-datetime-${combined.ok ? "unrecognised" : combined.reason}`));
  }
}

/**
 * The kind, or null for its Batal button. Twelve kinds in two columns (short labels, `event-kind-…`)
 * keep the whole choice on one phone screen, without a second page to hunt through.
 */
async function chooseKind(conversation: Convo, ctx: ConversationContext): Promise<EventKind | null> {
  const keyboard = new InlineKeyboard();
  EVENT_KINDS.forEach((kind, index) => {
    keyboard.text(ctx.t(`event-kind-${kind}`), eventKindChoice.data({ kind }));
    if (index % 2 === 1) keyboard.row();
  });
  if (EVENT_KINDS.length % 2 === 1) keyboard.row();
  const cancel = eventForm.data({ choice: "cancel" });
  keyboard.text(ctx.t("button-cancel"), cancel);
  await ctx.reply(ctx.t("event-choose-kind"), { reply_markup: keyboard });
  const { data, ctx: press } = await waitForChoice(conversation, [...EVENT_KINDS.map((kind) => eventKindChoice.data({ kind })), cancel]);
  await press.editMessageReplyMarkup();
  return eventKindChoice.read(data)?.kind ?? null;
}

async function chooseRepeat(conversation: Convo, ctx: ConversationContext, first: Date): Promise<Recurrence> {
  const date = wibDate(first);
  const keyboard = new InlineKeyboard();
  const rules = REPEAT_CHOICES.map((kind) => ({ kind, rule: recurrenceFromFirst(kind, date) }));
  for (const { kind, rule } of rules) keyboard.text(describeRecurrence(ctx, rule), eventRepeatChoice.data({ repeat: kind })).row();
  await ctx.reply(ctx.t("event-choose-repeat"), { reply_markup: keyboard });
  const { data, ctx: press } = await waitForChoice(conversation, REPEAT_CHOICES.map((repeat) => eventRepeatChoice.data({ repeat })));
  await press.editMessageReplyMarkup();
  return rules.find((r) => r.kind === eventRepeatChoice.read(data)?.repeat)!.rule;
}

function askPlace(conversation: Convo, ctx: ConversationContext, kind: EventKind): Promise<string> {
  const shortcuts = kind === "ronda" || kind === "gotong_royong" ? [{ label: ctx.t("event-place-pos"), data: eventForm.data({ choice: "place-pos" }), value: ctx.t("event-place-pos") }] : [];
  return askText(conversation, ctx, ctx.t("event-ask-place"), parsePlace, shortcuts);
}

function askNotes(conversation: Convo, ctx: ConversationContext): Promise<string | null> {
  return askText<string | null>(conversation, ctx, ctx.t("event-ask-notes"), parseNotes, [{ label: ctx.t("button-skip"), data: eventForm.data({ choice: "notes-skip" }), value: null }]);
}

/**
 * Shows a summary with Simpan, Batal and a button per field, and waits for one of them. The
 * buttons carry `rev`, the number of edits made so far: after an edit the earlier summary's
 * buttons are stale (the fallback says so), so its Simpan cannot save values it no longer shows.
 * They carry the form's tag too: a summary of an abandoned form cannot save the next one.
 */
async function summaryChoice(
  conversation: Convo,
  ctx: ConversationContext,
  text: string,
  fields: readonly SummaryAction[],
  rev: number,
  requestKey: string,
): Promise<{ action: SummaryAction; press: ConversationContext }> {
  const form = formTag(requestKey);
  const data = (action: SummaryAction) => eventSummary.data({ action, rev, form });
  const keyboard = new InlineKeyboard().text(ctx.t("button-save"), data("save")).text(ctx.t("button-cancel"), data("cancel")).row();
  fields.forEach((field, index) => {
    keyboard.text(ctx.t(`button-edit-${field}`), data(field));
    if (index % 2 === 1) keyboard.row();
  });
  await ctx.reply(text, { reply_markup: keyboard });
  const { data: pressed, ctx: press } = await waitForChoice(conversation, ["save", "cancel", ...fields].map((action) => data(action as SummaryAction)));
  await press.editMessageReplyMarkup();
  return { action: eventSummary.read(pressed)!.action, press };
}

const CREATE_FIELDS = ["kind", "when", "place", "notes", "repeat"] as const satisfies readonly SummaryAction[];
const CHANGE_FIELDS = ["when", "place"] as const satisfies readonly SummaryAction[];

/**
 * /acara: kind → when → place → notes → repetition → summary, where any field can be asked again
 * before Simpan. The form's request key is made once, before all of it: whatever was edited, one
 * Simpan saves one event, with the values the last summary showed.
 */
export function createCreateEventConversation(deps: BotDeps) {
  return async function createEventConversation(conversation: Convo, ctx: ConversationContext): Promise<void> {
    // The form's key, made once: a save tapped twice (on any instance) or redelivered makes one event.
    const requestKey = await formKey(conversation, "event");
    // The event is the RT's this ketua heads now; it goes on only while they still head it.
    const rtId = await conversation.external((outside) => headedRtId(outside.actor));
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-allowed")));
    await holdRight(conversation, ctx, (actor) => headedRtId(actor) === rtId);
    const firstKind = await chooseKind(conversation, ctx);
    if (!firstKind) return void (await ctx.reply(ctx.t("action-cancelled")));
    let kind: EventKind = firstKind;
    let startsAt = await askWhen(conversation, ctx, deps, ctx.t("event-ask-when"));
    let place = await askPlace(conversation, ctx, kind);
    let notes = await askNotes(conversation, ctx);
    let recurrence = await chooseRepeat(conversation, ctx, startsAt);
    const locale = await ctx.i18n.getLocale();
    for (let rev = 0; ; rev += 1) {
      const summary = ctx.t("event-summary", { kind: ctx.t(`event-kind-${kind}`), when: formatWhen(startsAt, locale), place, notes: notes ?? "-", repeat: describeRecurrence(ctx, recurrence) });
      const { action, press } = await summaryChoice(conversation, ctx, summary, CREATE_FIELDS, rev, requestKey);
      switch (action) {
        case "cancel":
          return void (await press.reply(press.t("action-cancelled")));
        case "save": {
          const outcome = await runOnce(conversation, (outside) =>
            scheduleEvent(deps, outside.actor, { requestKey, kind, place, notes, firstStartsAt: startsAt, durationMinutes: DEFAULT_DURATION_MINUTES[kind], recurrence }),
          );
          if (!outcome.ok) return explain(ctx, outcome);
          return void (await press.reply(press.t("event-created", { kind: press.t(`event-kind-${kind}`), when: formatWhen(startsAt, locale), count: outcome.value.occurrences, told: outcome.value.told })));
        }
        case "kind":
          // Its Batal keeps the kind as it was.
          kind = (await chooseKind(conversation, ctx)) ?? kind;
          break;
        case "when":
          startsAt = await askWhen(conversation, ctx, deps, ctx.t("event-ask-when"));
          // The same rule on the new date: "every week" stays every week, on the new weekday.
          recurrence = recurrenceFromFirst(recurrence.kind, wibDate(startsAt));
          break;
        case "place":
          place = await askPlace(conversation, ctx, kind);
          break;
        case "notes":
          notes = await askNotes(conversation, ctx);
          break;
        case "repeat":
          recurrence = await chooseRepeat(conversation, ctx, startsAt);
          break;
      }
    }
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
      // The new time or place, then a summary where either can be asked again before Simpan.
      const before = new Date(chosen.startsAt);
      const askNewWhen = () => askWhen(conversation, ctx, deps, ctx.t("event-ask-new-when"));
      const askNewPlace = () => askText(conversation, ctx, ctx.t("event-ask-place"), parsePlace);
      let startsAt = data === "move" ? await askNewWhen() : before;
      let place = data === "place" ? await askNewPlace() : chosen.place;
      for (let rev = 0; ; rev += 1) {
        const summary = ctx.t("event-change-summary", { kind: ctx.t(`event-kind-${chosen.kind}`), before: formatWhen(before, locale), when: formatWhen(startsAt, locale), place });
        const { action, press } = await summaryChoice(conversation, ctx, summary, CHANGE_FIELDS, rev, requestKey);
        if (action === "cancel") return void (await press.reply(press.t("action-cancelled")));
        if (action === "when") startsAt = await askNewWhen();
        else if (action === "place") place = await askNewPlace();
        else if (action === "save") break;
      }
      const outcome = await runOnce(conversation, async (outside) => {
        const changed = await changeOccurrence(deps, outside.actor, { occurrenceId: chosen.id, startsAt, place: place === chosen.place ? undefined : place, requestKey });
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
