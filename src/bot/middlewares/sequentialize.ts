import { sequentialize } from "@grammyjs/runner";
import type { MiddlewareFn } from "grammy";
import { Composer } from "../composer.js";
import type { ChatLocks } from "../../db/chat-lock.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * One update at a time per chat, in this process and, on PostgreSQL, across every instance sharing
 * the database. The polling runner handles several updates at once, and a webhook takes them as
 * Telegram sends them, several at once and to any instance: two messages or two taps of one person could then run
 * the same conversation step side by side, each reading the form's state before the other wrote it.
 * Updates of other chats are not held up.
 *
 * In the process, an update waits for the chat's previous ones (@grammyjs/runner's `sequentialize`,
 * keyed by the chat; the polling runner hands updates over side by side). Then, with
 * `chatLocks` (PostgreSQL), it takes the chat's lock, held by at most one instance, waiting for it
 * at most `chatLocks.waitMs` (CHAT_LOCK_WAIT_MS, 20 s) from its arrival: past that it fails (ChatBusyError), and the webhook
 * answers 500 so Telegram delivers it again. The lock is released when the update is done, failed
 * or not. On PGlite (one process) the queue is all there is to it.
 */
export function sequentializeChats(deps: Pick<BotDeps, "chatLocks"> = {}): MiddlewareFn<BotContext> {
  const locks: ChatLocks | undefined = deps.chatLocks;
  // The runner's per-key chain: an update waits for the updates of its chat that arrived before it.
  const inOrder = sequentialize<BotContext>((ctx) => chatKeyOf(ctx)?.toString());
  if (!locks) return inOrder;
  const arrivals = new WeakMap<BotContext, number>();
  const acrossInstances: MiddlewareFn<BotContext> = async (ctx, next) => {
    const key = chatKeyOf(ctx);
    if (key === undefined) return next();
    const waited = Date.now() - (arrivals.get(ctx) ?? Date.now());
    const release = await locks.acquire(key, Math.max(0, locks.waitMs - waited));
    try {
      await next();
    } finally {
      // Not waited for, so the update is done one round trip sooner. All of this instance's locks
      // live on one connection, where a session lock is re-entrant: the next update of the chat here
      // takes it whether its lock reaches PostgreSQL before this unlock or after. Another instance
      // tries again within its wait.
      void release().then((held) => {
        if (!held) ctx.log?.warn("chat lock lost with its connection while the update ran");
      });
    }
  };
  return new Composer<BotContext>((ctx, next) => {
    arrivals.set(ctx, Date.now());
    return next();
  }, inOrder, acrossInstances).middleware();
}

/**
 * A poll_answer has no chat and its voter is not ctx.from: the voter's votes go one at a time too.
 * A `poll` update (an anonymous poll's counts) has neither chat nor sender: the poll's updates go one
 * at a time, keyed `poll:<id>` (a string: it never meets a chat's number).
 */
function chatKeyOf(ctx: BotContext): number | string | undefined {
  return ctx.chatId ?? ctx.from?.id ?? ctx.pollAnswer?.user?.id ?? (ctx.poll ? `poll:${ctx.poll.id}` : undefined);
}
