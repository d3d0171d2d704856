import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { depositLine, wasteBankOfficer, wastePrice } from "../../../src/db/schema/index.js";
import {
  addRtToWasteBank, addWasteType, appointOfficer, createWasteBank, DEFAULT_WASTE_TYPES, listOfficers, listWasteTypes, pricesAt, priceHistory, retireWasteType, revokeOfficer, setPrice,
} from "../../../src/domain/bank-sampah/banks.js";
import { getReceipt, recordDeposit } from "../../../src/domain/bank-sampah/ledger.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addKetua, addPending, addRt, KELURAHAN_BULURAN_KENALI, KELURAHAN_PAYO_SELINCAH, newUser, snapshotState } from "../../helpers/fixtures.js";
import { actorOf, bankWorld, expectRefusal, minutesAfter, OPENED, type BankWorld } from "./world.js";

const database = withTestDatabase();
let world: BankWorld;

beforeEach(async () => {
  world = await bankWorld(database.db);
});

const db = () => database.db;
const DAY = 24 * 60;
let keys = 0;
const key = () => `test:${++keys}`;

async function deposit(at: Date, lines: { wasteTypeId: number; quantity: number }[], who = world.siti) {
  return recordDeposit(db(), await actorOf(db(), world.petugas), { wasteBankId: world.bank.id, personId: who.personId, lines, requestKey: key() }, at);
}

describe("opening a waste bank", () => {
  it("starts with the default types, priced from the moment it opens", async () => {
    const types = await listWasteTypes(db(), world.bank.id, OPENED);
    expect(types.map(({ name, unit, rupiahPerUnit, effectiveFrom, next }) => ({ name, unit, rupiahPerUnit, effectiveFrom, next }))).toEqual(
      DEFAULT_WASTE_TYPES.map((type) => ({ ...type, effectiveFrom: OPENED, next: null })),
    );
    expect(types.find((type) => type.name === "Minyak jelantah")?.unit).toBe("liter");
    // Nothing is priced before the bank opened.
    expect(await listWasteTypes(db(), world.bank.id, minutesAfter(OPENED, -1))).toEqual([]);
  });

  it("lets a ketua open one for the RT they head", async () => {
    const rt = await addRt(db(), 9);
    const ketua = newUser("Ketua9");
    await addKetua(db(), ketua, rt.id);
    const bank = await createWasteBank(db(), await actorOf(db(), ketua), { name: "Bank RT 09", rtIds: [rt.id] }, OPENED);
    expect(bank.rts).toEqual([{ id: rt.id, number: 9 }]);
    expect(bank.kelurahanCode).toBe(world.rt1.kelurahanCode);
  });

  it("refuses a ketua opening one for another RT, or for theirs and another", async () => {
    const rt = await addRt(db(), 9);
    const ketua1 = await actorOf(db(), world.ketua1);
    await expectRefusal(createWasteBank(db(), ketua1, { name: "Bank RT 09", rtIds: [rt.id] }, OPENED), "not-allowed");
    const rt10 = await addRt(db(), 10);
    const ketua10 = newUser("Ketua10");
    await addKetua(db(), ketua10, rt10.id);
    const before = await snapshotState(db());
    await expectRefusal(createWasteBank(db(), await actorOf(db(), ketua10), { name: "Bank", rtIds: [rt10.id, rt.id] }, OPENED), "not-allowed");
    expect(await snapshotState(db())).toEqual(before);
  });

  it("refuses a resident, and a bank across kelurahan or for an RT already served", async () => {
    const rtOtherKelurahan = await addRt(db(), 3, KELURAHAN_BULURAN_KENALI);
    const koordinator = await actorOf(db(), world.koordinator);
    await expectRefusal(createWasteBank(db(), await actorOf(db(), world.siti), { name: "Bank Siti", rtIds: [world.rt1.id] }, OPENED), "not-allowed");
    await expectRefusal(createWasteBank(db(), koordinator, { name: "Bank", rtIds: [world.rt1.id, rtOtherKelurahan.id] }, OPENED), "waste-bank-one-kelurahan");
    const before = await snapshotState(db());
    await expectRefusal(createWasteBank(db(), koordinator, { name: "Bank kedua", rtIds: [world.rt1.id] }, OPENED), "rt-has-waste-bank");
    await expectRefusal(createWasteBank(db(), koordinator, { name: "Bank", rtIds: [] }, OPENED), "rt-not-found");
    await expectRefusal(createWasteBank(db(), koordinator, { name: "Bank", rtIds: [999_999] }, OPENED), "rt-not-found");
    // The refused bank left nothing behind: no bank, no types, no prices.
    expect(await snapshotState(db())).toEqual(before);
  });

  it("refuses a koordinator of one kelurahan opening a bank in another", async () => {
    const rt = await addRt(db(), 4, KELURAHAN_PAYO_SELINCAH);
    await expectRefusal(createWasteBank(db(), await actorOf(db(), world.koordinator), { name: "Bank", rtIds: [rt.id] }, OPENED), "not-allowed");
  });

  it("lets the koordinator add an RT of the same kelurahan, and nobody else", async () => {
    const rt = await addRt(db(), 9);
    await expectRefusal(addRtToWasteBank(db(), await actorOf(db(), world.ketua1), { wasteBankId: world.bank.id, rtId: rt.id }, OPENED), "not-allowed");
    const bank = await addRtToWasteBank(db(), await actorOf(db(), world.koordinator), { wasteBankId: world.bank.id, rtId: rt.id }, OPENED);
    expect(bank.rts.map((served) => served.number)).toEqual([1, 2, 9]);
    // Adding it again changes nothing; an RT of another kelurahan is refused.
    expect((await addRtToWasteBank(db(), await actorOf(db(), world.koordinator), { wasteBankId: world.bank.id, rtId: rt.id }, OPENED)).rts).toHaveLength(3);
    await expectRefusal(addRtToWasteBank(db(), await actorOf(db(), world.koordinator), { wasteBankId: world.bank.id, rtId: world.rt7.id }, OPENED), "not-allowed");
  });
});

describe("officers", () => {
  it("are appointed from the residents of a served RT, once", async () => {
    const koordinator = await actorOf(db(), world.koordinator);
    expect(await appointOfficer(db(), koordinator, { wasteBankId: world.bank.id, personId: world.budi.personId }, OPENED)).toEqual({ created: true });
    expect(await appointOfficer(db(), koordinator, { wasteBankId: world.bank.id, personId: world.budi.personId }, OPENED)).toEqual({ created: false });
    expect((await listOfficers(db(), world.bank.id)).map((officer) => officer.personId).sort()).toEqual([world.petugas.personId, world.budi.personId].sort());
    await expectRefusal(appointOfficer(db(), koordinator, { wasteBankId: world.bank.id, personId: world.andi.personId }, OPENED), "resident-not-served");
    const pending = newUser("Pending");
    const { personId } = await addPending(db(), pending, world.rt1.id);
    await expectRefusal(appointOfficer(db(), koordinator, { wasteBankId: world.bank.id, personId: personId }, OPENED), "resident-not-served");
  });

  it("are appointed by a ketua of a served RT, not by a ketua elsewhere or an officer", async () => {
    expect(await appointOfficer(db(), await actorOf(db(), world.ketua1), { wasteBankId: world.bank.id, personId: world.siti.personId }, OPENED)).toEqual({ created: true });
    await expectRefusal(appointOfficer(db(), await actorOf(db(), world.ketua7), { wasteBankId: world.bank.id, personId: world.budi.personId }, OPENED), "not-allowed");
    await expectRefusal(appointOfficer(db(), await actorOf(db(), world.petugas), { wasteBankId: world.bank.id, personId: world.budi.personId }, OPENED), "not-allowed");
  });

  it("when revoked stay in the history and lose the right to set prices", async () => {
    const revoked = await revokeOfficer(db(), await actorOf(db(), world.koordinator), { wasteBankId: world.bank.id, personId: world.petugas.personId }, OPENED);
    expect(revoked).toEqual({ revoked: true });
    expect(await listOfficers(db(), world.bank.id)).toEqual([]);
    expect(await db().select().from(wasteBankOfficer).where(eq(wasteBankOfficer.personId, world.petugas.personId))).toHaveLength(1);
    await expectRefusal(setPrice(db(), await actorOf(db(), world.petugas), world.types.pet.id, 3500, OPENED, OPENED), "not-allowed");
    // Appointed again: a new row, the old one kept.
    await appointOfficer(db(), await actorOf(db(), world.koordinator), { wasteBankId: world.bank.id, personId: world.petugas.personId }, OPENED);
    expect(await db().select().from(wasteBankOfficer).where(eq(wasteBankOfficer.personId, world.petugas.personId))).toHaveLength(2);
  });
});

describe("prices with effective dates", () => {
  it("a price set for later does not apply before its date, and applies from it", async () => {
    const petugas = await actorOf(db(), world.petugas);
    const now = minutesAfter(OPENED, 60);
    const monday = minutesAfter(OPENED, 7 * DAY);
    await setPrice(db(), petugas, world.types.pet.id, 3500, monday, now);

    const today = (await pricesAt(db(), world.bank.id, [world.types.pet.id], now)).get(world.types.pet.id)!;
    expect(today.rupiahPerUnit).toBe(3000);
    expect(today.next).toEqual({ rupiahPerUnit: 3500, effectiveFrom: monday });
    expect((await pricesAt(db(), world.bank.id, [], minutesAfter(monday, -1))).get(world.types.pet.id)!.rupiahPerUnit).toBe(3000);
    const then = (await pricesAt(db(), world.bank.id, [], monday)).get(world.types.pet.id)!;
    expect(then.rupiahPerUnit).toBe(3500);
    expect(then.next).toBeNull();

    // And a deposit is valued by the same rule.
    const before = await deposit(minutesAfter(monday, -1), [{ wasteTypeId: world.types.pet.id, quantity: 2000 }]);
    const after = await deposit(monday, [{ wasteTypeId: world.types.pet.id, quantity: 2000 }]);
    expect(before.lines[0]).toMatchObject({ rupiahPerUnit: 3000, value: 6000 });
    expect(after.lines[0]).toMatchObject({ rupiahPerUnit: 3500, value: 7000 });
  });

  it("shows the nearest price to come as the next one, when several are set ahead", async () => {
    const petugas = await actorOf(db(), world.petugas);
    const inAWeek = minutesAfter(OPENED, 7 * DAY);
    const inAMonth = minutesAfter(OPENED, 30 * DAY);
    await setPrice(db(), petugas, world.types.kardus.id, 2500, inAMonth, OPENED);
    await setPrice(db(), petugas, world.types.kardus.id, 2000, inAWeek, OPENED);

    const kardus = (await listWasteTypes(db(), world.bank.id, OPENED)).find((type) => type.id === world.types.kardus.id)!;
    expect(kardus.rupiahPerUnit).toBe(1800);
    expect(kardus.next).toEqual({ rupiahPerUnit: 2000, effectiveFrom: inAWeek });
    const inBetween = (await listWasteTypes(db(), world.bank.id, inAWeek)).find((type) => type.id === world.types.kardus.id)!;
    expect(inBetween.rupiahPerUnit).toBe(2000);
    expect(inBetween.next).toEqual({ rupiahPerUnit: 2500, effectiveFrom: inAMonth });
  });

  it("is never back-dated: a past date means from now, so what was paid stays paid", async () => {
    const petugas = await actorOf(db(), world.petugas);
    const morning = minutesAfter(OPENED, 60);
    const paid = await deposit(morning, [{ wasteTypeId: world.types.logam.id, quantity: 1500 }]);
    const now = minutesAfter(OPENED, 120);
    await setPrice(db(), petugas, world.types.logam.id, 7000, OPENED, now);

    expect((await priceHistory(db(), world.types.logam.id))[0]).toEqual({ rupiahPerUnit: 7000, effectiveFrom: now, setAt: now });
    expect((await pricesAt(db(), world.bank.id, [], morning)).get(world.types.logam.id)!.rupiahPerUnit).toBe(6000);
    const receipt = await getReceipt(db(), paid.entryId);
    expect(receipt.lines[0]).toMatchObject({ rupiahPerUnit: 6000, value: 9000 });
    expect(receipt.amount).toBe(9000);
  });

  it("deposit lines keep the price they were valued at after the price changes", async () => {
    const petugas = await actorOf(db(), world.petugas);
    const first = await deposit(minutesAfter(OPENED, 10), [
      { wasteTypeId: world.types.kertas.id, quantity: 4000 },
      { wasteTypeId: world.types.jelantah.id, quantity: 1200 },
    ]);
    await setPrice(db(), petugas, world.types.kertas.id, 1200, minutesAfter(OPENED, 20), minutesAfter(OPENED, 20));
    await setPrice(db(), petugas, world.types.jelantah.id, 6000, minutesAfter(OPENED, 20), minutesAfter(OPENED, 20));
    const second = await deposit(minutesAfter(OPENED, 30), [
      { wasteTypeId: world.types.kertas.id, quantity: 4000 },
      { wasteTypeId: world.types.jelantah.id, quantity: 1200 },
    ]);

    const [oldLines, newLines] = [(await getReceipt(db(), first.entryId)).lines, (await getReceipt(db(), second.entryId)).lines];
    expect(oldLines.map(({ rupiahPerUnit, value, unit }) => ({ rupiahPerUnit, value, unit }))).toEqual([
      { rupiahPerUnit: 1500, value: 6000, unit: "kg" },
      { rupiahPerUnit: 5000, value: 6000, unit: "liter" },
    ]);
    expect(newLines.map(({ rupiahPerUnit, value }) => ({ rupiahPerUnit, value }))).toEqual([
      { rupiahPerUnit: 1200, value: 4800 },
      { rupiahPerUnit: 6000, value: 7200 },
    ]);
    // Each line points at the price row it was valued with.
    const rows = await db().select({ priceId: depositLine.priceId, rupiahPerUnit: wastePrice.rupiahPerUnit, lineRupiah: depositLine.rupiahPerUnit })
      .from(depositLine).innerJoin(wastePrice, eq(wastePrice.id, depositLine.priceId));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.rupiahPerUnit).toBe(row.lineRupiah);
  });

  it("two prices for the same moment: the one set last wins", async () => {
    const petugas = await actorOf(db(), world.petugas);
    const from = minutesAfter(OPENED, DAY);
    await setPrice(db(), petugas, world.types.besi.id, 4000, from, minutesAfter(OPENED, 1));
    await setPrice(db(), petugas, world.types.besi.id, 3800, from, minutesAfter(OPENED, 2));
    expect((await pricesAt(db(), world.bank.id, [], from)).get(world.types.besi.id)!.rupiahPerUnit).toBe(3800);
    expect((await deposit(from, [{ wasteTypeId: world.types.besi.id, quantity: 1000 }])).lines[0]).toMatchObject({ rupiahPerUnit: 3800, value: 3800 });
    expect((await priceHistory(db(), world.types.besi.id)).map((price) => price.rupiahPerUnit)).toEqual([3800, 4000, 3500]);
  });

  it("only the bank's own officers set prices, within range", async () => {
    const price = (who: { id: number; first_name: string }, rupiah: number, typeId = world.types.pet.id) =>
      actorOf(db(), who).then((actor) => setPrice(db(), actor, typeId, rupiah, OPENED, OPENED));
    await expectRefusal(price(world.siti, 3500), "not-allowed");
    await expectRefusal(price(world.ketua1, 3500), "not-allowed");
    await expectRefusal(price(world.koordinator, 3500), "not-allowed");
    await expectRefusal(price(world.otherPetugas, 3500), "not-allowed");
    await expectRefusal(price(world.petugas, 3500, world.otherTypes.pet.id), "not-allowed");
    await expectRefusal(price(world.petugas, -1), "price-out-of-range");
    await expectRefusal(price(world.petugas, 10_000_001), "price-out-of-range");
    await expectRefusal(price(world.petugas, 12.5), "price-out-of-range");
    await expectRefusal(price(world.petugas, 3500, 999_999), "waste-type-not-found");
    expect(await priceHistory(db(), world.types.pet.id)).toHaveLength(1);
    await price(world.petugas, 0);
    await price(world.petugas, 10_000_000);
    expect(await priceHistory(db(), world.types.pet.id)).toHaveLength(3);
  });
});

describe("waste types", () => {
  it("officers add a type (names unique per bank, ignoring case) priced from now", async () => {
    const petugas = await actorOf(db(), world.petugas);
    const now = minutesAfter(OPENED, 5);
    const id = await addWasteType(db(), petugas, world.bank.id, { name: "Tutup botol", unit: "kg", rupiahPerUnit: 4000 }, now);
    expect((await pricesAt(db(), world.bank.id, [id], now)).get(id)).toMatchObject({ name: "Tutup botol", unit: "kg", rupiahPerUnit: 4000, effectiveFrom: now });
    await expectRefusal(addWasteType(db(), petugas, world.bank.id, { name: "TUTUP BOTOL", unit: "kg", rupiahPerUnit: 1 }, now), "waste-type-exists", { name: "TUTUP BOTOL" });
    await expectRefusal(addWasteType(db(), petugas, world.otherBank.id, { name: "Tutup botol", unit: "kg", rupiahPerUnit: 1 }, now), "not-allowed");
    // Another bank may have a type of the same name.
    expect(await addWasteType(db(), await actorOf(db(), world.otherPetugas), world.otherBank.id, { name: "Tutup botol", unit: "kg", rupiahPerUnit: 1 }, now)).not.toBe(id);
  });

  it("a retired type is no longer offered, its past deposits stay, and its name can be used again", async () => {
    const petugas = await actorOf(db(), world.petugas);
    const past = await deposit(minutesAfter(OPENED, 5), [{ wasteTypeId: world.types.kaca.id, quantity: 10_000 }]);
    await retireWasteType(db(), petugas, world.types.kaca.id, minutesAfter(OPENED, 10));

    const now = minutesAfter(OPENED, 15);
    expect((await listWasteTypes(db(), world.bank.id, now)).map((type) => type.id)).not.toContain(world.types.kaca.id);
    await expectRefusal(deposit(now, [{ wasteTypeId: world.types.kaca.id, quantity: 1000 }]), "waste-type-not-found");
    await expectRefusal(setPrice(db(), petugas, world.types.kaca.id, 400, now, now), "waste-type-not-found");
    expect((await getReceipt(db(), past.entryId)).lines).toEqual([
      { wasteTypeId: world.types.kaca.id, name: "Kaca / botol", unit: "kg", quantity: 10_000, rupiahPerUnit: 300, value: 3000 },
    ]);
    await addWasteType(db(), petugas, world.bank.id, { name: "Kaca / botol", unit: "kg", rupiahPerUnit: 250 }, now);
    await expectRefusal(retireWasteType(db(), await actorOf(db(), world.otherPetugas), world.types.pet.id, now), "not-allowed");
  });

  it("a deposit cannot use another bank's type", async () => {
    await expectRefusal(deposit(OPENED, [{ wasteTypeId: world.otherTypes.pet.id, quantity: 1000 }]), "waste-type-not-found");
    await expectRefusal(deposit(OPENED, [{ wasteTypeId: 999_999, quantity: 1000 }]), "waste-type-not-found");
  });
});
