import { describe, expect, it } from "vitest";
import { parseReportMonth } from "../../../src/domain/bank-sampah/report.js";
import { addMonths, compareMonths, monthKey, monthOf, monthRange, parseMonthKey, recentMonths } from "../../../src/domain/schedule/month.js";

describe("months in WIB", () => {
  it("run from 00.00 WIB on the 1st to 00.00 WIB on the next 1st", () => {
    expect(monthRange({ year: 2026, month: 11 })).toEqual({ from: new Date("2026-10-31T17:00:00Z"), to: new Date("2026-11-30T17:00:00Z") });
    expect(monthRange({ year: 2026, month: 12 })).toEqual({ from: new Date("2026-11-30T17:00:00Z"), to: new Date("2026-12-31T17:00:00Z") });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(parseMonthKey("2026-11")).toEqual({ year: 2026, month: 11 });
    for (const bad of ["2026-13", "2026-00", "1999-01", "2026-1", "x"]) expect(parseMonthKey(bad), bad).toBeNull();
  });


  it("are the WIB month of an instant, written and read as yyyy-mm", () => {
    expect(monthOf(new Date("2026-10-31T16:59:00Z"))).toEqual({ year: 2026, month: 10 }); // 31 Oct 23.59 WIB
    expect(monthOf(new Date("2026-10-31T17:00:00Z"))).toEqual({ year: 2026, month: 11 }); // 1 Nov 00.00 WIB
    expect(monthKey({ year: 2026, month: 3 })).toBe("2026-03");
    expect(parseMonthKey(monthKey({ year: 2026, month: 3 }))).toEqual({ year: 2026, month: 3 });
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(compareMonths({ year: 2026, month: 12 }, { year: 2027, month: 1 })).toBeLessThan(0);
    expect(() => monthRange({ year: 2026, month: 13 })).toThrow(RangeError);
  });

  it("offer the recent months newest first, and reports no month still to come", () => {
    const now = new Date("2026-12-31T17:30:00Z"); // 1 January 2027, 00.30 WIB
    expect(recentMonths(now, 3)).toEqual([{ year: 2027, month: 1 }, { year: 2026, month: 12 }, { year: 2026, month: 11 }]);
    expect(parseReportMonth("2027-01", now)).toEqual({ year: 2027, month: 1 });
    expect(parseReportMonth("2027-02", now)).toBeNull();
    expect(parseReportMonth("1999-12", now)).toBeNull();
  });
});
