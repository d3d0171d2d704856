import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { rtFilter } from "../scores/metrics.js";
import { INDICATOR_CODES, isIndicatorCode, type IndicatorCode } from "../scores/indicators.js";

/**
 * How several assessors' scores of one indicator become the RT's score in a round's recap:
 * the median of each assessor's latest score; with an even number of assessors, the lower of the
 * two middle scores. An RT earns a level only when at least half the team saw it there, and one
 * generous (or harsh) assessor cannot move the result alone. Every individual score is kept and
 * shown beside it.
 *
 * Only the scores of the round's current team count: an assessor whose place was revoked
 * (round_assessor.revoked_at set, and no later place in the round) no longer counts in the recap,
 * nor is listed in it. Their rows stay (assessment_score is append-only) and count again if they
 * rejoin the round.
 */
export function combineScores(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const sorted = [...scores].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export type AssessorScore = { personId: number; score: number; automaticScore: number | null; overrideReason: string | null; note: string | null; enteredAt: Date };

export type IndicatorRecap = { code: IndicatorCode; combined: number | null; scores: AssessorScore[] };

export type TeamRecap = {
  rtId: number;
  indicators: IndicatorRecap[];
  /** Sum of the combined scores of the indicators someone scored, out of 42. */
  total: number;
  scored: number;
  unscored: number;
  assessors: number;
};

/**
 * The team's recap of a round for the given RTs (every RT with a team score when `rtIds` is "all"):
 * each assessor's latest score per indicator, combined by `combineScores`. One query however many
 * RTs. RTs nobody scored are left out.
 */
export async function teamRecaps(db: Database, params: { roundId: number; rtIds: readonly number[] | "all" }): Promise<TeamRecap[]> {
  if (params.rtIds !== "all" && params.rtIds.length === 0) return [];
  const rows = await queryRows<{ rt_id: number; indicator_code: string; person_id: number; score: number; automatic_score: number | null; override_reason: string | null; note: string | null; entered_at: Date | string }>(
    db,
    sql`select distinct on (s.rt_id, s.indicator_code, s.person_id)
          s.rt_id, s.indicator_code, s.person_id, s.score, s.automatic_score, s.override_reason, s.note, s.entered_at
        from assessment_score s
        where s.kind = 'team' and s.round_id = ${params.roundId} ${rtFilter("s.rt_id", params.rtIds)}
          and exists (select 1 from round_assessor a where a.round_id = s.round_id and a.person_id = s.person_id and a.revoked_at is null)
        order by s.rt_id, s.indicator_code, s.person_id, s.id desc`,
  );
  const byRt = new Map<number, Map<IndicatorCode, AssessorScore[]>>();
  for (const row of rows) {
    if (!isIndicatorCode(row.indicator_code)) continue;
    const indicators = byRt.get(row.rt_id) ?? new Map<IndicatorCode, AssessorScore[]>();
    byRt.set(row.rt_id, indicators);
    const list = indicators.get(row.indicator_code) ?? [];
    indicators.set(row.indicator_code, list);
    list.push({
      personId: row.person_id,
      score: Number(row.score),
      automaticScore: row.automatic_score === null ? null : Number(row.automatic_score),
      overrideReason: row.override_reason,
      note: row.note,
      enteredAt: new Date(row.entered_at),
    });
  }
  return [...byRt.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rtId, indicators]) => {
      const recaps = INDICATOR_CODES.map((code) => {
        const scores = indicators.get(code) ?? [];
        return { code, combined: combineScores(scores.map((entry) => entry.score)), scores };
      });
      const scoredOnes = recaps.filter((recap) => recap.combined !== null);
      return {
        rtId,
        indicators: recaps,
        total: scoredOnes.reduce((sum, recap) => sum + recap.combined!, 0),
        scored: scoredOnes.length,
        unscored: recaps.length - scoredOnes.length,
        assessors: new Set(recaps.flatMap((recap) => recap.scores.map((entry) => entry.personId))).size,
      };
    });
}
