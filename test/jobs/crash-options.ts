import type { JobQueueOptions } from "../../src/jobs/queue.js";

/** Short enough for a test: a job whose process died is found expired within a few seconds. */
export const CRASH_QUEUE_OPTIONS = {
  expireInSeconds: 3,
  maintenanceIntervalSeconds: 1,
  pollingIntervalSeconds: 0.5,
  retryDelaySeconds: 1,
} satisfies Partial<JobQueueOptions>;
