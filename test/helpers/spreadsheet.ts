import ExcelJS from "exceljs";

/**
 * Reads CSV the way RFC 4180 says (quoted fields, "" inside quotes, CRLF records), written here
 * independently of the exporter so a quoting mistake there cannot hide behind the same mistake.
 * Expects the BOM stripped and every record ended by CRLF.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      index += 1;
      continue;
    }
    if (char === '"' && field === "") quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index += 1;
    } else if (char === "\n" || char === "\r" || char === '"') {
      throw new Error(`bare ${JSON.stringify(char)} outside quotes at ${index}`);
    } else field += char;
    index += 1;
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (field !== "" || row.length > 0) throw new Error("last record not ended by CRLF");
  return rows;
}

/** CSV bytes as the exporter writes them: checks the UTF-8 BOM, then parses the rest. */
export function readCsv(bytes: Buffer): string[][] {
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error("CSV does not start with a UTF-8 BOM");
  return parseCsv(bytes.subarray(3).toString("utf8"));
}

export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; a Node Buffer is what it reads at run time.
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

export function sheetNames(workbook: ExcelJS.Workbook): string[] {
  return workbook.worksheets.map((sheet) => sheet.name);
}

export function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}; have ${sheetNames(workbook).join(", ")}`);
  return found;
}

/** A row's values from column 1, empty cells as null. */
export function rowValues(worksheet: ExcelJS.Worksheet, rowNumber: number): unknown[] {
  const row = worksheet.getRow(rowNumber);
  return Array.from({ length: worksheet.columnCount }, (_, index) => row.getCell(index + 1).value ?? null);
}

/** Column numbers by header text (row 1). */
export function headerIndex(worksheet: ExcelJS.Worksheet): Map<string, number> {
  const headers = new Map<string, number>();
  worksheet.getRow(1).eachCell((cell, column) => headers.set(String(cell.value), column));
  return headers;
}

/** The cell under a header in a given row. */
export function cellAt(worksheet: ExcelJS.Worksheet, rowNumber: number, header: string): ExcelJS.Cell {
  const column = headerIndex(worksheet).get(header);
  if (column === undefined) throw new Error(`no column "${header}" in sheet ${worksheet.name}`);
  return worksheet.getRow(rowNumber).getCell(column);
}

/** The WIB wall-clock time a date cell shows, as "YYYY-MM-DD HH:MM". */
export function shownDateTime(value: unknown): string {
  if (!(value instanceof Date)) throw new Error(`not a date cell: ${String(value)}`);
  return value.toISOString().slice(0, 16).replace("T", " ");
}
