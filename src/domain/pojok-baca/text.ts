/**
 * What keepers and residents type for the reading corner: book titles and authors, what a
 * "lainnya" session was, minutes of reading, and the day a session was held. Same rules as
 * src/domain/people/text-input.ts: tidyLine, bounded, an allow-list of characters (no emoji, no
 * control characters), and a refusal that names a locale message `input-<reason>`.
 */
import { hasVisibleStart, parseWholeNumber, tidyLine, type Parsed } from "../people/text-input.js";
import { MONTHS, WEEKDAYS } from "../schedule/parse-datetime.js";
import { addDays, compareDates, daysBetween, isValidDate, weekdayOf, wibDate, type LocalDate } from "../schedule/wib.js";
import { TEXT_LIMITS } from "../text-limits.js";

export const BOOK_TITLE_MAX = TEXT_LIMITS.bookTitle;
export const BOOK_AUTHOR_MAX = TEXT_LIMITS.bookAuthor;
export const ACTIVITY_NOTE_MAX = TEXT_LIMITS.activityNote;
export const BOOK_COPIES_MAX = 500;
/** One report is one sitting or one day's reading, generously: ten hours. */
export const READING_MINUTES_MAX = 600;
/** Sessions are logged the same day or soon after; older ones are guesswork. */
export const SESSION_DAYS_BACK_MAX = 60;
export const SESSION_ATTENDEES_MAX = 500;
const SESSION_DATE_MAX_LENGTH = TEXT_LIMITS.sessionDate;

function bounded(text: string, min: number, max: number): Parsed<string> | undefined {
  if (text.length === 0) return { ok: false, reason: "empty" };
  if (text.length < min) return { ok: false, reason: "too-short", vars: { min } };
  if (text.length > max) return { ok: false, reason: "too-long", vars: { max } };
  return undefined;
}

/**
 * Letters of any script, digits and the punctuation titles carry ("Si Kancil & Buaya",
 * "Ensiklopedia Anak: Hewan (Jilid 2)", "Iqro' 1"); it starts with a letter or a digit.
 * Control characters and emoji are refused.
 */
const TITLE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} .,:;!?'’"“”&()/#+\-–—]*$/u;

function parseLabel(raw: string, max: number): Parsed<string> {
  const text = tidyLine(raw);
  const refusal = bounded(text, 2, max);
  if (refusal) return refusal;
  if (!TITLE_PATTERN.test(text) || !hasVisibleStart(text, true)) return { ok: false, reason: "book-title-characters" };
  return { ok: true, value: text };
}

/** A book's title as the keeper reads it off the cover. */
export function parseBookTitle(raw: string): Parsed<string> {
  return parseLabel(raw, BOOK_TITLE_MAX);
}

/** The author ("Andrea Hirata", "Tim Penulis Erlangga", "R.A. Kartini"). */
export function parseBookAuthor(raw: string): Parsed<string> {
  return parseLabel(raw, BOOK_AUTHOR_MAX);
}

/** What a session of kind "lainnya" was ("Lomba mewarnai", "Kelas menulis surat"). */
export function parseActivityNote(raw: string): Parsed<string> {
  return parseLabel(raw, ACTIVITY_NOTE_MAX);
}

export function parseBookCopies(raw: string): Parsed<number> {
  return parseWholeNumber(raw, 1, BOOK_COPIES_MAX);
}

export function parseAttendeeCount(raw: string): Parsed<number> {
  return parseWholeNumber(raw, 1, SESSION_ATTENDEES_MAX);
}

const MINUTE_WORDS = "(?:menit|mnt|min|minutes?|m)";
const HOUR_WORDS = "(?:jam|j|hours?|hrs?|h)";

/**
 * How long someone read, as people say it: "30", "30 menit", "1 jam", "1,5 jam" (a decimal
 * comma, as in Indonesian), "1 jam 15 menit". A bare "2,5" or "2.5" is refused: minutes are
 * whole, and "2.5" could be anything.
 */
export function parseReadingMinutes(raw: string): Parsed<number> {
  const text = tidyLine(raw).toLowerCase();
  if (text.length === 0) return { ok: false, reason: "empty" };
  if (text.length > 30) return { ok: false, reason: "reading-minutes-unrecognised" };
  const outOfRange = { ok: false as const, reason: "reading-minutes-out-of-range" as const, vars: { min: 1, max: READING_MINUTES_MAX } };
  if (/^-\s*\d/.test(text)) return outOfRange;
  let minutes: number;
  let match: RegExpExecArray | null;
  if (/^[\d.,]+$/.test(text)) {
    const whole = parseWholeNumber(text, 1, READING_MINUTES_MAX);
    return whole.ok || whole.reason !== "out-of-range" ? whole : outOfRange;
  } else if ((match = new RegExp(`^(\\d{1,4}) ?${MINUTE_WORDS}$`).exec(text))) {
    minutes = Number(match[1]);
  } else if ((match = new RegExp(`^(\\d{1,2})(?:[.,](\\d{1,2}))? ?${HOUR_WORDS}$`).exec(text))) {
    const hours = Number(`${match[1]}.${match[2] ?? "0"}`);
    minutes = Math.round(hours * 60);
  } else if ((match = new RegExp(`^(\\d{1,2}) ?${HOUR_WORDS} ?(\\d{1,2}) ?${MINUTE_WORDS}?$`).exec(text))) {
    if (Number(match[2]) > 59) return { ok: false, reason: "reading-minutes-unrecognised" };
    minutes = Number(match[1]) * 60 + Number(match[2]);
  } else {
    return { ok: false, reason: "reading-minutes-unrecognised" };
  }
  if (minutes < 1 || minutes > READING_MINUTES_MAX) return outOfRange;
  return { ok: true, value: minutes };
}

const RELATIVE_DAYS = new Map<string, number>([
  ["hari ini", 0], ["tadi", 0], ["today", 0],
  ["kemarin", -1], ["kemaren", -1], ["kmrn", -1], ["yesterday", -1],
  ["kemarin lusa", -2], ["lusa kemarin", -2],
]);

/** `26` is 2026. */
function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/** A date written without a year is its latest occurrence up to today: a session already held. */
function latestUpTo(day: number, month: number, today: LocalDate): LocalDate | null {
  for (let year = today.year; year >= today.year - 8; year -= 1) {
    const date = { year, month, day };
    if (isValidDate(date) && compareDates(date, today) <= 0) return date;
  }
  return null;
}

/**
 * The day a session was held, in WIB: "hari ini", "kemarin", a weekday ("Sabtu": the latest one,
 * today included), "21/11", "21/11/2026", "21-11-2026", "21.11.2026", "2026-11-21",
 * "21 November", "21 Nov 2026". Sessions are logged after they happen, so a date without a year
 * is the latest such day up to today; a day ahead is refused, and so is one more than
 * SESSION_DAYS_BACK_MAX days back.
 */
export function parseSessionDate(raw: string, now: Date): Parsed<LocalDate> {
  const text = tidyLine(raw).toLowerCase().replace(/[’‘`´]/g, "'").replace(/[.!?]+$/, "").replace(/^(?:tanggal|tgl) /, "").replace(/^hari (?=[a-z']+$)(?!ini$)/, "");
  if (text.length === 0) return { ok: false, reason: "empty" };
  if (text.length > SESSION_DATE_MAX_LENGTH) return { ok: false, reason: "too-long", vars: { max: SESSION_DATE_MAX_LENGTH } };
  const today = wibDate(now);
  let date: LocalDate | null;
  let match: RegExpExecArray | null;
  if (RELATIVE_DAYS.has(text)) {
    date = addDays(today, RELATIVE_DAYS.get(text)!);
  } else if (WEEKDAYS.has(text)) {
    date = addDays(today, -((weekdayOf(today) - WEEKDAYS.get(text)! + 7) % 7));
  } else if ((match = /^(\d{1,2})([/-])(\d{1,2})(?:\2(\d{4}|\d{2}))?$/.exec(text)) || (match = /^(\d{1,2})(\.)(\d{1,2})\.(\d{4}|\d{2})$/.exec(text))) {
    const [, day, , month, year] = match;
    date = year === undefined ? latestUpTo(Number(day), Number(month), today) : { year: fullYear(year), month: Number(month), day: Number(day) };
  } else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) {
    date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  } else if ((match = /^(\d{1,2}) ([a-z]+)(?: (\d{4}))?$/.exec(text)) && MONTHS.has(match[2]!)) {
    const month = MONTHS.get(match[2]!)!;
    date = match[3] === undefined ? latestUpTo(Number(match[1]), month, today) : { year: Number(match[3]), month, day: Number(match[1]) };
  } else {
    return { ok: false, reason: "reading-date-unrecognised" };
  }
  if (date === null || !isValidDate(date)) return { ok: false, reason: "datetime-invalid-date" };
  if (compareDates(date, today) > 0) return { ok: false, reason: "reading-date-future" };
  if (daysBetween(date, today) > SESSION_DAYS_BACK_MAX) return { ok: false, reason: "reading-date-too-old", vars: { days: SESSION_DAYS_BACK_MAX } };
  return { ok: true, value: date };
}
