import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { pollCopy } from "../../db/schema/index.js";

/**
 * A poll's copy went out: the Telegram poll id its message carries is what poll_answer and poll
 * updates will name. Written by the outbox sender right after sendPoll; a row already holding an id
 * keeps it (a copy sent twice after a crash: the first id stays, the second message's votes are unknown).
 */
export async function recordPollCopySent(db: Database, params: { dedupeKey: string; telegramPollId: string; messageId: number }): Promise<boolean> {
  const rows = await db
    .update(pollCopy)
    .set({ telegramPollId: params.telegramPollId, messageId: params.messageId })
    .where(and(eq(pollCopy.dedupeKey, params.dedupeKey), isNull(pollCopy.telegramPollId)))
    .returning({ id: pollCopy.id });
  return rows.length > 0;
}
