import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "../../src/db/client.js";
import { runMigrations } from "../../src/db/migrate.js";
import { weeklyRtMetrics } from "../../src/domain/scores/metrics.js";
import { openMigrationTestDatabase, type MigrationTestDatabase } from "../helpers/migrated-before.js";

/**
 * Migration 0020 (issue 18's weekly rollup) on a database that lived before it: the records already
 * there are rolled up by the migration, so the weekly counts read from the rollup are the records'
 * from the first Monday after the deploy.
 */
let database: MigrationTestDatabase;
let handle: DatabaseHandle;

beforeAll(async () => {
  database = await openMigrationTestDatabase();
  handle = database.handle;
});

afterAll(async () => {
  await database?.close();
});

describe("migration 0020 on records written before it", () => {
  it("rolls up every record already there", async () => {
    const k = await database.migrateBeforeWithWilayah("0020_scores");
    const statements = `
      insert into person (id, telegram_id, display_name) values (1, 1001, 'Siti'), (2, 1002, 'Budi'), (3, 1003, 'Andi');
      insert into rt (id, kelurahan_code, number, invite_code, household_count) values (1, '${k}', 1, 'abc', 30);
      insert into participation (source_key, rt_id, person_id, household_label, kind, occurred_at, verified, source, recorded_at, revoked_at) values
        ('k1', 1, 1, 'Rumah 1', 'gotong_royong', '2026-11-22T01:00:00Z', true, 'test', now(), null),
        ('k2', 1, 2, 'rumah 1', 'ronda', '2026-11-20T14:00:00Z', true, 'test', now(), null),
        ('k3', 1, 3, null, 'pojok_baca_sesi', '2026-11-12T08:00:00Z', true, 'test', now(), null),
        ('k4', 1, 3, null, 'rapat', '2026-11-12T08:00:00Z', false, 'test', now(), null),
        ('k5', 1, 2, 'Rumah 2', 'gotong_royong', '2026-11-08T01:00:00Z', true, 'test', now(), now());
    `;
    await database.runStatements(statements);
    const now = new Date("2026-11-30T00:00:00Z"); // Monday 07.00 WIB
    const fromRecords = await weeklyRtMetrics(handle.db, now, { weeks: 4, fromRecords: true });
    await runMigrations(handle);
    const [kept] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from rt_week_rollup`);
    expect(kept!.n).toBe(3); // Rumah 1's week, and person 3's household and reader rows of theirs
    const fromRollup = await weeklyRtMetrics(handle.db, now, { weeks: 4 });
    expect(fromRollup).toEqual(fromRecords);
    expect(fromRollup[0]!.weeks.map((week) => week.participatingHouseholds)).toEqual([0, 1, 1, 0]);
  });
});
