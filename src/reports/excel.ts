import { constants, deflateRawSync } from "node:zlib";
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

/**
 * The workbook as XLSX bytes, written faster than exceljs' own `writeBuffer` (issue 18: a digest's
 * workbook was most of the weekly job's main-thread time), for the same file:
 * - exceljs gives each cell its own style object and turns every one into XML to find its style id;
 *   cells with equal styles are given one shared object first, which exceljs recognises (it keeps
 *   the ids by object). Done last, so no later change to one cell's style reaches the others.
 * - jszip deflates each part with pako, in JavaScript; the parts are stored uncompressed by jszip
 *   and deflated here by Node's zlib (native, its fastest level: the sheets are small and repetitive).
 */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        // Most cells have no style at all: no need to spell out their (empty) key.
        const key = isEmpty(cell.style) ? "{}" : JSON.stringify(cell.style);
        let style = shared.get(key);
        if (!style) shared.set(key, (style = cell.style));
        cell.style = style;
      });
    });
  });
  const stored = Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } }));
  return deflateZipEntries(stored);
}

function isEmpty(style: object): boolean {
  for (const _ in style) return false;
  return true;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const DEFLATE = 8;
/** General purpose flag bit 3: sizes and CRC follow the data instead of the local header. */
const DATA_DESCRIPTOR = 0x0008;

/**
 * A zip whose entries are stored (method 0), as jszip writes one, with each entry deflated: the
 * central directory is read for every entry's name, CRC, sizes and attributes, which carry over
 * unchanged (the CRC is of the uncompressed bytes), and the zip is written again with the sizes
 * in the local headers. Not a general zip reader: no zip64, no encryption, no archive comment.
 */
export function deflateZipEntries(stored: Buffer): Buffer {
  const end = stored.length - 22;
  if (end < 0 || stored.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY || stored.readUInt16LE(end + 20) !== 0) throw new Error("not a zip written by jszip (no plain end of central directory)");
  const count = stored.readUInt16LE(end + 10);
  let at = stored.readUInt32LE(end + 16);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (let index = 0; index < count; index++) {
    if (stored.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error("zip central directory entry expected");
    const nameLength = stored.readUInt16LE(at + 28);
    const extraLength = stored.readUInt16LE(at + 30);
    const commentLength = stored.readUInt16LE(at + 32);
    const central = Buffer.from(stored.subarray(at, at + 46 + nameLength + extraLength + commentLength));
    at += central.length;
    const method = central.readUInt16LE(10);
    const size = central.readUInt32LE(24);
    const localAt = central.readUInt32LE(42);
    if (stored.readUInt32LE(localAt) !== LOCAL_HEADER) throw new Error("zip local header expected");
    const dataAt = localAt + 30 + stored.readUInt16LE(localAt + 26) + stored.readUInt16LE(localAt + 28);
    if (method !== 0 && method !== DEFLATE) throw new Error(`zip entry with method ${method}`);
    // A directory, or anything stored empty, stays as it is.
    const data = method === 0 && size > 0 ? deflateRawSync(stored.subarray(dataAt, dataAt + size), { level: constants.Z_BEST_SPEED }) : stored.subarray(dataAt, dataAt + central.readUInt32LE(20));
    const newMethod = method === 0 && size > 0 ? DEFLATE : method;
    const flags = central.readUInt16LE(8) & ~DATA_DESCRIPTOR;
    const name = central.subarray(46, 46 + nameLength);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(central.readUInt16LE(6), 4); // version needed
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(newMethod, 8);
    central.copy(local, 10, 12, 16); // time, date
    local.writeUInt32LE(central.readUInt32LE(16), 14); // CRC-32
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameLength, 26);
    local.writeUInt16LE(0, 28);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(newMethod, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const tail = Buffer.alloc(22);
  tail.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  tail.writeUInt16LE(count, 8);
  tail.writeUInt16LE(count, 10);
  tail.writeUInt32LE(directory.length, 12);
  tail.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, tail]);
}
