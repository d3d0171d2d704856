import { desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { DomainError } from "../errors.js";
import { assessmentRound } from "../../db/schema/index.js";
import { formatLocalDate, wibDate } from "../schedule/wib.js";

export type RoundView = typeof assessmentRound.$inferSelect;

/**
 * Where a round stands on a WIB day: proposals are taken until the deadline (inclusive); then the
 * team prepares; visits run visit_from..visit_to; after them the round waits for its decision; once
 * the SK is recorded it is decided. A phase is a function of the dates, never stored.
 */
export type RoundPhase = "proposals" | "preparing" | "visits" | "deciding" | "decided";

export function roundPhase(round: Pick<RoundView, "proposalDeadline" | "visitFrom" | "visitTo" | "decidedAt">, now: Date): RoundPhase {
  if (round.decidedAt) return "decided";
  const today = formatLocalDate(wibDate(now));
  if (today <= round.proposalDeadline) return "proposals";
  if (today < round.visitFrom) return "preparing";
  if (today <= round.visitTo) return "visits";
  return "deciding";
}

export async function findRound(db: Database, roundId: number): Promise<RoundView | undefined> {
  const [row] = await db.select().from(assessmentRound).where(eq(assessmentRound.id, roundId));
  return row;
}

/** The round the city is in: the newest one not yet decided, else the newest one (or none yet). */
export async function currentRound(db: Database): Promise<RoundView | undefined> {
  const rows = await db.select().from(assessmentRound).orderBy(desc(assessmentRound.year)).limit(5);
  return rows.find((row) => row.decidedAt === null) ?? rows[0];
}

/**
 * The round still undecided (at most one: openRound refuses another while one is undecided), for
 * the work that only happens before the decision (team, visits); refused when there is none.
 */
export async function undecidedRound(db: Database): Promise<RoundView> {
  const round = await findUndecidedRound(db);
  if (!round) throw new DomainError("round-not-open");
  return round;
}

/** The newest round not yet decided, if any. */
export async function findUndecidedRound(db: Database): Promise<RoundView | undefined> {
  const [row] = await db.select().from(assessmentRound).where(isNull(assessmentRound.decidedAt)).orderBy(desc(assessmentRound.year)).limit(1);
  return row;
}
