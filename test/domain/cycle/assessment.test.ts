import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { assessmentRound, assessmentScore, auditLog, evidence, person, rtProposal } from "../../../src/db/schema/index.js";
import { assessorWorklist } from "../../../src/domain/cycle/worklist.js";
import { actForRt } from "../../../src/domain/roles/acting.js";
import { findReachableKetua } from "../../../src/domain/roles/roles.js";
import {
  ASSESSMENT_NOTE_MAX,
  isOwnRt,
  myTeamScores,
  parseAssessmentNote,
  parseOverrideReason,
  scoreIndicator,
  scorableRts,
  teamRecapView,
  type ScoreIndicatorParams,
} from "../../../src/domain/cycle/assessment.js";
import { DomainError } from "../../../src/domain/errors.js";
import { loadActor, type Actor } from "../../../src/domain/people/actor.js";
import type { RtDetails } from "../../../src/domain/rt/rt.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addKetua, addKoordinator, addPerson, addRt, KECAMATAN_TELANAIPURA, KELURAHAN_BULURAN_KENALI, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../../helpers/fixtures.js";
import { serviceDeps } from "../../helpers/service-deps.js";
import { addAssessor, openRound, propose } from "../../helpers/cycle.js";

const database = withTestDatabase();
// Wednesday 16 June 2027, 10:00 WIB: the visits of the 2027 round.
const NOW = new Date("2027-06-16T03:00:00Z");

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return "no refusal";
}

describe("scoring an RT on site", () => {
  let roundId: number;
  let rt5: RtDetails;
  let rt6: RtDetails;
  let rtElsewhere: RtDetails;
  const babinsa = newUser("Pak Babinsa");
  const dlh = newUser("Bu DLH");
  const puskesmas = newUser("Bu Puskesmas");
  const ketua5 = newUser("Pak Ketua Lima");
  const koor = newUser("Koor Telanaipura");
  let babinsaId: number;
  const deps = () => serviceDeps(database.db, NOW);
  const actorOf = (user: { id: number }): Promise<Actor> => loadActor(database.db, user.id, []);
  const params = (over: Partial<ScoreIndicatorParams> = {}): ScoreIndicatorParams => ({
    roundId, rtId: rt5.id, code: "B1", score: 2, automaticScore: null, overrideReason: null, note: null, photos: [], requestKey: "nilaitim:test:B1:0", ...over,
  });

  beforeEach(async () => {
    roundId = await openRound(database.db);
    rt5 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    rt6 = await addRt(database.db, 6, KELURAHAN_BULURAN_KENALI, 40);
    rtElsewhere = await addRt(database.db, 1, KELURAHAN_PAYO_SELINCAH, 60);
    for (const rt of [rt5, rt6, rtElsewhere]) await propose(database.db, roundId, rt.id);
    babinsaId = await addPerson(database.db, babinsa);
    await addAssessor(database.db, babinsaId, roundId, "babinsa", { kecamatanCodes: [KECAMATAN_TELANAIPURA] });
    await addAssessor(database.db, await addPerson(database.db, dlh), roundId, "dlh", { rtIds: [rt5.id] });
    await addAssessor(database.db, await addPerson(database.db, puskesmas), roundId, "puskesmas", { rtIds: [rt5.id] });
    const { personId: ketuaId } = await addKetua(database.db, ketua5, rt5.id);
    await addAssessor(database.db, ketuaId, roundId, "forum_rt_kelurahan", { rtIds: [rt5.id, rt6.id] });
    await addKoordinator(database.db, koor, { kecamatanCode: KECAMATAN_TELANAIPURA });
  });

  it("lists the proposed RTs of the assessor's scope, and keeps a ketua's own RT apart", async () => {
    const mine = await scorableRts(database.db, await actorOf(babinsa));
    expect(mine.rts.map((entry) => entry.rt.id).sort()).toEqual([rt5.id, rt6.id].sort());
    const ketuas = await scorableRts(database.db, await actorOf(ketua5));
    expect(ketuas.rts.map((entry) => entry.rt.id)).toEqual([rt6.id]);
    expect(ketuas.own.map((entry) => entry.rt.id)).toEqual([rt5.id]);
    await database.db.update(rtProposal).set({ withdrawnAt: NOW }).where(eq(rtProposal.rtId, rt6.id));
    expect((await scorableRts(database.db, await actorOf(babinsa))).rts.map((entry) => entry.rt.id)).toEqual([rt5.id]);
  });

  it("keeps every RT the person belongs to off their worklist: as ketua, petugas, resident, pending resident, or acting for it", async () => {
    const rt7 = await addRt(database.db, 7, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    await propose(database.db, roundId, rt7.id);
    const koorId = (await loadActor(database.db, koor.id, [])).person!.id;
    await addAssessor(database.db, koorId, roundId, "forum_rt_kecamatan", { kecamatanCodes: [KECAMATAN_TELANAIPURA] });
    const listed = async () => (await assessorWorklist(database.db, { roundId, personId: koorId })).map((entry) => entry.rtId).sort();
    expect(await listed()).toEqual([rt5.id, rt6.id, rt7.id].sort());
    // The koordinator acts as ketua of RT 7 (no ketua there): it is their own RT now.
    await actForRt(deps(), await actorOf(koor), { rtId: rt7.id });
    expect(await listed()).toEqual([rt5.id, rt6.id].sort());
    expect(isOwnRt(await actorOf(koor), rt7.id)).toBe(true);
    // The ketua of RT 5 on the team never sees RT 5; once their role ends, it is listed again.
    const ketuaId = (await loadActor(database.db, ketua5.id, [])).person!.id;
    expect((await assessorWorklist(database.db, { roundId, personId: ketuaId })).map((entry) => entry.rtId)).toEqual([rt6.id]);
    // findReachableKetua: the ketua while reachable; nobody once unreachable (the outbox gave up on them).
    expect((await findReachableKetua(database.db, rt5.id))?.personId).toBe(ketuaId);
    await database.db.update(person).set({ unreachableAt: NOW }).where(eq(person.id, ketuaId));
    expect(await findReachableKetua(database.db, rt5.id)).toBeUndefined();
    expect(await findReachableKetua(database.db, rt7.id)).toBeUndefined(); // an acting koordinator is not its ketua
  });

  it("stores the score, its photos as file ids and the audit row once, however often the same answer arrives", async () => {
    const photos = [
      { fileId: "file-big-1", fileUniqueId: "uniq-1", caption: "Selokan gang 3" },
      { fileId: "file-big-2", fileUniqueId: "uniq-2", caption: null },
      { fileId: "file-big-1-again", fileUniqueId: "uniq-1", caption: null },
    ];
    const actor = await actorOf(babinsa);
    const first = await scoreIndicator(deps(), actor, params({ note: "Rumah tertata 🏡", photos }));
    const again = await scoreIndicator(deps(), actor, params({ note: "Rumah tertata 🏡", photos }));
    expect(first).toMatchObject({ code: "B1", score: 2, photos: 2, scored: 1, repeated: false });
    expect(again).toMatchObject({ scoreId: first.scoreId, repeated: true, photos: 2 });
    expect(await database.db.select().from(assessmentScore)).toMatchObject([{ kind: "team", roundId, rtId: rt5.id, personId: babinsaId, indicatorCode: "B1", score: 2, note: "Rumah tertata 🏡" }]);
    const stored = await database.db.select().from(evidence).orderBy(evidence.id);
    expect(stored.map((row) => [row.fileId, row.fileUniqueId, row.caption, row.indicatorCode, row.roundId, row.rtId])).toEqual([
      ["file-big-1", "uniq-1", "Selokan gang 3", "B1", roundId, rt5.id],
      ["file-big-2", "uniq-2", null, "B1", roundId, rt5.id],
    ]);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, "assessment_scored"));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toMatchObject({ rt: rt5.id, indicator: "B1", score: 2, round: roundId });
    // A deliberate change (a new revision) is a new row; the latest counts.
    await scoreIndicator(deps(), actor, params({ score: 1, requestKey: "nilaitim:test:B1:1" }));
    expect(await database.db.select().from(assessmentScore)).toHaveLength(2);
    expect((await myTeamScores(database.db, { roundId, rtId: rt5.id, personId: babinsaId })).B1).toMatchObject({ score: 1 });
  });

  it("refuses an RT outside the scope, one not proposed, the assessor's own RT, a decided round and a non-member, storing nothing", async () => {
    expect(await refusal(scoreIndicator(deps(), await actorOf(babinsa), params({ rtId: rtElsewhere.id })))).toBe("out-of-scope");
    expect(await refusal(scoreIndicator(deps(), await actorOf(dlh), params({ rtId: rt6.id })))).toBe("out-of-scope");
    expect(await refusal(scoreIndicator(deps(), await actorOf(ketua5), params()))).toBe("assessment-own-rt");
    expect(await refusal(scoreIndicator(deps(), await actorOf(koor), params()))).toBe("assessment-not-on-team");
    await database.db.update(rtProposal).set({ withdrawnAt: NOW }).where(eq(rtProposal.rtId, rt5.id));
    expect(await refusal(scoreIndicator(deps(), await actorOf(babinsa), params()))).toBe("assessment-rt-not-proposed");
    await database.db.update(rtProposal).set({ withdrawnAt: null }).where(eq(rtProposal.rtId, rt5.id));
    const actor = await actorOf(babinsa); // loaded while the round was undecided
    await database.db.update(assessmentRound).set({ skNumber: "SK 1/2027", skDate: "2027-08-17", decidedAt: NOW });
    expect(await refusal(scoreIndicator(deps(), actor, params()))).toBe("assessment-round-decided");
    expect(await database.db.select().from(assessmentScore)).toHaveLength(0);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "assessment_scored"))).toHaveLength(0);
  });

  it("needs a reason to differ from the automatic level, and keeps it", async () => {
    const actor = await actorOf(babinsa);
    expect(await refusal(scoreIndicator(deps(), actor, params({ code: "B3", score: 2, automaticScore: 0 })))).toBe("assessment-reason-required");
    expect(await refusal(scoreIndicator(deps(), actor, params({ code: "B3", score: 2, automaticScore: 0, overrideReason: " \u200b\u200d " })))).toBe("assessment-reason-required");
    await scoreIndicator(deps(), actor, params({ code: "B3", score: 2, automaticScore: 0, overrideReason: "Bank sampah jalan, belum dicatat'; drop table rt;--", requestKey: "nilaitim:test:B3:0" }));
    await scoreIndicator(deps(), actor, params({ code: "B7", score: 0, automaticScore: 0, requestKey: "nilaitim:test:B7:0" }));
    const rows = await database.db.select().from(assessmentScore).orderBy(assessmentScore.id);
    expect(rows.map((row) => [row.indicatorCode, row.score, row.automaticScore, row.overrideReason])).toEqual([
      ["B3", 2, 0, "Bank sampah jalan, belum dicatat'; drop table rt;--"],
      ["B7", 0, 0, null],
    ]);
  });

  it("takes hostile notes and reasons apart: blank, huge, emoji, invisible, SQL-ish, a score out of range", async () => {
    expect(parseAssessmentNote("")).toMatchObject({ ok: false, reason: "empty" });
    expect(parseAssessmentNote("\u200b\u2800\u3164")).toMatchObject({ ok: false, reason: "empty" });
    expect(parseAssessmentNote("a".repeat(ASSESSMENT_NOTE_MAX + 1))).toMatchObject({ ok: false, reason: "too-long", vars: { max: ASSESSMENT_NOTE_MAX } });
    expect(parseAssessmentNote("Bersih 👍\u200b")).toEqual({ ok: true, value: "Bersih 👍" });
    expect(parseAssessmentNote("2,5 atau 2.5")).toEqual({ ok: true, value: "2,5 atau 2.5" });
    expect(parseOverrideReason("x".repeat(1000))).toMatchObject({ ok: false, reason: "too-long" });
    const actor = await actorOf(babinsa);
    expect(await refusal(scoreIndicator(deps(), actor, params({ note: "a".repeat(ASSESSMENT_NOTE_MAX + 1) })))).toBe("indicator-note-too-long");
    expect(await refusal(scoreIndicator(deps(), actor, params({ score: 3 })))).toBe("indicator-score-invalid");
    expect(await refusal(scoreIndicator(deps(), actor, params({ score: -1 })))).toBe("indicator-score-invalid");
    expect(await refusal(scoreIndicator(deps(), actor, params({ score: 2.5 })))).toBe("indicator-score-invalid");
    expect(await refusal(scoreIndicator(deps(), actor, params({ code: "X9" })))).toBe("indicator-unknown");
    expect(await database.db.select().from(assessmentScore)).toHaveLength(0);
  });

  it("combines three assessors by the median in the recap, with names for the team and agencies only for the ketua after the decision", async () => {
    const scores: [typeof babinsa, number][] = [[babinsa, 2], [dlh, 0], [puskesmas, 1]];
    for (const [user, score] of scores) await scoreIndicator(deps(), await actorOf(user), params({ score, requestKey: `nilaitim:${user.id}:B1:0` }));
    await scoreIndicator(deps(), await actorOf(dlh), params({ code: "A1", score: 2, requestKey: "nilaitim:dlh:A1:0" }));
    await scoreIndicator(deps(), await actorOf(babinsa), params({ code: "A1", score: 1, requestKey: "nilaitim:babinsa:A1:0" }));

    const team = await teamRecapView(database.db, await actorOf(babinsa), { roundId, rtId: rt5.id });
    expect(team.viewer).toBe("team");
    const b1 = team.recap.indicators.find((indicator) => indicator.code === "B1")!;
    expect(b1.combined).toBe(1);
    expect(b1.scores.map((entry) => entry.score).sort()).toEqual([0, 1, 2]);
    expect(team.recap.indicators.find((indicator) => indicator.code === "A1")!.combined).toBe(1); // two assessors: the lower middle
    expect(team.recap).toMatchObject({ total: 2, scored: 2, unscored: 19, assessors: 3 });
    expect(team.assessors[babinsaId]).toMatchObject({ agency: "babinsa", name: "Pak Babinsa" });

    expect((await teamRecapView(database.db, await actorOf(koor), { roundId, rtId: rt5.id })).viewer).toBe("staff");
    // Puskesmas scored B1, not A1: A1's two colleagues' scores wait until they have scored it themselves.
    const own = await teamRecapView(database.db, await actorOf(puskesmas), { roundId, rtId: rt5.id });
    expect(own.recap.indicators.find((indicator) => indicator.code === "B1")!.scores).toHaveLength(3);
    expect(own.recap.indicators.find((indicator) => indicator.code === "A1")).toMatchObject({ combined: null, scores: [] });
    expect(own.withheld).toEqual({ A1: 2 });
    expect(own.recap).toMatchObject({ total: 1, scored: 1, unscored: 20 });
    await scoreIndicator(deps(), await actorOf(puskesmas), params({ code: "A1", score: 0, requestKey: "nilaitim:puskesmas:A1:0" }));
    expect((await teamRecapView(database.db, await actorOf(puskesmas), { roundId, rtId: rt5.id })).withheld).toEqual({});
    // Reads are scoped too: the DLH officer's scope is RT 5 only; the ketua waits for the decision.
    expect(await refusal(teamRecapView(database.db, await actorOf(dlh), { roundId, rtId: rt6.id }))).toBe("out-of-scope");
    expect(await refusal(teamRecapView(database.db, await actorOf(ketua5), { roundId, rtId: rt5.id }))).toBe("assessment-recap-after-decision");
    await database.db.update(assessmentRound).set({ skNumber: "SK 1/2027", skDate: "2027-08-17", decidedAt: NOW });
    const ketuaView = await teamRecapView(database.db, await actorOf(ketua5), { roundId, rtId: rt5.id });
    expect(ketuaView.viewer).toBe("ketua");
    expect(Object.values(ketuaView.assessors).every((entry) => entry.name === null)).toBe(true);
  });
});
