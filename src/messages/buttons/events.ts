import { createHash } from "node:crypto";
import { EVENT_KINDS, REPEAT_CHOICES, RSVP_ANSWERS } from "../../domain/events/events.js";
import { PERSONAL_REMINDER_CHOICES } from "../../domain/events/reminder-settings.js";
import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, flag, id, int, oneOf, page, shaped } from "./button.js";

/** Hadir / Tidak bisa / Mungkin under an event in /jadwal. */
export const rsvp = defineButton("rsvp", AUDIENCES.residents, { occurrence: id, answer: oneOf(...RSVP_ANSWERS) });
/** /jadwal's list of the other events: open one (its card, with the answers). */
export const scheduleOpen = defineButton("jadwal.lihat", AUDIENCES.residents, { occurrence: id });
/** A page of /jadwal's list of the other events. */
export const schedulePage = defineButton("jadwal.hal", AUDIENCES.residents, { page });
/** /pengingat: when this resident is reminded of events (or not at all). */
export const myReminders = defineButton("pengingat.saya", AUDIENCES.residents, { choice: oneOf(...PERSONAL_REMINDER_CHOICES) });
/** The ketua's "who answered what" under an event. */
export const rsvpNames = defineButton("rsvp.nama", AUDIENCES.managers, { occurrence: id });
/** /kodehadir: show the check-in code of this occurrence. */
export const checkinCode = defineButton("hadir.kode", AUDIENCES.officers, { occurrence: id });
/** /absen: open the attendance checklist of this occurrence. */
export const attendanceOpen = defineButton("absen.buka", AUDIENCES.officers, { occurrence: id });
/** A page of the attendance checklist. */
export const attendancePage = defineButton("absen.hal", AUDIENCES.officers, { occurrence: id, page });
/** A tick on the checklist; it carries the state it sets, so a double tap does not undo itself. */
export const attendanceTick = defineButton("absen.centang", AUDIENCES.officers, { occurrence: id, membership: id, present: flag, page });

/*
 * Inside /acara, /ubahacara and /aturpengingat. Their conversations were opened by a command for
 * the ketua and their services check the RT again, so these are "anyone" (they were unlisted).
 */
export const eventKindChoice = defineButton("acara.jenis", "anyone", { kind: oneOf(...EVENT_KINDS) });
export const eventRepeatChoice = defineButton("acara.ulang", "anyone", { repeat: oneOf(...REPEAT_CHOICES) });
/** The form's other answers: cancel it at the kind, the place shortcut, no notes. */
export const eventForm = defineButton("acara", "anyone", { choice: oneOf("cancel", "place-pos", "notes-skip") });
/** After a date just past ("1/12" on 2 December): take next year's, or type the date again. */
export const eventWhenChoice = defineButton("acara.tahun", "anyone", { choice: oneOf("next-year", "again") });
export const SUMMARY_ACTIONS = ["save", "cancel", "kind", "when", "place", "notes", "repeat"] as const;
export type SummaryAction = (typeof SUMMARY_ACTIONS)[number];
/**
 * The summary of /acara and /ubahacara: save, cancel, or edit one field. `rev` counts the edits
 * made so far, so a button of an earlier summary (showing other values) is stale, not a save;
 * `form` names the form (formTag of its request key), so a summary left from an abandoned form
 * is stale in the next one too, though its `rev` restarts at 0.
 */
export const eventSummary = defineButton("acara.cek", "anyone", { action: oneOf(...SUMMARY_ACTIONS), rev: int, form: shaped(/[0-9A-Za-z_-]{6}/) });

/** Six characters that tell one form from another: the start of a hash of its request key. */
export function formTag(requestKey: string): string {
  return createHash("sha256").update(requestKey).digest("base64url").slice(0, 6);
}
/** /ubahacara: what to change about the chosen date. */
export const eventChange = defineButton("acara.ubah", "anyone", { change: oneOf("move", "place", "cancel-one", "cancel-series", "back") });
/** /aturpengingat: keep a time as it is, or turn that reminder off. */
export const reminderSetting = defineButton("pengingat", "anyone", { choice: oneOf("keep", "off") });

export const EVENT_BUTTONS = [rsvp, scheduleOpen, schedulePage, myReminders, rsvpNames, checkinCode, attendanceOpen, attendancePage, attendanceTick, eventKindChoice, eventRepeatChoice, eventForm, eventWhenChoice, eventSummary, eventChange, reminderSetting];
