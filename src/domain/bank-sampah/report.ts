import { and, asc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client.js";
import { depositLine, kelurahan, ledgerEntry, person, rt, wasteBank, wasteType } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";
import { officerBankIds, type Actor } from "../people/actor.js";
import { memberCode } from "../people/member-code.js";
import { areaScope } from "../roles/scope.js";
import { compareMonths, monthOf, monthRange, parseMonthKey, type Month } from "../schedule/month.js";
import type { MeasureUnit } from "./amounts.js";
import { exactAmount } from "./limits.js";
import { canManageBank, findWasteBank, listWasteBanksInScope, wasteBankIdOfRt, type WasteBankView } from "./banks.js";

/**
 * The monthly report of one waste bank, for its transparency board: every deposit line,
 * withdrawal and reversal recorded in one WIB calendar month, totals per waste type, and the
 * month's totals.
 *
 * Reversals count in the month they were recorded, like every other ledger entry, so a month's
 * report never changes once the month is over (the ledger is append-only; so is its history):
 * - a deposit reversed in the same month stays listed (marked with the reversing entry), and its
 *   lines are taken out again in the type totals: they do not count in the net quantity or value;
 * - a deposit reversed in a later month counts in its own month; the later month lists the
 *   reversal and takes its lines out of that month's type totals (the net may then be negative);
 * - a reversed withdrawal touches no type total, only the money totals.
 * So the net value of all types equals the month's deposits plus the reversals of deposits, and
 * `closingBalance - openingBalance` equals `totals.net`.
 */


/** Who an entry belongs to: no name (an anonymous label in the files) once erased or if never given; no member code once erased. */
export type PersonLabel = { name: string | null; memberCode: string | null };

export type DepositLineRow = {
  entryId: number;
  occurredAt: Date;
  resident: PersonLabel;
  /** The resident's RT when the entry was made. */
  rtNumber: number | null;
  lineNo: number;
  wasteTypeId: number;
  wasteType: string;
  /** Grams for kg types, millilitres for liter types. */
  quantity: number;
  unit: MeasureUnit;
  rupiahPerUnit: number;
  value: number;
  /** The reversal that cancelled this line (the whole deposit, or this line alone) before the month ended, if any. */
  reversedByEntryId: number | null;
  recordedBy: string | null;
};

export type WithdrawalRow = {
  entryId: number;
  occurredAt: Date;
  resident: PersonLabel;
  rtNumber: number | null;
  /** Paid out, positive Rupiah. */
  amount: number;
  reversedByEntryId: number | null;
  recordedBy: string | null;
};

export type ReversalRow = {
  entryId: number;
  occurredAt: Date;
  reversesEntryId: number;
  /** The one line of the deposit it cancelled; null when it cancelled the whole entry. */
  reversesLineNo: number | null;
  reversesKind: "deposit" | "withdrawal";
  reversesOccurredAt: Date;
  resident: PersonLabel;
  rtNumber: number | null;
  /** Signed like the ledger: negative when a deposit is taken back, positive when a withdrawal is. */
  amount: number;
  reason: string;
  recordedBy: string | null;
};

export type WasteTypeTotal = {
  wasteTypeId: number;
  wasteType: string;
  unit: MeasureUnit;
  depositedQuantity: number;
  depositedValue: number;
  /** Lines of deposits reversed in this month, as positive numbers. */
  reversedQuantity: number;
  reversedValue: number;
  netQuantity: number;
  netValue: number;
};

export type MonthTotals = {
  depositCount: number;
  /** Sum of the month's deposits, reversed or not. */
  deposits: number;
  withdrawalCount: number;
  /** Sum paid out, positive. */
  withdrawals: number;
  reversalCount: number;
  /** Signed sum of the month's reversals. */
  reversals: number;
  /** deposits − withdrawals + reversals: how much the residents' savings changed. */
  net: number;
};

export type MonthlyBankReport = {
  bank: { id: number; name: string; kelurahanName: string; kecamatanName: string; rtNumbers: number[] };
  month: Month;
  /** The month as [from, to) instants: WIB midnight of the 1st to WIB midnight of the next 1st. */
  from: Date;
  to: Date;
  generatedAt: Date;
  /** Savings held by the bank for all residents, before the month and at its end. */
  openingBalance: number;
  closingBalance: number;
  deposits: DepositLineRow[];
  withdrawals: WithdrawalRow[];
  reversals: ReversalRow[];
  byType: WasteTypeTotal[];
  totals: MonthTotals;
};

/** "2026-11" → a month that can be reported on at `now` (not in the future); null otherwise. */
export function parseReportMonth(text: string, now: Date): Month | null {
  const month = parseMonthKey(text);
  return month && compareMonths(month, monthOf(now)) <= 0 ? month : null;
}

/**
 * Who may read a bank's books: its officers, the ketua of an RT it serves, a koordinator whose
 * area holds it, an admin. (Managing it, `canManageBank`, is the same minus the officers.)
 */
export function canViewBank(actor: Actor, bank: Pick<WasteBankView, "id" | "kelurahanCode" | "kecamatanCode" | "rts">): boolean {
  return officerBankIds(actor).includes(bank.id) || canManageBank(actor, bank);
}

export type BankChoice = { id: number; name: string; kelurahanName: string };

/** Every bank the actor may export, by kelurahan then name. */
export async function listViewableBanks(db: Database, actor: Actor): Promise<BankChoice[]> {
  const ids = new Set(officerBankIds(actor));
  for (const grant of actor.grants) {
    if (grant.role !== "ketua_rt" || grant.rtId === null) continue;
    const id = await wasteBankIdOfRt(db, grant.rtId);
    if (id !== undefined) ids.add(id);
  }
  const scope = areaScope(actor);
  if (scope.city || scope.kelurahanCodes.length > 0 || scope.kecamatanCodes.length > 0) {
    for (const bank of await listWasteBanksInScope(db, scope)) ids.add(bank.id);
  }
  if (ids.size === 0) return [];
  return db
    .select({ id: wasteBank.id, name: wasteBank.name, kelurahanName: kelurahan.name })
    .from(wasteBank)
    .innerJoin(kelurahan, eq(kelurahan.code, wasteBank.kelurahanCode))
    .where(inArray(wasteBank.id, [...ids]))
    .orderBy(asc(kelurahan.name), asc(wasteBank.name), asc(wasteBank.id));
}

/** The bank, if the actor may see it; an unknown bank is refused like a foreign one, so ids tell nothing. */
export async function requireViewableBank(db: Database, actor: Actor, wasteBankId: number): Promise<WasteBankView> {
  const bank = await findWasteBank(db, wasteBankId);
  if (!bank || !canViewBank(actor, bank)) throw new DomainError("not-allowed");
  return bank;
}

/** The report, for someone allowed to see it (checked again here, whatever a button said). */
export async function exportBankReport(db: Database, actor: Actor, wasteBankId: number, month: Month, now: Date): Promise<MonthlyBankReport> {
  const bank = await requireViewableBank(db, actor, wasteBankId);
  return monthlyBankReport(db, wasteBankId, month, now, bank);
}

function label(name: string | null, erasedAt: Date | null, personId: number): PersonLabel {
  if (erasedAt !== null) return { name: null, memberCode: null };
  return { name, memberCode: memberCode(personId) };
}

function officerName(name: string | null, erasedAt: Date | null): string | null {
  return erasedAt === null ? name : null;
}

/** The bank's report for a WIB month; no rights checked (see `exportBankReport`). */
export async function monthlyBankReport(db: Database, wasteBankId: number, month: Month, now: Date, known?: WasteBankView): Promise<MonthlyBankReport> {
  const { from, to } = monthRange(month);
  const bank = known ?? (await findWasteBank(db, wasteBankId));
  if (!bank) throw new DomainError("not-allowed");

  const resident = alias(person, "resident");
  const recorder = alias(person, "recorder");
  const reversal = alias(ledgerEntry, "reversal");
  const original = alias(ledgerEntry, "original");
  const inMonth = (kind: "deposit" | "withdrawal" | "reversal") =>
    and(eq(ledgerEntry.wasteBankId, wasteBankId), eq(ledgerEntry.kind, kind), gte(ledgerEntry.occurredAt, from), lt(ledgerEntry.occurredAt, to));
  const people = {
    personId: ledgerEntry.personId,
    residentName: resident.displayName,
    residentErasedAt: resident.erasedAt,
    rtNumber: rt.number,
    recorderName: recorder.displayName,
    recorderErasedAt: recorder.erasedAt,
  };
  // A reversal made after the month does not mark the month's rows: a closed month stays as it was.
  const reversedWithinMonth = (entry: typeof ledgerEntry | typeof original) => and(eq(reversal.reversesEntryId, entry.id), lt(reversal.occurredAt, to));

  const depositRows = await db
    .select({
      entryId: ledgerEntry.id,
      occurredAt: ledgerEntry.occurredAt,
      ...people,
      lineNo: depositLine.lineNo,
      wasteTypeId: depositLine.wasteTypeId,
      wasteType: wasteType.name,
      quantity: depositLine.quantity,
      unit: depositLine.unit,
      rupiahPerUnit: depositLine.rupiahPerUnit,
      value: depositLine.value,
      reversedByEntryId: reversal.id,
    })
    .from(ledgerEntry)
    .innerJoin(depositLine, eq(depositLine.entryId, ledgerEntry.id))
    .innerJoin(wasteType, eq(wasteType.id, depositLine.wasteTypeId))
    .innerJoin(resident, eq(resident.id, ledgerEntry.personId))
    .innerJoin(recorder, eq(recorder.id, ledgerEntry.recordedBy))
    .leftJoin(rt, eq(rt.id, ledgerEntry.rtId))
    .leftJoin(reversal, and(reversedWithinMonth(ledgerEntry), or(isNull(reversal.reversesLineNo), eq(reversal.reversesLineNo, depositLine.lineNo))))
    .where(inMonth("deposit"))
    .orderBy(asc(ledgerEntry.occurredAt), asc(ledgerEntry.id), asc(depositLine.lineNo));

  const withdrawalRows = await db
    .select({ entryId: ledgerEntry.id, occurredAt: ledgerEntry.occurredAt, ...people, amount: ledgerEntry.amount, reversedByEntryId: reversal.id })
    .from(ledgerEntry)
    .innerJoin(resident, eq(resident.id, ledgerEntry.personId))
    .innerJoin(recorder, eq(recorder.id, ledgerEntry.recordedBy))
    .leftJoin(rt, eq(rt.id, ledgerEntry.rtId))
    .leftJoin(reversal, reversedWithinMonth(ledgerEntry))
    .where(inMonth("withdrawal"))
    .orderBy(asc(ledgerEntry.occurredAt), asc(ledgerEntry.id));

  const reversalRows = await db
    .select({
      entryId: ledgerEntry.id,
      occurredAt: ledgerEntry.occurredAt,
      ...people,
      amount: ledgerEntry.amount,
      reason: ledgerEntry.reason,
      reversesEntryId: original.id,
      reversesLineNo: ledgerEntry.reversesLineNo,
      reversesKind: original.kind,
      reversesOccurredAt: original.occurredAt,
    })
    .from(ledgerEntry)
    .innerJoin(original, eq(original.id, ledgerEntry.reversesEntryId))
    .innerJoin(resident, eq(resident.id, ledgerEntry.personId))
    .innerJoin(recorder, eq(recorder.id, ledgerEntry.recordedBy))
    .leftJoin(rt, eq(rt.id, ledgerEntry.rtId))
    .where(inMonth("reversal"))
    .orderBy(asc(ledgerEntry.occurredAt), asc(ledgerEntry.id));

  const depositReversals = reversalRows.filter((row) => row.reversesKind === "deposit");
  const reversedDepositIds = depositReversals.map((row) => row.reversesEntryId);
  const linesOfReversed = reversedDepositIds.length === 0 ? [] : await db
    .select({ entryId: depositLine.entryId, lineNo: depositLine.lineNo, wasteTypeId: depositLine.wasteTypeId, wasteType: wasteType.name, unit: depositLine.unit, quantity: depositLine.quantity, value: depositLine.value })
    .from(depositLine)
    .innerJoin(wasteType, eq(wasteType.id, depositLine.wasteTypeId))
    .where(inArray(depositLine.entryId, reversedDepositIds));
  // A whole reversal takes out every line of its deposit; a line reversal that line only.
  const reversedLines = linesOfReversed.filter((line) =>
    depositReversals.some((row) => row.reversesEntryId === line.entryId && (row.reversesLineNo === null || row.reversesLineNo === line.lineNo)),
  );

  const balanceBefore = async (instant: Date) => {
    const [row] = await db
      .select({ balance: sql<string>`coalesce(sum(${ledgerEntry.amount}), 0)`.mapWith(exactAmount) })
      .from(ledgerEntry)
      .where(and(eq(ledgerEntry.wasteBankId, wasteBankId), lt(ledgerEntry.occurredAt, instant)));
    return row?.balance ?? 0;
  };
  const openingBalance = await balanceBefore(from);
  const closingBalance = await balanceBefore(to);

  const deposits: DepositLineRow[] = depositRows.map((row) => ({
    entryId: row.entryId,
    occurredAt: row.occurredAt,
    resident: label(row.residentName, row.residentErasedAt, row.personId),
    rtNumber: row.rtNumber,
    lineNo: row.lineNo,
    wasteTypeId: row.wasteTypeId,
    wasteType: row.wasteType,
    quantity: row.quantity,
    unit: row.unit,
    rupiahPerUnit: row.rupiahPerUnit,
    value: row.value,
    reversedByEntryId: row.reversedByEntryId,
    recordedBy: officerName(row.recorderName, row.recorderErasedAt),
  }));
  const withdrawals: WithdrawalRow[] = withdrawalRows.map((row) => ({
    entryId: row.entryId,
    occurredAt: row.occurredAt,
    resident: label(row.residentName, row.residentErasedAt, row.personId),
    rtNumber: row.rtNumber,
    amount: -row.amount,
    reversedByEntryId: row.reversedByEntryId,
    recordedBy: officerName(row.recorderName, row.recorderErasedAt),
  }));
  const reversals: ReversalRow[] = reversalRows.map((row) => ({
    entryId: row.entryId,
    occurredAt: row.occurredAt,
    reversesEntryId: row.reversesEntryId,
    reversesLineNo: row.reversesLineNo,
    // A reversal of a reversal is refused by the ledger, so the original is one of these two.
    reversesKind: row.reversesKind === "withdrawal" ? "withdrawal" : "deposit",
    reversesOccurredAt: row.reversesOccurredAt,
    resident: label(row.residentName, row.residentErasedAt, row.personId),
    rtNumber: row.rtNumber,
    amount: row.amount,
    reason: row.reason ?? "",
    recordedBy: officerName(row.recorderName, row.recorderErasedAt),
  }));

  const types = new Map<number, WasteTypeTotal>();
  const totalFor = (line: { wasteTypeId: number; wasteType: string; unit: MeasureUnit }) => {
    let total = types.get(line.wasteTypeId);
    if (!total) {
      total = { wasteTypeId: line.wasteTypeId, wasteType: line.wasteType, unit: line.unit, depositedQuantity: 0, depositedValue: 0, reversedQuantity: 0, reversedValue: 0, netQuantity: 0, netValue: 0 };
      types.set(line.wasteTypeId, total);
    }
    return total;
  };
  for (const line of deposits) {
    const total = totalFor(line);
    total.depositedQuantity += line.quantity;
    total.depositedValue += line.value;
  }
  for (const line of reversedLines) {
    const total = totalFor(line);
    total.reversedQuantity += line.quantity;
    total.reversedValue += line.value;
  }
  const byType = [...types.values()]
    .map((total) => ({ ...total, netQuantity: total.depositedQuantity - total.reversedQuantity, netValue: total.depositedValue - total.reversedValue }))
    .sort((a, b) => a.wasteTypeId - b.wasteTypeId);

  // Counted from the entries, not the lines: the ledger amount is what moved the balances.
  const [depositTotals] = await db
    .select({ count: sql<number>`count(*)::int`.mapWith(Number), sum: sql<string>`coalesce(sum(${ledgerEntry.amount}), 0)`.mapWith(exactAmount) })
    .from(ledgerEntry)
    .where(inMonth("deposit"));
  const withdrawalSum = withdrawals.reduce((sum, row) => sum + row.amount, 0);
  const reversalSum = reversals.reduce((sum, row) => sum + row.amount, 0);
  const totals: MonthTotals = {
    depositCount: depositTotals?.count ?? 0,
    deposits: depositTotals?.sum ?? 0,
    withdrawalCount: withdrawals.length,
    withdrawals: withdrawalSum,
    reversalCount: reversals.length,
    reversals: reversalSum,
    net: (depositTotals?.sum ?? 0) - withdrawalSum + reversalSum,
  };

  return {
    bank: { id: bank.id, name: bank.name, kelurahanName: bank.kelurahanName, kecamatanName: bank.kecamatanName, rtNumbers: bank.rts.map((served) => served.number) },
    month: { year: month.year, month: month.month },
    from,
    to,
    generatedAt: now,
    openingBalance,
    closingBalance,
    deposits,
    withdrawals,
    reversals,
    byType,
    totals,
  };
}
