import { and, asc, eq, isNull, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assessmentScore, assessmentVisit, auditLog, outbox } from "../../src/db/schema/index.js";
import { cancelReassessmentVisit, planReassessmentVisit } from "../../src/domain/cycle/reassessment.js";
import { DomainError } from "../../src/domain/errors.js";
import { loadActor } from "../../src/domain/people/actor.js";
import type { RtDetails } from "../../src/domain/rt/rt.js";
import { enterManualScore } from "../../src/domain/scores/manual.js";
import { reassessDrop, reassessVisit, selfOpen, selfScore } from "../../src/messages/buttons/keeping.js";
import { planSelfAssessmentInvites } from "../../src/scheduling/self-assessment-invites.js";
import { addKetua, addKoordinator, addMember, addPerson, addRt, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { serviceDeps } from "../helpers/service-deps.js";
import { pressData, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";
import { wib } from "../domain/scores/builders.js";
import { addDecidedRound, addTeamScore, addTitle } from "../domain/cycle/keeping-builders.js";

// Wednesday 9 December 2026, 10.00 WIB: quarter IV of 2026.
const NOW = wib("2026-12-09T10:00");
const { database, harness } = withTestBot({ now: NOW });

type World = { rt05: RtDetails; rt07: RtDetails; harun: TestUser; budi: TestUser; siti: TestUser; koor: TestUser; koorPaal: TestUser };

/**
 * RT 05 holds the title from the 2026 round, whose team scored B1 at 1; the koordinator scored B2
 * at 2 by hand. Harun heads it, Siti lives there. RT 07 (Budi) holds no title. Koor covers their
 * kelurahan; Koor Paal another one.
 */
async function buildWorld(): Promise<World> {
  const rt05 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 40);
  const rt07 = await addRt(database.db, 7, KELURAHAN_SIMPANG_IV_SIPIN, 40);
  const [harun, budi, siti, koor, koorPaal] = [newUser("Harun"), newUser("Budi"), newUser("Siti"), newUser("Koor"), newUser("Koor Paal")];
  await addKetua(database.db, harun!, rt05.id);
  await addKetua(database.db, budi!, rt07.id);
  await addMember(database.db, siti!, rt05.id);
  await addKoordinator(database.db, koor!, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  await addKoordinator(database.db, koorPaal!, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
  const roundId = await addDecidedRound(database.db);
  const assessor = await addPerson(database.db, newUser("Penilai"));
  await addTeamScore(database.db, { roundId, rtId: rt05.id, personId: assessor, code: "B1", score: 1 });
  await addTitle(database.db, { rtId: rt05.id, roundId, baseline: { participatingHouseholds: 0 } });
  await enterManualScore(database.db, await loadActor(database.db, koor!.id, []), { rtId: rt05.id, code: "B2", score: 2, note: null, assessedOn: { year: 2026, month: 12, day: 1 } }, wib("2026-12-01T10:00"));
  return { rt05, rt07, harun: harun!, budi: budi!, siti: siti!, koor: koor!, koorPaal: koorPaal! };
}

async function selfRows(rtId: number) {
  return database.db
    .select({ code: assessmentScore.indicatorCode, score: assessmentScore.score, note: assessmentScore.note, period: assessmentScore.period })
    .from(assessmentScore)
    .where(and(eq(assessmentScore.kind, "self"), eq(assessmentScore.rtId, rtId)))
    .orderBy(assessmentScore.id);
}

function callbackAnswer(update: { callback_query?: { id: string } }): { text?: string; show_alert?: boolean } | undefined {
  const call = harness.telegram.callsOf("answerCallbackQuery").find((candidate) => candidate.payload.callback_query_id === update.callback_query!.id);
  return call?.payload as { text?: string; show_alert?: boolean } | undefined;
}

describe("/nilaimandiri", () => {
  it("walks the 21 indicators with the rubric: saves each answer once, notes, Lewati, Kembali, resumes, and ends beside the official scores", async () => {
    const world = await buildWorld();
    const { harun } = world;
    await harness.send(harun, "/nilaimandiri");
    expect(harness.telegram.textsTo(harun.id).at(-2)).toContain("triwulan IV 2026");
    expect(harness.lastText(harun)).toContain("1/21 · B1");
    expect(harness.lastText(harun)).toMatch(/2 = \S/);

    const b1 = harness.telegram.lastKeyboardIn(harun.id).messageId;
    const tap = await harness.press(harun, "2 — baik");
    // A double tap on the same button, and the same update delivered again: one row.
    await harness.deliver(harness.callbackUpdate(harun, selfScore.data({ code: "B1", score: "2" }), b1));
    await harness.deliver(tap);
    expect(await selfRows(world.rt05.id)).toEqual([{ code: "B1", score: 2, note: null, period: "2026-Q4" }]);
    expect(harness.lastText(harun)).toContain("2/21 · B2");

    // A note, through hostile input first.
    await harness.press(harun, "Catatan");
    await harness.send(harun, "   ");
    expect(harness.lastText(harun)).toBe("Isian masih kosong. Silakan tulis lagi.");
    await harness.send(harun, "\u200b\u200d\u2060");
    expect(harness.lastText(harun)).toBe("Isian masih kosong. Silakan tulis lagi.");
    await harness.send(harun, "x".repeat(600));
    expect(harness.lastText(harun)).toContain("Terlalu panjang");
    await harness.send(harun, "'); delete from assessment_score; -- 🧹 bak baru");
    expect(harness.lastText(harun)).toContain("2/21 · B2");
    expect(harness.lastText(harun)).toContain("Catatan: '); delete from assessment_score; -- 🧹 bak baru");
    await harness.send(harun, "2,5");
    expect(harness.lastText(harun)).toContain("tombol");
    await harness.press(harun, "1 — sedang");
    expect((await selfRows(world.rt05.id)).at(-1)).toEqual({ code: "B2", score: 1, note: "'); delete from assessment_score; -- 🧹 bak baru", period: "2026-Q4" });

    // Lewati leaves B3 unanswered; Kembali goes back to it.
    await harness.press(harun, "Lewati");
    expect(harness.lastText(harun)).toContain("4/21 · B4");
    await harness.press(harun, "Kembali");
    expect(harness.lastText(harun)).toContain("3/21 · B3");
    expect(harness.lastText(harun)).toContain("Menurut catatan kegiatan di bot: 0");
    await harness.press(harun, "0 — kurang");
    await harness.press(harun, "Selesai");

    const end = harness.telegram.textsTo(harun.id).slice(-1)[0]!;
    expect(end).toContain("3 dari 21 indikator dinilai; 2 berbeda");
    expect(end).toMatch(/⚠️ B1 [^\n]*: 1 · 2 · —/); // the team's combined 1, self 2
    expect(end).toMatch(/⚠️ B2 [^\n]*: 2 · 1 · —/); // the koordinator's 2, self 1
    expect(end).toMatch(/\nB3 [^\n]*: — · 0 · 0/); // matches the records
    expect(end).toMatch(/\nB4 [^\n]*: — · — · —/);
    expect(await selfRows(world.rt05.id)).toHaveLength(3);
    const audits = await database.db.select({ details: auditLog.details }).from(auditLog).where(eq(auditLog.action, "assessment_scored"));
    expect(audits).toHaveLength(3);
    expect(audits[0]!.details).toMatchObject({ kind: "self", indicator: "B1", score: 2, period: "2026-Q4" });
    expect(JSON.stringify(audits)).not.toContain("bak baru");

    // Opened again, it resumes at the first indicator not answered this quarter; an answer changed is a new row.
    await harness.send(harun, "/nilaimandiri");
    expect(harness.telegram.textsTo(harun.id).at(-2)).toContain("3 dari 21 indikator sudah dinilai. Mulai dari B4");
    expect(harness.lastText(harun)).toContain("4/21 · B4");
    for (let step = 0; step < 3; step++) await harness.press(harun, "Kembali");
    expect(harness.lastText(harun)).toContain("1/21 · B1");
    expect(harness.lastText(harun)).toContain("Jawaban Anda triwulan ini: 2");
    await harness.press(harun, "1 — sedang");
    expect((await selfRows(world.rt05.id)).map((row) => `${row.code}${row.score}`)).toEqual(["B12", "B21", "B30", "B11"]);
  });

  it("is the ketua's own: a warga, a koordinator and the ketua of another RT (forged button) are refused", async () => {
    const world = await buildWorld();
    await harness.send(world.siti, "/nilaimandiri");
    expect(harness.lastText(world.siti)).toBe("Maaf, perintah ini hanya untuk ketua RT.");
    const koorPress = await pressData(harness, world.koor, selfOpen.data({ rt: world.rt05.id }));
    expect(callbackAnswer(koorPress)).toMatchObject({ text: "Maaf, perintah ini hanya untuk ketua RT.", show_alert: true });
    const forged = await pressData(harness, world.budi, selfOpen.data({ rt: world.rt05.id }));
    expect(callbackAnswer(forged)).toMatchObject({ text: "Penilaian mandiri hanya untuk RT yang Anda pimpin sebagai ketua.", show_alert: true });
    // A score button forged outside any form stores nothing.
    await pressData(harness, world.budi, selfScore.data({ code: "B1", score: "2" }));
    expect(await selfRows(world.rt05.id)).toEqual([]);
    expect(await selfRows(world.rt07.id)).toEqual([]);
  });

  it("opens from the quarterly invitation, sent once per quarter", async () => {
    const world = await buildWorld();
    const deps = serviceDeps(database.db, NOW);
    const monday = wib("2027-01-04T09:00");
    harness.now = monday;
    await planSelfAssessmentInvites(deps, monday);
    await planSelfAssessmentInvites(deps, monday);
    await harness.delivery.engine.drain();
    const invites = harness.telegram.textsTo(world.harun.id).filter((text) => text.includes("penilaian mandiri triwulan"));
    // Addressed by name, as every notice is.
    expect(invites).toEqual([expect.stringContaining("📋 Harun, saatnya penilaian mandiri triwulan I 2027")]);
    expect(harness.telegram.textsTo(world.budi.id)).toEqual([]);
    await harness.press(world.harun, "Mulai penilaian mandiri");
    expect(harness.lastText(world.harun)).toContain("1/21 · B1");
    await harness.press(world.harun, "0 — kurang");
    expect((await selfRows(world.rt05.id))[0]).toMatchObject({ code: "B1", score: 0, period: "2027-Q1" });
    // The invitation's button tapped again with the form open: the form starts afresh where it stands.
    const invitation = shownMessages(harness.telegram, world.harun.id).find((shown) => shown.text.includes("saatnya penilaian mandiri"))!;
    await pressOn(harness, world.harun, invitation, "Mulai penilaian mandiri");
    expect(harness.telegram.textsTo(world.harun.id).join("\n")).not.toMatch(/kesalahan|error/i);
    expect(harness.lastText(world.harun)).toContain("2/21 · B2");
    expect(await selfRows(world.rt05.id)).toHaveLength(1);
  });
});

describe("/skor of a title holder", () => {
  it("shows the ketua what fell since the award, with the rubric's 2 as the aim", async () => {
    const world = await buildWorld();
    await addTitle(database.db, { rtId: world.rt07.id, awardedOn: "2026-08-17", baseline: { automatic: { B3: 1 }, participatingHouseholds: 10 } });
    await harness.send(world.budi, "/skor");
    const text = harness.telegram.textsTo(world.budi.id).join("\n");
    expect(text).toContain("⚠️ Menurun sejak penghargaan");
    expect(text).toMatch(/• B3 [^\n]*: 1 → 0/);
    expect(text).toContain("rumah tangga ikut: 10 → 0 (turun 100%)");
    expect(text).toMatch(/• B3: \S/);
    // RT 05's baseline had nobody taking part and no level above today's: nothing fell.
    await harness.send(world.harun, "/skor");
    expect(harness.telegram.textsTo(world.harun.id).join("\n")).not.toContain("Menurun sejak penghargaan");
  });
});

describe("/kunjunganulang", () => {
  it("plans a re-assessment of a holder of the area in the future, tells the ketua once; a double tap saves once", async () => {
    const world = await buildWorld();
    const { koor, harun } = world;
    await harness.send(koor, "/kunjunganulang");
    expect(harness.buttons(koor)).toContain("RT 05 Simpang IV Sipin");
    expect(harness.buttons(koor).some((label) => label.includes("RT 07"))).toBe(false);
    await harness.press(koor, "RT 05");
    expect(harness.lastText(koor)).toContain("Kapan kunjungan penilaian ulang ke RT 05");
    await harness.send(koor, "kemarin 09.00");
    expect(harness.lastText(koor)).toContain("sudah lewat");
    await harness.send(koor, "🙂");
    expect(harness.lastText(koor)).toContain("tidak saya kenali");
    await harness.send(koor, "Sabtu 09.00");
    expect(harness.lastText(koor)).toContain("Jadwalkan kunjungan penilaian ulang ke RT 05");
    const confirm = harness.telegram.lastKeyboardIn(koor.id);
    const save = confirm.keyboard.inline_keyboard.flat().find((button) => button.text.includes("Simpan")) as { callback_data: string };
    await harness.press(koor, "Simpan");
    expect(harness.lastText(koor)).toContain("dijadwalkan pada");
    const again = harness.callbackUpdate(koor, save.callback_data, confirm.messageId);
    await harness.deliver(again);
    expect(callbackAnswer(again)).toMatchObject({ text: "Kunjungan ini sudah dijadwalkan.", show_alert: true });

    const visits = await database.db.select().from(assessmentVisit);
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ kind: "reassessment", roundId: null, rtId: world.rt05.id, startsAt: wib("2026-12-12T09:00") });
    const told = harness.telegram.textsTo(harun.id).filter((text) => text.includes("penilaian ulang"));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain("Harun, tim akan datang untuk penilaian ulang RT 05");
    expect(await database.db.select().from(outbox).where(like(outbox.dedupeKey, "notice:reassessment-visit:%"))).toHaveLength(1);
  });

  it("shows another area's koordinator no holder, and refuses a warga", async () => {
    const world = await buildWorld();
    await harness.send(world.koorPaal, "/kunjunganulang");
    expect(harness.lastText(world.koorPaal)).toBe("Belum ada RT pemegang gelar Kampung BANTAR di wilayah Anda.");
    await harness.send(world.siti, "/kunjunganulang");
    expect(harness.lastText(world.siti)).toContain("koordinator");
    expect(await database.db.select().from(assessmentVisit)).toEqual([]);
  });

  /** The re-assessment visits of an RT, oldest first, as stored. */
  async function visitsOf(rtId: number) {
    return database.db
      .select({ id: assessmentVisit.id, startsAt: assessmentVisit.startsAt, cancelledAt: assessmentVisit.cancelledAt })
      .from(assessmentVisit)
      .where(and(eq(assessmentVisit.kind, "reassessment"), eq(assessmentVisit.rtId, rtId)))
      .orderBy(asc(assessmentVisit.id));
  }

  async function auditsOf(action: "visit_scheduled" | "visit_cancelled") {
    return database.db.select({ entityId: auditLog.entityId, details: auditLog.details }).from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id));
  }

  async function planAs(user: TestUser, rtId: number, startsAt: Date, requestKey: string) {
    const actor = await loadActor(database.db, user.id, []);
    return planReassessmentVisit(serviceDeps(database.db, NOW), actor, { rtId, startsAt, requestKey });
  }

  it("moves a planned visit: one upcoming visit after, the old row kept as cancelled, the ketua told once with both times", async () => {
    const world = await buildWorld();
    const { koor, harun } = world;
    await harness.send(koor, "/kunjunganulang");
    await harness.press(koor, "RT 05");
    await harness.send(koor, "Sabtu 09.00");
    await harness.press(koor, "Simpan");

    await harness.send(koor, "/kunjunganulang");
    expect(harness.lastText(koor)).toContain("📅 kunjungan sudah dijadwalkan");
    expect(harness.buttons(koor)).toContain("📅 RT 05 Simpang IV Sipin");
    await harness.press(koor, "RT 05");
    expect(harness.lastText(koor)).toContain("sudah dijadwalkan pada Sabtu, 12 Desember 2026");
    expect(harness.buttons(koor)).toEqual(["🗓 Pindahkan", "✖ Batalkan kunjungan", "Batal"]);
    await harness.press(koor, "Pindahkan");
    expect(harness.lastText(koor)).toContain("sekarang dijadwalkan Sabtu, 12 Desember 2026");
    // Hostile times are refused, and nothing moves meanwhile.
    await harness.send(koor, "kemarin 09.00");
    expect(harness.lastText(koor)).toContain("sudah lewat");
    await harness.send(koor, "🙂");
    expect(harness.lastText(koor)).toContain("tidak saya kenali");
    await harness.send(koor, "'); update assessment_visit set cancelled_at = now(); --");
    expect(harness.lastText(koor)).toContain("tidak saya kenali");
    expect((await visitsOf(world.rt05.id)).filter((visit) => visit.cancelledAt === null)).toHaveLength(1);
    await harness.send(koor, "Minggu 10.00");
    expect(harness.lastText(koor)).toMatch(/Pindahkan kunjungan penilaian ulang ke RT 05 .* dari Sabtu, 12 Desember 2026.* ke Minggu, 13 Desember 2026/);
    const confirm = harness.telegram.lastKeyboardIn(koor.id);
    const save = confirm.keyboard.inline_keyboard.flat().find((button) => button.text.includes("Simpan")) as { callback_data: string };
    await harness.press(koor, "Simpan");
    expect(harness.lastText(koor)).toContain("dipindahkan dari Sabtu, 12 Desember 2026");
    // The save tapped again, and the same update delivered again: moved once.
    const again = harness.callbackUpdate(koor, save.callback_data, confirm.messageId);
    await harness.deliver(again);
    expect(callbackAnswer(again)).toMatchObject({ text: "Kunjungan ini sudah dijadwalkan." });
    await harness.deliver(again);

    const visits = await visitsOf(world.rt05.id);
    expect(visits).toHaveLength(2);
    expect(visits[0]).toMatchObject({ startsAt: wib("2026-12-12T09:00"), cancelledAt: NOW });
    expect(visits[1]).toMatchObject({ startsAt: wib("2026-12-13T10:00"), cancelledAt: null });
    const scheduled = await auditsOf("visit_scheduled");
    expect(scheduled).toHaveLength(2);
    expect(scheduled[1]).toMatchObject({ entityId: visits[1]!.id, details: { kind: "reassessment", movedFrom: visits[0]!.id } });
    await harness.delivery.engine.drain();
    const moved = harness.telegram.textsTo(harun.id).filter((text) => text.includes("dipindahkan"));
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatch(/Harun, kunjungan penilaian ulang RT 05 .* dari Sabtu, 12 Desember 2026 .* ke Minggu, 13 Desember 2026/);
  });

  it("planning again for an RT with a visit (a second form, another koordinator) moves it rather than doubling it", async () => {
    const world = await buildWorld();
    const koorToo = newUser("Koor Dua");
    await addKoordinator(database.db, koorToo, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const { koor } = world;
    // Koor opens the form while RT 05 has no visit yet; meanwhile the other koordinator plans one.
    await harness.send(koor, "/kunjunganulang");
    await harness.press(koor, "RT 05");
    await harness.send(koor, "Sabtu 09.00");
    const first = await planAs(koorToo, world.rt05.id, wib("2026-12-11T08:00"), "reassess:other-form-1");
    expect(first).toMatchObject({ created: true, movedFrom: null });
    await harness.press(koor, "Simpan");
    expect(harness.lastText(koor)).toContain("dipindahkan dari Jumat, 11 Desember 2026");
    // The same form saved again by the service: nothing more.
    expect(await planAs(koorToo, world.rt05.id, wib("2026-12-11T08:00"), "reassess:other-form-1")).toMatchObject({ visitId: first.visitId, created: false });

    const upcoming = (await visitsOf(world.rt05.id)).filter((visit) => visit.cancelledAt === null);
    expect(upcoming).toEqual([expect.objectContaining({ startsAt: wib("2026-12-12T09:00") })]);
    expect(await visitsOf(world.rt05.id)).toHaveLength(2);
    await harness.delivery.engine.drain();
    expect(harness.telegram.textsTo(world.harun.id).filter((text) => text.includes("penilaian ulang"))).toHaveLength(2);

    // Two forms saved at the same moment (on PostgreSQL, two connections): they take turns on the
    // RT, so the second moves the first's visit and one stays upcoming.
    await Promise.all([
      planAs(koor, world.rt05.id, wib("2026-12-14T09:00"), "reassess:same-moment-1"),
      planAs(koorToo, world.rt05.id, wib("2026-12-15T09:00"), "reassess:same-moment-2"),
    ]);
    expect((await visitsOf(world.rt05.id)).filter((visit) => visit.cancelledAt === null)).toHaveLength(1);
    expect(await visitsOf(world.rt05.id)).toHaveLength(4);

    // A time not in the future is refused by the service too, whatever the form let through.
    await expect(planAs(koor, world.rt05.id, wib("2026-12-09T09:59"), "reassess:past-form-1")).rejects.toMatchObject({ code: "reassess-time-past" });
    await expect(planAs(koor, world.rt05.id, NOW, "reassess:past-form-2")).rejects.toBeInstanceOf(DomainError);
    expect(await visitsOf(world.rt05.id)).toHaveLength(4);
  });

  it("cancels a planned visit once: audited once, the ketua told once, a double tap and a second cancel change nothing", async () => {
    const world = await buildWorld();
    const { koor, harun } = world;
    const planned = await planAs(koor, world.rt05.id, wib("2026-12-12T09:00"), "reassess:cancel-test-1");
    await harness.send(koor, "/kunjunganulang");
    await harness.press(koor, "RT 05");
    // "Batal" on the card changes nothing.
    await harness.press(koor, reassessVisit.data({ visit: planned.visitId, action: "stop" }));
    expect(harness.lastText(koor)).toBe("Dibatalkan. Tidak ada yang diubah.");
    expect((await visitsOf(world.rt05.id))[0]!.cancelledAt).toBeNull();

    await harness.send(koor, "/kunjunganulang");
    await harness.press(koor, "RT 05");
    await harness.press(koor, "Batalkan kunjungan");
    expect(harness.lastText(koor)).toContain("Batalkan kunjungan penilaian ulang ke RT 05 Kelurahan Simpang IV Sipin pada Sabtu, 12 Desember 2026");
    const confirm = harness.telegram.lastKeyboardIn(koor.id);
    const yes = confirm.keyboard.inline_keyboard.flat().find((button) => button.text.includes("Ya")) as { callback_data: string };
    expect(reassessDrop.read(yes.callback_data)).toMatchObject({ visit: planned.visitId });
    const tap = await harness.press(koor, "Ya");
    expect(harness.lastText(koor)).toContain("pada Sabtu, 12 Desember 2026 pukul 09.00 WIB dibatalkan");
    // A double tap, and the same update delivered again.
    const twice = harness.callbackUpdate(koor, yes.callback_data, confirm.messageId);
    await harness.deliver(twice);
    expect(callbackAnswer(twice)).toMatchObject({ text: "Kunjungan ini sudah dibatalkan.", show_alert: true });
    await harness.deliver(tap);
    // The service called again: nothing changes, nobody is told.
    const actor = await loadActor(database.db, koor.id, []);
    expect(await cancelReassessmentVisit(serviceDeps(database.db, NOW), actor, { visitId: planned.visitId })).toMatchObject({ cancelled: false });

    expect(await visitsOf(world.rt05.id)).toEqual([{ id: planned.visitId, startsAt: wib("2026-12-12T09:00"), cancelledAt: NOW }]);
    const cancelled = await auditsOf("visit_cancelled");
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ entityId: planned.visitId, details: { kind: "reassessment" } });
    await harness.delivery.engine.drain();
    const told = harness.telegram.textsTo(harun.id).filter((text) => text.includes("dibatalkan"));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain("Harun, kunjungan penilaian ulang RT 05 Kelurahan Simpang IV Sipin pada Sabtu, 12 Desember 2026");
    expect(await database.db.select().from(outbox).where(like(outbox.dedupeKey, "notice:reassessment-visit-cancelled:%"))).toHaveLength(1);

    // The list no longer marks it; a visit whose time has come is no longer cancelled.
    await harness.send(koor, "/kunjunganulang");
    expect(harness.buttons(koor)).toContain("RT 05 Simpang IV Sipin");
    await harness.press(koor, "Batal");
    const soon = await planAs(koor, world.rt05.id, wib("2026-12-09T11:00"), "reassess:cancel-test-2");
    await expect(cancelReassessmentVisit(serviceDeps(database.db, wib("2026-12-09T11:00")), actor, { visitId: soon.visitId })).rejects.toMatchObject({ code: "reassess-visit-over" });
  });

  it("refuses a forged move or cancel button for another area's visit, in a form or outside one, and changes nothing", async () => {
    const world = await buildWorld();
    const { koor, koorPaal } = world;
    const rt03 = await addRt(database.db, 3, KELURAHAN_PAYO_SELINCAH, 30);
    await addTitle(database.db, { rtId: rt03.id, baseline: { participatingHouseholds: 0 } });
    const theirs = await planAs(koorPaal, rt03.id, wib("2026-12-12T09:00"), "reassess:paal-form-1");
    const ours = await planAs(koor, world.rt05.id, wib("2026-12-12T10:00"), "reassess:koor-form-1");
    const outOfScope = "RT ini di luar wilayah tugas Anda.";

    // Outside a form: the visit is read with the presser's scope.
    const drop = await pressData(harness, koor, reassessDrop.data({ visit: theirs.visitId, key: "0123456789abcdef" }));
    expect(callbackAnswer(drop)).toMatchObject({ text: outOfScope, show_alert: true });
    const card = await pressData(harness, koor, reassessVisit.data({ visit: theirs.visitId, action: "cancel" }));
    expect(callbackAnswer(card)).toMatchObject({ text: outOfScope, show_alert: true });
    const unknown = await pressData(harness, koor, reassessDrop.data({ visit: 999999, key: "0123456789abcdef" }));
    expect(callbackAnswer(unknown)).toMatchObject({ text: expect.stringContaining("tidak ditemukan"), show_alert: true });
    // Its own visit's left-over card button: stale, nothing changes.
    const left = await pressData(harness, koor, reassessDrop.data({ visit: ours.visitId, key: "0123456789abcdef" }));
    expect(callbackAnswer(left)).toMatchObject({ text: "Tombol ini sudah tidak berlaku." });

    // Inside a form on its own RT's card, the other area's visit id is no answer either.
    await harness.send(koor, "/kunjunganulang");
    await harness.press(koor, "RT 05");
    await harness.press(koor, "Batalkan kunjungan");
    const forged = await pressData(harness, koor, reassessDrop.data({ visit: theirs.visitId, key: "0123456789abcdef" }));
    expect(callbackAnswer(forged)).toMatchObject({ text: outOfScope, show_alert: true });
    // The service refuses it too.
    const actor = await loadActor(database.db, koor.id, []);
    await expect(cancelReassessmentVisit(serviceDeps(database.db, NOW), actor, { visitId: theirs.visitId })).rejects.toMatchObject({ code: "out-of-scope" });

    expect(await database.db.select().from(assessmentVisit).where(isNull(assessmentVisit.cancelledAt))).toHaveLength(2);
    expect(await auditsOf("visit_cancelled")).toEqual([]);
    // The form still stands: "Batal" ends it with nothing changed.
    await harness.press(koor, "Batal");
    expect(harness.lastText(koor)).toBe("Dibatalkan. Tidak ada yang diubah.");
    expect(await database.db.select().from(assessmentVisit).where(isNull(assessmentVisit.cancelledAt))).toHaveLength(2);
  });
});
