import { and, eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { assessmentRound, assessmentScore, assessmentVisit, auditLog, person, roundAssessor, rt, rtProposal, rtTitle } from "../../src/db/schema/index.js";
import { decideRound, type TitleBaseline } from "../../src/domain/cycle/decision.js";
import { titleOf } from "../../src/domain/cycle/titles.js";
import { loadActor } from "../../src/domain/people/actor.js";
import type { RtDetails } from "../../src/domain/rt/rt.js";
import { computeScorecards } from "../../src/domain/scores/scorecard.js";
import { AUTOMATIC_CODES, INDICATOR_CODES } from "../../src/domain/scores/indicators.js";
import { awardConfirm, awardToggle } from "../../src/messages/buttons/award.js";
import {
  addAdmin,
  addKetua,
  addKoordinator,
  addMember,
  addPerson,
  addRt,
  KECAMATAN_TELANAIPURA,
  KELURAHAN_BULURAN_KENALI,
  KELURAHAN_PAYO_SELINCAH,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
  snapshotState,
} from "../helpers/fixtures.js";
import { callbackAnswerTo, callbackDataOf, pressData, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";
import { addResidents, everyoneDid, wib } from "../domain/scores/builders.js";

// Thursday 19 August 2027, 10:00 WIB: the 2027 round's visits ended on 31 July; it waits for its SK.
const NOW = wib("2027-08-19T10:00");
const VISIT_RT05 = wib("2027-06-10T09:00");
const OPENED = wib("2027-03-01T09:00");

const { database, harness } = withTestBot({ now: NOW });

type World = {
  roundId: number;
  rt05: RtDetails;
  rt06: RtDetails;
  rt07: RtDetails;
  rt09: RtDetails;
  admin: TestUser;
  ketua05: TestUser;
  ketua06: TestUser;
  siti: TestUser;
  john: TestUser;
  budi: TestUser;
  koor: TestUser;
  koorPayo: TestUser;
  koorElsewhere: TestUser;
  assessors: number[];
};

async function setLocale(user: TestUser, locale: string): Promise<void> {
  await database.db.update(person).set({ locale }).where(eq(person.telegramId, user.id));
}

/**
 * The 2027 round: RT 05 Simpang IV Sipin (120 KK now, 95 when proposed: Besar), RT 06 Buluran
 * Kenali (40 KK: Kecil), RT 09 Payo Selincah (60 KK: Sedang, another kecamatan), and RT 07, which
 * already holds the title from 2021. Two assessors scored RT 05 (one of them all 21) and RT 06.
 * RT 05 had gotong royong with 12 households in May, before its visit on 10 June.
 */
async function buildWorld(): Promise<World> {
  const db = database.db;
  const rt05 = await addRt(db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 120);
  const rt06 = await addRt(db, 6, KELURAHAN_BULURAN_KENALI, 40);
  const rt07 = await addRt(db, 7, KELURAHAN_SIMPANG_IV_SIPIN, 80);
  const rt09 = await addRt(db, 9, KELURAHAN_PAYO_SELINCAH, 60);
  const [round] = await db
    .insert(assessmentRound)
    .values({ year: 2027, proposalDeadline: "2027-04-30", visitFrom: "2027-06-01", visitTo: "2027-07-31", decisionOn: "2027-08-17", openedAt: OPENED })
    .returning({ id: assessmentRound.id });
  const roundId = round!.id;
  await db.insert(rtProposal).values([
    { roundId, rtId: rt05.id, proposedAt: OPENED, householdCount: 95 },
    { roundId, rtId: rt06.id, proposedAt: OPENED, householdCount: 40 },
    { roundId, rtId: rt07.id, proposedAt: OPENED, householdCount: 80 },
    { roundId, rtId: rt09.id, proposedAt: OPENED, householdCount: 60 },
  ]);
  await db.insert(rtTitle).values({ rtId: rt07.id, level: "bantar", category: "sedang", householdCount: 80, awardRupiah: 7_500_000, awardedOn: "2021-08-17", skNumber: "188.45/77/HK/2021", recordedAt: OPENED });

  const admin = newUser("Admin");
  await addAdmin(db, admin);
  const ketua05 = newUser("Harun");
  const ketua06 = newUser("Dewi");
  const siti = newUser("Siti");
  const john = newUser("John");
  const budi = newUser("Budi");
  await addKetua(db, ketua05, rt05.id);
  await addKetua(db, ketua06, rt06.id);
  await setLocale(ketua06, "en");
  await addMember(db, siti, rt05.id, "Rumah Siti");
  await addMember(db, john, rt05.id, "Rumah John");
  await setLocale(john, "en");
  await addMember(db, budi, rt05.id, "Rumah Budi");
  await db.update(person).set({ announcementsMutedAt: OPENED }).where(eq(person.telegramId, budi.id));
  const koor = newUser("Koor");
  const koorPayo = newUser("Koor Payo");
  const koorElsewhere = newUser("Koor Lain");
  await addKoordinator(db, koor, { kecamatanCode: KECAMATAN_TELANAIPURA });
  await addKoordinator(db, koorPayo, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
  await addKoordinator(db, koorElsewhere, { kecamatanCode: "15.71.02" });

  const assessors = [await addPerson(db, newUser("Pak Babinsa")), await addPerson(db, newUser("Bu Puskesmas"))];
  for (const [index, personId] of assessors.entries()) {
    await db.insert(roundAssessor).values({ roundId, personId, agency: index === 0 ? "babinsa" : "puskesmas", joinedAt: OPENED });
  }
  await db.insert(assessmentVisit).values({ kind: "round", roundId, rtId: rt05.id, startsAt: VISIT_RT05, scheduledAt: OPENED });
  const scoreRows = [
    // Babinsa: all 21 of RT 05 at 2; Puskesmas: B1 at 1 and B2 at 2 (combined B1: lower middle 1).
    ...INDICATOR_CODES.map((code) => ({ rtId: rt05.id, personId: assessors[0]!, indicatorCode: code, score: 2 })),
    { rtId: rt05.id, personId: assessors[1]!, indicatorCode: "B1", score: 1 },
    { rtId: rt05.id, personId: assessors[1]!, indicatorCode: "B2", score: 2 },
    { rtId: rt06.id, personId: assessors[0]!, indicatorCode: "A1", score: 1 },
  ];
  await db.insert(assessmentScore).values(scoreRows.map((row) => ({ ...row, kind: "team" as const, roundId, enteredAt: VISIT_RT05 })));
  await everyoneDid(db, rt05, await addResidents(db, 12), "gotong_royong", wib("2027-05-30T07:00"));
  return { roundId, rt05, rt06, rt07, rt09, admin, ketua05, ketua06, siti, john, budi, koor, koorPayo, koorElsewhere, assessors };
}

let world: World;
beforeEach(async () => {
  world = await buildWorld();
});

/** The latest message in the chat with the decision list (its toggle buttons). */
function decisionList(user: TestUser) {
  return shownMessages(harness.telegram, user.id).filter((message) => callbackDataOf(message).some((data) => data.startsWith("award.toggle:"))).at(-1)!;
}

async function markWinnersAndSk(admin: TestUser): Promise<void> {
  await harness.send(admin, "/keputusan");
  await pressOn(harness, admin, decisionList(admin), awardToggle.data({ rt: world.rt05.id }));
  await pressOn(harness, admin, decisionList(admin), awardToggle.data({ rt: world.rt06.id }));
  await pressOn(harness, admin, decisionList(admin), "Lanjut");
}

describe("/keputusan: the round's decision", () => {
  it("shows the proposed RTs by category with the team's recap, both KK counts, and the holder without a toggle", async () => {
    await harness.send(world.admin, "/keputusan");
    const list = decisionList(world.admin);
    expect(list.text).toContain("4 RT diusulkan");
    // RT 05: Babinsa all 2, Puskesmas B1=1, B2=2 → B1 combined 1: 41/42, every indicator scored.
    expect(list.text).toMatch(/RT 05 Simpang IV Sipin.*41\/42, 2 penilai, 120 KK \(saat diusulkan 95 KK\)/);
    expect(list.text).toMatch(/RT 06 Buluran Kenali.*1\/2 · 20 belum dinilai, 1 penilai, 40 KK$/m);
    expect(list.text).toMatch(/RT 09 .*0\/0 · 21 belum dinilai, 0 penilai/);
    expect(list.text).toContain("sudah memegang gelar Kampung BANTAR");
    // Besar before Sedang before Kecil.
    expect(list.text.indexOf("Kategori Besar")).toBeLessThan(list.text.indexOf("Kategori Sedang"));
    expect(list.text.indexOf("Kategori Sedang")).toBeLessThan(list.text.indexOf("Kategori Kecil"));
    const toggles = callbackDataOf(list).filter((data) => data.startsWith("award.toggle:"));
    expect(toggles.sort()).toEqual([world.rt05.id, world.rt06.id, world.rt09.id].map((rt) => awardToggle.data({ rt })).sort());

    // The Kecil filter shows RT 06 only; a toggle marks it, a second unmarks it.
    await pressOn(harness, world.admin, list, "Kecil");
    const kecil = decisionList(world.admin);
    expect(kecil.text).toContain("RT 06");
    expect(kecil.text).not.toContain("RT 05");
    await pressOn(harness, world.admin, kecil, awardToggle.data({ rt: world.rt06.id }));
    expect(decisionList(world.admin).text).toContain("1 dipilih");
    await pressOn(harness, world.admin, decisionList(world.admin), awardToggle.data({ rt: world.rt06.id }));
    expect(decisionList(world.admin).text).toContain("0 dipilih");
    // "Lanjut" with nobody marked asks again.
    await pressOn(harness, world.admin, decisionList(world.admin), "Lanjut");
    expect(harness.lastText(world.admin)).toContain("Pilih minimal satu RT");
  });

  it("takes hostile SK numbers and dates with a clear answer, then saves one decision however often the save is tapped", async () => {
    await markWinnersAndSk(world.admin);
    expect(harness.lastText(world.admin)).toContain("nomor SK");
    const refusals: [string, RegExp][] = [
      ["   ", /kosong|isi/i],
      ["\u200b\u200b\u2060", /kosong|isi/i],
      ["1".repeat(61), /paling banyak 60/],
      ["🏆🏆🏆", /hanya boleh berisi/],
      ["188'; drop table rt_title; --", /hanya boleh berisi/],
      ["HK/ABC", /harus memuat angka/],
    ];
    for (const [text, answer] of refusals) {
      await harness.send(world.admin, text);
      expect(harness.lastText(world.admin), text).toMatch(answer);
    }
    await harness.send(world.admin, "  188.45/123/HK/2027 ");
    expect(harness.lastText(world.admin)).toContain("Tanggal SK");
    await harness.send(world.admin, "20/8/2027"); // tomorrow
    expect(harness.lastText(world.admin)).toContain("tidak boleh melewati hari ini");
    await harness.send(world.admin, "2,5");
    expect(harness.lastText(world.admin)).not.toContain("Ringkasan");
    await harness.send(world.admin, "17 Agustus 2027");
    const summary = harness.lastText(world.admin);
    expect(summary).toContain("SK 188.45/123/HK/2027 tanggal 17 Agustus 2027");
    expect(summary).toContain("Kategori Besar: 1 RT × Rp 10.000.000 = Rp 10.000.000");
    expect(summary).toContain("Kategori Kecil: 1 RT × Rp 5.000.000 = Rp 5.000.000");
    expect(summary).toContain("Jumlah: 2 RT, uang pembinaan Rp 15.000.000");
    expect(await database.db.select().from(rtTitle).where(eq(rtTitle.roundId, world.roundId))).toHaveLength(0);

    const confirm = shownMessages(harness.telegram, world.admin.id).at(-1)!;
    await pressOn(harness, world.admin, confirm, "Simpan keputusan");
    const again = await pressOn(harness, world.admin, confirm, "Simpan keputusan");
    expect(callbackAnswerTo(harness.telegram, again)?.text).toContain("sudah tersimpan");
    expect(harness.telegram.textsTo(world.admin.id).filter((text) => text.includes("tersimpan: 2 RT"))).toHaveLength(1);

    const [round] = await database.db.select().from(assessmentRound).where(eq(assessmentRound.id, world.roundId));
    expect(round).toMatchObject({ skNumber: "188.45/123/HK/2027", skDate: "2027-08-17" });
    expect(round!.decidedAt).toEqual(NOW);
    const titles = await database.db.select().from(rtTitle).where(eq(rtTitle.roundId, world.roundId));
    expect(titles.map((title) => [title.rtId, title.level, title.category, title.householdCount, title.awardRupiah, title.awardedOn, title.skNumber]).sort()).toEqual(
      [
        [world.rt05.id, "bantar", "besar", 120, 10_000_000, "2027-08-17", "188.45/123/HK/2027"],
        [world.rt06.id, "bantar", "kecil", 40, 5_000_000, "2027-08-17", "188.45/123/HK/2027"],
      ].sort(),
    );
    const audits = await database.db.select().from(auditLog).where(inArray(auditLog.action, ["round_decided", "title_awarded"]));
    expect(audits.filter((row) => row.action === "round_decided")).toHaveLength(1);
    expect(audits.filter((row) => row.action === "title_awarded").map((row) => row.rtId).sort()).toEqual([world.rt05.id, world.rt06.id].sort());

    // Notices: each winner's ketua (in their language), RT 05's residents but muted Budi, each once.
    const to = (user: TestUser) => harness.telegram.textsTo(user.id);
    expect(to(world.ketua05).filter((text) => text.includes("Selamat"))).toEqual([
      expect.stringMatching(/Selamat, Harun! RT 05 Simpang IV Sipin meraih gelar Kampung BANTAR 2027, kategori Besar, uang pembinaan Rp 10\.000\.000\. SK 188\.45\/123\/HK\/2027 tanggal 17 Agustus 2027/),
    ]);
    expect(to(world.ketua06).filter((text) => text.includes("Congratulations"))).toEqual([expect.stringMatching(/RT 06 Buluran Kenali has won the Kampung BANTAR 2027 title, category Small, award Rp 5,000,000/)]);
    expect(to(world.siti).filter((text) => text.includes("Kampung BANTAR 2027"))).toEqual([expect.stringContaining("Kabar gembira, Siti")]);
    expect(to(world.john).filter((text) => text.includes("Kampung BANTAR 2027"))).toEqual([expect.stringContaining("Good news, John")]);
    expect(to(world.budi).filter((text) => text.includes("Kampung BANTAR"))).toEqual([]);
    // Koordinator: the winners in their area; Payo Selincah's proposed RT did not win; elsewhere: nothing.
    const koorNotices = to(world.koor).filter((text) => text.includes("keputusan Kampung BANTAR 2027"));
    expect(koorNotices).toHaveLength(1);
    expect(koorNotices[0]).toContain("2 dari 3 RT usulan");
    expect(koorNotices[0]).toContain("RT 05 Simpang IV Sipin");
    expect(koorNotices[0]).toContain("RT 06 Buluran Kenali");
    expect(to(world.koorPayo).filter((text) => text.includes("keputusan Kampung BANTAR 2027"))).toEqual([expect.stringContaining("Belum ada RT usulan di wilayah Anda")]);
    expect(to(world.koorElsewhere)).toEqual([]);

    // A second decision of the round is refused, in words.
    await harness.send(world.admin, "/keputusan");
    expect(harness.lastText(world.admin)).toContain("sudah diputuskan (SK 188.45/123/HK/2027)");
  });

  it("refuses the save when a winner's KK count moved it to another category after the summary was shown", async () => {
    await markWinnersAndSk(world.admin);
    await harness.send(world.admin, "188.45/123/HK/2027");
    await harness.send(world.admin, "17 Agustus 2027");
    expect(harness.lastText(world.admin)).toContain("Kategori Kecil: 1 RT × Rp 5.000.000");
    // RT 06 (40 KK, Kecil) reports 100 KK meanwhile: it would be Besar, Rp 10 juta, not what was confirmed.
    await database.db.update(rt).set({ householdCount: 100 }).where(eq(rt.id, world.rt06.id));
    await harness.press(world.admin, "Simpan keputusan");
    expect(harness.lastText(world.admin)).toContain(`Jumlah KK RT 06 ${world.rt06.kelurahanName} berubah menjadi 100 KK sejak daftar ditampilkan`);
    expect(await database.db.select().from(rtTitle).where(eq(rtTitle.roundId, world.roundId))).toHaveLength(0);
    const [round] = await database.db.select().from(assessmentRound).where(eq(assessmentRound.id, world.roundId));
    expect(round!.decidedAt).toBeNull();
  });

  it("keeps the RT's level before the visit as its baseline, in the shape the watch reads", async () => {
    await markWinnersAndSk(world.admin);
    await harness.send(world.admin, "188.45/123/HK/2027");
    await harness.send(world.admin, "17/8/2027");
    await harness.press(world.admin, "Simpan keputusan");
    const [title05] = await database.db.select().from(rtTitle).where(eq(rtTitle.rtId, world.rt05.id));
    const [title06] = await database.db.select().from(rtTitle).where(eq(rtTitle.rtId, world.rt06.id));
    // Measured at the start of the visit's WIB day (one scorecard computation per day, not per winner).
    const visitDay = wib("2027-06-10T00:00");
    const [card05] = await computeScorecards(database.db, [world.rt05.id], visitDay);
    const baseline = title05!.baseline as TitleBaseline;
    expect(Object.keys(baseline).sort()).toEqual(["automatic", "measuredAt", "participatingHouseholds", "team", "total"]);
    expect(baseline.measuredAt).toBe(visitDay.toISOString());
    expect(baseline.automatic).toEqual(Object.fromEntries(AUTOMATIC_CODES.map((code) => [code, card05!.indicators.find((indicator) => indicator.code === code)!.score])));
    expect(baseline.participatingHouseholds).toBe(card05!.metrics.participatingHouseholds);
    expect(baseline.participatingHouseholds).toBe(12);
    expect(Object.keys(baseline.team).sort()).toEqual([...INDICATOR_CODES].sort());
    expect(baseline.team.B1).toBe(1);
    expect(baseline.team.P7).toBe(2);
    expect(baseline.total).toBe(41);
    // RT 06 had no visit: measured at the round's first visit day, 00.00 WIB; unscored indicators are null.
    const baseline06 = title06!.baseline as TitleBaseline;
    expect(baseline06.measuredAt).toBe(wib("2027-06-01T00:00").toISOString());
    expect(baseline06.team.A1).toBe(1);
    expect(baseline06.team.B1).toBeNull();
    expect(baseline06.total).toBe(1);
    expect(baseline06.participatingHouseholds).toBe(0);
  });

  it("shows the title on the ketua's and the resident's /skor", async () => {
    await markWinnersAndSk(world.admin);
    await harness.send(world.admin, "188.45/123/HK/2027");
    await harness.send(world.admin, "17/8/2027");
    await harness.press(world.admin, "Simpan keputusan");
    await harness.send(world.ketua05, "/skor");
    expect(harness.telegram.textsTo(world.ketua05.id).some((text) => text.includes("🏆 Kampung BANTAR 2027 (Besar)"))).toBe(true);
    await harness.send(world.siti, "/skor");
    expect(harness.lastText(world.siti)).toContain("🏆 Kampung BANTAR 2027 (Besar)");
    expect(await titleOf(database.db, world.rt07.id)).toEqual([expect.objectContaining({ level: "bantar", year: 2021, category: "sedang" })]);
  });

  it("refuses wrong roles and forged buttons, and changes nothing", async () => {
    const before = await snapshotState(database.db);
    await harness.send(world.koor, "/keputusan");
    expect(harness.lastText(world.koor)).toContain("hanya untuk admin");
    await harness.send(world.ketua05, "/keputusan");
    expect(harness.lastText(world.ketua05)).toContain("hanya untuk admin");
    const forged = await pressData(harness, world.koor, awardConfirm.data({ key: "00000000-0000-0000-0000-000000000000" }));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBeTruthy();
    await pressData(harness, world.koor, awardToggle.data({ rt: world.rt05.id }));
    // An admin's forged toggle for an RT not on the list (the holder, an unproposed id) changes nothing.
    await harness.send(world.admin, "/keputusan");
    await pressData(harness, world.admin, awardToggle.data({ rt: world.rt07.id }), decisionList(world.admin).messageId);
    await pressData(harness, world.admin, awardToggle.data({ rt: 999_999 }), decisionList(world.admin).messageId);
    expect(decisionList(world.admin).text).toContain("0 dipilih");
    // A stale save button of no form: "stale", nothing saved.
    const stale = await pressData(harness, world.admin, awardConfirm.data({ key: "11111111-1111-1111-1111-111111111111" }));
    expect(callbackAnswerTo(harness.telegram, stale)?.text).toContain("tidak berlaku");
    expect(await database.db.select().from(rtTitle).where(eq(rtTitle.roundId, world.roundId))).toHaveLength(0);
    const after = await snapshotState(database.db);
    expect(after.rt_title).toEqual(before.rt_title);
    expect(after.assessment_round).toEqual(before.assessment_round);
  });

  it("refuses in the service a holder, an unproposed RT, a decision before the visits, a future SK, and a second decision", async () => {
    const deps = harness.deps;
    const actor = await loadActor(database.db, world.admin.id, []);
    const input = { roundId: world.roundId, skNumber: "188.45/1/HK/2027", skDate: { year: 2027, month: 8, day: 17 }, requestKey: "decision:test-1" };
    await expect(decideRound(deps, actor, { ...input, winners: [world.rt07.id] })).rejects.toMatchObject({ code: "award-already-holder" });
    const stranger = await addRt(database.db, 11, KELURAHAN_SIMPANG_IV_SIPIN, 30);
    await expect(decideRound(deps, actor, { ...input, winners: [stranger.id] })).rejects.toMatchObject({ code: "award-not-proposed" });
    await expect(decideRound(deps, actor, { ...input, winners: [] })).rejects.toMatchObject({ code: "award-no-winners" });
    await expect(decideRound(deps, actor, { ...input, winners: [world.rt05.id], skDate: { year: 2027, month: 8, day: 20 } })).rejects.toMatchObject({ code: "award-sk-date-future" });
    await expect(decideRound(deps, actor, { ...input, winners: [world.rt05.id], skNumber: "x'; --" })).rejects.toMatchObject({ code: "award-sk-number-invalid" });
    const koorActor = await loadActor(database.db, world.koor.id, []);
    await expect(decideRound(deps, koorActor, { ...input, winners: [world.rt05.id] })).rejects.toMatchObject({ code: "not-allowed" });
    // Before the visits.
    const early = deps.clock;
    deps.clock = () => wib("2027-05-10T10:00");
    await expect(decideRound(deps, actor, { ...input, winners: [world.rt05.id], skDate: { year: 2027, month: 5, day: 10 } })).rejects.toMatchObject({ code: "award-too-early" });
    deps.clock = early;

    const first = await decideRound(deps, actor, { ...input, winners: [world.rt05.id] });
    expect(first).toMatchObject({ repeated: false, totalRupiah: 10_000_000 });
    // The same form again: what was saved; another form: refused.
    expect(await decideRound(deps, actor, { ...input, winners: [world.rt05.id] })).toMatchObject({ repeated: true, totalRupiah: 10_000_000 });
    await expect(decideRound(deps, actor, { ...input, requestKey: "decision:test-2", winners: [world.rt06.id] })).rejects.toMatchObject({ code: "award-round-decided" });
    expect(await database.db.select().from(rtTitle).where(and(eq(rtTitle.roundId, world.roundId)))).toHaveLength(1);
  });
});
