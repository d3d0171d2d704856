import { createTask, type RunCoordinator, type ScheduledTask } from "node-cron";
import { TIME_ZONE } from "../domain/schedule/wib.js";
import type { Logger } from "../logger.js";
import type { Database } from "../db/client.js";
import { PgRunCoordinator } from "./run-coordinator.js";

/** A job run on a cron pattern in WIB, by one instance per tick. `now` is the job's clock. */
export type ScheduledJob = {
  name: string;
  /** node-cron pattern (5 fields, or 6 with seconds), read in Asia/Jakarta time. */
  cron: string;
  run(now: Date): Promise<unknown>;
};

export type SchedulerDeps = {
  db: Database;
  logger: Logger;
  /** The time source handed to the jobs: real in production, fixed in tests. */
  clock?: () => Date;
};

/** One run of a job on this instance: finished, or thrown. */
export type JobRun = { job: string; outcome: "done" | "failed" };

export type SchedulerOptions = {
  /** What to run and when: productionJobs() in the app (scheduling/jobs.ts). */
  jobs: ScheduledJob[];
  /** Who decides which instance runs a tick; by default PostgreSQL (`cron_run`). */
  coordinator?: RunCoordinator;
  /** How long a claimed tick stays claimed if its instance dies mid-run. */
  leaseMs?: number;
  /** Told of every run this instance made (the metrics count them); a tick run elsewhere is not told. */
  onRun?: (run: JobRun) => void;
};

export type Scheduler = { start(): void; stop(): Promise<void>; readonly jobs: readonly ScheduledJob[] };

/** node-cron's logger interface, onto ours. */
function cronLogger(logger: Logger) {
  return {
    info: (message: string) => logger.info({ source: "node-cron" }, message),
    warn: (message: string) => logger.warn({ source: "node-cron" }, message),
    error: (message: string | Error, err?: Error) => logger.error({ source: "node-cron", err: err ?? message }, typeof message === "string" ? message : message.message),
    debug: (message: string | Error) => logger.debug({ source: "node-cron" }, String(message)),
  };
}

/**
 * Wires the jobs to node-cron (timezone Asia/Jakarta). Every instance schedules every job; the run
 * coordinator lets one of them run each tick, and a job still running at the next tick makes that
 * tick skip (noOverlap). A failing job is logged; the next tick runs as usual (the reminder
 * planner catches up with whatever a failed or skipped tick left).
 */
export function createScheduler(deps: SchedulerDeps, options: SchedulerOptions): Scheduler {
  const clock = deps.clock ?? (() => new Date());
  const coordinator = options.coordinator ?? new PgRunCoordinator(deps.db, clock);
  const jobs = options.jobs;
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`two scheduled jobs are named ${job.name}: the name is the coordination key`);
    names.add(job.name);
  }

  let tasks: ScheduledTask[] = [];
  return {
    jobs,
    start() {
      if (tasks.length > 0) return;
      tasks = jobs.map((job) =>
        createTask(
          job.cron,
          async () => {
            let outcome: JobRun["outcome"] = "failed";
            try {
              const result = await job.run(clock());
              outcome = "done";
              deps.logger.debug({ job: job.name, result }, "scheduled job done");
            } catch (error) {
              deps.logger.error({ job: job.name, err: error }, "scheduled job failed");
            }
            try {
              options.onRun?.({ job: job.name, outcome });
            } catch (error) {
              deps.logger.warn({ job: job.name, err: error }, "scheduled job: its run could not be counted");
            }
          },
          {
            name: job.name,
            timezone: TIME_ZONE,
            noOverlap: true,
            distributed: true,
            runCoordinator: coordinator,
            distributedLease: options.leaseMs ?? 55_000,
            logger: cronLogger(deps.logger),
          },
        ),
      );
      for (const task of tasks) void task.start();
    },
    async stop() {
      const stopping = tasks;
      tasks = [];
      for (const task of stopping) await task.destroy();
    },
  };
}
