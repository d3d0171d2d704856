/**
 * When a borrower is reminded to bring a book back to the reading corner: on the day before the
 * due date, then on the first day overdue and every seventh day after that (day 1, 8, 15 …) while
 * the book is out. Returned books get nothing. The job (src/scheduling/loan-reminders.ts) only
 * plans and queues what these rules say.
 *
 * A reminder is named by the day it was due, not the day it went out: a day the job did not run is
 * made up on the next run within the same week, once.
 */
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { book, bookLoan, person } from "../../db/schema/index.js";
import { addDays, daysBetween, formatLocalDate, wibDate, type LocalDate } from "../schedule/wib.js";

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

export type LoanToRemind = {
  loanId: number;
  dueAt: Date;
  title: string;
  personId: number;
  /** Null once the borrower erased their data: nobody to remind. */
  chatId: number | null;
  locale: string | null;
  rtId: number;
  name: string | null;
  /**
   * A resident recorded without Telegram (issue 17): nobody to message, so the RT's reading-corner
   * keepers get the reminder, naming the borrower.
   */
  offline: boolean;
  reminder: LoanReminder;
};

/** The open loans of reachable borrowers that get a reminder on the WIB day of `now`. */
export async function loansToRemind(db: Database, now: Date): Promise<LoanToRemind[]> {
  // Due by the end of tomorrow, or overdue: nothing else can be reminded today.
  const horizon = new Date(now.getTime() + 2 * 86_400_000);
  const open = await db
    .select({
      loanId: bookLoan.id, dueAt: bookLoan.dueAt, title: book.title, personId: person.id, chatId: person.telegramId, locale: person.locale, rtId: bookLoan.rtId, name: person.displayName,
      offline: sql<boolean>`(${person.recordedBy} is not null and ${person.telegramId} is null and ${person.erasedAt} is null)`,
    })
    .from(bookLoan)
    .innerJoin(book, eq(book.id, bookLoan.bookId))
    .innerJoin(person, eq(person.id, bookLoan.personId))
    .where(and(isNull(bookLoan.returnedAt), lt(bookLoan.dueAt, horizon), isNull(person.unreachableAt)));
  return open.flatMap((loan) => {
    const reminder = loanReminderFor(loan.dueAt, now);
    return reminder ? [{ ...loan, reminder }] : [];
  });
}
