import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { encode } from "fast-png";
import { describe, expect, it } from "vitest";
import { assessmentRound, assessmentScore, evidence, roundAssessor } from "../../src/db/schema/index.js";
import { createFileDownloader } from "../../src/delivery/telegram-files.js";
import { addEvidence, ledgerTotals } from "../../src/domain/evidence/evidence.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { buildEvidencePack, packFileName, pdfText } from "../../src/reports/evidence-pack.js";
import { addBank, addDeposit, addOccurrences, addReadingSessions, addResidents, everyoneDid, wib } from "../domain/scores/builders.js";
import { addKetua, addPerson, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { withTestBot } from "../helpers/test-bot.js";

const NOW = wib("2026-12-09T10:00");
const { database, harness } = withTestBot({ now: NOW });

/** A small real PNG (RGB, no alpha), as a phone photo would be a JPEG: pdfkit embeds both. */
function png(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = (i / 3) % width * 4;
    data[i + 1] = 120;
    data[i + 2] = 200;
  }
  return encode({ width, height, data, channels: 3, depth: 8 });
}

/** pdfjs reads the standard fonts' metrics from its own folder (a path, in Node). */
const STANDARD_FONTS = `${dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"))}/standard_fonts/`;

async function packText(pack: { path: string; dispose: () => Promise<void> }): Promise<{ pages: number; text: string }> {
  try {
    return await pdfTextOf(await readFile(pack.path));
  } finally {
    await pack.dispose();
  }
}

async function pdfTextOf(bytes: Buffer): Promise<{ pages: number; text: string }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const texts: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    texts.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : " ") : "")).join(""));
  }
  const pages = document.numPages;
  await document.destroy();
  return { pages, text: texts.join("\n").replace(/[ ]+/g, " ") };
}

describe("pdfText", () => {
  it("keeps what the standard fonts draw and drops or replaces what they cannot", () => {
    expect(pdfText("Kerja bakti 🧹🌿 di parit")).toBe("Kerja bakti di parit");
    expect(pdfText("Café – “bersih” → rapi ≥ 60%")).toBe("Café – “bersih” -> rapi >= 60%");
    expect(pdfText("Şukur ğ ĳ")).toBe("Sukur g");
    expect(pdfText("\u200Bteks\u200D tersembunyi 👨‍👩‍👧")).toBe("teks tersembunyi");
    expect(pdfText("日本語")).toBe("");
  });

  it("names the file after the RT, its kelurahan and the round year", () => {
    expect(packFileName({ number: 5, kelurahanName: "Simpang III Sipin" }, 2027)).toBe("bukti-rt05-simpang-iii-sipin-2027.pdf");
    expect(packFileName({ number: 12, kelurahanName: "Legok (Danau Sipin)" }, 2027)).toBe("bukti-rt12-legok-danau-sipin-2027.pdf");
  });
});

describe("buildEvidencePack", () => {
  it("makes a PDF with the cover, scorecard explanations, participation, ledgers and photos; an unfetchable photo is noted", async () => {
    const rt05 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 49);
    const ketua = newUser("Budi");
    await addKetua(database.db, ketua, rt05.id);
    const residents = await addResidents(database.db, 20);
    await everyoneDid(database.db, rt05, residents, "gotong_royong", wib("2026-12-01T08:00"));
    const bank = await addBank(database.db, KELURAHAN_SIMPANG_IV_SIPIN);
    await addDeposit(database.db, bank, { rtId: rt05.id, personId: residents[0]!, at: wib("2026-11-20T09:00"), grams: 2500 });
    await addReadingSessions(database.db, rt05.id, [wib("2026-11-21T15:00"), wib("2026-11-28T15:00")], 7);
    const [occurrence] = await addOccurrences(database.db, rt05.id, "gotong_royong", [wib("2026-12-06T07:00")]);
    const [round] = await database.db
      .insert(assessmentRound)
      .values({ year: 2027, proposalDeadline: "2027-03-01", visitFrom: "2027-04-01", visitTo: "2027-05-01", decisionOn: "2027-06-01", openedAt: NOW })
      .returning({ id: assessmentRound.id });

    const photos = [
      { fileId: "good", fileUniqueId: "u-good", caption: "Parit sudah bersih setelah kerja bakti" },
      { fileId: "emoji", fileUniqueId: "u-emoji", caption: "Kebun TOGA 🌿🌱 warga" },
      { fileId: "gone", fileUniqueId: "u-gone", caption: "Foto yang hilang" },
      { fileId: "not-an-image", fileUniqueId: "u-bad", caption: null },
    ];
    harness.telegram.putFile("good", png(64, 48));
    harness.telegram.putFile("emoji", png(30, 40));
    harness.telegram.putFile("not-an-image", new TextEncoder().encode("hello, not a picture"));
    const actor = await loadActor(database.db, ketua.id, []);
    await addEvidence(harness.deps, actor, { rtId: rt05.id, target: { kind: "occurrence", occurrenceId: occurrence! }, photos: photos.slice(0, 1), requestKey: "evidence:a" });
    await addEvidence(harness.deps, actor, { rtId: rt05.id, target: { kind: "indicator", code: "B5" }, photos: photos.slice(1), requestKey: "evidence:b" });

    const downloadFile = createFileDownloader({ token: "123:abc", fetch: harness.telegram.fetch as unknown as typeof fetch });
    const pack = await buildEvidencePack({ db: database.db, i18n: harness.deps.i18n, downloadFile }, { rtId: rt05.id, roundId: round!.id, now: NOW, viewer: "staff" });
    expect(pack.photos).toBe(4);
    expect(pack.missingPhotos).toBe(2);
    expect(pack.fileName).toBe(packFileName(rt05, 2027));

    const { pages, text } = await packText(pack);
    expect(pages).toBe(pack.pages);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(text).toContain(`RT 05 Kelurahan ${rt05.kelurahanName}, Kecamatan ${rt05.kecamatanName}`);
    expect(text).toContain("Putaran penilaian: 2027");
    expect(text).toContain("Jumlah KK: 49");
    // An automatic indicator with its explanation; a manual one nobody scored is marked.
    expect(text).toMatch(/B3 = \d: \d+% KK ikut gotong royong atau bank sampah/);
    expect(text).toContain("belum dinilai");
    // Weeks are counted in the month they start in: the week of 30 November is November's.
    expect(text).toMatch(/gotong royong: [^\n]*November 2026: 20/);
    expect(text).toContain("1 setoran, 2,5 kg");
    expect(text).toContain("2 sesi (14 kehadiran)");
    expect(text).toContain("Parit sudah bersih setelah kerja bakti");
    expect(text).toContain("Kebun TOGA warga");
    expect(text).not.toMatch(/[\u{1F300}-\u{1FAFF}]/u);
    expect(text).toContain("Indikator B5");
    expect(text).toContain("Dikirim oleh Budi");
    expect(text.match(/foto tidak dapat diambil/g)).toHaveLength(2);
    // Photos are fetched one by one through the bot's transport: getFile then the download.
    expect(harness.telegram.callsOf("getFile")).toHaveLength(4);
  });

  it("still completes, listing every photo as not fetched, when there is no way to download", async () => {
    const rt05 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 49);
    const ketua = newUser("Budi");
    await addKetua(database.db, ketua, rt05.id);
    const [round] = await database.db
      .insert(assessmentRound)
      .values({ year: 2027, proposalDeadline: "2027-03-01", visitFrom: "2027-04-01", visitTo: "2027-05-01", decisionOn: "2027-06-01", openedAt: NOW })
      .returning({ id: assessmentRound.id });
    await addEvidence(harness.deps, await loadActor(database.db, ketua.id, []), { rtId: rt05.id, target: { kind: "indicator", code: "A1" }, photos: [{ fileId: "x", fileUniqueId: "ux", caption: null }], requestKey: "evidence:c" });
    const pack = await buildEvidencePack({ db: database.db, i18n: harness.deps.i18n }, { rtId: rt05.id, roundId: round!.id, now: NOW, viewer: "staff" });
    const { text } = await packText(pack);
    expect(pack.missingPhotos).toBe(1);
    expect(text).toContain("foto tidak dapat diambil");
    expect(text).toContain("(tanpa keterangan)");
  });

  it("hides the team's scores, photos and names from the ketua until the decision; bounds photos by period, count and bytes; totals over scored indicators", async () => {
    const rt05 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 49);
    const ketua = newUser("Budi");
    await addKetua(database.db, ketua, rt05.id);
    const [round] = await database.db
      .insert(assessmentRound)
      .values({ year: 2027, proposalDeadline: "2027-03-01", visitFrom: "2027-04-01", visitTo: "2027-05-01", decisionOn: "2027-06-01", openedAt: NOW })
      .returning({ id: assessmentRound.id });
    const assessorId = await addPerson(database.db, newUser("Pak Babinsa"));
    // A current member of the round's team (a revoked one's scores are left out of every recap).
    await database.db.insert(roundAssessor).values({ roundId: round!.id, personId: assessorId, agency: "babinsa", joinedAt: NOW });
    await database.db.insert(assessmentScore).values({ kind: "team", roundId: round!.id, rtId: rt05.id, personId: assessorId, indicatorCode: "B1", score: 2, enteredAt: NOW, requestKey: "team:1" });
    await database.db.insert(evidence).values([
      { rtId: rt05.id, roundId: round!.id, indicatorCode: "B1", fileId: "t", fileUniqueId: "ut", caption: "Foto tim di lokasi", addedBy: assessorId, addedAt: NOW, requestKey: "team:1:photo:0" },
      { rtId: rt05.id, indicatorCode: "B5", fileId: "old", fileUniqueId: "uold", caption: "Foto tahun lalu", addedAt: wib("2026-03-01T10:00"), requestKey: "old" },
      { rtId: rt05.id, indicatorCode: "B5", fileId: "a", fileUniqueId: "ua", caption: "Foto warga A", addedAt: wib("2026-11-01T10:00"), requestKey: "a" },
      { rtId: rt05.id, indicatorCode: "B5", fileId: "b", fileUniqueId: "ub", caption: "Foto warga B", addedAt: wib("2026-11-02T10:00"), requestKey: "b" },
    ]);
    const build = (viewer: "ketua" | "staff" | "team", caps: { maxPhotos?: number; maxBytes?: number } = {}) =>
      buildEvidencePack({ db: database.db, i18n: harness.deps.i18n, ...caps }, { rtId: rt05.id, roundId: round!.id, now: NOW, viewer });

    const forKetua = await packText(await build("ketua"));
    expect(forKetua.text).not.toContain("Nilai tim penilai");
    expect(forKetua.text).not.toContain("Foto tim di lokasi");
    expect(forKetua.text).not.toContain("Pak Babinsa");
    // Older than a year before the last visit day (1 May 2027): left out.
    expect(forKetua.text).not.toContain("Foto tahun lalu");
    expect(forKetua.text).toContain("Foto warga B");
    // Over the scored indicators, not 42.
    expect(forKetua.text).not.toContain("/42");
    expect(forKetua.text).toMatch(/Nilai total: \d+\/\d+ · \d+ belum dinilai/);

    const forStaff = await build("staff", { maxPhotos: 2 });
    expect(forStaff.photos).toBe(2);
    expect(forStaff.leftOut).toBe(1);
    const staffText = (await packText(forStaff)).text;
    expect(staffText).toContain("Nilai tim penilai: 2/2");
    // The team's photo first, then the newest; the oldest is counted as left out.
    expect(staffText).toContain("Foto tim di lokasi");
    expect(staffText).toContain("Dikirim oleh Pak Babinsa");
    expect(staffText).toContain("Foto warga B");
    expect(staffText).not.toContain("Foto warga A");
    expect(staffText).toContain("1 foto lain tidak dimuat");

    // An assessor preparing the visit: the team's photos and names, not their colleagues' scores.
    const teamText = (await packText(await build("team"))).text;
    expect(teamText).not.toContain("Nilai tim penilai");
    expect(teamText).toContain("Foto tim di lokasi");

    // Decided: the ketua sees the team's scores and photos, still not who took them.
    await database.db.update(assessmentRound).set({ decidedAt: NOW, skNumber: "1/2027", skDate: "2026-12-09" });
    const decided = (await packText(await build("ketua"))).text;
    expect(decided).toContain("Nilai tim penilai");
    expect(decided).toContain("Foto tim di lokasi");
    expect(decided).not.toContain("Pak Babinsa");
    expect((await packText(await build("team"))).text).toContain("Nilai tim penilai: 2/2");

    // A byte bound no photo fits under: the pack still completes, every photo counted as left out.
    for (const id of ["t", "a", "b"]) harness.telegram.putFile(id, png(32, 24));
    const downloadFile = createFileDownloader({ token: "123:abc", fetch: harness.telegram.fetch as unknown as typeof fetch });
    const tiny = await buildEvidencePack({ db: database.db, i18n: harness.deps.i18n, downloadFile, maxBytes: 1 }, { rtId: rt05.id, roundId: round!.id, now: NOW, viewer: "staff" });
    expect(tiny.photos).toBe(0);
    expect(tiny.leftOut).toBe(3);
    await tiny.dispose();
  });

  it("leaves reversed deposits out of the ledger totals: a whole reversal drops the deposit, a line reversal that line's kilos and Rupiah", async () => {
    const rt05 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 49);
    const residents = await addResidents(database.db, 3);
    const bank = await addBank(database.db, KELURAHAN_SIMPANG_IV_SIPIN);
    const at = wib("2026-11-20T09:00");
    // Standing: 2 kg (Rp4.000) and 1 l (Rp3.000).
    await addDeposit(database.db, bank, { rtId: rt05.id, personId: residents[0]!, at, grams: 2000, millilitres: 1000 });
    // Reversed whole: 5 kg and 2 l, none of it counts.
    await addDeposit(database.db, bank, { rtId: rt05.id, personId: residents[1]!, at, grams: 5000, millilitres: 2000, reversed: true });
    // Its kg line reversed: only the 1,5 l (Rp4.500) stands, and the deposit still counts once.
    await addDeposit(database.db, bank, { rtId: rt05.id, personId: residents[2]!, at, grams: 3000, millilitres: 1500, reversedLine: 1 });
    // Its only line reversed: the deposit is gone.
    await addDeposit(database.db, bank, { rtId: rt05.id, personId: residents[2]!, at, grams: 4000, reversedLine: 1 });

    const totals = await ledgerTotals(database.db, { rtId: rt05.id, from: wib("2026-11-01T00:00"), to: wib("2026-12-01T00:00") });
    expect(totals).toMatchObject({ deposits: 2, grams: 2000, rupiah: 4000 + 3000 + 4500 });

    const [round] = await database.db
      .insert(assessmentRound)
      .values({ year: 2027, proposalDeadline: "2027-03-01", visitFrom: "2027-04-01", visitTo: "2027-05-01", decisionOn: "2027-06-01", openedAt: NOW })
      .returning({ id: assessmentRound.id });
    const { text } = await packText(await buildEvidencePack({ db: database.db, i18n: harness.deps.i18n }, { rtId: rt05.id, roundId: round!.id, now: NOW, viewer: "staff" }));
    expect(text).toMatch(/2 setoran, 2 kg, Rp\s?11\.500/);
  });

  it("removes its temporary folder and closes the file when drawing fails part-way, and passes the error on", async () => {
    const rt05 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 49);
    const [round] = await database.db
      .insert(assessmentRound)
      .values({ year: 2027, proposalDeadline: "2027-03-01", visitFrom: "2027-04-01", visitTo: "2027-05-01", decisionOn: "2027-06-01", openedAt: NOW })
      .returning({ id: assessmentRound.id });
    // Something unexpected after the folder and the file are made: a text for the ledgers' page.
    const failing = {
      t(locale: string, key: string, vars?: Record<string, string | number>) {
        if (key === "pack-ledgers-title") throw new Error("texts broke");
        return harness.deps.i18n.t(locale, key, vars);
      },
    };
    // The pack's folder is made under os.tmpdir(), which reads TMPDIR: a folder of this test's own.
    const scratch = await mkdtemp(join(tmpdir(), "pack-test-"));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    try {
      await expect(buildEvidencePack({ db: database.db, i18n: failing }, { rtId: rt05.id, roundId: round!.id, now: NOW, viewer: "staff" })).rejects.toThrow("texts broke");
      expect(await readdir(scratch)).toEqual([]);
      // The same call with working texts makes its folder there, so the check above looks where it should.
      const pack = await buildEvidencePack({ db: database.db, i18n: harness.deps.i18n }, { rtId: rt05.id, roundId: round!.id, now: NOW, viewer: "staff" });
      expect(await readdir(scratch)).toHaveLength(1);
      await pack.dispose();
      expect(await readdir(scratch)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
