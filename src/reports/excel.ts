import type ExcelJS from "exceljs";

/**
 * exceljs, loaded at the first workbook: importing it takes about half a second, which every start
 * of the bot (and of the console) would pay for an export that may never be asked for.
 */
export async function loadExcel(): Promise<typeof import("exceljs")> {
  return (await import("exceljs")).default;
}

/** Row 1 of a sheet: the column titles in bold, kept in view while scrolling; the columns' widths in characters. */
export function header(sheet: ExcelJS.Worksheet, values: string[], widths: number[]): void {
  sheet.columns = widths.map((width) => ({ width }));
  sheet.addRow(values).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}
