import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { assessmentRound, assessmentScore, auditLog, evidence } from "../../src/db/schema/index.js";
import type { RtDetails } from "../../src/domain/rt/rt.js";
import { INDICATOR_CODES, isAutomatic } from "../../src/domain/scores/indicators.js";
import { onsiteGo, onsiteRecap, onsiteRt } from "../../src/messages/buttons/onsite.js";
import { addAssessor, openRound, propose } from "../helpers/cycle.js";
import { addKetua, addKoordinator, addPerson, addRt, KECAMATAN_TELANAIPURA, KELURAHAN_BULURAN_KENALI, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { callbackAnswerTo, callbackDataOf, photoUpdate, pressData, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Wednesday 16 June 2027, 10:00 WIB: the visits of the 2027 round.
const NOW = new Date("2027-06-16T03:00:00Z");
const { database, harness } = withTestBot({ now: NOW });

let roundId: number;
let rt5: RtDetails;
let rt6: RtDetails;
let rtElsewhere: RtDetails;
let babinsa: TestUser;
let dlh: TestUser;
let puskesmas: TestUser;
let ketua5: TestUser;
let koor: TestUser;

beforeEach(async () => {
  roundId = await openRound(database.db);
  rt5 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 40);
  rt6 = await addRt(database.db, 6, KELURAHAN_BULURAN_KENALI, 40);
  rtElsewhere = await addRt(database.db, 1, KELURAHAN_PAYO_SELINCAH, 60);
  for (const rt of [rt5, rt6, rtElsewhere]) await propose(database.db, roundId, rt.id);
  babinsa = newUser("Babinsa");
  dlh = newUser("Dlh");
  puskesmas = newUser("Puskesmas");
  ketua5 = newUser("Ketua");
  koor = newUser("Koor");
  await addAssessor(database.db, await addPerson(database.db, babinsa, "Pak Slamet"), roundId, "babinsa", { rtIds: [rt5.id] });
  await addAssessor(database.db, await addPerson(database.db, dlh, "Bu Rina"), roundId, "dlh", { rtIds: [rt5.id] });
  await addAssessor(database.db, await addPerson(database.db, puskesmas, "Bu Wati"), roundId, "puskesmas", { kecamatanCodes: [KECAMATAN_TELANAIPURA] });
  const { personId: ketuaId } = await addKetua(database.db, ketua5, rt5.id);
  await addAssessor(database.db, ketuaId, roundId, "forum_rt_kelurahan", { rtIds: [rt5.id, rt6.id] });
  await addKoordinator(database.db, koor, { kecamatanCode: KECAMATAN_TELANAIPURA });
});

async function teamScores(personFilter?: number): Promise<(typeof assessmentScore.$inferSelect)[]> {
  const rows = await database.db.select().from(assessmentScore).orderBy(assessmentScore.id);
  return personFilter === undefined ? rows : rows.filter((row) => row.personId === personFilter);
}

/** What a refused step must leave as it was: the team's scores, their photos, the audit log. */
async function cycleRows(): Promise<unknown[]> {
  return [await database.db.select().from(assessmentScore), await database.db.select().from(evidence), await database.db.select().from(auditLog)];
}

/** Opens /nilaitim and chooses the RT (the only one listed for these assessors, unless told). */
async function open(user: TestUser, rtLabel = "RT 05"): Promise<void> {
  await harness.send(user, "/nilaitim");
  await harness.press(user, rtLabel);
}

/** Answers the indicator on screen: the score (or "Setuju" on an automatic one), no note, no photo. */
async function answerPlain(user: TestUser, score: 0 | 1 | 2 = 2): Promise<void> {
  const labels = harness.buttons(user);
  const agree = labels.find((label) => label.startsWith("Setuju"));
  await harness.press(user, agree ?? `${score} (`);
  await harness.press(user, "Tanpa catatan");
  await harness.press(user, "Lanjut");
  // The form is one indicator long: "Berikutnya" opens it again at the next one.
  const saved = shownMessages(harness.telegram, user.id).at(-1)!;
  const onward = callbackDataOf(saved).find((data) => onsiteGo.read(data) !== undefined);
  if (onward) await pressOn(harness, user, saved, onward);
}

describe("/nilaitim", () => {
  it("walks an assessor through all 21 indicators with the rubric, the automatic ones pre-filled", async () => {
    await open(babinsa);
    expect(harness.telegram.textsTo(babinsa.id).some((text) => text.includes("0 dari 21 sudah dinilai") && text.includes("B1"))).toBe(true);
    const b1 = harness.lastText(babinsa);
    expect(b1).toContain("Bersih · B1 (1/21)");
    expect(b1).toMatch(/2 = Rumah dan pekarangan umumnya bersih/);
    expect(b1).toMatch(/0 = Banyak rumah/);
    expect(harness.buttons(babinsa)).toEqual(["2 (baik)", "1 (sedang)", "0 (kurang)", "Lewati"]);
    for (const code of INDICATOR_CODES) {
      const text = harness.lastText(babinsa);
      expect(text).toContain(`${code} (`);
      if (isAutomatic(code)) {
        // Nobody took part in anything: the records give 0, with the scorecard's explanation.
        expect(text).toContain("Otomatis dari catatan bot: 0");
        expect(harness.buttons(babinsa)).toEqual(["Setuju (0)", "Ubah ke 2", "Ubah ke 1", "Lewati", "Kembali"]);
      }
      await answerPlain(babinsa);
    }
    expect(harness.lastText(babinsa)).toContain("21 dari 21 sudah dinilai");
    const rows = await teamScores();
    expect(rows).toHaveLength(21);
    expect(rows.map((row) => row.indicatorCode)).toEqual([...INDICATOR_CODES]);
    expect(rows.filter((row) => row.automaticScore !== null).map((row) => row.indicatorCode)).toEqual(INDICATOR_CODES.filter(isAutomatic));
    expect(rows.every((row) => row.score === (isAutomatic(row.indicatorCode as never) ? 0 : 2) && row.note === null)).toBe(true);
  }, 60_000); // 85 updates through the real bot and database: ~24 s on the shared 2-core box (was ~50 s as one form), margin for load

  it("continues at the first unscored indicator after a form abandoned at 8", async () => {
    await open(babinsa);
    for (let step = 0; step < 8; step++) await answerPlain(babinsa, 1);
    expect(await teamScores()).toHaveLength(8);
    // The signal is lost; later the assessor starts again.
    await harness.send(babinsa, "/batal");
    await open(babinsa);
    const texts = harness.telegram.textsTo(babinsa.id);
    expect(texts.some((text) => text.includes("8 dari 21 sudah dinilai") && text.includes("Lanjut dari indikator A2"))).toBe(true);
    expect(harness.lastText(babinsa)).toContain("Aman · A2 (9/21)");
    // "Kembali" shows the one before with the score given; it is kept unless answered again.
    await harness.press(babinsa, "Kembali");
    expect(harness.lastText(babinsa)).toContain("A1 (8/21)");
    expect(harness.lastText(babinsa)).toContain("Nilai Anda sebelumnya: 1");
    await harness.press(babinsa, "Lewati");
    expect(harness.lastText(babinsa)).toContain("A2 (9/21)");
    await answerPlain(babinsa, 2);
    expect(harness.lastText(babinsa)).toContain("9 dari 21 sudah dinilai");
    expect(await teamScores()).toHaveLength(9);
  });

  it("saves a double-tapped answer once, and refuses a stale button of an old form without changing anything", async () => {
    await open(babinsa);
    const oldScreen = shownMessages(harness.telegram, babinsa.id).at(-1)!;
    expect(oldScreen.text).toContain("B1 (1/21)");
    const oldData = callbackDataOf(oldScreen);
    await pressOn(harness, babinsa, oldScreen, "2 (baik)");
    const scoreAgain = await pressOn(harness, babinsa, oldScreen, "2 (baik)");
    expect(callbackAnswerTo(harness.telegram, scoreAgain)?.text).toContain("tidak berlaku");
    expect(harness.lastText(babinsa)).toContain("Catatan untuk B1");
    await harness.press(babinsa, "Tanpa catatan");
    const photoStep = shownMessages(harness.telegram, babinsa.id).at(-1)!;
    await pressOn(harness, babinsa, photoStep, "Lanjut");
    const second = await pressOn(harness, babinsa, photoStep, "Lanjut");
    expect(await teamScores()).toHaveLength(1);
    expect(callbackAnswerTo(harness.telegram, second)?.text).toContain("tidak berlaku");
    // The same update delivered again is claimed once.
    await harness.deliver(second);
    expect(await teamScores()).toHaveLength(1);
    // "Berikutnya" tapped twice: the second opens the B2 screen afresh; the first screen's buttons are stale.
    const savedB1 = shownMessages(harness.telegram, babinsa.id).find((shown) => shown.text.includes("B1 = 2 tersimpan"))!;
    await pressOn(harness, babinsa, savedB1, "Berikutnya");
    const firstB2 = shownMessages(harness.telegram, babinsa.id).at(-1)!;
    expect(firstB2.text).toContain("B2 (2/21)");
    await pressOn(harness, babinsa, savedB1, "Berikutnya");
    expect(harness.lastText(babinsa)).toContain("B2 (2/21)");
    const staleB2 = await pressOn(harness, babinsa, firstB2, "2 (baik)");
    expect(callbackAnswerTo(harness.telegram, staleB2)?.text).toContain("tidak berlaku");
    expect(await teamScores()).toHaveLength(1);

    // A new form; a button of the old one (its token) is not an answer here.
    await harness.send(babinsa, "/batal");
    await open(babinsa);
    const before = await cycleRows();
    const stale = await pressData(harness, babinsa, oldData.find((data) => data.startsWith("onsite.score:") && data.endsWith(":0"))!);
    expect(callbackAnswerTo(harness.telegram, stale)?.text).toContain("tidak berlaku");
    expect(await cycleRows()).toEqual(before);
    expect(harness.lastText(babinsa)).toContain("B2");
  });

  it("refuses a forged RT button for an RT outside the scope, and the assessor's own RT", async () => {
    await harness.send(babinsa, "/nilaitim");
    const picker = shownMessages(harness.telegram, babinsa.id).at(-1)!;
    const token = onsiteRt.read(callbackDataOf(picker)[0]!)!.form;
    const before = await cycleRows();
    await pressData(harness, babinsa, onsiteRt.data({ form: token, round: roundId, rt: rtElsewhere.id }), picker.messageId);
    expect(harness.lastText(babinsa)).toContain("di luar wilayah tugas");
    expect(await cycleRows()).toEqual(before);

    // The ketua of RT 05 is on the team for RT 05 and 06: RT 05 is not offered, and forced, refused.
    await harness.send(ketua5, "/nilaitim");
    const ketuaPicker = shownMessages(harness.telegram, ketua5.id).at(-1)!;
    expect(ketuaPicker.text).toContain("Tidak ditampilkan karena RT Anda sendiri: RT 05");
    expect(ketuaPicker.keyboard!.inline_keyboard.flat().map((button) => button.text)).toEqual(["RT 06 · Buluran Kenali (2027)"]);
    const ketuaToken = onsiteRt.read(callbackDataOf(ketuaPicker)[0]!)!.form;
    await pressData(harness, ketua5, onsiteRt.data({ form: ketuaToken, round: roundId, rt: rt5.id }), ketuaPicker.messageId);
    expect(harness.lastText(ketua5)).toContain("tidak menilai RT Anda sendiri");
    expect(await cycleRows()).toEqual(before);

    // Someone not on the team cannot open the form at all.
    await harness.send(koor, "/nilaitim");
    expect(harness.lastText(koor)).toContain("hanya untuk anggota tim penilai");
  });

  it("asks a reason to differ from the automatic level, refusing hostile text, and stores photos as file ids", async () => {
    await open(babinsa);
    // B1 and B2 skipped; B3 is automatic (0 from the records).
    await harness.press(babinsa, "Lewati");
    await harness.press(babinsa, "Lewati");
    expect(harness.lastText(babinsa)).toContain("B3 (3/21)");
    await harness.press(babinsa, "Ubah ke 1");
    expect(harness.lastText(babinsa)).toContain("berbeda dari nilai otomatis 0");
    // "Kembali" from the reason returns to the score choice of B3, nothing saved.
    await harness.press(babinsa, "Kembali");
    expect(harness.lastText(babinsa)).toContain("B3 (3/21)");
    expect(harness.buttons(babinsa)).toEqual(["Setuju (0)", "Ubah ke 2", "Ubah ke 1", "Lewati", "Kembali"]);
    expect(await teamScores()).toEqual([]);
    await harness.press(babinsa, "Ubah ke 2");
    expect(harness.lastText(babinsa)).toContain("berbeda dari nilai otomatis 0");
    await harness.send(babinsa, "   ");
    expect(harness.lastText(babinsa)).toMatch(/kosong|isi/i);
    await harness.send(babinsa, "\u200b\u200d\u2800");
    expect(harness.lastText(babinsa)).toMatch(/kosong|isi/i);
    await harness.send(babinsa, "x".repeat(301));
    expect(harness.lastText(babinsa)).toContain("300");
    const reason = "Bank sampah aktif 🙂, belum tercatat'); DELETE FROM assessment_score;--";
    await harness.send(babinsa, reason);
    // The note: hostile first, then a real one.
    expect(harness.lastText(babinsa)).toContain("Catatan untuk B3");
    await harness.send(babinsa, "n".repeat(501));
    expect(harness.lastText(babinsa)).toContain("500");
    await harness.send(babinsa, "Pilah sampah 2,5 kg/minggu\u200b");
    expect(harness.lastText(babinsa)).toContain("Kirim foto bukti untuk B3");
    const photos = [
      { file_id: "small-1", file_unique_id: "s1", width: 90, height: 90 },
      { file_id: "large-1", file_unique_id: "l1", width: 1280, height: 960 },
    ];
    const first = photoUpdate(harness, babinsa, "Tempat pilah sampah");
    (first.message as unknown as Record<string, unknown>).photo = photos;
    await harness.deliver(first);
    expect(harness.lastText(babinsa)).toContain("Foto 1 diterima");
    const second = photoUpdate(harness, babinsa);
    (second.message as unknown as Record<string, unknown>).photo = [{ file_id: "large-2", file_unique_id: "l2", width: 1280, height: 960 }];
    await harness.deliver(second);
    await harness.send(babinsa, "ini teks, bukan foto");
    expect(harness.lastText(babinsa)).toContain("Kirim foto");
    await harness.press(babinsa, "Lanjut");
    expect(harness.telegram.textsTo(babinsa.id).some((text) => text.includes("B3 = 2 tersimpan dengan 2 foto"))).toBe(true);

    const [row] = await teamScores();
    expect(row).toMatchObject({ indicatorCode: "B3", score: 2, automaticScore: 0, overrideReason: reason, note: "Pilah sampah 2,5 kg/minggu" });
    const stored = await database.db.select().from(evidence).orderBy(evidence.id);
    expect(stored.map((photo) => [photo.fileId, photo.fileUniqueId, photo.caption, photo.indicatorCode, photo.roundId])).toEqual([
      ["large-1", "l1", "Tempat pilah sampah", "B3", roundId],
      ["large-2", "l2", null, "B3", roundId],
    ]);
  });
});

describe("/rekaptim", () => {
  async function scoreB1(user: TestUser, score: 0 | 1 | 2): Promise<void> {
    await open(user);
    await harness.press(user, `${score} (`);
    await harness.send(user, `Catatan ${user.first_name}`);
    await harness.press(user, "Lanjut");
    await harness.send(user, "/batal");
  }

  it("pages a koordinator's list of the round's RTs (a city's proposals do not fit one keyboard), filtered by area", async () => {
    for (let number = 10; number < 18; number++) await propose(database.db, roundId, (await addRt(database.db, number, KELURAHAN_SIMPANG_IV_SIPIN, 40)).id);
    await harness.send(koor, "/rekaptim");
    const buttons = harness.buttons(koor);
    expect(buttons.filter((label) => label.startsWith("RT "))).toHaveLength(8);
    expect(buttons).toContain("1/2");
    expect(buttons.some((label) => label.includes("Payo Selincah"))).toBe(false);
    await harness.press(koor, "▶");
    const second = harness.buttons(koor);
    expect(second.filter((label) => label.startsWith("RT "))).toHaveLength(2);
    expect(second).toContain("2/2");
  });

  it("combines three assessors by the median, shows each score by agency, and keeps reads in scope", async () => {
    await scoreB1(babinsa, 2);
    await scoreB1(dlh, 0);
    await scoreB1(puskesmas, 1);
    expect(await teamScores()).toHaveLength(3);

    await harness.send(dlh, "/rekaptim");
    const recap = harness.telegram.textsTo(dlh.id).slice(-1)[0]!;
    expect(recap).toContain("Rekap tim penilai · RT 05");
    expect(recap).toContain("Total 1/2 · 20 belum dinilai · 3 penilai");
    expect(recap).toMatch(/B1 [^\n]*: 1\n/);
    expect(recap).toContain("Babinsa (Pak Slamet): 2");
    expect(recap).toContain("DLH (Bu Rina): 0");
    expect(recap).toContain("Puskesmas (Bu Wati): 1");
    expect(recap).toContain("catatan: Catatan Dlh");
    expect(recap).toContain("B2 ");
    expect(recap).toContain("belum dinilai");

    // The koordinator of the area lists the proposed RTs of the round and opens one.
    await harness.send(koor, "/rekaptim");
    expect(harness.buttons(koor)).toEqual(["RT 06 · Buluran Kenali (2027)", "RT 05 · Simpang IV Sipin (2027)"]);
    await harness.press(koor, "RT 05");
    expect(harness.lastText(koor)).toContain("Babinsa (Pak Slamet): 2");

    // Reads are scoped: DLH's scope is RT 05 only; a forged recap button for RT 06 is refused.
    const forged = await pressData(harness, dlh, onsiteRecap.data({ round: roundId, rt: rt6.id }));
    expect(callbackAnswerTo(harness.telegram, forged)).toMatchObject({ show_alert: true, text: expect.stringContaining("di luar wilayah tugas") });

    // The ketua of RT 05 sees it only once the round is decided, by agency, without names.
    const early = await pressData(harness, ketua5, onsiteRecap.data({ round: roundId, rt: rt5.id }));
    expect(callbackAnswerTo(harness.telegram, early)?.text).toContain("setelah putaran ini diputuskan");
    await database.db.update(assessmentRound).set({ skNumber: "SK 100/2027", skDate: "2027-08-17", decidedAt: NOW }).where(eq(assessmentRound.id, roundId));
    await harness.send(ketua5, "/rekaptim");
    const forKetua = harness.lastText(ketua5);
    expect(forKetua).toContain("Babinsa: 2");
    expect(forKetua).not.toContain("Pak Slamet");
  });
});
