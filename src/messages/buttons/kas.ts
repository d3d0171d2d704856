import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, id, oneOf, page, requestKey } from "./button.js";

// issue 17: the kas RT. Which RT is always checked in domain/kas, whatever a button says.

/** /bendahara: the ketua appoints or revokes a member as the RT's bendahara. */
export const kasBendahara = defineButton("kas.bendahara", AUDIENCES.managers, { change: oneOf("add", "del"), membership: id });
export const kasBendaharaPage = defineButton("kas.bendahara-hal", AUDIENCES.managers, { page });
/** Under /kas, for its keepers: open the recording or the correction form. */
export const kasOpen = defineButton("kas.buka", AUDIENCES.kasKeepers, { form: oneOf("catat", "koreksi") });
/** The confirmation of an entry or a reversal; it carries the form's request id, so a late tap is told it was saved. */
export const kasSave = defineButton("kas.simpan", AUDIENCES.kasKeepers, { form: oneOf("catat", "koreksi"), answer: oneOf("yes", "no"), request: requestKey });
/** "Catat jimpitan malam ini", shown to those on the night's shift; opens the jimpitan form. */
export const kasJimpitan = defineButton("kas.jimpitan", AUDIENCES.residents, { occurrence: id });
/** The jimpitan's confirmation: keyed by the night, so any tap of it saves the night once. */
export const kasJimpitanSave = defineButton("kas.jimpitan-ok", AUDIENCES.residents, { answer: oneOf("yes", "no"), occurrence: id });
/** /eksporkas: the RT whose book to export (a koordinator's list; a keeper's own RT). */
export const kasExport = defineButton("kas.ekspor", AUDIENCES.kasExporters, { rt: id });

/** /kaskoreksi: one of the newest entries (an older one is typed by its number); the domain checks it is the keeper's RT's. */
export const kasPick = defineButton("kas.koreksi-pilih", AUDIENCES.kasKeepers, { entry: id });
/** /eksporkas: a page of that list (an admin's or a kecamatan koordinator's is long). */
export const kasExportPage = defineButton("kas.ekspor-hal", AUDIENCES.kasExporters, { page });

export const KAS_BUTTONS = [kasBendahara, kasBendaharaPage, kasOpen, kasSave, kasJimpitan, kasJimpitanSave, kasExport, kasExportPage, kasPick];
