import ExcelJS from "exceljs";
import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import { CHART_WIDTH, CHART_SCALE } from "../../src/reports/charts.js";
import { sentDocuments } from "../helpers/fake-telegram.js";
import { addAdmin, addKetua, addKoordinator, addMember, addRt, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { withTestBot } from "../helpers/test-bot.js";
import { addResidents, DAY, participate, wib } from "../domain/scores/builders.js";

// Wednesday 9 December 2026, 10.00 WIB: the last complete week is 30 Nov – 6 Dec.
const NOW = wib("2026-12-09T10:00");
const THIS_WEEK = wib("2026-12-07T00:00");

const { database, harness } = withTestBot({ now: NOW });

async function rtWithWeeks(number: number, households: number[], kelurahanCode = KELURAHAN_SIMPANG_IV_SIPIN) {
  const rt = await addRt(database.db, number, kelurahanCode, 20);
  const pool = await addResidents(database.db, Math.max(0, ...households));
  await participate(
    database.db,
    households.flatMap((count, i) => {
      const wednesday = new Date(THIS_WEEK.getTime() - (households.length - i) * 7 * DAY + 2 * DAY + 8 * 3_600_000);
      return pool.slice(0, count).map((personId) => ({ rtId: rt.id, personId, kind: "gotong_royong" as const, at: wednesday }));
    }),
  );
  return rt;
}

async function area() {
  const steady = await rtWithWeeks(1, [10, 10, 10, 10, 10, 10, 10, 10]);
  const fading = await rtWithWeeks(2, [10, 10, 10, 10, 2, 2, 2, 2]);
  await rtWithWeeks(9, [5, 5, 5, 5, 5, 5, 5, 5], KELURAHAN_PAYO_SELINCAH);
  return { steady, fading };
}

describe("/ringkasan", () => {
  it("gives a koordinator the text, the chart and the workbook of their area, fading first", async () => {
    await area();
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await harness.send(koordinator, "/ringkasan");
    const lines = harness.lastText(koordinator).split("\n").filter((line) => /^\d+\. /.test(line));
    expect(lines.map((line) => /^\d+\. (?:⚠️ )?RT \d+/.exec(line)?.[0])).toEqual(["1. ⚠️ RT 02", "2. RT 01"]);
    const photo = harness.telegram.callsOf("sendPhoto").find((call) => call.payload.chat_id === koordinator.id)?.files?.find((file) => file.field === "photo");
    expect(decode(photo!.bytes).width).toBe(CHART_WIDTH * CHART_SCALE);
    const [document] = sentDocuments(harness.telegram, koordinator.id);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(document!.bytes as unknown as ArrayBuffer);
    expect(workbook.getWorksheet("Daftar RT")!.rowCount).toBe(3);
  });

  it("gives a ketua RT their RT's one-page summary, no attachments", async () => {
    const { fading } = await area();
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, fading.id);
    await harness.send(ketua, "/ringkasan");
    const text = harness.lastText(ketua);
    expect(text.split("\n")[0]).toBe("📊 Ringkasan mingguan RT 02 Simpang IV Sipin, 30 Nov – 6 Des 2026");
    expect(text).toContain("Tren 4 minggu terakhir dibanding 4 minggu sebelumnya: menurun 80%.");
    expect(text).toContain("🎯 Tiga indikator yang paling perlu dibenahi:");
    expect(harness.telegram.callsOf("sendPhoto")).toHaveLength(0);
    expect(harness.telegram.callsOf("sendDocument")).toHaveLength(0);
  });

  it("answers at once, builds in the background, and sends once though the update comes again", async () => {
    const { fading } = await area();
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, fading.id);
    const update = harness.messageUpdate(ketua, "/ringkasan");
    await harness.bot.handleUpdate(update);
    expect(harness.telegram.textsTo(ketua.id)).toEqual(["Sedang disiapkan, dikirim sebentar lagi."]);
    await harness.settle();
    await harness.deliver(update);
    const texts = harness.telegram.textsTo(ketua.id);
    expect(texts).toHaveLength(2);
    expect(texts[1]!.split("\n")[0]).toBe("📊 Ringkasan mingguan RT 02 Simpang IV Sipin, 30 Nov – 6 Des 2026");
  });

  it("is refused to a warga", async () => {
    const { steady } = await area();
    const warga = newUser("Siti");
    await addMember(database.db, warga, steady.id);
    await harness.send(warga, "/ringkasan");
    expect(harness.lastText(warga)).toBe("Maaf, hanya ketua RT atau koordinator yang dapat memproses permintaan ini.");
    expect(harness.telegram.callsOf("sendDocument")).toHaveLength(0);
  });
});

describe("/ekspor", () => {
  it("sends an admin the workbook of every RT, and refuses a ketua", async () => {
    const { steady } = await area();
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    await harness.send(admin, "/ekspor");
    const documents = sentDocuments(harness.telegram, admin.id);
    expect(documents.map((doc) => doc.filename)).toEqual(["ringkasan-bantar-2026-12-07.xlsx"]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(documents[0]!.bytes as unknown as ArrayBuffer);
    expect(workbook.getWorksheet("Daftar RT")!.rowCount).toBe(4);
    expect(harness.telegram.callsOf("sendPhoto")).toHaveLength(0);

    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, steady.id);
    await harness.send(ketua, "/ekspor");
    expect(harness.lastText(ketua)).toBe("Maaf, perintah ini hanya untuk koordinator dan admin kota.");
    expect(sentDocuments(harness.telegram, ketua.id)).toHaveLength(0);
  });
});
