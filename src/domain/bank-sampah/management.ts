import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { kelurahan, ledgerEntry, person, rt, wasteBank, wasteBankRt } from "../../db/schema/index.js";
import { headedRtId, officerBankIds, type Actor } from "../people/actor.js";
import type { Parsed } from "../people/text-input.js";
import { parsePlace, tidyLine } from "../people/text-input.js";
import { areaScope } from "../roles/scope.js";
import { TEXT_LIMITS } from "../text-limits.js";
import { BANK_NAME_MAX, listWasteBanksInScope, requireOfficer, wasteBankIdOfRt } from "./banks.js";
import type { EntryKind } from "./ledger.js";

export const WASTE_TYPE_NAME_MAX = TEXT_LIMITS.wasteTypeName;
export const REVERSAL_REASON_MIN = 3;
export const REVERSAL_REASON_MAX = TEXT_LIMITS.reversalReason;

/** A koordinator (any scope) or an admin: opens banks for several RTs and adds RTs to them. */
export function coordinatesBanks(actor: Actor): boolean {
  const scope = areaScope(actor);
  return scope.city || scope.kelurahanCodes.length > 0 || scope.kecamatanCodes.length > 0;
}

export type ManagedBanks = {
  banks: { id: number; name: string; kelurahanName: string }[];
  /** The ketua's own RT when no bank serves it yet: /banksampah offers to open one. */
  headedRtWithoutBank: number | null;
  coordinator: boolean;
};

/** The banks a person manages: those of a koordinator's area, and the one serving the ketua's RT. */
export async function managedBanks(db: Database, actor: Actor): Promise<ManagedBanks> {
  const coordinator = coordinatesBanks(actor);
  const banks = coordinator ? await listWasteBanksInScope(db, areaScope(actor)) : [];
  const rtId = headedRtId(actor);
  let headedRtWithoutBank: number | null = null;
  if (rtId !== null) {
    const own = await wasteBankIdOfRt(db, rtId);
    if (own === undefined) headedRtWithoutBank = rtId;
    else if (!banks.some((bank) => bank.id === own)) banks.unshift(...(await banksByIds(db, [own])));
  }
  return { banks, headedRtWithoutBank, coordinator };
}

async function banksByIds(db: Database, ids: readonly number[]): Promise<{ id: number; name: string; kelurahanName: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: wasteBank.id, name: wasteBank.name, kelurahanName: kelurahan.name })
    .from(wasteBank)
    .innerJoin(kelurahan, eq(kelurahan.code, wasteBank.kelurahanCode))
    .where(inArray(wasteBank.id, [...ids]))
    .orderBy(asc(wasteBank.name));
}

/** The banks an officer works at, by name. */
export async function officerBanks(db: Database, actor: Actor): Promise<{ id: number; name: string }[]> {
  const ids = officerBankIds(actor);
  if (ids.length === 0) return [];
  return db.select({ id: wasteBank.id, name: wasteBank.name }).from(wasteBank).where(inArray(wasteBank.id, ids)).orderBy(asc(wasteBank.name), asc(wasteBank.id));
}

/** RTs of a kelurahan no bank serves yet: the ones a new bank, or an existing one, may take. */
export async function rtsWithoutWasteBank(db: Database, kelurahanCode: string): Promise<{ id: number; number: number }[]> {
  return db
    .select({ id: rt.id, number: rt.number })
    .from(rt)
    .leftJoin(wasteBankRt, eq(wasteBankRt.rtId, rt.id))
    .where(and(eq(rt.kelurahanCode, kelurahanCode), isNull(wasteBankRt.rtId)))
    .orderBy(asc(rt.number));
}

/** A bank's name, written like a place: "Bank Sampah Melati RT 05". */
export function parseBankName(raw: string): Parsed<string> {
  return placeLike(raw, BANK_NAME_MAX);
}

/** Parsed as a place, but refused as too long by this field's own (shorter) limit, which the answer names. */
function placeLike(raw: string, max: number): Parsed<string> {
  const parsed = parsePlace(raw);
  const tooLong = parsed.ok ? parsed.value.length > max : parsed.reason === "too-long";
  return tooLong ? { ok: false, reason: "too-long", vars: { max } } : parsed;
}

/** A waste type's name: "Plastik PET (botol)", "Logam / kaleng". */
export function parseWasteTypeName(raw: string): Parsed<string> {
  return placeLike(raw, WASTE_TYPE_NAME_MAX);
}

/**
 * Why an entry is reversed, kept with the reversal for good: one line, control characters
 * dropped, and words in it (an emoji alone explains nothing).
 */
export function parseReversalReason(raw: string): Parsed<string> {
  // eslint-disable-next-line no-control-regex
  const text = tidyLine(raw.replace(/[\u0000-\u001F\u007F]/g, " "));
  if (text.length === 0) return { ok: false, reason: "empty" };
  if (text.length > REVERSAL_REASON_MAX) return { ok: false, reason: "too-long", vars: { max: REVERSAL_REASON_MAX } };
  if ((text.match(/[\p{L}\p{Nd}]/gu) ?? []).length < REVERSAL_REASON_MIN) return { ok: false, reason: "too-short", vars: { min: REVERSAL_REASON_MIN } };
  return { ok: true, value: text };
}

/**
 * The entry a request of this officer recorded, if it did: what a late second tap of a confirm
 * button is told. It names the resident, so only an officer of the entry's bank (now) reads it.
 */
export async function entryByRequestKey(db: Database, actor: Actor, params: { requestKey: string; recordedBy: number }): Promise<{ entryId: number; kind: EntryKind; displayName: string | null } | undefined> {
  const [row] = await db
    .select({ entryId: ledgerEntry.id, kind: ledgerEntry.kind, displayName: person.displayName, wasteBankId: ledgerEntry.wasteBankId })
    .from(ledgerEntry)
    .innerJoin(person, eq(person.id, ledgerEntry.personId))
    .where(and(eq(ledgerEntry.requestKey, params.requestKey), eq(ledgerEntry.recordedBy, params.recordedBy)));
  if (!row) return undefined;
  const { wasteBankId, ...entry } = row;
  requireOfficer(actor, wasteBankId);
  return entry;
}
