import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, fixedButton, flag, id, oneOf, page, requestKey } from "./button.js";

/** What the decision list shows: every proposed RT, or one award category. */
export const AWARD_FILTERS = ["all", "besar", "sedang", "kecil"] as const;
export type AwardFilter = (typeof AWARD_FILTERS)[number];

// /keputusan's buttons (admins). Which RT may win is checked again by the decision service.
/** Marks or unmarks one proposed RT as a winner. */
export const awardToggle = defineButton("award.toggle", AUDIENCES.admins, { rt: id });
export const awardPage = defineButton("award.page", AUDIENCES.admins, { page });
export const awardFilter = defineButton("award.filter", AUDIENCES.admins, { category: oneOf(...AWARD_FILTERS) });
/** Done marking: on to the SK. */
export const awardNext = fixedButton("award.next", AUDIENCES.admins);
/** Decide while visits are still running, the warning read. */
export const awardEarly = fixedButton("award.early", AUDIENCES.admins);
/** The SK was signed today. */
export const awardToday = fixedButton("award.today", AUDIENCES.admins);
/**
 * Save the decision: carries the form's key, so a tap after the form ended (a double tap, a
 * redelivery) is told the decision is saved rather than "stale".
 */
export const awardConfirm = defineButton("award.confirm", AUDIENCES.admins, { key: requestKey });

// /kencana's buttons (koordinator for their area, admin). The RT is checked again by the service.
/** Opens the form that records a Kencana requirement. */
export const kencanaRecord = fixedButton("kencana.record", AUDIENCES.coordinators);
/** The requirement is met (1) or not (0). */
export const kencanaMet = defineButton("kencana.met", AUDIENCES.coordinators, { met: flag });

/** Opens the form that awards the Kencana title by SK (admins; shown when a holder is eligible). */
export const kencanaAward = fixedButton("kencana.award", AUDIENCES.admins);
/** Save the Kencana award: carries the form's key (a tap after the form ended is told it is saved). */
export const kencanaAwardConfirm = defineButton("kencana.confirm", AUDIENCES.admins, { key: requestKey });

export const AWARD_BUTTONS = [awardToggle, awardPage, awardFilter, awardNext, awardEarly, awardToday, awardConfirm, kencanaRecord, kencanaMet, kencanaAward, kencanaAwardConfirm];
