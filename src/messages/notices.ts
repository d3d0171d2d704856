import type { InlineKeyboard } from "grammy";
import type { Database } from "../db/client.js";
import { enqueueMessages, PRIORITY } from "../delivery/outbox.js";

/**
 * A message to someone other than the person the bot is answering. It goes through the outbox, in
 * the transaction of the change it reports: it survives a crash and a failed reply, keeps to
 * Telegram's limits, and a recipient who blocked the bot is noted rather than breaking the flow.
 * `event` names what happened (see eventKey), so deciding the same thing twice queues it once.
 */
export type Notice = { event: string; chatId: number; personId: number | null; text: string; replyMarkup?: InlineKeyboard };

/** Who a notice goes to; a person erased has no chat and gets nothing. */
export type Recipient = { personId: number | null; telegramId: number | null; locale?: string | null };

/** Names one occurrence of something that happened, e.g. eventKey("handover", requestKey). */
export function eventKey(kind: string, id: number | string): string {
  return `${kind}:${id}`;
}

/** The notice for `recipient`, or none when they were erased. */
export function noticeTo(recipient: Recipient, event: string, text: string, replyMarkup?: InlineKeyboard): Notice[] {
  if (recipient.telegramId === null) return [];
  return [{ event, chatId: recipient.telegramId, personId: recipient.personId, text, ...(replyMarkup ? { replyMarkup } : {}) }];
}

/** Queues notices on `db` (a transaction, in services). Returns how many were new. */
export async function queueNotices(db: Database, now: Date, notices: readonly Notice[]): Promise<number> {
  if (notices.length === 0) return 0;
  return enqueueMessages(
    db,
    notices.map((notice) => ({
      dedupeKey: `notice:${notice.event}:${notice.chatId}`,
      chatId: notice.chatId,
      personId: notice.personId,
      priority: PRIORITY.notification,
      payload: { text: notice.text, ...(notice.replyMarkup ? { reply_markup: notice.replyMarkup } : {}) },
      notBefore: now,
    })),
  );
}
