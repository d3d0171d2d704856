import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { openDatabase, queryRows } from "../../src/db/client.js";
import { MIGRATIONS_FOLDER, runMigrations } from "../../src/db/migrate.js";
import { sql } from "drizzle-orm";
import { withDatabase } from "../helpers/database.js";

// Instances racing on one server; PGlite has a single connection and cannot race. Skipped without TEST_DATABASE_URL.
const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("migrations at start (real server)", () => {
  it("three instances starting together on an empty database migrate it once, all without error", async () => {
    const name = `bantar_test_migrate_${randomBytes(4).toString("hex")}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const handles = await Promise.all([1, 2, 3].map(() => openDatabase({ kind: "postgres", url: withDatabase(serverUrl!, name) })));
    try {
      // Without the advisory lock two of these fail on CREATE TYPE … already exists.
      await Promise.all(handles.map((handle) => runMigrations(handle)));
      const applied = await queryRows<{ count: string }>(handles[0]!.db, sql`select count(*) as count from drizzle.__drizzle_migrations`);
      const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
      expect(Number(applied[0]!.count)).toBe(journal.entries.length);
      // And a later start finds nothing to do.
      await runMigrations(handles[1]!);
    } finally {
      for (const handle of handles) await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
