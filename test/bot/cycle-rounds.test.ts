import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assessmentRound, assessmentVisit, auditLog, outbox, rtProposal, rtTitle } from "../../src/db/schema/index.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { actForRt } from "../../src/domain/roles/acting.js";
import { serviceDeps } from "../helpers/service-deps.js";
import type { RtDetails } from "../../src/domain/rt/rt.js";
import { enterManualScore } from "../../src/domain/scores/manual.js";
import { AWARD_CATEGORIES } from "../../src/domain/cycle/award.js";
import { ROUND_DATE_FIELDS } from "../../src/domain/cycle/opening.js";
import { roundAskKey, roundFieldKey } from "../../src/bot/conversations/rounds.js";
import { roundCategoryKey, roundPhaseKey } from "../../src/bot/features/rounds.js";
import { createI18n } from "../../src/bot/i18n.js";
import { proposalAdd, proposalWithdraw, previewRt, roundNew, roundSave } from "../../src/messages/buttons/rounds.js";
import {
  addAdmin,
  addKetua,
  addKoordinator,
  addMember,
  addRt,
  KELURAHAN_PAYO_SELINCAH,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
  snapshotState,
} from "../helpers/fixtures.js";
import { addTeamMember } from "../helpers/cycle.js";
import { callbackAnswerTo, pressData, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Monday 1 March 2027, 10:00 WIB.
const NOW = new Date("2027-03-01T03:00:00Z");
const AFTER_DEADLINE = new Date("2027-05-01T03:00:00Z");

const { database, harness } = withTestBot({ now: NOW });

type World = { rt05: RtDetails; rt07: RtDetails; rt09: RtDetails; admin: TestUser; koor: TestUser; koorOther: TestUser; ketua: TestUser; ketua09: TestUser; warga: TestUser };

/** RT 05 and RT 07 in Simpang IV Sipin (the koordinator's), RT 09 in Payo Selincah (another koordinator's). */
async function buildWorld(): Promise<World> {
  const db = database.db;
  const rt05 = await addRt(db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 120);
  const rt07 = await addRt(db, 7, KELURAHAN_SIMPANG_IV_SIPIN, 60);
  const rt09 = await addRt(db, 9, KELURAHAN_PAYO_SELINCAH, 30);
  const admin = newUser("Admin");
  const koor = newUser("Koor");
  const koorOther = newUser("KoorLain");
  const ketua = newUser("Harun");
  const ketua09 = newUser("Ketua09");
  const warga = newUser("Siti");
  await addAdmin(db, admin);
  await addKoordinator(db, koor, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  await addKoordinator(db, koorOther, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
  await addKetua(db, ketua, rt05.id);
  await addKetua(db, ketua09, rt09.id);
  await addMember(db, warga, rt05.id);
  return { rt05, rt07, rt09, admin, koor, koorOther, ketua, ketua09, warga };
}

async function insertRound(year = 2027, deadline = "2027-04-30", decided = false) {
  const decision = decided ? { skNumber: "SK-1", skDate: "2027-02-01", decidedAt: NOW } : {};
  const [row] = await database.db
    .insert(assessmentRound)
    .values({ year, proposalDeadline: deadline, visitFrom: "2027-06-01", visitTo: "2027-07-31", decisionOn: "2027-08-17", openedAt: NOW, requestKey: `round:seed-${year}`, ...decision })
    .returning();
  return row!;
}

function textsTo(user: TestUser): string[] {
  return harness.telegram.textsTo(user.id);
}

/** What opening a round can change (the form's own state in bot_state changes with every answer). */
async function roundState() {
  return {
    rounds: await database.db.select().from(assessmentRound),
    proposals: await database.db.select().from(rtProposal),
    audit: await database.db.select().from(auditLog),
    outbox: await database.db.select().from(outbox),
  };
}

async function answerAll(user: TestUser, answers: string[]): Promise<void> {
  for (const text of answers) await harness.send(user, text);
}

describe("/putaran: an admin opens the year's round", () => {
  it("asks year and dates, reads each date back, saves once on a double tap, audits, tells every koordinator once", async () => {
    const world = await buildWorld();
    await harness.send(world.admin, "/putaran");
    expect(harness.lastText(world.admin)).toContain("Belum ada putaran penilaian");
    await harness.press(world.admin, "Buka putaran baru");
    expect(harness.lastText(world.admin)).toContain("tahun berapa");
    await answerAll(world.admin, ["2027", "30 April 2027"]);
    expect(textsTo(world.admin)).toContain("✔️ Batas usulan: 30 April 2027");
    await answerAll(world.admin, ["1/6/2027", "31/7/2027", "17 Agustus 2027"]);
    const summary = shownMessages(harness.telegram, world.admin.id).filter((message) => message.text.includes("Periksa putaran")).at(-1)!;
    expect(summary.text).toContain("• Tahun: 2027");
    expect(summary.text).toContain("• Kunjungan tim: 1 Juni 2027 – 31 Juli 2027");
    expect(summary.text).toContain("• Keputusan: 17 Agustus 2027");
    await pressOn(harness, world.admin, summary, "Simpan");
    const second = await pressOn(harness, world.admin, summary, "Simpan");
    expect(callbackAnswerTo(harness.telegram, second)?.text).toBe("Putaran penilaian 2027 sudah tersimpan.");
    expect(textsTo(world.admin).some((text) => text.startsWith("✅ Putaran penilaian 2027 dibuka"))).toBe(true);

    const rounds = await database.db.select().from(assessmentRound);
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ year: 2027, proposalDeadline: "2027-04-30", visitFrom: "2027-06-01", visitTo: "2027-07-31", decisionOn: "2027-08-17" });
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "round_opened"))).toHaveLength(1);
    for (const koor of [world.koor, world.koorOther]) {
      const notices = textsTo(koor).filter((text) => text.includes("putaran penilaian Kampung BANTAR 2027 dibuka"));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain("sampai 30 April 2027 lewat /usulkan");
    }
    expect(textsTo(world.ketua).some((text) => text.includes("dibuka"))).toBe(false);

    await harness.send(world.admin, "/putaran");
    expect(harness.lastText(world.admin)).toContain("• 2027 · menerima usulan");
    expect(harness.lastText(world.admin)).toContain("Diusulkan 0 RT · dikunjungi 0 · ditetapkan 0");
  });

  it("keeps the answers when the save is refused for something an answer can mend: back to the summary, then saves", async () => {
    const world = await buildWorld();
    await harness.send(world.admin, "/putaran");
    await harness.press(world.admin, "Buka putaran baru");
    await answerAll(world.admin, ["2027", "2/3/2027", "1/6/2027", "31/7/2027", "17 Agustus 2027"]);
    // The admin leaves the summary overnight and beyond: the deadline has passed when "Simpan" is tapped.
    const now = harness.now;
    harness.now = new Date(now.getTime() + 3 * 24 * 3600 * 1000);
    try {
      await harness.press(world.admin, "Simpan");
      const said = textsTo(world.admin).slice(-2);
      expect(said[0]).toContain("sudah lewat");
      expect(said[1]).toContain("• Tahun: 2027"); // the summary again, every answer kept
      expect(await database.db.select().from(assessmentRound)).toHaveLength(0);
      await harness.press(world.admin, "Batas usulan");
      await harness.send(world.admin, "30 April 2027");
      await harness.press(world.admin, "Simpan");
      expect(harness.lastText(world.admin)).toContain("✅ Putaran penilaian 2027 dibuka");
      expect(await database.db.select().from(assessmentRound)).toMatchObject([{ year: 2027, proposalDeadline: "2027-04-30", visitFrom: "2027-06-01" }]);
    } finally {
      harness.now = now;
    }
  });

  it("refuses a second round for the same year, clearly, at the year prompt", async () => {
    const world = await buildWorld();
    await insertRound(2027, "2027-04-30", true);
    await harness.send(world.admin, "/putaran");
    await harness.press(world.admin, "Buka putaran baru");
    await harness.send(world.admin, "2027");
    expect(harness.lastText(world.admin)).toBe("Putaran penilaian 2027 sudah ada: satu putaran untuk setiap tahun. Tulis tahun lain, atau kirim /batal.");
    await harness.send(world.admin, "2028");
    expect(harness.lastText(world.admin)).toContain("Sampai tanggal berapa");
  });

  it("opens no new round while one is undecided: no button, and an old button is refused naming the year", async () => {
    const world = await buildWorld();
    await harness.send(world.admin, "/putaran");
    const old = shownMessages(harness.telegram, world.admin.id).at(-1)!;
    await insertRound(2027);
    await harness.send(world.admin, "/putaran");
    expect(harness.lastText(world.admin)).toContain("• 2027 · menerima usulan");
    expect(JSON.stringify(shownMessages(harness.telegram, world.admin.id).at(-1))).not.toContain("Buka putaran baru");
    await pressOn(harness, world.admin, old, "Buka putaran baru");
    expect(harness.lastText(world.admin)).toBe("Putaran penilaian 2027 belum diputuskan. Catat keputusannya dengan /keputusan sebelum membuka putaran baru.");
    expect(await database.db.select().from(assessmentRound)).toHaveLength(1);
  });

  it("answers hostile input at the year prompt and stores nothing", async () => {
    const world = await buildWorld();
    await harness.send(world.admin, "/putaran");
    await harness.press(world.admin, "Buka putaran baru");
    const before = await roundState();
    const cases: [string, string][] = [
      ["   ", "Isian masih kosong"],
      ["\u200b\u200b", "Isian masih kosong"],
      ["🎉", "4 angka"],
      ["2,5", "4 angka"],
      ["-2027", "4 angka"],
      ["2027'; drop table assessment_round; --", "4 angka"],
      ["9".repeat(5000), "4 angka"],
      ["2020", "tahun 2027 sampai 2028"],
      ["2029", "tahun 2027 sampai 2028"],
    ];
    for (const [input, expected] of cases) {
      await harness.send(world.admin, input);
      expect(harness.lastText(world.admin), input.slice(0, 20)).toContain(expected);
    }
    expect(await roundState()).toEqual(before);
    // Invisible characters around a good year are dropped.
    await harness.send(world.admin, "\u200b2027\u200e");
    expect(harness.lastText(world.admin)).toContain("Sampai tanggal berapa");
  });

  it("answers hostile input at each date prompt, and refuses dates out of order", async () => {
    const world = await buildWorld();
    await harness.send(world.admin, "/putaran");
    await harness.press(world.admin, "Buka putaran baru");
    await harness.send(world.admin, "2027");
    const hostile: [string, string][] = [
      ["", "Isian masih kosong"],
      ["🎉🎉", "tidak saya kenali"],
      ["2,5", "tidak saya kenali"],
      ["jam 7", "tidak saya kenali"],
      ["-30/4/2027", "tidak saya kenali"],
      ["'; delete from rt; --", "tidak saya kenali"],
      ["x".repeat(4000), "Terlalu panjang"],
      ["31/2/2027", "tidak ada di kalender"],
      ["1/1/2027", "sudah lewat"],
      ["1/1/2029", "lebih dari setahun"],
    ];
    for (const [input, expected] of hostile) {
      await harness.send(world.admin, input);
      expect(harness.lastText(world.admin), input.slice(0, 20)).toContain(expected);
    }
    await harness.send(world.admin, "\u200b30 April 2027\u200b");
    expect(textsTo(world.admin)).toContain("✔️ Batas usulan: 30 April 2027");
    // Visits cannot start before the deadline.
    await harness.send(world.admin, "29/4/2027");
    expect(harness.lastText(world.admin)).toBe("Tanggal ini tidak boleh sebelum Batas usulan (30 April 2027). Tulis tanggal lain.");
    for (const input of hostile.slice(0, 5)) {
      await harness.send(world.admin, input[0]);
      expect(harness.lastText(world.admin)).toContain(input[1]);
    }
    // Nor on the deadline's day: proposals close before the visits begin.
    await harness.send(world.admin, "30/4/2027");
    expect(harness.lastText(world.admin)).toBe("Tanggal ini harus sesudah Batas usulan (30 April 2027): kunjungan tim dimulai setelah usulan ditutup. Tulis tanggal lain.");
    await harness.send(world.admin, "1/5/2027");
    await harness.send(world.admin, "1/4/2027");
    expect(harness.lastText(world.admin)).toBe("Tanggal ini tidak boleh sebelum Batas usulan (30 April 2027). Tulis tanggal lain.");
    await harness.send(world.admin, "31/7/2027");
    await harness.send(world.admin, "30/7/2027");
    expect(harness.lastText(world.admin)).toBe("Tanggal ini tidak boleh sebelum Akhir kunjungan (31 Juli 2027). Tulis tanggal lain.");
    await harness.send(world.admin, "17/8/2027");
    // Changing the deadline to after the visits start is refused too.
    await harness.press(world.admin, "Batas usulan");
    await harness.send(world.admin, "2/5/2027");
    expect(harness.lastText(world.admin)).toBe("Tanggal ini tidak boleh sesudah Awal kunjungan (1 Mei 2027). Tulis tanggal lain.");
    await harness.send(world.admin, "1/5/2027");
    expect(harness.lastText(world.admin)).toBe("Tanggal ini harus sebelum Awal kunjungan (1 Mei 2027): usulan ditutup sebelum kunjungan tim dimulai. Tulis tanggal lain.");
    await harness.send(world.admin, "20/4/2027");
    expect(harness.lastText(world.admin)).toContain("• Batas usulan: 20 April 2027");
    await harness.press(world.admin, "Simpan");
    const [round] = await database.db.select().from(assessmentRound);
    expect(round).toMatchObject({ proposalDeadline: "2027-04-20", visitFrom: "2027-05-01", visitTo: "2027-07-31", decisionOn: "2027-08-17" });
  });

  it("is for admins only: a koordinator's /putaran and a forged 'open' button are refused", async () => {
    const world = await buildWorld();
    const before = await snapshotState(database.db);
    await harness.send(world.koor, "/putaran");
    expect(harness.lastText(world.koor)).toBe("Maaf, perintah ini hanya untuk admin kota.");
    const forged = await pressData(harness, world.koor, roundNew.data({}));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe("Maaf, perintah ini hanya untuk admin kota.");
    await harness.send(world.koor, "2027");
    expect(await snapshotState(database.db)).toEqual(before);
    // A "Simpan" of no form that saved anything is stale, even for an admin.
    const stale = await pressData(harness, world.admin, roundSave.data({ key: "0f0e0d0c-aaaa-bbbb-cccc-000000000000" }));
    expect(callbackAnswerTo(harness.telegram, stale)?.text).toBe("Tombol ini sudah tidak berlaku.");
  });
});

describe("/usulkan: a koordinator proposes RTs of their area", () => {
  it("lists the area's RTs with their readiness; proposing stores the snapshot, audits and tells the ketua once, a double tap included", async () => {
    const world = await buildWorld();
    const round = await insertRound();
    await harness.send(world.koor, "/usulkan");
    const board = harness.lastText(world.koor);
    expect(board).toContain("0 dari 2 RT diusulkan");
    expect(board).toContain(`▫️ RT 05 ${world.rt05.kelurahanName} · 120 KK (Besar) · otomatis 0/11 baik · 10 belum dinilai`);
    expect(board).toContain(`RT 07 ${world.rt07.kelurahanName} · 60 KK (Sedang)`);
    expect(board).not.toContain("RT 09");
    const shown = shownMessages(harness.telegram, world.koor.id).at(-1)!;
    await pressOn(harness, world.koor, shown, "Usulkan RT 05");
    const again = await pressOn(harness, world.koor, shown, "Usulkan RT 05");
    expect(callbackAnswerTo(harness.telegram, again)?.text).toBe("RT 05 sudah diusulkan untuk penilaian 2027.");

    const proposals = await database.db.select().from(rtProposal);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ roundId: round.id, rtId: world.rt05.id, householdCount: 120, withdrawnAt: null });
    const readiness = proposals[0]!.readiness as { automatic: Record<string, number>; unscored: string[]; householdCount: number };
    expect(Object.keys(readiness.automatic).sort()).toEqual(["A2", "A5", "A7", "B3", "B5", "B6", "B7", "P2", "P3", "P4", "P6"]);
    expect(readiness.unscored).toHaveLength(10); // the 21 less the 11 automatic
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "rt_proposed"))).toHaveLength(1);
    const told = textsTo(world.ketua).filter((text) => text.includes("diusulkan untuk penilaian Kampung BANTAR 2027"));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^📣 Harun, RT 05 /); // addressed by name (no greeting chosen)
    expect(told[0]).toContain("antara 1 Juni 2027 dan 31 Juli 2027");
    expect(told[0]).toContain("/penilaian");
    expect(harness.lastText(world.koor)).toContain(`✅ RT 05 ${world.rt05.kelurahanName} · 120 KK (Besar)`);
    expect(harness.buttons(world.koor)).toContain("↩️ Tarik usulan RT 05");
  });

  it("withdraws and proposes again before the deadline; the history stays", async () => {
    const world = await buildWorld();
    await insertRound();
    await harness.send(world.koor, "/usulkan");
    await harness.press(world.koor, "Usulkan RT 07");
    await harness.press(world.koor, "Tarik usulan RT 07");
    expect(harness.lastText(world.koor)).toContain("0 dari 2 RT diusulkan");
    await harness.press(world.koor, "Usulkan RT 07");
    const rows = await database.db.select().from(rtProposal).where(eq(rtProposal.rtId, world.rt07.id));
    expect(rows).toHaveLength(2);
    expect(rows.filter((row) => row.withdrawnAt === null)).toHaveLength(1);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "proposal_withdrawn"))).toHaveLength(1);
  });

  it("cancels the RT's visit with the proposal: the assessors are told, the ketua reads it in the withdrawal", async () => {
    const world = await buildWorld();
    const round = await insertRound();
    const assessor = newUser("Bu Penilai");
    await addTeamMember(database.db, assessor, round.id, { rtIds: [world.rt05.id] });
    await harness.send(world.koor, "/usulkan");
    await harness.press(world.koor, "Usulkan RT 05");
    const [visit] = await database.db
      .insert(assessmentVisit)
      .values({ kind: "round", roundId: round.id, rtId: world.rt05.id, startsAt: new Date("2027-06-10T02:00:00Z"), scheduledAt: NOW, requestKey: "visit-form-1" })
      .returning();
    await harness.press(world.koor, "Tarik usulan RT 05");
    const [after] = await database.db.select().from(assessmentVisit).where(eq(assessmentVisit.id, visit!.id));
    expect(after!.cancelledAt).not.toBeNull();
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "visit_cancelled"))).toHaveLength(1);
    await harness.delivery.engine.drain();
    const withdrawn = textsTo(world.ketua).filter((text) => text.includes("ditarik oleh koordinator"));
    expect(withdrawn).toEqual([expect.stringContaining("Kunjungan tim penilai yang dijadwalkan Kamis, 10 Juni 2027 pukul 09.00 WIB ikut dibatalkan.")]);
    expect(textsTo(world.ketua).filter((text) => text.includes("dibatalkan"))).toHaveLength(1); // one message, not two
    // No new date will come: the assessor is told why, not "Jadwal baru akan diberitahukan".
    expect(textsTo(assessor).filter((text) => text.includes("dibatalkan"))).toEqual([
      "Bu Penilai, kunjungan penilaian Anda ke RT 05 Simpang IV Sipin pada Kamis, 10 Juni 2027 pukul 09.00 WIB dibatalkan karena usulan RT ini ditarik koordinator.",
    ]);
    // The same withdraw button pressed again: nothing more is withdrawn, cancelled, audited or told.
    const [proposal] = await database.db.select().from(rtProposal).where(eq(rtProposal.rtId, world.rt05.id));
    const audit = await database.db.select().from(auditLog);
    const queued = await database.db.select().from(outbox);
    await pressData(harness, world.koor, proposalWithdraw.data({ proposal: proposal!.id }));
    expect(await database.db.select().from(auditLog)).toHaveLength(audit.length);
    expect(await database.db.select().from(outbox)).toHaveLength(queued.length);
  });

  it("leaves a visit that took place as history when its proposal is withdrawn", async () => {
    const world = await buildWorld();
    const round = await insertRound();
    const assessor = newUser("Bu Penilai");
    await addTeamMember(database.db, assessor, round.id, { rtIds: [world.rt05.id] });
    await harness.send(world.koor, "/usulkan");
    await harness.press(world.koor, "Usulkan RT 05");
    const [held] = await database.db
      .insert(assessmentVisit)
      .values({ kind: "round", roundId: round.id, rtId: world.rt05.id, startsAt: new Date(NOW.getTime() - 60 * 60 * 1000), scheduledAt: NOW, requestKey: "visit-form-held" })
      .returning();
    await harness.press(world.koor, "Tarik usulan RT 05");
    expect(await database.db.select().from(rtProposal).where(eq(rtProposal.rtId, world.rt05.id))).toEqual([expect.objectContaining({ withdrawnAt: NOW })]);
    const [after] = await database.db.select().from(assessmentVisit).where(eq(assessmentVisit.id, held!.id));
    expect(after!.cancelledAt).toBeNull();
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "visit_cancelled"))).toHaveLength(0);
    await harness.delivery.engine.drain();
    expect(textsTo(assessor)).toHaveLength(0);
    expect(textsTo(world.ketua).filter((text) => text.includes("ditarik oleh koordinator"))).toEqual([expect.not.stringContaining("ikut dibatalkan")]);
  });

  it("refuses an RT outside the koordinator's area, also by a forged button, and changes nothing", async () => {
    const world = await buildWorld();
    const round = await insertRound();
    const before = await snapshotState(database.db);
    const forged = await pressData(harness, world.koorOther, proposalAdd.data({ round: round.id, rt: world.rt05.id }));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe("RT ini di luar wilayah tugas Anda.");
    expect(await snapshotState(database.db)).toEqual(before);
    await harness.send(world.koor, "/usulkan");
    await harness.press(world.koor, "Usulkan RT 05");
    const [proposal] = await database.db.select().from(rtProposal);
    const afterProposal = await snapshotState(database.db);
    const withdraw = await pressData(harness, world.koorOther, proposalWithdraw.data({ proposal: proposal!.id }));
    expect(callbackAnswerTo(harness.telegram, withdraw)?.text).toBe("RT ini di luar wilayah tugas Anda.");
    expect((await database.db.select().from(rtProposal))[0]!.withdrawnAt).toBeNull();
    expect(await snapshotState(database.db)).toEqual(afterProposal);
    const peek = await pressData(harness, world.koorOther, previewRt.data({ rt: world.rt05.id }));
    expect(callbackAnswerTo(harness.telegram, peek)?.text).toBe("RT ini di luar wilayah tugas Anda.");
    expect(await snapshotState(database.db)).toEqual(afterProposal);
    // A ketua cannot press a koordinator's button at all.
    const byKetua = await pressData(harness, world.ketua, proposalAdd.data({ round: round.id, rt: world.rt05.id }));
    expect(callbackAnswerTo(harness.telegram, byKetua)?.text).toContain("hanya untuk koordinator");
    await harness.send(world.ketua, "/usulkan");
    expect(harness.lastText(world.ketua)).toContain("hanya untuk koordinator");
    expect((await database.db.select().from(rtProposal)).length).toBe(1);
  });

  it("never proposes an RT that holds the title: shown as a holder, a forged button refused", async () => {
    const world = await buildWorld();
    const round = await insertRound();
    await database.db.insert(rtTitle).values({ rtId: world.rt07.id, level: "bantar", category: "sedang", householdCount: 60, awardRupiah: 7_500_000, awardedOn: "2025-08-17", skNumber: "SK 1/2025", recordedAt: NOW });
    await harness.send(world.koor, "/usulkan");
    expect(harness.lastText(world.koor)).toContain(`🏆 RT 07 ${world.rt07.kelurahanName} · 60 KK (Sedang)`);
    expect(harness.buttons(world.koor).some((label) => label.includes("RT 07"))).toBe(false);
    const forged = await pressData(harness, world.koor, proposalAdd.data({ round: round.id, rt: world.rt07.id }));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe("RT 07 sudah bergelar Kampung BANTAR: RT yang sudah memegang gelar tidak diusulkan lagi.");
    expect(await database.db.select().from(rtProposal)).toHaveLength(0);
  });

  it("refuses proposing and withdrawing after the deadline, naming it", async () => {
    const world = await buildWorld();
    const round = await insertRound();
    await harness.send(world.koor, "/usulkan");
    await harness.press(world.koor, "Usulkan RT 05");
    const [proposal] = await database.db.select().from(rtProposal);
    harness.now = AFTER_DEADLINE;
    const before = await snapshotState(database.db);
    const add = await pressData(harness, world.koor, proposalAdd.data({ round: round.id, rt: world.rt07.id }));
    expect(callbackAnswerTo(harness.telegram, add)?.text).toBe("Masa usulan sudah berakhir pada 30 April 2027. Usulan tidak bisa dibuat atau ditarik lagi.");
    const withdraw = await pressData(harness, world.koor, proposalWithdraw.data({ proposal: proposal!.id }));
    expect(callbackAnswerTo(harness.telegram, withdraw)?.text).toContain("30 April 2027");
    expect(await snapshotState(database.db)).toEqual(before);
    await harness.send(world.koor, "/usulkan");
    expect(harness.lastText(world.koor)).toContain("Masa usulan sudah berakhir pada 30 April 2027");
    expect(shownMessages(harness.telegram, world.koor.id).at(-1)!.keyboard).toBeUndefined();
  });
});

describe("/penilaian: what the team will look at", () => {
  it("shows the ketua the round, the proposal, the visit and the 21 indicators as the database has them", async () => {
    const world = await buildWorld();
    const round = await insertRound();
    const koorActor = await loadActor(database.db, world.koor.id, []);
    await enterManualScore(database.db, koorActor, { rtId: world.rt05.id, code: "B1", score: 2, note: null, assessedOn: { year: 2027, month: 2, day: 20 } }, NOW);
    await enterManualScore(database.db, koorActor, { rtId: world.rt05.id, code: "A1", score: 1, note: null, assessedOn: { year: 2027, month: 2, day: 20 } }, NOW);
    await harness.send(world.koor, "/usulkan");
    await harness.press(world.koor, "Usulkan RT 05");
    await database.db.insert(assessmentVisit).values({ kind: "round", roundId: round.id, rtId: world.rt05.id, startsAt: new Date("2027-06-05T02:00:00Z"), scheduledAt: NOW });

    await harness.send(world.ketua, "/penilaian");
    const text = textsTo(world.ketua).filter((message) => !message.includes("diusulkan untuk penilaian Kampung BANTAR")).join("\n");
    expect(text).toContain(`🔎 Penilaian Kampung BANTAR — RT 05 Kel. ${world.rt05.kelurahanName}`);
    expect(text).toContain("Putaran 2027 (menerima usulan): usulan sampai 30 April 2027, kunjungan tim 1 Juni 2027 – 31 Juli 2027, keputusan 17 Agustus 2027.");
    expect(text).toContain("✅ RT ini diusulkan untuk penilaian 2027.");
    expect(text).toContain("📅 Kunjungan tim: Sabtu, 5 Juni 2027 pukul 09.00 WIB");
    expect(text).toContain("120 KK (Besar) · otomatis 0/11 baik · 8 belum dinilai");
    expect(text).toContain("B1 Perumahan sehat dan tertata: 2");
    expect(text).toContain("A1 ");
    expect(text).toMatch(/A1 [^\n]*: 1\n/);
    expect(text).toMatch(/B2 [^\n]*: belum dinilai/);
    expect(text).toMatch(/B3 [^\n]*: 0 \(otomatis\)\n {3}↳ B3 = 0/);
    expect(text).toContain("🎯 Nilai 2: ");
    // B1 is at 2: no rubric line under it.
    expect(text).not.toMatch(/B1 Perumahan sehat dan tertata: 2\n {3}🎯/);
    for (const message of textsTo(world.ketua)) expect(message.length).toBeLessThan(4096);
    for (const dimension of ["▪️ Bersih", "▪️ Aman", "▪️ Pintar"]) expect(text).toContain(dimension);
  });

  it("lets a koordinator open an RT of the area (proposed first) and refuses everyone else", async () => {
    const world = await buildWorld();
    await insertRound();
    await harness.send(world.koor, "/usulkan");
    await harness.press(world.koor, "Usulkan RT 07");
    await harness.send(world.koor, "/penilaian");
    expect(harness.lastText(world.koor)).toContain("(1 dari 2 RT diusulkan)");
    expect(harness.buttons(world.koor)[0]).toBe(`✅ RT 07 ${world.rt07.kelurahanName}`);
    await harness.press(world.koor, `✅ RT 07`);
    expect(textsTo(world.koor).join("\n")).toContain("RT 07 Kel.");
    // Acting as ketua of one RT of the area does not narrow the koordinator's view to it.
    await actForRt(serviceDeps(database.db, NOW), await loadActor(database.db, world.koor.id, []), { rtId: world.rt07.id });
    await harness.send(world.koor, "/penilaian");
    expect(harness.lastText(world.koor)).toContain("(1 dari 2 RT diusulkan)");
    // The ketua of RT 09 cannot open RT 05 with a forged button; a warga cannot run the command.
    const forged = await pressData(harness, world.ketua09, previewRt.data({ rt: world.rt05.id }));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe("RT ini di luar wilayah tugas Anda.");
    await harness.send(world.warga, "/penilaian");
    expect(harness.lastText(world.warga)).toContain("Maaf");
    expect(textsTo(world.warga).join("\n")).not.toContain("Penilaian Kampung BANTAR —");
  });
});

describe("locale keys built at run time", () => {
  it("exist in both languages", async () => {
    const i18n = createI18n(database.db);
    const keys = [
      ...["proposals", "preparing", "visits", "deciding", "decided"].map((phase) => roundPhaseKey(phase as never)),
      ...AWARD_CATEGORIES.map(roundCategoryKey),
      ...ROUND_DATE_FIELDS.map(roundAskKey),
      ...(["year", ...ROUND_DATE_FIELDS] as const).map(roundFieldKey),
    ];
    for (const locale of ["id", "en"]) for (const key of keys) expect(i18n.t(locale, key, {}), `${locale} ${key}`).not.toBe(key);
  });
});

