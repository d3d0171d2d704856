import { fileURLToPath } from "node:url";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { Sql } from "postgres";
import type { DatabaseHandle } from "./client.js";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../migrations", import.meta.url));

/** pg_advisory_lock key for migrations ("bantar" as ASCII); any constant all instances share. */
export const MIGRATION_LOCK_KEY = 0x62616e746172;

/**
 * Applies the committed drizzle-kit migrations; already-applied ones are skipped. On PostgreSQL
 * several instances may start at once (a deploy, a restart of all): the migrator reads what is
 * applied and then applies the rest, so two of them would both apply the same migration. An
 * advisory lock (a session lock, so held on one reserved connection of the pool while the migrator
 * uses another, so the pool needs two: openDatabase's has ten) lets one migrate while the others
 * wait and then find nothing left to do.
 */
export async function runMigrations(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (handle.driver === "pglite") {
    // One connection per PGlite: nobody can race it.
    await migratePglite(handle.db as unknown as PgliteDatabase, config);
    return;
  }
  const client = (handle.db as unknown as PostgresJsDatabase & { $client: Sql }).$client;
  const connection = await client.reserve();
  try {
    await connection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migratePostgres(handle.db as unknown as PostgresJsDatabase, config);
    } finally {
      await connection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    connection.release();
  }
}
