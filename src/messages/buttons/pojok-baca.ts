import { AUDIENCES } from "../../domain/people/audience.js";
import { LOAN_DAYS_CHOICES } from "../../domain/pojok-baca/loans.js";
import { READING_ACTIVITIES } from "../../domain/pojok-baca/sessions.js";
import { defineButton, fixedButton, flag, id, int, oneOf, page } from "./button.js";

/**
 * The reading corner's buttons. The keepers' screens (/buku, /kembali, /konfirmasibaca) were `bk`,
 * `kmb` and `rlog`, for officers (ketua RT, petugas); which RT's corner is checked in the domain.
 */
const KEEPERS = AUDIENCES.officers;

/** /buku: a title of the catalogue, its card. */
export const bookCard = defineButton("book", KEEPERS, { book: id });
/** /buku: a page of the catalogue. */
export const bookPage = defineButton("book.page", KEEPERS, { page });
/** /buku: add a title (opens the form). */
export const bookAdd = fixedButton("book.add", KEEPERS);
/** A book's card: set its copies to this number (carries the number, so a double tap sets it once). */
export const bookCopies = defineButton("book.copies", KEEPERS, { book: id, copies: int });
/** A book's card: retire it (asks first), then the confirmation. */
export const bookRetire = defineButton("book.retire", KEEPERS, { book: id });
export const bookRetireConfirm = defineButton("book.retire-ok", KEEPERS, { book: id });

/** /kembali: this loan is back; `page` is the screen to redraw. */
export const bookReturn = defineButton("book.return", KEEPERS, { loan: id, page });
/** /kembali: a page of the loans out now. */
export const loanPage = defineButton("loan.page", KEEPERS, { page });

/** A resident's reading report, on the keepers' copy: confirm or reject. */
export const readingConfirm = defineButton("reading.ok", KEEPERS, { log: id });
export const readingReject = defineButton("reading.no", KEEPERS, { log: id });

// Inside the forms. Unlisted before (their prefixes passed through); now each has the audience of
// the command that opens its form, which is the only way to see these buttons.

/** /sesibaca: held today (0) or yesterday (1). */
export const sessionDay = defineButton("session.day", KEEPERS, { daysAgo: oneOf("0", "1") });
/** /sesibaca: what was done. */
export const sessionActivity = defineButton("session.activity", KEEPERS, { activity: oneOf(...READING_ACTIVITIES) });
/** /sesibaca: tick (or untick) one of the RT's members as having come; carries the state it sets. */
export const sessionAttendee = defineButton("session.who", KEEPERS, { index: int, on: flag });
/** /sesibaca: a page of the members. */
export const sessionAttendeePage = defineButton("session.who-page", KEEPERS, { page });
/** Adding a book: one copy, as most corners have. */
export const bookOneCopy = fixedButton("book.one-copy", KEEPERS);
/** /pinjam: lend for this many days. */
export const loanDays = defineButton("loan.days", KEEPERS, { days: oneOf(...LOAN_DAYS_CHOICES.map(String)) });
/** /baca (residents): one of the titles they have on loan, or a usual reading time. */
export const readingTitle = defineButton("reading.title", AUDIENCES.residents, { index: int });
export const readingMinutes = defineButton("reading.minutes", AUDIENCES.residents, { minutes: int });

export const POJOK_BACA_BUTTONS = [
  bookCard,
  bookPage,
  bookAdd,
  bookCopies,
  bookRetire,
  bookRetireConfirm,
  bookReturn,
  loanPage,
  readingConfirm,
  readingReject,
  sessionDay,
  sessionActivity,
  sessionAttendee,
  sessionAttendeePage,
  bookOneCopy,
  loanDays,
  readingTitle,
  readingMinutes,
];
