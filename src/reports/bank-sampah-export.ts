import type ExcelJS from "exceljs";
import { loadExcel } from "./excel.js";
import type { MeasureUnit } from "../domain/bank-sampah/amounts.js";
import type { MonthlyBankReport, PersonLabel } from "../domain/bank-sampah/report.js";
import { monthKey, type Month } from "../domain/schedule/month.js";
import { WIB_OFFSET_MINUTES, formatLocalDate, formatLocalTime, wibParts } from "../domain/schedule/wib.js";

/**
 * A bank's monthly report as files for its transparency board: one workbook (sheets Ringkasan,
 * Setoran, Penarikan, Koreksi, Per jenis) and two CSV files, transactions and totals per type.
 *
 * Every header, sheet name and label comes from the locale files through `labels.t`. Numbers stay
 * numbers: Rupiah and grams/millilitres as integers, with a derived kg/liter column for people.
 * Text a resident or officer typed (names, reasons) can never become a formula: in CSV a leading
 * = + - @ tab or CR gets a ' in front (what spreadsheets themselves use to mean "this is text");
 * in the workbook it is written as a plain string cell, which no spreadsheet evaluates.
 */

export type Translate = (key: string, vars?: Record<string, string | number>) => string;
export type ExportLabels = { t: Translate; locale: string };
export type ExportFile = { filename: string; content: Buffer };

/** Column headings, each a locale message `bank-export-col-<id>`. */
export const EXPORT_COLUMNS = [
  "item", "figure", "kind", "time", "date", "clock", "entry", "resident", "member-code", "rt", "waste-type", "quantity-base", "unit", "quantity",
  "price", "value", "amount", "reverses", "reverses-kind", "reverses-time", "reversed-by", "reason", "officer", "deposited-quantity-base",
  "reversed-quantity-base", "net-quantity-base", "net-quantity", "deposited-value", "reversed-value", "net-value",
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Rows of the Ringkasan sheet, each labelled by a locale message `bank-export-summary-<id>`. */
export const SUMMARY_ITEMS = [
  "bank", "kelurahan", "kecamatan", "rts", "period", "generated", "opening", "deposit-count", "deposits", "withdrawal-count", "withdrawals",
  "reversal-count", "reversals", "net", "closing", "note",
] as const;
type SummaryItem = (typeof SUMMARY_ITEMS)[number];

/** Ledger entry kinds as the files name them: `bank-export-kind-<kind>`. */
export const ENTRY_KINDS = ["deposit", "withdrawal", "reversal"] as const;

function columnHeader(id: ExportColumn, t: Translate): string {
  return t(`bank-export-col-${id}`);
}

const RUPIAH_FORMAT = "#,##0";
const COUNT_FORMAT = "0";
const KG_FORMAT = "#,##0.000";
const WIB_FORMAT = "yyyy-mm-dd hh:mm";
const BOM = "\uFEFF";

/** The month as people name it: "November 2026". */
export function periodLabel(month: Month, locale: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(month.year, month.month - 1, 1)));
}

/** Starts like a formula in Excel, LibreOffice or Google Sheets. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** CSV text that a spreadsheet opening the file keeps as text. */
export function guardFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** One RFC 4180 field: numbers as they are, text guarded and quoted when it must be. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = guardFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** UTF-8 with a byte-order mark (so Excel reads the names right), comma separated, CRLF lines. */
export function csvDocument(rows: readonly (readonly (string | number | null)[])[]): Buffer {
  return Buffer.from(BOM + rows.map((row) => row.map(csvField).join(",") + "\r\n").join(""), "utf8");
}

/** Grams (or millilitres) as exact kg (or liters) for people: 2500 → "2.5", 750 → "0.75". */
export function baseToUnitText(quantity: number): string {
  const sign = quantity < 0 ? "-" : "";
  const abs = Math.abs(quantity);
  const fraction = String(abs % 1000).padStart(3, "0").replace(/0+$/, "");
  return `${sign}${Math.floor(abs / 1000)}${fraction ? `.${fraction}` : ""}`;
}

const pad2 = (value: number) => String(value).padStart(2, "0");

function rtText(number: number | null): string | null {
  return number === null ? null : pad2(number);
}

function wibText(instant: Date): { date: string; time: string } {
  const parts = wibParts(instant);
  return { date: formatLocalDate(parts), time: formatLocalTime(parts) };
}

/** A Date whose UTC fields show the WIB wall clock: spreadsheets have no zones, so cells carry WIB. */
function wibCellDate(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000 + WIB_OFFSET_MINUTES * 60_000);
}

function residentName(resident: PersonLabel, t: Translate): string {
  return resident.name ?? t("bank-export-anonymous");
}

function officerName(name: string | null, t: Translate): string {
  return name ?? t("bank-export-anonymous");
}

function unitText(unit: MeasureUnit, t: Translate): string {
  return t(`bank-export-unit-${unit}`);
}

function fileSlug(name: string, fallback: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    // The file name says "bank sampah" already.
    .replace(/^bank-sampah-/, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || fallback;
}

/** A file name Telegram and every desktop accept: ASCII letters, digits, dot, dash, underscore. */
function fileName(stem: string, extension: string): string {
  return `${stem.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+/, "") || "export"}.${extension}`;
}

export type ExportFileNames = { xlsx: string; transactionsCsv: string; byTypeCsv: string };

export function exportFileNames(report: MonthlyBankReport, labels: ExportLabels): ExportFileNames {
  const vars = { bank: fileSlug(report.bank.name, String(report.bank.id)), period: monthKey(report.month) };
  return {
    xlsx: fileName(labels.t("bank-export-file-xlsx", vars), "xlsx"),
    transactionsCsv: fileName(labels.t("bank-export-file-transactions", vars), "csv"),
    byTypeCsv: fileName(labels.t("bank-export-file-types", vars), "csv"),
  };
}

type Cell = string | number | null;

/** Every entry of the month in time order, one row per deposit line; Rupiah signed as in the ledger. */
function transactionRows(report: MonthlyBankReport, t: Translate): Cell[][] {
  const header = ([
    "kind", "date", "clock", "entry", "resident", "member-code", "rt", "waste-type",
    "quantity-base", "unit", "quantity", "price", "value", "reverses", "reversed-by", "reason", "officer",
  ] satisfies ExportColumn[]).map((id) => columnHeader(id, t));
  type Row = { at: number; entryId: number; lineNo: number; cells: Cell[] };
  const rows: Row[] = [];
  const common = (kind: (typeof ENTRY_KINDS)[number], entry: { occurredAt: Date; entryId: number; resident: PersonLabel; rtNumber: number | null }): Cell[] => {
    const { date, time } = wibText(entry.occurredAt);
    return [t(`bank-export-kind-${kind}`), date, time, entry.entryId, residentName(entry.resident, t), entry.resident.memberCode, rtText(entry.rtNumber)];
  };
  for (const line of report.deposits) {
    rows.push({
      at: line.occurredAt.getTime(), entryId: line.entryId, lineNo: line.lineNo,
      cells: [
        ...common("deposit", line), line.wasteType, line.quantity, unitText(line.unit, t), baseToUnitText(line.quantity), line.rupiahPerUnit, line.value,
        null, line.reversedByEntryId, null, officerName(line.recordedBy, t),
      ],
    });
  }
  for (const row of report.withdrawals) {
    rows.push({
      at: row.occurredAt.getTime(), entryId: row.entryId, lineNo: 0,
      cells: [...common("withdrawal", row), null, null, null, null, null, -row.amount, null, row.reversedByEntryId, null, officerName(row.recordedBy, t)],
    });
  }
  for (const row of report.reversals) {
    rows.push({
      at: row.occurredAt.getTime(), entryId: row.entryId, lineNo: 0,
      cells: [...common("reversal", row), null, null, null, null, null, row.amount, row.reversesEntryId, null, row.reason, officerName(row.recordedBy, t)],
    });
  }
  rows.sort((a, b) => a.at - b.at || a.entryId - b.entryId || a.lineNo - b.lineNo);
  return [header, ...rows.map((row) => row.cells)];
}

function typeRows(report: MonthlyBankReport, t: Translate): Cell[][] {
  const header = ([
    "waste-type", "unit", "deposited-quantity-base", "reversed-quantity-base", "net-quantity-base", "net-quantity",
    "deposited-value", "reversed-value", "net-value",
  ] satisfies ExportColumn[]).map((id) => columnHeader(id, t));
  return [
    header,
    ...report.byType.map((type) => [
      type.wasteType, unitText(type.unit, t), type.depositedQuantity, type.reversedQuantity, type.netQuantity, baseToUnitText(type.netQuantity),
      type.depositedValue, type.reversedValue, type.netValue,
    ]),
  ];
}

/** The two CSV files: every transaction, and the totals per waste type. */
export function toCsv(report: MonthlyBankReport, labels: ExportLabels): { transactions: ExportFile; byType: ExportFile } {
  const names = exportFileNames(report, labels);
  return {
    transactions: { filename: names.transactionsCsv, content: csvDocument(transactionRows(report, labels.t)) },
    byType: { filename: names.byTypeCsv, content: csvDocument(typeRows(report, labels.t)) },
  };
}

type Column = { key: ExportColumn; width: number; format?: string };

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(text: string, taken: Set<string>): string {
  let name = text.replace(/[[\]:*?/\\]+/g, " ").trim().slice(0, 31) || "Sheet";
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${name.slice(0, 28)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function addSheet(workbook: ExcelJS.Workbook, taken: Set<string>, nameKey: string, columns: Column[], rows: (Cell | Date)[][], t: Translate): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(sheetName(t(nameKey), taken), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ width: column.width }));
  const header = sheet.addRow(columns.map((column) => columnHeader(column.key, t)));
  header.font = { bold: true };
  for (const values of rows) {
    const row = sheet.addRow(values.map((value) => value ?? null));
    columns.forEach((column, index) => {
      if (column.format && values[index] !== null && values[index] !== undefined) row.getCell(index + 1).numFmt = column.format;
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/** The workbook: Ringkasan, Setoran, Penarikan, Koreksi, Per jenis; row 1 of each is its bold header. */
export async function toXlsx(report: MonthlyBankReport, labels: ExportLabels): Promise<Buffer> {
  const { t } = labels;
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = "Kampung BANTAR";
  workbook.created = report.generatedAt;
  workbook.modified = report.generatedAt;
  const taken = new Set<string>();
  const wib = { width: 18, format: WIB_FORMAT };
  const rupiah = (key: ExportColumn): Column => ({ key, width: 16, format: RUPIAH_FORMAT });
  const count = (key: ExportColumn): Column => ({ key, width: 12, format: COUNT_FORMAT });

  const { totals } = report;
  const summary: { key: SummaryItem; value: Cell | Date; format?: string }[] = [
    { key: "bank", value: report.bank.name },
    { key: "kelurahan", value: report.bank.kelurahanName },
    { key: "kecamatan", value: report.bank.kecamatanName },
    { key: "rts", value: report.bank.rtNumbers.map(pad2).join(", ") },
    { key: "period", value: periodLabel(report.month, labels.locale) },
    { key: "generated", value: wibCellDate(report.generatedAt), format: WIB_FORMAT },
    { key: "opening", value: report.openingBalance, format: RUPIAH_FORMAT },
    { key: "deposit-count", value: totals.depositCount, format: COUNT_FORMAT },
    { key: "deposits", value: totals.deposits, format: RUPIAH_FORMAT },
    { key: "withdrawal-count", value: totals.withdrawalCount, format: COUNT_FORMAT },
    { key: "withdrawals", value: totals.withdrawals, format: RUPIAH_FORMAT },
    { key: "reversal-count", value: totals.reversalCount, format: COUNT_FORMAT },
    { key: "reversals", value: totals.reversals, format: RUPIAH_FORMAT },
    { key: "net", value: totals.net, format: RUPIAH_FORMAT },
    { key: "closing", value: report.closingBalance, format: RUPIAH_FORMAT },
    { key: "note", value: t("bank-export-summary-note-text") },
  ];
  const summarySheet = addSheet(
    workbook, taken, "bank-export-sheet-summary",
    [{ key: "item", width: 44 }, { key: "figure", width: 60 }],
    summary.map((item) => [t(`bank-export-summary-${item.key}`), item.value]),
    t,
  );
  summary.forEach((item, index) => {
    if (item.format) summarySheet.getRow(index + 2).getCell(2).numFmt = item.format;
  });
  summarySheet.getColumn(2).alignment = { horizontal: "left", vertical: "top", wrapText: true };

  addSheet(
    workbook, taken, "bank-export-sheet-deposits",
    [
      { key: "time", ...wib }, count("entry"), { key: "resident", width: 26 }, { key: "member-code", width: 13 }, { key: "rt", width: 6 },
      { key: "waste-type", width: 22 }, count("quantity-base"), { key: "unit", width: 9 }, { key: "quantity", width: 14, format: KG_FORMAT },
      rupiah("price"), rupiah("value"), count("reversed-by"), { key: "officer", width: 22 },
    ],
    report.deposits.map((line) => [
      wibCellDate(line.occurredAt), line.entryId, residentName(line.resident, t), line.resident.memberCode, rtText(line.rtNumber),
      line.wasteType, line.quantity, unitText(line.unit, t), line.quantity / 1000, line.rupiahPerUnit, line.value, line.reversedByEntryId, officerName(line.recordedBy, t),
    ]),
    t,
  );

  addSheet(
    workbook, taken, "bank-export-sheet-withdrawals",
    [
      { key: "time", ...wib }, count("entry"), { key: "resident", width: 26 }, { key: "member-code", width: 13 }, { key: "rt", width: 6 },
      rupiah("amount"), count("reversed-by"), { key: "officer", width: 22 },
    ],
    report.withdrawals.map((row) => [
      wibCellDate(row.occurredAt), row.entryId, residentName(row.resident, t), row.resident.memberCode, rtText(row.rtNumber), row.amount, row.reversedByEntryId, officerName(row.recordedBy, t),
    ]),
    t,
  );

  addSheet(
    workbook, taken, "bank-export-sheet-reversals",
    [
      { key: "time", ...wib }, count("entry"), count("reverses"), { key: "reverses-kind", width: 14 }, { key: "reverses-time", ...wib },
      { key: "resident", width: 26 }, { key: "member-code", width: 13 }, { key: "rt", width: 6 }, rupiah("amount"), { key: "reason", width: 36 },
      { key: "officer", width: 22 },
    ],
    report.reversals.map((row) => [
      wibCellDate(row.occurredAt), row.entryId, row.reversesEntryId, t(`bank-export-kind-${row.reversesKind}`), wibCellDate(row.reversesOccurredAt),
      residentName(row.resident, t), row.resident.memberCode, rtText(row.rtNumber), row.amount, row.reason, officerName(row.recordedBy, t),
    ]),
    t,
  );

  const typeSheet = addSheet(
    workbook, taken, "bank-export-sheet-types",
    [
      { key: "waste-type", width: 24 }, { key: "unit", width: 9 }, count("deposited-quantity-base"), count("reversed-quantity-base"),
      count("net-quantity-base"), { key: "net-quantity", width: 14, format: KG_FORMAT }, rupiah("deposited-value"), rupiah("reversed-value"),
      rupiah("net-value"),
    ],
    report.byType.map((type) => [
      type.wasteType, unitText(type.unit, t), type.depositedQuantity, type.reversedQuantity, type.netQuantity, type.netQuantity / 1000,
      type.depositedValue, type.reversedValue, type.netValue,
    ]),
    t,
  );
  // Quantities of kg and liter types do not add up; their Rupiah do.
  const sum = (pick: (type: MonthlyBankReport["byType"][number]) => number) => report.byType.reduce((total, type) => total + pick(type), 0);
  const totalRow = typeSheet.addRow([t("bank-export-total"), null, null, null, null, null, sum((type) => type.depositedValue), sum((type) => type.reversedValue), sum((type) => type.netValue)]);
  totalRow.font = { bold: true };
  for (const column of [7, 8, 9]) totalRow.getCell(column).numFmt = RUPIAH_FORMAT;

  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as unknown as Uint8Array);
}

/** Shifted by WIB's offset: exported so tests and readers can turn a cell back into an instant. */
export function cellDateToInstant(cell: Date): Date {
  return new Date(cell.getTime() - WIB_OFFSET_MINUTES * 60_000);
}
