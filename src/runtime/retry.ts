import { setTimeout as sleep } from "node:timers/promises";
import { GrammyError, HttpError } from "grammy";
import { ChatBusyError } from "../db/chat-lock.js";
import { isDatabaseUnavailable } from "../db/errors.js";
import type { Logger } from "../logger.js";
import { redactError } from "./redact.js";

/**
 * A failure that a later try may not meet: the database away, the chat busy on another instance,
 * Telegram unreachable, slow, overloaded or rate-limiting.
 */
export function isTransient(error: unknown, depth = 0): boolean {
  if (isDatabaseUnavailable(error) || error instanceof ChatBusyError) return true;
  if (error instanceof HttpError) return true;
  if (error instanceof GrammyError) return error.error_code >= 500 || error.error_code === 429;
  // A call made inside a form fails as the conversations plugin's own Error, the GrammyError as its cause.
  const cause = typeof error === "object" && error !== null ? (error as { cause?: unknown }).cause : undefined;
  return cause !== undefined && cause !== error && depth < 8 && isTransient(cause, depth + 1);
}


/** A bad token or a bot that does not exist: asking again will not help. */
export function isTokenRefused(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404);
}


/** Retries `work` with growing pauses until it succeeds, fails for good (`isFinal`), or `signal` aborts. */
export async function untilDone<T>(what: string, work: () => Promise<T>, logger: Logger, secrets: string[], signal: AbortSignal, isFinal = isTokenRefused): Promise<T> {
  for (let pauseMs = 1_000; ; pauseMs = Math.min(pauseMs * 2, 30_000)) {
    try {
      return await work();
    } catch (error) {
      if (isFinal(error) || signal.aborted) throw error;
      logger.warn({ err: redactError(error, secrets), retryInMs: pauseMs }, `${what} failed; trying again`);
      await sleep(pauseMs, undefined, { signal });
    }
  }
}


export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

