import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, fixedButton, id, int, oneOf, page, shaped } from "./button.js";

/** What /skor can show, most useful first: the area ranking, the RT's scorecard, one's own points. */
export const SCORE_VIEWS = ["area", "rt", "me"] as const;
export type ScoreView = (typeof SCORE_VIEWS)[number];

/**
 * /skor's buttons (were `sk`, for score viewers): which view, RT or page is the presser's is
 * checked again on every press in the feature.
 */
export const scoreView = defineButton("score.view", AUDIENCES.scoreViewers, { view: oneOf(...SCORE_VIEWS) });
export const scorePage = defineButton("score.page", AUDIENCES.scoreViewers, { page });
export const scoreRt = defineButton("score.rt", AUDIENCES.scoreViewers, { rt: id });

/** The history of one manual indicator of an RT (was `nlh`, coordinators; also offered inside /nilai). */
export const scoreHistory = defineButton("score.history", AUDIENCES.coordinators, { rt: id, code: shaped(/[BAP][1-7]/) });

// /nilai's own buttons (were `nl`, coordinators).
/** The score given: 0, 1 or 2. */
export const scoreValue = defineButton("score.value", AUDIENCES.coordinators, { score: oneOf("0", "1", "2") });
/** Assessed today. */
export const scoreToday = fixedButton("score.today", AUDIENCES.coordinators);
/**
 * Save: carries the entry instant fixed when the confirmation was shown (milliseconds), the form's
 * key, so a tap after the form ended is told the entry is saved rather than "stale".
 */
export const scoreSave = defineButton("score.save", AUDIENCES.coordinators, { at: int });

export const SCORE_BUTTONS = [scoreView, scorePage, scoreRt, scoreHistory, scoreValue, scoreToday, scoreSave];
