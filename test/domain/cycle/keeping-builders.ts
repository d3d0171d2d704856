import type { Database } from "../../../src/db/client.js";
import { assessmentScore, roundAssessor, rtTitle } from "../../../src/db/schema/index.js";
import { AUTOMATIC_CODES, INDICATOR_CODES, type AutomaticCode } from "../../../src/domain/scores/indicators.js";
import { computeScorecards } from "../../../src/domain/scores/scorecard.js";
import { addRound } from "../../helpers/cycle.js";

export type BaselineInput = { automatic?: Partial<Record<AutomaticCode, number>>; participatingHouseholds: number };

/** A title as the decision stream records it, with a baseline in the agreed shape. */
export async function addTitle(db: Database, params: { rtId: number; baseline: BaselineInput; roundId?: number | null; awardedOn?: string; level?: "bantar" | "kencana" }): Promise<number> {
  const automatic = Object.fromEntries(AUTOMATIC_CODES.map((code) => [code, params.baseline.automatic?.[code] ?? 0]));
  const team = Object.fromEntries(INDICATOR_CODES.map((code) => [code, null]));
  const [row] = await db
    .insert(rtTitle)
    .values({
      rtId: params.rtId,
      level: params.level ?? "bantar",
      roundId: params.roundId ?? null,
      category: "kecil",
      householdCount: 40,
      awardRupiah: 5_000_000,
      awardedOn: params.awardedOn ?? "2026-08-17",
      skNumber: "188.45/123/HK/2026",
      baseline: { measuredAt: "2026-06-15T02:00:00.000Z", automatic, team, total: 20, participatingHouseholds: params.baseline.participatingHouseholds },
      recordedAt: new Date("2026-08-17T03:00:00Z"),
    })
    .returning({ id: rtTitle.id });
  return row!.id;
}

/** The automatic levels the RT has at `now`: a baseline equal to them means "nothing fell". */
export async function automaticNow(db: Database, rtId: number, now: Date): Promise<Partial<Record<AutomaticCode, number>>> {
  const [card] = await computeScorecards(db, [rtId], now);
  return Object.fromEntries(card!.indicators.filter((indicator) => indicator.source === "auto").map((indicator) => [indicator.code, indicator.score]));
}

/** A round of `year` decided on its decision day (SK recorded). */
export async function addDecidedRound(db: Database, year = 2026): Promise<number> {
  const round = await addRound(db, {
    year,
    proposalDeadline: `${year}-04-30`,
    visitFrom: `${year}-06-01`,
    visitTo: `${year}-07-31`,
    decisionOn: `${year}-08-17`,
    openedAt: new Date(`${year}-03-01T02:00:00Z`),
    skNumber: `188.45/123/HK/${year}`,
    skDate: `${year}-08-17`,
    decidedAt: new Date(`${year}-08-17T03:00:00Z`),
  });
  return round.id;
}

/** A team score by a current member of the round's team (made one here if they are not yet). */
export async function addTeamScore(db: Database, params: { roundId: number; rtId: number; personId: number; code: string; score: number }): Promise<void> {
  await db
    .insert(roundAssessor)
    .values({ roundId: params.roundId, personId: params.personId, agency: "dpmppa", joinedAt: new Date("2026-06-01T03:00:00Z") })
    .onConflictDoNothing();
  await db.insert(assessmentScore).values({ kind: "team", roundId: params.roundId, rtId: params.rtId, personId: params.personId, indicatorCode: params.code, score: params.score, enteredAt: new Date("2026-06-20T03:00:00Z") });
}
