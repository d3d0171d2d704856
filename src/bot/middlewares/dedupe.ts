import type { MiddlewareFn } from "grammy";
import { releaseUpdate } from "../../db/processed-updates.js";
import { claimUpdateAndLoadActor } from "../../domain/people/actor.js";
import { formsStateKey, keptStepsPattern } from "../form-state.js";
import { preload } from "./preloaded.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * Retries of a release that failed: 1 s, then every 2 s. Short, like the database reconnects: a
 * redelivery reaching another instance before the release would be dropped there as a duplicate.
 */
const RELEASE_RETRY_MAX_MS = 2_000;

/**
 * Telegram redelivers updates (after a timeout, a restart, a webhook retry). Each update id is
 * claimed once; a redelivery is dropped. If handling fails, the claim is released so the
 * redelivery gets its chance.
 *
 * When the database goes away after the claim was committed, the release fails too. Such a claim
 * is remembered: a redelivery reaching this process is handled despite it, and the release is
 * retried in the background until the database is back, so one reaching another instance is too.
 * (A claim attempted while the database was down never committed: nothing to release.)
 *
 * The claim is the update's first round trip, and it brings what every update reads next: the
 * sender's actor (attachActor), the chat's forms as stored and whether an earlier delivery kept
 * form steps (form-state.ts), read in the same
 * statement (claimUpdateAndLoadActor) and handed over through `preloaded.ts`. It runs after the
 * chat's lock (sequentializeChats), so no other update of the chat moves the forms meanwhile.
 */
export function dedupeUpdates(deps: Pick<BotDeps, "db" | "clock"> & { adminTelegramIds?: BotDeps["adminTelegramIds"] }): MiddlewareFn<BotContext> {
  const unreleased = new Set<number>();

  function retryRelease(updateId: number, delayMs: number): void {
    setTimeout(() => {
      if (!unreleased.has(updateId)) return; // its redelivery came here and took the claim over
      releaseUpdate(deps.db, updateId).then(
        () => unreleased.delete(updateId),
        () => retryRelease(updateId, Math.min(delayMs * 2, RELEASE_RETRY_MAX_MS)),
      );
    }, delayMs).unref();
  }

  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    const start = await claimUpdateAndLoadActor(deps.db, {
      updateId,
      now: deps.clock(),
      telegramId: ctx.from?.id,
      bootstrapAdmins: deps.adminTelegramIds ?? [],
      stateKey: formsStateKey(ctx),
      storedLike: keptStepsPattern(ctx),
    });
    if (!start.claimed && !unreleased.delete(updateId)) {
      ctx.log?.info({ updateId }, "duplicate update dropped");
      return;
    }
    preload(ctx, { actor: start.actor, forms: { value: start.stored }, stepsKept: start.anyStoredLike });
    try {
      await next();
    } catch (error) {
      try {
        await releaseUpdate(deps.db, updateId);
      } catch (releaseError) {
        ctx.log?.warn({ err: releaseError, updateId }, "claim of a failed update not released; retrying");
        unreleased.add(updateId);
        retryRelease(updateId, 1_000);
      }
      throw error;
    }
  };
}
