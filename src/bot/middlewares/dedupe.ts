import type { MiddlewareFn } from "grammy";
import { claimUpdate, releaseUpdate } from "../../domain/updates.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * Telegram redelivers updates (after a timeout, a restart, a webhook retry). Each update id is
 * claimed once; a redelivery is dropped. If handling fails, the claim is released so the
 * redelivery gets its chance.
 */
export function dedupeUpdates(deps: Pick<BotDeps, "db" | "clock">): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    if (!(await claimUpdate(deps.db, updateId, deps.clock()))) {
      ctx.log?.info({ updateId }, "duplicate update dropped");
      return;
    }
    try {
      await next();
    } catch (error) {
      await releaseUpdate(deps.db, updateId);
      throw error;
    }
  };
}
