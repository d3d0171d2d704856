import { eq, lt } from "drizzle-orm";
import type { Database } from "./client.js";
import { processedUpdate } from "./schema/index.js";

/** True the first time an update id is seen; false for a redelivery. */
export async function claimUpdate(db: Database, updateId: number, now: Date): Promise<boolean> {
  const rows = await db.insert(processedUpdate).values({ updateId, processedAt: now }).onConflictDoNothing().returning({ updateId: processedUpdate.updateId });
  return rows.length > 0;
}

/** Forget a claim whose handling failed, so Telegram's redelivery is handled again. */
export async function releaseUpdate(db: Database, updateId: number): Promise<void> {
  await db.delete(processedUpdate).where(eq(processedUpdate.updateId, updateId));
}

/** Telegram redelivers for at most a day; older claims only take space. */
export async function pruneProcessedUpdates(db: Database, before: Date): Promise<number> {
  const rows = await db.delete(processedUpdate).where(lt(processedUpdate.processedAt, before)).returning({ updateId: processedUpdate.updateId });
  return rows.length;
}
