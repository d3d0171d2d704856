import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { residentReport } from "../../src/db/schema/index.js";
import { translateIn } from "../../src/messages/translate.js";
import { buildDigest, digestWorkbook, ketuaText, koordinatorText } from "../../src/reports/digest.js";
import { withTestDatabase } from "../helpers/database.js";
import { addPerson, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { readWorkbook, rowValues } from "../helpers/spreadsheet.js";

const database = withTestDatabase();
/** Monday 7 December 2026, 07.00 WIB: the digest's hour. */
const NOW = new Date("2026-12-07T00:00:00Z");
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);

describe("the weekly digest shows residents' reports beside the indicators they concern", () => {
  it("the ketua's summary: the last 30 days, open now, and each indicator with reports; the koordinator's line: open reports; the workbook: three columns", async () => {
    const rt5 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN);
    const rt6 = await addRt(database.db, 6, KELURAHAN_SIMPANG_IV_SIPIN);
    const reporterId = await addPerson(database.db, newUser("Pelapor Rahasia"));
    const base = { rtId: rt5.id, reporterPersonId: reporterId, description: "Sampah di lahan Pak Rahasia" };
    await database.db.insert(residentReport).values([
      { ...base, category: "sampah", status: "selesai", createdAt: hours(-100), firstResponseAt: hours(-98), closedAt: hours(-50), lastStepAt: hours(-50), requestKey: "report:1" },
      { ...base, category: "saluran", status: "baru", createdAt: hours(-30), lastStepAt: hours(-30), requestKey: "report:2" },
      // Filed 50 days ago, still open: out of the 30 days, but open now.
      { ...base, category: "lampu", status: "diterima", createdAt: hours(-1200), firstResponseAt: hours(-1190), lastStepAt: hours(-1190), requestKey: "report:3" },
    ]);
    const i18n = createI18n(database.db);
    const t = translateIn(i18n, "id");

    const ketua = ketuaText(await buildDigest(database.db, [rt5.id], NOW), t, "id");
    expect(ketua).toContain("📣 Laporan warga (30 hari terakhir; terbuka sekarang: 2)");
    expect(ketua).toContain("30 hari terakhir: 2 laporan (1 terbuka, 1 selesai, 0 ditolak); tanggapan pertama median 2 jam, selesai median 50 jam");
    expect(ketua).toMatch(/• B6 .+: 2 laporan, 1 terbuka, 1 selesai/);
    expect(ketua).toMatch(/• B2 .+: 1 laporan, 1 terbuka, 0 selesai/);
    expect(ketua).not.toMatch(/• A2 /);
    for (const secret of ["Pelapor Rahasia", "Pak Rahasia"]) expect(ketua).not.toContain(secret);
    // An RT with no report has no such block.
    expect(ketuaText(await buildDigest(database.db, [rt6.id], NOW), t, "id")).not.toContain("Laporan warga");

    const model = await buildDigest(database.db, [rt5.id, rt6.id], NOW);
    const lines = koordinatorText(model, t, "id").split("\n");
    expect(lines.find((line) => line.includes("RT 05"))).toMatch(/· 📣 2 laporan terbuka$/);
    expect(lines.find((line) => line.includes("RT 06"))).not.toContain("📣");

    const rts = (await readWorkbook(await digestWorkbook(model, t))).worksheets[0]!;
    const rt5Row = [2, 3].find((row) => rowValues(rts, row)[0] === "RT 05")!;
    expect(rowValues(rts, 1).slice(-3)).toEqual(["Laporan warga (30 hari)", "Laporan terbuka", "Median tanggapan (jam)"]);
    expect(rowValues(rts, rt5Row).slice(-3)).toEqual([2, 2, 2]);
  });
});
