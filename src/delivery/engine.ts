import { randomBytes } from "node:crypto";
import { GrammyError, HttpError, type Api } from "grammy";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { toApiPayload } from "./attachments.js";
import { claimDue, markFailed, markRetry, markSent, markUnreachable, reclaimFromOthers, reclaimStale, releaseClaim, type OutboxRow } from "./outbox.js";
import type { MenuSync } from "./menus.js";
import type { Pacer } from "./pacer.js";
import { recordFinalPollCounts, recordPollCopySent } from "../domain/polls/copies.js";

export type DeliveryEngineOptions = {
  db: Database;
  /** An Api whose calls are NOT paced again (the engine asks the pacer itself). */
  api: Api;
  pacer: Pacer;
  logger: Logger;
  clock?: () => Date;
  workerId?: string;
  /** Requests in flight at once, so throughput is not capped by network latency. */
  maxInFlight?: number;
  /** How often to look for due rows when idle. */
  pollMs?: number;
  /** A claim older than this belongs to a sender presumed dead. */
  leaseMs?: number;
  maxAttempts?: number;
  /** People's own "/" menus to push, in the room the outbox leaves. */
  menus?: MenuSync;
  /**
   * Asked once a row has its slot, just before it goes: false when this process stopped being the
   * outbox's one sender meanwhile (delivery/leader.ts), so the row goes back to the queue unsent.
   */
  maySend?: () => boolean;
  /** Telegram said 429 to this sender: the other instances hold their replies as long (delivery/budget.ts). */
  onRateLimited?: (untilMs: number) => void;
};

export type DeliveryStats = { sent: number; failed: number; blocked: number; retried: number; rateLimited: number };

/** Methods the outbox may call; anything else in a row is a programming error, not a send. */
const ALLOWED_METHODS = new Set(["sendMessage", "copyMessage", "forwardMessage", "pinChatMessage", "sendPhoto", "sendDocument", "editMessageText", "sendPoll", "stopPoll"]);

/** The longest wait between claims while the database cannot be reached. */
const CLAIM_BACKOFF_MAX_MS = 5_000;

/** 5xx and network errors: 2 s, 4 s, 8 s … up to 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 5 * 60 * 1000);
}

/**
 * Sends what is in the outbox: claims due rows, waits for a slot from the pacer, sends, and
 * settles each row by Telegram's answer. Safe to run in several processes at once (no row is
 * claimed twice); the runtime runs it in one, the elected sender, so the token's limits hold.
 */
export class DeliveryEngine {
  readonly workerId: string;
  readonly stats: DeliveryStats = { sent: 0, failed: 0, blocked: 0, retried: 0, rateLimited: 0 };
  private readonly clock: () => Date;
  private readonly maxInFlight: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private inFlight = 0;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private lastReclaim = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly options: DeliveryEngineOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.workerId = options.workerId ?? `sender-${process.pid}-${randomBytes(3).toString("hex")}`;
    this.maxInFlight = options.maxInFlight ?? 8;
    this.pollMs = options.pollMs ?? 500;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  /** Whether the claim loop runs (started and not stopped). */
  get claiming(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // Started again while the last loop is still winding down: the new one begins after it.
    const previous = this.loop ?? Promise.resolve();
    this.loop = previous.then(() => this.run()).catch((error: unknown) => {
      this.options.logger.error({ err: error }, "delivery loop stopped");
      this.running = false;
    });
  }

  /**
   * Stops claiming and waits for the requests in flight to settle. A row given its slot after
   * this asks maySend (false once the seat is lost) and goes back unsent.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * This process is the outbox's one sender: rows another sender claimed more than `settleMs` ago
   * go back to the queue now, not after their lease, so a failover delays them by seconds, not a
   * minute. `settleMs` must cover how long the old sender may still be sending a row it claimed
   * (its request timeout plus the time it takes to notice it lost the seat).
   */
  async takeOver(settleMs: number): Promise<number> {
    const reclaimed = await reclaimFromOthers(this.options.db, this.workerId, new Date(this.clock().getTime() - settleMs));
    if (reclaimed > 0) this.options.logger.warn({ reclaimed }, "outbox rows the previous sender left taken back");
    return reclaimed;
  }

  /** Something was queued: look now rather than at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Claims and sends until nothing is due and nothing is in flight (tests, the console). */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.claimAndSend();
      if (claimed === 0 && this.inFlight === 0) return;
      if (claimed === 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  private async run(): Promise<void> {
    // Consecutive failed claims (the database is away): wait longer each time, up to a few seconds,
    // and log the first and every tenth, not a line per poll through an outage.
    let failures = 0;
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.claimAndSend();
        if (failures > 0) this.options.logger.info({ failures }, "outbox reachable again; sending resumes");
        failures = 0;
      } catch (error) {
        failures++;
        if (failures === 1 || failures % 10 === 0) this.options.logger.error({ err: error, failures }, "claiming from the outbox failed; backing off");
      }
      if (!this.running) break;
      if (failures > 0 || claimed === 0 || this.inFlight >= this.maxInFlight) {
        const waitMs = failures > 0 ? Math.min(this.pollMs * 2 ** (failures - 1), CLAIM_BACKOFF_MAX_MS) : this.inFlight >= this.maxInFlight ? 5 : this.pollMs;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = null;
      }
    }
  }

  private async claimAndSend(): Promise<number> {
    const now = this.clock();
    if (now.getTime() - this.lastReclaim >= this.leaseMs / 4) {
      this.lastReclaim = now.getTime();
      const reclaimed = await reclaimStale(this.options.db, now, this.leaseMs);
      if (reclaimed > 0) this.options.logger.warn({ reclaimed }, "outbox rows from a stopped sender taken back");
    }
    // In flight includes rows waiting for the pacer: claim no more than can go out soon, so rows
    // do not sit claimed here while another sender could have sent them.
    const room = this.maxInFlight - this.inFlight;
    if (room <= 0) return 0;
    const rows = await claimDue(this.options.db, { workerId: this.workerId, limit: room, now });
    for (const row of rows) this.track(this.deliver(row));
    const menus = (await this.options.menus?.claim(now, room - rows.length)) ?? [];
    for (const task of menus) {
      this.track(this.options.menus!.push(task, now).catch((error: unknown) => {
        // The push stays leased and comes back after the lease.
        this.options.logger.error({ err: error, personId: task.personId }, "could not push a command menu");
      }));
    }
    return rows.length + menus.length;
  }

  private track(work: Promise<void>): void {
    this.inFlight++;
    void work.finally(() => {
      this.inFlight--;
      this.wake();
      if (this.inFlight === 0 || this.idleWaiters.length > 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    });
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { db, api, pacer, logger } = this.options;
    if (!ALLOWED_METHODS.has(row.method)) {
      await markFailed(db, row.id, this.workerId, "failed", `method ${row.method} is not allowed`);
      this.stats.failed++;
      return;
    }
    let payload: Record<string, unknown>;
    try {
      payload = toApiPayload(row.method, row.payload as Record<string, unknown>);
    } catch (error) {
      await markFailed(db, row.id, this.workerId, "failed", String(error));
      this.stats.failed++;
      return;
    }
    if (row.method !== "pinChatMessage") await pacer.acquire(row.chatId, row.priority);
    if (this.options.maySend && !this.options.maySend()) {
      await releaseClaim(db, row.id, this.workerId).catch((error: unknown) => {
        logger.warn({ err: error, outboxId: row.id }, "could not give back a row claimed before another instance became the sender");
      });
      return;
    }
    let result: unknown;
    try {
      const raw = api.raw as unknown as Record<string, (payload: unknown) => Promise<unknown>>;
      result = await raw[row.method]!({ ...payload, chat_id: row.chatId });
    } catch (error) {
      await this.settleFailure(row, error).catch((settleError: unknown) => {
        // The row stays claimed and comes back after the lease: late, but not lost.
        logger.error({ err: settleError, outboxId: row.id }, "could not record a delivery failure");
      });
      return;
    }
    this.stats.sent++;
    const messageId = typeof result === "object" && result !== null && "message_id" in result ? Number(result.message_id) : null;
    // Each message of a poll is its own Telegram poll: its id is what votes will name (issue 17).
    if (row.method === "sendPoll" && messageId !== null) {
      const pollId = (result as { poll?: { id?: unknown } }).poll?.id;
      if (typeof pollId === "string") {
        await recordPollCopySent(db, { dedupeKey: row.dedupeKey, telegramPollId: pollId, messageId, now: this.clock() }).catch((error: unknown) => {
          logger.error({ err: error, outboxId: row.id }, "poll sent, but could not record its id");
        });
      }
    }
    // A stopped anonymous group poll: Telegram's final counts are its result (issue 17).
    if (row.method === "stopPoll" && typeof result === "object" && result !== null && "id" in result && "options" in result) {
      const stopped = result as { id: unknown; options: { voter_count?: unknown }[] };
      if (typeof stopped.id === "string" && Array.isArray(stopped.options)) {
        await recordFinalPollCounts(db, { telegramPollId: stopped.id, counts: stopped.options.map((option) => Number(option.voter_count ?? 0)) }).catch((error: unknown) => {
          logger.error({ err: error, outboxId: row.id }, "poll stopped, but could not record its final counts");
        });
      }
    }
    // Sent is sent: if recording it fails, the row is retried after the lease (one duplicate at most),
    // never treated as a failed send.
    await markSent(db, row.id, this.workerId, messageId, this.clock()).catch((error: unknown) => {
      logger.error({ err: error, outboxId: row.id }, "sent, but could not record it");
    });
  }

  private async settleFailure(row: OutboxRow, error: unknown): Promise<void> {
    const { db, pacer, logger } = this.options;
    const now = this.clock();
    if (error instanceof GrammyError && error.error_code === 429) {
      const retryAfterMs = (error.parameters.retry_after ?? 1) * 1000;
      pacer.pause(retryAfterMs);
      this.options.onRateLimited?.(Date.now() + retryAfterMs);
      this.stats.rateLimited++;
      logger.warn({ retryAfterMs, outboxId: row.id }, "Telegram asked us to slow down");
      await markRetry(db, row.id, this.workerId, new Date(now.getTime() + retryAfterMs), error.description, false);
      return;
    }
    if (error instanceof GrammyError && error.error_code === 403) {
      if (row.personId !== null) await markUnreachable(db, row.personId, now);
      await markFailed(db, row.id, this.workerId, "blocked", error.description);
      this.stats.blocked++;
      return;
    }
    if (error instanceof GrammyError && error.error_code < 500) {
      await markFailed(db, row.id, this.workerId, "failed", error.description);
      this.stats.failed++;
      logger.warn({ outboxId: row.id, code: error.error_code, reason: error.description }, "message refused by Telegram");
      return;
    }
    const reason = error instanceof GrammyError ? error.description : error instanceof HttpError ? String(error.error) : String(error);
    if (row.attempts >= this.maxAttempts) {
      await markFailed(db, row.id, this.workerId, "failed", `gave up after ${row.attempts} attempts: ${reason}`);
      this.stats.failed++;
      return;
    }
    await markRetry(db, row.id, this.workerId, new Date(now.getTime() + backoffMs(row.attempts)), reason);
    this.stats.retried++;
  }
}
