import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { participation, person, satisfactionAnswer, satisfactionRequest } from "../../db/schema/index.js";
import { formatWhen } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { eventKey, queueNotices, type Notice } from "../../messages/notices.js";
import { satisfactionKeyboard } from "../../messages/buttons/polls.js";
import { translateIn } from "../../messages/translate.js";
import { DomainError } from "../errors.js";
import { headedRtId, type Actor } from "../people/actor.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { getOccurrence, type Occurrence } from "./events.js";

/**
 * "Bagaimana kegiatan tadi?": after a gotong royong or a rapat the ketua may ask those who came (a
 * verified, unrevoked attendance record) for one tap, 😀 🙂 😐 🙁 (4 … 1). Asked once per
 * occurrence (the ketua chooses, per event, by its button under /absen); answered once per person.
 */
export const SATISFACTION_KINDS: readonly Occurrence["kind"][] = ["gotong_royong", "rapat"];
export type SatisfactionAnswer = 1 | 2 | 3 | 4;

export type SatisfactionSummary = { asked: number; answered: number; counts: Record<SatisfactionAnswer, number> };

/** Whether the question can be asked for this occurrence: its kind, and it has begun. */
export function offersSatisfaction(occurrence: Pick<Occurrence, "kind" | "startsAt" | "cancelledAt">, now: Date): boolean {
  return SATISFACTION_KINDS.includes(occurrence.kind) && occurrence.cancelledAt === null && occurrence.startsAt.getTime() <= now.getTime();
}

/** The answers so far, or null when the question was never asked for this occurrence. */
export async function satisfactionSummary(db: Database, occurrenceId: number): Promise<SatisfactionSummary | null> {
  const [request] = await db.select({ recipients: satisfactionRequest.recipients }).from(satisfactionRequest).where(eq(satisfactionRequest.occurrenceId, occurrenceId));
  if (!request) return null;
  const rows = await db
    .select({ answer: satisfactionAnswer.answer, count: sql<number>`count(*)::int` })
    .from(satisfactionAnswer)
    .where(eq(satisfactionAnswer.occurrenceId, occurrenceId))
    .groupBy(satisfactionAnswer.answer);
  const counts: Record<SatisfactionAnswer, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const row of rows) counts[row.answer as SatisfactionAnswer] = Number(row.count);
  return { asked: request.recipients, answered: rows.reduce((sum, row) => sum + Number(row.count), 0), counts };
}

/**
 * The ketua's "Tanya kepuasan": one question to each person recorded present, through the outbox.
 * Asked once: a second press (or another officer's) sends nothing more and returns the summary.
 */
export async function askSatisfaction(deps: ServiceDeps, actor: Actor, params: { occurrenceId: number }, now: Date): Promise<{ sent: number; alreadyAsked: boolean; summary: SatisfactionSummary }> {
  const occurrence = await getOccurrence(deps.db, params.occurrenceId);
  if (headedRtId(actor) !== occurrence.rtId) throw new DomainError("not-allowed");
  if (!offersSatisfaction(occurrence, now)) throw new DomainError("satisfaction-not-offered");
  return inTransaction(deps, async (tx) => {
    const attendees = await tx
      .selectDistinct({ personId: person.id, telegramId: person.telegramId, locale: person.locale })
      .from(participation)
      .innerJoin(person, eq(person.id, participation.personId))
      .where(and(eq(participation.occurrenceId, occurrence.id), eq(participation.verified, true), isNull(participation.revokedAt)));
    const reachable = attendees.filter((row) => row.telegramId !== null);
    const inserted = await tx
      .insert(satisfactionRequest)
      .values({ occurrenceId: occurrence.id, requestedBy: actor.person?.id ?? null, requestedAt: now, recipients: reachable.length })
      .onConflictDoNothing()
      .returning({ id: satisfactionRequest.occurrenceId });
    if (inserted.length === 0) return { sent: 0, alreadyAsked: true, summary: (await satisfactionSummary(tx, occurrence.id))! };
    const notices: Notice[] = reachable.map((row) => {
      const locale = supportedLocale(row.locale);
      const t = translateIn(deps.i18n, locale);
      const keyboard = satisfactionKeyboard(occurrence.id);
      return {
        event: eventKey("satisfaction", occurrence.id), chatId: row.telegramId!, personId: row.personId,
        text: t("satisfaction-question", { kind: t(`event-kind-${occurrence.kind}`), when: formatWhen(occurrence.startsAt, locale) }), replyMarkup: keyboard,
      };
    });
    await queueNotices(tx, now, notices);
    return { sent: notices.length, alreadyAsked: false, summary: { asked: reachable.length, answered: 0, counts: { 1: 0, 2: 0, 3: 0, 4: 0 } } };
  });
}

/** A tap on a face: by someone recorded present, for a question that was asked; once (a second tap keeps the first). */
export async function answerSatisfaction(db: Database, actor: Actor, params: { occurrenceId: number; answer: SatisfactionAnswer }, now: Date): Promise<"recorded" | "already"> {
  const personId = actor.person?.id;
  if (personId === undefined) throw new DomainError("not-allowed");
  const [present] = await db
    .select({ id: participation.id })
    .from(participation)
    .innerJoin(satisfactionRequest, eq(satisfactionRequest.occurrenceId, participation.occurrenceId))
    .where(and(eq(participation.occurrenceId, params.occurrenceId), eq(participation.personId, personId), eq(participation.verified, true), isNull(participation.revokedAt)))
    .limit(1);
  if (!present) throw new DomainError("not-allowed");
  const rows = await db
    .insert(satisfactionAnswer)
    .values({ occurrenceId: params.occurrenceId, personId, answer: params.answer, answeredAt: now })
    .onConflictDoNothing()
    .returning({ answer: satisfactionAnswer.answer });
  return rows.length > 0 ? "recorded" : "already";
}
