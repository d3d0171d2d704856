import { and, asc, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { bankAccount, membership, person, rt, wasteBankOfficer, wasteBankRt } from "../../db/schema/index.js";
import type { Actor } from "../people/actor.js";
import { memberCode, parseMemberCode } from "../people/member-code.js";
import { tidyLine, type Parsed } from "../people/text-input.js";
import { TEXT_LIMITS } from "../text-limits.js";
import { requireOfficer } from "./banks.js";

/** A person a petugas may pick at the counter. */
export type ResidentMatch = {
  personId: number;
  name: string;
  /** The RT the person lives in now (null: in none). */
  rtNumber: number | null;
  householdLabel: string | null;
  memberCode: string;
  /** Lives in an RT this bank serves: may deposit. Others only hold an account here (moved away). */
  served: boolean;
  hasAccount: boolean;
};

export const RESIDENT_QUERY_MIN = 2;
export const RESIDENT_QUERY_MAX = TEXT_LIMITS.residentQuery;
const RESULTS_MAX = 50;

/** What a petugas types to find someone: part of a name or a member code (W1230). */
export function parseResidentQuery(raw: string): Parsed<string> {
  const text = tidyLine(raw);
  if (text.length === 0) return { ok: false, reason: "empty" };
  if (text.length > RESIDENT_QUERY_MAX) return { ok: false, reason: "too-long", vars: { max: RESIDENT_QUERY_MAX } };
  if ([...text].length < RESIDENT_QUERY_MIN) return { ok: false, reason: "too-short", vars: { min: RESIDENT_QUERY_MIN } };
  return { ok: true, value: text };
}

/** `%`, `_` and the escape character itself match literally: a name is searched as typed. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export type ResidentSearch = { wasteBankId: number; query: string; limit: number };

/**
 * The people a bank deals with whose member code is `query`, or whose name contains it (any case):
 * active members of the RTs it serves, and anyone who already has an account there (a resident who
 * moved away still withdraws their savings). Erased people are never found. Only an officer of the
 * bank searches (asked of the actor of the update, at every search): anyone else is refused.
 */
export async function findResidents(db: Database, actor: Actor, search: ResidentSearch): Promise<ResidentMatch[]> {
  const { wasteBankId, query, limit } = search;
  requireOfficer(actor, wasteBankId);
  const text = tidyLine(query);
  if (text.length === 0) return [];
  const code = parseMemberCode(text);
  // Something shaped like a code whose check digit fails names nobody (it is not a name either).
  if (code === null && /^w[\s-]?\d+$/i.test(text)) return [];
  const matches = code !== null ? eq(person.id, code) : ilike(person.displayName, `%${likeLiteral(text)}%`);

  const servedPeople = db
    .select({ personId: membership.personId })
    .from(membership)
    .innerJoin(wasteBankRt, eq(wasteBankRt.rtId, membership.rtId))
    .where(and(eq(membership.status, "active"), eq(wasteBankRt.wasteBankId, wasteBankId)));
  const holders = db.select({ personId: bankAccount.personId }).from(bankAccount).where(eq(bankAccount.wasteBankId, wasteBankId));

  const rows = await db
    .select({
      personId: person.id,
      name: person.displayName,
      rtNumber: rt.number,
      householdLabel: membership.householdLabel,
      served: sql<boolean>`${wasteBankRt.rtId} is not null`,
      hasAccount: sql<boolean>`${bankAccount.id} is not null`,
    })
    .from(person)
    .leftJoin(membership, and(eq(membership.personId, person.id), eq(membership.status, "active")))
    .leftJoin(rt, eq(rt.id, membership.rtId))
    .leftJoin(wasteBankRt, and(eq(wasteBankRt.rtId, membership.rtId), eq(wasteBankRt.wasteBankId, wasteBankId)))
    .leftJoin(bankAccount, and(eq(bankAccount.personId, person.id), eq(bankAccount.wasteBankId, wasteBankId)))
    .where(and(isNull(person.erasedAt), matches, or(inArray(person.id, servedPeople), inArray(person.id, holders))))
    .orderBy(asc(sql`lower(${person.displayName})`), asc(person.id))
    .limit(Math.min(Math.max(1, Math.trunc(limit)), RESULTS_MAX));
  return rows.map((row) => ({ ...row, name: row.name ?? "-", served: Boolean(row.served), hasAccount: Boolean(row.hasAccount), memberCode: memberCode(row.personId) }));
}

export type ServedMember = { personId: number; name: string; rtNumber: number; householdLabel: string | null; telegramId: number | null; isOfficer: boolean };

/** Active members of the RTs a bank serves, the people a ketua or koordinator may make its officers. */
export async function listServedMembers(db: Database, wasteBankId: number): Promise<ServedMember[]> {
  const rows = await db
    .select({
      personId: person.id,
      name: person.displayName,
      rtNumber: rt.number,
      householdLabel: membership.householdLabel,
      telegramId: person.telegramId,
      isOfficer: sql<boolean>`${wasteBankOfficer.id} is not null`,
    })
    .from(membership)
    .innerJoin(wasteBankRt, eq(wasteBankRt.rtId, membership.rtId))
    .innerJoin(rt, eq(rt.id, membership.rtId))
    .innerJoin(person, eq(person.id, membership.personId))
    .leftJoin(wasteBankOfficer, and(eq(wasteBankOfficer.personId, person.id), eq(wasteBankOfficer.wasteBankId, wasteBankId), isNull(wasteBankOfficer.revokedAt)))
    .where(and(eq(wasteBankRt.wasteBankId, wasteBankId), eq(membership.status, "active")))
    .orderBy(asc(rt.number), asc(sql`lower(${person.displayName})`), asc(person.id));
  return rows.map((row) => ({ ...row, name: row.name ?? "-", isOfficer: Boolean(row.isOfficer) }));
}
