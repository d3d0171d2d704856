import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, oneOf, fixedButton, flag, id, type Field } from "./button.js";

/** 0 = Minggu … 6 = Sabtu. */
const weekday: Field<number> = { read: (text) => (/^[0-6]$/.test(text) ? Number(text) : undefined), write: (value) => String(value) };

/** /siapronda: join or leave the watch. */
export const rondaVolunteer = defineButton("ronda.ikut", AUDIENCES.residents, { on: flag });
/** /siapronda: a night of the week the volunteer cannot (or can again) do; it carries the state it sets. */
export const rondaUnavailable = defineButton("ronda.libur", AUDIENCES.residents, { weekday, unavailable: flag });
/** /buatjadwalronda: how many weeks. */
export const rotaWeeks = defineButton("rota.buat", AUDIENCES.managers, { weeks: id });
/** /giliranku: ask someone to take this shift. */
export const swapAsk = defineButton("tukar.minta", AUDIENCES.residents, { occurrence: id });
/** /siapronda, /giliranku during one's own night: the shift checks itself in (see domain/ronda/duty.ts). */
export const rondaPresent = defineButton("ronda.hadir", AUDIENCES.residents, { occurrence: id });
/** /jadwalronda, for the ketua: put a member on a night by hand. */
export const rondaAssignOpen = fixedButton("ronda.atur", AUDIENCES.managers);
/** The offer sent to the other volunteers: take the shift. */
export const swapTake = defineButton("tukar.ambil", AUDIENCES.residents, { swap: id });

/*
 * Inside /ronda. The conversation was opened by the ketua's command and saveRondaSetup checks the
 * RT again, so these are "anyone" (they were unlisted).
 */
export const rondaNight = defineButton("ronda.malam", "anyone", { weekday, on: flag });
export const rondaNightsDone = fixedButton("ronda.selesai", "anyone");
export const rondaPostShortcut = fixedButton("ronda.pos", "anyone");

/**
 * Swap offers sent before the buttons were renamed (December 2026) wrote "swap:take:<id>". Asking
 * again re-offers nothing while the swap is open, so the old button keeps working; remove this once
 * no swap older than that release is open.
 */
export const legacySwapTake = defineButton("swap", AUDIENCES.residents, { action: oneOf("take"), swap: id });

export const RONDA_BUTTONS = [rondaVolunteer, rondaUnavailable, rotaWeeks, swapAsk, swapTake, rondaPresent, rondaAssignOpen, legacySwapTake, rondaNight, rondaNightsDone, rondaPostShortcut];
