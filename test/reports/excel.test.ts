import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { header, workbookBytes } from "../../src/reports/excel.js";
import { readWorkbook } from "../helpers/spreadsheet.js";

type Entry = { name: string; method: number; flags: number; crc: number; compressed: number; size: number; data: Buffer };

/** The entries of a zip as its central directory lists them, each read at its local header: written here, apart from the code under test. */
function zipEntries(zip: Buffer): Entry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let index = 0; index < count; index++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const method = zip.readUInt16LE(local + 8);
    const compressed = zip.readUInt32LE(local + 18);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + compressed);
    entries.push({
      name: zip.toString("utf8", at + 46, at + 46 + nameLength),
      method,
      flags: zip.readUInt16LE(local + 6),
      crc: zip.readUInt32LE(local + 14),
      compressed,
      size: zip.readUInt32LE(local + 22),
      data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw),
    });
    // The central directory agrees with the local header.
    expect([zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 16), zip.readUInt32LE(at + 20), zip.readUInt32LE(at + 24)]).toEqual([method, entries.at(-1)!.crc, compressed, entries.at(-1)!.size]);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function sampleWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  // A fixed date: the parts then differ in nothing but how they are compressed.
  workbook.created = workbook.modified = new Date("2026-12-07T00:00:00Z");
  const sheet = workbook.addWorksheet("Daftar RT");
  header(sheet, ["RT", "Kelurahan", "Partisipasi"], [8, 24, 12]);
  for (let index = 1; index <= 40; index++) {
    const row = sheet.addRow([`RT ${String(index).padStart(2, "0")}`, `Kelurahan ${index % 3}`, index / 40]);
    row.getCell(3).numFmt = "0%";
  }
  sheet.addRow(["", "Jumlah", 1]).font = { bold: true };
  workbook.addWorksheet("Kosong");
  return workbook;
}

describe("workbookBytes: exceljs' workbook, its cells' styles shared, deflated at jszip's fastest level", () => {
  it("holds exactly the parts exceljs writes, each deflated, with its CRC and sizes", async () => {
    const ours = zipEntries(await workbookBytes(sampleWorkbook()));
    const theirs = zipEntries(Buffer.from(await sampleWorkbook().xlsx.writeBuffer()));
    expect(ours.map((entry) => entry.name)).toEqual(theirs.map((entry) => entry.name));
    for (const [index, entry] of ours.entries()) {
      const their = theirs[index]!;
      expect(entry.data.equals(their.data), entry.name).toBe(true);
      expect([entry.crc, entry.size]).toEqual([their.crc, their.size]);
      expect(entry.flags & 0x0008).toBe(0);
      if (entry.size > 0) {
        expect(entry.method, entry.name).toBe(8);
        expect(entry.compressed).toBeLessThan(entry.size);
      }
    }
  });

  it("keeps every cell's style when cells come to share one style object", async () => {
    const workbook = await readWorkbook(await workbookBytes(sampleWorkbook()));
    const sheet = workbook.getWorksheet("Daftar RT")!;
    expect(sheet.getRow(1).getCell(2).font).toMatchObject({ bold: true });
    expect(sheet.getRow(2).getCell(3).numFmt).toBe("0%");
    expect(sheet.getRow(2).getCell(2).numFmt).toBeUndefined();
    expect(sheet.getRow(2).getCell(2).font?.bold).toBeFalsy();
    expect(sheet.getRow(42).getCell(2).font).toMatchObject({ bold: true });
    expect(sheet.getRow(42).getCell(3).numFmt).toBeUndefined();
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(2).width).toBe(24);
  });

  it("keeps a date a date and a number a number when they share a style", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Campur");
    sheet.addRow([1500, new Date("2026-12-07T00:00:00Z")]);
    sheet.addRow([new Date("2026-12-08T00:00:00Z"), 2500]);
    const read = (await readWorkbook(await workbookBytes(workbook))).getWorksheet("Campur")!;
    expect(read.getRow(1).getCell(1).value).toBe(1500);
    expect(read.getRow(1).getCell(2).value).toBeInstanceOf(Date);
    expect(read.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(read.getRow(2).getCell(2).value).toBe(2500);
  });
});
