import type { SQL } from "drizzle-orm";
import { queryRows, type Database } from "./client.js";

type Query = { sql: string; params: unknown[] };
type Internals = {
  dialect?: { sqlToQuery(query: SQL): Query };
  session?: { prepareQuery(query: Query, fields: undefined, name: string, isResponseInArrayMode: boolean): { execute(): Promise<unknown> } };
};

/**
 * queryRows for a statement on a hot path, sent as a prepared statement: on postgres.js the server
 * parses and plans it once per connection and then only binds and runs it, as drizzle's `.prepare()`
 * does for the query builder. `db.execute` sends raw SQL unnamed, parsed and planned every time,
 * which for a statement of five data-modifying CTEs costs PostgreSQL more than running it
 * (bench:ledger). Reaches drizzle's session the way `.prepare()` does; on a database object without
 * one (none today) it falls back to an ordinary execute. The text must not vary between calls
 * (values are parameters), or each variant is prepared anew.
 */
export async function queryRowsPrepared<T>(db: Database, name: string, query: SQL): Promise<T[]> {
  const { dialect, session } = db as unknown as Internals;
  if (!dialect || !session) return queryRows<T>(db, query);
  const result = (await session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute()) as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}
