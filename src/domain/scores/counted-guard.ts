import type { Database } from "../../db/client.js";

/**
 * Reads a counted line (issue 17) without ever undoing what it follows. It runs in a savepoint of
 * the caller's transaction (a transaction of its own outside one): a failure of the read — a
 * statement timeout, a cancelled query, a serialisation error — rolls back the read alone and
 * yields no line, and the deposit, session or check-in it follows commits as it would have without
 * it. Without the savepoint, PostgreSQL aborts the whole transaction on the failed statement, so
 * catching the error would not save the deposit.
 */
export async function countedOrNone<T>(db: Database, read: (db: Database) => Promise<T | null>): Promise<T | null> {
  try {
    return await db.transaction((savepoint) => read(savepoint as unknown as Database));
  } catch {
    return null;
  }
}
