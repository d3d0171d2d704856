import { wibDate, wibInstant } from "./wib.js";

/**
 * A calendar month as WIB reckons it: the one month model for statements, reports and their
 * buttons. Its instants run from 00.00 WIB on the 1st to 00.00 WIB on the next month's 1st.
 */
export type Month = { year: number; month: number };

/** Years outside these are typing slips or forged buttons, not a bank's history. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** The WIB month `instant` falls in. */
export function monthOf(instant: Date): Month {
  const { year, month } = wibDate(instant);
  return { year, month };
}

/** `count` months on from `at` (negative goes back). */
export function addMonths(at: Month, count: number): Month {
  const index = at.year * 12 + (at.month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function compareMonths(a: Month, b: Month): number {
  return a.year * 12 + a.month - (b.year * 12 + b.month);
}

/** [from, to) of a month: from 1st 00.00 WIB to the next month's 1st 00.00 WIB. */
export function monthRange(at: Month): { from: Date; to: Date } {
  if (!Number.isInteger(at.year) || !Number.isInteger(at.month) || at.month < 1 || at.month > 12) throw new RangeError(`not a month: ${at.year}-${at.month}`);
  const midnight = { hour: 0, minute: 0 };
  return { from: wibInstant({ ...at, day: 1 }, midnight), to: wibInstant({ ...addMonths(at, 1), day: 1 }, midnight) };
}

/** "2026-11": how a month is written in buttons and file names. */
export function monthKey(at: Month): string {
  return `${String(at.year).padStart(4, "0")}-${String(at.month).padStart(2, "0")}`;
}

/** "2026-11" → the month; null for anything else (a forged button). */
export function parseMonthKey(text: string): Month | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (!match) return null;
  const month = { year: Number(match[1]), month: Number(match[2]) };
  return month.year >= FIRST_YEAR && month.year <= LAST_YEAR && month.month >= 1 && month.month <= 12 ? month : null;
}

/** The WIB month of `now` and the `count - 1` before it, newest first. */
export function recentMonths(now: Date, count: number): Month[] {
  const current = monthOf(now);
  return Array.from({ length: count }, (_, back) => addMonths(current, -back));
}
