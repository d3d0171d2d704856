import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";

/**
 * Advisory lock class of the chat locks (`pg_try_advisory_lock(class, key)`, "bant" as ASCII).
 * Two-int keys never meet the migration lock's single bigint key (MIGRATION_LOCK_KEY).
 */
export const CHAT_LOCK_CLASS = 0x62616e74;
/**
 * How long an update waits for its chat's lock held by another instance. Past it the update fails
 * (ChatBusyError), the webhook answers 500 and Telegram delivers it again a little later.
 */
export const CHAT_LOCK_WAIT_MS = 20_000;
/** Pauses between tries while another instance holds the chat: 10 ms, doubling up to 200 ms. */
const FIRST_PAUSE_MS = 10;
const LONGEST_PAUSE_MS = 200;

/** Another instance kept the chat's lock longer than the update may wait: answer 500, Telegram redelivers. */
export class ChatBusyError extends Error {
  constructor(waitedMs: number) {
    super(`the chat was busy on another instance for ${waitedMs} ms`);
    this.name = "ChatBusyError";
  }
}

/**
 * The lock key of one chat: 32 bits of a hash of its id. The key is never stored (a session
 * advisory lock lives only while it is held), and pg_locks shows the hash, not the Telegram id.
 * Two chats sharing a key only wait for each other now and then.
 */
export function chatLockKey(chatId: number | string): number {
  // A number is a chat (`chat:<id>`, as before); a string key already names its kind (`poll:<id>`).
  return createHash("sha256").update(typeof chatId === "number" ? `chat:${chatId}` : chatId).digest().readInt32BE(0);
}

export type ChatLocks = {
  /** How long an update may wait for its chat held by another instance (CHAT_LOCK_WAIT_MS unless told). */
  readonly waitMs: number;
  /**
   * Takes the chat's lock across instances, waiting up to `wait` ms while another instance holds
   * it (then ChatBusyError). Answers the release, which never throws: it answers false when the
   * lock had already gone with its connection (dropped while the update ran). The caller keeps one
   * update per chat in flight in its own process (a session lock is re-entrant on its connection).
   */
  acquire(chatId: number | string, wait?: number): Promise<() => Promise<boolean>>;
  close(): Promise<void>;
};

/**
 * One chat's updates one at a time across instances, by PostgreSQL session advisory locks. All of
 * an instance's chat locks live on ONE connection of their own, apart from the pool: an update in
 * flight holds no pooled connection, so many chats at once cannot starve the pool (openDatabase's
 * ten), and each lock costs two short queries. `pg_try_advisory_lock` never blocks that shared
 * connection; a chat held elsewhere is tried again after a pause. An instance that dies loses its
 * connection and PostgreSQL frees its locks at once: nothing to expire, nothing left in a table.
 * The connection has no idle or lifetime limit (ending it would free locks still held); if it
 * drops anyway, its locks are gone until the updates holding them end (their release says so),
 * and what must never happen twice is still held by the services' request keys.
 */
export function openChatLocks(url: string, options: { waitMs?: number } = {}): ChatLocks {
  const waitMs = options.waitMs ?? CHAT_LOCK_WAIT_MS;
  // Each close of the connection frees every lock it held: a lock taken before is no longer held.
  let generation = 0;
  const sql = postgres(url, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    connect_timeout: 10,
    onnotice: () => {},
    onclose: () => void generation++,
    connection: { application_name: "bantar-chat-locks" },
  });
  return {
    waitMs,
    async acquire(chatId, wait = waitMs) {
      const key = chatLockKey(chatId);
      const startedAt = Date.now();
      for (let pauseMs = FIRST_PAUSE_MS; ; pauseMs = Math.min(pauseMs * 2, LONGEST_PAUSE_MS)) {
        const [row] = await sql<{ locked: boolean }[]>`select pg_try_advisory_lock(${CHAT_LOCK_CLASS}::int4, ${key}::int4) as locked`;
        if (row?.locked) break;
        const waited = Date.now() - startedAt;
        if (waited >= wait) throw new ChatBusyError(waited);
        await sleep(Math.min(pauseMs, wait - waited));
      }
      const held = generation;
      return async () => {
        if (held !== generation) return false;
        try {
          const [row] = await sql<{ unlocked: boolean }[]>`select pg_advisory_unlock(${CHAT_LOCK_CLASS}::int4, ${key}::int4) as unlocked`;
          return row?.unlocked === true;
        } catch {
          return false; // the connection is gone, and the lock with it
        }
      };
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
