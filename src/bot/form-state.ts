import { createHash } from "node:crypto";
import type { ConversationData, ConversationStorage, VersionedState } from "@grammyjs/conversations";
import type { MiddlewareFn } from "grammy";
import type { Database } from "../db/client.js";
import { createStateStore, deleteStateKeysStartingWith, FORM_STEP_NAMESPACE, stateKey, stateKeysStartingWith, type KeyValueStore } from "../db/state-store.js";
import { preloadedStepsKept, takePreloadedForms } from "./middlewares/preloaded.js";
import { isTransient } from "../runtime/retry.js";
import type { BotContext } from "./context.js";

type Save = () => Promise<void>;
/** A kept outcome, with the fingerprint of the forms' state the update read when it was made. */
type StepOutcome = { value: unknown; state?: string };

/** Per update: the outcomes of the steps it committed, kept for a redelivery after a transient failure. */
type Steps = { store: KeyValueStore<StepOutcome>; count: number; state: string };

/** Where a chat's forms are stored (bot_state). */
const FORMS_NAMESPACE = "conversation";
// Only a chat has forms: an update without one (a poll answer, an inline query) reads nothing.
const chatKeyOf = (ctx: BotContext) => ctx.chatId?.toString();

/** The keys of the steps kept for this update (`onceAcrossRedeliveries`), as a LIKE pattern; undefined without a chat. */
export function keptStepsPattern(ctx: BotContext): string | undefined {
  return ctx.chatId === undefined ? undefined : stateKeysStartingWith(FORM_STEP_NAMESPACE, `${ctx.update.update_id}.`);
}

/** The bot_state key of the chat's forms, or undefined for an update without a chat: read with the update's claim (dedupe.ts). */
export function formsStateKey(ctx: BotContext): string | undefined {
  const key = chatKeyOf(ctx);
  return key === undefined ? undefined : stateKey(FORMS_NAMESPACE, key);
}

/** The forms' state as read at an update's start, in short: the same on a redelivery, unless a later update moved the form. */
function fingerprint(state: unknown): string {
  return createHash("sha256").update(JSON.stringify(state ?? null)).digest("base64url").slice(0, 22);
}
const stepsOf = new WeakMap<object, Steps>();

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
 * A replayed step runs again from its wait. What it committed before the reply failed is not done
 * again: each service call of a form step (`runOnce`), and each check of the form's right, keeps
 * its outcome, by the update, its place in it and the forms' state it read, until the update is
 * over; the redelivered update reads it back instead of calling the service again (which is
 * idempotent by the form's request key besides), and sends the reply.
 */
export function formStateStorage(
  db: Database,
  version: number,
): { storage: ConversationStorage<BotContext, ConversationData>; keepFormsOnTransientFailure: MiddlewareFn<BotContext> } {
  const store = createStateStore<VersionedState<ConversationData>>(db, FORMS_NAMESPACE);
  const stepStore = createStateStore<StepOutcome>(db, FORM_STEP_NAMESPACE);
  const pending = new WeakMap<BotContext, Save>();
  const keyOf = chatKeyOf;
  const storage: ConversationStorage<BotContext, ConversationData> = {
    type: "context",
    version,
    adapter: {
      read: async (ctx) => {
        const key = keyOf(ctx);
        if (key === undefined) return undefined;
        // Most updates come from a chat with no form open: read with the claim, they cost no round trip here.
        const preloaded = takePreloadedForms(ctx);
        const state = preloaded ? (preloaded.value as VersionedState<ConversationData> | undefined) : await store.read(key);
        const steps = stepsOf.get(ctx);
        if (steps) steps.state = fingerprint(state);
        return state;
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
    const chatId = ctx.chatId;
    if (chatId !== undefined) stepsOf.set(ctx, { store: stepStore, count: 0, state: fingerprint(undefined) });
    // Whether an earlier delivery kept steps: read with the claim; unknown (a bot without dedupe) counts as yes.
    const keptBefore = preloadedStepsKept(ctx) ?? true;
    const take = () => {
      const save = pending.get(ctx);
      pending.delete(ctx);
      return save;
    };
    // The update is over for good: what any of its deliveries kept goes, whichever steps this one
    // reached (a redelivery may stop earlier: a right lost, a form moved on or ended meanwhile).
    // An update never sent again (polling, Telegram giving up) leaves its outcomes to the daily
    // prune (`pruneFormSteps`, with the processed updates).
    // Only this delivery's steps and an earlier delivery's can be kept: an update with neither (most
    // updates) has nothing to forget, and costs no round trip here.
    const forgetSteps = async () => {
      if (chatId === undefined || (!keptBefore && (stepsOf.get(ctx)?.count ?? 0) === 0)) return;
      await deleteStateKeysStartingWith(db, FORM_STEP_NAMESPACE, `${ctx.update.update_id}.`);
    };
    try {
      await next();
    } catch (error) {
      const save = take();
      if (isTransient(error)) {
        if (save) ctx.log?.info("update failed transiently; the form stays at the step before it");
        throw error;
      }
      // The form ends as the plugin left it; the update's own error is the one that matters.
      await (async () => {
        await save?.();
        await forgetSteps();
      })().catch((saveError: unknown) => ctx.log?.warn({ err: saveError }, "form state not saved after a failed update"));
      throw error;
    }
    await take()?.();
    // The form's state is saved: failing now would make the redelivery replay the NEXT step.
    // What stays behind is pruned within a day.
    await forgetSteps().catch((error: unknown) => ctx.log?.warn({ errorType: error instanceof Error ? error.name : typeof error }, "kept form steps not dropped; the prune will"));
  };

  return { storage, keepFormsOnTransientFailure };
}

/**
 * Runs a form step's service call once per update, redeliveries included: the outcome is kept until
 * the update is over, so the redelivery of an update that failed after the call committed (its reply
 * refused or timed out) reads it back and sends the reply, rather than calling the service again.
 * `ctx` is the update's own context (the `outside` of `conversation.external`); the outcome is JSON.
 */
export async function onceAcrossRedeliveries<T>(ctx: BotContext, task: () => Promise<T>): Promise<T> {
  const steps = stepsOf.get(ctx);
  if (!steps) return task();
  // The same update runs the same steps in the same order: its update id and the step's place name it.
  const key = `${ctx.update.update_id}.${steps.count++}:${ctx.chatId}`;
  // Kept by a delivery that read the forms as this one did: else a later update moved the form
  // meanwhile, and this place is another step (or the same step asked again, afresh).
  const kept = await steps.store.read(key);
  if (kept !== undefined && kept.state === steps.state) return kept.value as T;
  const value = await task();
  await steps.store.write(key, { value: value === undefined ? null : value, state: steps.state });
  return value;
}
