import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, ledgerEntry, outbox, participation, person } from "../../../src/db/schema/index.js";
import { setPrice } from "../../../src/domain/bank-sampah/banks.js";
import { deposit, reverse, withdraw, type DepositOutcome } from "../../../src/domain/bank-sampah/receipts.js";
import type { ServiceDeps } from "../../../src/domain/service.js";
import { withTestDatabase } from "../../helpers/database.js";
import { actorOf, bankWorld, expectRefusal, minutesAfter, OPENED, type BankWorld } from "./world.js";

const database = withTestDatabase();
let world: BankWorld;
let wakes = 0;

beforeEach(async () => {
  world = await bankWorld(database.db);
  wakes = 0;
});

const NOW = minutesAfter(OPENED, 60);
/** Texts that show which message and values were chosen, in which language. */
const deps = (): ServiceDeps => ({
  db: database.db,
  i18n: { t: (locale, key, vars) => `${locale}|${key}|${JSON.stringify(vars ?? {})}` },
  clock: () => NOW,
  wakeDelivery: () => void wakes++,
});

async function rows() {
  return {
    entries: await database.db.select().from(ledgerEntry).orderBy(asc(ledgerEntry.id)),
    audits: (await database.db.select().from(auditLog)).filter((row) => row.action.startsWith("ledger_")),
    participations: await database.db.select().from(participation),
    notices: await database.db.select().from(outbox).orderBy(asc(outbox.id)),
  };
}

/** The outcome of a deposit that was saved (fails the test if it was not). */
async function saved(outcome: Promise<DepositOutcome>): Promise<Extract<DepositOutcome, { saved: true }>> {
  const result = await outcome;
  if (!result.saved) throw new Error(`not saved: ${JSON.stringify(result)}`);
  return result;
}

describe("receipt services", () => {
  it("saves a deposit with its audit, participation and receipt notice once, however often its request key comes", async () => {
    const actor = await actorOf(database.db, world.petugas);
    const request = { actor, wasteBankId: world.bank.id, personId: world.siti.personId, lines: [{ wasteTypeId: world.types.kardus.id, quantity: 2500, rupiahPerUnit: 1800 }], requestKey: "deposit:1:abc" };
    const first = await saved(deposit(deps(), request));
    // Asked again after the price changed: the first receipt, not "prices changed".
    await setPrice(database.db, actor, world.types.kardus.id, 2000, NOW, NOW);
    const again = await saved(deposit(deps(), request));
    expect(again).toEqual({ ...first, receipt: { ...first.receipt, created: false } });
    expect(first).toMatchObject({ saved: true, officer: "Petugas", sent: true, receipt: { kind: "deposit", amount: 4500, balance: 4500, created: true } });
    const { entries, audits, participations, notices } = await rows();
    expect(entries).toHaveLength(1);
    expect(audits).toHaveLength(1);
    expect(participations).toHaveLength(1);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ chatId: world.siti.id, personId: world.siti.personId, dedupeKey: `notice:bank-receipt:${entries[0]!.id}:person:${world.siti.personId}` });
    expect(String((notices[0]!.payload as { text: string }).text)).toMatch(/^id\|bank-receipt-deposit\|/);
    expect(wakes).toBe(2); // woken after each commit; the second found nothing new, which is harmless
  });

  it("saves a withdrawal and a reversal once each by their request keys, the reversal naming what it undid", async () => {
    const actor = await actorOf(database.db, world.petugas);
    const first = await saved(deposit(deps(), { actor, wasteBankId: world.bank.id, personId: world.siti.personId, lines: [{ wasteTypeId: world.types.kardus.id, quantity: 5000, rupiahPerUnit: 1800 }], requestKey: "deposit:1:a" }));
    const payout = { actor, wasteBankId: world.bank.id, personId: world.siti.personId, amount: 1000, requestKey: "withdrawal:1:b" };
    const paid = await withdraw(deps(), payout);
    expect(await withdraw(deps(), payout)).toEqual({ ...paid, receipt: { ...paid.receipt, created: false } });
    const undo = { actor, entryId: paid.receipt.entryId, reason: "salah hitung", requestKey: "reversal:1:c" };
    const reversed = await reverse(deps(), undo);
    expect(await reverse(deps(), undo)).toEqual({ ...reversed, receipt: { ...reversed.receipt, created: false } });
    expect(first.receipt.balance).toBe(9000);
    expect(reversed).toMatchObject({ receipt: { kind: "reversal", amount: 1000, balance: 9000, created: true }, original: { kind: "withdrawal", occurredAt: NOW.getTime() } });
    const { entries, audits, participations, notices } = await rows();
    expect(entries.map((entry) => entry.kind)).toEqual(["deposit", "withdrawal", "reversal"]);
    expect(audits.map((audit) => audit.action)).toEqual(["ledger_deposit", "ledger_withdrawal", "ledger_reversal"]);
    expect(participations).toHaveLength(1); // the deposit's
    expect(notices.map((notice) => notice.dedupeKey)).toEqual(entries.map((entry) => `notice:bank-receipt:${entry.id}:person:${world.siti.personId}`));
  });

  it("writes each receipt in the resident's own language, which comes with the entry", async () => {
    await database.db.update(person).set({ locale: "en" }).where(eq(person.id, world.siti.personId));
    const actor = await actorOf(database.db, world.petugas);
    await saved(deposit(deps(), { actor, wasteBankId: world.bank.id, personId: world.siti.personId, lines: [{ wasteTypeId: world.types.kardus.id, quantity: 5000, rupiahPerUnit: 1800 }], requestKey: "deposit:en:a" }));
    const paid = await withdraw(deps(), { actor, wasteBankId: world.bank.id, personId: world.siti.personId, amount: 1000, requestKey: "withdrawal:en:b" });
    await reverse(deps(), { actor, entryId: paid.receipt.entryId, reason: "salah hitung", requestKey: "reversal:en:c" });
    const { notices } = await rows();
    expect(notices.map((notice) => String((notice.payload as { text: string }).text).split("|").slice(0, 2).join("|"))).toEqual(["en|bank-receipt-deposit", "en|bank-receipt-withdrawal", "en|bank-receipt-reversal"]);
  });

  it("writes nothing, notice included, when the save is refused", async () => {
    const actor = await actorOf(database.db, world.otherPetugas);
    await expectRefusal(deposit(deps(), { actor, wasteBankId: world.bank.id, personId: world.siti.personId, lines: [{ wasteTypeId: world.types.kardus.id, quantity: 1000, rupiahPerUnit: 1800 }], requestKey: "deposit:9:x" }), "not-allowed");
    expect(await rows()).toEqual({ entries: [], audits: [], participations: [], notices: [] });
  });
});
