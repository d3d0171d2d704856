import { AUDIENCES } from "../../domain/people/audience.js";
import { DIMENSIONS } from "../../domain/scores/indicators.js";
import { defineButton, fixedButton, id, oneOf, page } from "./button.js";

/**
 * /indikator's buttons (issue 17). Which RT the presser may read is checked again on every press
 * (mayReadIndicators): a button kept from an RT one has left, or forged for another RT, is refused.
 */
/** One group (Bersih, Aman, Pintar) of an RT's indicators. */
export const indikatorGroup = defineButton("indikator.group", AUDIENCES.scoreViewers, { rt: id, dimension: oneOf(...DIMENSIONS) });
/** Opens /indikator from where residents already are (/start, /skor). */
export const indikatorOpen = fixedButton("indikator.open", AUDIENCES.scoreViewers);
/** A koordinator's or admin's list of the RTs of their area, a page at a time, and one RT of it. */
export const indikatorPage = defineButton("indikator.page", AUDIENCES.coordinators, { page });
export const indikatorRt = defineButton("indikator.rt", AUDIENCES.coordinators, { rt: id });

export const INDIKATOR_BUTTONS = [indikatorGroup, indikatorOpen, indikatorPage, indikatorRt];
