import { describe, expect, it } from "vitest";
import {
  BOOK_TITLE_MAX,
  parseActivityNote,
  parseAttendeeCount,
  parseBookAuthor,
  parseBookCopies,
  parseBookTitle,
  parseReadingMinutes,
  parseSessionDate,
  READING_MINUTES_MAX,
  SESSION_DAYS_BACK_MAX,
} from "../../../src/domain/pojok-baca/text.js";

/** Minggu 22 November 2026, 10.00 WIB. */
const NOW = new Date("2026-11-22T03:00:00Z");

describe("parseBookTitle", () => {
  it.each([
    ["Laskar Pelangi", "Laskar Pelangi"],
    ["  Si Kancil   &  Buaya ", "Si Kancil & Buaya"],
    ["Ensiklopedia Anak: Hewan (Jilid 2)", "Ensiklopedia Anak: Hewan (Jilid 2)"],
    ["Iqro' 1", "Iqro' 1"],
    ["1001 Dongeng Nusantara", "1001 Dongeng Nusantara"],
    ["Habis Gelap\nTerbitlah Terang", "Habis Gelap Terbitlah Terang"],
    ["Qira\u200Bati", "Qiraati"],
    ["الأربعين النووية", "الأربعين النووية"],
    // Parameterised all the way down: a title that reads like SQL is just a title.
    ["Robert'); DROP TABLE book;--", "Robert'); DROP TABLE book;--"],
  ])("accepts %j as %j", (raw, expected) => {
    expect(parseBookTitle(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", "empty"],
    ["  \n\t ", "empty"],
    ["\u200B\uFEFF", "empty"],
    ["A", "too-short"],
    ["📚📚", "book-title-characters"],
    ["Laskar Pelangi 🌈", "book-title-characters"],
    ["'; drop table book;--", "book-title-characters"],
    ["-- komentar", "book-title-characters"],
    ["Buku\u0000Rahasia", "book-title-characters"],
    ["Buku\u0007Bel", "book-title-characters"],
    ["<script>alert(1)</script>", "book-title-characters"],
  ])("refuses %j (%s)", (raw, reason) => {
    expect(parseBookTitle(raw)).toMatchObject({ ok: false, reason });
  });

  it("takes up to its length, and refuses a 5,000-character paste", () => {
    expect(parseBookTitle("a".repeat(BOOK_TITLE_MAX))).toEqual({ ok: true, value: "a".repeat(BOOK_TITLE_MAX) });
    expect(parseBookTitle("a".repeat(BOOK_TITLE_MAX + 1))).toEqual({ ok: false, reason: "too-long", vars: { max: BOOK_TITLE_MAX } });
    expect(parseBookTitle("x".repeat(5000))).toEqual({ ok: false, reason: "too-long", vars: { max: BOOK_TITLE_MAX } });
  });

  it("uses the same rules for authors and activity notes, with their own lengths", () => {
    expect(parseBookAuthor("R.A. Kartini")).toEqual({ ok: true, value: "R.A. Kartini" });
    expect(parseBookAuthor("Tim 😀")).toMatchObject({ ok: false, reason: "book-title-characters" });
    expect(parseBookAuthor("a".repeat(81))).toEqual({ ok: false, reason: "too-long", vars: { max: 80 } });
    expect(parseActivityNote("Lomba mewarnai")).toEqual({ ok: true, value: "Lomba mewarnai" });
    expect(parseActivityNote("")).toEqual({ ok: false, reason: "empty" });
  });
});

describe("numbers: copies and attendees", () => {
  it.each([
    ["3", 3],
    [" 12 ", 12],
    ["1.000", null],
    ["2,5", null],
    ["2.5", null],
    ["-3", null],
    ["0", null],
    ["tiga", null],
    ["😀", null],
  ])("copies %j → %j", (raw, value) => {
    const parsed = parseBookCopies(raw);
    expect(parsed.ok ? parsed.value : null).toBe(value);
  });

  it("refuses a 5,000-digit number", () => {
    expect(parseBookCopies("9".repeat(5000))).toMatchObject({ ok: false, reason: "not-a-number" });
    expect(parseReadingMinutes("3".repeat(5000))).toMatchObject({ ok: false, reason: "reading-minutes-unrecognised" });
    expect(parseSessionDate("x".repeat(5000), NOW)).toMatchObject({ ok: false, reason: "too-long" });
  });

  it("tells why: a decimal is not whole, a sign is out of range", () => {
    expect(parseAttendeeCount("2,5")).toMatchObject({ ok: false, reason: "not-a-whole-number" });
    expect(parseAttendeeCount("2.5")).toMatchObject({ ok: false, reason: "not-a-whole-number" });
    expect(parseAttendeeCount("-4")).toMatchObject({ ok: false, reason: "out-of-range", vars: { min: 1, max: 500 } });
    expect(parseAttendeeCount("501")).toMatchObject({ ok: false, reason: "out-of-range" });
    expect(parseAttendeeCount("12")).toEqual({ ok: true, value: 12 });
  });
});

describe("parseReadingMinutes", () => {
  it.each([
    ["30", 30],
    ["45 menit", 45],
    ["45menit", 45],
    ["20 mnt", 20],
    ["1 jam", 60],
    ["1,5 jam", 90],
    ["1.5 jam", 90],
    ["2 jam 15 menit", 135],
    ["1 jam 5", 65],
    ["10 jam", READING_MINUTES_MAX],
  ])("reads %j as %d minutes", (raw, minutes) => {
    expect(parseReadingMinutes(raw)).toEqual({ ok: true, value: minutes });
  });

  it.each([
    ["", "empty"],
    ["2,5", "not-a-whole-number"],
    ["2.5", "not-a-whole-number"],
    ["-30", "reading-minutes-out-of-range"],
    ["-30 menit", "reading-minutes-out-of-range"],
    ["0", "reading-minutes-out-of-range"],
    ["601", "reading-minutes-out-of-range"],
    ["11 jam", "reading-minutes-out-of-range"],
    ["1 jam 75 menit", "reading-minutes-unrecognised"],
    ["setengah jam", "reading-minutes-unrecognised"],
    ["😀", "reading-minutes-unrecognised"],
    ["'; drop table reading_log;--", "reading-minutes-unrecognised"],
  ])("refuses %j (%s)", (raw, reason) => {
    expect(parseReadingMinutes(raw)).toMatchObject({ ok: false, reason });
  });
});

describe("parseSessionDate", () => {
  it.each([
    ["hari ini", { year: 2026, month: 11, day: 22 }],
    ["Kemarin", { year: 2026, month: 11, day: 21 }],
    ["kemarin lusa", { year: 2026, month: 11, day: 20 }],
    // A weekday is the latest one, today included: it is Sunday.
    ["Minggu", { year: 2026, month: 11, day: 22 }],
    ["Sabtu", { year: 2026, month: 11, day: 21 }],
    ["hari Senin", { year: 2026, month: 11, day: 16 }],
    ["21/11", { year: 2026, month: 11, day: 21 }],
    ["21/11/2026", { year: 2026, month: 11, day: 21 }],
    ["21-11-26", { year: 2026, month: 11, day: 21 }],
    ["21.11.2026", { year: 2026, month: 11, day: 21 }],
    ["2026-11-01", { year: 2026, month: 11, day: 1 }],
    ["1 November", { year: 2026, month: 11, day: 1 }],
    ["tgl 30 Okt 2026", { year: 2026, month: 10, day: 30 }],
  ])("reads %j", (raw, date) => {
    expect(parseSessionDate(raw, NOW)).toEqual({ ok: true, value: date });
  });

  it.each([
    ["", "empty"],
    ["besok", "reading-date-unrecognised"],
    ["23/11", "reading-date-too-old"], // last year's 23 November
    ["23/11/2026", "reading-date-future"],
    ["2026-12-01", "reading-date-future"],
    ["31/2", "datetime-invalid-date"],
    ["31/11/2026", "datetime-invalid-date"],
    ["1/9/2026", "reading-date-too-old"],
    ["2,5", "reading-date-unrecognised"],
    ["-3", "reading-date-unrecognised"],
    ["😀", "reading-date-unrecognised"],
    ["'; drop table reading_session;--", "reading-date-unrecognised"],
  ])("refuses %j (%s)", (raw, reason) => {
    expect(parseSessionDate(raw, NOW)).toMatchObject({ ok: false, reason });
  });

  it(`takes ${SESSION_DAYS_BACK_MAX} days back and not one more`, () => {
    expect(parseSessionDate("23/9/2026", NOW)).toEqual({ ok: true, value: { year: 2026, month: 9, day: 23 } });
    expect(parseSessionDate("22/9/2026", NOW)).toEqual({ ok: false, reason: "reading-date-too-old", vars: { days: SESSION_DAYS_BACK_MAX } });
  });

  it("reads the day in WIB: 23.30 UTC on the 21st is already the 22nd in Jambi", () => {
    const lateUtc = new Date("2026-11-21T23:30:00Z");
    expect(parseSessionDate("hari ini", lateUtc)).toEqual({ ok: true, value: { year: 2026, month: 11, day: 22 } });
  });
});
