import { eq, lt, sql } from "drizzle-orm";
import type { RunCoordinator } from "node-cron";
import type { Database } from "../db/client.js";
import { cronRun } from "../db/schema/index.js";

/**
 * node-cron's run coordinator over PostgreSQL: every instance asks `shouldRun` with the same key
 * for the same tick (`<task name>:<tick time ISO>`), and exactly one gets true.
 *
 * The claim is an insert into `cron_run` that does nothing on conflict, or takes over a row whose
 * claim has expired (its holder died mid-run, and a late instance asks again); PostgreSQL's unique
 * key makes the race between instances safe. A finished run is marked done for good (no expiry),
 * so a laggard never repeats it. Rows older than `retentionMs` are pruned after each run.
 */
export class PgRunCoordinator implements RunCoordinator {
  constructor(
    private readonly db: Database,
    private readonly clock: () => Date = () => new Date(),
    private readonly retentionMs = 24 * 3_600_000,
  ) {}

  async shouldRun(key: string, ttlMs: number): Promise<boolean> {
    const now = this.clock();
    const rows = await this.db
      .insert(cronRun)
      .values({ key, claimedAt: now, expiresAt: new Date(now.getTime() + ttlMs) })
      .onConflictDoUpdate({
        target: cronRun.key,
        set: { claimedAt: now, expiresAt: new Date(now.getTime() + ttlMs) },
        setWhere: lt(cronRun.expiresAt, now),
      })
      .returning({ key: cronRun.key });
    return rows.length === 1;
  }

  async onComplete(key: string): Promise<void> {
    await this.db.update(cronRun).set({ expiresAt: sql`'infinity'::timestamptz` }).where(eq(cronRun.key, key));
    await this.db.delete(cronRun).where(lt(cronRun.claimedAt, new Date(this.clock().getTime() - this.retentionMs)));
  }
}
