/** One finished update: how long it took, and whether it was handled without an error. */
export type UpdateOutcome = { seconds: number; ok: boolean };
/** Told of every update once it is done. */
export type UpdateObserver = (outcome: UpdateOutcome) => void;

/**
 * Counts the updates being handled, so shutdown can wait for them, and remembers when the last
 * one was handled (for /healthz). Every update of both modes passes here, so it also tells the
 * metrics (/metrics) each one's outcome and time. After `close()` no new update is started.
 */
export class UpdateTracker {
  private active = 0;
  private closed = false;
  private readonly idleWaiters: (() => void)[] = [];
  private last: Date | null = null;

  constructor(
    private readonly clock: () => Date = () => new Date(),
    private readonly observe?: UpdateObserver,
  ) {}

  /** Runs `work` as one update; false (and `work` not run) once the tracker is closed. */
  async track(work: () => Promise<void>): Promise<boolean> {
    if (this.closed) return false;
    this.active++;
    // The wall clock, not `clock` (a test may hold that still): this is a duration.
    const startedAt = performance.now();
    let ok = false;
    try {
      await work();
      ok = true;
      return true;
    } finally {
      // The count first: an observer that throws must not leave shutdown waiting for this update.
      this.active--;
      this.last = this.clock();
      if (this.active === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      try {
        this.observe?.({ seconds: (performance.now() - startedAt) / 1000, ok });
      } catch {
        // Metrics are a by-product: their failure neither fails the update nor stops the others.
      }
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
