import { InlineKeyboard } from "grammy";
import {
  cancelOccurrence,
  cancelSeries,
  createEvent,
  DEFAULT_DURATION_MINUTES,
  EVENT_KINDS,
  listManageable,
  rescheduleOccurrence,
  type Attendee,
  type EventKind,
  type Occurrence,
} from "../../domain/events/events.js";
import { headedRtId } from "../../domain/people/actor.js";
import { findLocale } from "../../domain/people/person.js";
import { forgetUnsentReminders } from "../../domain/events/reminder-queries.js";
import { dateTimeRefusal, parseNotes, parsePlace, timeRefusal } from "../../domain/people/text-input.js";
import { combineDateAndTime, parseDateTime, parseTime, type DateTimeResult, type ParsedTime } from "../../domain/schedule/parse-datetime.js";
import { recurrenceFromFirst, type Recurrence } from "../../domain/schedule/recurrence.js";
import { wibParts } from "../../domain/schedule/wib.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { formatWhen } from "../../messages/format.js";
import { eventKey, queueNotices } from "../notifications.js";
import { pickOne } from "./pick.js";
import { askText, explain, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const CREATE_EVENT = "create-event";
export const EDIT_EVENT = "edit-event";

export type RepeatChoice = Recurrence["kind"];
const REPEAT_CHOICES: readonly RepeatChoice[] = ["none", "weekly", "biweekly", "monthly-date", "monthly-weekday"];

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
  for (const kind of EVENT_KINDS) keyboard.text(ctx.t(`event-kind-${kind}`), `ev:kind:${kind}`).row();
  keyboard.text(ctx.t("button-cancel"), "ev:cancel");
  await ctx.reply(ctx.t("event-choose-kind"), { reply_markup: keyboard });
  const { data, ctx: press } = await waitForChoice(conversation, [...EVENT_KINDS.map((k) => `ev:kind:${k}`), "ev:cancel"]);
  await press.editMessageReplyMarkup();
  return data === "ev:cancel" ? null : (data.slice("ev:kind:".length) as EventKind);
}

async function chooseRepeat(conversation: Convo, ctx: ConversationContext, first: Date): Promise<Recurrence> {
  const parts = wibParts(first);
  const date = { year: parts.year, month: parts.month, day: parts.day };
  const keyboard = new InlineKeyboard();
  const rules = REPEAT_CHOICES.map((kind) => ({ kind, rule: recurrenceFromFirst(kind, date) }));
  for (const { kind, rule } of rules) keyboard.text(describeRecurrence(ctx, rule), `ev:rep:${kind}`).row();
  await ctx.reply(ctx.t("event-choose-repeat"), { reply_markup: keyboard });
  const { data, ctx: press } = await waitForChoice(conversation, REPEAT_CHOICES.map((k) => `ev:rep:${k}`));
  await press.editMessageReplyMarkup();
  return rules.find((r) => `ev:rep:${r.kind}` === data)!.rule;
}

/** /acara: kind → when → place → notes → repetition → confirm. */
export function createCreateEventConversation(deps: BotDeps) {
  return async function createEventConversation(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const kind = await chooseKind(conversation, ctx);
    if (!kind) return void (await ctx.reply(ctx.t("action-cancelled")));
    const startsAt = await askWhen(conversation, ctx, deps, ctx.t("event-ask-when"));
    const place = await askText(conversation, ctx, ctx.t("event-ask-place"), parsePlace, kind === "ronda" || kind === "gotong_royong" ? [{ label: ctx.t("event-place-pos"), data: "ev:place:pos", value: ctx.t("event-place-pos") }] : []);
    const notes = await askText<string | null>(conversation, ctx, ctx.t("event-ask-notes"), parseNotes, [{ label: ctx.t("button-skip"), data: "ev:notes:skip", value: null }]);
    const recurrence = await chooseRepeat(conversation, ctx, startsAt);
    const locale = await ctx.i18n.getLocale();
    await ctx.reply(
      ctx.t("event-summary", { kind: ctx.t(`event-kind-${kind}`), when: formatWhen(startsAt, locale), place, notes: notes ?? "-", repeat: describeRecurrence(ctx, recurrence) }),
      { reply_markup: new InlineKeyboard().text(ctx.t("button-save"), "ev:save").text(ctx.t("button-cancel"), "ev:cancel") },
    );
    const { data, ctx: press } = await waitForChoice(conversation, ["ev:save", "ev:cancel"]);
    await press.editMessageReplyMarkup();
    if (data === "ev:cancel") return void (await press.reply(press.t("action-cancelled")));
    const outcome = await runOnce(conversation, (outside) =>
      createEvent(deps.db, outside.actor, { kind, place, notes, firstStartsAt: startsAt, durationMinutes: DEFAULT_DURATION_MINUTES[kind], recurrence }, deps.clock()),
    );
    if (!outcome.ok) return explain(ctx, outcome);
    await press.reply(press.t("event-created", { kind: press.t(`event-kind-${kind}`), when: formatWhen(startsAt, locale), count: outcome.value.occurrences }));
  };
}

/** Tells everyone who said "Hadir" what changed; `event` keeps a redelivery from telling twice. */
async function tellAttendees(deps: BotDeps, attendees: Attendee[], event: string, text: (locale: string) => string): Promise<void> {
  const notices = [];
  for (const attendee of attendees) {
    const locale = (await findLocale(deps.db, attendee.telegramId)) ?? "id";
    notices.push({ event, chatId: attendee.telegramId, personId: attendee.personId, text: text(locale) });
  }
  await queueNotices(deps, notices);
}

/** /ubahacara: pick a date → move it, change its place, cancel it, or cancel it and all after it. */
export function createEditEventConversation(deps: BotDeps) {
  return async function editEventConversation(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const locale = await ctx.i18n.getLocale();
    const choices = await conversation.external(async (outside) => {
      const rtId = headedRtId(outside.actor);
      if (rtId === null) return [];
      const now = deps.clock().getTime();
      return (await listManageable(deps.db, rtId, deps.clock(), 0)).filter((o) => o.startsAt.getTime() > now);
    });
    if (choices.length === 0) return void (await ctx.reply(ctx.t("event-none-to-edit")));
    const label = (o: Occurrence) => `${ctx.t(`event-kind-${o.kind}`)} · ${formatWhen(new Date(o.startsAt), locale)}`;
    const chosen = await pickOne(conversation, ctx, "evo", ctx.t("event-choose-occurrence"), choices, label);
    if (!chosen) return;
    await ctx.reply(ctx.t("event-choose-change"), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("button-event-move"), "evx:move").row()
        .text(ctx.t("button-event-place"), "evx:place").row()
        .text(ctx.t("button-event-cancel-one"), "evx:cancel-one").row()
        .text(ctx.t("button-event-cancel-series"), "evx:cancel-series").row()
        .text(ctx.t("button-cancel"), "evx:back"),
    });
    const { data, ctx: press } = await waitForChoice(conversation, ["evx:move", "evx:place", "evx:cancel-one", "evx:cancel-series", "evx:back"]);
    await press.editMessageReplyMarkup();
    if (data === "evx:back") return void (await press.reply(press.t("action-cancelled")));
    const kindName = (l: string) => deps.i18n.t(l, `event-kind-${chosen.kind}`);
    const when = (l: string, at: Date) => formatWhen(at, l);
    const event = await conversation.external((outside) => eventKey("event-change", outside.update.update_id));

    if (data === "evx:move" || data === "evx:place") {
      const startsAt = data === "evx:move" ? await askWhen(conversation, ctx, deps, ctx.t("event-ask-new-when")) : new Date(chosen.startsAt);
      const place = data === "evx:place" ? await askText(conversation, ctx, ctx.t("event-ask-place"), parsePlace) : undefined;
      const outcome = await runOnce(conversation, async (outside) => {
        const changed = await rescheduleOccurrence(deps.db, outside.actor, chosen.id, { startsAt, place }, deps.clock());
        // Queued reminders carry the old time and place, and their keys would block new ones.
        await forgetUnsentReminders(deps.db, chosen.id);
        await tellAttendees(deps, changed.notify, event, (l) =>
          deps.i18n.t(l, "event-changed-notice", { kind: kindName(l), before: when(l, changed.before.startsAt), when: when(l, changed.after.startsAt), place: changed.after.place }),
        );
        return { told: changed.notify.length, startsAt: changed.after.startsAt.getTime(), place: changed.after.place };
      });
      if (!outcome.ok) return explain(ctx, outcome);
      return void (await ctx.reply(ctx.t("event-changed", { when: formatWhen(new Date(outcome.value.startsAt), locale), place: outcome.value.place, told: outcome.value.told })));
    }

    const outcome = await runOnce(conversation, async (outside) => {
      const result = data === "evx:cancel-one"
        ? await cancelOccurrence(deps.db, outside.actor, chosen.id, deps.clock())
        : await cancelSeries(deps.db, outside.actor, chosen.id, deps.clock());
      await tellAttendees(deps, result.notify, event, (l) =>
        deps.i18n.t(l, data === "evx:cancel-one" ? "event-cancelled-notice" : "event-series-cancelled-notice", { kind: kindName(l), when: when(l, new Date(chosen.startsAt)) }),
      );
      return { told: result.notify.length };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(ctx.t(data === "evx:cancel-one" ? "event-cancelled" : "event-series-cancelled", { told: outcome.value.told }));
  };
}
