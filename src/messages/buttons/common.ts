import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, fixedButton, int, oneOf, shaped } from "./button.js";

/** A button that only shows something (a page counter); answered before any conversation sees it. */
export const noop = fixedButton("noop", "anyone");

/**
 * The buttons of a picker inside a conversation (choose an RT, a book, a resident). The
 * conversation was opened by an authorised command and its service re-checks scope on every step;
 * `picker` keeps two pickers of one conversation from answering each other.
 */
export const pick = defineButton("pick", "anyone", { picker: shaped(/[a-z][a-z0-9-]{0,15}/), action: oneOf("item", "page", "cancel"), index: int });

/** Yes/no questions inside a conversation; the conversation decides what the answer means. */
export const answer = defineButton("answer", "anyone", { form: shaped(/[a-z][a-z0-9-]{0,15}/), choice: oneOf("yes", "no", "back", "done", "skip", "cancel") });

export const COMMON_BUTTONS = [noop, pick, answer];
export { AUDIENCES };
