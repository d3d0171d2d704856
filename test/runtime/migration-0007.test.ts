import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "../../src/db/client.js";
import { runMigrations } from "../../src/db/migrate.js";
import { openMigrationTestDatabase, type MigrationTestDatabase } from "../helpers/migrated-before.js";

/**
 * Migration 0007 on a database that lived before it: rows the old code wrote (old dedupe keys, no
 * subject_person_ids) come out as the new code writes them, so an erasure after the deploy reaches
 * messages queued or sent before it. The database is migrated to 0006 from a copy of the folder
 * cut there, filled with raw SQL in the 0006 shape, then migrated to the end.
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

type Row = { dedupe_key: string; subject_person_ids: number[]; status: string; text: string | null };

describe("migration 0007 on rows written before it", () => {
  it("rewrites group notice keys, gives old messages their subjects, and blanks what names someone already erased", async () => {
    const k = await database.migrateBeforeWithWilayah("0007_");
    const statements = `
      insert into person (id, telegram_id, display_name, erased_at) values
        (1, 1001, 'Siti', null), (2, 1002, 'Budi', null), (3, 1003, 'Petugas', null), (4, 1004, 'Warga', null),
        (5, null, null, now()), (6, 1006, 'Andi', null), (7, 1007, 'Lain', null);
      insert into rt (id, kelurahan_code, number, invite_code, group_chat_id) values (1, '${k}', 1, 'abc', -100500);
      insert into membership (id, person_id, rt_id, household_label, status) values (11, 1, 1, '12A', 'pending'), (12, 4, 1, '7', 'active');
      insert into reading_log (id, request_key, person_id, rt_id, minutes, title, logged_at) values (21, 'r1', 4, 1, 30, 'Buku', now());
      insert into waste_bank (id, kelurahan_code, name, created_at) values (1, '${k}', 'Bank', now());
      insert into bank_account (id, waste_bank_id, person_id, opened_at, updated_at) values (1, 1, 4, now(), now());
      insert into ledger_entry (id, request_key, account_id, waste_bank_id, person_id, kind, amount, occurred_at, recorded_by, recorded_at)
        values (31, 'deposit:1003:x', 1, 1, 4, 'withdrawal', -500, now(), 3, now());
      insert into role_assignment (id, person_id, role, rt_id, granted_by) values (41, 2, 'ketua_rt', 1, 6);
      insert into event (id, rt_id, kind, place, first_starts_at, duration_minutes, recurrence) values (1, 1, 'ronda', 'Pos', now(), 60, '{}');
      insert into event_occurrence (id, event_id, rt_id, kind, starts_at, ends_at, place) values (51, 1, 1, 'ronda', now(), now() + interval '1 hour', 'Pos');
      insert into swap_request (id, occurrence_id, from_person_id, to_person_id, status, created_at) values (61, 51, 6, 5, 'accepted', now());
      insert into ronda_volunteer (rt_id, person_id, joined_at) values (1, 6, now());
      insert into shift_assignment (occurrence_id, person_id, assigned_at, source) values (51, 7, now(), 'rota');
      insert into outbox (dedupe_key, chat_id, person_id, priority, payload, not_before, status) values
        ('notice:join-request:11:1002', 1002, 2, 1, '{"text":"Siti 12A"}', now(), 'pending'),
        ('notice:left:12:1002', 1002, 2, 1, '{"text":"Warga"}', now(), 'sent'),
        ('notice:reading-log:21:1002', 1002, 2, 1, '{"text":"Buku"}', now(), 'sent'),
        ('notice:reading-log-decided:21:1004', 1004, 4, 1, '{"text":"ok"}', now(), 'sent'),
        ('notice:bank-receipt:31:1004', 1004, 4, 1, '{"text":"Petugas"}', now(), 'sent'),
        ('notice:handover:41:1002', 1002, 2, 1, '{"text":"Andi"}', now(), 'sent'),
        ('notice:swap-offer:61:1007', 1007, 7, 1, '{"text":"Andi"}', now(), 'sent'),
        ('notice:swap-taken:61:1002', 1002, 2, 1, '{"text":"Andi"}', now(), 'pending'),
        ('rota:1:2026-11-30:abcdef:group:0', -100500, null, 1, '{"text":"Andi, Lain"}', now(), 'sent'),
        ('notice:event-change:x:-100500', -100500, null, 1, '{"text":"group"}', now(), 'pending'),
        ('broadcast:1:person:4', 1004, 4, 1, '{"text":"hello"}', now(), 'pending')
    `;
    await database.runStatements(statements);

    await runMigrations(handle);

    const rows = await queryRows<Row>(handle.db, sql`select dedupe_key, subject_person_ids, status, payload->>'text' as text from outbox order by id`);
    const byKey = new Map(rows.map((row) => [row.dedupe_key, row]));
    const subjects = (key: string) => byKey.get(key)?.subject_person_ids;
    expect(subjects("notice:join-request:11:person:2")).toEqual([1]);
    expect(subjects("notice:left:12:person:2")).toEqual([4]);
    expect(subjects("notice:reading-log:21:person:2")).toEqual([4]);
    // To the reader themselves: names nobody else.
    expect(subjects("notice:reading-log-decided:21:person:4")).toEqual([]);
    expect(subjects("notice:bank-receipt:31:person:4")).toEqual([3]);
    expect(subjects("notice:handover:41:person:2")).toEqual([6]);
    expect(subjects("notice:swap-offer:61:person:7")).toEqual([6, 5]);
    expect(subjects("rota:1:2026-11-30:abcdef:group:0")).toEqual([6, 7]);
    expect(subjects("broadcast:1:person:4")).toEqual([]);
    // A group's notice: keyed as new code keys it, so it is not queued twice.
    expect(byKey.has("notice:event-change:x:chat:-100500")).toBe(true);
    expect(rows.filter((row) => /^notice:.*:-?[0-9]+$/.test(row.dedupe_key) && !/:(person|chat):-?[0-9]+$/.test(row.dedupe_key))).toEqual([]);
    // Person 5 erased their data before the deploy: the swap notices naming them lose their text.
    expect(byKey.get("notice:swap-taken:61:person:2")).toMatchObject({ subject_person_ids: [6, 5], status: "cancelled", text: null });
    expect(byKey.get("notice:swap-offer:61:person:7")).toMatchObject({ status: "sent", text: null });
    expect(byKey.get("notice:join-request:11:person:2")).toMatchObject({ status: "pending", text: "Siti 12A" });
  });
});
