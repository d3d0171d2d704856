import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, id, oneOf, page, shaped } from "./button.js";

/** What a tap answers in the bulk pass: a score, skip this indicator, or stop the pass. */
export const BULK_ANSWERS = ["2", "1", "0", "skip", "stop"] as const;
export type BulkAnswer = (typeof BULK_ANSWERS)[number];

/**
 * The bulk pass's answer to one indicator. It carries the form's key and the indicator, so a tap
 * arriving after the pass moved on (a double tap) is told the answer is saved (the service finds
 * the row by that key), and an answer can never land on another indicator than the one it was shown with.
 */
export const bulkScore = defineButton("bulk.score", AUDIENCES.coordinators, {
  form: shaped(/[0-9a-f-]{36}/),
  code: shaped(/[BAP][1-7]/),
  answer: oneOf(...BULK_ANSWERS),
});

/** /belumdinilai: a page of the list, and an RT whose bulk pass to open (scope checked again on press). */
export const unscoredPage = defineButton("unscored.page", AUDIENCES.coordinators, { page });
export const unscoredRt = defineButton("unscored.rt", AUDIENCES.coordinators, { rt: id });

export const UNSCORED_BUTTONS = [bulkScore, unscoredPage, unscoredRt];
