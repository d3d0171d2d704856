import type { SenderLock } from "../db/sender-lock.js";
import type { Logger } from "../logger.js";

/**
 * How often an instance without the seat tries to take it, and the sender checks it still has it.
 * The seat is PostgreSQL's lock, not this timing: asking more often only finds a free seat sooner
 * (one cheap statement per instance per round). Was 1 s: half a second of a failover on average.
 */
export const ELECTION_INTERVAL_MS = 250;
/** Through an outage, the first failed round and every this many after it are logged (about half a minute). */
const LOG_EVERY_FAILURES = Math.round(30_000 / ELECTION_INTERVAL_MS);

export type SenderElectionOptions = {
  /** Null on PGlite: one process owns the database and is always the sender. */
  lock: SenderLock | null;
  logger: Logger;
  /** Became the sender: take back what a dead sender left, then start claiming. */
  onLead(): Promise<void>;
  /**
   * No longer the sender (the seat's connection dropped, or stopping): stop claiming at once. When
   * stopping, the seat is given back once this has settled (the sends in flight).
   */
  onLose(): Promise<void> | void;
  intervalMs?: number;
};

/**
 * Which instance sends the outbox: the one holding the sender's seat (db/sender-lock.ts). The
 * others try to take it every ELECTION_INTERVAL_MS, so within a fraction of a second of the
 * sender's death (its connection drops, PostgreSQL frees the lock) another one sends. `tryLead()` is one round of it,
 * for tests that want no timers.
 */
export class SenderElection {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<boolean> | null = null;
  private leadingNow = false;
  private failures = 0;
  private readonly intervalMs: number;
  private readonly forgetLost: () => void;

  constructor(private readonly options: SenderElectionOptions) {
    this.intervalMs = options.intervalMs ?? ELECTION_INTERVAL_MS;
    this.forgetLost = options.lock?.onLost(() => this.lost("the sender's database connection closed")) ?? (() => {});
  }

  get leading(): boolean {
    return this.leadingNow;
  }

  start(): void {
    if (this.timer) return;
    void this.tryLead();
    this.timer = setInterval(() => void this.tryLead(), this.intervalMs);
  }

  /** One round: take the seat if free, or check the one held. Answers whether this instance sends. */
  tryLead(): Promise<boolean> {
    this.round ??= this.takeOrCheck().finally(() => (this.round = null));
    return this.round;
  }

  /** Stops trying, and gives the seat back so another instance takes it at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.round;
    if (this.leadingNow) {
      this.leadingNow = false;
      await this.options.onLose();
    }
    await this.options.lock?.release();
    // The lock is the database handle's, shared with whatever runs after this stop (tests start many apps).
    this.forgetLost();
  }

  private async takeOrCheck(): Promise<boolean> {
    const { lock } = this.options;
    if (lock === null) {
      if (!this.leadingNow) await this.lead();
      return true;
    }
    try {
      if (this.leadingNow) {
        if (!(await lock.check())) this.lost("the sender's database connection stopped answering");
      } else if (await lock.tryTake()) {
        await this.lead();
      }
      this.failures = 0;
    } catch (error) {
      // The database is away: no one can take the seat now; try again next round. The first
      // failure and one every half minute are logged, not a line a round through an outage.
      if (this.failures++ % LOG_EVERY_FAILURES === 0) this.options.logger.warn({ err: error, failures: this.failures }, "could not reach the database to elect the outbox sender");
    }
    return this.leadingNow;
  }

  private async lead(): Promise<void> {
    this.leadingNow = true;
    if (this.options.lock) this.options.logger.info("this instance is now the outbox sender");
    await this.options.onLead();
  }

  private lost(reason: string): void {
    if (!this.leadingNow) return;
    this.leadingNow = false;
    this.options.logger.warn({ reason }, "this instance is no longer the outbox sender");
    void this.options.onLose();
  }
}
