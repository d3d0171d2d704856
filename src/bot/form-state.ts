import type { ConversationData, ConversationStorage, VersionedState } from "@grammyjs/conversations";
import type { MiddlewareFn } from "grammy";
import type { KeyValueStore } from "../db/state-store.js";
import { isTransient } from "../runtime/retry.js";
import type { BotContext } from "./context.js";

type Save = () => Promise<void>;

/**
 * Where the forms (conversations v2) keep their state, and what happens to it when an update fails.
 *
 * The plugin changes a form's state in memory while it handles an update and writes it back at the
 * end, even when the handling threw: a form whose step threw is dropped. A reply that Telegram
 * refused with a 5xx or that timed out (or a database that went away) is no fault of the form,
 * though: the update is answered non-2xx, its dedupe claim is released, and Telegram sends it again.
 * So the write is held until the update is over, and after such a transient failure it is not made:
 * the state stays as it was BEFORE the failed update, and the redelivered update (or, when polling,
 * the person's next message) replays that same step. Other failures (a bug, a 403) write as before
 * and end the form: replaying them would only fail again.
 *
 * A replayed step runs again from its wait: a service call it made before the reply failed runs
 * again too, and is idempotent by the form's request key (made in an earlier step, so kept by the
 * replay), so it returns what it committed and the reply is sent.
 */
export function formStateStorage(store: KeyValueStore<VersionedState<ConversationData>>, version: number): { storage: ConversationStorage<BotContext, ConversationData>; keepFormsOnTransientFailure: MiddlewareFn<BotContext> } {
  const pending = new WeakMap<BotContext, Save>();
  // Only a chat has forms: an update without one (a poll answer, an inline query) reads nothing.
  const keyOf = (ctx: BotContext) => ctx.chatId?.toString();
  const storage: ConversationStorage<BotContext, ConversationData> = {
    type: "context",
    version,
    adapter: {
      read: (ctx) => {
        const key = keyOf(ctx);
        return key === undefined ? undefined : store.read(key);
      },
      write: (ctx, state) => {
        const key = keyOf(ctx);
        if (key !== undefined) pending.set(ctx, () => store.write(key, state));
      },
      delete: (ctx) => {
        const key = keyOf(ctx);
        if (key !== undefined) pending.set(ctx, () => store.delete(key));
      },
    },
  };

  const keepFormsOnTransientFailure: MiddlewareFn<BotContext> = async (ctx, next) => {
    const take = () => {
      const save = pending.get(ctx);
      pending.delete(ctx);
      return save;
    };
    try {
      await next();
    } catch (error) {
      const save = take();
      if (save && !isTransient(error)) {
        // The form ends as the plugin left it; the update's own error is the one that matters.
        await save().catch((saveError: unknown) => ctx.log?.warn({ err: saveError }, "form state not saved after a failed update"));
      } else if (save) {
        ctx.log?.info("update failed transiently; the form stays at the step before it");
      }
      throw error;
    }
    await take()?.();
  };

  return { storage, keepFormsOnTransientFailure };
}
