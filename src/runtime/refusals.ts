import type { Logger } from "../logger.js";

/** At most one line per this interval about refused requests. */
export const REFUSAL_LOG_INTERVAL_MS = 60_000;

export type RefusalLogOptions = {
  logger: Logger;
  /** The line's message: what was refused. */
  message: string;
  intervalMs?: number;
  /** Milliseconds; the app's clock in the app (so a test can move it). */
  clock?: () => number;
};

/**
 * Requests refused at the door (a webhook POST without the right secret) are counted, and logged
 * at a bounded rate, so a scanner or a misconfigured proxy cannot fill the logs: the first refusal
 * is logged at once, later ones only counted, and the first refusal after the interval logs how
 * many came since the last line (`refused`) beside the total. What is left is logged at shutdown.
 * The total is reported by /healthz. No line says who sent the request.
 */
export class RefusalLog {
  /** Refused since the start. */
  total = 0;
  private sinceLine = 0;
  private lastLineAt: number | null = null;
  private readonly intervalMs: number;
  private readonly clock: () => number;

  constructor(private readonly options: RefusalLogOptions) {
    this.intervalMs = options.intervalMs ?? REFUSAL_LOG_INTERVAL_MS;
    this.clock = options.clock ?? Date.now;
  }

  note(): void {
    this.total++;
    this.sinceLine++;
    const now = this.clock();
    if (this.lastLineAt === null || now - this.lastLineAt >= this.intervalMs) this.writeLine(now);
  }

  /** Logs the refusals not logged yet (at shutdown). */
  flush(): void {
    if (this.sinceLine > 0) this.writeLine(this.clock());
  }

  private writeLine(now: number): void {
    this.options.logger.warn({ refused: this.sinceLine, total: this.total, intervalSeconds: this.intervalMs / 1000 }, this.options.message);
    this.sinceLine = 0;
    this.lastLineAt = now;
  }
}
