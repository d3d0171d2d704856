import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsoleSession } from "../../src/console/session.js";
import { MAX_ADVANCE_DAYS, planClockMove, readClockRequest } from "../../src/console/clock.js";
import { createEvent } from "../../src/domain/events/events.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { productionJobs } from "../../src/scheduling/jobs.js";
import { createLogger } from "../../src/logger.js";

/** A week of jobs on PGlite takes seconds; on a machine shared by many test runs, several times that. */
const WEEK_MOVE_TIMEOUT_MS = 180_000;

/** Sunday 22 November 2026, 10.00 WIB. */
const NOW = new Date("2026-11-22T03:00:00Z");
/** Next Sunday, 29 November 2026, 07.00 WIB. */
const GOTONG_ROYONG = new Date("2026-11-29T00:00:00Z");
const HARUN = 710_002;

let session: ConsoleSession;
const output: string[] = [];
const filesDir = join(mkdtempSync(join(tmpdir(), "bantar-console-")), "console-files");

beforeAll(async () => {
  session = await ConsoleSession.open({ write: (line) => output.push(line), clock: () => NOW, filesDir });
  // The scene /acara would make: next Sunday's gotong royong in RT 05.
  const harun = await loadActor(session.db, HARUN, []);
  await createEvent(
    session.db,
    harun,
    { requestKey: "console-clock-test", kind: "gotong_royong", place: "Lapangan Voli RT 05", notes: null, firstStartsAt: GOTONG_ROYONG, durationMinutes: 180, recurrence: { kind: "none" } },
    NOW,
  );
});
afterAll(async () => {
  await session?.close();
  rmSync(join(filesDir, ".."), { recursive: true, force: true });
});

async function type(line: string): Promise<string> {
  const start = output.length;
  expect(await session.handle(line)).toBe(true);
  return output.slice(start).join("\n");
}

describe(":waktu", () => {
  it("shows the console's time in WIB", async () => {
    expect(await type(":waktu")).toContain("🕐 Sekarang Minggu, 22 November 2026 pukul 10.00 WIB");
  });

  it("refuses hostile input and leaves the clock where it was", async () => {
    expect(await type(":waktu kemarin dulu lusa")).toContain("Waktu tidak dikenali");
    expect(await type(":waktu 21/11/2026 07.00")).toContain("sudah lewat: jam konsol hanya maju");
    expect(await type(":waktu +0j")).toContain("sudah lewat");
    expect(await type(":waktu +99999h")).toContain(`Paling jauh ${MAX_ADVANCE_DAYS} hari`);
    expect(await type(":waktu +2x")).toContain("Waktu tidak dikenali");
    expect(await type(`:waktu ${"9".repeat(5000)}`)).toContain("Terlalu panjang");
    expect(await type(":waktu '; DROP TABLE outbox; --")).toContain("Waktu tidak dikenali");
    expect(await type(":waktu 🕐\u200b")).toContain("Waktu tidak dikenali");
    expect(await type(":waktu Minggu")).toContain("Sebutkan jamnya juga");
    expect(await type(":waktu jam 7")).toContain("Jam 7 pagi atau malam?");
    expect(await type(":waktu")).toContain("Minggu, 22 November 2026 pukul 10.00 WIB");
  });

  it("moves forward and shows the evening reminder in each resident's chat at its hour", async () => {
    const moved = await type(":waktu Sabtu 20.00");
    expect(moved).toContain("🕐 Jam dimajukan dari Minggu, 22 November 2026 pukul 10.00 WIB ke Sabtu, 28 November 2026 pukul 20.00 WIB");
    // The reminder goes out at 19.00 WIB the evening before, under that time's heading.
    const heading = moved.indexOf("🕐 Sabtu, 28 November 2026 pukul 19.00 WIB");
    expect(heading).toBeGreaterThan(0);
    const toSiti = moved.indexOf("📨 ke Siti:", heading);
    expect(toSiti).toBeGreaterThan(heading);
    expect(moved.slice(toSiti).split("\n")[0]).toContain("Lapangan Voli RT 05");
    expect(moved).toContain("📨 ke Budi:");
    expect(moved).toContain("🕐 Sekarang Sabtu, 28 November 2026 pukul 20.00 WIB.");
    // Sent once: a second move does not send it again, and the clock never goes back.
    const again = await type(":waktu +1j");
    expect(again).not.toContain("Lapangan Voli RT 05 ");
    expect(await type(":waktu 28/11/2026 19.00")).toContain("sudah lewat");
  }, WEEK_MOVE_TIMEOUT_MS);

  it("runs the Monday digest at 07.00 WIB", async () => {
    const moved = await type(":waktu Senin 08.00");
    const heading = moved.indexOf("🕐 Senin, 30 November 2026 pukul 07.00 WIB");
    expect(heading).toBeGreaterThan(0);
    expect(moved.indexOf("📨 ke Pak Harun:", heading)).toBeGreaterThan(heading);
    expect(moved.indexOf("📨 ke Bu Yuliana:", heading)).toBeGreaterThan(heading);

    // The koordinator's chart and workbook land on disk, their paths printed under their captions.
    const chart = /📨 ke Bu Yuliana: 🖼️ \[foto\] 📈[^\n]*\n\s+📁 (\S+\.png) \(\d+ KB\)/.exec(moved.slice(heading));
    const workbook = /📨 ke Bu Yuliana: 📎 \[berkas\] 📎[^\n]*\n\s+📁 (\S+\.xlsx) \(\d+ KB\)/.exec(moved.slice(heading));
    expect(chart?.[1]).toBeDefined();
    expect(workbook?.[1]).toBeDefined();
    for (const path of [chart![1]!, workbook![1]!]) {
      expect(path.startsWith(filesDir)).toBe(true);
      expect(existsSync(path)).toBe(true);
    }
    expect(readFileSync(chart![1]!).subarray(1, 4).toString()).toBe("PNG");
    expect(readFileSync(workbook![1]!).subarray(0, 2).toString()).toBe("PK");
  }, WEEK_MOVE_TIMEOUT_MS);
});

describe("planClockMove", () => {
  it("lists each job's ticks in (from, to] in WIB, and leaves the every-minute planner to every step", () => {
    const jobs = productionJobs({ db: null as never, i18n: { t: () => "" }, logger: createLogger("silent") });
    // Sunday 22 Nov 10.00 WIB to Monday 30 Nov 08.00 WIB.
    const { runs, everyStep } = planClockMove(jobs, NOW, new Date("2026-11-30T01:00:00Z"));
    expect(everyStep.map((job) => job.name)).toEqual(["reminders", "release-broadcasts", "close-polls"]);
    const digests = runs.filter((run) => run.job.name === "weekly-digests").map((run) => run.at.toISOString());
    expect(digests).toEqual(["2026-11-23T00:00:00.000Z", "2026-11-30T00:00:00.000Z"]);
    expect(runs.filter((run) => run.job.name === "loan-reminders")).toHaveLength(8);
    expect(runs.map((run) => run.at.getTime())).toEqual([...runs.map((run) => run.at.getTime())].sort((a, b) => a - b));
  });

  it("reads relative moves in minutes, hours and days", () => {
    expect(readClockRequest("+2j", NOW)).toEqual({ kind: "move", to: new Date(NOW.getTime() + 2 * 3_600_000) });
    expect(readClockRequest("+30 menit", NOW)).toEqual({ kind: "move", to: new Date(NOW.getTime() + 30 * 60_000) });
    expect(readClockRequest("+1h", NOW)).toEqual({ kind: "move", to: new Date(NOW.getTime() + 86_400_000) });
    expect(readClockRequest("2026-12-06 06.00", NOW)).toEqual({ kind: "move", to: new Date("2026-12-05T23:00:00Z") });
  });
});
