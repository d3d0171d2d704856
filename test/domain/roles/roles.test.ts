import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, outbox, roleAssignment, rt } from "../../../src/db/schema/index.js";
import { loadActor } from "../../../src/domain/people/actor.js";
import { appointPetugas, createRtWithKetuaInvite, handOverKetua, revokePetugas } from "../../../src/domain/roles/roles.js";
import { coversKelurahan } from "../../../src/domain/roles/scope.js";
import type { ServiceDeps } from "../../../src/domain/service.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addKetua, addKoordinator, addMember, addRt, KELURAHAN_BULURAN_KENALI, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../../helpers/fixtures.js";
import type { TestUser } from "../../helpers/test-bot.js";

const database = withTestDatabase();

const NOW = new Date("2026-11-22T03:00:00Z");
const deps = (): ServiceDeps => ({
  db: database.db,
  i18n: { t: (locale, key, vars) => `${locale}|${key}|${JSON.stringify(vars ?? {})}` },
  clock: () => NOW,
  wakeDelivery: () => {},
});
const actorOf = (user: TestUser) => loadActor(database.db, user.id, []);
const noticeKeysTo = async (user: TestUser) =>
  (await database.db.select().from(outbox).where(eq(outbox.chatId, user.id))).map((row) => (row.payload as { text: string }).text.split("|")[1]);

async function world() {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Harun");
  await addKetua(database.db, ketua, place.id);
  const siti = newUser("Siti");
  const sitiIds = await addMember(database.db, siti, place.id);
  return { place, ketua, siti, sitiIds };
}

describe("handOverKetua", () => {
  it("handed over twice (a double tap): one grant, one audit row, one notice", async () => {
    const { place, ketua, siti, sitiIds } = await world();
    const actor = await actorOf(ketua);
    expect(await handOverKetua(deps(), actor, { membershipId: sitiIds.membershipId })).toMatchObject({ changed: true });
    // The ketua's actor of the second tap was loaded before the first committed: the service finds
    // Siti already heading the RT and changes nothing.
    expect(await handOverKetua(deps(), actor, { membershipId: sitiIds.membershipId })).toMatchObject({ changed: false });
    const grants = await database.db.select().from(roleAssignment).where(and(eq(roleAssignment.rtId, place.id), eq(roleAssignment.role, "ketua_rt")));
    expect(grants.filter((grant) => grant.revokedAt === null).map((grant) => grant.personId)).toEqual([sitiIds.personId]);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "ketua_handed_over"))).toHaveLength(1);
    expect(await noticeKeysTo(siti)).toEqual(["handover-received"]);
  });

  it("re-checks the actor's scope in the transaction: the old ketua's stale button is refused", async () => {
    const { ketua, sitiIds } = await world();
    const budi = newUser("Budi");
    const budiIds = await addMember(database.db, budi, (await actorOf(ketua)).membership!.rtId);
    await handOverKetua(deps(), await actorOf(ketua), { membershipId: sitiIds.membershipId });
    await expect(handOverKetua(deps(), await actorOf(ketua), { membershipId: budiIds.membershipId })).rejects.toMatchObject({ code: "not-allowed" });
    expect(await noticeKeysTo(budi)).toEqual([]);
  });
});

describe("appointPetugas and revokePetugas", () => {
  it("each, done twice, changes, audits and tells once", async () => {
    const { ketua, siti, sitiIds } = await world();
    const actor = await actorOf(ketua);
    expect((await appointPetugas(deps(), actor, { membershipId: sitiIds.membershipId })).changed).toBe(true);
    expect((await appointPetugas(deps(), actor, { membershipId: sitiIds.membershipId })).changed).toBe(false);
    expect((await revokePetugas(deps(), actor, { membershipId: sitiIds.membershipId })).changed).toBe(true);
    expect((await revokePetugas(deps(), actor, { membershipId: sitiIds.membershipId })).changed).toBe(false);
    expect((await database.db.select().from(auditLog)).map((row) => row.action)).toEqual(["role_granted", "role_revoked"]);
    expect(await noticeKeysTo(siti)).toEqual(["petugas-appointed-notice", "petugas-revoked-notice"]);
  });
});

describe("createRtWithKetuaInvite", () => {
  it("keeps no RT outside the koordinator's area: the RT and its link are one transaction", async () => {
    const koordinator = newUser("Yuliana");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const actor = await actorOf(koordinator);
    await expect(createRtWithKetuaInvite(deps(), actor, { kelurahanCode: KELURAHAN_BULURAN_KENALI, number: 3, householdCount: 10 })).rejects.toMatchObject({ code: "out-of-scope" });
    expect(await database.db.select().from(rt)).toEqual([]);
    const made = await createRtWithKetuaInvite(deps(), actor, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN, number: 3, householdCount: 10 });
    expect(made.rt).toMatchObject({ number: 3, householdCount: 10 });
    expect(made.code).toHaveLength(16);
  });
});

describe("coversKelurahan", () => {
  it("takes the place (kelurahan and kecamatan codes by name)", async () => {
    const koordinator = newUser("Yuliana");
    await addKoordinator(database.db, koordinator, { kecamatanCode: "15.71.01" });
    const actor = await actorOf(koordinator);
    expect(coversKelurahan(actor, { kelurahanCode: "15.71.99.9999", kecamatanCode: "15.71.01" })).toBe(true);
    expect(coversKelurahan(actor, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN, kecamatanCode: "15.71.02" })).toBe(false);
  });
});
