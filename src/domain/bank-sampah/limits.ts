/**
 * The waste bank's limits, stated once: the parsers (amounts.ts) accept nothing beyond them, the
 * services (ledger.ts, banks.ts) check them again, and the columns hold every value they allow.
 *
 * Rupiah and quantities (grams, millilitres) are whole numbers stored as 64-bit integers (bigint
 * columns) and handled in JavaScript as numbers, which are exact up to 2^53 − 1 (about 9 × 10^15).
 * Every limit below keeps every stored value, and every sum the bot makes of them, well inside
 * that: the largest line is Rp 5 × 10^9, the largest deposit Rp 10^11, the largest balance Rp 10^13,
 * so even the balances of 900 accounts at their limit add up exactly. A sum read back from the
 * database goes through `exactAmount`, which refuses rather than rounds.
 */

/** Largest single line of a deposit, in kg or liter: more than this is a typing slip, not a sack of cans. */
export const QUANTITY_MAX = 500;
/** The same, in the unit stored: grams or millilitres. */
export const QUANTITY_MAX_BASE = QUANTITY_MAX * 1000;
/** Highest price of a waste type, Rupiah per kg or per liter. */
export const PRICE_MAX = 10_000_000;
/** Lines in one deposit. */
export const DEPOSIT_LINES_MAX = 20;
/** The value of the largest line: 500 kg at the highest price, Rp 5.000.000.000. */
export const LINE_VALUE_MAX = (QUANTITY_MAX_BASE * PRICE_MAX) / 1000;
/** The largest deposit: every line at its largest, Rp 100.000.000.000. */
export const DEPOSIT_MAX = DEPOSIT_LINES_MAX * LINE_VALUE_MAX;
/** A withdrawal larger than this is a slip of the finger, whatever the balance. */
export const WITHDRAWAL_MAX = 100_000_000;
/** The most one account may hold: a deposit that would take a balance past it is refused. */
export const BALANCE_MAX = 10_000_000_000_000;

/**
 * A whole number of Rupiah (or grams) as the database returns it (a bigint or numeric comes back
 * as a string from a sum), exactly: a value past 2^53 − 1 would be rounded, so it is refused.
 */
export function exactAmount(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || (typeof value !== "number" && BigInt(value) !== BigInt(number))) {
    throw new RangeError("a sum of Rupiah or grams is beyond what the bot counts exactly");
  }
  return number;
}
