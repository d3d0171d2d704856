import { and, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { membership } from "../../db/schema/index.js";

/** How long an ended membership keeps its household label (README: Privacy and audit). */
export const ENDED_MEMBERSHIP_RETENTION_DAYS = 365;

/**
 * Data retention for ended memberships (left, removed, rejected, withdrawn, erased): the row stays
 * as the RT's and the person's history, but a year after it ended its household label, the only
 * personal detail it holds, is cleared. Scores and digests read the participation records, which
 * carry their own copy of the label, so no total changes. Returns how many rows were cleared;
 * running it again clears nothing more.
 */
export async function applyRetention(db: Database, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - ENDED_MEMBERSHIP_RETENTION_DAYS * 86_400_000);
  const cleared = await db
    .update(membership)
    .set({ householdLabel: null })
    .where(
      and(
        inArray(membership.status, ["left", "rejected"]),
        isNotNull(membership.householdLabel),
        // A Date inside raw SQL is bound as text: postgres.js refuses a Date there.
        lt(sql`coalesce(${membership.endedAt}, ${membership.decidedAt}, ${membership.requestedAt})`, sql`${cutoff.toISOString()}::timestamptz`),
      ),
    )
    .returning({ id: membership.id });
  return cleared.length;
}
