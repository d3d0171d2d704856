import { Pacer, SENDING_METHODS } from "./pacer.js";

export const REPLY_PRIORITY = 0;
/** The per-chat key uploads are paced under (no real chat has id 0). */
const UPLOAD_CHAT_KEY = 0;

type Fetch = typeof fetch;

/** Told of what this instance's own calls used of the token's budget (the shared budget, delivery/budget.ts). */
export type PacedFetchObserver = {
  /** A message got its slot and goes out now (`atMs` on the pacer's clock). */
  sent?(chatId: number, atMs: number): void;
  /** Telegram answered 429: nothing may go out before `untilMs`. */
  paused?(untilMs: number): void;
};

/**
 * Puts the bot's own replies through the pacer, at the highest priority, by wrapping grammY's
 * `client.fetch`. That reaches calls made inside conversations too, which an `api` transformer
 * would not. A 429 seen here pauses the outbox as well.
 */
export function pacedFetch(pacer: Pacer, inner: Fetch = fetch, observer: PacedFetchObserver = {}): Fetch {
  return (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    if (SENDING_METHODS.has(method)) {
      // An upload (sendDocument, sendPhoto with a file) is a multipart stream whose chat cannot be
      // read without consuming it: it still takes a slot of the global limit, under one shared key.
      const chatId = typeof init?.body === "string" ? Number((JSON.parse(init.body) as { chat_id?: unknown }).chat_id) : UPLOAD_CHAT_KEY;
      if (Number.isFinite(chatId)) {
        await pacer.acquire(chatId, REPLY_PRIORITY);
        observer.sent?.(chatId, Date.now());
      }
    }
    const response = await inner(input, init);
    if (response.status === 429) {
      const body = (await response.clone().json().catch(() => ({}))) as { parameters?: { retry_after?: number } };
      const retryAfterMs = (body.parameters?.retry_after ?? 1) * 1000;
      pacer.pause(retryAfterMs);
      observer.paused?.(Date.now() + retryAfterMs);
    }
    return response;
  }) as Fetch;
}
