import { eq } from "drizzle-orm";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { indicatorScore, processedUpdate, roleAssignment } from "../../src/db/schema/index.js";
import { loadActor } from "../../src/domain/people/actor.js";
import type { RtDetails } from "../../src/domain/rt/rt.js";
import { enterManualScore } from "../../src/domain/scores/manual.js";
import {
  addKetua,
  addKoordinator,
  addMember,
  addRt,
  KECAMATAN_TELANAIPURA,
  KELURAHAN_BULURAN_KENALI,
  KELURAHAN_PAYO_SELINCAH,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
} from "../helpers/fixtures.js";
import { scoreHistory, scoreRt, scoreSave, scoreView } from "../../src/messages/buttons/scores.js";
import { callbackDataOf, pressData, pressOn, shownMessages, type ShownMessage, type TestUser, withTestBot } from "../helpers/test-bot.js";
import { addResidents, everyoneDid, participate, wib } from "../domain/scores/builders.js";

// Wednesday 9 December 2026, 10:00 WIB. The scorecard window is the 28 days before; the trend
// compares 9 Nov–6 Dec (the last 4 complete weeks) with 12 Oct–8 Nov.
const NOW = wib("2026-12-09T10:00");
const RECENT = wib("2026-12-01T08:00");
const EARLIER = wib("2026-10-20T08:00");

const { database, harness } = withTestBot({ now: NOW });

type World = {
  rt05: RtDetails;
  rt07: RtDetails;
  rt09: RtDetails;
  siti: TestUser;
  ketua: TestUser;
  koor: TestUser;
  koorPaalMerah: TestUser;
};

/**
 * RT 05 (49 KK, Kecil): 19 households and Siti did gotong royong this month (20/49 = 40%), Siti
 * also brought waste once and did one more gotong royong; B1 was scored 2 by the koordinator.
 * RT 07 (50 KK, Sedang): 30 households in October, nothing since: fading, and scores 0.
 * RT 09 lies in another kecamatan (Paal Merah).
 */
async function buildWorld(): Promise<World> {
  const rt05 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 49);
  const rt07 = await addRt(database.db, 7, KELURAHAN_BULURAN_KENALI, 50);
  const rt09 = await addRt(database.db, 9, KELURAHAN_PAYO_SELINCAH, 60);
  const siti = newUser("Siti");
  const ketua = newUser("Ketua");
  const koor = newUser("Koor");
  const koorPaalMerah = newUser("Koor Paal");
  const { personId: sitiId } = await addMember(database.db, siti, rt05.id, "Rumah Siti");
  await addKetua(database.db, ketua, rt05.id);
  await addKoordinator(database.db, koor, { kecamatanCode: KECAMATAN_TELANAIPURA });
  await addKoordinator(database.db, koorPaalMerah, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });

  await everyoneDid(database.db, rt05, await addResidents(database.db, 19), "gotong_royong", RECENT);
  await participate(database.db, [
    { rtId: rt05.id, personId: sitiId, kind: "gotong_royong", at: RECENT, household: "Rumah Siti" },
    { rtId: rt05.id, personId: sitiId, kind: "gotong_royong", at: wib("2026-11-22T08:00"), household: "Rumah Siti" },
    { rtId: rt05.id, personId: sitiId, kind: "bank_sampah", at: RECENT, household: "Rumah Siti" },
  ]);
  await everyoneDid(database.db, rt07, await addResidents(database.db, 30), "gotong_royong", EARLIER);

  const koorActor = await loadActor(database.db, koor.id, []);
  await enterManualScore(database.db, koorActor, { rtId: rt05.id, code: "B1", score: 2, note: null, assessedOn: { year: 2026, month: 12, day: 2 } }, wib("2026-12-02T10:00"));
  return { rt05, rt07, rt09, siti, ketua, koor, koorPaalMerah };
}

function textsSince(user: TestUser, from: number): string[] {
  return harness.telegram.textsTo(user.id).slice(from);
}

function answerTo(update: Update): { text?: string; show_alert?: boolean } | undefined {
  const call = harness.telegram.callsOf("answerCallbackQuery").find((candidate) => candidate.payload.callback_query_id === update.callback_query!.id);
  return call?.payload as { text?: string; show_alert?: boolean } | undefined;
}

function shownWith(user: TestUser, fragment: string): ShownMessage {
  const found = shownMessages(harness.telegram, user.id).filter((message) => message.text.includes(fragment)).at(-1);
  if (!found) throw new Error(`no message with "${fragment}"`);
  return found;
}

async function manualRows(rtId: number, code: string) {
  const rows = await database.db.select().from(indicatorScore).where(eq(indicatorScore.rtId, rtId));
  return rows.filter((row) => row.indicatorCode === code);
}

const OUT_OF_SCOPE = "RT ini di luar wilayah tugas Anda.";

describe("/skor", () => {
  it("shows a warga their points with a breakdown and their RT's standing", async () => {
    const world = await buildWorld();
    await harness.send(world.siti, "/skor");
    const text = harness.lastText(world.siti);
    expect(text).toContain("🙋 Poin partisipasi Anda dalam 28 hari terakhir: 8 poin dari 3 kegiatan.");
    expect(text).toContain("Rincian: gotong royong 2× · bank sampah 1×");
    expect(text).toContain(`🏘 RT 05 ${world.rt05.kelurahanName}: nilai 3/24 · 9 belum dinilai, kategori Kecil (kurang dari 50 KK), tren partisipasi naik.`);
    // A warga has nothing to switch to, and no scorecard.
    expect(text).not.toContain("B3 = 1");
  });

  it("shows a ketua RT the scorecard: explanation lines, totals, category and award, trend, the weakest three", async () => {
    const world = await buildWorld();
    await harness.send(world.ketua, "/skor");
    const text = harness.telegram.textsTo(world.ketua.id).join("\n");
    expect(text).toContain(`📋 Kartu nilai Kampung BANTAR — RT 05 Kel. ${world.rt05.kelurahanName}, Kec. ${world.rt05.kecamatanName}`);
    expect(text).toContain("Nilai total: 3/24 · 9 belum dinilai · kategori Kecil (kurang dari 50 KK), 49 KK · hadiah Rp 5.000.000");
    expect(text).toContain("B3 Partisipasi kebersihan: 1\n   ↳ B3 = 1: 40% KK ikut gotong royong atau bank sampah dalam 28 hari terakhir, batas nilai 2 adalah 60%");
    expect(text).toContain("B1 Perumahan sehat dan tertata: 2");
    expect(text).toContain("B2 Sarana lingkungan: —");
    expect(text).toContain("▪️ Bersih: 3/10");
    expect(text).toContain("▪️ Aman: 0/6");
    expect(text).toContain("▪️ Pintar: 0/8");
    expect(text).toContain("9 indikator belum dinilai koordinator (tanda —, tidak ikut dihitung dalam nilai total)");
    expect(text).toContain("📈 Tren partisipasi: naik");
    // Nine empty weeks, the 2% week just above empty, an empty week, the 40% week.
    expect(text).toContain("12 minggu terakhir: ▁▁▁▁▁▁▁▁▁▂▁▄");
    expect(text).toContain("KK ikut per minggu, 4 minggu terakhir: 0% · 2% · 0% · 40%");
    expect(text).toContain(
      "🎯 Tiga indikator terlemah dan saran perbaikannya:\n" +
        "1. B5 Lahan tidur dan TOGA (nilai 0): Manfaatkan lahan tidur untuk kebun TOGA atau kebun sayur bersama.\n" +
        "2. B6 Sanitasi sehat (nilai 0): Pastikan setiap rumah memiliki jamban sehat dan saluran limbah tertutup; kuras selokan secara rutin.\n" +
        "3. B7 Gotong royong (nilai 0): Adakan gotong royong 2 minggu sekali dan ajak paling sedikit 40% KK hadir.",
    );
    // Issue 15's measured indicators explain themselves like the others.
    expect(text).toContain("B5 Lahan tidur dan TOGA: 0\n   ↳ B5 = 0: perawatan kebun/TOGA 0 kali dalam 28 hari terakhir, 0 KK ikut merawat (0% KK); nilai 1 butuh 1 kali dengan 10% KK ikut");
    expect(text).toContain("B6 Sanitasi sehat: 0\n   ↳ B6 = 0: kerja bakti sanitasi 0 kali");
    expect(text).toContain("A7 Adat dan norma hukum: 0\n   ↳ A7 = 0: 0 KK (0% dari jumlah KK) hadir di pengajian, yasinan, karang taruna atau PKK");
    expect(text).toContain("P3 Organisasi sosial dan pemuda: 0\n   ↳ P3 = 0: 0 dari 4 kelompok (pengajian, yasinan, karang taruna, PKK) bertemu");
    expect(text).toContain("P6 Bebas kematian ibu dan balita: 0\n   ↳ P6 = 0: posyandu 0 kali dan senam lansia 0 kali");
    for (const message of harness.telegram.textsTo(world.ketua.id)) expect(message.length).toBeLessThanOrEqual(4096);
    // The ketua is a warga of the RT too: one button away from their own points.
    expect(harness.buttons(world.ketua)).toEqual(["🙋 Poin saya"]);
    await harness.press(world.ketua, "🙋 Poin saya");
    expect(harness.lastText(world.ketua)).toContain("Belum ada kegiatan Anda yang tercatat dalam 28 hari terakhir.");
  });

  it("shows a koordinator the RTs in scope ranked, the fading RT first and marked, and opens a scorecard on a tap", async () => {
    const world = await buildWorld();
    await harness.send(world.koor, "/skor");
    const text = harness.lastText(world.koor);
    const lines = text.split("\n").filter((line) => /^\d+\. /.test(line));
    expect(lines).toEqual([
      `1. ⚠️ RT 07 ${world.rt07.kelurahanName} — 0/22 · 10 belum dinilai · partisipasi 0% · menurun 100%`,
      `2. RT 05 ${world.rt05.kelurahanName} — 3/24 · 9 belum dinilai · partisipasi 40%`,
    ]);
    expect(text).not.toContain("RT 09");
    expect(harness.buttons(world.koor)).toEqual([`⚠️ RT 07 · ${world.rt07.kelurahanName}`, `RT 05 · ${world.rt05.kelurahanName}`]);

    const before = harness.telegram.textsTo(world.koor.id).length;
    await harness.press(world.koor, "RT 07");
    const card = textsSince(world.koor, before).join("\n");
    expect(card).toContain("Nilai total: 0/22 · 10 belum dinilai · kategori Sedang (50–99 KK), 50 KK · hadiah Rp 7.500.000");
    expect(card).toContain("📈 Tren partisipasi: menurun");
    expect(card).toContain("⚠️ Partisipasi 4 minggu terakhir turun 100% dibanding 4 minggu sebelumnya.");
  });

  it("pages a long ranking, each page with its own RT buttons", async () => {
    const koor = newUser("Koor");
    await addKoordinator(database.db, koor, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    for (let number = 1; number <= 10; number += 1) await addRt(database.db, number, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    await harness.send(koor, "/skor");
    expect(harness.lastText(koor)).toContain("📊 Peringkat 10 RT di wilayah Anda");
    expect(harness.lastText(koor).split("\n").filter((line) => /^\d+\. /.test(line))).toHaveLength(8);
    expect(harness.buttons(koor)).toContain("1/2");
    await harness.press(koor, "▶");
    const page = harness.lastText(koor).split("\n").filter((line) => /^\d+\. /.test(line));
    expect(page.map((line) => line.split(" ")[0])).toEqual(["9.", "10."]);
    expect(harness.buttons(koor).filter((label) => label.startsWith("RT "))).toHaveLength(2);
  });

  it("refuses a scorecard outside the presser's reach, whatever the callback data says", async () => {
    const world = await buildWorld();
    const before = harness.telegram.textsTo(world.koorPaalMerah.id).length;
    // A koordinator of another kecamatan forges the button of RT 05.
    const forged = await pressData(harness, world.koorPaalMerah, scoreRt.data({ rt: world.rt05.id }));
    expect(answerTo(forged)).toMatchObject({ text: OUT_OF_SCOPE, show_alert: true });
    const history = await pressData(harness, world.koorPaalMerah, scoreHistory.data({ rt: world.rt05.id, code: "B1" }));
    expect(answerTo(history)).toMatchObject({ text: OUT_OF_SCOPE, show_alert: true });
    expect(textsSince(world.koorPaalMerah, before)).toEqual([]);
    // A ketua may open only their own RT; a warga no scorecard at all.
    const ketuaForged = await pressData(harness, world.ketua, scoreRt.data({ rt: world.rt07.id }));
    expect(answerTo(ketuaForged)).toMatchObject({ text: OUT_OF_SCOPE, show_alert: true });
    const wargaForged = await pressData(harness, world.siti, scoreRt.data({ rt: world.rt05.id }));
    expect(answerTo(wargaForged)).toMatchObject({ text: OUT_OF_SCOPE, show_alert: true });
    const wargaRanking = await pressData(harness, world.siti, scoreView.data({ view: "area" }));
    expect(answerTo(wargaRanking)).toMatchObject({ text: "Maaf, Anda tidak berwenang melakukan ini.", show_alert: true });
    // An RT that does not exist.
    const missing = await pressData(harness, world.koor, scoreRt.data({ rt: 999999 }));
    expect(answerTo(missing)).toMatchObject({ text: "RT tidak ditemukan.", show_alert: true });
  });

  it("is refused to someone who is not yet in an RT", async () => {
    const stranger = newUser("Asing");
    await harness.send(stranger, "/skor");
    expect(harness.lastText(stranger)).toBe("Maaf, perintah ini untuk warga yang sudah terdaftar di RT, ketua RT, koordinator, dan admin kota. Kirim /start untuk mendaftar.");
  });
});

describe("/nilai", () => {
  async function startEntry(user: TestUser, rt: string, indicator: string, score: string): Promise<void> {
    await harness.send(user, "/nilai");
    await harness.press(user, rt);
    await harness.press(user, indicator);
    await harness.press(user, score);
  }

  it("stores a manual score end to end, refusing hostile input at the note and date prompts", async () => {
    const world = await buildWorld();
    await harness.send(world.koor, "/nilai");
    expect(harness.lastText(world.koor)).toBe("RT mana yang akan dinilai?");
    await harness.press(world.koor, "RT 05");
    expect(harness.lastText(world.koor)).toContain("Indikator mana yang dinilai untuk RT 05");
    const labels = harness.buttons(world.koor);
    expect(labels).toContain("B1 Perumahan sehat dan tertata · 2");
    expect(labels).toContain("B2 Sarana lingkungan · —");
    // The eleven measured indicators cannot be entered by hand.
    for (const code of ["B3", "B5", "B6", "B7", "A2", "A5", "A7", "P2", "P3", "P4", "P6"]) expect(labels.some((label) => label.startsWith(`${code} `))).toBe(false);
    await harness.press(world.koor, "B2 Sarana");
    expect(harness.lastText(world.koor)).toContain("B2 — Sarana dan prasarana lingkungan yang memadai\nNilai saat ini: belum dinilai.");
    await harness.press(world.koor, "1 — sedang");

    // The note: blank, far too long, then emoji and SQL-looking text, stored as written.
    await harness.send(world.koor, "   ");
    expect(harness.lastText(world.koor)).toBe("Isian masih kosong. Silakan tulis lagi.");
    await harness.send(world.koor, "x".repeat(5000));
    expect(harness.lastText(world.koor)).toBe("Terlalu panjang: paling banyak 500 karakter.");
    const note = "Drainase tersumbat 🚧'); DROP TABLE indicator_score;--";
    await harness.send(world.koor, note);

    // The date: nonsense, an impossible day, a day to come, an emoji, a flood; then "kemarin".
    await harness.send(world.koor, "besok lusa entah kapan");
    expect(harness.lastText(world.koor)).toContain("Tanggal itu tidak saya kenali.");
    await harness.send(world.koor, "31/02/2026");
    expect(harness.lastText(world.koor)).toBe("Tanggal itu tidak ada di kalender. Contoh: \"7/12\" untuk 7 Desember.");
    await harness.send(world.koor, "2027-01-05");
    expect(harness.lastText(world.koor)).toBe("Tanggal itu belum tiba. Tulis tanggal penilaian yang sudah lewat, atau tekan Hari ini.");
    await harness.send(world.koor, "📅");
    expect(harness.lastText(world.koor)).toContain("Tanggal itu tidak saya kenali.");
    await harness.send(world.koor, "1".repeat(5000));
    expect(harness.lastText(world.koor)).toBe("Terlalu panjang: paling banyak 40 karakter.");
    await harness.send(world.koor, "kemarin");

    expect(harness.lastText(world.koor)).toBe(
      `Simpan penilaian ini?\nRT 05 Kel. ${world.rt05.kelurahanName}\nB2 Sarana lingkungan: 1\nCatatan: ${note}\nTanggal penilaian: Selasa, 8 Desember 2026`,
    );
    expect(await manualRows(world.rt05.id, "B2")).toHaveLength(0);
    await harness.press(world.koor, "Simpan");
    expect(harness.lastText(world.koor)).toBe(`✅ Nilai B2 RT 05 ${world.rt05.kelurahanName} tersimpan: 1 (dinilai Selasa, 8 Desember 2026). Nilai total RT sekarang 4/26 · 8 belum dinilai.`);
    const rows = await manualRows(world.rt05.id, "B2");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 1, note, assessedOn: "2026-12-08" });

    // The history, on request.
    await harness.press(world.koor, "📜 Riwayat");
    expect(harness.lastText(world.koor)).toBe(
      `📜 Riwayat B2 Sarana lingkungan — RT 05 ${world.rt05.kelurahanName} (terbaru di atas):\n• Selasa, 8 Desember 2026: nilai 1, oleh Koor — ${note}`,
    );
    // The scorecard reflects it.
    await harness.send(world.ketua, "/skor");
    expect(harness.telegram.textsTo(world.ketua.id).join("\n")).toContain("B2 Sarana lingkungan: 1");
  });

  it("takes Lewati for no note and Hari ini for the date, and shows the history from inside the form", async () => {
    const world = await buildWorld();
    await startEntry(world.koor, "RT 05", "B1 Perumahan", "📜 Riwayat");
    expect(harness.lastText(world.koor)).toContain("• Rabu, 2 Desember 2026: nilai 2, oleh Koor");
    // The form is still waiting for the score.
    await harness.press(world.koor, "0 — kurang");
    await harness.press(world.koor, "Lewati");
    await harness.press(world.koor, "Hari ini");
    expect(harness.lastText(world.koor)).toContain("Catatan: —\nTanggal penilaian: Rabu, 9 Desember 2026");
    await harness.press(world.koor, "Simpan");
    const rows = await manualRows(world.rt05.id, "B1");
    expect(rows.map((row) => [row.score, row.note, row.assessedOn])).toEqual(expect.arrayContaining([[2, null, "2026-12-02"], [0, null, "2026-12-09"]]));
    expect(rows).toHaveLength(2);
    // The latest assessment is the current score.
    expect(harness.lastText(world.koor)).toContain("Nilai total RT sekarang 1/24 · 9 belum dinilai.");
  });

  it("stores one row when Simpan is tapped twice or its update is redelivered", async () => {
    const world = await buildWorld();
    await startEntry(world.koor, "RT 05", "B2 Sarana", "2 — baik");
    await harness.press(world.koor, "Lewati");
    await harness.press(world.koor, "Hari ini");
    const confirm = shownWith(world.koor, "Simpan penilaian ini?");
    const saveData = callbackDataOf(confirm).find((data) => data.startsWith(`${scoreSave.prefix}:`))!;
    const save = await pressOn(harness, world.koor, confirm, saveData);
    expect(harness.lastText(world.koor)).toContain("✅ Nilai B2 RT 05");

    // The second tap of a double tap, on the confirmation as it was shown.
    const second = await pressOn(harness, world.koor, confirm, saveData);
    expect(answerTo(second)).toMatchObject({ text: "Penilaian ini sudah tersimpan. Tidak dicatat dua kali.", show_alert: true });
    // Telegram redelivers the first tap: dropped; and again once the dedupe ledger is pruned.
    await harness.deliver(save);
    await database.db.delete(processedUpdate);
    await harness.deliver(save);
    expect(await manualRows(world.rt05.id, "B2")).toHaveLength(1);
  });

  it("keeps an entry idempotent in the domain: the same entry at the same instant is one row", async () => {
    const world = await buildWorld();
    const actor = await loadActor(database.db, world.koor.id, []);
    const input = { rtId: world.rt05.id, code: "B4", score: 1, note: "taman", assessedOn: { year: 2026, month: 12, day: 8 } };
    const first = await enterManualScore(database.db, actor, input, NOW);
    const again = await enterManualScore(database.db, actor, input, NOW);
    expect(again.id).toBe(first.id);
    // A different score at the same instant is a different entry; a later identical one is a new assessment.
    await enterManualScore(database.db, actor, { ...input, score: 2 }, NOW);
    await enterManualScore(database.db, actor, input, new Date(NOW.getTime() + 1000));
    expect(await manualRows(world.rt05.id, "B4")).toHaveLength(3);
  });

  it("refuses the wrong people", async () => {
    const world = await buildWorld();
    // A warga and a plain ketua are refused the command.
    await harness.send(world.siti, "/nilai");
    expect(harness.lastText(world.siti)).toBe("Maaf, perintah ini hanya untuk koordinator dan admin kota.");
    await harness.send(world.ketua, "/nilai");
    expect(harness.lastText(world.ketua)).toBe("Maaf, perintah ini hanya untuk koordinator dan admin kota.");
    // A ketua who also coordinates the kelurahan may not grade their own RT.
    const ketuaKoor = newUser("Ketua Koor");
    const place = await addRt(database.db, 11, KELURAHAN_SIMPANG_IV_SIPIN, 80);
    const { personId } = await addKetua(database.db, ketuaKoor, place.id);
    await database.db.insert(roleAssignment).values({ personId, role: "koordinator", kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await harness.send(ketuaKoor, "/nilai");
    await harness.press(ketuaKoor, "RT 11");
    expect(harness.lastText(ketuaKoor)).toBe("Maaf, Anda tidak berwenang melakukan ini.");
    // Their own RT is refused, another RT of their kelurahan is not.
    await harness.send(ketuaKoor, "/nilai");
    await harness.press(ketuaKoor, "RT 05");
    expect(harness.lastText(ketuaKoor)).toContain("Indikator mana yang dinilai untuk RT 05");
    // Buttons of /nilai forged by a warga are refused by role.
    const forged = await pressData(harness, world.siti, scoreHistory.data({ rt: world.rt05.id, code: "B1" }));
    expect(answerTo(forged)).toMatchObject({ text: "Maaf, perintah ini hanya untuk koordinator dan admin kota.", show_alert: true });
    expect(await manualRows(place.id, "B1")).toHaveLength(0);
  });
});
