import type { Parsed } from "../people/text-input.js";
import { PRICE_MAX, QUANTITY_MAX, QUANTITY_MAX_BASE, WITHDRAWAL_MAX } from "./limits.js";

/**
 * Weights, volumes and Rupiah as people type them. Indonesian first: a comma is the decimal mark
 * and a dot groups thousands ("2,5 kg", "1.250 gr", "Rp 12.500,-"). A dot followed by anything but
 * groups of three digits is read as a decimal point too ("2.5 kg"), since phones offer it first.
 * All results are whole numbers: grams, millilitres, Rupiah, within the bank's limits (limits.ts).
 */

export type MeasureUnit = "kg" | "liter";

const WEIGHT_FACTORS: Record<string, number> = { kg: 1000, kgs: 1000, kilo: 1000, kilogram: 1000, ons: 100, g: 1, gr: 1, grm: 1, gram: 1 };
const VOLUME_FACTORS: Record<string, number> = { l: 1000, lt: 1000, ltr: 1000, liter: 1000, litre: 1000, ml: 1 };

/** An exact decimal: `digits` × 10^-`scale`. */
type Decimal = { digits: bigint; scale: number };

function tidy(text: string): string {
  return text.normalize("NFKC").replace(/[\u200B-\u200D\u2060\uFEFF]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
}

/** Reads "2", "2,5", "2.5", "1.250", "1.250,75"; null if it is none of those. */
function readDecimal(text: string): Decimal | null {
  let whole: string;
  let fraction = "";
  if (/^\d+$/.test(text)) whole = text;
  // A thousands group never starts with 0: "0.250" is a scale's quarter kilo, not 250.
  else if (/^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/.test(text)) [whole, fraction = ""] = text.replaceAll(".", "").split(",") as [string, string?];
  else if (/^\d+[,.]\d+$/.test(text)) [whole, fraction] = text.split(/[,.]/) as [string, string];
  else return null;
  if (whole.length + fraction.length > 15) return null;
  return { digits: BigInt(whole + fraction), scale: fraction.length };
}

/** `value` × `factor` as a whole number (exact, however large), or null when it has a fraction left. */
function scaleExactly(value: Decimal, factor: number): bigint | null {
  const divisor = 10n ** BigInt(value.scale);
  const scaled = value.digits * BigInt(factor);
  if (scaled % divisor !== 0n) return null;
  return scaled / divisor;
}

/**
 * A quantity of a waste type measured in `unit`: grams for kg, millilitres for liter. No unit
 * typed means the type's own ("2,5" of kardus is 2,5 kg). Finer than a gram is refused, not rounded.
 */
export function parseQuantity(raw: string, unit: MeasureUnit): Parsed<number> {
  const text = tidy(raw);
  if (text.length === 0) return { ok: false, reason: "empty" };
  if (text.length > 30) return { ok: false, reason: "quantity-unrecognised" };
  // A sentence's full stop ("2,5." or "2 kg.") is not part of the amount.
  const match = /^([+-]?)\s*([\d.,]+?)\s*([a-z]*)\.?$/.exec(text);
  if (!match) return { ok: false, reason: "quantity-unrecognised" };
  const [, sign, number, typedUnit] = match as unknown as [string, string, string, string];
  const factors = unit === "kg" ? WEIGHT_FACTORS : VOLUME_FACTORS;
  const factor = typedUnit === "" ? 1000 : factors[typedUnit];
  if (factor === undefined) {
    const otherKind = unit === "kg" ? VOLUME_FACTORS : WEIGHT_FACTORS;
    return { ok: false, reason: typedUnit in otherKind ? "quantity-wrong-unit" : "quantity-unrecognised" };
  }
  const value = readDecimal(number);
  if (!value) return { ok: false, reason: "quantity-unrecognised" };
  if (sign === "-" || value.digits === 0n) return { ok: false, reason: "quantity-not-positive" };
  const base = scaleExactly(value, factor);
  if (base === null) return { ok: false, reason: "quantity-too-precise" };
  if (base > BigInt(QUANTITY_MAX_BASE)) return { ok: false, reason: "quantity-too-large", vars: { max: QUANTITY_MAX } };
  return { ok: true, value: Number(base) };
}

const MONEY_SUFFIXES: Record<string, number> = { "": 1, rb: 1000, ribu: 1000, k: 1000, jt: 1_000_000, juta: 1_000_000 };

/**
 * Rupiah as typed: "12500", "12.500", "Rp 12.500,-", "Rp12.500,00", "12,5 rb", "1 jt". Sen do not
 * exist: "12,5" alone is refused, and "12,500" (thousands written the English way) is refused as
 * ambiguous rather than guessed.
 */
export function parseRupiah(raw: string, min: number, max: number): Parsed<number> {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) throw new RangeError("Rupiah limits must be exact whole numbers");
  const text = tidy(raw).replace(/^rp\.?\s*/, "").replace(/(,-|,00|\.-)$/, "").trim();
  if (text.length === 0) return { ok: false, reason: "empty" };
  if (raw.length > 40) return { ok: false, reason: "money-unrecognised" };
  const match = /^([+-]?)\s*([\d.,]+)\s*([a-z]*)\.?$/.exec(text);
  if (!match) return { ok: false, reason: "money-unrecognised" };
  const [, sign, number, suffix] = match as unknown as [string, string, string, string];
  const factor = MONEY_SUFFIXES[suffix];
  if (factor === undefined) return { ok: false, reason: "money-unrecognised" };
  if (factor === 1 && /^\d{1,3}(,\d{3})+$/.test(number)) return { ok: false, reason: "money-ambiguous" };
  const value = readDecimal(number);
  if (!value) return { ok: false, reason: "money-unrecognised" };
  const rupiah = scaleExactly(value, factor);
  if (rupiah === null) return { ok: false, reason: "money-not-whole" };
  if (sign === "-" || rupiah < BigInt(min) || rupiah > BigInt(max)) return { ok: false, reason: "money-out-of-range", vars: { min, max } };
  return { ok: true, value: Number(rupiah) };
}

/** A waste type's price, Rupiah per kg or per liter: from Rp 0 (taken for free) to `PRICE_MAX`. */
export function parsePrice(raw: string): Parsed<number> {
  return parseRupiah(raw, 0, PRICE_MAX);
}

/** A withdrawal: at least Rp 1, at most `WITHDRAWAL_MAX` (the balance is checked apart). */
export function parseWithdrawal(raw: string): Parsed<number> {
  return parseRupiah(raw, 1, WITHDRAWAL_MAX);
}

/**
 * The value of a line: quantity (g or ml) × price (Rupiah per kg or liter) ÷ 1000, rounded to the
 * nearest Rupiah, halves up. Each line is rounded on its own and the total is the sum of the lines,
 * so the receipt adds up exactly as printed.
 */
export function lineValue(quantity: number, rupiahPerUnit: number): number {
  return Math.floor((quantity * rupiahPerUnit + 500) / 1000);
}
