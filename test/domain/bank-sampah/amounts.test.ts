import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineValue, parseQuantity, parseRupiah } from "../../../src/domain/bank-sampah/amounts.js";
import { QUANTITY_MAX } from "../../../src/domain/bank-sampah/limits.js";

const MAX_GRAMS = QUANTITY_MAX * 1000;

describe("parseQuantity for a type weighed in kg (grams out)", () => {
  it.each([
    // No unit: the type's own, kg.
    ["2", 2000],
    ["2,5", 2500],
    ["2.5", 2500],
    ["0,75", 750],
    ["0.75", 750],
    ["0,001", 1],
    ["+2", 2000],
    ["007", 7000],
    // Indonesian thousands dots, with grams.
    ["1.250 gr", 1250],
    ["12.500 g", 12_500],
    ["250.000 gram", 250_000],
    // A scale's reading with a leading zero is a decimal, never a thousands group.
    ["0.250", 250],
    ["0.500 kg", 500],
    ["0.005 kg", 5],
    // Units, spelled as people spell them.
    ["2,5 kg", 2500],
    ["2,5kg", 2500],
    ["2,5 KG", 2500],
    ["2,5 Kg.", 2500],
    ["2 kg.", 2000],
    // A full stop ending the sentence, with no unit.
    ["2.", 2000],
    ["2,5.", 2500],
    ["2 kgs", 2000],
    ["2 kilo", 2000],
    ["2 KILO", 2000],
    ["2 kilogram", 2000],
    ["750 g", 750],
    ["750 gr", 750],
    ["750 gr.", 750],
    ["750gr", 750],
    ["750 grm", 750],
    ["750 gram", 750],
    ["750 GRAM", 750],
    ["5 ons", 500],
    ["2,5 ons", 250],
    // White space and copy-paste debris.
    ["  2,5   kg  ", 2500],
    ["2,5\tkg", 2500],
    ["2,5\u200B kg", 2500],
    ["\uFEFF2,5 kg", 2500],
    // Full-width digits from some keyboards are folded.
    ["２,５ ｋｇ", 2500],
    // Exactly at the limit, and trailing zeros that change nothing.
    ["500", MAX_GRAMS],
    ["500 kg", MAX_GRAMS],
    ["500.000 g", MAX_GRAMS],
    ["2,5000 kg", 2500],
  ])("reads %j as %j g", (text, grams) => {
    expect(parseQuantity(text, "kg")).toEqual({ ok: true, value: grams });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["\n\t", "empty"],
    ["\u200B\uFEFF", "empty"],
    // A unit for liquids on a type weighed in kg.
    ["2 liter", "quantity-wrong-unit"],
    ["2 l", "quantity-wrong-unit"],
    ["2 lt", "quantity-wrong-unit"],
    ["2 ltr", "quantity-wrong-unit"],
    ["500 ml", "quantity-wrong-unit"],
    // Nonsense, emoji, injection-looking text, things that look like numbers but are not.
    ["dua kilo", "quantity-unrecognised"],
    ["abc", "quantity-unrecognised"],
    ["kg", "quantity-unrecognised"],
    ["2 pcs", "quantity-unrecognised"],
    ["2 karung", "quantity-unrecognised"],
    ["2 kg 500 g", "quantity-unrecognised"],
    ["2-3 kg", "quantity-unrecognised"],
    ["2/3 kg", "quantity-unrecognised"],
    ["1e3", "quantity-unrecognised"],
    ["0x10", "quantity-unrecognised"],
    ["Infinity", "quantity-unrecognised"],
    ["NaN", "quantity-unrecognised"],
    ["1.5.2", "quantity-unrecognised"],
    ["1,5,2", "quantity-unrecognised"],
    ["1.25.000", "quantity-unrecognised"],
    [".5", "quantity-unrecognised"],
    [",5", "quantity-unrecognised"],
    ["2,", "quantity-unrecognised"],
    ["🍾", "quantity-unrecognised"],
    ["2 🍾", "quantity-unrecognised"],
    ["2,5 kg 👍", "quantity-unrecognised"],
    ["2'; drop table ledger_entry; --", "quantity-unrecognised"],
    ["1 or 1=1", "quantity-unrecognised"],
    ["<b>2</b>", "quantity-unrecognised"],
    ["٢", "quantity-unrecognised"], // Arabic-Indic digit two: not folded to 2 by NFKC
    // Not positive.
    ["0", "quantity-not-positive"],
    ["0 kg", "quantity-not-positive"],
    ["0,0", "quantity-not-positive"],
    ["0.000 kg", "quantity-not-positive"],
    ["-2", "quantity-not-positive"],
    ["-2,5 kg", "quantity-not-positive"],
    ["- 2 kg", "quantity-not-positive"],
    ["-0", "quantity-not-positive"],
    // Finer than a gram is refused, not rounded.
    ["2,5555 kg", "quantity-too-precise"],
    ["2,5555", "quantity-too-precise"],
    ["0,0001", "quantity-too-precise"],
    ["1,5 g", "quantity-too-precise"],
    ["0,5 gr", "quantity-too-precise"],
    ["1,001 ons", "quantity-too-precise"],
    // Absurd sizes.
    ["1.250 kg", "quantity-too-large"],
    ["1.250", "quantity-too-large"],
    ["1.250,5 kg", "quantity-too-large"],
    ["500,001 kg", "quantity-too-large"],
    ["501", "quantity-too-large"],
    ["500.001 g", "quantity-too-large"],
    ["5.001 ons", "quantity-too-large"],
    ["1.000.000", "quantity-too-large"],
    ["999999999999999", "quantity-too-large"],
    ["99999999999999999999", "quantity-unrecognised"],
    ["9".repeat(400), "quantity-unrecognised"],
    ["2,5 kg" + " ".repeat(5000), undefined],
    ["2".repeat(5000), "quantity-unrecognised"],
    ["2,5 " + "k".repeat(5000), "quantity-unrecognised"],
  ])("refuses %j (%s)", (text, reason) => {
    const parsed = parseQuantity(text, "kg");
    // Trailing white space is not a refusal, however much of it.
    if (reason === undefined) return expect(parsed).toEqual({ ok: true, value: 2500 });
    expect(parsed).toMatchObject({ ok: false, reason });
  });

  it("says what the limit is when a line is too large", () => {
    expect(parseQuantity("501 kg", "kg")).toEqual({ ok: false, reason: "quantity-too-large", vars: { max: QUANTITY_MAX } });
  });
});

describe("parseQuantity for a type measured in liters (millilitres out)", () => {
  it.each([
    ["1,2 liter", 1200],
    ["1.2 liter", 1200],
    ["1,2", 1200],
    ["2 l", 2000],
    ["2 L", 2000],
    ["2 lt", 2000],
    ["2 Lt.", 2000],
    ["2 ltr", 2000],
    ["2 litre", 2000],
    ["2 LITER", 2000],
    ["500 ml", 500],
    ["500ml", 500],
    ["1.500 ml", 1500],
    ["0.750 liter", 750],
  ])("reads %j as %j ml", (text, ml) => {
    expect(parseQuantity(text, "liter")).toEqual({ ok: true, value: ml });
  });

  it.each([
    ["2 kg", "quantity-wrong-unit"],
    ["750 gr", "quantity-wrong-unit"],
    ["5 ons", "quantity-wrong-unit"],
    ["2 kilo", "quantity-wrong-unit"],
    ["2 cc", "quantity-unrecognised"],
    ["2 botol", "quantity-unrecognised"],
    ["0,5 ml", "quantity-too-precise"],
    ["1,2345 l", "quantity-too-precise"],
    ["-1 l", "quantity-not-positive"],
    ["0 ml", "quantity-not-positive"],
    ["501 liter", "quantity-too-large"],
    ["1.000 l", "quantity-too-large"],
    ["", "empty"],
  ])("refuses %j (%s)", (text, reason) => {
    expect(parseQuantity(text, "liter")).toMatchObject({ ok: false, reason });
  });
});

describe("parseRupiah", () => {
  const MAX = 100_000_000;

  it.each([
    ["12500", 12_500],
    ["12.500", 12_500],
    ["Rp 12.500", 12_500],
    ["Rp 12.500,-", 12_500],
    ["Rp12.500,00", 12_500],
    ["rp12500", 12_500],
    ["RP. 12.500", 12_500],
    ["Rp. 12.500,-", 12_500],
    ["12.500,-", 12_500],
    ["12.500.-", 12_500],
    ["12,5 rb", 12_500],
    ["12,5rb", 12_500],
    ["12.5 rb", 12_500],
    ["12 ribu", 12_000],
    ["12 RB", 12_000],
    ["12k", 12_000],
    ["1 jt", 1_000_000],
    ["1 JT", 1_000_000],
    ["1,5 juta", 1_500_000],
    ["1.5 jt", 1_500_000],
    ["1,25 jt", 1_250_000],
    ["Rp 1.000.000,00", 1_000_000],
    ["  Rp   5.000  ", 5000],
    ["１２．５００", 12_500],
    ["1", 1],
    ["100.000.000", MAX],
  ])("reads %j as Rp %j", (text, rupiah) => {
    expect(parseRupiah(text, 1, MAX)).toEqual({ ok: true, value: rupiah });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["Rp", "empty"],
    ["Rp ,-", "empty"],
    // Thousands written the English way: 12,500 could be twelve and a half thousand or 12.5.
    ["12,500", "money-ambiguous"],
    ["1,250,000", "money-ambiguous"],
    ["Rp 12,500", "money-ambiguous"],
    // Sen do not exist.
    ["12,5", "money-not-whole"],
    ["12.500,50", "money-not-whole"],
    ["0,5", "money-not-whole"],
    ["1,2345 rb", "money-not-whole"],
    ["0.500", "money-not-whole"],
    // Out of range.
    ["-5000", "money-out-of-range"],
    ["-5.000", "money-out-of-range"],
    ["Rp -5.000", "money-out-of-range"],
    ["0", "money-out-of-range"],
    ["100.000.001", "money-out-of-range"],
    ["101 jt", "money-out-of-range"],
    ["999999999999999", "money-out-of-range"],
    // Nonsense.
    ["dua ribu", "money-unrecognised"],
    ["12 dolar", "money-unrecognised"],
    ["12 rb 500", "money-unrecognised"],
    ["$12", "money-unrecognised"],
    ["💰", "money-unrecognised"],
    ["5000; delete from bank_account", "money-unrecognised"],
    ["1e6", "money-unrecognised"],
    ["1.2.3", "money-unrecognised"],
    ["-Rp 5.000", "money-unrecognised"],
    ["9".repeat(5000), "money-unrecognised"],
    ["Rp " + "1".repeat(60), "money-unrecognised"],
  ])("refuses %j (%s)", (text, reason) => {
    expect(parseRupiah(text, 1, MAX)).toMatchObject({ ok: false, reason });
  });

  it("uses the caller's bounds and reports them", () => {
    expect(parseRupiah("500", 1000, 5000)).toEqual({ ok: false, reason: "money-out-of-range", vars: { min: 1000, max: 5000 } });
    expect(parseRupiah("1.000", 1000, 5000)).toEqual({ ok: true, value: 1000 });
    expect(parseRupiah("5 rb", 1000, 5000)).toEqual({ ok: true, value: 5000 });
    expect(parseRupiah("5.001", 1000, 5000)).toMatchObject({ ok: false, reason: "money-out-of-range" });
    expect(parseRupiah("0", 0, 5000)).toEqual({ ok: true, value: 0 });
  });
});

describe("lineValue", () => {
  it.each([
    // quantity (g or ml), Rupiah per kg or liter, value: halves go up.
    [2500, 3000, 7500],
    [1, 499, 0], // 0,499 → 0
    [1, 500, 1], // 0,5 → 1
    [1, 501, 1],
    [1, 1499, 1], // 1,499 → 1
    [1, 1500, 2], // 1,5 → 2
    [250, 1800, 450],
    [333, 1500, 500], // 499,5 → 500
    [333, 1000, 333],
    [1, 300, 0], // a gram of glass is worth nothing, and is not refused
    [750, 5000, 3750],
    [MAX_GRAMS, 10_000_000, 5_000_000_000],
  ])("%j × Rp %j = Rp %j", (quantity, price, value) => {
    expect(lineValue(quantity, price)).toBe(value);
  });

  it("is the product rounded to the nearest Rupiah, halves up", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_GRAMS }), fc.integer({ min: 0, max: 10_000_000 }), (quantity, price) => {
        const value = lineValue(quantity, price);
        expect(value).toBe(Math.round((quantity * price) / 1000));
        // Exactly: the value is within half a Rupiah, and a half goes up.
        const thousandths = quantity * price - value * 1000;
        expect(thousandths).toBeGreaterThanOrEqual(-500);
        expect(thousandths).toBeLessThan(500);
      }),
    );
  });

  it("rounds every exact half up", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), (whole) => {
        // price 500 per kg on an odd number of grams is always a half
        const quantity = 2 * whole + 1;
        if (quantity > MAX_GRAMS) return;
        expect(lineValue(quantity, 500)).toBe(whole + 1);
      }),
    );
  });

  it("never goes down when the quantity or the price goes up", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_GRAMS - 1 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 10_000_000 - 1 }),
        fc.integer({ min: 1, max: 1000 }),
        (quantity, moreQuantity, price, morePrice) => {
          expect(lineValue(Math.min(quantity + moreQuantity, MAX_GRAMS), price)).toBeGreaterThanOrEqual(lineValue(quantity, price));
          expect(lineValue(quantity, Math.min(price + morePrice, 10_000_000))).toBeGreaterThanOrEqual(lineValue(quantity, price));
        },
      ),
    );
  });
});

describe("parseQuantity round trips", () => {
  const grams = fc.integer({ min: 1, max: MAX_GRAMS });
  const indonesian = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 3, useGrouping: true });

  it("the Intl formatter writes Indonesian numbers (comma decimals, dot thousands)", () => {
    // If this fails the properties below test nothing Indonesian.
    expect(indonesian.format(1250.5)).toBe("1.250,5");
  });

  it("reads back kilograms written the Indonesian way, with or without the unit", () => {
    fc.assert(
      fc.property(grams, fc.constantFrom("", " kg", "kg", " Kg.", " kilo"), (amount, unit) => {
        expect(parseQuantity(indonesian.format(amount / 1000) + unit, "kg")).toEqual({ ok: true, value: amount });
      }),
    );
  });

  it("reads back grams written with thousands dots", () => {
    fc.assert(
      fc.property(grams, fc.constantFrom(" g", " gr", "gr", " gram"), (amount, unit) => {
        expect(parseQuantity(indonesian.format(amount) + unit, "kg")).toEqual({ ok: true, value: amount });
      }),
    );
  });

  it("reads back millilitres written as liters or ml", () => {
    fc.assert(
      fc.property(grams, (amount) => {
        expect(parseQuantity(`${indonesian.format(amount / 1000)} liter`, "liter")).toEqual({ ok: true, value: amount });
        expect(parseQuantity(`${indonesian.format(amount)} ml`, "liter")).toEqual({ ok: true, value: amount });
      }),
    );
  });

  it("never misreads a scale's three-decimal reading with a dot: the right amount, or a refusal", () => {
    // "0.250 kg" is a quarter kilo; "2.500 kg" is Indonesian for 2500 kg, over the limit and refused.
    fc.assert(
      fc.property(grams, (amount) => {
        const parsed = parseQuantity(`${(amount / 1000).toFixed(3)} kg`, "kg");
        if (parsed.ok) expect(parsed.value).toBe(amount);
        else expect(parsed.reason).toBe("quantity-too-large");
      }),
    );
  });

  it("reads back Rupiah written the Indonesian way, with or without Rp", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.constantFrom("", "Rp ", "Rp", "Rp. "), fc.constantFrom("", ",-", ",00"), (rupiah, prefix, suffix) => {
        expect(parseRupiah(prefix + new Intl.NumberFormat("id-ID").format(rupiah) + suffix, 1, 100_000_000)).toEqual({ ok: true, value: rupiah });
      }),
    );
  });
});
