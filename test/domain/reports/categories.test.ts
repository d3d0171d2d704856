import { describe, expect, it } from "vitest";
import { CATEGORY_INDICATORS, categoriesOf, isOpen, nextSteps, photoRequired, REPORT_CATEGORIES, REPORT_INDICATORS, REPORT_STATUSES } from "../../../src/domain/reports/categories.js";
import { residentReportCategory, residentReportStatus } from "../../../src/db/schema/index.js";
import { parseReportDescription, validLocation } from "../../../src/domain/reports/reports.js";

describe("report categories and steps", () => {
  it("are the schema's enums, in the same order", () => {
    expect(residentReportCategory.enumValues).toEqual([...REPORT_CATEGORIES]);
    expect(residentReportStatus.enumValues).toEqual([...REPORT_STATUSES]);
  });

  it("map each category to the indicators it concerns, all among those shown (B1, B2, B6, A2)", () => {
    for (const category of REPORT_CATEGORIES) for (const code of CATEGORY_INDICATORS[category]) expect(REPORT_INDICATORS).toContain(code);
    expect(categoriesOf("B6")).toEqual(["saluran", "sampah"]);
    expect(categoriesOf("B2")).toEqual(["saluran", "lampu", "fasilitas"]);
    expect(categoriesOf("B1")).toEqual(["fasilitas"]);
    expect(categoriesOf("A2")).toEqual(["keamanan"]);
    expect(CATEGORY_INDICATORS.lainnya).toEqual([]);
  });

  it("go forward one step at a time, or to ditolak from an open status; a closed report stays closed", () => {
    expect(nextSteps("baru")).toEqual(["diterima", "ditolak"]);
    expect(nextSteps("diterima")).toEqual(["ditangani", "ditolak"]);
    expect(nextSteps("ditangani")).toEqual(["selesai", "ditolak"]);
    expect(nextSteps("selesai")).toEqual([]);
    expect(nextSteps("ditolak")).toEqual([]);
    expect(REPORT_STATUSES.filter(isOpen)).toEqual(["baru", "diterima", "ditangani"]);
  });

  it("need a photo for what can be photographed", () => {
    expect(REPORT_CATEGORIES.filter((category) => !photoRequired(category))).toEqual(["keamanan", "lainnya"]);
  });

  it("take a location on the globe only", () => {
    expect(validLocation({ latitude: -1.61, longitude: 103.59 })).toEqual({ latitude: -1.61, longitude: 103.59 });
    for (const bad of [{ latitude: 91, longitude: 0 }, { latitude: 0, longitude: -181 }, { latitude: Number.NaN, longitude: 0 }, { latitude: "1", longitude: 2 }, { latitude: Infinity, longitude: 0 }]) {
      expect(validLocation(bad)).toBeUndefined();
    }
  });

  it("take a description of 5 to 500 characters, with emoji, invisible characters dropped", () => {
    expect(parseReportDescription("Got\u200B mampet 🌧")).toEqual({ ok: true, value: "Got mampet 🌧" });
    expect(parseReportDescription("2,5")).toEqual({ ok: false, reason: "too-short", vars: { min: 5 } });
    expect(parseReportDescription("-1 💡")).toEqual({ ok: false, reason: "too-short", vars: { min: 5 } });
    expect(parseReportDescription("a".repeat(501))).toEqual({ ok: false, reason: "too-long", vars: { max: 500 } });
  });
});
