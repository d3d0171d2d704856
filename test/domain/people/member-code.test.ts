import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memberCode, parseMemberCode } from "../../../src/domain/people/member-code.js";

const personId = fc.integer({ min: 1, max: 99_999_999 });

/** The digits after the W, with one of them changed as a slip of the finger would. */
function digitsOf(code: string): string {
  return code.slice(1);
}

describe("member codes", () => {
  it.each([
    [1, "W18"],
    [7, "W75"],
    [123, "W1230"],
    [4567, "W45674"],
  ])("person %j has the code %j", (id, code) => {
    expect(memberCode(id)).toBe(code);
    expect(parseMemberCode(code)).toBe(id);
  });

  it("reads back every person's code", () => {
    fc.assert(
      fc.property(personId, (id) => {
        expect(memberCode(id)).toMatch(/^W\d{2,}$/);
        expect(parseMemberCode(memberCode(id))).toBe(id);
      }),
    );
  });

  it("accepts the forms people type it in", () => {
    for (const typed of ["W1230", "w1230", "W 1230", "w-1230", "W-1230", "  W1230  ", "\tw 1230\n"]) expect(parseMemberCode(typed), typed).toBe(123);
  });

  it.each([
    "",
    "W",
    "1230",
    "W1",
    "W 12 30",
    "W--1230",
    "W  1230",
    "X1230",
    "WW1230",
    "W1230a",
    "W12.30",
    "W-1230-",
    "W١٢٣٠",
    "W" + "1".repeat(13),
    "W" + "9".repeat(5000),
    "W00", // check digit fine, but no person 0
    "W1230; drop table person",
  ])("refuses %j", (typed) => {
    expect(parseMemberCode(typed)).toBeNull();
  });

  it("catches any single mistyped digit", () => {
    fc.assert(
      fc.property(personId, fc.nat(), fc.integer({ min: 1, max: 9 }), (id, at, shift) => {
        const digits = digitsOf(memberCode(id));
        const index = at % digits.length;
        const wrong = (Number(digits[index]) + shift) % 10;
        const typo = digits.slice(0, index) + wrong + digits.slice(index + 1);
        // A slip that turns the code into another valid one would name the wrong resident.
        expect(parseMemberCode(`W${typo}`)).toBeNull();
      }),
    );
  });

  it("catches two swapped neighbours, except 0 and 9 (the one swap Luhn cannot see)", () => {
    let checked = 0;
    fc.assert(
      fc.property(personId, fc.nat(), (id, at) => {
        const digits = digitsOf(memberCode(id));
        const index = at % (digits.length - 1);
        const [a, b] = [digits[index]!, digits[index + 1]!];
        if (a === b || (a === "0" && b === "9") || (a === "9" && b === "0")) return;
        checked++;
        const swapped = digits.slice(0, index) + b + a + digits.slice(index + 2);
        expect(parseMemberCode(`W${swapped}`)).toBeNull();
      }),
      { numRuns: 500 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it("the check digit is what catches a wrong digit (not the shape of the code)", () => {
    // W1230 is person 123; W1240 has the right shape but the wrong check digit for 124.
    expect(parseMemberCode("W1240")).toBeNull();
    expect(parseMemberCode(memberCode(124))).toBe(124);
  });
});
