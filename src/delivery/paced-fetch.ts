import { Pacer, SENDING_METHODS } from "./pacer.js";

export const REPLY_PRIORITY = 0;

type Fetch = typeof fetch;

/**
 * Puts the bot's own replies through the pacer, at the highest priority, by wrapping grammY's
 * `client.fetch`. That reaches calls made inside conversations too, which an `api` transformer
 * would not. A 429 seen here pauses the outbox as well.
 */
export function pacedFetch(pacer: Pacer, inner: Fetch = fetch): Fetch {
  return (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    if (SENDING_METHODS.has(method) && typeof init?.body === "string") {
      const chatId = Number((JSON.parse(init.body) as { chat_id?: unknown }).chat_id);
      if (Number.isFinite(chatId)) await pacer.acquire(chatId, REPLY_PRIORITY);
    }
    const response = await inner(input, init);
    if (response.status === 429) {
      const body = (await response.clone().json().catch(() => ({}))) as { parameters?: { retry_after?: number } };
      pacer.pause((body.parameters?.retry_after ?? 1) * 1000);
    }
    return response;
  }) as Fetch;
}
