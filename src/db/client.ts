import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { openChatLocks, type ChatLocks } from "./chat-lock.js";
import { openSenderLock, type SenderLock } from "./sender-lock.js";
import * as schema from "./schema/index.js";

/** Any drizzle database or transaction over our schema: postgres.js, PGlite or a `tx`. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  /**
   * One chat's updates one at a time across the instances sharing this PostgreSQL (its own
   * connection, opened at first use). Null on PGlite: one process owns it, its in-process order is enough.
   */
  chatLocks: ChatLocks | null;
  /**
   * The outbox sender's seat among the instances sharing this PostgreSQL (its own connection,
   * opened at first use). Null on PGlite: its one process is the sender.
   */
  senderLock: SenderLock | null;
  close(): Promise<void>;
};

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string | null };

/**
 * postgres.js waits longer before each reconnect after failed ones (up to 20 s by default), and
 * queries wait with it: after an outage the bot would stay deaf for that long, and each update in
 * the outage would hang before failing. Capped at 2 s, a returning server is found within seconds.
 */
export function reconnectDelaySeconds(retries: number): number {
  return (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, 2);
}

/**
 * How many distinct statement texts one pool prepares (PostgreSQL and postgres.js keep each one per
 * connection until the connection ends, at most an hour: postgres.js's default max_lifetime). The
 * bot's statements are a few hundred; a text built with a varying number of parameters (`in ($1, …)`)
 * is one more each time, and past this many the rest go unnamed, as before. The set never shrinks:
 * the texts first seen keep their place.
 */
export const PREPARED_TEXTS_MAX = 500;
/**
 * Statements with more parameters than this go unnamed: mostly the `in ($1, …, $n)` lists of
 * drizzle's inArray, a new text for each length, each plan a few tens of KB in every backend that
 * prepared it (the review measured 26 KB), which would fill PREPARED_TEXTS_MAX with texts used once.
 * The bot's busiest statements have up to 40 (bench:updates: 0–13 for most, 40 for one written at
 * almost every form step).
 */
export const PREPARED_PARAMETERS_MAX = 64;

type Unsafe = (query: string, args?: unknown[], options?: { prepare?: boolean; simple?: boolean }) => unknown;
type Scoped = { unsafe: Unsafe; savepoint?: (...args: unknown[]) => unknown };

/**
 * Sends the pool's parameterised statements as prepared statements, in transactions too. drizzle
 * hands postgres.js every statement not built with `.prepare(name)` as `prepare: false`, and
 * postgres.js sends such a statement unnamed with parameters in two round trips: Parse + Describe,
 * wait for the parameter types, then Bind + Execute; PostgreSQL parses and plans it every time. A
 * statement prepared on a connection is one round trip (Bind + Execute) after its first use there.
 * An update of the bot makes several statements (the claim, a feature's reads and writes), each
 * paying that second round trip: a socket write and a wake-up of Node and of PostgreSQL, on the
 * same cores (bench:updates). Statements without parameters are unchanged (the simple protocol,
 * one round trip). A pooler in front must keep prepared statements (PgBouncer 1.21+ with
 * `max_prepared_statements`, or session mode, which the chat locks need anyway).
 * A migration that changes a column's type under a running instance (a rolling deploy) meets its
 * prepared statements: postgres.js re-prepares one whose cached plan went stale when it runs alone
 * (RevalidateCachedQuery), but inside a transaction the transaction has already failed, and a type
 * that no longer fits the parameter (int to text) fails until the connection ends (review, issue
 * 18). So such a migration is deployed with the old instances stopped, as README says.
 * Statements built with drizzle's `.prepare()` (preparedOnce, src/db/prepared.ts) come with
 * `prepare: true` and pass straight through, outside PREPARED_TEXTS_MAX: a fixed, small set of texts.
 */
function prepareStatements(sql: postgres.Sql): void {
  const prepared = new Set<string>();
  const wrapUnsafe = (scoped: Scoped) => {
    const unsafe = scoped.unsafe;
    scoped.unsafe = (query, args, options) => {
      if (!Array.isArray(args) || args.length === 0 || args.length > PREPARED_PARAMETERS_MAX || options?.prepare === true || options?.simple) return unsafe(query, args, options);
      if (!prepared.has(query)) {
        if (prepared.size >= PREPARED_TEXTS_MAX) return unsafe(query, args, options);
        prepared.add(query);
      }
      return unsafe(query, args, { ...options, prepare: true });
    };
  };
  // A transaction's statements go through the transaction's own `unsafe` (and a savepoint's through its own).
  const wrapScope = (scoped: Scoped) => {
    wrapUnsafe(scoped);
    const savepoint = scoped.savepoint;
    if (savepoint) scoped.savepoint = (...args: unknown[]) => savepoint(...inScope(args));
  };
  const inScope = (args: unknown[]) => {
    const body = args.at(-1);
    if (typeof body !== "function") return args;
    return [...args.slice(0, -1), (tx: Scoped) => {
      wrapScope(tx);
      return (body as (tx: Scoped) => unknown)(tx);
    }];
  };
  wrapUnsafe(sql as unknown as Scoped);
  const begin = sql.begin.bind(sql) as (...args: unknown[]) => unknown;
  (sql as unknown as { begin: typeof begin }).begin = (...args: unknown[]) => begin(...inScope(args));
}

/** Opens the database; `dataDir: null` is an in-memory PGlite (tests, the console). */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === "postgres") {
    // JIT off: the bot's queries are short, and its few large ones (the scores of every RT) spent
    // more time compiling than running (about 1 s of JIT in a 1.5 s query, bench:scores).
    const sql = postgres(target.url, { max: 10, onnotice: () => {}, backoff: reconnectDelaySeconds, connect_timeout: 10, connection: { jit: "off" } });
    prepareStatements(sql);
    const chatLocks = openChatLocks(target.url);
    const senderLock = openSenderLock(target.url);
    return {
      db: drizzlePostgres(sql, { schema }),
      driver: "postgres",
      chatLocks,
      senderLock,
      close: async () => {
        await Promise.all([chatLocks.close(), senderLock.close(), sql.end({ timeout: 5 })]);
      },
    };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const client = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
  await client.waitReady;
  return pgliteHandle(client);
}

/** A handle over a PGlite the caller opened (the console's, started from a saved data directory). */
export function pgliteHandle(client: PGlite): DatabaseHandle {
  return { db: drizzlePglite(client, { schema }), driver: "pglite", chatLocks: null, senderLock: null, close: () => client.close() };
}

/** The rows of a raw `db.execute`: postgres.js returns an array, PGlite an object holding `rows`. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/**
 * An `int[]` parameter for `= any(…)`: one bound text literal, whatever the number of ids (a
 * parameter per id would hit the protocol's limit on a city's RTs). Each id is truncated to an integer.
 */
export function intArray(ids: Iterable<number>): SQL {
  return sql`${`{${[...ids].map((id) => Math.trunc(id)).join(",")}}`}::int[]`;
}
