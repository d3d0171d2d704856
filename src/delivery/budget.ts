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
 * behind anything), which slots their replies took and any 429 they saw, and the sender counts
 * those slots in its own window and keeps the outbox below what is left. Nothing is stored: a
 * notice no sender hears (between two senders) is about a past no one needs.
 */
export class SharedBudget {
  private stamps: [number, number][] = [];
  private pauseUntil = 0;
  private wakePending = false;
  private sending: Promise<void> | null = null;
  private listening: Promise<void> | null = null;
  readonly stats = { noticesSent: 0, noticesHeard: 0, repliesCounted: 0 };

  constructor(private readonly options: SharedBudgetOptions) {}

  /** For pacedFetch: what this instance's own replies take. */
  readonly observer: PacedFetchObserver = {
    sent: (chatId, atMs) => {
      if (this.options.leading()) return; // the sender's own replies are in its own pacer already
      this.stamps.push([chatId, atMs]);
      this.flush();
    },
    paused: (untilMs) => {
      if (this.options.leading()) return;
      this.pauseUntil = Math.max(this.pauseUntil, untilMs);
      this.flush();
    },
  };

  /** Starts hearing the others' notices (they count only while this instance holds the seat). */
  listen(): Promise<void> {
    this.listening ??= this.options.lock.listen((payload) => this.hear(payload)).catch((error: unknown) => {
      this.listening = null;
      this.options.logger.error({ err: error }, "could not listen for the other instances' sends");
    });
    return this.listening;
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
          this.options.logger.warn({ err: error }, "could not tell the sender about this instance's sends");
          this.stamps = [];
          break;
        }
      }
    })().finally(() => {
      this.sending = null;
    });
  }

  private hear(payload: string): void {
    if (!this.options.leading()) return;
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (notice.i === this.options.instanceId) return;
    this.stats.noticesHeard++;
    for (const [chatId, atMs] of notice.s ?? []) {
      if (!Number.isFinite(chatId) || !Number.isFinite(atMs)) continue;
      this.options.pacer.recordTaken(chatId, atMs);
      this.stats.repliesCounted++;
    }
    if (typeof notice.p === "number" && Number.isFinite(notice.p)) this.options.pacer.pauseUntil(notice.p);
    if (notice.w) this.options.wakeSender();
  }
}
