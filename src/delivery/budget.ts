import type { SenderLock } from "../db/sender-lock.js";
import type { Logger } from "../logger.js";
import type { PacedFetchObserver } from "./paced-fetch.js";
import type { Pacer } from "./pacer.js";

/**
 * What an instance tells the sender (the instance holding the seat, delivery/leader.ts):
 * `s` the replies it sent, as [chat, time] pairs; `p` a 429's end; `w` a row it queued. Times are
 * epoch milliseconds of the instance that saw them (instances' clocks agree to NTP's few ms).
 */
type Notice = { i: string; s?: [number, number][]; p?: number; w?: 1 };

/** One notice carries at most this many replies (NOTIFY payloads stop at 8,000 bytes). */
const MAX_STAMPS_PER_NOTICE = 200;
/** How soon a failed LISTEN is tried again. */
const LISTEN_RETRY_MS = 1_000;

export type SharedBudgetOptions = {
  /** This instance's pacer: its replies' slots, and, on the sender, everyone's. */
  pacer: Pacer;
  lock: SenderLock;
  /** Whether this instance holds the sender's seat now. */
  leading: () => boolean;
  /** On the sender: a row was queued elsewhere, claim now. */
  wakeSender: () => void;
  logger: Logger;
  instanceId: string;
};

/**
 * One Telegram budget for every instance. Each instance replies at once, through its own pacer;
 * the ones not sending the outbox tell the sender, as they go (one NOTIFY per burst, never queued
 * behind anything), which slots their replies took and any 429 they saw (the sender tells its 429s
 * to the others the same way), and the sender counts
 * those slots in its own window and keeps the outbox below what is left. Nothing is stored: a
 * notice no sender hears (between two senders) is about a past no one needs.
 */
export class SharedBudget {
  private stamps: [number, number][] = [];
  private pauseUntil = 0;
  private wakePending = false;
  private sending: Promise<void> | null = null;
  private listening: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;
  readonly stats = { noticesSent: 0, noticesHeard: 0, repliesCounted: 0 };

  constructor(private readonly options: SharedBudgetOptions) {}

  /** For pacedFetch: what this instance's own replies take. */
  readonly observer: PacedFetchObserver = {
    sent: (chatId, atMs) => {
      if (this.options.leading()) return; // the sender's own replies are in its own pacer already
      this.stamps.push([chatId, atMs]);
      this.flush();
    },
    // The sender's 429s too: every instance holds its replies until Telegram's pause ends.
    paused: (untilMs) => {
      this.pauseUntil = Math.max(this.pauseUntil, untilMs);
      this.flush();
    },
  };

  /**
   * Starts hearing the others' notices (replies and wake-ups count only while this instance holds
   * the seat; a 429 always does). A failed LISTEN is tried again every second until it works or
   * stop(); the promise settles with the first try.
   */
  listen(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.listening ??= this.options.lock.listen((payload) => this.hear(payload)).then(
      (unlisten) => {
        this.unlisten = unlisten;
        // Stopped while the LISTEN was on its way: undone at once.
        if (this.stopped) void this.forget();
      },
      (error: unknown) => {
        this.listening = null;
        this.options.logger.error({ err: error }, "could not listen for the other instances' sends; trying again in a second");
        if (this.retry === null && !this.stopped) {
          this.retry = setTimeout(() => {
            this.retry = null;
            void this.listen();
          }, LISTEN_RETRY_MS);
        }
      },
    );
    return this.listening;
  }

  /** Stops retrying a LISTEN and waits for what was noted to be told. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    await this.settled();
    await this.forget();
  }

  /** No more notices to this instance: the lock (and its connection) outlives it. */
  private async forget(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.();
  }

  /** A row was queued here but another instance sends: tell it now rather than at its next poll. */
  wakeSender(): void {
    this.wakePending = true;
    this.flush();
  }

  /** Resolves when what was noted so far has been told (tests). */
  async settled(): Promise<void> {
    while (this.sending) await this.sending;
  }

  private flush(): void {
    if (this.sending) return; // what comes meanwhile goes with the next notice, right after
    this.sending = (async () => {
      while (this.stamps.length > 0 || this.pauseUntil > 0 || this.wakePending) {
        const notice: Notice = { i: this.options.instanceId };
        if (this.stamps.length > 0) notice.s = this.stamps.splice(0, MAX_STAMPS_PER_NOTICE);
        if (this.pauseUntil > 0) notice.p = this.pauseUntil;
        if (this.wakePending) notice.w = 1;
        this.pauseUntil = 0;
        this.wakePending = false;
        try {
          await this.options.lock.notify(JSON.stringify(notice));
          this.stats.noticesSent++;
        } catch (error) {
          // The database is away: the sender cannot be told, and these slots are past before it could be.
          this.options.logger.warn({ err: error, replies: notice.s?.length ?? 0, pauseUntil: notice.p ?? null, wake: notice.w === 1 }, "could not tell the other instances about this instance's sends or a 429; dropped");
          this.stamps = [];
          break;
        }
      }
    })().finally(() => {
      this.sending = null;
    });
  }

  private hear(payload: string): void {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (notice.i === this.options.instanceId) return;
    // Telegram's 429 holds for the token, whoever saw it.
    if (typeof notice.p === "number" && Number.isFinite(notice.p)) this.options.pacer.pauseUntil(notice.p);
    if (!this.options.leading()) return;
    this.stats.noticesHeard++;
    for (const [chatId, atMs] of notice.s ?? []) {
      if (!Number.isFinite(chatId) || !Number.isFinite(atMs)) continue;
      this.options.pacer.recordTaken(chatId, atMs);
      this.stats.repliesCounted++;
    }
    if (notice.w) this.options.wakeSender();
  }
}
