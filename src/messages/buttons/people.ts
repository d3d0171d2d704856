import { InlineKeyboard } from "grammy";
import { AUDIENCES } from "../../domain/people/audience.js";
import { SUPPORTED_LOCALES } from "../../domain/people/person.js";
import { GREETINGS } from "../address.js";
import type { Texts } from "../translate.js";
import { defineButton, fixedButton, id, oneOf, page, shaped } from "./button.js";

/**
 * People, membership, roles and the RT: who joins, who decides, who heads the RT and keeps it.
 * Which RT a button acts on is checked again by the service; the audience only says which role
 * may press it at all.
 */

/** Approve or reject a join request: the ketua, or (for an RT without one) its koordinator or an admin. */
export const memberDecision = defineButton("member.decide", ["ketua_rt", "koordinator", "admin"], { decision: oneOf("ok", "no"), membership: id });

/** The member lists of /keluarkan, /serahkan and /petugas. */
export const PEOPLE_LISTS = ["remove", "handover", "petugas"] as const;
export type PeopleList = (typeof PEOPLE_LISTS)[number];

/** A page of one of those lists. */
export const peoplePage = defineButton("people.page", AUDIENCES.managers, { list: oneOf(...PEOPLE_LISTS), page });
/** Closes (or cancels) one of those lists. */
export const peopleClose = defineButton("people.close", AUDIENCES.managers, { list: oneOf(...PEOPLE_LISTS) });

/** Removing a member is asked twice: "ask" shows the question, "confirm" is the decision. */
export const memberRemove = defineButton("member.remove", AUDIENCES.managers, { step: oneOf("ask", "confirm"), membership: id });
/** Handing the ketua role over, asked twice as a removal is. */
export const handover = defineButton("handover", AUDIENCES.managers, { step: oneOf("ask", "confirm"), membership: id });
/** The button carries the intended change (add/del), so a double tap changes nothing twice. */
export const petugas = defineButton("petugas", AUDIENCES.managers, { change: oneOf("add", "del"), membership: id });

/** A new member link for the ketua's RT (the old one stops working). */
export const inviteReset = fixedButton("invite.reset", AUDIENCES.managers);

/**
 * /keluar's "are you sure?": `yes` leaves the RT (an active resident), `withdraw` takes back a
 * request still waiting (and only that: pressed after approval, it leaves nothing). It names the
 * membership it was asked about: pressed after that one ended, it ends no other (a later request).
 */
export const leave = defineButton("leave", "member", { choice: oneOf("yes", "cancel", "withdraw"), membership: id });

/**
 * /hapusdata's "are you sure?". It was unlisted (so open to all); it stays "anyone" on purpose:
 * erasing one's own data is everyone's right, with or without an RT.
 */
export const erase = defineButton("erase", "anyone", { choice: oneOf("yes", "cancel") });

/** Registration's consent question: asked of anyone who writes to the bot. */
export const consent = defineButton("consent", "anyone", { choice: oneOf("yes", "no") });

/** Registration's kecamatan → kelurahan → RT screens: a wilayah code or an RT id. */
export const joinPick = defineButton("join.pick", "anyone", { level: oneOf("kec", "kel", "rt"), value: shaped(/[0-9.]{1,20}/) });
export const joinPage = defineButton("join.page", "anyone", { page });
/** Registration's own steps: back, cancel, and the summary's send/restart; `name` takes the Telegram name. */
export const joinStep = defineButton("join", "anyone", { step: oneOf("back", "cancel", "send", "restart", "name", "replace", "keep") });
/** Registration's "how shall we address you?": Pak, Bu, Kak or the name alone. */
export const joinGreeting = defineButton("join.greet", "anyone", { choice: oneOf(...GREETINGS) });
/** /profil's buttons that change how the person is addressed (anyone the bot knows: checked by the handler). */
export const greetingSet = defineButton("greeting", "anyone", { choice: oneOf(...GREETINGS) });

/** /angkatkoordinator's first question: a kelurahan or a kecamatan koordinator (admins only). */
export const koordinatorLevel = defineButton("koordinator.level", AUDIENCES.admins, { level: oneOf("kel", "kec", "cancel") });

/**
 * /tautanketua's RT list (koordinator, admin): "ask" shows what a new ketua link does for that RT,
 * "confirm" makes it. The service checks again that the RT is in the presser's area.
 */
export const ketuaLink = defineButton("ketualink", AUDIENCES.coordinators, { step: oneOf("ask", "confirm"), rt: id });
/** A page of that list. */
export const ketuaLinkPage = defineButton("ketualink.page", AUDIENCES.coordinators, { page });
/** Closes (or cancels) it. */
export const ketuaLinkClose = fixedButton("ketualink.close", AUDIENCES.coordinators);

/**
 * /daftarrt's "Bertindak untuk RT 07" (koordinator, admin): act as ketua of an RT of the area that
 * has none; "stop" ends it. The service checks the area and that the RT still has no ketua.
 */
export const actFor = defineButton("actfor", AUDIENCES.coordinators, { rt: id });
export const actingStop = fixedButton("actfor.stop", AUDIENCES.coordinators);

/** /bahasa: anyone may choose the language the bot speaks to them. */
export const language = defineButton("language", "anyone", { locale: oneOf(...SUPPORTED_LOCALES) });

export const PEOPLE_BUTTONS = [language, memberDecision, peoplePage, peopleClose, memberRemove, handover, petugas, inviteReset, leave, erase, consent, joinPick, joinPage, joinStep, joinGreeting, greetingSet, koordinatorLevel, ketuaLink, ketuaLinkPage, ketuaLinkClose, actFor, actingStop];

/** The approve/reject pair under a join-request notice, in the approver's language. */
export function decisionKeyboard(texts: Texts, locale: string, membershipId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(texts.t(locale, "button-approve"), memberDecision.data({ decision: "ok", membership: membershipId }))
    .text(texts.t(locale, "button-reject"), memberDecision.data({ decision: "no", membership: membershipId }));
}
