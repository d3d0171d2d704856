import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * How old a Mini App's initData may be when it is exchanged for a session. Telegram signs it when
 * the app is opened; a person who opens the app uses it within seconds, so an hour is generous and
 * bounds what a leaked copy is worth (it is also how long its hash is kept against a replay).
 */
export const INIT_DATA_MAX_AGE_SECONDS = 3_600;
/** An auth_date this far ahead of our clock is still taken: the two clocks are never quite equal. */
export const INIT_DATA_CLOCK_SKEW_SECONDS = 60;
/** Telegram's initData is a few hundred bytes (a little more with a chat); anything far bigger is not Telegram's. */
export const INIT_DATA_MAX_LENGTH = 8_192;

export type InitDataUser = {
  id: number;
  firstName: string;
  lastName: string | null;
  username: string | null;
  /** The Telegram client's language (IETF tag), if it said; the bot's own choice of language wins. */
  languageCode: string | null;
};

export type ValidInitData = {
  user: InitDataUser;
  authDate: Date;
  /** Hex HMAC of the data, unique to this initData: what a replay is recognised by. */
  hash: string;
};

/**
 * Why initData was refused. `malformed`: not a query string of unique keys, or no hash, or no
 * auth_date; `bad-hash`: not signed with this bot's token (forged, altered, another bot's);
 * `expired`: older than the age allowed; `future`: dated ahead of our clock; `no-user` / `bad-user`:
 * signed, but not opened by a person we can name.
 */
export const INIT_DATA_REFUSALS = ["malformed", "bad-hash", "expired", "future", "no-user", "bad-user"] as const;
export type InitDataRefusal = (typeof INIT_DATA_REFUSALS)[number];

export type InitDataCheck = { ok: true; data: ValidInitData } | { ok: false; reason: InitDataRefusal };

export type InitDataCheckOptions = {
  botToken: string;
  now: Date;
  maxAgeSeconds?: number;
  clockSkewSeconds?: number;
};

/** Telegram's secret for Mini App data: HMAC-SHA256 of the bot token, keyed with "WebAppData". */
export function webAppSecretKey(botToken: string): Buffer {
  return createHmac("sha256", "WebAppData").update(botToken).digest();
}

/** Every field but `hash`, sorted by key, as `key=value` lines (values URL-decoded), as Telegram signs them. */
export function dataCheckString(fields: ReadonlyMap<string, string>): string {
  return [...fields.entries()]
    .filter(([key]) => key !== "hash")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
}

/** The query string as a map; null when a key comes twice (which of the two was signed is not ours to guess). */
function fieldsOf(raw: string): Map<string, string> | null {
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(raw)) {
    if (fields.has(key)) return null;
    fields.set(key, value);
  }
  return fields;
}

function userOf(json: string): InitDataUser | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const user = value as Record<string, unknown>;
  const optionalText = (field: unknown) => (typeof field === "string" && field !== "" ? field : null);
  if (typeof user.id !== "number" || !Number.isSafeInteger(user.id) || user.id <= 0) return null;
  if (typeof user.first_name !== "string") return null;
  // A bot cannot open a Mini App for itself; data claiming one was not made by a Telegram client.
  if (user.is_bot === true) return null;
  return {
    id: user.id,
    firstName: user.first_name,
    lastName: optionalText(user.last_name),
    username: optionalText(user.username),
    languageCode: optionalText(user.language_code),
  };
}

/**
 * Checks a Mini App's initData as Telegram documents it (core.telegram.org/bots/webapps,
 * "Validating data received via the Mini App"): the hash is the hex HMAC-SHA256 of the
 * data-check-string keyed with `webAppSecretKey(token)`, compared in constant time; then the
 * auth_date must be recent and not ahead of our clock; then the user must be there. Pure: the
 * replay check (has this hash been used?) is the caller's, with the database.
 */
export function validateInitData(raw: string, options: InitDataCheckOptions): InitDataCheck {
  if (raw.length === 0 || raw.length > INIT_DATA_MAX_LENGTH) return { ok: false, reason: "malformed" };
  const fields = fieldsOf(raw);
  const given = fields?.get("hash");
  if (!fields || given === undefined) return { ok: false, reason: "malformed" };
  if (!/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: "bad-hash" };

  const expected = createHmac("sha256", webAppSecretKey(options.botToken)).update(dataCheckString(fields)).digest();
  if (!timingSafeEqual(expected, Buffer.from(given, "hex"))) return { ok: false, reason: "bad-hash" };

  // Signed by Telegram from here on; what follows is whether it is still good, and whose it is.
  const authDate = fields.get("auth_date");
  if (authDate === undefined || !/^\d{1,12}$/.test(authDate)) return { ok: false, reason: "malformed" };
  const authSeconds = Number(authDate);
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  if (authSeconds > nowSeconds + (options.clockSkewSeconds ?? INIT_DATA_CLOCK_SKEW_SECONDS)) return { ok: false, reason: "future" };
  if (nowSeconds - authSeconds > (options.maxAgeSeconds ?? INIT_DATA_MAX_AGE_SECONDS)) return { ok: false, reason: "expired" };

  const userJson = fields.get("user");
  if (userJson === undefined) return { ok: false, reason: "no-user" };
  const user = userOf(userJson);
  if (!user) return { ok: false, reason: "bad-user" };
  return { ok: true, data: { user, authDate: new Date(authSeconds * 1000), hash: given } };
}
