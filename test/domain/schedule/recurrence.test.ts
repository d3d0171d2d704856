import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isLastWeekdayOfMonth,
  monthlyWeekdayRules,
  nthWeekdayOfMonth,
  occurrences,
  parseRecurrence,
  recurrenceFromFirst,
  type FirstOccurrence,
  type NthWeekday,
  type Recurrence,
} from "../../../src/domain/schedule/recurrence.js";

/** Instants are written as WIB wall-clock text and read by Date itself, not by our code. */
const wib = (text: string) => new Date(`${text.replace(" ", "T")}:00+07:00`);
const wibText = (instant: Date) => new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
const DAY_MS = 86_400_000;

const at = (date: string, time: string): FirstOccurrence => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return { date: { year, month, day }, time: { hour, minute } };
};
const list = (rule: Recurrence, first: FirstOccurrence, from: string, to: string) => occurrences(rule, first, wib(from), wib(to)).map(wibText);

describe("weekly and biweekly", () => {
  it("steps a week at a time across the month and year end", () => {
    expect(list({ kind: "weekly", weekday: 0 }, at("2026-12-13", "07:00"), "2026-12-01 00:00", "2027-01-18 00:00")).toEqual([
      "2026-12-13 07:00",
      "2026-12-20 07:00",
      "2026-12-27 07:00",
      "2027-01-03 07:00",
      "2027-01-10 07:00",
      "2027-01-17 07:00",
    ]);
  });

  it("keeps a 22.00 ronda on its weekday although it is the previous day in UTC", () => {
    expect(list({ kind: "weekly", weekday: 6 }, at("2026-12-26", "22:00"), "2026-12-26 00:00", "2027-01-10 00:00")).toEqual([
      "2026-12-26 22:00",
      "2027-01-02 22:00",
      "2027-01-09 22:00",
    ]);
  });

  it("counts fortnights from the first occurrence, even when the window starts mid-series", () => {
    const rule: Recurrence = { kind: "biweekly", weekday: 0 };
    const first = at("2026-12-20", "07:00");
    expect(list(rule, first, "2026-12-01 00:00", "2027-02-01 00:00")).toEqual(["2026-12-20 07:00", "2027-01-03 07:00", "2027-01-17 07:00", "2027-01-31 07:00"]);
    expect(list(rule, first, "2027-01-04 00:00", "2027-02-15 00:00")).toEqual(["2027-01-17 07:00", "2027-01-31 07:00", "2027-02-14 07:00"]);
    expect(list(rule, first, "2027-01-10 00:00", "2027-01-17 00:00")).toEqual([]);
  });

  it("starts on the first matching weekday when the first date is another day", () => {
    expect(list({ kind: "weekly", weekday: 0 }, at("2026-11-25", "07:00"), "2026-11-01 00:00", "2026-12-07 00:00")).toEqual(["2026-11-29 07:00", "2026-12-06 07:00"]);
  });

  it("jumps straight to a window years after the first occurrence", () => {
    expect(list({ kind: "biweekly", weekday: 3 }, at("2020-01-01", "19:30"), "2030-01-01 00:00", "2030-01-31 00:00")).toEqual([
      "2030-01-02 19:30",
      "2030-01-16 19:30",
      "2030-01-30 19:30",
    ]);
  });
});

describe("monthly on a date", () => {
  it("clamps the 31st to the last day of shorter months, February included", () => {
    expect(list({ kind: "monthly-date", day: 31 }, at("2027-01-31", "07:00"), "2027-01-01 00:00", "2027-08-01 00:00")).toEqual([
      "2027-01-31 07:00",
      "2027-02-28 07:00",
      "2027-03-31 07:00",
      "2027-04-30 07:00",
      "2027-05-31 07:00",
      "2027-06-30 07:00",
      "2027-07-31 07:00",
    ]);
  });

  it("uses 29 February in a leap year", () => {
    expect(list({ kind: "monthly-date", day: 31 }, at("2028-01-31", "07:00"), "2028-01-01 00:00", "2028-04-01 00:00")).toEqual([
      "2028-01-31 07:00",
      "2028-02-29 07:00",
      "2028-03-31 07:00",
    ]);
    expect(list({ kind: "monthly-date", day: 30 }, at("2027-12-30", "08:00"), "2027-12-01 00:00", "2028-04-01 00:00")).toEqual([
      "2027-12-30 08:00",
      "2028-01-30 08:00",
      "2028-02-29 08:00",
      "2028-03-30 08:00",
    ]);
  });

  it("gives every month exactly one occurrence across a year end", () => {
    expect(list({ kind: "monthly-date", day: 15 }, at("2026-11-15", "16:00"), "2026-11-15 16:00", "2027-02-15 16:00")).toEqual([
      "2026-11-15 16:00",
      "2026-12-15 16:00",
      "2027-01-15 16:00",
    ]);
  });
});

describe("monthly on the nth weekday", () => {
  it.each([
    // November 2026 has Sundays on 1, 8, 15, 22, 29.
    [2026, 11, 1, 0, 1],
    [2026, 11, 4, 0, 22],
    [2026, 11, -1, 0, 29],
    // February 2027 has four Sundays: 7, 14, 21, 28, so the 4th is the last.
    [2027, 2, 4, 0, 28],
    [2027, 2, -1, 0, 28],
    // February 2026 starts on a Sunday: 1, 8, 15, 22; the last Saturday is the 28th.
    [2026, 2, 1, 0, 1],
    [2026, 2, -1, 6, 28],
    [2026, 2, 1, 6, 7],
    [2028, 2, -1, 2, 29],
  ])("%i-%i nth %i of weekday %i is the %i", (year, month, nth, weekday, day) => {
    expect(nthWeekdayOfMonth(year, month, nth as NthWeekday, weekday)).toEqual({ year, month, day });
  });

  it("repeats the last Sunday, which is sometimes the 5th and sometimes the 4th", () => {
    expect(list({ kind: "monthly-weekday", nth: -1, weekday: 0 }, at("2026-11-29", "07:00"), "2026-11-01 00:00", "2027-04-01 00:00")).toEqual([
      "2026-11-29 07:00",
      "2026-12-27 07:00",
      "2027-01-31 07:00",
      "2027-02-28 07:00",
      "2027-03-28 07:00",
    ]);
  });

  it("repeats the 2nd Friday", () => {
    expect(list({ kind: "monthly-weekday", nth: 2, weekday: 5 }, at("2026-12-11", "19:30"), "2026-12-01 00:00", "2027-03-01 00:00")).toEqual([
      "2026-12-11 19:30",
      "2027-01-08 19:30",
      "2027-02-12 19:30",
    ]);
  });
});

describe("recurrenceFromFirst", () => {
  it.each([
    ["none", { year: 2026, month: 11, day: 29 }, { kind: "none" }],
    ["weekly", { year: 2026, month: 11, day: 29 }, { kind: "weekly", weekday: 0 }],
    ["biweekly", { year: 2026, month: 11, day: 28 }, { kind: "biweekly", weekday: 6 }],
    ["monthly-date", { year: 2027, month: 1, day: 31 }, { kind: "monthly-date", day: 31 }],
    ["monthly-weekday", { year: 2026, month: 11, day: 1 }, { kind: "monthly-weekday", nth: 1, weekday: 0 }],
    ["monthly-weekday", { year: 2026, month: 11, day: 22 }, { kind: "monthly-weekday", nth: 4, weekday: 0 }],
    // The 5th Sunday of November does not exist in most months: it becomes the last.
    ["monthly-weekday", { year: 2026, month: 11, day: 29 }, { kind: "monthly-weekday", nth: -1, weekday: 0 }],
    ["monthly-weekday", { year: 2026, month: 12, day: 31 }, { kind: "monthly-weekday", nth: -1, weekday: 4 }],
  ] as const)("%s from %j", (kind, date, rule) => {
    expect(recurrenceFromFirst(kind, date)).toEqual(rule);
  });

  it("offers both the 4th and the last when the date is both", () => {
    // Tuesdays in November 2026: 3, 10, 17, 24.
    expect(monthlyWeekdayRules({ year: 2026, month: 11, day: 24 })).toEqual([
      { kind: "monthly-weekday", nth: 4, weekday: 2 },
      { kind: "monthly-weekday", nth: -1, weekday: 2 },
    ]);
    expect(monthlyWeekdayRules({ year: 2026, month: 11, day: 22 })).toEqual([{ kind: "monthly-weekday", nth: 4, weekday: 0 }]);
    expect(monthlyWeekdayRules({ year: 2026, month: 11, day: 29 })).toEqual([{ kind: "monthly-weekday", nth: -1, weekday: 0 }]);
    expect(isLastWeekdayOfMonth({ year: 2026, month: 11, day: 23 })).toBe(false);
    expect(isLastWeekdayOfMonth({ year: 2026, month: 11, day: 24 })).toBe(true);
  });
});

describe("occurrences: edges", () => {
  const first = at("2026-11-29", "07:00");

  it("gives a one-off event once, only inside the window", () => {
    expect(list({ kind: "none" }, first, "2026-11-01 00:00", "2027-01-01 00:00")).toEqual(["2026-11-29 07:00"]);
    expect(list({ kind: "none" }, first, "2026-11-29 07:01", "2027-01-01 00:00")).toEqual([]);
  });

  it("includes `from` and excludes `to`", () => {
    const rule: Recurrence = { kind: "weekly", weekday: 0 };
    expect(list(rule, first, "2026-12-06 07:00", "2026-12-13 07:00")).toEqual(["2026-12-06 07:00"]);
    expect(list(rule, first, "2026-12-06 07:01", "2026-12-13 07:01")).toEqual(["2026-12-13 07:00"]);
  });

  it("never starts before the first occurrence, and an empty window gives nothing", () => {
    const rule: Recurrence = { kind: "monthly-date", day: 29 };
    expect(list(rule, first, "2026-01-01 00:00", "2026-12-31 00:00")).toEqual(["2026-11-29 07:00", "2026-12-29 07:00"]);
    expect(list(rule, first, "2027-01-01 00:00", "2027-01-01 00:00")).toEqual([]);
    expect(list(rule, first, "2027-02-01 00:00", "2027-01-01 00:00")).toEqual([]);
  });

  it("refuses rules and inputs that are not rules", () => {
    const window = [wib("2026-11-01 00:00"), wib("2026-12-01 00:00")] as const;
    expect(() => occurrences({ kind: "weekly", weekday: 7 }, first, ...window)).toThrow(RangeError);
    expect(() => occurrences({ kind: "monthly-date", day: 32 }, first, ...window)).toThrow(RangeError);
    expect(() => occurrences({ kind: "monthly-weekday", nth: 5 as NthWeekday, weekday: 0 }, first, ...window)).toThrow(RangeError);
    expect(() => occurrences({ kind: "weekly", weekday: 0 }, at("2027-02-29", "07:00"), ...window)).toThrow(RangeError);
    expect(() => occurrences({ kind: "weekly", weekday: 0 }, first, window[0], new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("parseRecurrence", () => {
  it("reads back what is stored and nothing else", () => {
    expect(parseRecurrence({ kind: "weekly", weekday: 3, extra: 1 })).toEqual({ kind: "weekly", weekday: 3 });
    expect(parseRecurrence({ kind: "monthly-weekday", nth: -1, weekday: 0 })).toEqual({ kind: "monthly-weekday", nth: -1, weekday: 0 });
    expect(parseRecurrence(JSON.parse(JSON.stringify({ kind: "monthly-date", day: 31 })))).toEqual({ kind: "monthly-date", day: 31 });
    for (const bad of [null, "weekly", 3, {}, { kind: "daily" }, { kind: "weekly" }, { kind: "weekly", weekday: "0" }, { kind: "weekly", weekday: 1.5 }, { kind: "monthly-date", day: 0 }, { kind: "monthly-weekday", nth: 0, weekday: 1 }]) {
      expect(parseRecurrence(bad)).toBeNull();
    }
  });
});

// Properties, checked against a slow oracle that walks every calendar day with Date's own UTC
// calendar and decides membership from the rule's definition.
const utcDay = (date: { year: number; month: number; day: number }) => Date.UTC(date.year, date.month - 1, date.day);
const daysInMonthUtc = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function oracle(rule: Recurrence, first: FirstOccurrence, from: Date, to: Date): string[] {
  const firstDay = utcDay(first.date);
  const wallMs = (first.time.hour * 60 + first.time.minute) * 60_000 - 7 * 3_600_000;
  const firstMatching = rule.kind === "weekly" || rule.kind === "biweekly" ? firstDay + ((rule.weekday - new Date(firstDay).getUTCDay() + 7) % 7) * DAY_MS : firstDay;
  const found: string[] = [];
  for (let day = firstDay; day + wallMs < to.getTime(); day += DAY_MS) {
    const instant = day + wallMs;
    if (instant < from.getTime()) continue;
    const d = new Date(day);
    const [weekday, date, month, year] = [d.getUTCDay(), d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear()];
    const last = daysInMonthUtc(year, month);
    const member =
      rule.kind === "none" ? day === firstDay
      : rule.kind === "weekly" ? weekday === rule.weekday
      : rule.kind === "biweekly" ? weekday === rule.weekday && ((day - firstMatching) / DAY_MS) % 14 === 0
      : rule.kind === "monthly-date" ? date === Math.min(rule.day, last)
      : weekday === rule.weekday && (rule.nth === -1 ? date + 7 > last : Math.ceil(date / 7) === rule.nth);
    if (member) found.push(new Date(instant).toISOString());
  }
  return found;
}

const dateArb = fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2031-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => ({
  year: d.getUTCFullYear(),
  month: d.getUTCMonth() + 1,
  day: d.getUTCDate(),
}));
const firstArb = fc.record({ date: dateArb, time: fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) }) });
const ruleArb: fc.Arbitrary<Recurrence> = fc.oneof(
  fc.constant<Recurrence>({ kind: "none" }),
  fc.integer({ min: 0, max: 6 }).map((weekday): Recurrence => ({ kind: "weekly", weekday })),
  fc.integer({ min: 0, max: 6 }).map((weekday): Recurrence => ({ kind: "biweekly", weekday })),
  fc.integer({ min: 1, max: 31 }).map((day): Recurrence => ({ kind: "monthly-date", day })),
  fc.record({ nth: fc.constantFrom<NthWeekday>(1, 2, 3, 4, -1), weekday: fc.integer({ min: 0, max: 6 }) }).map((r): Recurrence => ({ kind: "monthly-weekday", ...r })),
);
/** A window that may start before, at or long after the first occurrence, up to about 15 months long. */
const windowArb = (first: FirstOccurrence) =>
  fc.tuple(fc.integer({ min: -60, max: 900 }), fc.integer({ min: 0, max: 460 * 1440 })).map(([startDays, lengthMinutes]) => {
    const from = new Date(utcDay(first.date) - 7 * 3_600_000 + startDays * DAY_MS + (startDays % 7) * 3_600_000);
    return [from, new Date(from.getTime() + lengthMinutes * 60_000)] as const;
  });
const caseArb = firstArb.chain((first) => fc.tuple(ruleArb, fc.constant(first), windowArb(first)));

describe("occurrences: properties", () => {
  it("matches a day-by-day enumeration of the rule", () => {
    fc.assert(
      fc.property(caseArb, ([rule, first, [from, to]]) => {
        expect(occurrences(rule, first, from, to).map((d) => d.toISOString())).toEqual(oracle(rule, first, from, to));
      }),
      { numRuns: 400 },
    );
  });

  it("is sorted, unique, in range, never before the first, and always at the first's wall-clock time", () => {
    fc.assert(
      fc.property(caseArb, ([rule, first, [from, to]]) => {
        const found = occurrences(rule, first, from, to);
        const start = wib(`${first.date.year}-${String(first.date.month).padStart(2, "0")}-${String(first.date.day).padStart(2, "0")} ${String(first.time.hour).padStart(2, "0")}:${String(first.time.minute).padStart(2, "0")}`);
        for (const [index, instant] of found.entries()) {
          expect(instant.getTime()).toBeGreaterThanOrEqual(from.getTime());
          expect(instant.getTime()).toBeLessThan(to.getTime());
          expect(instant.getTime()).toBeGreaterThanOrEqual(start.getTime());
          expect(wibText(instant).slice(11)).toBe(wibText(start).slice(11));
          if (index > 0) expect(instant.getTime()).toBeGreaterThan(found[index - 1]!.getTime());
        }
        if (rule.kind === "weekly" || rule.kind === "biweekly") {
          const gap = (rule.kind === "weekly" ? 7 : 14) * DAY_MS;
          for (const [index, instant] of found.entries()) {
            expect(new Date(instant.getTime() + 7 * 3_600_000).getUTCDay()).toBe(rule.weekday);
            if (index > 0) expect(instant.getTime() - found[index - 1]!.getTime()).toBe(gap);
          }
        }
        if (rule.kind === "monthly-date" || rule.kind === "monthly-weekday") {
          const months = found.map((instant) => wibText(instant).slice(0, 7));
          expect(new Set(months).size).toBe(months.length);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("puts the first occurrence of a rule built from the first date on that date", () => {
    const ymd = (date: { year: number; month: number; day: number }) => `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
    fc.assert(
      fc.property(firstArb, fc.constantFrom("none", "weekly", "biweekly", "monthly-date", "monthly-weekday"), (first, kind) => {
        const around = [new Date(utcDay(first.date) - 8 * 3_600_000), new Date(utcDay(first.date) + 40 * DAY_MS)] as const;
        const rules = kind === "monthly-weekday" ? monthlyWeekdayRules(first.date) : [recurrenceFromFirst(kind, first.date)];
        for (const rule of rules) {
          expect(occurrences(rule, first, ...around).map(wibText)[0]).toBe(`${ymd(first.date)} ${String(first.time.hour).padStart(2, "0")}:${String(first.time.minute).padStart(2, "0")}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
