import { describe, expect, it } from "vitest";
import { looksLikeCode, normaliseCode } from "../../../src/domain/events/attendance.js";

describe("check-in code recognition", () => {
  it("takes codes as residents type them", () => {
    for (const text of ["ABC234", "abc234", "ABC 234", "abc-234", " A B C 2 3 4 "]) expect(looksLikeCode(text), text).toBe(true);
    expect(normaliseCode("abc 234")).toBe("ABC234");
  });

  it("does not take ordinary words, numbers or near-misses for a code", () => {
    for (const text of ["MANTAP", "siappp", "123", "ABC2345", "ABC23", "ABO234", "ABC1 34", "halo semua", "😀😀😀😀😀😀", ""]) {
      expect(looksLikeCode(text), text).toBe(false);
    }
  });
});
