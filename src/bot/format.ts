import type { RtDetails } from "../domain/rt/rt.js";

export const TIME_ZONE = "Asia/Jakarta";

/** RT numbers are written with two digits, as on the signboards: RT 05. */
export function rtNumber(number: number): string {
  return String(number).padStart(2, "0");
}

/** Variables every RT-naming message takes: `{ $rt }`, `{ $kelurahan }`, `{ $kecamatan }`. */
export function rtVars(place: Pick<RtDetails, "number" | "kelurahanName" | "kecamatanName">): Record<string, string> {
  return { rt: rtNumber(place.number), kelurahan: place.kelurahanName, kecamatan: place.kecamatanName };
}

/** A moment as a person in Jambi reads it: WIB, whatever the server's zone. */
export function formatWib(date: Date, locale: string): string {
  const text = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
  return `${text} WIB`;
}

export function deepLink(botUsername: string, payload: string): string {
  return `https://t.me/${botUsername}?start=${payload}`;
}

/** An occurrence's start as residents read it: "Minggu, 29 November 2026, 07.00 WIB". */
export function formatWhen(date: Date, locale: string): string {
  const text = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", {
    timeZone: TIME_ZONE,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
  return `${text} WIB`;
}

/** Only the clock time, in WIB: "07.00". */
export function formatClock(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hour12: false }).format(date);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(cache: Map<string, Intl.DateTimeFormat>, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = cache.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", { timeZone: TIME_ZONE, ...options });
    cache.set(locale, format);
  }
  return format;
}

/** The clock time alone, in WIB: "07.00" in Indonesian, "07:00" in English (no "WIB" suffix). */
export function formatWibTime(date: Date, locale: string): string {
  return cachedFormat(timeFormats, locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}

/** The day alone, in WIB: "Minggu, 6 Desember" / "Sunday 6 December". */
export function formatWibDay(date: Date, locale: string): string {
  return cachedFormat(dayFormats, locale, { weekday: "long", day: "numeric", month: "long" }).format(date);
}
