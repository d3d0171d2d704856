import { eq } from "drizzle-orm";
import { decode } from "fast-png";
import { createI18n } from "../../src/bot/i18n.js";
import { describe, expect, it } from "vitest";
import { assessmentRound, assessmentScore, assessmentVisit, roundAssessor, rtProposal, rtTitle } from "../../src/db/schema/index.js";
import { computeRecap } from "../../src/domain/cycle/recap.js";
import type { RtDetails } from "../../src/domain/rt/rt.js";
import { INDICATOR_CODES } from "../../src/domain/scores/indicators.js";
import { CHART_SCALE, CHART_WIDTH } from "../../src/reports/charts.js";
import { recapMessages, recapText } from "../../src/reports/recap.js";
import { sentDocuments } from "../helpers/fake-telegram.js";
import { addAdmin, addKoordinator, addPerson, addRt, KECAMATAN_TELANAIPURA, KELURAHAN_BULURAN_KENALI, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { readWorkbook, rowValues, sheet, sheetNames } from "../helpers/spreadsheet.js";
import { withTestBot } from "../helpers/test-bot.js";
import { addResidents, everyoneDid, wib } from "../domain/scores/builders.js";

// Wednesday 9 December 2026, 10:00 WIB.
const NOW = wib("2026-12-09T10:00");
const { database, harness } = withTestBot({ now: NOW });

type World = { t1: RtDetails; t2: RtDetails; t3: RtDetails; t4: RtDetails; p1: RtDetails; p2: RtDetails };

/**
 * Telanaipura: T1 proposed, all 21 team scores, won (Besar); T2 proposed, 3 team scores; T3
 * proposed, visited on 1 Dec; T4 won in 2025, its participation fell in the last month (fading).
 * Paal Merah: P1 proposed, visit planned for January, won (Kecil); P2 proposed then withdrawn, a
 * past visit cancelled. The 2026 round is decided.
 */
async function buildWorld(): Promise<World> {
  const t1 = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 120);
  const t2 = await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN, 60);
  const t3 = await addRt(database.db, 3, KELURAHAN_BULURAN_KENALI, 40);
  const t4 = await addRt(database.db, 4, KELURAHAN_BULURAN_KENALI, 40);
  const p1 = await addRt(database.db, 1, KELURAHAN_PAYO_SELINCAH, 30);
  const p2 = await addRt(database.db, 2, KELURAHAN_PAYO_SELINCAH, 30);
  const assessor = await addPerson(database.db, newUser("Penilai"));
  const [old] = await database.db
    .insert(assessmentRound)
    .values({ year: 2025, proposalDeadline: "2025-08-01", visitFrom: "2025-09-01", visitTo: "2025-09-30", decisionOn: "2025-10-15", openedAt: wib("2025-07-01T09:00"), skNumber: "SK 1/2025", skDate: "2025-10-15", decidedAt: wib("2025-10-15T09:00") })
    .returning();
  const [round] = await database.db
    .insert(assessmentRound)
    .values({ year: 2026, proposalDeadline: "2026-10-01", visitFrom: "2026-11-01", visitTo: "2026-12-05", decisionOn: "2026-12-08", openedAt: wib("2026-09-01T09:00"), skNumber: "SK 9/2026", skDate: "2026-12-08", decidedAt: wib("2026-12-08T09:00") })
    .returning();
  const roundId = round!.id;
  for (const place of [t1, t2, t3, p1, p2]) await database.db.insert(rtProposal).values({ roundId, rtId: place.id, proposedAt: wib("2026-09-10T09:00"), householdCount: place.householdCount, withdrawnAt: place === p2 ? wib("2026-09-20T09:00") : null });
  // A proposal in last year's round is not this round's.
  await database.db.insert(rtProposal).values({ roundId: old!.id, rtId: t4.id, proposedAt: wib("2025-07-10T09:00"), householdCount: 40 });
  await database.db.insert(assessmentVisit).values([
    { kind: "round", roundId, rtId: t3.id, startsAt: wib("2026-12-01T09:00"), scheduledAt: wib("2026-11-01T09:00") },
    { kind: "round", roundId, rtId: p1.id, startsAt: wib("2027-01-10T09:00"), scheduledAt: wib("2026-11-01T09:00") },
    { kind: "round", roundId, rtId: p2.id, startsAt: wib("2026-11-20T09:00"), scheduledAt: wib("2026-11-01T09:00"), cancelledAt: wib("2026-11-15T09:00") },
  ]);
  await database.db.insert(roundAssessor).values({ roundId, personId: assessor, agency: "babinsa", joinedAt: wib("2026-10-20T09:00") });
  const score = (rtId: number, indicatorCode: string) => ({ kind: "team" as const, roundId, rtId, personId: assessor, indicatorCode, score: 2, enteredAt: wib("2026-11-20T10:00") });
  await database.db.insert(assessmentScore).values([...INDICATOR_CODES.map((code) => score(t1.id, code)), score(t1.id, "B1"), ...["B1", "B2", "B4"].map((code) => score(t2.id, code))]);
  const title = (place: RtDetails, category: "besar" | "sedang" | "kecil", forRound: number, awardedOn: string) => ({
    rtId: place.id, level: "bantar" as const, roundId: forRound, category, householdCount: place.householdCount, awardRupiah: 5_000_000, awardedOn, skNumber: "SK", recordedAt: NOW,
  });
  await database.db.insert(rtTitle).values([title(t1, "besar", roundId, "2026-12-08"), title(p1, "kecil", roundId, "2026-12-08"), title(t4, "kecil", old!.id, "2025-10-15")]);
  // T4's residents took part in October, not since: "menurun".
  await everyoneDid(database.db, t4, await addResidents(database.db, 30), "gotong_royong", wib("2026-10-20T08:00"));
  return { t1, t2, t3, t4, p1, p2 };
}

describe("the live recap", () => {
  it("counts RTs, proposed, visited, fully scored, winners by category, holders and fading holders per kecamatan and for the city", async () => {
    await buildWorld();
    const recap = await computeRecap(database.db, { scope: { city: true }, now: NOW });
    expect(recap.round?.year).toBe(2026);
    const byName = Object.fromEntries(recap.kecamatan.map((row) => [row.kecamatanName, row]));
    expect(Object.keys(byName)).toHaveLength(2);
    const telanaipura = recap.kecamatan.find((row) => row.kecamatanCode === KECAMATAN_TELANAIPURA)!;
    const paalMerah = recap.kecamatan.find((row) => row.kecamatanCode !== KECAMATAN_TELANAIPURA)!;
    expect(telanaipura).toMatchObject({ rts: 4, proposed: 3, visited: 3, scored: 1, winners: { besar: 1, sedang: 0, kecil: 0 }, holders: 2, fadingHolders: 1 });
    expect(paalMerah).toMatchObject({ rts: 2, proposed: 1, visited: 0, scored: 0, winners: { besar: 0, sedang: 0, kecil: 1 }, holders: 1, fadingHolders: 0 });
    expect(recap.total).toEqual({ rts: 6, proposed: 4, visited: 3, scored: 1, winners: { besar: 1, sedang: 0, kecil: 1 }, holders: 3, fadingHolders: 1 });
  });

  it("leaves out the scores of an assessor whose team place was revoked, as the decision list does", async () => {
    const { t3, p2 } = await buildWorld();
    const before = await computeRecap(database.db, { scope: { city: true }, now: NOW });
    const [round] = await database.db.select({ id: assessmentRound.id }).from(assessmentRound).where(eq(assessmentRound.year, 2026));
    const revoked = await addPerson(database.db, newUser("Penilai Dicabut"));
    await database.db.insert(roundAssessor).values({ roundId: round!.id, personId: revoked, agency: "babinsa", joinedAt: wib("2026-10-20T09:00"), revokedAt: wib("2026-11-25T09:00") });
    // Every indicator of T3 (visited, not scored) and P2 (neither): neither is visited or scored by them.
    await database.db.insert(assessmentScore).values([t3, p2].flatMap((place) => INDICATOR_CODES.map((indicatorCode) => ({
      kind: "team" as const, roundId: round!.id, rtId: place.id, personId: revoked, indicatorCode, score: 1, enteredAt: wib("2026-11-21T10:00"),
    }))));
    const after = await computeRecap(database.db, { scope: { city: true }, now: NOW });
    expect(after.total).toEqual(before.total);
    expect(after.total).toMatchObject({ visited: 3, scored: 1 });
  });

  it("gives a koordinator only their area", async () => {
    await buildWorld();
    const recap = await computeRecap(database.db, { scope: { city: false, kelurahanCodes: [KELURAHAN_PAYO_SELINCAH], kecamatanCodes: [] }, now: NOW });
    expect(recap.kecamatan).toHaveLength(1);
    expect(recap.total).toMatchObject({ rts: 2, proposed: 1, holders: 1 });
    expect(recap.city).toBe(false);
  });

  it("/rekap sends an admin the text, the chart and the workbook; a koordinator their area's", async () => {
    await buildWorld();
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    await harness.send(admin, "/rekap");
    const texts = harness.telegram.textsTo(admin.id).join("\n");
    expect(texts).toContain("📊 Rekap Kampung BANTAR per kecamatan, 2026-12-09");
    expect(texts).toContain("Putaran penilaian 2026 (sudah diputuskan)");
    expect(texts).toContain("▪️ Telanaipura\n4 RT · diusulkan 3 · dikunjungi 3 · dinilai lengkap 1\nPemenang putaran ini: 1 (Besar 1, Sedang 0, Kecil 0)\nPemegang gelar Kampung BANTAR: 2 · ⚠️ 1 partisipasinya menurun");
    expect(texts).toContain("▪️ Kota Jambi\n6 RT · diusulkan 4 · dikunjungi 3 · dinilai lengkap 1\nPemenang putaran ini: 2 (Besar 1, Sedang 0, Kecil 1)");

    const photo = harness.telegram.callsOf("sendPhoto").find((call) => call.payload.chat_id === admin.id)?.files?.find((file) => file.field === "photo");
    expect(decode(photo!.bytes).width).toBe(CHART_WIDTH * CHART_SCALE);

    const [document] = sentDocuments(harness.telegram, admin.id);
    expect(document!.filename).toBe("rekap-bantar-2026-12-09.xlsx");
    const workbook = await readWorkbook(Buffer.from(document!.bytes));
    expect(sheetNames(workbook)).toEqual(["Per kecamatan", "Kota"]);
    const perKecamatan = sheet(workbook, "Per kecamatan");
    expect(rowValues(perKecamatan, 1)).toEqual(["Wilayah", "RT", "Diusulkan", "Dikunjungi", "Dinilai lengkap", "Pemenang Besar", "Pemenang Sedang", "Pemenang Kecil", "Pemenang", "Pemegang gelar", "Pemegang gelar menurun"]);
    expect(rowValues(perKecamatan, 2)).toEqual(["Telanaipura", 4, 3, 3, 1, 1, 0, 0, 1, 2, 1]);
    expect(rowValues(sheet(workbook, "Kota"), 2)).toEqual(["Kota Jambi", 6, 4, 3, 1, 1, 0, 1, 2, 3, 1]);

    const koor = newUser("Koor");
    await addKoordinator(database.db, koor, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
    await harness.send(koor, "/rekap");
    const koorTexts = harness.telegram.textsTo(koor.id).join("\n");
    expect(koorTexts).toContain("▪️ Seluruh wilayah Anda\n2 RT · diusulkan 1 · dikunjungi 0 · dinilai lengkap 0");
    expect(koorTexts).not.toContain("Telanaipura");
  });

  it("splits a long recap into messages Telegram accepts, every line kept", async () => {
    const figures = { rts: 1635, proposed: 975, visited: 900, scored: 850, winners: { besar: 200, sedang: 215, kecil: 200 }, holders: 615, fadingHolders: 40 };
    const kecamatan = Array.from({ length: 60 }, (_, index) => ({ ...figures, kecamatanCode: `15.71.${index}`, kecamatanName: `Kecamatan Panjang Sekali Nomor ${index}` }));
    const recap = { round: null, city: true, kecamatan, total: figures };
    const i18n = createI18n(database.db);
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t("id", key, vars);
    const text = recapText(recap, t, NOW);
    expect(text.length).toBeGreaterThan(4096);
    const messages = recapMessages(recap, t, NOW);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(4096);
    expect(messages.join("\n")).toBe(text);
  });

  it("refuses a warga", async () => {
    await buildWorld();
    const warga = newUser("Warga");
    await addPerson(database.db, warga);
    await harness.send(warga, "/rekap");
    expect(harness.telegram.textsTo(warga.id).join("\n")).not.toContain("Rekap Kampung BANTAR");
    expect(harness.telegram.callsOf("sendDocument")).toHaveLength(0);
  });
});
