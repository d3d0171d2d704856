import { processedUpdate, auditLog } from "../../src/db/schema/index.js";
import { describe, expect, it } from "vitest";
import { recordAudit } from "../../src/domain/audit/audit.js";
import { appointOfficer, createWasteBank } from "../../src/domain/bank-sampah/banks.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { auditPage } from "../../src/messages/buttons/audit.js";
import { addAdmin, addKetua, addKoordinator, addMember, addPending, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser, snapshotState } from "../helpers/fixtures.js";
import { callbackAnswerTo, pressData, pressOn, type ShownMessage, shownMessages, TestBot, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Minggu 22 November 2026, 10.00 WIB
const { database, harness } = withTestBot();

const ADMIN_ONLY = "Maaf, perintah ini hanya untuk admin kota.";
const WHEN = "22 November 2026 pukul 10.00 WIB";

async function auditRows() {
  return database.db.select().from(auditLog).orderBy(auditLog.id);
}

function shownWith(user: TestUser, text: string): ShownMessage {
  const found = shownMessages(harness.telegram, user.id).filter((message) => message.text.includes(text)).at(-1);
  if (!found) throw new Error(`no message with "${text}" in chat ${user.id}: ${harness.telegram.textsTo(user.id).join(" | ")}`);
  return found;
}

/** RT 05 with ketua Harun, resident Siti, Dewi waiting; koordinator Yuliana; admin Ahmad. */
async function world() {
  const db = database.db;
  const place = await addRt(db, 5);
  const ketua = newUser("Harun");
  const ketuaIds = await addKetua(db, ketua, place.id);
  const siti = newUser("Siti");
  const sitiIds = await addMember(db, siti, place.id, "Rumah 12");
  const dewi = newUser("Dewi");
  const dewiIds = await addPending(db, dewi, place.id);
  const koordinator = newUser("Yuliana");
  const koordinatorId = await addKoordinator(db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  const admin = newUser("Ahmad");
  await addAdmin(db, admin);
  return { place, ketua, ketuaIds, siti, sitiIds, dewi, dewiIds, koordinator, koordinatorId, admin };
}

describe("/audit", () => {
  it("is refused to everyone but admins, and so are its page buttons", async () => {
    const { ketua, siti, koordinator, dewi } = await world();
    const stranger = newUser("Asing");
    const before = await snapshotState(database.db);
    for (const user of [ketua, siti, koordinator, dewi, stranger]) {
      await harness.send(user, "/audit");
      expect(harness.lastText(user)).toBe(ADMIN_ONLY);
      const forged = await pressData(harness, user, auditPage.data({ page: 1 }));
      expect(callbackAnswerTo(harness.telegram, forged)).toEqual(expect.objectContaining({ text: ADMIN_ONLY, show_alert: true }));
    }
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("shows an approval from the bot once, however often it was tapped or redelivered: who, what, when (WIB)", async () => {
    const { ketua, dewi, dewiIds, ketuaIds, admin, place } = await world();
    await harness.send(ketua, "/anggota");
    const list = shownWith(ketua, "Menunggu persetujuan");
    const tap = await pressOn(harness, ketua, list, "✅ Dewi");
    await harness.deliver(tap); // redelivered: dropped
    await pressOn(harness, ketua, list, "✅ Dewi"); // the second tap of a double tap: already decided
    await database.db.delete(processedUpdate);
    await harness.deliver(tap); // redelivered after the dedupe ledger was pruned
    expect(await auditRows()).toEqual([
      expect.objectContaining({ action: "membership_approved", actorPersonId: ketuaIds.personId, targetPersonId: dewiIds.personId, rtId: place.id, entityId: dewiIds.membershipId }),
    ]);
    expect(harness.telegram.textsTo(dewi.id).filter((text) => text.includes("Selamat"))).toHaveLength(1);

    await harness.send(admin, "/audit");
    expect(harness.lastText(admin)).toBe(
      ["📋 Log audit: 1 catatan, terbaru dulu (halaman 1/1)", "", `• ${WHEN}: Harun menyetujui Dewi sebagai warga (RT 05 Simpang IV Sipin)`].join("\n"),
    );
    expect(() => harness.buttons(admin)).toThrow(); // one page: no buttons
  });

  it("records a KK count change with the count it replaced; the same count again (a double tap, a redelivery) records nothing", async () => {
    const { place, ketua, ketuaIds, admin } = await world();
    await harness.send(ketua, "/jumlahkk 120");
    await harness.send(ketua, "/jumlahkk 120");
    await harness.send(ketua, "/jumlahkk");
    await harness.send(ketua, "95");
    expect(await auditRows()).toEqual([
      expect.objectContaining({ action: "household_count_set", actorPersonId: ketuaIds.personId, rtId: place.id, details: { oldCount: 40, newCount: 120 } }),
      expect.objectContaining({ action: "household_count_set", actorPersonId: ketuaIds.personId, rtId: place.id, details: { oldCount: 120, newCount: 95 } }),
    ]);
    await harness.send(admin, "/audit");
    expect(harness.lastText(admin)).toContain(`• ${WHEN}: Harun mengubah jumlah KK RT dari 120 menjadi 95 (RT 05 Simpang IV Sipin)`);
  });

  it("records a deposit made through /setor once, even when Simpan is tapped twice or redelivered", async () => {
    const { place, koordinator, sitiIds, admin } = await world();
    const db = database.db;
    const bank = await createWasteBank(db, await loadActor(db, koordinator.id, []), { name: "Bank Sampah Melati", rtIds: [place.id] }, new Date("2026-09-01T00:00:00Z"));
    const sari = newUser("Sari");
    const sariIds = await addMember(db, sari, place.id, "Rumah 1");
    await appointOfficer(db, await loadActor(db, koordinator.id, []), { wasteBankId: bank.id, personId: sariIds.personId }, new Date("2026-09-01T00:00:00Z"));
    const appointments = (await auditRows()).length;

    await harness.send(sari, "/setor");
    await harness.send(sari, "siti");
    await harness.press(sari, "Siti");
    await harness.press(sari, "Kardus");
    await harness.send(sari, "2,5");
    const summary = shownWith(sari, "Total: Rp 4.500");
    const save = await pressOn(harness, sari, summary, "Simpan");
    await harness.deliver(save);
    await harness.deliver(harness.callbackUpdate(sari, save.callback_query!.data!, summary.messageId));
    await database.db.delete(processedUpdate);
    await harness.deliver(save);

    const rows = (await auditRows()).slice(appointments);
    expect(rows).toEqual([
      expect.objectContaining({ action: "ledger_deposit", actorPersonId: sariIds.personId, targetPersonId: sitiIds.personId, rtId: place.id, entityType: "ledger_entry", details: { wasteBankId: bank.id, amount: 4500 } }),
    ]);
    await harness.send(admin, "/audit");
    expect(harness.lastText(admin)).toContain(`Sari mencatat setoran No. ${rows[0]!.entityId} sebesar Rp 4.500 untuk Siti (RT 05 Simpang IV Sipin)`);
  });

  it("records a price change from /harga with the old and new price, who, and which bank and type; a new type's first price too", async () => {
    const { place, koordinator, admin } = await world();
    const db = database.db;
    const bank = await createWasteBank(db, await loadActor(db, koordinator.id, []), { name: "Bank Sampah Melati", rtIds: [place.id] }, new Date("2026-09-01T00:00:00Z"));
    const sari = newUser("Sari");
    const sariIds = await addMember(db, sari, place.id, "Rumah 1");
    await appointOfficer(db, await loadActor(db, koordinator.id, []), { wasteBankId: bank.id, personId: sariIds.personId }, new Date("2026-09-01T00:00:00Z"));
    const before = (await auditRows()).length;

    await harness.send(sari, "/harga");
    await harness.press(sari, "Ubah harga");
    await harness.press(sari, "Kardus");
    await harness.send(sari, "2.000");
    await harness.press(sari, "Mulai besok 00.00 WIB");
    expect(harness.telegram.textsTo(sari.id).at(-2)).toContain("✅ Harga Kardus menjadi Rp 2.000/kg");
    await harness.press(sari, "Tambah jenis");
    await harness.send(sari, "Aluminium");
    await harness.press(sari, "per kg");
    await harness.send(sari, "12.000");

    const rows = (await auditRows()).slice(before);
    expect(rows).toEqual([
      expect.objectContaining({
        action: "price_set", actorPersonId: sariIds.personId, entityType: "waste_type", rtId: null,
        details: expect.objectContaining({ wasteBankId: bank.id, oldPrice: 1800, newPrice: 2000, effectiveFrom: "2026-11-22T17:00:00.000Z" }),
      }),
      expect.objectContaining({ action: "price_set", actorPersonId: sariIds.personId, details: expect.objectContaining({ wasteBankId: bank.id, oldPrice: null, newPrice: 12000 }) }),
    ]);
    await harness.send(admin, "/audit");
    const text = harness.lastText(admin);
    expect(text).toContain(`• ${WHEN}: Sari mengubah harga Kardus di Bank Sampah Melati dari Rp 1.800/kg menjadi Rp 2.000/kg, berlaku mulai 23 November 2026 pukul 00.00 WIB`);
    expect(text).toContain(`• ${WHEN}: Sari menetapkan harga awal Aluminium di Bank Sampah Melati: Rp 12.000/kg`);
  });

  it("records an announcement started and stopped from the bot", async () => {
    const { ketua, ketuaIds, admin } = await world();
    harness.drainAfterEachUpdate = false;
    await harness.send(ketua, "/umumkan");
    await harness.send(ketua, "Kerja bakti Minggu 07.00 WIB.");
    const preview = shownWith(ketua, "Kirim pengumuman ini?");
    const send = await pressOn(harness, ketua, preview, "Kirim");
    await pressOn(harness, ketua, preview, "Kirim"); // double tap
    await harness.deliver(send);
    const progress = shownMessages(harness.telegram, ketua.id).at(-1)!;
    await pressOn(harness, ketua, progress, "Hentikan");
    await pressOn(harness, ketua, progress, "Hentikan");
    harness.drainAfterEachUpdate = true;
    await harness.delivery.engine.drain();
    expect((await auditRows()).map((row) => [row.action, row.actorPersonId])).toEqual([["broadcast_started", ketuaIds.personId], ["broadcast_stopped", ketuaIds.personId]]);
    expect(JSON.stringify(await auditRows())).not.toContain("Kerja bakti");

    await harness.send(admin, "/audit");
    const text = harness.lastText(admin);
    expect(text).toContain("Harun mengirim pengumuman ke 1 penerima (RT 05 Simpang IV Sipin)");
    expect(text).toContain("Harun menghentikan pengumuman #1 (RT 05 Simpang IV Sipin)");
    // Latest first.
    expect(text.indexOf("menghentikan")).toBeLessThan(text.indexOf("mengirim"));
  });

  it("pages through the log with ◀ ▶, latest first; an erased person is shown as erased", async () => {
    const { ketuaIds, sitiIds, admin, place, siti } = await world();
    for (let minute = 0; minute < 23; minute++) {
      await recordAudit(database.db, {
        occurredAt: new Date(harness.now.getTime() - (23 - minute) * 60_000), actorPersonId: ketuaIds.personId, action: "role_granted",
        rtId: place.id, targetPersonId: sitiIds.personId, details: { role: minute === 0 ? "ketua_rt" : "petugas" },
      });
    }
    await harness.send(admin, "/audit");
    const lines = () => harness.lastText(admin).split("\n").filter((line) => line.startsWith("• "));
    expect(harness.lastText(admin)).toContain("(halaman 1/3)");
    expect(lines()).toHaveLength(10);
    expect(lines()[0]).toBe("• 22 November 2026 pukul 09.59 WIB: Harun mengangkat Siti sebagai petugas (RT 05 Simpang IV Sipin)");
    expect(harness.buttons(admin)).toEqual(["1/3", "▶"]);

    await harness.press(admin, "▶");
    expect(harness.lastText(admin)).toContain("(halaman 2/3)");
    expect(harness.buttons(admin)).toEqual(["◀", "2/3", "▶"]);
    await harness.press(admin, "▶");
    expect(lines()).toHaveLength(3);
    expect(lines().at(-1)).toBe("• 22 November 2026 pukul 09.37 WIB: Harun mengangkat Siti sebagai ketua RT (RT 05 Simpang IV Sipin)");
    expect(harness.buttons(admin)).toEqual(["◀", "3/3"]);
    // A page past the end (a stale button) shows the last page.
    const { messageId } = harness.telegram.lastKeyboardIn(admin.id);
    await harness.deliver(harness.callbackUpdate(admin, auditPage.data({ page: 9 }), messageId));
    expect(harness.lastText(admin)).toContain("(halaman 3/3)");

    await harness.send(siti, "/hapusdata");
    await harness.press(siti, "Ya, hapus data saya");
    await harness.send(admin, "/audit");
    expect(lines()[0]).toBe(`• ${WHEN}: (data dihapus) menghapus data pribadinya`);
    expect(lines()[1]).toBe("• 22 November 2026 pukul 09.59 WIB: Harun mengangkat (data dihapus) sebagai petugas (RT 05 Simpang IV Sipin)");
    expect(harness.lastText(admin)).not.toContain("Siti");
  });

  it("speaks English to an English-speaking admin, and is empty at first", async () => {
    const admin = newUser("Ahmad");
    const adminEn = { ...newUser("Admin"), language_code: "en" };
    await addAdmin(database.db, admin);
    await harness.send(admin, "/audit");
    expect(harness.lastText(admin)).toBe("Log audit masih kosong.");
    // A bootstrap admin (from config) who has never written before.
    const bootstrap = new TestBot(database.db, { adminTelegramIds: [adminEn.id] });
    await bootstrap.send(adminEn, "/bahasa");
    await bootstrap.press(adminEn, "English");
    await bootstrap.send(adminEn, "/audit");
    expect(bootstrap.lastText(adminEn)).toBe("The audit log is empty.");
  });
});
