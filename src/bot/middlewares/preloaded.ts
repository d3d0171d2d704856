import type { Actor } from "../../domain/people/actor.js";

/**
 * What an update's first statement read beside its claim (dedupe.ts): the actor, and the chat's
 * forms as stored. Each is taken once by the middleware that would otherwise read it, so a
 * middleware running later in the update (after a form was written) reads afresh.
 */
type Preloaded = { actor?: Actor | null; forms?: { value: unknown }; stepsKept?: boolean };

const preloaded = new WeakMap<object, Preloaded>();

export function preload(ctx: object, values: Preloaded): void {
  preloaded.set(ctx, values);
}

/** The actor read with the claim (null: the update has no sender), or undefined when none was. */
export function takePreloadedActor(ctx: object): Actor | null | undefined {
  const values = preloaded.get(ctx);
  const actor = values?.actor;
  if (values) delete values.actor;
  return actor;
}

/** Whether an earlier delivery of the update kept form steps (read with the claim), or undefined when not read. */
export function preloadedStepsKept(ctx: object): boolean | undefined {
  return preloaded.get(ctx)?.stepsKept;
}

/** The chat's forms read with the claim (`value` undefined: none stored), or undefined when they were not read. */
export function takePreloadedForms(ctx: object): { value: unknown } | undefined {
  const values = preloaded.get(ctx);
  const forms = values?.forms;
  if (values) delete values.forms;
  return forms;
}
