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
 * GrammyError carries the payload it sent (a message's text, names in it), drizzle's query error
 * its parameters, a PostgreSQL error the offending values in `detail`: those are left out.
 */
const ERROR_FIELDS = ["code", "error_code", "description", "parameters", "method", "status", "statusText", "severity", "constraint_name", "table_name", "column_name", "routine", "errno", "syscall"];

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
      else if (typeof fieldValue === "number" || (field === "parameters" && typeof fieldValue === "object")) out[field] = fieldValue;
    }
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
  const personal = ["token", "botToken", "text", "caption", "payload", "first_name", "last_name", "username", "phone_number", "displayName", "householdLabel", "secret", "webhookSecret"];
  return pino(
    {
      level,
      redact: {
        paths: [...personal, ...personal.map((key) => `*.${key}`), "config.botToken", "config.webhookSecret"],
        censor: "[redacted]",
      },
      serializers: { err: serializeError, error: serializeError },
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
