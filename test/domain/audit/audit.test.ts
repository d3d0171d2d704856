import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, membership, roleAssignment } from "../../../src/db/schema/index.js";
import { listAudit, recordAudit, type AuditAction } from "../../../src/domain/audit/audit.js";
import { appointOfficer, createWasteBank, listWasteTypes, revokeOfficer } from "../../../src/domain/bank-sampah/banks.js";
import { auditLedger, recordDeposit, recordWithdrawal, reverseEntry } from "../../../src/domain/bank-sampah/ledger.js";
import { startBroadcast, stopBroadcast } from "../../../src/domain/broadcast/broadcast.js";
import { DomainError } from "../../../src/domain/errors.js";
import { decideMembership, leaveRt, removeMember } from "../../../src/domain/membership/membership.js";
import { loadActor } from "../../../src/domain/people/actor.js";
import { ensurePerson, erasePerson } from "../../../src/domain/people/person.js";
import { appointPetugas, createRoleInvite, handOverKetua, redeemRoleInvite, revokePetugas } from "../../../src/domain/roles/roles.js";
import type { ServiceDeps } from "../../../src/domain/service.js";
import { enterManualScore } from "../../../src/domain/scores/manual.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addAdmin, addKetua, addKoordinator, addMember, addPending, addRt, KECAMATAN_TELANAIPURA, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../../helpers/fixtures.js";
import type { TestUser } from "../../helpers/test-bot.js";

const database = withTestDatabase();

const NOW = new Date("2026-11-22T03:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const actorOf = (user: TestUser, admins: number[] = []) => loadActor(database.db, user.id, admins);
/** The people services' dependencies, at NOW. */
const services = (): ServiceDeps => ({ db: database.db, i18n: { t: (locale, key) => `${locale}|${key}` }, clock: () => NOW, wakeDelivery: () => {} });

async function rows(action?: AuditAction) {
  const all = await database.db.select().from(auditLog).orderBy(auditLog.id);
  return action ? all.filter((row) => row.action === action) : all;
}

/** Runs `action` twice (a double tap, a redelivered update) and expects exactly one new audit row. */
async function once(action: () => Promise<unknown>, refusedAgain = false) {
  const before = (await rows()).length;
  await action();
  if (refusedAgain) await expect(action()).rejects.toBeInstanceOf(DomainError);
  else await action();
  const added = (await rows()).slice(before);
  expect(added).toHaveLength(1);
  return added[0]!;
}

async function world() {
  const db = database.db;
  const place = await addRt(db, 5);
  const ketua = newUser("Harun");
  const ketuaIds = await addKetua(db, ketua, place.id);
  const siti = newUser("Siti");
  const sitiIds = await addMember(db, siti, place.id, "Rumah 12");
  const koordinator = newUser("Yuliana");
  const koordinatorId = await addKoordinator(db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  return { place, ketua, ketuaIds, siti, sitiIds, koordinator, koordinatorId };
}

describe("each privileged action writes exactly one audit row, once", () => {
  it("membership approvals, rejections and removals; leaving is not audited", async () => {
    const { place, ketua, ketuaIds } = await world();
    const dewi = await addPending(database.db, newUser("Dewi"), place.id);
    const approved = await once(async () => decideMembership(services(), await actorOf(ketua), { membershipId: dewi.membershipId, approve: true }), true);
    expect(approved).toMatchObject({ action: "membership_approved", actorPersonId: ketuaIds.personId, targetPersonId: dewi.personId, rtId: place.id, entityType: "membership", entityId: dewi.membershipId, occurredAt: NOW });

    const tono = await addPending(database.db, newUser("Tono"), place.id);
    expect(await once(async () => decideMembership(services(), await actorOf(ketua), { membershipId: tono.membershipId, approve: false }), true)).toMatchObject({ action: "membership_rejected", targetPersonId: tono.personId });

    expect(await once(async () => removeMember(services(), await actorOf(ketua), { membershipId: dewi.membershipId }), true)).toMatchObject({ action: "member_removed", targetPersonId: dewi.personId });

    const budi = newUser("Budi");
    await addMember(database.db, budi, place.id);
    const before = (await rows()).length;
    await leaveRt(services(), await actorOf(budi));
    expect(await rows()).toHaveLength(before);
  });

  it("petugas appointed and revoked, ketua handed over", async () => {
    const { place, ketua, ketuaIds, sitiIds } = await world();
    const granted = await once(async () => appointPetugas(services(), await actorOf(ketua), { membershipId: sitiIds.membershipId }));
    expect(granted).toMatchObject({ action: "role_granted", targetPersonId: sitiIds.personId, rtId: place.id, details: { role: "petugas" } });
    expect(await once(async () => revokePetugas(services(), await actorOf(ketua), { membershipId: sitiIds.membershipId }))).toMatchObject({ action: "role_revoked", details: { role: "petugas" } });
    const handed = await once(async () => handOverKetua(services(), await actorOf(ketua), { membershipId: sitiIds.membershipId }), true);
    expect(handed).toMatchObject({ action: "ketua_handed_over", actorPersonId: ketuaIds.personId, targetPersonId: sitiIds.personId, details: { role: "ketua_rt", fromPersonId: ketuaIds.personId } });
  });

  it("a koordinator handing the RT to the same member twice changes nothing the second time", async () => {
    const { koordinator, sitiIds } = await world();
    await handOverKetua(services(), await actorOf(koordinator), { membershipId: sitiIds.membershipId });
    await handOverKetua(services(), await actorOf(koordinator), { membershipId: sitiIds.membershipId });
    expect(await rows("ketua_handed_over")).toHaveLength(1);
    const grants = await database.db.select().from(roleAssignment).where(and(eq(roleAssignment.personId, sitiIds.personId), eq(roleAssignment.role, "ketua_rt")));
    expect(grants).toEqual([expect.objectContaining({ revokedAt: null })]);
  });

  it("role links: made (without the secret code) and redeemed, for a ketua and a koordinator", async () => {
    const { place, koordinator, koordinatorId } = await world();
    const admin = newUser("Ahmad");
    const adminId = await addAdmin(database.db, admin);
    const invite = await createRoleInvite(database.db, await actorOf(koordinator), { role: "ketua_rt", rtId: place.id }, NOW);
    const [made] = await rows("role_invite_created");
    expect(made).toMatchObject({ actorPersonId: koordinatorId, rtId: place.id, details: { role: "ketua_rt", kelurahanCode: null, kecamatanCode: null } });
    expect(JSON.stringify(made)).not.toContain(invite.code);

    const newcomer = await ensurePerson(database.db, newUser("Rahmat").id);
    const redeem = () => redeemRoleInvite(database.db, { code: invite.code, personId: newcomer, displayName: "Rahmat", householdLabel: "Rumah 2" }, NOW);
    expect(await once(redeem)).toMatchObject({ action: "role_granted", actorPersonId: koordinatorId, targetPersonId: newcomer, rtId: place.id, details: { role: "ketua_rt", via: "invite" } });

    const areaInvite = await createRoleInvite(database.db, await actorOf(admin), { role: "koordinator", kecamatanCode: KECAMATAN_TELANAIPURA }, NOW);
    const facilitator = await ensurePerson(database.db, newUser("Fasil").id);
    const redeemArea = () => redeemRoleInvite(database.db, { code: areaInvite.code, personId: facilitator, displayName: "Fasil", householdLabel: null }, NOW);
    expect(await once(redeemArea)).toMatchObject({ action: "role_granted", actorPersonId: adminId, targetPersonId: facilitator, rtId: null, details: { role: "koordinator", kecamatanCode: KECAMATAN_TELANAIPURA } });
  });

  it("waste bank officers appointed and revoked", async () => {
    const { place, koordinator, koordinatorId, sitiIds } = await world();
    const bank = await createWasteBank(database.db, await actorOf(koordinator), { name: "Bank Sampah Melati", rtIds: [place.id] }, NOW);
    const appointed = await once(async () => appointOfficer(database.db, await actorOf(koordinator), { wasteBankId: bank.id, personId: sitiIds.personId }, NOW));
    expect(appointed).toMatchObject({ action: "role_granted", actorPersonId: koordinatorId, targetPersonId: sitiIds.personId, entityType: "waste_bank", entityId: bank.id, details: { role: "petugas_bank" } });
    expect(await once(async () => revokeOfficer(database.db, await actorOf(koordinator), { wasteBankId: bank.id, personId: sitiIds.personId }, NOW))).toMatchObject({ action: "role_revoked", details: { role: "petugas_bank" } });
  });

  it("ledger deposits, withdrawals and reversals, each in its own transaction; a refused one writes nothing", async () => {
    const { place, koordinator, sitiIds } = await world();
    const bank = await createWasteBank(database.db, await actorOf(koordinator), { name: "Bank Sampah Melati", rtIds: [place.id] }, NOW);
    const sari = newUser("Sari");
    const sariIds = await addMember(database.db, sari, place.id, "Rumah 1");
    await appointOfficer(database.db, await actorOf(koordinator), { wasteBankId: bank.id, personId: sariIds.personId }, NOW);
    const [kardus] = (await listWasteTypes(database.db, bank.id, NOW)).filter((type) => type.name.startsWith("Kardus"));
    const officer = await actorOf(sari);

    const deposit = () => recordDeposit(database.db, officer, { wasteBankId: bank.id, personId: sitiIds.personId, lines: [{ wasteTypeId: kardus!.id, quantity: 2500 }], requestKey: "dep-1" }, later(1));
    const depositRow = await once(deposit);
    const receipt = await deposit();
    expect(receipt.created).toBe(false);
    expect(depositRow).toMatchObject({
      action: "ledger_deposit", actorPersonId: sariIds.personId, targetPersonId: sitiIds.personId, rtId: place.id, entityType: "ledger_entry", entityId: receipt.entryId,
      details: { wasteBankId: bank.id, amount: receipt.amount }, occurredAt: later(1),
    });

    const withdraw = () => recordWithdrawal(database.db, officer, { wasteBankId: bank.id, personId: sitiIds.personId, amount: 1000, requestKey: "wd-1" }, later(2));
    expect(await once(withdraw)).toMatchObject({ action: "ledger_withdrawal", targetPersonId: sitiIds.personId, details: { wasteBankId: bank.id, amount: -1000 } });
    const before = (await rows()).length;
    await expect(recordWithdrawal(database.db, officer, { wasteBankId: bank.id, personId: sitiIds.personId, amount: 1_000_000, requestKey: "wd-2" }, later(3))).rejects.toBeInstanceOf(DomainError);
    expect(await rows()).toHaveLength(before);

    const withdrawal = await withdraw();
    const reverse = () => reverseEntry(database.db, officer, { entryId: withdrawal.entryId, reason: "salah ketik jumlah", requestKey: "rev-1" }, later(4));
    const reversal = await once(reverse);
    expect(reversal).toMatchObject({ action: "ledger_reversal", details: { wasteBankId: bank.id, amount: 1000, reversesEntryId: withdrawal.entryId } });
    expect(JSON.stringify(reversal.details)).not.toContain("salah ketik");
    expect((await auditLedger(database.db)).ok).toBe(true);
  });

  it("broadcasts started and stopped, without their text", async () => {
    const { ketua, ketuaIds, place } = await world();
    const actor = await actorOf(ketua);
    const draft = { audience: "rt-members" as const, text: "Kerja bakti Minggu pagi", entities: null, toPrivate: true, toGroup: false, pinInGroup: false };
    const started = await once(() => startBroadcast(services(), actor, draft, "update:77", NOW));
    expect(started).toMatchObject({ action: "broadcast_started", actorPersonId: ketuaIds.personId, rtId: place.id, entityType: "broadcast", details: { audience: "rt-members", recipients: 1, toGroup: false } });
    expect(JSON.stringify(started)).not.toContain("Kerja bakti");
    expect(await once(() => stopBroadcast(database.db, actor, started.entityId!, later(1)))).toMatchObject({ action: "broadcast_stopped", entityId: started.entityId });
  });

  it("manual scores, without their note", async () => {
    const { koordinator, koordinatorId, place } = await world();
    const input = { rtId: place.id, code: "A6", score: 2, note: "musyawarah rutin tiap bulan", assessedOn: { year: 2026, month: 11, day: 20 } };
    const entered = await once(async () => enterManualScore(database.db, await actorOf(koordinator), input, NOW));
    expect(entered).toMatchObject({ action: "manual_score_entered", actorPersonId: koordinatorId, rtId: place.id, entityType: "indicator_score", details: { indicator: "A6", score: 2, assessedOn: "2026-11-20" } });
    expect(JSON.stringify(entered)).not.toContain("musyawarah");
  });

  it("data erasure", async () => {
    const { sitiIds } = await world();
    const erase = () => erasePerson(database.db, sitiIds.personId, NOW);
    expect(await erase()).toBe(true);
    expect(await erase()).toBe(false);
    expect(await rows()).toEqual([expect.objectContaining({ action: "data_erased", actorPersonId: sitiIds.personId, targetPersonId: sitiIds.personId })]);
  });
});

describe("the audit log", () => {
  it("is append-only: rows cannot be changed or deleted", async () => {
    const { ketuaIds } = await world();
    await recordAudit(database.db, { occurredAt: NOW, actorPersonId: ketuaIds.personId, action: "data_erased" });
    await expect(database.db.update(auditLog).set({ actorPersonId: null })).rejects.toThrow();
    await expect(database.db.delete(auditLog)).rejects.toThrow();
    await expect(database.db.execute(sql`update audit_log set details = '{"x":1}'`)).rejects.toThrow();
    expect(await rows()).toHaveLength(1);
  });

  it("is written in the action's transaction: an action that fails leaves no row", async () => {
    const { place, ketua } = await world();
    const dewi = await addPending(database.db, newUser("Dewi"), place.id);
    // The approval's update fails after nothing else: force it by making the membership unapprovable.
    await database.db.update(membership).set({ status: "active" }).where(eq(membership.id, dewi.membershipId));
    await expect(decideMembership(services(), await actorOf(ketua), { membershipId: dewi.membershipId, approve: true })).rejects.toBeInstanceOf(DomainError);
    expect(await rows()).toEqual([]);
  });

  it("lists the latest first, a page at a time, with names looked up and erased people marked", async () => {
    const { place, ketuaIds, sitiIds } = await world();
    for (let minute = 0; minute < 13; minute++) {
      await recordAudit(database.db, { occurredAt: later(minute), actorPersonId: ketuaIds.personId, action: "membership_approved", rtId: place.id, targetPersonId: sitiIds.personId, entityId: minute });
    }
    const first = await listAudit(database.db, {}, { offset: 0, limit: 5 });
    expect(first.total).toBe(13);
    expect(first.entries.map((entry) => entry.entityId)).toEqual([12, 11, 10, 9, 8]);
    expect(first.entries[0]).toMatchObject({ actorName: "Harun", actorErased: false, targetName: "Siti", rtNumber: 5, kelurahanName: "Simpang IV Sipin" });
    const last = await listAudit(database.db, {}, { offset: 10, limit: 5 });
    expect(last.entries.map((entry) => entry.entityId)).toEqual([2, 1, 0]);

    await erasePerson(database.db, sitiIds.personId, later(20));
    const mine = await listAudit(database.db, { targetPersonId: sitiIds.personId, action: "membership_approved" }, { offset: 0, limit: 1 });
    expect(mine.total).toBe(13);
    expect(mine.entries[0]).toMatchObject({ targetName: null, targetErased: true });
    expect((await listAudit(database.db, { actorPersonId: sitiIds.personId }, { offset: 0, limit: 5 })).entries.map((entry) => entry.action)).toEqual(["data_erased"]);
  });
});
