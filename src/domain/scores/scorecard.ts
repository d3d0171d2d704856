import { sql } from "drizzle-orm";
import { intArray, queryRows, type Database } from "../../db/client.js";
import { AWARD_CATEGORIES, AWARD_RUPIAH, categoryOf as awardCategoryOf, type AwardCategory } from "../cycle/award.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "./config.js";
import { DIMENSIONS, INDICATOR_CODES, INDICATORS, isAutomatic, MAX_INDICATOR_SCORE, type AutomaticCode, type Dimension, type IndicatorCode } from "./indicators.js";
import type { ParticipationKind } from "../participation/participation.js";
import { currentManualScores, type ManualScore } from "./manual.js";
import { GATHERING_KINDS, windowRtMetrics, type RtInfo, type RtPeriodMetrics, type RtSelection } from "./metrics.js";

export type Score = 0 | 1 | 2;
export type ScoreSource = "auto" | "manual" | "missing";

/** A locale message and its variables: the bot renders it with `t(key, vars)`. */
export type LocaleLine<K extends string = string> = { key: K; vars: Record<string, string | number> };

/** Every explanation line a scorecard can carry (locale keys). */
export const EXPLANATION_KEYS = [
  "score-explain-b3",
  "score-explain-b7",
  "score-explain-a2",
  "score-explain-a2-none",
  "score-explain-a5",
  "score-explain-a5-polls",
  "score-explain-p2",
  "score-explain-p4",
  "score-explain-b5",
  "score-explain-b6",
  "score-explain-p6",
  "score-explain-p3",
  "score-explain-a7",
  "score-explain-no-households",
  "score-explain-manual",
  "score-explain-manual-note",
  "score-explain-missing",
  "score-explain-manual-until-records",
] as const;
export type ExplanationKey = (typeof EXPLANATION_KEYS)[number];

/** One concrete suggestion per indicator, e.g. `score-suggestion-b7` ("adakan gotong royong 2 minggu sekali"). */
export function suggestionKey(code: IndicatorCode): string {
  return `score-suggestion-${code.toLowerCase()}`;
}
export const SUGGESTION_KEYS = INDICATOR_CODES.map(suggestionKey);

export type IndicatorResult = {
  code: IndicatorCode;
  dimension: Dimension;
  score: Score;
  source: ScoreSource;
  explanation: LocaleLine<ExplanationKey>;
  suggestion: LocaleLine;
  /** The koordinator's entry behind a manual score. */
  manual: ManualScore | null;
  /**
   * An automatic indicator that a koordinator scored by hand before it was measured (B5, B6, P3,
   * P6, A7 until issue 15): the last such entry, kept as history. It does not count.
   */
  earlierManual: ManualScore | null;
};

export const CATEGORIES = AWARD_CATEGORIES;
export type CategoryKey = AwardCategory;
export type Category = { key: CategoryKey; award: number };

/** The award class by KK count and its uang pembinaan in Rupiah: the one rule of cycle/award.ts. */
export function categoryOf(householdCount: number): Category {
  const key = awardCategoryOf(householdCount);
  return { key, award: AWARD_RUPIAH[key] };
}

export function categoryKey(category: CategoryKey): string {
  return `category-${category}`;
}

export type Scorecard = {
  rt: RtInfo;
  window: { from: Date; to: Date };
  /** What the automatic scores were computed from. */
  metrics: RtPeriodMetrics;
  /** All 21, in catalogue order (B1 … P7). */
  indicators: IndicatorResult[];
  /** Per dimension, out of 14; a missing manual score counts 0. */
  totals: Record<Dimension, number>;
  /** The sum of the scored indicators (an unscored one adds nothing). */
  overall: number;
  /** Manual indicators nobody has scored yet. */
  missing: number;
  /**
   * What `overall` is out of: 2 per indicator that has a score. "3/14 · 14 belum dinilai", never
   * "3/42", which reads as failing an assessment that has not happened yet.
   */
  scoredMax: number;
  /** The same per dimension. */
  scoredDimensionMax: Record<Dimension, number>;
  category: Category;
  /** The three lowest scores, each with its suggestion (see `weakestIndicators`). */
  weakest: IndicatorResult[];
};

type Level = "good" | "fair";

/** 2 if the good threshold is met, else 1 if the fair one is, else 0; and the level to aim at next. */
function ladder(meets: (level: Level) => boolean): { score: Score; next: Score; aim: Level } {
  const score: Score = meets("good") ? 2 : meets("fair") ? 1 : 0;
  return { score, next: score === 0 ? 1 : 2, aim: score === 0 ? "fair" : "good" };
}

/** Whole percent, rounded down so a value shown as 60% has really reached 60%; at most 100. */
function floorPercent(part: number, whole: number): number {
  return whole > 0 ? Math.min(100, Math.floor((100 * part) / whole)) : 0;
}

type Automatic = { score: Score; explanation: LocaleLine<ExplanationKey> };

function householdShare(code: "B3" | "P4" | "A7", part: number, metrics: RtPeriodMetrics, config: ScoreConfig, extra: Record<string, number>): Automatic {
  const kk = metrics.householdCount;
  const thresholds = config.thresholds[code];
  if (kk <= 0) return { score: 0, explanation: { key: "score-explain-no-households", vars: { code } } };
  const { score, next, aim } = ladder((level) => 100 * part >= thresholds[level] * kk);
  const key = code === "B3" ? "score-explain-b3" : code === "P4" ? "score-explain-p4" : "score-explain-a7";
  return { score, explanation: { key, vars: { code, score, percent: floorPercent(part, kk), next, target: thresholds[aim], days: config.windowDays, ...extra } } };
}

/**
 * B5: sessions held (attended) and the distinct households taking part over the window, as a share
 * of KK: a garden is kept by households in turns, so the window's reach is what counts, not each day's.
 */
function heldAndReached(code: "B5", held: number, households: number, metrics: RtPeriodMetrics, config: ScoreConfig): Automatic {
  const kk = metrics.householdCount;
  const thresholds = config.thresholds[code];
  if (kk <= 0) return { score: 0, explanation: { key: "score-explain-no-households", vars: { code } } };
  const { score, next, aim } = ladder((level) => held >= thresholds[level].held && 100 * households >= thresholds[level].percent * kk);
  return {
    score,
    explanation: {
      key: "score-explain-b5",
      vars: { code, score, held, households, percent: floorPercent(households, kk), next, times: thresholds[aim].held, target: thresholds[aim].percent, days: config.windowDays },
    },
  };
}

function heldAndAttended(code: "B7" | "A5" | "B6", held: number, attendance: number, metrics: RtPeriodMetrics, config: ScoreConfig, polls = false): Automatic {
  const kk = metrics.householdCount;
  const thresholds = config.thresholds[code];
  if (kk <= 0) return { score: 0, explanation: { key: "score-explain-no-households", vars: { code } } };
  const { score, next, aim } = ladder((level) => held >= thresholds[level].held && 100 * attendance >= thresholds[level].percent * held * kk);
  return {
    score,
    explanation: {
      key: code === "B7" ? "score-explain-b7" : code === "B6" ? "score-explain-b6" : polls ? "score-explain-a5-polls" : "score-explain-a5",
      vars: { code, score, held, percent: floorPercent(attendance, held * kk), next, times: thresholds[aim].held, target: thresholds[aim].percent, days: config.windowDays },
    },
  };
}

/**
 * A5: the better of two levels over the window, each on the same thresholds: the rapat warga's
 * (held, and the share of KK present on average, exactly as before polls existed) and the musyawarah
 * polls' (closed polls with votes, and the share of KK voting on average). Adding a poll never lowers
 * A5, and a poll is never averaged with a rapat. The explanation says which side it speaks of.
 */
export function scoreA5(metrics: RtPeriodMetrics, config: ScoreConfig): Automatic {
  const rapat = heldAndAttended("A5", metrics.rapatHeld, metrics.rapatAttendance, metrics, config);
  if (metrics.musyawarahPolls === 0) return rapat;
  const polls = heldAndAttended("A5", metrics.musyawarahPolls, metrics.musyawarahHouseholds, metrics, config, true);
  return polls.score > rapat.score ? polls : rapat;
}

/** The score of an automatic indicator from the window's metrics, with its one-line explanation. */
export function scoreAutomatic(code: AutomaticCode, metrics: RtPeriodMetrics, config: ScoreConfig): Automatic {
  switch (code) {
    case "B3":
      return householdShare("B3", metrics.cleanlinessHouseholds, metrics, config, {});
    case "P4":
      return householdShare("P4", metrics.readers, metrics, config, { readers: metrics.readers });
    case "B7":
      return heldAndAttended("B7", metrics.gotongRoyongHeld, metrics.gotongRoyongAttendance, metrics, config);
    case "A5":
      return scoreA5(metrics, config);
    case "A2": {
      const held = metrics.rondaShiftsHeld;
      const staffed = metrics.rondaShiftsStaffed;
      if (held === 0) return { score: 0, explanation: { key: "score-explain-a2-none", vars: { code, days: config.windowDays } } };
      const thresholds = config.thresholds.A2;
      const { score, next, aim } = ladder((level) => 100 * staffed >= thresholds[level] * held);
      return { score, explanation: { key: "score-explain-a2", vars: { code, score, staffed, held, percent: floorPercent(staffed, held), next, target: thresholds[aim] } } };
    }
    case "P2": {
      const sessions = metrics.readingSessions;
      const thresholds = config.thresholds.P2;
      const { score, next, aim } = ladder((level) => sessions >= thresholds[level]);
      return { score, explanation: { key: "score-explain-p2", vars: { code, score, sessions, next, target: thresholds[aim], days: config.windowDays } } };
    }
    case "B5":
      return heldAndReached("B5", metrics.kebunSessions, metrics.kebunHouseholds, metrics, config);
    case "B6":
      return heldAndAttended("B6", metrics.sanitasiHeld, metrics.sanitasiAttendance, metrics, config);
    case "A7":
      return householdShare("A7", metrics.gatheringHouseholds, metrics, config, { households: metrics.gatheringHouseholds });
    case "P6": {
      const posyandu = metrics.posyanduSessions;
      const senam = metrics.senamLansiaSessions;
      const thresholds = config.thresholds.P6;
      const { score, next, aim } = ladder((level) => posyandu + senam >= thresholds[level]);
      return { score, explanation: { key: "score-explain-p6", vars: { code, score, posyandu, senam, next, target: thresholds[aim], days: config.windowDays } } };
    }
    case "P3": {
      const active = metrics.activeOrganisations;
      const thresholds = config.thresholds.P3;
      const { score, next, aim } = ladder((level) => active >= thresholds[level]);
      return { score, explanation: { key: "score-explain-p3", vars: { code, score, active, meetings: metrics.gatheringMeetings, next, target: thresholds[aim], days: config.windowDays } } };
    }
  }
}

/** What to do about an indicator; the automatic ones name the target of their good threshold. */
export function suggestionFor(code: IndicatorCode, config: ScoreConfig): LocaleLine {
  const days = config.windowDays;
  const good = config.thresholds;
  const everyWeeks = (times: number) => Math.max(1, Math.floor(days / 7 / Math.max(1, times)));
  const varsOf = (): Record<string, number> => {
    switch (code) {
      case "B3":
        return { percent: good.B3.good, days };
      case "B7":
        return { weeks: everyWeeks(good.B7.good.held), percent: good.B7.good.percent };
      case "A2":
        return { percent: good.A2.good };
      case "A5":
        return { weeks: everyWeeks(good.A5.good.held), percent: good.A5.good.percent };
      case "P2":
        return { perweek: Math.max(1, Math.ceil((good.P2.good * 7) / days)) };
      case "P4":
        return { percent: good.P4.good };
      default:
        return {};
    }
  };
  return { key: suggestionKey(code), vars: varsOf() };
}

const SOURCE_RANK: Record<ScoreSource, number> = { auto: 0, manual: 1, missing: 2 };

/**
 * The three to work on: lowest score first; on a tie the measured ones (the RT can move them this
 * month), then those a koordinator scored, then the unscored; then catalogue order.
 */
export function weakestIndicators(indicators: readonly IndicatorResult[], count = 3): IndicatorResult[] {
  const order = new Map(INDICATOR_CODES.map((code, index) => [code, index]));
  return [...indicators]
    .sort((a, b) => a.score - b.score || SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || order.get(a.code)! - order.get(b.code)!)
    .slice(0, count);
}

function manualResult(code: IndicatorCode, manual: ManualScore | undefined, config: ScoreConfig): Pick<IndicatorResult, "score" | "source" | "explanation" | "manual" | "earlierManual" | "suggestion"> {
  const suggestion = suggestionFor(code, config);
  if (!manual) return { score: 0, source: "missing", explanation: { key: "score-explain-missing", vars: { code } }, manual: null, earlierManual: null, suggestion };
  const vars = { code, score: manual.score, date: manual.assessedOn };
  const explanation: LocaleLine<ExplanationKey> = manual.note
    ? { key: "score-explain-manual-note", vars: { ...vars, note: manual.note } }
    : { key: "score-explain-manual", vars };
  return { score: manual.score, source: "manual", explanation, manual, earlierManual: null, suggestion };
}

/**
 * The indicators measured from records only since issue 15 (kebun/TOGA, sanitation work, organisations,
 * posyandu and senam lansia, gatherings): before that a koordinator scored them by hand, and no RT
 * could have records of them yet. The participation kinds that record each one.
 */
const KINDS_SINCE_ISSUE_15 = {
  B5: ["kebun_toga"],
  B6: ["kerja_bakti_sanitasi"],
  P3: GATHERING_KINDS,
  A7: GATHERING_KINDS,
  P6: ["posyandu", "senam_lansia"],
} as const satisfies Partial<Record<AutomaticCode, readonly ParticipationKind[]>>;
type CodeSinceIssue15 = keyof typeof KINDS_SINCE_ISSUE_15;
const CODES_SINCE_ISSUE_15 = Object.keys(KINDS_SINCE_ISSUE_15) as CodeSinceIssue15[];

/**
 * Of those indicators, the ones each RT has ever had a record of (a verified, unrevoked participation
 * of its kinds before `now`), for the RTs given: one query, a probe of participation_rt_kind_time_idx
 * per RT and kind (a history of years is never read through, only whether it starts).
 */
async function everRecorded(db: Database, rtIds: readonly number[], now: Date): Promise<Map<number, Set<AutomaticCode>>> {
  const result = new Map<number, Set<AutomaticCode>>();
  if (rtIds.length === 0) return result;
  const kinds = [...new Set(Object.values(KINDS_SINCE_ISSUE_15).flat())];
  const rows = await queryRows<{ rt_id: number; kind: string }>(
    db,
    sql`select r.rt_id, k.kind::text as kind
        from unnest(${intArray(rtIds)}) as r(rt_id)
        cross join unnest(${`{${kinds.join(",")}}`}::participation_kind[]) as k(kind)
        -- lateral with limit 1, not exists: the planner would turn an exists into one hash of the whole index
        cross join lateral (select 1 from participation p
                            where p.rt_id = r.rt_id and p.kind = k.kind and p.verified and p.revoked_at is null
                              and p.occurred_at < ${now.toISOString()}::timestamptz
                            limit 1) as recorded`,
  );
  for (const row of rows) {
    const codes = result.get(Number(row.rt_id)) ?? new Set<AutomaticCode>();
    result.set(Number(row.rt_id), codes);
    for (const code of CODES_SINCE_ISSUE_15) if ((KINDS_SINCE_ISSUE_15[code] as readonly string[]).includes(row.kind)) codes.add(code);
  }
  return result;
}

/**
 * An RT whose koordinator scored one of those indicators by hand keeps that score until its first
 * record of the activity: the day the new kinds arrived must not turn a scored 2 into a measured 0
 * (and flag a title holder as declining) before anyone could record anything. Once the RT has
 * recorded the activity, the records count for good, also when they stop (then it falls, as it should).
 */
function manualUntilRecords(code: AutomaticCode, manual: ManualScore | undefined, recorded: ReadonlySet<AutomaticCode>): ManualScore | null {
  return manual && code in KINDS_SINCE_ISSUE_15 && !recorded.has(code) ? manual : null;
}

/** Scores one RT from its window metrics and its current manual scores (no database). */
export function buildScorecard(
  rt: RtInfo,
  metrics: RtPeriodMetrics,
  manual: ReadonlyMap<IndicatorCode, ManualScore>,
  config: ScoreConfig,
  recorded: ReadonlySet<AutomaticCode> = new Set(),
): Scorecard {
  const indicators: IndicatorResult[] = INDICATORS.map(({ code, dimension }) => {
    if (isAutomatic(code)) {
      const standing = manualUntilRecords(code, manual.get(code), recorded);
      if (standing) {
        const explanation: LocaleLine<ExplanationKey> = { key: "score-explain-manual-until-records", vars: { code, score: standing.score, date: standing.assessedOn, days: config.windowDays } };
        return { code, dimension, score: standing.score, source: "manual", explanation, manual: standing, earlierManual: null, suggestion: suggestionFor(code, config) };
      }
      const automatic = scoreAutomatic(code, metrics, config);
      return { code, dimension, ...automatic, source: "auto", manual: null, earlierManual: manual.get(code) ?? null, suggestion: suggestionFor(code, config) };
    }
    return { code, dimension, ...manualResult(code, manual.get(code), config) };
  });
  const totals = Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, 0])) as Record<Dimension, number>;
  const scoredDimensionMax = Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, 0])) as Record<Dimension, number>;
  for (const indicator of indicators) {
    totals[indicator.dimension] += indicator.score;
    if (indicator.source !== "missing") scoredDimensionMax[indicator.dimension] += MAX_INDICATOR_SCORE;
  }
  const missing = indicators.filter((indicator) => indicator.source === "missing").length;
  return {
    rt,
    window: { from: metrics.from, to: metrics.to },
    metrics,
    indicators,
    totals,
    overall: indicators.reduce((sum, indicator) => sum + indicator.score, 0),
    missing,
    scoredMax: (indicators.length - missing) * MAX_INDICATOR_SCORE,
    scoredDimensionMax,
    category: categoryOf(rt.householdCount),
    weakest: weakestIndicators(indicators),
  };
}

/**
 * The 21-indicator scorecard of each RT asked for ("all": every RT), over the config's window up
 * to `now`: four aggregate queries for the metrics and one for the manual scores, whatever the
 * number of RTs. In RT id order; unknown ids are left out.
 */
export async function computeScorecards(db: Database, rtIds: RtSelection, now: Date, config: ScoreConfig = DEFAULT_SCORE_CONFIG, options: { manualAsOfNow?: boolean } = {}): Promise<Scorecard[]> {
  const [window, manual] = await Promise.all([
    windowRtMetrics(db, now, { rtIds, windowDays: config.windowDays }),
    // A past instant's scorecard (the monthly summary) reads the hand scores as they stood then.
    currentManualScores(db, rtIds, options.manualAsOfNow ? { enteredBefore: now } : {}),
  ]);
  const none = new Map<IndicatorCode, ManualScore>();
  // Only RTs with a hand score of one of issue 15's indicators can fall back to it: only they are asked.
  const handScored = [...manual.entries()].filter(([, scores]) => CODES_SINCE_ISSUE_15.some((code) => scores.has(code))).map(([rtId]) => rtId);
  const recorded = await everRecorded(db, handScored, now);
  const nothing = new Set<AutomaticCode>();
  return window.map(({ rt, metrics }) => buildScorecard(rt, metrics, manual.get(rt.rtId) ?? none, config, recorded.get(rt.rtId) ?? nothing));
}

