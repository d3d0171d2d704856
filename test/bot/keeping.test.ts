import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assessmentScore, assessmentVisit, auditLog, outbox } from "../../src/db/schema/index.js";
import { loadActor } from "../../src/domain/people/actor.js";
import type { RtDetails } from "../../src/domain/rt/rt.js";
import { enterManualScore } from "../../src/domain/scores/manual.js";
import { selfOpen, selfScore } from "../../src/messages/buttons/keeping.js";
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
});
