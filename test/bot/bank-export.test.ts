import ExcelJS from "exceljs";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { appointOfficer, createWasteBank, listWasteTypes } from "../../src/domain/bank-sampah/banks.js";
import { recordDeposit, recordWithdrawal, reverseEntry } from "../../src/domain/bank-sampah/ledger.js";
import { loadActor, type Actor } from "../../src/domain/people/actor.js";
import { bankExport, bankExportMonth } from "../../src/messages/buttons/bank-sampah.js";
import { memberCode } from "../../src/domain/people/member-code.js";
import { erasePerson } from "../../src/domain/people/person.js";
import { wibInstant, type LocalDate } from "../../src/domain/schedule/wib.js";
import { sentDocuments } from "../helpers/fake-telegram.js";
import {
  addAdmin,
  addKetua,
  addKoordinator,
  addMember,
  addRt,
  KECAMATAN_TELANAIPURA,
  KELURAHAN_BULURAN_KENALI,
  KELURAHAN_PAYO_SELINCAH,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
  snapshotState,
} from "../helpers/fixtures.js";
import { cellAt, readCsv, readWorkbook, rowValues, sheet, sheetNames, shownDateTime } from "../helpers/spreadsheet.js";
import { callbackAnswerTo, pressData, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Friday 4 December 2026, 10:00 WIB: the months offered are Desember back to September.
const { database, harness } = withTestBot({ now: wib({ year: 2026, month: 12, day: 4 }, 10, 0) });

function wib(date: LocalDate, hour: number, minute: number): Date {
  return wibInstant(date, { hour, minute });
}
const nov = (day: number, hour: number, minute: number) => wib({ year: 2026, month: 11, day }, hour, minute);
const dec = (day: number, hour: number, minute: number) => wib({ year: 2026, month: 12, day }, hour, minute);

const INJECTION = '=HYPERLINK("http://contoh.invalid","klik")';
const ROLE_REFUSAL = "Maaf, perintah ini hanya untuk petugas bank sampah, ketua RT, koordinator, dan admin kota.";
const NOT_ALLOWED = "Maaf, Anda tidak berwenang melakukan ini.";

type Scenario = {
  bankId: number;
  kelurahanName: string;
  officer: TestUser;
  ketua: TestUser;
  siti: { user: TestUser; personId: number };
  budi: { user: TestUser; personId: number };
  rina: { user: TestUser; personId: number };
  entries: Record<"d0" | "d1" | "d2" | "d3" | "r1" | "w1" | "d4" | "d5" | "r2", number>;
  types: { kardus: number; pet: number; minyak: number };
};

async function actorOf(user: TestUser): Promise<Actor> {
  return loadActor(database.db, user.id, []);
}

/**
 * One bank (RT 01 and RT 02 of a Telanaipura kelurahan) with a ledger across October, November
 * and December 2026, recorded through the domain as the bank-sampah flows would:
 * - Oct 15: d0 Siti 2 kg kardus (3.600): the opening balance of November;
 * - Nov 3: d1 Siti 2,5 kg kardus + 750 g PET (4.500 + 2.250);
 * - Nov 10: d2 "=HYPERLINK…" 1,2 liter minyak jelantah (6.000), reversed on Dec 2 (r2);
 * - Nov 12: d3 Siti 1 kg kardus (1.800), reversed the same day (r1, "-salah timbang");
 * - Nov 20: w1 Siti withdraws 5.000;
 * - Nov 30 23:30 WIB: d4 Rina 1 kg PET (3.000): still November; Rina erases her data on Dec 3;
 * - Dec 1 00:30 WIB: d5 Siti 1 kg kardus (1.800): already December.
 */
async function scenario(): Promise<Scenario> {
  const db = database.db;
  const rt1 = await addRt(db, 1);
  const rt2 = await addRt(db, 2);
  const ketua = newUser("Pak Ketua");
  await addKetua(db, ketua, rt1.id);
  // A bank serving two RTs is opened by their koordinator.
  const founder = newUser("Koordinator Kelurahan");
  await addKoordinator(db, founder, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  const bank = await createWasteBank(db, await actorOf(founder), { name: "Bank Sampah Melati", rtIds: [rt1.id, rt2.id] }, wib({ year: 2026, month: 10, day: 1 }, 8, 0));
  const officer = newUser("Bu Petugas");
  const officerPerson = await addMember(db, officer, rt1.id, "Rumah 9");
  await appointOfficer(db, await actorOf(ketua), { wasteBankId: bank.id, personId: officerPerson.personId }, wib({ year: 2026, month: 10, day: 1 }, 9, 0));
  const clerk = await actorOf(officer);

  const siti = newUser("Siti Aminah");
  const budi = newUser(INJECTION);
  const rina = newUser("Rina");
  const people = {
    siti: { user: siti, personId: (await addMember(db, siti, rt1.id, "Rumah 1")).personId },
    budi: { user: budi, personId: (await addMember(db, budi, rt2.id, "Rumah 2")).personId },
    rina: { user: rina, personId: (await addMember(db, rina, rt2.id, "Rumah 3")).personId },
  };
  const all = await listWasteTypes(db, bank.id, nov(1, 0, 0));
  const typeId = (name: string) => all.find((type) => type.name === name)!.id;
  const types = { kardus: typeId("Kardus"), pet: typeId("Plastik PET (botol)"), minyak: typeId("Minyak jelantah") };

  let key = 0;
  const deposit = async (personId: number, lines: { wasteTypeId: number; quantity: number }[], at: Date) =>
    (await recordDeposit(db, clerk, { wasteBankId: bank.id, personId, lines, requestKey: `test-${key++}` }, at)).entryId;
  const d0 = await deposit(people.siti.personId, [{ wasteTypeId: types.kardus, quantity: 2000 }], wib({ year: 2026, month: 10, day: 15 }, 9, 0));
  const d1 = await deposit(people.siti.personId, [{ wasteTypeId: types.kardus, quantity: 2500 }, { wasteTypeId: types.pet, quantity: 750 }], nov(3, 10, 0));
  const d2 = await deposit(people.budi.personId, [{ wasteTypeId: types.minyak, quantity: 1200 }], nov(10, 9, 0));
  const d3 = await deposit(people.siti.personId, [{ wasteTypeId: types.kardus, quantity: 1000 }], nov(12, 8, 0));
  const r1 = (await reverseEntry(db, clerk, { entryId: d3, reason: "-salah timbang", requestKey: `test-${key++}` }, nov(12, 8, 30))).entryId;
  const w1 = (await recordWithdrawal(db, clerk, { wasteBankId: bank.id, personId: people.siti.personId, amount: 5000, requestKey: `test-${key++}` }, nov(20, 16, 5))).entryId;
  const d4 = await deposit(people.rina.personId, [{ wasteTypeId: types.pet, quantity: 1000 }], nov(30, 23, 30));
  const d5 = await deposit(people.siti.personId, [{ wasteTypeId: types.kardus, quantity: 1000 }], dec(1, 0, 30));
  const r2 = (await reverseEntry(db, clerk, { entryId: d2, reason: "salah jenis", requestKey: `test-${key++}` }, dec(2, 11, 0))).entryId;
  await erasePerson(db, people.rina.personId, dec(3, 7, 0));

  return { bankId: bank.id, kelurahanName: bank.kelurahanName, officer, ketua, ...people, entries: { d0, d1, d2, d3, r1, w1, d4, d5, r2 }, types };
}

/** /eksporbank, then the month button whose label contains `month`; returns the press. */
async function exportMonth(user: TestUser, month: string): Promise<Update> {
  await harness.send(user, "/eksporbank");
  return harness.press(user, month);
}

type Files = { xlsx: ExcelJS.Workbook; transactions: string[][]; byType: string[][]; names: string[]; caption: string };

/** The three files of the latest export to a chat, opened. */
async function latestExport(user: TestUser): Promise<Files> {
  const documents = sentDocuments(harness.telegram, user.id).slice(-3);
  expect(documents).toHaveLength(3);
  const [xlsx, transactions, byType] = documents as [(typeof documents)[number], (typeof documents)[number], (typeof documents)[number]];
  return {
    xlsx: await readWorkbook(xlsx.bytes),
    transactions: readCsv(transactions.bytes),
    byType: readCsv(byType.bytes),
    names: documents.map((document) => document.filename),
    caption: xlsx.caption ?? "",
  };
}

describe("/eksporbank for the bank's officer", () => {
  it("exports November: every deposit line, the withdrawal, the reversal and the totals, in WIB", async () => {
    const s = await scenario();
    await harness.send(s.officer, "/eksporbank");
    expect(harness.lastText(s.officer)).toBe(`Laporan Bank Sampah Melati (Kelurahan ${s.kelurahanName}). Pilih bulan:`);
    expect(harness.buttons(s.officer)).toEqual(["Bulan ini (Desember 2026)", "Bulan lalu (November 2026)", "Oktober 2026", "September 2026"]);
    await harness.press(s.officer, "November 2026");

    const files = await latestExport(s.officer);
    expect(files.names).toEqual(["bank-sampah-melati-2026-11.xlsx", "bank-sampah-melati-2026-11-transaksi.csv", "bank-sampah-melati-2026-11-per-jenis.csv"]);
    expect(files.caption).toBe(
      [
        "📊 Bank Sampah Melati — November 2026",
        "Setoran: 4 transaksi, Rp 17.550",
        "Penarikan: 1 transaksi, Rp 5.000",
        "Koreksi: 1 entri, -Rp 1.800",
        "Perubahan saldo bersih: Rp 10.750",
        "Saldo seluruh nasabah akhir bulan: Rp 14.350",
      ].join("\n"),
    );

    // The workbook.
    expect(sheetNames(files.xlsx)).toEqual(["Ringkasan", "Setoran", "Penarikan", "Koreksi", "Per jenis"]);
    const deposits = sheet(files.xlsx, "Setoran");
    expect(deposits.rowCount).toBe(6); // header + d1 (two lines) + d2 + d3 + d4
    expect([2, 3, 4, 5, 6].map((row) => cellAt(deposits, row, "No. entri").value)).toEqual([s.entries.d1, s.entries.d1, s.entries.d2, s.entries.d3, s.entries.d4]);
    expect(rowValues(deposits, 2)).toEqual([
      new Date(Date.UTC(2026, 10, 3, 10, 0)), s.entries.d1, "Siti Aminah", memberCode(s.siti.personId), "01", "Kardus", 2500, "kg", 2.5, 1800, 4500, null, "Bu Petugas",
    ]);
    expect(cellAt(deposits, 3, "Nilai (Rp)").value).toBe(2250);
    expect(cellAt(deposits, 3, "Nilai (Rp)").numFmt).toBe("#,##0");
    expect(cellAt(deposits, 3, "Nilai (Rp)").type).toBe(ExcelJS.ValueType.Number);
    // The name that looks like a formula is a string, and RT 02 is where Budi lives.
    const evil = cellAt(deposits, 4, "Nasabah");
    expect(evil.type).toBe(ExcelJS.ValueType.String);
    expect(evil.value).toBe(INJECTION);
    expect(cellAt(deposits, 4, "RT").value).toBe("02");
    expect(cellAt(deposits, 4, "Satuan harga").value).toBe("liter");
    expect(cellAt(deposits, 4, "Berat/volume (gram/ml)").value).toBe(1200);
    // d2 was reversed in December: November's report does not change for it.
    expect(cellAt(deposits, 4, "Dibatalkan oleh entri").value).toBeNull();
    expect(cellAt(deposits, 5, "Dibatalkan oleh entri").value).toBe(s.entries.r1);
    // 23:30 WIB on the 30th belongs to November; the resident has since erased her data.
    expect(shownDateTime(cellAt(deposits, 6, "Waktu (WIB)").value)).toBe("2026-11-30 23:30");
    expect(cellAt(deposits, 6, "Nasabah").value).toBe("Warga (data dihapus)");
    expect(cellAt(deposits, 6, "Kode anggota").value).toBeNull();

    const withdrawals = sheet(files.xlsx, "Penarikan");
    expect(withdrawals.rowCount).toBe(2);
    expect(rowValues(withdrawals, 2)).toEqual([new Date(Date.UTC(2026, 10, 20, 16, 5)), s.entries.w1, "Siti Aminah", memberCode(s.siti.personId), "01", 5000, null, "Bu Petugas"]);

    const reversals = sheet(files.xlsx, "Koreksi");
    expect(reversals.rowCount).toBe(2);
    expect(cellAt(reversals, 2, "No. entri").value).toBe(s.entries.r1);
    expect(cellAt(reversals, 2, "Membatalkan entri").value).toBe(s.entries.d3);
    expect(cellAt(reversals, 2, "Jumlah (Rp)").value).toBe(-1800);
    expect(cellAt(reversals, 2, "Alasan").value).toBe("-salah timbang");
    expect(cellAt(reversals, 2, "Alasan").type).toBe(ExcelJS.ValueType.String);

    const types = sheet(files.xlsx, "Per jenis");
    expect([2, 3, 4, 5].map((row) => rowValues(types, row))).toEqual([
      ["Plastik PET (botol)", "kg", 1750, 0, 1750, 1.75, 5250, 0, 5250],
      ["Kardus", "kg", 3500, 1000, 2500, 2.5, 6300, 1800, 4500],
      ["Minyak jelantah", "liter", 1200, 0, 1200, 1.2, 6000, 0, 6000],
      ["Jumlah", null, null, null, null, null, 17550, 1800, 15750],
    ]);

    const summary = sheet(files.xlsx, "Ringkasan");
    const figure = (label: string) => {
      let found: unknown;
      summary.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2).value;
      });
      return found;
    };
    expect(figure("Saldo seluruh nasabah awal bulan (Rp)")).toBe(3600);
    expect(figure("Nilai setoran (Rp)")).toBe(17550);
    expect(figure("Nilai penarikan (Rp)")).toBe(5000);
    expect(figure("Nilai koreksi (Rp)")).toBe(-1800);
    expect(figure("Perubahan saldo bersih (Rp)")).toBe(10750);
    expect(figure("Saldo seluruh nasabah akhir bulan (Rp)")).toBe(14350);
    expect(figure("RT yang dilayani")).toBe("01, 02");

    // The transactions CSV: the same month, in time order, with the 00:30 deposit of 1 December left out.
    const [header, ...rows] = files.transactions;
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => [row[column("Jenis transaksi")], row[column("No. entri")]])).toEqual([
      ["Setoran", String(s.entries.d1)],
      ["Setoran", String(s.entries.d1)],
      ["Setoran", String(s.entries.d2)],
      ["Setoran", String(s.entries.d3)],
      ["Koreksi", String(s.entries.r1)],
      ["Penarikan", String(s.entries.w1)],
      ["Setoran", String(s.entries.d4)],
    ]);
    expect(rows.some((row) => row[column("No. entri")] === String(s.entries.d5))).toBe(false);
    const last = rows.at(-1)!;
    expect([last[column("Tanggal (WIB)")], last[column("Jam (WIB)")], last[column("Nasabah")], last[column("Kode anggota")]]).toEqual(["2026-11-30", "23:30", "Warga (data dihapus)", ""]);
    expect(rows[2]![column("Nasabah")]).toBe(`'${INJECTION}`);
    expect(rows[4]![column("Alasan")]).toBe("'-salah timbang");
    expect(rows[4]![column("Nilai (Rp)")]).toBe("-1800");
    expect(rows[5]![column("Nilai (Rp)")]).toBe("-5000");
    expect(rows.reduce((sum, row) => sum + Number(row[column("Nilai (Rp)")]), 0)).toBe(10750);

    expect(files.byType.slice(1)).toEqual([
      ["Plastik PET (botol)", "kg", "1750", "0", "1750", "1.75", "5250", "0", "5250"],
      ["Kardus", "kg", "3500", "1000", "2500", "2.5", "6300", "1800", "4500"],
      ["Minyak jelantah", "liter", "1200", "0", "1200", "1.2", "6000", "0", "6000"],
    ]);
  });

  it("puts the 00:30 deposit of the 1st in December, with November's deposit reversed there", async () => {
    const s = await scenario();
    await exportMonth(s.officer, "Desember 2026");
    const files = await latestExport(s.officer);
    expect(files.names[0]).toBe("bank-sampah-melati-2026-12.xlsx");
    const deposits = sheet(files.xlsx, "Setoran");
    expect(deposits.rowCount).toBe(2);
    expect(cellAt(deposits, 2, "No. entri").value).toBe(s.entries.d5);
    expect(shownDateTime(cellAt(deposits, 2, "Waktu (WIB)").value)).toBe("2026-12-01 00:30");
    const reversals = sheet(files.xlsx, "Koreksi");
    expect(rowValues(reversals, 2).slice(1, 5)).toEqual([s.entries.r2, s.entries.d2, "Setoran", new Date(Date.UTC(2026, 10, 10, 9, 0))]);
    // The reversed November oil counts against December's oil: reversals count when recorded.
    expect(rowValues(sheet(files.xlsx, "Per jenis"), 3)).toEqual(["Minyak jelantah", "liter", 0, 1200, -1200, -1.2, 0, 6000, -6000]);
    expect(files.caption).toContain("Perubahan saldo bersih: -Rp 4.200");
    expect(files.caption).toContain("Saldo seluruh nasabah akhir bulan: Rp 10.150");
  });

  it("still exports an empty month, with headers, and says it is empty", async () => {
    const s = await scenario();
    await exportMonth(s.officer, "September 2026");
    const files = await latestExport(s.officer);
    expect(files.caption).toContain("Tidak ada transaksi pada bulan ini");
    expect(files.caption).toContain("Saldo seluruh nasabah akhir bulan: Rp 0");
    for (const name of ["Setoran", "Penarikan", "Koreksi"]) expect(sheet(files.xlsx, name).rowCount, name).toBe(1);
    expect(cellAt(sheet(files.xlsx, "Setoran"), 1, "Nasabah").value).toBe("Nasabah");
    expect(files.transactions).toHaveLength(1);
    expect(files.transactions[0]).toContain("Nasabah");
    expect(files.byType).toHaveLength(1);
  });

  it("changes nothing in the database but the outbox, however often the month is pressed; a redelivered press or a double tap sends once", async () => {
    const s = await scenario();
    await harness.send(s.officer, "/eksporbank");
    const [picker] = shownMessages(harness.telegram, s.officer.id).slice(-1);
    const before = await snapshotState(database.db);
    const press = await pressOn(harness, s.officer, picker!, "November 2026");
    expect(sentDocuments(harness.telegram, s.officer.id)).toHaveLength(3);
    // Telegram delivering the same update again: handled once.
    await harness.deliver(press);
    expect(sentDocuments(harness.telegram, s.officer.id)).toHaveLength(3);
    // A second tap on the same button (a double tap) is the same request: nothing more is sent.
    await pressOn(harness, s.officer, picker!, "November 2026");
    expect(sentDocuments(harness.telegram, s.officer.id)).toHaveLength(3);
    // Asked again from a new picker: a fresh export of the same figures.
    await harness.send(s.officer, "/eksporbank");
    const [again] = shownMessages(harness.telegram, s.officer.id).slice(-1);
    await pressOn(harness, s.officer, again!, "November 2026");
    const documents = sentDocuments(harness.telegram, s.officer.id);
    expect(documents).toHaveLength(6);
    expect(documents[4]!.bytes.equals(documents[1]!.bytes)).toBe(true);
    // The files went through the outbox (durable long work): its rows are the only change.
    const { outbox: _before, ...booksBefore } = before;
    const { outbox: after, ...booksAfter } = await snapshotState(database.db);
    expect(booksAfter).toEqual(booksBefore);
    expect((after as { method: string }[]).map((row) => row.method)).toEqual(Array(6).fill("sendDocument"));
  });
});

describe("/eksporbank for those who oversee the bank", () => {
  it("lets the ketua of a served RT and the koordinator of the kecamatan export", async () => {
    const s = await scenario();
    await exportMonth(s.ketua, "November 2026");
    expect((await latestExport(s.ketua)).caption).toContain("Rp 17.550");

    const koordinator = newUser("Bu Koordinator");
    await addKoordinator(database.db, koordinator, { kecamatanCode: KECAMATAN_TELANAIPURA });
    await exportMonth(koordinator, "November 2026");
    expect(sheet((await latestExport(koordinator)).xlsx, "Setoran").rowCount).toBe(6);
  });

  it("lets an admin choose among several banks, then the month", async () => {
    const s = await scenario();
    const rt = await addRt(database.db, 7, KELURAHAN_BULURAN_KENALI);
    const ketua = newUser("Pak Ketua Tujuh");
    await addKetua(database.db, ketua, rt.id);
    const other = await createWasteBank(database.db, await actorOf(ketua), { name: "Bank Sampah Anggrek", rtIds: [rt.id] }, nov(1, 8, 0));
    const admin = newUser("Admin Kota");
    await addAdmin(database.db, admin);

    await harness.send(admin, "/eksporbank");
    expect(harness.lastText(admin)).toBe("Pilih bank sampah yang laporannya ingin diekspor:");
    expect(harness.buttons(admin).filter((label) => label.startsWith("Bank Sampah")).sort()).toEqual(
      [`Bank Sampah Anggrek · ${other.kelurahanName}`, `Bank Sampah Melati · ${s.kelurahanName}`].sort(),
    );
    await harness.press(admin, "Bank Sampah Anggrek");
    expect(harness.lastText(admin)).toContain("Bank Sampah Anggrek");
    await harness.press(admin, "November 2026");
    const files = await latestExport(admin);
    expect(files.names[0]).toBe("bank-sampah-anggrek-2026-11.xlsx");
    expect(files.caption).toContain("Tidak ada transaksi");
  });
});

describe("/eksporbank refusals", () => {
  /** A press with hand-made data; returns the alert it got. */
  async function forge(user: TestUser, data: string): Promise<string | undefined> {
    const update = await pressData(harness, user, data);
    const answer = callbackAnswerTo(harness.telegram, update);
    expect(answer?.show_alert).toBe(true);
    return answer?.text;
  }

  it("refuses a plain resident, by command and by forged button", async () => {
    const s = await scenario();
    await harness.send(s.siti.user, "/eksporbank");
    expect(harness.lastText(s.siti.user)).toBe(ROLE_REFUSAL);
    expect(await forge(s.siti.user, bankExportMonth.data({ bank: s.bankId, month: "2026-11" }))).toBe(ROLE_REFUSAL);
    expect(await forge(s.siti.user, bankExport.data({ bank: s.bankId }))).toBe(ROLE_REFUSAL);
    expect(harness.telegram.callsOf("sendDocument")).toHaveLength(0);
  });

  it("refuses the ketua of an RT the bank does not serve, even with a forged button", async () => {
    const s = await scenario();
    const rt = await addRt(database.db, 3);
    const ketua = newUser("Pak Ketua Tiga");
    await addKetua(database.db, ketua, rt.id);
    await harness.send(ketua, "/eksporbank");
    expect(harness.lastText(ketua)).toMatch(/^Belum ada bank sampah yang laporannya bisa Anda ekspor\./);
    expect(await forge(ketua, bankExportMonth.data({ bank: s.bankId, month: "2026-11" }))).toBe(NOT_ALLOWED);
    expect(await forge(ketua, bankExport.data({ bank: s.bankId }))).toBe(NOT_ALLOWED);
    expect(harness.telegram.callsOf("sendDocument")).toHaveLength(0);
  });

  it("refuses a koordinator of another kecamatan", async () => {
    const s = await scenario();
    const koordinator = newUser("Pak Koordinator Paal Merah");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
    await harness.send(koordinator, "/eksporbank");
    expect(harness.lastText(koordinator)).toMatch(/^Belum ada bank sampah/);
    expect(await forge(koordinator, bankExportMonth.data({ bank: s.bankId, month: "2026-11" }))).toBe(NOT_ALLOWED);
    expect(harness.telegram.callsOf("sendDocument")).toHaveLength(0);
  });

  it("refuses the officer of another bank its neighbour's books", async () => {
    const s = await scenario();
    const rt = await addRt(database.db, 7, KELURAHAN_BULURAN_KENALI);
    const ketua = newUser("Pak Ketua Tujuh");
    await addKetua(database.db, ketua, rt.id);
    const other = await createWasteBank(database.db, await actorOf(ketua), { name: "Bank Sampah Anggrek", rtIds: [rt.id] }, nov(1, 8, 0));
    const officer = newUser("Petugas Anggrek");
    const { personId } = await addMember(database.db, officer, rt.id);
    await appointOfficer(database.db, await actorOf(ketua), { wasteBankId: other.id, personId: personId }, nov(1, 9, 0));

    await harness.send(officer, "/eksporbank");
    expect(harness.buttons(officer)[1]).toBe("Bulan lalu (November 2026)");
    expect(await forge(officer, bankExportMonth.data({ bank: s.bankId, month: "2026-11" }))).toBe(NOT_ALLOWED);
    expect(harness.telegram.callsOf("sendDocument")).toHaveLength(0);
  });

  it("refuses forged months and unknown banks, and answers stale buttons", async () => {
    const s = await scenario();
    const invalid = "Tombol ini tidak berlaku lagi. Kirim /eksporbank untuk memilih bank dan bulan lagi.";
    expect(await forge(s.officer, bankExportMonth.data({ bank: s.bankId, month: "2027-01" }))).toBe(invalid); // the future
    expect(await forge(s.officer, bankExportMonth.data({ bank: s.bankId, month: "2026-13" }))).toBe(invalid);
    expect(await forge(s.officer, bankExportMonth.data({ bank: s.bankId, month: "1999-12" }))).toBe(invalid);
    // Data the family cannot read is refused before the feature, as every unknown button is.
    for (const data of [`${bankExport.prefix}:zz`, bankExportMonth.data({ bank: s.bankId, month: "2026-1" })]) {
      const unreadable = await pressData(harness, s.officer, data);
      expect(callbackAnswerTo(harness.telegram, unreadable)?.text, data).toBe("Tombol ini sudah tidak berlaku.");
    }
    expect(await forge(s.officer, bankExportMonth.data({ bank: 999999, month: "2026-11" }))).toBe(NOT_ALLOWED);
    expect(harness.telegram.callsOf("sendDocument")).toHaveLength(0);
  });
});
