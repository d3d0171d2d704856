import { InlineKeyboard } from "grammy";
import type { Audience } from "../../domain/people/audience.js";
import { AUDIENCES } from "../../domain/people/audience.js";
import { REPORT_CATEGORIES, REPORT_STATUSES, REPORT_STEPS } from "../../domain/reports/categories.js";
import { defineButton, fixedButton, id, oneOf, page, shaped } from "./button.js";

/** A form's tag (formTag of its request key): a button of an older /lapor form is stale in this one. */
const form = shaped(/[0-9A-Za-z_-]{6}/);

/** Who may open one report: its RT's ketua (or acting ketua), a koordinator the report was escalated to, an admin; the service checks which. */
export const REPORT_READERS: Audience = ["ketua_rt", "koordinator", "admin"];

// /lapor (an active resident; the form checks the membership again with every answer).
/** "📣 Lapor masalah" under /start: opens the form. */
export const reportStart = fixedButton("lapor.buka", AUDIENCES.residents);
export const reportCategory = defineButton("lapor.kat", AUDIENCES.residents, { form, category: oneOf(...REPORT_CATEGORIES, "batal") });
/** At the photo prompt: go on without one (only where the category allows it), or stop. */
export const reportPhoto = defineButton("lapor.foto", AUDIENCES.residents, { form, choice: oneOf("lewati", "batal") });
/** The summary's "Kirim" / "Batal"; pressed after its form ended it is answered as stale. */
export const reportSubmit = defineButton("lapor.kirim", AUDIENCES.residents, { form, choice: oneOf("kirim", "batal") });

// The ketua's side (/laporanrt); every press is checked again by the service (the report's RT).
/** "📋 Laporan warga" under /start for a ketua: the open reports. */
export const reportListOpen = fixedButton("laporan.daftar", AUDIENCES.managers);
export const reportListPage = defineButton("laporan.hal", AUDIENCES.managers, { page });
export const reportOpen = defineButton("laporan.buka", REPORT_READERS, { report: id });
/** A step on a report: `from` is the status it was shown in, so a button of an older card is stale. */
export const reportStep = defineButton("laporan.ubah", AUDIENCES.managers, { report: id, from: oneOf(...REPORT_STATUSES), to: oneOf(...REPORT_STEPS) });
/** "Batal" under the reason of a refusal, tied to its form: an older form's button does not end a newer one. */
export const reportRejectCancel = defineButton("laporan.tolakbatal", AUDIENCES.managers, { form });

/** "Lihat laporan" under a notice about a report: the reader's rights are checked again when it is pressed. */
export function reportOpenKeyboard(t: (key: string) => string, reportId: number): InlineKeyboard {
  return new InlineKeyboard().text(t("button-report-open"), reportOpen.data({ report: reportId }));
}

export const REPORT_BUTTONS = [reportStart, reportCategory, reportPhoto, reportSubmit, reportListOpen, reportListPage, reportOpen, reportStep, reportRejectCancel];
