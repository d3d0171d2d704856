import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { eventOccurrence, kasBalance, kasEntry, person, rtTitle, shiftAssignment } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.js";
import { parseRupiah } from "../bank-sampah/amounts.js";
import { exactAmount } from "../bank-sampah/limits.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { tidyLine, type Parsed } from "../people/text-input.js";
import { coversKelurahan, type AreaScope } from "../roles/scope.js";
import { getRt, listRtPlacesInScope, type RtPlace } from "../rt/rt.js";
import { monthRange, type Month } from "../schedule/month.js";
import { formatLocalDate, wibDate } from "../schedule/wib.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { TEXT_LIMITS, withoutInvisible } from "../text-limits.js";

/**
 * The kas RT: the RT's cash book, kept by its bendahara (or its ketua). The same guarantees as the
 * waste bank's ledger (bank-sampah/ledger.ts): whole Rupiah as 64-bit integers; append-only (a
 * trigger refuses UPDATE and DELETE); a mistake is undone by a reversing entry with a reason, once;
 * the balance row of the RT, locked FOR UPDATE by every entry, equals the sum of its entries and
 * never goes below zero; each entry is audited in its own transaction; one confirmed form is one
 * entry (its request key). `auditKasBook` checks all of it across every RT.
 */

export const INCOME_KINDS = ["iuran", "jimpitan", "swadaya", "pembinaan", "donasi", "lainnya"] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];
export type KasEntryKind = "income" | "spending" | "reversal";

/** A single entry above this is a slip of the finger (an award is Rp 10.000.000 at most). */
export const KAS_AMOUNT_MAX = 1_000_000_000;
/** The most an RT's kas may hold: far inside what JavaScript counts exactly (see bank-sampah/limits.ts). */
export const KAS_BALANCE_MAX = 1_000_000_000_000;
/** Jimpitan is recorded from the night's start (less the check-in's half hour) until two days after it ends. */
export const JIMPITAN_OPENS_BEFORE_MS = 30 * 60_000;
export const JIMPITAN_CLOSES_AFTER_MS = 48 * 3_600_000;

/** An amount of the kas as typed ("Rp 12.500", "12.500", "1 jt"): whole Rupiah, from Rp 1 to the cap. */
export function parseKasAmount(raw: string): Parsed<number> {
  return parseRupiah(raw, 1, KAS_AMOUNT_MAX);
}

function parseKasText(raw: string, max: number): Parsed<string> {
  // eslint-disable-next-line no-control-regex
  const text = tidyLine(withoutInvisible(raw).replace(/[\u0000-\u001F\u007F]/g, " "));
  if (text.length === 0) return { ok: false, reason: "empty" };
  if (text.length > max) return { ok: false, reason: "too-long", vars: { max } };
  if (!/[\p{L}\p{N}]/u.test(text) || /\p{M}{4}/u.test(text)) return { ok: false, reason: "kas-text-characters" };
  return { ok: true, value: text };
}

/** What a spending was for ("Beli cat pos ronda 🎨"): one line, with a letter or digit in it. */
export function parseKasPurpose(raw: string): Parsed<string> {
  return parseKasText(raw, TEXT_LIMITS.kasPurpose);
}

/** Why an entry is reversed. */
export function parseKasReason(raw: string): Parsed<string> {
  return parseKasText(raw, TEXT_LIMITS.kasReason);
}

/** The RT whose book the actor keeps: the ketua's (acting included, first in grants), else the bendahara's. */
export function keeperRtId(actor: Actor): number | null {
  return actor.grants.find((grant) => (grant.role === "ketua_rt" || grant.role === "bendahara") && grant.rtId !== null)?.rtId ?? null;
}

export function mayKeepKas(actor: Actor, rtId: number): boolean {
  return actor.grants.some((grant) => (grant.role === "ketua_rt" || grant.role === "bendahara") && grant.rtId === rtId);
}

function requireKeeper(actor: Actor, rtId: number): number {
  if (!mayKeepKas(actor, rtId) || actor.person === null) throw new DomainError("not-allowed");
  return actor.person.id;
}

/** The RT whose book the actor reads with /kas: the one they keep, else the one they live in. */
export function readerRtId(actor: Actor): number | null {
  return keeperRtId(actor) ?? (actor.membership?.status === "active" ? actor.membership.rtId : null);
}

/** The board's workbook: the keepers, a koordinator over the RT, an admin (not every warga). */
export async function mayExportKas(db: Database, actor: Actor, rtId: number): Promise<boolean> {
  return mayKeepKas(actor, rtId) || coversKelurahan(actor, await getRt(db, rtId));
}

export type KasEntryView = {
  id: number;
  kind: KasEntryKind;
  incomeKind: IncomeKind | null;
  amount: number;
  fromAward: boolean;
  purpose: string | null;
  reason: string | null;
  reversesEntryId: number | null;
  /** The id of the entry that reversed this one, if any. */
  reversedBy: number | null;
  hasReceipt: boolean;
  receiptFileId: string | null;
  occurrenceId: number | null;
  collectedBy: number[];
  /** Epoch milliseconds: plain JSON, so a conversation's replay reads it back as is. */
  occurredAt: number;
  recordedBy: number;
  recordedByName: string | null;
};

/** The reversal of an entry, if any (made before `asOf`, when given: a statement reads the book as it stood). */
function reversedByColumn(asOf?: Date) {
  const before = asOf ? sql` and r.occurred_at < ${asOf.toISOString()}::timestamptz` : sql``;
  return sql<number | null>`(select r.id from ${kasEntry} r where r.reverses_entry_id = ${kasEntry.id}${before})`.mapWith((value) => (value === null ? null : Number(value)));
}

const entryColumnsAsOf = (asOf?: Date) => ({
  id: kasEntry.id, kind: kasEntry.kind, incomeKind: kasEntry.incomeKind, amount: kasEntry.amount, fromAward: kasEntry.fromAward, purpose: kasEntry.purpose,
  reason: kasEntry.reason, reversesEntryId: kasEntry.reversesEntryId, reversedBy: reversedByColumn(asOf), receiptFileId: kasEntry.receiptFileId,
  occurrenceId: kasEntry.occurrenceId, collectedBy: kasEntry.collectedBy, occurredAt: kasEntry.occurredAt, recordedBy: kasEntry.recordedBy, recordedByName: person.displayName,
});
const entryColumns = entryColumnsAsOf();

type EntryRow = { [K in keyof typeof entryColumns]: unknown };

function toView(row: EntryRow): KasEntryView {
  const r = row as { id: number; kind: KasEntryKind; incomeKind: IncomeKind | null; amount: number; fromAward: boolean; purpose: string | null; reason: string | null; reversesEntryId: number | null;
    reversedBy: number | null; receiptFileId: string | null; occurrenceId: number | null; collectedBy: number[] | null; occurredAt: Date; recordedBy: number; recordedByName: string | null };
  return {
    id: Number(r.id), kind: r.kind, incomeKind: r.incomeKind, amount: Number(r.amount), fromAward: r.fromAward, purpose: r.purpose, reason: r.reason,
    reversesEntryId: r.reversesEntryId === null ? null : Number(r.reversesEntryId), reversedBy: r.reversedBy, hasReceipt: r.receiptFileId !== null, receiptFileId: r.receiptFileId,
    occurrenceId: r.occurrenceId === null ? null : Number(r.occurrenceId), collectedBy: r.collectedBy ?? [], occurredAt: r.occurredAt.getTime(), recordedBy: r.recordedBy, recordedByName: r.recordedByName,
  };
}

function entriesQuery(db: Database, asOf?: Date) {
  return db.select(entryColumnsAsOf(asOf)).from(kasEntry).innerJoin(person, eq(person.id, kasEntry.recordedBy));
}

export async function findKasEntry(db: Database, entryId: number): Promise<(KasEntryView & { rtId: number }) | undefined> {
  const [row] = await db.select({ ...entryColumns, rtId: kasEntry.rtId }).from(kasEntry).innerJoin(person, eq(person.id, kasEntry.recordedBy)).where(eq(kasEntry.id, entryId));
  return row ? { ...toView(row), rtId: row.rtId } : undefined;
}

async function entryByKey(db: Database, requestKey: string): Promise<KasEntryView | undefined> {
  const [row] = await entriesQuery(db).where(eq(kasEntry.requestKey, requestKey));
  return row ? toView(row) : undefined;
}

/**
 * The RT's balance row, created if new and in any case locked for this transaction (an upsert locks
 * the row it meets): every entry of the RT waits here for the one before it to commit.
 */
async function lockBalance(db: Database, rtId: number, now: Date): Promise<number> {
  const [row] = await queryRows<{ balance: string | number }>(db, sql`
    insert into ${kasBalance} (rt_id, balance, updated_at) values (${rtId}, 0, ${now.toISOString()}::timestamptz)
    on conflict (rt_id) do update set updated_at = ${kasBalance}.updated_at
    returning balance
  `);
  return exactAmount(row!.balance);
}

/** The award money not yet spent: uang pembinaan received less what was spent from it (reversals net). */
export async function awardRest(db: Database, rtId: number): Promise<number> {
  const [row] = await queryRows<{ rest: string | number | null }>(db, sql`
    select coalesce(sum(amount) filter (where income_kind = 'pembinaan'), 0) + coalesce(sum(amount) filter (where from_award), 0) as rest
    from ${kasEntry} where rt_id = ${rtId}
  `);
  return exactAmount(row?.rest);
}

/**
 * What the RT may still record as uang pembinaan: the awards its titles carry (rt_title) less what
 * it has recorded as received already (reversals net); null when it holds no title.
 */
export async function awardReceivable(db: Database, rtId: number): Promise<number | null> {
  const [row] = await queryRows<{ titles: string | number; awarded: string | number | null; received: string | number | null }>(db, sql`
    select (select count(*)::int from ${rtTitle} where rt_id = ${rtId}) as titles,
      (select coalesce(sum(award_rupiah), 0) from ${rtTitle} where rt_id = ${rtId}) as awarded,
      (select coalesce(sum(amount), 0) from ${kasEntry} where rt_id = ${rtId} and income_kind = 'pembinaan') as received
  `);
  if (Number(row?.titles ?? 0) === 0) return null;
  return Math.max(0, exactAmount(row?.awarded) - exactAmount(row?.received));
}

export type Saved = { entry: KasEntryView; balance: number; created: boolean };

type NewEntry = Omit<typeof kasEntry.$inferInsert, "id" | "recordedAt" | "occurredAt" | "rtId" | "recordedBy" | "requestKey">;

/**
 * Appends one entry of the RT under its request key: the balance row locked first, then the key
 * looked up (a twin that committed while this one waited is found, and nothing is written), the
 * balance rules, the entry, the new balance and the audit row. Shared by every kind of entry.
 */
async function appendEntry(tx: Database, params: { rtId: number; personId: number; recorderName: string | null; requestKey: string; now: Date; entry: NewEntry; check?: (balance: number) => Promise<void> }): Promise<Saved> {
  const { rtId, personId, requestKey, now, entry } = params;
  const balance = await lockBalance(tx, rtId, now);
  const earlier = await entryByKey(tx, requestKey);
  if (earlier) return { entry: earlier, balance, created: false };
  const amount = entry.amount;
  // The award's own rule first: a spending "from the uang pembinaan" beyond it is that mistake, whatever the balance.
  await params.check?.(balance);
  if (balance + amount < 0) throw new DomainError(entry.kind === "reversal" ? "kas-reversal-insufficient" : "kas-insufficient", { balance, amount: Math.abs(amount) });
  if (balance + amount > KAS_BALANCE_MAX) throw new DomainError("kas-balance-too-large");
  // The uang pembinaan not yet spent is earmarked: money that touches neither the award's income nor
  // its spending may not take the balance below it (else /kas would show a "Sisa" the cash lacks).
  const touchesAward = entry.incomeKind === "pembinaan" || entry.fromAward === true;
  if (amount < 0 && !touchesAward) {
    const rest = await awardRest(tx, rtId);
    if (rest > 0 && balance + amount < rest) {
      throw new DomainError(entry.kind === "reversal" ? "kas-reversal-earmarked" : "kas-award-earmarked", { rest, free: Math.max(0, balance - rest), amount: Math.abs(amount) });
    }
  }
  const [row] = await tx.insert(kasEntry).values({ ...entry, rtId, requestKey, occurredAt: now, recordedBy: personId, recordedAt: now }).onConflictDoNothing().returning({ id: kasEntry.id });
  // Only a jimpitan night recorded twice under two keys can meet the unique index here.
  if (!row) throw new DomainError("not-allowed");
  const [after] = await tx.update(kasBalance).set({ balance: sql`${kasBalance.balance} + ${amount}`, updatedAt: now }).where(eq(kasBalance.rtId, rtId)).returning({ balance: kasBalance.balance });
  await recordAudit(tx, {
    occurredAt: now, actorPersonId: personId, action: `kas_${entry.kind}`, rtId, entityType: "kas_entry", entityId: row.id,
    details: { amount, incomeKind: entry.incomeKind ?? null, fromAward: entry.fromAward ?? false, reverses: entry.reversesEntryId ?? null, occurrenceId: entry.occurrenceId ?? null },
  });
  // The entry as written, without reading it back: one round trip fewer under the RT's lock.
  const saved: KasEntryView = {
    id: Number(row.id), kind: entry.kind, incomeKind: entry.incomeKind ?? null, amount, fromAward: entry.fromAward ?? false, purpose: entry.purpose ?? null, reason: entry.reason ?? null,
    reversesEntryId: entry.reversesEntryId ?? null, reversedBy: null, hasReceipt: (entry.receiptFileId ?? null) !== null, receiptFileId: entry.receiptFileId ?? null,
    occurrenceId: entry.occurrenceId ?? null, collectedBy: entry.collectedBy ?? [], occurredAt: now.getTime(), recordedBy: personId, recordedByName: params.recorderName,
  };
  return { entry: saved, balance: Number(after!.balance), created: true };
}

export type IncomeRequest = { rtId: number; incomeKind: IncomeKind; amount: number; note?: string | null; requestKey: string };

/** /kascatat's income: by a keeper of the RT, once per request key. */
export async function recordIncome(deps: ServiceDeps, actor: Actor, request: IncomeRequest): Promise<Saved> {
  const personId = requireKeeper(actor, request.rtId);
  checkAmount(request.amount);
  return inTransaction(deps, (tx) =>
    appendEntry(tx, {
      rtId: request.rtId, personId, recorderName: actor.person!.displayName, requestKey: request.requestKey, now: deps.clock(),
      entry: { kind: "income", incomeKind: request.incomeKind, amount: request.amount, purpose: request.note ?? null },
      // Uang pembinaan comes only with a title, and no more than its awards: beyond is a mistyped kind or amount.
      check: async () => {
        if (request.incomeKind !== "pembinaan") return;
        const receivable = await awardReceivable(tx, request.rtId);
        if (receivable === null) throw new DomainError("kas-award-no-title");
        if (request.amount > receivable) throw new DomainError("kas-award-income-beyond", { allowed: receivable });
      },
    }),
  );
}

export type SpendingRequest = { rtId: number; amount: number; purpose: string; receipt: { fileId: string; fileUniqueId: string }; fromAward: boolean; requestKey: string };

/**
 * /kascatat's spending: what it was for and the receipt's photo are required. Refused (nothing
 * written) when the balance does not cover it, or, for a spending from the uang pembinaan, when
 * what is left of the award does not.
 */
export async function recordSpending(deps: ServiceDeps, actor: Actor, request: SpendingRequest): Promise<Saved> {
  const personId = requireKeeper(actor, request.rtId);
  checkAmount(request.amount);
  if (!request.receipt.fileId || request.purpose.trim().length === 0) throw new DomainError("not-allowed");
  return inTransaction(deps, (tx) =>
    appendEntry(tx, {
      rtId: request.rtId, personId, recorderName: actor.person!.displayName, requestKey: request.requestKey, now: deps.clock(),
      entry: { kind: "spending", amount: 0 - request.amount, purpose: request.purpose, receiptFileId: request.receipt.fileId, receiptFileUniqueId: request.receipt.fileUniqueId, fromAward: request.fromAward },
      check: async () => {
        if (!request.fromAward) return;
        const rest = await awardRest(tx, request.rtId);
        if (rest < request.amount) throw new DomainError("kas-award-insufficient", { rest });
      },
    }),
  );
}

function checkAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > KAS_AMOUNT_MAX) throw new DomainError("not-allowed");
}

/**
 * /kaskoreksi: the reversing entry of an entry of the keeper's RT, with the reason; an entry is
 * reversed once (the unique index, and the check under the balance lock), a reversal never. A
 * reversal the balance (or the award's rest) no longer covers is refused in words.
 */
export async function reverseKasEntry(deps: ServiceDeps, actor: Actor, request: { entryId: number; reason: string; requestKey: string }): Promise<Saved & { original: KasEntryView }> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const original = await findKasEntry(tx, request.entryId);
    if (!original) throw new DomainError("kas-entry-not-found");
    const personId = requireKeeper(actor, original.rtId);
    await lockBalance(tx, original.rtId, now);
    const earlier = await entryByKey(tx, request.requestKey);
    if (!earlier) {
      if (original.kind === "reversal") throw new DomainError("kas-entry-not-found");
      const [reversed] = await tx.select({ id: kasEntry.id }).from(kasEntry).where(eq(kasEntry.reversesEntryId, original.id));
      if (reversed) throw new DomainError("kas-already-reversed");
    }
    const saved = await appendEntry(tx, {
      rtId: original.rtId, personId, recorderName: actor.person!.displayName, requestKey: request.requestKey, now,
      // The reversal keeps the side and kind of what it reverses, so the month's totals net it out.
      entry: { kind: "reversal", amount: 0 - original.amount, incomeKind: original.incomeKind, fromAward: original.fromAward, reversesEntryId: original.id, reason: request.reason },
      check: async () => {
        if (original.incomeKind !== "pembinaan") return;
        const rest = await awardRest(tx, original.rtId);
        if (rest < original.amount) throw new DomainError("kas-award-insufficient", { rest });
      },
    });
    return { ...saved, original };
  });
}

/** Entries of the RT a keeper may still reverse: not reversals, not reversed; newest first (up to `limit`). */
export async function reversibleKasEntries(db: Database, actor: Actor, params: { rtId: number; limit: number }): Promise<KasEntryView[]> {
  requireKeeper(actor, params.rtId);
  const rows = await entriesQuery(db)
    .where(and(eq(kasEntry.rtId, params.rtId), inArray(kasEntry.kind, ["income", "spending"]), sql`not exists (select 1 from ${kasEntry} r where r.reverses_entry_id = ${kasEntry.id})`))
    .orderBy(desc(kasEntry.id))
    .limit(params.limit);
  return rows.map(toView);
}

/** One entry of the RT a keeper may still reverse, by its number ("No. 123"); undefined if it is not one. */
export async function reversibleKasEntry(db: Database, actor: Actor, params: { rtId: number; entryId: number }): Promise<KasEntryView | undefined> {
  requireKeeper(actor, params.rtId);
  if (!Number.isSafeInteger(params.entryId) || params.entryId < 1) return undefined;
  const found = await findKasEntry(db, params.entryId);
  if (!found || found.rtId !== params.rtId || found.kind === "reversal" || found.reversedBy !== null) return undefined;
  const { rtId: _rtId, ...view } = found;
  return view;
}

/** An entry's number as typed: "123", "No. 123", "no 123", "#123" (full-width digits too). */
export function parseKasEntryNumber(raw: string): Parsed<number> {
  const text = withoutInvisible(raw).normalize("NFKC").trim();
  if (text.length === 0) return { ok: false, reason: "empty" };
  const match = /^(?:no\.?\s*|#)?(\d{1,12})$/i.exec(text);
  if (!match || !Number.isSafeInteger(Number(match[1]))) return { ok: false, reason: "kas-entry-number" };
  return { ok: true, value: Number(match[1]) };
}

export function jimpitanRequestKey(occurrenceId: number): string {
  return `jimpitan:${occurrenceId}`;
}

export type JimpitanNight = { occurrenceId: number; startsAt: number; endsAt: number; rtId: number; collectors: { personId: number; name: string | null }[]; recorded: KasEntryView | null };

/** A ronda night of the actor's RT they were on, if jimpitan can be recorded for it now. */
export async function jimpitanNight(db: Database, actor: Actor, params: { occurrenceId: number; now: Date }): Promise<JimpitanNight> {
  const personId = actor.person?.id;
  const rtId = actor.membership?.status === "active" ? actor.membership.rtId : null;
  if (personId === undefined || rtId === null) throw new DomainError("not-registered");
  const [occurrence] = await db.select().from(eventOccurrence).where(eq(eventOccurrence.id, params.occurrenceId));
  if (!occurrence || occurrence.rtId !== rtId || occurrence.kind !== "ronda" || occurrence.cancelledAt) throw new DomainError("kas-not-on-duty");
  const shift = await db
    .select({ personId: shiftAssignment.personId, name: person.displayName })
    .from(shiftAssignment)
    .innerJoin(person, eq(person.id, shiftAssignment.personId))
    .where(eq(shiftAssignment.occurrenceId, occurrence.id))
    .orderBy(shiftAssignment.personId);
  if (!shift.some((row) => row.personId === personId)) throw new DomainError("kas-not-on-duty");
  const recorded = (await entryByKey(db, jimpitanRequestKey(occurrence.id))) ?? null;
  const now = params.now.getTime();
  if (!recorded && now < occurrence.startsAt.getTime() - JIMPITAN_OPENS_BEFORE_MS) throw new DomainError("kas-jimpitan-not-open");
  if (!recorded && now > occurrence.endsAt.getTime() + JIMPITAN_CLOSES_AFTER_MS) throw new DomainError("kas-jimpitan-closed");
  return { occurrenceId: occurrence.id, startsAt: occurrence.startsAt.getTime(), endsAt: occurrence.endsAt.getTime(), rtId, collectors: shift, recorded };
}

/** The actor's ronda nights (their own shifts) whose jimpitan can be recorded now and is not yet. */
export async function openJimpitanNights(db: Database, actor: Actor, now: Date): Promise<{ occurrenceId: number; startsAt: number }[]> {
  const personId = actor.person?.id;
  const rtId = actor.membership?.status === "active" ? actor.membership.rtId : null;
  if (personId === undefined || rtId === null) return [];
  const rows = await queryRows<{ id: number | string; starts_at: string | Date }>(db, sql`
    select o.id, o.starts_at from ${eventOccurrence} o join ${shiftAssignment} s on s.occurrence_id = o.id
    where s.person_id = ${personId} and o.rt_id = ${rtId} and o.kind = 'ronda' and o.cancelled_at is null
      and o.starts_at <= ${new Date(now.getTime() + JIMPITAN_OPENS_BEFORE_MS).toISOString()}::timestamptz
      and o.ends_at >= ${new Date(now.getTime() - JIMPITAN_CLOSES_AFTER_MS).toISOString()}::timestamptz
      and not exists (select 1 from ${kasEntry} k where k.request_key = 'jimpitan:' || o.id::text)
    order by o.starts_at
  `);
  return rows.map((row) => ({ occurrenceId: Number(row.id), startsAt: new Date(row.starts_at).getTime() }));
}

/**
 * "Catat jimpitan malam ini": whoever was on the night records what the shift collected; it is an
 * income of kind jimpitan in the cash book, attributed to everyone on the shift, once per night
 * (its request key is the night's: a second press, by the same person or another on the shift,
 * finds the first and writes nothing).
 */
export async function recordJimpitan(deps: ServiceDeps, actor: Actor, params: { occurrenceId: number; amount: number }): Promise<Saved> {
  checkAmount(params.amount);
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const night = await jimpitanNight(tx, actor, { occurrenceId: params.occurrenceId, now });
    return appendEntry(tx, {
      rtId: night.rtId, personId: actor.person!.id, recorderName: actor.person!.displayName, requestKey: jimpitanRequestKey(night.occurrenceId), now,
      entry: { kind: "income", incomeKind: "jimpitan", amount: params.amount, occurrenceId: night.occurrenceId, collectedBy: night.collectors.map((c) => c.personId) },
    });
  });
}

export async function kasEntryIdByKey(db: Database, requestKey: string): Promise<number | null> {
  const [row] = await db.select({ id: kasEntry.id }).from(kasEntry).where(eq(kasEntry.requestKey, requestKey));
  return row ? Number(row.id) : null;
}

/** The RTs of an area that keep a cash book, for a koordinator's export list. */
export async function kasRtsInScope(db: Database, scope: AreaScope): Promise<RtPlace[]> {
  const places = await listRtPlacesInScope(db, scope);
  if (places.length === 0) return [];
  const kept = new Set((await db.select({ rtId: kasBalance.rtId }).from(kasBalance).where(inArray(kasBalance.rtId, places.map((place) => place.id)))).map((row) => row.rtId));
  return places.filter((place) => kept.has(place.id));
}

export async function kasBalanceOf(db: Database, rtId: number): Promise<number> {
  const [row] = await db.select({ balance: kasBalance.balance }).from(kasBalance).where(eq(kasBalance.rtId, rtId));
  return row ? Number(row.balance) : 0;
}

export type AwardReport = {
  /** The titles the RT holds, with the uang pembinaan the decision set. */
  titles: { level: string; awardRupiah: number; awardedOn: string }[];
  received: number;
  /** Each spending from the uang pembinaan, reversed ones marked. */
  lines: KasEntryView[];
  spent: number;
  rest: number;
};

/**
 * The uang pembinaan's use, line by line; null when the RT holds no title and received none. With
 * `asOf` (a month's end), the book as it stood then: a statement re-read later says the same.
 */
export async function awardReport(db: Database, rtId: number, asOf?: Date): Promise<AwardReport | null> {
  const until = asOf ? sql` and occurred_at < ${asOf.toISOString()}::timestamptz` : sql``;
  // A title is decided on a calendar day (awarded_on): it counts from that WIB day's start.
  const titleUntil = asOf ? sql`${rtTitle.awardedOn} < ${formatLocalDate(wibDate(asOf))}::date` : undefined;
  const titles = (await db.select({ level: rtTitle.level, awardRupiah: rtTitle.awardRupiah, awardedOn: rtTitle.awardedOn }).from(rtTitle).where(and(eq(rtTitle.rtId, rtId), titleUntil)).orderBy(rtTitle.awardedOn))
    .map((title) => ({ ...title, awardRupiah: Number(title.awardRupiah) }));
  const [sums] = await queryRows<{ received: string | number | null; spent: string | number | null }>(db, sql`
    select coalesce(sum(amount) filter (where income_kind = 'pembinaan'), 0) as received,
      0 - coalesce(sum(amount) filter (where from_award), 0) as spent
    from ${kasEntry} where rt_id = ${rtId}${until}
  `);
  const received = exactAmount(sums?.received);
  const spent = exactAmount(sums?.spent);
  if (titles.length === 0 && received === 0 && spent === 0) return null;
  const lineUntil = asOf ? sql`${kasEntry.occurredAt} < ${asOf.toISOString()}::timestamptz` : undefined;
  const lines = (await entriesQuery(db, asOf).where(and(eq(kasEntry.rtId, rtId), eq(kasEntry.kind, "spending"), eq(kasEntry.fromAward, true), lineUntil)).orderBy(kasEntry.occurredAt, kasEntry.id)).map(toView);
  return { titles, received, lines, spent, rest: received - spent };
}

export type KasMonth = {
  rtId: number;
  month: Month;
  opening: number;
  closing: number;
  /** Income by kind over the month, reversals of the month's own income netted in. */
  income: Record<IncomeKind, number>;
  /** Reversals of an earlier month's entries (income taken back, spending given back), on their own line. */
  corrections: number;
  incomeTotal: number;
  /** Spending over the month (a positive number), reversals of spending netted in. */
  spending: number;
  entries: KasEntryView[];
};

/**
 * One WIB month of the RT's book: opening, the entries, income by kind, spending, closing. `asOf`
 * (the statement's: the month's end) hides corrections made after it, so the text does not change.
 */
export async function kasMonth(db: Database, params: { rtId: number; month: Month; asOf?: Date }): Promise<KasMonth> {
  const { from, to } = monthRange(params.month);
  const [before] = await queryRows<{ opening: string | number | null }>(db, sql`
    select coalesce(sum(amount), 0) as opening from ${kasEntry} where rt_id = ${params.rtId} and occurred_at < ${from.toISOString()}::timestamptz
  `);
  const entries = (await entriesQuery(db, params.asOf).where(and(eq(kasEntry.rtId, params.rtId), sql`${kasEntry.occurredAt} >= ${from.toISOString()}::timestamptz`, sql`${kasEntry.occurredAt} < ${to.toISOString()}::timestamptz`)).orderBy(kasEntry.occurredAt, kasEntry.id)).map(toView);
  const income = Object.fromEntries(INCOME_KINDS.map((kind) => [kind, 0])) as Record<IncomeKind, number>;
  // 0 - x, not -x: a month without spending is 0, not -0 (which Intl prints as "-0").
  let spending = 0;
  let corrections = 0;
  const ofThisMonth = new Set(entries.map((entry) => entry.id));
  for (const entry of entries) {
    if (entry.kind === "reversal" && !ofThisMonth.has(entry.reversesEntryId ?? 0)) corrections += entry.amount;
    else if (entry.incomeKind !== null) income[entry.incomeKind] += entry.amount;
    else spending -= entry.amount;
  }
  const opening = exactAmount(before?.opening);
  const incomeTotal = INCOME_KINDS.reduce((total, kind) => total + income[kind], 0);
  return { rtId: params.rtId, month: params.month, opening, closing: opening + incomeTotal - spending + corrections, income, corrections: 0 + corrections, incomeTotal, spending: 0 + spending, entries };
}

/** The latest entries of the RT, newest first. */
export async function recentKasEntries(db: Database, params: { rtId: number; limit: number }): Promise<KasEntryView[]> {
  return (await entriesQuery(db).where(eq(kasEntry.rtId, params.rtId)).orderBy(desc(kasEntry.id)).limit(params.limit)).map(toView);
}

export type KasAudit = {
  rts: number;
  entries: number;
  /** RTs whose balance row is not the sum of their entries (or that have entries and no row). */
  balanceMismatches: number;
  negativeBalances: number;
  /** Reversals that do not reverse an income or spending of the same RT by exactly its amount. */
  brokenReversals: number;
  /** Entries reversed more than once (the unique index should make this impossible). */
  doubleReversals: number;
  /** RTs that spent more from the uang pembinaan than they received. */
  awardOverspent: number;
  /** RTs whose unspent uang pembinaan is more than the cash they hold (it is earmarked within the balance). */
  awardBeyondBalance: number;
  ok: boolean;
};

/** Checks the cash book's invariants across every RT; the tests and bench:kas run it. */
export async function auditKasBook(db: Database): Promise<KasAudit> {
  type Counts = { rts: number; entries: number; mismatches: number; negatives: number; broken: number; doubles: number; overspent: number; beyond: number };
  const [counts] = (await queryRows<Counts>(db, sql`
    with sums as (select rt_id, sum(amount) as total from ${kasEntry} group by rt_id)
    select
      (select count(*)::int from ${kasBalance}) as rts,
      (select count(*)::int from ${kasEntry}) as entries,
      (select count(*)::int from sums s full join ${kasBalance} b on b.rt_id = s.rt_id
        where coalesce(b.balance, -1) <> coalesce(s.total, 0)) as mismatches,
      (select count(*)::int from ${kasBalance} where balance < 0) as negatives,
      (select count(*)::int from ${kasEntry} r left join ${kasEntry} o on o.id = r.reverses_entry_id
        where r.kind = 'reversal' and (o.id is null or o.rt_id <> r.rt_id or o.kind = 'reversal' or o.amount <> 0 - r.amount
          or o.from_award <> r.from_award or o.income_kind is distinct from r.income_kind)) as broken,
      (select count(*)::int from (select reverses_entry_id from ${kasEntry} where reverses_entry_id is not null
        group by reverses_entry_id having count(*) > 1) d) as doubles,
      (select count(*)::int from (select rt_id from ${kasEntry} group by rt_id
        having coalesce(sum(amount) filter (where income_kind = 'pembinaan'), 0) + coalesce(sum(amount) filter (where from_award), 0) < 0) a) as overspent,
      (select count(*)::int from (select rt_id from ${kasEntry} group by rt_id
        having coalesce(sum(amount) filter (where income_kind = 'pembinaan'), 0) + coalesce(sum(amount) filter (where from_award), 0) > sum(amount)) e) as beyond
  `)) as [Counts];
  const audit = {
    rts: Number(counts.rts), entries: Number(counts.entries), balanceMismatches: Number(counts.mismatches), negativeBalances: Number(counts.negatives),
    brokenReversals: Number(counts.broken), doubleReversals: Number(counts.doubles), awardOverspent: Number(counts.overspent), awardBeyondBalance: Number(counts.beyond),
  };
  return { ...audit, ok: audit.balanceMismatches === 0 && audit.negativeBalances === 0 && audit.brokenReversals === 0 && audit.doubleReversals === 0 && audit.awardOverspent === 0 && audit.awardBeyondBalance === 0 };
}
