import { InlineKeyboard } from "grammy";
import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, fixedButton, flag, id, oneOf } from "./button.js";

// /polling's buttons: the ketua's (an acting koordinator holds the ketua role for the RT). Which
// RT's poll is checked again by the service on every press.
/** Close an open poll now (its result is recorded and sent). */
export const pollClose = defineButton("poll.close", AUDIENCES.managers, { poll: id });
/** Show an open poll's result so far (counts only; names for a poll that is not anonymous). */
export const pollPeek = defineButton("poll.peek", AUDIENCES.managers, { poll: id });
/** Start a new poll from the list of open ones. */
export const pollNew = fixedButton("poll.new", AUDIENCES.managers);
/** Where it goes: the RT's group, or each member privately. */
export const pollWhere = defineButton("poll.where", AUDIENCES.managers, { target: oneOf("group", "private") });
/** Results with names (no) or counts only (yes). */
export const pollAnonymous = defineButton("poll.anon", AUDIENCES.managers, { anonymous: flag });
/** One vote per household (KK) or one per member. */
export const pollHousehold = defineButton("poll.kk", AUDIENCES.managers, { household: flag });
/** How long it stays open. */
export const pollDays = defineButton("poll.days", AUDIENCES.managers, { days: oneOf("1", "3", "7") });

/** Under /absen's checklist of a gotong royong or rapat: ask those present "Bagaimana kegiatan tadi?". */
export const satisfactionAsk = defineButton("puas.tanya", AUDIENCES.managers, { occurrence: id });
/** A resident's one tap: 4 😀 … 1 🙁. Whether they were present is checked by the service. */
export const satisfactionAnswerButton = defineButton("puas.jawab", AUDIENCES.residents, { occurrence: id, answer: oneOf("1", "2", "3", "4") });

export const POLL_BUTTONS = [pollClose, pollPeek, pollNew, pollWhere, pollAnonymous, pollHousehold, pollDays, satisfactionAsk, satisfactionAnswerButton];

/** Best first, as the buttons show them; the stored answer is 4 (😀) down to 1 (🙁). */
export const SATISFACTION_FACES = ["😀", "🙂", "😐", "🙁"] as const;

export function faceOf(answer: 1 | 2 | 3 | 4): string {
  return SATISFACTION_FACES[4 - answer]!;
}

/** The one-tap answer under "Bagaimana kegiatan tadi?". */
export function satisfactionKeyboard(occurrenceId: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const answer of ["4", "3", "2", "1"] as const) keyboard.text(faceOf(Number(answer) as 1 | 2 | 3 | 4), satisfactionAnswerButton.data({ occurrence: occurrenceId, answer }));
  return keyboard;
}
