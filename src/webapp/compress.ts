import { gzipSync } from "node:zlib";

/**
 * Below this a page is sent as it is: gzip's own header and the CPU are not worth a few hundred
 * bytes (the notices are that small).
 */
export const GZIP_MIN_BYTES = 1024;

/**
 * Whether an Accept-Encoding header takes gzip (RFC 9110 §12.5.3): `gzip` (or `x-gzip`), or `*`
 * when gzip is not named, with a weight above 0; `gzip;q=0` refuses it. No header: not asked for.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const entry of (Array.isArray(header) ? header.join(",") : header).split(",")) {
    const [name = "", ...params] = entry.split(";").map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (!Number.isFinite(weight)) continue;
    if (name === "gzip" || name === "x-gzip") gzip = weight;
    else if (name === "*") any = weight;
  }
  return (gzip ?? any ?? 0) > 0;
}

/**
 * A page as it goes on the wire: gzipped when the client takes gzip and the page is big enough
 * (a kecamatan's list shrinks about fivefold: a phone on mobile data waits for bytes, not for
 * CPU). `vary` either way, so nothing between keeps one encoding for the other's client. BREACH
 * (guessing a secret in a page from its compressed size) needs text of the attacker's beside the
 * secret: the session is in an HttpOnly cookie, never in a page; the one secret a page holds, the
 * ranked list's download ticket, sits beside nothing an address can put there (the filters are
 * echoed only when they name an offered value). Synchronous: a page is tens of KB, about a
 * millisecond's work.
 */
export function encodePage(acceptEncoding: string | string[] | undefined, text: string): { body: string | Buffer; headers: Record<string, string> } {
  if (Buffer.byteLength(text) < GZIP_MIN_BYTES || !acceptsGzip(acceptEncoding)) return { body: text, headers: { vary: "accept-encoding" } };
  return { body: gzipSync(text), headers: { vary: "accept-encoding", "content-encoding": "gzip" } };
}
