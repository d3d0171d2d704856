import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { intArray, queryRows, type Database } from "../../db/client.js";
import { kecamatan, kelurahan, participation, person, roleAssignment, rt } from "../../db/schema/index.js";
import type { Actor } from "../people/actor.js";
import type { ParticipationKind } from "../participation/participation.js";
import { areaScope } from "../roles/scope.js";
import { wibWeekIndex, wibWeekIndexSql, wibWeekStart, wibWeekStartOfIndex, WEEK_MS } from "./weeks.js";

/** What the weekly digests and /ringkasan read beside the scorecards and trends. */

export const PARTICIPATION_KINDS = participation.kind.enumValues;

/** Verified, unrevoked participation records of one RT in one WIB week, by kind. */
export type WeeklyKindCounts = { rtId: number; weekStart: Date; records: Record<ParticipationKind, number> };

function zeroKinds(): Record<ParticipationKind, number> {
  return Object.fromEntries(PARTICIPATION_KINDS.map((kind) => [kind, 0])) as Record<ParticipationKind, number>;
}

/**
 * The last `weeks` complete WIB weeks before the week of `now`, oldest first, for each RT asked
 * for (weeks without records are zeros): one aggregate query whatever the number of RTs.
 */
export async function weeklyKindCounts(db: Database, rtIds: readonly number[], now: Date, weeks = 4): Promise<WeeklyKindCounts[]> {
  if (rtIds.length === 0) return [];
  const to = wibWeekStart(now);
  const from = new Date(to.getTime() - weeks * WEEK_MS);
  const rows = await queryRows<{ rt_id: number; bucket: number; kind: ParticipationKind; records: number }>(db, sql`
    select p.rt_id, ${wibWeekIndexSql("p.occurred_at")} as bucket, p.kind, count(*)::int as records
    from ${participation} p
    where p.verified and p.revoked_at is null
      and p.occurred_at >= ${from.toISOString()}::timestamptz and p.occurred_at < ${to.toISOString()}::timestamptz
      and p.rt_id = any(${intArray(rtIds)})
    group by 1, 2, 3
  `);
  const firstIndex = wibWeekIndex(from);
  const result = new Map<string, WeeklyKindCounts>();
  for (const rtId of rtIds) {
    for (let offset = 0; offset < weeks; offset++) {
      result.set(`${rtId}:${firstIndex + offset}`, { rtId, weekStart: wibWeekStartOfIndex(firstIndex + offset), records: zeroKinds() });
    }
  }
  for (const row of rows) {
    const entry = result.get(`${Number(row.rt_id)}:${Number(row.bucket)}`);
    if (entry) entry.records[row.kind] = Number(row.records);
  }
  return [...result.values()];
}

export type RtNames = { rtId: number; number: number; kelurahanName: string; kecamatanName: string };

export async function rtNames(db: Database, rtIds: readonly number[]): Promise<Map<number, RtNames>> {
  if (rtIds.length === 0) return new Map();
  const rows = await db
    .select({ rtId: rt.id, number: rt.number, kelurahanName: kelurahan.name, kecamatanName: kecamatan.name })
    .from(rt)
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .where(inArray(rt.id, [...rtIds]));
  return new Map(rows.map((row) => [row.rtId, row]));
}

export type DigestRecipient = { personId: number; telegramId: number; locale: string };
export type KoordinatorRecipient = DigestRecipient & { rtIds: number[] };
export type KetuaRecipient = DigestRecipient & { rtId: number };

const reachable = and(isNull(roleAssignment.revokedAt), isNull(person.erasedAt), isNull(person.unreachableAt), sql`${person.telegramId} is not null`);
const columns = { personId: person.id, telegramId: person.telegramId, locale: person.locale };

/**
 * Who gets a weekly digest: every koordinator (with the RTs of all their kelurahan and kecamatan
 * grants) and every ketua RT, each only while reachable: not erased, not blocked (403).
 */
export async function listDigestRecipients(db: Database): Promise<{ koordinators: KoordinatorRecipient[]; ketuas: KetuaRecipient[] }> {
  const coordinatorRows = await db
    .selectDistinct({ ...columns, rtId: rt.id })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .innerJoin(kelurahan, or(eq(kelurahan.code, roleAssignment.kelurahanCode), eq(kelurahan.kecamatanCode, roleAssignment.kecamatanCode)))
    .innerJoin(rt, eq(rt.kelurahanCode, kelurahan.code))
    .where(and(eq(roleAssignment.role, "koordinator"), reachable))
    .orderBy(asc(person.id), asc(rt.id));
  const koordinators = new Map<number, KoordinatorRecipient>();
  for (const row of coordinatorRows) {
    let entry = koordinators.get(row.personId);
    if (!entry) koordinators.set(row.personId, (entry = { personId: row.personId, telegramId: row.telegramId!, locale: row.locale, rtIds: [] }));
    entry.rtIds.push(row.rtId);
  }
  const ketuaRows = await db
    .select({ ...columns, rtId: roleAssignment.rtId })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(and(eq(roleAssignment.role, "ketua_rt"), reachable))
    .orderBy(asc(person.id), asc(roleAssignment.rtId));
  const ketuas = ketuaRows.flatMap((row) => (row.rtId === null ? [] : [{ personId: row.personId, telegramId: row.telegramId!, locale: row.locale, rtId: row.rtId }]));
  return { koordinators: [...koordinators.values()], ketuas };
}

/** The RTs a koordinator's grants cover (for /ringkasan); admins are asked for "all" by the caller. */
export async function rtIdsInArea(db: Database, area: { kelurahanCodes: readonly string[]; kecamatanCodes: readonly string[] }): Promise<number[]> {
  if (area.kelurahanCodes.length === 0 && area.kecamatanCodes.length === 0) return [];
  const rows = await db
    .select({ id: rt.id })
    .from(rt)
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .where(
      or(
        area.kelurahanCodes.length > 0 ? inArray(rt.kelurahanCode, [...area.kelurahanCodes]) : undefined,
        area.kecamatanCodes.length > 0 ? inArray(kelurahan.kecamatanCode, [...area.kecamatanCodes]) : undefined,
      ),
    )
    .orderBy(asc(rt.id));
  return rows.map((row) => row.id);
}

/**
 * What /ringkasan and /ekspor show an actor: an admin the whole city, a koordinator the RTs of their
 * area, a ketua RT their own RT (a koordinator who is also a ketua gets the area); anyone else nothing.
 */
/** `city`: the area is the whole city (an admin's). */
export type DigestScope = { kind: "area"; rtIds: number[]; city?: boolean } | { kind: "rt"; rtId: number } | { kind: "none" };

export async function digestScopeOf(db: Database, actor: Actor): Promise<DigestScope> {
  const scope = areaScope(actor);
  if (scope.city) return { kind: "area", city: true, rtIds: (await db.select({ id: rt.id }).from(rt).orderBy(asc(rt.id))).map((row) => row.id) };
  if (actor.grants.some((grant) => grant.role === "koordinator")) return { kind: "area", rtIds: await rtIdsInArea(db, scope) };
  const ketua = actor.grants.find((grant) => grant.role === "ketua_rt" && grant.rtId !== null);
  return ketua ? { kind: "rt", rtId: ketua.rtId! } : { kind: "none" };
}
