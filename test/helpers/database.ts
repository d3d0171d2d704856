import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { runMigrations } from "../../src/db/migrate.js";
import { seedWilayah } from "../../src/domain/wilayah/seed.js";

export type TestDatabase = DatabaseHandle & {
  /** Empties every table but the wilayah, and restarts ids. */
  truncate(): Promise<void>;
  /** Where this database lives, for a second connection to the same data (postgres only). */
  url: string | null;
};

/** Replaces the database name in a connection string. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * One database per test file: in-memory PGlite by default; a scratch database on the real
 * PostgreSQL server when TEST_DATABASE_URL is set (dropped again on close).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let handle: DatabaseHandle;
  let url: string | null = null;
  let dropScratch = async () => {};
  if (serverUrl) {
    const name = `bantar_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    url = withDatabase(serverUrl, name);
    handle = await openDatabase({ kind: "postgres", url });
    dropScratch = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    handle = await openDatabase({ kind: "pglite", dataDir: null });
  }
  await runMigrations(handle);
  await seedWilayah(handle.db, "15.71");
  return {
    ...handle,
    url,
    async truncate() {
      // Every table but the wilayah reference data, so a new table needs no change here.
      const rows = await handle.db.execute<{ tablename: string }>(
        sql`select tablename from pg_tables where schemaname = 'public' and tablename not in ('kecamatan', 'kelurahan')`,
      );
      const tables = ((rows as unknown as { rows?: { tablename: string }[] }).rows ?? (rows as unknown as { tablename: string }[])).map((row) => `"${row.tablename}"`);
      await handle.db.execute(sql.raw(`truncate table ${tables.join(", ")} restart identity cascade`));
    },
    async close() {
      await handle.close();
      await dropScratch();
    },
  };
}

/**
 * The set-up of a test file that needs a database: created before its tests, closed after them,
 * and (unless `truncate: false`) emptied before each test. The object is stable; its members
 * reach the file's database once it is open (inside hooks and tests).
 */
export function withTestDatabase(options: { truncate?: boolean } = {}): TestDatabase {
  let current: TestDatabase | undefined;
  const open = (): TestDatabase => {
    if (!current) throw new Error("the test database is open only inside hooks and tests");
    return current;
  };
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  if (options.truncate !== false) beforeEach(() => open().truncate());
  return {
    get db() {
      return open().db;
    },
    get driver() {
      return open().driver;
    },
    get url() {
      return open().url;
    },
    get chatLocks() {
      return open().chatLocks;
    },
    get senderLock() {
      return open().senderLock;
    },
    truncate: () => open().truncate(),
    close: () => open().close(),
  };
}
