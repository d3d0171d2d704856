import { and, eq, like, lt, or, sql } from "drizzle-orm";
import type { Database } from "./client.js";
import { preparedOnce } from "./prepared.js";
import { botState } from "./schema/index.js";

/**
 * A grammY-style storage adapter (sessions, conversations) over the bot_state table. `alsoDropLike`:
 * keys (a LIKE pattern, `stateKeysStartingWith`) dropped in the same statement, so the write and the
 * drop happen together or not at all, in one round trip.
 */
export type KeyValueStore<T> = {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T, alsoDropLike?: string): Promise<void>;
  /** Several keys in one statement. */
  writeMany(entries: readonly (readonly [string, T])[]): Promise<void>;
  delete(key: string, alsoDropLike?: string): Promise<void>;
};

/** The bot_state key of `key` in `namespace`. */
export function stateKey(namespace: string, key: string): string {
  return `${namespace}:${key}`;
}

/**
 * A key's value written: its own insert leaves updated_at to its default; an existing key gets the
 * value and the time (`at`).
 */
const upsertInto = (database: Pick<Database, "insert">) =>
  database
    .insert(botState)
    .values({ key: sql.placeholder("key"), value: sql.placeholder("value") })
    .onConflictDoUpdate({ target: botState.key, set: { value: sql`excluded.value`, updatedAt: sql`${sql.placeholder("at")}::timestamptz` } });

/** A form's state, written on every step of every form: built once (preparedOnce), alone or with the keys `drop` names (a LIKE pattern) dropped. */
const upsertState = preparedOnce<{ key: string; value: unknown; at: string }, unknown>("bot_state_upsert", (db) => upsertInto(db));
const upsertStateDropping = preparedOnce<{ key: string; value: unknown; at: string; drop: string }, unknown>("bot_state_upsert_dropping", (db) =>
  // PostgreSQL runs a data-modifying WITH whether or not the statement reads it.
  upsertInto(db.with(db.$with("dropped").as(db.delete(botState).where(like(botState.key, sql.placeholder("drop"))).returning({ key: botState.key })))),
);

export function createStateStore<T>(db: Database, namespace: string): KeyValueStore<T> {
  const fullKey = (key: string) => stateKey(namespace, key);
  return {
    async read(key) {
      const rows = await db.select({ value: botState.value }).from(botState).where(eq(botState.key, fullKey(key)));
      return rows[0]?.value as T | undefined;
    },
    async write(key, value, alsoDropLike) {
      const at = new Date().toISOString();
      if (alsoDropLike === undefined) await upsertState(db, { key: fullKey(key), value, at });
      else await upsertStateDropping(db, { key: fullKey(key), value, at, drop: alsoDropLike });
    },
    async writeMany(entries) {
      if (entries.length === 0) return;
      await db
        .insert(botState)
        .values(entries.map(([key, value]) => ({ key: fullKey(key), value })))
        .onConflictDoUpdate({ target: botState.key, set: { value: sql`excluded.value`, updatedAt: new Date() } });
    },
    async delete(key, alsoDropLike) {
      await db.delete(botState).where(alsoDropLike === undefined ? eq(botState.key, fullKey(key)) : or(eq(botState.key, fullKey(key)), like(botState.key, alsoDropLike)));
    },
  };
}

/** The LIKE pattern of the keys of one namespace that start with `prefix` (a LIKE pattern's own characters are taken as they are). */
export function stateKeysStartingWith(namespace: string, prefix: string): string {
  return `${stateKey(namespace, prefix).replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Drops the keys of one namespace that start with `prefix`. */
export async function deleteStateKeysStartingWith(db: Database, namespace: string, prefix: string): Promise<void> {
  await db.delete(botState).where(like(botState.key, stateKeysStartingWith(namespace, prefix)));
}

/** Where a form keeps the outcomes of a failed update's committed steps for its redelivery (src/bot/form-state.ts). */
export const FORM_STEP_NAMESPACE = "form-step";

/** Drops the kept form steps written before `before` (of updates never redelivered); how many went. */
export async function pruneFormSteps(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(botState)
    .where(and(like(botState.key, `${FORM_STEP_NAMESPACE}:%`), lt(botState.updatedAt, before)))
    .returning({ key: botState.key });
  return rows.length;
}

/** Drops every namespace's state of one chat (used when a person erases their data). */
export async function deleteChatState(db: Database, chatId: number): Promise<void> {
  await db.delete(botState).where(like(botState.key, `%:${chatId}`));
}
