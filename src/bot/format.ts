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
