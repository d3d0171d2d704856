/** Anything shaped like a bot token (digits:secret), wherever it appears in a message or stack. */
const TOKEN_SHAPE = /(?<!\d)\d{3,}:[A-Za-z0-9_-]{20,}/g;

/** The text with every known secret and anything shaped like a bot token replaced. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) if (secret) result = result.split(secret).join("[redacted]");
  return result.replace(TOKEN_SHAPE, "[redacted]");
}

/** An error (or any thrown value) as a log field without secrets: a URL with the token in it stays out. */
export function redactError(error: unknown, secrets: readonly string[] = []): { type: string; message: string; stack?: string; cause?: unknown } {
  if (!(error instanceof Error)) return { type: typeof error, message: redactSecrets(String(error), secrets) };
  return {
    type: error.name,
    message: redactSecrets(error.message, secrets),
    ...(error.stack ? { stack: redactSecrets(error.stack, secrets) } : {}),
    ...(error.cause !== undefined ? { cause: redactError(error.cause, secrets) } : {}),
  };
}
