import { beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { cronRun } from "../../src/db/schema/index.js";
import { PgRunCoordinator } from "../../src/scheduling/run-coordinator.js";
import { withTestDatabase } from "../helpers/database.js";

const database = withTestDatabase();
let now: Date;
const clock = () => now;

beforeEach(async () => {
  now = new Date("2026-12-05T11:00:00Z");
});

describe("run coordinator over PostgreSQL", () => {
  it("lets one instance run each tick key, and the next tick again", async () => {
    const a = new PgRunCoordinator(database.db, clock);
    const b = new PgRunCoordinator(database.db, clock);

    expect(await a.shouldRun("reminders:2026-12-05T11:00:00.000Z", 30_000)).toBe(true);
    expect(await b.shouldRun("reminders:2026-12-05T11:00:00.000Z", 30_000)).toBe(false);
    expect(await a.shouldRun("reminders:2026-12-05T11:00:00.000Z", 30_000)).toBe(false);
    expect(await b.shouldRun("reminders:2026-12-05T11:01:00.000Z", 30_000)).toBe(true);
    expect(await a.shouldRun("digest:2026-12-05T11:01:00.000Z", 30_000)).toBe(true);
  });

  it("takes over a claim whose holder died (lease expired), but never a finished run", async () => {
    const a = new PgRunCoordinator(database.db, clock);
    const b = new PgRunCoordinator(database.db, clock);
    expect(await a.shouldRun("crashed:tick", 30_000)).toBe(true);
    expect(await a.shouldRun("finished:tick", 30_000)).toBe(true);
    await a.onComplete("finished:tick");

    now = new Date(now.getTime() + 29_000);
    expect(await b.shouldRun("crashed:tick", 30_000)).toBe(false);
    now = new Date(now.getTime() + 2_000);
    expect(await b.shouldRun("crashed:tick", 30_000)).toBe(true);
    expect(await a.shouldRun("crashed:tick", 30_000)).toBe(false);
    expect(await b.shouldRun("finished:tick", 30_000)).toBe(false);
  });

  it("prunes claims older than the retention after a run", async () => {
    const coordinator = new PgRunCoordinator(database.db, clock, 3_600_000);
    await coordinator.shouldRun("old:tick", 30_000);
    now = new Date(now.getTime() + 2 * 3_600_000);
    await coordinator.shouldRun("new:tick", 30_000);
    await coordinator.onComplete("new:tick");

    expect((await database.db.select({ key: cronRun.key }).from(cronRun)).map((row) => row.key)).toEqual(["new:tick"]);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("two instances racing on separate connections: exactly one wins each tick, and each takeover (real server)", async () => {
    const second = await openDatabase({ kind: "postgres", url: database.url! });
    try {
      const a = new PgRunCoordinator(database.db, clock);
      const b = new PgRunCoordinator(second.db, clock);
      const keys = Array.from({ length: 100 }, (_, i) => `race:${i}`);
      const race = () => Promise.all(keys.map((key, i) => Promise.all(i % 2 ? [a.shouldRun(key, 30_000), b.shouldRun(key, 30_000)] : [b.shouldRun(key, 30_000), a.shouldRun(key, 30_000)])));

      for (const pair of await race()) expect(pair.filter(Boolean)).toHaveLength(1);
      // Every claim expired (its holder "died"): both race to take it over; again one wins.
      now = new Date(now.getTime() + 60_000);
      for (const pair of await race()) expect(pair.filter(Boolean)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
