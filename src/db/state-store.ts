import { eq, inArray, like } from "drizzle-orm";
import type { Database } from "./client.js";
import { botState } from "./schema/index.js";

/** A grammY-style storage adapter (sessions, conversations) over the bot_state table. */
export type KeyValueStore<T> = {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
};

export function createStateStore<T>(db: Database, namespace: string): KeyValueStore<T> {
  const fullKey = (key: string) => `${namespace}:${key}`;
  return {
    async read(key) {
      const rows = await db.select({ value: botState.value }).from(botState).where(eq(botState.key, fullKey(key)));
      return rows[0]?.value as T | undefined;
    },
    async write(key, value) {
      await db
        .insert(botState)
        .values({ key: fullKey(key), value })
        .onConflictDoUpdate({ target: botState.key, set: { value, updatedAt: new Date() } });
    },
    async delete(key) {
      await db.delete(botState).where(eq(botState.key, fullKey(key)));
    },
  };
}

/** Drops some keys of one namespace at once. */
export async function deleteStateKeys(db: Database, namespace: string, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.delete(botState).where(inArray(botState.key, keys.map((key) => `${namespace}:${key}`)));
}

/** Drops every namespace's state of one chat (used when a person erases their data). */
export async function deleteChatState(db: Database, chatId: number): Promise<void> {
  await db.delete(botState).where(like(botState.key, `%:${chatId}`));
}
