import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { indicatorGroupText } from "../../src/bot/features/indikator.js";
import { membership } from "../../src/db/schema/index.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { getRt, type RtDetails } from "../../src/domain/rt/rt.js";
import { DIMENSIONS, INDICATOR_CODES } from "../../src/domain/scores/indicators.js";
import { enterManualScore } from "../../src/domain/scores/manual.js";
import { computeScorecards } from "../../src/domain/scores/scorecard.js";
import { indikatorGroup, indikatorOpen, indikatorPage, indikatorRt } from "../../src/messages/buttons/indikator.js";
import { translateIn } from "../../src/messages/translate.js";
import { openCheckin } from "../../src/domain/events/attendance.js";
import { addKetua, addKoordinator, addMember, addRt, KELURAHAN_BULURAN_KENALI, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { callbackAnswerTo, callbackDataOf, pressData, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";
import { addOccurrences, addResidents, checkIns, everyoneDid, wib } from "../domain/scores/builders.js";

// Sunday 6 December 2026, 07:30 WIB.
const NOW = wib("2026-12-06T07:30");
const { database, harness } = withTestBot({ now: NOW });

const OUT_OF_SCOPE = "RT ini di luar wilayah tugas Anda.";
const STALE = "Tombol ini sudah tidak berlaku.";

type World = { rt05: RtDetails; rt07: RtDetails; rt09: RtDetails; siti: TestUser; ketua: TestUser; koor: TestUser; koorPaal: TestUser; andi: TestUser };

/**
 * RT 05 (10 KK): six households did gotong royong (B3 = 60%: 2) and B1 was scored 2; the rest is
 * weak. RT 07 is in another kelurahan of the same kecamatan, RT 09 in another kecamatan.
 */
async function buildWorld(): Promise<World> {
  const rt05 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 10);
  const rt07 = await addRt(database.db, 7, KELURAHAN_BULURAN_KENALI, 20);
  const rt09 = await addRt(database.db, 9, KELURAHAN_PAYO_SELINCAH, 30);
  const siti = newUser("Siti");
  const ketua = newUser("Harun");
  const koor = newUser("Yuliana");
  const koorPaal = newUser("Paal");
  const andi = newUser("Andi");
  await addMember(database.db, siti, rt05.id, "Rumah Siti");
  await addKetua(database.db, ketua, rt05.id);
  await addMember(database.db, andi, rt07.id);
  await addKoordinator(database.db, koor, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  await addKoordinator(database.db, koorPaal, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
  await everyoneDid(database.db, rt05, await addResidents(database.db, 6), "gotong_royong", wib("2026-11-29T08:00"));
  await enterManualScore(database.db, await loadActor(database.db, koor.id, []), { rtId: rt05.id, code: "B1", score: 2, note: null, assessedOn: { year: 2026, month: 12, day: 1 } }, wib("2026-12-01T10:00"));
  return { rt05, rt07, rt09, siti, ketua, koor, koorPaal, andi };
}

function lastShown(user: TestUser) {
  return shownMessages(harness.telegram, user.id).at(-1)!;
}

describe("/indikator (issue 17)", () => {
  it("shows a resident their RT's Bersih indicators in plain words, with where the RT stands and a tip for the weak ones, and the other groups behind buttons", async () => {
    const world = await buildWorld();
    await harness.send(world.siti, "/indikator");
    const shown = lastShown(world.siti);
    expect(shown.text).toContain("📋 Indikator Kampung BANTAR — RT 05 Kelurahan Simpang IV Sipin");
    expect(shown.text).toContain("Bersih (");
    // B1 scored 2 by hand: no tip. B3 measured at 60%: good, no tip, its measure shown.
    expect(shown.text).toContain("B1 Perumahan sehat dan tertata — ✅ baik (2)");
    expect(shown.text).toContain("B3 Partisipasi kebersihan — ✅ baik (2)");
    expect(shown.text).toContain("📊 B3 = 2: 60% KK ikut gotong royong atau bank sampah");
    // B7 measured at 0: its tip; B2 unscored: its tip too.
    expect(shown.text).toContain("B7 Gotong royong — 🔴 kurang (0)");
    expect(shown.text).toContain("👉 Yang bisa Anda lakukan: ikut gotong royong Minggu pagi dan kirim kode hadir ke bot.");
    expect(shown.text).toContain("B2 Sarana lingkungan — ⚪ belum dinilai koordinator");
    expect(shown.text.match(/👉/g)).toHaveLength(5); // B2, B4, B5, B6, B7
    expect(shown.text).not.toContain("A1 ");
    expect(callbackDataOf(shown)).toEqual(DIMENSIONS.map((dimension) => indikatorGroup.data({ rt: world.rt05.id, dimension })));

    await pressOn(harness, world.siti, shown, "Pintar");
    const pintar = lastShown(world.siti);
    expect(pintar.messageId).toBe(shown.messageId); // edited in place
    expect(pintar.text).toContain("P2 Pojok baca dan kelompok belajar — 🔴 kurang (0)");
    expect(pintar.text).toContain("pinjam buku di pojok baca");
    expect(pintar.text).not.toContain("B1 ");
  });

  it("keeps every group well inside Telegram's 4,096 characters in both languages, every indicator weak", async () => {
    const place = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 250);
    const [card] = await computeScorecards(database.db, [place.id], NOW);
    const details = await getRt(database.db, place.id);
    for (const locale of ["id", "en"]) {
      const t = translateIn(createI18n(database.db), locale);
      for (const dimension of DIMENSIONS) {
        const text = indicatorGroupText(t, { ...details, kelurahanName: "K".repeat(60) }, card!, dimension);
        expect(text.length, `${locale} ${dimension}`).toBeLessThan(3500);
        expect(text).not.toMatch(/indikator-|counted-|\{/); // every key resolved
      }
    }
    expect(INDICATOR_CODES).toHaveLength(21);
  });

  it("shows a ketua their own RT, a koordinator the RTs of the area to pick from, and refuses an RT outside anyone's reach", async () => {
    const world = await buildWorld();
    await harness.send(world.ketua, "/indikator");
    expect(harness.lastText(world.ketua)).toContain("RT 05 Kelurahan Simpang IV Sipin");

    await harness.send(world.koor, "/indikator");
    expect(harness.lastText(world.koor)).toBe("Pilih RT (1 RT di wilayah Anda) untuk melihat indikatornya:");
    await harness.press(world.koor, "RT 05");
    const opened = lastShown(world.koor);
    expect(opened.text).toContain("RT 05 Kelurahan Simpang IV Sipin");
    expect(callbackDataOf(opened)).toContain(indikatorPage.data({ page: 0 }));
    await pressOn(harness, world.koor, opened, "Aman");
    expect(lastShown(world.koor).text).toContain("A2 Bebas kriminalitas (ronda) — 🔴 kurang (0)");

    // Forged buttons for an RT out of reach: another RT's resident, a koordinator of another area, the ketua of RT 05.
    for (const [user, rtId] of [[world.andi, world.rt05.id], [world.koorPaal, world.rt05.id], [world.ketua, world.rt07.id], [world.koor, world.rt09.id]] as const) {
      const before = harness.telegram.textsTo(user.id).length;
      const forged = await pressData(harness, user, indikatorGroup.data({ rt: rtId, dimension: "aman" }));
      expect(callbackAnswerTo(harness.telegram, forged)).toMatchObject({ text: OUT_OF_SCOPE, show_alert: true });
      expect(harness.telegram.textsTo(user.id).slice(before)).toEqual([]);
    }
    const forgedRt = await pressData(harness, world.koorPaal, indikatorRt.data({ rt: world.rt05.id }));
    expect(callbackAnswerTo(harness.telegram, forgedRt)).toMatchObject({ text: OUT_OF_SCOPE, show_alert: true });
    // A resident has no list of RTs to page through.
    const page = await pressData(harness, world.siti, indikatorPage.data({ page: 1 }));
    expect(callbackAnswerTo(harness.telegram, page)?.text).toBe("Maaf, perintah ini hanya untuk koordinator dan admin kota.");
  });

  it("is refused to someone not in an RT, answers a malformed button as stale, and refuses a resident's old button once they have left", async () => {
    const world = await buildWorld();
    const stranger = newUser("Asing");
    await harness.send(stranger, "/indikator");
    expect(harness.lastText(stranger)).toContain("Kirim /start untuk mendaftar.");

    for (const data of ["indikator.group:abc:aman", `indikator.group:${world.rt05.id}:kotor`, "indikator.group", `indikator.group:${world.rt05.id}:aman:1`, "indikator.page:-1", "indikator.x"]) {
      const update = await pressData(harness, world.siti, data);
      expect(callbackAnswerTo(harness.telegram, update)?.text, data).toBe(STALE);
    }

    await harness.send(world.siti, "/indikator");
    const kept = lastShown(world.siti);
    await database.db.update(membership).set({ status: "left" }).where(eq(membership.rtId, world.rt05.id));
    const before = harness.telegram.textsTo(world.ketua.id).length;
    const old = await pressOn(harness, world.siti, kept, "Aman");
    expect(callbackAnswerTo(harness.telegram, old)?.show_alert).toBe(true);
    expect(lastShown(world.siti).text).toBe(kept.text);
    expect(harness.telegram.textsTo(world.ketua.id).length).toBe(before);
  });

  it("is found where residents are: /bantuan, the /start menu and /skor", async () => {
    const world = await buildWorld();
    await harness.send(world.siti, "/bantuan");
    expect(harness.lastText(world.siti)).toContain("/indikator — 21 indikator Kampung BANTAR");
    await harness.send(world.siti, "/start");
    expect(harness.buttons(world.siti)).toEqual(["📣 Lapor masalah", "📋 Apa yang dihitung?"]);
    await harness.press(world.siti, "Apa yang dihitung?");
    expect(harness.lastText(world.siti)).toContain("📋 Indikator Kampung BANTAR — RT 05");
    await harness.send(world.siti, "/skor");
    expect(callbackDataOf(lastShown(world.siti))).toContain(indikatorOpen.data({}));
  });

  it("adds what a check-in counted for to its thanks, and nothing more for a kind no indicator counts", async () => {
    const world = await buildWorld();
    const ketua = await loadActor(database.db, world.ketua.id, []);
    const [gotong] = await addOccurrences(database.db, world.rt05.id, "gotong_royong", [wib("2026-12-06T07:00")]);
    const others = await addResidents(database.db, 3);
    await checkIns(database.db, world.rt05.id, gotong!, "gotong_royong", NOW, others);
    const { code } = await openCheckin(database.db, ketua, gotong!, NOW);
    await harness.send(world.siti, code);
    // Siti's household and three others: 4 of 10 KK at the one held.
    expect(harness.lastText(world.siti)).toBe(
      "Terima kasih! Kehadiran Anda di Gotong royong / kerja bakti sudah tercatat.\n🤝 Dihitung untuk B7: gotong royong 1 kali dalam 28 hari terakhir, rata-rata 40% KK RT 05 hadir; target nilai 2 (baik) 2 kali dengan 40% KK belum tercapai.",
    );
    // The same code again: already in, and the same standing.
    await harness.send(world.siti, `/hadir ${code}`);
    expect(harness.lastText(world.siti)).toMatch(/^Kehadiran Anda di Gotong royong \/ kerja bakti sudah tercatat sebelumnya\./);
    expect(harness.lastText(world.siti)).toContain("Dihitung untuk B7");

    const [other] = await addOccurrences(database.db, world.rt05.id, "lainnya", [wib("2026-12-06T07:15")]);
    const opened = await openCheckin(database.db, ketua, other!, NOW);
    await harness.send(world.siti, opened.code);
    expect(harness.lastText(world.siti)).toBe("Terima kasih! Kehadiran Anda di Kegiatan lain sudah tercatat.");
  });
});
