import { AUDIENCES } from "../../domain/people/audience.js";
import { AGENCIES } from "../../domain/cycle/team.js";
import { defineButton, fixedButton, id, oneOf, page } from "./button.js";

/**
 * The assessment team's buttons. Which round member, RT or visit is the presser's is checked again
 * by the service on every press: a button carries ids, never a right.
 */
/** /timpenilai: take a member off the round's team. */
export const teamRevoke = defineButton("team.revoke", AUDIENCES.admins, { assessor: id });
/** /timpenilai: make a new one-time team link (opens the form). */
export const teamNew = fixedButton("team.new", AUDIENCES.admins);
/** The link form: the member's agency. */
export const teamAgency = defineButton("team.agency", AUDIENCES.admins, { agency: oneOf(...AGENCIES) });
/** The link form: add a kecamatan or an RT to the scope, finish, or stop. */
export const teamScope = defineButton("team.scope", AUDIENCES.admins, { action: oneOf("kec", "rt", "done", "cancel") });

/** /kunjungan: plan the visit of this proposed RT (opens the form). */
export const visitRt = defineButton("visit.rt", AUDIENCES.coordinators, { rt: id });
export const visitPage = defineButton("visit.page", AUDIENCES.coordinators, { page });
/** The visit form: schedule or move, cancel the visit, or stop. */
export const visitAction = defineButton("visit.action", AUDIENCES.coordinators, { action: oneOf("schedule", "cancel", "stop") });
/** The visit form's confirmation. */
export const visitConfirm = defineButton("visit.confirm", AUDIENCES.coordinators, { choice: oneOf("yes", "no") });

export const TEAM_BUTTONS = [teamRevoke, teamNew, teamAgency, teamScope, visitRt, visitPage, visitAction, visitConfirm];
