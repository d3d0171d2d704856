import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

/**
 * One update at a time per chat in this process. Polling hands updates over one by one, but a
 * webhook takes them as Telegram sends them, several at once: two messages of one person could
 * then run the same conversation step side by side and overwrite each other's state. Updates of
 * other chats are not held up. (Instances behind one webhook URL do not share this order; what
 * must hold across them is held by the database: the dedupe claim, unique keys, row locks.)
 */
export function sequentializeChats(): MiddlewareFn<BotContext> {
  const tails = new Map<number, Promise<void>>();
  return async (ctx, next) => {
    const key = ctx.chatId ?? ctx.from?.id;
    if (key === undefined) return next();
    const previous = tails.get(key);
    let done!: () => void;
    const tail = new Promise<void>((resolve) => (done = resolve));
    tails.set(key, tail);
    try {
      await previous;
      await next();
    } finally {
      done();
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
