import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "../../src/db/client.js";
import { runMigrations } from "../../src/db/migrate.js";
import { openMigrationTestDatabase, type MigrationTestDatabase } from "../helpers/migrated-before.js";

/**
 * Migration 0008 on a database that lived before it: the default "/" menu now shows a stranger's
 * commands only, so everyone who had joined or held a role or a bank post before the release is
 * marked for their own menu (the back-fill at the end of migrations/0008_everyday.sql). The database is
 * migrated to 0007 from a copy of the folder cut there, filled with raw SQL in the 0007 shape, then
 * migrated to the end.
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

describe("migration 0008 on people registered before it", () => {
  it("marks everyone with a current membership, role or bank post for their own menu, and nobody else", async () => {
    const k = await database.migrateBeforeWithWilayah("0008_");
    const statements = `
      insert into person (id, telegram_id, display_name, erased_at) values
        (1, 1001, 'Pending', null), (2, 1002, 'Active', null), (3, 1003, 'Ketua', null), (4, 1004, 'Officer', null),
        (5, null, null, now()), (6, 1006, 'Left', null), (7, 1007, 'Revoked', null), (8, 1008, 'Stranger', null);
      insert into rt (id, kelurahan_code, number, invite_code) values (1, '${k}', 1, 'abc');
      insert into membership (id, person_id, rt_id, household_label, status) values
        (11, 1, 1, '1', 'pending'), (12, 2, 1, '2', 'active'), (13, 5, 1, '5', 'active'), (14, 6, 1, '6', 'left'), (15, 7, 1, '7', 'left');
      insert into role_assignment (id, person_id, role, rt_id, revoked_at) values (41, 3, 'ketua_rt', 1, null), (42, 7, 'petugas', 1, now());
      insert into waste_bank (id, kelurahan_code, name, created_at) values (1, '${k}', 'Bank', now());
      insert into waste_bank_officer (waste_bank_id, person_id, appointed_at, revoked_at) values (1, 4, now(), null), (1, 7, now(), now())
    `;
    await database.runStatements(statements);

    await runMigrations(handle);

    type Menu = { person_id: number; chat_id: string; generation: number; synced_generation: number; sent: string | null };
    const menus = await queryRows<Menu>(handle.db, sql`select person_id, chat_id::text, generation, synced_generation, sent from command_menu order by person_id`);
    // Due (generation past the synced one), in each person's own chat; the erased, the left, the revoked and the stranger are not.
    expect(menus).toEqual([1, 2, 3, 4].map((id) => ({ person_id: id, chat_id: String(1000 + id), generation: 1, synced_generation: 0, sent: null })));
  });
});
