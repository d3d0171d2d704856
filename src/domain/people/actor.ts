import { sql, type Placeholder, type SQL } from "drizzle-orm";
import { queryRowsBuiltOnce } from "../../db/prepared.js";
import { queryRows, type Database } from "../../db/client.js";
import { assessmentRound, botState, kelurahan, processedUpdate, membership, person, roleAssignment, roundAssessor, rt, wasteBankOfficer } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";
import type { Greeting } from "../../messages/address.js";

/**
 * `petugas` keeps an RT (attendance, the reading corner); `petugas_bank` runs a waste bank;
 * `penilai` is on the assessment team of a round not yet decided (which RTs: domain/cycle/assessors.ts);
 * `bendahara` keeps an RT's cash book (kas RT), appointed by its ketua (domain/kas/).
 */
export type Role = "ketua_rt" | "petugas" | "petugas_bank" | "koordinator" | "admin" | "penilai" | "bendahara";
export type RoleName = "warga" | Role;

export type RoleGrant = {
  role: Role;
  rtId: number | null;
  kelurahanCode: string | null;
  kecamatanCode: string | null;
  /** For petugas_bank: the waste bank the person is an officer of. */
  wasteBankId?: number;
  /** For penilai: the round whose assessment team the person is on. */
  roundId?: number;
  /**
   * A ketua_rt grant a koordinator (or admin) holds for an RT of their area that has no ketua, as
   * chosen on /daftarrt: it lasts while the RT has none (loadActor checks it with every update).
   */
  acting?: true;
};

/** The RT a koordinator or admin acts for as its ketua (see RoleGrant.acting), with its number to show. */
export type Acting = { rtId: number; rtNumber: number };

export type CurrentMembership = {
  id: number;
  rtId: number;
  status: "pending" | "active";
  householdLabel: string | null;
};

/** Who is acting in this update: the person (if known), their RT and their roles. */
export type Actor = {
  telegramId: number;
  person: { id: number; displayName: string | null; greeting?: Greeting | null; locale: string; consentedAt: Date | null; unreachable: boolean } | null;
  membership: CurrentMembership | null;
  grants: RoleGrant[];
  /** Set while the actor acts as ketua of an RT without one; its grant is first in `grants`. */
  acting?: Acting | null;
};

type ActorRow = {
  id: number;
  display_name: string | null;
  greeting: Greeting | null;
  locale: string;
  consented_at: string | Date | null;
  unreachable: boolean;
  membership: Json<{ id: number; rt_id: number; status: CurrentMembership["status"]; household_label: string | null }> | null;
  grants: Json<{ role: Role; rt_id: number | null; kelurahan_code: string | null; kecamatan_code: string | null }[]>;
  banks: Json<number[]>;
  rounds: Json<number[]>;
  acting: Json<{ rt_id: number; number: number; kelurahan_code: string; kecamatan_code: string }> | null;
};

/** postgres.js hands json columns over parsed; a driver may also give the text. */
type Json<T> = T | string;
function parsed<T>(value: Json<T>): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

/** The actor's row: the person with their current membership, roles, banks, rounds and acting RT as json beside it. */
function actorRowQuery(telegramId: number | Placeholder): SQL {
  return sql`
    select p.id, p.display_name, p.greeting, p.locale, p.consented_at, p.unreachable_at is not null as unreachable,
      (select json_build_object('id', m.id, 'rt_id', m.rt_id, 'status', m.status, 'household_label', m.household_label)
        from ${membership} m where m.person_id = p.id and m.status in ('pending', 'active') limit 1) as membership,
      coalesce((select json_agg(json_build_object('role', r.role, 'rt_id', r.rt_id, 'kelurahan_code', r.kelurahan_code, 'kecamatan_code', r.kecamatan_code) order by r.id)
        from ${roleAssignment} r where r.person_id = p.id and r.revoked_at is null), '[]'::json) as grants,
      coalesce((select json_agg(o.waste_bank_id order by o.id)
        from ${wasteBankOfficer} o where o.person_id = p.id and o.revoked_at is null), '[]'::json) as banks,
      coalesce((select json_agg(a.round_id order by a.round_id)
        from ${roundAssessor} a join ${assessmentRound} ar on ar.id = a.round_id
        where a.person_id = p.id and a.revoked_at is null and ar.decided_at is null), '[]'::json) as rounds,
      (select json_build_object('rt_id', a.id, 'number', a.number, 'kelurahan_code', a.kelurahan_code, 'kecamatan_code', k.kecamatan_code)
        from ${rt} a join ${kelurahan} k on k.code = a.kelurahan_code
        where a.id = p.acting_rt_id
          and not exists (select 1 from ${roleAssignment} h where h.rt_id = a.id and h.role = 'ketua_rt' and h.revoked_at is null)) as acting
    from ${person} p
    where p.telegram_id = ${telegramId}
  `;
}

/**
 * Every update starts here, so it is one round trip: the person with their current membership,
 * their unrevoked roles and the waste banks they are an officer of, as json beside the person.
 */
export async function loadActor(db: Database, telegramId: number, bootstrapAdmins: readonly number[]): Promise<Actor> {
  const [found] = await queryRows<ActorRow>(db, actorRowQuery(telegramId));
  return actorOf(found, telegramId, bootstrapAdmins);
}

/**
 * What an update starts from: whether this delivery claimed it, who is acting, a stored value read
 * beside them, and whether any stored key matches a pattern.
 */
export type UpdateStart = { claimed: boolean; actor: Actor | null; stored: unknown; anyStoredLike: boolean };

/**
 * An update's first round trip: claims its id (`processed_update`, insert … on conflict do nothing:
 * false for a redelivery already claimed), loads the sender's actor (as loadActor), reads one
 * `bot_state` value (a chat's forms) and whether any `bot_state` key is like `storedLike` (steps an
 * earlier delivery of the update kept), all in one statement. The reads see the database as it was
 * when the statement began; the chat's lock is held by then, so the chat's state cannot move under it.
 */
export async function claimUpdateAndLoadActor(
  db: Database,
  params: { updateId: number; now: Date; telegramId: number | undefined; bootstrapAdmins: readonly number[]; stateKey: string | undefined; storedLike: string | undefined },
): Promise<UpdateStart> {
  const { updateId, now, telegramId, bootstrapAdmins, stateKey, storedLike } = params;
  // Eight shapes (with or without a sender, a state key, a pattern), each built once (prepared.ts).
  const shape = `claim-update:${telegramId === undefined ? "-" : "a"}${stateKey === undefined ? "-" : "s"}${storedLike === undefined ? "-" : "l"}`;
  const values = { updateId, now: now.toISOString(), telegramId, stateKey, storedLike };
  const [row] = await queryRowsBuiltOnce<{ claimed: boolean; actor: Json<ActorRow> | null; stored: unknown; any_stored_like: boolean }>(db, shape, () => sql`
    with claim as (
      insert into ${processedUpdate} (update_id, processed_at) values (${sql.placeholder("updateId")}, ${sql.placeholder("now")}::timestamptz)
      on conflict do nothing returning update_id
    )
    select exists (select 1 from claim) as claimed,
      ${telegramId === undefined ? sql`null::json` : sql`(select row_to_json(a) from (${actorRowQuery(sql.placeholder("telegramId"))}) a)`} as actor,
      ${stateKey === undefined ? sql`null::jsonb` : sql`(select s.value from ${botState} s where s.key = ${sql.placeholder("stateKey")})`} as stored,
      ${storedLike === undefined ? sql`false` : sql`exists (select 1 from ${botState} s where s.key like ${sql.placeholder("storedLike")})`} as any_stored_like
  `, values);
  const found = row?.actor == null ? undefined : parsed(row.actor);
  return {
    claimed: row?.claimed === true,
    actor: telegramId === undefined ? null : actorOf(found, telegramId, bootstrapAdmins),
    // A value stored is a json object (a chat's forms); the driver may hand it over as text.
    stored: row?.stored == null ? undefined : parsed(row.stored),
    anyStoredLike: row?.any_stored_like === true,
  };
}

function actorOf(found: ActorRow | undefined, telegramId: number, bootstrapAdmins: readonly number[]): Actor {
  const isBootstrapAdmin = bootstrapAdmins.includes(telegramId);
  const adminGrant: RoleGrant[] = isBootstrapAdmin ? [{ role: "admin", rtId: null, kelurahanCode: null, kecamatanCode: null }] : [];
  if (!found) return { telegramId, person: null, membership: null, grants: adminGrant };

  const current = found.membership === null ? null : parsed(found.membership);
  const grants: RoleGrant[] = parsed(found.grants).map((grant) => ({ role: grant.role, rtId: grant.rt_id, kelurahanCode: grant.kelurahan_code, kecamatanCode: grant.kecamatan_code }));
  const bankGrants: RoleGrant[] = parsed(found.banks).map((wasteBankId) => ({ role: "petugas_bank", rtId: null, kelurahanCode: null, kecamatanCode: null, wasteBankId }));
  const teamGrants: RoleGrant[] = parsed(found.rounds).map((roundId) => ({ role: "penilai", rtId: null, kelurahanCode: null, kecamatanCode: null, roundId }));
  // Acting for an RT needs, now, an RT without a ketua (the query) inside the actor's area.
  const chosen = found.acting === null ? null : parsed(found.acting);
  const covered = chosen !== null && [...adminGrant, ...grants].some((grant) =>
    grant.role === "admin" || (grant.role === "koordinator" && (grant.kelurahanCode === chosen.kelurahan_code || grant.kecamatanCode === chosen.kecamatan_code)));
  const acting: Acting | null = covered ? { rtId: chosen.rt_id, rtNumber: chosen.number } : null;
  const actingGrants: RoleGrant[] = acting ? [{ role: "ketua_rt", rtId: acting.rtId, kelurahanCode: null, kecamatanCode: null, acting: true }] : [];
  return {
    telegramId,
    person: {
      id: Number(found.id),
      displayName: found.display_name,
      greeting: found.greeting,
      locale: found.locale,
      consentedAt: found.consented_at === null ? null : new Date(found.consented_at),
      unreachable: found.unreachable,
    },
    membership: current ? { id: current.id, rtId: current.rt_id, status: current.status, householdLabel: current.household_label } : null,
    // The acting grant first: while acting, the ketua commands work on the RT acted for.
    grants: [...actingGrants, ...adminGrant, ...grants, ...bankGrants, ...teamGrants],
    acting,
  };
}

export function roleNames(actor: Actor): Set<RoleName> {
  const names = new Set<RoleName>(actor.grants.map((grant) => grant.role));
  if (actor.membership?.status === "active") names.add("warga");
  return names;
}

export function isAdmin(actor: Actor): boolean {
  return actor.grants.some((grant) => grant.role === "admin");
}

/** The RT the actor heads, if any (an RT has one ketua; a person heads at most the RT they live in). */
export function headedRtId(actor: Actor): number | null {
  return actor.grants.find((grant) => grant.role === "ketua_rt")?.rtId ?? null;
}

/** The RT the actor heads, for actions only its ketua may take; anyone else is refused. */
export function requireHeadedRt(actor: Actor): number {
  const rtId = headedRtId(actor);
  if (rtId === null) throw new DomainError("not-allowed");
  return rtId;
}

/** The waste banks the actor is an officer of. */
export function officerBankIds(actor: Actor): number[] {
  return actor.grants.flatMap((grant) => (grant.role === "petugas_bank" && grant.wasteBankId !== undefined ? [grant.wasteBankId] : []));
}
