import type { Database } from "../../src/db/client.js";
import { assessmentRound, assessorScope, roundAssessor, rtProposal } from "../../src/db/schema/index.js";
import type { Agency } from "../../src/domain/cycle/team.js";
import { addPerson } from "./fixtures.js";
import type { TestUser } from "./test-bot.js";

/** The cycle's rows (a round, proposals, the team) as the cycle's services leave them, made directly. */
const OPENED = new Date("2027-03-01T02:00:00Z");

/**
 * A round as the harness's default day (Minggu 22 November 2026) finds it: proposals closed on
 * 20 November, visits 25 November to 15 December, decision on 31 December.
 */
export const ROUND_DATES = { proposalDeadline: "2026-11-20", visitFrom: "2026-11-25", visitTo: "2026-12-15", decisionOn: "2026-12-31" } as const;

/** A round of 2026 on ROUND_DATES unless `overrides` say otherwise; the whole row. */
export async function addRound(db: Database, overrides: Partial<typeof assessmentRound.$inferInsert> = {}) {
  const [row] = await db
    .insert(assessmentRound)
    .values({ year: 2026, ...ROUND_DATES, openedAt: new Date("2026-10-01T00:00:00Z"), ...overrides })
    .returning();
  return row!;
}

/** A round of `year`: proposals until 30 April, visits June–July, the decision on 17 August; its id. */
export async function openRound(db: Database, year = 2027): Promise<number> {
  const round = await addRound(db, { year, proposalDeadline: `${year}-04-30`, visitFrom: `${year}-06-01`, visitTo: `${year}-07-31`, decisionOn: `${year}-08-17`, openedAt: OPENED });
  return round.id;
}

/** The RT proposed in the round (40 KK); the proposal's id. */
export async function propose(db: Database, roundId: number, rtId: number, proposedAt = OPENED): Promise<number> {
  const [row] = await db.insert(rtProposal).values({ roundId, rtId, proposedAt, householdCount: 40 }).returning({ id: rtProposal.id });
  return row!.id;
}

/** A team member as a redeemed link leaves them: the round_assessor row and its scope (RTs and/or kecamatan). */
export async function addAssessor(db: Database, personId: number, roundId: number, agency: Agency, scope: { rtIds?: number[]; kecamatanCodes?: string[] }): Promise<number> {
  const [member] = await db.insert(roundAssessor).values({ roundId, personId, agency, joinedAt: OPENED }).returning({ id: roundAssessor.id });
  const rows = [
    ...(scope.rtIds ?? []).map((rtId) => ({ assessorId: member!.id, rtId, kecamatanCode: null })),
    ...(scope.kecamatanCodes ?? []).map((code) => ({ assessorId: member!.id, rtId: null, kecamatanCode: code })),
  ];
  if (rows.length > 0) await db.insert(assessorScope).values(rows);
  return member!.id;
}

/** A Telegram user made a person and a team member of the round (DPMPPA unless `agency` says otherwise). */
export async function addTeamMember(
  db: Database,
  user: TestUser,
  roundId: number,
  scope: { rtIds?: number[]; kecamatanCodes?: string[] },
  agency: Agency = "dpmppa",
): Promise<{ personId: number; assessorId: number }> {
  const personId = await addPerson(db, user);
  return { personId, assessorId: await addAssessor(db, personId, roundId, agency, scope) };
}
