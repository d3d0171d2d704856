import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import type { DatabaseHandle } from "../db/client.js";

/** What pg-boss asks of a database it does not open itself (its `db` option). */
export type BossDb = {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /**
   * Runs `work` while no other instance runs its own (a session advisory lock on a connection of
   * its own): instances starting together install pg-boss and create its queues one at a time.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
};

/** Advisory lock key of preparing the job queue ("bantjobs" as ASCII); apart from the migration's and the chats'. */
export const JOB_QUEUE_PREPARE_LOCK = 0x62616e746a6f6273n;

/**
 * pg-boss over the app's own connection, so the jobs live in the same database as the rows they
 * produce, on PGlite (single connection, embedded) as on PostgreSQL, without a second pool.
 *
 * pg-boss sends two kinds of text: parameterised single statements, and (migrations, maintenance)
 * parameterless scripts of several statements wrapped in BEGIN … COMMIT under an advisory lock.
 * The scripts need the simple protocol: PGlite's `exec`; on postgres.js a reserved connection
 * (a pooled `unsafe` refuses a BEGIN, which could leave another query inside the transaction).
 */
export function bossDb(handle: Pick<DatabaseHandle, "db" | "driver">): BossDb {
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.driver === "pglite") {
    const pglite = client as PGlite;
    return {
      async executeSql(text, values) {
        if (values && values.length > 0) return { rows: (await pglite.query(text, values.map(orNull))).rows };
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      },
      // One process, one connection: nobody to wait for.
      exclusive: (work) => work(),
    };
  }
  const sql = client as Sql;
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: [...(await sql.unsafe(text, values.map(asParameter) as never[]))] };
      const reserved = await sql.reserve();
      try {
        const results = (await reserved.unsafe(text).simple()) as unknown as unknown[];
        // A script answers one result per statement; the last one is what pg would return.
        const last = results.length > 0 && Array.isArray(results.at(-1)) ? (results.at(-1) as unknown[]) : results;
        return { rows: [...last] };
      } catch (error) {
        // A statement of the script failed after its BEGIN: the connection is left inside an aborted
        // transaction, and would poison whatever the pool gives it to next. End it first.
        await reserved.unsafe("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        reserved.release();
      }
    },
    async exclusive(work) {
      const reserved = await sql.reserve();
      try {
        await reserved`select pg_advisory_lock(${JOB_QUEUE_PREPARE_LOCK.toString()}::int8)`;
        try {
          return await work();
        } finally {
          await reserved`select pg_advisory_unlock(${JOB_QUEUE_PREPARE_LOCK.toString()}::int8)`.catch(() => {});
        }
      } finally {
        reserved.release();
      }
    },
  };
}

function orNull(value: unknown): unknown {
  return value === undefined ? null : value;
}

/**
 * A value as pg would send it. postgres.js refuses undefined; and drizzle turns off postgres.js's
 * own serialisers for json and timestamps on the client it wraps (it sends text itself), so a job's
 * data goes as JSON text and a date as ISO text.
 */
function asParameter(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && !Array.isArray(value) && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}
