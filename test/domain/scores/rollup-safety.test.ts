import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../../src/db/client.js";
import { withTestDatabase } from "../../helpers/database.js";
import { bankWorld } from "../bank-sampah/world.js";
import { addResidents, participate, wib } from "./builders.js";

const AT = wib("2026-11-24T08:00");
const database = withTestDatabase();
const db = () => database.db;

const kept = () => queryRows<{ week: number; counted: number }>(db(), sql`select week, counted from rt_week_rollup order by 1`);

describe("the rollup functions", () => {
  it("keep the rollup whatever the writer's search_path (the functions name their schema)", async () => {
    const world = await bankWorld(db());
    const [a] = await addResidents(db(), 1);
    await db().transaction(async (tx) => {
      await tx.execute(sql`set local search_path = pg_catalog`);
      await tx.execute(sql`insert into public.participation (source_key, rt_id, person_id, household_label, kind, occurred_at, verified, source, recorded_at)
        values ('test:path', ${world.rt1.id}, ${a!}, 'Rumah A', 'gotong_royong', ${AT.toISOString()}::timestamptz, true, 'test', now())`);
      await tx.execute(sql`select public.rt_week_rollup_rebuild()`);
    });
    expect((await kept()).map((row) => row.counted)).toEqual([1]);
  });
});

// Two connections: PostgreSQL's locks (PGlite has one connection): skipped without TEST_DATABASE_URL.
describe.skipIf(!process.env.TEST_DATABASE_URL)("rt_week_rollup_rebuild on a live database", () => {
  it("waits for a writer in flight (SHARE lock on participation), then counts its record once", async () => {
    const world = await bankWorld(db());
    const [a, b] = await addResidents(db(), 2);
    await participate(db(), [{ rtId: world.rt1.id, personId: a!, kind: "gotong_royong", at: AT }]);
    const writer = postgres(database.url!, { max: 1, onnotice: () => {} });
    const rebuilder = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      const held = await writer.reserve();
      await held`begin`;
      await held`insert into participation (source_key, rt_id, person_id, household_label, kind, occurred_at, verified, source, recorded_at)
        values ('test:writer', ${world.rt1.id}, ${b!}, 'Rumah B', 'gotong_royong', ${AT}, true, 'test', now())`;
      const [{ pid }] = (await rebuilder`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
      let settled = false;
      const rebuild = rebuilder`select rt_week_rollup_rebuild()`.then(() => { settled = true; });
      // The rebuild must be waiting on a lock while the writer is open (without the LOCK it would run through).
      let waiting = false;
      for (let i = 0; i < 200 && !waiting && !settled; i++) {
        const [row] = await db().execute(sql`select wait_event_type from pg_stat_activity where pid = ${pid}`) as unknown as { wait_event_type: string | null }[];
        waiting = row?.wait_event_type === "Lock";
        if (!waiting) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect({ waiting, settled }).toEqual({ waiting: true, settled: false });
      await held`commit`;
      held.release();
      await rebuild;
    } finally {
      await writer.end();
      await rebuilder.end();
    }
    // Two households, one record each: the writer's record counted once, not by its trigger and the rebuild both.
    expect((await kept()).map((row) => row.counted)).toEqual([1, 1]);
  });
});
