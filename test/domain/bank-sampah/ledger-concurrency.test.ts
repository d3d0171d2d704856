import { eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database, type DatabaseHandle } from "../../../src/db/client.js";
import { ledgerEntry, participation } from "../../../src/db/schema/index.js";
import { auditLedger, balanceOf, recordDeposit, recordWithdrawal, reverseEntry, type Receipt } from "../../../src/domain/bank-sampah/ledger.js";
import { DomainError } from "../../../src/domain/errors.js";
import type { Actor } from "../../../src/domain/people/actor.js";
import { withTestDatabase } from "../../helpers/database.js";
import { actorOf, bankWorld, minutesAfter, OPENED, type BankWorld, type Person } from "./world.js";

// Several connection pools on one real PostgreSQL server: PGlite has a single connection and
// cannot race. Skipped without TEST_DATABASE_URL.
const server = !process.env.TEST_DATABASE_URL;

const database = withTestDatabase();
let world: BankWorld;
let pools: DatabaseHandle[] = [];
let officer: Actor;
const NOW = minutesAfter(OPENED, 60);

beforeAll(async () => {
  if (!server) pools = await Promise.all([1, 2, 3].map(() => openDatabase({ kind: "postgres", url: database.url! })));
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});
beforeEach(async () => {
  world = await bankWorld(database.db);
  officer = await actorOf(database.db, world.petugas);
});

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Runs the operation and returns the refusal's code instead of throwing it; anything else fails the test. */
async function outcome<T>(operation: Promise<T>): Promise<T | { refused: string }> {
  try {
    return await operation;
  } catch (error) {
    if (error instanceof DomainError) return { refused: error.code };
    throw error;
  }
}

const isReceipt = (value: unknown): value is Receipt => typeof value === "object" && value !== null && "entryId" in value;

describe.skipIf(server)("the ledger under concurrent use (real PostgreSQL, several connections)", () => {
  it("loses no update and never goes negative: 3 pools × 20 parallel operations, five rounds", async () => {
    const accounts: Person[] = [world.siti, world.budi, await world.member("Citra", world.rt1.id), await world.member("Dodi", world.rt2.id)];
    const typeIds = [world.types.pet.id, world.types.kardus.id, world.types.logam.id, world.types.jelantah.id];
    const next = random(20261102);
    const receipts: Receipt[] = [];
    const refusals: string[] = [];
    let attempted = 0;

    for (let round = 0; round < 5; round++) {
      const operations = pools.flatMap((pool) =>
        Array.from({ length: 20 }, () => {
          const who = accounts[Math.floor(next() * accounts.length)]!;
          const requestKey = `race:${round}:${attempted++}`;
          const at = minutesAfter(NOW, round);
          if (next() < 0.55) {
            const lines = Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({ wasteTypeId: typeIds[Math.floor(next() * typeIds.length)]!, quantity: 100 + Math.floor(next() * 3000) }));
            return outcome(recordDeposit(pool.db, officer, { wasteBankId: world.bank.id, personId: who.personId, lines, requestKey }, at));
          }
          // Sized so that, with this seed, whatever the interleaving some must be refused and some paid (see below).
          return outcome(recordWithdrawal(pool.db, officer, { wasteBankId: world.bank.id, personId: who.personId, amount: 1000 + Math.floor(next() * 30_000), requestKey }, at));
        }),
      );
      for (const result of await Promise.all(operations)) {
        if (isReceipt(result)) receipts.push(result);
        else refusals.push(result.refused);
      }
    }

    expect(receipts.length + refusals.length).toBe(300);
    expect(new Set(refusals)).toEqual(new Set(["insufficient-balance"]));
    // Both kinds of outcome happened, or the test proved nothing. How many depends on the
    // interleaving; that there are some does not (worked out for this seed): one account is asked
    // for more in all than it receives, and one withdrawal of a later round is covered even if
    // every earlier withdrawal and every other one of its round was paid first.
    expect(refusals.length).toBeGreaterThan(0);
    expect(receipts.filter((receipt) => receipt.kind === "withdrawal").length).toBeGreaterThan(0);
    expect(receipts.every((receipt) => receipt.created)).toBe(true);

    for (const who of accounts) {
      const own = receipts.filter((receipt) => receipt.personId === who.personId).sort((a, b) => a.entryId - b.entryId);
      const expected = own.reduce((sum, receipt) => sum + receipt.amount, 0);
      expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: who.personId })).toBe(expected);
      // Each receipt's balance is the one before it plus its amount, and never below zero:
      // the changes to one account happened one after another.
      let running = 0;
      for (const receipt of own) {
        running += receipt.amount;
        expect(receipt.balance).toBe(running);
        expect(receipt.balance).toBeGreaterThanOrEqual(0);
      }
    }
    const deposits = receipts.filter((receipt) => receipt.kind === "deposit");
    expect(await database.db.select({ id: participation.id }).from(participation)).toHaveLength(deposits.length);
    expect(await auditLedger(database.db)).toMatchObject({ entries: receipts.length, ok: true });
  });

  it("the same request key from two connections at once records one entry (first deposits, so the account is new too)", async () => {
    const residents = await Promise.all(Array.from({ length: 20 }, (_, i) => world.member(`Kembar${i}`, i % 2 ? world.rt1.id : world.rt2.id)));
    const [a, b] = pools as [DatabaseHandle, DatabaseHandle];
    const pairs = await Promise.all(
      residents.map((who, i) => {
        const request = { wasteBankId: world.bank.id, personId: who.personId, lines: [{ wasteTypeId: world.types.pet.id, quantity: 1000 + i }], requestKey: `tap:${i}` };
        const submit = (db: Database) => recordDeposit(db, officer, request, NOW);
        return Promise.all(i % 2 ? [submit(a.db), submit(b.db)] : [submit(b.db), submit(a.db)]);
      }),
    );

    for (const [first, second] of pairs) {
      expect([first.created, second.created].sort()).toEqual([false, true]);
      expect(first.entryId).toBe(second.entryId);
      expect(first.balance).toBe(second.balance);
    }
    const keys = residents.map((_, i) => `tap:${i}`);
    const entries = await database.db.select({ id: ledgerEntry.id }).from(ledgerEntry).where(inArray(ledgerEntry.requestKey, keys));
    expect(entries).toHaveLength(20);
    expect(await database.db.select({ id: participation.id }).from(participation).where(like(participation.sourceKey, "bank-entry:%"))).toHaveLength(20);
    for (const [i, who] of residents.entries()) expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: who.personId })).toBe(Math.round(((1000 + i) * 3000) / 1000));
    expect((await auditLedger(database.db)).ok).toBe(true);
  });

  it("two reversals of the same entry from two connections at once: exactly one succeeds", async () => {
    const [a, b] = pools as [DatabaseHandle, DatabaseHandle];
    const originals = [];
    for (let i = 0; i < 20; i++) {
      originals.push(await recordDeposit(database.db, officer, { wasteBankId: world.bank.id, personId: (i % 2 ? world.siti : world.budi).personId, lines: [{ wasteTypeId: world.types.kardus.id, quantity: 1000 }], requestKey: `dep:${i}` }, NOW));
    }
    const results = await Promise.all(
      originals.map((original, i) =>
        Promise.all([
          outcome(reverseEntry(a.db, officer, { entryId: original.entryId, reason: "salah", requestKey: `undo:a:${i}` }, NOW)),
          outcome(reverseEntry(b.db, officer, { entryId: original.entryId, reason: "salah", requestKey: `undo:b:${i}` }, NOW)),
        ]),
      ),
    );

    for (const pair of results) {
      expect(pair.filter(isReceipt)).toHaveLength(1);
      expect(pair.filter((result) => !isReceipt(result))).toEqual([{ refused: "entry-already-reversed" }]);
    }
    for (const original of originals) {
      expect(await database.db.select({ id: ledgerEntry.id }).from(ledgerEntry).where(eq(ledgerEntry.reversesEntryId, original.entryId))).toHaveLength(1);
    }
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: world.siti.personId })).toBe(0);
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: world.budi.personId })).toBe(0);
    expect(await auditLedger(database.db)).toMatchObject({ doubleReversals: 0, ok: true });
  });

  it("a reversal and a withdrawal racing for the same money: one of them is refused", async () => {
    const [a, b] = pools as [DatabaseHandle, DatabaseHandle];
    const residents = await Promise.all(Array.from({ length: 10 }, (_, i) => world.member(`Balap${i}`, world.rt1.id)));
    const results = await Promise.all(
      residents.map(async (who, i) => {
        const paid = await recordDeposit(database.db, officer, { wasteBankId: world.bank.id, personId: who.personId, lines: [{ wasteTypeId: world.types.logam.id, quantity: 1000 }], requestKey: `paid:${i}` }, NOW);
        return Promise.all([
          outcome(reverseEntry(a.db, officer, { entryId: paid.entryId, reason: "salah", requestKey: `undo:${i}` }, NOW)),
          outcome(recordWithdrawal(b.db, officer, { wasteBankId: world.bank.id, personId: who.personId, amount: 5000, requestKey: `out:${i}` }, NOW)),
        ]);
      }),
    );
    for (const [i, [undo, out]] of results.entries()) {
      expect([isReceipt(undo), isReceipt(out)].filter(Boolean)).toHaveLength(1);
      const left = await balanceOf(database.db, { wasteBankId: world.bank.id, personId: residents[i]!.personId });
      expect(left).toBe(isReceipt(undo) ? 0 : 1000);
    }
    expect((await auditLedger(database.db)).ok).toBe(true);
  });
});

describe.skipIf(server)("the same request arriving twice at once (real PostgreSQL, two connections)", () => {
  it("a deposit confirmed at the prices shown, to an open account: one entry, and both arrivals get the same receipt", async () => {
    const [a, b] = pools as [DatabaseHandle, DatabaseHandle];
    const residents = await Promise.all(Array.from({ length: 10 }, (_, i) => world.member(`Setor${i}`, i % 2 ? world.rt1.id : world.rt2.id)));
    for (const [i, who] of residents.entries()) {
      await recordDeposit(database.db, officer, { wasteBankId: world.bank.id, personId: who.personId, lines: [{ wasteTypeId: world.types.logam.id, quantity: 1000 }], requestKey: `open:${i}` }, NOW);
    }
    // Kardus at Rp 1.800/kg and PET at Rp 3.000/kg, as /setor's summary shows them.
    const lines = (i: number) => [{ wasteTypeId: world.types.kardus.id, quantity: 1000 + i, rupiahPerUnit: 1800 }, { wasteTypeId: world.types.pet.id, quantity: 500, rupiahPerUnit: 3000 }];
    const pairs = await Promise.all(
      residents.map((who, i) => {
        const request = { wasteBankId: world.bank.id, personId: who.personId, lines: lines(i), requestKey: `setor:twin:${i}` };
        const submit = (db: Database) => recordDeposit(db, officer, request, minutesAfter(NOW, 1));
        return Promise.all(i % 2 ? [submit(a.db), submit(b.db)] : [submit(b.db), submit(a.db)]);
      }),
    );
    for (const [i, [first, second]] of pairs.entries()) {
      expect([first.created, second.created].sort()).toEqual([false, true]);
      // The receipt built from what the statement wrote is the one read back for the twin.
      expect(first).toEqual({ ...second, created: first.created });
      const amount = Math.floor(((1000 + i) * 1800 + 500) / 1000) + 1500;
      expect(first).toMatchObject({ kind: "deposit", amount, balance: 6000 + amount });
      expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: residents[i]!.personId })).toBe(6000 + amount);
    }
    expect(await database.db.select({ id: ledgerEntry.id }).from(ledgerEntry).where(like(ledgerEntry.requestKey, "setor:twin:%"))).toHaveLength(10);
    expect(await database.db.select({ id: participation.id }).from(participation).where(like(participation.sourceKey, "bank-entry:%"))).toHaveLength(20);
    expect((await auditLedger(database.db)).ok).toBe(true);
  });

  it("a key reused at the same moment for another resident's first deposit opens no account with money and no entry", async () => {
    const [a, b] = pools as [DatabaseHandle, DatabaseHandle];
    const [first, other] = await Promise.all([world.member("Pertama", world.rt1.id), world.member("Lain", world.rt2.id)]);
    const request = (who: Person) => ({ wasteBankId: world.bank.id, personId: who.personId, lines: [{ wasteTypeId: world.types.pet.id, quantity: 1000, rupiahPerUnit: 3000 }], requestKey: "reused" });
    let second: Promise<Receipt | { refused: string } | { failed: true }> | undefined;
    await a.db.transaction(async (tx) => {
      await recordDeposit(tx, officer, request(first), NOW);
      // The other deposit starts while the key is written and not committed: it waits for it at
      // the entry's unique key (or, started late, sees it and is answered with its receipt).
      second = outcome(recordDeposit(b.db, officer, request(other), NOW)).catch(() => ({ failed: true as const }));
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const answer = await second!;
    if (isReceipt(answer)) expect(answer).toMatchObject({ personId: first.personId, created: false });
    else expect(answer).toEqual({ failed: true });
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: other.personId })).toBe(0);
    expect(await auditLedger(database.db)).toMatchObject({ entries: 1, ok: true });
  });

  it("a withdrawal that the balance covers once: both arrivals get the first receipt, none is refused", async () => {
    const [a, b] = pools as [DatabaseHandle, DatabaseHandle];
    const residents = await Promise.all(Array.from({ length: 10 }, (_, i) => world.member(`Kembar${i}`, world.rt1.id)));
    for (const [i, who] of residents.entries()) {
      // Rp 6.000, enough for one payout of Rp 5.000 and not two.
      await recordDeposit(database.db, officer, { wasteBankId: world.bank.id, personId: who.personId, lines: [{ wasteTypeId: world.types.logam.id, quantity: 1000 }], requestKey: `seed:${i}` }, NOW);
    }
    const pairs = await Promise.all(
      residents.map((who, i) => {
        const request = { wasteBankId: world.bank.id, personId: who.personId, amount: 5000, requestKey: `withdrawal:twin:${i}` };
        const submit = (db: Database) => outcome(recordWithdrawal(db, officer, request, NOW));
        return Promise.all(i % 2 ? [submit(a.db), submit(b.db)] : [submit(b.db), submit(a.db)]);
      }),
    );
    for (const [i, pair] of pairs.entries()) {
      expect(pair.every(isReceipt), JSON.stringify(pair)).toBe(true);
      const [first, second] = pair as [Receipt, Receipt];
      expect([first.created, second.created].sort()).toEqual([false, true]);
      expect(first).toEqual({ ...second, created: first.created });
      expect(first).toMatchObject({ kind: "withdrawal", amount: -5000, balance: 1000 });
      expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: residents[i]!.personId })).toBe(1000);
    }
    expect(await database.db.select({ id: ledgerEntry.id }).from(ledgerEntry).where(like(ledgerEntry.requestKey, "withdrawal:twin:%"))).toHaveLength(10);
    expect((await auditLedger(database.db)).ok).toBe(true);
  });

  it("a reversal: both arrivals get the first receipt, neither is told it was already reversed", async () => {
    const [a, b] = pools as [DatabaseHandle, DatabaseHandle];
    const originals = [];
    for (let i = 0; i < 10; i++) {
      originals.push(await recordDeposit(database.db, officer, { wasteBankId: world.bank.id, personId: (i % 2 ? world.siti : world.budi).personId, lines: [{ wasteTypeId: world.types.kardus.id, quantity: 1000 }], requestKey: `dep:${i}` }, NOW));
    }
    const pairs = await Promise.all(
      originals.map((original, i) => {
        const request = { entryId: original.entryId, reason: "salah timbang", requestKey: `reversal:twin:${i}` };
        const submit = (db: Database) => outcome(reverseEntry(db, officer, request, NOW));
        return Promise.all(i % 2 ? [submit(a.db), submit(b.db)] : [submit(b.db), submit(a.db)]);
      }),
    );
    for (const pair of pairs) {
      expect(pair.every(isReceipt), JSON.stringify(pair)).toBe(true);
      const [first, second] = pair as [Receipt, Receipt];
      expect([first.created, second.created].sort()).toEqual([false, true]);
      expect(first.entryId).toBe(second.entryId);
    }
    expect(await balanceOf(database.db, { wasteBankId: world.bank.id, personId: world.siti.personId })).toBe(0);
    expect(await auditLedger(database.db)).toMatchObject({ doubleReversals: 0, ok: true });
  });
});
