import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import type { Database } from "../../src/db/client.js";
import type { MonthlyBankReport } from "../../src/domain/bank-sampah/report.js";
import { wibInstant } from "../../src/domain/schedule/wib.js";
import { baseToUnitText, csvField, exportFileNames, toCsv, toXlsx, type ExportLabels } from "../../src/reports/bank-sampah-export.js";
import { cellAt, readCsv, readWorkbook, rowValues, sheet, sheetNames, shownDateTime } from "../helpers/spreadsheet.js";

// The real locale files: headers and sheet names are what people will read.
const i18n = createI18n(undefined as unknown as Database);
const labelsIn = (locale: string): ExportLabels => ({ t: (key, vars) => i18n.t(locale, key, vars), locale });
const ID = labelsIn("id");

const at = (day: number, hour: number, minute: number) => wibInstant({ year: 2026, month: 11, day }, { hour, minute });
const INJECTION = '=HYPERLINK("http://contoh.invalid","klik")';

/** November 2026 at one bank, built by hand: the exporter's input, nothing from a database. */
function sampleReport(): MonthlyBankReport {
  const siti = { name: "Siti Aminah", memberCode: "W18" };
  const budi = { name: 'Budi "Bule", S.Pd', memberCode: "W26" };
  const evil = { name: INJECTION, memberCode: "W34" };
  const erased = { name: null, memberCode: null };
  const line = { rtNumber: 1, reversedByEntryId: null, recordedBy: "Pak Petugas" };
  return {
    bank: { id: 7, name: "Bank Sampah Melati", kelurahanName: "Simpang IV Sipin", kecamatanName: "Telanaipura", rtNumbers: [1, 3] },
    month: { year: 2026, month: 11 },
    from: at(1, 0, 0),
    to: wibInstant({ year: 2026, month: 12, day: 1 }, { hour: 0, minute: 0 }),
    generatedAt: wibInstant({ year: 2026, month: 12, day: 5 }, { hour: 10, minute: 0 }),
    openingBalance: 3600,
    closingBalance: 14350,
    deposits: [
      { ...line, entryId: 11, occurredAt: at(3, 10, 0), resident: siti, lineNo: 1, wasteTypeId: 3, wasteType: "Kardus", quantity: 2500, unit: "kg", rupiahPerUnit: 1800, value: 4500 },
      { ...line, entryId: 11, occurredAt: at(3, 10, 0), resident: siti, lineNo: 2, wasteTypeId: 1, wasteType: "Plastik PET (botol)", quantity: 750, unit: "kg", rupiahPerUnit: 3000, value: 2250 },
      { ...line, entryId: 12, occurredAt: at(10, 9, 0), resident: evil, lineNo: 1, wasteTypeId: 8, wasteType: "Minyak jelantah", quantity: 1200, unit: "liter", rupiahPerUnit: 5000, value: 6000 },
      { ...line, entryId: 13, occurredAt: at(12, 8, 0), resident: budi, lineNo: 1, wasteTypeId: 3, wasteType: "Kardus", quantity: 1000, unit: "kg", rupiahPerUnit: 1800, value: 1800, reversedByEntryId: 14 },
      { ...line, entryId: 16, occurredAt: at(30, 23, 30), resident: erased, rtNumber: null, lineNo: 1, wasteTypeId: 1, wasteType: "Plastik PET (botol)", quantity: 1000, unit: "kg", rupiahPerUnit: 3000, value: 3000, recordedBy: null },
    ],
    withdrawals: [{ entryId: 15, occurredAt: at(20, 16, 5), resident: siti, rtNumber: 1, amount: 5000, reversedByEntryId: null, recordedBy: "Pak Petugas" }],
    reversals: [
      {
        entryId: 14, occurredAt: at(12, 8, 30), reversesEntryId: 13, reversesLineNo: null, reversesKind: "deposit", reversesOccurredAt: at(12, 8, 0), resident: budi, rtNumber: 1,
        amount: -1800, reason: "-salah timbang,\nulang", recordedBy: "Pak Petugas",
      },
    ],
    byType: [
      { wasteTypeId: 1, wasteType: "Plastik PET (botol)", unit: "kg", depositedQuantity: 1750, depositedValue: 5250, reversedQuantity: 0, reversedValue: 0, netQuantity: 1750, netValue: 5250 },
      { wasteTypeId: 3, wasteType: "Kardus", unit: "kg", depositedQuantity: 3500, depositedValue: 6300, reversedQuantity: 1000, reversedValue: 1800, netQuantity: 2500, netValue: 4500 },
      { wasteTypeId: 8, wasteType: "Minyak jelantah", unit: "liter", depositedQuantity: 1200, depositedValue: 6000, reversedQuantity: 0, reversedValue: 0, netQuantity: 1200, netValue: 6000 },
    ],
    totals: { depositCount: 4, deposits: 17550, withdrawalCount: 1, withdrawals: 5000, reversalCount: 1, reversals: -1800, net: 10750 },
  };
}

function emptyReport(): MonthlyBankReport {
  const report = sampleReport();
  return {
    ...report,
    openingBalance: 0,
    closingBalance: 0,
    deposits: [],
    withdrawals: [],
    reversals: [],
    byType: [],
    totals: { depositCount: 0, deposits: 0, withdrawalCount: 0, withdrawals: 0, reversalCount: 0, reversals: 0, net: 0 },
  };
}

describe("CSV fields", () => {
  it("quotes what RFC 4180 says must be quoted, doubling quotes", () => {
    expect(csvField("Siti")).toBe("Siti");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('Budi "Bule"')).toBe('"Budi ""Bule"""');
    expect(csvField("baris\nbaru")).toBe('"baris\nbaru"');
    expect(csvField("cr\rlf")).toBe('"cr\rlf"');
    expect(csvField(null)).toBe("");
    expect(csvField(-5000)).toBe("-5000");
    expect(csvField(0)).toBe("0");
  });

  it("keeps text that starts like a formula as text (a ' in front), but not numbers", () => {
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+62 812 0000")).toBe("'+62 812 0000");
    expect(csvField("-salah")).toBe("'-salah");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tTAB")).toBe("'\tTAB");
    expect(csvField("\rCR")).toBe("\"'\rCR\"");
    expect(csvField('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
    expect(csvField("Rina = Rini")).toBe("Rina = Rini");
  });

  it("writes grams and millilitres as exact kg and liters", () => {
    expect(baseToUnitText(2500)).toBe("2.5");
    expect(baseToUnitText(750)).toBe("0.75");
    expect(baseToUnitText(1000)).toBe("1");
    expect(baseToUnitText(1)).toBe("0.001");
    expect(baseToUnitText(-1200)).toBe("-1.2");
    expect(baseToUnitText(0)).toBe("0");
  });
});

describe("toCsv", () => {
  it("writes every transaction in time order, one row per deposit line, UTF-8 with a BOM and CRLF", () => {
    const { transactions } = toCsv(sampleReport(), ID);
    expect([...transactions.content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = transactions.content.subarray(3).toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = readCsv(transactions.content);
    expect(rows[0]).toEqual([
      "Jenis transaksi", "Tanggal (WIB)", "Jam (WIB)", "No. entri", "Nasabah", "Kode anggota", "RT", "Jenis sampah", "Berat/volume (gram/ml)",
      "Satuan harga", "Berat/volume (kg/liter)", "Harga per satuan (Rp)", "Nilai (Rp)", "Membatalkan entri", "Dibatalkan oleh entri", "Alasan", "Petugas",
    ]);
    expect(rows.slice(1).map((row) => [row[0], row[3]])).toEqual([
      ["Setoran", "11"], ["Setoran", "11"], ["Setoran", "12"], ["Setoran", "13"], ["Koreksi", "14"], ["Penarikan", "15"], ["Setoran", "16"],
    ]);
    expect(rows[1]).toEqual(["Setoran", "2026-11-03", "10:00", "11", "Siti Aminah", "W18", "01", "Kardus", "2500", "kg", "2.5", "1800", "4500", "", "", "", "Pak Petugas"]);
    // The last minute of the month, in WIB.
    expect(rows[7]!.slice(0, 7)).toEqual(["Setoran", "2026-11-30", "23:30", "16", "Warga (data dihapus)", "", ""]);
    expect(rows[7]![16]).toBe("Warga (data dihapus)");
    // Signed like the ledger: a withdrawal takes, a reversal of a deposit takes.
    expect(rows[6]![12]).toBe("-5000");
    expect(rows[5]!.slice(12, 16)).toEqual(["-1800", "13", "", "'-salah timbang,\nulang"]);
    expect(rows[4]![14]).toBe("14");
  });

  it("never lets a name or reason become a formula, and quotes commas and quotes", () => {
    const { transactions } = toCsv(sampleReport(), ID);
    const rows = readCsv(transactions.content);
    expect(rows[3]![4]).toBe(`'${INJECTION}`);
    expect(rows[4]![4]).toBe('Budi "Bule", S.Pd');
    const raw = transactions.content.toString("utf8");
    expect(raw).toContain('"Budi ""Bule"", S.Pd"');
    expect(raw).toContain('"\'=HYPERLINK(""http://contoh.invalid"",""klik"")"');
    // No field anywhere starts with a formula character.
    for (const row of rows) for (const field of row) expect(field, field).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
  });

  it("writes the totals per waste type, net of reversed deposits", () => {
    const rows = readCsv(toCsv(sampleReport(), ID).byType.content);
    expect(rows).toEqual([
      ["Jenis sampah", "Satuan harga", "Disetor (gram/ml)", "Dibatalkan (gram/ml)", "Bersih (gram/ml)", "Bersih (kg/liter)", "Nilai disetor (Rp)", "Nilai dibatalkan (Rp)", "Nilai bersih (Rp)"],
      ["Plastik PET (botol)", "kg", "1750", "0", "1750", "1.75", "5250", "0", "5250"],
      ["Kardus", "kg", "3500", "1000", "2500", "2.5", "6300", "1800", "4500"],
      ["Minyak jelantah", "liter", "1200", "0", "1200", "1.2", "6000", "0", "6000"],
    ]);
  });

  it("still writes the headers for an empty month", () => {
    const csv = toCsv(emptyReport(), ID);
    expect(readCsv(csv.transactions.content)).toHaveLength(1);
    expect(readCsv(csv.byType.content)).toEqual([expect.arrayContaining(["Jenis sampah", "Nilai bersih (Rp)"])]);
  });

  it("names the files after the bank and the month, safe for any system", () => {
    expect(exportFileNames(sampleReport(), ID)).toEqual({
      xlsx: "bank-sampah-melati-2026-11.xlsx",
      transactionsCsv: "bank-sampah-melati-2026-11-transaksi.csv",
      byTypeCsv: "bank-sampah-melati-2026-11-per-jenis.csv",
    });
    const odd = { ...sampleReport(), bank: { ...sampleReport().bank, name: 'Bank "Ceria" / RT 03\nJambi' } };
    expect(exportFileNames(odd, ID).xlsx).toBe("bank-sampah-bank-ceria-rt-03-jambi-2026-11.xlsx");
    const unspellable = { ...sampleReport(), bank: { ...sampleReport().bank, name: "♻️♻️" } };
    expect(exportFileNames(unspellable, ID).xlsx).toBe("bank-sampah-7-2026-11.xlsx");
  });
});

describe("toXlsx", () => {
  it("has the five sheets, Indonesian first, each with a bold header row", async () => {
    const workbook = await readWorkbook(await toXlsx(sampleReport(), ID));
    expect(sheetNames(workbook)).toEqual(["Ringkasan", "Setoran", "Penarikan", "Koreksi", "Per jenis"]);
    for (const worksheet of workbook.worksheets) {
      expect(worksheet.getRow(1).getCell(1).font?.bold, worksheet.name).toBe(true);
    }
    const english = await readWorkbook(await toXlsx(sampleReport(), labelsIn("en")));
    expect(sheetNames(english)).toEqual(["Summary", "Deposits", "Withdrawals", "Corrections", "Per type"]);
    expect(sheet(english, "Deposits").getRow(1).getCell(3).value).toBe("Resident");
  });

  it("stores money and quantities as numbers with the Rupiah format, and times as WIB dates", async () => {
    const workbook = await readWorkbook(await toXlsx(sampleReport(), ID));
    const deposits = sheet(workbook, "Setoran");
    expect(deposits.rowCount).toBe(6);
    expect(rowValues(deposits, 1)).toEqual([
      "Waktu (WIB)", "No. entri", "Nasabah", "Kode anggota", "RT", "Jenis sampah", "Berat/volume (gram/ml)", "Satuan harga", "Berat/volume (kg/liter)",
      "Harga per satuan (Rp)", "Nilai (Rp)", "Dibatalkan oleh entri", "Petugas",
    ]);
    const value = cellAt(deposits, 2, "Nilai (Rp)");
    expect(value.type).toBe(ExcelJS.ValueType.Number);
    expect(value.value).toBe(4500);
    expect(value.numFmt).toBe("#,##0");
    expect(cellAt(deposits, 2, "Berat/volume (gram/ml)").value).toBe(2500);
    expect(cellAt(deposits, 2, "Berat/volume (kg/liter)").value).toBe(2.5);
    expect(cellAt(deposits, 2, "Harga per satuan (Rp)").value).toBe(1800);
    expect(cellAt(deposits, 2, "RT").value).toBe("01");
    const time = cellAt(deposits, 6, "Waktu (WIB)");
    expect(time.type).toBe(ExcelJS.ValueType.Date);
    expect(shownDateTime(time.value)).toBe("2026-11-30 23:30");
    expect(cellAt(deposits, 6, "Nasabah").value).toBe("Warga (data dihapus)");
    expect(cellAt(deposits, 6, "Kode anggota").value).toBeNull();
    expect(cellAt(deposits, 5, "Dibatalkan oleh entri").value).toBe(14);

    const withdrawals = sheet(workbook, "Penarikan");
    expect(rowValues(withdrawals, 2)).toEqual([new Date(Date.UTC(2026, 10, 20, 16, 5)), 15, "Siti Aminah", "W18", "01", 5000, null, "Pak Petugas"]);

    const reversals = sheet(workbook, "Koreksi");
    expect(cellAt(reversals, 2, "Membatalkan entri").value).toBe(13);
    expect(cellAt(reversals, 2, "Jenis entri yang dibatalkan").value).toBe("Setoran");
    expect(cellAt(reversals, 2, "Jumlah (Rp)").value).toBe(-1800);
    expect(cellAt(reversals, 2, "Alasan").value).toBe("-salah timbang,\nulang");
  });

  it("writes a name that looks like a formula as a plain string cell", async () => {
    const workbook = await readWorkbook(await toXlsx(sampleReport(), ID));
    const cell = cellAt(sheet(workbook, "Setoran"), 4, "Nasabah");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(INJECTION);
    expect(cell.formula).toBeUndefined();
    const reason = cellAt(sheet(workbook, "Koreksi"), 2, "Alasan");
    expect(reason.type).toBe(ExcelJS.ValueType.String);
    // No cell of any sheet is a formula.
    for (const worksheet of workbook.worksheets) {
      worksheet.eachRow((row) => row.eachCell((each) => expect(each.type, `${worksheet.name}!${each.address}`).not.toBe(ExcelJS.ValueType.Formula)));
    }
  });

  it("sums the month in Ringkasan and the waste types in Per jenis", async () => {
    const workbook = await readWorkbook(await toXlsx(sampleReport(), ID));
    const summary = sheet(workbook, "Ringkasan");
    const figures = new Map<string, unknown>();
    summary.eachRow((row, rowNumber) => {
      if (rowNumber > 1) figures.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    expect(figures.get("Bank sampah")).toBe("Bank Sampah Melati");
    expect(figures.get("RT yang dilayani")).toBe("01, 03");
    expect(figures.get("Periode")).toBe("November 2026");
    expect(shownDateTime(figures.get("Dibuat pada (WIB)"))).toBe("2026-12-05 10:00");
    expect(figures.get("Nilai setoran (Rp)")).toBe(17550);
    expect(figures.get("Jumlah transaksi setoran")).toBe(4);
    expect(figures.get("Nilai penarikan (Rp)")).toBe(5000);
    expect(figures.get("Nilai koreksi (Rp)")).toBe(-1800);
    expect(figures.get("Perubahan saldo bersih (Rp)")).toBe(10750);
    expect(figures.get("Saldo seluruh nasabah awal bulan (Rp)")).toBe(3600);
    expect(figures.get("Saldo seluruh nasabah akhir bulan (Rp)")).toBe(14350);
    expect(summary.getRow(10).getCell(2).numFmt).toBe("#,##0");

    const types = sheet(workbook, "Per jenis");
    expect(types.rowCount).toBe(5);
    expect(rowValues(types, 3)).toEqual(["Kardus", "kg", 3500, 1000, 2500, 2.5, 6300, 1800, 4500]);
    expect(rowValues(types, 5)).toEqual(["Jumlah", null, null, null, null, null, 17550, 1800, 15750]);
    expect(types.getRow(5).font?.bold).toBe(true);
    expect(types.getRow(5).getCell(9).numFmt).toBe("#,##0");
  });

  it("exports an empty month with headers only", async () => {
    const workbook = await readWorkbook(await toXlsx(emptyReport(), ID));
    for (const name of ["Setoran", "Penarikan", "Koreksi"]) {
      expect(sheet(workbook, name).rowCount, name).toBe(1);
      expect(sheet(workbook, name).getRow(1).getCell(1).value, name).toBe("Waktu (WIB)");
    }
    expect(rowValues(sheet(workbook, "Per jenis"), 2)).toEqual(["Jumlah", null, null, null, null, null, 0, 0, 0]);
  });
});
