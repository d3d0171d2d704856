import type { SQL } from "drizzle-orm";
import { queryRows, type Database } from "./client.js";

type Query = { sql: string; params: unknown[] };
type Internals = {
  dialect?: { sqlToQuery(query: SQL): Query };
  session?: { prepareQuery(query: Query, fields: undefined, name: string | undefined, isResponseInArrayMode: boolean): { execute(values?: Record<string, unknown>): Promise<unknown> } };
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

/** Per dialect (one per database object's kind), the text and parameters of each statement built once. */
const builtOnce = new WeakMap<object, Map<string, Query>>();

/**
 * queryRows for a statement run on every update, whose text is built once: `build` makes it with
 * `sql.placeholder(name)` where each value goes, and each call binds `values` by name. drizzle
 * builds a statement from its pieces at every call (a tree of table and column objects, each
 * checked for its kind); for the update's first statement, a few subqueries deep, that was CPU
 * spent on every update for the same text. `key` names one shape of the statement: the same key
 * must always build the same text.
 */
export async function queryRowsBuiltOnce<T>(db: Database, key: string, build: () => SQL, values: Record<string, unknown>): Promise<T[]> {
  const { dialect, session } = db as unknown as Internals;
  if (!dialect || !session) throw new Error("queryRowsBuiltOnce needs a drizzle database or transaction");
  let built = builtOnce.get(dialect);
  if (!built) builtOnce.set(dialect, (built = new Map()));
  let query = built.get(key);
  if (!query) built.set(key, (query = dialect.sqlToQuery(build())));
  const result = (await session.prepareQuery(query, undefined, undefined, false).execute(values)) as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}
