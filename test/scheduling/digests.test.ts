import { eq, like } from "drizzle-orm";
import ExcelJS from "exceljs";
import { decode } from "fast-png";
import { Api } from "grammy";
import { beforeEach, describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { outbox, person } from "../../src/db/schema/index.js";
import { toApiPayload } from "../../src/delivery/attachments.js";
import { DeliveryEngine } from "../../src/delivery/engine.js";
import { PRIORITY } from "../../src/delivery/outbox.js";
import { Pacer } from "../../src/delivery/pacer.js";
import { erasePerson } from "../../src/domain/people/person.js";
import type { RtDetails } from "../../src/domain/rt/rt.js";
import { INDICATOR_CODES } from "../../src/domain/scores/indicators.js";
import { createLogger } from "../../src/logger.js";
import { CHART_HEIGHT, CHART_SCALE, CHART_WIDTH } from "../../src/reports/charts.js";
import { buildDigest, digestChart } from "../../src/reports/digest.js";
import { translateIn } from "../../src/messages/translate.js";
import { isoWeekOf, planWeeklyDigests, type DigestDeps } from "../../src/scheduling/digests.js";
import { withTestDatabase } from "../helpers/database.js";
import { FakeTelegram, sentDocuments } from "../helpers/fake-telegram.js";
import { addKetua, addKoordinator, addRt, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { addResidents, DAY, participate, wib } from "../domain/scores/builders.js";

// Monday 7 December 2026, 07.00 WIB: the job's tick. The last complete week is 30 Nov – 6 Dec.
const NOW = wib("2026-12-07T07:00");
const THIS_WEEK = wib("2026-12-07T00:00");
const WEEK = 7 * DAY;

const database = withTestDatabase();
let deps: DigestDeps;

beforeEach(async () => {
  deps = { db: database.db, i18n: createI18n(database.db), logger: createLogger("silent") };
});

/** Households taking part in gotong royong in the 8 complete weeks before NOW, oldest first (on each Wednesday). */
async function rtWithWeeks(number: number, households: number[], kelurahanCode = KELURAHAN_SIMPANG_IV_SIPIN): Promise<RtDetails> {
  const rt = await addRt(database.db, number, kelurahanCode, 20);
  const pool = await addResidents(database.db, Math.max(0, ...households));
  await participate(
    database.db,
    households.flatMap((count, i) => {
      const wednesday = new Date(THIS_WEEK.getTime() - (households.length - i) * WEEK + 2 * DAY + 8 * 3_600_000);
      return pool.slice(0, count).map((personId) => ({ rtId: rt.id, personId, kind: "gotong_royong" as const, at: wednesday }));
    }),
  );
  return rt;
}

/** Three RTs of one kelurahan (steady, fading, rising), one RT elsewhere, a koordinator and a ketua. */
async function area() {
  const steady = await rtWithWeeks(1, [10, 10, 10, 10, 10, 10, 10, 10]);
  const fading = await rtWithWeeks(2, [10, 10, 10, 10, 2, 2, 2, 2]);
  const rising = await rtWithWeeks(3, [2, 2, 2, 2, 6, 6, 6, 6]);
  const elsewhere = await rtWithWeeks(9, [5, 5, 5, 5, 5, 5, 5, 5], KELURAHAN_PAYO_SELINCAH);
  const koordinator = newUser("Koor");
  const koordinatorId = await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  const ketua = newUser("Ketua");
  const ketuaMember = await addKetua(database.db, ketua, fading.id);
  await database.db.update(person).set({ locale: "en" }).where(eq(person.id, ketuaMember.personId));
  return { steady, fading, rising, elsewhere, koordinator: { ...koordinator, personId: koordinatorId }, ketua: { ...ketua, personId: ketuaMember.personId } };
}

const digestRows = () => database.db.select().from(outbox).where(like(outbox.dedupeKey, "digest:%")).orderBy(outbox.id);

type Upload = { field: string; filename: string; base64: string };
const uploadOf = (payload: unknown) => (payload as { upload: Upload }).upload;

describe("planWeeklyDigests", () => {
  it("queues one digest for the koordinator (text, chart, workbook) and a summary for the ketua", async () => {
    const s = await area();
    expect(await planWeeklyDigests(deps, NOW)).toEqual({ koordinators: 1, ketuas: 1, queued: 4 });

    const rows = await digestRows();
    const week = isoWeekOf(NOW);
    expect(week).toBe("2026-W50");
    const mine = rows.filter((row) => row.personId === s.koordinator.personId);
    expect(mine.map((row) => [row.dedupeKey, row.method, row.chatId])).toEqual([
      [`digest:2026-W50:${s.koordinator.personId}:koordinator-text`, "sendMessage", s.koordinator.id],
      [`digest:2026-W50:${s.koordinator.personId}:koordinator-chart`, "sendPhoto", s.koordinator.id],
      [`digest:2026-W50:${s.koordinator.personId}:koordinator-xlsx`, "sendDocument", s.koordinator.id],
    ]);
    expect(mine.every((row) => row.priority === PRIORITY.notification && row.notBefore.getTime() === NOW.getTime())).toBe(true);

    // The text: the fading RT first, marked; the RT of another kelurahan absent.
    const text = (mine[0]!.payload as { text: string }).text;
    const rtLines = text.split("\n").filter((line) => /^\d+\. /.test(line));
    expect(rtLines).toHaveLength(3);
    expect(rtLines[0]).toBe("1. ⚠️ RT 02 Simpang IV Sipin: nilai 0/22 · 10 belum dinilai · KK ikut minggu lalu 10% · menurun 80%");
    expect(rtLines.slice(1).map((line) => line.slice(0, 12))).toEqual(["2. RT 03 Sim", "3. RT 01 Sim"]);
    expect(text).toContain("30 Nov – 6 Des 2026");
    expect(text).toContain("RT di wilayah Anda: 3. Partisipasinya menurun: 1 RT");
    expect(text).not.toContain("RT 09");

    // The chart: a real PNG of the chart's size, not blank.
    const chart = uploadOf(mine[1]!.payload);
    expect(chart).toMatchObject({ field: "photo", filename: "tren-partisipasi.png" });
    const image = decode(Buffer.from(chart.base64, "base64"));
    expect([image.width, image.height]).toEqual([CHART_WIDTH * CHART_SCALE, CHART_HEIGHT * CHART_SCALE]);
    const colours = new Set<number>();
    for (let i = 0; i < image.data.length; i += image.channels * 97) colours.add((image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!);
    expect(colours.size).toBeGreaterThan(3);

    // The workbook: RT list in digest order, 21 indicators × 3 RTs, records by kind over 4 weeks.
    const xlsx = uploadOf(mine[2]!.payload);
    expect(xlsx).toMatchObject({ field: "document", filename: "ringkasan-bantar-2026-12-07.xlsx" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.base64, "base64") as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Daftar RT", "Kartu nilai", "Partisipasi per jenis"]);
    const list = workbook.getWorksheet("Daftar RT")!;
    expect(list.getRow(1).getCell(1).value).toBe("RT");
    expect([2, 3, 4].map((r) => list.getRow(r).getCell(1).value)).toEqual(["RT 02", "RT 03", "RT 01"]);
    expect(list.getRow(2).getCell(2).value).toBe("Simpang IV Sipin");
    expect(list.getRow(2).getCell(4).value).toBe(20);
    expect(list.getRow(2).getCell(11).value).toBeCloseTo(0.1);
    expect(list.getRow(2).getCell(12).value).toBe("menurun");
    expect(list.getRow(2).getCell(13).value).toBe(80);
    expect(list.getRow(4).getCell(12).value).toBe("stabil");
    expect(list.rowCount).toBe(4);
    const cards = workbook.getWorksheet("Kartu nilai")!;
    expect(cards.getRow(1).values).toEqual([undefined, "Kode", "Indikator", "RT 02", "RT 03", "RT 01"]);
    expect(Array.from({ length: 21 }, (_, i) => cards.getRow(i + 2).getCell(1).value)).toEqual([...INDICATOR_CODES]);
    expect(cards.getRow(2 + 6).getCell(2).value).toBe("Semangat gotong royong dan kesetiakawanan sosial"); // B7
    expect(cards.getRow(2 + 21 + 3).getCell(2).value).toBe("Nilai total");
    // Nobody has scored RT 02's B1: an empty cell, not a 0; the count of unscored ones under the total.
    expect(cards.getRow(2).getCell(3).value).toBeNull();
    expect(cards.getRow(2 + 21 + 4).getCell(2).value).toBe("Belum dinilai");
    expect(cards.getRow(2 + 21 + 4).getCell(3).value).toBe(10);
    // The RT list: the total is out of the scored ones, with the unscored count beside it.
    expect(list.getRow(1).getCell(14).value).toBe("Nilai maksimum (yang sudah dinilai)");
    expect(list.getRow(2).getCell(14).value).toBe(22);
    expect(list.getRow(2).getCell(15).value).toBe(10);
    const kinds = workbook.getWorksheet("Partisipasi per jenis")!;
    expect(kinds.rowCount).toBe(1 + 3 * 4);
    const header = (kinds.getRow(1).values as unknown[]).slice(1);
    const gotongRoyong = header.indexOf("Gotong royong") + 1;
    // Issue 15's kinds have their columns too (zeros here), between the others and the total.
    expect(header.slice(-10)).toEqual(["Kebun/TOGA", "Kerja bakti sanitasi", "Senam lansia", "Posyandu", "Pengajian", "Yasinan", "Karang taruna", "PKK", "Polling musyawarah", "Jumlah"]);
    const fadingWeeks = [2, 3, 4, 5].map((r) => kinds.getRow(r));
    expect(fadingWeeks.map((row) => [row.getCell(1).value, row.getCell(3).value, row.getCell(gotongRoyong).value])).toEqual([
      ["RT 02", "2026-11-09", 2],
      ["RT 02", "2026-11-16", 2],
      ["RT 02", "2026-11-23", 2],
      ["RT 02", "2026-11-30", 2],
    ]);

    // The ketua: their RT only, in their language, with the three weakest and a suggestion each.
    const ketuaRows = rows.filter((row) => row.personId === s.ketua.personId);
    expect(ketuaRows.map((row) => [row.dedupeKey, row.method])).toEqual([[`digest:2026-W50:${s.ketua.personId}:ketua-text`, "sendMessage"]]);
    const summary = (ketuaRows[0]!.payload as { text: string }).text;
    expect(summary.split("\n")[0]).toBe("📊 Weekly digest for RT 02 Simpang IV Sipin, 30 Nov – 6 Dec 2026");
    expect(summary).toContain("Last 4 weeks compared with the 4 before: fading, down 80%.");
    expect(summary).toContain("last week.");
    expect(summary.split("\n").filter((line) => /^\d\. [BAP]\d /.test(line))).toHaveLength(3);
    expect(summary).toContain("Suggestion: ");
    expect(summary).not.toContain("RT 01");
  });

  it("queues nothing new on a second run, an hour later, or on Sunday; a new set next Monday", async () => {
    const s = await area();
    expect((await planWeeklyDigests(deps, NOW)).queued).toBe(4);
    expect(await planWeeklyDigests(deps, NOW)).toEqual({ koordinators: 0, ketuas: 0, queued: 0 });
    expect((await planWeeklyDigests(deps, new Date(NOW.getTime() + 3_600_000))).queued).toBe(0);
    expect((await planWeeklyDigests(deps, wib("2026-12-13T23:59"))).queued).toBe(0);
    expect(await digestRows()).toHaveLength(4);

    const nextMonday = wib("2026-12-14T07:00");
    expect(await planWeeklyDigests(deps, nextMonday)).toEqual({ koordinators: 1, ketuas: 1, queued: 4 });
    expect(await planWeeklyDigests(deps, nextMonday)).toEqual({ koordinators: 0, ketuas: 0, queued: 0 });
    const keys = (await digestRows()).map((row) => row.dedupeKey);
    // The ketuas' pages are inserted first, while the koordinators' charts are drawn.
    expect(keys.filter((key) => key.startsWith("digest:2026-W51:"))).toEqual([
      `digest:2026-W51:${s.ketua.personId}:ketua-text`,
      `digest:2026-W51:${s.koordinator.personId}:koordinator-text`,
      `digest:2026-W51:${s.koordinator.personId}:koordinator-chart`,
      `digest:2026-W51:${s.koordinator.personId}:koordinator-xlsx`,
    ]);
  });

  it("a rerun after a partial run queues only the people still missing", async () => {
    const s = await area();
    const other = newUser("Koor Dua");
    const otherId = await addKoordinator(database.db, other, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
    await planWeeklyDigests(deps, NOW);
    // As if the first run had died after the first koordinator: the second's rows are gone.
    await database.db.delete(outbox).where(like(outbox.dedupeKey, `digest:%:${otherId}:%`));
    expect(await planWeeklyDigests(deps, NOW)).toEqual({ koordinators: 1, ketuas: 0, queued: 3 });
    const rows = await digestRows();
    expect(rows.filter((row) => row.personId === s.koordinator.personId)).toHaveLength(3);
    const text = (rows.find((row) => row.dedupeKey === `digest:2026-W50:${otherId}:koordinator-text`)!.payload as { text: string }).text;
    expect(text).toContain("RT 09 Talang Bakung");
    expect(text).not.toContain("RT 02");
  });

  it("gives each koordinator the chart and workbook of their own RTs and language, sharing only identical ones", async () => {
    const s = await area();
    const twinId = await addKoordinator(database.db, newUser("Koor Kembar"), { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const englishId = await addKoordinator(database.db, newUser("Koor English"), { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await database.db.update(person).set({ locale: "en" }).where(eq(person.id, englishId));
    const otherId = await addKoordinator(database.db, newUser("Koor Lain"), { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
    expect(await planWeeklyDigests(deps, NOW)).toEqual({ koordinators: 4, ketuas: 1, queued: 13 });

    const rows = await digestRows();
    const bytesOf = (personId: number, part: string) =>
      Buffer.from(uploadOf(rows.find((row) => row.dedupeKey === `digest:2026-W50:${personId}:koordinator-${part}`)!.payload).base64, "base64");
    const sheetsOf = async (personId: number) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytesOf(personId, "xlsx") as unknown as ArrayBuffer);
      const list = workbook.worksheets[0]!;
      return { sheets: workbook.worksheets.map((sheet) => sheet.name), rts: Array.from({ length: list.rowCount - 1 }, (_, i) => list.getRow(i + 2).getCell(1).value) };
    };

    // The charts, each the one drawn for that person's RTs in their language (the same data gives the same PNG bytes).
    const chartFor = async (rtIds: number[], locale: string) => digestChart(await buildDigest(database.db, rtIds, NOW), translateIn(deps.i18n, locale), locale);
    const simpangIds = [s.steady.id, s.fading.id, s.rising.id];
    const [simpangId, simpangEn, payoId] = [await chartFor(simpangIds, "id"), await chartFor(simpangIds, "en"), await chartFor([s.elsewhere.id], "id")];
    expect(simpangId.equals(simpangEn) || simpangId.equals(payoId) || simpangEn.equals(payoId)).toBe(false);
    expect(bytesOf(s.koordinator.personId, "chart").equals(simpangId)).toBe(true);
    expect(bytesOf(twinId, "chart").equals(simpangId)).toBe(true);
    expect(bytesOf(englishId, "chart").equals(simpangEn)).toBe(true);
    expect(bytesOf(otherId, "chart").equals(payoId)).toBe(true);

    // The workbooks: the same RTs in the same language share one file; the others have their own.
    expect(bytesOf(twinId, "xlsx").equals(bytesOf(s.koordinator.personId, "xlsx"))).toBe(true);
    const indonesian = ["Daftar RT", "Kartu nilai", "Partisipasi per jenis"];
    expect(await sheetsOf(s.koordinator.personId)).toEqual({ sheets: indonesian, rts: ["RT 02", "RT 03", "RT 01"] });
    expect(await sheetsOf(englishId)).toEqual({ sheets: ["RT list", "Scorecards", "Participation by kind"], rts: ["RT 02", "RT 03", "RT 01"] });
    expect(await sheetsOf(otherId)).toEqual({ sheets: indonesian, rts: ["RT 09"] });
    const englishText = (rows.find((row) => row.dedupeKey === `digest:2026-W50:${englishId}:koordinator-text`)!.payload as { text: string }).text;
    expect(englishText).toMatch(/^📊 Kampung BANTAR weekly digest/);
  });

  it("skips an erased koordinator and an unreachable ketua", async () => {
    const s = await area();
    await erasePerson(database.db, s.koordinator.personId, wib("2026-12-01T10:00"));
    await database.db.update(person).set({ unreachableAt: wib("2026-12-02T10:00") }).where(eq(person.id, s.ketua.personId));
    expect(await planWeeklyDigests(deps, NOW)).toEqual({ koordinators: 0, ketuas: 0, queued: 0 });
    expect(await digestRows()).toEqual([]);
  });
});

describe("delivering a digest", () => {
  const UNPACED = { globalPerWindow: 1_000_000, globalWindowMs: 1000, privateChatIntervalMs: 0, groupPerWindow: 1_000_000, groupWindowMs: 1000 };

  it("sends the text, uploads the chart as a photo and the workbook as a document", async () => {
    const s = await area();
    await planWeeklyDigests(deps, NOW);
    const telegram = new FakeTelegram();
    const engine = new DeliveryEngine({
      db: database.db,
      api: new Api("1:test", { fetch: telegram.fetch as unknown as typeof fetch }),
      pacer: new Pacer(UNPACED),
      logger: createLogger("silent"),
      clock: () => NOW,
    });
    await engine.drain();

    expect((await digestRows()).map((row) => row.status)).toEqual(["sent", "sent", "sent", "sent"]);
    expect(telegram.textsTo(s.koordinator.id)).toHaveLength(1);
    expect(telegram.textsTo(s.koordinator.id)[0]).toMatch(/^📊 Ringkasan mingguan Kampung BANTAR/);
    expect(telegram.textsTo(s.ketua.id)[0]).toMatch(/^📊 Weekly digest for RT 02/);

    const photos = telegram.callsOf("sendPhoto").filter((call) => call.payload.chat_id === s.koordinator.id);
    expect(photos).toHaveLength(1);
    expect(photos[0]!.payload.caption).toBe("📈 Tren partisipasi per RT. RT yang menurun tampil lebih dulu.");
    const photo = photos[0]!.files?.find((file) => file.field === "photo");
    expect(photo?.filename).toBe("tren-partisipasi.png");
    expect(decode(photo!.bytes).width).toBe(CHART_WIDTH * CHART_SCALE);

    const documents = sentDocuments(telegram, s.koordinator.id);
    expect(documents.map((doc) => doc.filename)).toEqual(["ringkasan-bantar-2026-12-07.xlsx"]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(documents[0]!.bytes as unknown as ArrayBuffer);
    expect(workbook.getWorksheet("Daftar RT")!.getRow(2).getCell(1).value).toBe("RT 02");
    // No base64 text reached Telegram: the upload field is gone from what was sent.
    expect(photos[0]!.payload.upload).toBeUndefined();
  });

  it("refuses a malformed upload instead of sending it", async () => {
    expect(() => toApiPayload("sendPhoto", { upload: { field: "document", filename: "x.png", base64: "" } })).toThrow();
    expect(() => toApiPayload("sendMessage", { text: "x", upload: { field: "photo", filename: "x.png", base64: "" } })).toThrow();
    expect(toApiPayload("sendMessage", { text: "x" })).toEqual({ text: "x" });
  });
});
