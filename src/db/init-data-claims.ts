import { and, like, lt } from "drizzle-orm";
import type { Database } from "./client.js";
import { botState } from "./schema/index.js";

/** Where the hashes of Mini App initData already exchanged for a session are kept (bot_state keys). */
export const INIT_DATA_CLAIM_NAMESPACE = "webapp-init";

/**
 * True the first time this initData (named by its hash) is exchanged for a session; false for a
 * replay. One row per claim, like processed_update for updates: two instances racing for the same
 * data cannot both win. The row's time is the claim's, so the prune can tell when it has expired.
 */
export async function claimInitData(db: Database, hash: string, now: Date): Promise<boolean> {
  const rows = await db
    .insert(botState)
    .values({ key: `${INIT_DATA_CLAIM_NAMESPACE}:${hash}`, value: { claimedAt: now.toISOString() }, updatedAt: now })
    .onConflictDoNothing()
    .returning({ key: botState.key });
  return rows.length > 0;
}

/** Drops claims made before `before`: their initData has expired, so a replay is refused for its age anyway. */
export async function pruneInitDataClaims(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(botState)
    .where(and(like(botState.key, `${INIT_DATA_CLAIM_NAMESPACE}:%`), lt(botState.updatedAt, before)))
    .returning({ key: botState.key });
  return rows.length;
}
