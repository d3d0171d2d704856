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

export const POLL_BUTTONS = [pollClose, pollPeek, pollNew, pollWhere, pollAnonymous, pollHousehold, pollDays];
