import { pino, type Logger } from "pino";

export type { Logger };

/** A bot token as Telegram issues it (`123456789:AA…`), wherever it sits: a URL, a message. */
const TOKEN_PATTERN = /\d{5,}:[A-Za-z0-9_-]{20,}/g;

/** Replaces bot tokens and the given secrets in a string. */
function scrubber(secrets: readonly string[]): (text: string) => string {
  const exact = secrets.filter((secret) => secret.length >= 8);
  return (text) => {
    let scrubbed = text.replace(TOKEN_PATTERN, "[token]");
    for (const secret of exact) scrubbed = scrubbed.replaceAll(secret, "[secret]");
    // drizzle's DrizzleQueryError ends its message with the query's parameters: names, labels, text.
    return scrubbed.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/g, "\nparams: [redacted]");
  };
}

/**
 * Fields of an error worth keeping: codes and Telegram's description, never the data. grammY's
 * GrammyError carries the payload it sent (the chat id, a message's text, names in it), drizzle's
 * query error its parameters, a PostgreSQL error the offending values in `detail`: those are left
 * out. Of Telegram's `parameters` only `retry_after` is kept (`migrate_to_chat_id` is a chat id).
 */
const ERROR_FIELDS = ["code", "error_code", "description", "method", "status", "statusText", "severity", "constraint_name", "table_name", "column_name", "routine", "errno", "syscall"];

function errorSerializer(scrub: (text: string) => string) {
  const serialize = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") return scrub(value);
    if (typeof value !== "object" || value === null || !("message" in value)) return value;
    const error = value as Error & Record<string, unknown>;
    const out: Record<string, unknown> = {
      type: error.constructor?.name ?? error.name,
      message: scrub(String(error.message)),
      stack: typeof error.stack === "string" ? scrub(error.stack) : undefined,
    };
    for (const field of ERROR_FIELDS) {
      const fieldValue = error[field];
      if (typeof fieldValue === "string") out[field] = scrub(fieldValue);
      else if (typeof fieldValue === "number") out[field] = fieldValue;
    }
    const retryAfter = (error.parameters as { retry_after?: unknown } | undefined)?.retry_after;
    if (typeof retryAfter === "number") out.parameters = { retry_after: retryAfter };
    if (depth < 3) {
      // grammY's HttpError wraps the fetch error, whose message may hold the URL with the token.
      if (error.error !== undefined) out.error = serialize(error.error, depth + 1);
      if (error.cause !== undefined) out.cause = serialize(error.cause, depth + 1);
    }
    return out;
  };
  return (value: unknown) => serialize(value, 0);
}

export type LoggerOptions = {
  /** Exact strings never to write (the bot token, the webhook secret); token-shaped text goes anyway. */
  secrets?: readonly string[];
};

/**
 * Structured JSON logs. Tokens and personal data are kept out wherever they could appear: known
 * keys are redacted, errors are reduced to their type, message, stack and codes, and every string
 * written is scrubbed of bot tokens. Log person ids, not names.
 */
export function createLogger(level: string, destination?: pino.DestinationStream, options: LoggerOptions = {}): Logger {
  const scrub = scrubber(options.secrets ?? []);
  const serializeError = errorSerializer(scrub);
  // Keys that hold personal data or secrets wherever they appear (top level or one down): names,
  // what people wrote, and Telegram ids (a person's id is their chat's id).
  const personal = ["token", "botToken", "text", "caption", "payload", "first_name", "last_name", "username", "phone_number", "displayName", "householdLabel", "secret", "webhookSecret"];
  const telegramIds = ["chatId", "chat_id", "telegramId", "telegram_id", "fromId", "from_id", "userId", "user_id", "from", "chat", "sender_chat"];
  const censored = new Set([...personal, ...telegramIds]);
  const cleanFields = (value: unknown, depth: number): unknown => {
    if (value instanceof Error) return serializeError(value);
    if (typeof value !== "object" || value === null || depth > 6) return value;
    if (Array.isArray(value)) return value.map((item) => cleanFields(item, depth + 1));
    if (Object.getPrototypeOf(value) !== Object.prototype) return value;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      // err and error at the top have their serializers (which pino applies after this).
      out[key] = censored.has(key) ? "[redacted]" : depth === 0 && (key === "err" || key === "error") ? field : cleanFields(field, depth + 1);
    }
    return out;
  };
  return pino(
    {
      level,
      redact: {
        paths: [...personal, ...telegramIds].flatMap((key) => [key, `*.${key}`]).concat("config.botToken", "config.webhookSecret"),
        censor: "[redacted]",
      },
      serializers: { err: serializeError, error: serializeError },
      formatters: {
        // Deeper than the redaction paths reach: an error under any key (`{ reason: error }`,
        // `{ cause: { err } }`) is reduced as `err` is (pino would write all its own fields, a
        // GrammyError's payload among them), and the keys above are censored at any depth.
        log: (object) => cleanFields(object, 0) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === "string" ? scrub(arg) : arg));
          // An error logged on its own lends pino its message as `msg`: give a scrubbed one instead.
          const [first, second] = scrubbed;
          if (first instanceof Error && typeof second !== "string") scrubbed.splice(1, 0, scrub(first.message));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
