import { randomUUID } from "node:crypto";
import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import { DomainError } from "../../domain/errors.js";
import type { Parsed } from "../../domain/people/text-input.js";
import type { BotContext, ConversationContext } from "../context.js";
import { onceAcrossRedeliveries } from "../form-state.js";
import { recheckRight } from "./form-right.js";

export type Convo = Conversation<BotContext, ConversationContext>;

/** Outcome of work done through `conversation.external`: plain JSON, so replays read it back as is. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; vars: Record<string, string | number> };

/**
 * Runs database work once (replays read the stored result, and so does the redelivery of an update
 * that failed after it: see form-state.ts). A DomainError becomes a value rather than an exception,
 * so the conversation can explain it and stop cleanly.
 */
export async function runOnce<T>(conversation: Convo, task: (outside: BotContext) => Promise<T>): Promise<Outcome<T>> {
  return conversation.external((outside) => onceAcrossRedeliveries(outside, () => outcomeOf(task(outside))));
}

async function outcomeOf<T>(work: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true as const, value: await work };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false as const, code: error.code, vars: error.vars };
    throw error;
  }
}

/**
 * A read for a form step (a search, a list), as the actor of the update: like `runOnce`, but
 * nothing is kept for a redelivery, which reads afresh; it changed nothing, so there is nothing not
 * to do twice, and the update that goes well (nearly all) writes nothing for it.
 */
export async function lookUp<T>(conversation: Convo, task: (outside: BotContext) => Promise<T>): Promise<Outcome<T>> {
  return conversation.external((outside) => outcomeOf(task(outside)));
}

/**
 * A form's request key, `<kind>:<random id>` (and the id alone, for a button to carry), made once
 * where the form reaches this: its replays read it back, and so does the redelivery of an update
 * that failed after making it (see form-state.ts), so whatever the form saves under it is saved
 * once however often it arrives. It names no chat: it is stored for good.
 */
export async function formRequest(conversation: Convo, kind: string): Promise<{ key: string; id: string }> {
  return conversation.external((outside) =>
    onceAcrossRedeliveries(
      outside,
      async () => {
        const id = randomUUID();
        return { key: `${kind}:${id}`, id };
      },
      { pure: true },
    ),
  );
}

/** The key alone of `formRequest`. */
export async function formKey(conversation: Convo, kind: string): Promise<string> {
  return (await formRequest(conversation, kind)).key;
}

export async function explain(ctx: ConversationContext, outcome: Extract<Outcome<unknown>, { ok: false }>): Promise<void> {
  await ctx.reply(ctx.t(`error-${outcome.code}`, outcome.vars));
}

/**
 * The next update the form takes as an answer (buttons of other messages are handed on before
 * this), once the actor is found to still hold the form's right (`recheckRight`). Every wait of a
 * form goes through here, `askText` or `waitForChoice` (ESLint refuses `conversation.wait` elsewhere).
 */
export async function nextAnswer(conversation: Convo): Promise<ConversationContext> {
  const answer = await conversation.wait();
  await recheckRight(conversation, answer);
  return answer;
}

/**
 * Asks for text until it parses. A tap on one of the offered `shortcuts` buttons counts as an
 * answer too. Anything else (a photo, a sticker) is answered with a hint; other buttons are
 * handled by their own handlers.
 */
export async function askText<T>(
  conversation: Convo,
  ctx: ConversationContext,
  prompt: string,
  parse: (text: string) => Parsed<T> | Promise<Parsed<T>>,
  shortcuts: { label: string; data: string; value: T }[] = [],
): Promise<T> {
  const keyboard = shortcuts.length ? InlineKeyboard.from(shortcuts.map((shortcut) => [InlineKeyboard.text(shortcut.label, shortcut.data)])) : undefined;
  const asked = await ctx.reply(prompt, keyboard ? { reply_markup: keyboard } : {});
  // Once answered, the shortcut buttons go: tapped later they could only confuse.
  const answered = async <V>(value: V): Promise<V> => {
    if (keyboard) await ctx.api.editMessageReplyMarkup(asked.chat.id, asked.message_id);
    return value;
  };
  for (;;) {
    const answer = await conversation.wait();
    const pressed = answer.callbackQuery?.data;
    if (pressed !== undefined) {
      const shortcut = shortcuts.find((candidate) => candidate.data === pressed);
      if (!shortcut) return conversation.skip({ next: true }); // see `waitForChoice`
      await recheckRight(conversation, answer);
      await answer.answerCallbackQuery();
      return answered(shortcut.value);
    }
    await recheckRight(conversation, answer);
    const text = answer.message?.text;
    if (text === undefined) {
      await answer.reply(answer.t("input-text-expected"));
      continue;
    }
    const parsed = await parse(text);
    if (parsed.ok) return answered(parsed.value);
    await answer.reply(answer.t(`input-${parsed.reason}`, parsed.vars ?? {}));
  }
}

/** Waits for a tap on one of `choices` (by callback data); text gets a reminder to use the buttons. */
export async function waitForChoice(conversation: Convo, choices: readonly string[] | RegExp): Promise<{ data: string; ctx: ConversationContext }> {
  const accepts = (data: string) => (Array.isArray(choices) ? choices.includes(data) : (choices as RegExp).test(data));
  for (;;) {
    const answer = await conversation.wait();
    const data = answer.callbackQuery?.data;
    if (data !== undefined) {
      // A button of another message (a join request to approve, an old screen) is not an answer:
      // hand it to its own handler, and keep waiting here.
      if (!accepts(data)) return conversation.skip({ next: true });
      await recheckRight(conversation, answer);
      await answer.answerCallbackQuery();
      return { data, ctx: answer };
    }
    await recheckRight(conversation, answer);
    await answer.reply(answer.t("input-use-buttons"));
  }
}
