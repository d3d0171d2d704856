/**
 * The program's cycle laid over the city data set of bench:scores (bench/scores-data.ts): one
 * round in its deciding phase at BENCH_NOW, the seeds' share of RTs proposed (975 of 1,635), three
 * assessors per kecamatan (DPMPPA, Babinsa, Puskesmas) who each scored all 21 indicators of every
 * proposed RT there and added 5 photos per RT, a visit per proposed RT, and earlier title holders
 * among the RTs not proposed (an RT wins once: 615 winners of 2015–2020 make ~38% of the city).
 * Made again on every run (a few seconds at city size) so the cycle's tables hold exactly this.
 */
import postgres from "postgres";

/** The seeds: 975 RTs proposed of 1,635 in 2015–2020, 615 of them winners. */
export const PROPOSED_SHARE = 975 / 1635;
export const HOLDER_SHARE = 615 / 1635;
export const ASSESSORS_PER_KECAMATAN = 3;
export const PHOTOS_PER_ASSESSOR = 5;
const AGENCIES = ["dpmppa", "babinsa", "puskesmas"] as const;
/** Telegram ids far from the data set's residents'. */
const ASSESSOR_TELEGRAM_BASE = 8_000_000_000;

export type CycleData = { roundId: number; rts: number; proposed: number; holders: number; assessors: number; scores: number; photos: number; seededMs: number };

export async function seedCycle(url: string): Promise<CycleData> {
  const started = performance.now();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`truncate assessment_round, rt_proposal, assessor_invite, round_assessor, assessor_scope, assessment_visit, assessment_score, rt_title, kencana_requirement, evidence restart identity cascade`);
    await sql.unsafe(`delete from person where telegram_id >= ${ASSESSOR_TELEGRAM_BASE}`);
    // An RT's place in the city's order, spread by a multiplicative hash so proposals and holders
    // fall in every kecamatan alike.
    await sql.unsafe(`create temporary table bench_rt_rank as
      select r.id as rt_id, k.kecamatan_code, (row_number() over (order by (r.id * 7919) % 100003, r.id) - 1) as rank, count(*) over () as total
      from rt r join kelurahan k on k.code = r.kelurahan_code`);
    const [round] = await sql<{ id: number }[]>`
      insert into assessment_round (year, proposal_deadline, visit_from, visit_to, decision_on, opened_at)
      values (2026, '2026-08-31', '2026-09-14', '2026-11-13', '2026-12-10', '2026-07-01T02:00:00Z') returning id`;
    const [past] = await sql<{ id: number }[]>`
      insert into assessment_round (year, proposal_deadline, visit_from, visit_to, decision_on, opened_at, sk_number, sk_date, decided_at)
      values (2025, '2025-08-31', '2025-09-15', '2025-11-14', '2025-12-10', '2025-07-01T02:00:00Z', '188.45/321/HK/2025', '2025-12-10', '2025-12-10T03:00:00Z') returning id`;
    const roundId = round!.id;
    await sql.unsafe(`insert into rt_proposal (round_id, rt_id, proposed_at, household_count)
      select ${roundId}, b.rt_id, '2026-08-20T03:00:00Z', r.household_count
      from bench_rt_rank b join rt r on r.id = b.rt_id where b.rank < round(b.total * ${PROPOSED_SHARE})`);
    // Holders: RTs not proposed now (a holder cannot be), from the 2025 round.
    await sql.unsafe(`insert into rt_title (rt_id, level, round_id, category, household_count, award_rupiah, awarded_on, sk_number, baseline, recorded_at)
      select b.rt_id, 'bantar', ${past!.id},
        (case when r.household_count >= 100 then 'besar' when r.household_count >= 50 then 'sedang' else 'kecil' end)::award_category,
        r.household_count,
        case when r.household_count >= 100 then 10000000 when r.household_count >= 50 then 7500000 else 5000000 end,
        '2025-12-10', '188.45/321/HK/2025', '{}'::jsonb, '2025-12-10T03:00:00Z'
      from bench_rt_rank b join rt r on r.id = b.rt_id
      where b.rank >= round(b.total * ${PROPOSED_SHARE}) and b.rank < round(b.total * ${PROPOSED_SHARE}) + round(b.total * ${HOLDER_SHARE})`);
    // Three assessors per kecamatan, each scoped to the whole kecamatan.
    await sql.unsafe(`create temporary table bench_assessor as
      select k.code as kecamatan_code, k.name, a.n, ${ASSESSOR_TELEGRAM_BASE} + row_number() over (order by k.code, a.n) as telegram_id
      from kecamatan k cross join generate_series(1, ${ASSESSORS_PER_KECAMATAN}) a(n)
      where exists (select 1 from bench_rt_rank b where b.kecamatan_code = k.code)`);
    await sql.unsafe(`insert into person (telegram_id, display_name, locale, consented_at)
      select telegram_id, 'Penilai ' || name || ' ' || n, 'id', '2026-07-01T02:00:00Z' from bench_assessor`);
    await sql.unsafe(`insert into round_assessor (round_id, person_id, agency, joined_at)
      select ${roundId}, p.id, (array['${AGENCIES.join("','")}'])[b.n]::assessor_agency, '2026-09-01T02:00:00Z'
      from bench_assessor b join person p on p.telegram_id = b.telegram_id`);
    await sql.unsafe(`insert into assessor_scope (assessor_id, kecamatan_code)
      select a.id, b.kecamatan_code from round_assessor a join person p on p.id = a.person_id join bench_assessor b on b.telegram_id = p.telegram_id`);
    await sql.unsafe(`insert into assessment_visit (kind, round_id, rt_id, starts_at, scheduled_at)
      select 'round', ${roundId}, p.rt_id, timestamptz '2026-09-14T02:00:00Z' + ((p.rt_id % 60) * interval '1 day'), '2026-09-01T02:00:00Z'
      from rt_proposal p where p.round_id = ${roundId}`);
    // Every assessor scores all 21 indicators of every proposed RT of their kecamatan, a few of
    // them twice (a change of mind: append-only, the latest counts).
    await sql.unsafe(`insert into assessment_score (kind, round_id, rt_id, person_id, indicator_code, score, entered_at)
      select 'team', ${roundId}, p.rt_id, a.person_id, c.code,
        ((p.rt_id * 31 + a.person_id * 17 + c.n * 7) % 3)::smallint,
        v.starts_at + (c.n * interval '3 minutes')
      from rt_proposal p
      join assessment_visit v on v.round_id = p.round_id and v.rt_id = p.rt_id
      join bench_rt_rank b on b.rt_id = p.rt_id
      join assessor_scope s on s.kecamatan_code = b.kecamatan_code
      join round_assessor a on a.id = s.assessor_id
      cross join (select n, code from unnest(array['B1','B2','B3','B4','B5','B6','B7','A1','A2','A3','A4','A5','A6','A7','P1','P2','P3','P4','P5','P6','P7']) with ordinality as u(code, n)) c
      where p.round_id = ${roundId}`);
    await sql.unsafe(`insert into evidence (rt_id, indicator_code, round_id, file_id, file_unique_id, caption, added_by, added_at)
      select p.rt_id, (array['B1','B5','B6','A2','P2'])[ph.n], ${roundId},
        'bench-photo-' || p.rt_id || '-' || a.person_id || '-' || ph.n, 'bench-u-' || p.rt_id || '-' || a.person_id || '-' || ph.n,
        'Foto kunjungan ' || ph.n, a.person_id, v.starts_at + (ph.n * interval '5 minutes')
      from rt_proposal p
      join assessment_visit v on v.round_id = p.round_id and v.rt_id = p.rt_id
      join bench_rt_rank b on b.rt_id = p.rt_id
      join assessor_scope s on s.kecamatan_code = b.kecamatan_code
      join round_assessor a on a.id = s.assessor_id
      cross join generate_series(1, ${PHOTOS_PER_ASSESSOR}) ph(n)
      where p.round_id = ${roundId}`);
    // As autovacuum leaves tables after a burst of inserts: statistics for the planner, and the
    // visibility map that lets a count (the floor) and the recap read their indexes alone.
    for (const table of ["rt_proposal", "assessment_score", "evidence", "rt_title", "assessment_visit", "round_assessor", "assessor_scope"]) await sql.unsafe(`vacuum analyze ${table}`);
    const [counts] = await sql<{ rts: number; proposed: number; holders: number; assessors: number; scores: number; photos: number }[]>`
      select (select count(*) from rt)::int as rts,
             (select count(*) from rt_proposal where round_id = ${roundId})::int as proposed,
             (select count(*) from rt_title)::int as holders,
             (select count(*) from round_assessor where round_id = ${roundId})::int as assessors,
             (select count(*) from assessment_score)::int as scores,
             (select count(*) from evidence)::int as photos`;
    return { roundId, ...counts!, seededMs: performance.now() - started };
  } finally {
    await sql.end();
  }
}
