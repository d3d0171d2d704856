import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, membership, outbox, person } from "../../../src/db/schema/index.js";
import { DomainError } from "../../../src/domain/errors.js";
import { decideMembership, leaveRt, removeMember, requestToJoin } from "../../../src/domain/membership/membership.js";
import { loadActor } from "../../../src/domain/people/actor.js";
import type { ServiceDeps } from "../../../src/domain/service.js";
import { memberDecision } from "../../../src/messages/buttons/people.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addKetua, addKoordinator, addMember, addPending, addPerson, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../../helpers/fixtures.js";
import type { TestUser } from "../../helpers/test-bot.js";

const database = withTestDatabase();

const NOW = new Date("2026-11-22T03:00:00Z");
let wakes = 0;
/** Texts that show which message and values were chosen, in which language. */
const deps = (): ServiceDeps => ({
  db: database.db,
  i18n: { t: (locale, key, vars) => `${locale}|${key}|${JSON.stringify(vars ?? {})}` },
  clock: () => NOW,
  wakeDelivery: () => void wakes++,
});
const actorOf = (user: TestUser) => loadActor(database.db, user.id, []);

async function noticesTo(user: TestUser) {
  return (await database.db.select().from(outbox).where(eq(outbox.chatId, user.id))).map((row) => row.payload as { text: string; reply_markup?: { inline_keyboard: { callback_data: string }[][] } });
}
const audits = () => database.db.select().from(auditLog);

async function rtWithKetua() {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Harun");
  await addKetua(database.db, ketua, place.id);
  return { place, ketua };
}

describe("decideMembership", () => {
  it("approving twice (a double tap) writes one decision, one audit row and one notice", async () => {
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    const actor = await actorOf(ketua);
    wakes = 0;

    const decided = await decideMembership(deps(), actor, { membershipId: request.membershipId, approve: true });
    expect(decided.member).toMatchObject({ status: "active", personId: request.personId });
    await expect(decideMembership(deps(), actor, { membershipId: request.membershipId, approve: true })).rejects.toMatchObject({ code: "request-already-decided" });
    await expect(decideMembership(deps(), actor, { membershipId: request.membershipId, approve: false })).rejects.toBeInstanceOf(DomainError);

    const [row] = await database.db.select().from(membership).where(eq(membership.id, request.membershipId));
    expect(row).toMatchObject({ status: "active", decidedAt: NOW });
    expect(await audits()).toEqual([expect.objectContaining({ action: "membership_approved", entityId: request.membershipId })]);
    expect((await noticesTo(dewi)).map((notice) => notice.text.split("|").slice(0, 2).join("|"))).toEqual(["id|membership-approved"]);
    expect(wakes).toBeGreaterThan(0);
  });

  it("tells the resident in their own language", async () => {
    const { place, ketua } = await rtWithKetua();
    const eko = newUser("Eko");
    const request = await addPending(database.db, eko, place.id);
    await database.db.update(person).set({ locale: "en" }).where(eq(person.id, request.personId));
    await decideMembership(deps(), await actorOf(ketua), { membershipId: request.membershipId, approve: false });
    expect((await noticesTo(eko)).map((notice) => notice.text.split("|").slice(0, 2).join("|"))).toEqual(["en|membership-rejected"]);
  });

  it("re-checks the actor's RT in the transaction: a ketua of another RT changes nothing and queues nothing", async () => {
    const { place } = await rtWithKetua();
    const other = await addRt(database.db, 7);
    const otherKetua = newUser("Lain");
    await addKetua(database.db, otherKetua, other.id);
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    await expect(decideMembership(deps(), await actorOf(otherKetua), { membershipId: request.membershipId, approve: true })).rejects.toMatchObject({ code: "not-allowed" });
    const [row] = await database.db.select().from(membership).where(eq(membership.id, request.membershipId));
    expect(row?.status).toBe("pending");
    expect(await audits()).toEqual([]);
    expect(await noticesTo(dewi)).toEqual([]);
  });
});

describe("requestToJoin", () => {
  it("tells the ketua once, with approve/reject buttons built by the family; asking again pings nobody", async () => {
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    await addPerson(database.db, dewi);
    const request = { telegramId: dewi.id, rtId: place.id, displayName: "Dewi Lestari", householdLabel: "No. 9" };
    const first = await requestToJoin(deps(), request);
    expect(first).toMatchObject({ created: true, role: "ketua_rt", recipients: 1 });
    expect(await requestToJoin(deps(), request)).toMatchObject({ created: false, membershipId: first.membershipId });

    const notices = await noticesTo(ketua);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain("id|membership-request-received|");
    expect(notices[0]!.text).toContain("Dewi Lestari");
    expect(notices[0]!.reply_markup!.inline_keyboard.flat().map((button) => memberDecision.read(button.callback_data))).toEqual([
      { decision: "ok", membership: first.membershipId },
      { decision: "no", membership: first.membershipId },
    ]);
  });

  it("goes to the koordinator of an RT without a ketua", async () => {
    const place = await addRt(database.db, 9);
    const koordinator = newUser("Yuliana");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const dewi = newUser("Dewi");
    const outcome = await requestToJoin(deps(), { telegramId: dewi.id, rtId: place.id, displayName: "Dewi", householdLabel: "No. 1" });
    expect(outcome).toMatchObject({ role: "koordinator", recipients: 1 });
    expect(await noticesTo(koordinator)).toHaveLength(1);
  });
});

describe("removeMember and leaveRt", () => {
  it("a removal done twice ends the membership once and tells the resident once", async () => {
    const { place, ketua } = await rtWithKetua();
    const budi = newUser("Budi");
    const member = await addMember(database.db, budi, place.id);
    const actor = await actorOf(ketua);
    await removeMember(deps(), actor, { membershipId: member.membershipId });
    await expect(removeMember(deps(), actor, { membershipId: member.membershipId })).rejects.toMatchObject({ code: "member-not-found" });
    expect(await audits()).toHaveLength(1);
    expect((await noticesTo(budi)).map((notice) => notice.text.split("|")[1])).toEqual(["membership-removed"]);
  });

  it("an active member leaving tells the ketua once, in the leaving's transaction", async () => {
    const { place, ketua } = await rtWithKetua();
    const siti = newUser("Siti");
    await addMember(database.db, siti, place.id);
    const actor = await actorOf(siti);
    await leaveRt(deps(), actor);
    await leaveRt(deps(), actor); // the same (stale) actor again: a double tap
    expect((await noticesTo(ketua)).map((notice) => notice.text.split("|")[1])).toEqual(["leave-ketua-notice"]);
  });

  it("a pending request withdrawn tells nobody", async () => {
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    await addPending(database.db, dewi, place.id);
    await leaveRt(deps(), await actorOf(dewi));
    expect(await noticesTo(ketua)).toEqual([]);
  });
});

describe("requestToJoin while a request waits elsewhere", () => {
  it("refuses to replace it unless the person agreed to replace that very request", async () => {
    const { place } = await rtWithKetua();
    const other = await addRt(database.db, 7);
    const dewi = newUser("Dewi");
    const first = await addPending(database.db, dewi, place.id);
    const ask = (replacing: number | null) => requestToJoin(deps(), { telegramId: dewi.id, rtId: other.id, displayName: "Dewi", householdLabel: "KK Dewi", greeting: "kak", replacing });
    await expect(ask(null)).rejects.toMatchObject({ code: "request-pending-elsewhere", vars: expect.objectContaining({ rt: "05" }) });
    await expect(ask(first.membershipId + 1000)).rejects.toMatchObject({ code: "request-pending-elsewhere" });
    expect((await database.db.select().from(membership).where(eq(membership.personId, first.personId))).map((row) => row.status)).toEqual(["pending"]);
    await ask(first.membershipId);
    const rows = await database.db.select().from(membership).where(eq(membership.personId, first.personId));
    expect(rows.map((row) => [row.rtId, row.status, row.endReason])).toEqual([[place.id, "left", "withdrawn"], [other.id, "pending", null]]);
    expect((await database.db.select({ greeting: person.greeting }).from(person).where(eq(person.id, first.personId)))[0]?.greeting).toBe("kak");
  });
});
