import { hostname } from "node:os";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "../db/client.js";
import type { DeliveryStats } from "../delivery/engine.js";
import { OUTBOX_COUNT_CAP, outboxDepth, type OutboxDepth } from "../delivery/outbox.js";
import type { Logger } from "../logger.js";
import type { JobRun } from "../scheduling/scheduler.js";
import { DATABASE_PROBE_MS } from "./health.js";
import { redactError } from "./redact.js";
import { withTimeout } from "./retry.js";
import type { UpdateOutcome } from "./update-tracker.js";

/** What the durable job queue reports (another part of the app provides it). */
export type JobQueueStats = { queued: number; active: number; failed: number };

export type MetricsOptions = {
  /** Names this instance in every series (INSTANCE_ID, or the hostname). */
  instanceId: string;
  mode: "polling" | "webhook";
  db: Database;
  clock: () => Date;
  logger: Logger;
  /** Scrubbed from any error logged (the token, the database password in its URL …). */
  secrets?: string[];
  /** The durable job queue's depth and failures, when there is one. */
  jobs?: () => Promise<JobQueueStats>;
  /** How long one reading of the outbox serves scrapes (several Prometheus servers, or a fast interval). */
  cacheMs?: number;
  /** How long a scrape waits for a reading before showing the last one (DATABASE_PROBE_MS). */
  probeMs?: number;
  /**
   * A reading still unanswered after this long means the database is not answering (up 0, lag NaN);
   * it is also the reading's statement timeout, so PostgreSQL ends it by then.
   */
  silentMs?: number;
  /**
   * Measures the cache time, a reading's age and its silence, in ms: the wall clock by default, not
   * `clock` (which decides what is due, and which a test may hold still).
   */
  elapsedMs?: () => number;
  /** Reads the outbox (outboxDepth on `db`); a test seam for readings that hang or fail. */
  readOutbox?: (params: { now: Date; timeoutMs: number }) => Promise<OutboxDepth>;
};

/**
 * The instance's name in metrics when INSTANCE_ID is not set: the host's (a container's) name. Not
 * the pid too: a restart would start new series each time. Instances sharing a host set INSTANCE_ID.
 */
export function defaultInstanceId(): string {
  return hostname();
}

/** Handling times of an update, seconds: a quick reply to a slow digest request. */
const UPDATE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const OUTBOX_CACHE_MS = 5_000;
const SILENT_MS = 30_000;

/** The outbox as a scrape shows it: the last reading that settled, and whether one is late. */
type OutboxView = {
  /** The last settled reading's figures; null when it failed, or none has settled yet. */
  depth: OutboxDepth | null;
  /** False when the last reading failed, or one has been unanswered for silentMs. */
  up: boolean;
  /** How old the figures are (grows while a reading is slow). */
  ageSeconds: number;
};

type Fetch = typeof fetch;

let processRegistry: Registry | undefined;

/**
 * Node's own metrics (process_*, nodejs_*), collected once per process on a registry of their own.
 * prom-client starts a GC observer and an event-loop-delay monitor for every collectDefaultMetrics
 * call and never stops them: one per app would pile up in a process that starts many (tests).
 */
export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The metrics of one app (Prometheus text at /metrics), on a registry of its own, so several apps
 * in one process (tests) keep theirs apart; Node's own metrics are the process's (processMetrics). Labels name only the instance and fixed states:
 * never a chat, a person or a command's text. Counts the app sees as they happen (updates,
 * Telegram's 429s) are counted here; the outbox and the job queue are read at scrape time.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly updatesHandled: Counter;
  private readonly updatesFailed: Counter;
  private readonly updateSeconds: Histogram;
  private readonly telegramRequests: Counter;
  private readonly telegramRateLimited: Counter;
  /** The last reading that settled (depth null: it failed), `at` when it started (elapsedMs). */
  private settled: { at: number; depth: OutboxDepth | null } | null = null;
  /** The reading in progress: at most one, kept until the query itself settles. */
  private reading: { startedAt: number; done: Promise<void> } | null = null;
  private viewOfScrape: Promise<OutboxView> | null = null;

  constructor(private readonly options: MetricsOptions) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ instance_id: options.instanceId });
    new Gauge({ name: "bantar_instance_info", help: "1 for each running instance, with its mode", labelNames: ["mode"], registers }).set({ mode: options.mode }, 1);

    this.updatesHandled = new Counter({ name: "bantar_updates_handled_total", help: "Updates this instance finished handling without an error", registers });
    this.updatesFailed = new Counter({ name: "bantar_updates_failed_total", help: "Updates whose handling failed on this instance", registers });
    this.updateSeconds = new Histogram({ name: "bantar_update_duration_seconds", help: "Time to handle one update, handled or failed", buckets: UPDATE_BUCKETS, registers });
    this.telegramRequests = new Counter({ name: "bantar_telegram_requests_total", help: "Calls this instance made to the Bot API (replies, outbox sends, polling)", registers });
    this.telegramRateLimited = new Counter({ name: "bantar_telegram_rate_limited_total", help: "Bot API calls answered 429 Too Many Requests, replies and outbox sends alike", registers });

    const view = () => this.outboxView();
    new Gauge({
      name: "bantar_outbox_messages",
      help: `Outbox messages by state, each counted up to ${OUTBOX_COUNT_CAP} (that figure means at least as many): pending (waiting, due or later), due (their time has come), sending (claimed, not settled)`,
      labelNames: ["state"],
      registers,
      async collect() {
        const { depth, up } = await view();
        // No reading (the database did not answer): no samples, rather than made-up zeros.
        this.reset();
        if (!depth || !up) return;
        this.set({ state: "pending" }, depth.pending);
        this.set({ state: "due" }, depth.due);
        this.set({ state: "sending" }, depth.sending);
      },
    });
    new Gauge({
      name: "bantar_outbox_lag_seconds",
      help: "Age of the oldest due outbox message: how far behind sending runs (NaN when the database did not answer)",
      registers,
      async collect() {
        const { depth, up } = await view();
        this.set(depth && up ? depth.oldestDueAgeMs / 1000 : NaN);
      },
    });
    new Gauge({
      name: "bantar_outbox_reading_age_seconds",
      help: "Age of the outbox reading behind the outbox gauges: up to the cache time, more while a reading is slow (the database answers, late)",
      registers,
      async collect() {
        const { ageSeconds } = await view();
        this.set(ageSeconds);
      },
    });
    new Gauge({
      name: "bantar_database_up",
      help: "0 when the last outbox reading failed or one has had no answer for a long while (a slow one is not 0: see bantar_outbox_reading_age_seconds), else 1",
      registers,
      async collect() {
        this.set((await view()).up ? 1 : 0);
      },
    });

    const jobs = options.jobs;
    if (jobs) {
      const probeMs = options.probeMs ?? DATABASE_PROBE_MS;
      const { logger, secrets = [] } = options;
      new Gauge({
        name: "bantar_jobs",
        help: "Jobs of the durable queue, by state (failed: kept after their last attempt)",
        labelNames: ["state"],
        registers,
        async collect() {
          try {
            const stats = await withTimeout(jobs(), probeMs);
            this.set({ state: "queued" }, stats.queued);
            this.set({ state: "active" }, stats.active);
            this.set({ state: "failed" }, stats.failed);
          } catch (error) {
            this.reset();
            logger.warn({ err: redactError(error, secrets) }, "metrics: the job queue did not answer");
          }
        },
      });
    }
  }

  /** Updates in progress (UpdateTracker.inFlight), read at scrape time. */
  watchUpdates(inFlight: () => number): void {
    new Gauge({ name: "bantar_updates_in_flight", help: "Updates being handled now", registers: [this.registry], collect() { this.set(inFlight()); } });
  }

  /** The outbox sender's counts since start (DeliveryEngine.stats), read at scrape time. */
  watchDelivery(delivery: () => DeliveryStats): void {
    const registers = [this.registry];
    // Counters the engine keeps as plain numbers: each scrape adds what it counted since the last.
    const fromStats = (name: string, help: string, pick: (stats: DeliveryStats) => number) => {
      let seen = 0;
      new Counter({
        name,
        help,
        registers,
        collect() {
          const now = pick(delivery());
          if (now > seen) this.inc(now - seen);
          seen = now;
        },
      });
    };
    fromStats("bantar_outbox_sent_total", "Outbox messages this instance sent", (stats) => stats.sent);
    fromStats("bantar_outbox_failed_total", "Outbox messages this instance gave up on (refused, or too many attempts)", (stats) => stats.failed);
    fromStats("bantar_outbox_blocked_total", "Outbox messages refused because the person blocked the bot (403)", (stats) => stats.blocked);
    fromStats("bantar_outbox_retries_total", "Outbox sends that failed for a passing reason and were queued again with back-off", (stats) => stats.retried);
    fromStats("bantar_outbox_rate_limited_total", "Outbox sends answered 429 and queued again after retry_after", (stats) => stats.rateLimited);
  }

  /**
   * Counts the scheduler's runs on this instance by job and outcome (the scheduler's `onRun`). The
   * jobs are a fixed set, named up front: every series starts at 0, so a first failure shows in rate().
   */
  countJobRuns(jobNames: readonly string[]): (run: JobRun) => void {
    const runs = new Counter({
      name: "bantar_scheduled_job_runs_total",
      help: "Scheduled job runs this instance made, by job and outcome (done, failed: thrown and logged)",
      labelNames: ["job", "outcome"],
      registers: [this.registry],
    });
    const known = new Set(jobNames);
    for (const job of known) for (const outcome of ["done", "failed"] as const) runs.labels({ job, outcome }).inc(0);
    return ({ job, outcome }) => {
      // Only the names given: a label can never grow with something unforeseen.
      if (known.has(job)) runs.inc({ job, outcome });
    };
  }

  /** Records one update: called by the update tracker in both modes. */
  readonly observeUpdate = ({ seconds, ok }: UpdateOutcome): void => {
    (ok ? this.updatesHandled : this.updatesFailed).inc();
    this.updateSeconds.observe(seconds);
  };

  /** Wraps the transport to Telegram: every call counted, and the 429s among them, whoever made it. */
  countTelegram(inner: Fetch): Fetch {
    return (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
      this.telegramRequests.inc();
      const response = await inner(input, init);
      if (response.status === 429) this.telegramRateLimited.inc();
      return response;
    }) as Fetch;
  }

  /**
   * The Prometheus text format: this app's series and the process's, merged for this scrape only
   * (the merged registry is dropped after it, so the process's registry never refers to an app).
   */
  async scrape(): Promise<{ contentType: string; body: string }> {
    const merged = Registry.merge([processMetrics(), this.registry]);
    merged.setDefaultLabels({ instance_id: this.options.instanceId });
    return { contentType: merged.contentType, body: await merged.metrics() };
  }

  /** One view serves every gauge of a scrape: the gauges are collected together, so they share it. */
  private outboxView(): Promise<OutboxView> {
    this.viewOfScrape ??= this.readOutbox().finally(() => {
      this.viewOfScrape = null;
    });
    return this.viewOfScrape;
  }

  /**
   * The outbox as of the last reading, read again when older than `cacheMs`. Never two readings at
   * once: a reading runs until its query settles (a statement timeout of `silentMs` ends it), and a
   * scrape waits for it `probeMs` at most, then shows the last figures with their age. Slow is not
   * down: the database counts as down when a reading failed, or has had no answer for `silentMs`.
   */
  private async readOutbox(): Promise<OutboxView> {
    const { clock, cacheMs = OUTBOX_CACHE_MS, probeMs = DATABASE_PROBE_MS, silentMs = SILENT_MS, elapsedMs = () => performance.now() } = this.options;
    const nowMs = elapsedMs();
    if (!this.reading && !(this.settled && nowMs - this.settled.at < cacheMs)) {
      const read = this.options.readOutbox ?? ((params) => outboxDepth(this.options.db, params));
      const reading = {
        startedAt: nowMs,
        done: read({ now: clock(), timeoutMs: silentMs }).then(
          (depth) => {
            this.settled = { at: nowMs, depth };
          },
          (error: unknown) => {
            this.settled = { at: nowMs, depth: null };
            this.options.logger.warn({ err: redactError(error, this.options.secrets ?? []) }, "metrics: the outbox could not be read");
          },
        ),
      };
      this.reading = reading;
      void reading.done.finally(() => {
        if (this.reading === reading) this.reading = null;
      });
    }
    const inProgress = this.reading;
    if (inProgress) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([inProgress.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, probeMs)))]);
      clearTimeout(timer);
    }
    const atMs = elapsedMs();
    const late = this.reading;
    const silent = late !== null && atMs - late.startedAt >= silentMs;
    const settled = this.settled;
    return {
      depth: settled?.depth ?? null,
      // No reading settled yet (the first is slow): not known to be down.
      up: !silent && settled?.depth !== null,
      ageSeconds: settled ? Math.max(0, atMs - settled.at) / 1000 : 0,
    };
  }
}
