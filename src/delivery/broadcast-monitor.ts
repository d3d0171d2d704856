import { InlineKeyboard, type Api } from "grammy";
import { broadcastStop } from "../messages/buttons/broadcast.js";
import type { I18n } from "@grammyjs/i18n";
import type { Database } from "../db/client.js";
import {
  broadcastProgress,
  finishBroadcast,
  listRunningBroadcasts,
  queueGroupPin,
  recordProgressText,
  type BroadcastProgress,
} from "../domain/broadcast/broadcast.js";
import { findLocale } from "../domain/people/person.js";
import type { Logger } from "../logger.js";

export type BroadcastMonitorDeps = {
  db: Database;
  api: Api;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  i18n: I18n<any>;
  logger: Logger;
  clock: () => Date;
  /** Called after queueing (a pin), so the sender looks now. */
  wakeDelivery: () => void;
};

const numberFormat = new Intl.NumberFormat("id-ID");

export function progressVars(progress: BroadcastProgress): Record<string, string> {
  return {
    sent: numberFormat.format(progress.sent),
    total: numberFormat.format(progress.total),
    failed: numberFormat.format(progress.failed),
    blocked: numberFormat.format(progress.blocked),
    muted: numberFormat.format(progress.muted),
    cancelled: numberFormat.format(progress.cancelled),
  };
}

export function stopKeyboard(i18n: BroadcastMonitorDeps["i18n"], locale: string, id: number): InlineKeyboard {
  return new InlineKeyboard().text(i18n.t(locale, "button-broadcast-stop"), broadcastStop.data({ broadcast: id }));
}

/**
 * Keeps each running broadcast's progress message current ("Terkirim 340/1.000 · gagal 3 ·
 * diblokir 2"), edited in place every few seconds, and sends the delivery report at the end.
 * Safe in several processes: an unchanged line is not edited, and only one process finishes.
 */
export class BroadcastMonitor {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;

  constructor(private readonly deps: BroadcastMonitorDeps, private readonly intervalMs = 3_000) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.ticking ??= this.tick()
        .catch((error: unknown) => this.deps.logger.error({ err: error }, "broadcast progress tick failed"))
        .finally(() => (this.ticking = null));
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  async tick(): Promise<void> {
    for (const id of await listRunningBroadcasts(this.deps.db)) await this.update(id);
  }

  /** Shows the current figures; when nothing is left to send, the final report. */
  async update(id: number): Promise<void> {
    const { db, i18n } = this.deps;
    if (await queueGroupPin(db, id, this.deps.clock())) this.deps.wakeDelivery();
    const progress = await broadcastProgress(db, id);
    if (!progress || progress.progressChatId === null || progress.progressMessageId === null) return;
    const locale = (await findLocale(db, progress.progressChatId)) ?? "id";
    const finished = progress.waiting === 0 && (await finishBroadcast(db, id, this.deps.clock()));
    const line = i18n.t(locale, "broadcast-progress", progressVars(progress));
    if (finished || (await recordProgressText(db, id, line))) {
      await this.edit(progress, finished ? i18n.t(locale, "broadcast-progress-done", progressVars(progress)) : line, finished ? undefined : stopKeyboard(i18n, locale, id));
    }
    if (finished) await this.report(progress, locale, "broadcast-report");
  }

  async report(progress: BroadcastProgress, locale: string, key: "broadcast-report" | "broadcast-report-stopped"): Promise<void> {
    try {
      await this.deps.api.sendMessage(progress.progressChatId!, this.deps.i18n.t(locale, key, progressVars(progress)));
    } catch (error) {
      this.deps.logger.warn({ err: error, broadcastId: progress.id }, "delivery report not sent");
    }
  }

  private async edit(progress: BroadcastProgress, text: string, keyboard?: InlineKeyboard): Promise<void> {
    try {
      await this.deps.api.editMessageText(progress.progressChatId!, progress.progressMessageId!, text, keyboard ? { reply_markup: keyboard } : {});
    } catch (error) {
      // "message is not modified" and a deleted progress message are not worth more than a log line.
      this.deps.logger.debug({ err: error, broadcastId: progress.id }, "progress message not edited");
    }
  }
}
