import { asc, eq, isNull } from "drizzle-orm";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { bankAccount, depositLine, ledgerEntry, membership, outbox, participation, processedUpdate, wasteBank, wasteBankOfficer, wasteBankRt, wastePrice, wasteType } from "../../src/db/schema/index.js";
import { appointOfficer, createWasteBank, listWasteTypes, revokeOfficer, setPrice, type WasteTypeView } from "../../src/domain/bank-sampah/banks.js";
import { auditLedger, balanceOf, recordDeposit, recordWithdrawal, reverseEntry } from "../../src/domain/bank-sampah/ledger.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { bankAddRt, bankAppointList, bankBookMonth, bankBookPrices, bankOfficer, bankOpenRt, bankPick, bankRtList, bankShow, saldo } from "../../src/messages/buttons/bank-sampah.js";
import { memberCode } from "../../src/domain/people/member-code.js";
import { setLocale } from "../../src/domain/people/person.js";
import { addKetua, addKoordinator, addMember, addPerson, addRt, KELURAHAN_BULURAN_KENALI, KELURAHAN_SIMPANG_IV_SIPIN, newUser, snapshotState } from "../helpers/fixtures.js";
import { callbackAnswerTo, callbackDataOf, photoUpdate, pressData, pressOn, type ShownMessage, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Minggu 22 November 2026, 10.00 WIB
const { database, harness } = withTestBot();

const NOW = new Date("2026-11-22T03:00:00Z");
const NOT_OFFICER = "Maaf, perintah ini hanya untuk petugas bank sampah.";
const NOT_MANAGER = "Maaf, hanya ketua RT atau koordinator yang dapat memproses permintaan ini.";
const NOT_ALLOWED = "Maaf, Anda tidak berwenang melakukan ini.";
const STALE = "Tombol ini sudah tidak berlaku.";
const ALREADY_SAVED = (entry: number, name: string) => `Sudah tersimpan sebagai transaksi No. ${entry} untuk ${name}. Tidak dicatat dua kali.`;
const EMPTY = "Isian masih kosong. Silakan tulis lagi.";
const TEXT_EXPECTED = "Mohon jawab dengan teks, atau kirim /batal untuk berhenti.";
const SQLISH = "'; drop table ledger_entry;--";
const LONG = "x".repeat(5000);
const ASK_RESIDENT = "Setoran dari siapa? Tulis nama warga (sebagian juga boleh) atau kode anggotanya, misalnya W123 (ada di /profil warga).";
const ASK_HOLDER = "Tabungan siapa? Tulis nama warga (sebagian juga boleh) atau kode anggotanya, misalnya W123 (ada di /profil warga).";
const QUANTITY_UNRECOGNISED = 'Berat atau jumlahnya tidak terbaca. Tulis angka dan satuannya, misalnya "2,5", "2,5 kg", "750 gr" atau "1,2 liter".';
const MONEY_UNRECOGNISED = 'Jumlah uangnya tidak terbaca. Tulis misalnya "50.000", "Rp 50.000" atau "50 rb".';

type Person = TestUser & { personId: number };

async function actorOf(user: TestUser) {
  return loadActor(database.db, user.id, []);
}

async function member(name: string, rtId: number, household = `Rumah ${name}`): Promise<Person> {
  const user = newUser(name);
  return { ...user, personId: (await addMember(database.db, user, rtId, household)).personId };
}

type TypeKey = "pet" | "campur" | "kardus" | "kertas" | "logam" | "besi" | "kaca" | "jelantah";

async function typesOf(bank: { id: number }, at = harness.now): Promise<Record<TypeKey, WasteTypeView>> {
  const types = await listWasteTypes(database.db, bank.id, at);
  const find = (prefix: string) => types.find((type) => type.name.toLowerCase().startsWith(prefix))!;
  return { pet: find("plastik pet"), campur: find("plastik campur"), kardus: find("kardus"), kertas: find("kertas"), logam: find("logam"), besi: find("besi"), kaca: find("kaca"), jelantah: find("minyak") };
}

/**
 * RT 05 and RT 06 of Simpang IV Sipin share "Bank Sampah Sipin Bersih" (opened by their
 * koordinator), with Sari (RT 05) its officer; RT 07 of Buluran Kenali has "Bank Sampah Kenali",
 * with Kurnia its officer. Siti (RT 05), Budi (RT 06) and Andi (RT 07) are residents.
 */
async function bankWorld() {
  const db = database.db;
  const rt5 = await addRt(db, 5);
  const rt6 = await addRt(db, 6);
  const rt7 = await addRt(db, 7, KELURAHAN_BULURAN_KENALI);
  const koordinatorUser = newUser("Koordinator");
  const koordinator: Person = { ...koordinatorUser, personId: await addKoordinator(db, koordinatorUser, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN }) };
  const ketua5User = newUser("Harun");
  const ketua5: Person = { ...ketua5User, personId: (await addKetua(db, ketua5User, rt5.id)).personId };
  const ketua7User = newUser("Yusuf");
  const ketua7: Person = { ...ketua7User, personId: (await addKetua(db, ketua7User, rt7.id)).personId };
  const bank = await createWasteBank(db, await actorOf(koordinator), { name: "Bank Sampah Sipin Bersih", rtIds: [rt5.id, rt6.id] }, new Date("2026-09-01T00:00:00Z"));
  const otherBank = await createWasteBank(db, await actorOf(ketua7), { name: "Bank Sampah Kenali", rtIds: [rt7.id] }, new Date("2026-09-01T00:00:00Z"));
  const sari = await member("Sari", rt5.id, "Rumah 1");
  const kurnia = await member("Kurnia", rt7.id, "Rumah 9");
  await appointOfficer(db, await actorOf(koordinator), { wasteBankId: bank.id, personId: sari.personId }, new Date("2026-09-01T00:00:00Z"));
  await appointOfficer(db, await actorOf(ketua7), { wasteBankId: otherBank.id, personId: kurnia.personId }, new Date("2026-09-01T00:00:00Z"));
  const siti = await member("Siti", rt5.id, "Rumah 12");
  const budi = await member("Budi", rt6.id, "Rumah 3");
  const andi = await member("Andi", rt7.id, "Rumah 4");
  return { rt5, rt6, rt7, koordinator, ketua5, ketua7, bank, otherBank, sari, kurnia, siti, budi, andi, types: await typesOf(bank), otherTypes: await typesOf(otherBank) };
}

function shownWith(user: TestUser, text: string): ShownMessage {
  const found = shownMessages(harness.telegram, user.id).filter((message) => message.text.includes(text)).at(-1);
  if (!found) throw new Error(`no message with "${text}" in chat ${user.id}: ${harness.telegram.textsTo(user.id).join(" | ")}`);
  return found;
}

function sentTextsTo(chatId: number): string[] {
  return harness.telegram.callsOf("sendMessage").filter((call) => call.payload.chat_id === chatId).map((call) => String(call.payload.text));
}

/** The latest answer to a callback query (a redelivered update is answered again). */
function lastAnswerTo(update: Update): { text?: string; show_alert?: boolean } | undefined {
  return harness.telegram.callsOf("answerCallbackQuery").filter((call) => call.payload.callback_query_id === update.callback_query?.id).at(-1)?.payload as { text?: string; show_alert?: boolean } | undefined;
}

const labels = (message: ShownMessage) => (message.keyboard?.inline_keyboard ?? []).flat().map((button) => button.text);

/** Sends each text and expects each reply; the prompt stays where it was. */
async function expectRefused(user: TestUser, cases: [string, string][]): Promise<void> {
  for (const [text, reply] of cases) {
    await harness.send(user, text);
    expect(harness.lastText(user), JSON.stringify(text.slice(0, 40))).toBe(reply);
  }
}

/** Everything stored but the conversations' own state (which moves with every answer). */
async function stored(): Promise<Record<string, unknown>> {
  // Forms under way, and the "/" menus the sender pushes after setup (not the bank's state).
  const { bot_state: _conversations, command_menu: _menus, ...rest } = await snapshotState(database.db);
  return rest;
}

/** What the search prompt answers to nonsense: nobody is found, nothing happens. */
function searchRefusals(): [string, string][] {
  const none = (query: string) => `Tidak ada nasabah bernama atau berkode "${query}" di bank sampah ini. Coba tulis lagi.`;
  return [
    ["", EMPTY],
    [LONG, "Terlalu panjang: paling banyak 64 karakter."],
    ["😀😀", none("😀😀")],
    ["%_", none("%_")],
    ["-5", none("-5")],
    [SQLISH, none(SQLISH)],
  ];
}

async function ledgerRows() {
  return database.db.select().from(ledgerEntry).orderBy(asc(ledgerEntry.id));
}

async function receiptsTo(user: TestUser) {
  return (await database.db.select().from(outbox).where(eq(outbox.chatId, user.id)).orderBy(asc(outbox.id))).filter((row) => row.dedupeKey.startsWith("notice:bank-receipt:"));
}

describe("/banksampah", () => {
  it("lets a ketua open a bank for their RT, then appoint an officer who is told through the outbox", async () => {
    const rt5 = await addRt(database.db, 5);
    const ketuaUser = newUser("Harun");
    await addKetua(database.db, ketuaUser, rt5.id);
    const sari = await member("Sari", rt5.id, "Rumah 1");
    await member("Siti", rt5.id, "Rumah 12");

    await harness.send(ketuaUser, "/banksampah");
    expect(harness.lastText(ketuaUser)).toBe("Apa nama bank sampahnya? Tulis namanya, atau pakai usulan di bawah.");
    expect(harness.buttons(ketuaUser)).toEqual(["Bank Sampah RT 05 Simpang IV Sipin"]);
    const placeCharacters = "Gunakan huruf, angka, spasi, dan tanda . , / - # ( ) & : saja (tanpa emoji). Contoh: Pos kamling RT 05.";
    await expectRefused(ketuaUser, [
      ["", EMPTY],
      ["   ", EMPTY],
      [LONG, "Terlalu panjang: paling banyak 60 karakter."], // the bank name's own limit, not a place's
      ["Bank Sampah Melati Sejahtera Bersama Warga RT Lima Kelurahan Sipin", "Terlalu panjang: paling banyak 60 karakter."],
      ["♻️ Bank Hijau", placeCharacters],
      [SQLISH, placeCharacters],
      ["B", "Terlalu pendek: paling sedikit 2 huruf."],
    ]);
    await harness.deliver(photoUpdate(harness, ketuaUser));
    expect(harness.lastText(ketuaUser)).toBe(TEXT_EXPECTED);
    expect(await database.db.select().from(wasteBank)).toEqual([]);

    await harness.send(ketuaUser, "  Bank Sampah   Melati ");
    const texts = harness.telegram.textsTo(ketuaUser.id);
    expect(texts.at(-2)).toBe("✅ Bank Sampah Melati sudah dibuka, lengkap dengan 8 jenis sampah dan harga awalnya. Petugas bank dapat mengubah harga dengan /harga. Sekarang angkat petugasnya:");
    expect(texts.at(-1)).toBe(["🏦 Bank Sampah Melati", "Kelurahan Simpang IV Sipin, Kecamatan Telanaipura", "• RT yang dilayani: RT 05", "• Petugas: belum ada"].join("\n"));
    // A ketua manages their own RT's bank only: no other RT to add, no list to go back to.
    expect(harness.buttons(ketuaUser)).toEqual(["➕ Angkat petugas", "Tutup"]);
    const [bank] = await database.db.select().from(wasteBank);
    expect(bank).toMatchObject({ name: "Bank Sampah Melati", kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    expect(await database.db.select({ rtId: wasteBankRt.rtId }).from(wasteBankRt)).toEqual([{ rtId: rt5.id }]);
    expect(await database.db.select().from(wasteType).where(eq(wasteType.wasteBankId, bank!.id))).toHaveLength(8);

    await harness.press(ketuaUser, "Angkat petugas");
    expect(harness.lastText(ketuaUser)).toBe("Pilih warga yang diangkat menjadi petugas Bank Sampah Melati:");
    expect(harness.buttons(ketuaUser)).toEqual(["Harun (RT 05)", "Sari (RT 05)", "Siti (RT 05)", "« Kembali"]);
    const picker = shownWith(ketuaUser, "Pilih warga yang diangkat");
    const tap = await pressOn(harness, ketuaUser, picker, "Sari (RT 05)");
    expect(callbackAnswerTo(harness.telegram, tap)?.text).toBe("Sari kini petugas Bank Sampah Melati.");
    expect(harness.lastText(ketuaUser)).toBe(["🏦 Bank Sampah Melati", "Kelurahan Simpang IV Sipin, Kecamatan Telanaipura", "• RT yang dilayani: RT 05", "• Petugas: Sari"].join("\n"));
    // A double tap on the stale picker appoints once and tells Sari once.
    await pressOn(harness, ketuaUser, picker, "Sari (RT 05)");
    const officers = await database.db.select().from(wasteBankOfficer);
    expect(officers).toHaveLength(1);
    expect(officers[0]).toMatchObject({ wasteBankId: bank!.id, personId: sari.personId, revokedAt: null });
    const notice =
      "Anda diangkat menjadi petugas Bank Sampah Melati. Terima kasih! 🙏\nCatat setoran warga dengan /setor, penarikan dengan /tarik, koreksi dengan /koreksi, dan atur jenis serta harga sampah dengan /harga.";
    expect(sentTextsTo(sari.id)).toEqual([notice]);
    expect(await database.db.select({ chatId: outbox.chatId, status: outbox.status }).from(outbox)).toEqual([{ chatId: sari.id, status: "sent" }]);

    // Sari now has the officer commands; her /setor starts at once (one bank: nothing to choose).
    await harness.send(sari, "/setor");
    expect(harness.lastText(sari)).toBe(ASK_RESIDENT);

    // /banksampah again shows the bank rather than offering a second one.
    await harness.send(ketuaUser, "/banksampah");
    expect(harness.lastText(ketuaUser)).toContain("• Petugas: Sari");
    await harness.press(ketuaUser, "Copot petugas");
    expect(harness.lastText(ketuaUser)).toBe("Ketuk petugas Bank Sampah Melati yang akan dicopot:");
    await harness.press(ketuaUser, "❌ Sari");
    expect(harness.lastText(ketuaUser)).toContain("• Petugas: belum ada");
    expect((await database.db.select().from(wasteBankOfficer))[0]?.revokedAt).not.toBeNull();
    expect(sentTextsTo(sari.id).at(-1)).toBe("Anda tidak lagi menjadi petugas Bank Sampah Melati. Terima kasih atas bantuan Anda selama ini.");
    await harness.send(sari, "/setor");
    expect(harness.lastText(sari)).toBe(NOT_OFFICER);
  });

  it("lets a koordinator open one bank for several RTs of a kelurahan, list banks and add an RT", async () => {
    const rt5 = await addRt(database.db, 5);
    const rt6 = await addRt(database.db, 6);
    const rt8 = await addRt(database.db, 8);
    const rt7 = await addRt(database.db, 7, KELURAHAN_BULURAN_KENALI);
    const koordinator = newUser("Koordinator");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await member("Budi", rt6.id, "Rumah 3");
    await member("Wati", rt8.id, "Rumah 8");

    await harness.send(koordinator, "/banksampah");
    expect(harness.lastText(koordinator)).toBe("Belum ada bank sampah di wilayah Anda. Buka yang pertama dengan tombol di bawah.");
    await harness.press(koordinator, "Buka bank sampah baru");
    await harness.press(koordinator, "Simpang IV Sipin");
    expect(harness.lastText(koordinator)).toBe("Pilih RT di Kelurahan Simpang IV Sipin yang akan dilayani bank sampah ini (boleh lebih dari satu), lalu tekan Selesai.");
    // Only this kelurahan's RTs: RT 07 of Buluran Kenali is not offered.
    expect(harness.buttons(koordinator)).toEqual(["⬜ RT 05", "⬜ RT 06", "⬜ RT 08", "Selesai", "Batal"]);
    await harness.press(koordinator, "Selesai");
    expect(harness.lastText(koordinator)).toBe("Pilih paling sedikit satu RT.");
    const toggles = () => shownWith(koordinator, "Pilih RT di Kelurahan");
    await pressOn(harness, koordinator, toggles(), "⬜ RT 05");
    await pressOn(harness, koordinator, toggles(), "⬜ RT 06");
    // Forged: an RT of another kelurahan is not taken.
    await pressData(harness, koordinator, bankOpenRt.data({ rt: rt7.id, chosen: true }), toggles().messageId);
    expect(labels(toggles())).toEqual(["✅ RT 05", "✅ RT 06", "⬜ RT 08", "Selesai", "Batal"]);
    await pressOn(harness, koordinator, toggles(), "Selesai");
    expect(harness.buttons(koordinator)).toEqual(["Bank Sampah Kelurahan Simpang IV Sipin"]);
    await harness.press(koordinator, "Bank Sampah Kelurahan Simpang IV Sipin");
    expect(harness.lastText(koordinator)).toBe(["🏦 Bank Sampah Kelurahan Simpang IV Sipin", "Kelurahan Simpang IV Sipin, Kecamatan Telanaipura", "• RT yang dilayani: RT 05, RT 06", "• Petugas: belum ada"].join("\n"));
    expect(harness.buttons(koordinator)).toEqual(["➕ Angkat petugas", "🏘 Tambah RT yang dilayani", "« Kembali", "Tutup"]);
    expect(await database.db.select({ name: wasteBank.name, kelurahanCode: wasteBank.kelurahanCode }).from(wasteBank)).toEqual([{ name: "Bank Sampah Kelurahan Simpang IV Sipin", kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN }]);
    expect((await database.db.select({ rtId: wasteBankRt.rtId }).from(wasteBankRt).orderBy(asc(wasteBankRt.rtId))).map((row) => row.rtId)).toEqual([rt5.id, rt6.id]);

    await harness.press(koordinator, "Tambah RT");
    expect(harness.lastText(koordinator)).toBe("RT di Kelurahan Simpang IV Sipin yang belum dilayani bank sampah. Ketuk untuk menambahkannya ke Bank Sampah Kelurahan Simpang IV Sipin:");
    expect(harness.buttons(koordinator)).toEqual(["RT 08", "« Kembali"]);
    await harness.press(koordinator, "RT 08");
    expect(harness.lastText(koordinator)).toContain("• RT yang dilayani: RT 05, RT 06, RT 08");

    // Residents of every served RT can be appointed; nobody of another kelurahan.
    await harness.press(koordinator, "Angkat petugas");
    expect(harness.buttons(koordinator)).toEqual(["Budi (RT 06)", "Wati (RT 08)", "« Kembali"]);
    await harness.press(koordinator, "« Kembali");
    await harness.press(koordinator, "« Kembali");
    expect(harness.lastText(koordinator)).toBe("Bank sampah di wilayah Anda (1). Pilih untuk melihat RT dan petugasnya:");
    expect(harness.buttons(koordinator)).toEqual(["Bank Sampah Kelurahan Simpang IV Sipin · Simpang IV Sipin", "➕ Buka bank sampah baru", "Tutup"]);

    // Every RT of the kelurahan is served now: a second bank has nothing to take.
    await harness.press(koordinator, "Buka bank sampah baru");
    await harness.press(koordinator, "Simpang IV Sipin");
    expect(harness.lastText(koordinator)).toBe("Semua RT terdaftar di Kelurahan Simpang IV Sipin sudah dilayani bank sampah.");
    expect(await database.db.select().from(wasteBank)).toHaveLength(1);
  });

  it("refuses others, and a manager of one bank acting on another by forged buttons", async () => {
    const world = await bankWorld();
    await harness.settle(); // the "/" menus the setup marked go out first
    const before = await snapshotState(database.db);
    for (const user of [world.siti, world.sari]) {
      // A resident or officer reads the bank's prices there, and manages nothing.
      await harness.send(user, "/banksampah");
      expect(harness.lastText(user)).toContain("Harga di Bank Sampah Sipin Bersih saat ini:");
      expect(harness.buttons(user)).toEqual(["📄 Bulan ini"]);
      const tap = await pressData(harness, user, bankShow.data({ bank: world.bank.id }));
      expect(callbackAnswerTo(harness.telegram, tap)).toEqual(expect.objectContaining({ text: NOT_MANAGER, show_alert: true }));
    }
    // The ketua of RT 07 manages Bank Sampah Kenali, not the Sipin bank.
    for (const data of [bankShow.data({ bank: world.bank.id }), bankOfficer.data({ action: "appoint", bank: world.bank.id, person: world.siti.personId }), bankOfficer.data({ action: "revoke", bank: world.bank.id, person: world.sari.personId }), bankAppointList.data({ bank: world.bank.id, page: 0 }), bankRtList.data({ bank: world.bank.id }), bankAddRt.data({ bank: world.bank.id, rt: world.rt7.id })]) {
      const tap = await pressData(harness, world.ketua7, data);
      expect(callbackAnswerTo(harness.telegram, tap), data).toEqual(expect.objectContaining({ text: NOT_ALLOWED, show_alert: true }));
    }
    // A ketua may appoint only residents of the served RTs; adding RTs is the koordinator's.
    const outsider = await pressData(harness, world.ketua7, bankOfficer.data({ action: "appoint", bank: world.otherBank.id, person: world.siti.personId }));
    expect(callbackAnswerTo(harness.telegram, outsider)?.text).toBe("Warga ini bukan anggota aktif RT yang dilayani bank sampah ini.");
    const addRt = await pressData(harness, world.ketua5, bankAddRt.data({ bank: world.bank.id, rt: world.rt7.id }));
    expect(callbackAnswerTo(harness.telegram, addRt)?.text).toBe(NOT_ALLOWED);
    expect(await database.db.select().from(wasteBankOfficer).where(isNull(wasteBankOfficer.revokedAt))).toHaveLength(2);
    expect(await database.db.select().from(wasteBankRt)).toHaveLength(3);
    expect(before).toEqual(await snapshotState(database.db));
  });
});

const DEPOSIT_WHEN = "22 November 2026 pukul 10.00 WIB";

/** /setor up to the first waste-type choice for `resident` (found by `query`). */
async function startDeposit(officer: TestUser, query: string, resident: string) {
  await harness.send(officer, "/setor");
  expect(harness.lastText(officer)).toBe(ASK_RESIDENT);
  await harness.send(officer, query);
  expect(harness.lastText(officer)).toBe("Pilih warganya:");
  await harness.press(officer, resident);
  expect(harness.lastText(officer)).toBe(`Jenis sampah apa yang disetor ${resident}?`);
}

/** Picks a type, types the amount, and expects the running summary. */
async function addLine(officer: TestUser, type: string, amount: string) {
  await harness.press(officer, type);
  await harness.send(officer, amount);
  expect(harness.lastText(officer)).toContain("Total: Rp ");
}

describe("/setor", () => {
  it("records several lines typed as people type them, exactly, and queues the resident's receipt", async () => {
    const world = await bankWorld();
    const { sari, siti } = world;
    const code = memberCode(siti.personId);
    await harness.send(sari, "/setor");
    expect(harness.lastText(sari)).toBe(ASK_RESIDENT);
    const none = (query: string) => `Tidak ada nasabah bernama atau berkode "${query}" di bank sampah ini. Coba tulis lagi.`;
    await expectRefused(sari, [
      ["", EMPTY],
      [LONG, "Terlalu panjang: paling banyak 64 karakter."],
      ["s", "Terlalu pendek: paling sedikit 2 huruf."],
      ["😀", "Terlalu pendek: paling sedikit 2 huruf."],
      ["😀😀", none("😀😀")],
      ["%%", none("%%")],
      ["i_i", none("i_i")],
      [SQLISH, none(SQLISH)],
      // Andi lives in RT 07, which this bank does not serve.
      ["andi", none("andi")],
      // A code with a wrong check digit names nobody.
      [`W${siti.personId}${(Number(code.slice(-1)) + 1) % 10}`, none(`W${siti.personId}${(Number(code.slice(-1)) + 1) % 10}`)],
    ]);
    await harness.deliver(photoUpdate(harness, sari));
    expect(harness.lastText(sari)).toBe(TEXT_EXPECTED);
    // By member code, as shown in the resident's /profil.
    await harness.send(siti, "/profil");
    expect(harness.lastText(siti)).toContain(`• Kode anggota (untuk bank sampah): ${code}`);
    await harness.send(sari, code.toLowerCase());
    expect(harness.lastText(sari)).toBe("Pilih warganya:");
    expect(harness.buttons(sari)).toEqual([`Siti · RT 05 · Rumah 12 · ${code}`, "🔎 Cari lagi", "Batal"]);
    await harness.press(sari, "Siti");
    expect(harness.lastText(sari)).toBe("Jenis sampah apa yang disetor Siti?");
    expect(harness.buttons(sari)).toEqual([
      "Plastik PET (botol) · Rp 3.000/kg",
      "Plastik campur · Rp 1.000/kg",
      "Kardus · Rp 1.800/kg",
      "Kertas · Rp 1.500/kg",
      "Logam / kaleng · Rp 6.000/kg",
      "Besi · Rp 3.500/kg",
      "Kaca / botol · Rp 300/kg",
      "Minyak jelantah · Rp 5.000/liter",
      "Batal",
    ]);

    await harness.press(sari, "Kardus");
    expect(harness.lastText(sari)).toBe('Berapa berat Kardus? Tulis seperti di timbangan, misalnya "2,5", "2,5 kg" atau "750 gr".');
    await expectRefused(sari, [
      ["", EMPTY],
      [LONG, QUANTITY_UNRECOGNISED],
      ["😀", QUANTITY_UNRECOGNISED],
      ["-2", "Jumlahnya harus lebih dari nol."],
      ["0", "Jumlahnya harus lebih dari nol."],
      ["9999 kg", "Terlalu banyak untuk satu baris: paling banyak 500 kg atau 500 liter. Titik dibaca sebagai pemisah ribuan: untuk dua setengah kilo tulis \"2,5\", bukan \"2.500\"."],
      ["2 liter", "Satuannya tidak cocok dengan jenis sampah ini: jenis yang dihargai per kg ditulis dalam kg atau gram, yang per liter dalam liter atau ml."],
      ["2,5555", 'Terlalu rinci: paling kecil 1 gram (atau 1 ml). Contoh: "2,5 kg" atau "750 gr".'],
      ["dua kilo", QUANTITY_UNRECOGNISED],
      [SQLISH, QUANTITY_UNRECOGNISED],
    ]);
    await harness.deliver(photoUpdate(harness, sari));
    expect(harness.lastText(sari)).toBe(TEXT_EXPECTED);
    await harness.send(sari, "2,5");
    expect(harness.lastText(sari)).toBe([`Setoran Siti (${code}) di Bank Sampah Sipin Bersih:`, "1. Kardus: 2,5 kg × Rp 1.800/kg = Rp 4.500", "Total: Rp 4.500"].join("\n"));
    expect(harness.buttons(sari)).toEqual(["➕ Tambah jenis", "↩️ Hapus baris terakhir", "💾 Simpan", "Batal"]);
    await harness.send(sari, "Simpan");
    expect(harness.lastText(sari)).toBe("Silakan pilih dengan tombol di atas, atau kirim /batal untuk berhenti.");

    await harness.press(sari, "Tambah jenis");
    await addLine(sari, "Plastik PET", "2.5 kg");
    await harness.press(sari, "Tambah jenis");
    await addLine(sari, "Kertas", "750 gr");
    await harness.press(sari, "Tambah jenis");
    await addLine(sari, "Besi", "3 kg");
    await harness.press(sari, "Hapus baris terakhir"); // Besi was a slip
    await harness.press(sari, "Tambah jenis");
    await harness.press(sari, "Minyak jelantah");
    expect(harness.lastText(sari)).toBe('Berapa banyak Minyak jelantah? Tulis misalnya "1,2 liter", "1,2" atau "500 ml".');
    await harness.send(sari, "750 gr");
    expect(harness.lastText(sari)).toBe("Satuannya tidak cocok dengan jenis sampah ini: jenis yang dihargai per kg ditulis dalam kg atau gram, yang per liter dalam liter atau ml.");
    await harness.send(sari, "1,2 liter");
    await harness.press(sari, "Tambah jenis");
    // Kaca at Rp 300/kg: 1,255 kg is Rp 376,5, rounded half up to Rp 377.
    await addLine(sari, "Kaca", "1,255");
    const summary = [
      `Setoran Siti (${code}) di Bank Sampah Sipin Bersih:`,
      "1. Kardus: 2,5 kg × Rp 1.800/kg = Rp 4.500",
      "2. Plastik PET (botol): 2,5 kg × Rp 3.000/kg = Rp 7.500",
      "3. Kertas: 750 g × Rp 1.500/kg = Rp 1.125",
      "4. Minyak jelantah: 1,2 liter × Rp 5.000/liter = Rp 6.000",
      "5. Kaca / botol: 1,255 kg × Rp 300/kg = Rp 377",
      "Total: Rp 19.502",
    ].join("\n");
    expect(harness.lastText(sari)).toBe(summary);
    expect(await ledgerRows()).toEqual([]);

    await harness.press(sari, "Simpan");
    const receipt = [
      "🧾 Bukti setoran Bank Sampah Sipin Bersih",
      `No. 1 · ${DEPOSIT_WHEN}`,
      `Nasabah: Siti (${code})`,
      "• Kardus: 2,5 kg × Rp 1.800/kg = Rp 4.500",
      "• Plastik PET (botol): 2,5 kg × Rp 3.000/kg = Rp 7.500",
      "• Kertas: 750 g × Rp 1.500/kg = Rp 1.125",
      "• Minyak jelantah: 1,2 liter × Rp 5.000/liter = Rp 6.000",
      "• Kaca / botol: 1,255 kg × Rp 300/kg = Rp 377",
      "Total: Rp 19.502",
      "Saldo sekarang: Rp 19.502",
      "Petugas: Sari",
    ].join("\n");
    expect(harness.lastText(sari)).toBe(["✅ Setoran Siti tersimpan.", "", receipt, "", "Bukti sudah dikirim ke Siti lewat pesan pribadi."].join("\n"));

    const [entry, ...others] = await ledgerRows();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ kind: "deposit", amount: 19502, personId: siti.personId, wasteBankId: world.bank.id, rtId: world.rt5.id, recordedBy: sari.personId, occurredAt: NOW, reversesEntryId: null });
    // The form's random id, never the officer's chat: the key is kept for good.
    expect(entry!.requestKey).toMatch(/^deposit:[0-9a-f-]{36}$/);
    const lines = await database.db.select().from(depositLine).where(eq(depositLine.entryId, entry!.id)).orderBy(asc(depositLine.lineNo));
    expect(lines.map(({ lineNo, wasteTypeId, quantity, unit, rupiahPerUnit, value }) => ({ lineNo, wasteTypeId, quantity, unit, rupiahPerUnit, value }))).toEqual([
      { lineNo: 1, wasteTypeId: world.types.kardus.id, quantity: 2500, unit: "kg", rupiahPerUnit: 1800, value: 4500 },
      { lineNo: 2, wasteTypeId: world.types.pet.id, quantity: 2500, unit: "kg", rupiahPerUnit: 3000, value: 7500 },
      { lineNo: 3, wasteTypeId: world.types.kertas.id, quantity: 750, unit: "kg", rupiahPerUnit: 1500, value: 1125 },
      { lineNo: 4, wasteTypeId: world.types.jelantah.id, quantity: 1200, unit: "liter", rupiahPerUnit: 5000, value: 6000 },
      { lineNo: 5, wasteTypeId: world.types.kaca.id, quantity: 1255, unit: "kg", rupiahPerUnit: 300, value: 377 },
    ]);
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: siti.personId })).toBe(19502);
    const records = await database.db.select().from(participation);
    expect(records).toEqual([expect.objectContaining({ personId: siti.personId, rtId: world.rt5.id, kind: "bank_sampah", verified: true, sourceKey: `bank-entry:${entry!.id}`, revokedAt: null })]);

    // The resident's copy went through the outbox, once, keyed by the entry.
    const queued = await receiptsTo(siti);
    // Under the receipt, what the deposit counted for (issue 17): Siti's household, 1 of RT 05's KK.
    const counted = "🌿 Dihitung untuk B3: 2% KK RT 05 ikut gotong royong atau bank sampah dalam 28 hari terakhir; target nilai 2 (baik) 60% belum tercapai.";
    expect(queued).toEqual([expect.objectContaining({ dedupeKey: `notice:bank-receipt:${entry!.id}:person:${siti.personId}`, personId: siti.personId, status: "sent", payload: { text: `${receipt}\n\n${counted}` } })]);
    expect(sentTextsTo(siti.id).filter((text) => text.startsWith("🧾"))).toEqual([`${receipt}\n\n${counted}`]);
    expect((await auditLedger(database.db)).ok).toBe(true);
  });

  it("records once and sends one receipt when Simpan is tapped twice or its update is redelivered", async () => {
    const { sari, siti, kurnia } = await bankWorld();
    await startDeposit(sari, "SITI", "Siti");
    await addLine(sari, "Kardus", "2,5");
    const summary = shownWith(sari, "Total: Rp 4.500");
    const save = await pressOn(harness, sari, summary, "Simpan");
    expect(harness.lastText(sari)).toContain("✅ Setoran Siti tersimpan.");
    const replies = harness.telegram.calls.length;

    // Telegram delivers the same update again: dropped.
    await harness.deliver(save);
    expect(harness.telegram.calls.length).toBe(replies);
    // The second tap of a double tap, on the summary as it was: told it is saved, not saved again.
    const saveData = save.callback_query!.data!;
    expect(saveData).toMatch(/^bank\.setor:save:[0-9a-f-]{36}$/);
    const second = harness.callbackUpdate(sari, saveData, summary.messageId);
    await harness.deliver(second);
    expect(callbackAnswerTo(harness.telegram, second)).toEqual(expect.objectContaining({ text: ALREADY_SAVED(1, "Siti"), show_alert: true }));
    // The redelivery again after the dedupe ledger was pruned: the conversation is over by now.
    await database.db.delete(processedUpdate);
    await harness.deliver(save);
    expect(lastAnswerTo(save)?.text).toBe(ALREADY_SAVED(1, "Siti"));
    // The same button data from another officer's chat names no request of that chat; a resident
    // may not press an officer's button at all.
    const forged = await pressData(harness, kurnia, saveData);
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe(STALE);
    const resident = await pressData(harness, siti, saveData);
    expect(callbackAnswerTo(harness.telegram, resident)?.text).toBe(NOT_OFFICER);

    const entries = await ledgerRows();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ amount: 4500 });
    expect(await database.db.select().from(participation)).toHaveLength(1);
    expect(await receiptsTo(siti)).toHaveLength(1);
    expect(sentTextsTo(siti.id)).toHaveLength(1);
    expect(await balanceOf(database.db, { wasteBankId: entries[0]!.wasteBankId, personId: siti.personId })).toBe(4500);
  });

  it("saves once when the reply to Simpan fails and Telegram redelivers the tap", async () => {
    const { sari, siti } = await bankWorld();
    await startDeposit(sari, "siti", "Siti");
    await addLine(sari, "Kardus", "2,5");
    const summary = shownWith(sari, "Total: Rp 4.500");
    const data = callbackDataOf(summary).find((candidate) => candidate.startsWith("bank.setor:save:"))!;
    harness.telegram.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, { chatId: sari.id });
    const save = harness.callbackUpdate(sari, data, summary.messageId);
    await expect(harness.deliver(save)).rejects.toThrow();
    // Recorded, and the receipt queued with it, though the petugas saw no reply.
    expect(await ledgerRows()).toHaveLength(1);
    expect(await receiptsTo(siti)).toHaveLength(1);

    await harness.deliver(save); // the failed update is handled again: the form goes on at its last step
    expect(harness.lastText(sari)).toMatch(/^✅ Setoran Siti tersimpan\./);
    expect(await ledgerRows()).toHaveLength(1);
    expect(await database.db.select().from(participation)).toHaveLength(1);
    expect(sentTextsTo(siti.id)).toHaveLength(1);
  });

  it("stores nothing when cancelled, and nothing for a deposit emptied line by line", async () => {
    const { sari } = await bankWorld();
    const before = await snapshotState(database.db);
    await startDeposit(sari, "siti", "Siti");
    await addLine(sari, "Kardus", "1");
    await harness.press(sari, "Hapus baris terakhir");
    expect(harness.lastText(sari)).toMatch(/^Setoran Siti \(W\d+\) di Bank Sampah Sipin Bersih:\nBelum ada baris\. Tekan "Tambah jenis" untuk menambah\.$/);
    expect(harness.buttons(sari)).toEqual(["➕ Tambah jenis", "Batal"]);
    await harness.press(sari, "Batal");
    expect(harness.lastText(sari)).toBe("Dibatalkan. Tidak ada yang diubah.");
    await startDeposit(sari, "siti", "Siti");
    await addLine(sari, "Kardus", "1");
    await harness.send(sari, "/batal");
    expect(harness.lastText(sari)).toBe("Baik, dibatalkan. Ketik /bantuan untuk melihat perintah.");
    const after = await snapshotState(database.db);
    expect(after.ledger_entry).toEqual([]);
    expect(after.outbox).toEqual(before.outbox);
    expect(after.bank_account).toEqual(before.bank_account);
  });

  it("saves what was confirmed: a price that changed at midnight while the form was open is shown, and confirmed again", async () => {
    const { sari, siti, bank, types } = await bankWorld();
    harness.now = new Date("2026-11-22T16:50:00Z"); // Minggu 23.50 WIB
    await startDeposit(sari, "siti", "Siti");
    await addLine(sari, "Kardus", "2");
    const code = memberCode(siti.personId);
    const confirmed = shownWith(sari, "Total: Rp 3.600");
    expect(confirmed.text).toBe([`Setoran Siti (${code}) di Bank Sampah Sipin Bersih:`, "1. Kardus: 2 kg × Rp 1.800/kg = Rp 3.600", "Total: Rp 3.600"].join("\n"));
    // Set earlier by another officer: Kardus is Rp 2.000 from Senin 00.00 WIB.
    await setPrice(database.db, await actorOf(sari), types.kardus.id, 2000, new Date("2026-11-22T17:00:00Z"), harness.now);
    harness.now = new Date("2026-11-22T17:05:00Z"); // Senin 00.05 WIB

    const oldSave = await pressOn(harness, sari, confirmed, "Simpan");
    const again = [
      "⚠️ Harga berubah sejak ringkasan tadi, jadi setoran ini belum disimpan. Ini ringkasan dengan harga terbaru: periksa totalnya, lalu tekan Simpan lagi bila sudah sesuai.",
      "",
      `Setoran Siti (${code}) di Bank Sampah Sipin Bersih:`,
      "1. Kardus: 2 kg × Rp 2.000/kg = Rp 4.000",
      "Total: Rp 4.000",
    ].join("\n");
    expect(harness.lastText(sari)).toBe(again);
    expect(harness.buttons(sari)).toEqual(["➕ Tambah jenis", "↩️ Hapus baris terakhir", "💾 Simpan", "Batal"]);
    expect(await ledgerRows()).toEqual([]);
    expect(await database.db.select().from(bankAccount)).toEqual([]);
    expect(await receiptsTo(siti)).toEqual([]);
    // The second tap of a double tap on the old summary confirms nothing: that total is gone.
    const late = harness.callbackUpdate(sari, oldSave.callback_query!.data!, confirmed.messageId);
    await harness.deliver(late);
    expect(callbackAnswerTo(harness.telegram, late)?.text).toBe(STALE);
    expect(await ledgerRows()).toEqual([]);

    await pressOn(harness, sari, shownWith(sari, "Total: Rp 4.000"), "Simpan");
    expect(harness.lastText(sari)).toContain("✅ Setoran Siti tersimpan.");
    expect(harness.lastText(sari)).toContain("• Kardus: 2 kg × Rp 2.000/kg = Rp 4.000");
    const [entry, ...others] = await ledgerRows();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ kind: "deposit", amount: 4000 });
    const lines = await database.db.select().from(depositLine);
    expect(lines.map((line) => [line.quantity, line.rupiahPerUnit, line.value])).toEqual([[2000, 2000, 4000]]);
    expect(await balanceOf(database.db, { wasteBankId: bank.id, personId: siti.personId })).toBe(4000);
    expect(await receiptsTo(siti)).toHaveLength(1);
    expect((await auditLedger(database.db)).ok).toBe(true);
  });
});

describe("who may record", () => {
  it("refuses the officer commands to anyone who is not a bank officer, changing nothing", async () => {
    const world = await bankWorld();
    const before = await stored();
    for (const user of [world.siti, world.ketua5, world.koordinator]) {
      for (const command of ["/setor", "/tarik", "/koreksi", "/harga"]) {
        await harness.send(user, command);
        expect(harness.lastText(user), command).toBe(NOT_OFFICER);
      }
    }
    expect(await stored()).toEqual(before);
  });

  it("keeps an officer of one bank to their own bank, whatever the callback data says", async () => {
    const world = await bankWorld();
    const { kurnia, siti, andi } = world;
    await harness.send(kurnia, "/setor");
    // Siti is Bank Sampah Sipin Bersih's, not Kenali's: not found here.
    await harness.send(kurnia, "siti");
    expect(harness.lastText(kurnia)).toBe('Tidak ada nasabah bernama atau berkode "siti" di bank sampah ini. Coba tulis lagi.');
    await harness.send(kurnia, memberCode(siti.personId));
    expect(harness.lastText(kurnia)).toBe(`Tidak ada nasabah bernama atau berkode "${memberCode(siti.personId)}" di bank sampah ini. Coba tulis lagi.`);
    await harness.send(kurnia, "andi");
    const choose = shownWith(kurnia, "Pilih warganya:");
    // Forged: Siti's person id in the button data.
    const forgedResident = await pressData(harness, kurnia, bankPick.data({ list: "resident", choice: "item", item: siti.personId }), choose.messageId);
    expect(callbackAnswerTo(harness.telegram, forgedResident)?.text).toBe(STALE);
    await pressOn(harness, kurnia, choose, "Andi");
    // Forged: the other bank's Kardus.
    const forgedType = await pressData(harness, kurnia, bankPick.data({ list: "type", choice: "item", item: world.types.kardus.id }), shownWith(kurnia, "Jenis sampah apa").messageId);
    expect(callbackAnswerTo(harness.telegram, forgedType)?.text).toBe(STALE);
    await harness.press(kurnia, "Kardus");
    await harness.send(kurnia, "1");
    await harness.press(kurnia, "Simpan");
    expect(harness.lastText(kurnia)).toContain("Bank Sampah Kenali");
    const entries = await ledgerRows();
    expect(entries.map((entry) => [entry.wasteBankId, entry.personId, entry.amount])).toEqual([[world.otherBank.id, andi.personId, 1800]]);
    const lines = await database.db.select().from(depositLine);
    expect(lines.map((line) => line.wasteTypeId)).toEqual([world.otherTypes.kardus.id]);
  });

  it("asks an officer of two banks which bank first", async () => {
    const world = await bankWorld();
    // Sari moved her duties along: she keeps Sipin and also helps at Kenali.
    await database.db.insert(wasteBankOfficer).values({ wasteBankId: world.otherBank.id, personId: world.sari.personId, appointedAt: NOW });
    await harness.send(world.sari, "/setor");
    expect(harness.lastText(world.sari)).toBe("Anda petugas di lebih dari satu bank sampah. Untuk bank yang mana?");
    expect(harness.buttons(world.sari)).toEqual(["Bank Sampah Kenali", "Bank Sampah Sipin Bersih", "Batal"]);
    await harness.press(world.sari, "Bank Sampah Kenali");
    await harness.send(world.sari, "andi");
    expect(harness.buttons(world.sari)[0]).toBe(`Andi · RT 07 · Rumah 4 · ${memberCode(world.andi.personId)}`);
  });

  it("refuses the save of an officer revoked while the form was open, storing nothing", async () => {
    const world = await bankWorld();
    await startDeposit(world.sari, "siti", "Siti");
    await addLine(world.sari, "Kardus", "2");
    await revokeOfficer(database.db, await actorOf(world.koordinator), { wasteBankId: world.bank.id, personId: world.sari.personId }, NOW);
    // The save button is a bank officer's: refused at the press now that she is none (the domain's
    // requireOfficer, which answered NOT_ALLOWED here, still guards it: see the ledger tests).
    const save = await harness.press(world.sari, "Simpan");
    expect(callbackAnswerTo(harness.telegram, save)).toEqual(expect.objectContaining({ text: NOT_OFFICER, show_alert: true }));
    expect(harness.lastText(world.sari)).not.toBe(NOT_ALLOWED);
    expect(await ledgerRows()).toEqual([]);
    expect(await database.db.select().from(participation)).toEqual([]);
    expect(await receiptsTo(world.siti)).toEqual([]);
  });
});

/** A deposit recorded directly (not through the bot), at `at`. */
async function seedDeposit(world: Awaited<ReturnType<typeof bankWorld>>, who: Person, lines: [TypeKey, number][], at: Date, key: string) {
  return recordDeposit(database.db, await actorOf(world.sari), { wasteBankId: world.bank.id, personId: who.personId, lines: lines.map(([type, quantity]) => ({ wasteTypeId: world.types[type].id, quantity })), requestKey: key }, at);
}

describe("/tarik", () => {
  it("pays out at most the balance, refusing more with the balance, and sends the receipt", async () => {
    const world = await bankWorld();
    const { sari, siti } = world;
    const code = memberCode(siti.personId);
    await seedDeposit(world, siti, [["kardus", 10_000]], new Date("2026-11-20T03:00:00Z"), "seed:1"); // Rp 18.000
    await harness.send(sari, "/tarik");
    expect(harness.lastText(sari)).toBe(ASK_HOLDER);
    await expectRefused(sari, searchRefusals());
    await harness.send(sari, "sit");
    await harness.press(sari, "Siti");
    expect(harness.lastText(sari)).toBe('Saldo Siti: Rp 18.000. Berapa yang ditarik? Tulis misalnya "50.000" atau "50 rb".');
    const before = await stored();
    const outOfRange = "Jumlahnya harus antara Rp 1 dan Rp 100.000.000.";
    const overBalance = "Saldo tidak cukup: saldo saat ini Rp 18.000. Penarikan tidak boleh melebihi saldo.";
    await expectRefused(sari, [
      ["", EMPTY],
      [LONG, MONEY_UNRECOGNISED],
      ["😀", MONEY_UNRECOGNISED],
      ["-5000", outOfRange],
      ["0", outOfRange],
      ["12,500", 'Untuk ribuan pakai titik, bukan koma: tulis "12.500", bukan "12,500".'],
      ["12,5", 'Rupiah tidak memakai sen. Tulis angka bulat, misalnya "12.500".'],
      [SQLISH, MONEY_UNRECOGNISED],
      ["20.000", overBalance],
      ["18.001", overBalance],
      ["999 jt", outOfRange],
    ]);
    expect(await stored()).toEqual(before);
    await harness.send(sari, "Rp 10.000,-");
    expect(harness.lastText(sari)).toBe("Tarik Rp 10.000 dari tabungan Siti?\nSaldo sekarang Rp 18.000, sesudahnya Rp 8.000.");
    await harness.press(sari, "Catat penarikan");
    const receipt = [
      "🧾 Bukti penarikan Bank Sampah Sipin Bersih",
      `No. 2 · ${DEPOSIT_WHEN}`,
      `Nasabah: Siti (${code})`,
      "Ditarik: Rp 10.000",
      "Saldo sekarang: Rp 8.000",
      "Petugas: Sari",
    ].join("\n");
    expect(harness.lastText(sari)).toBe(["✅ Penarikan Siti tersimpan. Serahkan uangnya sesuai bukti di bawah.", "", receipt, "", "Bukti sudah dikirim ke Siti lewat pesan pribadi."].join("\n"));
    expect((await ledgerRows()).map((entry) => [entry.kind, entry.amount, entry.recordedBy])).toEqual([["deposit", 18000, sari.personId], ["withdrawal", -10000, sari.personId]]);
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: siti.personId })).toBe(8000);
    expect((await receiptsTo(siti)).map((row) => (row.payload as { text: string }).text)).toEqual([receipt]);
    expect(sentTextsTo(siti.id)).toEqual([receipt]);

    // Someone else pays Siti out while this form waits at its confirmation: the save is refused.
    await harness.send(sari, "/tarik");
    await harness.send(sari, "siti");
    await harness.press(sari, "Siti");
    await harness.send(sari, "8.000");
    await recordWithdrawal(database.db, await actorOf(sari), { wasteBankId: world.bank.id, personId: siti.personId, amount: 5000, requestKey: "elsewhere:1" }, NOW);
    const raced = await stored();
    await harness.press(sari, "Catat penarikan");
    expect(harness.lastText(sari)).toBe("Saldo tidak cukup: saldo saat ini Rp 3.000. Penarikan tidak boleh melebihi saldo.");
    expect(await stored()).toEqual(raced);
    expect((await auditLedger(database.db)).ok).toBe(true);
  });

  it("serves a resident who moved away, and says so when there is nothing to withdraw", async () => {
    const world = await bankWorld();
    const { sari, budi } = world;
    await harness.send(sari, "/tarik");
    await harness.send(sari, "budi");
    await harness.press(sari, "Budi");
    expect(harness.lastText(sari)).toBe("Saldo Budi Rp 0. Tidak ada yang bisa ditarik.");

    await seedDeposit(world, budi, [["logam", 1000]], new Date("2026-11-20T03:00:00Z"), "seed:budi");
    await database.db.update(membership).set({ status: "left", endedAt: NOW }).where(eq(membership.personId, budi.personId));
    // No new deposits once he has moved…
    await harness.send(sari, "/setor");
    await harness.send(sari, "budi");
    expect(harness.lastText(sari)).toBe("Warga itu sudah tidak tinggal di RT yang dilayani Bank Sampah Sipin Bersih, jadi setoran baru tidak bisa dicatat (tabungannya masih bisa ditarik dengan /tarik). Tulis nama lain.");
    await harness.send(sari, "/batal");
    // …but his savings are still his.
    await harness.send(sari, "/tarik");
    await harness.send(sari, "budi");
    expect(harness.buttons(sari)).toEqual([`Budi · sudah pindah · ${memberCode(budi.personId)}`, "🔎 Cari lagi", "Batal"]);
    await harness.press(sari, "Budi");
    await harness.send(sari, "6 rb");
    await harness.press(sari, "Catat penarikan");
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: budi.personId })).toBe(0);
    // He reads his balance although he is no resident anywhere now.
    await harness.send(budi, "/saldo");
    expect(harness.telegram.textsTo(budi.id).at(-1)).toContain("Saldo: Rp 0");
  });
});

describe("/koreksi", () => {
  const REASON = 'Apa alasannya? Tulis singkat, misalnya "salah timbang, seharusnya 1,5 kg". Alasan ini tercatat selamanya dan dikirim ke warga.';

  async function toReason(officer: TestUser, entryLabel: string) {
    await harness.send(officer, "/koreksi");
    expect(harness.lastText(officer)).toBe(ASK_HOLDER);
    await harness.send(officer, "siti");
    await harness.press(officer, "Siti");
    expect(harness.lastText(officer)).toBe("Transaksi Siti yang mana yang keliru? (10 terakhir yang belum dikoreksi)");
    await harness.press(officer, entryLabel);
    expect(harness.lastText(officer)).toBe(REASON);
  }

  it("reverses a deposit with a reason: balance back, participation taken back, receipt sent; never twice", async () => {
    const world = await bankWorld();
    const { sari, siti } = world;
    const code = memberCode(siti.personId);
    const deposit = await seedDeposit(world, siti, [["kardus", 2500]], new Date("2026-11-21T03:00:00Z"), "seed:1");
    expect(await database.db.select({ revokedAt: participation.revokedAt }).from(participation)).toEqual([{ revokedAt: null }]);
    const label = "21 November 2026 pukul 10.00 WIB · Setoran No. 1 · +Rp 4.500";
    await harness.send(sari, "/koreksi");
    await expectRefused(sari, searchRefusals());
    await harness.send(sari, "/batal");

    await toReason(sari, label);
    await expectRefused(sari, [
      ["", EMPTY],
      [LONG, "Terlalu panjang: paling banyak 200 karakter."],
      ["😀😀😀", "Terlalu pendek: paling sedikit 3 huruf."],
      ["ok", "Terlalu pendek: paling sedikit 3 huruf."],
    ]);
    // Any words will do, and are kept as written (never run).
    await harness.send(sari, SQLISH);
    expect(harness.lastText(sari)).toBe(`Batalkan Setoran No. 1 sebesar Rp 4.500 milik Siti?\nAlasan: ${SQLISH}\nTransaksi aslinya tetap tercatat; yang ditambahkan adalah transaksi koreksi.`);
    const before = await stored();
    await harness.press(sari, "Batal");
    expect(await stored()).toEqual(before);

    await toReason(sari, label);
    await harness.send(sari, "  salah timbang,\n seharusnya 1,5 kg ");
    await harness.press(sari, "Ya, koreksi");
    const receipt = [
      "🧾 Koreksi Bank Sampah Sipin Bersih",
      `No. 2 · ${DEPOSIT_WHEN}`,
      `Nasabah: Siti (${code})`,
      "Setoran No. 1 tanggal 21 November 2026 pukul 10.00 WIB dibatalkan: -Rp 4.500",
      "Alasan: salah timbang, seharusnya 1,5 kg",
      "Saldo sekarang: Rp 0",
      "Petugas: Sari",
    ].join("\n");
    expect(harness.lastText(sari)).toBe(["✅ Koreksi untuk Siti tersimpan.", "", receipt, "", "Bukti sudah dikirim ke Siti lewat pesan pribadi."].join("\n"));
    const entries = await ledgerRows();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ id: deposit.entryId, kind: "deposit", amount: 4500 }); // the original stays as it was
    expect(entries[1]).toMatchObject({ kind: "reversal", amount: -4500, reversesEntryId: deposit.entryId, reason: "salah timbang, seharusnya 1,5 kg", recordedBy: sari.personId });
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: siti.personId })).toBe(0);
    expect((await database.db.select().from(participation))[0]?.revokedAt).toEqual(NOW);
    expect(sentTextsTo(siti.id)).toEqual([receipt]);

    // Nothing left to reverse: a reversal is never reversed, and the deposit only once.
    await harness.send(sari, "/koreksi");
    await harness.send(sari, "siti");
    await harness.press(sari, "Siti");
    expect(harness.lastText(sari)).toBe("Tidak ada transaksi Siti yang bisa dikoreksi.");
    expect(await ledgerRows()).toHaveLength(2);
  });

  it("explains a reversal already made by someone else, or one that would leave the balance negative", async () => {
    const world = await bankWorld();
    const { sari, siti } = world;
    await seedDeposit(world, siti, [["kardus", 2500]], new Date("2026-11-21T03:00:00Z"), "seed:1");
    const second = await seedDeposit(world, siti, [["pet", 1000]], new Date("2026-11-21T04:00:00Z"), "seed:2");

    await toReason(sari, "Setoran No. 2");
    await harness.send(sari, "dobel dicatat");
    await reverseEntry(database.db, await actorOf(sari), { entryId: second.entryId, reason: "dobel", requestKey: "elsewhere:1" }, NOW);
    const raced = await stored();
    await harness.press(sari, "Ya, koreksi");
    expect(harness.lastText(sari)).toBe("Transaksi ini sudah dikoreksi. Satu transaksi hanya bisa dikoreksi sekali.");
    expect(await stored()).toEqual(raced);

    // Rp 4.500 deposited, Rp 4.000 of it paid out: undoing the deposit would leave -Rp 3.500.
    await recordWithdrawal(database.db, await actorOf(sari), { wasteBankId: world.bank.id, personId: siti.personId, amount: 4000, requestKey: "seed:3" }, new Date("2026-11-21T05:00:00Z"));
    const before = await stored();
    await harness.send(sari, "/koreksi");
    await harness.send(sari, "siti");
    await harness.press(sari, "Siti");
    await harness.press(sari, "Setoran No. 1");
    // Told right after the choice, before any reason is typed, with what to do; the form ends.
    expect(harness.lastText(sari)).toBe(
      [
        "⚠️ Pembatalan setoran No. 1 belum bisa dicatat: saldo Siti sekarang Rp 500, kurang dari Rp 4.500 yang akan dibatalkan, karena uangnya sudah ditarik:",
        "• penarikan No. 4 tanggal 21 November 2026 pukul 12.00 WIB: Rp 4.000",
        "Yang bisa dilakukan:",
        "• Bila penarikan itu juga keliru, koreksi penarikannya dulu dengan /koreksi.",
        "• Bila tidak, tunggu setoran Siti berikutnya: setelah saldonya cukup, kirim /koreksi lagi.",
        "• Atau selesaikan selisihnya langsung dengan Siti dan beri tahu ketua RT.",
        "Belum ada yang dicatat.",
      ].join("\n"),
    );
    await harness.send(sari, "salah orang");
    expect(harness.lastText(sari)).not.toContain("Batalkan");
    expect(await stored()).toEqual(before);
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: siti.personId })).toBe(500);
    // The guard under the lock stays: a reversal asked of the service directly is still refused.
    await expect(reverseEntry(database.db, await actorOf(sari), { entryId: 1, reason: "salah orang", requestKey: "direct:1" }, NOW)).rejects.toMatchObject({ code: "reversal-exceeds-balance" });
  });

  it("reverses one wrong line of a deposit: that line's value only, the receipt names the line, once per form, each line once", async () => {
    const world = await bankWorld();
    const { sari, siti, kurnia } = world;
    const code = memberCode(siti.personId);
    // 2 kg plastik campur (should have been 1,2 kg) and 2,5 kg kardus: Rp 2.000 + Rp 4.500.
    const deposit = await seedDeposit(world, siti, [["campur", 2000], ["kardus", 2500]], new Date("2026-11-21T03:00:00Z"), "seed:1");
    await harness.send(sari, "/koreksi");
    await harness.send(sari, "siti");
    await harness.press(sari, "Siti");
    await harness.press(sari, "Setoran No. 1");
    expect(harness.lastText(sari)).toBe("Setoran No. 1 berisi beberapa baris. Batalkan seluruhnya, atau hanya baris yang keliru?");
    expect(harness.buttons(sari)).toEqual([
      "Seluruh setoran No. 1 (Rp 6.500)",
      "Baris 1: Plastik campur: 2 kg × Rp 1.000/kg = Rp 2.000",
      "Baris 2: Kardus: 2,5 kg × Rp 1.800/kg = Rp 4.500",
      "Batal",
    ]);
    const lineList = shownWith(sari, "berisi beberapa baris");
    // A forged line (none such) and a text answer are not answers; nothing is stored.
    const before = await stored();
    const forged = await pressData(harness, sari, bankPick.data({ list: "line", choice: "item", item: 9 }), lineList.messageId);
    expect(callbackAnswerTo(harness.telegram, forged)).toEqual(expect.objectContaining({ text: STALE }));
    await harness.send(sari, "baris 1");
    expect(harness.lastText(sari)).toBe("Silakan pilih dengan tombol di atas, atau kirim /batal untuk berhenti.");
    expect(await stored()).toEqual(before);

    await pressOn(harness, sari, lineList, "Baris 1");
    expect(harness.lastText(sari)).toBe('Apa alasannya? Tulis singkat, misalnya "salah timbang, seharusnya 1,5 kg". Alasan ini tercatat selamanya dan dikirim ke warga.');
    await harness.send(sari, "salah timbang, seharusnya 1,2 kg");
    expect(harness.lastText(sari)).toBe(
      [
        "Batalkan baris 1 setoran No. 1 milik Siti?",
        "• Plastik campur: 2 kg × Rp 1.000/kg = Rp 2.000",
        "Nilai yang dibatalkan: Rp 2.000",
        "Alasan: salah timbang, seharusnya 1,2 kg",
        "Transaksi aslinya tetap tercatat; yang ditambahkan adalah transaksi koreksi untuk baris ini saja.",
      ].join("\n"),
    );
    const confirm = shownWith(sari, "Batalkan baris 1");
    const save = await pressOn(harness, sari, confirm, "Ya, koreksi");
    await harness.deliver(harness.callbackUpdate(sari, save.callback_query!.data!, confirm.messageId)); // double tap
    await database.db.delete(processedUpdate);
    await harness.deliver(save); // redelivered
    const receipt = [
      "🧾 Koreksi Bank Sampah Sipin Bersih",
      `No. 2 · ${DEPOSIT_WHEN}`,
      `Nasabah: Siti (${code})`,
      "Dibatalkan: baris 1 setoran No. 1 tanggal 21 November 2026 pukul 10.00 WIB",
      "• Plastik campur: 2 kg × Rp 1.000/kg = Rp 2.000",
      "Nilai koreksi: -Rp 2.000",
      "Alasan: salah timbang, seharusnya 1,2 kg",
      "Saldo sekarang: Rp 4.500",
      "Petugas: Sari",
    ].join("\n");
    expect(sentTextsTo(siti.id)).toEqual([receipt]);
    expect(harness.telegram.textsTo(sari.id).some((text) => text.startsWith("✅ Koreksi untuk Siti tersimpan.") && text.includes(receipt))).toBe(true);
    let entries = await ledgerRows();
    expect(entries.map((entry) => [entry.kind, entry.amount, entry.reversesEntryId, entry.reversesLineNo])).toEqual([["deposit", 6500, null, null], ["reversal", -2000, deposit.entryId, 1]]);
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: siti.personId })).toBe(4500);
    // One line still stands: the deposit still counts as taking part.
    expect((await database.db.select().from(participation))[0]?.revokedAt).toBeNull();
    expect((await auditLedger(database.db)).ok).toBe(true);

    // Refusals of the service: the same line again, the whole deposit now, a line that is not there, another bank's officer.
    const sariActor = await actorOf(sari);
    await expect(reverseEntry(database.db, sariActor, { entryId: deposit.entryId, lineNo: 1, reason: "lagi", requestKey: "x:1" }, NOW)).rejects.toMatchObject({ code: "entry-already-reversed" });
    await expect(reverseEntry(database.db, sariActor, { entryId: deposit.entryId, reason: "semua", requestKey: "x:2" }, NOW)).rejects.toMatchObject({ code: "entry-partly-reversed" });
    await expect(reverseEntry(database.db, sariActor, { entryId: deposit.entryId, lineNo: 7, reason: "tidak ada", requestKey: "x:3" }, NOW)).rejects.toMatchObject({ code: "entry-line-not-found" });
    await expect(reverseEntry(database.db, await actorOf(kurnia), { entryId: deposit.entryId, lineNo: 2, reason: "bank lain", requestKey: "x:4" }, NOW)).rejects.toMatchObject({ code: "not-allowed" });

    // The deposit is offered again, with only the line left (no "whole" any more).
    await harness.send(sari, "/koreksi");
    await harness.send(sari, "siti");
    await harness.press(sari, "Siti");
    await harness.press(sari, "Setoran No. 1");
    expect(harness.buttons(sari)).toEqual(["Baris 2: Kardus: 2,5 kg × Rp 1.800/kg = Rp 4.500", "Batal"]);
    // The first form's line button is stale now.
    const stale = await pressData(harness, sari, bankPick.data({ list: "line", choice: "item", item: 1 }), lineList.messageId);
    expect(callbackAnswerTo(harness.telegram, stale)).toEqual(expect.objectContaining({ text: STALE }));
    await harness.press(sari, "Baris 2");
    await harness.send(sari, "bukan milik Siti");
    // Reversed elsewhere meanwhile: the confirmation explains it and stores nothing.
    await reverseEntry(database.db, sariActor, { entryId: deposit.entryId, lineNo: 2, reason: "dobel", requestKey: "elsewhere:1" }, NOW);
    const raced = await stored();
    await harness.press(sari, "Ya, koreksi");
    expect(harness.lastText(sari)).toBe("Transaksi ini sudah dikoreksi. Satu transaksi hanya bisa dikoreksi sekali.");
    expect(await stored()).toEqual(raced);
    entries = await ledgerRows();
    expect(entries).toHaveLength(3);
    // Every line reversed: participation taken back, nothing left to correct.
    expect((await database.db.select().from(participation))[0]?.revokedAt).toEqual(NOW);
    await harness.send(sari, "/koreksi");
    await harness.send(sari, "siti");
    await harness.press(sari, "Siti");
    expect(harness.lastText(sari)).toBe("Tidak ada transaksi Siti yang bisa dikoreksi.");
    expect((await auditLedger(database.db)).ok).toBe(true);
  });
});

describe("/banksampah for residents", () => {
  it("shows a resident their bank's prices and its month (totals, per type, their own entries only), paging back to when it opened", async () => {
    const world = await bankWorld();
    const { sari, siti, budi, andi, bank, otherBank } = world;
    await seedDeposit(world, siti, [["kertas", 2000]], new Date("2026-10-10T03:00:00Z"), "s:1"); // Rp 3.000 in October
    await seedDeposit(world, siti, [["kardus", 2500]], new Date("2026-11-20T03:00:00Z"), "s:2"); // Rp 4.500
    await seedDeposit(world, budi, [["pet", 1000]], new Date("2026-11-20T04:00:00Z"), "s:3"); // Rp 3.000, Budi's
    await recordWithdrawal(database.db, await actorOf(sari), { wasteBankId: bank.id, personId: siti.personId, amount: 1000, requestKey: "s:4" }, new Date("2026-11-21T03:00:00Z"));

    await harness.send(siti, "/banksampah");
    expect(harness.lastText(siti)).toBe(
      [
        "Harga di Bank Sampah Sipin Bersih saat ini:",
        "• Plastik PET (botol): Rp 3.000/kg",
        "• Plastik campur: Rp 1.000/kg",
        "• Kardus: Rp 1.800/kg",
        "• Kertas: Rp 1.500/kg",
        "• Logam / kaleng: Rp 6.000/kg",
        "• Besi: Rp 3.500/kg",
        "• Kaca / botol: Rp 300/kg",
        "• Minyak jelantah: Rp 5.000/liter",
        "",
        "Harga untuk sampah yang sudah terpilah dan bersih. Laporan bulan ini ada di tombol di bawah.",
      ].join("\n"),
    );
    expect(harness.buttons(siti)).toEqual(["📄 Bulan ini"]);
    await harness.press(siti, "Bulan ini");
    const november = harness.lastText(siti);
    expect(november).toBe(
      [
        "📊 Bank Sampah Sipin Bersih · November 2026",
        "Setoran: 2 transaksi, Rp 7.500",
        "Penarikan: 1 transaksi, Rp 1.000",
        "Koreksi: 0 entri, Rp 0",
        "Tabungan seluruh nasabah akhir bulan: Rp 9.500",
        "",
        "Sampah terkumpul (bersih, setelah koreksi):",
        "• Plastik PET (botol): 1 kg · Rp 3.000",
        "• Kardus: 2,5 kg · Rp 4.500",
        "",
        "Transaksi Anda:",
        "• 20 November 2026 pukul 10.00 WIB · Setoran No. 2 · +Rp 4.500",
        "• 21 November 2026 pukul 10.00 WIB · Penarikan No. 4 · -Rp 1.000",
        "Saldo Anda akhir bulan: Rp 6.500",
      ].join("\n"),
    );
    // Never another resident's name or balance.
    expect(november).not.toContain("Budi");
    expect(harness.buttons(siti)).toEqual(["◀ Oktober 2026", "🏷 Harga sampah"]);
    await harness.press(siti, "Oktober 2026");
    expect(harness.lastText(siti)).toContain("📊 Bank Sampah Sipin Bersih · Oktober 2026\nSetoran: 1 transaksi, Rp 3.000");
    expect(harness.lastText(siti)).toContain("• Kertas: 2 kg · Rp 3.000");
    expect(harness.buttons(siti)).toEqual(["◀ September 2026", "November 2026 ▶", "🏷 Harga sampah"]);
    await harness.press(siti, "September 2026");
    // The bank opened in September: no further back.
    expect(harness.buttons(siti)).toEqual(["Oktober 2026 ▶", "🏷 Harga sampah"]);
    await harness.press(siti, "Harga sampah");
    expect(harness.lastText(siti)).toContain("Harga di Bank Sampah Sipin Bersih saat ini:");

    // A resident of another bank's RT, forged ids and months: refused, nothing shown, nothing stored.
    const before = await stored();
    const sent = sentTextsTo(siti.id).length;
    for (const data of [bankBookMonth.data({ bank: bank.id, month: "2026-11" }), bankBookPrices.data({ bank: bank.id }), bankBookMonth.data({ bank: 999, month: "2026-11" })]) {
      const press = await pressData(harness, andi, data);
      expect(callbackAnswerTo(harness.telegram, press)).toEqual(expect.objectContaining({ text: NOT_ALLOWED }));
    }
    for (const month of ["2099-01", "2026-08"]) {
      const press = await pressData(harness, siti, bankBookMonth.data({ bank: bank.id, month }));
      expect(callbackAnswerTo(harness.telegram, press)).toEqual(expect.objectContaining({ text: NOT_ALLOWED }));
    }
    const badMonth = await pressData(harness, siti, bankBookMonth.data({ bank: bank.id, month: "2026-13" }));
    expect(callbackAnswerTo(harness.telegram, badMonth)?.show_alert).toBe(true);
    const garbled = await pressData(harness, siti, `${bankBookMonth.prefix}:${bank.id}:'; drop table x;--`);
    expect(callbackAnswerTo(harness.telegram, garbled)).toEqual(expect.objectContaining({ text: STALE }));
    // Nothing new said to Siti, and her screen still shows the prices.
    expect(sentTextsTo(siti.id)).toHaveLength(sent);
    expect(shownMessages(harness.telegram, siti.id).at(-1)?.text).toContain("Harga di Bank Sampah Sipin Bersih saat ini:");
    expect(await stored()).toEqual(before);
    // Andi reads his own bank; a newcomer is told to register.
    await harness.send(andi, "/banksampah");
    expect(harness.lastText(andi)).toContain("Harga di Bank Sampah Kenali saat ini:");
    expect(harness.buttons(andi)).toEqual(["📄 Bulan ini"]);
    await harness.press(andi, "Bulan ini");
    expect(harness.lastText(andi)).toContain("Transaksi Anda:\nAnda belum punya tabungan di bank sampah ini.");
    expect(otherBank.id).not.toBe(bank.id);
    const stranger = newUser("Asing");
    await harness.send(stranger, "/banksampah");
    expect(harness.lastText(stranger)).toBe(STRANGER);
  });

  it("serves a saver who moved away their bank's month; someone with no RT and no savings is told how to join", async () => {
    const world = await bankWorld();
    const { budi, rt6 } = world;
    await seedDeposit(world, budi, [["pet", 1000]], new Date("2026-11-20T04:00:00Z"), "b:1");
    await database.db.update(membership).set({ status: "left", endedAt: harness.now, endReason: "left" }).where(eq(membership.rtId, rt6.id));
    await harness.send(budi, "/banksampah");
    expect(harness.lastText(budi)).toContain("Harga di Bank Sampah Sipin Bersih saat ini:");
    await harness.press(budi, "Bulan ini");
    expect(harness.lastText(budi)).toContain("📊 Bank Sampah Sipin Bersih · November 2026");
    expect(harness.lastText(budi)).toContain("Transaksi Anda:\n• 20 November 2026 pukul 11.00 WIB · Setoran No. 1 · +Rp 3.000");
    const stranger = newUser("Asing");
    await addPerson(database.db, stranger);
    await harness.send(stranger, "/banksampah");
    expect(harness.lastText(stranger)).toBe(STRANGER);
  });
});

const STRANGER = "Anda belum terdaftar di RT mana pun dan belum punya tabungan di bank sampah. Kirim /start untuk mendaftar ke RT Anda.";

describe("/saldo", () => {
  it("shows the balance and last entries in WIB, and monthly statements cut at WIB midnight", async () => {
    const world = await bankWorld();
    const { sari, siti } = world;
    await seedDeposit(world, siti, [["kardus", 1000]], new Date("2026-09-15T03:00:00Z"), "s:1"); // 15 Sep 10.00 WIB: Rp 1.800
    await seedDeposit(world, siti, [["kertas", 2000]], new Date("2026-10-31T16:30:00Z"), "s:2"); // 31 Oct 23.30 WIB: Rp 3.000
    await seedDeposit(world, siti, [["pet", 1000]], new Date("2026-10-31T17:30:00Z"), "s:3"); // 1 Nov 00.30 WIB (still 31 Oct in UTC): Rp 3.000
    await recordWithdrawal(database.db, await actorOf(sari), { wasteBankId: world.bank.id, personId: siti.personId, amount: 2000, requestKey: "s:4" }, new Date("2026-11-20T03:00:00Z"));
    const slip = await seedDeposit(world, siti, [["kardus", 1000]], new Date("2026-11-21T03:00:00Z"), "s:5");
    await reverseEntry(database.db, await actorOf(sari), { entryId: slip.entryId, reason: "salah orang", requestKey: "s:6" }, new Date("2026-11-21T04:00:00Z"));

    await harness.send(siti, "/saldo");
    expect(harness.lastText(siti)).toBe(
      [
        "💰 Tabungan Anda di Bank Sampah Sipin Bersih",
        "Saldo: Rp 5.800",
        "Transaksi terakhir (6):",
        "• 21 November 2026 pukul 11.00 WIB · Koreksi No. 6 · -Rp 1.800 (membatalkan No. 5)",
        "• 21 November 2026 pukul 10.00 WIB · Setoran No. 5 · +Rp 1.800 (sudah dikoreksi)",
        "• 20 November 2026 pukul 10.00 WIB · Penarikan No. 4 · -Rp 2.000",
        "• 1 November 2026 pukul 00.30 WIB · Setoran No. 3 · +Rp 3.000",
        "• 31 Oktober 2026 pukul 23.30 WIB · Setoran No. 2 · +Rp 3.000",
        "• 15 September 2026 pukul 10.00 WIB · Setoran No. 1 · +Rp 1.800",
        "",
        "Laporan bulanan:",
      ].join("\n"),
    );
    expect(harness.buttons(siti)).toEqual(["📄 Bulan ini", "📄 Bulan lalu", "September 2026"]);

    await harness.press(siti, "Bulan lalu");
    expect(harness.lastText(siti)).toBe(
      [
        "📄 Laporan tabungan Bank Sampah Sipin Bersih",
        "Oktober 2026",
        "Saldo awal: Rp 1.800",
        "• 31 Oktober 2026 pukul 23.30 WIB · Setoran No. 2 · +Rp 3.000",
        "",
        "Setoran: Rp 3.000",
        "Penarikan: Rp 0",
        "Koreksi: Rp 0",
        "Saldo akhir: Rp 4.800",
      ].join("\n"),
    );
    await harness.press(siti, "Bulan ini");
    expect(harness.lastText(siti)).toBe(
      [
        "📄 Laporan tabungan Bank Sampah Sipin Bersih",
        "November 2026",
        "Saldo awal: Rp 4.800",
        "• 1 November 2026 pukul 00.30 WIB · Setoran No. 3 · +Rp 3.000",
        "• 20 November 2026 pukul 10.00 WIB · Penarikan No. 4 · -Rp 2.000",
        "• 21 November 2026 pukul 10.00 WIB · Setoran No. 5 · +Rp 1.800 (sudah dikoreksi)",
        "• 21 November 2026 pukul 11.00 WIB · Koreksi No. 6 · -Rp 1.800 (membatalkan No. 5)",
        "",
        "Setoran: Rp 4.800",
        "Penarikan: Rp 2.000",
        "Koreksi: -Rp 1.800",
        "Saldo akhir: Rp 5.800",
      ].join("\n"),
    );
    await harness.press(siti, "September 2026");
    expect(harness.lastText(siti)).toContain("Saldo awal: Rp 0\n• 15 September 2026 pukul 10.00 WIB · Setoran No. 1 · +Rp 1.800");
    expect(harness.lastText(siti)).toContain("Saldo akhir: Rp 1.800");

    // Only one's own accounts: another bank, a month that does not exist.
    for (const data of [saldo.data({ bank: world.otherBank.id, month: "2026-11" }), saldo.data({ bank: world.bank.id, month: "2026-13" })]) {
      const tap = await pressData(harness, siti, data);
      expect(callbackAnswerTo(harness.telegram, tap)).toEqual(expect.objectContaining({ text: "Laporan ini tidak tersedia.", show_alert: true }));
    }
    const budisTap = await pressData(harness, world.budi, saldo.data({ bank: world.bank.id, month: "2026-11" }));
    expect(callbackAnswerTo(harness.telegram, budisTap)?.text).toBe("Laporan ini tidak tersedia.");
  });

  it("answers kindly those without savings, and speaks the resident's language", async () => {
    const world = await bankWorld();
    await harness.send(world.andi, "/saldo");
    expect(harness.lastText(world.andi)).toBe("Anda belum punya tabungan di bank sampah. Bawa sampah terpilah ke petugas bank sampah RT Anda untuk mulai menabung.");
    const stranger = newUser("Asing");
    await harness.send(stranger, "/saldo");
    expect(harness.lastText(stranger)).toBe("Anda belum punya tabungan di bank sampah. Tabungan dibuka saat warga RT yang punya bank sampah menyetor sampah; kirim /start untuk mendaftar ke RT Anda.");

    await setLocale(database.db, world.budi.id, "en", harness.now);
    await startDeposit(world.sari, "budi", "Budi");
    await addLine(world.sari, "Kardus", "2,5");
    await harness.press(world.sari, "Tambah jenis");
    await addLine(world.sari, "Minyak", "750 ml");
    await harness.press(world.sari, "Simpan");
    expect(sentTextsTo(world.budi.id)).toEqual([
      [
        "🧾 Deposit receipt, Bank Sampah Sipin Bersih",
        "No. 1 · 22 November 2026 at 10:00 WIB",
        `Customer: Budi (${memberCode(world.budi.personId)})`,
        "• Kardus: 2.5 kg × Rp 1,800/kg = Rp 4,500",
        "• Minyak jelantah: 750 ml × Rp 5,000/liter = Rp 3,750",
        "Total: Rp 8,250",
        "Balance now: Rp 8,250",
        "Officer: Sari",
        "",
        "🌿 Counted for B3: 2% of RT 06's households did gotong royong or used the waste bank in the last 28 days; the target for 2 (good) is 60%, not reached yet.",
      ].join("\n"),
    ]);
    await harness.send(world.budi, "/saldo");
    expect(harness.lastText(world.budi)).toBe(
      ["💰 Your savings at Bank Sampah Sipin Bersih", "Balance: Rp 8,250", "Latest transactions (1):", "• 22 November 2026 at 10:00 WIB · Deposit No. 1 · +Rp 8,250", "", "Monthly statements:"].join("\n"),
    );
  });
});

describe("/harga", () => {
  const LIST_TITLE = "Harga di Bank Sampah Sipin Bersih saat ini:";

  it("changes prices now or from later; new deposits use the new price, earlier lines keep theirs", async () => {
    const world = await bankWorld();
    const { sari, siti, types } = world;
    const earlier = await seedDeposit(world, siti, [["kardus", 2500]], new Date("2026-11-22T02:00:00Z"), "seed:1");

    await harness.send(sari, "/harga");
    expect(harness.lastText(sari)).toBe(
      [
        LIST_TITLE,
        "• Plastik PET (botol): Rp 3.000/kg",
        "• Plastik campur: Rp 1.000/kg",
        "• Kardus: Rp 1.800/kg",
        "• Kertas: Rp 1.500/kg",
        "• Logam / kaleng: Rp 6.000/kg",
        "• Besi: Rp 3.500/kg",
        "• Kaca / botol: Rp 300/kg",
        "• Minyak jelantah: Rp 5.000/liter",
      ].join("\n"),
    );
    expect(harness.buttons(sari)).toEqual(["✏️ Ubah harga", "➕ Tambah jenis", "🗑 Hentikan jenis", "📜 Riwayat harga", "Selesai"]);
    await harness.press(sari, "Ubah harga");
    await harness.press(sari, "Kardus");
    expect(harness.lastText(sari)).toBe('Berapa harga baru Kardus per kg? Sekarang Rp 1.800/kg. Tulis misalnya "2.000" atau "Rp 2.000".');
    const before = await stored();
    await expectRefused(sari, [
      ["", EMPTY],
      [LONG, MONEY_UNRECOGNISED],
      ["😀", MONEY_UNRECOGNISED],
      ["-100", "Jumlahnya harus antara Rp 0 dan Rp 10.000.000."],
      ["20 jt", "Jumlahnya harus antara Rp 0 dan Rp 10.000.000."],
      ["2,5", 'Rupiah tidak memakai sen. Tulis angka bulat, misalnya "12.500".'],
      ["12,500", 'Untuk ribuan pakai titik, bukan koma: tulis "12.500", bukan "12,500".'],
      [SQLISH, MONEY_UNRECOGNISED],
    ]);
    await harness.send(sari, "Rp 2.000");
    expect(harness.lastText(sari)).toBe('Berlaku mulai kapan? Pilih tombol, atau tulis tanggalnya (misalnya "tanggal 1" atau "Senin 08.00").');
    expect(harness.buttons(sari)).toEqual(["Mulai sekarang", "Mulai besok 00.00 WIB"]);
    await expectRefused(sari, [
      ["", 'Tulis tanggal dan jamnya, misalnya "Minggu 07.00" atau "7/12 19.30".'],
      ["😀", 'Maaf, tanggal atau jam itu tidak saya kenali. Contoh: "Minggu 07.00", "besok jam 7 pagi", "7 Des 2026 19.30".'],
      [LONG, 'Terlalu panjang. Tulis singkat saja, misalnya "Minggu 07.00".'],
      [SQLISH, 'Maaf, tanggal atau jam itu tidak saya kenali. Contoh: "Minggu 07.00", "besok jam 7 pagi", "7 Des 2026 19.30".'],
    ]);
    expect(await stored()).toEqual(before);
    await harness.press(sari, "Mulai sekarang");
    const texts = harness.telegram.textsTo(sari.id);
    expect(texts.at(-2)).toBe("✅ Harga Kardus sekarang Rp 2.000/kg, berlaku sejak 22 November 2026 pukul 10.00 WIB. Setoran sebelumnya tetap memakai harga lama.");
    expect(harness.lastText(sari)).toContain("• Kardus: Rp 2.000/kg");

    await harness.press(sari, "Ubah harga");
    await harness.press(sari, "Plastik PET");
    await harness.send(sari, "3.500");
    await harness.press(sari, "Mulai besok");
    expect(harness.telegram.textsTo(sari.id).at(-2)).toBe("✅ Harga Plastik PET (botol) menjadi Rp 3.500/kg mulai 23 November 2026 pukul 00.00 WIB. Sampai saat itu harga lama tetap berlaku.");
    expect(harness.lastText(sari)).toContain("• Plastik PET (botol): Rp 3.000/kg, menjadi Rp 3.500/kg mulai 23 November 2026 pukul 00.00 WIB");

    await harness.press(sari, "Ubah harga");
    await harness.press(sari, "Kertas");
    await harness.send(sari, "1.600");
    await harness.send(sari, "1/12");
    expect(harness.telegram.textsTo(sari.id).at(-2)).toBe("✅ Harga Kertas menjadi Rp 1.600/kg mulai 1 Desember 2026 pukul 00.00 WIB. Sampai saat itu harga lama tetap berlaku.");

    await harness.press(sari, "Riwayat harga");
    await harness.press(sari, "Kertas");
    expect(harness.telegram.textsTo(sari.id).at(-2)).toBe(
      ["Riwayat harga Kertas:", "• Rp 1.600/kg mulai 1 Desember 2026 pukul 00.00 WIB (dijadwalkan)", "• Rp 1.500/kg mulai 1 September 2026 pukul 07.00 WIB"].join("\n"),
    );
    await harness.press(sari, "Selesai");
    expect(harness.lastText(sari)).toBe("Selesai. Kirim /harga lagi kapan saja.");

    await startDeposit(sari, "siti", "Siti");
    await addLine(sari, "Kardus", "2,5");
    await harness.press(sari, "Tambah jenis");
    await addLine(sari, "Plastik PET", "1");
    expect(harness.lastText(sari)).toContain("1. Kardus: 2,5 kg × Rp 2.000/kg = Rp 5.000\n2. Plastik PET (botol): 1 kg × Rp 3.000/kg = Rp 3.000\nTotal: Rp 8.000");
    await harness.press(sari, "Simpan");

    // The next morning the scheduled price is in force.
    harness.now = new Date("2026-11-23T01:00:00Z");
    await startDeposit(sari, "siti", "Siti");
    await addLine(sari, "Plastik PET", "1");
    await harness.press(sari, "Simpan");

    const lines = await database.db.select().from(depositLine).orderBy(asc(depositLine.entryId), asc(depositLine.lineNo));
    expect(lines.map((line) => [line.entryId, line.wasteTypeId, line.quantity, line.rupiahPerUnit, line.value])).toEqual([
      [earlier.entryId, types.kardus.id, 2500, 1800, 4500],
      [earlier.entryId + 1, types.kardus.id, 2500, 2000, 5000],
      [earlier.entryId + 1, types.pet.id, 1000, 3000, 3000],
      [earlier.entryId + 2, types.pet.id, 1000, 3500, 3500],
    ]);
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: siti.personId })).toBe(4500 + 8000 + 3500);
    // Each line points at the very price row it was valued at.
    const prices = await database.db.select().from(wastePrice).where(eq(wastePrice.wasteTypeId, types.kardus.id)).orderBy(asc(wastePrice.id));
    expect(prices.map((price) => price.rupiahPerUnit)).toEqual([1800, 2000]);
    expect(lines.filter((line) => line.wasteTypeId === types.kardus.id).map((line) => line.priceId)).toEqual([prices[0]!.id, prices[1]!.id]);
  });

  it("adds a type (refusing odd names and a duplicate) and stops one, which deposits no longer offer", async () => {
    const world = await bankWorld();
    const { sari } = world;
    await harness.send(sari, "/harga");
    await harness.press(sari, "Tambah jenis");
    expect(harness.lastText(sari)).toBe('Apa nama jenis sampah yang baru? Misalnya "Botol kaca bening" atau "Aluminium".');
    const placeCharacters = "Gunakan huruf, angka, spasi, dan tanda . , / - # ( ) & : saja (tanpa emoji). Contoh: Pos kamling RT 05.";
    await expectRefused(sari, [
      ["", EMPTY],
      [LONG, "Terlalu panjang: paling banyak 40 karakter."],
      ["Botol kaca bening ukuran besar dari warung", "Terlalu panjang: paling banyak 40 karakter."],
      ["♻️", placeCharacters],
      [SQLISH, placeCharacters],
    ]);
    await harness.send(sari, "Aluminium");
    expect(harness.lastText(sari)).toBe("Aluminium dihargai per apa?");
    await harness.press(sari, "per kg");
    expect(harness.lastText(sari)).toBe('Berapa harga Aluminium per kg? Tulis misalnya "2.500" atau "Rp 2.500".');
    await expectRefused(sari, [
      ["-1", "Jumlahnya harus antara Rp 0 dan Rp 10.000.000."],
      ["", EMPTY],
      [LONG, MONEY_UNRECOGNISED],
      ["😀", MONEY_UNRECOGNISED],
      ["12,5", 'Rupiah tidak memakai sen. Tulis angka bulat, misalnya "12.500".'],
      [SQLISH, MONEY_UNRECOGNISED],
    ]);
    await harness.send(sari, "12.000");
    expect(harness.telegram.textsTo(sari.id).at(-2)).toBe("✅ Aluminium ditambahkan dengan harga Rp 12.000/kg.");
    expect(harness.lastText(sari)).toContain("• Aluminium: Rp 12.000/kg");

    await harness.press(sari, "Tambah jenis");
    await harness.send(sari, "kardus");
    await harness.press(sari, "per kg");
    await harness.send(sari, "100");
    expect(harness.telegram.textsTo(sari.id).at(-2)).toBe('Jenis sampah "kardus" sudah ada di bank sampah ini.');

    await harness.press(sari, "Hentikan jenis");
    await harness.press(sari, "Kaca / botol");
    expect(harness.lastText(sari)).toBe("Hentikan Kaca / botol? Jenis ini tidak bisa dipilih lagi untuk setoran baru; setoran lama tetap tercatat.");
    await harness.press(sari, "Ya, hentikan");
    expect(harness.telegram.textsTo(sari.id).at(-2)).toBe("✅ Kaca / botol tidak lagi dipakai untuk setoran baru.");
    expect(harness.lastText(sari)).not.toContain("Kaca");
    await harness.press(sari, "Selesai");

    const rows = await database.db.select().from(wasteType).where(eq(wasteType.wasteBankId, world.bank.id)).orderBy(asc(wasteType.id));
    expect(rows.map((row) => [row.name, row.unit, row.retiredAt !== null])).toContainEqual(["Aluminium", "kg", false]);
    expect(rows.filter((row) => row.name.toLowerCase() === "kardus")).toHaveLength(1);
    expect(rows.find((row) => row.name === "Kaca / botol")?.retiredAt).toEqual(NOW);

    await startDeposit(sari, "siti", "Siti");
    expect(harness.buttons(sari)).toContain("Aluminium · Rp 12.000/kg");
    expect(harness.buttons(sari).some((label) => label.startsWith("Kaca"))).toBe(false);
    // The other bank's prices are untouched.
    expect((await typesOf(world.otherBank)).kardus.rupiahPerUnit).toBe(1800);
    expect(await database.db.select().from(bankAccount)).toEqual([]);
  });
});

describe("a reply that fails after the save", () => {
  const FAILURE = { error_code: 500, description: "Internal Server Error" };

  /** Presses the first button of `message` (the confirmation) with the reply to it failing; then Telegram redelivers the tap. */
  async function saveWithFailingReply(officer: TestUser, message: ShownMessage, method: string): Promise<Update> {
    const [confirm] = callbackDataOf(message);
    harness.telegram.failNext(method, FAILURE, { chatId: officer.id });
    const save = harness.callbackUpdate(officer, confirm!, message.messageId);
    await expect(harness.deliver(save)).rejects.toThrow();
    return save;
  }

  it("keeps one withdrawal and one queued receipt, and a retry of the same form does not double them", async () => {
    const world = await bankWorld();
    const { sari, siti } = world;
    await seedDeposit(world, siti, [["kardus", 10_000]], new Date("2026-11-20T03:00:00Z"), "seed:1");
    await harness.send(sari, "/tarik");
    await harness.send(sari, "siti");
    await harness.press(sari, "Siti");
    await harness.send(sari, "10.000");
    const save = await saveWithFailingReply(sari, shownWith(sari, "Tarik Rp 10.000"), "sendMessage");
    expect((await ledgerRows()).map((entry) => entry.kind)).toEqual(["deposit", "withdrawal"]);
    expect(await receiptsTo(siti)).toHaveLength(1);

    await harness.deliver(save); // the form goes on at its last step: the same withdrawal, now shown
    expect(harness.lastText(sari)).toMatch(/^✅ Penarikan Siti tersimpan\./);
    expect(await ledgerRows()).toHaveLength(2);
    expect(await receiptsTo(siti)).toHaveLength(1);
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: siti.personId })).toBe(8000);
    expect((await auditLedger(database.db)).ok).toBe(true);
  });

  it("keeps one reversal and one queued receipt, and a retry of the same form does not double them", async () => {
    const world = await bankWorld();
    const { sari, siti } = world;
    await seedDeposit(world, siti, [["kardus", 2500]], new Date("2026-11-21T03:00:00Z"), "seed:1");
    await harness.send(sari, "/koreksi");
    await harness.send(sari, "siti");
    await harness.press(sari, "Siti");
    await harness.press(sari, "Setoran No. 1");
    await harness.send(sari, "salah timbang");
    const save = await saveWithFailingReply(sari, shownWith(sari, "Batalkan Setoran No. 1"), "sendMessage");
    expect((await ledgerRows()).map((entry) => entry.kind)).toEqual(["deposit", "reversal"]);
    expect(await receiptsTo(siti)).toHaveLength(1);

    await harness.deliver(save); // the form goes on at its last step: the same reversal, now shown
    expect(harness.lastText(sari)).toMatch(/^✅ Koreksi untuk Siti tersimpan\./);
    expect(await ledgerRows()).toHaveLength(2);
    expect(await receiptsTo(siti)).toHaveLength(1);
    expect(sentTextsTo(siti.id)).toHaveLength(1);
  });

  it("keeps one appointment and one notice when the redraw after it fails, and the retry tells the officer nothing new", async () => {
    const rt5 = await addRt(database.db, 5);
    const ketuaUser = newUser("Harun");
    await addKetua(database.db, ketuaUser, rt5.id);
    const sari = await member("Sari", rt5.id, "Rumah 1");
    await harness.send(ketuaUser, "/banksampah");
    await harness.send(ketuaUser, "Bank Sampah Melati");
    await harness.press(ketuaUser, "Angkat petugas");
    const picker = shownWith(ketuaUser, "Pilih warga yang diangkat");
    const data = callbackDataOf(picker)[(harness.buttons(ketuaUser)).findIndex((label) => label.startsWith("Sari"))]!;
    harness.telegram.failNext("editMessageText", FAILURE, { chatId: ketuaUser.id });
    const tap = harness.callbackUpdate(ketuaUser, data, picker.messageId);
    await expect(harness.deliver(tap)).rejects.toThrow();
    expect(await database.db.select().from(wasteBankOfficer)).toHaveLength(1);
    expect(await database.db.select().from(outbox).where(eq(outbox.chatId, sari.id))).toHaveLength(1);

    await harness.deliver(tap);
    expect(harness.lastText(ketuaUser)).toContain("• Petugas: Sari");
    expect(await database.db.select().from(wasteBankOfficer)).toHaveLength(1);
    expect(await database.db.select().from(outbox).where(eq(outbox.chatId, sari.id))).toHaveLength(1);
    expect(sentTextsTo(sari.id)).toHaveLength(1);
  });
});
