import { actForRt } from "../../src/domain/roles/acting.js";
import { serviceDeps } from "../helpers/service-deps.js";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assessmentRound, auditLog, indicatorScore, person, roleAssignment, rtProposal } from "../../src/db/schema/index.js";
import { loadActor } from "../../src/domain/people/actor.js";
import type { RtDetails } from "../../src/domain/rt/rt.js";
import { isAutomatic, INDICATOR_CODES } from "../../src/domain/scores/indicators.js";
import { enterManualScore } from "../../src/domain/scores/manual.js";
import { bulkScore, unscoredRt } from "../../src/messages/buttons/unscored.js";
import { addKetua, addKoordinator, addRt, KECAMATAN_TELANAIPURA, KELURAHAN_BULURAN_KENALI, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { callbackAnswerTo, callbackDataOf, photoUpdate, pressData, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";
import { wib } from "../domain/scores/builders.js";

// Wednesday 9 December 2026, 10:00 WIB.
const NOW = wib("2026-12-09T10:00");
const { database, harness } = withTestBot({ now: NOW });

const MANUAL = INDICATOR_CODES.filter((code) => !isAutomatic(code));
const N = MANUAL.length;

type World = { rt05: RtDetails; rt07: RtDetails; rt09: RtDetails; koor: TestUser; koorPaal: TestUser; ketua: TestUser };

async function buildWorld(): Promise<World> {
  const rt05 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 49);
  const rt07 = await addRt(database.db, 7, KELURAHAN_BULURAN_KENALI, 120);
  const rt09 = await addRt(database.db, 9, KELURAHAN_PAYO_SELINCAH, 60);
  const koor = newUser("Koor");
  const koorPaal = newUser("Koor Paal");
  const ketua = newUser("Ketua");
  await addKoordinator(database.db, koor, { kecamatanCode: KECAMATAN_TELANAIPURA });
  await addKoordinator(database.db, koorPaal, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
  await addKetua(database.db, ketua, rt05.id);
  return { rt05, rt07, rt09, koor, koorPaal, ketua };
}

async function rowsOf(rtId: number) {
  return database.db.select().from(indicatorScore).where(eq(indicatorScore.rtId, rtId));
}

/** The indicator prompt now waiting in the koordinator's chat, and its buttons' data. */
function currentPrompt(user: TestUser) {
  const message = shownMessages(harness.telegram, user.id).filter((shown) => shown.keyboard && shown.text.includes("2 (baik):")).at(-1);
  if (!message) throw new Error("no indicator prompt");
  return { message, data: callbackDataOf(message) };
}

async function openPass(world: World, rt: RtDetails) {
  await harness.send(world.koor, "/belumdinilai");
  await harness.press(world.koor, `RT ${String(rt.number).padStart(2, "0")} ${rt.kelurahanName}`);
  expect(harness.lastText(world.koor)).toContain("Kapan RT ini dinilai?");
  await harness.press(world.koor, "Hari ini");
}

describe("/belumdinilai", () => {
  it("lists the RTs in scope, the round's proposed RTs first and marked, then the most unscored; another koordinator sees only theirs", async () => {
    const world = await buildWorld();
    const koorActor = await loadActor(database.db, world.koor.id, []);
    for (const code of ["B1", "B2", "B4"]) {
      await enterManualScore(database.db, koorActor, { rtId: world.rt07.id, code, score: 1, note: null, assessedOn: { year: 2026, month: 12, day: 1 } }, wib("2026-12-01T10:00"));
    }
    await enterManualScore(database.db, koorActor, { rtId: world.rt05.id, code: "B1", score: 2, note: null, assessedOn: { year: 2026, month: 12, day: 1 } }, wib("2026-12-01T11:00"));
    // Without a round: RT 05 lacks all but one manual indicator, RT 07 all but three.
    await harness.send(world.koor, "/belumdinilai");
    let text = harness.lastText(world.koor);
    expect(text).toContain(`📋 Belum dinilai: 2 dari 2 RT di wilayah Anda masih punya indikator tanpa nilai (${2 * N - 4} indikator seluruhnya).`);
    expect(text.indexOf(`1. RT 05 ${world.rt05.kelurahanName}: ${N - 1} belum dinilai`)).toBeGreaterThan(0);
    expect(text.indexOf(`2. RT 07 ${world.rt07.kelurahanName}: ${N - 3} belum dinilai`)).toBeGreaterThan(text.indexOf("1. RT 05"));
    expect(text).not.toContain("⭐");
    expect(text).not.toContain("RT 09");

    // RT 07 proposed in the open round: it goes first, marked.
    const [round] = await database.db.insert(assessmentRound).values({ year: 2026, proposalDeadline: "2026-12-20", visitFrom: "2027-01-05", visitTo: "2027-01-20", decisionOn: "2027-02-01", openedAt: NOW }).returning();
    await database.db.insert(rtProposal).values({ roundId: round!.id, rtId: world.rt07.id, proposedAt: NOW, householdCount: 120 });
    // A withdrawn proposal does not count.
    await database.db.insert(rtProposal).values({ roundId: round!.id, rtId: world.rt05.id, proposedAt: NOW, householdCount: 49, withdrawnAt: NOW });
    await harness.send(world.koor, "/belumdinilai");
    text = harness.lastText(world.koor);
    expect(text).toContain("⭐ = diusulkan pada putaran penilaian sekarang (1 RT), tampil paling atas.");
    expect(text.indexOf(`1. ⭐ RT 07 ${world.rt07.kelurahanName}: ${N - 3} belum dinilai`)).toBeGreaterThan(0);
    expect(text).toContain(`2. RT 05 ${world.rt05.kelurahanName}: ${N - 1} belum dinilai`);
    expect(harness.buttons(world.koor)).toEqual([`⭐ RT 07 ${world.rt07.kelurahanName} · ${N - 3}`, `RT 05 ${world.rt05.kelurahanName} · ${N - 1}`]);

    await harness.send(world.koorPaal, "/belumdinilai");
    text = harness.lastText(world.koorPaal);
    expect(text).toContain(`1. RT 09 ${world.rt09.kelurahanName}: ${N} belum dinilai`);
    expect(text).not.toContain("RT 05");
  });

  it("does not offer the RT the koordinator acts for as its ketua (theirs is not to score)", async () => {
    const world = await buildWorld();
    await actForRt(serviceDeps(database.db, NOW), await loadActor(database.db, world.koorPaal.id, []), { rtId: world.rt09.id });
    await harness.send(world.koorPaal, "/belumdinilai");
    expect(harness.lastText(world.koorPaal)).not.toContain("RT 09");
    expect(JSON.stringify(shownMessages(harness.telegram, world.koorPaal.id).at(-1))).not.toContain("RT 09");
  });

  it("refuses a warga, and a forged RT button of another area opens nothing", async () => {
    const world = await buildWorld();
    await harness.send(world.ketua, "/belumdinilai");
    expect(harness.lastText(world.ketua)).not.toContain("Belum dinilai:");
    const before = harness.telegram.textsTo(world.koorPaal.id).length;
    const update = await pressData(harness, world.koorPaal, unscoredRt.data({ rt: world.rt05.id }));
    const said = [...harness.telegram.textsTo(world.koorPaal.id).slice(before), callbackAnswerTo(harness.telegram, update)?.text ?? ""].join("\n");
    expect(said).toContain("RT ini di luar wilayah tugas Anda.");
    expect(said).not.toContain("Kapan RT ini dinilai?");
    expect(await rowsOf(world.rt05.id)).toHaveLength(0);
  });
});

describe("Nilai semua yang belum (bulk pass)", () => {
  it("walks every unscored manual indicator with its rubric, saves each at once, skips, and a double tap stores one row", async () => {
    const world = await buildWorld();
    await openPass(world, world.rt05);
    let prompt = currentPrompt(world.koor);
    expect(prompt.message.text).toContain(`(1/${N}) B1 — Perumahan dan sarana permukiman yang sehat dan tertata`);
    expect(prompt.message.text).toContain("2 (baik): Rumah dan pekarangan umumnya bersih dan tertata");
    expect(prompt.message.text).toContain("0 (kurang):");
    // No automatic indicator is ever asked.
    for (const code of ["B3", "B7", "A2", "A5", "P2", "P4"]) expect(prompt.message.text).not.toContain(`) ${code} —`);

    // B1 = 2: saved at once, audited.
    const first = prompt.data[0]!;
    expect(bulkScore.read(first)).toMatchObject({ code: "B1", answer: "2" });
    await pressData(harness, world.koor, first, prompt.message.messageId);
    expect((await rowsOf(world.rt05.id)).map((row) => [row.indicatorCode, row.score])).toEqual([["B1", 2]]);
    // The same tap again (double tap / redelivery): one row, told it is saved.
    const again = await pressData(harness, world.koor, first, prompt.message.messageId);
    expect(callbackAnswerTo(harness.telegram, again)?.text).toContain("Nilai B1 = 2 ini sudah tersimpan");
    expect(await rowsOf(world.rt05.id)).toHaveLength(1);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, "manual_score_entered"));
    expect(audits).toHaveLength(1);

    // B2: skipped. B4: a note typed first, then 0.
    prompt = currentPrompt(world.koor);
    expect(prompt.message.text).toContain(`(2/${N}) B2`);
    await harness.press(world.koor, "Lewati");
    prompt = currentPrompt(world.koor);
    expect(prompt.message.text).toContain(`(3/${N}) B4`);
    await harness.send(world.koor, "  Saluran tersumbat di gang 3 🚧  ");
    expect(harness.lastText(world.koor)).toContain("Catatan untuk B4 disimpan");
    await harness.press(world.koor, "0 — kurang");
    const b4 = (await rowsOf(world.rt05.id)).find((row) => row.indicatorCode === "B4")!;
    expect(b4.score).toBe(0);
    expect(b4.note).toBe("Saluran tersumbat di gang 3 🚧");
    expect(b4.assessedOn).toBe("2026-12-09");

    // Stop: the summary counts what is left; B2 is still unscored.
    await harness.press(world.koor, "Selesai");
    expect(harness.lastText(world.koor)).toContain(`2 nilai tersimpan, 1 dilewati, ${N - 2} indikator masih belum dinilai`);
  });

  it("a second tap on the list's RT while the pass is open starts the pass afresh (no error)", async () => {
    const world = await buildWorld();
    await openPass(world, world.rt05);
    await harness.press(world.koor, "2 — baik");
    const list = shownMessages(harness.telegram, world.koor.id).find((shown) => shown.text.includes("belum dinilai") && callbackDataOf(shown).includes(unscoredRt.data({ rt: world.rt05.id })))!;
    await pressData(harness, world.koor, unscoredRt.data({ rt: world.rt05.id }), list.messageId);
    expect(harness.lastText(world.koor)).toContain("Kapan RT ini dinilai?");
    expect(harness.telegram.textsTo(world.koor.id).join("\n")).not.toMatch(/kesalahan|error/i);
    await harness.press(world.koor, "Hari ini");
    expect(currentPrompt(world.koor).message.text).toMatch(/\(2\/\d+\) B2/);
    expect(await rowsOf(world.rt05.id)).toHaveLength(1);
  });

  it("after Lewati shows the next position, and says a note typed before Lewati is not saved", async () => {
    const world = await buildWorld();
    await openPass(world, world.rt05);
    expect(currentPrompt(world.koor).message.text).toMatch(/\(1\/\d+\) B1/);
    await harness.send(world.koor, "Catatan yang tidak jadi");
    await harness.press(world.koor, "Lewati");
    const skippedB1 = shownMessages(harness.telegram, world.koor.id).find((shown) => shown.text.includes(") B1 —"))!;
    expect(skippedB1.text).toContain("B1 dilewati");
    expect(skippedB1.text).toContain("Catatan yang Anda ketik untuk B1 tidak disimpan");
    expect(currentPrompt(world.koor).message.text).toMatch(/\(2\/\d+\) B2/);
    await harness.press(world.koor, "Lewati");
    expect(currentPrompt(world.koor).message.text).toMatch(/\(3\/\d+\) B4/);
    expect(await rowsOf(world.rt05.id)).toEqual([]);
  });

  it("resumes with what is still unscored when reopened", async () => {
    const world = await buildWorld();
    const koorActor = await loadActor(database.db, world.koor.id, []);
    for (const code of MANUAL.slice(0, N - 2)) {
      await enterManualScore(database.db, koorActor, { rtId: world.rt05.id, code, score: 1, note: null, assessedOn: { year: 2026, month: 12, day: 1 } }, wib("2026-12-01T10:00"));
    }
    await openPass(world, world.rt05);
    expect(currentPrompt(world.koor).message.text).toContain(`(${N - 1}/${N}) ${MANUAL[N - 2]}`);
    await harness.press(world.koor, "1 — sedang");
    expect(currentPrompt(world.koor).message.text).toContain(`(${N}/${N}) ${MANUAL[N - 1]}`);
    await harness.send(world.koor, "/batal");
    // Reopened through /nilaisemua: only the last one is left.
    await harness.send(world.koor, "/nilaisemua");
    await harness.press(world.koor, "RT 05");
    expect(harness.lastText(world.koor)).toContain(`1 dari ${N} indikator belum dinilai`);
    await harness.press(world.koor, "Hari ini");
    await harness.press(world.koor, "2 — baik");
    expect(harness.lastText(world.koor)).toContain("1 nilai tersimpan, 0 dilewati, 0 indikator masih belum dinilai");
    await harness.send(world.koor, "/nilaisemua");
    await harness.press(world.koor, "RT 05");
    expect(harness.lastText(world.koor)).toContain(`Semua ${N} indikator yang dinilai koordinator di RT 05`);
    expect(await rowsOf(world.rt05.id)).toHaveLength(N);
  });

  it("asks the date again for a future, impossible or nonsense date, and takes a past one", async () => {
    const world = await buildWorld();
    await harness.send(world.koor, "/belumdinilai");
    await harness.press(world.koor, "RT 07");
    for (const bad of ["besok", "31/02", "2,5", "-1", "", "🙂", "'; delete from rt; --"]) {
      const before = harness.telegram.textsTo(world.koor.id).length;
      await harness.send(world.koor, bad === "" ? " " : bad);
      const replies = harness.telegram.textsTo(world.koor.id).slice(before);
      expect(replies.join("\n"), bad).not.toContain("2 (baik):");
    }
    await harness.send(world.koor, "kemarin");
    expect(currentPrompt(world.koor).message.text).toContain(`(1/${N}) B1`);
    await harness.press(world.koor, "2 — baik");
    const [row] = await rowsOf(world.rt07.id);
    expect(row!.assessedOn).toBe("2026-12-08");
  });

  it("takes hostile notes safely: empty, huge, invisible, SQL-ish; numbers typed instead of a tap save nothing", async () => {
    const world = await buildWorld();
    await openPass(world, world.rt07);
    for (const typed of ["2", "2,5", "2.5", "-1"]) {
      await harness.send(world.koor, typed);
      expect(harness.lastText(world.koor), typed).toContain("ketuk tombol 2, 1 atau 0");
    }
    await harness.send(world.koor, "x".repeat(5000));
    expect(harness.lastText(world.koor)).toContain("Terlalu panjang");
    await harness.send(world.koor, "\u200b\u200b");
    expect(harness.lastText(world.koor)).toBe("Isian masih kosong. Silakan tulis lagi.");
    // A photo where text (or a tap) is expected.
    await harness.deliver(photoUpdate(harness, world.koor, "foto"));
    expect(harness.lastText(world.koor)).toContain("Mohon jawab dengan teks");
    expect(await rowsOf(world.rt07.id)).toHaveLength(0);
    expect(await rowsOf(world.rt07.id)).toHaveLength(0);
    await harness.send(world.koor, "'); drop table indicator_score; --");
    expect(harness.lastText(world.koor)).toContain("Catatan untuk B1 disimpan");
    await harness.press(world.koor, "1 — sedang");
    const [row] = await rowsOf(world.rt07.id);
    expect(row!.note).toBe("'); drop table indicator_score; --");
    expect(row!.score).toBe(1);
  });

  it("refuses a forged answer for another koordinator's pass, and stops once the area is gone", async () => {
    const world = await buildWorld();
    await openPass(world, world.rt05);
    const { data, message } = currentPrompt(world.koor);
    // Paal Merah's koordinator forges the tap: nothing is saved, the button is stale to them.
    const forged = await pressData(harness, world.koorPaal, data[0]!, message.messageId);
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe("Tombol ini sudah tidak berlaku.");
    expect(await rowsOf(world.rt05.id)).toHaveLength(0);
    // The koordinator is moved away from Telanaipura mid-pass: the next tap ends the form.
    await database.db.update(roleAssignment).set({ kecamatanCode: null, kelurahanCode: KELURAHAN_PAYO_SELINCAH }).where(eq(roleAssignment.role, "koordinator"));
    await pressData(harness, world.koor, data[0]!, message.messageId);
    expect(await rowsOf(world.rt05.id)).toHaveLength(0);
    expect(harness.telegram.textsTo(world.koor.id).join("\n")).toMatch(/dihentikan/);
  });

  it("a ketua who also coordinates may not bulk-score their own RT", async () => {
    const world = await buildWorld();
    const [ketuaPerson] = await database.db.select().from(person).where(eq(person.telegramId, world.ketua.id));
    await database.db.insert(roleAssignment).values({ personId: ketuaPerson!.id, role: "koordinator", kecamatanCode: KECAMATAN_TELANAIPURA });
    await harness.send(world.ketua, "/belumdinilai");
    // Not offered; an old or forged button for it is refused.
    expect(harness.buttons(world.ketua).some((label) => label.includes("RT 05"))).toBe(false);
    await pressData(harness, world.ketua, unscoredRt.data({ rt: world.rt05.id }));
    expect(harness.lastText(world.ketua)).not.toContain("Kapan RT ini dinilai?");
    expect(harness.telegram.textsTo(world.ketua.id).join("\n") + (harness.telegram.callsOf("answerCallbackQuery").map((call) => String(call.payload.text ?? "")).join("\n"))).toContain("tidak berwenang");
    expect(await rowsOf(world.rt05.id)).toHaveLength(0);
  });
});
