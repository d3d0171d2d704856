/**
 * issue 17: the kas RT's monthly statement. On the 1st of each month at 07.00 WIB (jobs.ts runs it
 * on the 1st to the 3rd, so a day the bot was down is caught up) every RT that keeps a cash book
 * gets the statement of the month just closed: to its group, or, without a group, to its ketua and
 * bendahara. Once per RT per month, however many instances or runs: an RT with any statement
 * row of the month in the outbox is passed over (decided per RT and month, before the statement is
 * split into parts or its recipients chosen: a catch-up run adds no part and no new recipient), and
 * the statement reads the book as it stood at the month's end (monthRange's `to`), so two runs at
 * once write the same texts under the same dedupe keys.
 */
import { and, eq, isNotNull, isNull, like } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { enqueueMessages, PRIORITY, type NewOutboxMessage } from "../delivery/outbox.js";
import { kasBalance, outbox, person, roleAssignment } from "../db/schema/index.js";
import { awardReport, kasMonth } from "../domain/kas/book.js";
import { getRt } from "../domain/rt/rt.js";
import { addMonths, monthKey, monthOf, monthRange } from "../domain/schedule/month.js";
import { chunkLines } from "../messages/format.js";
import { kasStatementLines } from "../messages/kas.js";
import { supportedLocale } from "../messages/locale.js";
import { translateIn, type Texts } from "../messages/translate.js";

export type KasStatementDeps = { db: Database; i18n: Texts; wakeDelivery?: () => void };

/** A group has no one language: statements to it are in Indonesian. */
const GROUP_LOCALE = "id";

/** Who keeps an RT's book and can be reached, for an RT without a group: ketua, bendahara, an acting ketua. */
async function keepers(db: Database, rtId: number): Promise<{ personId: number; telegramId: number; locale: string }[]> {
  const rows = await db
    .selectDistinct({ personId: person.id, telegramId: person.telegramId, locale: person.locale })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(and(eq(roleAssignment.rtId, rtId), isNull(roleAssignment.revokedAt), isNull(person.erasedAt), isNotNull(person.telegramId)));
  const assignments = await db.select({ personId: roleAssignment.personId, role: roleAssignment.role }).from(roleAssignment).where(and(eq(roleAssignment.rtId, rtId), isNull(roleAssignment.revokedAt)));
  const keeping = new Set(assignments.filter((row) => row.role === "ketua_rt" || row.role === "bendahara").map((row) => row.personId));
  const found = rows.filter((row) => keeping.has(row.personId)).map((row) => ({ personId: row.personId, telegramId: row.telegramId!, locale: row.locale }));
  // A koordinator or admin acting as the ketua of an RT without one keeps its book too (actor.ts).
  if (!assignments.some((row) => row.role === "ketua_rt")) {
    const acting = await db.select({ personId: person.id, telegramId: person.telegramId, locale: person.locale }).from(person)
      .where(and(eq(person.actingRtId, rtId), isNull(person.erasedAt), isNotNull(person.telegramId))).orderBy(person.id);
    for (const row of acting) if (!found.some((keeper) => keeper.personId === row.personId)) found.push({ personId: row.personId, telegramId: row.telegramId!, locale: row.locale });
  }
  return found;
}

export async function planKasStatements(deps: KasStatementDeps, now: Date): Promise<{ rts: number; queued: number }> {
  const month = addMonths(monthOf(now), -1);
  const monthEnd = monthRange(month).to;
  const rtIds = (await deps.db.select({ rtId: kasBalance.rtId }).from(kasBalance).orderBy(kasBalance.rtId)).map((row) => row.rtId);
  const sent = await statementsSent(deps.db, monthKey(month));
  const messages: NewOutboxMessage[] = [];
  for (const rtId of rtIds) {
    if (sent.has(rtId)) continue;
    const place = await getRt(deps.db, rtId);
    const statement = await kasMonth(deps.db, { rtId, month, asOf: monthEnd });
    const award = await awardReport(deps.db, rtId, monthEnd);
    // The statement names who recorded each entry, and the award section every spending from it
    // with its purpose, of any month: it goes if one of them erases their data.
    const named = [...new Set([...statement.entries.map((entry) => entry.recordedBy), ...(award?.lines ?? []).map((line) => line.recordedBy)])];
    const base = { priority: PRIORITY.notification, notBefore: now, subjectPersonIds: named };
    const key = statementKey(rtId, monthKey(month));
    const texts = (locale: string) => {
      const { header, lines } = kasStatementLines(translateIn(deps.i18n, locale), locale, { rt: place, month: statement, award });
      return chunkLines(header, lines);
    };
    if (place.groupChatId !== null) {
      messages.push(...texts(GROUP_LOCALE).map((text, part) => ({ ...base, dedupeKey: `${key}:group:${part}`, chatId: place.groupChatId!, personId: null, payload: { text } })));
      continue;
    }
    for (const keeper of await keepers(deps.db, rtId)) {
      messages.push(...texts(supportedLocale(keeper.locale)).map((text, part) => ({ ...base, dedupeKey: `${key}:person:${keeper.personId}:${part}`, chatId: keeper.telegramId, personId: keeper.personId, payload: { text } })));
    }
  }
  const queued = messages.length > 0 ? await enqueueMessages(deps.db, messages) : 0;
  if (queued > 0) deps.wakeDelivery?.();
  return { rts: rtIds.length, queued };
}

function statementKey(rtId: number, month: string): string {
  return `kas-statement:${rtId}:${month}`;
}

/** The RTs whose statement of the month is already in the outbox, to any recipient, in any part. */
async function statementsSent(db: Database, month: string): Promise<Set<number>> {
  const rows = await db.select({ key: outbox.dedupeKey }).from(outbox).where(like(outbox.dedupeKey, `kas-statement:%:${month}:%`));
  return new Set(rows.map((row) => Number(row.key.split(":")[1])));
}
