import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { busyIntervals, isLate, minimumLate, scheduleByDeadline, type BusyInterval } from "../../src/scheduling/deadline-schedule.js";

const NOW = 1_000_000;
const SPACING = 100; // 10 messages a second

function overlapsBusy(time: number, busy: readonly BusyInterval[]): boolean {
  return busy.some((interval) => time < interval.end - 1e-6 && time + SPACING > interval.start + 1e-6);
}

function lateCount(deadlines: readonly number[], times: Float64Array): number {
  return deadlines.filter((deadline, i) => isLate(times[i]!, deadline)).length;
}

/** Deadlines (sorted, as the planner passes them) and messages already queued. */
const scenario = fc.record({
  deadlines: fc.array(fc.integer({ min: -2_000, max: 20_000 }), { maxLength: 150 }).map((offsets) => offsets.map((offset) => NOW + offset).sort((a, b) => a - b)),
  buckets: fc.array(fc.record({ atMs: fc.integer({ min: NOW - 5_000, max: NOW + 20_000 }), count: fc.integer({ min: 1, max: 15 }) }), { maxLength: 8 }),
});

describe("deadline-aware send times", () => {
  it("sends each message at its deadline when nothing competes", () => {
    expect([...scheduleByDeadline([NOW + 1_000, NOW + 5_000], NOW, SPACING)]).toEqual([NOW + 1_000, NOW + 5_000]);
  });

  it("pulls messages due together earlier, just enough, latest deadline last", () => {
    const due = NOW + 1_000;
    expect([...scheduleByDeadline(Array(5).fill(due), NOW, SPACING)]).toEqual([due - 400, due - 300, due - 200, due - 100, due]);
  });

  it("works around the time taken by messages already queued", () => {
    const busy = busyIntervals([{ atMs: NOW + 950, count: 2 }], NOW, SPACING);
    expect(busy).toEqual([{ start: NOW + 950, end: NOW + 1_150 }]);
    expect([...scheduleByDeadline([NOW + 1_000, NOW + 1_000], NOW, SPACING, busy)]).toEqual([NOW + 750, NOW + 850]);
  });

  it("counts overdue queued messages from now, back to back", () => {
    expect(busyIntervals([{ atMs: NOW - 60_000, count: 3 }, { atMs: NOW, count: 2 }, { atMs: NOW + 1_000, count: 1 }], NOW, SPACING)).toEqual([
      { start: NOW, end: NOW + 500 },
      { start: NOW + 1_000, end: NOW + 1_100 },
    ]);
  });

  it("when infeasible, starts now in the given order and leaves later deadlines where they were", () => {
    const deadlines = [...Array(5).fill(NOW + 200), NOW + 5_000];
    const times = scheduleByDeadline(deadlines, NOW, SPACING);
    expect([...times]).toEqual([NOW, NOW + 100, NOW + 200, NOW + 300, NOW + 400, NOW + 5_000]);
    expect(lateCount(deadlines, times)).toBe(2);
    expect(minimumLate(deadlines, NOW, SPACING)).toBe(2);
  });

  it("property: from now on, spaced at the rate, clear of queued messages, nobody late whenever everything fits", () => {
    fc.assert(
      fc.property(scenario, ({ deadlines, buckets }) => {
        const busy = busyIntervals(buckets, NOW, SPACING);
        const times = scheduleByDeadline(deadlines, NOW, SPACING, busy);
        for (let i = 0; i < times.length; i++) {
          expect(times[i]!).toBeGreaterThanOrEqual(NOW - 1e-6);
          if (i > 0) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(SPACING - 1e-6);
          expect(overlapsBusy(times[i]!, busy)).toBe(false);
        }
        const lowerBound = minimumLate(deadlines, NOW, SPACING, busy);
        const late = lateCount(deadlines, times);
        expect(late).toBeGreaterThanOrEqual(lowerBound);
        if (lowerBound === 0) expect(late).toBe(0);
      }),
      { numRuns: 1_000 },
    );
  });

  it("property: a message that fits is never pulled earlier than it has to be", () => {
    fc.assert(
      fc.property(scenario, ({ deadlines }) => {
        const times = scheduleByDeadline(deadlines, NOW, SPACING);
        for (let i = times.length - 1; i >= 0; i--) {
          if (times[i]! < NOW) continue;
          const limit = i === times.length - 1 ? Infinity : times[i + 1]! - SPACING;
          if (!isLate(times[i]!, deadlines[i]!)) expect(times[i]!).toBe(Math.min(deadlines[i]!, limit));
        }
      }),
    );
  });

  it("the lower bound counts the time taken by queued messages", () => {
    const busy = busyIntervals([{ atMs: NOW, count: 8 }], NOW, SPACING); // busy until NOW + 800
    expect(minimumLate(Array(5).fill(NOW + 900), NOW, SPACING, busy)).toBe(3); // room at 800 and 900 only
    expect(minimumLate(Array(5).fill(NOW + 900), NOW, SPACING)).toBe(0);
  });
});
