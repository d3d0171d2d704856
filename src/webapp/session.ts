import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A session lasts half an hour past the last page opened (renewed once half of it is gone, see
 * renewal), and never more than eight hours past its sign-in: a koordinator working through the
 * afternoon is not thrown out, and a copied cookie still stops working (roles are not in it: the
 * actor is loaded again on every request). Past it the person opens the app again from the bot.
 */
export const SESSION_TTL_SECONDS = 30 * 60;
export const SESSION_MAX_SECONDS = 8 * 60 * 60;
export const SESSION_COOKIE = "bantar_app";

/** `startedAt`: the sign-in, which a renewal keeps (the eight-hour bound counts from it). */
export type Session = { telegramId: number; expiresAt: Date; startedAt: Date };

/**
 * The key that signs session cookies, derived from the bot token: every instance behind the same
 * proxy derives the same one (no key to share), and a new token ends every session.
 */
export function sessionKey(botToken: string): Buffer {
  return createHmac("sha256", "bantar-webapp-session").update(botToken).digest();
}

/**
 * The key of download tickets: a second key from the same token, so a ticket (which travels in an
 * address, for Telegram's own download) is never a session cookie, nor a cookie a ticket.
 */
export function downloadKey(botToken: string): Buffer {
  return createHmac("sha256", "bantar-webapp-download").update(botToken).digest();
}

function signatureOf(key: Buffer, payload: string): Buffer {
  return createHmac("sha256", key).update(payload).digest();
}

/**
 * `<telegram id>.<expiry>.<sign-in>.<base64url HMAC of the three>` (unix seconds): nothing in it but
 * who, until when and since when. `startedAt` is the sign-in a renewal carries on (now, by default).
 */
export function issueSession(key: Buffer, telegramId: number, now: Date, ttlSeconds = SESSION_TTL_SECONDS, startedAt: Date = now): { value: string; session: Session } {
  const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const started = Math.floor(startedAt.getTime() / 1000);
  const payload = `${telegramId}.${expires}.${started}`;
  return {
    value: `${payload}.${signatureOf(key, payload).toString("base64url")}`,
    session: { telegramId, expiresAt: new Date(expires * 1000), startedAt: new Date(started * 1000) },
  };
}

/**
 * The renewed session of a page opened with `session`, or null when it needs none yet (more than
 * half its half hour left) or may have none (eight hours past its sign-in: it runs out as it is).
 */
export function renewal(key: Buffer, session: Session, now: Date): { value: string; session: Session; ttlSeconds: number } | null {
  const left = session.expiresAt.getTime() - now.getTime();
  if (left > (SESSION_TTL_SECONDS * 1000) / 2) return null;
  const bound = session.startedAt.getTime() + SESSION_MAX_SECONDS * 1000;
  const ttlSeconds = Math.min(SESSION_TTL_SECONDS, Math.floor((bound - now.getTime()) / 1000));
  if (ttlSeconds * 1000 <= left) return null;
  return { ...issueSession(key, session.telegramId, now, ttlSeconds, session.startedAt), ttlSeconds };
}

/** The session a cookie value carries, if it was signed with `key` and has not expired; null otherwise. */
export function readSession(key: Buffer, value: string, now: Date): Session | null {
  const match = /^([1-9]\d{0,15})\.(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return null;
  const [, id, expires, started, signature] = match as unknown as [string, string, string, string, string];
  const given = Buffer.from(signature, "base64url");
  const expected = signatureOf(key, `${id}.${expires}.${started}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const telegramId = Number(id);
  const expiresAt = new Date(Number(expires) * 1000);
  const startedAt = new Date(Number(started) * 1000);
  if (!Number.isSafeInteger(telegramId) || expiresAt.getTime() <= now.getTime()) return null;
  // Signed by us, but never past the bound, whatever a renewal wrote.
  if (expiresAt.getTime() > startedAt.getTime() + SESSION_MAX_SECONDS * 1000) return null;
  return { telegramId, expiresAt, startedAt };
}

export type CookieOptions = {
  /** The app's base path: the cookie goes to the app only, not to /healthz or the webhook. */
  path: string;
  /**
   * Over https (always, in production) the cookie is `Secure; SameSite=None; Partitioned`: Telegram
   * Web opens a Mini App in an iframe of another site, where only such a cookie is sent (and
   * `Partitioned` keeps it working where third-party cookies are blocked). Over plain http on
   * localhost (the console) a browser refuses SameSite=None without Secure, so it is Lax there.
   */
  secure: boolean;
};

function attributes(options: CookieOptions, maxAge: number): string {
  const site = options.secure ? "; Secure; SameSite=None; Partitioned" : "; SameSite=Lax";
  return `; Path=${options.path}; Max-Age=${maxAge}; HttpOnly${site}`;
}

export function sessionCookie(value: string, options: CookieOptions, ttlSeconds = SESSION_TTL_SECONDS): string {
  return `${SESSION_COOKIE}=${value}${attributes(options, ttlSeconds)}`;
}

/** A Set-Cookie that drops the session (a cookie that no longer reads). */
export function clearedSessionCookie(options: CookieOptions): string {
  return `${SESSION_COOKIE}=${attributes(options, 0)}`;
}

/** The value of one cookie in a Cookie header; the first if it comes twice. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}
