import { readFileSync } from "node:fs";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCORE_CONFIG, resolveScoreConfig } from "../../../src/domain/scores/config.js";
import { AUTOMATIC_CODES, INDICATOR_CODES, type IndicatorCode } from "../../../src/domain/scores/indicators.js";
import { categoryOf, computeScorecards, type Scorecard } from "../../../src/domain/scores/scorecard.js";
import type { RtDetails } from "../../../src/domain/rt/rt.js";
import { participation } from "../../../src/db/schema/index.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addRt } from "../../helpers/fixtures.js";
import { addOccurrences, addReadingSessions, addResidents, checkIns, DAY, everyoneDid, participate, wib } from "./builders.js";

// Wednesday 9 December 2026, 10:00 WIB; the window is the 28 days before.
const NOW = wib("2026-12-09T10:00");
const FROM = new Date(NOW.getTime() - 28 * DAY);
const IN_WINDOW = wib("2026-12-01T08:00");

const database = withTestDatabase();

let rtNumber = 0;
async function rtWith(householdCount: number): Promise<RtDetails> {
  return addRt(database.db, ++rtNumber, undefined, householdCount);
}

async function cards(now = NOW, config = DEFAULT_SCORE_CONFIG): Promise<Map<number, Scorecard>> {
  return new Map((await computeScorecards(database.db, "all", now, config)).map((card) => [card.rt.rtId, card]));
}

function indicator(card: Scorecard | undefined, code: IndicatorCode) {
  const found = card?.indicators.find((entry) => entry.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
}

function scoresOf(all: Map<number, Scorecard>, rts: RtDetails[], code: IndicatorCode): number[] {
  return rts.map((rt) => indicator(all.get(rt.id), code).score);
}

function render(locale: "id" | "en", key: string, vars: Record<string, string | number>): string {
  const bundle = new FluentBundle(locale, { useIsolating: false });
  bundle.addResource(new FluentResource(readFileSync(new URL(`../../../locales/${locale}.ftl`, import.meta.url), "utf8")));
  const errors: Error[] = [];
  const text = bundle.formatPattern(bundle.getMessage(key)!.value!, vars, errors);
  expect(errors).toEqual([]);
  return text;
}

describe("B3: households taking part in cleanliness (gotong royong or bank sampah)", () => {
  it("is 0 below 30% of KK, 1 from 30%, 2 from 60%", async () => {
    const households = [29, 30, 31, 59, 60, 61];
    const rts: RtDetails[] = [];
    for (const count of households) {
      const rt = await rtWith(100);
      const people = await addResidents(database.db, count);
      // Half by gotong royong, half by the bank sampah: both count.
      await participate(database.db, people.map((personId, i) => ({ rtId: rt.id, personId, kind: i % 2 ? "bank_sampah" : "gotong_royong", at: IN_WINDOW })));
      rts.push(rt);
    }
    expect(scoresOf(await cards(), rts, "B3")).toEqual([0, 1, 1, 1, 2, 2]);
  });

  it("compares in whole numbers, so exactly 60% of an odd KK count is 2, one household fewer is 1, and 59.5% shows as 59%", async () => {
    const at = await rtWith(35);
    const below = await rtWith(35);
    await everyoneDid(database.db, at, await addResidents(database.db, 21), "gotong_royong", IN_WINDOW); // 21/35 = 60%
    await everyoneDid(database.db, below, await addResidents(database.db, 20), "gotong_royong", IN_WINDOW); // 57.1%
    // 119 of 200 is 59.5%: shown rounded down, so the line never reads "60% … batas nilai 2 adalah 60%" on a 1.
    const almost = await rtWith(200);
    await everyoneDid(database.db, almost, await addResidents(database.db, 119), "gotong_royong", IN_WINDOW);
    const all = await cards();
    expect(scoresOf(all, [at, below, almost], "B3")).toEqual([2, 1, 1]);
    expect(indicator(all.get(below.id), "B3").explanation.vars).toMatchObject({ percent: 57, target: 60 });
    expect(indicator(all.get(almost.id), "B3").explanation.vars).toMatchObject({ percent: 59, target: 60 });
  });

  it("explains itself in one line: B3 = 1: 38% KK ikut, batas nilai 2 adalah 60%", async () => {
    const rt = await rtWith(50);
    await everyoneDid(database.db, rt, await addResidents(database.db, 19), "bank_sampah", IN_WINDOW);
    const b3 = indicator((await cards()).get(rt.id), "B3");
    expect(b3).toMatchObject({ score: 1, source: "auto" });
    expect(b3.explanation).toEqual({ key: "score-explain-b3", vars: { code: "B3", score: 1, percent: 38, next: 2, target: 60, days: 28 } });
    expect(render("id", b3.explanation.key, b3.explanation.vars)).toBe("B3 = 1: 38% KK ikut gotong royong atau bank sampah dalam 28 hari terakhir, batas nilai 2 adalah 60%");
    expect(render("en", b3.explanation.key, b3.explanation.vars)).toBe(
      "B3 = 1: 38% of households took part in gotong royong or the waste bank in the last 28 days; the threshold for 2 is 60%",
    );
  });

  it("names the threshold for 1 when the score is 0", async () => {
    const rt = await rtWith(10);
    await everyoneDid(database.db, rt, await addResidents(database.db, 2), "gotong_royong", IN_WINDOW);
    expect(indicator((await cards()).get(rt.id), "B3").explanation.vars).toEqual({ code: "B3", score: 0, percent: 20, next: 1, target: 30, days: 28 });
  });

  it("counts households, not people or records: one label spelt twice is one KK, a missing label is its own", async () => {
    const rt = await rtWith(10);
    const [a, b, c, d] = await addResidents(database.db, 4);
    await participate(database.db, [
      { rtId: rt.id, personId: a!, kind: "gotong_royong", at: IN_WINDOW, household: "Rumah 7" },
      { rtId: rt.id, personId: b!, kind: "bank_sampah", at: IN_WINDOW, household: " rumah 7 " },
      { rtId: rt.id, personId: a!, kind: "bank_sampah", at: IN_WINDOW, household: "Rumah 7" },
      { rtId: rt.id, personId: c!, kind: "gotong_royong", at: IN_WINDOW, household: null },
      { rtId: rt.id, personId: d!, kind: "ronda", at: IN_WINDOW }, // not cleanliness
    ]);
    const card = (await cards()).get(rt.id)!;
    expect(card.metrics).toMatchObject({ cleanlinessHouseholds: 2, participatingHouseholds: 3, bankSampahHouseholds: 1 });
    expect(indicator(card, "B3").explanation.vars).toMatchObject({ percent: 20 });
  });

  it("leaves out revoked records and unverified ones (the latter are counted apart as waiting)", async () => {
    const revoked = await rtWith(100);
    const unverified = await rtWith(100);
    for (const [rt, flag] of [[revoked, { revoked: true }], [unverified, { verified: false }]] as const) {
      const people = await addResidents(database.db, 60);
      await participate(database.db, people.map((personId, i) => ({ rtId: rt.id, personId, kind: "gotong_royong", at: IN_WINDOW, ...(i === 0 ? flag : {}) })));
    }
    const all = await cards();
    expect(scoresOf(all, [revoked, unverified], "B3")).toEqual([1, 1]);
    expect(all.get(revoked.id)!.metrics).toMatchObject({ cleanlinessHouseholds: 59, verifiedRecords: 59, unverifiedRecords: 0 });
    expect(all.get(unverified.id)!.metrics).toMatchObject({ cleanlinessHouseholds: 59, verifiedRecords: 59, unverifiedRecords: 1 });
  });

  it("counts the window from now − 28 days (inclusive) to now (exclusive)", async () => {
    const rt = await rtWith(10);
    const [first, last, before] = await addResidents(database.db, 3);
    await participate(database.db, [
      { rtId: rt.id, personId: first!, kind: "gotong_royong", at: FROM },
      { rtId: rt.id, personId: last!, kind: "gotong_royong", at: NOW },
      { rtId: rt.id, personId: before!, kind: "gotong_royong", at: new Date(FROM.getTime() - 1) },
    ]);
    const card = (await cards()).get(rt.id)!;
    expect(card.window).toEqual({ from: FROM, to: NOW });
    expect(card.metrics.cleanlinessHouseholds).toBe(1);
  });

  it("cannot score a percentage without a KK count, and says so", async () => {
    const rt = await rtWith(0);
    await everyoneDid(database.db, rt, await addResidents(database.db, 5), "gotong_royong", IN_WINDOW);
    const card = (await cards()).get(rt.id)!;
    for (const code of ["B3", "B7", "A5", "P4"] as const) {
      expect(indicator(card, code)).toMatchObject({ score: 0, explanation: { key: "score-explain-no-households", vars: { code } } });
    }
  });
});

describe("B7: gotong royong held and attended", () => {
  /** `attendance`: households present at each held occurrence. */
  async function rtWithGotongRoyong(attendance: number[], householdCount = 10): Promise<RtDetails> {
    const rt = await rtWith(householdCount);
    const starts = attendance.map((_, i) => wib(`2026-11-${15 + 7 * i}T07:00`));
    const ids = await addOccurrences(database.db, rt.id, "gotong_royong", starts);
    for (const [i, present] of attendance.entries()) await checkIns(database.db, rt.id, ids[i]!, "gotong_royong", starts[i]!, await addResidents(database.db, present));
    return rt;
  }

  it("is 2 from twice with 40% of KK on average, 1 from once with 20%", async () => {
    const cases = [[4, 4], [5, 3], [4, 3], [10], [2], [1], []];
    const rts = [];
    for (const attendance of cases) rts.push(await rtWithGotongRoyong(attendance));
    expect(scoresOf(await cards(), rts, "B7")).toEqual([2, 2, 1, 1, 1, 0, 0]);
  });

  it("explains what was held, how many came, and what the next score needs", async () => {
    const rt = await rtWithGotongRoyong([4, 3]);
    const b7 = indicator((await cards()).get(rt.id), "B7");
    expect(b7.explanation).toEqual({ key: "score-explain-b7", vars: { code: "B7", score: 1, held: 2, percent: 35, next: 2, times: 2, target: 40, days: 28 } });
    expect(render("id", b7.explanation.key, b7.explanation.vars)).toBe(
      "B7 = 1: gotong royong 2 kali dalam 28 hari terakhir, rata-rata 35% KK hadir; nilai 2 butuh 2 kali dengan 40% KK hadir",
    );
  });

  it("counts neither cancelled occurrences nor ones not over yet, nor revoked check-ins", async () => {
    const rt = await rtWithGotongRoyong([4, 4]);
    const [cancelled] = await addOccurrences(database.db, rt.id, "gotong_royong", [wib("2026-11-29T07:00")], { cancelled: true });
    await checkIns(database.db, rt.id, cancelled!, "gotong_royong", wib("2026-11-29T07:00"), await addResidents(database.db, 9));
    const [running] = await addOccurrences(database.db, rt.id, "gotong_royong", [new Date(NOW.getTime() - 60 * 60_000)]);
    await checkIns(database.db, rt.id, running!, "gotong_royong", NOW, await addResidents(database.db, 1));
    const card = (await cards()).get(rt.id)!;
    expect(card.metrics).toMatchObject({ gotongRoyongHeld: 2, gotongRoyongAttendance: 8 });
    expect(indicator(card, "B7").score).toBe(2);

    const revokedRt = await rtWith(10);
    const starts = [wib("2026-11-15T07:00"), wib("2026-11-22T07:00")];
    const ids = await addOccurrences(database.db, revokedRt.id, "gotong_royong", starts);
    await checkIns(database.db, revokedRt.id, ids[0]!, "gotong_royong", starts[0]!, await addResidents(database.db, 4));
    await checkIns(database.db, revokedRt.id, ids[1]!, "gotong_royong", starts[1]!, await addResidents(database.db, 3));
    await checkIns(database.db, revokedRt.id, ids[1]!, "gotong_royong", starts[1]!, await addResidents(database.db, 1), { revoked: true });
    expect(indicator((await cards()).get(revokedRt.id), "B7").score).toBe(1);
  });

  it("counts two members of one household at one gotong royong once", async () => {
    const rt = await rtWith(10);
    const start = wib("2026-11-22T07:00");
    const [id] = await addOccurrences(database.db, rt.id, "gotong_royong", [start]);
    await checkIns(database.db, rt.id, id!, "gotong_royong", start, await addResidents(database.db, 4), { household: () => "Rumah 1" });
    expect((await cards()).get(rt.id)!.metrics).toMatchObject({ gotongRoyongHeld: 1, gotongRoyongAttendance: 1, gotongRoyongAttendanceRate: 0.1 });
  });
});

describe("A2: ronda shifts staffed", () => {
  async function rtWithShifts(held: number, staffed: number, extra: { revokedOnly?: number } = {}): Promise<RtDetails> {
    const rt = await rtWith(40);
    if (held === 0) return rt;
    const starts = Array.from({ length: held }, (_, i) => wib(`2026-11-${String(20 + i).padStart(2, "0")}T22:00`));
    const ids = await addOccurrences(database.db, rt.id, "ronda", starts, { minutes: 360 });
    const [guard, late] = await addResidents(database.db, 2);
    for (let i = 0; i < staffed; i++) await checkIns(database.db, rt.id, ids[i]!, "ronda", starts[i]!, [guard!]);
    for (let i = staffed; i < staffed + (extra.revokedOnly ?? 0); i++) await checkIns(database.db, rt.id, ids[i]!, "ronda", starts[i]!, [late!], { revoked: true });
    return rt;
  }

  it("is 2 from 80% of held shifts staffed, 1 from 50%", async () => {
    const rts = [await rtWithShifts(10, 8), await rtWithShifts(10, 7), await rtWithShifts(10, 5), await rtWithShifts(10, 4), await rtWithShifts(10, 10)];
    expect(scoresOf(await cards(), rts, "A2")).toEqual([2, 1, 1, 0, 2]);
  });

  it("explains staffed of held, and says when no shift was scheduled", async () => {
    const some = await rtWithShifts(10, 7);
    const none = await rtWithShifts(0, 0);
    const all = await cards();
    expect(indicator(all.get(some.id), "A2").explanation).toEqual({ key: "score-explain-a2", vars: { code: "A2", score: 1, staffed: 7, held: 10, percent: 70, next: 2, target: 80 } });
    expect(indicator(all.get(none.id), "A2")).toMatchObject({ score: 0, explanation: { key: "score-explain-a2-none", vars: { code: "A2", days: 28 } } });
    expect(render("id", "score-explain-a2", indicator(all.get(some.id), "A2").explanation.vars)).toBe("A2 = 1: 7 dari 10 giliran ronda terisi (70%), batas nilai 2 adalah 80%");
  });

  it("does not count a shift whose only check-in was taken back", async () => {
    const rt = await rtWithShifts(10, 7, { revokedOnly: 1 });
    expect((await cards()).get(rt.id)!.metrics).toMatchObject({ rondaShiftsHeld: 10, rondaShiftsStaffed: 7 });
  });
});

describe("A5: rapat warga held and attended", () => {
  async function rtWithRapat(present: number | null): Promise<RtDetails> {
    const rt = await rtWith(20);
    if (present === null) return rt;
    const start = wib("2026-11-28T19:30");
    const [id] = await addOccurrences(database.db, rt.id, "rapat", [start]);
    await checkIns(database.db, rt.id, id!, "rapat", start, await addResidents(database.db, present));
    return rt;
  }

  it("is 2 from one rapat with 30% of KK, 1 from 15%, 0 without a rapat", async () => {
    const rts = [];
    for (const present of [7, 6, 5, 3, 2, null]) rts.push(await rtWithRapat(present));
    expect(scoresOf(await cards(), rts, "A5")).toEqual([2, 2, 1, 1, 0, 0]);
  });

  it("explains attendance and the next target", async () => {
    const rt = await rtWithRapat(5);
    expect(indicator((await cards()).get(rt.id), "A5").explanation).toEqual({
      key: "score-explain-a5",
      vars: { code: "A5", score: 1, held: 1, percent: 25, next: 2, times: 1, target: 30, days: 28 },
    });
  });

  it("is not fed by gotong royong attendance", async () => {
    const rt = await rtWith(20);
    const start = wib("2026-11-28T07:00");
    const [id] = await addOccurrences(database.db, rt.id, "gotong_royong", [start]);
    await checkIns(database.db, rt.id, id!, "gotong_royong", start, await addResidents(database.db, 20));
    expect(indicator((await cards()).get(rt.id), "A5")).toMatchObject({ score: 0, explanation: { vars: { held: 0 } } });
  });
});

describe("A5 with musyawarah polls (issue 17): the better of the rapat's level and the polls' level", () => {
  let pollId = 0;
  /** The votes of one closed poll, as closePoll writes them: one record per voter, keyed poll:<id>:person:<id>. */
  async function pollVotes(rt: RtDetails, personIds: number[], at = IN_WINDOW): Promise<void> {
    const poll = ++pollId;
    await database.db.insert(participation).values(personIds.map((personId) => ({
      sourceKey: `poll:${poll}:person:${personId}`, rtId: rt.id, personId, householdLabel: `Rumah ${personId}`, kind: "musyawarah" as const,
      occurredAt: at, verified: true, source: "poll", occurrenceId: null, recordedBy: null, recordedAt: at,
    })));
  }
  async function rapat(rt: RtDetails, present: number): Promise<void> {
    const start = wib("2026-11-28T19:30");
    const [id] = await addOccurrences(database.db, rt.id, "rapat", [start]);
    await checkIns(database.db, rt.id, id!, "rapat", start, await addResidents(database.db, present));
  }

  it("a thin poll never lowers a good rapat", async () => {
    const rt = await rtWith(20);
    await rapat(rt, 7);
    await pollVotes(rt, await addResidents(database.db, 1));
    expect(indicator((await cards()).get(rt.id), "A5")).toMatchObject({ score: 2, explanation: { key: "score-explain-a5", vars: { held: 1, percent: 35 } } });
  });

  it("well-voted polls lift a thin rapat, and the explanation says it is the polls", async () => {
    const rt = await rtWith(20);
    await rapat(rt, 2);
    await pollVotes(rt, await addResidents(database.db, 6));
    await pollVotes(rt, await addResidents(database.db, 7));
    expect(indicator((await cards()).get(rt.id), "A5")).toMatchObject({ score: 2, explanation: { key: "score-explain-a5-polls", vars: { held: 2, percent: 32 } } });
  });

  it("a poll vote counts for A5 only, not as a household taking part", async () => {
    const rt = await rtWith(20);
    await pollVotes(rt, await addResidents(database.db, 5));
    const card = (await cards()).get(rt.id)!;
    expect(card.metrics).toMatchObject({ participatingHouseholds: 0, participationRate: 0, musyawarahPolls: 1, musyawarahHouseholds: 5, verifiedRecords: 0 });
    expect(indicator(card, "A5")).toMatchObject({ score: 1, explanation: { key: "score-explain-a5-polls" } });
  });
});

describe("P2: reading-corner and study sessions", () => {
  it("is 2 from 8 sessions in the window, 1 from 4", async () => {
    const rts = [];
    for (const sessions of [9, 8, 7, 4, 3]) {
      const rt = await rtWith(40);
      await addReadingSessions(database.db, rt.id, Array.from({ length: sessions }, (_, i) => new Date(FROM.getTime() + (i + 1) * DAY)));
      rts.push(rt);
    }
    // Sessions just outside the window count for nothing.
    await addReadingSessions(database.db, rts[4]!.id, [new Date(FROM.getTime() - 1), NOW]);
    const all = await cards();
    expect(scoresOf(all, rts, "P2")).toEqual([2, 2, 1, 1, 0]);
    expect(indicator(all.get(rts[2]!.id), "P2").explanation).toEqual({ key: "score-explain-p2", vars: { code: "P2", score: 1, sessions: 7, next: 2, target: 8, days: 28 } });
  });
});

describe("P4: reading activity", () => {
  it("is 2 from readers equal to 20% of KK, 1 from 10%", async () => {
    const rts = [];
    const kinds = ["pojok_baca_sesi", "pojok_baca_pinjam", "membaca"] as const;
    for (const readers of [21, 20, 19, 10, 9]) {
      const rt = await rtWith(100);
      const people = await addResidents(database.db, readers);
      await participate(database.db, people.map((personId, i) => ({ rtId: rt.id, personId, kind: kinds[i % 3]!, at: IN_WINDOW })));
      rts.push(rt);
    }
    expect(scoresOf(await cards(), rts, "P4")).toEqual([2, 2, 1, 1, 0]);
  });

  it("counts people, each once, and only reading kinds", async () => {
    const rt = await rtWith(10);
    const [reader, worker] = await addResidents(database.db, 2);
    await participate(database.db, [
      { rtId: rt.id, personId: reader!, kind: "membaca", at: IN_WINDOW },
      { rtId: rt.id, personId: reader!, kind: "pojok_baca_pinjam", at: IN_WINDOW },
      { rtId: rt.id, personId: reader!, kind: "pojok_baca_sesi", at: IN_WINDOW, household: "Rumah lain" },
      { rtId: rt.id, personId: worker!, kind: "gotong_royong", at: IN_WINDOW },
    ]);
    const p4 = indicator((await cards()).get(rt.id), "P4");
    expect(p4.explanation).toEqual({ key: "score-explain-p4", vars: { code: "P4", score: 1, readers: 1, percent: 10, next: 2, target: 20, days: 28 } });
  });
});

describe("thresholds from the config", () => {
  it("moves a score when a threshold is overridden", async () => {
    const rt = await rtWith(100);
    await everyoneDid(database.db, rt, await addResidents(database.db, 50), "gotong_royong", IN_WINDOW);
    expect(indicator((await cards()).get(rt.id), "B3").score).toBe(1);
    const lenient = resolveScoreConfig({ thresholds: { B3: { good: 50 } } });
    expect(indicator((await cards(NOW, lenient)).get(rt.id), "B3")).toMatchObject({ score: 2, explanation: { vars: { target: 50 } } });
  });
});

describe("the whole scorecard", () => {
  it("has all 21 indicators in order, the eleven measured ones automatic and the rest missing until scored", async () => {
    const rt = await rtWith(40);
    const card = (await cards()).get(rt.id)!;
    expect(card.indicators.map((entry) => entry.code)).toEqual([...INDICATOR_CODES]);
    expect(card.indicators.filter((entry) => entry.source === "auto").map((entry) => entry.code)).toEqual(["B3", "B5", "B6", "B7", "A2", "A5", "A7", "P2", "P3", "P4", "P6"]);
    expect(card.indicators.filter((entry) => entry.source === "missing")).toHaveLength(21 - AUTOMATIC_CODES.length);
    expect(card.missing).toBe(10);
    expect(indicator(card, "B1").explanation).toEqual({ key: "score-explain-missing", vars: { code: "B1" } });
    expect(card).toMatchObject({ totals: { bersih: 0, aman: 0, pintar: 0 }, overall: 0 });
  });

  it("puts an RT in its award category by KK: 49 Kecil, 50 and 99 Sedang, 100 Besar", async () => {
    const rts = [await rtWith(49), await rtWith(50), await rtWith(99), await rtWith(100)];
    const all = await cards();
    expect(rts.map((rt) => all.get(rt.id)!.category)).toEqual([
      { key: "kecil", award: 5_000_000 },
      { key: "sedang", award: 7_500_000 },
      { key: "sedang", award: 7_500_000 },
      { key: "besar", award: 10_000_000 },
    ]);
    expect(categoryOf(0).key).toBe("kecil");
  });

  it("computes only the RTs asked for, leaving out unknown ids", async () => {
    const a = await rtWith(40);
    await rtWith(40);
    const only = await computeScorecards(database.db, [a.id, 9999], NOW);
    expect(only.map((card) => card.rt.rtId)).toEqual([a.id]);
    expect(await computeScorecards(database.db, [], NOW)).toEqual([]);
  });

  it("suggests concrete steps for the three weakest, measured ones first among equals", async () => {
    const rt = await rtWith(10);
    // B3 = 2 (all households), B5 = 1 and B6 = 2 (below), B7 = 0 (no gotong royong held), A2 = 0 (no ronda), A5 = 0, P2 = 0, P4 = 0.
    await everyoneDid(database.db, rt, await addResidents(database.db, 10), "bank_sampah", IN_WINDOW);
    for (const [kind, present] of [["kebun_toga", 1], ["kerja_bakti_sanitasi", 3]] as const) {
      const [occurrence] = await addOccurrences(database.db, rt.id, kind, [IN_WINDOW]);
      await checkIns(database.db, rt.id, occurrence!, kind, IN_WINDOW, await addResidents(database.db, present));
    }
    const card = (await cards()).get(rt.id)!;
    expect(indicator(card, "B3").score).toBe(2);
    expect(card.weakest.map((entry) => entry.code)).toEqual(["B7", "A2", "A5"]);
    expect(card.weakest[0]!.suggestion).toEqual({ key: "score-suggestion-b7", vars: { weeks: 2, percent: 40 } });
    expect(render("id", card.weakest[0]!.suggestion.key, card.weakest[0]!.suggestion.vars)).toBe("Adakan gotong royong 2 minggu sekali dan ajak paling sedikit 40% KK hadir.");
    expect(render("id", card.weakest[2]!.suggestion.key, card.weakest[2]!.suggestion.vars)).toBe(
      "Adakan rapat warga sebulan sekali dan undang semua KK; targetnya 30% KK hadir.",
    );
  });
});
