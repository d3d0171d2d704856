import { like } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { event, eventOccurrence, outbox } from "../../src/db/schema/index.js";
import { createLogger } from "../../src/logger.js";
import { productionJobs, REMINDER_JOB_NAME } from "../../src/scheduling/jobs.js";
import type { ReminderDeps } from "../../src/scheduling/reminders.js";
import { createScheduler } from "../../src/scheduling/scheduler.js";
import { withTestDatabase } from "../helpers/database.js";
import { addMember, addRt, newUser } from "../helpers/fixtures.js";

const database = withTestDatabase();
let deps: ReminderDeps;

beforeEach(async () => {
  deps = { db: database.db, i18n: createI18n(database.db), logger: createLogger("silent") };
});

describe("scheduler", () => {
  it("runs the production jobs (the reminder planner first) beside extra ones; the planner job plans reminders for the `now` it is given", async () => {
    const extra = { name: "digest", cron: "0 7 * * 1", run: vi.fn(async () => {}) };
    const scheduler = createScheduler(deps, { jobs: [...productionJobs(deps), extra] });
    expect(scheduler.jobs.map((job) => [job.name, job.cron])).toEqual([
      [REMINDER_JOB_NAME, "* * * * *"],
      ["release-broadcasts", "* * * * *"],
      ["close-polls", "* * * * *"],
      ["extend-occurrences", "10 0 * * *"],
      ["prune-updates", "30 3 * * *"],
      ["loan-reminders", "0 8 * * *"],
      ["weekly-digests", "0 7 * * 1"],
      ["decline-since-award", "15 7 * * 1"],
      ["self-assessment-invites", "0 9 * 1,4,7,10 1"],
      ["kas-statements", "0 7 1-3 * *"],
      ["report-escalation", "0 9 * * *"],
      ["monthly-summary", "0 9 1-3 * *"],
      ["retention", "45 3 * * *"],
      ["digest", "0 7 * * 1"],
    ]);

    const rt = await addRt(database.db, 5);
    await addMember(database.db, newUser("Siti"), rt.id);
    const startsAt = new Date("2026-12-06T00:00:00Z");
    const [created] = await database.db.insert(event).values({ rtId: rt.id, kind: "gotong_royong", place: "Pos", firstStartsAt: startsAt, durationMinutes: 120, recurrence: {} }).returning({ id: event.id });
    await database.db.insert(eventOccurrence).values({ eventId: created!.id, rtId: rt.id, kind: "gotong_royong", place: "Pos", startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000) });
    await scheduler.jobs[0]!.run(new Date("2026-12-05T01:00:00Z"));
    expect(await database.db.select().from(outbox).where(like(outbox.dedupeKey, "reminder:%"))).toHaveLength(2);
  });

  it("refuses two jobs with one name (the name is the coordination key)", () => {
    expect(() => createScheduler(deps, { jobs: [{ name: "x", cron: "* * * * *", run: async () => {} }, { name: "x", cron: "0 * * * *", run: async () => {} }] })).toThrow(/named x/);
  });

  it("tells onRun of each run and its outcome, a failing job's included", async () => {
    const runs: { job: string; outcome: string }[] = [];
    let calls = 0;
    const scheduler = createScheduler(deps, {
      jobs: [
        { name: "steady", cron: "* * * * * *", run: async () => {} },
        // Fails every other run: the failure is counted and the next tick still runs.
        {
          name: "flaky",
          cron: "* * * * * *",
          run: async () => {
            if (calls++ % 2 === 0) throw new Error("flaky failed");
          },
        },
      ],
      onRun: (run) => void runs.push(run),
    });
    scheduler.start();
    try {
      await vi.waitFor(() => expect(runs.filter((run) => run.job === "flaky").length).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 100 });
    } finally {
      await scheduler.stop();
    }
    const flaky = runs.filter((run) => run.job === "flaky").map((run) => run.outcome);
    expect(flaky.slice(0, 2)).toEqual(["failed", "done"]);
    expect(runs.filter((run) => run.job === "steady").every((run) => run.outcome === "done")).toBe(true);
    expect(runs.some((run) => run.job === "steady")).toBe(true);
  });

  it("two instances on one database: each tick runs once, on one of them; stop() stops", async () => {
    const runs: { instance: string; second: number }[] = [];
    const instance = (name: string) =>
      createScheduler(deps, {
        jobs: [{ name: "every-second", cron: "* * * * * *", run: async (now) => void runs.push({ instance: name, second: Math.floor(now.getTime() / 1000) }) }],
      });
    const a = instance("a");
    const b = instance("b");
    a.start();
    b.start();
    try {
      await vi.waitFor(() => expect(new Set(runs.map((run) => run.second)).size).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 100 });
    } finally {
      await a.stop();
      await b.stop();
    }
    const seconds = runs.map((run) => run.second);
    expect(new Set(seconds).size).toBe(seconds.length);

    const after = runs.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(runs.length).toBe(after);
  });
});
