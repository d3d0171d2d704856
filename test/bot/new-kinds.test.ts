import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { event, eventOccurrence, indicatorScore, participation } from "../../src/db/schema/index.js";
import { DEFAULT_DURATION_MINUTES } from "../../src/domain/events/events.js";
import { eventKindChoice } from "../../src/messages/buttons/events.js";
import { scoreHistory } from "../../src/messages/buttons/scores.js";
import { addOccurrences, addResidents, checkIns } from "../domain/scores/builders.js";
import { addKetua, addKoordinator, addMember, addPerson, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { callbackAnswerTo, pressData, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Issue 15's activity kinds through the bot: /acara offers them, check-in and the checklist record
// participation of that kind, and /skor measures the indicator they evidence.
// Minggu 22 November 2026, 10.00 WIB unless a test moves the clock.
const { database, harness } = withTestBot();

const ASK_KIND = "Kegiatan apa?";
const ASK_WHEN = 'Kapan? Tulis seperti biasa, misalnya "Minggu 07.00", "besok jam 7 pagi", atau "7/12 19.30". Semua waktu dalam WIB.';
const USE_BUTTONS = "Silakan pilih dengan tombol di atas, atau kirim /batal untuk berhenti.";
const STALE = "Tombol ini sudah tidak berlaku.";
const TUESDAY_24_NOV = "Selasa, 24 November 2026 pukul 08.00 WIB";

type Resident = TestUser & { personId: number; membershipId: number };

async function rt05() {
  const place = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 10);
  const ketua = newUser("Harun");
  const ketuaMember = await addKetua(database.db, ketua, place.id);
  const member = async (name: string, household: string): Promise<Resident> => {
    const user = newUser(name);
    return { ...user, ...(await addMember(database.db, user, place.id, household)) };
  };
  return { place, ketua: { ...ketua, ...ketuaMember } as Resident, siti: await member("Siti", "Rumah 1"), budi: await member("Budi", "Rumah 2") };
}

function keyboardRows(user: TestUser): string[][] {
  return harness.telegram.lastKeyboardIn(user.id).keyboard.inline_keyboard.map((row) => row.map((button) => button.text));
}

describe("/acara with the new kinds", () => {
  it("offers twelve kinds in two columns, then schedules a posyandu; a resident checks in and the ketua ticks another: participation of kind posyandu, P6 measured", async () => {
    const { place, ketua, siti, budi } = await rt05();
    await harness.send(ketua, "/acara");
    expect(harness.lastText(ketua)).toBe(ASK_KIND);
    expect(keyboardRows(ketua)).toEqual([
      ["Gotong royong / kerja bakti", "Ronda"],
      ["Rapat warga", "Kerja bakti sanitasi"],
      ["Kebun / TOGA", "Senam lansia"],
      ["Posyandu", "Pengajian"],
      ["Yasinan", "Karang taruna"],
      ["Pertemuan PKK", "Kegiatan lain"],
      ["Batal"],
    ]);
    // Typing instead of pressing, or a forged kind that does not exist, is not a kind.
    for (const hostile of ["posyandu", "", "🩺", "\u200B", "'; DROP TABLE event;--", "x".repeat(5000)]) {
      await harness.send(ketua, hostile);
      expect(harness.lastText(ketua)).toBe(USE_BUTTONS);
    }
    const kindMessage = harness.telegram.lastKeyboardIn(ketua.id).messageId;
    const forged = await pressData(harness, ketua, eventKindChoice.data({ kind: "posyandu" }).replace("posyandu", "arisan"), kindMessage);
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe(STALE);

    const kindQuestion = shownMessages(harness.telegram, ketua.id).find((message) => message.text === ASK_KIND)!;
    await pressOn(harness, ketua, kindQuestion, "Posyandu");
    expect(harness.lastText(ketua)).toBe(ASK_WHEN);
    // The double tap of the kind: the form has moved on, nothing is chosen twice.
    const second = await pressData(harness, ketua, eventKindChoice.data({ kind: "posyandu" }), kindQuestion.messageId);
    expect(callbackAnswerTo(harness.telegram, second)?.text).toBe(STALE);
    expect(harness.lastText(ketua)).toBe(ASK_WHEN);

    await harness.send(ketua, "Selasa 08.00");
    await harness.send(ketua, "Balai RT");
    await harness.press(ketua, "Lewati");
    await harness.press(ketua, "Sekali saja");
    expect(harness.lastText(ketua)).toContain("• Posyandu");
    await harness.press(ketua, "Simpan");
    expect(harness.lastText(ketua)).toBe(`Posyandu pada ${TUESDAY_24_NOV} sudah dijadwalkan. Pemberitahuan dikirim ke 2 warga.`);
    expect(harness.telegram.textsTo(siti.id).at(-1)).toContain("📅 Kegiatan baru di RT: Posyandu, Selasa, 24 November 2026 pukul 08.00 WIB, di Balai RT.");
    const [saved] = await database.db.select().from(event);
    expect(saved).toMatchObject({ rtId: place.id, kind: "posyandu", durationMinutes: DEFAULT_DURATION_MINUTES.posyandu });
    const [occurrence] = await database.db.select().from(eventOccurrence).where(eq(eventOccurrence.eventId, saved!.id));
    expect(occurrence).toMatchObject({ kind: "posyandu" });

    // During it: the code, and Siti checks in with it (twice: one row).
    harness.now = new Date("2026-11-24T01:10:00Z");
    await harness.send(ketua, "/kodehadir");
    await harness.press(ketua, TUESDAY_24_NOV);
    const code = /^Kode hadir Posyandu: ([A-HJ-NP-Z2-9]{6})\n/.exec(harness.lastText(ketua))![1]!;
    await harness.send(siti, code);
    // What it counted for (issue 17): P6, this posyandu the one session held in the window.
    expect(harness.lastText(siti).split("\n")).toEqual(["Terima kasih! Kehadiran Anda di Posyandu sudah tercatat.", expect.stringMatching(/^🩺 Dihitung untuk P6: 1 kali posyandu dan senam lansia di RT /)]);
    await harness.send(siti, code);
    expect(harness.lastText(siti).split("\n")[0]).toBe("Kehadiran Anda di Posyandu sudah tercatat sebelumnya.");

    // After it: the ketua ticks Budi on the checklist (a double tap: once).
    harness.now = new Date("2026-11-24T05:00:00Z");
    await harness.send(ketua, "/absen");
    await harness.press(ketua, TUESDAY_24_NOV);
    const checklist = shownMessages(harness.telegram, ketua.id).filter((message) => message.text.startsWith("Daftar hadir Posyandu")).at(-1)!;
    expect(checklist.text).toContain("1 dari 3 warga hadir");
    await pressOn(harness, ketua, checklist, "⬜ Budi");
    await pressOn(harness, ketua, checklist, "⬜ Budi");

    const rows = await database.db.select().from(participation).where(eq(participation.occurrenceId, occurrence!.id));
    expect(rows.map((row) => ({ personId: row.personId, kind: row.kind, source: row.source, verified: row.verified, revokedAt: row.revokedAt })).sort((a, b) => a.personId - b.personId)).toEqual(
      [
        { personId: siti.personId, kind: "posyandu", source: "checkin-code", verified: true, revokedAt: null },
        { personId: budi.personId, kind: "posyandu", source: "ketua-checklist", verified: true, revokedAt: null },
      ].sort((a, b) => a.personId - b.personId),
    );

    // The ketua's scorecard measures P6 from it, and the resident's points show the kind.
    await harness.send(ketua, "/skor");
    const card = harness.telegram.textsTo(ketua.id).join("\n");
    expect(card).toContain("P6 Bebas kematian ibu dan balita: 1\n   ↳ P6 = 1: posyandu 1 kali dan senam lansia 0 kali dalam 28 hari terakhir, batas nilai 2 adalah 4 kegiatan");
    await harness.send(siti, "/skor");
    expect(harness.lastText(siti)).toContain("Rincian: posyandu 1×");
  });

  it("schedules a pengajian and a kerja bakti sanitasi, and /jadwal lists each kind's next date first", async () => {
    const { ketua, siti } = await rt05();
    for (const [kind, when] of [["Pengajian", "Kamis 19.30"], ["Kerja bakti sanitasi", "Minggu 07.00"]] as const) {
      await harness.send(ketua, "/acara");
      await harness.press(ketua, kind);
      await harness.send(ketua, when);
      await harness.send(ketua, "Masjid Al-Ikhlas");
      await harness.press(ketua, "Lewati");
      await harness.press(ketua, "Setiap minggu");
      await harness.press(ketua, "Simpan");
      expect(harness.lastText(ketua)).toContain(`${kind} pada`);
    }
    const before = harness.telegram.textsTo(siti.id).length;
    await harness.send(siti, "/jadwal");
    const texts = harness.telegram.textsTo(siti.id).slice(before);
    // The next of each kind is a card of its own (with its answers), not a line in "Kegiatan lainnya".
    const cards = texts.filter((text) => text.includes("Akan hadir"));
    expect(cards.some((text) => text.includes("Pengajian") && text.includes("Kamis, 26 November 2026 pukul 19.30 WIB"))).toBe(true);
    expect(cards.some((text) => text.includes("Kerja bakti sanitasi") && text.includes("Minggu, 29 November 2026 pukul 07.00 WIB"))).toBe(true);
    // Their later dates are the rest.
    expect(texts.find((text) => text.startsWith("Kegiatan lainnya"))).toContain("Pengajian · Kamis, 3 Desember 2026");
  });
});

describe("manual scores of an indicator now measured", () => {
  it("keeps the earlier manual score until a record arrives, then shows it under the measured one on /skor; its history still opens", async () => {
    const { place, ketua } = await rt05();
    const koor = newUser("Koor");
    await addKoordinator(database.db, koor, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const koorId = await addPerson(database.db, newUser("Bu Penilai"), "Bu Penilai");
    // Entered by hand before issue 15 made B5 automatic (the service refuses it now).
    await database.db.insert(indicatorScore).values({ rtId: place.id, indicatorCode: "B5", score: 2, note: "Kebun TOGA terawat", assessedOn: "2026-11-03", enteredBy: koorId, enteredAt: new Date("2026-11-03T03:00:00Z") });

    // No kebun session recorded yet: the hand score still stands, and says until when.
    await harness.send(ketua, "/skor");
    let card = harness.telegram.textsTo(ketua.id).at(-1)!;
    expect(card).toContain("B5 Lahan tidur dan TOGA: 2\n   ↳ dinilai koordinator pada Selasa, 3 November 2026; akan dihitung dari catatan kegiatan begitu ada kegiatannya dalam 28 hari terakhir");

    // One kebun session, one of the RT's 10 KK: measured from now on (1, below the hand score), the hand score as history.
    const [occurrence] = await addOccurrences(database.db, place.id, "kebun_toga", [new Date("2026-11-15T00:00:00Z")]);
    await checkIns(database.db, place.id, occurrence!, "kebun_toga", new Date("2026-11-15T00:00:00Z"), await addResidents(database.db, 1));
    await harness.send(ketua, "/skor");
    card = harness.telegram.textsTo(ketua.id).join("\n");
    expect(card).toContain(
      "B5 Lahan tidur dan TOGA: 1\n   ↳ B5 = 1: perawatan kebun/TOGA 1 kali dalam 28 hari terakhir, 1 KK ikut merawat (10% KK); nilai 2 butuh 2 kali dengan 20% KK ikut\n" +
        "   ↳ sebelumnya dinilai koordinator 2 pada Selasa, 3 November 2026; kini dihitung dari catatan kegiatan",
    );

    await pressData(harness, koor, scoreHistory.data({ rt: place.id, code: "B5" }));
    expect(harness.lastText(koor)).toContain("Kebun TOGA terawat");
    expect(harness.lastText(koor)).toContain("oleh Bu Penilai");
  });
});
