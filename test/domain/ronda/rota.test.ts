import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRota, generateRota, type Rota, type RotaInput, type RotaNight, type RotaVolunteer } from "../../../src/domain/ronda/rota.js";

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 0, 4) / DAY_MS; // Minggu 4 Januari 2026

function nightOn(day: number): RotaNight {
  const date = new Date(day * DAY_MS);
  const iso = date.toISOString().slice(0, 10);
  return { key: `ronda-${iso}`, date: iso, weekday: date.getUTCDay() };
}

/** `count` nights on consecutive dates, starting on a Sunday unless told otherwise. */
function consecutiveNights(count: number, firstDay = FIRST_DAY): RotaNight[] {
  return Array.from({ length: count }, (_, index) => nightOn(firstDay + index));
}

function volunteer(id: number, options: Partial<Omit<RotaVolunteer, "id">> = {}): RotaVolunteer {
  return { id, unavailableWeekdays: [], unavailableDates: [], ...options };
}

function volunteers(count: number): RotaVolunteer[] {
  return Array.from({ length: count }, (_, index) => volunteer(index + 1));
}

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

function available(input: RotaInput, night: RotaNight): RotaVolunteer[] {
  return input.volunteers.filter((v) => !v.unavailableWeekdays.includes(night.weekday) && !v.unavailableDates.includes(night.date));
}

function countOf(rota: Rota, id: number): number {
  return rota.counts.get(id) ?? 0;
}

function spread(rota: Rota, ids: number[]): number {
  const counts = ids.map((id) => countOf(rota, id));
  return Math.max(...counts) - Math.min(...counts);
}

/** Per volunteer, the calendar days they watch. */
function daysOnWatch(input: RotaInput, rota: Rota): Map<number, number[]> {
  const days = new Map<number, number[]>();
  rota.assignments.forEach((assignment, index) => {
    for (const id of assignment.volunteerIds) days.set(id, [...(days.get(id) ?? []), dayOf(input.nights[index]!.date)]);
  });
  return days;
}

function backToBackOf(days: number[]): number {
  const set = new Set(days);
  return days.filter((day) => set.has(day + 1)).length;
}

function backToBack(input: RotaInput, rota: Rota): number {
  return [...daysOnWatch(input, rota).values()].reduce((sum, days) => sum + backToBackOf(days), 0);
}

describe("generateRota: table cases", () => {
  it("shares 7 nights × 2 per shift among 5 volunteers 3-3-3-3-2, the extra shifts to the lowest ids", () => {
    const input: RotaInput = { nights: consecutiveNights(7), perShift: 2, volunteers: volunteers(5) };
    const rota = generateRota(input);
    expect(checkRota(input, rota)).toEqual([]);
    expect(rota.assignments.map((a) => a.volunteerIds.length)).toEqual([2, 2, 2, 2, 2, 2, 2]);
    expect([...rota.counts]).toEqual([[1, 3], [2, 3], [3, 3], [4, 3], [5, 2]]);
    expect(rota.shortfalls).toEqual([]);
    expect(backToBack(input, rota)).toBe(0);
  });

  it("keeps people off the weekdays they cannot do and stays balanced", () => {
    const input: RotaInput = {
      nights: consecutiveNights(14),
      perShift: 1,
      volunteers: [
        volunteer(1, { unavailableWeekdays: [5, 6] }), // works on Fridays and Saturdays
        volunteer(2, { unavailableWeekdays: [0] }), // Sunday church
        volunteer(3, { unavailableWeekdays: [1, 2, 3] }),
        volunteer(4),
      ],
    };
    const rota = generateRota(input);
    expect(checkRota(input, rota)).toEqual([]);
    rota.assignments.forEach((assignment, index) => {
      const weekday = input.nights[index]!.weekday;
      if (weekday === 5 || weekday === 6) expect(assignment.volunteerIds).not.toContain(1);
      if (weekday === 0) expect(assignment.volunteerIds).not.toContain(2);
      if ([1, 2, 3].includes(weekday)) expect(assignment.volunteerIds).not.toContain(3);
    });
    // 14 shifts for 4 people: 4-4-3-3, the extra ones to ids 1 and 2.
    expect([...rota.counts]).toEqual([[1, 4], [2, 4], [3, 3], [4, 3]]);
  });

  it("gives 0 shifts to someone who can do no night, without calling it a shortfall", () => {
    const nights = consecutiveNights(6);
    const input: RotaInput = {
      nights,
      perShift: 2,
      volunteers: [...volunteers(4), volunteer(9, { unavailableDates: nights.map((n) => n.date) })],
    };
    const rota = generateRota(input);
    expect(checkRota(input, rota)).toEqual([]);
    expect(rota.counts.get(9)).toBe(0);
    expect(rota.shortfalls).toEqual([]);
    expect([1, 2, 3, 4].map((id) => countOf(rota, id))).toEqual([3, 3, 3, 3]);
  });

  it("staffs nights as fully as it can and reports what is missing", () => {
    const nights = consecutiveNights(4);
    const input: RotaInput = {
      nights,
      perShift: 3,
      volunteers: [volunteer(1), volunteer(2, { unavailableDates: [nights[2]!.date] })],
    };
    const rota = generateRota(input);
    expect(checkRota(input, rota)).toEqual([]);
    expect(rota.assignments.map((a) => a.volunteerIds)).toEqual([[1, 2], [1, 2], [1], [1, 2]]);
    expect(rota.shortfalls).toEqual([
      { nightKey: nights[0]!.key, missing: 1 },
      { nightKey: nights[1]!.key, missing: 1 },
      { nightKey: nights[2]!.key, missing: 2 },
      { nightKey: nights[3]!.key, missing: 1 },
    ]);
  });

  it("reports every night short when nobody takes part", () => {
    const input: RotaInput = { nights: consecutiveNights(2), perShift: 2, volunteers: [] };
    const rota = generateRota(input);
    expect(checkRota(input, rota)).toEqual([]);
    expect(rota.assignments.map((a) => a.volunteerIds)).toEqual([[], []]);
    expect(rota.shortfalls.map((s) => s.missing)).toEqual([2, 2]);
    expect(rota.counts.size).toBe(0);
  });

  it("plans 4 weeks of Friday and Saturday nights without anyone doing both nights of a weekend", () => {
    const firstFriday = FIRST_DAY + 5;
    const nights = [0, 1, 2, 3].flatMap((week) => [nightOn(firstFriday + 7 * week), nightOn(firstFriday + 7 * week + 1)]);
    expect(nights.map((n) => n.weekday)).toEqual([5, 6, 5, 6, 5, 6, 5, 6]);
    const input: RotaInput = { nights, perShift: 2, volunteers: volunteers(6) };
    const rota = generateRota(input);
    expect(checkRota(input, rota)).toEqual([]);
    expect([...rota.counts.values()].sort()).toEqual([2, 2, 3, 3, 3, 3]);
    expect(backToBack(input, rota)).toBe(0);
  });

  it("puts nobody on two nights in a row when there are enough people", () => {
    const sixPeople: RotaInput = { nights: consecutiveNights(6), perShift: 1, volunteers: volunteers(6) };
    const sixRota = generateRota(sixPeople);
    expect(checkRota(sixPeople, sixRota)).toEqual([]);
    expect(backToBack(sixPeople, sixRota)).toBe(0);

    // Three people, two nights each: only a strict rotation avoids back-to-back nights.
    const threePeople: RotaInput = { nights: consecutiveNights(6), perShift: 1, volunteers: volunteers(3) };
    const threeRota = generateRota(threePeople);
    expect(threeRota.assignments.map((a) => a.volunteerIds)).toEqual([[1], [2], [3], [1], [2], [3]]);
  });

  it("swaps people apart when the balancing left someone on two nights in a row", () => {
    // Volunteer 2 cannot do the last night, so 1 must; with 2 nights each, the only rota
    // without back-to-back nights is 2-1-2-1.
    const nights = consecutiveNights(4);
    const input: RotaInput = { nights, perShift: 1, volunteers: [volunteer(1), volunteer(2, { unavailableDates: [nights[3]!.date] })] };
    const rota = generateRota(input);
    expect(rota.assignments.map((a) => a.volunteerIds)).toEqual([[2], [1], [2], [1]]);
  });

  it("still staffs every night when back-to-back nights cannot be avoided", () => {
    const input: RotaInput = { nights: consecutiveNights(6), perShift: 1, volunteers: volunteers(2) };
    const rota = generateRota(input);
    expect(checkRota(input, rota)).toEqual([]);
    expect(rota.assignments.every((a) => a.volunteerIds.length === 1)).toBe(true);
    expect([...rota.counts]).toEqual([[1, 3], [2, 3]]);
    expect(backToBack(input, rota)).toBe(0); // 1-2-1-2-1-2 alternates

    const twoPerShift: RotaInput = { nights: consecutiveNights(6), perShift: 2, volunteers: volunteers(3) };
    const crowded = generateRota(twoPerShift);
    expect(checkRota(twoPerShift, crowded)).toEqual([]);
    expect([...crowded.counts.values()]).toEqual([4, 4, 4]);
  });

  it("lets fewer prior shifts decide who takes the extra shift, never more than that", () => {
    const input: RotaInput = {
      nights: consecutiveNights(7),
      perShift: 1,
      volunteers: [volunteer(1, { priorShifts: 10 }), volunteer(2, { priorShifts: 0 }), volunteer(3, { priorShifts: 100 })],
    };
    const rota = generateRota(input);
    // Counts stay within one of each other despite the big difference in prior shifts.
    expect([...rota.counts]).toEqual([[1, 2], [2, 3], [3, 2]]);
  });

  it("balances through a chain of replacements when no single hand-over helps", () => {
    // Night 1: 1 or 2; night 2: 2 or 3; night 3: only 1. Filling in date order gives 1, 2, 1
    // (counts 2-1-0). Volunteer 3 can take none of 1's nights, so only the chain
    // "2 takes night 1 from 1, 3 takes night 2 from 2" reaches the fair 1-1-1.
    const nights = consecutiveNights(3);
    const [d1, d2, d3] = nights.map((n) => n.date) as [string, string, string];
    const input: RotaInput = {
      nights,
      perShift: 1,
      volunteers: [volunteer(1, { unavailableDates: [d2] }), volunteer(2, { unavailableDates: [d3] }), volunteer(3, { unavailableDates: [d1, d3] })],
    };
    const rota = generateRota(input);
    expect(rota.assignments.map((a) => a.volunteerIds)).toEqual([[2], [3], [1]]);
  });

  it("refuses inputs that are programming errors", () => {
    const nights = consecutiveNights(2);
    expect(() => generateRota({ nights, perShift: 0, volunteers: volunteers(2) })).toThrow(RangeError);
    expect(() => generateRota({ nights, perShift: 1.5, volunteers: volunteers(2) })).toThrow(RangeError);
    expect(() => generateRota({ nights: [nights[0]!, nights[0]!], perShift: 1, volunteers: volunteers(2) })).toThrow(/duplicate night/);
    expect(() => generateRota({ nights, perShift: 1, volunteers: [volunteer(1), volunteer(1)] })).toThrow(/duplicate volunteer/);
    expect(() => generateRota({ nights: [{ ...nights[0]!, weekday: 3 }], perShift: 1, volunteers: [] })).toThrow(/weekday/);
    expect(() => generateRota({ nights: [{ key: "x", date: "2026-02-30", weekday: 1 }], perShift: 1, volunteers: [] })).toThrow(/invalid date/);
  });
});

describe("checkRota", () => {
  const nights = consecutiveNights(3);
  const input: RotaInput = {
    nights,
    perShift: 2,
    volunteers: [volunteer(1, { unavailableWeekdays: [nights[0]!.weekday] }), volunteer(2), volunteer(3, { unavailableDates: [nights[2]!.date] })],
  };
  const valid = generateRota(input);
  const withNight = (index: number, volunteerIds: number[]): Rota => ({
    ...valid,
    assignments: valid.assignments.map((a, i) => (i === index ? { ...a, volunteerIds } : a)),
  });

  it("accepts the generated rota", () => {
    expect(checkRota(input, valid)).toEqual([]);
  });

  it.each([
    ["someone on a weekday they cannot do", withNight(0, [1, 2]), /cannot do weekday/],
    ["someone on a date they cannot do", withNight(2, [2, 3]), /cannot do 2026-01-06/],
    ["the same person twice", withNight(1, [2, 2]), /twice/],
    ["a stranger", withNight(1, [2, 7]), /not taking part/],
    ["an understaffed night", withNight(1, [2]), /1 people on watch, should be 2/],
    ["an overstaffed night", withNight(1, [1, 2, 3]), /3 people on watch, should be 2/],
    ["a missing night", { ...valid, assignments: valid.assignments.slice(1) }, /2 nights, the input has 3/],
    ["nights out of order", { ...valid, assignments: [...valid.assignments].reverse() }, /should be ronda-2026-01-04/],
    ["a shortfall that is not there", { ...valid, shortfalls: [...valid.shortfalls, { nightKey: nights[1]!.key, missing: 1 }] }, /shortfalls/],
    ["a count that does not match", { ...valid, counts: new Map([...valid.counts].map(([id, c]) => [id, c + 1])) }, /counts say/],
  ])("reports %s", (_label, rota, message) => {
    const violations = checkRota(input, rota);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.join("\n")).toMatch(message);
  });
});

// ---- properties ----------------------------------------------------------------------------

/** Upper bounds of a random instance; `gaps` are the day steps between nights to pick from. */
type Shape = { nights: number; volunteers: number; perShift: number; gaps?: number[] };

/** Random rota inputs: dates strictly increasing with gaps of 1–3 days, unique ids, random unavailability. */
function inputs(shape: Shape, withUnavailability: boolean): fc.Arbitrary<RotaInput> {
  const volunteerArb = fc.record({
    id: fc.integer({ min: 1, max: 10_000 }),
    unavailableWeekdays: withUnavailability ? fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 5 }) : fc.constant<number[]>([]),
    datePicks: withUnavailability ? fc.array(fc.nat(), { maxLength: 12 }) : fc.constant<number[]>([]),
    priorShifts: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
  });
  return fc
    .record({
      firstDay: fc.integer({ min: FIRST_DAY - 3650, max: FIRST_DAY + 3650 }),
      gaps: fc.array(fc.constantFrom(...(shape.gaps ?? [1, 1, 1, 2, 3])), { minLength: 1, maxLength: shape.nights }),
      perShift: fc.integer({ min: 1, max: shape.perShift }),
      people: fc.uniqueArray(volunteerArb, { selector: (v) => v.id, maxLength: shape.volunteers }),
    })
    .map(({ firstDay, gaps, perShift, people }) => {
      let day = firstDay;
      const nights = gaps.map((gap, index) => nightOn(index === 0 ? day : (day += gap)));
      return {
        nights,
        perShift,
        volunteers: people.map(({ datePicks, ...rest }) => ({ ...rest, unavailableDates: [...new Set(datePicks.map((pick) => nights[pick % nights.length]!.date))] })),
      };
    });
}

const LARGE: Shape = { nights: 60, volunteers: 40, perShift: 5 };
const constrained = inputs(LARGE, true);
const unconstrained = inputs(LARGE, false);

describe("generateRota: properties", () => {
  it("keeps every hard rule and staffs each night with min(perShift, available)", () => {
    fc.assert(
      fc.property(constrained, (input) => {
        const rota = generateRota(input);
        expect(checkRota(input, rota)).toEqual([]);
        rota.assignments.forEach((assignment, index) => {
          const night = input.nights[index]!;
          const canCome = available(input, night).map((v) => v.id);
          expect(assignment.volunteerIds).toHaveLength(Math.min(input.perShift, canCome.length));
          for (const id of assignment.volunteerIds) expect(canCome).toContain(id);
        });
      }),
    );
  });

  it("without unavailability, counts differ by at most one and the extra shifts go to those with fewer prior shifts", () => {
    fc.assert(
      fc.property(unconstrained.filter((input) => input.volunteers.length > 0), (input) => {
        const rota = generateRota(input);
        const ranked = [...input.volunteers].sort((a, b) => (a.priorShifts ?? 0) - (b.priorShifts ?? 0) || a.id - b.id);
        expect(spread(rota, ranked.map((v) => v.id))).toBeLessThanOrEqual(1);
        const counts = ranked.map((v) => countOf(rota, v.id));
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
      }),
    );
  });

  it("with unavailability, no single hand-over would make counts more even", () => {
    fc.assert(
      fc.property(constrained, (input) => {
        const rota = generateRota(input);
        rota.assignments.forEach((assignment, index) => {
          const onNight = new Set(assignment.volunteerIds);
          for (const a of assignment.volunteerIds) {
            for (const b of available(input, input.nights[index]!)) {
              if (!onNight.has(b.id)) expect(countOf(rota, a)).toBeLessThan(countOf(rota, b.id) + 2);
            }
          }
        });
      }),
    );
  });

  it("on small instances, is as balanced as any possible rota (checked against every rota)", () => {
    const small = inputs({ nights: 4, volunteers: 5, perShift: 3 }, true);
    fc.assert(
      fc.property(small, (input) => {
        const rota = generateRota(input);
        const best = bestByBruteForce(input);
        const ids = input.volunteers.map((v) => v.id);
        expect(sortedDescending(ids.map((id) => countOf(rota, id)))).toEqual(best.sortedCounts);
        expect(tieBreakScore(input, (id) => countOf(rota, id))).toBe(best.tieBreakScore);
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic, whatever the order of the volunteers", () => {
    fc.assert(
      fc.property(constrained, (input) => {
        const first = generateRota(input);
        expect(generateRota(input)).toEqual(first);
        const reordered = generateRota({ ...input, volunteers: [...input.volunteers].reverse() });
        expect(reordered.assignments).toEqual(first.assignments);
        expect(reordered.shortfalls).toEqual(first.shortfalls);
      }),
    );
  });

  it("puts nobody on two nights in a row when there are at least 2 × perShift people and no unavailability", () => {
    fc.assert(
      fc.property(unconstrained.filter((input) => input.volunteers.length >= 2 * input.perShift), (input) => {
        expect(backToBack(input, generateRota(input))).toBe(0);
      }),
    );
  });

  it("leaves no swap of two people between two nights that would remove back-to-back nights", () => {
    // Few people over many consecutive nights, so that back-to-back nights are often left to undo.
    const crowded = inputs({ nights: 30, volunteers: 10, perShift: 3, gaps: [1] }, true);
    fc.assert(
      fc.property(crowded, (input) => {
        const rota = generateRota(input);
        const days = daysOnWatch(input, rota);
        const byId = new Map(input.volunteers.map((v) => [v.id, v]));
        const canDo = (id: number, night: RotaNight) => available(input, night).includes(byId.get(id)!);
        const moved = (id: number, from: number, to: number) => [...(days.get(id) ?? []).filter((d) => d !== from), to];
        input.nights.forEach((x, i) => {
          input.nights.forEach((y, j) => {
            if (i === j) return;
            const dayX = dayOf(x.date);
            const dayY = dayOf(y.date);
            for (const a of rota.assignments[i]!.volunteerIds) {
              if (rota.assignments[j]!.volunteerIds.includes(a) || !canDo(a, y)) continue;
              for (const b of rota.assignments[j]!.volunteerIds) {
                if (rota.assignments[i]!.volunteerIds.includes(b) || !canDo(b, x)) continue;
                const before = backToBackOf(days.get(a)!) + backToBackOf(days.get(b)!);
                const after = backToBackOf(moved(a, dayX, dayY)) + backToBackOf(moved(b, dayY, dayX));
                expect(after).toBeGreaterThanOrEqual(before);
              }
            }
          });
        });
      }),
      { numRuns: 200 },
    );
  });
});

// ---- brute force for small instances ---------------------------------------------------------

function sortedDescending(values: number[]): number[] {
  return [...values].sort((a, b) => b - a);
}

function compareLexicographically(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Σ rank × count, rank by (priorShifts, id): lower means the extra shifts went to those who go first. */
function tieBreakScore(input: RotaInput, countFor: (id: number) => number): number {
  const ranked = [...input.volunteers].sort((a, b) => (a.priorShifts ?? 0) - (b.priorShifts ?? 0) || a.id - b.id);
  return ranked.reduce((sum, v, rank) => sum + rank * countFor(v.id), 0);
}

function subsets<T>(items: T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [head, ...tail] = items as [T, ...T[]];
  return [...subsets(tail, size - 1).map((rest) => [head, ...rest]), ...subsets(tail, size)];
}

/**
 * Tries every rota that staffs each night with min(perShift, available): the most even counts
 * (sorted high to low, lexicographically smallest), and among those the best tie-break score.
 */
function bestByBruteForce(input: RotaInput): { sortedCounts: number[]; tieBreakScore: number } {
  const choices = input.nights.map((night) => {
    const ids = available(input, night).map((v) => v.id);
    return subsets(ids, Math.min(input.perShift, ids.length));
  });
  let best: { sortedCounts: number[]; tieBreakScore: number } | undefined;
  const counts = new Map(input.volunteers.map((v) => [v.id, 0]));
  const visit = (night: number) => {
    if (night === choices.length) {
      const candidate = { sortedCounts: sortedDescending([...counts.values()]), tieBreakScore: tieBreakScore(input, (id) => counts.get(id)!) };
      const order = best ? compareLexicographically(candidate.sortedCounts, best.sortedCounts) : -1;
      if (!best || order < 0 || (order === 0 && candidate.tieBreakScore < best.tieBreakScore)) best = candidate;
      return;
    }
    for (const chosen of choices[night]!) {
      for (const id of chosen) counts.set(id, counts.get(id)! + 1);
      visit(night + 1);
      for (const id of chosen) counts.set(id, counts.get(id)! - 1);
    }
  };
  visit(0);
  return best!;
}
