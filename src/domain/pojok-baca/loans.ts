import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { book, bookLoan, person } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { recordParticipation } from "../participation/participation.js";
import { addDays, wibDate, wibInstant } from "../schedule/wib.js";
import { activeMembersAmong, requireKeeper } from "./keepers.js";
import { formatWibDay } from "../../messages/format.js";
import { eventKey, queueNotices } from "../../messages/notices.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { noticeInTheirLanguage } from "./notices.js";

export const LOAN_DAYS_DEFAULT = 14;
/** The loan periods a keeper can pick; two weeks unless they say otherwise. */
export const LOAN_DAYS_CHOICES = [7, 14, 21] as const;
export const LOAN_DAYS_MAX = 60;

export function loanSourceKey(loanId: number): string {
  return `book-loan:${loanId}`;
}

/** A book lent today for `days` days is due by the end of that day, WIB (23.59). */
export function dueAtFor(now: Date, days: number): Date {
  return wibInstant(addDays(wibDate(now), days), { hour: 23, minute: 59 });
}

export type LoanView = {
  id: number;
  bookId: number;
  rtId: number;
  title: string;
  personId: number;
  borrowerName: string | null;
  borrowerTelegramId: number | null;
  lentAt: Date;
  dueAt: Date;
  returnedAt: Date | null;
};

const loanColumns = {
  id: bookLoan.id,
  bookId: bookLoan.bookId,
  rtId: bookLoan.rtId,
  title: book.title,
  personId: bookLoan.personId,
  borrowerName: person.displayName,
  borrowerTelegramId: person.telegramId,
  lentAt: bookLoan.lentAt,
  dueAt: bookLoan.dueAt,
  returnedAt: bookLoan.returnedAt,
};

function loans(db: Database) {
  return db.select(loanColumns).from(bookLoan).innerJoin(book, eq(book.id, bookLoan.bookId)).innerJoin(person, eq(person.id, bookLoan.personId));
}

export async function getLoan(db: Database, loanId: number): Promise<LoanView> {
  const [row] = await loans(db).where(eq(bookLoan.id, loanId));
  if (!row) throw new DomainError("loan-not-found");
  return row;
}

export type LendInput = {
  /** Made once per form, so confirming twice lends once. */
  requestKey: string;
  bookId: number;
  /** The borrower: an active member of the book's RT. */
  personId: number;
  days?: number;
};

/**
 * A keeper lends a copy to a resident of the RT. The book's row is locked for the check and the
 * insert, so two keepers lending the last copy at the same moment lend it once: the second
 * waits, then sees no copy free. Writes a participation record (kind pojok_baca_pinjam).
 */
export async function lendBook(db: Database, actor: Actor, input: LendInput, now: Date): Promise<{ loan: LoanView; created: boolean }> {
  const days = input.days ?? LOAN_DAYS_DEFAULT;
  if (!Number.isInteger(days) || days < 1 || days > LOAN_DAYS_MAX) throw new RangeError(`loan days out of range: ${days}`);
  return db.transaction(async (tx) => {
    const [lent] = await tx.select().from(book).where(eq(book.id, input.bookId)).for("update");
    if (!lent) throw new DomainError("book-not-found");
    requireKeeper(actor, lent.rtId);
    const [again] = await tx.select({ id: bookLoan.id }).from(bookLoan).where(eq(bookLoan.requestKey, input.requestKey));
    if (again) return { loan: await getLoan(tx, again.id), created: false };
    if (lent.retiredAt) throw new DomainError("book-not-found");
    const borrower = (await activeMembersAmong(tx, lent.rtId, [input.personId])).get(input.personId);
    if (!borrower) throw new DomainError("borrower-not-member");
    const open = await tx
      .select({ personId: bookLoan.personId })
      .from(bookLoan)
      .where(and(eq(bookLoan.bookId, lent.id), isNull(bookLoan.returnedAt)));
    if (open.length >= lent.copies) throw new DomainError("book-no-copy-free", { title: lent.title });
    if (open.some((loan) => loan.personId === input.personId)) throw new DomainError("book-already-borrowed", { name: borrower.name ?? "-", title: lent.title });
    const [created] = await tx
      .insert(bookLoan)
      .values({ requestKey: input.requestKey, bookId: lent.id, rtId: lent.rtId, personId: input.personId, lentAt: now, dueAt: dueAtFor(now, days), lentBy: actor.person!.id })
      .returning({ id: bookLoan.id });
    await recordParticipation(
      tx,
      {
        sourceKey: loanSourceKey(created!.id),
        rtId: lent.rtId,
        personId: input.personId,
        householdLabel: borrower.householdLabel,
        kind: "pojok_baca_pinjam",
        occurredAt: now,
        verified: true,
        source: "loan",
        recordedBy: actor.person!.id,
      },
      now,
    );
    return { loan: await getLoan(tx, created!.id), created: true };
  });
}

/** A keeper takes a book back. Pressing "Kembali" twice returns it once. */
export async function returnBook(db: Database, actor: Actor, loanId: number, now: Date): Promise<{ loan: LoanView; returned: boolean }> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ rtId: bookLoan.rtId }).from(bookLoan).where(eq(bookLoan.id, loanId)).for("update");
    if (!locked) throw new DomainError("loan-not-found");
    requireKeeper(actor, locked.rtId);
    const rows = await tx
      .update(bookLoan)
      .set({ returnedAt: now, returnedBy: actor.person!.id })
      .where(and(eq(bookLoan.id, loanId), isNull(bookLoan.returnedAt)))
      .returning({ id: bookLoan.id });
    return { loan: await getLoan(tx, loanId), returned: rows.length > 0 };
  });
}

/**
 * /pinjam confirmed: lends the copy (see lendBook) and queues the borrower's notice (what, due
 * when, in their language) in the same transaction. Idempotent by the form's request key: a
 * repeated confirmation lends nothing new and queues nothing new.
 */
export async function lend(deps: ServiceDeps, actor: Actor, input: LendInput): Promise<{ loan: LoanView; created: boolean }> {
  return inTransaction(deps, async (tx) => {
    const now = deps.clock();
    const lent = await lendBook(tx, actor, input, now);
    const { loan } = lent;
    if (lent.created) {
      const notices = await noticeInTheirLanguage(tx, deps.i18n, { personId: loan.personId, telegramId: loan.borrowerTelegramId }, eventKey("book-loan", loan.id), (t, locale) =>
        t("loan-notice", { title: loan.title, day: formatWibDay(loan.dueAt, locale) }),
      );
      await queueNotices(tx, now, notices);
    }
    return lent;
  });
}

/**
 * "Kembali" pressed: the book is back (see returnBook) and the borrower is told, in the same
 * transaction. Idempotent by the loan: a second press returns nothing and tells nobody again.
 */
export async function takeBack(deps: ServiceDeps, actor: Actor, loanId: number): Promise<{ loan: LoanView; returned: boolean }> {
  return inTransaction(deps, async (tx) => {
    const now = deps.clock();
    const back = await returnBook(tx, actor, loanId, now);
    const { loan } = back;
    if (back.returned) {
      const notices = await noticeInTheirLanguage(tx, deps.i18n, { personId: loan.personId, telegramId: loan.borrowerTelegramId }, eventKey("book-return", loan.id), (t) =>
        t("loan-returned-notice", { title: loan.title }),
      );
      await queueNotices(tx, now, notices);
    }
    return back;
  });
}

/** Books out now in an RT, the longest overdue first. */
export async function listOpenLoans(db: Database, rtId: number): Promise<LoanView[]> {
  return loans(db).where(and(eq(bookLoan.rtId, rtId), isNull(bookLoan.returnedAt))).orderBy(asc(bookLoan.dueAt), asc(bookLoan.id));
}

/** The books a resident has now, the soonest due first. */
export async function listMyLoans(db: Database, personId: number): Promise<LoanView[]> {
  return loans(db).where(and(eq(bookLoan.personId, personId), isNull(bookLoan.returnedAt))).orderBy(asc(bookLoan.dueAt), asc(bookLoan.id));
}

