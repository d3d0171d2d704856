import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import type { AreaScope } from "../roles/scope.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "../scores/config.js";
import { INDICATOR_CODES } from "../scores/indicators.js";
import { fadingFlagsOfWeek } from "../scores/trend.js";
import { AWARD_CATEGORIES, type AwardCategory } from "./award.js";
import { currentRound, type RoundView } from "./rounds.js";

/** One line of the recap: a kecamatan, or the whole area (the city, for an admin). */
export type RecapFigures = {
  /** RTs registered. */
  rts: number;
  /** Proposed in the round (proposals not withdrawn). */
  proposed: number;
  /** Visited in the round: a visit that has begun, or any team score. */
  visited: number;
  /** Every one of the 21 indicators has a team score in the round. */
  scored: number;
  /** The round's titles, by award category. */
  winners: Record<AwardCategory, number>;
  /** RTs holding the Kampung BANTAR title (from any round). */
  holders: number;
  /** Holders whose participation is "menurun" now (the scorecard's fading flag). */
  fadingHolders: number;
};

export type RecapRow = RecapFigures & { kecamatanCode: string; kecamatanName: string };

export type Recap = {
  /** The round the figures are of (the current one), or null before the first round. */
  round: Pick<RoundView, "id" | "year" | "proposalDeadline" | "visitFrom" | "visitTo" | "decidedAt"> | null;
  /** True when the recap covers the whole city (an admin). */
  city: boolean;
  /** Per kecamatan with at least one RT in scope, by kecamatan code. */
  kecamatan: RecapRow[];
  total: RecapFigures;
};

function emptyFigures(): RecapFigures {
  return { rts: 0, proposed: 0, visited: 0, scored: 0, winners: { besar: 0, sedang: 0, kecil: 0 }, holders: 0, fadingHolders: 0 };
}

function scopeFilter(scope: AreaScope): SQL {
  if (scope.city) return sql`true`;
  const kelurahan = scope.kelurahanCodes.length ? sql`r.kelurahan_code in (${sql.join(scope.kelurahanCodes.map((code) => sql`${code}`), sql`, `)})` : sql`false`;
  const kecamatan = scope.kecamatanCodes.length ? sql`k.kecamatan_code in (${sql.join(scope.kecamatanCodes.map((code) => sql`${code}`), sql`, `)})` : sql`false`;
  return sql`(${kelurahan} or ${kecamatan})`;
}

type Row = {
  kecamatan_code: string;
  kecamatan_name: string;
  rts: number | string;
  proposed: number | string;
  visited: number | string;
  scored: number | string;
  besar: number | string;
  sedang: number | string;
  kecil: number | string;
  holders: number | string;
};

/**
 * The live recap of the program per kecamatan and for the area: the seeds' yearly table of
 * proposals and winners, computed from the records whenever asked. One grouped query for the
 * counts (each RT joined once to the set of proposed, visited, fully scored, winning and holding
 * RTs; the round's team scores read once), and beside it one for the holders and one for this
 * week's fading holders (fadingHoldersThisWeek): a fixed number of queries whatever the number of
 * RTs (no per-RT loop). The week's first recap also works out the fading set for the city, which
 * reads the holders' 8 weeks of participation (about 290,000 records for 615 holders).
 */
export async function computeRecap(db: Database, params: { scope: AreaScope; now: Date; config?: ScoreConfig }): Promise<Recap> {
  const round = (await currentRound(db)) ?? null;
  const roundId = round?.id ?? 0;
  const inScope = scopeFilter(params.scope);
  const [rows, fadingByKecamatan] = await Promise.all([recapCounts(db, roundId, inScope, params.now), fadingHoldersByKecamatan(db, inScope, params.now, params.config ?? DEFAULT_SCORE_CONFIG)]);

  const total = emptyFigures();
  const kecamatan = rows.map((row): RecapRow => {
    const figures: RecapFigures = {
      rts: Number(row.rts),
      proposed: Number(row.proposed),
      visited: Number(row.visited),
      scored: Number(row.scored),
      winners: { besar: Number(row.besar), sedang: Number(row.sedang), kecil: Number(row.kecil) },
      holders: Number(row.holders),
      fadingHolders: fadingByKecamatan.get(row.kecamatan_code) ?? 0,
    };
    total.rts += figures.rts;
    total.proposed += figures.proposed;
    total.visited += figures.visited;
    total.scored += figures.scored;
    for (const category of AWARD_CATEGORIES) total.winners[category] += figures.winners[category];
    total.holders += figures.holders;
    total.fadingHolders += figures.fadingHolders;
    return { kecamatanCode: row.kecamatan_code, kecamatanName: row.kecamatan_name, ...figures };
  });
  const shownRound = round && { id: round.id, year: round.year, proposalDeadline: round.proposalDeadline, visitFrom: round.visitFrom, visitTo: round.visitTo, decidedAt: round.decidedAt };
  return { round: shownRound, city: params.scope.city, kecamatan, total };
}

/** The counts per kecamatan in scope. */
function recapCounts(db: Database, roundId: number, inScope: SQL, now: Date): Promise<Row[]> {
  // `team` holds each RT's distinct indicators scored by the team, leaving out the members whose
  // place was revoked (their scores count nowhere, as in teamRecaps for the decision list and the
  // pack; there are few of them, so a list to skip, not a join per score), read in RT and indicator
  // order from one index (assessment_score_round_kind_idx) without a sort, once for both `visited`
  // and `scored`. `visited` is a union, so
  // an RT visited and scored counts once; `winners` joins at most one row per RT, as a round awards
  // one title level and rt_title holds one title per RT and level.
  return queryRows<Row>(
    db,
    sql`with scope_rt as (
          select r.id, k.kecamatan_code from rt r join kelurahan k on k.code = r.kelurahan_code where ${inScope}
        ),
        proposed as (select distinct p.rt_id from rt_proposal p where p.round_id = ${roundId} and p.withdrawn_at is null),
        team as (
          select s.rt_id, count(distinct s.indicator_code) as indicators
          from assessment_score s
          where s.round_id = ${roundId} and s.kind = 'team'
            and s.person_id <> all(array(
              select a.person_id from round_assessor a
              where a.round_id = ${roundId} and a.revoked_at is not null
                and not exists (select 1 from round_assessor c where c.round_id = a.round_id and c.person_id = a.person_id and c.revoked_at is null)))
          group by s.rt_id
        ),
        visited as (
          select v.rt_id from assessment_visit v
            where v.round_id = ${roundId} and v.kind = 'round' and v.cancelled_at is null and v.starts_at <= ${now.toISOString()}::timestamptz
          union
          select rt_id from team
        ),
        scored as (select rt_id from team where indicators >= ${INDICATOR_CODES.length}),
        winners as (select t.rt_id, t.category from rt_title t where t.round_id = ${roundId}),
        holders as (select distinct t.rt_id from rt_title t where t.level = 'bantar')
        select s.kecamatan_code, kc.name as kecamatan_name,
          count(*) as rts,
          count(p.rt_id) as proposed,
          count(v.rt_id) as visited,
          count(sc.rt_id) as scored,
          count(*) filter (where w.category = 'besar') as besar,
          count(*) filter (where w.category = 'sedang') as sedang,
          count(*) filter (where w.category = 'kecil') as kecil,
          count(h.rt_id) as holders
        from scope_rt s
        join kecamatan kc on kc.code = s.kecamatan_code
        left join proposed p on p.rt_id = s.id
        left join visited v on v.rt_id = s.id
        left join scored sc on sc.rt_id = s.id
        left join winners w on w.rt_id = s.id
        left join holders h on h.rt_id = s.id
        group by s.kecamatan_code, kc.name
        order by s.kecamatan_code`,
  );
}

/**
 * The holders in scope whose participation is "menurun" this week, per kecamatan. The recap shows how
 * many holders fade, not their series: the flag alone, read from this week's set (fadingHoldersThisWeek).
 */
async function fadingHoldersByKecamatan(db: Database, inScope: SQL, now: Date, config: ScoreConfig): Promise<Map<string, number>> {
  const [holders, fadingIds] = await Promise.all([
    queryRows<{ rt_id: number; kecamatan_code: string }>(
      db,
      sql`select distinct r.id as rt_id, k.kecamatan_code from rt_title t
          join rt r on r.id = t.rt_id join kelurahan k on k.code = r.kelurahan_code
          where t.level = 'bantar' and ${inScope}`,
    ),
    fadingHoldersThisWeek(db, now, config),
  ]);
  const fading = new Map<string, number>();
  for (const row of holders) {
    if (fadingIds.has(Number(row.rt_id))) fading.set(row.kecamatan_code, (fading.get(row.kecamatan_code) ?? 0) + 1);
  }
  return fading;
}

/**
 * Every title holder of the city whose participation is "menurun", as of this WIB week: the week's
 * flags (fadingFlagsOfWeek, worked out once a week for the city and kept in bot_state), so every
 * recap of the week, whatever its scope, reads one row.
 */
export async function fadingHoldersThisWeek(db: Database, now: Date, config: Pick<ScoreConfig, "fading">): Promise<Set<number>> {
  const holders = await queryRows<{ rt_id: number }>(db, sql`select distinct t.rt_id from rt_title t where t.level = 'bantar'`);
  const flags = await fadingFlagsOfWeek(db, holders.map((row) => Number(row.rt_id)), now, config);
  return new Set([...flags.entries()].filter(([, flag]) => flag.menurun).map(([rtId]) => rtId));
}

/** All winners of the round, whatever the category. */
export function winnersOf(figures: RecapFigures): number {
  return AWARD_CATEGORIES.reduce((sum, category) => sum + figures.winners[category], 0);
}
