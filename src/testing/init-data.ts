import { createHmac } from "node:crypto";

/**
 * Mini App initData as a Telegram client hands it to the app, for the tests and the benchmarks
 * (bench/dashboard.ts signs its koordinator in with it); no production path imports it.
 */

export type SignedUser = { id: number; first_name: string; last_name?: string; username?: string; language_code?: string };

export type SignOptions = {
  botToken: string;
  /** Who opened the app; `null` leaves the user field out (as in data opened without one). */
  user: SignedUser | null;
  /** When Telegram signed it; now by default. */
  authDate?: Date;
  /** More fields, signed with the rest (query_id, chat_type, start_param, or anything). */
  extra?: Record<string, string>;
};

/**
 * Mini App initData signed as a Telegram client would hand it to the app: a query string of
 * URL-encoded fields with `hash` = hex HMAC-SHA256(HMAC-SHA256("WebAppData", token), data-check-string).
 * Written out here on its own (not with src/webapp/init-data.ts), so a mistake there is not repeated
 * in what tests it; browser tests use it to open the app as any user.
 */
let openings = 0;

export function signInitData(options: SignOptions): string {
  const fields: Record<string, string> = {
    auth_date: String(Math.floor((options.authDate ?? new Date()).getTime() / 1000)),
    // Each opening its own, as Telegram's: two openings in one second are two sign-ins, not a replay.
    query_id: `AAHdF6IQAAAAAN0Xoh${String(++openings).padStart(6, "0")}`,
    ...(options.user ? { user: JSON.stringify(options.user) } : {}),
    ...options.extra,
  };
  const checkString = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join("\n");
  const secret = createHmac("sha256", "WebAppData").update(options.botToken).digest();
  const hash = createHmac("sha256", secret).update(checkString).digest("hex");
  return new URLSearchParams({ ...fields, hash }).toString();
}
