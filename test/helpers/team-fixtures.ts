import type { Database } from "../../src/db/client.js";
import { assessmentRound, assessorScope, roundAssessor, rtProposal } from "../../src/db/schema/index.js";
import type { Agency } from "../../src/domain/cycle/team.js";
import { addPerson } from "./fixtures.js";
import type { TestUser } from "./test-bot.js";

/**
 * A round as the harness's default day (Minggu 22 November 2026) finds it: proposals closed on
 * 20 November, visits 25 November to 15 December, decision on 31 December.
 */
export const ROUND_DATES = { proposalDeadline: "2026-11-20", visitFrom: "2026-11-25", visitTo: "2026-12-15", decisionOn: "2026-12-31" } as const;

export async function addRound(db: Database, overrides: Partial<typeof assessmentRound.$inferInsert> = {}) {
  const [row] = await db
    .insert(assessmentRound)
    .values({ year: 2026, ...ROUND_DATES, openedAt: new Date("2026-10-01T00:00:00Z"), ...overrides })
    .returning();
  return row!;
}

export async function proposeRt(db: Database, roundId: number, rtId: number): Promise<number> {
  const [row] = await db.insert(rtProposal).values({ roundId, rtId, proposedAt: new Date("2026-11-10T00:00:00Z"), householdCount: 40 }).returning({ id: rtProposal.id });
  return row!.id;
}

/** A team member of a round with its scope (RTs and/or kecamatan), as a redeemed link leaves it. */
export async function addAssessor(
  db: Database,
  user: TestUser,
  roundId: number,
  scope: { rtIds?: number[]; kecamatanCodes?: string[] },
  agency: Agency = "dpmppa",
): Promise<{ personId: number; assessorId: number }> {
  const personId = await addPerson(db, user);
  const [member] = await db.insert(roundAssessor).values({ roundId, personId, agency, joinedAt: new Date("2026-11-15T00:00:00Z") }).returning({ id: roundAssessor.id });
  const rows = [
    ...(scope.rtIds ?? []).map((rtId) => ({ assessorId: member!.id, rtId, kecamatanCode: null })),
    ...(scope.kecamatanCodes ?? []).map((code) => ({ assessorId: member!.id, rtId: null, kecamatanCode: code })),
  ];
  if (rows.length) await db.insert(assessorScope).values(rows);
  return { personId, assessorId: member!.id };
}
