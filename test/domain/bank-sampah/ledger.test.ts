import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { bankAccount, depositLine, ledgerEntry, participation } from "../../../src/db/schema/index.js";
import { revokeOfficer } from "../../../src/domain/bank-sampah/banks.js";
import {
  accountsOf, auditLedger, balanceOf, getReceipt, recentEntries, recordDeposit, recordWithdrawal, reverseEntry, reversibleEntries, statement,
  type DepositRequest,
} from "../../../src/domain/bank-sampah/ledger.js";
import { DEPOSIT_LINES_MAX } from "../../../src/domain/bank-sampah/limits.js";
import { wibInstant } from "../../../src/domain/schedule/wib.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addPending, newUser, snapshotState } from "../../helpers/fixtures.js";
import { actorOf, bankWorld, expectRefusal, minutesAfter, OPENED, participationOfEntry, type BankWorld, type Person } from "./world.js";

const database = withTestDatabase();
let world: BankWorld;

beforeEach(async () => {
  world = await bankWorld(database.db);
});

const db = () => database.db;
const NOW = minutesAfter(OPENED, 60); // Senin 2 November 2026, 11.00 WIB
let keys = 0;
const key = () => `test:${++keys}`;

type Lines = DepositRequest["lines"];

async function deposit(lines: Lines, options: { who?: Person; by?: Person; at?: Date; requestKey?: string; bankId?: number } = {}) {
  const actor = await actorOf(db(), options.by ?? world.petugas);
  return recordDeposit(db(), actor, { wasteBankId: options.bankId ?? world.bank.id, personId: (options.who ?? world.siti).personId, lines, requestKey: options.requestKey ?? key() }, options.at ?? NOW);
}

async function withdraw(amount: number, options: { who?: Person; by?: Person; at?: Date; requestKey?: string } = {}) {
  const actor = await actorOf(db(), options.by ?? world.petugas);
  return recordWithdrawal(db(), actor, { wasteBankId: world.bank.id, personId: (options.who ?? world.siti).personId, amount, requestKey: options.requestKey ?? key() }, options.at ?? NOW);
}

async function reverse(entryId: number, options: { by?: Person; at?: Date; requestKey?: string; reason?: string } = {}) {
  const actor = await actorOf(db(), options.by ?? world.petugas);
  return reverseEntry(db(), actor, { entryId, reason: options.reason ?? "salah timbang", requestKey: options.requestKey ?? key() }, options.at ?? NOW);
}

const balance = (who: Person = world.siti) => balanceOf(db(), { wasteBankId: world.bank.id, personId: who.personId });
const entryCount = async () => (await db().select({ id: ledgerEntry.id }).from(ledgerEntry)).length;

describe("deposits and receipts", () => {
  it("values each line at the price in force, adds the total to the balance and gives a receipt", async () => {
    const receipt = await deposit([
      { wasteTypeId: world.types.pet.id, quantity: 2500 }, // 2,5 kg × 3000
      { wasteTypeId: world.types.kardus.id, quantity: 750 }, // 750 g × 1800
      { wasteTypeId: world.types.jelantah.id, quantity: 1200 }, // 1,2 l × 5000
    ]);

    expect(receipt).toEqual({
      entryId: receipt.entryId,
      kind: "deposit",
      amount: 7500 + 1350 + 6000,
      balance: 14_850,
      occurredAt: NOW,
      wasteBankId: world.bank.id,
      bankName: "Bank Sampah Sipin Bersih",
      personId: world.siti.personId,
      telegramId: world.siti.id,
      locale: "id",
      displayName: "Siti",
      reason: null,
      reversesEntryId: null,
      reversesLineNo: null,
      lines: [
        { wasteTypeId: world.types.pet.id, name: "Plastik PET (botol)", unit: "kg", quantity: 2500, rupiahPerUnit: 3000, value: 7500 },
        { wasteTypeId: world.types.kardus.id, name: "Kardus", unit: "kg", quantity: 750, rupiahPerUnit: 1800, value: 1350 },
        { wasteTypeId: world.types.jelantah.id, name: "Minyak jelantah", unit: "liter", quantity: 1200, rupiahPerUnit: 5000, value: 6000 },
      ],
      created: true,
    });
    expect(await balance()).toBe(14_850);

    const second = await deposit([{ wasteTypeId: world.types.logam.id, quantity: 500 }], { at: minutesAfter(NOW, 5) });
    expect(second).toMatchObject({ amount: 3000, balance: 17_850 });
    // An old receipt still shows the balance right after its own entry.
    expect((await getReceipt(db(), receipt.entryId)).balance).toBe(14_850);
    expect(await accountsOf(db(), world.siti.personId)).toEqual([{ accountId: expect.any(Number), wasteBankId: world.bank.id, bankName: "Bank Sampah Sipin Bersih", balance: 17_850 }]);
  });

  it("rounds each line to the nearest Rupiah, halves up, and totals the rounded lines", async () => {
    const receipt = await deposit([
      { wasteTypeId: world.types.kertas.id, quantity: 333 }, // 499,5 → 500
      { wasteTypeId: world.types.kertas.id, quantity: 333 }, // 499,5 → 500
      { wasteTypeId: world.types.kaca.id, quantity: 1 }, // 0,3 → 0
      { wasteTypeId: world.types.kaca.id, quantity: 5 }, // 1,5 → 2
      { wasteTypeId: world.types.campur.id, quantity: 1 }, // 1,0 → 1
    ]);
    expect(receipt.lines.map((line) => line.value)).toEqual([500, 500, 0, 2, 1]);
    // Rounding the sum (999 + 0,3 + 1,5 + 1 = 1001,8) would give 1002; the receipt adds up as printed.
    expect(receipt.amount).toBe(1003);
    expect(receipt.balance).toBe(1003);
  });

  it("writes one verified participation record per deposit, for the resident's RT and household", async () => {
    const receipt = await deposit([{ wasteTypeId: world.types.pet.id, quantity: 1000 }], { who: world.budi });
    expect(await participationOfEntry(db(), receipt.entryId)).toEqual([
      expect.objectContaining({
        rtId: world.rt2.id, personId: world.budi.personId, householdLabel: "Rumah 3", kind: "bank_sampah", occurredAt: NOW, verified: true, source: "deposit",
        recordedBy: world.petugas.personId, revokedAt: null,
      }),
    ]);
    const [entry] = await db().select().from(ledgerEntry).where(eq(ledgerEntry.id, receipt.entryId));
    expect(entry).toMatchObject({ recordedBy: world.petugas.personId, recordedAt: NOW, rtId: world.rt2.id });
  });

  it("refuses an empty deposit, too many lines, and impossible quantities", async () => {
    const before = await snapshotState(db());
    await expectRefusal(deposit([]), "deposit-empty");
    await expectRefusal(deposit(Array.from({ length: DEPOSIT_LINES_MAX + 1 }, () => ({ wasteTypeId: world.types.pet.id, quantity: 1000 }))), "deposit-too-many-lines", { max: DEPOSIT_LINES_MAX });
    for (const quantity of [0, -1000, 1.5, Number.NaN, 500_001]) await expectRefusal(deposit([{ wasteTypeId: world.types.pet.id, quantity }]), "deposit-line-invalid", { max: 500 });
    expect(await snapshotState(db())).toEqual(before);
    expect((await deposit(Array.from({ length: DEPOSIT_LINES_MAX }, () => ({ wasteTypeId: world.types.pet.id, quantity: 500_000 })))).amount).toBe(DEPOSIT_LINES_MAX * 1_500_000);
  });
});

describe("one confirmation, one entry", () => {
  it("the same request key twice records once and returns the first receipt", async () => {
    const lines = [{ wasteTypeId: world.types.pet.id, quantity: 2000 }];
    const first = await deposit(lines, { requestKey: "confirm:77" });
    const again = await deposit(lines, { requestKey: "confirm:77", at: minutesAfter(NOW, 1) });
    // Even a redelivery that somehow carries other lines changes nothing.
    const changed = await deposit([{ wasteTypeId: world.types.logam.id, quantity: 9000 }], { requestKey: "confirm:77" });

    expect(first.created).toBe(true);
    expect(again).toEqual({ ...first, created: false });
    expect(changed).toEqual({ ...first, created: false });
    expect(await entryCount()).toBe(1);
    expect(await db().select().from(participation)).toHaveLength(1);
    expect(await balance()).toBe(6000);
  });

  it("different keys are different deposits", async () => {
    const lines = [{ wasteTypeId: world.types.pet.id, quantity: 2000 }];
    const first = await deposit(lines, { requestKey: "confirm:1" });
    const second = await deposit(lines, { requestKey: "confirm:2" });
    expect(second.entryId).not.toBe(first.entryId);
    expect(second).toMatchObject({ created: true, balance: 12_000 });
    expect(await entryCount()).toBe(2);
    expect(await db().select().from(participation)).toHaveLength(2);
  });

  it("withdrawals and reversals are idempotent too", async () => {
    const paidIn = await deposit([{ wasteTypeId: world.types.logam.id, quantity: 2000 }]); // 12.000
    const out = await withdraw(5000, { requestKey: "tarik:1" });
    expect(await withdraw(5000, { requestKey: "tarik:1" })).toEqual({ ...out, created: false });
    // Even when the balance would no longer allow it: the answer is the first one.
    await withdraw(7000);
    expect(await withdraw(5000, { requestKey: "tarik:1" })).toMatchObject({ entryId: out.entryId, created: false });

    const undone = await reverse(out.entryId, { requestKey: "batal:1" });
    expect(await reverse(out.entryId, { requestKey: "batal:1" })).toEqual({ ...undone, created: false });
    expect(await balance()).toBe(5000);
    expect(await entryCount()).toBe(4);
    expect(paidIn.created).toBe(true);
  });
});

describe("withdrawals", () => {
  it("pays out up to exactly the balance, never more", async () => {
    await deposit([{ wasteTypeId: world.types.pet.id, quantity: 5000 }]); // 15.000
    const before = await snapshotState(db());
    await expectRefusal(withdraw(15_001), "insufficient-balance", { balance: 15_000 });
    expect(await snapshotState(db())).toEqual(before);

    const receipt = await withdraw(15_000, { at: minutesAfter(NOW, 1) });
    expect(receipt).toMatchObject({ kind: "withdrawal", amount: -15_000, balance: 0, lines: [], created: true, personId: world.siti.personId });
    expect(await balance()).toBe(0);
    await expectRefusal(withdraw(1), "insufficient-balance", { balance: 0 });
    const [entry] = await db().select().from(ledgerEntry).where(eq(ledgerEntry.id, receipt.entryId));
    expect(entry).toMatchObject({ recordedBy: world.petugas.personId, rtId: world.rt1.id });
  });

  it("refuses a resident with no account, and amounts that are not whole positive Rupiah", async () => {
    await expectRefusal(withdraw(1000, { who: world.budi }), "insufficient-balance", { balance: 0 });
    await deposit([{ wasteTypeId: world.types.pet.id, quantity: 5000 }]);
    for (const amount of [0, -100, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 100_000_001]) await expectRefusal(withdraw(amount), "withdrawal-amount-invalid", { max: 100_000_000 });
    expect(await balance()).toBe(15_000);
  });
});

describe("reversals", () => {
  it("need a reason", async () => {
    const original = await deposit([{ wasteTypeId: world.types.pet.id, quantity: 2000 }]);
    for (const reason of ["", "   "]) await expectRefusal(reverse(original.entryId, { reason }), "reversal-reason-required");
    expect(await balance()).toBe(6000);
  });

  it("undo a deposit with a mirror entry, take back its participation, and keep the original", async () => {
    const original = await deposit([{ wasteTypeId: world.types.pet.id, quantity: 2000 }]); // 6.000
    await deposit([{ wasteTypeId: world.types.kardus.id, quantity: 1000 }]); // 1.800
    const later = minutesAfter(NOW, 30);
    const receipt = await reverse(original.entryId, { at: later, reason: "dobel input" });

    expect(receipt).toMatchObject({ kind: "reversal", amount: -6000, balance: 1800, reason: "dobel input", reversesEntryId: original.entryId, occurredAt: later, lines: [], created: true });
    expect(await balance()).toBe(1800);
    expect(await participationOfEntry(db(), original.entryId)).toEqual([expect.objectContaining({ revokedAt: later })]);
    // Nothing edited or deleted: the deposit is still there as it was.
    const { created: _created, ...asRecorded } = original;
    expect(await getReceipt(db(), original.entryId)).toEqual(asRecorded);
    const [entry] = await db().select().from(ledgerEntry).where(eq(ledgerEntry.id, receipt.entryId));
    expect(entry).toMatchObject({ recordedBy: world.petugas.personId, reason: "dobel input" });
  });

  it("undo a withdrawal, giving the money back", async () => {
    await deposit([{ wasteTypeId: world.types.pet.id, quantity: 2000 }]);
    const out = await withdraw(4000);
    const participationBefore = await db().select().from(participation);
    expect((await reverse(out.entryId)).balance).toBe(6000);
    expect(await balance()).toBe(6000);
    expect(await db().select().from(participation)).toEqual(participationBefore);
  });

  it("an entry is reversed at most once, and a reversal is never reversed", async () => {
    const original = await deposit([{ wasteTypeId: world.types.pet.id, quantity: 2000 }]);
    const reversal = await reverse(original.entryId);
    const before = await snapshotState(db());
    await expectRefusal(reverse(original.entryId), "entry-already-reversed");
    await expectRefusal(reverse(reversal.entryId), "reversal-of-reversal");
    await expectRefusal(reverse(987_654), "entry-not-found");
    expect(await snapshotState(db())).toEqual(before);
    expect(await balance()).toBe(0);
  });

  it("refuse to undo a deposit whose money was already paid out", async () => {
    const original = await deposit([{ wasteTypeId: world.types.logam.id, quantity: 1000 }]); // 6.000
    const out = await withdraw(5000);
    await expectRefusal(reverse(original.entryId), "reversal-exceeds-balance", { balance: 1000 });
    expect(await balance()).toBe(1000);
    expect(await participationOfEntry(db(), original.entryId)).toEqual([expect.objectContaining({ revokedAt: null })]);
    // Undo the payout first, then the deposit: back to nothing.
    await reverse(out.entryId);
    await reverse(original.entryId);
    expect(await balance()).toBe(0);
  });

  it("lists what may still be reversed, newest first, and flags reversed entries", async () => {
    const a = await deposit([{ wasteTypeId: world.types.pet.id, quantity: 1000 }]);
    const b = await deposit([{ wasteTypeId: world.types.pet.id, quantity: 2000 }]);
    const c = await withdraw(1000);
    const r = await reverse(b.entryId);
    expect((await reversibleEntries(db(), await actorOf(db(), world.petugas), { wasteBankId: world.bank.id, personId: world.siti.personId, limit: 10 })).map((entry) => entry.entryId)).toEqual([c.entryId, a.entryId]);
    const recent = await recentEntries(db(), { wasteBankId: world.bank.id, personId: world.siti.personId, limit: 3 });
    expect(recent.map(({ entryId, kind, amount, reversed, reversesEntryId }) => ({ entryId, kind, amount, reversed, reversesEntryId }))).toEqual([
      { entryId: r.entryId, kind: "reversal", amount: -6000, reversed: false, reversesEntryId: b.entryId },
      { entryId: c.entryId, kind: "withdrawal", amount: -1000, reversed: false, reversesEntryId: null },
      { entryId: b.entryId, kind: "deposit", amount: 6000, reversed: true, reversesEntryId: null },
    ]);
    expect(await recentEntries(db(), { wasteBankId: world.bank.id, personId: world.budi.personId, limit: 10 })).toEqual([]);
  });
});

describe("who may record", () => {
  const lines = () => [{ wasteTypeId: world.types.pet.id, quantity: 1000 }];

  it("only an officer of this bank: not a resident, not the ketua or koordinator, not another bank's officer", async () => {
    const paid = await deposit(lines());
    const before = await snapshotState(db());
    for (const by of [world.siti, world.ketua1, world.koordinator, world.otherPetugas]) {
      await expectRefusal(deposit(lines(), { by }), "not-allowed");
      await expectRefusal(withdraw(100, { by }), "not-allowed");
      await expectRefusal(reverse(paid.entryId, { by }), "not-allowed");
    }
    // The other bank's officer cannot record at this bank even for its own residents.
    await expectRefusal(deposit(lines(), { by: world.otherPetugas, who: world.andi }), "not-allowed");
    expect(await snapshotState(db())).toEqual(before);
  });

  it("not an officer whose appointment was revoked", async () => {
    await deposit(lines());
    await revokeOfficer(db(), await actorOf(db(), world.koordinator), { wasteBankId: world.bank.id, personId: world.petugas.personId }, NOW);
    await expectRefusal(deposit(lines()), "not-allowed");
    await expectRefusal(withdraw(100), "not-allowed");
    expect(await entryCount()).toBe(1);
  });

  it("deposits only for active residents of the RTs the bank serves", async () => {
    const pending = newUser("Baru");
    const waiting = { ...pending, personId: (await addPending(db(), pending, world.rt1.id)).personId };
    const before = await snapshotState(db());
    await expectRefusal(deposit(lines(), { who: world.andi }), "resident-not-served");
    await expectRefusal(deposit(lines(), { who: waiting }), "resident-not-served");
    expect(await snapshotState(db())).toEqual(before);
    // Andi's own bank takes his deposit.
    const receipt = await deposit([{ wasteTypeId: world.otherTypes.pet.id, quantity: 1000 }], { who: world.andi, by: world.otherPetugas, bankId: world.otherBank.id });
    expect(receipt).toMatchObject({ created: true, wasteBankId: world.otherBank.id, balance: 3000 });
  });
});

describe("statements", () => {
  const month = (year: number, monthNo: number) => wibInstant({ year, month: monthNo, day: 1 }, { hour: 0, minute: 0 });

  it("cut months at midnight WIB, with the opening balance carried over", async () => {
    const kg = (quantity: number) => [{ wasteTypeId: world.types.pet.id, quantity: quantity * 1000 }]; // Rp 3.000 per kg
    await deposit(kg(1), { at: new Date("2026-11-10T03:00:00Z") });
    // Senin 30 November 23.30 WIB: November.
    await deposit(kg(2), { at: new Date("2026-11-30T16:30:00Z") });
    // Selasa 1 Desember 00.30 WIB is December, though it is still 30 November in UTC.
    const early = await deposit(kg(4), { at: new Date("2026-11-30T17:30:00Z") });
    await withdraw(5000, { at: new Date("2026-12-15T05:00:00Z") });
    // 31 December 23.59 WIB: still December.
    await reverse(early.entryId, { at: new Date("2026-12-31T16:59:00Z") });
    // 1 Januari 00.00 WIB exactly: January.
    await deposit(kg(8), { at: month(2027, 1) });

    const november = await statement(db(), { wasteBankId: world.bank.id, personId: world.siti.personId, from: month(2026, 11), to: month(2026, 12) });
    expect(november).toMatchObject({ opening: 0, closing: 9000, deposits: 9000, withdrawals: 0, reversals: 0 });
    expect(november.entries.map((entry) => entry.amount)).toEqual([3000, 6000]);

    const december = await statement(db(), { wasteBankId: world.bank.id, personId: world.siti.personId, from: month(2026, 12), to: month(2027, 1) });
    expect(december).toMatchObject({ opening: 9000, closing: 4000, deposits: 12_000, withdrawals: 5000, reversals: -12_000 });
    expect(december.entries.map((entry) => [entry.kind, entry.amount, entry.reversed])).toEqual([
      ["deposit", 12_000, true],
      ["withdrawal", -5000, false],
      ["reversal", -12_000, false],
    ]);

    const january = await statement(db(), { wasteBankId: world.bank.id, personId: world.siti.personId, from: month(2027, 1), to: month(2027, 2) });
    expect(january).toMatchObject({ opening: 4000, closing: 28_000, deposits: 24_000 });
    expect(january.closing).toBe(await balance());
    // Another resident's month is empty.
    expect(await statement(db(), { wasteBankId: world.bank.id, personId: world.budi.personId, from: month(2026, 11), to: month(2026, 12) })).toEqual({ opening: 0, closing: 0, deposits: 0, withdrawals: 0, reversals: 0, entries: [] });
  });
});

describe("the ledger audit", () => {
  async function busyDay() {
    const a = await deposit([{ wasteTypeId: world.types.pet.id, quantity: 2500 }, { wasteTypeId: world.types.jelantah.id, quantity: 700 }]);
    await deposit([{ wasteTypeId: world.types.kertas.id, quantity: 333 }], { who: world.budi });
    const out = await withdraw(2000);
    await reverse(out.entryId);
    await reverse(a.entryId);
    await deposit([{ wasteTypeId: world.types.besi.id, quantity: 12_000 }]);
    await withdraw(42_000);
    await deposit([{ wasteTypeId: world.otherTypes.kardus.id, quantity: 3000 }], { who: world.andi, by: world.otherPetugas, bankId: world.otherBank.id });
  }

  it("is clean after deposits, withdrawals and reversals", async () => {
    await busyDay();
    expect(await auditLedger(db())).toEqual({ accounts: 3, entries: 8, balanceMismatches: 0, negativeBalances: 0, depositLineMismatches: 0, doubleReversals: 0, ok: true });
  });

  it("notices a balance changed behind the ledger's back", async () => {
    await busyDay();
    await db().update(bankAccount).set({ balance: sql`${bankAccount.balance} + 1` }).where(eq(bankAccount.personId, world.budi.personId));
    expect(await auditLedger(db())).toMatchObject({ balanceMismatches: 1, ok: false });
  });

  it("notices a deposit line changed behind the ledger's back", async () => {
    await busyDay();
    const [line] = await db().select().from(depositLine).limit(1);
    await db().update(depositLine).set({ value: line!.value + 100 }).where(sql`${depositLine.entryId} = ${line!.entryId} and ${depositLine.lineNo} = ${line!.lineNo}`);
    expect(await auditLedger(db())).toMatchObject({ depositLineMismatches: 1, balanceMismatches: 0, ok: false });
  });

  it("notices an entry slipped in without moving the balance", async () => {
    await busyDay();
    const [account] = await db().select().from(bankAccount).where(eq(bankAccount.personId, world.siti.personId));
    await db().insert(ledgerEntry).values({
      requestKey: "forged", accountId: account!.id, wasteBankId: world.bank.id, personId: world.siti.personId, kind: "withdrawal", amount: -1, occurredAt: NOW, recordedBy: world.petugas.personId, recordedAt: NOW,
    });
    expect(await auditLedger(db())).toMatchObject({ balanceMismatches: 1, ok: false });
  });

  it("the database itself refuses a negative balance", async () => {
    await deposit([{ wasteTypeId: world.types.pet.id, quantity: 1000 }]);
    await expect(db().update(bankAccount).set({ balance: -1 }).where(eq(bankAccount.personId, world.siti.personId))).rejects.toThrow();
    expect(await balance()).toBe(3000);
  });
});
