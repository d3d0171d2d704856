import { InlineKeyboard } from "grammy";
import { timeRefusal } from "../../domain/people/text-input.js";
import { addBook, listCatalogue, type BookView } from "../../domain/pojok-baca/catalogue.js";
import { isKeeper, keptRtId, membersForKeeper } from "../../domain/pojok-baca/keepers.js";
import { dueAtFor, lend, listMyLoans, LOAN_DAYS_CHOICES, LOAN_DAYS_DEFAULT } from "../../domain/pojok-baca/loans.js";
import { reportReading } from "../../domain/pojok-baca/reading-log.js";
import { withCounted } from "../../messages/counted.js";
import { logSession, READING_ACTIVITIES, type ReadingActivity } from "../../domain/pojok-baca/sessions.js";
import { parseActivityNote, parseAttendeeCount, parseBookAuthor, parseBookCopies, parseBookTitle, parseReadingMinutes, parseSessionDate } from "../../domain/pojok-baca/text.js";
import { parseTime, type ParsedTime } from "../../domain/schedule/parse-datetime.js";
import { addDays, wibDate, wibInstant, type LocalDate } from "../../domain/schedule/wib.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { formatWhen, formatWibDay } from "../../messages/format.js";
import { paginatedKeyboard } from "../keyboards/paginate.js";
import { answer } from "../../messages/buttons/common.js";
import { bookOneCopy, loanDays, readingMinutes, readingTitle, sessionActivity, sessionAttendee, sessionAttendeePage, sessionDay } from "../../messages/buttons/pojok-baca.js";
import { holdRight } from "./form-right.js";
import { pickOne } from "./pick.js";
import { askText, explain, formKey, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const LOG_READING_SESSION = "reading-session";
export const ADD_BOOK = "add-book";
export const LEND_BOOK = "lend-book";
export const LOG_READING = "log-reading";
/** The name of /sesibaca's form on its yes/cancel/done buttons. */
const SESSION_FORM = "reading-session";

/**
 * The RT whose corner the person keeps; null for anyone else. The form goes on only while they
 * still keep it (a petugas removed, a ketua handed over, is stopped at their next answer).
 */
async function keeperRt(conversation: Convo, ctx: ConversationContext): Promise<number | null> {
  const rtId = await conversation.external((outside) => keptRtId(outside.actor));
  if (rtId !== null) await holdRight(conversation, ctx, (actor) => isKeeper(actor, rtId));
  return rtId;
}

export function activityName(ctx: { t: ConversationContext["t"] }, activity: ReadingActivity, note: string | null): string {
  return activity === "lainnya" && note ? note : ctx.t(`reading-activity-${activity}`);
}

/** When the session was held: a day (buttons for today and yesterday), then the time. */
async function askHeldAt(conversation: Convo, ctx: ConversationContext, deps: BotDeps): Promise<Date> {
  const clock = async () => new Date(await conversation.external(() => deps.clock().getTime()));
  const today = wibDate(await clock());
  const date = await askText<LocalDate>(conversation, ctx, ctx.t("reading-session-ask-date"), async (text) => parseSessionDate(text, await clock()), [
    { label: ctx.t("button-today"), data: sessionDay.data({ daysAgo: "0" }), value: today },
    { label: ctx.t("button-yesterday"), data: sessionDay.data({ daysAgo: "1" }), value: addDays(today, -1) },
  ]);
  for (;;) {
    const time = await askText<ParsedTime>(conversation, ctx, ctx.t("reading-session-ask-time"), (text) => {
      const parsed = parseTime(text);
      return parsed.ok ? { ok: true as const, value: parsed } : timeRefusal(parsed.reason, "time");
    });
    const at = wibInstant(time.nextDay ? addDays(date, 1) : date, time.time);
    if (at.getTime() <= (await clock()).getTime()) return at;
    await ctx.reply(ctx.t("input-reading-time-future"));
  }
}

async function chooseActivity(conversation: Convo, ctx: ConversationContext): Promise<ReadingActivity | null> {
  const keyboard = new InlineKeyboard();
  for (const activity of READING_ACTIVITIES) keyboard.text(ctx.t(`reading-activity-${activity}`), sessionActivity.data({ activity })).row();
  const cancel = answer.data({ form: SESSION_FORM, choice: "cancel" });
  keyboard.text(ctx.t("button-cancel"), cancel);
  await ctx.reply(ctx.t("reading-session-ask-activity"), { reply_markup: keyboard });
  const { data, ctx: press } = await waitForChoice(conversation, [...READING_ACTIVITIES.map((activity) => sessionActivity.data({ activity })), cancel]);
  await press.editMessageReplyMarkup();
  return sessionActivity.read(data)?.activity ?? null;
}

type Member = { personId: number; name: string | null };

/**
 * Toggle buttons over the RT's members, page by page; "Selesai" with none ticked is fine (the
 * children who come are often not registered). Never more than came.
 */
async function pickAttendees(conversation: Convo, ctx: ConversationContext, members: Member[], count: number): Promise<number[]> {
  if (members.length === 0) return [];
  let chosen = new Set<number>();
  let page = 0;
  const text = () => ctx.t("reading-session-ask-attendees", { chosen: chosen.size, count });
  const done = answer.data({ form: SESSION_FORM, choice: "done" });
  const keyboard = () =>
    paginatedKeyboard(
      // The button carries the state it sets, so a double tap does not undo itself.
      members.map((m, i) => ({ label: `${chosen.has(i) ? "✅" : "⬜"} ${m.name ?? "-"}`, data: sessionAttendee.data({ index: i, on: !chosen.has(i) }) })),
      page,
      // The page is the family's last field: "session.who-page:" + n is its data.
      `${sessionAttendeePage.prefix}:`,
      [[{ label: ctx.t("button-done"), data: done }]],
    );
  await ctx.reply(text(), { reply_markup: keyboard() });
  for (;;) {
    const { data, ctx: press } = await waitForChoice(conversation, new RegExp(`${sessionAttendee.trigger.source}|${sessionAttendeePage.trigger.source}|^${done}$`));
    const toggled = sessionAttendee.read(data);
    const paged = sessionAttendeePage.read(data);
    if (data === done) {
      if (chosen.size > count) {
        await press.reply(press.t("error-reading-attendees-exceed-count", { count, registered: chosen.size }));
        continue;
      }
      await press.editMessageReplyMarkup();
      return [...chosen].sort((a, b) => a - b).map((i) => members[i]!.personId);
    }
    if (paged) {
      if (paged.page === page) continue;
      page = paged.page;
    } else {
      if (!toggled) continue;
      const { index, on } = toggled;
      if (members[index] === undefined || chosen.has(index) === on) continue; // already so: Telegram refuses an edit that changes nothing
      chosen = new Set(chosen);
      if (on) chosen.add(index);
      else chosen.delete(index);
    }
    await press.editMessageText(text(), { reply_markup: keyboard() });
  }
}

async function confirm(conversation: Convo, ctx: ConversationContext, form: string, text: string, saveLabel: string): Promise<ConversationContext | null> {
  const save = answer.data({ form, choice: "yes" });
  const cancel = answer.data({ form, choice: "cancel" });
  await ctx.reply(text, { reply_markup: new InlineKeyboard().text(saveLabel, save).text(ctx.t("button-cancel"), cancel) });
  const { data, ctx: press } = await waitForChoice(conversation, [save, cancel]);
  await press.editMessageReplyMarkup();
  if (data === cancel) {
    await press.reply(press.t("action-cancelled"));
    return null;
  }
  return press;
}

/** /sesibaca: when → activity → how many came → which registered residents → confirm. */
export function createLogReadingSessionConversation(deps: BotDeps) {
  return async function logReadingSession(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const rtId = await keeperRt(conversation, ctx);
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-allowed")));
    const request = await formKey(conversation, "reading-session");
    const heldAt = await askHeldAt(conversation, ctx, deps);
    const activity = await chooseActivity(conversation, ctx);
    if (!activity) return void (await ctx.reply(ctx.t("action-cancelled")));
    const note = activity === "lainnya" ? await askText(conversation, ctx, ctx.t("reading-session-ask-note"), parseActivityNote) : null;
    const count = await askText(conversation, ctx, ctx.t("reading-session-ask-count"), parseAttendeeCount);
    const read = await runOnce(conversation, async (outside) => (await membersForKeeper(deps.db, outside.actor, rtId)).map((m) => ({ personId: m.personId, name: m.name })));
    if (!read.ok) return explain(ctx, read);
    const members = read.value;
    const attendees = await pickAttendees(conversation, ctx, members, count);
    const names = attendees.map((id) => members.find((m) => m.personId === id)?.name ?? "-");
    const locale = await ctx.i18n.getLocale();
    const what = activityName(ctx, activity, note);
    const summary = ctx.t("reading-session-summary", { activity: what, when: formatWhen(heldAt, locale), count, names: names.length ? names.join(", ") : "-" });
    const press = await confirm(conversation, ctx, SESSION_FORM, summary, ctx.t("button-save"));
    if (!press) return;
    const outcome = await runOnce(conversation, async (outside) => {
      const saved = await logSession(deps.db, outside.actor, { requestKey: request, rtId, activity, activityNote: note, heldAt, attendeeCount: count, attendeePersonIds: attendees }, deps.clock());
      return { attendees: saved.attendees, counted: saved.counted };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    await press.reply(withCounted(press.t, press.t("reading-session-saved", { activity: what, when: formatWhen(heldAt, locale), count, registered: outcome.value.attendees }), outcome.value.counted));
  };
}

/** Adding a book: title → author (or skip) → copies → confirm. */
export function createAddBookConversation(deps: BotDeps) {
  return async function addBookConversation(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const rtId = await keeperRt(conversation, ctx);
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-allowed")));
    const title = await askText(conversation, ctx, ctx.t("book-ask-title"), parseBookTitle);
    const author = await askText<string | null>(conversation, ctx, ctx.t("book-ask-author"), parseBookAuthor, [{ label: ctx.t("button-skip"), data: answer.data({ form: ADD_BOOK, choice: "skip" }), value: null }]);
    const copies = await askText(conversation, ctx, ctx.t("book-ask-copies"), parseBookCopies, [{ label: "1", data: bookOneCopy.data({}), value: 1 }]);
    const press = await confirm(conversation, ctx, ADD_BOOK, ctx.t("book-summary", { title, author: author ?? "-", copies }), ctx.t("button-save"));
    if (!press) return;
    const outcome = await runOnce(conversation, async (outside) => {
      const added = await addBook(deps.db, outside.actor, { rtId, title, author, copies }, deps.clock());
      return { title: added.title, copies: added.copies };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    await press.reply(press.t("book-added", outcome.value));
  };
}

/** /pinjam: a book with a copy free → the resident → how long (two weeks unless chosen otherwise). */
export function createLendBookConversation(deps: BotDeps) {
  return async function lendBookConversation(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const rtId = await keeperRt(conversation, ctx);
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-allowed")));
    const request = await formKey(conversation, "book-loan");
    const catalogue = await conversation.external(() => listCatalogue(deps.db, rtId));
    if (catalogue.length === 0) return void (await ctx.reply(ctx.t("loan-catalogue-empty")));
    const free = catalogue.filter((b) => b.available > 0);
    if (free.length === 0) return void (await ctx.reply(ctx.t("loan-all-lent")));
    const chosen = await pickOne<BookView>(conversation, ctx, "loan-book", ctx.t("loan-choose-book"), free, (b) => ctx.t("loan-book-label", { title: b.title, available: b.available, copies: b.copies }));
    if (!chosen) return;
    const read = await runOnce(conversation, async (outside) => (await membersForKeeper(deps.db, outside.actor, rtId)).map((m) => ({ personId: m.personId, name: m.name, household: m.householdLabel })));
    if (!read.ok) return explain(ctx, read);
    const members = read.value;
    const borrower = await pickOne(conversation, ctx, "loan-borrower", ctx.t("loan-choose-borrower", { title: chosen.title }), members, (m) => `${m.name ?? "-"} · ${m.household ?? "-"}`);
    if (!borrower) return;
    const locale = await ctx.i18n.getLocale();
    const now = new Date(await conversation.external(() => deps.clock().getTime()));
    const keyboard = new InlineKeyboard();
    for (const days of [LOAN_DAYS_DEFAULT, ...LOAN_DAYS_CHOICES.filter((d) => d !== LOAN_DAYS_DEFAULT)]) {
      keyboard.text(ctx.t("button-loan-days", { days, day: formatWibDay(dueAtFor(now, days), locale) }), loanDays.data({ days: String(days) })).row();
    }
    const cancel = answer.data({ form: LEND_BOOK, choice: "cancel" });
    keyboard.text(ctx.t("button-cancel"), cancel);
    await ctx.reply(ctx.t("loan-confirm", { title: chosen.title, name: borrower.name ?? "-" }), { reply_markup: keyboard });
    const { data, ctx: press } = await waitForChoice(conversation, [...LOAN_DAYS_CHOICES.map((d) => loanDays.data({ days: String(d) })), cancel]);
    await press.editMessageReplyMarkup();
    const chosenDays = loanDays.read(data);
    if (!chosenDays) return void (await press.reply(press.t("action-cancelled")));
    const days = Number(chosenDays.days);
    const outcome = await runOnce(conversation, async (outside) => {
      // The borrower's notice is queued with the loan, so a failed reply below loses nothing.
      const { loan } = await lend(deps, outside.actor, { requestKey: request, bookId: chosen.id, personId: borrower.personId, days });
      const dueAt = new Date(loan.dueAt);
      // Plain numbers: results of `external` are stored as JSON for replays.
      return { title: loan.title, name: loan.borrowerName ?? "-", dueAt: dueAt.getTime(), reachable: loan.borrowerTelegramId !== null };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    // A borrower without Telegram (issue 17) gets no reminder: the keeper is asked to remind them.
    await press.reply(press.t(outcome.value.reachable ? "loan-done" : "loan-done-offline", { title: outcome.value.title, name: outcome.value.name, day: formatWibDay(new Date(outcome.value.dueAt), locale) }));
  };
}

const MINUTE_SHORTCUTS = [15, 30, 60];

/** /baca: what was read → for how long → send to the keepers for confirmation. */
export function createLogReadingConversation(deps: BotDeps) {
  return async function logReadingConversation(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const request = await formKey(conversation, "reading-log");
    // The books the resident has on loan are the likeliest answers.
    const borrowed = await conversation.external(async (outside) => (outside.actor.person ? (await listMyLoans(deps.db, outside.actor.person.id)).map((l) => l.title) : []));
    const titles = [...new Set(borrowed)].slice(0, 3);
    const title = await askText(conversation, ctx, ctx.t("reading-log-ask-title"), parseBookTitle, titles.map((t, i) => ({ label: t, data: readingTitle.data({ index: i }), value: t })));
    const minutes = await askText(conversation, ctx, ctx.t("reading-log-ask-minutes"), parseReadingMinutes, MINUTE_SHORTCUTS.map((m) => ({ label: ctx.t("button-minutes", { minutes: m }), data: readingMinutes.data({ minutes: m }), value: m })));
    const press = await confirm(conversation, ctx, LOG_READING, ctx.t("reading-log-summary", { title, minutes }), ctx.t("button-send-report"));
    if (!press) return;
    const outcome = await runOnce(conversation, async (outside) => {
      // The keepers' copies are queued with the report, so a failed reply below loses nothing.
      const { told } = await reportReading(deps, outside.actor, { requestKey: request, minutes, title });
      return { told };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    await press.reply(press.t(outcome.value.told > 0 ? "reading-log-sent" : "reading-log-sent-no-keeper", { title, minutes }));
  };
}
