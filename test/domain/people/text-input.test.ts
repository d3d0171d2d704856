import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HOUSEHOLD_MAX, NAME_MAX, parseDisplayName, parseHouseholdLabel, parseNotes, parsePlace, parseWholeNumber } from "../../../src/domain/people/text-input.js";
import { looksBlank } from "../../../src/domain/text-limits.js";

const ZERO_WIDTH = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"];

/**
 * Characters that show as nothing, or as a blank, and are not white space to a regular expression:
 * Hangul fillers (U+3164, U+115F, U+1160, U+FFA0), the braille blank, variation selectors, the soft
 * hyphen, the combining grapheme joiner, the Mongolian vowel separator, invisible operators, the
 * Arabic letter mark, Khmer inherent vowels, and tag characters.
 */
const INVISIBLE = ["\u3164", "\u115F", "\u1160", "\uFFA0", "\u2800", "\uFE0F", "\uFE00", "\u{E0100}", "\u00AD", "\u034F", "\u180E", "\u2062", "\u061C", "\u17B4", "\u{E0041}", "\u{E007F}"];

describe("parseDisplayName", () => {
  it.each([
    ["Siti Aminah", "Siti Aminah"],
    ["  Siti   Aminah  ", "Siti Aminah"],
    ["Siti\nAminah", "Siti Aminah"],
    ["Siti\u200B Ami\uFEFFnah", "Siti Aminah"],
    ["O'Brien", "O'Brien"],
    ["Drs. H. M. Nasir, S.H.", "Drs. H. M. Nasir, S.H."],
    ["Ahmad bin Abdul-Rahman", "Ahmad bin Abdul-Rahman"],
    ["Jo", "Jo"],
    // Other scripts are names too.
    ["محمد علي", "محمد علي"],
    ["李小龍", "李小龍"],
    ["Ŝtefan Müller", "Ŝtefan Müller"],
    ["Дмитрий", "Дмитрий"],
    // Combining marks are folded to their composed form.
    ["Jose\u0301", "José"],
    ["a".repeat(NAME_MAX), "a".repeat(NAME_MAX)],
  ])("accepts %j as %j", (raw, expected) => {
    expect(parseDisplayName(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", "empty"],
    ["   \n\t ", "empty"],
    [ZERO_WIDTH.join(""), "empty"],
    ["A", "too-short"],
    ["a".repeat(NAME_MAX + 1), "too-long"],
    ["x".repeat(10_000), "too-long"],
    ["😀😀", "name-characters"],
    ["Siti 😀", "name-characters"],
    ["Budi2", "name-characters"],
    ["2,5", "name-characters"],
    ["2.5", "name-characters"],
    ["-1", "name-characters"],
    ["'Siti", "name-characters"],
    ["Robert'); DROP TABLE person;--", "name-characters"],
    ["1' OR '1'='1", "name-characters"],
    ["<b>Siti</b>", "name-characters"],
    ["Siti @admin", "name-characters"],
  ])("refuses %j as %s", (raw, reason) => {
    const parsed = parseDisplayName(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toBe(reason);
  });

  it("names the limits it refuses with", () => {
    expect(parseDisplayName("A")).toEqual({ ok: false, reason: "too-short", vars: { min: 2 } });
    expect(parseDisplayName("a".repeat(65))).toEqual({ ok: false, reason: "too-long", vars: { max: NAME_MAX } });
  });
});

describe("parseHouseholdLabel", () => {
  it.each([
    ["Keluarga Pak Budi", "Keluarga Pak Budi"],
    ["Kel. Pak Budi, No. 12/B", "Kel. Pak Budi, No. 12/B"],
    ["No. 12B", "No. 12B"],
    ["12", "12"],
    ["Blok C-5 (belakang masjid)", "Blok C-5 (belakang masjid)"],
    ["Rumah #7", "Rumah #7"],
    ["Keluarga O'Neil", "Keluarga O'Neil"],
    ["Keluarga Pak Budi\nNo. 12", "Keluarga Pak Budi No. 12"],
    ["No.\u200B 5", "No. 5"],
    ["٣ بيت", "٣ بيت"], // Arabic-Indic digits are digits
    ["x".repeat(HOUSEHOLD_MAX), "x".repeat(HOUSEHOLD_MAX)],
  ])("accepts %j as %j", (raw, expected) => {
    expect(parseHouseholdLabel(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", "empty"],
    ["  ", "empty"],
    ["\u200B\u200D", "empty"],
    ["x".repeat(HOUSEHOLD_MAX + 1), "too-long"],
    ["x".repeat(10_000), "too-long"],
    ["🏠", "household-characters"],
    ["Rumah 🏠 12", "household-characters"],
    ["-1", "household-characters"],
    ["Robert'); DROP TABLE person;--", "household-characters"],
    ["1' OR '1'='1", "household-characters"],
    ["/start", "household-characters"],
  ])("refuses %j as %s", (raw, reason) => {
    const parsed = parseHouseholdLabel(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toBe(reason);
  });
});

describe("text that shows as nothing", () => {
  it.each(INVISIBLE.map((character) => [character.codePointAt(0)!.toString(16).toUpperCase(), character]))("U+%s alone, or repeated around spaces, is empty everywhere", (_code, character) => {
    for (const raw of [character, `${character}${character}${character}`, ` ${character} \n ${character} `]) {
      expect(looksBlank(raw)).toBe(true);
      for (const parse of [parseDisplayName, parseHouseholdLabel, parsePlace, parseNotes]) expect(parse(raw), raw).toEqual({ ok: false, reason: "empty" });
    }
  });

  it("refuses a name or household made of all of them at once, and a lone letter among them is too short", () => {
    const all = INVISIBLE.join("");
    expect(parseDisplayName(all)).toEqual({ ok: false, reason: "empty" });
    expect(parseHouseholdLabel(all)).toEqual({ ok: false, reason: "empty" });
    expect(parseDisplayName(`${all}A${all}`)).toEqual({ ok: false, reason: "too-short", vars: { min: 2 } });
  });

  it("reads the blank-looking ones as a space and drops the others", () => {
    expect(parseDisplayName("Siti\u3164Aminah")).toEqual({ ok: true, value: "Siti Aminah" });
    expect(parseDisplayName("Siti\u2800\u2800Aminah")).toEqual({ ok: true, value: "Siti Aminah" });
    expect(parseDisplayName("Si\u00ADti Ami\uFE0Fnah\u{E0041}")).toEqual({ ok: true, value: "Siti Aminah" });
    expect(parseHouseholdLabel("\u3164No. 12\u3164")).toEqual({ ok: true, value: "No. 12" });
  });

  it.each([
    ["combining marks only", "\u0301\u0308\u0301"],
    ["combining marks around a blank", "\u0301 \u0308"],
    ["a mark before the name", "\u0301Siti"],
    ["a stack of marks on a letter (Zalgo)", "S\u0301\u0302\u0303\u0304\u0305iti"],
  ])("refuses %s in a name, a household and a place", (_label, raw) => {
    expect(parseDisplayName(raw)).toEqual({ ok: false, reason: "name-characters" });
    expect(parseHouseholdLabel(raw)).toMatchObject({ ok: false });
    expect(parsePlace(raw)).toMatchObject({ ok: false });
  });

  it("takes the marks real names carry: Vietnamese, Thai, Devanagari", () => {
    expect(parseDisplayName("Nguyễn Thị Ánh").ok).toBe(true);
    expect(parseDisplayName("Nguye\u0302\u0303n").ok).toBe(true); // decomposed: composed by NFC
    expect(parseDisplayName("สมชาย ใจดี").ok).toBe(true);
    expect(parseDisplayName("देवेन्द्र").ok).toBe(true);
  });

  it("refuses notes that are only marks on nothing", () => {
    expect(parseNotes("\u0301\u0301")).toEqual({ ok: false, reason: "empty" });
    expect(parseNotes("👍")).toEqual({ ok: true, value: "👍" });
  });
});

describe("parseWholeNumber", () => {
  it.each([
    ["120", 120],
    [" 120 ", 120],
    ["0", 0],
    ["007", 7],
    ["1.200", 1200],
    ["10.000", 10_000],
    ["1.234.567", 1_234_567],
    ["\u200B42", 42],
  ])("reads %j as %d", (raw, expected) => {
    expect(parseWholeNumber(raw, 0, 10_000_000)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["2,5", "not-a-whole-number"],
    ["2.5", "not-a-whole-number"],
    ["1,200", "not-a-whole-number"],
    ["12.50", "not-a-whole-number"],
    ["-1", "out-of-range"],
    ["-2,5", "out-of-range"],
    ["99999999999999999999", "out-of-range"],
    ["1e3", "not-a-number"],
    ["+5", "not-a-number"],
    ["0x10", "not-a-number"],
    ["12 KK", "not-a-number"],
    ["dua belas", "not-a-number"],
    ["1.20", "not-a-whole-number"],
    ["1..200", "not-a-number"],
    ["١٢", "not-a-number"], // only ASCII digits are read as numbers
    ["Infinity", "not-a-number"],
    ["NaN", "not-a-number"],
    ["🔟", "not-a-number"],
    ["1' OR '1'='1", "not-a-number"],
  ])("refuses %j as %s", (raw, reason) => {
    const parsed = parseWholeNumber(raw, 0, 10_000_000);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toBe(reason);
  });

  it("refuses huge numbers without trying to read them", () => {
    expect(parseWholeNumber(String(Number.MAX_SAFE_INTEGER + 2), 0, Number.MAX_SAFE_INTEGER)).toMatchObject({ ok: false, reason: "out-of-range" });
    expect(parseWholeNumber("9".repeat(10_000), 0, 10_000).ok).toBe(false);
    expect(parseWholeNumber("1.000.000.000.000.000.000", 0, 10_000).ok).toBe(false);
  });

  it("keeps to the range it is given, and says what the range is", () => {
    expect(parseWholeNumber("5", 1, 999)).toEqual({ ok: true, value: 5 });
    expect(parseWholeNumber("0", 1, 999)).toEqual({ ok: false, reason: "out-of-range", vars: { min: 1, max: 999 } });
    expect(parseWholeNumber("1.000", 1, 999)).toEqual({ ok: false, reason: "out-of-range", vars: { min: 1, max: 999 } });
    expect(parseWholeNumber("999", 1, 999)).toEqual({ ok: true, value: 999 });
  });
});

describe("properties", () => {
  it("reads back every whole number written plainly or with Indonesian thousands dots", () => {
    const withDots = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    // Up to hundreds of trillions (Rupiah amounts fit with room to spare); longer text is not read.
    const max = 999_999_999_999_999;
    fc.assert(
      fc.property(fc.integer({ min: 0, max }), (n) => {
        expect(parseWholeNumber(String(n), 0, max)).toEqual({ ok: true, value: n });
        expect(parseWholeNumber(withDots(n), 0, max)).toEqual({ ok: true, value: n });
      }),
    );
  });

  it("never accepts a decimal with a comma", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 99 }), (whole, fraction) => {
        expect(parseWholeNumber(`${whole},${fraction}`, 0, Number.MAX_SAFE_INTEGER).ok).toBe(false);
      }),
    );
  });

  it("returns either a tidy value within bounds or a reason, for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (raw) => {
        for (const [parse, max] of [[parseDisplayName, NAME_MAX], [parseHouseholdLabel, HOUSEHOLD_MAX]] as const) {
          const parsed = parse(raw);
          if (parsed.ok) {
            expect(parsed.value.length).toBeGreaterThan(0);
            expect(parsed.value.length).toBeLessThanOrEqual(max);
            expect(parsed.value).toBe(parsed.value.trim());
            expect(parsed.value).not.toMatch(/\s{2}|[\n\r\t\u200B-\u200D\u2060\uFEFF]/);
            expect(parsed.value).not.toMatch(/\p{Extended_Pictographic}/u);
            // Parsing is stable: a stored value reads back as itself.
            expect(parse(parsed.value)).toEqual(parsed);
          } else {
            expect(["empty", "too-short", "too-long", "name-characters", "household-characters"]).toContain(parsed.reason);
          }
        }
      }),
    );
  });

  it("refuses a pictograph that Unicode files as a letter (ℹ, U+2139), as a name, a household or a place", () => {
    expect(parseDisplayName("ℹ").ok).toBe(false);
    expect(parseDisplayName("Budi ℹ").ok).toBe(false);
    expect(parseHouseholdLabel("ℹ").ok).toBe(false);
    expect(parseHouseholdLabel("Rumah ℹ 5").ok).toBe(false);
    expect(parsePlace("Pos ℹ").ok).toBe(false);
    // Letters of any script still pass.
    expect(parseHouseholdLabel("Rumah Ö 5").ok).toBe(true);
  });

  it("refuses any name with an emoji in it", () => {
    const emoji = fc.constantFrom("😀", "🏠", "👍🏽", "❤️", "🇮🇩", "✅");
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z ]{0,20}$/), emoji, fc.stringMatching(/^[A-Za-z ]{0,20}$/), (before, icon, after) => {
        expect(parseDisplayName(`${before}${icon}${after}`).ok).toBe(false);
        expect(parseHouseholdLabel(`${before}${icon}${after}`).ok).toBe(false);
      }),
    );
  });
});
