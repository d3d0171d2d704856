import { randomUUID } from "node:crypto";
import { InlineKeyboard } from "grammy";
import { listActiveMembers } from "../../domain/events/events.js";
import { timeRefusal } from "../../domain/people/text-input.js";
import { findLocale } from "../../domain/people/person.js";
import { addBook, listCatalogue, type BookView } from "../../domain/pojok-baca/catalogue.js";
import { keptRtId, listKeepers } from "../../domain/pojok-baca/keepers.js";
import { dueAtFor, lendBook, listMyLoans, LOAN_DAYS_CHOICES, LOAN_DAYS_DEFAULT } from "../../domain/pojok-baca/loans.js";
import { logReading, type ReadingLogView } from "../../domain/pojok-baca/reading-log.js";
import { logSession, READING_ACTIVITIES, type ReadingActivity } from "../../domain/pojok-baca/sessions.js";
import { parseActivityNote, parseAttendeeCount, parseBookAuthor, parseBookCopies, parseBookTitle, parseReadingMinutes, parseSessionDate } from "../../domain/pojok-baca/text.js";
import { parseTime, type ParsedTime } from "../../domain/schedule/parse-datetime.js";
import { addDays, wibDate, wibInstant, type LocalDate } from "../../domain/schedule/wib.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { formatWhen, formatWibDay } from "../../messages/format.js";
import { paginatedKeyboard } from "../keyboards/paginate.js";
import { eventKey, queueNotices, type Notice } from "../notifications.js";
import { pickOne } from "./pick.js";
import { askText, explain, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const LOG_READING_SESSION = "reading-session";
export const ADD_BOOK = "add-book";
export const LEND_BOOK = "lend-book";
export const LOG_READING = "log-reading";

/**
 * The request key of one form: made once (replays read it back), so the same form submitted
 * twice, or its last step handled again after a failure, writes once.
 */
function requestKey(conversation: Convo, kind: string): Promise<string> {
  return conversation.external(() => `${kind}:${randomUUID()}`);
}

/** The RT whose corner the person keeps; null for anyone else. */
function keeperRt(conversation: Convo): Promise<number | null> {
  return conversation.external((outside) => keptRtId(outside.actor));
}

/** Messages to someone else in their own language; `text` is called with the recipient's locale. */
export async function noticeFor(
  deps: BotDeps,
  recipient: { personId: number; telegramId: number | null },
  event: string,
  text: (locale: string) => string,
  replyMarkup?: (locale: string) => InlineKeyboard,
): Promise<Notice[]> {
  if (recipient.telegramId === null) return []; // erased: nobody to tell
  const locale = (await findLocale(deps.db, recipient.telegramId)) ?? "id";
  return [{ event, chatId: recipient.telegramId, personId: recipient.personId, text: text(locale), ...(replyMarkup ? { replyMarkup: replyMarkup(locale) } : {}) }];
}

export function activityName(ctx: { t: ConversationContext["t"] }, activity: ReadingActivity, note: string | null): string {
  return activity === "lainnya" && note ? note : ctx.t(`reading-activity-${activity}`);
}

/** The keepers' buttons on a resident's reading report. */
export function readingDecisionKeyboard(t: (key: string) => string, logId: number): InlineKeyboard {
  return new InlineKeyboard().text(t("button-reading-confirm"), `rlog:ok:${logId}`).text(t("button-reading-reject"), `rlog:no:${logId}`);
}

export function readingRequestText(t: (key: string, vars?: Record<string, string | number>) => string, log: Pick<ReadingLogView, "name" | "title" | "minutes" | "loggedAt">, locale: string): string {
  return t("reading-log-request", { name: log.name ?? "-", title: log.title, minutes: log.minutes, when: formatWhen(new Date(log.loggedAt), locale) });
}

/** When the session was held: a day (buttons for today and yesterday), then the time. */
async function askHeldAt(conversation: Convo, ctx: ConversationContext, deps: BotDeps): Promise<Date> {
  const clock = async () => new Date(await conversation.external(() => deps.clock().getTime()));
  const today = wibDate(await clock());
  const date = await askText<LocalDate>(conversation, ctx, ctx.t("reading-session-ask-date"), async (text) => parseSessionDate(text, await clock()), [
    { label: ctx.t("button-today"), data: "sb:date:0", value: today },
    { label: ctx.t("button-yesterday"), data: "sb:date:1", value: addDays(today, -1) },
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
  for (const activity of READING_ACTIVITIES) keyboard.text(ctx.t(`reading-activity-${activity}`), `sb:act:${activity}`).row();
  keyboard.text(ctx.t("button-cancel"), "sb:cancel");
  await ctx.reply(ctx.t("reading-session-ask-activity"), { reply_markup: keyboard });
  const { data, ctx: press } = await waitForChoice(conversation, [...READING_ACTIVITIES.map((a) => `sb:act:${a}`), "sb:cancel"]);
  await press.editMessageReplyMarkup();
  return data === "sb:cancel" ? null : (data.slice("sb:act:".length) as ReadingActivity);
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
  const keyboard = () =>
    paginatedKeyboard(
      // The button carries the state it sets, so a double tap does not undo itself.
      members.map((m, i) => ({ label: `${chosen.has(i) ? "✅" : "⬜"} ${m.name ?? "-"}`, data: `sbh:t:${i}:${chosen.has(i) ? 0 : 1}` })),
      page,
      "sbh:pg:",
      [[{ label: ctx.t("button-done"), data: "sbh:done" }]],
    );
  await ctx.reply(text(), { reply_markup: keyboard() });
  for (;;) {
    const { data, ctx: press } = await waitForChoice(conversation, /^sbh:(t:\d+:[01]|pg:\d+|done)$/);
    const [, action, first, second] = data.split(":");
    if (action === "done") {
      if (chosen.size > count) {
        await press.reply(press.t("error-reading-attendees-exceed-count", { count, registered: chosen.size }));
        continue;
      }
      await press.editMessageReplyMarkup();
      return [...chosen].sort((a, b) => a - b).map((i) => members[i]!.personId);
    }
    if (action === "pg") {
      if (Number(first) === page) continue;
      page = Number(first);
    } else {
      const index = Number(first);
      const on = second === "1";
      if (members[index] === undefined || chosen.has(index) === on) continue; // already so: Telegram refuses an edit that changes nothing
      chosen = new Set(chosen);
      if (on) chosen.add(index);
      else chosen.delete(index);
    }
    await press.editMessageText(text(), { reply_markup: keyboard() });
  }
}

async function confirm(conversation: Convo, ctx: ConversationContext, prefix: string, text: string, saveLabel: string): Promise<ConversationContext | null> {
  await ctx.reply(text, { reply_markup: new InlineKeyboard().text(saveLabel, `${prefix}:save`).text(ctx.t("button-cancel"), `${prefix}:cancel`) });
  const { data, ctx: press } = await waitForChoice(conversation, [`${prefix}:save`, `${prefix}:cancel`]);
  await press.editMessageReplyMarkup();
  if (data.endsWith(":cancel")) {
    await press.reply(press.t("action-cancelled"));
    return null;
  }
  return press;
}

/** /sesibaca: when → activity → how many came → which registered residents → confirm. */
export function createLogReadingSessionConversation(deps: BotDeps) {
  return async function logReadingSession(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const rtId = await keeperRt(conversation);
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-allowed")));
    const request = await requestKey(conversation, "reading-session");
    const heldAt = await askHeldAt(conversation, ctx, deps);
    const activity = await chooseActivity(conversation, ctx);
    if (!activity) return void (await ctx.reply(ctx.t("action-cancelled")));
    const note = activity === "lainnya" ? await askText(conversation, ctx, ctx.t("reading-session-ask-note"), parseActivityNote) : null;
    const count = await askText(conversation, ctx, ctx.t("reading-session-ask-count"), parseAttendeeCount);
    const members = await conversation.external(async () => (await listActiveMembers(deps.db, rtId)).map((m) => ({ personId: m.personId, name: m.name })));
    const attendees = await pickAttendees(conversation, ctx, members, count);
    const names = attendees.map((id) => members.find((m) => m.personId === id)?.name ?? "-");
    const locale = await ctx.i18n.getLocale();
    const what = activityName(ctx, activity, note);
    const summary = ctx.t("reading-session-summary", { activity: what, when: formatWhen(heldAt, locale), count, names: names.length ? names.join(", ") : "-" });
    const press = await confirm(conversation, ctx, "sb", summary, ctx.t("button-save"));
    if (!press) return;
    const outcome = await runOnce(conversation, async (outside) => {
      const saved = await logSession(deps.db, outside.actor, { requestKey: request, rtId, activity, activityNote: note, heldAt, attendeeCount: count, attendeePersonIds: attendees }, deps.clock());
      return { attendees: saved.attendees };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    await press.reply(press.t("reading-session-saved", { activity: what, when: formatWhen(heldAt, locale), count, registered: outcome.value.attendees }));
  };
}

/** Adding a book: title → author (or skip) → copies → confirm. */
export function createAddBookConversation(deps: BotDeps) {
  return async function addBookConversation(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const rtId = await keeperRt(conversation);
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-allowed")));
    const title = await askText(conversation, ctx, ctx.t("book-ask-title"), parseBookTitle);
    const author = await askText<string | null>(conversation, ctx, ctx.t("book-ask-author"), parseBookAuthor, [{ label: ctx.t("button-skip"), data: "bka:author:skip", value: null }]);
    const copies = await askText(conversation, ctx, ctx.t("book-ask-copies"), parseBookCopies, [{ label: "1", data: "bka:copies:1", value: 1 }]);
    const press = await confirm(conversation, ctx, "bka", ctx.t("book-summary", { title, author: author ?? "-", copies }), ctx.t("button-save"));
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
    const rtId = await keeperRt(conversation);
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-allowed")));
    const request = await requestKey(conversation, "book-loan");
    const catalogue = await conversation.external(() => listCatalogue(deps.db, rtId));
    if (catalogue.length === 0) return void (await ctx.reply(ctx.t("loan-catalogue-empty")));
    const free = catalogue.filter((b) => b.available > 0);
    if (free.length === 0) return void (await ctx.reply(ctx.t("loan-all-lent")));
    const chosen = await pickOne<BookView>(conversation, ctx, "pjb", ctx.t("loan-choose-book"), free, (b) => ctx.t("loan-book-label", { title: b.title, available: b.available, copies: b.copies }));
    if (!chosen) return;
    const members = await conversation.external(async () => (await listActiveMembers(deps.db, rtId)).map((m) => ({ personId: m.personId, name: m.name, household: m.householdLabel })));
    const borrower = await pickOne(conversation, ctx, "pjw", ctx.t("loan-choose-borrower", { title: chosen.title }), members, (m) => `${m.name ?? "-"} · ${m.household ?? "-"}`);
    if (!borrower) return;
    const locale = await ctx.i18n.getLocale();
    const now = new Date(await conversation.external(() => deps.clock().getTime()));
    const keyboard = new InlineKeyboard();
    for (const days of [LOAN_DAYS_DEFAULT, ...LOAN_DAYS_CHOICES.filter((d) => d !== LOAN_DAYS_DEFAULT)]) {
      keyboard.text(ctx.t("button-loan-days", { days, day: formatWibDay(dueAtFor(now, days), locale) }), `pj:days:${days}`).row();
    }
    keyboard.text(ctx.t("button-cancel"), "pj:cancel");
    await ctx.reply(ctx.t("loan-confirm", { title: chosen.title, name: borrower.name ?? "-" }), { reply_markup: keyboard });
    const { data, ctx: press } = await waitForChoice(conversation, [...LOAN_DAYS_CHOICES.map((d) => `pj:days:${d}`), "pj:cancel"]);
    await press.editMessageReplyMarkup();
    if (data === "pj:cancel") return void (await press.reply(press.t("action-cancelled")));
    const days = Number(data.slice("pj:days:".length));
    const outcome = await runOnce(conversation, async (outside) => {
      const { loan } = await lendBook(deps.db, outside.actor, { requestKey: request, bookId: chosen.id, personId: borrower.personId, days }, deps.clock());
      const dueAt = new Date(loan.dueAt);
      const notices = await noticeFor(deps, { personId: loan.personId, telegramId: loan.borrowerTelegramId }, eventKey("book-loan", loan.id), (l) =>
        deps.i18n.t(l, "loan-notice", { title: loan.title, day: formatWibDay(dueAt, l) }),
      );
      await queueNotices(deps, notices);
      // Plain numbers: results of `external` are stored as JSON for replays.
      return { title: loan.title, name: loan.borrowerName ?? "-", dueAt: dueAt.getTime() };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    await press.reply(press.t("loan-done", { title: outcome.value.title, name: outcome.value.name, day: formatWibDay(new Date(outcome.value.dueAt), locale) }));
  };
}

const MINUTE_SHORTCUTS = [15, 30, 60];

/** /baca: what was read → for how long → send to the keepers for confirmation. */
export function createLogReadingConversation(deps: BotDeps) {
  return async function logReadingConversation(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const request = await requestKey(conversation, "reading-log");
    // The books the resident has on loan are the likeliest answers.
    const borrowed = await conversation.external(async (outside) => (outside.actor.person ? (await listMyLoans(deps.db, outside.actor.person.id)).map((l) => l.title) : []));
    const titles = [...new Set(borrowed)].slice(0, 3);
    const title = await askText(conversation, ctx, ctx.t("reading-log-ask-title"), parseBookTitle, titles.map((t, i) => ({ label: t, data: `rb:title:${i}`, value: t })));
    const minutes = await askText(conversation, ctx, ctx.t("reading-log-ask-minutes"), parseReadingMinutes, MINUTE_SHORTCUTS.map((m) => ({ label: ctx.t("button-minutes", { minutes: m }), data: `rb:min:${m}`, value: m })));
    const press = await confirm(conversation, ctx, "rb", ctx.t("reading-log-summary", { title, minutes }), ctx.t("button-send-report"));
    if (!press) return;
    const outcome = await runOnce(conversation, async (outside) => {
      const { log } = await logReading(deps.db, outside.actor, { requestKey: request, minutes, title }, deps.clock());
      const keepers = (await listKeepers(deps.db, log.rtId)).filter((k) => k.personId !== log.personId);
      const notices = keepers.map((keeper) => ({
        event: eventKey("reading-log", log.id),
        chatId: keeper.telegramId,
        personId: keeper.personId,
        text: readingRequestText((k, vars) => deps.i18n.t(keeper.locale, k, vars), log, keeper.locale),
        replyMarkup: readingDecisionKeyboard((k) => deps.i18n.t(keeper.locale, k), log.id),
      }));
      await queueNotices(deps, notices);
      return { told: keepers.length };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    await press.reply(press.t(outcome.value.told > 0 ? "reading-log-sent" : "reading-log-sent-no-keeper", { title, minutes }));
  };
}
