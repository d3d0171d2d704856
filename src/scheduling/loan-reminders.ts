/**
 * Reminders to return books to the reading corner: a job function run once a day (08.00 WIB, see
 * src/main.ts) that queues them in the delivery outbox. `now` is a parameter, so a test runs it as
 * `planLoanReminders(deps, fixedNow)`.
 *
 * A borrower hears on the day before the due date, then on the first day overdue and every
 * seventh day after that (day 1, 8, 15 …) while the book is out. Each reminder is one outbox row
 * under `loan-reminder:<loan>:<reminder day>`, so running twice (a retry, two instances) queues it
 * once. A day the job did not run is made up on the next run within the same week: the key is
 * the day the reminder was due, not the day it went out. Returned books get nothing.
 */
import { and, eq, isNull, lt } from "drizzle-orm";
import { formatWibDay } from "../messages/format.js";
import { book, bookLoan, person } from "../db/schema/index.js";
import { enqueueMessages, PRIORITY, type NewOutboxMessage } from "../delivery/outbox.js";
import { supportedLocale } from "../messages/locale.js";
import { addDays, daysBetween, formatLocalDate, wibDate, type LocalDate } from "../domain/schedule/wib.js";
import type { ReminderDeps } from "./reminders.js";

/** Overdue reminders repeat this often. */
export const OVERDUE_EVERY_DAYS = 7;

export function loanReminderKey(loanId: number, day: LocalDate): string {
  return `loan-reminder:${loanId}:${formatLocalDate(day)}`;
}

export type LoanReminder = { kind: "due-tomorrow"; day: LocalDate } | { kind: "overdue"; day: LocalDate; daysLate: number };

/** The reminder a loan due at `dueAt` gets on the WIB day of `now`, if any. */
export function loanReminderFor(dueAt: Date, now: Date): LoanReminder | null {
  const due = wibDate(dueAt);
  const today = wibDate(now);
  const late = daysBetween(due, today);
  if (late === -1) return { kind: "due-tomorrow", day: today };
  if (late < 1) return null;
  const slot = 1 + Math.floor((late - 1) / OVERDUE_EVERY_DAYS) * OVERDUE_EVERY_DAYS;
  return { kind: "overdue", day: addDays(due, slot), daysLate: late };
}


export type LoanReminderResult = { queued: number; due: number };

export async function planLoanReminders(deps: ReminderDeps, now: Date): Promise<LoanReminderResult> {
  const { db, i18n } = deps;
  // Due by the end of tomorrow, or overdue: nothing else can be reminded today.
  const horizon = new Date(now.getTime() + 2 * 86_400_000);
  const open = await db
    .select({ loanId: bookLoan.id, dueAt: bookLoan.dueAt, title: book.title, personId: person.id, chatId: person.telegramId, locale: person.locale })
    .from(bookLoan)
    .innerJoin(book, eq(book.id, bookLoan.bookId))
    .innerJoin(person, eq(person.id, bookLoan.personId))
    .where(and(isNull(bookLoan.returnedAt), lt(bookLoan.dueAt, horizon), isNull(person.unreachableAt)));
  const messages: NewOutboxMessage[] = [];
  for (const loan of open) {
    const reminder = loanReminderFor(loan.dueAt, now);
    if (!reminder || loan.chatId === null) continue; // erased: nobody to remind
    const locale = supportedLocale(loan.locale);
    const day = formatWibDay(loan.dueAt, locale);
    const text = reminder.kind === "due-tomorrow"
      ? i18n.t(locale, "loan-reminder-due", { title: loan.title, day })
      : i18n.t(locale, "loan-reminder-overdue", { title: loan.title, day, days: reminder.daysLate });
    messages.push({ dedupeKey: loanReminderKey(loan.loanId, reminder.day), chatId: loan.chatId, personId: loan.personId, priority: PRIORITY.reminder, payload: { text }, notBefore: now });
  }
  const queued = messages.length > 0 ? await enqueueMessages(db, messages) : 0;
  if (queued > 0) {
    deps.logger.info({ queued }, "book return reminders queued");
    deps.wakeDelivery?.();
  }
  return { queued, due: messages.length };
}
