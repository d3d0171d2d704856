import { TEXT_LIMITS, withoutInvisible } from "../text-limits.js";

/**
 * Parsing of what people type. Every parser returns a value or the reason it was refused; the
 * reason names a locale message `input-<reason>`.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: InputRefusal; vars?: Record<string, string | number> };

/** Why a date or time was not taken; see src/domain/schedule/parse-datetime.ts. */
export const DATETIME_REFUSALS = ["empty", "unrecognised", "ambiguous-hour", "invalid-date", "invalid-time", "past", "too-far", "too-long", "same-time", "just-past", "wrong-weekday"] as const;
export type DateTimeInputRefusal = (typeof DATETIME_REFUSALS)[number];

export const INPUT_REFUSALS = [
  "empty", "too-long", "too-short", "name-characters", "household-characters", "place-characters", "not-a-whole-number", "not-a-number", "out-of-range",
  ...DATETIME_REFUSALS.map((reason) => `datetime-${reason}` as const),
  "time-unrecognised", "timerange-unrecognised",
  // A weekday that does not fit the date, the two named: "25 Desember 2026 hari Jumat, bukan Minggu".
  "datetime-wrong-weekday-named",
  "quantity-unrecognised", "quantity-wrong-unit", "quantity-not-positive", "quantity-too-precise", "quantity-too-large",
  "money-unrecognised", "money-ambiguous", "money-not-whole", "money-out-of-range",
  "book-title-characters", "reading-minutes-unrecognised", "reading-minutes-out-of-range", "reading-date-unrecognised", "reading-date-future", "reading-date-too-old", "reading-time-future",
  "score-date-future", "score-date-too-old",
  // issue 15: rounds
  "round-year-unrecognised", "round-year-out-of-range", "round-year-taken", "round-date-before", "round-date-after", "round-date-not-before", "round-date-not-after", "round-date-unrecognised", "round-date-past",
  // issue 15: award
  "award-sk-number-characters", "award-sk-date-future", "award-sk-date-too-old",
  // issue 17: the kas RT
  "kas-text-characters",
  "kas-entry-number",
  // issue 17: polls
  "poll-options-too-few", "poll-options-too-many", "poll-option-too-long", "poll-options-duplicate",
] as const;

export type InputRefusal = (typeof INPUT_REFUSALS)[number];

// The limits live in one table (src/domain/text-limits.ts); these names are what callers import.
export const NAME_MAX = TEXT_LIMITS.displayName;
export const HOUSEHOLD_MAX = TEXT_LIMITS.householdLabel;
export const PLACE_MAX = TEXT_LIMITS.place;
export const NOTES_MAX = TEXT_LIMITS.eventNotes;

/**
 * One line as it looks: the invisible characters that sneak in from copy-paste (or are typed to
 * pass for a name) dropped, blanks and runs of white space folded to one space. Every one-line
 * field (names, households, places, titles) is read through it.
 */
export function tidyLine(text: string): string {
  return withoutInvisible(text).replace(/\s+/g, " ").trim();
}

/**
 * Names, households, places and titles start with a letter (or, but for names, a digit) someone
 * can see: a combining mark on nothing is not one. A letter carries at most three marks (Thai,
 * Vietnamese and Devanagari need two or three); a taller stack is the "Zalgo" that writes over the
 * lines around it.
 */
const MARK_STACK = /\p{M}{4}/u;
export function hasVisibleStart(text: string, allowDigit: boolean): boolean {
  return (allowDigit ? /^[\p{L}\p{N}]/u : /^\p{L}/u).test(text) && !MARK_STACK.test(text);
}

/**
 * Pictographs Unicode files as letters: "ℹ" (U+2139) is a lowercase letter (Ll) and an emoji with a
 * variation selector, so the letter patterns alone would take it.
 */
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const NAME_PATTERN = /^\p{L}[\p{L}\p{M} .'’,-]*$/u;
const HOUSEHOLD_PATTERN = /^[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd} .,'’/#()-]*$/u;

function bounded(text: string, min: number, max: number): Parsed<string> | undefined {
  if (text.length === 0) return { ok: false, reason: "empty" };
  if (text.length < min) return { ok: false, reason: "too-short", vars: { min } };
  if (text.length > max) return { ok: false, reason: "too-long", vars: { max } };
  return undefined;
}

/** A person's name as they want the RT to see it: letters (any script), spaces, . ' , - */
export function parseDisplayName(raw: string): Parsed<string> {
  const text = tidyLine(raw);
  const refusal = bounded(text, 2, NAME_MAX);
  if (refusal) return refusal;
  if (!NAME_PATTERN.test(text) || PICTOGRAPH.test(text) || !hasVisibleStart(text, false)) return { ok: false, reason: "name-characters" };
  return { ok: true, value: text };
}

/** The household (KK) a resident belongs to: a family name or a house number, e.g. "Kel. Pak Budi, No. 12/B". */
export function parseHouseholdLabel(raw: string): Parsed<string> {
  const text = tidyLine(raw);
  const refusal = bounded(text, 1, HOUSEHOLD_MAX);
  if (refusal) return refusal;
  if (!HOUSEHOLD_PATTERN.test(text) || PICTOGRAPH.test(text) || !hasVisibleStart(text, true)) return { ok: false, reason: "household-characters" };
  return { ok: true, value: text };
}

/**
 * A whole number as Indonesians write it: "120", "1.200" (dot for thousands). "2,5" is a
 * decimal and refused; so are signs, units and anything else. Every refusal carries the range,
 * so its message gives an answer that fits the question (not a household count at an hours one).
 */
export function parseWholeNumber(raw: string, min: number, max: number): Parsed<number> {
  const text = tidyLine(raw);
  if (text.length === 0) return { ok: false, reason: "empty" };
  if (text.length > 20) return { ok: false, reason: "not-a-number", vars: { min, max } };
  let digits: string;
  if (/^\d+$/.test(text)) digits = text;
  else if (/^\d{1,3}(\.\d{3})+$/.test(text)) digits = text.replaceAll(".", "");
  else if (/^-?\d+([.,]\d+)?$/.test(text)) return { ok: false, reason: /^-/.test(text) ? "out-of-range" : "not-a-whole-number", vars: { min, max } };
  else return { ok: false, reason: "not-a-number", vars: { min, max } };
  const value = Number(digits);
  if (!Number.isSafeInteger(value) || value < min || value > max) return { ok: false, reason: "out-of-range", vars: { min, max } };
  return { ok: true, value };
}

const PLACE_PATTERN = /^[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd} .,'’/#()&:-]*$/u;

/** Where something happens: "Pos kamling RT 05", "Masjid Al-Ikhlas", "Jl. Sumantri Brojonegoro No. 3". */
export function parsePlace(raw: string): Parsed<string> {
  const text = tidyLine(raw);
  const badCharacters = text.length > 0 && (!PLACE_PATTERN.test(text) || PICTOGRAPH.test(text) || !hasVisibleStart(text, true));
  const refusal = bounded(text, 2, PLACE_MAX);
  // "♻️" is one sign once its variation selector is gone: what it needs is letters, not more of it.
  if (refusal && !(!refusal.ok && refusal.reason === "too-short" && badCharacters)) return refusal;
  if (badCharacters) return { ok: false, reason: "place-characters" };
  return { ok: true, value: text };
}

/**
 * Free notes ("bawa cangkul dan karung 🧹"): anything printable, line breaks kept, control
 * characters dropped (and the direction overrides that would turn the rest of a bot message
 * around), length capped.
 */
export function parseNotes(raw: string): Parsed<string> {
  // eslint-disable-next-line no-control-regex
  const text = withoutInvisible(raw).replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "").replace(/[ \t]+/g, " ").trim();
  // Marks on nothing are no note: something must be there to read (a letter, a digit, an emoji, a sign).
  if (!/[\p{L}\p{N}\p{S}\p{P}]/u.test(text)) return { ok: false, reason: "empty" };
  if (text.length > NOTES_MAX) return { ok: false, reason: "too-long", vars: { max: NOTES_MAX } };
  return { ok: true, value: text };
}

/** A date/time parser's refusal as an input refusal (`input-datetime-<reason>`). */
export function dateTimeRefusal<T>(reason: DateTimeInputRefusal): Parsed<T> {
  return { ok: false, reason: `datetime-${reason}` };
}

/**
 * The refusal at a prompt for a time alone ("jam berapa?") or for ronda hours: nothing readable
 * gets an example of what this prompt takes, not of a date.
 */
export function timeRefusal<T>(reason: DateTimeInputRefusal, prompt: "time" | "timerange"): Parsed<T> {
  return reason === "empty" || reason === "unrecognised" ? { ok: false, reason: `${prompt}-unrecognised` } : dateTimeRefusal(reason);
}
