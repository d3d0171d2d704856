import type { Database } from "../../src/db/client.js";
import { assessmentRound, assessorScope, roundAssessor, rtProposal } from "../../src/db/schema/index.js";

/** The cycle's rows as the other streams of issue 15 make them (a round, proposals, the team), made directly. */
const OPENED = new Date("2027-03-01T02:00:00Z");

type Agency = typeof roundAssessor.$inferInsert.agency;

/** A round: proposals until 30 April, visits June–July, the decision on 17 August. */
export async function openRound(db: Database, year = 2027): Promise<number> {
  const [row] = await db
    .insert(assessmentRound)
    .values({ year, proposalDeadline: `${year}-04-30`, visitFrom: `${year}-06-01`, visitTo: `${year}-07-31`, decisionOn: `${year}-08-17`, openedAt: OPENED })
    .returning({ id: assessmentRound.id });
  return row!.id;
}

export async function propose(db: Database, roundId: number, rtId: number): Promise<void> {
  await db.insert(rtProposal).values({ roundId, rtId, proposedAt: OPENED, householdCount: 40 });
}

/** A team member as the joining stream makes them: the round_assessor row and its scope. */
export async function addAssessor(db: Database, personId: number, roundId: number, agency: Agency, scope: { rtIds?: number[]; kecamatanCodes?: string[] }): Promise<void> {
  const [assessor] = await db.insert(roundAssessor).values({ roundId, personId, agency, joinedAt: OPENED }).returning({ id: roundAssessor.id });
  for (const rtId of scope.rtIds ?? []) await db.insert(assessorScope).values({ assessorId: assessor!.id, rtId });
  for (const kecamatanCode of scope.kecamatanCodes ?? []) await db.insert(assessorScope).values({ assessorId: assessor!.id, kecamatanCode });
}

