import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { assessmentRound, assessmentScore, assessorScope, roundAssessor } from "../../../src/db/schema/index.js";
import { AWARD_RUPIAH, categoryOf } from "../../../src/domain/cycle/award.js";
import { assessorRoundIds, assessorRtIds } from "../../../src/domain/cycle/assessors.js";
import { combineScores, teamRecaps } from "../../../src/domain/cycle/combine.js";
import { currentRound, roundPhase } from "../../../src/domain/cycle/rounds.js";
import type { RtDetails } from "../../../src/domain/rt/rt.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addPerson, addRt, KECAMATAN_TELANAIPURA, KELURAHAN_BULURAN_KENALI, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../../helpers/fixtures.js";

const database = withTestDatabase();
const OPENED = new Date("2027-03-01T02:00:00Z");

async function openRound(year = 2027): Promise<number> {
  const [row] = await database.db
    .insert(assessmentRound)
    .values({ year, proposalDeadline: `${year}-04-30`, visitFrom: `${year}-06-01`, visitTo: `${year}-07-31`, decisionOn: `${year}-08-17`, openedAt: OPENED })
    .returning({ id: assessmentRound.id });
  return row!.id;
}

describe("combining the team's scores", () => {
  it("takes the median, and the lower middle score when the team is even", () => {
    expect(combineScores([])).toBeNull();
    expect(combineScores([2])).toBe(2);
    expect(combineScores([2, 0, 2])).toBe(2);
    expect(combineScores([0, 2, 1])).toBe(1);
    expect(combineScores([2, 1])).toBe(1);
    expect(combineScores([2, 2, 0, 0])).toBe(0);
  });
});

describe("a round's phase", () => {
  const round = { proposalDeadline: "2027-04-30", visitFrom: "2027-06-01", visitTo: "2027-07-31", decidedAt: null };
  it("follows the WIB date", () => {
    expect(roundPhase(round, new Date("2027-04-30T16:59:00Z"))).toBe("proposals"); // 23.59 WIB on the deadline
    expect(roundPhase(round, new Date("2027-04-30T17:00:00Z"))).toBe("preparing"); // 00.00 WIB the day after
    expect(roundPhase(round, new Date("2027-06-01T00:00:00Z"))).toBe("visits");
    expect(roundPhase(round, new Date("2027-08-01T00:00:00Z"))).toBe("deciding");
    expect(roundPhase({ ...round, decidedAt: new Date() }, new Date("2027-04-01T00:00:00Z"))).toBe("decided");
  });
});

describe("the award category", () => {
  it("is Besar from 100 KK, Sedang from 50, Kecil below", () => {
    expect([categoryOf(100), categoryOf(99), categoryOf(50), categoryOf(49), categoryOf(0)]).toEqual(["besar", "sedang", "sedang", "kecil", "kecil"]);
    expect(AWARD_RUPIAH).toEqual({ besar: 10_000_000, sedang: 7_500_000, kecil: 5_000_000 });
  });
});

describe("the cycle's tables", () => {
  let rt5: RtDetails;
  let rt6: RtDetails;
  let rtElsewhere: RtDetails;
  beforeEach(async () => {
    rt5 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 120);
    rt6 = await addRt(database.db, 6, KELURAHAN_BULURAN_KENALI, 40);
    rtElsewhere = await addRt(database.db, 1, KELURAHAN_PAYO_SELINCAH, 60);
  });

  it("refuse a round whose dates run backwards", async () => {
    await expect(
      database.db.insert(assessmentRound).values({ year: 2027, proposalDeadline: "2027-07-01", visitFrom: "2027-06-01", visitTo: "2027-07-31", decisionOn: "2027-08-17", openedAt: OPENED }),
    ).rejects.toThrow();
  });

  it("scope an assessor to named RTs and whole kecamatan, and nothing once revoked", async () => {
    const roundId = await openRound();
    const personId = await addPerson(database.db, newUser("Pak Babinsa"));
    const [assessor] = await database.db.insert(roundAssessor).values({ roundId, personId, agency: "babinsa", joinedAt: OPENED }).returning();
    await database.db.insert(assessorScope).values({ assessorId: assessor!.id, kecamatanCode: KECAMATAN_TELANAIPURA });
    expect(await assessorRtIds(database.db, { roundId, personId })).toEqual([rt5.id, rt6.id]);
    await database.db.insert(assessorScope).values({ assessorId: assessor!.id, rtId: rtElsewhere.id });
    expect(await assessorRtIds(database.db, { roundId, personId })).toEqual([rt5.id, rt6.id, rtElsewhere.id]);
    expect(await assessorRoundIds(database.db, personId)).toEqual([roundId]);
    expect(await currentRound(database.db)).toMatchObject({ id: roundId, year: 2027 });
    await expect(database.db.insert(assessorScope).values({ assessorId: assessor!.id })).rejects.toThrow();
  });

  it("keep every score, combine each assessor's latest, and refuse to change a score row", async () => {
    const roundId = await openRound();
    const [a, b, c] = await Promise.all(["Bu DPMPPA", "Pak Babinsa", "Bu Puskesmas"].map((name) => addPerson(database.db, newUser(name))));
    const score = (personId: number, indicatorCode: string, value: number, extra: Partial<typeof assessmentScore.$inferInsert> = {}) =>
      database.db.insert(assessmentScore).values({ kind: "team", roundId, rtId: rt5.id, personId, indicatorCode, score: value, enteredAt: OPENED, ...extra });
    for (const [personId, agency] of [[a!, "dpmppa"], [b!, "babinsa"], [c!, "puskesmas"]] as const) await database.db.insert(roundAssessor).values({ roundId, personId, agency, joinedAt: OPENED });
    await score(a!, "B1", 2);
    await score(b!, "B1", 0);
    await score(b!, "B1", 2); // b changes their mind: the latest counts, the first stays
    await score(c!, "B1", 1);
    await score(a!, "B3", 1, { automaticScore: 2, overrideReason: "Bank sampah tutup sejak Mei" });
    await expect(score(a!, "B7", 0, { automaticScore: 2 })).rejects.toThrow(); // an override needs its reason
    await expect(score(a!, "X9", 1)).rejects.toThrow();

    const [recap] = await teamRecaps(database.db, { roundId, rtIds: [rt5.id, rt6.id] });
    expect(recap).toMatchObject({ rtId: rt5.id, total: 3, scored: 2, unscored: 19, assessors: 3 });
    const b1 = recap!.indicators.find((indicator) => indicator.code === "B1")!;
    expect(b1.combined).toBe(2);
    expect(b1.scores.map((entry) => entry.score).sort()).toEqual([1, 2, 2]);
    expect(await database.db.select().from(assessmentScore)).toHaveLength(5);
    await expect(database.db.update(assessmentScore).set({ score: 0 })).rejects.toThrow();
    await expect(database.db.delete(assessmentScore)).rejects.toThrow();
    expect((await database.db.select().from(assessmentScore)).map((row) => row.score).sort()).toEqual([0, 1, 1, 2, 2]);
  });

  it("leave out a revoked assessor's scores, keeping the rows; a score from outside the team never counts", async () => {
    const roundId = await openRound();
    const [a, b, c, stranger] = await Promise.all(["Bu DPMPPA", "Pak Babinsa", "Bu Puskesmas", "Pak Luar"].map((name) => addPerson(database.db, newUser(name))));
    for (const [personId, agency] of [[a!, "dpmppa"], [b!, "babinsa"], [c!, "puskesmas"]] as const) await database.db.insert(roundAssessor).values({ roundId, personId, agency, joinedAt: OPENED });
    const score = (personId: number, value: number) => database.db.insert(assessmentScore).values({ kind: "team", roundId, rtId: rt5.id, personId, indicatorCode: "B1", score: value, enteredAt: OPENED });
    await score(a!, 2);
    await score(b!, 2);
    await score(c!, 0);
    await score(stranger!, 0);
    let [recap] = await teamRecaps(database.db, { roundId, rtIds: [rt5.id] });
    expect(recap).toMatchObject({ total: 2, assessors: 3 });
    await database.db.update(roundAssessor).set({ revokedAt: OPENED }).where(eq(roundAssessor.personId, a!));
    [recap] = await teamRecaps(database.db, { roundId, rtIds: [rt5.id] });
    // b 2 and c 0: the lower middle.
    expect(recap).toMatchObject({ total: 0, assessors: 2 });
    expect(recap!.indicators[0]!.scores.map((entry) => entry.personId).sort()).toEqual([b!, c!].sort());
    expect(await database.db.select().from(assessmentScore)).toHaveLength(4);
  });
});

describe("the rubric", () => {
  it("says what 2, 1 and 0 mean for every indicator, in Indonesian and English", async () => {
    const { readFileSync } = await import("node:fs");
    const { INDICATOR_CODES, rubricKey } = await import("../../../src/domain/scores/indicators.js");
    for (const locale of ["id", "en"]) {
      const text = readFileSync(new URL(`../../../locales/${locale}.ftl`, import.meta.url), "utf8");
      for (const code of INDICATOR_CODES) for (const score of [2, 1, 0] as const) expect(text, `${locale} ${code} ${score}`).toMatch(new RegExp(`^${rubricKey(code, score)} = \\S`, "m"));
    }
  });
});
