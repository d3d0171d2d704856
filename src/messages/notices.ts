import type { InlineKeyboard } from "grammy";
import type { Database } from "../db/client.js";
import { enqueueMessages, findNoticeCopies, PRIORITY, rewriteQueued } from "../delivery/outbox.js";

/**
 * A message to someone other than the person the bot is answering. It goes through the outbox, in
 * the transaction of the change it reports: it survives a crash and a failed reply, keeps to
 * Telegram's limits, and a recipient who blocked the bot is noted rather than breaking the flow.
 * `event` names what happened (see eventKey), so deciding the same thing twice queues it once.
 */
export type Notice = {
  event: string;
  chatId: number;
  personId: number | null;
  text: string;
  replyMarkup?: InlineKeyboard;
  about?: readonly number[];
  /** Set: the notice edits this message of the recipient's (a card sent earlier) rather than sending a new one. */
  messageId?: number;
};

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
      ...(notice.messageId !== undefined ? { method: "editMessageText" } : {}),
      payload: { ...(notice.messageId !== undefined ? { message_id: notice.messageId } : {}), text: notice.text, ...(notice.replyMarkup ? { reply_markup: notice.replyMarkup } : {}) },
      notBefore: now,
    })),
  );
}

/**
 * Changes what every copy of `event`'s notice says, except the copy `exceptCopy` (the very card
 * someone pressed: they see the outcome where they acted): a join request's cards, once one manager
 * decided it or the resident withdrew it. A copy still queued goes out with the new text; one
 * already sent is edited in place through the outbox (the sent row keeps its Telegram message id),
 * its buttons gone; each edit is queued once (`<event>:closed`). A copy being sent at this very
 * moment keeps its text: its buttons then find the matter settled. The copies are found among the
 * messages about `subject` (the resident the card names); the edits name `about` (erasure finds them).
 * Returns how many copies were changed or queued for editing.
 */
export async function rewriteNotice(
  db: Database,
  now: Date,
  params: { event: string; subject: number; about: readonly number[]; exceptCopy?: { personId: number; messageId: number } | null; text: (locale: string) => string },
): Promise<number> {
  const copies = await findNoticeCopies(db, { event: params.event, subjectPersonId: params.subject });
  const except = params.exceptCopy;
  const others = copies.filter((copy) => !except || copy.personId !== except.personId || copy.telegramMessageId !== except.messageId);
  const edits: Notice[] = [];
  let changed = 0;
  for (const copy of others) {
    const text = params.text(copy.locale);
    if (copy.status === "pending") {
      if (await rewriteQueued(db, copy.id, text)) changed++;
    } else if (copy.status === "sent" && copy.telegramMessageId !== null) {
      edits.push({ event: eventKey(params.event, "closed"), chatId: copy.chatId, personId: copy.personId, text, messageId: copy.telegramMessageId });
    }
  }
  return changed + (await queueNotices(db, now, about(params.about, edits)));
}
