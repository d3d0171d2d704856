import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { kecamatan, kelurahan, membership, person, rt, wasteBank, wasteBankOfficer, wasteBankRt, wastePrice, wasteType } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { officerBankIds, type Actor } from "../people/actor.js";
import { canManageRt, coversKelurahan, type AreaScope } from "../roles/scope.js";
import { TEXT_LIMITS } from "../text-limits.js";
import type { MeasureUnit } from "./amounts.js";
import { PRICE_MAX } from "./limits.js";
import { wantMenus } from "../people/menu.js";

export type WasteBankView = {
  id: number;
  name: string;
  kelurahanCode: string;
  kelurahanName: string;
  kecamatanCode: string;
  kecamatanName: string;
  rts: { id: number; number: number }[];
};

/** The types a new bank starts with, at prices typical for Jambi's collectors; officers change them. */
export const DEFAULT_WASTE_TYPES: readonly { name: string; unit: MeasureUnit; rupiahPerUnit: number }[] = [
  { name: "Plastik PET (botol)", unit: "kg", rupiahPerUnit: 3000 },
  { name: "Plastik campur", unit: "kg", rupiahPerUnit: 1000 },
  { name: "Kardus", unit: "kg", rupiahPerUnit: 1800 },
  { name: "Kertas", unit: "kg", rupiahPerUnit: 1500 },
  { name: "Logam / kaleng", unit: "kg", rupiahPerUnit: 6000 },
  { name: "Besi", unit: "kg", rupiahPerUnit: 3500 },
  { name: "Kaca / botol", unit: "kg", rupiahPerUnit: 300 },
  { name: "Minyak jelantah", unit: "liter", rupiahPerUnit: 5000 },
];

export const BANK_NAME_MAX = TEXT_LIMITS.wasteBankName;

export async function findWasteBank(db: Database, wasteBankId: number): Promise<WasteBankView | undefined> {
  const [bank] = await db
    .select({
      id: wasteBank.id,
      name: wasteBank.name,
      kelurahanCode: wasteBank.kelurahanCode,
      kelurahanName: kelurahan.name,
      kecamatanCode: kelurahan.kecamatanCode,
      kecamatanName: kecamatan.name,
    })
    .from(wasteBank)
    .innerJoin(kelurahan, eq(kelurahan.code, wasteBank.kelurahanCode))
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .where(eq(wasteBank.id, wasteBankId));
  if (!bank) return undefined;
  const rts = await db
    .select({ id: rt.id, number: rt.number })
    .from(wasteBankRt)
    .innerJoin(rt, eq(rt.id, wasteBankRt.rtId))
    .where(eq(wasteBankRt.wasteBankId, wasteBankId))
    .orderBy(asc(rt.number));
  return { ...bank, rts };
}

export async function getWasteBank(db: Database, wasteBankId: number): Promise<WasteBankView> {
  const bank = await findWasteBank(db, wasteBankId);
  if (!bank) throw new DomainError("waste-bank-not-found");
  return bank;
}

/** The bank serving an RT, if it has one. */
export async function wasteBankIdOfRt(db: Database, rtId: number): Promise<number | undefined> {
  const [row] = await db.select({ id: wasteBankRt.wasteBankId }).from(wasteBankRt).where(eq(wasteBankRt.rtId, rtId));
  return row?.id;
}

/** Banks whose kelurahan is in a koordinator's (or the admin's) area. */
export async function listWasteBanksInScope(db: Database, scope: AreaScope): Promise<{ id: number; name: string; kelurahanName: string }[]> {
  const query = db
    .select({ id: wasteBank.id, name: wasteBank.name, kelurahanName: kelurahan.name })
    .from(wasteBank)
    .innerJoin(kelurahan, eq(kelurahan.code, wasteBank.kelurahanCode));
  if (scope.city) return query.orderBy(asc(kelurahan.name), asc(wasteBank.name));
  const codes = scope.kelurahanCodes;
  const kecamatanCodes = scope.kecamatanCodes;
  if (codes.length === 0 && kecamatanCodes.length === 0) return [];
  return query
    .where(
      sql`(${codes.length ? inArray(wasteBank.kelurahanCode, codes) : sql`false`} or ${kecamatanCodes.length ? inArray(kelurahan.kecamatanCode, kecamatanCodes) : sql`false`})`,
    )
    .orderBy(asc(kelurahan.name), asc(wasteBank.name));
}

/** Ketua of an RT the bank serves, a koordinator whose area holds it, or an admin. */
export function canManageBank(actor: Actor, bank: Pick<WasteBankView, "kelurahanCode" | "kecamatanCode" | "rts">): boolean {
  if (coversKelurahan(actor, bank)) return true;
  return actor.grants.some((grant) => grant.role === "ketua_rt" && bank.rts.some((served) => served.id === grant.rtId));
}

export function requireManager(actor: Actor, bank: WasteBankView): void {
  if (!canManageBank(actor, bank)) throw new DomainError("not-allowed");
}

/** Only the bank's own officers record deposits and withdrawals, and set prices. */
export function requireOfficer(actor: Actor, wasteBankId: number): number {
  if (!officerBankIds(actor).includes(wasteBankId) || !actor.person) throw new DomainError("not-allowed");
  return actor.person.id;
}

type RtRow = { id: number; kelurahanCode: string; kecamatanCode: string };

async function rtsForBank(db: Database, actor: Actor, rtIds: readonly number[]): Promise<RtRow[]> {
  if (rtIds.length === 0) throw new DomainError("rt-not-found");
  const rows = await db
    .select({ id: rt.id, kelurahanCode: rt.kelurahanCode, kecamatanCode: kelurahan.kecamatanCode })
    .from(rt)
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .where(inArray(rt.id, [...rtIds]));
  if (rows.length !== new Set(rtIds).size) throw new DomainError("rt-not-found");
  if (new Set(rows.map((row) => row.kelurahanCode)).size > 1) throw new DomainError("waste-bank-one-kelurahan");
  for (const row of rows) if (!canManageRt(actor, row)) throw new DomainError("not-allowed");
  return rows;
}

/**
 * Opens a bank for one RT (its ketua) or for several RTs of one kelurahan (their koordinator),
 * with the default waste types priced from now. An RT already served by a bank is refused.
 */
export async function createWasteBank(db: Database, actor: Actor, params: { name: string; rtIds: readonly number[] }, now: Date): Promise<WasteBankView> {
  const id = await db.transaction(async (tx) => {
    const rows = await rtsForBank(tx, actor, params.rtIds);
    const [bank] = await tx
      .insert(wasteBank)
      .values({ kelurahanCode: rows[0]!.kelurahanCode, name: params.name, createdBy: actor.person?.id ?? null, createdAt: now })
      .returning({ id: wasteBank.id });
    await attachRts(tx, bank!.id, rows, actor, now);
    for (const type of DEFAULT_WASTE_TYPES) await insertWasteType(tx, bank!.id, type, actor.person?.id ?? null, now);
    return bank!.id;
  });
  return getWasteBank(db, id);
}

async function attachRts(db: Database, wasteBankId: number, rows: RtRow[], actor: Actor, now: Date): Promise<void> {
  const added = await db
    .insert(wasteBankRt)
    .values(rows.map((row) => ({ rtId: row.id, wasteBankId, addedBy: actor.person?.id ?? null, addedAt: now })))
    .onConflictDoNothing()
    .returning({ rtId: wasteBankRt.rtId });
  if (added.length !== rows.length) throw new DomainError("rt-has-waste-bank");
}

/** Lets a bank serve one more RT of its kelurahan. */
export async function addRtToWasteBank(db: Database, actor: Actor, params: { wasteBankId: number; rtId: number }, now: Date): Promise<WasteBankView> {
  const { wasteBankId, rtId } = params;
  await db.transaction(async (tx) => {
    const bank = await getWasteBank(tx, wasteBankId);
    if (!coversKelurahan(actor, bank)) throw new DomainError("not-allowed");
    const rows = await rtsForBank(tx, actor, [rtId]);
    if (rows[0]!.kelurahanCode !== bank.kelurahanCode) throw new DomainError("waste-bank-one-kelurahan");
    if (bank.rts.some((served) => served.id === rtId)) return;
    await attachRts(tx, wasteBankId, rows, actor, now);
  });
  return getWasteBank(db, wasteBankId);
}

export type OfficerView = { personId: number; displayName: string | null; telegramId: number | null; appointedAt: Date };

export async function listOfficers(db: Database, wasteBankId: number): Promise<OfficerView[]> {
  return db
    .select({ personId: person.id, displayName: person.displayName, telegramId: person.telegramId, appointedAt: wasteBankOfficer.appointedAt })
    .from(wasteBankOfficer)
    .innerJoin(person, eq(person.id, wasteBankOfficer.personId))
    .where(and(eq(wasteBankOfficer.wasteBankId, wasteBankId), isNull(wasteBankOfficer.revokedAt)))
    .orderBy(asc(wasteBankOfficer.appointedAt));
}

/** Appoints an active resident of a served RT as officer; appointing twice changes nothing. */
export async function appointOfficer(db: Database, actor: Actor, params: { wasteBankId: number; personId: number }, now: Date): Promise<{ created: boolean }> {
  const { wasteBankId, personId } = params;
  const bank = await getWasteBank(db, wasteBankId);
  requireManager(actor, bank);
  const [resident] = await db
    .select({ id: membership.id, telegramId: person.telegramId })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(and(eq(membership.personId, personId), eq(membership.status, "active"), inArray(membership.rtId, bank.rts.map((served) => served.id))));
  if (!resident) throw new DomainError("resident-not-served");
  // A resident recorded without Telegram (issue 17) deposits, but cannot be an officer.
  if (resident.telegramId === null) throw new DomainError("offline-no-telegram");
  const rows = await db.transaction(async (tx) => {
    const appointed = await tx
      .insert(wasteBankOfficer)
      .values({ wasteBankId, personId, appointedBy: actor.person?.id ?? null, appointedAt: now })
      .onConflictDoNothing()
      .returning({ id: wasteBankOfficer.id });
    if (appointed.length > 0) {
      await auditOfficer(tx, actor, "role_granted", wasteBankId, personId, now);
      await wantMenus(tx, [personId], now);
    }
    return appointed;
  });
  return { created: rows.length > 0 };
}

export async function revokeOfficer(db: Database, actor: Actor, params: { wasteBankId: number; personId: number }, now: Date): Promise<{ revoked: boolean }> {
  const { wasteBankId, personId } = params;
  requireManager(actor, await getWasteBank(db, wasteBankId));
  const rows = await db.transaction(async (tx) => {
    const revoked = await tx
      .update(wasteBankOfficer)
      .set({ revokedAt: now, revokedBy: actor.person?.id ?? null })
      .where(and(eq(wasteBankOfficer.wasteBankId, wasteBankId), eq(wasteBankOfficer.personId, personId), isNull(wasteBankOfficer.revokedAt)))
      .returning({ id: wasteBankOfficer.id });
    if (revoked.length > 0) {
      await auditOfficer(tx, actor, "role_revoked", wasteBankId, personId, now);
      await wantMenus(tx, [personId], now);
    }
    return revoked;
  });
  return { revoked: rows.length > 0 };
}

function auditOfficer(db: Database, actor: Actor, action: "role_granted" | "role_revoked", wasteBankId: number, personId: number, now: Date): Promise<void> {
  return recordAudit(db, {
    occurredAt: now, actorPersonId: actor.person?.id ?? null, action, targetPersonId: personId, entityType: "waste_bank", entityId: wasteBankId, details: { role: "petugas_bank" },
  });
}

export type WasteTypeView = {
  id: number;
  name: string;
  unit: MeasureUnit;
  /** The price in force at the moment asked about. */
  priceId: number;
  rupiahPerUnit: number;
  effectiveFrom: Date;
  /** A price already set for later, if any. */
  next: { rupiahPerUnit: number; effectiveFrom: Date } | null;
};

async function insertWasteType(db: Database, wasteBankId: number, type: { name: string; unit: MeasureUnit; rupiahPerUnit: number }, setBy: number | null, now: Date): Promise<number> {
  const [row] = await db
    .insert(wasteType)
    .values({ wasteBankId, name: type.name, unit: type.unit, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: wasteType.id });
  if (!row) throw new DomainError("waste-type-exists", { name: type.name });
  await db.insert(wastePrice).values({ wasteTypeId: row.id, rupiahPerUnit: type.rupiahPerUnit, effectiveFrom: now, setBy, setAt: now });
  return row.id;
}

/** The bank's waste types with the price in force at `at` and any price set for later. */
export async function listWasteTypes(db: Database, wasteBankId: number, at: Date): Promise<WasteTypeView[]> {
  // One statement (a form's step waits on it): each type beside each of its prices, in price order.
  const rows = await db
    .select({ id: wasteType.id, name: wasteType.name, unit: wasteType.unit, priceId: wastePrice.id, rupiahPerUnit: wastePrice.rupiahPerUnit, effectiveFrom: wastePrice.effectiveFrom })
    .from(wasteType)
    .innerJoin(wastePrice, eq(wastePrice.wasteTypeId, wasteType.id))
    .where(and(eq(wasteType.wasteBankId, wasteBankId), isNull(wasteType.retiredAt)))
    .orderBy(asc(wasteType.id), asc(wastePrice.effectiveFrom), asc(wastePrice.setAt), asc(wastePrice.id));
  const byType = new Map<number, typeof rows>();
  for (const row of rows) {
    const own = byType.get(row.id);
    if (own) own.push(row);
    else byType.set(row.id, [row]);
  }
  return [...byType.values()].flatMap((own) => {
    const { id, name, unit } = own[0]!;
    const current = own.filter((price) => price.effectiveFrom <= at).at(-1);
    if (!current) return [];
    // The next price to take effect: the soonest date ahead (the one set last, on a tie).
    const upcoming = own.filter((price) => price.effectiveFrom > at);
    const later = upcoming.filter((price) => price.effectiveFrom.getTime() === upcoming[0]?.effectiveFrom.getTime()).at(-1);
    return [{
      id,
      name,
      unit,
      priceId: current.priceId,
      rupiahPerUnit: current.rupiahPerUnit,
      effectiveFrom: current.effectiveFrom,
      next: later ? { rupiahPerUnit: later.rupiahPerUnit, effectiveFrom: later.effectiveFrom } : null,
    }];
  });
}

/** The price in force for each type at `at`; a type of another bank or retired is refused. */
export async function pricesAt(db: Database, wasteBankId: number, typeIds: readonly number[], at: Date): Promise<Map<number, WasteTypeView>> {
  const types = await listWasteTypes(db, wasteBankId, at);
  const byId = new Map(types.map((type) => [type.id, type]));
  for (const id of typeIds) if (!byId.has(id)) throw new DomainError("waste-type-not-found");
  return byId;
}

/** A price is whole Rupiah from 0 to `PRICE_MAX`, as `parsePrice` reads them. */
function requirePrice(rupiahPerUnit: number): void {
  if (!Number.isSafeInteger(rupiahPerUnit) || rupiahPerUnit < 0 || rupiahPerUnit > PRICE_MAX) throw new DomainError("price-out-of-range", { max: PRICE_MAX });
}

export async function addWasteType(db: Database, actor: Actor, wasteBankId: number, type: { name: string; unit: MeasureUnit; rupiahPerUnit: number }, now: Date): Promise<number> {
  const officer = requireOfficer(actor, wasteBankId);
  requirePrice(type.rupiahPerUnit);
  return db.transaction(async (tx) => {
    const id = await insertWasteType(tx, wasteBankId, type, officer, now);
    const [price] = await tx.select({ id: wastePrice.id }).from(wastePrice).where(eq(wastePrice.wasteTypeId, id));
    await auditPrice(tx, { officer, wasteBankId, wasteTypeId: id, priceId: price!.id, oldPrice: null, newPrice: type.rupiahPerUnit, effectiveFrom: now, now });
    return id;
  });
}

/**
 * A new price from `effectiveFrom` (now or later, never back-dated: what was paid stays paid).
 * The old price stays in the history; deposits keep the price they were valued at.
 */
export async function setPrice(db: Database, actor: Actor, wasteTypeId: number, rupiahPerUnit: number, effectiveFrom: Date, now: Date): Promise<void> {
  const [type] = await db.select({ wasteBankId: wasteType.wasteBankId }).from(wasteType).where(and(eq(wasteType.id, wasteTypeId), isNull(wasteType.retiredAt)));
  if (!type) throw new DomainError("waste-type-not-found");
  const officer = requireOfficer(actor, type.wasteBankId);
  requirePrice(rupiahPerUnit);
  const from = effectiveFrom < now ? now : effectiveFrom;
  await db.transaction(async (tx) => {
    // The price it replaces: the one that would have been in force from then on.
    const [before] = await tx
      .select({ rupiahPerUnit: wastePrice.rupiahPerUnit })
      .from(wastePrice)
      .where(and(eq(wastePrice.wasteTypeId, wasteTypeId), sql`${wastePrice.effectiveFrom} <= ${from.toISOString()}::timestamptz`))
      .orderBy(desc(wastePrice.effectiveFrom), desc(wastePrice.setAt), desc(wastePrice.id))
      .limit(1);
    const [price] = await tx.insert(wastePrice).values({ wasteTypeId, rupiahPerUnit, effectiveFrom: from, setBy: officer, setAt: now }).returning({ id: wastePrice.id });
    await auditPrice(tx, { officer, wasteBankId: type.wasteBankId, wasteTypeId, priceId: price!.id, oldPrice: before?.rupiahPerUnit ?? null, newPrice: rupiahPerUnit, effectiveFrom: from, now });
  });
}

/** Every price set (a change, or a new type's first price) is in the audit log: who, which bank and type, old and new. */
function auditPrice(db: Database, params: { officer: number; wasteBankId: number; wasteTypeId: number; priceId: number; oldPrice: number | null; newPrice: number; effectiveFrom: Date; now: Date }): Promise<void> {
  return recordAudit(db, {
    occurredAt: params.now, actorPersonId: params.officer, action: "price_set", entityType: "waste_type", entityId: params.wasteTypeId,
    details: { wasteBankId: params.wasteBankId, priceId: params.priceId, oldPrice: params.oldPrice, newPrice: params.newPrice, effectiveFrom: params.effectiveFrom.toISOString() },
  });
}

export type WasteTypeLabel = { wasteTypeId: number; name: string; unit: MeasureUnit; bankName: string };

/** Names of waste types and their banks, for showing audit rows (which keep ids only). */
export async function wasteTypeLabels(db: Database, wasteTypeIds: readonly number[]): Promise<Map<number, WasteTypeLabel>> {
  if (wasteTypeIds.length === 0) return new Map();
  const rows = await db
    .select({ wasteTypeId: wasteType.id, name: wasteType.name, unit: wasteType.unit, bankName: wasteBank.name })
    .from(wasteType)
    .innerJoin(wasteBank, eq(wasteBank.id, wasteType.wasteBankId))
    .where(inArray(wasteType.id, [...new Set(wasteTypeIds)]));
  return new Map(rows.map((row) => [row.wasteTypeId, row]));
}

/** Stops offering a type; its past deposits and prices stay. */
export async function retireWasteType(db: Database, actor: Actor, wasteTypeId: number, now: Date): Promise<void> {
  const [type] = await db.select({ wasteBankId: wasteType.wasteBankId }).from(wasteType).where(eq(wasteType.id, wasteTypeId));
  if (!type) throw new DomainError("waste-type-not-found");
  requireOfficer(actor, type.wasteBankId);
  await db.update(wasteType).set({ retiredAt: now }).where(and(eq(wasteType.id, wasteTypeId), isNull(wasteType.retiredAt)));
}

export async function priceHistory(db: Database, wasteTypeId: number): Promise<{ rupiahPerUnit: number; effectiveFrom: Date; setAt: Date }[]> {
  return db
    .select({ rupiahPerUnit: wastePrice.rupiahPerUnit, effectiveFrom: wastePrice.effectiveFrom, setAt: wastePrice.setAt })
    .from(wastePrice)
    .where(eq(wastePrice.wasteTypeId, wasteTypeId))
    .orderBy(desc(wastePrice.effectiveFrom), desc(wastePrice.setAt));
}

