import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, kencanaRequirement, rtTitle } from "../../src/db/schema/index.js";
import { fullYearOn, KENCANA_REQUIREMENTS, kencanaHolders, kencanaShortfalls, recordKencanaRequirement, type KencanaRequirement } from "../../src/domain/cycle/kencana.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { awardKencana } from "../../src/domain/cycle/decision.js";
import { titleOf } from "../../src/domain/cycle/titles.js";
import type { RtDetails } from "../../src/domain/rt/rt.js";
import { addAdmin, addKetua, addKoordinator, addMember, addRt, KECAMATAN_TELANAIPURA, KELURAHAN_BULURAN_KENALI, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { callbackAnswerTo, pressData, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";
import { kencanaAward } from "../../src/messages/buttons/award.js";
import { addResidents, everyoneDid, wib } from "../domain/scores/builders.js";

// Thursday 19 August 2027, 10:00 WIB.
const NOW = wib("2027-08-19T10:00");
const { database, harness } = withTestBot({ now: NOW });

describe("the Kencana rule", () => {
  const allMet = new Map<KencanaRequirement, boolean>(KENCANA_REQUIREMENTS.map((requirement) => [requirement, true]));
  const base = { awardedOn: { year: 2026, month: 8, day: 19 }, today: { year: 2027, month: 8, day: 19 }, fading: false, met: allMet, holdsKencana: false };

  it("needs one full year: eligible on the anniversary, not the day before", () => {
    expect(kencanaShortfalls(base)).toEqual([]);
    expect(kencanaShortfalls({ ...base, today: { year: 2027, month: 8, day: 18 } })).toEqual(["held-under-a-year"]);
    expect(fullYearOn({ year: 2028, month: 2, day: 29 })).toEqual({ year: 2029, month: 3, day: 1 });
    expect(kencanaShortfalls({ ...base, awardedOn: { year: 2028, month: 2, day: 29 }, today: { year: 2029, month: 2, day: 28 } })).toEqual(["held-under-a-year"]);
  });

  it("refuses a fading holder, one requirement unmet or unrecorded, and a Kencana holder", () => {
    expect(kencanaShortfalls({ ...base, fading: true })).toEqual(["fading"]);
    expect(kencanaShortfalls({ ...base, met: new Map([...allMet, ["rumah_restorative_justice", false]]) })).toEqual(["requirements-unmet"]);
    expect(kencanaShortfalls({ ...base, met: new Map([["bank_sampah_aktif", true]]) })).toEqual(["requirements-unmet"]);
    expect(kencanaShortfalls({ ...base, holdsKencana: true })).toEqual(["already-kencana"]);
  });
});

type World = { rt01: RtDetails; rt02: RtDetails; rt03: RtDetails; rt04: RtDetails; rt08: RtDetails; admin: TestUser; koor: TestUser; ketua: TestUser; warga: TestUser };

async function award(rt: RtDetails, awardedOn: string): Promise<void> {
  await database.db.insert(rtTitle).values({ rtId: rt.id, level: "bantar", category: "sedang", householdCount: rt.householdCount, awardRupiah: 7_500_000, awardedOn, skNumber: "188.45/1/HK", recordedAt: NOW });
}

/**
 * RT 01 has held the title exactly a year with every requirement met: eligible. RT 02 won it a day
 * later (not yet a year). RT 03 (Buluran Kenali) is fading: 30 of 50 KK in June, nobody since.
 * RT 04 (Payo Selincah) lies outside the koordinator's kecamatan. RT 08 holds nothing.
 */
async function buildWorld(): Promise<World> {
  const db = database.db;
  const rt01 = await addRt(db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 60);
  const rt02 = await addRt(db, 2, KELURAHAN_SIMPANG_IV_SIPIN, 60);
  const rt03 = await addRt(db, 3, KELURAHAN_BULURAN_KENALI, 50);
  const rt04 = await addRt(db, 4, KELURAHAN_PAYO_SELINCAH, 60);
  const rt08 = await addRt(db, 8, KELURAHAN_SIMPANG_IV_SIPIN, 60);
  await award(rt01, "2026-08-19");
  await award(rt02, "2026-08-20");
  await award(rt03, "2025-08-17");
  await award(rt04, "2025-08-17");
  await everyoneDid(db, rt03, await addResidents(db, 30), "gotong_royong", wib("2027-06-30T08:00"));
  const admin = newUser("Admin");
  const koor = newUser("Koor");
  const ketua = newUser("Ketua");
  const warga = newUser("Warga");
  await addAdmin(db, admin);
  await addKoordinator(db, koor, { kecamatanCode: KECAMATAN_TELANAIPURA });
  await addKetua(db, ketua, rt01.id);
  await addMember(db, warga, rt01.id);
  const adminActor = await loadActor(db, admin.id, []);
  for (const rt of [rt01, rt02, rt03, rt04]) {
    for (const requirement of KENCANA_REQUIREMENTS) {
      await recordKencanaRequirement(harness.deps, adminActor, { rtId: rt.id, requirement, met: true, note: null, requestKey: `kencana:setup-${rt.id}-${requirement}` });
    }
  }
  return { rt01, rt02, rt03, rt04, rt08, admin, koor, ketua, warga };
}

let world: World;
beforeEach(async () => {
  world = await buildWorld();
});

describe("/kencana", () => {
  it("lists the holders in the koordinator's area with what each lacks, the eligible first", async () => {
    await harness.send(world.koor, "/kencana");
    const text = harness.lastText(world.koor);
    expect(text).toContain("3 RT, 1 memenuhi syarat");
    expect(text).toMatch(/✅ RT 01 Simpang IV Sipin .*layak Kencana/);
    expect(text.indexOf("RT 01")).toBeLessThan(text.indexOf("RT 02"));
    expect(text).toMatch(/RT 02[^\n]*\n(?:.*\n){3}\s*Belum: gelar belum dipegang satu tahun penuh/);
    expect(text).toMatch(/RT 03[^\n]*\n(?:.*\n){3}\s*Belum: partisipasi sedang menurun/);
    expect(text).not.toContain("RT 04");
    expect(text).toContain("✔️ Rumah restorative justice");
    // The admin sees the city.
    const adminView = await kencanaHolders(database.db, await loadActor(database.db, world.admin.id, []), NOW);
    expect(adminView.map((holder) => holder.number).sort()).toEqual([1, 2, 3, 4]);
  });

  it("records a requirement through the form with hostile notes refused, and the latest record wins", async () => {
    await harness.send(world.koor, "/kencana");
    await harness.press(world.koor, "Catat syarat Kencana");
    await harness.press(world.koor, "RT 01");
    await harness.press(world.koor, "Rumah restorative justice");
    await harness.press(world.koor, "Belum");
    expect(harness.lastText(world.koor)).toContain("Catatan singkat");
    await harness.send(world.koor, "x".repeat(201));
    expect(harness.lastText(world.koor)).toContain("200");
    await harness.send(world.koor, "\u200b\u2060 ");
    expect(harness.lastText(world.koor)).not.toContain("Tercatat");
    await harness.send(world.koor, "🏠 rumah RJ ditutup'; delete from rt_title; --");
    expect(harness.lastText(world.koor)).toContain("Tercatat: Rumah restorative justice di RT 01 Simpang IV Sipin belum terpenuhi");
    const rows = await database.db.select().from(kencanaRequirement).where(eq(kencanaRequirement.rtId, world.rt01.id));
    expect(rows.at(-1)).toMatchObject({ requirement: "rumah_restorative_justice", met: 0, note: "🏠 rumah RJ ditutup'; delete from rt_title; --" });
    expect(await database.db.select().from(rtTitle)).toHaveLength(4);
    const holders = await kencanaHolders(database.db, await loadActor(database.db, world.koor.id, []), NOW);
    expect(holders.find((holder) => holder.rtId === world.rt01.id)).toMatchObject({ eligible: false, shortfalls: ["requirements-unmet"] });
    await harness.send(world.koor, "/kencana");
    expect(harness.lastText(world.koor)).toContain("✖️ Rumah restorative justice 🏠 rumah RJ ditutup");
  });

  it("records once per form key, audited once, and refuses outside the area, a non-holder, an unknown requirement and other roles", async () => {
    const koor = await loadActor(database.db, world.koor.id, []);
    const input = { rtId: world.rt02.id, requirement: "pojok_baca_aktif", met: false, note: "tutup sejak Juni", requestKey: "kencana:form-1" };
    const audits = async () => (await database.db.select().from(auditLog).where(eq(auditLog.action, "kencana_requirement_recorded"))).length;
    const before = await audits();
    expect(await recordKencanaRequirement(harness.deps, koor, input)).toMatchObject({ repeated: false });
    expect(await recordKencanaRequirement(harness.deps, koor, input)).toMatchObject({ repeated: true, state: { met: false, note: "tutup sejak Juni" } });
    expect(await audits()).toBe(before + 1);
    expect((await database.db.select().from(kencanaRequirement).where(eq(kencanaRequirement.requestKey, "kencana:form-1")))).toHaveLength(1);
    await expect(recordKencanaRequirement(harness.deps, koor, { ...input, rtId: world.rt04.id, requestKey: "kencana:form-2" })).rejects.toMatchObject({ code: "out-of-scope" });
    await expect(recordKencanaRequirement(harness.deps, koor, { ...input, rtId: world.rt08.id, requestKey: "kencana:form-3" })).rejects.toMatchObject({ code: "kencana-not-holder" });
    await expect(recordKencanaRequirement(harness.deps, koor, { ...input, requirement: "'; drop table rt; --", requestKey: "kencana:form-4" })).rejects.toMatchObject({ code: "kencana-requirement-unknown" });
    await expect(recordKencanaRequirement(harness.deps, koor, { ...input, note: "x".repeat(201), requestKey: "kencana:form-5" })).rejects.toMatchObject({ code: "kencana-note-invalid" });
    const ketua = await loadActor(database.db, world.ketua.id, []);
    await expect(recordKencanaRequirement(harness.deps, ketua, { ...input, rtId: world.rt01.id, requestKey: "kencana:form-6" })).rejects.toMatchObject({ code: "not-allowed" });
    await harness.send(world.ketua, "/kencana");
    expect(harness.lastText(world.ketua)).toContain("hanya untuk koordinator dan admin");
    await harness.send(world.warga, "/kencana");
    expect(harness.lastText(world.warga)).not.toContain("Pemegang gelar");
  });

  it("awards Kencana by SK to an eligible holder only, once per key, and tells its ketua", async () => {
    const admin = await loadActor(database.db, world.admin.id, []);
    const input = { rtIds: [world.rt01.id], skNumber: "188.45/200/HK/2027", skDate: { year: 2027, month: 8, day: 18 }, requestKey: "kencana-award:1" };
    await expect(awardKencana(harness.deps, admin, { ...input, rtIds: [world.rt02.id] })).rejects.toMatchObject({ code: "kencana-not-eligible" });
    await expect(awardKencana(harness.deps, await loadActor(database.db, world.koor.id, []), input)).rejects.toMatchObject({ code: "not-allowed" });
    expect(await awardKencana(harness.deps, admin, input)).toEqual({ awarded: [world.rt01.id], repeated: false });
    expect(await awardKencana(harness.deps, admin, input)).toEqual({ awarded: [world.rt01.id], repeated: true });
    await harness.settle();
    expect(harness.telegram.textsTo(world.ketua.id).filter((text) => text.includes("Kencana"))).toEqual([expect.stringContaining("RT 01 Simpang IV Sipin meraih gelar Kampung BANTAR Kencana")]);
    expect((await titleOf(database.db, world.rt01.id)).map((title) => title.level)).toEqual(["bantar", "kencana"]);
    await expect(awardKencana(harness.deps, admin, { ...input, requestKey: "kencana-award:2" })).rejects.toMatchObject({ code: "kencana-not-eligible" });
    await harness.send(world.ketua, "/skor");
    expect(harness.telegram.textsTo(world.ketua.id).some((text) => text.includes("🏅 Kampung BANTAR Kencana 2027"))).toBe(true);
  });

  it("awards Kencana through the admin's form from /kencana: hostile SK refused, the save once however often tapped; a koordinator gets no award button", async () => {
    await harness.send(world.koor, "/kencana");
    expect(harness.buttons(world.koor)).not.toContain("🏅 Tetapkan Kencana");
    const forged = await pressData(harness, world.koor, kencanaAward.data({}));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toContain("admin");

    await harness.send(world.admin, "/kencana");
    await harness.press(world.admin, "🏅 Tetapkan Kencana");
    expect(harness.lastText(world.admin)).toContain("Pilih RT yang ditetapkan sebagai Kampung BANTAR Kencana");
    // Only the eligible holders are offered (RT 02: not a year yet; RT 03: fading).
    const offered = harness.buttons(world.admin).filter((label) => label.startsWith("RT "));
    expect(offered.map((label) => label.slice(0, 5)).sort()).toEqual(["RT 01", "RT 04"]);
    await harness.press(world.admin, "RT 01");
    for (const bad of ["   ", "🏅🏅", "'; drop table rt_title; --", "x".repeat(200)]) {
      await harness.send(world.admin, bad);
      expect(harness.lastText(world.admin), bad.slice(0, 10)).not.toContain("Tanggal SK");
    }
    await harness.send(world.admin, "188.45/201/HK/2027");
    await harness.send(world.admin, "20/8/2027"); // tomorrow
    expect(harness.lastText(world.admin)).toContain("tidak boleh melewati hari ini");
    await harness.send(world.admin, "18 Agustus 2027");
    expect(harness.lastText(world.admin)).toContain("Tetapkan RT 01 Simpang IV Sipin (Kec. Telanaipura) sebagai Kampung BANTAR Kencana dengan SK 188.45/201/HK/2027 tanggal 18 Agustus 2027?");
    const summary = shownMessages(harness.telegram, world.admin.id).at(-1)!;
    await pressOn(harness, world.admin, summary, "Simpan keputusan");
    const again = await pressOn(harness, world.admin, summary, "Simpan keputusan");
    expect(callbackAnswerTo(harness.telegram, again)?.text).toBe("Penetapan Kencana ini sudah tersimpan.");
    expect(harness.telegram.textsTo(world.admin.id).filter((text) => text.startsWith("🏅 Tersimpan: RT 01"))).toHaveLength(1);
    const titles = await database.db.select().from(rtTitle).where(eq(rtTitle.level, "kencana"));
    expect(titles).toMatchObject([{ rtId: world.rt01.id, skNumber: "188.45/201/HK/2027", awardedOn: "2027-08-18", awardRupiah: 0 }]);
    await harness.settle();
    expect(harness.telegram.textsTo(world.ketua.id).filter((text) => text.includes("meraih gelar Kampung BANTAR Kencana"))).toHaveLength(1);
    // RT 01 holds Kencana now: the next form offers RT 04 only.
    await harness.send(world.admin, "/kencana");
    await harness.press(world.admin, "🏅 Tetapkan Kencana");
    expect(harness.buttons(world.admin).filter((label) => label.startsWith("RT ")).map((label) => label.slice(0, 5))).toEqual(["RT 04"]);
  });
});
