import type { InlineKeyboard } from "grammy";
import type { Database } from "../db/client.js";
import { enqueueMessages, PRIORITY } from "../delivery/outbox.js";

/**
 * A message to someone other than the person the bot is answering. It goes through the outbox, in
 * the transaction of the change it reports: it survives a crash and a failed reply, keeps to
 * Telegram's limits, and a recipient who blocked the bot is noted rather than breaking the flow.
 * `event` names what happened (see eventKey), so deciding the same thing twice queues it once.
 */
export type Notice = { event: string; chatId: number; personId: number | null; text: string; replyMarkup?: InlineKeyboard; about?: readonly number[] };

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

/**
 * The same notices, marked as naming `personIds` (or quoting what they wrote): when one of them
 * erases their data, what is still queued is dropped and what was sent loses its text.
 */
export function about(personIds: readonly (number | null | undefined)[], notices: Notice[]): Notice[] {
  const subjects = [...new Set(personIds.filter((id): id is number => typeof id === "number"))];
  return subjects.length === 0 ? notices : notices.map((notice) => ({ ...notice, about: subjects }));
}

/**
 * The dedupe key of a notice: the event and the recipient's person id, never their Telegram id
 * (the key outlives an erasure's blanking of the chat). A chat without a person is a group.
 */
export function dedupeKeyOf(notice: Pick<Notice, "event" | "chatId" | "personId">): string {
  return notice.personId !== null ? `notice:${notice.event}:person:${notice.personId}` : `notice:${notice.event}:chat:${notice.chatId}`;
}

/** Queues notices on `db` (a transaction, in services). Returns how many were new. */
export async function queueNotices(db: Database, now: Date, notices: readonly Notice[]): Promise<number> {
  if (notices.length === 0) return 0;
  return enqueueMessages(
    db,
    notices.map((notice) => ({
      dedupeKey: dedupeKeyOf(notice),
      chatId: notice.chatId,
      personId: notice.personId,
      subjectPersonIds: notice.about ? [...notice.about] : [],
      priority: PRIORITY.notification,
      payload: { text: notice.text, ...(notice.replyMarkup ? { reply_markup: notice.replyMarkup } : {}) },
      notBefore: now,
    })),
  );
}
