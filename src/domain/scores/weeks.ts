import { sql, type SQL } from "drizzle-orm";
import { WIB_OFFSET_MINUTES } from "../schedule/wib.js";

/**
 * Score weeks run from Monday 00:00 WIB to the next Monday 00:00 WIB. A week is numbered from
 * Monday 1970-01-05 00:00 WIB (week 0); the same fixed-offset arithmetic runs in SQL and here,
 * so no time-zone database is involved on either side.
 */

export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
/** Monday 1970-01-05 00:00 WIB (1970-01-01 was a Thursday), in ms since the epoch. */
const WEEK_ZERO_MS = 4 * DAY_MS - WIB_OFFSET_MINUTES * 60_000;

export function wibWeekIndex(instant: Date): number {
  return Math.floor((instant.getTime() - WEEK_ZERO_MS) / WEEK_MS);
}

export function wibWeekStartOfIndex(index: number): Date {
  return new Date(WEEK_ZERO_MS + index * WEEK_MS);
}

/** Monday 00:00 WIB of the week holding `instant`. */
export function wibWeekStart(instant: Date): Date {
  return wibWeekStartOfIndex(wibWeekIndex(instant));
}

/**
 * The SQL twin of wibWeekIndex, for a timestamptz column named in trusted code. In double precision
 * (date_part), not numeric (extract): a fifth faster over the hundred thousand records of a
 * kecamatan's eight weeks, and exact, as a week boundary is a whole number of seconds far below 2^53.
 */
export function wibWeekIndexSql(column: string): SQL {
  return sql.raw(`floor((date_part('epoch', ${column}) - ${WEEK_ZERO_MS / 1000}) / ${WEEK_MS / 1000})::int`);
}
