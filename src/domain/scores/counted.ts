import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { eventOccurrence, ledgerEntry, participation, readingSession, rt } from "../../db/schema/index.js";
import type { ParticipationKind } from "../participation/participation.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "./config.js";
import type { AutomaticCode } from "./indicators.js";
import { CLEANLINESS_KINDS, GATHERING_KINDS, HOUSEHOLD, musyawarahInPeriod, scoreWindow, withRates, ZERO, type Counts } from "./metrics.js";
import { scoreAutomatic, type Score } from "./scorecard.js";

/**
 * "What did that count for?": after a check-in, a bank-sampah deposit or a logged reading session,
 * the one indicator the act feeds, where the RT stands on it in the scorecard's window, and whether
 * its target for 2 (baik) is met. The numbers are the scorecard's own: the same definitions as
 * metrics.ts (distinct households, held and attended occurrences, sessions), the same window, and the
 * score from `scoreAutomatic`, so the line and /indikator never disagree on the rule. One query for
 * one RT and one indicator, never a scorecard: it runs on every tap.
 *
 * One difference, on purpose: the occurrence just checked in to counts as held although it has not
 * ended yet (the scorecard counts it once it ends, minutes later), and the record just written counts
 * although its instant is `now` (the window ends just after it). "Gotong royong hari ini" is about today.
 */

/** The indicator each kind of occurrence feeds (its participation kind); `lainnya` feeds none. */
const OCCURRENCE_INDICATOR = {
  gotong_royong: "B7",
  rapat: "A5",
  kerja_bakti_sanitasi: "B6",
  ronda: "A2",
  kebun_toga: "B5",
  posyandu: "P6",
  senam_lansia: "P6",
  // The households at the groups' gatherings (A7): what one family's presence moves.
  pengajian: "A7",
  yasinan: "A7",
  karang_taruna: "A7",
  pkk: "A7",
} as const satisfies Partial<Record<ParticipationKind, AutomaticCode>>;

type OccurrenceKind = keyof typeof OCCURRENCE_INDICATOR;

export function indicatorOfKind(kind: string): AutomaticCode | null {
  return kind in OCCURRENCE_INDICATOR ? OCCURRENCE_INDICATOR[kind as OccurrenceKind] : null;
}

/**
 * What an act counted for: the indicator, the RT's score on it now, whether its good (2) threshold is
 * met, and the figures to say so (the scorecard explanation's variables, plus the good targets).
 */
export type CountedFor = {
  code: AutomaticCode;
  score: Score;
  met: boolean;
  rtNumber: number;
  /** A5 only: the musyawarah polls' level is the better one, and the line speaks of them. */
  polls?: boolean;
  vars: Record<string, string | number>;
};

function at(instant: Date) {
  return sql`${instant.toISOString()}::timestamptz`;
}

function kindList(kinds: readonly string[]) {
  return sql.raw(kinds.map((kind) => `'${kind}'`).join(", "));
}

/** The good (2) targets of an indicator, as variables: `goodTimes`, `goodTarget`. */
function goodTargets(code: AutomaticCode, config: ScoreConfig): Record<string, number> {
  const good = config.thresholds[code].good;
  return typeof good === "number" ? { goodTarget: good } : { goodTimes: good.held, goodTarget: good.percent };
}

function finish(code: AutomaticCode, rtNumber: number, householdCount: number, counts: Partial<Counts>, window: { from: Date; to: Date }, config: ScoreConfig): CountedFor | null {
  const metrics = withRates({ rtId: 0, householdCount }, window.from, window.to, { ...ZERO, ...counts });
  const { score, explanation } = scoreAutomatic(code, metrics, config);
  // Without a KK count a share has no meaning: no target applies, and no line is said.
  if (explanation.key === "score-explain-no-households") return null;
  return { code, score, met: score === 2, rtNumber, polls: explanation.key === "score-explain-a5-polls", vars: { ...explanation.vars, ...goodTargets(code, config), days: config.windowDays } };
}

/** The window the line speaks of: the scorecard's, ending just after `now` so the record written at `now` is in. */
function windowAt(now: Date, config: ScoreConfig): { from: Date; to: Date } {
  const { from } = scoreWindow(now, config.windowDays);
  return { from, to: new Date(now.getTime() + 1) };
}

/**
 * After a check-in (by code, by the ronda button, or a tick): what the occurrence's kind counts for.
 * Null for a kind that feeds no indicator (`lainnya`) or an RT without a KK count where a share is asked.
 */
export async function countedForOccurrence(
  db: Database,
  params: { rtId: number; occurrenceId: number; kind: string; now: Date },
  config: ScoreConfig = DEFAULT_SCORE_CONFIG,
): Promise<CountedFor | null> {
  const code = indicatorOfKind(params.kind);
  if (code === null) return null;
  const window = windowAt(params.now, config);
  const kinds: readonly string[] = code === "A7" ? GATHERING_KINDS : code === "P6" ? ["posyandu", "senam_lansia"] : [params.kind];
  const [row] = await queryRows<{ kk: number; number: number; held: number; attendance: number; attended: number; households: number }>(db, sql`
    with held as (
      select o.id from ${eventOccurrence} o
      where o.rt_id = ${params.rtId} and o.kind in (${kindList(kinds)}) and o.cancelled_at is null
        and ((o.starts_at >= ${at(window.from)} and o.starts_at < ${at(window.to)} and o.ends_at <= ${at(params.now)}) or o.id = ${params.occurrenceId})
    ), present as (
      select p.occurrence_id, count(distinct ${HOUSEHOLD})::int as households
      from ${participation} p
      where p.occurrence_id in (select id from held) and p.verified and p.revoked_at is null
      group by 1
    )
    select r.household_count as kk, r.number,
      (select count(*) from held)::int as held,
      (select coalesce(sum(households), 0) from present)::int as attendance,
      (select count(*) from present where households > 0)::int as attended,
      (select count(distinct ${HOUSEHOLD}) from ${participation} p
        where p.rt_id = ${params.rtId} and p.kind in (${kindList(kinds)}) and p.verified and p.revoked_at is null
          and p.occurred_at >= ${at(window.from)} and p.occurred_at < ${at(window.to)})::int as households
    from ${rt} r where r.id = ${params.rtId}
  `);
  if (!row) return null;
  const held = Number(row.held);
  const attendance = Number(row.attendance);
  const attended = Number(row.attended);
  const households = Number(row.households);
  // A5 is the better of the rapat's level and the musyawarah polls' level, as on the scorecard.
  const polls = code === "A5" ? await musyawarahInPeriod(db, params.rtId, window.from, window.to) : {};
  const counts: Partial<Counts> = (() => {
    switch (code) {
      case "B7":
        return { gotongRoyongHeld: held, gotongRoyongAttendance: attendance };
      case "A5":
        return { rapatHeld: held, rapatAttendance: attendance, ...polls };
      case "B6":
        return { sanitasiHeld: held, sanitasiAttendance: attendance };
      case "A2":
        return { rondaShiftsHeld: held, rondaShiftsStaffed: attended };
      case "B5":
        return { kebunSessions: attended, kebunHouseholds: households };
      case "P6":
        // Both kinds count together toward P6's sessions; which is which only colours the wording.
        return params.kind === "posyandu" ? { posyanduSessions: attended } : { senamLansiaSessions: attended };
      default:
        return { gatheringHouseholds: households };
    }
  })();
  const counted = finish(code, Number(row.number), Number(row.kk), counts, window, config);
  // P6 reads "posyandu N kali dan senam lansia M kali": the line names the sum, the target is the sum.
  if (counted && code === "P6") counted.vars = { ...counted.vars, sessions: attended };
  return counted;
}

/**
 * After a bank-sampah deposit: B3, the share of KK of the depositor's RT (the entry's RT at the time)
 * that did gotong royong or brought waste. Null when the depositor had no RT or the RT no KK count.
 */
export async function countedForDeposit(db: Database, params: { entryId: number; now: Date }, config: ScoreConfig = DEFAULT_SCORE_CONFIG): Promise<CountedFor | null> {
  const window = windowAt(params.now, config);
  const [row] = await queryRows<{ kk: number; number: number; households: number }>(db, sql`
    select r.household_count as kk, r.number,
      (select count(distinct ${HOUSEHOLD}) from ${participation} p
        where p.rt_id = r.id and p.kind in (${kindList(CLEANLINESS_KINDS)}) and p.verified and p.revoked_at is null
          and p.occurred_at >= ${at(window.from)} and p.occurred_at < ${at(window.to)})::int as households
    from ${ledgerEntry} e join ${rt} r on r.id = e.rt_id where e.id = ${params.entryId}
  `);
  if (!row) return null;
  return finish("B3", Number(row.number), Number(row.kk), { cleanlinessHouseholds: Number(row.households) }, window, config);
}

/** After a reading session is logged: P2, the sessions of the RT's reading corner in the window. */
export async function countedForReadingSession(db: Database, params: { rtId: number; now: Date }, config: ScoreConfig = DEFAULT_SCORE_CONFIG): Promise<CountedFor | null> {
  const window = windowAt(params.now, config);
  const [row] = await queryRows<{ kk: number; number: number; sessions: number }>(db, sql`
    select r.household_count as kk, r.number,
      (select count(*) from ${readingSession} s where s.rt_id = ${params.rtId} and s.held_at >= ${at(window.from)} and s.held_at < ${at(window.to)})::int as sessions
    from ${rt} r where r.id = ${params.rtId}
  `);
  if (!row) return null;
  return finish("P2", Number(row.number), Number(row.kk), { readingSessions: Number(row.sessions) }, window, config);
}
