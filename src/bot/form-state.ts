import { createHash } from "node:crypto";
import type { ConversationData, ConversationStorage, VersionedState } from "@grammyjs/conversations";
import type { MiddlewareFn } from "grammy";
import type { Database } from "../db/client.js";
import { createStateStore, deleteStateKeysStartingWith, FORM_STEP_NAMESPACE, stateKey, stateKeysStartingWith, type KeyValueStore } from "../db/state-store.js";
import { preloadedStepsKept, takePreloadedForms } from "./middlewares/preloaded.js";
import { isTransient } from "../runtime/retry.js";
import type { BotContext } from "./context.js";

/** Writes (or drops) the chat's forms; `alsoForget`: the kept steps' keys dropped in the same statement. */
type Save = (alsoForget?: string) => Promise<void>;
/** A kept outcome, with the fingerprint of the forms' state the update read when it was made. */
type StepOutcome = { value: unknown; state?: string };

/**
 * Per update: the outcomes of its steps, kept for a redelivery after a transient failure. They are
 * held here (`pending`) and written only when something could lose them: before the next step that
 * may commit (a service call), and when the update fails transiently; an update that goes well
 * (nearly all) writes none, reads none (`keptBefore`: none were kept by an earlier delivery) and
 * so has none to forget.
 */
type Steps = {
  store: KeyValueStore<StepOutcome>;
  count: number;
  state: string;
  /** Whether an earlier delivery of this update kept steps (read with the claim): only then is there one to read back. */
  keptBefore: boolean;
  pending: Map<string, StepOutcome>;
  /** Whether this delivery wrote any (then they go when the update is over). */
  written: boolean;
};

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
        if (key !== undefined) pending.set(ctx, (alsoForget) => store.write(key, state, alsoForget));
      },
      delete: (ctx) => {
        const key = keyOf(ctx);
        if (key !== undefined) pending.set(ctx, (alsoForget) => store.delete(key, alsoForget));
      },
    },
  };

  const keepFormsOnTransientFailure: MiddlewareFn<BotContext> = async (ctx, next) => {
    const chatId = ctx.chatId;
    // Whether an earlier delivery kept steps: read with the claim; unknown (a bot without dedupe) counts as yes.
    const keptBefore = preloadedStepsKept(ctx) ?? true;
    if (chatId !== undefined) stepsOf.set(ctx, { store: stepStore, count: 0, state: fingerprint(undefined), keptBefore, pending: new Map(), written: false });
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
    // updates) has nothing to forget, and costs no round trip here. The LIKE pattern of its keys, if any.
    const keptPattern = () => (chatId === undefined || (!keptBefore && !stepsOf.get(ctx)?.written) ? undefined : stateKeysStartingWith(FORM_STEP_NAMESPACE, `${ctx.update.update_id}.`));
    const forgetSteps = async () => {
      if (keptPattern() === undefined) return;
      await deleteStateKeysStartingWith(db, FORM_STEP_NAMESPACE, `${ctx.update.update_id}.`);
    };
    /** For the redelivery: what the steps decided and did before a transient failure. */
    const keepForRedelivery = () =>
      // With the database away this fails too; what a service committed is then found again by its request key.
      keepPending(ctx).catch((keepError: unknown) => ctx.log?.warn({ errorType: keepError instanceof Error ? keepError.name : typeof keepError }, "form steps not kept for the redelivery"));
    try {
      await next();
    } catch (error) {
      const save = take();
      if (isTransient(error)) {
        if (save) ctx.log?.info("update failed transiently; the form stays at the step before it");
        await keepForRedelivery();
        throw error;
      }
      // The form ends as the plugin left it; the update's own error is the one that matters.
      await (save ? save(keptPattern()) : forgetSteps()).catch((saveError: unknown) => ctx.log?.warn({ err: saveError }, "form state not saved after a failed update"));
      throw error;
    }
    const save = take();
    if (!save) {
      // No form moved: what was kept goes on its own (failing, it stays for the prune).
      await forgetSteps().catch((error: unknown) => ctx.log?.warn({ errorType: error instanceof Error ? error.name : typeof error }, "kept form steps not dropped; the prune will"));
      return;
    }
    // The form's state is saved and what was kept dropped in one statement: together or not at all.
    // Failing, the update fails as a whole, and its redelivery replays this same step from what it kept.
    try {
      await save(keptPattern());
    } catch (error) {
      if (isTransient(error)) {
        await keepForRedelivery();
        throw error;
      }
      // Refused, not the database away (no redelivery will come): the form's state alone, as the
      // update left it; what was kept stays for the daily prune.
      if (keptPattern() === undefined) throw error;
      ctx.log?.warn({ errorType: error instanceof Error ? error.name : typeof error }, "kept form steps not dropped with the form's state; the state saved alone");
      await save(undefined);
    }
  };

  return { storage, keepFormsOnTransientFailure };
}

/** Writes the outcomes held for the update's redelivery, in one statement. */
async function keepPending(ctx: BotContext): Promise<void> {
  const steps = stepsOf.get(ctx);
  if (!steps || steps.pending.size === 0) return;
  const entries = [...steps.pending];
  steps.written = true;
  await steps.store.writeMany(entries);
  for (const [key] of entries) steps.pending.delete(key);
}

/**
 * Runs a form step's service call once per update, redeliveries included: the outcome is kept until
 * the update is over, so the redelivery of an update that failed after the call committed (its reply
 * refused or timed out) reads it back and sends the reply, rather than calling the service again.
 * `ctx` is the update's own context (the `outside` of `conversation.external`); the outcome is JSON.
 *
 * What the update's earlier steps decided (a right still held, a request key drawn) is written
 * before a call that may commit, so no crash after its commit can lose the key it committed under.
 * A `pure` task (a check of the actor in hand, a random id) touches nothing outside: nothing need
 * be written before it, and its outcome is held until the next call that may commit, or the
 * update's transient failure. Any other call's outcome is written as soon as it returns.
 */
export async function onceAcrossRedeliveries<T>(ctx: BotContext, task: () => Promise<T>, options: { pure?: boolean } = {}): Promise<T> {
  const steps = stepsOf.get(ctx);
  if (!steps) return task();
  // The same update runs the same steps in the same order: its update id and the step's place name it.
  const key = `${ctx.update.update_id}.${steps.count++}:${ctx.chatId}`;
  // Kept by a delivery that read the forms as this one did: else a later update moved the form
  // meanwhile, and this place is another step (or the same step asked again, afresh). Only an
  // earlier delivery can have kept it (this one holds its own until the update fails).
  if (steps.keptBefore) {
    const kept = await steps.store.read(key);
    if (kept !== undefined && kept.state === steps.state) return kept.value as T;
  }
  if (!options.pure) await keepPending(ctx);
  const value = await task();
  steps.pending.set(key, { value: value === undefined ? null : value, state: steps.state });
  // A call that may have committed is written at once, with nothing else to hold: not every service
  // has a request key to find its commit by (a price set, an invite made), so a redelivery after a
  // failed reply, with the database away by then, must not call it again (review of issue 18).
  if (!options.pure) await keepPending(ctx);
  return value;
}
