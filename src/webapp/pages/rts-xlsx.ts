import { formatLocalDate, wibDate } from "../../domain/schedule/wib.js";
import { guardFormula } from "../../reports/bank-sampah-export.js";
import { header, loadExcel } from "../../reports/excel.js";
import { rtNumber } from "../../messages/format.js";
import type { Translate } from "../../messages/translate.js";
import type { ShownRt } from "./rts.js";

/** "peringkat-rt-2026-12-04.xlsx": the WIB day it was made; ASCII only, so every browser and Telegram keep it. */
export function rtsFileName(now: Date): string {
  return `peringkat-rt-${formatLocalDate(wibDate(now))}.xlsx`;
}

/**
 * The ranked list as a workbook: one sheet, one row per RT shown, in the page's order (shownRts
 * gives both). Numbers stay numbers and the last activity a date (its WIB day), so the koordinator
 * can sort and sum; names are guarded against being read as formulas.
 */
export async function rtsWorkbook(rows: readonly ShownRt[], t: Translate): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet(t("app-rts-title"));
  header(
    sheet,
    [
      t("app-rts-col-rank"), t("digest-col-rt"), t("digest-col-kelurahan"), t("digest-col-kecamatan"), t("digest-col-score"), t("digest-col-scored-max"),
      t("digest-col-unscored"), t("digest-col-trend"), t("digest-col-drop"), t("app-rts-col-last-activity"), t("app-rts-col-ketua"), t("digest-col-households"),
    ],
    [8, 8, 24, 20, 10, 14, 12, 12, 14, 16, 10, 10],
  );
  rows.forEach(({ place, standing, lastActivity }, index) => {
    const { scorecard, fading } = standing;
    const day = lastActivity ? wibDate(lastActivity) : null;
    const row = sheet.addRow([
      index + 1,
      `RT ${rtNumber(place.number)}`,
      guardFormula(place.kelurahanName),
      guardFormula(place.kecamatanName),
      scorecard.overall,
      scorecard.scoredMax,
      scorecard.missing,
      t(`score-trend-${standing.direction}`),
      fading.menurun ? fading.dropPercent : null,
      // A calendar day, not an instant: midnight UTC of the WIB day, shown as that day.
      day ? new Date(Date.UTC(day.year, day.month - 1, day.day)) : null,
      t(place.hasKetua ? "app-rts-col-ketua-yes" : "app-rts-col-ketua-no"),
      place.householdCount,
    ]);
    row.getCell(10).numFmt = "yyyy-mm-dd";
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
