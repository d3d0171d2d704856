import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { bankAccount, depositLine, ledgerEntry } from "../../../src/db/schema/index.js";
import { lineValue, parsePrice, parseQuantity, parseWithdrawal } from "../../../src/domain/bank-sampah/amounts.js";
import { addWasteType, retireWasteType, setPrice } from "../../../src/domain/bank-sampah/banks.js";
import { auditLedger, balanceOf, getReceipt, recordDeposit, recordWithdrawal, reverseEntry, statement } from "../../../src/domain/bank-sampah/ledger.js";
import {
  BALANCE_MAX, DEPOSIT_LINES_MAX, DEPOSIT_MAX, exactAmount, LINE_VALUE_MAX, PRICE_MAX, QUANTITY_MAX, QUANTITY_MAX_BASE, WITHDRAWAL_MAX,
} from "../../../src/domain/bank-sampah/limits.js";
import { monthlyBankReport } from "../../../src/domain/bank-sampah/report.js";
import type { Actor } from "../../../src/domain/people/actor.js";
import { withTestDatabase } from "../../helpers/database.js";
import { actorOf, bankWorld, expectRefusal, minutesAfter, OPENED, type BankWorld } from "./world.js";

// The limits the parsers and the services share, at their edges, on whichever database the run has.
const database = withTestDatabase();
let world: BankWorld;
let officer: Actor;
const NOW = minutesAfter(OPENED, 60);
let keys = 0;
const key = () => `limits:${++keys}`;

beforeEach(async () => {
  world = await bankWorld(database.db);
  officer = await actorOf(database.db, world.petugas);
});

/** Logam at the highest price a type may have, from now. */
async function priciestType(): Promise<number> {
  await setPrice(database.db, officer, world.types.logam.id, PRICE_MAX, NOW, NOW);
  return world.types.logam.id;
}

const deposit = (lines: { wasteTypeId: number; quantity: number; rupiahPerUnit?: number }[], at = NOW) =>
  recordDeposit(database.db, officer, { wasteBankId: world.bank.id, personId: world.siti.personId, lines, requestKey: key() }, at);

describe("the limits, stated once", () => {
  it("keep every value and the sums the bot makes of them exact in a JavaScript number", () => {
    expect(LINE_VALUE_MAX).toBe(lineValue(QUANTITY_MAX_BASE, PRICE_MAX));
    expect(LINE_VALUE_MAX).toBe(5_000_000_000);
    expect(LINE_VALUE_MAX).toBeGreaterThan(2 ** 31 - 1); // what a 32-bit column could not hold
    expect(DEPOSIT_MAX).toBe(DEPOSIT_LINES_MAX * LINE_VALUE_MAX);
    expect(QUANTITY_MAX_BASE * PRICE_MAX).toBeLessThan(Number.MAX_SAFE_INTEGER); // lineValue's product
    expect(BALANCE_MAX * 900).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(WITHDRAWAL_MAX).toBeLessThanOrEqual(BALANCE_MAX);
  });

  it("are the parsers' limits: just inside is read, just outside is refused", () => {
    expect(parseQuantity(`${QUANTITY_MAX} kg`, "kg")).toEqual({ ok: true, value: QUANTITY_MAX_BASE });
    expect(parseQuantity("500.000 gr", "kg")).toEqual({ ok: true, value: QUANTITY_MAX_BASE });
    expect(parseQuantity("500,001 kg", "kg")).toEqual({ ok: false, reason: "quantity-too-large", vars: { max: QUANTITY_MAX } });
    expect(parseQuantity("500.001 ml", "liter")).toEqual({ ok: false, reason: "quantity-too-large", vars: { max: QUANTITY_MAX } });
    expect(parsePrice("Rp 10.000.000")).toEqual({ ok: true, value: PRICE_MAX });
    expect(parsePrice("10 jt")).toEqual({ ok: true, value: PRICE_MAX });
    expect(parsePrice("10.000.001")).toEqual({ ok: false, reason: "money-out-of-range", vars: { min: 0, max: PRICE_MAX } });
    expect(parsePrice("0")).toEqual({ ok: true, value: 0 });
    expect(parseWithdrawal("100 jt")).toEqual({ ok: true, value: WITHDRAWAL_MAX });
    expect(parseWithdrawal("100.000.001")).toEqual({ ok: false, reason: "money-out-of-range", vars: { min: 1, max: WITHDRAWAL_MAX } });
    expect(parseWithdrawal("0")).toMatchObject({ ok: false, reason: "money-out-of-range" });
    // Far past 2^53: refused as out of range, never rounded into range.
    expect(parseWithdrawal("999.999.999.999.999 jt")).toMatchObject({ ok: false, reason: "money-out-of-range" });
    expect(parseQuantity("999999999999999 kg", "kg")).toMatchObject({ ok: false, reason: "quantity-too-large" });
  });

  it("read sums back exactly, or refuse to", () => {
    expect(exactAmount("9007199254740991")).toBe(Number.MAX_SAFE_INTEGER);
    expect(exactAmount(`${DEPOSIT_MAX * 3}`)).toBe(300_000_000_000);
    expect(exactAmount(null)).toBe(0);
    expect(() => exactAmount("9007199254740993")).toThrow(RangeError);
    expect(() => exactAmount("12.5")).toThrow(RangeError);
  });
});

describe("a deposit at the limits", () => {
  it("saves a line worth more than Rp 2.147.483.647: 500 kg at Rp 10.000.000/kg", async () => {
    const logam = await priciestType();
    const receipt = await deposit([{ wasteTypeId: logam, quantity: QUANTITY_MAX_BASE, rupiahPerUnit: PRICE_MAX }]);
    expect(receipt).toMatchObject({ amount: LINE_VALUE_MAX, balance: LINE_VALUE_MAX, lines: [{ quantity: QUANTITY_MAX_BASE, rupiahPerUnit: PRICE_MAX, value: LINE_VALUE_MAX }] });
    const [line] = await database.db.select().from(depositLine);
    expect(line).toMatchObject({ quantity: 500_000, rupiahPerUnit: 10_000_000, value: 5_000_000_000 });
    expect(await getReceipt(database.db, receipt.entryId)).toMatchObject({ amount: LINE_VALUE_MAX, balance: LINE_VALUE_MAX, lines: [{ value: LINE_VALUE_MAX }] });
  });

  it("adds up the largest deposits exactly: lines, entries, balance, statement, monthly report", async () => {
    const logam = await priciestType();
    const full = Array.from({ length: DEPOSIT_LINES_MAX }, () => ({ wasteTypeId: logam, quantity: QUANTITY_MAX_BASE }));
    const receipts = [];
    for (let i = 0; i < 3; i++) receipts.push(await deposit(full, minutesAfter(NOW, i)));
    expect(receipts.map((receipt) => [receipt.amount, receipt.balance])).toEqual([
      [DEPOSIT_MAX, DEPOSIT_MAX],
      [DEPOSIT_MAX, 2 * DEPOSIT_MAX],
      [DEPOSIT_MAX, 3 * DEPOSIT_MAX],
    ]);
    // One unit less on the last line: the sums stay exact to the Rupiah.
    const odd = await deposit([...full.slice(1), { wasteTypeId: logam, quantity: QUANTITY_MAX_BASE - 1 }], minutesAfter(NOW, 5));
    const total = 4 * DEPOSIT_MAX - PRICE_MAX / 1000;
    expect(odd).toMatchObject({ amount: DEPOSIT_MAX - PRICE_MAX / 1000, balance: total });
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: world.siti.personId })).toBe(total);
    expect((await database.db.select().from(ledgerEntry).orderBy(asc(ledgerEntry.id))).map((entry) => entry.amount)).toEqual([DEPOSIT_MAX, DEPOSIT_MAX, DEPOSIT_MAX, DEPOSIT_MAX - 10_000]);
    expect(await auditLedger(database.db)).toMatchObject({ entries: 4, ok: true });

    const paid = await recordWithdrawal(database.db, officer, { wasteBankId: world.bank.id, personId: world.siti.personId, amount: WITHDRAWAL_MAX, requestKey: key() }, minutesAfter(NOW, 6));
    expect(paid.balance).toBe(total - WITHDRAWAL_MAX);
    const undone = await reverseEntry(database.db, officer, { entryId: receipts[0]!.entryId, reason: "salah timbang", requestKey: key() }, minutesAfter(NOW, 7));
    expect(undone).toMatchObject({ amount: -DEPOSIT_MAX, balance: total - WITHDRAWAL_MAX - DEPOSIT_MAX });

    const month = await statement(database.db, { wasteBankId: world.bank.id, personId: world.siti.personId, from: OPENED, to: minutesAfter(NOW, 60) });
    expect(month).toMatchObject({ opening: 0, deposits: total, withdrawals: WITHDRAWAL_MAX, reversals: -DEPOSIT_MAX, closing: total - WITHDRAWAL_MAX - DEPOSIT_MAX });
    const report = await monthlyBankReport(database.db, world.bank.id, { year: 2026, month: 11 }, minutesAfter(NOW, 60));
    expect(report.totals).toMatchObject({ depositCount: 4, deposits: total, withdrawals: WITHDRAWAL_MAX, reversals: -DEPOSIT_MAX, net: total - WITHDRAWAL_MAX - DEPOSIT_MAX });
    expect(report.closingBalance).toBe(total - WITHDRAWAL_MAX - DEPOSIT_MAX);
    expect(report.byType).toEqual([expect.objectContaining({ depositedQuantity: 80 * QUANTITY_MAX_BASE - 1, depositedValue: total, reversedValue: DEPOSIT_MAX, netValue: total - DEPOSIT_MAX })]);
  });

  it("refuses just past the limits, writing nothing", async () => {
    const logam = await priciestType();
    await expectRefusal(deposit([{ wasteTypeId: logam, quantity: QUANTITY_MAX_BASE + 1 }]), "deposit-line-invalid", { max: QUANTITY_MAX });
    await expectRefusal(deposit([{ wasteTypeId: logam, quantity: 1000, rupiahPerUnit: PRICE_MAX + 1 }]), "deposit-line-invalid", { max: QUANTITY_MAX });
    await expectRefusal(deposit(Array.from({ length: DEPOSIT_LINES_MAX + 1 }, () => ({ wasteTypeId: logam, quantity: 1 }))), "deposit-too-many-lines", { max: DEPOSIT_LINES_MAX });
    await expectRefusal(setPrice(database.db, officer, logam, PRICE_MAX + 1, NOW, NOW), "price-out-of-range", { max: PRICE_MAX });
    await expectRefusal(addWasteType(database.db, officer, world.bank.id, { name: "Tembaga", unit: "kg", rupiahPerUnit: PRICE_MAX + 1 }, NOW), "price-out-of-range");
    await expectRefusal(
      recordWithdrawal(database.db, officer, { wasteBankId: world.bank.id, personId: world.siti.personId, amount: WITHDRAWAL_MAX + 1, requestKey: key() }, NOW),
      "withdrawal-amount-invalid",
      { max: WITHDRAWAL_MAX },
    );
    expect(await database.db.select().from(ledgerEntry)).toEqual([]);
    expect(await database.db.select().from(bankAccount)).toEqual([]);
  });

  it("never takes a balance past BALANCE_MAX: up to it is saved, past it nothing is", async () => {
    const kardus = world.types.kardus.id; // Rp 1.800/kg
    await deposit([{ wasteTypeId: kardus, quantity: 1000 }]);
    // A balance near the limit, as if built up over the years (the ledger's own sum aside).
    await database.db.update(bankAccount).set({ balance: BALANCE_MAX - 1800 }).where(eq(bankAccount.personId, world.siti.personId));
    const before = await database.db.select().from(ledgerEntry);
    await expectRefusal(deposit([{ wasteTypeId: kardus, quantity: 1001 }]), "balance-limit-exceeded", { max: BALANCE_MAX });
    expect(await database.db.select().from(ledgerEntry)).toEqual(before);
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: world.siti.personId })).toBe(BALANCE_MAX - 1800);
    expect(await deposit([{ wasteTypeId: kardus, quantity: 1000 }])).toMatchObject({ amount: 1800, created: true });
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: world.siti.personId })).toBe(BALANCE_MAX);
  });
});

describe("a deposit confirmed at other prices than those in force", () => {
  it("saves nothing and answers with the lines at the prices now; the same lines at those prices are saved", async () => {
    const kardus = world.types.kardus.id;
    const pet = world.types.pet.id;
    await setPrice(database.db, officer, kardus, 2000, NOW, NOW);
    const confirmed = [{ wasteTypeId: kardus, quantity: 2000, rupiahPerUnit: 1800 }, { wasteTypeId: pet, quantity: 1000, rupiahPerUnit: 3000 }];
    const requestKey = key();
    const refusal = await recordDeposit(database.db, officer, { wasteBankId: world.bank.id, personId: world.siti.personId, lines: confirmed, requestKey }, NOW).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toMatchObject({
      code: "deposit-prices-changed",
      total: 7000,
      lines: [
        { wasteTypeId: kardus, name: "Kardus", unit: "kg", quantity: 2000, rupiahPerUnit: 2000, value: 4000 },
        { wasteTypeId: pet, name: "Plastik PET (botol)", unit: "kg", quantity: 1000, rupiahPerUnit: 3000, value: 3000 },
      ],
    });
    expect(await database.db.select().from(ledgerEntry)).toEqual([]);
    expect(await database.db.select().from(bankAccount)).toEqual([]); // not even the account it would have opened

    const saved = await recordDeposit(database.db, officer, { wasteBankId: world.bank.id, personId: world.siti.personId, lines: [{ ...confirmed[0]!, rupiahPerUnit: 2000 }, confirmed[1]!], requestKey }, NOW);
    expect(saved).toMatchObject({ amount: 7000, balance: 7000, created: true });
    // Once saved, the same request is answered with its receipt, whatever the prices it carries.
    expect(await recordDeposit(database.db, officer, { wasteBankId: world.bank.id, personId: world.siti.personId, lines: confirmed, requestKey }, NOW)).toEqual({ ...saved, created: false });
    expect(await auditLedger(database.db)).toMatchObject({ entries: 1, ok: true });
  });

  it("a line confirmed at the price it had, of a type retired since, saves nothing and opens no account", async () => {
    const kaca = world.types.kaca.id;
    await retireWasteType(database.db, officer, kaca, NOW);
    const lines = [{ wasteTypeId: world.types.pet.id, quantity: 1000, rupiahPerUnit: 3000 }, { wasteTypeId: kaca, quantity: 1000, rupiahPerUnit: 300 }];
    await expectRefusal(recordDeposit(database.db, officer, { wasteBankId: world.bank.id, personId: world.siti.personId, lines, requestKey: key() }, NOW), "waste-type-not-found");
    expect(await database.db.select().from(ledgerEntry)).toEqual([]);
    expect(await database.db.select().from(depositLine)).toEqual([]);
    expect(await database.db.select().from(bankAccount)).toEqual([]);
  });
});
