import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, queryRows, type DatabaseHandle } from "../../src/db/client.js";
import { MIGRATIONS_FOLDER } from "../../src/db/migrate.js";
import { seedWilayah } from "../../src/domain/wilayah/seed.js";
import { withDatabase } from "./database.js";

type Journal = { entries: { tag: string }[] };

/**
 * A database for a migration test: in-memory PGlite, or a scratch database on the real server
 * when TEST_DATABASE_URL is set. `migrateBefore("0008_")` migrates it from a copy of the migrations
 * folder cut just before that migration, so a test can write rows in the old shape and then run
 * every migration (`runMigrations`) to see them come out as the new code writes them.
 */
export type MigrationTestDatabase = {
  handle: DatabaseHandle;
  migrateBefore(tagPrefix: string): Promise<void>;
  /** migrateBefore, then Kota Jambi's wilayah seeded: answers the first kelurahan's code, for rows in the old shape. */
  migrateBeforeWithWilayah(tagPrefix: string): Promise<string>;
  /** Runs raw SQL statements separated by `;` (rows written in the old shape), one at a time. */
  runStatements(statements: string): Promise<void>;
  close(): Promise<void>;
};

export async function openMigrationTestDatabase(): Promise<MigrationTestDatabase> {
  const folder = mkdtempSync(join(tmpdir(), "bantar-migrations-"));
  const serverUrl = process.env.TEST_DATABASE_URL;
  let handle: DatabaseHandle;
  let dropScratch = async () => {};
  if (serverUrl) {
    const name = `bantar_test_mig_${randomBytes(4).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    handle = await openDatabase({ kind: "postgres", url: withDatabase(serverUrl, name) });
    dropScratch = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    handle = await openDatabase({ kind: "pglite", dataDir: null });
  }
  const database: MigrationTestDatabase = {
    handle,
    async migrateBefore(tagPrefix) {
      const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as Journal;
      const upTo = journal.entries.findIndex((entry) => entry.tag.startsWith(tagPrefix));
      if (upTo <= 0) throw new Error(`no migration ${tagPrefix} after the first`);
      const before = { ...journal, entries: journal.entries.slice(0, upTo) };
      mkdirSync(join(folder, "meta"));
      writeFileSync(join(folder, "meta", "_journal.json"), JSON.stringify(before));
      for (const entry of before.entries) copyFileSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
      if (handle.driver === "pglite") await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
      else await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: folder });
    },
    async migrateBeforeWithWilayah(tagPrefix) {
      await database.migrateBefore(tagPrefix);
      await seedWilayah(handle.db, "15.71");
      const [kelurahan] = await queryRows<{ code: string }>(handle.db, sql`select code from kelurahan order by code limit 1`);
      return kelurahan!.code;
    },
    async runStatements(statements) {
      for (const statement of statements.split(";").filter((text) => text.trim() !== "")) await handle.db.execute(sql.raw(statement));
    },
    async close() {
      await handle.close();
      await dropScratch();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return database;
}
