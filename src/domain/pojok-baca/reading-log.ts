import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client.js";
import { membership, person, readingLog } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { recordParticipation } from "../participation/participation.js";
import { requireKeeper } from "./keepers.js";
import { BOOK_TITLE_MAX, READING_MINUTES_MAX } from "./text.js";
import { listKeepers } from "./keepers.js";
import { noticeInTheirLanguage } from "./notices.js";
import { about, eventKey, queueNotices, type Notice } from "../../messages/notices.js";
import { readingDecisionKeyboard, readingRequestText } from "../../messages/pojok-baca.js";
import { inTransaction, type ServiceDeps } from "../service.js";

export type ReadingLogStatus = (typeof readingLog.status.enumValues)[number];

export type ReadingLogView = {
  id: number;
  rtId: number;
  personId: number;
  name: string | null;
  telegramId: number | null;
  minutes: number;
  title: string;
  loggedAt: Date;
  status: ReadingLogStatus;
  decidedByName: string | null;
};

export function readingLogSourceKey(logId: number): string {
  return `reading-log:${logId}`;
}

const decider = alias(person, "decider");

function logs(db: Database) {
  return db
    .select({
      id: readingLog.id,
      rtId: readingLog.rtId,
      personId: readingLog.personId,
      name: person.displayName,
      telegramId: person.telegramId,
      minutes: readingLog.minutes,
      title: readingLog.title,
      loggedAt: readingLog.loggedAt,
      status: readingLog.status,
      decidedByName: decider.displayName,
    })
    .from(readingLog)
    .innerJoin(person, eq(person.id, readingLog.personId))
    .leftJoin(decider, eq(decider.id, readingLog.decidedBy));
}

export async function getReadingLog(db: Database, logId: number): Promise<ReadingLogView> {
  const [row] = await logs(db).where(eq(readingLog.id, logId));
  if (!row) throw new DomainError("reading-log-not-found");
  return row;
}

export type ReadingInput = {
  /** Made once per form, so sending the report twice records it once. */
  requestKey: string;
  minutes: number;
  title: string;
};

/**
 * A resident reports their own reading. It waits (pending) for a keeper of their RT: only a
 * confirmed report counts as participation.
 */
export async function logReading(db: Database, actor: Actor, input: ReadingInput, now: Date): Promise<{ log: ReadingLogView; created: boolean }> {
  if (!actor.person || actor.membership?.status !== "active") throw new DomainError("not-registered");
  if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > READING_MINUTES_MAX) throw new RangeError(`minutes out of range: ${input.minutes}`);
  if (input.title.length === 0 || input.title.length > BOOK_TITLE_MAX) throw new RangeError("title out of range");
  const [created] = await db
    .insert(readingLog)
    .values({ requestKey: input.requestKey, personId: actor.person.id, rtId: actor.membership.rtId, minutes: input.minutes, title: input.title, loggedAt: now })
    .onConflictDoNothing({ target: readingLog.requestKey })
    .returning({ id: readingLog.id });
  if (created) return { log: await getReadingLog(db, created.id), created: true };
  const [existing] = await db.select({ id: readingLog.id }).from(readingLog).where(eq(readingLog.requestKey, input.requestKey));
  return { log: await getReadingLog(db, existing!.id), created: false };
}

/**
 * A keeper of the resident's RT confirms or rejects a report. The first decision stands: a second
 * press, or another keeper's press after it, changes nothing (`decided: false`). Confirming
 * writes the participation record (kind membaca, source self-report); rejecting writes none.
 * Nobody decides on their own report.
 */
export async function decideReading(db: Database, actor: Actor, logId: number, approve: boolean, now: Date): Promise<{ log: ReadingLogView; decided: boolean }> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(readingLog).where(eq(readingLog.id, logId)).for("update");
    if (!locked) throw new DomainError("reading-log-not-found");
    requireKeeper(actor, locked.rtId);
    if (locked.personId === actor.person?.id) throw new DomainError("reading-log-own");
    if (locked.status !== "pending") return { log: await getReadingLog(tx, logId), decided: false };
    await tx
      .update(readingLog)
      .set({ status: approve ? "confirmed" : "rejected", decidedBy: actor.person!.id, decidedAt: now })
      .where(and(eq(readingLog.id, logId), eq(readingLog.status, "pending")));
    if (approve) {
      // The household at the time of the report: the membership in that RT, the current one first.
      const [member] = await tx
        .select({ householdLabel: membership.householdLabel })
        .from(membership)
        .where(and(eq(membership.personId, locked.personId), eq(membership.rtId, locked.rtId)))
        .orderBy(sql`${membership.status} = 'active' desc`, desc(membership.requestedAt))
        .limit(1);
      await recordParticipation(
        tx,
        {
          sourceKey: readingLogSourceKey(logId),
          rtId: locked.rtId,
          personId: locked.personId,
          householdLabel: member?.householdLabel ?? null,
          kind: "membaca",
          occurredAt: locked.loggedAt,
          verified: true,
          source: "self-report",
          recordedBy: actor.person!.id,
        },
        now,
      );
    }
    return { log: await getReadingLog(tx, logId), decided: true };
  });
}

/**
 * /baca sent: records the report (see logReading) and queues it, with the confirm and reject
 * buttons, to every keeper of the resident's RT but the resident, in the same transaction.
 * Idempotent by the form's request key. `told` is how many keepers it went to.
 */
export async function reportReading(deps: ServiceDeps, actor: Actor, input: ReadingInput): Promise<{ log: ReadingLogView; created: boolean; told: number }> {
  return inTransaction(deps, async (tx) => {
    const now = deps.clock();
    const { log, created } = await logReading(tx, actor, input, now);
    const keepers = (await listKeepers(tx, log.rtId)).filter((keeper) => keeper.personId !== log.personId);
    const notices: Notice[] = [];
    for (const keeper of keepers) {
      notices.push(
        ...(await noticeInTheirLanguage(tx, deps.i18n, keeper, eventKey("reading-log", log.id), (t, locale) => readingRequestText(t, log, locale), (t) => readingDecisionKeyboard(t, log.id))),
      );
    }
    // The keepers' copy names the resident and what they read: it goes if the resident erases.
    await queueNotices(tx, now, about([log.personId], notices));
    return { log, created, told: keepers.length };
  });
}

/**
 * A keeper's confirm or reject (see decideReading), and the resident's notice of it in the same
 * transaction. Idempotent by the report: the first decision stands and is told once.
 */
export async function judgeReading(deps: ServiceDeps, actor: Actor, input: { logId: number; approve: boolean }): Promise<{ log: ReadingLogView; decided: boolean }> {
  return inTransaction(deps, async (tx) => {
    const now = deps.clock();
    const judged = await decideReading(tx, actor, input.logId, input.approve, now);
    const { log } = judged;
    if (judged.decided) {
      const notices = await noticeInTheirLanguage(tx, deps.i18n, { personId: log.personId, telegramId: log.telegramId }, eventKey("reading-log-decided", log.id), (t) =>
        t(input.approve ? "reading-log-confirmed-notice" : "reading-log-rejected-notice", { title: log.title, minutes: log.minutes }),
      );
      await queueNotices(tx, now, notices);
    }
    return judged;
  });
}

/** Reports of an RT waiting for a keeper, oldest first. */
export async function listPendingReadings(db: Database, rtId: number): Promise<ReadingLogView[]> {
  return logs(db).where(and(eq(readingLog.rtId, rtId), eq(readingLog.status, "pending"))).orderBy(asc(readingLog.loggedAt), asc(readingLog.id));
}
