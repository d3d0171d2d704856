import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  compareDates,
  dayNumber,
  daysBetween,
  daysInMonth,
  formatLocalDate,
  formatLocalTime,
  fromDayNumber,
  isValidDate,
  weekdayOf,
  wibDate,
  wibInstant,
  wibParts,
} from "../../../src/domain/schedule/wib.js";

const jakarta = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Jakarta",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  weekday: "short",
  hourCycle: "h23",
});
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Asia/Jakarta has been UTC+7 since 1964; the tz database agrees from then on.
const instantArb = fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true });

describe("wib", () => {
  it("shows the same wall clock as the tz database's Asia/Jakarta", () => {
    fc.assert(
      fc.property(instantArb, (instant) => {
        const parts = Object.fromEntries(jakarta.formatToParts(instant).map((part) => [part.type, part.value]));
        expect(wibParts(instant)).toEqual({
          year: Number(parts.year),
          month: Number(parts.month),
          day: Number(parts.day),
          hour: Number(parts.hour),
          minute: Number(parts.minute),
          weekday: WEEKDAY_INDEX[parts.weekday!],
        });
      }),
      { numRuns: 500 },
    );
  });

  it("turns a wall clock back into its instant", () => {
    expect(wibInstant({ year: 2026, month: 11, day: 22 }, { hour: 7, minute: 0 }).toISOString()).toBe("2026-11-22T00:00:00.000Z");
    expect(wibInstant({ year: 2027, month: 1, day: 1 }, { hour: 6, minute: 59 }).toISOString()).toBe("2026-12-31T23:59:00.000Z");
    fc.assert(
      fc.property(instantArb, (instant) => {
        const minute = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
        const { hour, minute: m, ...rest } = wibParts(minute);
        expect(wibInstant(rest, { hour, minute: m })).toEqual(minute);
      }),
    );
  });

  it("numbers days like Date.UTC does, weekdays included", () => {
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 800_000 }), (days) => {
        const utc = new Date(days * 86_400_000);
        const date = fromDayNumber(days);
        expect(date).toEqual({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
        expect(dayNumber(date)).toBe(days);
        expect(weekdayOf(date)).toBe(utc.getUTCDay());
        expect(isValidDate(date)).toBe(true);
      }),
    );
  });

  it("steps over month, year and leap-day ends", () => {
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2027, month: 3, day: 1 }, -1)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(daysBetween({ year: 2026, month: 11, day: 22 }, { year: 2027, month: 11, day: 22 })).toBe(365);
    expect(daysBetween({ year: 2027, month: 11, day: 22 }, { year: 2028, month: 11, day: 22 })).toBe(366);
    expect(compareDates({ year: 2026, month: 12, day: 31 }, { year: 2027, month: 1, day: 1 })).toBeLessThan(0);
    expect(compareDates({ year: 2027, month: 1, day: 1 }, { year: 2027, month: 1, day: 1 })).toBe(0);
  });

  it("knows the month lengths and which dates exist", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2027, month))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect([1900, 2000, 2024, 2028, 2100].map((year) => daysInMonth(year, 2))).toEqual([28, 29, 29, 29, 28]);
    expect(isValidDate({ year: 2027, month: 2, day: 29 })).toBe(false);
    expect(isValidDate({ year: 2026, month: 4, day: 31 })).toBe(false);
    expect(isValidDate({ year: 2026, month: 13, day: 1 })).toBe(false);
    expect(isValidDate({ year: 2026, month: 1, day: 1.5 })).toBe(false);
    expect(() => daysInMonth(2026, 13)).toThrow(RangeError);
  });

  it("takes the calendar date at the WIB midnight, not the UTC one", () => {
    expect(wibDate(new Date("2026-11-21T16:59:59Z"))).toEqual({ year: 2026, month: 11, day: 21 });
    expect(wibDate(new Date("2026-11-21T17:00:00Z"))).toEqual({ year: 2026, month: 11, day: 22 });
    expect(() => wibParts(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("formats for storage", () => {
    expect(formatLocalDate({ year: 2027, month: 1, day: 5 })).toBe("2027-01-05");
    expect(formatLocalTime({ hour: 7, minute: 5 })).toBe("07:05");
  });
});
