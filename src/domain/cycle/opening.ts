import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { assessmentRound, person, roleAssignment } from "../../db/schema/index.js";
import { addressName, type Greeting } from "../../messages/address.js";
import { formatCalendarDay } from "../../messages/format.js";
import { translateIn } from "../../messages/translate.js";
import { supportedLocale } from "../../messages/locale.js";
import { eventKey, noticeTo, queueNotices } from "../../messages/notices.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { isAdmin, type Actor } from "../people/actor.js";
import { compareDates, formatLocalDate, wibDate, type LocalDate } from "../schedule/wib.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { findUndecidedRound, roundPhase, type RoundPhase, type RoundView } from "./rounds.js";

/** Advisory lock key serialising openRound ("rnd1" as ASCII). */
const ROUND_OPEN_LOCK = 0x726e6431;

/**
 * The years a round may be opened for: this year and the next. Its dates are read as the scheduler
 * reads every date (within a year of today), so a round two years ahead could not be given its dates.
 */
export const ROUND_YEARS_AHEAD = 1;

export type RoundDates = { proposalDeadline: LocalDate; visitFrom: LocalDate; visitTo: LocalDate; decisionOn: LocalDate };
export type RoundDraft = { year: number } & RoundDates;
export const ROUND_DATE_FIELDS = ["proposalDeadline", "visitFrom", "visitTo", "decisionOn"] as const;
export type RoundDateField = (typeof ROUND_DATE_FIELDS)[number];

/** "2027-04-30" back to a calendar day. */
export function localDateOf(text: string): LocalDate {
  const [year, month, day] = text.split("-").map(Number);
  return { year: year!, month: month!, day: day! };
}

/**
 * The first pair of dates out of order, among the dates known so far; null when they are in order.
 * Proposals close before the team's visits begin (deadline < visit from); the visit period may be one
 * day and the decision may fall on its last day (visit from ≤ visit to ≤ decision).
 */
export function roundDatesOutOfOrder(dates: Partial<RoundDates>): { earlier: RoundDateField; later: RoundDateField } | null {
  for (let i = 0; i < ROUND_DATE_FIELDS.length; i++) {
    for (let j = i + 1; j < ROUND_DATE_FIELDS.length; j++) {
      const earlier = ROUND_DATE_FIELDS[i]!;
      const later = ROUND_DATE_FIELDS[j]!;
      const a = dates[earlier];
      const b = dates[later];
      const order = a && b ? compareDates(a, b) : -1;
      if (order > 0 || (order === 0 && earlier === "proposalDeadline")) return { earlier, later };
    }
  }
  return null;
}

/** Why a year cannot have a round opened now, or null. */
export function roundYearRefusal(year: number, now: Date): "round-year-out-of-range" | null {
  const thisYear = wibDate(now).year;
  return Number.isInteger(year) && year >= thisYear && year <= thisYear + ROUND_YEARS_AHEAD ? null : "round-year-out-of-range";
}

export async function findRoundByYear(db: Database, year: number): Promise<RoundView | undefined> {
  const [row] = await db.select().from(assessmentRound).where(eq(assessmentRound.year, year));
  return row;
}

export async function findRoundByRequestKey(db: Database, requestKey: string): Promise<RoundView | undefined> {
  const [row] = await db.select().from(assessmentRound).where(eq(assessmentRound.requestKey, requestKey));
  return row;
}

function requireAdmin(actor: Actor): number {
  if (!isAdmin(actor)) throw new DomainError("not-allowed");
  return actor.person?.id ?? 0;
}

/** Every koordinator still reachable, once each, in their language. */
async function koordinatorRecipients(db: Database): Promise<{ personId: number; telegramId: number; locale: string; displayName: string | null; greeting: Greeting | null }[]> {
  const rows = await db
    .selectDistinct({ personId: person.id, telegramId: person.telegramId, locale: person.locale, displayName: person.displayName, greeting: person.greeting })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(and(eq(roleAssignment.role, "koordinator"), isNull(roleAssignment.revokedAt), isNull(person.erasedAt), isNull(person.unreachableAt), sql`${person.telegramId} is not null`))
    .orderBy(asc(person.id));
  return rows.map((row) => ({ ...row, telegramId: row.telegramId! }));
}

/**
 * An admin opens the year's round. The form's request key makes a save pressed twice (or
 * redelivered, on any instance) open one round: the repeat gets the round back with
 * `created: false`. Another form for a year that already has its round is refused. Every
 * koordinator is told, in the same transaction, that proposals are open until the deadline.
 */
export async function openRound(deps: ServiceDeps, actor: Actor, params: RoundDraft & { requestKey: string }): Promise<{ round: RoundView; created: boolean; told: number }> {
  const adminId = requireAdmin(actor);
  const now = deps.clock();
  const yearRefusal = roundYearRefusal(params.year, now);
  if (yearRefusal) throw new DomainError(yearRefusal, { year: String(params.year) });
  if (roundDatesOutOfOrder(params)) throw new DomainError("round-dates-order");
  if (compareDates(params.proposalDeadline, wibDate(now)) < 0) throw new DomainError("round-deadline-past");
  return inTransaction(deps, async (tx) => {
    const again = await findRoundByRequestKey(tx, params.requestKey);
    if (again) return { round: again, created: false, told: 0 };
    // One undecided round at a time: the current round's screens (/usulkan, /kunjungan, /timpenilai,
    // /keputusan) would otherwise switch to the new one and hide the undecided one. The lock makes
    // two admins opening different years at once take turns, so the second sees the first's round.
    await tx.execute(sql`select pg_advisory_xact_lock(${ROUND_OPEN_LOCK}::bigint)`);
    const pending = await findUndecidedRound(tx);
    if (pending) {
      if (pending.year === params.year) throw new DomainError("round-year-exists", { year: String(params.year) });
      throw new DomainError("round-previous-undecided", { year: String(pending.year) });
    }
    const [inserted] = await tx
      .insert(assessmentRound)
      .values({
        year: params.year,
        proposalDeadline: formatLocalDate(params.proposalDeadline),
        visitFrom: formatLocalDate(params.visitFrom),
        visitTo: formatLocalDate(params.visitTo),
        decisionOn: formatLocalDate(params.decisionOn),
        openedBy: adminId || null,
        openedAt: now,
        requestKey: params.requestKey,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted) {
      // The same key committed meanwhile on another instance, or the year is taken.
      const raced = await findRoundByRequestKey(tx, params.requestKey);
      if (raced) return { round: raced, created: false, told: 0 };
      throw new DomainError("round-year-exists", { year: String(params.year) });
    }
    await recordAudit(tx, {
      occurredAt: now,
      actorPersonId: adminId || null,
      action: "round_opened",
      entityType: "assessment_round",
      entityId: inserted.id,
      details: { year: String(inserted.year), proposal_deadline: inserted.proposalDeadline, visit_from: inserted.visitFrom, visit_to: inserted.visitTo, decision_on: inserted.decisionOn },
    });
    const koordinators = await koordinatorRecipients(tx);
    const notices = koordinators.flatMap((recipient) => {
      const locale = supportedLocale(recipient.locale);
      const text = deps.i18n.t(locale, "round-opened-notice", {
        name: addressName(translateIn(deps.i18n, locale), { greeting: recipient.greeting, name: recipient.displayName }),
        year: String(inserted.year),
        deadline: formatCalendarDay(params.proposalDeadline, locale),
        from: formatCalendarDay(params.visitFrom, locale),
        to: formatCalendarDay(params.visitTo, locale),
      });
      return noticeTo(recipient, eventKey("round-opened", inserted.id), text);
    });
    await queueNotices(tx, now, notices);
    return { round: inserted, created: true, told: notices.length };
  });
}

export type RoundSummary = RoundView & { phase: RoundPhase; proposed: number; visited: number; decided: number };

/**
 * /putaran's list, newest first: each round's phase on `now`'s WIB day and its counts: RTs
 * proposed (not withdrawn), RTs visited (a round visit not cancelled that has begun), RTs awarded.
 * One query however many rounds.
 */
export async function listRounds(db: Database, now: Date): Promise<RoundSummary[]> {
  const rounds = await db.select().from(assessmentRound).orderBy(desc(assessmentRound.year));
  if (rounds.length === 0) return [];
  const counts = await queryRows<{ round_id: number; proposed: number; visited: number; decided: number }>(
    db,
    sql`select r.id as round_id,
          (select count(*) from rt_proposal p where p.round_id = r.id and p.withdrawn_at is null)::int as proposed,
          (select count(distinct v.rt_id) from assessment_visit v where v.round_id = r.id and v.kind = 'round' and v.cancelled_at is null and v.starts_at <= ${now.toISOString()}::timestamptz)::int as visited,
          (select count(*) from rt_title t where t.round_id = r.id)::int as decided
        from assessment_round r`,
  );
  const byId = new Map(counts.map((row) => [Number(row.round_id), row]));
  return rounds.map((round) => {
    const row = byId.get(round.id);
    return { ...round, phase: roundPhase(round, now), proposed: Number(row?.proposed ?? 0), visited: Number(row?.visited ?? 0), decided: Number(row?.decided ?? 0) };
  });
}
