import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import { oldestDueAge } from "../delivery/outbox.js";
import type { Logger } from "../logger.js";
import type { Health } from "./http-server.js";
import { redactError } from "./redact.js";
import type { RefusalLog } from "./refusals.js";
import { withTimeout } from "./retry.js";
import type { UpdateTracker } from "./update-tracker.js";

/** How long /healthz, and a /metrics scrape, wait for the database before answering without it. */
export const DATABASE_PROBE_MS = 2_000;

export type HealthOptions = { db: Database; clock: () => Date; tracker: UpdateTracker; mode: Config["mode"]; logger: Logger; secrets: string[]; refusals: RefusalLog };

/**
 * What /healthz reports: the database reachable, how late the outbox runs, the last update seen,
 * and how many webhook requests were refused for their secret.
 */
export function healthReport({ db, clock, tracker, mode, logger, secrets, refusals }: HealthOptions): () => Promise<Health> {
  return async () => {
    let lagMs: number | null = null;
    try {
      lagMs = await withTimeout(oldestDueAge(db, clock()), DATABASE_PROBE_MS);
    } catch (error) {
      logger.warn({ err: redactError(error, secrets) }, "health check: database unreachable");
    }
    return {
      ok: lagMs !== null,
      database: lagMs !== null,
      outboxLagSeconds: lagMs === null ? null : Math.round(lagMs / 1000),
      lastUpdateAt: tracker.lastUpdateAt?.toISOString() ?? null,
      mode,
      webhookRefused: refusals.total,
    };
  };
}
