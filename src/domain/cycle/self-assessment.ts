/**
 * Penilaian mandiri: each quarter the ketua of an RT scores their own RT on the 21 indicators with
 * the assessors' rubric. Stored as assessment_score rows of kind `self` for the quarter (`period`,
 * "2027-Q1", the WIB quarter of the moment of saving), append-only: answering an indicator again is
 * a new row, and the latest one counts. Shown beside the official scores (the team's combined
 * score of the round that gave the title, else the koordinator's manual score) and the records'
 * automatic level, differences marked.
 */
import type { Greeting } from "../../messages/address.js";
import { and, desc, eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { assessmentScore } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { wibDate } from "../schedule/wib.js";
import { TEXT_LIMITS } from "../text-limits.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "../scores/config.js";
import { INDICATOR_CODES, isAutomatic, isIndicatorCode, type IndicatorCode } from "../scores/indicators.js";
import { currentManualScores } from "../scores/manual.js";
import { computeScorecards } from "../scores/scorecard.js";
import { teamRecaps } from "./combine.js";
import { titleHolders } from "./holders.js";

export const SELF_NOTE_MAX = TEXT_LIMITS.manualScoreNote;

export type Quarter = { period: string; year: number; quarter: 1 | 2 | 3 | 4 };

/** The WIB quarter holding `now`: 1 January 00.00 WIB starts Q1. */
export function quarterOf(now: Date): Quarter {
  const { year, month } = wibDate(now);
  const quarter = Math.ceil(month / 3) as Quarter["quarter"];
  return { period: `${year}-Q${quarter}`, year, quarter };
}

const ROMAN = ["I", "II", "III", "IV"] as const;

/** "triwulan I 2027": the variables of a quarter's name in the locale files (the year as text: Fluent would write "2.027"). */
export function quarterVars(quarter: Pick<Quarter, "year" | "quarter">): { quarter: string; year: string } {
  return { quarter: ROMAN[quarter.quarter - 1]!, year: String(quarter.year) };
}

/**
 * Only the RT's own ketua assesses it (an acting ketua too: they hold the grant while the RT has
 * none). A koordinator is refused here: their scores are the official ones.
 */
export function assertSelfAssessor(actor: Actor, rtId: number): void {
  if (!actor.person) throw new DomainError("not-allowed");
  if (!actor.grants.some((grant) => grant.role === "ketua_rt" && grant.rtId === rtId)) throw new DomainError("selfassess-not-own-rt");
}

export type SelfScore = { code: IndicatorCode; score: number; note: string | null; enteredAt: Date };

/** The latest self score of each indicator of an RT for a quarter (whoever was ketua then). */
export async function selfScoresOf(db: Database, params: { rtId: number; period: string }): Promise<Map<IndicatorCode, SelfScore>> {
  const rows = await db
    .selectDistinctOn([assessmentScore.indicatorCode], {
      code: assessmentScore.indicatorCode,
      score: assessmentScore.score,
      note: assessmentScore.note,
      enteredAt: assessmentScore.enteredAt,
    })
    .from(assessmentScore)
    .where(and(eq(assessmentScore.kind, "self"), eq(assessmentScore.rtId, params.rtId), eq(assessmentScore.period, params.period)))
    .orderBy(assessmentScore.indicatorCode, desc(assessmentScore.id));
  const result = new Map<IndicatorCode, SelfScore>();
  for (const row of rows) if (isIndicatorCode(row.code)) result.set(row.code, { code: row.code, score: row.score, note: row.note, enteredAt: row.enteredAt });
  return result;
}

export type SelfScoreInput = {
  rtId: number;
  code: string;
  score: number;
  note: string | null;
  /** The form's key, the indicator and the answer's revision: the same answer delivered twice is one row. */
  requestKey: string;
};

/**
 * Saves one answer of the ketua's self-assessment for the quarter of now, with its audit row, in
 * one transaction; a second save under the same request key changes nothing (returns saved false).
 */
export async function saveSelfScore(deps: ServiceDeps, actor: Actor, input: SelfScoreInput): Promise<{ saved: boolean; period: string; score: number }> {
  if (!isIndicatorCode(input.code)) throw new DomainError("indicator-unknown", { code: input.code });
  const code = input.code;
  if (!Number.isInteger(input.score) || input.score < 0 || input.score > 2) throw new DomainError("indicator-score-invalid");
  assertSelfAssessor(actor, input.rtId);
  const note = input.note?.trim() || null;
  if (note !== null && [...note].length > SELF_NOTE_MAX) throw new DomainError("indicator-note-too-long", { max: SELF_NOTE_MAX });
  const now = deps.clock();
  const { period } = quarterOf(now);
  const personId = actor.person!.id;
  return inTransaction(deps, async (tx) => {
    const [inserted] = await tx
      .insert(assessmentScore)
      .values({ kind: "self", period, rtId: input.rtId, personId, indicatorCode: code, score: input.score, note, enteredAt: now, requestKey: input.requestKey })
      .onConflictDoNothing({ target: assessmentScore.requestKey })
      .returning({ id: assessmentScore.id });
    if (!inserted) {
      const [existing] = await tx.select({ period: assessmentScore.period, score: assessmentScore.score }).from(assessmentScore).where(eq(assessmentScore.requestKey, input.requestKey));
      return { saved: false, period: existing?.period ?? period, score: existing?.score ?? input.score };
    }
    // The note is free text: it stays with the score, not in the log.
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: personId, action: "assessment_scored", rtId: input.rtId, entityType: "assessment_score", entityId: inserted.id,
      details: { kind: "self", indicator: code, score: input.score, period },
    });
    return { saved: true, period, score: input.score };
  });
}

export type ComparisonRow = {
  code: IndicatorCode;
  /** The team's combined score of the round that gave the title, else the koordinator's manual score. */
  official: number | null;
  officialSource: "team" | "manual" | null;
  self: number | null;
  /** The records' level now (automatic indicators only). */
  automatic: number | null;
  /** The self score differs from the official one or from the records'. */
  differs: boolean;
};

/**
 * The 21 indicators of an RT: official, self-assessed this quarter, and the records' level. A few
 * queries whatever happens (the title, the team recap of its round, the manual scores, one scorecard).
 */
export async function selfAssessmentComparison(db: Database, params: { rtId: number; now: Date; config?: ScoreConfig }): Promise<{ period: string; rows: ComparisonRow[] }> {
  const { rtId, now } = params;
  const { period } = quarterOf(now);
  const [holder] = await titleHolders(db, [rtId]);
  const [self, manual, cards, recaps] = await Promise.all([
    selfScoresOf(db, { rtId, period }),
    currentManualScores(db, [rtId]),
    computeScorecards(db, [rtId], now, params.config ?? DEFAULT_SCORE_CONFIG),
    holder?.roundId ? teamRecaps(db, { roundId: holder.roundId, rtIds: [rtId] }) : Promise.resolve([]),
  ]);
  const team = new Map((recaps[0]?.indicators ?? []).map((recap) => [recap.code, recap.combined]));
  const manualOf = manual.get(rtId);
  const card = cards[0];
  const rows = INDICATOR_CODES.map((code): ComparisonRow => {
    const teamScore = team.get(code) ?? null;
    const manualScore = manualOf?.get(code)?.score ?? null;
    const official = teamScore ?? manualScore;
    const officialSource = teamScore !== null ? "team" : manualScore !== null ? "manual" : null;
    const automatic = isAutomatic(code) ? (card?.indicators.find((indicator) => indicator.code === code)?.score ?? null) : null;
    const mine = self.get(code)?.score ?? null;
    const differs = mine !== null && ((official !== null && mine !== official) || (automatic !== null && mine !== automatic));
    return { code, official, officialSource, self: mine, automatic, differs };
  });
  return { period, rows };
}

/** The automatic indicators' levels now, the hint the form shows beside them. */
export async function automaticLevels(db: Database, params: { rtId: number; now: Date; config?: ScoreConfig }): Promise<Partial<Record<IndicatorCode, number>>> {
  const [card] = await computeScorecards(db, [params.rtId], params.now, params.config ?? DEFAULT_SCORE_CONFIG);
  const levels: Partial<Record<IndicatorCode, number>> = {};
  for (const indicator of card?.indicators ?? []) if (indicator.source === "auto") levels[indicator.code] = indicator.score;
  return levels;
}

export type InviteRecipient = { rtId: number; personId: number; telegramId: number; locale: string; name: string | null; greeting: Greeting | null };

/**
 * Who the quarterly invitation goes to: the ketua of every title holder, while reachable. (Every
 * ketua may open /nilaimandiri; only the holders are invited, so the rest of the city is not
 * messaged every quarter about a title it does not hold.)
 */
export async function selfAssessmentInvitees(db: Database): Promise<InviteRecipient[]> {
  const rows = await queryRows<{ rt_id: number; person_id: number; telegram_id: number | string; locale: string; display_name: string | null; greeting: Greeting | null }>(
    db,
    sql`select distinct t.rt_id, p.id as person_id, p.telegram_id, p.locale, p.display_name, p.greeting
        from rt_title t
        join role_assignment a on a.role = 'ketua_rt' and a.rt_id = t.rt_id and a.revoked_at is null
        join person p on p.id = a.person_id
        where p.erased_at is null and p.unreachable_at is null and p.telegram_id is not null
        order by t.rt_id, p.id`,
  );
  return rows.map((row) => ({ rtId: Number(row.rt_id), personId: Number(row.person_id), telegramId: Number(row.telegram_id), locale: row.locale, name: row.display_name, greeting: row.greeting }));
}
