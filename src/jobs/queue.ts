import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import type { DatabaseHandle } from "../db/client.js";
import type { Logger } from "../logger.js";
import { bossDb, type BossDb } from "./boss-db.js";

/** The queue of long work (digests, exports, rotas, packs): one pg-boss queue, one worker per process. */
export const LONG_WORK_QUEUE = "long-work";
/** Where pg-boss moves a job whose last retry failed (or whose process died on its last try). */
export const GAVE_UP_QUEUE = "long-work-gave-up";

/** A job active longer than this is taken as dead and retried (JobQueueOptions.expireInSeconds). */
export const DEFAULT_EXPIRE_SECONDS = 120;

/** What the queue carries: serializable data and a key naming the request (so asking twice queues once). */
export type JobEnvelope = { key: string };

export type JobHandlers<E extends JobEnvelope> = {
  /** Does the work; a throw is retried with back-off. */
  perform(envelope: E): Promise<void>;
  /** After the last retry: tell the person. */
  gaveUp(envelope: E): Promise<void>;
};

export type JobQueueStats = { queued: number; active: number; failed: number };

export type JobQueueOptions = {
  database: Pick<DatabaseHandle, "db" | "driver">;
  logger: Logger;
  /** Tries after the first (default 3), waiting retryDelaySeconds × 2^n between them. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /**
   * A job active longer than this failed (its process died, or it hangs) and is retried. The
   * longest work (an evidence pack with its photos) takes well under a minute; default 2 min, so a
   * crashed job is retried within about two minutes (plus the maintenance interval).
   */
  expireInSeconds?: number;
  /** How often a worker looks for a job it was not told about (another instance's); default 2 s. */
  pollingIntervalSeconds?: number;
  /** How often expired jobs are found and retried; default 60 s. */
  maintenanceIntervalSeconds?: number;
};

export interface JobQueue<E extends JobEnvelope> {
  /** Queues the job; false when a job with its key was queued already (a redelivered update). */
  submit(envelope: E): Promise<boolean>;
  /** Creates the queues (pg-boss's tables on first use). Idempotent; submit and drain call it. */
  prepare(): Promise<void>;
  /** Takes jobs in the background: the app. */
  start(handlers: JobHandlers<E>): Promise<void>;
  /** Takes no more jobs; the running one gets `graceMs` to finish, else it is failed and retried later. */
  stop(graceMs?: number): Promise<void>;
  /** Runs, here and now, every job queued, retries too without their back-off (and every gave-up notice): tests. */
  drain(handlers: JobHandlers<E>): Promise<number>;
  stats(): Promise<JobQueueStats>;
}

/**
 * A job's id derived from its key: pg-boss inserts with ON CONFLICT DO NOTHING on the id, so the
 * same request sent twice (a redelivered update, two instances) is one job. A UUID in form (v8).
 */
export function jobIdOf(key: string): string {
  const hex = createHash("sha256").update(`long-work:${key}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Tries at preparing the queue (pg-boss's install, the queues) before start-up fails. */
const PREPARE_ATTEMPTS = 4;

let current: { stats(): Promise<JobQueueStats> } | null = null;

/** Queue depth and failures of this process's job queue (zeros before one is prepared), for /metrics. */
export function jobQueueStats(): Promise<JobQueueStats> {
  return current ? current.stats() : Promise.resolve({ queued: 0, active: 0, failed: 0 });
}

/**
 * Long work on pg-boss (an established PostgreSQL job queue), in the bot's own database: PGlite or
 * PostgreSQL through `bossDb`. Once per request (the job id is the key's hash), retried with
 * exponential back-off, expired and retried when its process died, moved to GAVE_UP_QUEUE after
 * the last try. Several instances share the queue: each job goes to one of them.
 */
export function createJobQueue<E extends JobEnvelope>(options: JobQueueOptions): JobQueue<E> {
  const { logger } = options;
  const db: BossDb = bossDb(options.database);
  const boss = new PgBoss({
    db,
    // Cron stays with the app's own scheduler; only the maintenance that expires and archives jobs runs.
    schedule: false,
    supervise: true,
    migrate: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // The job names who asked (chat id, person id): kept no longer than the retries need.
    archiveCompletedAfterSeconds: 3_600,
    deleteAfterDays: 1,
  } as PgBoss.ConstructorOptions);
  boss.on("error", (error: unknown) => logger.warn({ err: error }, "job queue error"));

  const retry = { retryLimit: options.retryLimit ?? 3, retryDelay: options.retryDelaySeconds ?? 10, retryBackoff: true, expireInSeconds: options.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS };
  let prepared: Promise<void> | null = null;
  let workerId: string | null = null;

  // Created once; later starts bring its retry settings up to this release's (or a test's).
  const ensure = async (name: string, settings: Omit<PgBoss.Queue, "name">) => {
    if (!(await boss.getQueue(name))) {
      try {
        await boss.createQueue(name, { name, policy: "standard", ...settings });
        return;
      } catch (error) {
        // Another instance created it between our look and our create: it is there now.
        if (!(await boss.getQueue(name))) throw error;
      }
    }
    await boss.updateQueue(name, { name, ...settings });
  };
  /**
   * pg-boss's schema, installed or brought up to date. Instances starting together on a new database
   * race to install it (pg-boss checks, then creates): the loser's script fails (its transaction is
   * rolled back, boss-db.ts). A PgBoss that failed to start cannot start again, so each attempt is a
   * PgBoss of its own, doing only that; once one has succeeded anywhere, the app's own start finds all
   * in place.
   */
  const install = async () => {
    for (let attempt = 1; ; attempt++) {
      const installer = new PgBoss({ db, schedule: false, supervise: false, migrate: true } as PgBoss.ConstructorOptions);
      installer.on("error", () => {});
      try {
        await installer.start();
        await installer.stop({ graceful: false, close: false, wait: true });
        return;
      } catch (error) {
        if (attempt >= PREPARE_ATTEMPTS) throw error;
        logger.warn({ err: error, attempt }, "installing the job queue failed (another instance installing it?); trying again");
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  };
  const prepare = () =>
    (prepared ??= (async () => {
      // One instance at a time installs pg-boss and creates the queues (they check, then create).
      await db.exclusive(async () => {
        await install();
        await boss.start();
        await ensure(GAVE_UP_QUEUE, { retryLimit: 2, retryDelay: 5, retryBackoff: true });
        await ensure(LONG_WORK_QUEUE, { ...retry, deadLetter: GAVE_UP_QUEUE });
      });
      current = queue;
    })().catch((error: unknown) => {
      prepared = null;
      throw error;
    }));

  async function runJob(name: string, job: PgBoss.Job<E>, handle: (envelope: E) => Promise<void>): Promise<void> {
    const started = Date.now();
    try {
      await handle(job.data);
      logger.info({ job: job.id, queue: name, tookMs: Date.now() - started }, "job done");
    } catch (error) {
      // The job id, not its key: the key names a chat.
      logger.warn({ err: error, job: job.id, queue: name }, "job failed");
      throw error;
    }
  }

  const queue: JobQueue<E> = {
    prepare,
    async submit(envelope) {
      await prepare();
      const id = await boss.send(LONG_WORK_QUEUE, envelope as object, { id: jobIdOf(envelope.key) });
      if (id === null) {
        logger.info({ job: jobIdOf(envelope.key) }, "job already queued; dropped");
        return false;
      }
      // This process's worker looks now, not at its next poll.
      if (workerId) boss.notifyWorker(workerId);
      return true;
    },
    async start(handlers) {
      await prepare();
      const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
      // One job at a time per process: the work is CPU-heavy (charts, workbooks, PDFs) on small machines.
      workerId = await boss.work<E>(LONG_WORK_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => runJob(LONG_WORK_QUEUE, job!, handlers.perform));
      await boss.work<E>(GAVE_UP_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => runJob(GAVE_UP_QUEUE, job!, handlers.gaveUp));
    },
    async stop(graceMs = 5_000) {
      if (!prepared) return;
      await prepared.catch(() => {});
      workerId = null;
      // close: false, the connection is the app's; what is still running after graceMs is failed, so retried.
      await boss.stop({ graceful: true, wait: true, close: false, timeout: Math.max(1_000, graceMs) });
      if (current === queue) current = null;
    },
    async drain(handlers) {
      await prepare();
      let done = 0;
      for (;;) {
        let ran = false;
        for (const [name, handle] of [[LONG_WORK_QUEUE, handlers.perform], [GAVE_UP_QUEUE, handlers.gaveUp]] as const) {
          const [job] = await boss.fetch<E>(name, { batchSize: 1, ignoreStartAfter: true });
          if (!job) continue;
          ran = true;
          done++;
          try {
            await runJob(name, job, handle);
            await boss.complete(name, job.id);
          } catch (error) {
            await boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
          }
        }
        if (!ran) return done;
      }
    },
    async stats() {
      const { rows } = await db.executeSql(
        `select state, count(*)::int as n from pgboss.job where name = any($1::text[]) group by state`,
        [[LONG_WORK_QUEUE, GAVE_UP_QUEUE]],
      );
      const count = (...states: string[]) => (rows as { state: string; n: number }[]).filter((row) => states.includes(row.state)).reduce((sum, row) => sum + Number(row.n), 0);
      return { queued: count("created", "retry"), active: count("active"), failed: count("failed") };
    },
  };
  return queue;
}
