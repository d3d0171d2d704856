import type { MiddlewareFn } from "grammy";
import type { ChatLocks } from "../../db/chat-lock.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * One update at a time per chat, in this process and, on PostgreSQL, across every instance sharing
 * the database. Polling hands updates over one by one, but a webhook takes them as Telegram sends
 * them, several at once and to any instance: two messages or two taps of one person could then run
 * the same conversation step side by side, each reading the form's state before the other wrote it.
 * Updates of other chats are not held up.
 *
 * In the process, an update waits for the chat's previous one (a queue per chat). Then, with
 * `chatLocks` (PostgreSQL), it takes the chat's lock, held by at most one instance, waiting for it
 * at most `chatLocks.waitMs` (CHAT_LOCK_WAIT_MS, 20 s) from its arrival: past that it fails (ChatBusyError), and the webhook
 * answers 500 so Telegram delivers it again. The lock is released when the update is done, failed
 * or not. On PGlite (one process) the queue is all there is to it.
 */
export function sequentializeChats(deps: Pick<BotDeps, "chatLocks"> = {}): MiddlewareFn<BotContext> {
  const tails = new Map<number, Promise<void>>();
  const locks: ChatLocks | undefined = deps.chatLocks;
  return async (ctx, next) => {
    // A poll_answer has no chat and its voter is not ctx.from: the voter's votes go one at a time too.
    const key = ctx.chatId ?? ctx.from?.id ?? ctx.pollAnswer?.user?.id;
    if (key === undefined) return next();
    const arrivedAt = Date.now();
    const previous = tails.get(key);
    let done!: () => void;
    const tail = new Promise<void>((resolve) => (done = resolve));
    tails.set(key, tail);
    try {
      await previous;
      if (!locks) return await next();
      const release = await locks.acquire(key, Math.max(0, locks.waitMs - (Date.now() - arrivedAt)));
      try {
        await next();
      } finally {
        if (!(await release())) ctx.log?.warn("chat lock lost with its connection while the update ran");
      }
    } finally {
      done();
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
