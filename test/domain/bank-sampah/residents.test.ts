import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ledgerEntry, membership, person } from "../../../src/db/schema/index.js";
import { appointOfficer, createWasteBank, listWasteTypes, revokeOfficer } from "../../../src/domain/bank-sampah/banks.js";
import { officerBalance, recordDeposit, reversibleEntries } from "../../../src/domain/bank-sampah/ledger.js";
import { managedBanks, officerBanks, parseBankName, parseReversalReason, rtsWithoutWasteBank } from "../../../src/domain/bank-sampah/management.js";
import { findResidents, likeLiteral, listServedMembers, parseResidentQuery } from "../../../src/domain/bank-sampah/residents.js";
import { statementMonths } from "../../../src/domain/bank-sampah/statements.js";
import { loadActor, type Actor } from "../../../src/domain/people/actor.js";
import { memberCode } from "../../../src/domain/people/member-code.js";
import { erasePerson } from "../../../src/domain/people/person.js";
import { withTestDatabase } from "../../helpers/database.js";
import { expectRefusal } from "./world.js";
import { addKetua, addKoordinator, addMember, addPending, addRt, KELURAHAN_BULURAN_KENALI, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../../helpers/fixtures.js";
import type { TestUser } from "../../helpers/test-bot.js";

const database = withTestDatabase();

const OPENED = new Date("2026-11-02T03:00:00Z");

type Person = TestUser & { personId: number };

async function member(name: string, rtId: number, household = `Rumah ${name}`): Promise<Person> {
  const user = newUser(name);
  return { ...user, personId: (await addMember(database.db, user, rtId, household)).personId };
}

/** RT 05 and RT 06 of Simpang IV Sipin share a bank; RT 07 of Buluran Kenali has its own; RT 08 has none. */
async function world() {
  const db = database.db;
  const rt5 = await addRt(db, 5);
  const rt6 = await addRt(db, 6);
  const rt7 = await addRt(db, 7, KELURAHAN_BULURAN_KENALI);
  const rt8 = await addRt(db, 8);
  const koordinatorUser = newUser("Koordinator");
  const koordinator = { ...koordinatorUser, personId: await addKoordinator(db, koordinatorUser, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN }) };
  const ketua7User = newUser("Yusuf");
  await addKetua(db, ketua7User, rt7.id);
  const bank = await createWasteBank(db, await loadActor(db, koordinator.id, []), { name: "Bank Sampah Sipin", rtIds: [rt5.id, rt6.id] }, OPENED);
  const otherBank = await createWasteBank(db, await loadActor(db, ketua7User.id, []), { name: "Bank Sampah Kenali", rtIds: [rt7.id] }, OPENED);
  const officer = await member("Sari", rt5.id, "Rumah 1");
  await appointOfficer(db, await loadActor(db, koordinator.id, []), { wasteBankId: bank.id, personId: officer.personId }, OPENED);
  return {
    rt5, rt6, rt7, rt8, koordinator, ketua7User, bank, otherBank, officer,
    siti: await member("Siti Aminah", rt5.id, "Rumah 12"),
    sitiNur: await member("Nur Siti", rt6.id, "Rumah 3"),
    andi: await member("Andi", rt7.id),
  };
}

async function depositFor(w: Awaited<ReturnType<typeof world>>, who: Person, at: Date, key: string) {
  const [type] = await listWasteTypes(database.db, w.bank.id, at);
  return recordDeposit(database.db, await loadActor(database.db, w.officer.id, []), { wasteBankId: w.bank.id, personId: who.personId, lines: [{ wasteTypeId: type!.id, quantity: 1000 }], requestKey: key }, at);
}

const names = (rows: { name: string }[]) => rows.map((row) => row.name);

/** Someone who is an officer of this one bank and nothing else, as the actor of an update. */
function officerOf(wasteBankId: number): Actor {
  return { telegramId: 1, person: { id: 1, displayName: "Petugas", locale: "id", consentedAt: OPENED, unreachable: false }, membership: null, grants: [{ role: "petugas_bank", rtId: null, kelurahanCode: null, kecamatanCode: null, wasteBankId }] };
}

/** A search at the counter of `wasteBankId`, by one of its officers. */
function search(wasteBankId: number, query: string, limit: number) {
  return findResidents(database.db, officerOf(wasteBankId), { wasteBankId, query, limit });
}

describe("findResidents", () => {
  it("finds active residents of the served RTs by part of the name, in any case", async () => {
    const w = await world();
    const found = await search(w.bank.id, "SITI", 10);
    expect(found).toEqual([
      { personId: w.sitiNur.personId, name: "Nur Siti", rtNumber: 6, householdLabel: "Rumah 3", memberCode: memberCode(w.sitiNur.personId), served: true, hasAccount: false },
      { personId: w.siti.personId, name: "Siti Aminah", rtNumber: 5, householdLabel: "Rumah 12", memberCode: memberCode(w.siti.personId), served: true, hasAccount: false },
    ]);
    expect(names(await search(w.bank.id, "  aminah ", 10))).toEqual(["Siti Aminah"]);
    // Andi lives in RT 07: Bank Sampah Kenali's, not this one's.
    expect(await search(w.bank.id, "andi", 10)).toEqual([]);
    expect(names(await search(w.otherBank.id, "andi", 10))).toEqual(["Andi"]);
    expect(await search(w.otherBank.id, "siti", 10)).toEqual([]);
  });

  it("finds by member code, and nobody by a code whose check digit is wrong", async () => {
    const w = await world();
    const code = memberCode(w.siti.personId);
    expect(names(await search(w.bank.id, code, 10))).toEqual(["Siti Aminah"]);
    expect(names(await search(w.bank.id, `w-${code.slice(1)}`, 10))).toEqual(["Siti Aminah"]);
    const wrong = `W${w.siti.personId}${(Number(code.slice(-1)) + 1) % 10}`;
    expect(await search(w.bank.id, wrong, 10)).toEqual([]);
    // A right code of someone the bank does not deal with finds nobody either.
    expect(await search(w.bank.id, memberCode(w.andi.personId), 10)).toEqual([]);
  });

  it("treats LIKE wildcards and SQL as plain text", async () => {
    const w = await world();
    expect(likeLiteral("50%_a\\b")).toBe("50\\%\\_a\\\\b");
    expect(await search(w.bank.id, "%", 10)).toEqual([]);
    expect(await search(w.bank.id, "_", 10)).toEqual([]);
    expect(await search(w.bank.id, "i_i", 10)).toEqual([]); // would match "Siti" as a pattern
    expect(await search(w.bank.id, "S%h", 10)).toEqual([]); // would match "Siti Aminah"
    expect(await search(w.bank.id, "'; drop table ledger_entry;--", 10)).toEqual([]);
    expect(await database.db.select().from(ledgerEntry)).toEqual([]); // the table is still there
    await database.db.update(person).set({ displayName: "Bu 100% Bersih_Jaya" }).where(eq(person.id, w.siti.personId));
    expect(names(await search(w.bank.id, "100% bersih_", 10))).toEqual(["Bu 100% Bersih_Jaya"]);
  });

  it("includes account holders who moved away, and never pending, removed or erased people", async () => {
    const w = await world();
    await depositFor(w, w.sitiNur, OPENED, "k:1");
    await database.db.update(membership).set({ status: "left", endedAt: OPENED }).where(eq(membership.personId, w.sitiNur.personId));
    const pending = newUser("Siti Pending");
    await addPending(database.db, pending, w.rt5.id);
    const left = await member("Siti Pergi", w.rt5.id);
    await database.db.update(membership).set({ status: "left", endedAt: OPENED }).where(eq(membership.personId, left.personId));

    expect(await search(w.bank.id, "siti", 10)).toEqual([
      { personId: w.sitiNur.personId, name: "Nur Siti", rtNumber: null, householdLabel: null, memberCode: memberCode(w.sitiNur.personId), served: false, hasAccount: true },
      expect.objectContaining({ name: "Siti Aminah", served: true, hasAccount: false }),
    ]);
    // Moved to RT 07: their current RT shows, but it is not one this bank serves.
    await database.db.insert(membership).values({ personId: w.sitiNur.personId, rtId: w.rt7.id, householdLabel: "Rumah 70", status: "active" });
    expect((await search(w.bank.id, "nur", 10))[0]).toMatchObject({ rtNumber: 7, served: false, hasAccount: true });

    // Erased: gone from search even with savings at the bank.
    await depositFor(w, w.siti, OPENED, "k:2");
    await erasePerson(database.db, w.siti.personId, OPENED);
    expect(names(await search(w.bank.id, "siti", 10))).toEqual(["Nur Siti"]);
    expect(await search(w.bank.id, memberCode(w.siti.personId), 10)).toEqual([]);
  });

  it("returns at most `limit` people, in name order", async () => {
    const w = await world();
    for (const name of ["Budi C", "budi A", "Budi B"]) await member(name, w.rt5.id);
    expect(names(await search(w.bank.id, "budi", 2))).toEqual(["budi A", "Budi B"]);
    expect(await search(w.bank.id, "   ", 10)).toEqual([]);
  });
});

describe("what only the bank's officers read", () => {
  it("refuses a search, a balance and the entries to anyone but a current officer of that bank", async () => {
    const w = await world();
    await depositFor(w, w.siti, OPENED, "seed:1");
    const account = { wasteBankId: w.bank.id, personId: w.siti.personId };
    const sari = () => loadActor(database.db, w.officer.id, []);
    expect(names(await findResidents(database.db, await sari(), { wasteBankId: w.bank.id, query: "siti", limit: 10 }))).toEqual(["Nur Siti", "Siti Aminah"]);
    expect(await officerBalance(database.db, await sari(), account)).toBe(3000);
    expect(await reversibleEntries(database.db, await sari(), { ...account, limit: 10 })).toHaveLength(1);

    // The officer of another bank, and the bank's own koordinator (a manager, not an officer).
    for (const actor of [officerOf(w.otherBank.id), await loadActor(database.db, w.koordinator.id, [])]) {
      await expectRefusal(findResidents(database.db, actor, { wasteBankId: w.bank.id, query: "siti", limit: 10 }), "not-allowed");
      await expectRefusal(officerBalance(database.db, actor, account), "not-allowed");
      await expectRefusal(reversibleEntries(database.db, actor, { ...account, limit: 10 }), "not-allowed");
    }
    // Sari removed: her next read is refused, whatever she read before.
    await revokeOfficer(database.db, await loadActor(database.db, w.koordinator.id, []), { wasteBankId: w.bank.id, personId: w.officer.personId }, OPENED);
    await expectRefusal(findResidents(database.db, await sari(), { wasteBankId: w.bank.id, query: memberCode(w.siti.personId), limit: 10 }), "not-allowed");
    await expectRefusal(officerBalance(database.db, await sari(), account), "not-allowed");
    await expectRefusal(reversibleEntries(database.db, await sari(), { ...account, limit: 10 }), "not-allowed");
  });
});

describe("what a petugas types to search", () => {
  it("is tidied and bounded", () => {
    expect(parseResidentQuery("  Siti\u200B  Aminah ")).toEqual({ ok: true, value: "Siti Aminah" });
    expect(parseResidentQuery("")).toEqual({ ok: false, reason: "empty" });
    expect(parseResidentQuery("s")).toEqual({ ok: false, reason: "too-short", vars: { min: 2 } });
    expect(parseResidentQuery("x".repeat(5000))).toEqual({ ok: false, reason: "too-long", vars: { max: 64 } });
    expect(parseResidentQuery("😀😀")).toEqual({ ok: true, value: "😀😀" });
  });
});

describe("bank management queries", () => {
  it("lists the members a bank may appoint, marking its officers", async () => {
    const w = await world();
    const members = await listServedMembers(database.db, w.bank.id);
    expect(members.map((m) => [m.name, m.rtNumber, m.isOfficer])).toEqual([
      ["Sari", 5, true],
      ["Siti Aminah", 5, false],
      ["Nur Siti", 6, false],
    ]);
  });

  it("finds the RTs of a kelurahan no bank serves, the banks a person manages and the ones they work at", async () => {
    const w = await world();
    expect(await rtsWithoutWasteBank(database.db, KELURAHAN_SIMPANG_IV_SIPIN)).toEqual([{ id: w.rt8.id, number: 8 }]);
    expect(await rtsWithoutWasteBank(database.db, KELURAHAN_BULURAN_KENALI)).toEqual([]);
    expect(await managedBanks(database.db, await loadActor(database.db, w.koordinator.id, []))).toEqual({
      banks: [{ id: w.bank.id, name: "Bank Sampah Sipin", kelurahanName: "Simpang IV Sipin" }],
      headedRtWithoutBank: null,
      coordinator: true,
    });
    expect(await managedBanks(database.db, await loadActor(database.db, w.ketua7User.id, []))).toEqual({
      banks: [{ id: w.otherBank.id, name: "Bank Sampah Kenali", kelurahanName: "Buluran Kenali" }],
      headedRtWithoutBank: null,
      coordinator: false,
    });
    const ketua8 = newUser("Ketua8");
    await addKetua(database.db, ketua8, w.rt8.id);
    expect(await managedBanks(database.db, await loadActor(database.db, ketua8.id, []))).toEqual({ banks: [], headedRtWithoutBank: w.rt8.id, coordinator: false });
    expect(await officerBanks(database.db, await loadActor(database.db, w.officer.id, []))).toEqual([{ id: w.bank.id, name: "Bank Sampah Sipin" }]);
    expect(await officerBanks(database.db, await loadActor(database.db, w.siti.id, []))).toEqual([]);
  });

  it("parses bank names and reversal reasons", () => {
    expect(parseBankName("  Bank Sampah   Melati ")).toEqual({ ok: true, value: "Bank Sampah Melati" });
    expect(parseBankName("B".repeat(61))).toEqual({ ok: false, reason: "too-long", vars: { max: 60 } });
    expect(parseBankName("♻️ Hijau")).toEqual({ ok: false, reason: "place-characters" });
    expect(parseReversalReason(" salah\ttimbang,\n seharusnya 1,5 kg ")).toEqual({ ok: true, value: "salah timbang, seharusnya 1,5 kg" });
    expect(parseReversalReason("\u0000\u0007")).toEqual({ ok: false, reason: "empty" });
    expect(parseReversalReason("😀😀😀 ok")).toEqual({ ok: false, reason: "too-short", vars: { min: 3 } });
    expect(parseReversalReason("a".repeat(201))).toEqual({ ok: false, reason: "too-long", vars: { max: 200 } });
  });
});

describe("statement months", () => {
  it("offer this month and the last, then older months with entries (in WIB), newest first", async () => {
    const w = await world();
    await depositFor(w, w.siti, new Date("2026-11-05T03:00:00Z"), "m:1");
    const now = new Date("2027-02-10T03:00:00Z");
    expect(await statementMonths(database.db, { wasteBankId: w.bank.id, personId: w.siti.personId, now })).toEqual([{ year: 2027, month: 2 }, { year: 2027, month: 1 }, { year: 2026, month: 11 }]);
    // 30 November 23.30 WIB is still November; 1 December 00.30 WIB (30 November in UTC) is December.
    await depositFor(w, w.siti, new Date("2026-11-30T16:30:00Z"), "m:2");
    await depositFor(w, w.siti, new Date("2026-11-30T17:30:00Z"), "m:3");
    expect(await statementMonths(database.db, { wasteBankId: w.bank.id, personId: w.siti.personId, now })).toEqual([{ year: 2027, month: 2 }, { year: 2027, month: 1 }, { year: 2026, month: 12 }, { year: 2026, month: 11 }]);
    expect(await statementMonths(database.db, { wasteBankId: w.bank.id, personId: w.sitiNur.personId, now })).toEqual([{ year: 2027, month: 2 }, { year: 2027, month: 1 }]);
  });
});
