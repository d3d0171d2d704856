import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assessmentRound, assessmentScore, assessmentVisit, assessorInvite, assessorScope, auditLog, commandMenu, outbox, roundAssessor } from "../../src/db/schema/index.js";
import { openDatabase } from "../../src/db/client.js";
import { createAssessorInvite, joinAssessmentTeam, revokeAssessor } from "../../src/domain/cycle/team.js";
import { assessorWorklist } from "../../src/domain/cycle/worklist.js";
import { cancelVisit, scheduleVisit } from "../../src/domain/cycle/visits.js";
import { DomainError } from "../../src/domain/errors.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { teamRevoke, visitRt } from "../../src/messages/buttons/team.js";
import {
  addAdmin,
  addKetua,
  addKoordinator,
  addRt,
  KECAMATAN_TELANAIPURA,
  KELURAHAN_BULURAN_KENALI,
  KELURAHAN_PAYO_SELINCAH,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
  snapshotState,
} from "../helpers/fixtures.js";
import { addRound, addTeamMember, propose } from "../helpers/cycle.js";
import { callbackAnswerTo, callbackDataOf, pressData, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Minggu 22 November 2026, 10.00 WIB; the round's visits run 25 November to 15 December.
const { database, harness } = withTestBot();

const LINK = /https:\/\/t\.me\/bantar_test_bot\?start=(tim_[A-Za-z0-9_-]+)/;

async function auditRows(action: string) {
  return (await database.db.select().from(auditLog)).filter((row) => row.action === action);
}

async function actorOf(user: TestUser) {
  return loadActor(database.db, user.id, []);
}

/** The admin's form from /timpenilai to the link: Babinsa, all of Telanaipura and RT 03 of a kelurahan in Paal Merah. */
async function makeLink(admin: TestUser, rt3: { kecamatanName: string; kelurahanName: string }): Promise<string> {
  await harness.send(admin, "/timpenilai");
  expect(harness.lastText(admin)).toContain("Tim penilai putaran 2026: 0 orang");
  await harness.press(admin, "Buat tautan");
  expect(harness.lastText(admin)).toContain("Dari instansi mana");
  await harness.press(admin, "Babinsa");
  expect(harness.buttons(admin)).not.toContain("✅ Selesai"); // nothing chosen yet
  await harness.press(admin, "➕ Kecamatan");
  await harness.press(admin, "Telanaipura");
  expect(harness.lastText(admin)).toContain("semua RT yang diusulkan di Kec. Telanaipura");
  await harness.press(admin, "➕ RT");
  await harness.press(admin, rt3.kecamatanName);
  await harness.press(admin, rt3.kelurahanName);
  await harness.press(admin, "RT 03");
  expect(harness.lastText(admin)).toContain(`RT 03 ${rt3.kelurahanName}`);
  await harness.press(admin, "✅ Selesai");
  const match = LINK.exec(harness.lastText(admin));
  if (!match) throw new Error(`no team link in: ${harness.lastText(admin)}`);
  return match[1]!;
}

describe("/timpenilai and the team link", () => {
  it("makes a one-time link that a new person opens to join the team with the link's agency and scope", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const round = await addRound(database.db);
    const rt3 = await addRt(database.db, 3, KELURAHAN_PAYO_SELINCAH);
    const payload = await makeLink(admin, rt3);
    expect(harness.lastText(admin)).toContain("Babinsa");
    expect(await auditRows("assessor_invite_created")).toHaveLength(1);

    const siti = newUser("Siti", "Aminah");
    await harness.send(siti, `/start ${payload}`);
    await harness.press(siti, "Saya setuju");
    expect(shownMessages(harness.telegram, siti.id).map((message) => message.text).join("\n")).toContain("anggota tim penilai Kampung BANTAR putaran 2026 (Babinsa)");
    expect(harness.lastText(siti)).toContain("Siapa nama Anda?");
    for (const hostile of ["🎉🎉", "'; drop table round_assessor; --", "x".repeat(500), "\u200b\u200b", "-5"]) {
      await harness.send(siti, hostile);
      expect(harness.lastText(siti), hostile).toMatch(/^(Nama diawali huruf|Terlalu panjang|Isian masih kosong|Terlalu pendek)/);
    }
    expect(await database.db.select().from(roundAssessor)).toHaveLength(0);
    await harness.send(siti, "Siti Aminah");
    await harness.press(siti, "Bu Siti Aminah");
    expect(harness.lastText(siti)).toContain("sebagai Bu Siti Aminah");
    await harness.press(siti, "Ya, lanjutkan");
    expect(harness.lastText(siti)).toContain("Selamat bergabung, Bu Siti Aminah");

    const [member] = await database.db.select().from(roundAssessor);
    expect(member).toMatchObject({ roundId: round.id, agency: "babinsa", revokedAt: null });
    const scope = await database.db.select().from(assessorScope).where(eq(assessorScope.assessorId, member!.id));
    expect(scope.map((row) => row.kecamatanCode ?? `rt:${row.rtId}`).sort()).toEqual([KECAMATAN_TELANAIPURA, `rt:${rt3.id}`].sort());
    const actor = await actorOf(siti);
    expect(actor.grants).toContainEqual(expect.objectContaining({ role: "penilai", roundId: round.id }));
    expect(actor.membership).toBeNull(); // no RT needed
    expect(await auditRows("assessor_joined")).toHaveLength(1);
    expect((await database.db.select().from(commandMenu).where(eq(commandMenu.personId, member!.personId))).length).toBe(1);

    // The same link again, by the same person: said so, nothing more.
    await harness.send(siti, `/start ${payload}`);
    expect(harness.lastText(siti)).toContain("Anda sudah menjadi anggota tim penilai");
    // By someone else: used.
    const budi = newUser("Budi");
    await harness.send(budi, `/start ${payload}`);
    expect(harness.lastText(budi)).toContain("Tautan ini sudah dipakai");
    expect(await database.db.select().from(roundAssessor)).toHaveLength(1);
    expect(await auditRows("assessor_joined")).toHaveLength(1);

    // Taken off the team, she opens her link again: told so, not that she is on the team.
    await revokeAssessor(harness.deps, await actorOf(admin), { assessorId: member!.id });
    const team = async () => ({ members: await database.db.select().from(roundAssessor), invites: await database.db.select().from(assessorInvite), audit: await database.db.select().from(auditLog) });
    const before = await team();
    await harness.send(siti, `/start ${payload}`);
    expect(harness.lastText(siti)).toBe("Keanggotaan Anda di tim penilai putaran ini sudah dicabut.");
    await expect(joinAssessmentTeam(harness.deps, { code: payload.slice("tim_".length), telegramId: siti.id, displayName: null, greeting: null })).rejects.toMatchObject({ code: "team-revoked" });
    expect(await team()).toEqual(before);
  });

  it("refuses an expired link, a forged one, and a link of a decided round", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const round = await addRound(database.db);
    const made = await createAssessorInvite(harness.deps, await actorOf(admin), { requestKey: "team-invite:expired", roundId: round.id, agency: "dlh", rtIds: [], kecamatanCodes: [KECAMATAN_TELANAIPURA] });
    const late = newUser("Late");
    harness.now = new Date(harness.now.getTime() + 8 * 24 * 60 * 60 * 1000);
    await harness.send(late, `/start tim_${made.code}`);
    expect(harness.lastText(late)).toContain("Tautan ini sudah kedaluwarsa");
    for (const forged of ["tim_doesnotexist", "tim_", `tim_${made.code}x`, "tim_'or'1'='1"]) {
      await harness.send(late, `/start ${forged}`);
      expect(harness.lastText(late)).toContain("Tautan undangan ini tidak dikenal");
    }
    // A fresh link of a round decided meanwhile: the round is over.
    harness.now = new Date("2026-11-22T03:00:00Z");
    const fresh = await createAssessorInvite(harness.deps, await actorOf(admin), { requestKey: "team-invite:decided", roundId: round.id, agency: "dlh", rtIds: [], kecamatanCodes: [KECAMATAN_TELANAIPURA] });
    await database.db.update(assessmentRound).set({ decidedAt: harness.now, skNumber: "SK 1/2026", skDate: "2026-11-22" }).where(eq(assessmentRound.id, round.id));
    await harness.send(late, `/start tim_${fresh.code}`);
    expect(harness.lastText(late)).toContain("Belum ada putaran penilaian yang berjalan");
    expect(await database.db.select().from(roundAssessor)).toHaveLength(0);
  });

  it("is the admin's only: a koordinator is refused the command, the form's service and a forged revoke", async () => {
    const koordinator = newUser("Koordinator");
    await addKoordinator(database.db, koordinator, { kecamatanCode: KECAMATAN_TELANAIPURA });
    const round = await addRound(database.db);
    const member = await addTeamMember(database.db, newUser("Siti"), round.id, { kecamatanCodes: [KECAMATAN_TELANAIPURA] });
    await harness.send(koordinator, "/timpenilai");
    expect(harness.lastText(koordinator)).toBe("Maaf, perintah ini hanya untuk admin kota.");
    const before = await snapshotState(database.db);
    const update = await pressData(harness, koordinator, teamRevoke.data({ assessor: member.assessorId }));
    expect(callbackAnswerTo(harness.telegram, update)?.text).toBe("Maaf, perintah ini hanya untuk admin kota.");
    await expect(
      createAssessorInvite(harness.deps, await actorOf(koordinator), { requestKey: "team-invite:k", roundId: round.id, agency: "dpmppa", rtIds: [], kecamatanCodes: [KECAMATAN_TELANAIPURA] }),
    ).rejects.toThrow(DomainError);
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("makes one link for one form however often its save is repeated", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const round = await addRound(database.db);
    const params = { requestKey: "team-invite:twice", roundId: round.id, agency: "puskesmas" as const, rtIds: [], kecamatanCodes: [KECAMATAN_TELANAIPURA] };
    const first = await createAssessorInvite(harness.deps, await actorOf(admin), params);
    const second = await createAssessorInvite(harness.deps, await actorOf(admin), params);
    expect(second.code).toBe(first.code);
    expect(await database.db.select().from(assessorInvite)).toHaveLength(1);
    expect(await auditRows("assessor_invite_created")).toHaveLength(1);
  });

  it("Cabut takes the member off the team at once: their next update has no penilai commands", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const round = await addRound(database.db);
    const siti = newUser("Siti");
    const member = await addTeamMember(database.db, siti, round.id, { kecamatanCodes: [KECAMATAN_TELANAIPURA] });
    await harness.send(siti, "/tugaspenilaian");
    expect(harness.lastText(siti)).toContain("RT yang Anda nilai di putaran 2026");

    await harness.send(admin, "/timpenilai");
    expect(harness.lastText(admin)).toContain("1. Siti · DPMPPA · semua RT yang diusulkan di Kec. Telanaipura");
    const list = shownMessages(harness.telegram, admin.id).at(-1)!;
    await harness.press(admin, "Cabut: Siti");
    expect(harness.lastText(admin)).toContain("Tim penilai putaran 2026: 0 orang");
    // The old list's button tapped again: nothing more happens.
    await pressData(harness, admin, teamRevoke.data({ assessor: member.assessorId }), list.messageId);

    const [row] = await database.db.select().from(roundAssessor);
    expect(row!.revokedAt).not.toBeNull();
    const revoked = await auditRows("role_revoked");
    expect(revoked).toHaveLength(1);
    expect(revoked[0]!.details).toEqual({ role: "penilai", roundId: round.id });
    await harness.send(siti, "/tugaspenilaian");
    expect(harness.lastText(siti)).toBe("Maaf, perintah ini hanya untuk anggota tim penilai putaran yang sedang berjalan.");
  });

  it("keeps the team of a decided round: an old Cabut button pressed after the decision is refused and changes nothing", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const round = await addRound(database.db);
    const siti = newUser("Siti");
    const member = await addTeamMember(database.db, siti, round.id, { kecamatanCodes: [KECAMATAN_TELANAIPURA] });
    await harness.send(admin, "/timpenilai");
    const list = shownMessages(harness.telegram, admin.id).at(-1)!;
    await database.db.update(assessmentRound).set({ decidedAt: harness.now, skNumber: "SK 1/2026", skDate: "2026-11-22" }).where(eq(assessmentRound.id, round.id));
    const before = await snapshotState(database.db);
    const update = await pressData(harness, admin, teamRevoke.data({ assessor: member.assessorId }), list.messageId);
    expect(callbackAnswerTo(harness.telegram, update)?.text).toBe(
      "Putaran penilaian ini sudah diputuskan, jadi anggota timnya tidak bisa dicabut lagi: rekap tim yang diputuskan tetap seperti adanya.",
    );
    expect(await snapshotState(database.db)).toEqual(before);
    const [row] = await database.db.select().from(roundAssessor);
    expect(row!.revokedAt).toBeNull();
  });
});

/**
 * RT 05 and RT 06 of Simpang IV Sipin and RT 07 of Buluran Kenali (all Telanaipura), RT 03 of Payo
 * Selincah (15.71.11.1001, Paal Merah). RT 05, RT 07 and RT 03 are proposed. The koordinator covers Simpang IV
 * Sipin; Harun heads RT 05. Ani's scope is RT 05, Bambang's all of Telanaipura, Citra's RT 07.
 */
async function visitWorld() {
  const db = database.db;
  const round = await addRound(db);
  const rt5 = await addRt(db, 5);
  const rt6 = await addRt(db, 6);
  const rt7 = await addRt(db, 7, KELURAHAN_BULURAN_KENALI);
  const rt3 = await addRt(db, 3, KELURAHAN_PAYO_SELINCAH);
  for (const place of [rt5, rt7, rt3]) await propose(db, round.id, place.id);
  const koordinator = newUser("Koordinator");
  await addKoordinator(db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  const harun = newUser("Harun");
  await addKetua(db, harun, rt5.id);
  const ani = newUser("Ani");
  const bambang = newUser("Bambang");
  const citra = newUser("Citra");
  const aniMember = await addTeamMember(db, ani, round.id, { rtIds: [rt5.id] });
  const bambangMember = await addTeamMember(db, bambang, round.id, { kecamatanCodes: [KECAMATAN_TELANAIPURA] });
  await addTeamMember(db, citra, round.id, { rtIds: [rt7.id] });
  return { round, rt5, rt6, rt7, rt3, koordinator, harun, ani, bambang, citra, aniMember, bambangMember };
}

const VISIT_WHEN = "RT 05 Simpang IV Sipin pada Selasa, 1 Desember 2026 pukul 09.00 WIB";
const VISIT_TOLD = `tim penilai Kampung BANTAR akan berkunjung ke ${VISIT_WHEN}`;
/** The ketua is asked to prepare the RT; an assessor is told of their own visit. Both by name. */
const ketuaTold = (name: string) => `${name}, ${VISIT_TOLD}. Mohon siapkan warga dan bukti kegiatan RT.`;
const assessorTold = (name: string) => `${name}, kunjungan penilaian Anda ke RT 05 Simpang IV Sipin dijadwalkan pada Selasa, 1 Desember 2026 pukul 09.00 WIB.`;

/** What planning a visit changes (the forms' own state in bot_state changes with every answer). */
async function visitState() {
  return { visits: await database.db.select().from(assessmentVisit), audit: await database.db.select().from(auditLog), outbox: await database.db.select().from(outbox) };
}

function textsTo(user: TestUser): string[] {
  return shownMessages(harness.telegram, user.id).map((message) => message.text);
}

describe("/kunjungan", () => {
  it("lists only the proposed RTs of the koordinator's area, schedules in the visit period and tells the ketua and the RT's assessors once", async () => {
    const w = await visitWorld();
    await harness.send(w.koordinator, "/kunjungan");
    const list = harness.lastText(w.koordinator);
    expect(list).toContain("1 RT diusulkan, 0 sudah dijadwalkan");
    expect(list).toContain("RT 05 Simpang IV Sipin (Telanaipura): belum dijadwalkan");
    expect(list).not.toContain("RT 07");
    expect(list).not.toContain("RT 06");
    await harness.press(w.koordinator, "RT 05");
    expect(harness.lastText(w.koordinator)).toContain("Masa kunjungan putaran ini: 25 November 2026 sampai 15 Desember 2026");
    await harness.press(w.koordinator, "Jadwalkan");
    expect(harness.lastText(w.koordinator)).toContain('misalnya "25/11/2026 09.00"');

    // Hostile answers: each gets an Indonesian answer, nothing is stored.
    const hostile: [string, string][] = [
      ["   ", "Tulis tanggal dan jamnya"],
      ["x".repeat(5000), "Terlalu panjang"],
      ["🎉🎉🎉", "tidak saya kenali"],
      ["\u200b\u200b\u200b", "Tulis tanggal dan jamnya"],
      ["2,5", "tidak saya kenali"],
      ["-5", "tidak saya kenali"],
      ["'; drop table assessment_visit; --", "tidak saya kenali"],
      ["1/12/2026 jam 9", "pagi atau malam"],
      ["20/11/2026 09.00", "sudah lewat"],
    ];
    for (const [text, answer] of hostile) {
      await harness.send(w.koordinator, text);
      expect(harness.lastText(w.koordinator), text).toContain(answer);
    }
    // Outside the visit period: refused, asked again.
    await harness.send(w.koordinator, "20/12/2026 09.00");
    expect(textsTo(w.koordinator).at(-2)).toContain("di luar masa kunjungan (25 November 2026 sampai 15 Desember 2026)");
    expect(await database.db.select().from(assessmentVisit)).toHaveLength(0);

    await harness.send(w.koordinator, "1/12/2026 09.00");
    expect(harness.lastText(w.koordinator)).toContain("Jadwalkan kunjungan ke RT 05 Simpang IV Sipin pada Selasa, 1 Desember 2026 pukul 09.00 WIB?");
    const confirm = shownMessages(harness.telegram, w.koordinator.id).at(-1)!;
    await harness.press(w.koordinator, "Ya, lanjutkan");
    expect(harness.lastText(w.koordinator)).toContain("dijadwalkan pada Selasa, 1 Desember 2026 pukul 09.00 WIB");
    // A double tap of the save: the form has ended; nothing more is stored or told.
    await pressData(harness, w.koordinator, callbackDataOf(confirm)[0]!, confirm.messageId);

    const visits = await database.db.select().from(assessmentVisit);
    expect(visits).toHaveLength(1);
    expect(visits[0]!.startsAt.toISOString()).toBe("2026-12-01T02:00:00.000Z");
    expect(await auditRows("visit_scheduled")).toHaveLength(1);
    expect(textsTo(w.harun).filter((text) => text.includes(VISIT_WHEN))).toEqual([ketuaTold("Harun")]);
    for (const told of [w.ani, w.bambang]) {
      const texts = textsTo(told).filter((text) => text.includes("RT 05"));
      expect(texts, String(told.first_name)).toEqual([expect.stringContaining(assessorTold(told.first_name))]);
      expect(texts[0]).not.toContain("Mohon siapkan warga");
    }
    expect(textsTo(w.citra)).toHaveLength(0);

    await harness.send(w.koordinator, "/kunjungan");
    expect(harness.lastText(w.koordinator)).toContain("RT 05 Simpang IV Sipin (Telanaipura): Selasa, 1 Desember 2026 pukul 09.00 WIB");
  });

  it("moves a visit (the old row kept as cancelled) and cancels it, telling the ketua each time", async () => {
    const w = await visitWorld();
    const schedule = async (when: string, button: string) => {
      await harness.send(w.koordinator, "/kunjungan");
      await harness.press(w.koordinator, "RT 05");
      await harness.press(w.koordinator, button);
      await harness.send(w.koordinator, when);
      await harness.press(w.koordinator, "Ya, lanjutkan");
    };
    await schedule("1/12/2026 09.00", "Jadwalkan");
    await schedule("2/12/2026 10.00", "Pindahkan");
    expect(harness.lastText(w.koordinator)).toContain("dipindahkan ke Rabu, 2 Desember 2026 pukul 10.00 WIB");
    const rows = await database.db.select().from(assessmentVisit).orderBy(assessmentVisit.id);
    expect(rows.map((row) => row.cancelledAt !== null)).toEqual([true, false]);
    expect(textsTo(w.harun).at(-1)).toContain("dipindahkan dari Selasa, 1 Desember 2026 pukul 09.00 WIB ke Rabu, 2 Desember 2026 pukul 10.00 WIB");

    await harness.send(w.koordinator, "/kunjungan");
    await harness.press(w.koordinator, "RT 05");
    await harness.press(w.koordinator, "Batalkan kunjungan");
    await harness.press(w.koordinator, "Ya, lanjutkan");
    expect(harness.lastText(w.koordinator)).toContain("dibatalkan");
    expect(await database.db.select().from(assessmentVisit).where(isNull(assessmentVisit.cancelledAt))).toHaveLength(0);
    expect(textsTo(w.harun).at(-1)).toContain("pada Rabu, 2 Desember 2026 pukul 10.00 WIB dibatalkan");
    expect(textsTo(w.harun).at(-1)).toMatch(/^Harun, kunjungan tim penilai/);
    expect(textsTo(w.ani).at(-1)).toContain("Ani, kunjungan penilaian Anda ke RT 05 Simpang IV Sipin pada Rabu, 2 Desember 2026 pukul 10.00 WIB dibatalkan");
    expect(await auditRows("visit_cancelled")).toHaveLength(1);
  });

  it("neither moves nor cancels a visit that took place: no buttons for it, and a form opened before is refused at its save", async () => {
    const w = await visitWorld();
    const koordinator = await actorOf(w.koordinator);
    const planned = await scheduleVisit(harness.deps, koordinator, { requestKey: "visit:held", roundId: w.round.id, rtId: w.rt5.id, startsAt: new Date("2026-12-01T02:00:00Z") });
    // A form opened before the visit, its cancel confirmed after it began.
    await harness.send(w.koordinator, "/kunjungan");
    await harness.press(w.koordinator, "RT 05");
    await harness.press(w.koordinator, "Batalkan kunjungan");
    harness.now = new Date("2026-12-01T03:00:00Z"); // 10.00 WIB, an hour into the visit
    const before = await visitState();
    await harness.press(w.koordinator, "Ya, lanjutkan");
    expect(harness.lastText(w.koordinator)).toBe("Kunjungan itu sudah berlangsung, jadi tidak bisa dipindahkan atau dibatalkan lagi.");

    await harness.send(w.koordinator, "/kunjungan");
    await harness.press(w.koordinator, "RT 05");
    expect(harness.lastText(w.koordinator)).toContain("Kunjungan: Selasa, 1 Desember 2026 pukul 09.00 WIB (sudah berlangsung)");
    expect(callbackDataOf(shownMessages(harness.telegram, w.koordinator.id).at(-1)!)).toEqual([]); // no move, no cancel
    await expect(cancelVisit(harness.deps, koordinator, { visitId: planned.visitId })).rejects.toMatchObject({ code: "visit-already-held" });
    await expect(
      scheduleVisit(harness.deps, koordinator, { requestKey: "visit:after", roundId: w.round.id, rtId: w.rt5.id, startsAt: new Date("2026-12-03T02:00:00Z") }),
    ).rejects.toMatchObject({ code: "visit-already-held" });
    expect(await visitState()).toEqual(before);
    const [row] = await database.db.select().from(assessmentVisit);
    expect(row!.cancelledAt).toBeNull();
  });

  it("gives as its example a day still to come: tomorrow once the visit period has begun", async () => {
    const w = await visitWorld();
    harness.now = new Date("2026-12-01T17:30:00Z"); // Rabu 2 Desember 2026, 00.30 WIB (still 1 December in UTC)
    await harness.send(w.koordinator, "/kunjungan");
    await harness.press(w.koordinator, "RT 05");
    await harness.press(w.koordinator, "Jadwalkan");
    expect(harness.lastText(w.koordinator)).toContain('misalnya "3/12/2026 09.00"');
    await harness.send(w.koordinator, "3/12/2026 09.00");
    expect(harness.lastText(w.koordinator)).toContain("Jadwalkan kunjungan ke RT 05 Simpang IV Sipin pada Kamis, 3 Desember 2026 pukul 09.00 WIB?");
  });

  it("refuses a forged RT button outside the koordinator's area, and a resident's", async () => {
    const w = await visitWorld();
    const before = await snapshotState(database.db);
    const forged = await pressData(harness, w.koordinator, visitRt.data({ rt: w.rt7.id }));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe("RT ini di luar wilayah tugas Anda.");
    const unproposed = await pressData(harness, w.koordinator, visitRt.data({ rt: w.rt6.id }));
    expect(callbackAnswerTo(harness.telegram, unproposed)?.text).toContain("tidak diusulkan");
    const byKetua = await pressData(harness, w.harun, visitRt.data({ rt: w.rt5.id }));
    expect(callbackAnswerTo(harness.telegram, byKetua)?.text).toBe("Maaf, perintah ini hanya untuk koordinator dan admin kota.");
    // No form was opened: a date typed now is not taken.
    await harness.send(w.koordinator, "1/12/2026 09.00");
    expect(await snapshotState(database.db)).toEqual(before);
  });
});

describe("the team link service", () => {
  it("names an unknown kecamatan as a kecamatan, not a kelurahan", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const round = await addRound(database.db);
    await expect(
      createAssessorInvite(harness.deps, await actorOf(admin), { requestKey: "team-invite:unknown", roundId: round.id, agency: "dlh", rtIds: [], kecamatanCodes: ["99.99"] }),
    ).rejects.toMatchObject({ code: "kecamatan-not-found" });
    expect(harness.deps.i18n.t("id", "error-kecamatan-not-found")).toBe("Kecamatan tidak ditemukan.");
  });
});

describe("the visit service", () => {
  it("refuses a date outside the visit period and an RT outside the area, and saves one visit per request key", async () => {
    const w = await visitWorld();
    const koordinator = await actorOf(w.koordinator);
    const params = { requestKey: "visit:one", roundId: w.round.id, rtId: w.rt5.id, startsAt: new Date("2026-12-01T02:00:00Z") };
    await expect(scheduleVisit(harness.deps, koordinator, { ...params, startsAt: new Date("2026-12-16T02:00:00Z") })).rejects.toMatchObject({ code: "visit-outside-period" });
    // Earlier today (09.00 WIB, now 10.00 WIB) is past, though inside the WIB day.
    await expect(scheduleVisit(harness.deps, koordinator, { ...params, startsAt: new Date("2026-11-22T02:00:00Z") })).rejects.toMatchObject({ code: "visit-time-past" });
    await expect(scheduleVisit(harness.deps, koordinator, { ...params, startsAt: harness.now })).rejects.toMatchObject({ code: "visit-time-past" });
    await expect(scheduleVisit(harness.deps, koordinator, { ...params, rtId: w.rt7.id })).rejects.toMatchObject({ code: "out-of-scope" });
    await expect(scheduleVisit(harness.deps, await actorOf(w.harun), params)).rejects.toMatchObject({ code: "not-allowed" });
    const first = await scheduleVisit(harness.deps, koordinator, params);
    const second = await scheduleVisit(harness.deps, koordinator, params);
    expect(second.visitId).toBe(first.visitId);
    expect(await database.db.select().from(assessmentVisit)).toHaveLength(1);
    expect(await auditRows("visit_scheduled")).toHaveLength(1);
    await harness.settle();
    expect(textsTo(w.harun).filter((text) => text.includes(VISIT_TOLD))).toHaveLength(1);
    // Cancelled twice: one audit row, one notice.
    await cancelVisit(harness.deps, koordinator, { visitId: first.visitId });
    expect((await cancelVisit(harness.deps, koordinator, { visitId: first.visitId })).cancelled).toBe(false);
    expect(await auditRows("visit_cancelled")).toHaveLength(1);
  });
});

describe("the visit service on two connections", () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)("takes turns: one form saved on two instances makes one visit, two planners' saves leave one current visit (real server)", async () => {
    const w = await visitWorld();
    const koordinator = await actorOf(w.koordinator);
    const second = await openDatabase({ kind: "postgres", url: database.url! });
    try {
      const other = { ...harness.deps, db: second.db };
      const same = { requestKey: "visit:raced", roundId: w.round.id, rtId: w.rt5.id, startsAt: new Date("2026-12-01T02:00:00Z") };
      const [a, b] = await Promise.all([scheduleVisit(harness.deps, koordinator, same), scheduleVisit(other, koordinator, same)]);
      expect(b.visitId).toBe(a.visitId);
      expect(await database.db.select().from(assessmentVisit)).toHaveLength(1);
      expect(await auditRows("visit_scheduled")).toHaveLength(1);

      const results = await Promise.all([
        scheduleVisit(harness.deps, koordinator, { ...same, requestKey: "visit:one", startsAt: new Date("2026-12-02T02:00:00Z") }),
        scheduleVisit(other, koordinator, { ...same, requestKey: "visit:two", startsAt: new Date("2026-12-03T02:00:00Z") }),
      ]);
      expect(results.map((result) => result.moved)).toEqual([true, true]);
      expect(await database.db.select().from(assessmentVisit).where(isNull(assessmentVisit.cancelledAt))).toHaveLength(1);
      expect(await database.db.select().from(assessmentVisit)).toHaveLength(3);
      expect(await auditRows("visit_scheduled")).toHaveLength(3);
    } finally {
      await second.close();
    }
  });
});

describe("the assessor's worklist", () => {
  it("holds only the proposed RTs in the assessor's scope, with the visit and the indicators they scored", async () => {
    const w = await visitWorld();
    const db = database.db;
    const at = new Date("2026-11-21T03:00:00Z");
    await db.insert(assessmentScore).values([
      { kind: "team", roundId: w.round.id, rtId: w.rt5.id, personId: w.bambangMember.personId, indicatorCode: "B1", score: 2, enteredAt: at },
      { kind: "team", roundId: w.round.id, rtId: w.rt5.id, personId: w.bambangMember.personId, indicatorCode: "B1", score: 1, enteredAt: at },
      { kind: "team", roundId: w.round.id, rtId: w.rt5.id, personId: w.bambangMember.personId, indicatorCode: "A2", score: 1, enteredAt: at },
      // Another assessor's score does not count for Bambang.
      { kind: "team", roundId: w.round.id, rtId: w.rt5.id, personId: w.aniMember.personId, indicatorCode: "P1", score: 1, enteredAt: at },
    ]);
    await db.insert(assessmentVisit).values({ kind: "round", roundId: w.round.id, rtId: w.rt5.id, startsAt: new Date("2026-12-01T02:00:00Z"), scheduledAt: at });

    const list = await assessorWorklist(db, { roundId: w.round.id, personId: w.bambangMember.personId });
    // RT 06 is not proposed; RT 03 lies in Paal Merah.
    expect(list.map((entry) => [entry.number, entry.kelurahanName, entry.startsAt?.toISOString() ?? null, entry.scored])).toEqual([
      [5, "Simpang IV Sipin", "2026-12-01T02:00:00.000Z", 2],
      [7, "Buluran Kenali", null, 0],
    ]);
    expect((await assessorWorklist(db, { roundId: w.round.id, personId: w.aniMember.personId })).map((entry) => entry.number)).toEqual([5]);

    await harness.send(w.bambang, "/tugaspenilaian");
    expect(harness.lastText(w.bambang)).toContain("RT 05 Simpang IV Sipin: kunjungan Selasa, 1 Desember 2026 pukul 09.00 WIB · 2/21 indikator sudah Anda nilai");
    expect(harness.lastText(w.bambang)).toContain("RT 07 Buluran Kenali: kunjungan belum dijadwalkan · 0/21");

    // Revoked: the list is empty at once.
    await db.update(roundAssessor).set({ revokedAt: at }).where(and(eq(roundAssessor.personId, w.bambangMember.personId)));
    expect(await assessorWorklist(db, { roundId: w.round.id, personId: w.bambangMember.personId })).toEqual([]);
  });
});
