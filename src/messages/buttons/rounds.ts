import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, fixedButton, id, oneOf, page, requestKey } from "./button.js";

// /putaran (admins): open a new round; the opening form's edit and save buttons.
export const roundNew = fixedButton("round.new", AUDIENCES.admins);
export const roundEdit = defineButton("round.edit", AUDIENCES.admins, { field: oneOf("year", "proposalDeadline", "visitFrom", "visitTo", "decisionOn") });
/** Save: carries the form's request key, so a tap after the form ended is told the round is saved. */
export const roundSave = defineButton("round.save", AUDIENCES.admins, { key: requestKey });

// /usulkan (koordinator, admin): the RT's area, the round's phase and the title are checked again by the service on every press.
export const proposalAdd = defineButton("proposal.add", AUDIENCES.coordinators, { round: id, rt: id });
export const proposalWithdraw = defineButton("proposal.withdraw", AUDIENCES.coordinators, { proposal: id });
export const proposalPage = defineButton("proposal.page", AUDIENCES.coordinators, { page });

// /penilaian (ketua, koordinator, admin): which RT is the presser's is checked again on every press.
export const previewRt = defineButton("preview.rt", AUDIENCES.announcers, { rt: id });
export const previewPage = defineButton("preview.page", AUDIENCES.announcers, { page });

export const ROUND_BUTTONS = [roundNew, roundEdit, roundSave, proposalAdd, proposalWithdraw, proposalPage, previewRt, previewPage];
