import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { ownRtSql } from "./assessors.js";

/** One RT on an assessor's list: where it is, when the team visits, how far their own scoring got. */
export type WorklistEntry = {
  rtId: number;
  number: number;
  kelurahanName: string;
  /** The round visit now planned (not cancelled), or null: "belum dijadwalkan". */
  startsAt: Date | null;
  /** Indicators this assessor has scored there in this round (team scores, distinct indicators). */
  scored: number;
};

/**
 * /tugaspenilaian and the on-site form's entry point: the RTs in the assessor's scope (see
 * assessorRtIds) that are proposed (not withdrawn) in the round, with their visit and the number of
 * indicators the assessor has scored there. Empty once their place on the team is revoked.
 * Visited first by date; RTs without a visit after them.
 */
export async function assessorWorklist(db: Database, params: { roundId: number; personId: number }): Promise<WorklistEntry[]> {
  const rows = await queryRows<{ rt_id: number; number: number; kelurahan_name: string; starts_at: string | Date | null; scored: string | number }>(
    db,
    sql`with scope as (
          select distinct r.id
          from round_assessor a
          join assessor_scope s on s.assessor_id = a.id
          join rt r on r.id = s.rt_id
            or (s.kecamatan_code is not null and r.kelurahan_code in (select k.code from kelurahan k where k.kecamatan_code = s.kecamatan_code))
          where a.round_id = ${params.roundId} and a.person_id = ${params.personId} and a.revoked_at is null
        )
        select r.id as rt_id, r.number, k.name as kelurahan_name, v.starts_at,
          (select count(distinct sc.indicator_code) from assessment_score sc
            where sc.kind = 'team' and sc.round_id = ${params.roundId} and sc.rt_id = r.id and sc.person_id = ${params.personId}) as scored
        from scope
        join rt r on r.id = scope.id
        join kelurahan k on k.code = r.kelurahan_code
        join rt_proposal p on p.rt_id = r.id and p.round_id = ${params.roundId} and p.withdrawn_at is null
          and not ${ownRtSql(sql`${params.personId}`, sql`r.id`)}
        left join assessment_visit v on v.round_id = ${params.roundId} and v.rt_id = r.id and v.kind = 'round' and v.cancelled_at is null
        order by v.starts_at asc nulls last, k.name, r.number`,
  );
  return rows.map((row) => ({
    rtId: Number(row.rt_id),
    number: Number(row.number),
    kelurahanName: row.kelurahan_name,
    startsAt: row.starts_at === null ? null : new Date(row.starts_at),
    scored: Number(row.scored),
  }));
}
