import { InlineKeyboard } from "grammy";
import { RSVP_ANSWERS } from "../domain/events/events.js";
import { rsvp } from "./buttons/events.js";
import type { Translate } from "./translate.js";

/** Akan hadir / Tidak bisa / Mungkin for one date, in the reader's language: under /jadwal's cards, notices and reminders. */
export function rsvpAnswerKeyboard(t: Translate, occurrenceId: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const answer of RSVP_ANSWERS) keyboard.text(t(`button-rsvp-${answer}`), rsvp.data({ occurrence: occurrenceId, answer }));
  return keyboard;
}
