import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { outbox, poll, pollCopy } from "../../db/schema/index.js";
import { enqueueMessages, PRIORITY } from "../../delivery/outbox.js";

/**
 * A poll's copy went out: the Telegram poll id its message carries is what poll_answer and poll
 * updates will name. Written by the outbox sender right after sendPoll; a row already holding an id
 * keeps it (a copy sent twice after a crash: the first id stays, the second message's votes are unknown).
 *
 * A copy that was being sent while its poll closed (the close stops only copies with a message) is
 * stopped here: the poll row is read with a share lock, so either the close committed first and the
 * stop is queued now, or this commits first and the close finds the copy's message and stops it.
 */
export async function recordPollCopySent(db: Database, params: { dedupeKey: string; telegramPollId: string; messageId: number; now: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [copy] = await tx.select({ id: pollCopy.id, pollId: pollCopy.pollId, personId: pollCopy.personId }).from(pollCopy).where(eq(pollCopy.dedupeKey, params.dedupeKey));
    if (!copy) return false;
    const [found] = await tx.select({ status: poll.status }).from(poll).where(eq(poll.id, copy.pollId)).for("share");
    const rows = await tx
      .update(pollCopy)
      .set({ telegramPollId: params.telegramPollId, messageId: params.messageId })
      .where(and(eq(pollCopy.id, copy.id), isNull(pollCopy.telegramPollId)))
      .returning({ id: pollCopy.id });
    if (rows.length > 0 && found?.status === "closed") {
      const [sent] = await tx.select({ chatId: outbox.chatId }).from(outbox).where(eq(outbox.dedupeKey, params.dedupeKey));
      if (sent) {
        await enqueueMessages(tx, [{
          dedupeKey: `poll:${copy.pollId}:stop:${copy.id}`, chatId: sent.chatId, personId: copy.personId, priority: PRIORITY.notification, method: "stopPoll",
          payload: { message_id: params.messageId }, notBefore: params.now,
        }]);
      }
    }
    return rows.length > 0;
  });
}

/**
 * Telegram's Poll as stopPoll returned it: for an anonymous group poll (only counts, no votes) its
 * final counts are the result, replacing those of the last `poll` update seen before the close.
 */
export async function recordFinalPollCounts(db: Database, params: { telegramPollId: string; counts: readonly number[] }): Promise<boolean> {
  const counts = params.counts.map((count) => (Number.isSafeInteger(count) && count >= 0 ? count : 0));
  const rows = await db
    .update(poll)
    .set({ telegramCounts: counts, resultCounts: counts, resultVoters: counts.reduce((sum, count) => sum + count, 0) })
    .where(and(
      sql`${poll.id} = (select ${pollCopy.pollId} from ${pollCopy} where ${pollCopy.telegramPollId} = ${params.telegramPollId})`,
      eq(poll.status, "closed"), eq(poll.target, "group"), eq(poll.anonymous, true), sql`jsonb_array_length(${poll.options}) = ${counts.length}`,
    ))
    .returning({ id: poll.id });
  return rows.length > 0;
}
