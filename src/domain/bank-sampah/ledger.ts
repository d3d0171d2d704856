import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { preparedOnce, queryRowsPrepared } from "../../db/prepared.js";
import { auditLog, bankAccount, depositLine, ledgerEntry, membership, participation, person, wasteBank, wasteBankRt, wastePrice, wasteType } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { revokeParticipation } from "../participation/participation.js";
import { lineValue, type MeasureUnit } from "./amounts.js";
import { requireOfficer } from "./banks.js";
import { BALANCE_MAX, DEPOSIT_LINES_MAX, exactAmount, PRICE_MAX, QUANTITY_MAX, QUANTITY_MAX_BASE, WITHDRAWAL_MAX } from "./limits.js";

export type EntryKind = "deposit" | "withdrawal" | "reversal";

export type ReceiptLine = { wasteTypeId: number; name: string; unit: MeasureUnit; quantity: number; rupiahPerUnit: number; value: number };

/** What a resident's receipt says: one entry, its lines, and the balance right after it. */
export type Receipt = {
  entryId: number;
  kind: EntryKind;
  amount: number;
  balance: number;
  occurredAt: Date;
  wasteBankId: number;
  bankName: string;
  personId: number;
  telegramId: number | null;
  /** The resident's language, for their copy of the receipt (null: the default). */
  locale: string | null;
  displayName: string | null;
  reason: string | null;
  reversesEntryId: number | null;
  /** The line of the deposit a reversal cancelled; null when it cancelled the whole entry. */
  reversesLineNo: number | null;
  lines: ReceiptLine[];
  /** False when this request had already been recorded (a double tap, a redelivered update). */
  created: boolean;
};

export function entrySourceKey(entryId: number): string {
  return `bank-entry:${entryId}`;
}

/** The account row, locked for this transaction: every change to a balance is serialised on it. */
async function lockAccount(db: Database, wasteBankId: number, personId: number): Promise<{ id: number; balance: number } | undefined> {
  const [row] = await db
    .select({ id: bankAccount.id, balance: bankAccount.balance })
    .from(bankAccount)
    .where(and(eq(bankAccount.wasteBankId, wasteBankId), eq(bankAccount.personId, personId)))
    .for("update");
  return row;
}

type EntryInsert = Omit<typeof ledgerEntry.$inferInsert, "id">;

/** Inserts the entry and moves the balance; undefined if a racing twin with the same key got there first. */
async function appendEntry(db: Database, entry: EntryInsert): Promise<number | undefined> {
  const [row] = await db.insert(ledgerEntry).values(entry).onConflictDoNothing().returning({ id: ledgerEntry.id });
  if (!row) return undefined;
  await db
    .update(bankAccount)
    .set({ balance: sql`${bankAccount.balance} + ${entry.amount}`, updatedAt: entry.recordedAt })
    .where(eq(bankAccount.id, entry.accountId));
  return row.id;
}

export type DepositRequest = {
  wasteBankId: number;
  personId: number;
  /**
   * The weighed lines. `rupiahPerUnit` is the price the officer was shown and confirmed: when a
   * line carries one and the price in force is another, nothing is saved (`PricesChanged`). The
   * form always sends it; a line without it is valued at the price in force, whatever it is.
   */
  lines: readonly { wasteTypeId: number; quantity: number; rupiahPerUnit?: number }[];
  /** One confirmation, one entry: the same key again returns the first receipt. */
  requestKey: string;
};

/**
 * A refusal that carries the deposit as it would be now: a price changed between the summary the
 * officer confirmed and the save. Nothing was saved; the form shows these lines and asks again.
 */
export class PricesChanged extends DomainError {
  constructor(
    readonly lines: ReceiptLine[],
    readonly total: number,
  ) {
    super("deposit-prices-changed");
  }
}

type LinePrice = { wasteTypeId: number; name: string; unit: MeasureUnit; priceId: number; rupiahPerUnit: number };

/** What `depositStatement` found, and whether it wrote. */
type DepositAttempt = {
  /** An entry already recorded under this key, as of the statement's start. */
  earlierEntryId: number | null;
  resident: { rtId: number; householdLabel: string | null; telegramId: number | null; locale: string | null; displayName: string | null; bankName: string } | null;
  /** The resident's account, locked for the statement (for the transaction, inside one); null when it does not exist yet. */
  account: { id: number; balance: number } | null;
  prices: Map<number, LinePrice>;
  /** The entry this statement appended, and the balance right after it; null when it wrote nothing. */
  written: { entryId: number; balance: number } | null;
};

/** A line as sent to the statement; `rupiahPerUnit` null while no price is known for it (then nothing is written). */
type ValuedLine = { lineNo: number; wasteTypeId: number; quantity: number; rupiahPerUnit: number | null; value: number };

/**
 * A whole deposit in one statement, so that on its own (no transaction around it) it costs one
 * round trip: it reads the resident's membership if active in an RT the bank serves, the entry
 * recorded under this key as of the statement's start, and for each type asked about (the bank's
 * own, not retired) the price in force at `now`, by the rule of `listWasteTypes` (the latest
 * `effective_from` not after `now`, the one set last on a tie; one price row per type, however long
 * the history grows). It locks the resident's account (FOR UPDATE waits for a deposit, withdrawal
 * or reversal of the same account to commit, and returns the balance as that one left it).
 *
 * Then, only if the resident is served, every line's type has a price in force equal to the one
 * the line was valued at, no entry has the key, and the balance stays within BALANCE_MAX: it
 * appends the entry under the lock (so an account's entries are numbered in the order they changed
 * its balance, and `getReceipt` can sum them by id), adds the total to the balance, and writes the
 * lines, the participation record (the row `recordParticipation` would write: the source key is
 * new, since the entry is) and the audit row (what `recordAudit` writes). A twin of this request
 * that committed while this one waited for the lock is not visible to the key look-up (its
 * snapshot is older), but the entry's unique request key is: ON CONFLICT DO NOTHING appends
 * nothing, and nothing else is written. The statement does not fail on a refusal or on a race
 * between honest requests (one exception below), so it needs no savepoint inside the service's
 * transaction.
 *
 * The balance moves by an UPDATE of the row the statement locked, which in READ COMMITTED reaches
 * the version the lock returned. A row the statement itself inserted would be invisible to that
 * UPDATE, so a resident's first deposit opens the account with the total as its balance, and the
 * entry is appended to it. Should the entry then meet its key (the key is not visible to the
 * look-up yet), the account would hold money without an entry: a twin of the same deposit cannot
 * come here (it opens the same account, and this insert waits for it and writes nothing), so only
 * a key reused for another account at the same moment can, and the statement fails on it. When a
 * racing first deposit with another key opened the account, nothing is written and the statement
 * is sent again, to lock it.
 */
async function depositStatement(db: Database, request: DepositRequest, lines: readonly ValuedLine[], total: number, officer: number, now: Date): Promise<DepositAttempt> {
  type Row = {
    earlier: string | number | null; rt_id: number | null; household_label: string | null; telegram_id: string | number | null; locale: string | null; display_name: string | null; bank_name: string | null;
    account_id: number | null; locked_balance: string | number | null; prices: LinePrice[] | null; entry_id: string | number | null; balance: string | number | null;
  };
  const at = now.toISOString();
  const column = <K extends keyof ValuedLine>(key: K) => sql.param(lines.map((line) => line[key]));
  const [row] = await queryRowsPrepared<Row>(db, "record_deposit", sql`
    with d as (
      select m.rt_id, m.household_label, pe.telegram_id, pe.locale, pe.display_name, b.name as bank_name
      from ${membership} m
      join ${wasteBankRt} w on w.rt_id = m.rt_id
      join ${wasteBank} b on b.id = w.waste_bank_id
      join ${person} pe on pe.id = m.person_id
      where m.person_id = ${request.personId} and m.status = 'active' and w.waste_bank_id = ${request.wasteBankId}
      limit 1
    ), l as (
      select * from unnest(${column("lineNo")}::int[], ${column("wasteTypeId")}::int[], ${column("quantity")}::bigint[], ${column("rupiahPerUnit")}::bigint[], ${column("value")}::bigint[])
        as l(line_no, waste_type_id, quantity, rupiah_per_unit, value)
    ), p as (
      select t.id as waste_type_id, t.name, t.unit, cur.id as price_id, cur.rupiah_per_unit
      from ${wasteType} t
      cross join lateral (
        select id, rupiah_per_unit from ${wastePrice} wp
        where wp.waste_type_id = t.id and wp.effective_from <= ${at}::timestamptz
        order by wp.effective_from desc, wp.set_at desc, wp.id desc
        limit 1
      ) cur
      where t.waste_bank_id = ${request.wasteBankId} and t.retired_at is null and t.id in (select waste_type_id from l)
    ), earlier as (
      select id from ${ledgerEntry} where request_key = ${request.requestKey}
    ), account as materialized (
      select id, balance from ${bankAccount} where waste_bank_id = ${request.wasteBankId} and person_id = ${request.personId}
      for update
    ), ready as (
      select 1 from d
      where not exists (select 1 from earlier)
        and not exists (select 1 from l left join p on p.waste_type_id = l.waste_type_id where p.waste_type_id is null or l.rupiah_per_unit is null or p.rupiah_per_unit <> l.rupiah_per_unit)
    ), opened as (
      insert into ${bankAccount} (waste_bank_id, person_id, balance, opened_at, updated_at)
      select ${request.wasteBankId}, ${request.personId}, ${total}::bigint, ${at}::timestamptz, ${at}::timestamptz
      from ready
      where not exists (select 1 from account) and ${total}::bigint <= ${BALANCE_MAX}::bigint
      on conflict do nothing
      returning id, balance
    ), target as (
      select id, balance + ${total}::bigint as after from account
      union all
      select id, balance from opened
    ), entry as (
      insert into ${ledgerEntry} (request_key, account_id, waste_bank_id, person_id, rt_id, kind, amount, occurred_at, recorded_by, recorded_at)
      select ${request.requestKey}, target.id, ${request.wasteBankId}, ${request.personId}, d.rt_id, 'deposit', ${total}::bigint, ${at}::timestamptz, ${officer}, ${at}::timestamptz
      from d, target, ready
      where target.after <= ${BALANCE_MAX}::bigint
      on conflict do nothing
      returning id
    ), moved as (
      update ${bankAccount} set balance = balance + ${total}::bigint, updated_at = ${at}::timestamptz
      where id = (select id from account) and exists (select 1 from entry)
      returning balance
    ), lines as (
      insert into ${depositLine} (entry_id, line_no, waste_type_id, quantity, unit, price_id, rupiah_per_unit, value)
      select entry.id, l.line_no, l.waste_type_id, l.quantity, p.unit, p.price_id, l.rupiah_per_unit, l.value
      from entry, l join p on p.waste_type_id = l.waste_type_id
    ), participated as (
      insert into ${participation} (source_key, rt_id, person_id, household_label, kind, occurred_at, verified, source, recorded_by, recorded_at)
      select 'bank-entry:' || entry.id, d.rt_id, ${request.personId}, d.household_label, 'bank_sampah', ${at}::timestamptz, true, 'deposit', ${officer}, ${at}::timestamptz
      from entry, d
    ), audited as (
      insert into ${auditLog} (occurred_at, actor_person_id, action, rt_id, target_person_id, entity_type, entity_id, details)
      select ${at}::timestamptz, ${officer}, 'ledger_deposit', d.rt_id, ${request.personId}, 'ledger_entry', entry.id,
        jsonb_build_object('wasteBankId', ${request.wasteBankId}::int, 'amount', ${total}::bigint)
      from entry, d
    )
    select
      (select id from earlier) as earlier,
      d.rt_id, d.household_label, d.telegram_id, d.locale, d.display_name, d.bank_name,
      (select id from account) as account_id, (select balance from account) as locked_balance,
      (select json_agg(json_build_object('wasteTypeId', p.waste_type_id, 'name', p.name, 'unit', p.unit, 'priceId', p.price_id, 'rupiahPerUnit', p.rupiah_per_unit)) from p) as prices,
      (select id from entry) as entry_id, coalesce((select balance from moved), (select balance from opened)) as balance,
      -- An account opened with the money and no entry: only a key taken at the same moment by a
      -- deposit to another account (a caller's bug) comes here; fail rather than keep it. The
      -- message names the row, so that the planner cannot fold the cast into an error up front.
      (select cast('request key ' || ${request.requestKey} || ' taken by a deposit to another account than ' || o.id as int)
        from opened o where not exists (select 1 from entry)) as guard
    from (select 1) as one
    left join d on true
  `);
  return {
    earlierEntryId: row?.earlier == null ? null : Number(row.earlier),
    resident: row?.rt_id == null ? null : {
      rtId: row.rt_id, householdLabel: row.household_label, telegramId: row.telegram_id === null ? null : Number(row.telegram_id), locale: row.locale, displayName: row.display_name, bankName: row.bank_name!,
    },
    account: row?.account_id == null ? null : { id: Number(row.account_id), balance: exactAmount(row.locked_balance) },
    prices: new Map((row?.prices ?? []).map((price) => [price.wasteTypeId, { ...price, rupiahPerUnit: exactAmount(price.rupiahPerUnit) }])),
    written: row?.entry_id == null ? null : { entryId: Number(row.entry_id), balance: exactAmount(row.balance) },
  };
}

/** The entry recorded under a request key, if any. Under an account's lock it sees every twin that held the lock before. */
async function entryIdOfKey(db: Database, requestKey: string): Promise<number | undefined> {
  const [row] = await db.select({ id: ledgerEntry.id }).from(ledgerEntry).where(eq(ledgerEntry.requestKey, requestKey));
  return row?.id;
}

/**
 * How many times a deposit's statement is sent before giving up: once more with the prices in
 * force when a line came without one, once more after a racing first deposit opened the account,
 * once for a price set in between.
 */
const DEPOSIT_ATTEMPTS = 4;

/**
 * Records a deposit: each line valued at the price in force now (see `lineValue` for rounding),
 * the total added to the resident's balance, and a verified bank_sampah participation record.
 * A line confirmed at another price than the one in force saves nothing (`PricesChanged`).
 *
 * Like every change to a balance: lock the account, then look up the request key, then decide.
 * Two arrivals of one request at once (a double tap on two instances, a redelivery) meet at the
 * lock; the second finds the first's entry and gets its receipt, never a refusal that the first
 * made true. Here the lock, the look-up, the checks and the write are one statement
 * (`depositStatement`), which writes only when every check passes; when it wrote nothing, the
 * reading it returns says why, and a refusal looks up the key once more (the statement's own
 * look-up is as of before it waited for the lock) before it is thrown.
 *
 * The hot path of the waste bank, so one round trip for a deposit to an open account, no
 * transaction of its own (it is one statement; inside the service's transaction it is part of
 * that one): the bare inserts in a transaction take four (bench:ledger). A line without a
 * price takes one more (the first statement reads the price). Spelled in SQL because each statement
 * the query builder composes costs the bot's one thread more than the database's work.
 */
export async function recordDeposit(db: Database, actor: Actor, request: DepositRequest, now: Date): Promise<Receipt> {
  const officer = requireOfficer(actor, request.wasteBankId);
  if (request.lines.length === 0) throw new DomainError("deposit-empty");
  if (request.lines.length > DEPOSIT_LINES_MAX) throw new DomainError("deposit-too-many-lines", { max: DEPOSIT_LINES_MAX });
  for (const line of request.lines) {
    const quantityOk = Number.isSafeInteger(line.quantity) && line.quantity > 0 && line.quantity <= QUANTITY_MAX_BASE;
    const priceOk = line.rupiahPerUnit === undefined || (Number.isSafeInteger(line.rupiahPerUnit) && line.rupiahPerUnit >= 0 && line.rupiahPerUnit <= PRICE_MAX);
    if (!quantityOk || !priceOk) throw new DomainError("deposit-line-invalid", { max: QUANTITY_MAX });
  }
  const answered = async (entryId: number): Promise<Receipt> => ({ ...(await getReceipt(db, entryId)), created: false });
  /** A refusal, unless a twin of this request recorded it while this one waited for the lock. */
  const refuse = async (error: DomainError): Promise<Receipt> => {
    const twin = await entryIdOfKey(db, request.requestKey);
    if (twin !== undefined) return answered(twin);
    throw error;
  };
  // A line without a price is valued at the price in force: unknown before the first reading.
  let inForce = new Map<number, number>();
  for (let attempt = 1; ; attempt++) {
    const valued = request.lines.map((line, index): ValuedLine => {
      const rupiahPerUnit = line.rupiahPerUnit ?? inForce.get(line.wasteTypeId) ?? null;
      return { lineNo: index + 1, wasteTypeId: line.wasteTypeId, quantity: line.quantity, rupiahPerUnit, value: rupiahPerUnit === null ? 0 : lineValue(line.quantity, rupiahPerUnit) };
    });
    const total = valued.reduce((sum, line) => sum + line.value, 0);
    const { earlierEntryId, resident, account, prices, written } = await depositStatement(db, request, valued, total, officer, now);
    if (written) {
      return {
        entryId: written.entryId, kind: "deposit", amount: total, balance: written.balance, occurredAt: now, wasteBankId: request.wasteBankId, bankName: resident!.bankName,
        personId: request.personId, telegramId: resident!.telegramId, locale: resident!.locale, displayName: resident!.displayName, reason: null, reversesEntryId: null, reversesLineNo: null,
        lines: valued.map((line): ReceiptLine => ({ wasteTypeId: line.wasteTypeId, name: prices.get(line.wasteTypeId)!.name, unit: prices.get(line.wasteTypeId)!.unit, quantity: line.quantity, rupiahPerUnit: line.rupiahPerUnit!, value: line.value })),
        created: true,
      };
    }
    // A request already recorded is answered as it was, whatever has changed since.
    if (earlierEntryId !== null) return answered(earlierEntryId);
    // Nothing written: the same decisions as the statement's, in order, to say which refusal.
    if (!resident) return refuse(new DomainError("resident-not-served"));
    const current: ReceiptLine[] = [];
    for (const line of request.lines) {
      const price = prices.get(line.wasteTypeId);
      if (!price) return refuse(new DomainError("waste-type-not-found"));
      current.push({ wasteTypeId: price.wasteTypeId, name: price.name, unit: price.unit, quantity: line.quantity, rupiahPerUnit: price.rupiahPerUnit, value: lineValue(line.quantity, price.rupiahPerUnit) });
    }
    const currentTotal = current.reduce((sum, line) => sum + line.value, 0);
    if (request.lines.some((line, index) => line.rupiahPerUnit !== undefined && line.rupiahPerUnit !== current[index]!.rupiahPerUnit)) return refuse(new PricesChanged(current, currentTotal));
    if ((account?.balance ?? 0) + currentTotal > BALANCE_MAX) return refuse(new DomainError("balance-limit-exceeded", { max: BALANCE_MAX }));
    const priced = valued.every((line, index) => line.rupiahPerUnit === current[index]!.rupiahPerUnit);
    if (priced && account) {
      // Every check passes and the account was locked, yet no entry: a twin holds the key. Looked
      // up before giving up, so a last attempt lost only to a twin still answers its receipt.
      const twin = await entryIdOfKey(db, request.requestKey);
      if (twin !== undefined) return answered(twin);
    }
    if (attempt >= DEPOSIT_ATTEMPTS) throw new Error(`recordDeposit: ${request.requestKey} neither written nor refused after ${attempt} attempts`);
    // A line without a price, or a price set since the last reading: value them again. (Otherwise
    // a first deposit racing this one opened the account: the next statement locks it.)
    if (!priced) inForce = new Map(current.map((line) => [line.wasteTypeId, line.rupiahPerUnit]));
  }
}

export type WithdrawalRequest = { wasteBankId: number; personId: number; amount: number; requestKey: string };

/**
 * Pays out savings; never more than the balance. Lock the account, then look up the request key,
 * then check the balance: the twin of a request that was paid waits at the lock and then finds the
 * entry, so it gets the same receipt rather than "not enough savings".
 */
export async function recordWithdrawal(db: Database, actor: Actor, request: WithdrawalRequest, now: Date): Promise<Receipt> {
  const officer = requireOfficer(actor, request.wasteBankId);
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0 || request.amount > WITHDRAWAL_MAX) throw new DomainError("withdrawal-amount-invalid", { max: WITHDRAWAL_MAX });
  const outcome = await db.transaction(async (tx) => {
    const account = await lockAccount(tx, request.wasteBankId, request.personId);
    const earlier = await entryIdOfKey(tx, request.requestKey);
    if (earlier !== undefined) return { id: earlier, created: false };
    if (!account || account.balance < request.amount) throw new DomainError("insufficient-balance", { balance: account?.balance ?? 0 });
    const [current] = await tx
      .select({ rtId: membership.rtId })
      .from(membership)
      .where(and(eq(membership.personId, request.personId), eq(membership.status, "active")));
    const id = await appendEntry(tx, {
      requestKey: request.requestKey, accountId: account.id, wasteBankId: request.wasteBankId, personId: request.personId, rtId: current?.rtId ?? null,
      kind: "withdrawal", amount: -request.amount, occurredAt: now, recordedBy: officer, recordedAt: now,
    });
    if (id === undefined) return { id: (await entryIdOfKey(tx, request.requestKey))!, created: false };
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: officer, action: "ledger_withdrawal", rtId: current?.rtId ?? null, targetPersonId: request.personId,
      entityType: "ledger_entry", entityId: id, details: { wasteBankId: request.wasteBankId, amount: -request.amount },
    });
    return { id, created: true };
  });
  return { ...(await getReceipt(db, outcome.id)), created: outcome.created };
}

/** What to reverse: a whole entry, or (`lineNo`) one line of a deposit. */
export type ReversalTarget = { entryId: number; lineNo?: number | null };
export type ReversalRequest = ReversalTarget & { reason: string; requestKey: string };

type Original = typeof ledgerEntry.$inferSelect;

/**
 * What a reversal of `target` would take off the balance, if it may be made at all: not a
 * reversal, not reversed already (whole, or that line), a line only of a deposit, and no whole
 * reversal once a line was reversed (the rest is corrected line by line). Also whether it takes the
 * last line still standing (then the deposit's participation goes too).
 */
async function reversalAmount(db: Database, original: Original, lineNo: number | null): Promise<{ amount: number; lastLine: boolean }> {
  if (original.kind === "reversal") throw new DomainError("reversal-of-reversal");
  const earlier = await db.select({ lineNo: ledgerEntry.reversesLineNo }).from(ledgerEntry).where(eq(ledgerEntry.reversesEntryId, original.id));
  if (earlier.some((reversal) => reversal.lineNo === null)) throw new DomainError("entry-already-reversed");
  if (lineNo === null) {
    if (earlier.length > 0) throw new DomainError("entry-partly-reversed");
    return { amount: original.amount, lastLine: true };
  }
  if (original.kind !== "deposit") throw new DomainError("entry-line-not-found");
  const lines = await db.select({ lineNo: depositLine.lineNo, value: depositLine.value }).from(depositLine).where(eq(depositLine.entryId, original.id));
  const line = lines.find((candidate) => candidate.lineNo === lineNo);
  if (!line) throw new DomainError("entry-line-not-found");
  if (earlier.some((reversal) => reversal.lineNo === lineNo)) throw new DomainError("entry-already-reversed");
  return { amount: line.value, lastLine: earlier.length + 1 === lines.length };
}

/**
 * Undoes an entry, or one line of a deposit, with its mirror image: the original stays, a reversal
 * entry cancels its amount (the line's value). An entry is reversed at most once (whole, or each
 * line once), a reversal is never reversed, and a deposit whose money was already paid out cannot
 * be reversed into a negative balance. Reversing a deposit (or its last line standing) also takes
 * back its participation record.
 */
export async function reverseEntry(db: Database, actor: Actor, request: ReversalRequest, now: Date): Promise<Receipt> {
  if (request.reason.trim().length === 0) throw new DomainError("reversal-reason-required");
  const outcome = await db.transaction(async (tx) => {
    const [original] = await tx.select().from(ledgerEntry).where(eq(ledgerEntry.id, request.entryId));
    if (!original) throw new DomainError("entry-not-found");
    // The officer first: what a known key answers is only for an officer of the entry's bank.
    const officer = requireOfficer(actor, original.wasteBankId);
    // The account first, then the key: a twin of this request that got the lock before us has
    // committed by now, and its reversal is this one's answer (not "already reversed").
    const account = (await lockAccount(tx, original.wasteBankId, original.personId))!;
    const earlier = await entryIdOfKey(tx, request.requestKey);
    if (earlier !== undefined) return { id: earlier, created: false };
    const lineNo = request.lineNo ?? null;
    // Checked after the lock: a reversal racing this one has committed by now, or waits for us.
    const { amount, lastLine } = await reversalAmount(tx, original, lineNo);
    if (account.balance - amount < 0) throw new DomainError("reversal-exceeds-balance", { balance: account.balance });
    const id = await appendEntry(tx, {
      requestKey: request.requestKey, accountId: account.id, wasteBankId: original.wasteBankId, personId: original.personId, rtId: original.rtId,
      kind: "reversal", amount: -amount, reversesEntryId: original.id, reversesLineNo: lineNo, reason: request.reason, occurredAt: now, recordedBy: officer, recordedAt: now,
    });
    if (id === undefined) return { id: (await entryIdOfKey(tx, request.requestKey))!, created: false };
    if (original.kind === "deposit" && lastLine) await revokeParticipation(tx, entrySourceKey(original.id), now);
    // The reason is the officer's free text: it stays in the ledger, not in the log.
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: officer, action: "ledger_reversal", rtId: original.rtId, targetPersonId: original.personId,
      entityType: "ledger_entry", entityId: id, details: { wasteBankId: original.wasteBankId, amount: -amount, reversesEntryId: original.id, ...(lineNo === null ? {} : { reversesLineNo: lineNo }) },
    });
    return { id, created: true };
  });
  return { ...(await getReceipt(db, outcome.id)), created: outcome.created };
}

/** Why a reversal cannot be made now: the balance is short of it, after these later withdrawals (latest first). */
export type ReversalCheck =
  | { ok: true; amount: number; balance: number }
  | { ok: false; amount: number; balance: number; withdrawals: { entryId: number; occurredAt: Date; amount: number }[] };

/**
 * Whether the reversal of `target` could be made now, asked before the officer types a reason:
 * refused as `reverseEntry` would refuse it (another bank's entry, reversed already…), and when
 * the balance is short because the money was paid out since, the withdrawals that paid it out.
 * `reverseEntry` checks again under the lock; this is the early answer, not the guard.
 */
export async function checkReversal(db: Database, actor: Actor, target: ReversalTarget): Promise<ReversalCheck> {
  const [original] = await db.select().from(ledgerEntry).where(eq(ledgerEntry.id, target.entryId));
  if (!original) throw new DomainError("entry-not-found");
  requireOfficer(actor, original.wasteBankId);
  const { amount } = await reversalAmount(db, original, target.lineNo ?? null);
  const balance = await balanceOf(db, { wasteBankId: original.wasteBankId, personId: original.personId });
  if (balance - amount >= 0) return { ok: true, amount, balance };
  const withdrawals = await db
    .select({ entryId: ledgerEntry.id, occurredAt: ledgerEntry.occurredAt, amount: ledgerEntry.amount })
    .from(ledgerEntry)
    .where(and(eq(ledgerEntry.accountId, original.accountId), eq(ledgerEntry.kind, "withdrawal"), sql`${ledgerEntry.id} > ${original.id}`, sql`not ${reversedFlag}`))
    .orderBy(desc(ledgerEntry.id))
    .limit(3);
  return { ok: false, amount, balance, withdrawals: withdrawals.map((row) => ({ ...row, amount: -row.amount })) };
}

export type ReversibleLine = ReceiptLine & { lineNo: number };

/** The lines of a deposit not reversed yet, and whether the whole deposit still may be (no line reversed). */
export async function reversibleLines(db: Database, actor: Actor, entryId: number): Promise<{ lines: ReversibleLine[]; whole: boolean }> {
  const [original] = await db.select({ wasteBankId: ledgerEntry.wasteBankId }).from(ledgerEntry).where(eq(ledgerEntry.id, entryId));
  if (!original) throw new DomainError("entry-not-found");
  requireOfficer(actor, original.wasteBankId);
  const reversed = await db.select({ lineNo: ledgerEntry.reversesLineNo }).from(ledgerEntry).where(eq(ledgerEntry.reversesEntryId, entryId));
  if (reversed.some((reversal) => reversal.lineNo === null)) return { lines: [], whole: false };
  const lines = await db
    .select({ lineNo: depositLine.lineNo, wasteTypeId: depositLine.wasteTypeId, name: wasteType.name, unit: depositLine.unit, quantity: depositLine.quantity, rupiahPerUnit: depositLine.rupiahPerUnit, value: depositLine.value })
    .from(depositLine)
    .innerJoin(wasteType, eq(wasteType.id, depositLine.wasteTypeId))
    .where(eq(depositLine.entryId, entryId))
    .orderBy(asc(depositLine.lineNo));
  return { lines: lines.filter((line) => !reversed.some((reversal) => reversal.lineNo === line.lineNo)), whole: reversed.length === 0 };
}

/** An entry as a receipt, with the balance as it stood right after it. */
export async function getReceipt(db: Database, entryId: number): Promise<Omit<Receipt, "created">> {
  const [entry] = await db
    .select({
      entryId: ledgerEntry.id, kind: ledgerEntry.kind, amount: ledgerEntry.amount, occurredAt: ledgerEntry.occurredAt, accountId: ledgerEntry.accountId,
      wasteBankId: ledgerEntry.wasteBankId, bankName: wasteBank.name, personId: ledgerEntry.personId, telegramId: person.telegramId, locale: person.locale,
      displayName: person.displayName, reason: ledgerEntry.reason, reversesEntryId: ledgerEntry.reversesEntryId, reversesLineNo: ledgerEntry.reversesLineNo,
    })
    .from(ledgerEntry)
    .innerJoin(wasteBank, eq(wasteBank.id, ledgerEntry.wasteBankId))
    .innerJoin(person, eq(person.id, ledgerEntry.personId))
    .where(eq(ledgerEntry.id, entryId));
  if (!entry) throw new DomainError("entry-not-found");
  const [{ balance } = { balance: 0 }] = await db
    .select({ balance: sql<string>`coalesce(sum(${ledgerEntry.amount}), 0)`.mapWith(exactAmount) })
    .from(ledgerEntry)
    .where(and(eq(ledgerEntry.accountId, entry.accountId), sql`${ledgerEntry.id} <= ${entryId}`));
  const lines = await db
    .select({ wasteTypeId: depositLine.wasteTypeId, name: wasteType.name, unit: depositLine.unit, quantity: depositLine.quantity, rupiahPerUnit: depositLine.rupiahPerUnit, value: depositLine.value })
    .from(depositLine)
    .innerJoin(wasteType, eq(wasteType.id, depositLine.wasteTypeId))
    .where(eq(depositLine.entryId, entryId))
    .orderBy(asc(depositLine.lineNo));
  const { accountId: _accountId, ...rest } = entry;
  return { ...rest, balance, lines };
}

export type AccountSummary = { accountId: number; wasteBankId: number; bankName: string; balance: number };

/** A resident's balances, one per bank they have saved at (usually one). */
export async function accountsOf(db: Database, personId: number): Promise<AccountSummary[]> {
  return accountsOfPerson(db, { person: personId });
}

/** accountsOf's statement, read by every /saldo and statement button: built once (preparedOnce). */
const accountsOfPerson = preparedOnce<{ person: number }, AccountSummary[]>("accounts_of_person", (db) =>
  db
    .select({ accountId: bankAccount.id, wasteBankId: bankAccount.wasteBankId, bankName: wasteBank.name, balance: bankAccount.balance })
    .from(bankAccount)
    .innerJoin(wasteBank, eq(wasteBank.id, bankAccount.wasteBankId))
    .where(eq(bankAccount.personId, sql.placeholder("person")))
    .orderBy(asc(bankAccount.id)),
);

/** An account: one resident's savings at one bank. */
export type AccountOf = { wasteBankId: number; personId: number };

/** An account's balance as an officer of its bank reads it at the counter; anyone else is refused. */
export async function officerBalance(db: Database, actor: Actor, account: AccountOf): Promise<number> {
  requireOfficer(actor, account.wasteBankId);
  return balanceOf(db, account);
}

export async function balanceOf(db: Database, account: AccountOf): Promise<number> {
  const { wasteBankId, personId } = account;
  const [row] = await db.select({ balance: bankAccount.balance }).from(bankAccount).where(and(eq(bankAccount.wasteBankId, wasteBankId), eq(bankAccount.personId, personId)));
  return row?.balance ?? 0;
}

export type EntrySummary = { entryId: number; kind: EntryKind; amount: number; occurredAt: Date; reason: string | null; reversesEntryId: number | null; reversed: boolean };

// Spelled out: inside a subquery drizzle would leave the outer column unqualified. Reversed whole,
// or a deposit with every line reversed one by one.
const reversedFlag = sql<boolean>`(exists (select 1 from ledger_entry r where r.reverses_entry_id = "ledger_entry"."id" and r.reverses_line_no is null)
  or ("ledger_entry"."kind" = 'deposit' and exists (select 1 from ledger_entry r where r.reverses_entry_id = "ledger_entry"."id")
    and not exists (select 1 from deposit_line l where l.entry_id = "ledger_entry"."id"
      and not exists (select 1 from ledger_entry r where r.reverses_entry_id = l.entry_id and r.reverses_line_no = l.line_no))))`;

function entrySummaries(db: Database) {
  return db
    .select({ entryId: ledgerEntry.id, kind: ledgerEntry.kind, amount: ledgerEntry.amount, occurredAt: ledgerEntry.occurredAt, reason: ledgerEntry.reason, reversesEntryId: ledgerEntry.reversesEntryId, reversed: reversedFlag })
    .from(ledgerEntry);
}

/** The latest entries of an account, newest first. */
export async function recentEntries(db: Database, params: AccountOf & { limit: number }): Promise<EntrySummary[]> {
  return latestOfAccount(db, { bank: params.wasteBankId, person: params.personId, limit: params.limit });
}

/** recentEntries' statement, read by every /saldo: built once (preparedOnce). */
const latestOfAccount = preparedOnce<{ bank: number; person: number; limit: number }, EntrySummary[]>("latest_entries_of_account", (db) =>
  entrySummaries(db)
    .where(and(eq(ledgerEntry.wasteBankId, sql.placeholder("bank")), eq(ledgerEntry.personId, sql.placeholder("person"))))
    .orderBy(desc(ledgerEntry.id))
    .limit(sql.placeholder("limit")),
);

/** Entries an officer of the bank may still reverse: not reversals, not yet reversed; newest first. */
export async function reversibleEntries(db: Database, actor: Actor, params: AccountOf & { limit: number }): Promise<EntrySummary[]> {
  const { wasteBankId, personId, limit } = params;
  requireOfficer(actor, wasteBankId);
  return entrySummaries(db)
    .where(and(eq(ledgerEntry.wasteBankId, wasteBankId), eq(ledgerEntry.personId, personId), inArray(ledgerEntry.kind, ["deposit", "withdrawal"]), sql`not ${reversedFlag}`))
    .orderBy(desc(ledgerEntry.id))
    .limit(limit);
}

export type Statement = { opening: number; closing: number; deposits: number; withdrawals: number; reversals: number; entries: EntrySummary[] };

/** One account over [from, to): the balance before, every entry in it, the balance after. */
export async function statement(db: Database, params: AccountOf & { from: Date; to: Date }): Promise<Statement> {
  const { wasteBankId, personId, from, to } = params;
  const account = and(eq(ledgerEntry.wasteBankId, wasteBankId), eq(ledgerEntry.personId, personId));
  const [{ opening } = { opening: 0 }] = await db
    .select({ opening: sql<string>`coalesce(sum(${ledgerEntry.amount}), 0)`.mapWith(exactAmount) })
    .from(ledgerEntry)
    .where(and(account, lt(ledgerEntry.occurredAt, from)));
  const entries = await entrySummaries(db)
    .where(and(account, gte(ledgerEntry.occurredAt, from), lt(ledgerEntry.occurredAt, to)))
    .orderBy(asc(ledgerEntry.occurredAt), asc(ledgerEntry.id));
  // 0 - x, not -x: a month without withdrawals is 0, not -0 (which Intl prints as "-0").
  const sum = (kind: EntryKind) => entries.filter((entry) => entry.kind === kind).reduce((total, entry) => total + entry.amount, 0);
  return { opening, closing: opening + entries.reduce((total, entry) => total + entry.amount, 0), deposits: sum("deposit"), withdrawals: 0 - sum("withdrawal"), reversals: sum("reversal"), entries };
}

export type LedgerAudit = {
  accounts: number;
  entries: number;
  /** Accounts whose balance is not the sum of their entries. */
  balanceMismatches: number;
  negativeBalances: number;
  /** Deposits whose amount is not the sum of their lines. */
  depositLineMismatches: number;
  /** Entries reversed more than once (the unique index should make this impossible). */
  doubleReversals: number;
  ok: boolean;
};

/** Checks the ledger's invariants across every account; the tests and bench:ledger run it. */
export async function auditLedger(db: Database): Promise<LedgerAudit> {
  type Counts = { accounts: number; entries: number; mismatches: number; negatives: number; line_mismatches: number; double_reversals: number };
  const [counts] = (await queryRows<Counts>(db, sql`
    select
      (select count(*)::int from ${bankAccount}) as accounts,
      (select count(*)::int from ${ledgerEntry}) as entries,
      (select count(*)::int from ${bankAccount} a
        where a.balance <> coalesce((select sum(e.amount) from ${ledgerEntry} e where e.account_id = a.id), 0)) as mismatches,
      (select count(*)::int from ${bankAccount} where balance < 0) as negatives,
      (select count(*)::int from ${ledgerEntry} e where e.kind = 'deposit'
        and e.amount <> coalesce((select sum(l.value) from ${depositLine} l where l.entry_id = e.id), -1)) as line_mismatches,
      (select count(*)::int from (select reverses_entry_id from ${ledgerEntry} where reverses_entry_id is not null
        group by reverses_entry_id, coalesce(reverses_line_no, 0) having count(*) > 1) d) as double_reversals
  `)) as [Counts];
  const audit = {
    accounts: Number(counts.accounts),
    entries: Number(counts.entries),
    balanceMismatches: Number(counts.mismatches),
    negativeBalances: Number(counts.negatives),
    depositLineMismatches: Number(counts.line_mismatches),
    doubleReversals: Number(counts.double_reversals),
  };
  return { ...audit, ok: audit.balanceMismatches === 0 && audit.negativeBalances === 0 && audit.depositLineMismatches === 0 && audit.doubleReversals === 0 };
}
