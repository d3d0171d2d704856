import { hostname } from "node:os";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "../db/client.js";
import type { DeliveryStats } from "../delivery/engine.js";
import { outboxDepth, type OutboxDepth } from "../delivery/outbox.js";
import type { Logger } from "../logger.js";
import type { JobRun } from "../scheduling/scheduler.js";
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
  /** How long a scrape waits for the database before reporting it down. */
  probeMs?: number;
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
const PROBE_MS = 2_000;

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
  private outboxCache: { at: number; depth: OutboxDepth | null } | null = null;
  private outboxReading: Promise<OutboxDepth | null> | null = null;

  constructor(private readonly options: MetricsOptions) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ instance_id: options.instanceId });
    new Gauge({ name: "bantar_instance_info", help: "1 for each running instance, with its mode", labelNames: ["mode"], registers }).set({ mode: options.mode }, 1);

    this.updatesHandled = new Counter({ name: "bantar_updates_handled_total", help: "Updates this instance finished handling without an error", registers });
    this.updatesFailed = new Counter({ name: "bantar_updates_failed_total", help: "Updates whose handling failed on this instance", registers });
    this.updateSeconds = new Histogram({ name: "bantar_update_duration_seconds", help: "Time to handle one update, handled or failed", buckets: UPDATE_BUCKETS, registers });
    this.telegramRequests = new Counter({ name: "bantar_telegram_requests_total", help: "Calls this instance made to the Bot API (replies, outbox sends, polling)", registers });
    this.telegramRateLimited = new Counter({ name: "bantar_telegram_rate_limited_total", help: "Bot API calls answered 429 Too Many Requests, replies and outbox sends alike", registers });

    const readOutbox = () => this.readOutbox();
    new Gauge({
      name: "bantar_outbox_messages",
      help: "Outbox messages by state: pending (waiting, due or later), due (their time has come), sending (claimed, not settled)",
      labelNames: ["state"],
      registers,
      async collect() {
        const depth = await readOutbox();
        // No reading (the database did not answer): no samples, rather than made-up zeros.
        this.reset();
        if (!depth) return;
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
        const depth = await readOutbox();
        this.set(depth ? depth.oldestDueAgeMs / 1000 : NaN);
      },
    });
    new Gauge({
      name: "bantar_database_up",
      help: "1 when the database answered the last outbox reading, else 0",
      registers,
      async collect() {
        this.set((await readOutbox()) ? 1 : 0);
      },
    });

    const jobs = options.jobs;
    if (jobs) {
      const probeMs = options.probeMs ?? PROBE_MS;
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

  /**
   * One reading of the outbox serves every gauge of a scrape, and the scrapes within `cacheMs`;
   * null when the database did not answer in time (logged).
   */
  private readOutbox(): Promise<OutboxDepth | null> {
    const nowMs = Date.now();
    if (this.outboxCache && nowMs - this.outboxCache.at < (this.options.cacheMs ?? OUTBOX_CACHE_MS)) return Promise.resolve(this.outboxCache.depth);
    this.outboxReading ??= (async () => {
      let depth: OutboxDepth | null = null;
      try {
        depth = await withTimeout(outboxDepth(this.options.db, this.options.clock()), this.options.probeMs ?? PROBE_MS);
      } catch (error) {
        this.options.logger.warn({ err: redactError(error, this.options.secrets ?? []) }, "metrics: the outbox could not be read");
      }
      this.outboxCache = { at: Date.now(), depth };
      this.outboxReading = null;
      return depth;
    })();
    return this.outboxReading;
  }
}
