import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { RefusalLog } from "../../src/runtime/refusals.js";

function counter(intervalMs = 60_000) {
  const lines: Record<string, unknown>[] = [];
  let now = 1_000_000;
  const log = new RefusalLog({ logger: createLogger("info", { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }), message: "refused", intervalMs, clock: () => now });
  return { log, lines, advance: (ms: number) => void (now += ms) };
}

describe("RefusalLog", () => {
  it("logs the first refusal at once and then at most one line per interval, with the count since the last line", () => {
    const { log, lines, advance } = counter();
    for (let i = 0; i < 400; i++) log.note();
    expect(lines).toEqual([expect.objectContaining({ msg: "refused", refused: 1, total: 1, intervalSeconds: 60 })]);
    advance(59_999);
    log.note();
    expect(lines).toHaveLength(1);
    advance(1);
    log.note();
    expect(lines.at(-1)).toMatchObject({ refused: 401, total: 402 });
    // A refusal long after the last line is logged at once again.
    advance(3_600_000);
    log.note();
    expect(lines.at(-1)).toMatchObject({ refused: 1, total: 403 });
    expect(log.total).toBe(403);
  });

  it("logs what is left at shutdown, and nothing when nothing is", () => {
    const { log, lines } = counter();
    log.flush();
    expect(lines).toEqual([]);
    log.note();
    log.note();
    log.note();
    log.flush();
    log.flush();
    expect(lines.map((line) => line.refused)).toEqual([1, 2]);
  });
});
