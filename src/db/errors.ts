/**
 * Error codes that mean "the database cannot be reached right now", not "this query is wrong":
 * the socket (Node), the connection (postgres.js) and the server going away (SQLSTATE).
 */
const UNREACHABLE_CODES = new Set([
  // Node sockets
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // postgres.js
  "CONNECTION_ENDED",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** The update (or job) could not reach the database; nothing about it was wrong. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super("the database is unavailable", { cause });
    this.name = "DatabaseUnavailableError";
  }
}

/**
 * True when `error`, or anything it wraps (drizzle's DrizzleQueryError and grammY's BotError keep
 * the original as `cause` / `error`; a failed connect to several addresses is an AggregateError),
 * says the database is out of reach. Class 08 is SQLSTATE's "connection exception".
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 8) return false;
  if (error instanceof DatabaseUnavailableError) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  const inner = [(error as { cause?: unknown }).cause, (error as { error?: unknown }).error, ...((error as { errors?: unknown }).errors instanceof Array ? (error as { errors: unknown[] }).errors : [])];
  return inner.some((wrapped) => wrapped !== error && isDatabaseUnavailable(wrapped, depth + 1));
}
