/**
 * How an event repeats, and its occurrences in a window. Every occurrence is at the first one's
 * WIB wall-clock time (WIB has no daylight saving, so that is also a fixed UTC time).
 *
 * - weekly / biweekly: on `weekday`, starting on the first such day on or after the first date;
 *   biweekly counts its fortnights from there, so a window that starts mid-series keeps the parity.
 * - monthly-date: on `day`, clamped to the month's last day when the month is shorter (the 31st
 *   falls on 28/29 Feb, 30 Apr, ...). Residents expect the event every month; skipping months
 *   would silently drop February's kerja bakti.
 * - monthly-weekday: the nth weekday of the month (1–4 always exist), or -1 for the last one,
 *   which is how a date in the 29th–31st (a "5th" weekday that most months lack) repeats.
 */
import { addDays, dayNumber, daysInMonth, fromDayNumber, isValidDate, isValidTime, wibDate, wibInstant, weekdayOf, type LocalDate, type LocalTime } from "./wib.js";

export type NthWeekday = 1 | 2 | 3 | 4 | -1;

export type Recurrence =
  | { kind: "none" }
  | { kind: "weekly"; weekday: number }
  | { kind: "biweekly"; weekday: number }
  | { kind: "monthly-date"; day: number }
  | { kind: "monthly-weekday"; nth: NthWeekday; weekday: number };

export type RecurrenceKind = Recurrence["kind"];

export const RECURRENCE_KINDS: readonly RecurrenceKind[] = ["none", "weekly", "biweekly", "monthly-date", "monthly-weekday"];

export type FirstOccurrence = { date: LocalDate; time: LocalTime };

const isWeekday = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 6;
const isNth = (value: unknown): value is NthWeekday => value === 1 || value === 2 || value === 3 || value === 4 || value === -1;

/**
 * A rule read back from storage (event.recurrence is JSON), or null when it is not one; extra
 * fields are dropped so what comes back is exactly a Recurrence.
 */
export function parseRecurrence(value: unknown): Recurrence | null {
  if (typeof value !== "object" || value === null) return null;
  const rule = value as Record<string, unknown>;
  switch (rule.kind) {
    case "none":
      return { kind: "none" };
    case "weekly":
    case "biweekly":
      return isWeekday(rule.weekday) ? { kind: rule.kind, weekday: rule.weekday } : null;
    case "monthly-date":
      return Number.isInteger(rule.day) && (rule.day as number) >= 1 && (rule.day as number) <= 31 ? { kind: "monthly-date", day: rule.day as number } : null;
    case "monthly-weekday":
      return isNth(rule.nth) && isWeekday(rule.weekday) ? { kind: "monthly-weekday", nth: rule.nth, weekday: rule.weekday } : null;
    default:
      return null;
  }
}

/** The date of the nth (or, for -1, the last) `weekday` of a month; always inside the month. */
export function nthWeekdayOfMonth(year: number, month: number, nth: NthWeekday, weekday: number): LocalDate {
  if (nth === -1) {
    const last = daysInMonth(year, month);
    const back = (weekdayOf({ year, month, day: last }) - weekday + 7) % 7;
    return { year, month, day: last - back };
  }
  const forward = (weekday - weekdayOf({ year, month, day: 1 }) + 7) % 7;
  return { year, month, day: 1 + forward + (nth - 1) * 7 };
}

/** The date is its weekday's last in the month (no same weekday a week later). */
export function isLastWeekdayOfMonth(date: LocalDate): boolean {
  return date.day + 7 > daysInMonth(date.year, date.month);
}

/**
 * The rule of a kind, taken from the first date: its weekday, its day of the month, or its place
 * among the month's weekdays. A date in the 29th–31st is a 5th weekday, which most months lack,
 * so it becomes "the last".
 */
export function recurrenceFromFirst(kind: RecurrenceKind, firstDate: LocalDate): Recurrence {
  const weekday = weekdayOf(firstDate);
  switch (kind) {
    case "none":
      return { kind: "none" };
    case "weekly":
    case "biweekly":
      return { kind, weekday };
    case "monthly-date":
      return { kind, day: firstDate.day };
    case "monthly-weekday": {
      const nth = Math.ceil(firstDate.day / 7);
      return { kind, nth: nth >= 5 ? -1 : (nth as NthWeekday), weekday };
    }
  }
}

/**
 * The monthly-weekday rules the first date fits: one, or two when it is both the 4th and the last
 * (22–28 of a month, e.g. Sunday 28 Feb 2027): "the 4th Sunday" and "the last Sunday" part ways
 * in months with five Sundays, so the bot should ask which one is meant.
 */
export function monthlyWeekdayRules(firstDate: LocalDate): Recurrence[] {
  const rule = recurrenceFromFirst("monthly-weekday", firstDate);
  const weekday = weekdayOf(firstDate);
  if (rule.kind === "monthly-weekday" && rule.nth === 4 && isLastWeekdayOfMonth(firstDate)) return [rule, { kind: "monthly-weekday", nth: -1, weekday }];
  return [rule];
}

function assertRule(rule: Recurrence): void {
  if (parseRecurrence(rule) === null) throw new RangeError(`not a recurrence rule: ${JSON.stringify(rule)}`);
}

/** The month's occurrence date under a monthly rule. */
function monthlyDate(rule: Extract<Recurrence, { kind: "monthly-date" | "monthly-weekday" }>, year: number, month: number): LocalDate {
  if (rule.kind === "monthly-date") return { year, month, day: Math.min(rule.day, daysInMonth(year, month)) };
  return nthWeekdayOfMonth(year, month, rule.nth, rule.weekday);
}

/**
 * The instants in [from, to) at which the event happens, never before the first occurrence,
 * sorted. The work is proportional to the window, not to how long ago the series began.
 */
export function occurrences(rule: Recurrence, first: FirstOccurrence, from: Date, to: Date): Date[] {
  assertRule(rule);
  if (!isValidDate(first.date) || !isValidTime(first.time)) throw new RangeError("invalid first occurrence");
  if (!Number.isFinite(from.getTime()) || !Number.isFinite(to.getTime())) throw new RangeError("invalid window");

  const start = wibInstant(first.date, first.time).getTime();
  const lower = Math.max(from.getTime(), start);
  const upper = to.getTime();
  if (upper <= lower) return [];

  const found: Date[] = [];
  /**
   * Adds the date's occurrence if it is inside the window (which starts no earlier than the first
   * occurrence, so this also drops dates before it); false once the window is past.
   */
  const take = (date: LocalDate): boolean => {
    const at = wibInstant(date, first.time);
    if (at.getTime() >= upper) return false;
    if (at.getTime() >= lower) found.push(at);
    return true;
  };
  // No occurrence on a date before this one can reach the window.
  const earliest = wibDate(new Date(lower));

  switch (rule.kind) {
    case "none":
      take(first.date);
      break;
    case "weekly":
    case "biweekly": {
      const step = rule.kind === "weekly" ? 7 : 14;
      const anchor = dayNumber(addDays(first.date, (rule.weekday - weekdayOf(first.date) + 7) % 7));
      const skipped = Math.max(0, Math.ceil((dayNumber(earliest) - anchor) / step));
      for (let day = anchor + skipped * step; take(fromDayNumber(day)); day += step);
      break;
    }
    case "monthly-date":
    case "monthly-weekday": {
      let year = earliest.year;
      let month = earliest.month;
      for (;;) {
        const date = monthlyDate(rule, year, month);
        if (!take(date)) break;
        month += 1;
        if (month > 12) {
          month = 1;
          year += 1;
        }
      }
      break;
    }
  }
  return found;
}
