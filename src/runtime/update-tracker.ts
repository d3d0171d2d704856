/**
 * Counts the updates being handled, so shutdown can wait for them, and remembers when the last
 * one was handled (for /healthz). After `close()` no new update is started.
 */
export class UpdateTracker {
  private active = 0;
  private closed = false;
  private readonly idleWaiters: (() => void)[] = [];
  private last: Date | null = null;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** Runs `work` as one update; false (and `work` not run) once the tracker is closed. */
  async track(work: () => Promise<void>): Promise<boolean> {
    if (this.closed) return false;
    this.active++;
    try {
      await work();
      return true;
    } finally {
      this.active--;
      this.last = this.clock();
      if (this.active === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  get inFlight(): number {
    return this.active;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** When this instance last finished an update (handled or failed), or null. */
  get lastUpdateAt(): Date | null {
    return this.last;
  }

  /** Takes no more updates; resolves when the ones in progress are done. */
  close(): Promise<void> {
    this.closed = true;
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
