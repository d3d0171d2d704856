import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, id, oneOf, requestKey, shaped } from "./button.js";

/**
 * Keeping the title (issue 15). The penilaian mandiri is the ketua's: the invitation's button names
 * the RT, and the feature checks the presser heads it before the form opens.
 */
export const selfOpen = defineButton("self.open", AUDIENCES.managers, { rt: id });
/** An answer of the form: the indicator it answers rides on it, so a tap left over from another step is not taken. */
export const selfScore = defineButton("self.score", AUDIENCES.managers, { code: shaped(/[BAP][1-7]/), score: oneOf("0", "1", "2") });
/** The form's other moves at an indicator: add a note, skip it, go back one, stop here. */
export const selfNav = defineButton("self.nav", AUDIENCES.managers, { code: shaped(/[BAP][1-7]/), action: oneOf("note", "skip", "back", "done") });
/** The note prompt's "no note". */
export const selfNoNote = defineButton("self.nonote", AUDIENCES.managers, { code: shaped(/[BAP][1-7]/) });

/** /kunjunganulang's save: carries the planning form's key, so a tap after the form ended is told the visit is planned. */
export const reassessSave = defineButton("reassess.save", AUDIENCES.coordinators, { key: requestKey });
export const reassessCancel = defineButton("reassess.cancel", AUDIENCES.coordinators, { key: requestKey });
/**
 * The card of an RT whose re-assessment visit is planned: move it, cancel it, or stop. The visit
 * rides on it; outside the form a press is checked against the presser's area before it is called stale.
 */
export const reassessVisit = defineButton("reassess.visit", AUDIENCES.coordinators, { visit: id, action: oneOf("move", "cancel", "stop") });
/** "Yes, cancel the visit": the visit and the cancelling form's key, so a tap after the form ended is told it is cancelled. */
export const reassessDrop = defineButton("reassess.drop", AUDIENCES.coordinators, { visit: id, key: requestKey });

export const KEEPING_BUTTONS = [selfOpen, selfScore, selfNav, selfNoNote, reassessSave, reassessCancel, reassessVisit, reassessDrop];
