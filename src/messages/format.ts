import type { MeasureUnit } from "../domain/bank-sampah/amounts.js";
import type { RtDetails } from "../domain/rt/rt.js";
import { TIME_ZONE, wibInstant, type LocalDate } from "../domain/schedule/wib.js";


/** RT numbers are written with two digits, as on the signboards: RT 05. */
export function rtNumber(number: number): string {
  return String(number).padStart(2, "0");
}

/** Variables every RT-naming message takes: `{ $rt }`, `{ $kelurahan }`, `{ $kecamatan }`. */
export function rtVars(place: Pick<RtDetails, "number" | "kelurahanName" | "kecamatanName">): Record<string, string> {
  return { rt: rtNumber(place.number), kelurahan: place.kelurahanName, kecamatan: place.kecamatanName };
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per (locale, style), built once: formatting runs for every line of a rota or digest. */
function formatIn(date: Date, locale: string, style: "date-time" | "weekday-date-time" | "weekday-date" | "date" | "clock"): string {
  const key = `${locale}:${style}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    const clock = { hour: "2-digit", minute: "2-digit", hour12: false } as const;
    const day = { day: "numeric", month: "long", year: "numeric" } as const;
    const parts: Intl.DateTimeFormatOptions =
      style === "clock" ? clock
      : style === "weekday-date" ? { weekday: "long", ...day }
      : style === "date" ? day
      : { ...(style === "weekday-date-time" ? { weekday: "long" as const } : {}), ...day, hour: "2-digit", minute: "2-digit" };
    format = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", { timeZone: TIME_ZONE, ...parts });
    dateTimeFormats.set(key, format);
  }
  return format.format(date);
}

/** A moment as a person in Jambi reads it: WIB, whatever the server's zone. */
export function formatWib(date: Date, locale: string): string {
  return `${formatIn(date, locale, "date-time")} WIB`;
}

export function deepLink(botUsername: string, payload: string): string {
  return `https://t.me/${botUsername}?start=${payload}`;
}

/** An occurrence's start as residents read it: "Minggu, 29 November 2026 pukul 07.00 WIB". */
export function formatWhen(date: Date, locale: string): string {
  return `${formatIn(date, locale, "weekday-date-time")} WIB`;
}

/** Only the clock time, in WIB: "07.00". */
export function formatClock(date: Date, locale: string): string {
  return formatIn(date, locale, "clock");
}

/** The day of a moment in WIB: "Minggu, 29 November 2026". */
export function formatWibDay(date: Date, locale: string): string {
  return formatIn(date, locale, "weekday-date");
}

/** A calendar day as typed, without its weekday: "25 Desember 2026". */
export function formatCalendarDay(date: LocalDate, locale: string): string {
  return formatIn(wibInstant(date, { hour: 12, minute: 0 }), locale, "date");
}

/** Under Telegram's 4,096-character limit, with room to spare. */
const MESSAGE_LIMIT = 3500;

/** Splits long lists into messages under Telegram's 4096-character limit. */
export function chunkLines(header: string, lines: string[]): string[] {
  const messages: string[] = [];
  let current = header;
  for (const line of lines) {
    if (current.length + line.length + 1 > MESSAGE_LIMIT) {
      messages.push(current);
      current = line;
    } else {
      current += `\n${line}`;
    }
  }
  messages.push(current);
  return messages;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Indonesian digits: a dot groups thousands, a comma marks decimals (English the other way). */
function formatNumber(value: number, locale: string, fractionDigits = 0): string {
  const key = `${locale}:${fractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === "en" ? "en-GB" : "id-ID", { maximumFractionDigits: fractionDigits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** Money as written on a receipt: "Rp 12.500" ("Rp 12,500" in English); a debit "-Rp 5.000". */
export function formatRupiah(amount: number, locale: string): string {
  const text = `Rp ${formatNumber(Math.abs(amount), locale)}`;
  return amount < 0 ? `-${text}` : text;
}

/** An entry's effect on a balance: "+Rp 10.500", "-Rp 5.000". */
export function formatSignedRupiah(amount: number, locale: string): string {
  return amount > 0 ? `+${formatRupiah(amount, locale)}` : formatRupiah(amount, locale);
}

/** A stored quantity (grams or millilitres) as people say it: "750 g", "2,5 kg", "1,2 liter". */
export function formatQuantity(quantity: number, unit: MeasureUnit, locale: string): string {
  const [small, large] = unit === "kg" ? ["g", "kg"] : ["ml", "liter"];
  return quantity < 1000 ? `${formatNumber(quantity, locale)} ${small}` : `${formatNumber(quantity / 1000, locale, 3)} ${large}`;
}

/** A price per kg or per liter: "Rp 1.800/kg". */
export function formatUnitPrice(rupiahPerUnit: number, unit: MeasureUnit, locale: string): string {
  return `${formatRupiah(rupiahPerUnit, locale)}/${unit}`;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** A month as a heading: "November 2026". The formatter is built once per locale (bench:updates saw it in every /saldo). */
export function formatMonth(at: { year: number; month: number }, locale: string): string {
  let format = monthFormats.get(locale);
  if (!format) monthFormats.set(locale, (format = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", { month: "long", year: "numeric", timeZone: "UTC" })));
  return format.format(Date.UTC(at.year, at.month - 1, 15));
}
