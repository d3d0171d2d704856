import type { Conversation } from "@grammyjs/conversations";
import { DomainError } from "../../domain/errors.js";
import type { Actor } from "../../domain/people/actor.js";
import { allows, type Audience } from "../../domain/people/audience.js";
import type { BotContext, ConversationContext } from "../context.js";
import { onceAcrossRedeliveries } from "../form-state.js";

type Convo = Conversation<BotContext, ConversationContext>;

/** What the person must still hold for the form to go on, asked of the actor of each new answer. */
export type FormRight = (actor: Actor) => boolean;

/** A domain check that throws its refusal (`assertMayScore`, `requireKeeper`…) as a right. */
export function rightOf(check: (actor: Actor) => void): FormRight {
  return (actor) => {
    try {
      check(actor);
      return true;
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  };
}

/** A form's body: the conversation builder without its guard. */
export type FormBody<A extends unknown[]> = (conversation: Convo, ctx: ConversationContext, ...args: A) => Promise<void>;

/** The right each running form needs now; set as the form (re)plays, so a replay sets the same. */
const rights = new WeakMap<Convo, FormRight>();

/**
 * Every form is registered through this: it needs what its opening command (or button) needed,
 * the `audience`, checked again with every answer it takes (see `recheckRight`). A form narrows
 * it with `holdRight` once it knows what it works on (the bank, the RT, the area).
 */
export function guardedForm<A extends unknown[]>(audience: Audience, body: FormBody<A>): FormBody<A> {
  return async (conversation, ctx, ...args) => {
    rights.set(conversation, (actor) => allows(audience, actor));
    await body(conversation, ctx, ...args);
  };
}

/**
 * From here on the form also needs `right` (e.g. to be an officer of the bank chosen, to cover the
 * kelurahan picked): checked at once, with the actor of the update that chose it, and again with
 * every later answer; the form ends, saying why, once the actor has lost it.
 */
export async function holdRight(conversation: Convo, ctx: ConversationContext, right: FormRight): Promise<void> {
  keepRight(conversation, right);
  if (!(await stillAllowed(conversation))) await endForm(conversation, ctx);
}

/**
 * As `holdRight`, for a right the form has just checked itself (to explain a refusal in its own
 * words): from the next answer on, not now.
 */
export function keepRight(conversation: Convo, right: FormRight): void {
  const before = rights.get(conversation);
  if (before === undefined) throw new Error("a form narrows its right but was not registered with guardedForm");
  rights.set(conversation, (actor) => before(actor) && right(actor));
}

/**
 * Called by the prompts with each update a form takes as its answer, before the form reads or
 * shows anything for it. The actor is the one loaded for that update (`external` runs with the
 * update being handled; a replay reads the stored yes back), so a role revoked, an RT handed
 * over or an area changed since the form opened ends the form here, saying why.
 */
export async function recheckRight(conversation: Convo, answer: ConversationContext): Promise<void> {
  if (await stillAllowed(conversation)) return;
  if (answer.callbackQuery) await answer.answerCallbackQuery();
  await endForm(conversation, answer);
}

/**
 * Asked once per update, redeliveries included (`onceAcrossRedeliveries`): the redelivery of an
 * update whose step committed before its reply failed reads the first yes back, so an actor who
 * lost the right meanwhile is told what was saved, not that the step did not run.
 */
function stillAllowed(conversation: Convo): Promise<boolean> {
  const right = rights.get(conversation);
  if (right === undefined) throw new Error("a form takes an answer but was not registered with guardedForm");
  return conversation.external((outside) => onceAcrossRedeliveries(outside, async () => right(outside.actor), { pure: true }));
}

async function endForm(conversation: Convo, ctx: ConversationContext): Promise<never> {
  await ctx.reply(ctx.t("form-right-lost"));
  return conversation.halt();
}
