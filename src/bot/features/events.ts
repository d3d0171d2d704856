import { withCounted } from "../../messages/counted.js";
import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { attendeeIds, checkIn, listAttendanceOccurrences, looksLikeCode, openChecklist, openCheckin, tickAttendance } from "../../domain/events/attendance.js";
import {
  getOccurrence,
  listActiveMembers,
  findWithRsvps,
  listUpcoming,
  openScheduled,
  scheduleInOrder,
  rsvpNames,
  type Occurrence,
  type RsvpAnswer,
  type UpcomingOccurrence,
} from "../../domain/events/events.js";
import { answerRsvp } from "../../domain/events/rsvp-answer.js";
import { MORNING_TIME } from "../../domain/events/reminder-queries.js";
import { choosePersonalReminders, personalReminders, type PersonalReminderChoice } from "../../domain/events/reminder-settings.js";
import { headedRtId } from "../../domain/people/actor.js";
import { offersSatisfaction, satisfactionSummary } from "../../domain/events/satisfaction.js";
import { satisfactionAsk } from "../../messages/buttons/polls.js";
import { satisfactionLine } from "../../messages/polls.js";
import type { BotContext } from "../context.js";
import { CREATE_EVENT, describeRecurrence, EDIT_EVENT } from "../conversations/events.js";
import { REMINDER_SETTINGS } from "../conversations/reminder-settings.js";
import type { BotDeps } from "../deps.js";
import { formatClock, formatWhen } from "../../messages/format.js";
import { clampPage, paginatedKeyboard, PAGE_SIZE } from "../keyboards/paginate.js";
import { attendanceOpen, attendancePage, attendanceTick, checkinCode, myReminders, rsvp, rsvpNames as rsvpNamesButton, scheduleOpen, schedulePage } from "../../messages/buttons/events.js";
import { rsvpAnswerKeyboard } from "../../messages/events.js";
import { onButton } from "../buttons.js";
import { redraw } from "../redraw.js";

const CHECKLIST_PAGE = 10;

/** The RT whose events this person manages: the ketua's, or a petugas's. */
function attendanceRtId(ctx: BotContext): number | null {
  return ctx.actor.grants.find((grant) => (grant.role === "ketua_rt" || grant.role === "petugas") && grant.rtId !== null)?.rtId ?? null;
}

export function createEventsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  const buttons = new Composer<BotContext>();
  feature.use(buttons);

  const occurrenceText = async (ctx: BotContext, item: UpcomingOccurrence) => {
    const locale = await ctx.i18n.getLocale();
    const lines = [
      ctx.t("schedule-item", { kind: ctx.t(`event-kind-${item.kind}`), when: formatWhen(item.startsAt, locale), place: item.place }),
      item.notes ? ctx.t("schedule-item-notes", { notes: item.notes }) : null,
      item.recurrence.kind === "none" ? null : ctx.t("schedule-item-repeat", { repeat: describeRecurrence(ctx, item.recurrence) }),
      item.onDuty ? ctx.t("schedule-item-duty") : null,
      // Once it has begun, who came counts beside who said they would.
      item.attended > 0 || item.startsAt.getTime() <= deps.clock().getTime()
        ? ctx.t("schedule-item-counts-attended", { hadir: item.hadir, tidak: item.tidak, mungkin: item.mungkin, attended: item.attended })
        : ctx.t("schedule-item-counts", { hadir: item.hadir, tidak: item.tidak, mungkin: item.mungkin }),
      item.myAnswer ? ctx.t("schedule-item-mine", { answer: ctx.t(`rsvp-${item.myAnswer}`) }) : null,
    ];
    return lines.filter(Boolean).join("\n");
  };

  const rsvpKeyboard = (ctx: BotContext, item: { id: number }, isKetua: boolean) => {
    const keyboard = rsvpAnswerKeyboard(ctx.t.bind(ctx), item.id);
    if (isKetua) keyboard.row().text(ctx.t("button-rsvp-names"), rsvpNamesButton.data({ occurrence: item.id }));
    return keyboard;
  };

  feature.command("acara", (ctx) => ctx.conversation.enter(CREATE_EVENT));
  feature.command("ubahacara", (ctx) => ctx.conversation.enter(EDIT_EVENT));
  feature.command("aturpengingat", (ctx) => ctx.conversation.enter(REMINDER_SETTINGS));

  /** The events after the first ones, a page at a time: one line each, a button to open it. */
  const restList = async (ctx: BotContext, rest: UpcomingOccurrence[], page: number) => {
    const locale = await ctx.i18n.getLocale();
    const current = clampPage(page, rest.length);
    const shown = rest.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
    const number = (index: number) => current * PAGE_SIZE + index + 1;
    const lines = shown.map((item, index) => ctx.t("schedule-rest-line", { n: number(index), kind: ctx.t(`event-kind-${item.kind}`), when: formatWhen(item.startsAt, locale) }));
    const choices = rest.map((item, index) => ({ label: `${index + 1}. ${ctx.t(`event-kind-${item.kind}`)}`, data: scheduleOpen.data({ occurrence: item.id }) }));
    return {
      text: [ctx.t("schedule-rest-title", { count: rest.length }), ...lines].join("\n"),
      keyboard: paginatedKeyboard(choices, current, (n) => schedulePage.data({ page: n })),
    };
  };

  /** The schedule this person may see now; null (and the reason shown) for someone not in an RT. */
  const scheduleOf = async (ctx: BotContext) => {
    const membership = ctx.actor.membership;
    if (membership?.status !== "active") return null;
    return listUpcoming(deps.db, { rtId: membership.rtId, viewerPersonId: ctx.actor.person!.id, now: deps.clock() });
  };

  feature.command("jadwal", async (ctx) => {
    const items = await scheduleOf(ctx);
    if (items === null) return void (await ctx.reply(ctx.t("error-not-registered")));
    if (items.length === 0) return void (await ctx.reply(ctx.t("schedule-empty")));
    await ctx.reply(ctx.t("schedule-title", { count: items.length }));
    const isKetua = headedRtId(ctx.actor) === ctx.actor.membership!.rtId;
    const { first, rest } = scheduleInOrder(items);
    for (const item of first) await ctx.reply(await occurrenceText(ctx, item), { reply_markup: rsvpKeyboard(ctx, item, isKetua) });
    if (rest.length > 0) {
      const { text, keyboard } = await restList(ctx, rest, 0);
      await ctx.reply(text, { reply_markup: keyboard });
    }
  });

  onButton(buttons, schedulePage, async (ctx, { page }) => {
    const items = await scheduleOf(ctx);
    if (items === null) return void (await ctx.answerCallbackQuery({ text: ctx.t("error-not-registered"), show_alert: true }));
    await ctx.answerCallbackQuery();
    const { rest } = scheduleInOrder(items);
    if (rest.length === 0) return void (await redraw(ctx, ctx.t("schedule-rest-none")));
    const { text, keyboard } = await restList(ctx, rest, page);
    await redraw(ctx, text, keyboard);
  });

  onButton(buttons, scheduleOpen, async (ctx, { occurrence: occurrenceId }) => {
    const item = await openScheduled(deps.db, ctx.actor, occurrenceId, deps.clock());
    await ctx.answerCallbackQuery();
    await ctx.reply(await occurrenceText(ctx, item), { reply_markup: rsvpKeyboard(ctx, item, headedRtId(ctx.actor) === item.rtId) });
  });

  onButton(buttons, rsvp, async (ctx, { occurrence: occurrenceId, answer }) => {
    const occurrence = await answerRsvp(deps, ctx.actor, { occurrenceId, answer });
    await ctx.answerCallbackQuery({ text: ctx.t("rsvp-saved", { answer: ctx.t(`rsvp-${answer}`) }) });
    const item = await findWithRsvps(deps.db, { occurrenceId: occurrence.id, viewerPersonId: ctx.actor.person!.id });
    if (item) await redraw(ctx, await occurrenceText(ctx, item), rsvpKeyboard(ctx, item, headedRtId(ctx.actor) === occurrence.rtId));
  });

  onButton(buttons, rsvpNamesButton, async (ctx, values) => {
    const occurrence = await getOccurrence(deps.db, values.occurrence);
    if (headedRtId(ctx.actor) !== occurrence.rtId) return void (await ctx.answerCallbackQuery({ text: ctx.t("error-not-allowed"), show_alert: true }));
    const names = await rsvpNames(deps.db, occurrence.id);
    await ctx.answerCallbackQuery();
    const list = (answer: RsvpAnswer) => (names[answer].length ? names[answer].join(", ") : "-");
    await ctx.reply(ctx.t("rsvp-names", { kind: ctx.t(`event-kind-${occurrence.kind}`), when: formatWhen(occurrence.startsAt, await ctx.i18n.getLocale()), hadir: list("hadir"), tidak: list("tidak"), mungkin: list("mungkin") }));
  });

  /** Occurrences an officer can act on now: check-in open, or recently over. */
  const pickOccurrence = async (ctx: BotContext, family: typeof checkinCode | typeof attendanceOpen) => {
    const rtId = attendanceRtId(ctx);
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-allowed")));
    const items = await listAttendanceOccurrences(deps.db, { rtId, now: deps.clock() });
    if (items.length === 0) return void (await ctx.reply(ctx.t("attendance-none")));
    const locale = await ctx.i18n.getLocale();
    const keyboard = new InlineKeyboard();
    for (const item of items.slice(-8)) keyboard.text(`${ctx.t(`event-kind-${item.kind}`)} · ${formatWhen(item.startsAt, locale)}`, family.data({ occurrence: item.id })).row();
    await ctx.reply(ctx.t(family === checkinCode ? "checkin-choose" : "attendance-choose"), { reply_markup: keyboard });
  };

  feature.command("kodehadir", (ctx) => pickOccurrence(ctx, checkinCode));
  feature.command("absen", (ctx) => pickOccurrence(ctx, attendanceOpen));

  onButton(buttons, checkinCode, async (ctx, values) => {
    const { code, closesAt, occurrence } = await openCheckin(deps.db, ctx.actor, values.occurrence, deps.clock());
    await ctx.answerCallbackQuery();
    const locale = await ctx.i18n.getLocale();
    await ctx.editMessageText(ctx.t("checkin-code", { code, kind: ctx.t(`event-kind-${occurrence.kind}`), until: formatClock(closesAt, locale) }));
  });

  const checklist = async (ctx: BotContext, occurrence: Occurrence, page: number) => {
    const members = await listActiveMembers(deps.db, occurrence.rtId);
    const present = await attendeeIds(deps.db, occurrence.id);
    const choices = members.map((m) => ({
      label: `${present.has(m.personId) ? "✅" : "⬜"} ${m.name ?? "-"}`,
      // The button carries the state it sets, so a double tap does not undo itself.
      data: attendanceTick.data({ occurrence: occurrence.id, membership: m.membershipId, present: !present.has(m.personId), page }),
    }));
    const locale = await ctx.i18n.getLocale();
    // Issue 17: after a gotong royong or rapat, the ketua may ask those present how it went (once).
    const satisfaction = await satisfactionSummary(deps.db, occurrence.id);
    const canAsk = satisfaction === null && headedRtId(ctx.actor) === occurrence.rtId && offersSatisfaction(occurrence, deps.clock());
    const text = ctx.t("attendance-checklist", { kind: ctx.t(`event-kind-${occurrence.kind}`), when: formatWhen(occurrence.startsAt, locale), present: present.size, members: members.length });
    return {
      text: satisfaction ? `${text}\n\n${satisfactionLine(ctx.t, satisfaction)}` : text,
      keyboard: paginatedKeyboard(choices, page, `${attendancePage.prefix}:${occurrence.id}:`, canAsk ? [[{ label: ctx.t("button-satisfaction-ask"), data: satisfactionAsk.data({ occurrence: occurrence.id }) }]] : [], CHECKLIST_PAGE),
    };
  };

  onButton(buttons, attendanceOpen, async (ctx, values) => {
    const occurrence = await openChecklist(deps.db, ctx.actor, { occurrenceId: values.occurrence, now: deps.clock() });
    await ctx.answerCallbackQuery();
    const { text, keyboard } = await checklist(ctx, occurrence, 0);
    await ctx.editMessageText(text, { reply_markup: keyboard });
  });

  onButton(buttons, attendancePage, async (ctx, values) => {
    const occurrence = await openChecklist(deps.db, ctx.actor, { occurrenceId: values.occurrence, now: deps.clock() });
    await ctx.answerCallbackQuery();
    const { text, keyboard } = await checklist(ctx, occurrence, values.page);
    await ctx.editMessageText(text, { reply_markup: keyboard });
  });

  onButton(buttons, attendanceTick, async (ctx, values) => {
    const { occurrence, changed } = await tickAttendance(deps.db, ctx.actor, { occurrenceId: values.occurrence, membershipId: values.membership, present: values.present }, deps.clock());
    await ctx.answerCallbackQuery();
    if (!changed) return; // the same tick again: nothing to redraw
    const { text, keyboard } = await checklist(ctx, occurrence, values.page);
    await ctx.editMessageText(text, { reply_markup: keyboard });
  });

  const checkInWith = async (ctx: BotContext, text: string) => {
    const { occurrence, recorded, counted } = await checkIn(deps.db, ctx.actor, text, deps.clock());
    await ctx.reply(withCounted(ctx.t, ctx.t(recorded ? "checkin-done" : "checkin-already", { kind: ctx.t(`event-kind-${occurrence.kind}`) }), counted));
  };
  feature.command("hadir", async (ctx) => {
    const code = ctx.match.trim();
    if (!code) return void (await ctx.reply(ctx.t("checkin-usage")));
    await checkInWith(ctx, code);
  });
  // A code typed on its own (as read aloud at the pos kamling) checks in too.
  feature.on("message:text").filter((ctx) => looksLikeCode(ctx.message.text) && ctx.actor.membership?.status === "active", (ctx) => checkInWith(ctx, ctx.message.text));

  /** /pengingat's message: the person's choice now, and the choices their RT's settings allow. */
  const myRemindersView = async (ctx: BotContext) => {
    const { choice, settings, choices } = await personalReminders(deps.db, ctx.actor);
    const label = (option: PersonalReminderChoice) =>
      ctx.t(`reminder-choice-${option}`, { evening: (settings.eveningBefore ?? "").replace(":", "."), morning: MORNING_TIME.replace(":", "."), hours: settings.hoursBefore ?? 0 });
    const keyboard = new InlineKeyboard();
    for (const option of choices) keyboard.text(`${option === choice ? "✅ " : ""}${label(option)}`, myReminders.data({ choice: option })).row();
    return { text: ctx.t("reminders-mine", { current: label(choice) }), keyboard, label };
  };

  feature.command("pengingat", async (ctx) => {
    const { text, keyboard } = await myRemindersView(ctx);
    await ctx.reply(text, { reply_markup: keyboard });
  });

  onButton(buttons, myReminders, async (ctx, { choice }) => {
    await choosePersonalReminders(deps.db, ctx.actor, choice, deps.clock());
    const { text, keyboard, label } = await myRemindersView(ctx);
    await ctx.answerCallbackQuery({ text: ctx.t("reminders-saved", { current: label(choice) }) });
    await redraw(ctx, text, keyboard);
  });

  return composer;
}

