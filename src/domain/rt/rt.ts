import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { preparedOnce } from "../../db/prepared.js";
import { kecamatan, kelurahan, membership, roleAssignment, rt } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.js";
import { forgetWeekFadingFlags } from "../scores/trend.js";
import { randomCode } from "../codes.js";
import { DomainError } from "../errors.js";
import { requireHeadedRt, type Actor } from "../people/actor.js";
import type { AreaScope } from "../roles/scope.js";
import { inTransaction, type ServiceDeps } from "../service.js";

export const INVITE_CODE_LENGTH = 10;

export type RtDetails = {
  id: number;
  number: number;
  householdCount: number;
  inviteCode: string;
  groupChatId: number | null;
  kelurahanCode: string;
  kelurahanName: string;
  kecamatanCode: string;
  kecamatanName: string;
};

const details = {
  id: rt.id,
  number: rt.number,
  householdCount: rt.householdCount,
  inviteCode: rt.inviteCode,
  groupChatId: rt.groupChatId,
  kelurahanCode: rt.kelurahanCode,
  kelurahanName: kelurahan.name,
  kecamatanCode: kelurahan.kecamatanCode,
  kecamatanName: kecamatan.name,
};

function selectDetails(db: Database) {
  return db
    .select(details)
    .from(rt)
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode));
}

/** An RT by id, read on most updates of a member: built once (preparedOnce). */
const rtById = preparedOnce<{ id: number }, RtDetails[]>("rt_by_id", (db) => selectDetails(db).where(eq(rt.id, sql.placeholder("id"))));

export async function findRt(db: Database, rtId: number): Promise<RtDetails | undefined> {
  return (await rtById(db, { id: rtId }))[0];
}

export async function getRt(db: Database, rtId: number): Promise<RtDetails> {
  const found = await findRt(db, rtId);
  if (!found) throw new DomainError("rt-not-found");
  return found;
}

export async function findRtByInviteCode(db: Database, code: string): Promise<RtDetails | undefined> {
  return (await selectDetails(db).where(eq(rt.inviteCode, code)))[0];
}

export function listRtsInKelurahan(db: Database, kelurahanCode: string): Promise<RtDetails[]> {
  return selectDetails(db).where(eq(rt.kelurahanCode, kelurahanCode)).orderBy(asc(rt.number));
}

export type CreateRtParams = { kelurahanCode: string; number: number; householdCount: number; createdBy: number | null };

/** Inserts the RT; a second request for the same number in the same kelurahan is refused. */
export async function createRt(db: Database, params: CreateRtParams): Promise<RtDetails> {
  const [created] = await db
    .insert(rt)
    .values({ ...params, inviteCode: randomCode(INVITE_CODE_LENGTH) })
    .onConflictDoNothing({ target: [rt.kelurahanCode, rt.number] })
    .returning({ id: rt.id });
  if (!created) throw new DomainError("rt-exists", { number: params.number });
  return getRt(db, created.id);
}

export async function setHouseholdCount(db: Database, rtId: number, householdCount: number): Promise<void> {
  await db.update(rt).set({ householdCount }).where(eq(rt.id, rtId));
}

/** A new member link; the old one stops working (for a link that leaked). */
export async function resetInviteCode(db: Database, rtId: number): Promise<string> {
  const inviteCode = randomCode(INVITE_CODE_LENGTH);
  await db.update(rt).set({ inviteCode }).where(eq(rt.id, rtId));
  return inviteCode;
}

/** Someone holds the RT's ketua role now: a column of any query over `rt`. */
export function hasKetua() {
  return sql<boolean>`exists (select 1 from ${roleAssignment} r where r.rt_id = ${rt.id} and r.role = 'ketua_rt' and r.revoked_at is null)`.mapWith(Boolean);
}

/** `hasKetua`: someone holds the RT's ketua role now (an RT without one waits for its koordinator's link). */
export type RtPlace = RtDetails & { hasKetua: boolean };
export type RtSummary = RtPlace & { activeMembers: number; pendingMembers: number };

function inScope(scope: AreaScope): SQL | undefined {
  return scope.city
    ? undefined
    : or(
        scope.kelurahanCodes.length ? inArray(rt.kelurahanCode, scope.kelurahanCodes) : sql`false`,
        scope.kecamatanCodes.length ? inArray(kelurahan.kecamatanCode, scope.kecamatanCodes) : sql`false`,
      );
}

export async function listRtsInScope(db: Database, scope: AreaScope): Promise<RtSummary[]> {
  return db
    .select({
      ...details,
      activeMembers: sql<number>`count(${membership.id}) filter (where ${membership.status} = 'active')`.mapWith(Number),
      pendingMembers: sql<number>`count(${membership.id}) filter (where ${membership.status} = 'pending')`.mapWith(Number),
      hasKetua: hasKetua(),
    })
    .from(rt)
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .leftJoin(membership, and(eq(membership.rtId, rt.id), inArray(membership.status, ["active", "pending"])))
    .where(inScope(scope))
    .groupBy(rt.id, kelurahan.code, kecamatan.code)
    .orderBy(asc(kecamatan.name), asc(kelurahan.name), asc(rt.number));
}

/**
 * The RTs of the area as listRtsInScope orders them, without counting their members: a kecamatan's
 * 240 RTs hold some ninety thousand memberships, a sixth of its ranked list's time (issue 16's bench).
 */
export async function listRtPlacesInScope(db: Database, scope: AreaScope): Promise<RtPlace[]> {
  return db
    .select({ ...details, hasKetua: hasKetua() })
    .from(rt)
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .where(inScope(scope))
    .orderBy(asc(kecamatan.name), asc(kelurahan.name), asc(rt.number));
}

/**
 * The ketua sets the RT's KK count (`/jumlahkk 120`, or the prompt after a bare `/jumlahkk`). The
 * count divides every participation rate and picks the award category, so a change is audited with
 * what it was; the same count again (a double tap, a redelivered update) changes and audits nothing.
 */
export async function applyHouseholdCount(deps: ServiceDeps, actor: Actor, value: number): Promise<RtDetails> {
  const rtId = requireHeadedRt(actor);
  return inTransaction(deps, async (tx) => {
    const [before] = await tx.select({ householdCount: rt.householdCount }).from(rt).where(eq(rt.id, rtId)).for("update");
    if (!before) throw new DomainError("rt-not-found");
    if (before.householdCount !== value) {
      await setHouseholdCount(tx, rtId, value);
      // The KK count caps each week of the fading flag: the week's kept flags go with it.
      await forgetWeekFadingFlags(tx);
      await recordAudit(tx, {
        occurredAt: deps.clock(),
        actorPersonId: actor.person?.id ?? null,
        action: "household_count_set",
        rtId,
        details: { oldCount: before.householdCount, newCount: value },
      });
    }
    return getRt(tx, rtId);
  });
}
