import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assessmentRound, auditLog, outbox, rtProposal } from "../../../src/db/schema/index.js";
import { openRound, roundDatesOutOfOrder } from "../../../src/domain/cycle/opening.js";
import { proposeRt, withdrawProposal } from "../../../src/domain/cycle/proposals.js";
import { rtReadiness } from "../../../src/domain/cycle/readiness.js";
import { DomainError } from "../../../src/domain/errors.js";
import { loadActor } from "../../../src/domain/people/actor.js";
import { AUTOMATIC_CODES, INDICATOR_CODES } from "../../../src/domain/scores/indicators.js";
import { enterManualScore } from "../../../src/domain/scores/manual.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addAdmin, addKetua, addKoordinator, addRt, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../../helpers/fixtures.js";
import { serviceDeps } from "../../helpers/service-deps.js";

const NOW = new Date("2027-03-01T03:00:00Z");
const database = withTestDatabase();

const DRAFT = {
  year: 2027,
  proposalDeadline: { year: 2027, month: 4, day: 30 },
  visitFrom: { year: 2027, month: 6, day: 1 },
  visitTo: { year: 2027, month: 7, day: 31 },
  decisionOn: { year: 2027, month: 8, day: 17 },
};

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return "none";
}

describe("openRound", () => {
  it("opens one round per form key and one per year, audited, each koordinator told once", async () => {
    const db = database.db;
    const admin = newUser("Admin");
    await addAdmin(db, admin);
    await addKoordinator(db, newUser("K1"), { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await addKoordinator(db, newUser("K2"), { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
    const actor = await loadActor(db, admin.id, []);
    const deps = serviceDeps(db, NOW);
    const first = await openRound(deps, actor, { ...DRAFT, requestKey: "round:a" });
    const again = await openRound(deps, actor, { ...DRAFT, requestKey: "round:a" });
    expect(first).toMatchObject({ created: true, told: 2 });
    expect(again).toMatchObject({ created: false, told: 0 });
    expect(again.round.id).toBe(first.round.id);
    expect(await refusal(openRound(deps, actor, { ...DRAFT, requestKey: "round:b" }))).toBe("round-year-exists");
    expect(await db.select().from(assessmentRound)).toHaveLength(1);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "round_opened"))).toHaveLength(1);
    expect(await db.select().from(outbox)).toHaveLength(2);
  });

  it("refuses a new round while another is undecided, naming its year, and allows it once that one is decided", async () => {
    const db = database.db;
    const admin = newUser("Admin");
    await addAdmin(db, admin);
    const actor = await loadActor(db, admin.id, []);
    const deps = serviceDeps(db, NOW);
    const first = await openRound(deps, actor, { ...DRAFT, requestKey: "round:u1" });
    const next = { ...DRAFT, year: 2028, proposalDeadline: { year: 2028, month: 4, day: 30 }, visitFrom: { year: 2028, month: 6, day: 1 }, visitTo: { year: 2028, month: 7, day: 31 }, decisionOn: { year: 2028, month: 8, day: 17 } };
    const error = await openRound(deps, actor, { ...next, requestKey: "round:u2" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "round-previous-undecided", vars: { year: "2027" } });
    expect(await db.select().from(assessmentRound)).toHaveLength(1);
    await db.update(assessmentRound).set({ decidedAt: NOW, skNumber: "SK-1", skDate: "2027-03-01" }).where(eq(assessmentRound.id, first.round.id));
    expect(await openRound(deps, actor, { ...next, requestKey: "round:u3" })).toMatchObject({ created: true });
  });

  it("refuses dates out of order, a year out of range and anyone but an admin", async () => {
    const db = database.db;
    const admin = newUser("Admin");
    const koor = newUser("Koor");
    await addAdmin(db, admin);
    await addKoordinator(db, koor, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const deps = serviceDeps(db, NOW);
    const actor = await loadActor(db, admin.id, []);
    expect(await refusal(openRound(deps, actor, { ...DRAFT, visitFrom: { year: 2027, month: 4, day: 29 }, requestKey: "round:c" }))).toBe("round-dates-order");
    expect(await refusal(openRound(deps, actor, { ...DRAFT, year: 2026, requestKey: "round:d" }))).toBe("round-year-out-of-range");
    expect(await refusal(openRound(deps, await loadActor(db, koor.id, []), { ...DRAFT, requestKey: "round:e" }))).toBe("not-allowed");
    expect(await db.select().from(assessmentRound)).toHaveLength(0);
    expect(roundDatesOutOfOrder({ proposalDeadline: DRAFT.proposalDeadline, decisionOn: { year: 2027, month: 4, day: 1 } })).toEqual({ earlier: "proposalDeadline", later: "decisionOn" });
    // Proposals close before the visits begin; the visits may be one day, the decision on their last.
    expect(roundDatesOutOfOrder({ ...DRAFT, visitFrom: DRAFT.proposalDeadline })).toEqual({ earlier: "proposalDeadline", later: "visitFrom" });
    expect(roundDatesOutOfOrder({ ...DRAFT, visitTo: DRAFT.visitFrom, decisionOn: DRAFT.visitFrom })).toBeNull();
  });
});

describe("readiness and proposals", () => {
  it("reads many RTs at once: every automatic indicator (by isAutomatic), the unscored ones, KK and category", async () => {
    const db = database.db;
    const koor = newUser("Koor");
    await addKoordinator(db, koor, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    // One after the other: their ids (and so the order read back) follow RT 1, 2, 3 on a pool too.
    const rts = [await addRt(db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 120), await addRt(db, 2, KELURAHAN_SIMPANG_IV_SIPIN, 50), await addRt(db, 3, KELURAHAN_SIMPANG_IV_SIPIN, 10)];
    await enterManualScore(db, await loadActor(db, koor.id, []), { rtId: rts[0]!.id, code: "B1", score: 2, note: null, assessedOn: { year: 2027, month: 2, day: 1 } }, NOW);
    const readiness = await rtReadiness(db, { rtIds: rts.map((place) => place.id), now: NOW });
    expect([...readiness.values()].map((entry) => entry.category)).toEqual(["besar", "sedang", "kecil"]);
    const first = readiness.get(rts[0]!.id)!;
    expect(first.automatic.map((entry) => entry.code)).toEqual([...AUTOMATIC_CODES].sort((a, b) => INDICATOR_CODES.indexOf(a) - INDICATOR_CODES.indexOf(b)));
    expect(first.unscored).toHaveLength(INDICATOR_CODES.length - AUTOMATIC_CODES.length - 1);
    expect(first.unscored).not.toContain("B1");
    expect(readiness.get(rts[1]!.id)!.unscored).toHaveLength(INDICATOR_CODES.length - AUTOMATIC_CODES.length);
  });

  it("proposes once however often, tells the ketua once, withdraws once, and refuses after the deadline", async () => {
    const db = database.db;
    const admin = newUser("Admin");
    const koor = newUser("Koor");
    const ketua = newUser("Ketua");
    await addAdmin(db, admin);
    await addKoordinator(db, koor, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const place = await addRt(db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 80);
    await addKetua(db, ketua, place.id);
    const { round } = await openRound(serviceDeps(db, NOW), await loadActor(db, admin.id, []), { ...DRAFT, requestKey: "round:f" });
    const koorActor = await loadActor(db, koor.id, []);
    const deps = serviceDeps(db, NOW);
    const outboxBefore = (await db.select().from(outbox)).length;
    const [a, b] = [await proposeRt(deps, koorActor, { roundId: round.id, rtId: place.id }), await proposeRt(deps, koorActor, { roundId: round.id, rtId: place.id })];
    expect([a.created, b.created]).toEqual([true, false]);
    expect(b.proposalId).toBe(a.proposalId);
    expect((await db.select().from(outbox)).length - outboxBefore).toBe(1);
    const [w1, w2] = [await withdrawProposal(deps, koorActor, { proposalId: a.proposalId }), await withdrawProposal(deps, koorActor, { proposalId: a.proposalId })];
    expect([w1.withdrawn, w2.withdrawn]).toEqual([true, false]);
    const late = serviceDeps(db, new Date("2027-05-01T00:00:00Z"));
    expect(await refusal(proposeRt(late, koorActor, { roundId: round.id, rtId: place.id }))).toBe("round-proposals-closed");
    // 30 April is the last day, in WIB: 23:00 WIB that day still takes proposals.
    const lastEvening = serviceDeps(db, new Date("2027-04-30T16:00:00Z"));
    expect((await proposeRt(lastEvening, koorActor, { roundId: round.id, rtId: place.id })).created).toBe(true);
    expect(await db.select().from(rtProposal)).toHaveLength(2);
  });
});
