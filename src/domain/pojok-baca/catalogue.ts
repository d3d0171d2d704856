import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { book, bookLoan, rt } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { requireKeeper } from "./keepers.js";
import { BOOK_COPIES_MAX } from "./text.js";

export type BookView = {
  id: number;
  rtId: number;
  title: string;
  author: string | null;
  copies: number;
  /** Copies out on loan now. */
  lent: number;
  available: number;
  retired: boolean;
};

const bookColumns = { id: book.id, rtId: book.rtId, title: book.title, author: book.author, copies: book.copies, retiredAt: book.retiredAt, lent: sql<number>`count(${bookLoan.id})`.mapWith(Number) };

/** Books with their copies out on loan now. */
function books(db: Database) {
  return db.select(bookColumns).from(book).leftJoin(bookLoan, and(eq(bookLoan.bookId, book.id), isNull(bookLoan.returnedAt))).$dynamic();
}

function view(row: { id: number; rtId: number; title: string; author: string | null; copies: number; retiredAt: Date | null; lent: number }): BookView {
  return { id: row.id, rtId: row.rtId, title: row.title, author: row.author, copies: row.copies, lent: row.lent, available: Math.max(0, row.copies - row.lent), retired: row.retiredAt !== null };
}

/** The RT's catalogue (books not retired), by title, with the copies free to lend. */
export async function listCatalogue(db: Database, rtId: number): Promise<BookView[]> {
  const rows = await books(db).where(and(eq(book.rtId, rtId), isNull(book.retiredAt))).groupBy(book.id).orderBy(asc(sql`lower(${book.title})`), asc(book.id));
  return rows.map(view);
}

/** Any book, retired or not; book-not-found if there is none. */
export async function getBook(db: Database, bookId: number): Promise<BookView> {
  const [row] = await books(db).where(eq(book.id, bookId)).groupBy(book.id);
  if (!row) throw new DomainError("book-not-found");
  return view(row);
}

export type NewBook = { rtId: number; title: string; author: string | null; copies: number };

/**
 * Adds a title to the corner's catalogue. A title already there (same words, any case) is not
 * added twice: the keeper changes its copies instead. Adds to one RT run one at a time, so two
 * keepers adding the same title at once make one book.
 */
export async function addBook(db: Database, actor: Actor, input: NewBook, now: Date): Promise<BookView> {
  requireKeeper(actor, input.rtId);
  if (!Number.isInteger(input.copies) || input.copies < 1 || input.copies > BOOK_COPIES_MAX) throw new RangeError(`copies out of range: ${input.copies}`);
  return db.transaction(async (tx) => {
    // NO KEY UPDATE: serialises adds to this RT's catalogue without blocking rows that only reference the RT.
    await tx.select({ id: rt.id }).from(rt).where(eq(rt.id, input.rtId)).for("no key update");
    const [existing] = await tx
      .select({ title: book.title, copies: book.copies })
      .from(book)
      .where(and(eq(book.rtId, input.rtId), isNull(book.retiredAt), sql`lower(${book.title}) = lower(${input.title})`));
    if (existing) throw new DomainError("book-exists", { title: existing.title, copies: existing.copies });
    const [created] = await tx
      .insert(book)
      .values({ rtId: input.rtId, title: input.title, author: input.author, copies: input.copies, addedBy: actor.person?.id ?? null, addedAt: now })
      .returning({ id: book.id });
    return getBook(tx, created!.id);
  });
}

/**
 * Sets how many copies the corner has. The button carries the number it sets, so a double tap
 * sets it once; never fewer than are out on loan.
 */
export async function setCopies(db: Database, actor: Actor, bookId: number, copies: number): Promise<{ book: BookView; changed: boolean }> {
  if (!Number.isInteger(copies) || copies < 1 || copies > BOOK_COPIES_MAX) throw new RangeError(`copies out of range: ${copies}`);
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: book.id }).from(book).where(eq(book.id, bookId)).for("update");
    if (!locked) throw new DomainError("book-not-found");
    const current = await getBook(tx, bookId);
    requireKeeper(actor, current.rtId);
    if (current.retired) throw new DomainError("book-not-found");
    if (copies < current.lent) throw new DomainError("book-copies-below-lent", { lent: current.lent });
    if (copies === current.copies) return { book: current, changed: false };
    await tx.update(book).set({ copies }).where(eq(book.id, bookId));
    return { book: await getBook(tx, bookId), changed: true };
  });
}

/** Takes a book out of the catalogue (lost, worn out, given away); only when no copy is out. */
export async function retireBook(db: Database, actor: Actor, bookId: number, now: Date): Promise<{ book: BookView; retired: boolean }> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: book.id }).from(book).where(eq(book.id, bookId)).for("update");
    if (!locked) throw new DomainError("book-not-found");
    const current = await getBook(tx, bookId);
    requireKeeper(actor, current.rtId);
    if (current.retired) return { book: current, retired: false };
    if (current.lent > 0) throw new DomainError("book-has-open-loans", { count: current.lent });
    await tx.update(book).set({ retiredAt: now }).where(and(eq(book.id, bookId), isNull(book.retiredAt)));
    return { book: await getBook(tx, bookId), retired: true };
  });
}
