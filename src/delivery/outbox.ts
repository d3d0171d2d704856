import { and, arrayContains, asc, eq, gt, inArray, isNotNull, like, lt, lte, sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../db/client.js";
import { outbox, person } from "../db/schema/index.js";

/**
 * Lower goes first. A person's direct reply (0) never queues here: it goes straight out. summary:
 * the monthly resident summary (issue 17), hours of rows that must not hold up a later announcement.
 */
export const PRIORITY = { duty: 10, reminder: 15, notification: 20, announcement: 30, summary: 40 } as const;

export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxMessage = {
  dedupeKey: string;
  chatId: number;
  personId?: number | null;
  /** Who the message names or quotes besides its recipient (see outbox.subject_person_ids). */
  subjectPersonIds?: number[];
  priority: number;
  method?: string;
  payload: Record<string, unknown>;
  broadcastId?: number | null;
  /** Required: the caller's clock decides when a message is due, never the database's. */
  notBefore: Date;
};

const INSERT_CHUNK = 1_000;

/** Queues messages; a dedupe key already queued is ignored, so enqueueing twice sends once. */
export async function enqueueMessages(db: Database, messages: NewOutboxMessage[]): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < messages.length; start += INSERT_CHUNK) {
    const rows = await db
      .insert(outbox)
      .values(messages.slice(start, start + INSERT_CHUNK).map((m) => ({ ...m, method: m.method ?? "sendMessage" })))
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .returning({ id: outbox.id });
    inserted += rows.length;
  }
  return inserted;
}

/**
 * Whether any message keyed `<prefix>…` was ever queued (a long work's result, `<job key>:<part>`).
 * Rare (a job that gave up), so a scan of the keys with that start is acceptable.
 */
export async function anyQueuedUnder(db: Database, prefix: string): Promise<boolean> {
  const [row] = await db.select({ id: outbox.id }).from(outbox).where(sql`starts_with(${outbox.dedupeKey}, ${prefix})`).limit(1);
  return row !== undefined;
}

/** One copy of a notice: the row that carries it, its recipient, and where it lies now. */
export type SentCopy = { id: number; personId: number; chatId: number; locale: string; status: OutboxRow["status"]; telegramMessageId: number | null };

/**
 * The copies of one notice (rows keyed `notice:<event>:person:<id>`) that name `subjectPersonId`,
 * to people who can still be reached. The subject narrows the search to the rows about them (the
 * GIN index on subject_person_ids, whose predicate is repeated here), not the whole outbox.
 */
export async function findNoticeCopies(db: Database, params: { event: string; subjectPersonId: number }): Promise<SentCopy[]> {
  const rows = await db
    .select({ id: outbox.id, personId: outbox.personId, chatId: outbox.chatId, locale: person.locale, status: outbox.status, telegramMessageId: outbox.telegramMessageId })
    .from(outbox)
    .innerJoin(person, eq(person.id, outbox.personId))
    .where(
      and(
        sql`cardinality(${outbox.subjectPersonIds}) > 0`,
        arrayContains(outbox.subjectPersonIds, [params.subjectPersonId]),
        like(outbox.dedupeKey, `notice:${params.event.replace(/[\\%_]/g, "\\$&")}:person:%`),
        eq(outbox.method, "sendMessage"),
        isNotNull(person.telegramId),
      ),
    )
    .orderBy(asc(outbox.id));
  return rows.map((row) => ({ ...row, personId: row.personId! }));
}

/** A queued message's text changes before it goes (and its buttons go); false when it is no longer queued. */
export async function rewriteQueued(db: Database, id: number, text: string): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ payload: { text } })
    .where(and(eq(outbox.id, id), eq(outbox.status, "pending")))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/**
 * Claims due rows for one sender. SKIP LOCKED lets several processes claim side by side
 * without ever taking the same row.
 */
export async function claimDue(db: Database, params: { workerId: string; limit: number; now: Date }): Promise<OutboxRow[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.notBefore, params.now)))
    .orderBy(asc(outbox.priority), asc(outbox.notBefore), asc(outbox.id))
    .limit(params.limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(outbox)
    .set({ status: "sending", claimedAt: params.now, claimedBy: params.workerId, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
  return rows.sort((a, b) => a.priority - b.priority || a.notBefore.getTime() - b.notBefore.getTime() || a.id - b.id);
}

/**
 * Rows whose sender died mid-claim go back to the queue after the lease. At most the message that
 * was in flight at the moment of the crash is sent twice.
 */
export async function reclaimStale(db: Database, now: Date, leaseMs: number): Promise<number> {
  const rows = await db
    .update(outbox)
    .set({ status: "pending", claimedAt: null, claimedBy: null })
    .where(and(eq(outbox.status, "sending"), lt(outbox.claimedAt, new Date(now.getTime() - leaseMs))))
    .returning({ id: outbox.id });
  return rows.length;
}

/**
 * A new sender takes back what the senders before it had claimed before `claimedBefore` and not
 * settled: only the sender claims, so a claim of another worker is a dead or deposed sender's. A
 * claim younger than that may still be in the old sender's hands (a request in flight, settled
 * within the sender's request timeout), and is left to it; the caller takes it back later.
 */
export async function reclaimFromOthers(db: Database, workerId: string, claimedBefore: Date): Promise<number> {
  const rows = await db
    .update(outbox)
    .set({ status: "pending", claimedAt: null, claimedBy: null })
    .where(and(eq(outbox.status, "sending"), sql`${outbox.claimedBy} is distinct from ${workerId}`, lt(outbox.claimedAt, claimedBefore)))
    .returning({ id: outbox.id });
  return rows.length;
}

/** A claimed row this sender will not send after all (it is no longer the sender): back to the queue, no attempt counted. */
export async function releaseClaim(db: Database, id: number, workerId: string): Promise<void> {
  await db
    .update(outbox)
    .set({ status: "pending", claimedAt: null, claimedBy: null, attempts: sql`${outbox.attempts} - 1` })
    .where(claimedBy(id, workerId));
}

/** Only the claimant may settle a row: a row reclaimed from a slow sender is not settled twice. */
function claimedBy(id: number, workerId: string) {
  return and(eq(outbox.id, id), eq(outbox.status, "sending"), eq(outbox.claimedBy, workerId));
}

export async function markSent(db: Database, id: number, workerId: string, telegramMessageId: number | null, now: Date): Promise<void> {
  await db.update(outbox).set({ status: "sent", sentAt: now, telegramMessageId, lastError: null }).where(claimedBy(id, workerId));
}

export async function markRetry(db: Database, id: number, workerId: string, notBefore: Date, error: string, countAttempt = true): Promise<void> {
  await db
    .update(outbox)
    .set({ status: "pending", notBefore, lastError: error, claimedAt: null, claimedBy: null, ...(countAttempt ? {} : { attempts: sql`${outbox.attempts} - 1` }) })
    .where(claimedBy(id, workerId));
}

export async function markFailed(db: Database, id: number, workerId: string, status: "failed" | "blocked", error: string): Promise<void> {
  await db.update(outbox).set({ status, lastError: error }).where(claimedBy(id, workerId));
}

/** After a 403 nothing more is queued for the person; what is already queued is dropped. */
export async function markUnreachable(db: Database, personId: number, now: Date): Promise<void> {
  await db.update(person).set({ unreachableAt: now }).where(eq(person.id, personId));
  await db.update(outbox).set({ status: "blocked", lastError: "recipient unreachable" }).where(and(eq(outbox.personId, personId), eq(outbox.status, "pending")));
}

export async function markReachable(db: Database, telegramId: number): Promise<void> {
  await db.update(person).set({ unreachableAt: null }).where(and(eq(person.telegramId, telegramId), sql`${person.unreachableAt} is not null`));
}

export type OutboxCounts = { pending: number; sending: number; sent: number; failed: number; blocked: number; skipped: number; cancelled: number };

export async function countByStatus(db: Database, broadcastId?: number): Promise<OutboxCounts> {
  const rows = await db
    .select({ status: outbox.status, count: sql<number>`count(*)`.mapWith(Number) })
    .from(outbox)
    .where(broadcastId === undefined ? undefined : eq(outbox.broadcastId, broadcastId))
    .groupBy(outbox.status);
  const counts: OutboxCounts = { pending: 0, sending: 0, sent: 0, failed: 0, blocked: 0, skipped: 0, cancelled: 0 };
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}

/**
 * The priorities that have pending rows, found by walking the due index (priority, not_before, id)
 * one priority at a time: a handful of index lookups, whatever the number of rows, and whatever
 * priorities there are (PRIORITY's or others). Used as `with recursive ${PENDING_PRIORITIES} …`.
 */
const PENDING_PRIORITIES = sql.raw(`pending_priority(p) as (
  (select priority from outbox where status = 'pending' order by priority limit 1)
  union all
  select (select o.priority from outbox o where o.status = 'pending' and o.priority > pp.p order by o.priority limit 1)
  from pending_priority pp where pp.p is not null
)`);

/** The oldest due row's not_before: per priority the first entry of the due index, then the least of those. */
function oldestDueSql(at: SQL): SQL {
  return sql`(select min((select o.not_before from outbox o where o.status = 'pending' and o.priority = pp.p and o.not_before <= ${at} order by o.not_before limit 1))
    from pending_priority pp where pp.p is not null)`;
}

function ageMs(oldest: Date | string | null | undefined, now: Date): number {
  return oldest ? Math.max(0, now.getTime() - new Date(oldest).getTime()) : 0;
}

/**
 * How far behind sending runs: the age of the oldest due row, 0 when none is due (/healthz and
 * /metrics). Read from the due index, never by scanning the pending rows.
 */
export async function oldestDueAge(db: Database, now: Date): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const [row] = await queryRows<{ oldest: Date | string | null }>(db, sql`with recursive ${PENDING_PRIORITIES} select ${oldestDueSql(at)} as oldest`);
  return ageMs(row?.oldest, now);
}

/**
 * The most rows outboxDepth counts in each state: a province's Friday night holds millions pending,
 * and counting them all takes long enough to miss a scrape. A count at the cap means "at least".
 */
export const OUTBOX_COUNT_CAP = 50_000;

export type OutboxDepth = { pending: number; due: number; sending: number; oldestDueAgeMs: number; cap: number };

/**
 * The queue as a monitor sees it (/metrics): rows waiting, how many of them are due, rows being
 * sent, each counted up to `cap`, and the age of the oldest due one (as oldestDueAge reads it).
 * Every part walks a partial index and stops at the cap: its cost does not grow with the queue.
 * `timeoutMs`, when given, is a statement timeout: PostgreSQL cancels the reading past it, so a slow
 * reading ends rather than running on after its caller gave up.
 */
export async function outboxDepth(db: Database, params: { now: Date; cap?: number; timeoutMs?: number }): Promise<OutboxDepth> {
  const { now, cap = OUTBOX_COUNT_CAP } = params;
  const at = sql`${now.toISOString()}::timestamptz`;
  const limit = sql.raw(String(Math.max(1, Math.trunc(cap))));
  const query = sql`
    with recursive ${PENDING_PRIORITIES}
    select
      (select count(*) from (select 1 from outbox where status = 'pending' limit ${limit}) as capped)::int as pending,
      (select least(${limit}, coalesce(sum((select count(*) from (select 1 from outbox o where o.status = 'pending' and o.priority = pp.p and o.not_before <= ${at} limit ${limit}) as capped)), 0))
        from pending_priority pp where pp.p is not null)::int as due,
      (select count(*) from (select 1 from outbox where status = 'sending' limit ${limit}) as capped)::int as sending,
      ${oldestDueSql(at)} as oldest
  `;
  type Row = { pending: number | string; due: number | string; sending: number | string; oldest: Date | string | null };
  const timeoutMs = params.timeoutMs;
  const row = await db.transaction(async (tx) => {
    // The planner prices the capped counts by the whole table and would compile the statement
    // (JIT): ~0.4 s of compiling for ~0.07 s of index reads at a million pending rows.
    await tx.execute(sql`set local jit = off`);
    if (timeoutMs !== undefined) await tx.execute(sql.raw(`set local statement_timeout = ${Math.max(1, Math.trunc(timeoutMs))}`));
    return (await queryRows<Row>(tx, query))[0];
  });
  return {
    pending: Number(row?.pending ?? 0),
    due: Number(row?.due ?? 0),
    sending: Number(row?.sending ?? 0),
    oldestDueAgeMs: ageMs(row?.oldest, now),
    cap,
  };
}

/** When the next message queued for later falls due (the console's clock stops there), if any. */
export async function nextPendingAt(db: Database, after: Date): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | null>`min(${outbox.notBefore})` })
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), gt(outbox.notBefore, after)));
  return row?.at ? new Date(row.at) : null;
}
