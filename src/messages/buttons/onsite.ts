import { AUDIENCES } from "../../domain/people/audience.js";
import type { RoleName } from "../../domain/people/actor.js";
import { defineButton, id, oneOf, page, shaped } from "./button.js";

/**
 * /nilaitim's buttons. Each carries a short token of the form that showed it, so a button of an
 * older form (or one typed by hand) is not taken as an answer: the form waits for its own token,
 * and anything else ends at the fallback as a stale button, changing nothing. The RT chosen is
 * checked again by the service (assessor of that round, RT in scope and proposed, not their own).
 */
const form = shaped(/[0-9a-f]{12}/);
const code = shaped(/[BAP][1-7]/);

export const onsitePage = defineButton("onsite.page", AUDIENCES.assessors, { form, page });
export const onsiteRt = defineButton("onsite.rt", AUDIENCES.assessors, { form, round: id, rt: id });
export const onsiteScore = defineButton("onsite.score", AUDIENCES.assessors, { form, code, score: oneOf("0", "1", "2") });
/** skip: "Lewati"; back: "Kembali"; nonote: "Tanpa catatan"; next: "Lanjut" after the photos; rechoose: "Kembali" from the reason to the score. */
export const onsiteNav = defineButton("onsite.nav", AUDIENCES.assessors, { form, code, action: oneOf("skip", "back", "nonote", "next", "rechoose") });
/**
 * "Berikutnya" after an indicator is saved: opens the form again at that indicator of that RT (the
 * form is one indicator long, so a visit's 21 answers never replay each other). Scope is checked
 * again by the form when it opens.
 */
export const onsiteGo = defineButton("onsite.go", AUDIENCES.assessors, { round: id, rt: id, code });

/** Who may open a team recap (/rekaptim); which RT and round is checked in the domain (recapViewerOf). */
export const RECAP_READERS = ["penilai", "koordinator", "admin", "ketua_rt"] as const satisfies readonly RoleName[];
export const onsiteRecap = defineButton("onsite.recap", RECAP_READERS, { round: id, rt: id });
/** A page of /rekaptim's list (a city's proposals do not fit one keyboard). */
export const onsiteRecapPage = defineButton("onsite.recappage", RECAP_READERS, { page });

export const ONSITE_BUTTONS = [onsitePage, onsiteRt, onsiteScore, onsiteNav, onsiteGo, onsiteRecap, onsiteRecapPage];
