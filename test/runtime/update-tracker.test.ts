import { describe, expect, it } from "vitest";
import { UpdateTracker, type UpdateOutcome } from "../../src/runtime/update-tracker.js";

describe("UpdateTracker", () => {
  it("tells its observer each update's outcome", async () => {
    const seen: UpdateOutcome[] = [];
    const tracker = new UpdateTracker(() => new Date("2026-12-05T12:00:00Z"), (outcome) => seen.push(outcome));
    expect(await tracker.track(async () => {})).toBe(true);
    await expect(tracker.track(async () => Promise.reject(new Error("handler failed")))).rejects.toThrow("handler failed");
    expect(seen.map((outcome) => outcome.ok)).toEqual([true, false]);
    expect(seen.every((outcome) => outcome.seconds >= 0)).toBe(true);
    expect(tracker.lastUpdateAt).toEqual(new Date("2026-12-05T12:00:00Z"));
  });

  it("still lets shutdown finish when the observer throws", async () => {
    const tracker = new UpdateTracker(undefined, () => {
      throw new Error("metrics broke");
    });
    let finish!: () => void;
    const update = tracker.track(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(tracker.inFlight).toBe(1);
    const closed = tracker.close();
    finish();
    // The update itself succeeded: the observer's failure is not the update's.
    expect(await update).toBe(true);
    await closed;
    expect(tracker.inFlight).toBe(0);
  });
});
