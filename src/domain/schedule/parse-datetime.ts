/**
 * Dates and times as Indonesians type them, always WIB. The rules, and why:
 *
 * - Numeric dates are day/month[/year] (`7/12`, `07/12/2026`, `7-12-2026`, `7.12.2026`), never
 *   month/day: that is how every Indonesian form and calendar writes them. `2026-12-07` is read too.
 *   `7.12` without a year is a time (07.12), because H.MM is how times are written.
 * - A date without a year is its next occurrence counting today (`7/12` → this December, `1/1` →
 *   next January). It does not roll a year forward because its time has passed today: someone
 *   typing today's date at a past hour made a mistake, which `past` tells them.
 * - Except when its last occurrence is at most JUST_PAST_DAYS (half a year) ago: `1/12` typed on
 *   2 December is then `just-past`, carrying next year's reading for the caller to offer ("1
 *   Desember 2026 sudah lewat. Maksudnya 1 Desember 2027?"), not taken silently. Half a year, because
 *   that is where the date's nearest occurrence is the past one: typed so close after it, the date
 *   is far more often a slip (a wrong day or month, a month order as in 12/1) than a plan a year
 *   ahead, and when it is a plan, asking costs one tap. Further back, next year's is the nearer
 *   and is taken (and shown to the person before anything is saved).
 * - A weekday with a date that falls on another weekday (`Minggu 25 Desember` when the 25th is a
 *   Friday) is `wrong-weekday`, carrying the date and the weekday typed, so the answer can say so.
 * - Weekday names (`Minggu`, `Ahad`, `hari Minggu`, `Sabtu ini`) mean the first such day, today included,
 *   at which the given time is still ahead, so 0–7 days ahead; with no time, 0–6 days ahead.
 *   `X depan` / `X minggu depan` is X in next week, weeks running Senin–Minggu, so on a Sunday
 *   `Minggu depan` is 7 days ahead and on a Monday 13. (`minggu depan` also means "next week"; as
 *   a date it only makes sense as that Sunday.) `minggu depan hari Minggu`, `pekan depan (hari)
 *   Sabtu` and `Sabtu pekan depan` say the same with the week first or last. `malam Minggu` is
 *   Saturday night, as in speech.
 * - A bare hour of 1–12 (`jam 7`, `besok 7`) is ambiguous: 07.00 or 19.00, and a wrong guess puts
 *   residents at the post twelve hours off, so it is asked again. Not ambiguous: a time with
 *   minutes (`7.00`, `19.30` are 24-hour), an hour of 0 or 13–23, a zero-padded hour (`07`), or an
 *   hour with a part of the day.
 * - `setengah 8` is half past seven, as spoken: a 12-hour time, so it needs its part of the day
 *   (`setengah 8 pagi` 07.30, `setengah 8 malam` 19.30) like a bare hour; `setengah 1 siang` is 12.30.
 * - Parts of the day with a 12-hour reading: pagi 0–11; dini hari / subuh 0–5; siang 10–12 as
 *   is and 1–3 → 13–15; sore 1–6 → 13–18; malam 6–11 → 18–23. An hour outside its part's range
 *   (`jam 8 siang`, `19.00 pagi`) contradicts itself and counts as ambiguous.
 * - Midnight belongs to the evening before: `jam 12 malam`, `tengah malam`, `24.00` and the small
 *   hours said with malam (`jam 2 malam`) fall on the next calendar day, so `Sabtu jam 12 malam`
 *   is Sunday 00.00, the end of Saturday evening. `00.00` written as such is the start of its day.
 * - `WIB` is accepted and ignored; `WITA` and `WIT` are other zones and refused.
 * - A time without a date is today; a date without a time is returned as such, and the caller
 *   asks for a time and joins the two with `combineDateAndTime`.
 * - Invisible characters (zero-width spaces, direction marks) are dropped before reading.
 * - Refused: nothing to read, over 100 characters, a date or time that does not exist, anything
 *   before now, anything more than 366 days ahead.
 */
import {
  addDays,
  compareDates,
  daysBetween,
  daysInMonth,
  isValidDate,
  wibDate,
  wibInstant,
  wibParts,
  weekdayOf,
  type LocalDate,
  type LocalTime,
} from "./wib.js";
import { TEXT_LIMITS, withoutInvisible } from "../text-limits.js";

export const DATETIME_MAX_LENGTH = TEXT_LIMITS.dateTime;
export const MAX_DAYS_AHEAD = 366;
/** A year-less date at most this many days past asks whether next year was meant (see the top). */
export const JUST_PAST_DAYS = 182;

export type DateTimeRefusal = "empty" | "unrecognised" | "ambiguous-hour" | "invalid-date" | "invalid-time" | "past" | "too-far" | "too-long" | "just-past" | "wrong-weekday";

/** What was read: an instant, or a date still waiting for its time. */
export type DateTimeValue = { kind: "datetime"; at: Date; date: LocalDate; time: LocalTime } | { kind: "date"; date: LocalDate };

export type DateTimeResult =
  | ({ ok: true } & DateTimeValue)
  /** `past`: the date as typed, this year's; `nextYear`: the same words read a year on. */
  | { ok: false; reason: "just-past"; past: LocalDate; nextYear: DateTimeValue }
  /** `weekday`: the one typed (0 = Minggu), which `date` does not fall on. */
  | { ok: false; reason: "wrong-weekday"; date: LocalDate; weekday: number }
  | { ok: false; reason: Exclude<DateTimeRefusal, "just-past" | "wrong-weekday"> };

export type TimeRefusal = "empty" | "unrecognised" | "ambiguous-hour" | "invalid-time" | "too-long";

/** nextDay: the time falls after the midnight that ends the day it is said of (`jam 12 malam`). */
export type ParsedTime = { time: LocalTime; nextDay: boolean };

export type TimeResult = ({ ok: true } & ParsedTime) | { ok: false; reason: TimeRefusal };

export type TimeRangeRefusal = TimeRefusal | "same-time";

/** endsNextDay: the watch runs past midnight (22.00–04.00); minutes: its length. */
export type TimeRangeResult =
  | { ok: true; start: LocalTime; end: LocalTime; endsNextDay: boolean; minutes: number }
  | { ok: false; reason: TimeRangeRefusal };

type Part = "pagi" | "siang" | "sore" | "malam" | "dini";

type DateSpec =
  | { kind: "relative"; days: number }
  | { kind: "calendar"; day: number; month: number; year: number | null }
  | { kind: "day-of-month"; day: number };

/** eveBefore: `malam Minggu`, the night before that day. */
type WeekdaySpec = { weekday: number; nextWeek: boolean; eveBefore: boolean };

/**
 * An hour as typed: minute is null when none was written; padded when written as `07`; spoken when
 * said as on a 12-hour clock with its minutes (`setengah 8`), so as unsure as a bare hour.
 */
type Clock = { hour: number; minute: number | null; padded: boolean; spoken?: boolean };

type Scan = {
  date: DateSpec | null;
  weekday: WeekdaySpec | null;
  clock: Clock | null;
  fixed: ParsedTime | null;
  part: Part | null;
  /** `nanti`, `malam ini`: today, unless a date says otherwise. */
  today: boolean;
};

/** Weekday names as typed (0 = Minggu). */
export const WEEKDAYS = new Map<string, number>([
  ["minggu", 0], ["ahad", 0],
  ["senin", 1],
  ["selasa", 2],
  ["rabu", 3],
  ["kamis", 4],
  ["jumat", 5], ["jum'at", 5],
  ["sabtu", 6],
]);

/** Month names and abbreviations as typed, Indonesian and English. */
export const MONTHS = new Map<string, number>([
  ["januari", 1], ["jan", 1], ["january", 1],
  ["februari", 2], ["pebruari", 2], ["feb", 2], ["peb", 2], ["february", 2],
  ["maret", 3], ["mar", 3], ["march", 3],
  ["april", 4], ["apr", 4],
  ["mei", 5], ["may", 5],
  ["juni", 6], ["jun", 6], ["june", 6],
  ["juli", 7], ["jul", 7], ["july", 7],
  ["agustus", 8], ["agu", 8], ["agt", 8], ["ags", 8], ["agus", 8], ["aug", 8], ["august", 8],
  ["september", 9], ["sep", 9], ["sept", 9],
  ["oktober", 10], ["okt", 10], ["oct", 10], ["october", 10],
  ["november", 11], ["nopember", 11], ["nov", 11], ["nop", 11],
  ["desember", 12], ["des", 12], ["dec", 12], ["december", 12],
]);

const RELATIVE = new Map<string, number>([
  ["besok", 1], ["besuk", 1], ["esok", 1], ["bsk", 1],
  ["lusa", 2],
  ["kemarin", -1], ["kemaren", -1], ["kmrn", -1],
]);

const PARTS = new Map<string, Part>([
  ["pagi", "pagi"],
  ["siang", "siang"],
  ["sore", "sore"],
  ["malam", "malam"],
  ["subuh", "dini"],
]);

const HOUR_MARKERS = new Set(["jam", "pukul", "pkl"]);
/** `setengah 8`: half an hour before 8. */
const HALF_BEFORE = new Set(["setengah", "stengah", "stgh"]);
const DAY_MARKERS = new Set(["tanggal", "tgl"]);
const RANGE_SEPARATORS = new Set(["-", "s/d", "s.d", "sd", "sampai", "sampe", "smp", "hingga"]);

const CLOCK_RE = /^(\d{1,2})[.:](\d{2})$/;
const NUMBER_RE = /^\d{1,2}$/;
const YEAR_RE = /^\d{4}$/;
const NUMERIC_DATE_RE = /^(\d{1,2})([/-])(\d{1,2})(?:\2(\d{4}|\d{2}))?$/;
const DOTTED_DATE_RE = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/;
const ISO_DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

const MIDNIGHT: ParsedTime = { time: { hour: 0, minute: 0 }, nextDay: true };
const NOON: ParsedTime = { time: { hour: 12, minute: 0 }, nextDay: false };
const DAY_MS = 86_400_000;

function tidy(raw: string): string {
  return withoutInvisible(raw).replace(/\s+/g, " ").trim();
}

/** Lower-cases, drops commas and abbreviation dots, and splits `jam7pagi` into words. */
function tokenize(text: string, splitDashes: boolean): string[] {
  let folded = text
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[.!?]+$/, "")
    .replace(/,/g, " ")
    .replace(/([a-z])\.(?=\s|$)/g, "$1")
    .replace(/(\d)([a-z])/g, "$1 $2")
    .replace(/([a-z])(\d)/g, "$1 $2");
  if (splitDashes) folded = folded.replace(/[-–—]/g, " - ");
  return folded.split(" ").filter((token) => token.length > 0);
}

/** `26` is 2026: nobody schedules a gotong royong in 1926. */
function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/** Reads the words into their roles; null when anything is left over or said twice. */
function scan(tokens: string[]): Scan | null {
  const result: Scan = { date: null, weekday: null, clock: null, fixed: null, part: null, today: false };
  const setDate = (date: DateSpec) => {
    if (result.date) return false;
    result.date = date;
    return true;
  };
  const setClock = (clock: Clock) => {
    if (result.clock || result.fixed) return false;
    result.clock = clock;
    return true;
  };
  const setPart = (part: Part) => {
    if (result.part) return false;
    result.part = part;
    return true;
  };
  let marker: "hour" | "day" | null = null;
  let eveBefore = false;
  /** `minggu depan` / `pekan ini` said before the weekday: true for next week. */
  let weekFirst: boolean | null = null;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const expecting = marker;
    marker = null;
    let match: RegExpExecArray | null;

    if (expecting !== null && !/^\d/.test(token) && !(expecting === "hour" && HALF_BEFORE.has(token))) return null;
    if (eveBefore && !WEEKDAYS.has(token)) return null;
    if (weekFirst !== null && result.weekday === null && !WEEKDAYS.has(token) && token !== "hari") return null;

    if (token === "wib" || token === "pada") {
      i += 1;
    } else if (HOUR_MARKERS.has(token)) {
      marker = "hour";
      i += 1;
    } else if (DAY_MARKERS.has(token)) {
      marker = "day";
      i += 1;
    } else if ((match = CLOCK_RE.exec(token))) {
      if (expecting === "day") return null;
      if (!setClock({ hour: Number(match[1]), minute: Number(match[2]), padded: match[1]!.length === 2 })) return null;
      i += 1;
    } else if (NUMERIC_DATE_RE.test(token) || DOTTED_DATE_RE.test(token)) {
      if (expecting === "hour") return null;
      const [day, month, year] = token.split(/[/.-]/);
      if (!setDate({ kind: "calendar", day: Number(day), month: Number(month), year: year === undefined ? null : fullYear(year) })) return null;
      i += 1;
    } else if ((match = ISO_DATE_RE.exec(token))) {
      if (expecting === "hour") return null;
      if (!setDate({ kind: "calendar", day: Number(match[3]), month: Number(match[2]), year: Number(match[1]) })) return null;
      i += 1;
    } else if (HALF_BEFORE.has(token)) {
      const hour = next !== undefined && NUMBER_RE.test(next) ? Number(next) : 0;
      if (hour < 1 || hour > 12) return null;
      // Half before 1 is 12.30 on the 12-hour clock the phrase is said on.
      if (!setClock({ hour: hour === 1 ? 12 : hour - 1, minute: 30, padded: false, spoken: true })) return null;
      i += 2;
    } else if (NUMBER_RE.test(token)) {
      const number = Number(token);
      const month = expecting === "hour" || next === undefined ? undefined : MONTHS.get(next);
      if (month !== undefined) {
        const yearToken = tokens[i + 2];
        const year = yearToken !== undefined && YEAR_RE.test(yearToken) ? Number(yearToken) : null;
        if (!setDate({ kind: "calendar", day: number, month, year })) return null;
        i += year === null ? 2 : 3;
      } else if (expecting === "day") {
        if (!setDate({ kind: "day-of-month", day: number })) return null;
        i += 1;
      } else {
        if (!setClock({ hour: number, minute: null, padded: token.length === 2 && token.startsWith("0") })) return null;
        i += 1;
      }
    } else if (token === "hari") {
      if (next === "ini") {
        if (!setDate({ kind: "relative", days: 0 })) return null;
        i += 2;
      } else if (next !== undefined && (WEEKDAYS.has(next) || RELATIVE.has(next))) {
        i += 1;
      } else {
        return null;
      }
    } else if (RELATIVE.has(token)) {
      if (!setDate({ kind: "relative", days: RELATIVE.get(token)! })) return null;
      i += 1;
    } else if (
      (token === "minggu" || token === "pekan") &&
      (next === "depan" || next === "ini") &&
      weekFirst === null &&
      result.weekday === null &&
      (WEEKDAYS.has(tokens[i + 2] ?? "") || (tokens[i + 2] === "hari" && WEEKDAYS.has(tokens[i + 3] ?? "")))
    ) {
      // `minggu depan hari Minggu`: the week, then its day.
      weekFirst = next === "depan";
      i += 2;
    } else if (WEEKDAYS.has(token)) {
      if (result.weekday) return null;
      const spec: WeekdaySpec = { weekday: WEEKDAYS.get(token)!, nextWeek: weekFirst ?? false, eveBefore };
      eveBefore = false;
      i += 1;
      const after = tokens[i];
      if (weekFirst !== null) {
        // The week was said already: another "ini"/"depan" is left over and refused.
      } else if (after === "ini") {
        i += 1;
      } else if (after === "depan") {
        spec.nextWeek = true;
        i += 1;
      } else if ((after === "minggu" || after === "pekan") && (tokens[i + 1] === "ini" || tokens[i + 1] === "depan")) {
        spec.nextWeek = tokens[i + 1] === "depan";
        i += 2;
      }
      result.weekday = spec;
    } else if (token === "dini" && next === "hari") {
      if (!setPart("dini")) return null;
      i += 2;
    } else if (PARTS.has(token)) {
      const part = PARTS.get(token)!;
      if (!setPart(part)) return null;
      i += 1;
      if (tokens[i] === "ini") {
        result.today = true;
        i += 1;
      } else if (part === "malam" && tokens[i] !== undefined && WEEKDAYS.has(tokens[i]!)) {
        eveBefore = true;
      }
    } else if (token === "tengah" && (next === "malam" || next === "hari")) {
      if (result.clock || result.fixed) return null;
      result.fixed = next === "malam" ? MIDNIGHT : NOON;
      i += 2;
    } else if (token === "nanti") {
      result.today = true;
      i += 1;
    } else {
      return null;
    }
  }
  if (marker !== null) return null;
  return result;
}

function inRange(hour: number, low: number, high: number): boolean {
  return hour >= low && hour <= high;
}

/** Turns an hour as said into a wall-clock time, following the rules at the top. */
function clockToTime(clock: Clock, part: Part | null): ({ ok: true } & ParsedTime) | { ok: false; reason: "invalid-time" | "ambiguous-hour" } {
  const minute = clock.minute ?? 0;
  const hour = clock.hour;
  const at = (h: number, nextDay = false) => ({ ok: true as const, time: { hour: h, minute }, nextDay });
  if (minute > 59) return { ok: false, reason: "invalid-time" };
  if (hour === 24 && minute === 0 && (part === null || part === "malam")) return at(0, true);
  if (hour > 23) return { ok: false, reason: "invalid-time" };
  const ambiguous = { ok: false as const, reason: "ambiguous-hour" as const };
  if (part === null) {
    if ((clock.minute !== null && !clock.spoken) || clock.padded || hour === 0 || hour >= 13) return at(hour);
    return ambiguous;
  }
  if (hour >= 13) {
    const fits = { pagi: false, dini: false, siang: inRange(hour, 13, 15), sore: inRange(hour, 13, 18), malam: inRange(hour, 18, 23) }[part];
    return fits ? at(hour) : ambiguous;
  }
  switch (part) {
    case "pagi":
      return inRange(hour, 0, 11) ? at(hour) : ambiguous;
    case "dini":
      return inRange(hour, 0, 5) ? at(hour) : ambiguous;
    case "siang":
      if (inRange(hour, 10, 12)) return at(hour);
      return inRange(hour, 1, 3) ? at(hour + 12) : ambiguous;
    case "sore":
      return inRange(hour, 1, 6) ? at(hour + 12) : ambiguous;
    case "malam":
      if (inRange(hour, 6, 11)) return at(hour + 12);
      if (hour === 12 || hour === 0) return at(0, true);
      return inRange(hour, 1, 4) ? at(hour, true) : ambiguous;
  }
}

/**
 * The calendar date a non-weekday spec names, or null when no such date exists. `justPast`: the
 * year-less date's last occurrence, when it is at most JUST_PAST_DAYS ago (`date` is then the next).
 */
function resolveDate(spec: DateSpec, today: LocalDate): { date: LocalDate; justPast?: LocalDate } | null {
  switch (spec.kind) {
    case "relative":
      return { date: addDays(today, spec.days) };
    case "calendar": {
      const { day, month } = spec;
      if (month < 1 || month > 12 || day < 1 || day > (month === 2 ? 29 : daysInMonth(2001, month))) return null;
      if (spec.year !== null) {
        const date = { year: spec.year, month, day };
        return isValidDate(date) ? { date } : null;
      }
      // 29/2 can be up to eight years away; the range check then says too-far.
      for (let year = today.year; year <= today.year + 8; year += 1) {
        const date = { year, month, day };
        if (!isValidDate(date) || compareDates(date, today) < 0) continue;
        // This year's or last year's (typed in early January about late December).
        const last = [today.year, today.year - 1]
          .map((y) => ({ year: y, month, day }))
          .find((candidate) => isValidDate(candidate) && compareDates(candidate, today) < 0);
        return last && daysBetween(last, today) <= JUST_PAST_DAYS ? { date, justPast: last } : { date };
      }
      return null;
    }
    case "day-of-month": {
      if (spec.day < 1 || spec.day > 31) return null;
      for (let step = 0; step < 3; step += 1) {
        const monthIndex = today.month - 1 + step;
        const date = { year: today.year + Math.floor(monthIndex / 12), month: (monthIndex % 12) + 1, day: spec.day };
        if (isValidDate(date) && compareDates(date, today) >= 0) return { date };
      }
      return null;
    }
  }
}

function targetWeekday(spec: WeekdaySpec): number {
  return spec.eveBefore ? (spec.weekday + 6) % 7 : spec.weekday;
}

/** X depan: X in the week after this one, weeks running Senin–Minggu. */
function nextWeekDate(spec: WeekdaySpec, today: LocalDate): LocalDate {
  const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
  const target = addDays(monday, 7 + ((spec.weekday + 6) % 7));
  return spec.eveBefore ? addDays(target, -1) : target;
}

function withinRange(at: Date, now: Date): { ok: true; kind: "datetime"; at: Date; date: LocalDate; time: LocalTime } | { ok: false; reason: "past" | "too-far" } {
  if (at.getTime() < now.getTime()) return { ok: false, reason: "past" };
  if (at.getTime() - now.getTime() > MAX_DAYS_AHEAD * DAY_MS) return { ok: false, reason: "too-far" };
  const { year, month, day, hour, minute } = wibParts(at);
  return { ok: true, kind: "datetime", at, date: { year, month, day }, time: { hour, minute } };
}

function instantOf(date: LocalDate, time: ParsedTime): Date {
  return wibInstant(time.nextDay ? addDays(date, 1) : date, time.time);
}

function resolve(found: Scan, now: Date): DateTimeResult {
  const today = wibDate(now);
  let date: LocalDate | null = null;
  let justPast: LocalDate | undefined;
  if (found.date) {
    const resolved = resolveDate(found.date, today);
    if (resolved === null) return { ok: false, reason: "invalid-date" };
    ({ date, justPast } = resolved);
    if (found.weekday) {
      const weekday = targetWeekday(found.weekday);
      if (weekdayOf(date) !== weekday) {
        // "Minggu 1/12" just after a Sunday 1 December meant that Sunday: it is past.
        if (justPast && weekdayOf(justPast) === weekday) return { ok: false, reason: "past" };
        return { ok: false, reason: "wrong-weekday", date: justPast ?? date, weekday };
      }
    }
    if (compareDates(date, today) < 0) return { ok: false, reason: "past" };
    if (daysBetween(today, date) > MAX_DAYS_AHEAD) return { ok: false, reason: "too-far" };
  }

  let time = found.fixed;
  if (found.clock) {
    const read = clockToTime(found.clock, found.part);
    if (!read.ok) return read;
    time = read;
  }

  if (date === null && found.weekday?.nextWeek) date = nextWeekDate(found.weekday, today);
  if (date === null && found.weekday) {
    const weekday = targetWeekday(found.weekday);
    const ahead = (weekday - weekdayOf(today) + 7) % 7;
    date = addDays(today, ahead);
    // Today's occurrence is gone once its time has passed; the next one is a week on.
    if (time && instantOf(date, time).getTime() < now.getTime()) date = addDays(date, 7);
  }
  if (date === null) {
    if (!found.today && time === null) return { ok: false, reason: "unrecognised" };
    date = today;
  }
  const read: DateTimeResult = time === null ? { ok: true, kind: "date", date } : withinRange(instantOf(date, time), now);
  if (justPast === undefined || !read.ok) return read;
  const nextYear: DateTimeValue = read.kind === "date" ? { kind: "date", date: read.date } : { kind: "datetime", at: read.at, date: read.date, time: read.time };
  return { ok: false, reason: "just-past", past: justPast, nextYear };
}

/** Empty, too long, or the words; shared by every parser here. */
function prepare(raw: string, splitDashes: boolean): { ok: false; reason: "empty" | "too-long" } | { ok: true; tokens: string[] } {
  const text = tidy(raw);
  if (text.length === 0) return { ok: false, reason: "empty" };
  if ([...text].length > DATETIME_MAX_LENGTH) return { ok: false, reason: "too-long" };
  return { ok: true, tokens: tokenize(text, splitDashes) };
}

/** A date, with or without a time, as typed by a ketua RT; `now` decides "besok", "Minggu" and what is past. */
export function parseDateTime(text: string, now: Date): DateTimeResult {
  const prepared = prepare(text, false);
  if (!prepared.ok) return prepared;
  const found = scan(prepared.tokens);
  if (found === null) return { ok: false, reason: "unrecognised" };
  return resolve(found, now);
}

function timeFromTokens(tokens: string[]): TimeResult {
  const found = scan(tokens);
  if (found === null || found.date || found.weekday || found.today) return { ok: false, reason: "unrecognised" };
  if (found.fixed) return { ok: true, ...found.fixed };
  if (found.clock === null) return { ok: false, reason: "unrecognised" };
  return clockToTime(found.clock, found.part);
}

/** A time of day alone, for "jam berapa?" after a date and for ronda hours. */
export function parseTime(text: string): TimeResult {
  const prepared = prepare(text, false);
  if (!prepared.ok) return prepared;
  return timeFromTokens(prepared.tokens);
}

/**
 * Ronda hours: `22.00-04.00`, `22:00 - 04:00`, `jam 10 malam sampai 4 pagi`. An end at or before
 * the start runs past midnight. Only wall-clock times come back: which night a start such as
 * 00.00 belongs to is the rota's convention, not the parser's.
 */
export function parseTimeRange(text: string): TimeRangeResult {
  const prepared = prepare(text, true);
  if (!prepared.ok) return prepared;
  const tokens = prepared.tokens;
  const separators = tokens.flatMap((token, index) => (RANGE_SEPARATORS.has(token) ? [index] : []));
  if (separators.length !== 1) return { ok: false, reason: "unrecognised" };
  const split = separators[0]!;
  const rightStart = tokens[split] === "sampai" && tokens[split + 1] === "dengan" ? split + 2 : split + 1;
  const start = timeFromTokens(tokens.slice(0, split));
  if (!start.ok) return start;
  const end = timeFromTokens(tokens.slice(rightStart));
  if (!end.ok) return end;
  const startMinutes = start.time.hour * 60 + start.time.minute;
  const endMinutes = end.time.hour * 60 + end.time.minute;
  if (startMinutes === endMinutes) return { ok: false, reason: "same-time" };
  return { ok: true, start: start.time, end: end.time, endsNextDay: endMinutes < startMinutes, minutes: (endMinutes - startMinutes + 1440) % 1440 };
}

/**
 * Joins a date from one answer with a time from the next ("lusa", then "jam 7 pagi"), with the
 * same refusals as parseDateTime.
 */
export function combineDateAndTime(date: LocalDate, time: ParsedTime, now: Date): DateTimeResult {
  if (!isValidDate(date)) return { ok: false, reason: "invalid-date" };
  if (time.time.hour < 0 || time.time.hour > 23 || time.time.minute < 0 || time.time.minute > 59) return { ok: false, reason: "invalid-time" };
  return withinRange(instantOf(date, time), now);
}
