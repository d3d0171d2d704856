import { PgTransaction } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client.js";

/**
 * Reads a counted line (issue 17) without ever undoing what it follows. Inside the caller's
 * transaction it runs in a savepoint: a failure of the read — a statement timeout, a cancelled
 * query, a serialisation error — rolls back the read alone and yields no line, and the deposit,
 * session or check-in it follows commits as it would have without it. Without the savepoint,
 * PostgreSQL aborts the whole transaction on the failed statement, so catching the error would not
 * save the deposit. Outside a transaction (a check-in, written already) there is nothing to undo:
 * the read runs as it is, not wrapped in a BEGIN and a COMMIT of its own (two round trips).
 */
export async function countedOrNone<T>(db: Database, read: (db: Database) => Promise<T | null>): Promise<T | null> {
  try {
    return db instanceof PgTransaction ? await db.transaction((savepoint) => read(savepoint as unknown as Database)) : await read(db);
  } catch {
    return null;
  }
}
