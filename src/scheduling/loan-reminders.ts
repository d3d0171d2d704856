/**
 * Reminders to return books to the reading corner: a job function run once a day (08.00 WIB, see
 * src/main.ts) that queues them in the delivery outbox. `now` is a parameter, so a test runs it as
 * `planLoanReminders(deps, fixedNow)`. Which loan is reminded when is the reading corner's rule
 * (src/domain/pojok-baca/loan-reminders.ts); each reminder is one outbox row under its key, so
 * running twice (a retry, two instances) queues it once.
 */
import { formatWibDay } from "../messages/format.js";
import { enqueueMessages, PRIORITY, type NewOutboxMessage } from "../delivery/outbox.js";
import { supportedLocale } from "../messages/locale.js";
import { listKeepers, type KeeperRecipient } from "../domain/pojok-baca/keepers.js";
import { loanReminderKey, loansToRemind, type LoanToRemind } from "../domain/pojok-baca/loan-reminders.js";
import type { ReminderDeps } from "./reminders.js";

export type LoanReminderResult = { queued: number; due: number };

export async function planLoanReminders(deps: ReminderDeps, now: Date): Promise<LoanReminderResult> {
  const { db, i18n } = deps;
  const messages: NewOutboxMessage[] = [];
  const keepers = new Map<number, KeeperRecipient[]>();
  for (const loan of await loansToRemind(db, now)) {
    const { reminder } = loan;
    if (loan.chatId === null && loan.offline) {
      // A borrower without Telegram: the RT's keepers are reminded for them, each once.
      if (!keepers.has(loan.rtId)) keepers.set(loan.rtId, await listKeepers(db, loan.rtId));
      for (const keeper of keepers.get(loan.rtId)!) messages.push(keeperReminder(deps, loan, keeper, now));
      continue;
    }
    if (loan.chatId === null) continue; // erased: nobody to remind
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

function keeperReminder(deps: ReminderDeps, loan: LoanToRemind, keeper: KeeperRecipient, now: Date): NewOutboxMessage {
  const { reminder } = loan;
  const locale = supportedLocale(keeper.locale);
  const day = formatWibDay(loan.dueAt, locale);
  const vars = { title: loan.title, day, name: loan.name ?? "-" };
  const text = reminder.kind === "due-tomorrow"
    ? deps.i18n.t(locale, "loan-reminder-keeper-due", vars)
    : deps.i18n.t(locale, "loan-reminder-keeper-overdue", { ...vars, days: reminder.daysLate });
  return {
    dedupeKey: `${loanReminderKey(loan.loanId, reminder.day)}:keeper:${keeper.personId}`, chatId: keeper.telegramId, personId: keeper.personId,
    subjectPersonIds: [loan.personId], priority: PRIORITY.reminder, payload: { text }, notBefore: now,
  };
}
