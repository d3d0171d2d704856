import { sql } from "drizzle-orm";
import type { Database } from "./client.js";

/**
 * Holds `requestKey` until the transaction `tx` ends (a transaction advisory lock on a hash of the
 * key: nothing is stored, PostgreSQL frees it at commit or rollback). For a service whose repeat
 * is found by reading, not by a unique column: two saves of one form racing on two instances
 * then look one after the other, and the second finds the first. Call it inside the transaction.
 */
export async function lockRequest(tx: Database, requestKey: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${requestKey}, 0))`);
}
