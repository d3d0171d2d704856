import { eq, like } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { assessmentVisit, auditLog, outbox, rtTitle } from "../../../src/db/schema/index.js";
import { declineOf, declineSinceAward, planDeclineNotices, weekOf } from "../../../src/domain/cycle/decline.js";
import { readBaseline, titleHolders } from "../../../src/domain/cycle/holders.js";
import { planReassessmentVisit, reassessmentCandidates } from "../../../src/domain/cycle/reassessment.js";
import { quarterOf, selfAssessmentComparison } from "../../../src/domain/cycle/self-assessment.js";
import { DomainError } from "../../../src/domain/errors.js";
import { loadActor } from "../../../src/domain/people/actor.js";
import type { RtDetails } from "../../../src/domain/rt/rt.js";
import { planSelfAssessmentInvites } from "../../../src/scheduling/self-assessment-invites.js";
import { productionJobs } from "../../../src/scheduling/jobs.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addKetua, addKoordinator, addPerson, addRt, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../../helpers/fixtures.js";
import { serviceDeps } from "../../helpers/service-deps.js";
import { addResidents, everyoneDid, wib } from "../scores/builders.js";
import { addDecidedRound, addTeamScore, addTitle, automaticNow } from "./keeping-builders.js";

const database = withTestDatabase();
// Wednesday 9 December 2026, 10.00 WIB; the scorecard's window is the 28 days before.
const NOW = wib("2026-12-09T10:00");
const RECENT = wib("2026-12-01T08:00");

async function rtWithHouseholds(number: number, households: number, kelurahan = KELURAHAN_SIMPANG_IV_SIPIN): Promise<RtDetails> {
  const place = await addRt(database.db, number, kelurahan, 40);
  await everyoneDid(database.db, place, await addResidents(database.db, households), "gotong_royong", RECENT);
  return place;
}

async function declineRows(): Promise<{ key: string; chatId: number; text: string }[]> {
  const rows = await database.db.select({ key: outbox.dedupeKey, chatId: outbox.chatId, payload: outbox.payload }).from(outbox).where(like(outbox.dedupeKey, "notice:decline:%"));
  return rows.map((row) => ({ key: row.key, chatId: row.chatId, text: (row.payload as { text: string }).text })).sort((a, b) => a.key.localeCompare(b.key));
}

describe("the baseline", () => {
  it("is read defensively: a title without one has nothing to compare with", () => {
    expect(readBaseline({})).toBeNull();
    expect(readBaseline(null)).toBeNull();
    expect(readBaseline({ participatingHouseholds: -3 })).toBeNull();
    expect(readBaseline({ participatingHouseholds: 10, automatic: { B3: 2, B7: 7, A2: "1" } })?.automatic).toEqual({ B3: 2 });
  });

  it("households fall at exactly dropPercent, not one short of it", () => {
    const holder = { rtId: 1, titleId: 1, awardedOn: "2026-08-17", baseline: readBaseline({ participatingHouseholds: 10, automatic: {} }) };
    expect(declineOf(holder, { automatic: {}, participatingHouseholds: 7 }, 30)?.households).toEqual({ before: 10, now: 7, dropPercent: 30 });
    expect(declineOf(holder, { automatic: {}, participatingHouseholds: 8 }, 30)).toBeNull();
    // Nothing before: nothing to fall from.
    const none = { ...holder, baseline: readBaseline({ participatingHouseholds: 0 }) };
    expect(declineOf(none, { automatic: {}, participatingHouseholds: 0 }, 30)).toBeNull();
  });
});

describe("menurun sejak penghargaan", () => {
  let fellHouseholds: RtDetails;
  let steady: RtDetails;
  let fellIndicator: RtDetails;
  let noTitle: RtDetails;

  beforeEach(async () => {
    fellHouseholds = await rtWithHouseholds(1, 7);
    steady = await rtWithHouseholds(2, 8);
    fellIndicator = await rtWithHouseholds(3, 8);
    noTitle = await rtWithHouseholds(4, 0);
    await addTitle(database.db, { rtId: fellHouseholds.id, baseline: { automatic: await automaticNow(database.db, fellHouseholds.id, NOW), participatingHouseholds: 10 } });
    await addTitle(database.db, { rtId: steady.id, baseline: { automatic: await automaticNow(database.db, steady.id, NOW), participatingHouseholds: 10 } });
    const levels = await automaticNow(database.db, fellIndicator.id, NOW);
    expect(levels.B3).toBe(0); // 8 of 40 KK: below the fair 30%
    await addTitle(database.db, { rtId: fellIndicator.id, baseline: { automatic: { ...levels, B3: 1 }, participatingHouseholds: 8 } });
  });

  it("flags a fall of exactly dropPercent and an automatic level one lower; nothing fell, nothing flagged", async () => {
    const declines = await declineSinceAward(database.db, "all", NOW);
    expect([...declines.keys()].sort()).toEqual([fellHouseholds.id, fellIndicator.id].sort());
    expect(declines.get(fellHouseholds.id)).toMatchObject({ indicators: [], households: { before: 10, now: 7, dropPercent: 30 } });
    expect(declines.get(fellIndicator.id)).toMatchObject({ indicators: [{ code: "B3", before: 1, now: 0 }], households: null });
    expect(declines.has(steady.id)).toBe(false);
    expect(declines.has(noTitle.id)).toBe(false);
    expect((await declineSinceAward(database.db, [steady.id, noTitle.id], NOW)).size).toBe(0);
  });

  it("tells a new fall once: the ketua its RT, the koordinator one message for the area; not again each Monday", async () => {
    const ketua = newUser("Harun");
    const koor = newUser("Koor");
    const otherKoor = newUser("Koor Paal");
    await addKetua(database.db, ketua, fellIndicator.id);
    await addKoordinator(database.db, koor, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await addKoordinator(database.db, otherKoor, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
    const deps = serviceDeps(database.db, NOW);

    const first = await planDeclineNotices(deps, NOW);
    expect(first).toEqual({ declining: 2, queued: 2 }); // the ketua of RT 03; one message to the koordinator for both RTs
    const rows = await declineRows();
    expect(rows.map((row) => row.chatId).sort()).toEqual([ketua.id, koor.id].sort());
    const toKetua = rows.find((row) => row.chatId === ketua.id)!;
    expect(toKetua.text).toContain("RT 03");
    expect(toKetua.text).toMatch(/• B3 \S[^:\n]*: 1 → 0/);
    expect(toKetua.text).toContain("Saran:");
    expect(toKetua.text).toMatch(/• B3: \S/);
    const toKoor = rows.find((row) => row.chatId === koor.id)!;
    expect(toKoor.text).toContain("Koor, 2 RT pemegang gelar di wilayah Anda menurun");
    expect(toKoor.text).toContain("RT 01");
    expect(toKoor.text).toContain("RT 03");
    expect(toKoor.text).toContain("rumah tangga ikut: 10 → 7 (turun 30%)");

    // A second run the same week (a restart, a second instance) queues nothing; nor does the next
    // Monday while the same things stay fallen.
    expect(await planDeclineNotices(deps, wib("2026-12-13T22:00"))).toEqual({ declining: 2, queued: 0 });
    expect(weekOf(wib("2026-12-14T07:15"))).not.toBe(weekOf(NOW));
    expect(await planDeclineNotices(deps, wib("2026-12-14T07:15"))).toEqual({ declining: 2, queued: 0 });
    expect(await declineRows()).toHaveLength(2);

    // A new fall (RT 02's households) is told the next Monday: to the koordinator, about RT 02 only.
    await database.db.update(rtTitle).set({ baseline: { automatic: await automaticNow(database.db, steady.id, NOW), participatingHouseholds: 20 } }).where(eq(rtTitle.rtId, steady.id));
    const monday = wib("2026-12-21T07:15");
    expect(await planDeclineNotices(serviceDeps(database.db, monday), monday)).toMatchObject({ declining: 3 });
    const later = (await declineRows()).filter((row) => !rows.some((before) => before.key === row.key));
    expect(later).toHaveLength(1);
    expect(later[0]!.chatId).toBe(koor.id);
    expect(later[0]!.text).toContain("RT 02");
    expect(later[0]!.text).not.toContain("RT 03");
  });

  it("keeps watching a declining holder awarded Kencana, and keeps its round's team scores as official", async () => {
    // Kencana as awardKencana records it: no round, no baseline of its own (the schema's '{}').
    const roundId = await addDecidedRound(database.db);
    await database.db.update(rtTitle).set({ roundId }).where(eq(rtTitle.rtId, fellIndicator.id));
    await addTeamScore(database.db, { roundId, rtId: fellIndicator.id, personId: await addPerson(database.db, newUser("Penilai")), code: "B1", score: 1 });
    await database.db.insert(rtTitle).values({ rtId: fellIndicator.id, level: "kencana", roundId: null, category: "kecil", householdCount: 40, awardRupiah: 0, awardedOn: "2027-08-18", skNumber: "188.45/200/HK/2027", recordedAt: NOW });
    const ketua = newUser("Harun");
    await addKetua(database.db, ketua, fellIndicator.id);

    const [holder] = await titleHolders(database.db, [fellIndicator.id]);
    expect(holder).toMatchObject({ level: "kencana", roundId, awardedOn: "2026-08-17" });
    expect((await declineSinceAward(database.db, [fellIndicator.id], NOW)).get(fellIndicator.id)).toMatchObject({ indicators: [{ code: "B3", before: 1, now: 0 }] });
    await planDeclineNotices(serviceDeps(database.db, NOW), NOW);
    expect((await declineRows()).filter((row) => row.chatId === ketua.id)).toEqual([expect.objectContaining({ text: expect.stringMatching(/• B3 \S[^:\n]*: 1 → 0/) })]);
    const { rows } = await selfAssessmentComparison(database.db, { rtId: fellIndicator.id, now: NOW });
    expect(rows.find((row) => row.code === "B1")).toMatchObject({ official: 1, officialSource: "team" });
  });

  it("runs as the Monday job beside the digests", async () => {
    const jobs = productionJobs({ db: database.db, i18n: serviceDeps(database.db, NOW).i18n, logger: (await import("../../../src/logger.js")).createLogger("silent") });
    const job = jobs.find((candidate) => candidate.name === "decline-since-award")!;
    expect(job.cron).toBe("15 7 * * 1");
    await addKetua(database.db, newUser("Harun"), fellHouseholds.id);
    await job.run(NOW);
    await job.run(NOW);
    expect(await declineRows()).toHaveLength(1);
  });
});

describe("the quarterly invitation to the penilaian mandiri", () => {
  it("names the WIB quarter", () => {
    expect(quarterOf(wib("2027-01-01T00:00")).period).toBe("2027-Q1");
    expect(quarterOf(new Date("2026-12-31T17:00:00Z")).period).toBe("2027-Q1"); // 00.00 WIB on 1 January
    expect(quarterOf(wib("2027-06-30T23:59")).period).toBe("2027-Q2");
    expect(quarterOf(wib("2027-10-04T09:00")).period).toBe("2027-Q4");
  });

  it("invites every holder's ketua once per quarter, and no one else", async () => {
    const holder = await addRt(database.db, 5);
    const other = await addRt(database.db, 6);
    const ketua = newUser("Harun");
    const otherKetua = newUser("Budi");
    await addKetua(database.db, ketua, holder.id);
    await addKetua(database.db, otherKetua, other.id);
    await addTitle(database.db, { rtId: holder.id, baseline: { participatingHouseholds: 10 } });
    const deps = serviceDeps(database.db, NOW);
    const rows = async () => database.db.select({ chatId: outbox.chatId, payload: outbox.payload }).from(outbox).where(like(outbox.dedupeKey, "notice:self-invite:%"));

    expect(await planSelfAssessmentInvites(deps, wib("2027-01-04T09:00"))).toEqual({ invited: 1, queued: 1 });
    expect(await planSelfAssessmentInvites(deps, wib("2027-01-04T09:00"))).toEqual({ invited: 1, queued: 0 });
    expect(await planSelfAssessmentInvites(deps, wib("2027-01-11T09:00"))).toEqual({ invited: 1, queued: 0 });
    const [invite] = await rows();
    expect(invite!.chatId).toBe(ketua.id);
    expect((invite!.payload as { text: string }).text).toContain("triwulan I 2027");
    expect(JSON.stringify(invite!.payload)).toContain(`self.open:${holder.id}`);
    expect((await planSelfAssessmentInvites(deps, wib("2027-04-05T09:00"))).queued).toBe(1);
    expect(await rows()).toHaveLength(2);
    const job = productionJobs({ db: database.db, i18n: deps.i18n, logger: (await import("../../../src/logger.js")).createLogger("silent") }).find((candidate) => candidate.name === "self-assessment-invites")!;
    expect(job.cron).toBe("0 9 * 1,4,7,10 1");
  });
});

describe("planning a re-assessment visit", () => {
  it("plans once for a holder of the area, tells the ketua once, and refuses the rest", async () => {
    const holder = await addRt(database.db, 5);
    const notHolder = await addRt(database.db, 6);
    await addTitle(database.db, { rtId: holder.id, baseline: { participatingHouseholds: 0 } });
    const ketua = newUser("Harun");
    const koor = newUser("Koor");
    const otherKoor = newUser("Koor Paal");
    await addKetua(database.db, ketua, holder.id);
    await addKoordinator(database.db, koor, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await addKoordinator(database.db, otherKoor, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
    const deps = serviceDeps(database.db, NOW);
    const actor = await loadActor(database.db, koor.id, []);
    const startsAt = wib("2026-12-12T09:00");

    expect((await reassessmentCandidates(database.db, actor, NOW)).map((candidate) => candidate.place.id)).toEqual([holder.id]);
    expect(await reassessmentCandidates(database.db, await loadActor(database.db, otherKoor.id, []), NOW)).toEqual([]);

    const planned = await planReassessmentVisit(deps, actor, { rtId: holder.id, startsAt, requestKey: "reassess:one" });
    const again = await planReassessmentVisit(deps, actor, { rtId: holder.id, startsAt, requestKey: "reassess:one" });
    expect(planned.created).toBe(true);
    expect(again).toMatchObject({ visitId: planned.visitId, created: false });
    const visits = await database.db.select().from(assessmentVisit);
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ kind: "reassessment", roundId: null, rtId: holder.id, startsAt });
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "visit_scheduled"))).toHaveLength(1);
    const notices = await database.db.select().from(outbox).where(like(outbox.dedupeKey, "notice:reassessment-visit:%"));
    expect(notices.map((row) => row.chatId)).toEqual([ketua.id]);
    expect((notices[0]!.payload as { text: string }).text).toContain("RT 05");

    const refusal = async (work: Promise<unknown>) => (await work.then(() => null, (error: unknown) => error)) as DomainError | null;
    expect((await refusal(planReassessmentVisit(deps, await loadActor(database.db, otherKoor.id, []), { rtId: holder.id, startsAt, requestKey: "reassess:two" })))?.code).toBe("out-of-scope");
    expect((await refusal(planReassessmentVisit(deps, await loadActor(database.db, ketua.id, []), { rtId: holder.id, startsAt, requestKey: "reassess:three" })))?.code).toBe("not-allowed");
    expect((await refusal(planReassessmentVisit(deps, actor, { rtId: holder.id, startsAt: wib("2026-12-09T09:59"), requestKey: "reassess:four" })))?.code).toBe("reassess-time-past");
    expect((await refusal(planReassessmentVisit(deps, actor, { rtId: notHolder.id, startsAt, requestKey: "reassess:five" })))?.code).toBe("reassess-not-holder");
    expect(await database.db.select().from(assessmentVisit)).toHaveLength(1);
  });
});
