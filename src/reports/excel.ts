/**
 * exceljs, loaded at the first workbook: importing it takes about half a second, which every start
 * of the bot (and of the console) would pay for an export that may never be asked for.
 */
export async function loadExcel(): Promise<typeof import("exceljs")> {
  return (await import("exceljs")).default;
}
