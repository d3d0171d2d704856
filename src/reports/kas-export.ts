import type { Database } from "../db/client.js";
import { awardReport, INCOME_KINDS, kasBalanceOf, kasMonth, type KasEntryView, type KasMonth } from "../domain/kas/book.js";
import { getRt } from "../domain/rt/rt.js";
import { addMonths, monthKey, monthOf, type Month } from "../domain/schedule/month.js";
import { formatLocalDate, formatLocalTime, wibParts } from "../domain/schedule/wib.js";
import { rtNumber } from "../messages/format.js";
import { kasEntryLabel } from "../messages/kas.js";
import type { Translate } from "../messages/translate.js";
import { header, loadExcel } from "./excel.js";

/**
 * The kas RT's workbook for the RT's board (papan pengumuman): the twelve WIB months up to this one,
 * month by month (opening, income by kind, spending, closing), every entry, and the uang pembinaan
 * line by line. Every label comes from the locale files; Rupiah are integer cells. Text someone
 * typed (purpose, reason) is written as a plain string cell, which no spreadsheet evaluates.
 */

export const KAS_EXPORT_MONTHS = 12;

export type KasExport = { rtLabel: string; months: KasMonth[]; balance: number; award: Awaited<ReturnType<typeof awardReport>>; generatedAt: Date };

/** What the workbook shows: read once, so the file and its caption agree. */
export async function readKasExport(db: Database, params: { rtId: number; now: Date }): Promise<KasExport> {
  const place = await getRt(db, params.rtId);
  const current = monthOf(params.now);
  const months: KasMonth[] = [];
  for (let back = KAS_EXPORT_MONTHS - 1; back >= 0; back--) months.push(await kasMonth(db, { rtId: params.rtId, month: addMonths(current, -back) }));
  return {
    rtLabel: `RT ${rtNumber(place.number)} ${place.kelurahanName}`,
    months,
    balance: await kasBalanceOf(db, params.rtId),
    award: await awardReport(db, params.rtId),
    generatedAt: params.now,
  };
}

const RUPIAH_FORMAT = "#,##0";

function wib(at: number): string {
  const parts = wibParts(new Date(at));
  return `${formatLocalDate(parts)} ${formatLocalTime(parts)}`;
}

export function kasExportFileName(data: KasExport, month: Month): string {
  return `kas-${data.rtLabel.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${monthKey(month)}.xlsx`;
}

export async function kasToXlsx(data: KasExport, t: Translate): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.created = data.generatedAt;

  const summary = workbook.addWorksheet(t("kas-export-sheet-summary"));
  header(summary, [t("kas-export-col-month"), t("kas-export-col-opening"), ...INCOME_KINDS.map((kind) => t(`kas-kind-${kind}`)), t("kas-export-col-income"), t("kas-export-col-spending"), t("kas-export-col-closing")], [12, 14, ...INCOME_KINDS.map(() => 12), 14, 14, 14]);
  for (const month of data.months) {
    const row = summary.addRow([monthKey(month.month), month.opening, ...INCOME_KINDS.map((kind) => month.income[kind]), month.incomeTotal, month.spending, month.closing]);
    row.eachCell((cell, column) => { if (column > 1) cell.numFmt = RUPIAH_FORMAT; });
  }
  summary.addRow([]);
  summary.addRow([data.rtLabel]);
  const balance = summary.addRow([t("kas-export-balance"), data.balance]);
  balance.getCell(2).numFmt = RUPIAH_FORMAT;
  summary.addRow([t("kas-export-generated"), wib(data.generatedAt.getTime())]);

  const entries = workbook.addWorksheet(t("kas-export-sheet-entries"));
  header(entries, ["#", t("kas-export-col-time"), t("kas-export-col-kind"), t("kas-export-col-amount"), t("kas-export-col-text"), t("kas-export-col-award"), t("kas-export-col-receipt"), t("kas-export-col-reversed-by"), t("kas-export-col-by")], [8, 18, 18, 14, 40, 10, 10, 12, 24]);
  const entryRow = (entry: KasEntryView) => {
    const row = entries.addRow([
      entry.id, wib(entry.occurredAt), kasEntryLabel(t, entry), entry.amount,
      String((entry.kind === "reversal" ? entry.reason : entry.purpose) ?? ""),
      entry.fromAward ? t("kas-export-yes") : "", entry.hasReceipt ? t("kas-export-yes") : "", entry.reversedBy ?? "", String(entry.recordedByName ?? t("kas-erased-person")),
    ]);
    row.getCell(4).numFmt = RUPIAH_FORMAT;
  };
  for (const month of data.months) for (const entry of month.entries) entryRow(entry);

  const award = workbook.addWorksheet(t("kas-export-sheet-award"));
  header(award, ["#", t("kas-export-col-time"), t("kas-export-col-text"), t("kas-export-col-amount"), t("kas-export-col-reversed-by")], [8, 18, 40, 14, 12]);
  if (data.award) {
    for (const line of data.award.lines) award.addRow([line.id, wib(line.occurredAt), String(line.purpose ?? ""), 0 - line.amount, line.reversedBy ?? ""]).getCell(4).numFmt = RUPIAH_FORMAT;
    award.addRow([]);
    for (const [label, value] of [["kas-export-award-received", data.award.received], ["kas-export-award-spent", data.award.spent], ["kas-export-award-rest", data.award.rest]] as const) {
      award.addRow(["", "", t(label), value]).getCell(4).numFmt = RUPIAH_FORMAT;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
