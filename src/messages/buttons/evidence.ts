import type { Audience } from "../../domain/people/audience.js";
import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, id, oneOf, page, shaped } from "./button.js";

/** Who may remove a photo (the service checks which: its adder, the RT's ketua, a koordinator over it, an admin). */
const EVIDENCE_REMOVERS: Audience = ["ketua_rt", "petugas", "koordinator", "admin"];
/** Who may have an RT's evidence pack (which RTs: the ketua's own, a koordinator's area, an assessor's scope). */
export const PACK_READERS: Audience = ["ketua_rt", "koordinator", "admin", "penilai"];

// Inside /bukti (officers of an RT); the form and its service check the RT again on every step.
/** What the photos are for: an event of the RT, a ronda night, or an indicator. */
export const evidenceFor = defineButton("bukti.untuk", AUDIENCES.officers, { target: oneOf("event", "ronda", "indicator", "cancel") });
/** An occurrence chosen: it carries the id, so the service checks it is of the form's RT. */
export const evidenceOccurrence = defineButton("bukti.acara", AUDIENCES.officers, { occurrence: id });
export const evidenceOccurrencePage = defineButton("bukti.hal", AUDIENCES.officers, { page });
/** "Selesai": `form` is the form's tag (formTag of its key), so a button of an older form is stale. */
export const evidenceDone = defineButton("bukti.selesai", AUDIENCES.officers, { form: shaped(/[0-9A-Za-z_-]{6}/) });
/** "Hapus" under a photo in /bukti's list. */
export const evidenceRemove = defineButton("bukti.hapus", EVIDENCE_REMOVERS, { evidence: id });

// /paketbukti.
export const evidencePackRt = defineButton("paket.rt", PACK_READERS, { rt: id, round: id });
export const evidencePackPage = defineButton("paket.hal", PACK_READERS, { page });

export const EVIDENCE_BUTTONS = [evidenceFor, evidenceOccurrence, evidenceOccurrencePage, evidenceDone, evidenceRemove, evidencePackRt, evidencePackPage];
