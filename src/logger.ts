import { pino, type Logger } from "pino";

export type { Logger };

/**
 * Structured JSON logs. Tokens and personal data are redacted wherever they could appear;
 * log person ids, not names.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ["token", "botToken", "*.token", "*.botToken", "config.botToken", "text", "*.text", "first_name", "*.first_name", "last_name", "*.last_name", "username", "*.username"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
