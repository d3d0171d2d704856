import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DATETIME_MAX_LENGTH,
  combineDateAndTime,
  parseDateTime,
  parseTime,
  parseTimeRange,
  type DateTimeResult,
} from "../../../src/domain/schedule/parse-datetime.js";

/** Expected instants are written as WIB wall-clock text and read by Date itself, not by our code. */
const wib = (text: string) => new Date(`${text.replace(" ", "T")}:00+07:00`);

/** The WIB calendar and clock of an instant, via Intl, independent of src/domain/schedule/wib.ts. */
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
function jakartaParts(instant: Date) {
  const parts = Object.fromEntries(jakarta.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAY_INDEX[parts.weekday!]!,
  };
}
/** Whole WIB calendar days from a to b. */
const calendarDaysBetween = (a: { year: number; month: number; day: number }, b: { year: number; month: number; day: number }) =>
  (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000;

const DAY_MS = 86_400_000;
/** Sunday 22 November 2026, 10.00 WIB. */
const NOW = wib("2026-11-22 10:00");
/** Monday 23 November 2026, 10.00 WIB. */
const MONDAY = wib("2026-11-23 10:00");

function expectInstant(result: DateTimeResult, expected: Date) {
  expect(result.ok && result.kind === "datetime" ? result.at.toISOString() : result).toBe(expected.toISOString());
}

describe("parseDateTime: phrasings with a time", () => {
  it.each([
    // Weekday names: the first such day whose time is still ahead.
    ["Minggu 07.00", "2026-11-29 07:00"],
    ["minggu 19.00", "2026-11-22 19:00"],
    ["MINGGU 07:00", "2026-11-29 07:00"],
    ["hari Minggu jam 7 pagi", "2026-11-29 07:00"],
    ["Ahad 07.00", "2026-11-29 07:00"],
    ["Minggu depan 07.00", "2026-11-29 07:00"],
    ["Minggu depan 19.00", "2026-11-29 19:00"],
    ["Sabtu ini 20.00", "2026-11-28 20:00"],
    ["Sabtu minggu depan 07.00", "2026-11-28 07:00"],
    ["Senin 08.00", "2026-11-23 08:00"],
    ["selasa jam 4 sore", "2026-11-24 16:00"],
    ["Rabu, 19.30", "2026-11-25 19:30"],
    ["Kamis pukul 14.30", "2026-11-26 14:30"],
    ["Jumat jam 1 siang", "2026-11-27 13:00"],
    ["Jum'at 13.00", "2026-11-27 13:00"],
    ["Jum’at 13.00", "2026-11-27 13:00"],
    ["Minggu malam jam 8", "2026-11-22 20:00"],
    // "malam Minggu" is Saturday night.
    ["malam Minggu jam 8", "2026-11-28 20:00"],
    ["Minggu, 6 Desember 2026 pukul 07.00 WIB", "2026-12-06 07:00"],
    // Relative days and parts of the day.
    ["besok jam 7 pagi", "2026-11-23 07:00"],
    ["besok pukul 07.00", "2026-11-23 07:00"],
    ["Besok, pkl. 07.00 WIB", "2026-11-23 07:00"],
    ["  besok   jam  7   pagi  ", "2026-11-23 07:00"],
    ["besok jam7pagi", "2026-11-23 07:00"],
    ["jam 7 pagi besok", "2026-11-23 07:00"],
    ["besok pagi jam 6", "2026-11-23 06:00"],
    ["besok 07", "2026-11-23 07:00"],
    ["besok jam 7.30 malam", "2026-11-23 19:30"],
    ["besok jam 2 siang", "2026-11-23 14:00"],
    ["besok jam 12 siang", "2026-11-23 12:00"],
    ["besok tengah hari", "2026-11-23 12:00"],
    ["besok jam 2 pagi", "2026-11-23 02:00"],
    ["besok subuh jam 5", "2026-11-23 05:00"],
    ["besok dini hari jam 3", "2026-11-23 03:00"],
    // Midnight and the small hours said with malam belong to the evening before.
    ["besok jam 12 malam", "2026-11-24 00:00"],
    ["besok tengah malam", "2026-11-24 00:00"],
    ["besok 24.00", "2026-11-24 00:00"],
    ["besok jam 2 malam", "2026-11-24 02:00"],
    ["besok 00.30", "2026-11-23 00:30"],
    // H.MM without a year is a time, not a date.
    ["besok 7.12", "2026-11-23 07:12"],
    ["hari ini 19.30", "2026-11-22 19:30"],
    ["hari ini jam 10.30", "2026-11-22 10:30"],
    ["nanti malam 22.00", "2026-11-22 22:00"],
    ["nanti sore jam 4", "2026-11-22 16:00"],
    ["nanti malam jam 8", "2026-11-22 20:00"],
    ["malam ini jam 9", "2026-11-22 21:00"],
    ["lusa 08.00", "2026-11-24 08:00"],
    ["19.30", "2026-11-22 19:30"],
    ["jam 19", "2026-11-22 19:00"],
    // Numeric dates, day first.
    ["7/12 07:00", "2026-12-07 07:00"],
    // Spoken halves: half before the hour, with its part of the day.
    ["Minggu setengah 8 pagi", "2026-11-29 07:30"],
    ["besok jam setengah 8 pagi", "2026-11-23 07:30"],
    ["besok pukul setengah 8 malam", "2026-11-23 19:30"],
    ["besok setengah8 malam", "2026-11-23 19:30"],
    ["besok stgh 8 pagi", "2026-11-23 07:30"],
    ["besok setengah 12 siang", "2026-11-23 11:30"],
    ["besok setengah 1 siang", "2026-11-23 12:30"],
    ["besok setengah 4 sore", "2026-11-23 15:30"],
    ["besok setengah 12 malam", "2026-11-23 23:30"],
    ["besok setengah 1 malam", "2026-11-24 00:30"],
    ["besok subuh setengah 5", "2026-11-23 04:30"],
    // The week first, then its day; Ahad is Minggu.
    ["minggu depan hari Minggu jam 7 pagi", "2026-11-29 07:00"],
    ["pekan depan hari Minggu 07.00", "2026-11-29 07:00"],
    ["pekan depan Sabtu 07.00", "2026-11-28 07:00"],
    ["Minggu depan, hari Sabtu, pukul 07.00", "2026-11-28 07:00"],
    ["pekan ini hari Sabtu jam 8 pagi", "2026-11-28 08:00"],
    ["Ahad depan jam 7 pagi", "2026-11-29 07:00"],
    ["hari Ahad pukul 07.00 WIB", "2026-11-29 07:00"],
    ["Ahad pekan depan setengah 7 pagi", "2026-11-29 06:30"],
    // Invisible characters between the words are dropped.
    ["besok\u200B jam\u200E 7\u00AD pagi\u2060", "2026-11-23 07:00"],
    ["\uFEFFMinggu 07.00\u202C", "2026-11-29 07:00"],
    ["07/12/2026 19.30", "2026-12-07 19:30"],
    ["7/12/26 19.30", "2026-12-07 19:30"],
    ["7-12-2026 jam 8 pagi", "2026-12-07 08:00"],
    ["7.12.2026 19.30", "2026-12-07 19:30"],
    ["tanggal 7/12 jam 19.30", "2026-12-07 19:30"],
    ["2026-12-07 07:00", "2026-12-07 07:00"],
    ["1/1 08.00", "2027-01-01 08:00"],
    ["tanggal 30 jam 08.00", "2026-11-30 08:00"],
    ["tgl 5 pukul 16.00", "2026-12-05 16:00"],
    // Month names and abbreviations.
    ["7 Des 2026 19.30", "2026-12-07 19:30"],
    ["tgl 7 Des. 2026 19.30", "2026-12-07 19:30"],
    ["7 Desember jam 7 malam", "2026-12-07 19:00"],
    ["7 Peb 2027 09.00", "2027-02-07 09:00"],
    ["7 Nop 2027 08.00", "2027-11-07 08:00"],
    ["17 Agt 2027 07.00", "2027-08-17 07:00"],
    ["17 aug 2027 07.00", "2027-08-17 07:00"],
    ["1 Mei 2027 jam 10 pagi", "2027-05-01 10:00"],
    ["5 Sept 2027 16.00", "2027-09-05 16:00"],
    ["31 Mar 2027 19.00 WIB", "2027-03-31 19:00"],
    // The upper bound: 366 days ahead is allowed, a minute more is not.
    ["23/11/2027 10.00", "2027-11-23 10:00"],
  ])("%j → %s", (text, expected) => {
    expectInstant(parseDateTime(text, NOW), wib(expected));
  });

  it("keeps date and time as the WIB wall clock of the instant", () => {
    expect(parseDateTime("besok jam 12 malam", NOW)).toEqual({
      ok: true,
      kind: "datetime",
      at: wib("2026-11-24 00:00"),
      date: { year: 2026, month: 11, day: 24 },
      time: { hour: 0, minute: 0 },
    });
  });

  it.each([
    // On a Monday, "next week" is the week starting on the 30th.
    ["Minggu depan 07.00", "2026-12-06 07:00"],
    ["minggu depan hari Minggu 07.00", "2026-12-06 07:00"],
    ["pekan depan hari Minggu setengah 8 pagi", "2026-12-06 07:30"],
    ["pekan depan Sabtu 07.00", "2026-12-05 07:00"],
    ["Ahad depan 07.00", "2026-12-06 07:00"],
    ["minggu ini hari Minggu 07.00", "2026-11-29 07:00"],
    ["Sabtu depan 07.00", "2026-12-05 07:00"],
    ["Senin depan 07.00", "2026-11-30 07:00"],
    ["Minggu 07.00", "2026-11-29 07:00"],
    ["Minggu ini 07.00", "2026-11-29 07:00"],
    ["Senin 09.00", "2026-11-30 09:00"],
    ["Senin 11.00", "2026-11-23 11:00"],
    ["Senin jam 12 malam", "2026-11-24 00:00"],
  ])("on a Monday, %j → %s", (text, expected) => {
    expectInstant(parseDateTime(text, MONDAY), wib(expected));
  });
});

describe("parseDateTime: a date without a time", () => {
  it.each([
    ["lusa", { year: 2026, month: 11, day: 24 }],
    ["besok", { year: 2026, month: 11, day: 23 }],
    ["besok pagi", { year: 2026, month: 11, day: 23 }],
    ["hari ini", { year: 2026, month: 11, day: 22 }],
    ["nanti malam", { year: 2026, month: 11, day: 22 }],
    ["Minggu", { year: 2026, month: 11, day: 22 }],
    ["hari Minggu", { year: 2026, month: 11, day: 22 }],
    ["Minggu depan", { year: 2026, month: 11, day: 29 }],
    ["Sabtu ini", { year: 2026, month: 11, day: 28 }],
    ["Sabtu", { year: 2026, month: 11, day: 28 }],
    ["malam Minggu", { year: 2026, month: 11, day: 28 }],
    ["7/12", { year: 2026, month: 12, day: 7 }],
    ["7 Desember", { year: 2026, month: 12, day: 7 }],
    ["7-12-2026", { year: 2026, month: 12, day: 7 }],
    ["1/1", { year: 2027, month: 1, day: 1 }],
    ["22/11", { year: 2026, month: 11, day: 22 }],
    ["tgl 5", { year: 2026, month: 12, day: 5 }],
    ["tanggal 31", { year: 2026, month: 12, day: 31 }],
    ["23/11/2027", { year: 2027, month: 11, day: 23 }],
  ])("%j → %j", (text, date) => {
    expect(parseDateTime(text, NOW)).toEqual({ ok: true, kind: "date", date });
  });

  it("reads a year-less 29/2 as the next leap day", () => {
    expect(parseDateTime("29/2", wib("2027-03-01 10:00"))).toEqual({ ok: true, kind: "date", date: { year: 2028, month: 2, day: 29 } });
  });
});

describe("parseDateTime: refusals", () => {
  it.each([
    ["", "empty"],
    ["   \n\t ", "empty"],
    ["\u200B\uFEFF", "empty"],
    ["a".repeat(DATETIME_MAX_LENGTH + 1), "too-long"],
    [`besok jam 7 pagi ${"x".repeat(90)}`, "too-long"],
    ["31/2", "invalid-date"],
    ["30 Februari", "invalid-date"],
    ["29/2/2027", "invalid-date"],
    ["31/4/2027 07.00", "invalid-date"],
    ["32/1", "invalid-date"],
    ["0/5", "invalid-date"],
    ["7/13", "invalid-date"],
    ["tanggal 32", "invalid-date"],
    ["25.00", "invalid-time"],
    ["besok 25.00", "invalid-time"],
    ["besok 07.60", "invalid-time"],
    ["besok jam 24.30", "invalid-time"],
    ["jam 7", "ambiguous-hour"],
    ["besok 7", "ambiguous-hour"],
    ["besok setengah 8", "ambiguous-hour"],
    ["besok jam setengah 8", "ambiguous-hour"],
    ["besok setengah 1", "ambiguous-hour"],
    ["besok setengah 8 siang", "ambiguous-hour"],
    ["besok setengah", "unrecognised"],
    ["besok setengah 13 siang", "unrecognised"],
    ["besok setengah 0 pagi", "unrecognised"],
    ["besok setengah 07.00", "unrecognised"],
    ["besok jam 7 setengah 8 pagi", "unrecognised"],
    ["pekan depan", "unrecognised"],
    ["pekan depan hari", "unrecognised"],
    ["minggu depan hari Minggu depan", "unrecognised"],
    ["pekan depan Sabtu Minggu", "unrecognised"],
    ["pekan depan besok", "unrecognised"],
    ["25:00", "invalid-time"],
    ["besok 25:00", "invalid-time"],
    ["Minggu 31/2", "invalid-date"],
    ["besok 😀 jam 7 pagi", "unrecognised"],
    ["\u200B\u200E\u2060\u00AD", "empty"],
    ["7".repeat(100_000), "too-long"],
    [`besok jam 7 pagi ${"😀".repeat(100)}`, "too-long"],
    ["besok jam 7", "ambiguous-hour"],
    ["Minggu jam 7", "ambiguous-hour"],
    ["7/12 jam 12", "ambiguous-hour"],
    ["besok jam 8 siang", "ambiguous-hour"],
    ["besok 19.00 pagi", "ambiguous-hour"],
    ["besok jam 12 pagi", "ambiguous-hour"],
    ["besok jam 5 malam", "ambiguous-hour"],
    ["besok jam 9 sore", "ambiguous-hour"],
    ["hari ini 07.00", "past"],
    ["hari ini jam 9 pagi", "past"],
    ["07.00", "past"],
    ["kemarin", "past"],
    ["kemarin 19.00", "past"],
    ["kemarin jam 7", "past"],
    ["22/11/2026 07.00", "past"],
    ["22/11 07.00", "past"],
    ["1/1/2026", "past"],
    ["23/11/2027 10.01", "too-far"],
    ["24/11/2027", "too-far"],
    ["7/12/2027 07.00", "too-far"],
    ["29/2", "too-far"],
    ["1/1/9999", "too-far"],
    ["besok 07.00 WITA", "unrecognised"],
    ["07.00 WIT", "unrecognised"],
    ["😀", "unrecognised"],
    ["besok 😀", "unrecognised"],
    ["'; DROP TABLE event;--", "unrecognised"],
    ["1' OR '1'='1", "unrecognised"],
    ["<script>alert(1)</script>", "unrecognised"],
    ["asdf", "unrecognised"],
    ["jam", "unrecognised"],
    ["besok jam", "unrecognised"],
    ["tanggal", "unrecognised"],
    ["hari", "unrecognised"],
    ["pagi", "unrecognised"],
    ["depan", "unrecognised"],
    ["wib", "unrecognised"],
    ["Desember", "unrecognised"],
    ["besok lusa", "unrecognised"],
    ["Senin Selasa", "unrecognised"],
    ["07.00 08.00", "unrecognised"],
    ["besok pagi malam", "unrecognised"],
    ["7/12/2026/1", "unrecognised"],
    ["0700", "unrecognised"],
    ["2 minggu lagi", "unrecognised"],
    ["sekarang", "unrecognised"],
    ["jam 7 Desember", "unrecognised"],
    ["constructor", "unrecognised"],
    ["__proto__", "unrecognised"],
    ["NaN", "unrecognised"],
    ["-1", "unrecognised"],
    ["7/12 07.00 pm", "unrecognised"],
  ])("%j → %s", (text, reason) => {
    expect(parseDateTime(text, NOW)).toEqual({ ok: false, reason });
  });

  it("counts 100 characters as the limit, after folding spaces", () => {
    const longest = `besok jam 7 pagi${" wib".repeat(21)}`;
    expect(longest).toHaveLength(DATETIME_MAX_LENGTH);
    expectInstant(parseDateTime(longest, NOW), wib("2026-11-23 07:00"));
    expect(parseDateTime(`${longest}!`, NOW)).toEqual({ ok: false, reason: "too-long" });
    expectInstant(parseDateTime(`besok   jam 7${" ".repeat(500)}pagi`, NOW), wib("2026-11-23 07:00"));
  });
});

describe("parseDateTime: a date just past, and a weekday that does not fit the date", () => {
  /** Rabu 2 December 2026, 10.00 WIB: the day "1/12 07.00" became 1 December 2027. */
  const DEC_2 = wib("2026-12-02 10:00");

  it.each([
    ["1/12 07.00", DEC_2, { year: 2026, month: 12, day: 1 }, { kind: "datetime", at: wib("2027-12-01 07:00"), date: { year: 2027, month: 12, day: 1 }, time: { hour: 7, minute: 0 } }],
    ["1 Desember jam 7 pagi", DEC_2, { year: 2026, month: 12, day: 1 }, { kind: "datetime", at: wib("2027-12-01 07:00"), date: { year: 2027, month: 12, day: 1 }, time: { hour: 7, minute: 0 } }],
    ["1/12", DEC_2, { year: 2026, month: 12, day: 1 }, { kind: "date", date: { year: 2027, month: 12, day: 1 } }],
    ["tanggal 7 Nov", NOW, { year: 2026, month: 11, day: 7 }, { kind: "date", date: { year: 2027, month: 11, day: 7 } }],
    ["21/11", NOW, { year: 2026, month: 11, day: 21 }, { kind: "date", date: { year: 2027, month: 11, day: 21 } }],
    // Half a year back is still asked about: 2 June is 183 days before 2 December, 3 June 182.
    ["3/6 08.00", DEC_2, { year: 2026, month: 6, day: 3 }, { kind: "datetime", at: wib("2027-06-03 08:00"), date: { year: 2027, month: 6, day: 3 }, time: { hour: 8, minute: 0 } }],
    // Typed in early January about late December: last year's was days ago.
    ["30/12 19.30", wib("2027-01-02 10:00"), { year: 2026, month: 12, day: 30 }, { kind: "datetime", at: wib("2027-12-30 19:30"), date: { year: 2027, month: 12, day: 30 }, time: { hour: 19, minute: 30 } }],
    // With a weekday that fits next year's date.
    ["Rabu 1/12 07.00", DEC_2, { year: 2026, month: 12, day: 1 }, { kind: "datetime", at: wib("2027-12-01 07:00"), date: { year: 2027, month: 12, day: 1 }, time: { hour: 7, minute: 0 } }],
  ])("%j asks about next year", (text, now, past, nextYear) => {
    expect(parseDateTime(text, now)).toEqual({ ok: false, reason: "just-past", past, nextYear });
  });

  it.each([
    // Further back than half a year: next year's is the nearer, and is taken.
    ["2/6 08.00", DEC_2, "2027-06-02 08:00"],
    ["1/1 08.00", DEC_2, "2027-01-01 08:00"],
    // Today at an hour still ahead is today; the year written out is taken as written.
    ["2/12 19.00", DEC_2, "2026-12-02 19:00"],
    ["1/12/2027 07.00", DEC_2, "2027-12-01 07:00"],
  ])("%j is read without asking", (text, now, expected) => {
    expectInstant(parseDateTime(text, now), wib(expected));
  });

  it.each([
    // Today at an hour gone by, or a year written out: plainly past.
    ["2/12 07.00", DEC_2, "past"],
    ["1/12/2026 07.00", DEC_2, "past"],
    // A Tuesday 1 December meant by "Selasa": that day, past; next year's is a Wednesday.
    ["Selasa 1/12 07.00", DEC_2, "past"],
    // The time is read before next year is offered.
    ["1/12 jam 7", DEC_2, "ambiguous-hour"],
    ["1/12 25.00", DEC_2, "invalid-time"],
    // Next year has no 29 February: nothing to offer.
    ["29/2", wib("2028-03-01 10:00"), "too-far"],
  ])("%j → %s", (text, now, reason) => {
    expect(parseDateTime(text, now)).toEqual({ ok: false, reason });
  });

  it.each([
    ["Minggu 25 Desember", NOW, { year: 2026, month: 12, day: 25 }, 0],
    ["Ahad 25/12 07.00", NOW, { year: 2026, month: 12, day: 25 }, 0],
    ["hari Minggu tanggal 25 Desember jam 7 pagi", NOW, { year: 2026, month: 12, day: 25 }, 0],
    ["Minggu, 7 Desember 2026 07.00", NOW, { year: 2026, month: 12, day: 7 }, 0],
    ["Selasa besok", NOW, { year: 2026, month: 11, day: 23 }, 2],
    ["malam Minggu 25/12", NOW, { year: 2026, month: 12, day: 25 }, 6],
    // Just past and the weekday fits neither year: the date as typed is named.
    ["Minggu 1/12 07.00", DEC_2, { year: 2026, month: 12, day: 1 }, 0],
  ])("%j names the date and the weekday typed", (text, now, date, weekday) => {
    expect(parseDateTime(text, now)).toEqual({ ok: false, reason: "wrong-weekday", date, weekday });
  });

  it("drops invisible padding before counting the length", () => {
    expectInstant(parseDateTime(`besok jam 7 pagi${"\u200B".repeat(10_000)}`, NOW), wib("2026-11-23 07:00"));
  });

  it("offers only next year's date, 0–366 days ahead, for any year-less date in the half year before", () => {
    fc.assert(
      fc.property(nowArb, fc.integer({ min: 1, max: 182 }), (now, back) => {
        const today = jakartaParts(now);
        const past = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
        const [day, month] = [past.getUTCDate(), past.getUTCMonth() + 1];
        const result = parseDateTime(`${day}/${month}`, now);
        if (day === 29 && month === 2) return; // next year has none
        expect(result).toMatchObject({ ok: false, reason: "just-past", past: { year: past.getUTCFullYear(), month, day } });
        if (result.ok || result.reason !== "just-past") return;
        expect(result.nextYear.date).toEqual({ year: past.getUTCFullYear() + 1, month, day });
        const ahead = calendarDaysBetween(today, result.nextYear.date);
        expect(ahead).toBeGreaterThan(0);
        expect(ahead).toBeLessThanOrEqual(366);
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseTime", () => {
  it.each([
    ["07.00", 7, 0, false],
    ["7:05", 7, 5, false],
    ["19.30 WIB", 19, 30, false],
    ["jam 7 pagi", 7, 0, false],
    ["jam 7 malam", 19, 0, false],
    ["7 malam", 19, 0, false],
    ["pukul 14.30", 14, 30, false],
    ["jam 2 siang", 14, 0, false],
    ["jam 4 sore", 16, 0, false],
    ["jam 12 siang", 12, 0, false],
    ["jam 11 siang", 11, 0, false],
    ["jam 6 sore", 18, 0, false],
    ["jam 6 malam", 18, 0, false],
    ["jam 12 malam", 0, 0, true],
    ["tengah malam", 0, 0, true],
    ["24.00", 0, 0, true],
    ["00.00", 0, 0, false],
    ["jam 3 malam", 3, 0, true],
    ["jam 3 pagi", 3, 0, false],
    ["jam 19", 19, 0, false],
    ["jam 0", 0, 0, false],
    ["pkl 08", 8, 0, false],
    ["setengah 8 pagi", 7, 30, false],
    ["jam setengah 8 malam", 19, 30, false],
    ["pukul setengah 6 sore", 17, 30, false],
    ["setengah 1 siang", 12, 30, false],
    ["setengah 12 malam", 23, 30, false],
  ])("%j → %i:%i next day %s", (text, hour, minute, nextDay) => {
    expect(parseTime(text)).toEqual({ ok: true, time: { hour, minute }, nextDay });
  });

  it.each([
    ["", "empty"],
    ["jam 7", "ambiguous-hour"],
    ["7", "ambiguous-hour"],
    ["setengah 8", "ambiguous-hour"],
    ["setengah", "unrecognised"],
    ["25:00", "invalid-time"],
    ["jam 10 sore", "ambiguous-hour"],
    ["25.00", "invalid-time"],
    ["12.61", "invalid-time"],
    ["besok jam 7 pagi", "unrecognised"],
    ["nanti malam jam 8", "unrecognised"],
    ["7/12", "unrecognised"],
    ["pagi", "unrecognised"],
    ["07.00 WITA", "unrecognised"],
    ["😀", "unrecognised"],
    ["x".repeat(101), "too-long"],
  ])("refuses %j as %s", (text, reason) => {
    expect(parseTime(text)).toEqual({ ok: false, reason });
  });

  it("reads every HH.MM and H:MM of the day as itself", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.boolean(), (hour, minute, colon) => {
        const text = `${colon ? hour : String(hour).padStart(2, "0")}${colon ? ":" : "."}${String(minute).padStart(2, "0")}`;
        expect(parseTime(text)).toEqual({ ok: true, time: { hour, minute }, nextDay: false });
      }),
    );
  });
});

describe("parseTimeRange", () => {
  it.each([
    ["22.00-04.00", { hour: 22, minute: 0 }, { hour: 4, minute: 0 }, true, 360],
    ["22:00 - 04:00", { hour: 22, minute: 0 }, { hour: 4, minute: 0 }, true, 360],
    ["jam 10 malam sampai 4 pagi", { hour: 22, minute: 0 }, { hour: 4, minute: 0 }, true, 360],
    ["jam 10 malam sampai dengan jam 4 pagi", { hour: 22, minute: 0 }, { hour: 4, minute: 0 }, true, 360],
    ["22.00 s/d 04.00 WIB", { hour: 22, minute: 0 }, { hour: 4, minute: 0 }, true, 360],
    ["pukul 21.00 hingga 03.30", { hour: 21, minute: 0 }, { hour: 3, minute: 30 }, true, 390],
    ["20.00–24.00", { hour: 20, minute: 0 }, { hour: 0, minute: 0 }, true, 240],
    ["jam 8 malam - jam 12 malam", { hour: 20, minute: 0 }, { hour: 0, minute: 0 }, true, 240],
    ["08.00-12.00", { hour: 8, minute: 0 }, { hour: 12, minute: 0 }, false, 240],
    ["jam 12 malam - 4 pagi", { hour: 0, minute: 0 }, { hour: 4, minute: 0 }, false, 240],
  ])("%j", (text, start, end, endsNextDay, minutes) => {
    expect(parseTimeRange(text)).toEqual({ ok: true, start, end, endsNextDay, minutes });
  });

  it.each([
    ["", "empty"],
    ["22.00", "unrecognised"],
    ["22.00-04.00-06.00", "unrecognised"],
    ["besok 22.00-04.00", "unrecognised"],
    ["22.00-22.00", "same-time"],
    ["jam 10 - 4", "ambiguous-hour"],
    ["22.00 - jam 4", "ambiguous-hour"],
    ["25.00-04.00", "invalid-time"],
    [`22.00-04.00 ${"x".repeat(95)}`, "too-long"],
  ])("refuses %j as %s", (text, reason) => {
    expect(parseTimeRange(text)).toEqual({ ok: false, reason });
  });
});

describe("combineDateAndTime", () => {
  it("joins a date answer and a time answer, midnight falling on the next day", () => {
    const date = { year: 2026, month: 11, day: 24 };
    expectInstant(combineDateAndTime(date, { time: { hour: 8, minute: 0 }, nextDay: false }, NOW), wib("2026-11-24 08:00"));
    expectInstant(combineDateAndTime(date, { time: { hour: 0, minute: 0 }, nextDay: true }, NOW), wib("2026-11-25 00:00"));
  });

  it("refuses a past or far time and an impossible date", () => {
    const seven = { time: { hour: 7, minute: 0 }, nextDay: false };
    expect(combineDateAndTime({ year: 2026, month: 11, day: 22 }, seven, NOW)).toEqual({ ok: false, reason: "past" });
    expect(combineDateAndTime({ year: 2027, month: 12, day: 1 }, seven, NOW)).toEqual({ ok: false, reason: "too-far" });
    expect(combineDateAndTime({ year: 2027, month: 2, day: 29 }, seven, NOW)).toEqual({ ok: false, reason: "invalid-date" });
  });
});

// Properties. `now` ranges over several years so leap days, year ends and every weekday come up.
const MONTH_SPELLINGS: readonly (readonly string[])[] = [
  ["Januari", "Jan", "january"],
  ["Februari", "Feb", "Peb", "Pebruari"],
  ["Maret", "Mar", "march"],
  ["April", "Apr"],
  ["Mei", "may"],
  ["Juni", "Jun"],
  ["Juli", "Jul"],
  ["Agustus", "Agu", "Agt", "Ags", "Aug"],
  ["September", "Sep", "Sept"],
  ["Oktober", "Okt", "Oct"],
  ["November", "Nov", "Nop", "Nopember"],
  ["Desember", "Des", "Dec"],
];
const WEEKDAY_SPELLINGS: readonly (readonly string[])[] = [
  ["Minggu", "Ahad"],
  ["Senin"],
  ["Selasa"],
  ["Rabu"],
  ["Kamis"],
  ["Jumat", "Jum'at"],
  ["Sabtu"],
];

const nowArb = fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2031-12-31T00:00:00Z"), noInvalidDate: true });
const caseArb = fc.constantFrom((s: string) => s, (s: string) => s.toLowerCase(), (s: string) => s.toUpperCase());
const pad2 = (value: number) => String(value).padStart(2, "0");

describe("parseDateTime: properties", () => {
  it("reads back any future minute in the next year written as D/M/YYYY HH.MM or D Bulan YYYY HH:MM", () => {
    fc.assert(
      fc.property(
        nowArb,
        fc.integer({ min: 1, max: 366 * 1440 }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(),
        caseArb,
        (now, minutesAhead, numeric, padded, spellingPick, changeCase) => {
          const at = new Date(Math.floor((now.getTime() + minutesAhead * 60_000) / 60_000) * 60_000);
          const p = jakartaParts(at);
          const day = padded ? pad2(p.day) : String(p.day);
          const spellings = MONTH_SPELLINGS[p.month - 1]!;
          const text = numeric
            ? `${day}/${padded ? pad2(p.month) : p.month}/${p.year} ${pad2(p.hour)}.${pad2(p.minute)}`
            : `${day} ${changeCase(spellings[spellingPick % spellings.length]!)} ${p.year} ${pad2(p.hour)}:${pad2(p.minute)}`;
          expectInstant(parseDateTime(text, now), at);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("lands a weekday with a time 0–7 days ahead on that weekday, today only while the time is ahead", () => {
    fc.assert(
      fc.property(
        nowArb,
        fc.integer({ min: 0, max: 6 }),
        fc.nat(),
        fc.constantFrom("", "hari ", "ini"),
        caseArb,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (now, weekday, spellingPick, form, changeCase, hour, minute) => {
          const names = WEEKDAY_SPELLINGS[weekday]!;
          const name = changeCase(names[spellingPick % names.length]!);
          const phrase = form === "ini" ? `${name} ini` : `${form}${name}`;
          const result = parseDateTime(`${phrase} ${pad2(hour)}.${pad2(minute)}`, now);
          if (!result.ok || result.kind !== "datetime") throw new Error(`not read: ${JSON.stringify(result)}`);
          const at = jakartaParts(result.at);
          const today = jakartaParts(now);
          const ahead = calendarDaysBetween(today, at);
          expect(at.weekday).toBe(weekday);
          expect(at.hour * 60 + at.minute).toBe(hour * 60 + minute);
          expect(ahead).toBeGreaterThanOrEqual(0);
          expect(ahead).toBeLessThanOrEqual(7);
          expect(result.at.getTime()).toBeGreaterThanOrEqual(now.getTime());
          // Not a week later than needed: the occurrence a week earlier is already past.
          expect(result.at.getTime() - 7 * DAY_MS).toBeLessThan(now.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });

  it("lands a weekday without a time 0–6 days ahead, and `X depan` in next week (Senin–Minggu)", () => {
    fc.assert(
      fc.property(nowArb, fc.integer({ min: 0, max: 6 }), fc.boolean(), (now, weekday, depan) => {
        const result = parseDateTime(`${WEEKDAY_SPELLINGS[weekday]![0]}${depan ? " depan" : ""}`, now);
        if (!result.ok || result.kind !== "date") throw new Error(`not read: ${JSON.stringify(result)}`);
        const today = jakartaParts(now);
        const ahead = calendarDaysBetween(today, result.date);
        expect(new Date(Date.UTC(result.date.year, result.date.month - 1, result.date.day)).getUTCDay()).toBe(weekday);
        if (depan) {
          const mondayIndex = (day: number) => (day + 6) % 7;
          // Days from this week's Monday: 7–13 is next week.
          expect(mondayIndex(today.weekday) + ahead).toBeGreaterThanOrEqual(7);
          expect(mondayIndex(today.weekday) + ahead).toBeLessThanOrEqual(13);
        } else {
          expect(ahead).toBeGreaterThanOrEqual(0);
          expect(ahead).toBeLessThanOrEqual(6);
        }
      }),
      { numRuns: 300 },
    );
  });

  const REASONS = ["empty", "unrecognised", "ambiguous-hour", "invalid-date", "invalid-time", "past", "too-far", "too-long", "just-past", "wrong-weekday"];
  const WORDS = [
    "besok", "lusa", "kemarin", "hari", "ini", "depan", "nanti", "jam", "pukul", "pkl.", "tanggal", "tgl", "WIB", "WITA",
    "pagi", "siang", "sore", "malam", "dini", "subuh", "tengah", "Minggu", "minggu", "Senin", "Jum'at", "Sabtu", "Ahad",
    "Des", "Desember", "Peb", "Mei", "7", "07", "12", "24", "31", "0", "2026", "2027", "7/12", "31/2", "29/2", "1-1-2027",
    "07.00", "19:30", "24.00", "25.00", "00.00", ",", "-", "s/d", "sampai", "😀", "🙏🏽", "'", "%", "\u200B",
  ];
  const textArb = fc.oneof(
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((words) => words.join(" ")),
    fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((words) => words.join("")),
  );

  it("never throws, and anything it accepts is between now and 366 days ahead", () => {
    fc.assert(
      fc.property(textArb, nowArb, (text, now) => {
        const result = parseDateTime(text, now);
        if (!result.ok) {
          expect(REASONS).toContain(result.reason);
          return;
        }
        const today = jakartaParts(now);
        if (result.kind === "datetime") {
          expect(result.at.getTime()).toBeGreaterThanOrEqual(now.getTime());
          expect(result.at.getTime() - now.getTime()).toBeLessThanOrEqual(366 * DAY_MS);
          const wall = jakartaParts(result.at);
          expect(result.date).toEqual({ year: wall.year, month: wall.month, day: wall.day });
          expect(result.time).toEqual({ hour: wall.hour, minute: wall.minute });
        } else {
          const ahead = calendarDaysBetween(today, result.date);
          expect(ahead).toBeGreaterThanOrEqual(0);
          expect(ahead).toBeLessThanOrEqual(366);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on time and range answers either", () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const time = parseTime(text);
        if (time.ok) {
          expect(time.time.hour).toBeGreaterThanOrEqual(0);
          expect(time.time.hour).toBeLessThanOrEqual(23);
          expect(time.time.minute).toBeGreaterThanOrEqual(0);
          expect(time.time.minute).toBeLessThanOrEqual(59);
        }
        const range = parseTimeRange(text);
        if (range.ok) {
          expect(range.minutes).toBeGreaterThan(0);
          expect(range.minutes).toBeLessThan(1440);
          expect(range.endsNextDay).toBe(range.end.hour * 60 + range.end.minute < range.start.hour * 60 + range.start.minute);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
