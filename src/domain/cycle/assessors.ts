import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";

/**
 * The RTs an assessor may see and score in a round: those named in their scope and every RT of the
 * kecamatan named there. None once their place on the team is revoked. Re-read at every step
 * (scope is checked at each step, reads included), never carried in a form.
 */
export async function assessorRtIds(db: Database, params: { roundId: number; personId: number }): Promise<number[]> {
  const rows = await queryRows<{ rt_id: number }>(
    db,
    sql`select distinct r.id as rt_id
        from round_assessor a
        join assessor_scope s on s.assessor_id = a.id
        join rt r on r.id = s.rt_id
          or (s.kecamatan_code is not null and r.kelurahan_code in (select k.code from kelurahan k where k.kecamatan_code = s.kecamatan_code))
        where a.round_id = ${params.roundId} and a.person_id = ${params.personId} and a.revoked_at is null
        order by r.id`,
  );
  return rows.map((row) => Number(row.rt_id));
}

/** The rounds a person is on the team of (not revoked), newest first. */
export async function assessorRoundIds(db: Database, personId: number): Promise<number[]> {
  const rows = await queryRows<{ round_id: number }>(
    db,
    sql`select a.round_id from round_assessor a join assessment_round r on r.id = a.round_id
        where a.person_id = ${personId} and a.revoked_at is null order by r.year desc`,
  );
  return rows.map((row) => Number(row.round_id));
}

/**
 * The SQL twin of assessment.ts's isOwnRt: is this RT the person's own (ketua, acting ketua or
 * petugas of it, or a resident, pending or active)? Such an assessor may not score it, so it is
 * neither on their worklist nor theirs to be told about.
 */
export function ownRtSql(personId: SQL, rtId: SQL): SQL {
  return sql`(exists (select 1 from role_assignment own_role where own_role.person_id = ${personId} and own_role.rt_id = ${rtId}
              and own_role.role in ('ketua_rt', 'petugas') and own_role.revoked_at is null)
          or exists (select 1 from person own_acting where own_acting.id = ${personId} and own_acting.acting_rt_id = ${rtId})
          or exists (select 1 from membership own_member where own_member.person_id = ${personId} and own_member.rt_id = ${rtId}
              and own_member.status in ('pending', 'active')))`;
}
