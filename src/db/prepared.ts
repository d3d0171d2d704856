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

/** A query-builder statement drizzle can prepare (`.prepare(name)` on a select, insert, update, delete, or one `with` them). */
type Preparable<R> = { prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> } };

/**
 * A query-builder statement built once per database object, then only bound and run: drizzle's
 * own `.prepare()`, kept. drizzle otherwise builds a statement from its pieces at every call, each
 * table, column and fragment checked for its kind; bench:updates measured 0.3-0.75 ms per build
 * of the statements on its hot paths (an RSVP, a check-in, /jadwal, a form's state), more CPU than
 * the rest of their update. `build` makes the statement on `db` with `sql.placeholder(name)`
 * wherever a value goes, always the same text; each call binds `values` by name, and the rows come
 * back mapped as the builder maps them. drizzle converts a value through its column only in an
 * insert's or update's values: a placeholder compared with a column is sent as it is given, so a
 * time goes as ISO text cast in SQL (`${sql.placeholder("at")}::timestamptz`), never a Date, which
 * postgres.js and PGlite would send differently. A transaction is a database object of its own:
 * inside one, the statement is built once for that transaction.
 */
export function preparedOnce<Values extends Record<string, unknown>, R>(name: string, build: (db: Database) => Preparable<R>): (db: Database, values: Values) => Promise<R> {
  const prepared = new WeakMap<Database, ReturnType<Preparable<R>["prepare"]>>();
  return (db, values) => {
    let query = prepared.get(db);
    if (!query) prepared.set(db, (query = build(db).prepare(name)));
    return query.execute(values);
  };
}
