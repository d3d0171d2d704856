import { and, eq, lt, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { ledgerEntry } from "../../db/schema/index.js";
import { wibDate, wibInstant } from "../schedule/wib.js";

/** A calendar month in WIB. */
export type Month = { year: number; month: number };

/** How many months without the current and the last one a /saldo offers as buttons. */
export const OLDER_MONTHS_MAX = 10;

export function addMonths(at: Month, count: number): Month {
  const index = at.year * 12 + (at.month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function monthOf(instant: Date): Month {
  const { year, month } = wibDate(instant);
  return { year, month };
}

/** [from, to) of a month as WIB reckons it: from 1st 00.00 WIB to the next month's 1st 00.00 WIB. */
export function monthRange(at: Month): { from: Date; to: Date } {
  const next = addMonths(at, 1);
  return { from: wibInstant({ ...at, day: 1 }, { hour: 0, minute: 0 }), to: wibInstant({ ...next, day: 1 }, { hour: 0, minute: 0 }) };
}

export function monthKey(at: Month): string {
  return `${String(at.year).padStart(4, "0")}-${String(at.month).padStart(2, "0")}`;
}

/** "2026-11" → the month; null for anything else (a forged button). */
export function parseMonthKey(text: string): Month | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= 2000 && year <= 2100 && month >= 1 && month <= 12 ? { year, month } : null;
}

/**
 * The months a statement is offered for: this month and the last always, then earlier months in
 * which the account has entries, newest first.
 */
export async function statementMonths(db: Database, wasteBankId: number, personId: number, now: Date): Promise<Month[]> {
  const current = monthOf(now);
  const previous = addMonths(current, -1);
  const { from } = monthRange(previous);
  // WIB wall-clock months, reckoned from UTC so no time-zone data is needed.
  const rows = await queryRows<{ month: string }>(db, sql`
    select distinct to_char((${ledgerEntry.occurredAt} at time zone 'UTC') + interval '7 hours', 'YYYY-MM') as month
    from ${ledgerEntry}
    where ${and(eq(ledgerEntry.wasteBankId, wasteBankId), eq(ledgerEntry.personId, personId), lt(ledgerEntry.occurredAt, from))}
    order by month desc
    limit ${OLDER_MONTHS_MAX}
  `);
  const older = rows.flatMap((row) => parseMonthKey(String(row.month)) ?? []);
  return [current, previous, ...older];
}
