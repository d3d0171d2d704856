import { readFileSync } from "node:fs";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { indicatorScore } from "../../../src/db/schema/index.js";
import type { EventKind } from "../../../src/domain/events/events.js";
import type { RtDetails } from "../../../src/domain/rt/rt.js";
import { DEFAULT_SCORE_CONFIG, resolveScoreConfig } from "../../../src/domain/scores/config.js";
import type { IndicatorCode } from "../../../src/domain/scores/indicators.js";
import { residentPoints } from "../../../src/domain/scores/metrics.js";
import { computeScorecards, type Scorecard } from "../../../src/domain/scores/scorecard.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addRt } from "../../helpers/fixtures.js";
import { addOccurrences, addResidents, checkIns, participate, wib } from "./builders.js";

/**
 * Issue 15's indicators, each at the boundaries of its default thresholds, from occurrences and
 * participation built here: B5 kebun/TOGA care, B6 kerja bakti sanitasi, P6 posyandu and senam
 * lansia, P3 the groups that met, A7 the households at their gatherings.
 */

// Wednesday 9 December 2026, 10:00 WIB; the window is the 28 days before.
const NOW = wib("2026-12-09T10:00");
/** Sundays (and a Tuesday) inside the window, every session over by NOW. */
const DATES = ["2026-11-15T07:00", "2026-11-22T07:00", "2026-11-29T07:00", "2026-12-06T07:00", "2026-12-08T07:00"].map(wib);

const database = withTestDatabase();

let rtNumber = 0;
async function rtWith(householdCount: number): Promise<RtDetails> {
  return addRt(database.db, ++rtNumber, undefined, householdCount);
}

async function cards(config = DEFAULT_SCORE_CONFIG): Promise<Map<number, Scorecard>> {
  return new Map((await computeScorecards(database.db, "all", NOW, config)).map((card) => [card.rt.rtId, card]));
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

/**
 * Sessions of `kind` in the RT, one per entry of `attendance` (the households present, each a new
 * resident with a household of their own unless `people` names who came), on DATES in order.
 */
async function sessions(rt: RtDetails, kind: EventKind, attendance: (number | number[])[], options: { cancelled?: boolean } = {}): Promise<void> {
  const starts = attendance.map((_, i) => DATES[i]!);
  const ids = await addOccurrences(database.db, rt.id, kind, starts, options);
  for (const [i, present] of attendance.entries()) {
    const people = typeof present === "number" ? await addResidents(database.db, present) : present;
    await checkIns(database.db, rt.id, ids[i]!, kind, starts[i]!, people);
  }
}

describe("B5: kebun/TOGA care held and households taking part", () => {
  it("is 2 from two sessions with 20% of KK taking part, 1 from one with 10%, 0 below", async () => {
    // KK 100: [sessions' attendance] → distinct households over the window.
    const cases: (number | number[])[][] = [[10, 10], [10, 9], [9, 9], [10], [9], [20, 0], []];
    const rts: RtDetails[] = [];
    for (const attendance of cases) {
      const rt = await rtWith(100);
      await sessions(rt, "kebun_toga", attendance);
      rts.push(rt);
    }
    // [10,10] = 2 sessions, 20 KK → 2; [10,9] 19 KK → 1; [9,9] 18 → 1; [10] one session → 1;
    // [9] 9% → 0; [20,0]: the empty session was not held with anyone, so one session → 1; none → 0.
    expect(scoresOf(await cards(), rts, "B5")).toEqual([2, 1, 1, 1, 0, 1, 0]);
  });

  it("counts a household once however many sessions it came to (the window's reach, not a sum)", async () => {
    const rt = await rtWith(10);
    const [a] = await addResidents(database.db, 1);
    await sessions(rt, "kebun_toga", [[a!], [a!], [a!]]);
    const b5 = indicator((await cards()).get(rt.id), "B5");
    expect(b5.explanation).toEqual({
      key: "score-explain-b5",
      vars: { code: "B5", score: 1, held: 3, households: 1, percent: 10, next: 2, times: 2, target: 20, days: 28 },
    });
    expect(render("id", b5.explanation.key, b5.explanation.vars)).toBe(
      "B5 = 1: perawatan kebun/TOGA 3 kali dalam 28 hari terakhir, 1 KK ikut merawat (10% KK); nilai 2 butuh 2 kali dengan 20% KK ikut",
    );
  });

  it("counts neither cancelled sessions nor unverified or revoked records, nor other kinds", async () => {
    const rt = await rtWith(10);
    // Households come from the records (as B3's do); a cancelled date has none, and is not held.
    await sessions(rt, "kebun_toga", [0, 0], { cancelled: true });
    const [held] = await addOccurrences(database.db, rt.id, "kebun_toga", [DATES[2]!]);
    await checkIns(database.db, rt.id, held!, "kebun_toga", DATES[2]!, await addResidents(database.db, 3), { verified: false });
    await checkIns(database.db, rt.id, held!, "kebun_toga", DATES[2]!, await addResidents(database.db, 3), { revoked: true });
    await sessions(rt, "gotong_royong", [8, 8]);
    expect(indicator((await cards()).get(rt.id), "B5")).toMatchObject({ score: 0, explanation: { vars: { held: 0, households: 0 } } });
  });

  it("is 0 with an explanation when the RT has no KK count", async () => {
    const rt = await rtWith(0);
    await sessions(rt, "kebun_toga", [3, 3]);
    expect(indicator((await cards()).get(rt.id), "B5").explanation).toEqual({ key: "score-explain-no-households", vars: { code: "B5" } });
  });
});

describe("B6: kerja bakti sanitasi held and attended", () => {
  it("is 2 from once with 30% of KK, 1 from 15%, 0 below or when none was held", async () => {
    const cases = [[30], [29], [15], [14], [40, 20], [30, 0], []];
    const rts: RtDetails[] = [];
    for (const attendance of cases) {
      const rt = await rtWith(100);
      await sessions(rt, "kerja_bakti_sanitasi", attendance);
      rts.push(rt);
    }
    // [40,20]: mean 30% → 2; [30,0]: a kerja bakti nobody came to still counts as held, mean 15% → 1.
    expect(scoresOf(await cards(), rts, "B6")).toEqual([2, 1, 1, 0, 2, 1, 0]);
  });

  it("explains itself like B7", async () => {
    const rt = await rtWith(10);
    await sessions(rt, "kerja_bakti_sanitasi", [2]);
    const b6 = indicator((await cards()).get(rt.id), "B6");
    expect(b6.explanation).toEqual({ key: "score-explain-b6", vars: { code: "B6", score: 1, held: 1, percent: 20, next: 2, times: 1, target: 30, days: 28 } });
    expect(render("id", b6.explanation.key, b6.explanation.vars)).toBe(
      "B6 = 1: kerja bakti sanitasi 1 kali dalam 28 hari terakhir, rata-rata 20% KK hadir; nilai 2 butuh 1 kali dengan 30% KK hadir",
    );
    expect(render("en", b6.explanation.key, b6.explanation.vars)).toBe(
      "B6 = 1: sanitation clean-up held 1 times in the last 28 days, 20% of households present on average; 2 needs 1 times with 30% present",
    );
  });

  it("is not raised by gotong royong (that is B7's), nor is B7 by kerja bakti sanitasi", async () => {
    const rt = await rtWith(10);
    await sessions(rt, "gotong_royong", [5, 5]);
    const other = await rtWith(10);
    await sessions(other, "kerja_bakti_sanitasi", [5, 5]);
    const all = await cards();
    expect([indicator(all.get(rt.id), "B6").score, indicator(all.get(rt.id), "B7").score]).toEqual([0, 2]);
    expect([indicator(all.get(other.id), "B6").score, indicator(all.get(other.id), "B7").score]).toEqual([2, 0]);
  });
});

describe("P6: posyandu and senam lansia sessions held", () => {
  it("is 2 from 4 attended sessions of either kind, 1 from 1, 0 from none", async () => {
    const cases: [number, number][] = [[1, 3], [0, 4], [1, 2], [1, 0], [0, 1], [0, 0]];
    const rts: RtDetails[] = [];
    for (const [posyandu, senam] of cases) {
      const rt = await rtWith(40);
      await sessions(rt, "posyandu", Array.from({ length: posyandu }, () => 2));
      await sessions(rt, "senam_lansia", Array.from({ length: senam }, () => 3));
      rts.push(rt);
    }
    expect(scoresOf(await cards(), rts, "P6")).toEqual([2, 2, 1, 1, 1, 0]);
  });

  it("counts a session only when someone came, and not a cancelled one", async () => {
    const rt = await rtWith(40);
    await sessions(rt, "senam_lansia", [2, 2, 2, 0]);
    await sessions(rt, "posyandu", [5], { cancelled: true });
    const p6 = indicator((await cards()).get(rt.id), "P6");
    expect(p6.explanation).toEqual({ key: "score-explain-p6", vars: { code: "P6", score: 1, posyandu: 0, senam: 3, next: 2, target: 4, days: 28 } });
    expect(render("id", p6.explanation.key, p6.explanation.vars)).toBe(
      "P6 = 1: posyandu 0 kali dan senam lansia 3 kali dalam 28 hari terakhir, batas nilai 2 adalah 4 kegiatan",
    );
  });
});

describe("P3: the groups that met (pengajian, yasinan, karang taruna, PKK)", () => {
  it("is 2 from two groups with an attended meeting, 1 from one, 0 from none", async () => {
    const cases: EventKind[][] = [["pengajian", "yasinan"], ["karang_taruna", "pkk", "pengajian"], ["pkk"], ["pengajian", "pengajian"], []];
    const rts: RtDetails[] = [];
    for (const kinds of cases) {
      const rt = await rtWith(40);
      for (const kind of kinds) await sessions(rt, kind, [2]);
      rts.push(rt);
    }
    expect(scoresOf(await cards(), rts, "P3")).toEqual([2, 2, 1, 1, 0]);
  });

  it("does not count a group whose meeting nobody came to, nor other kinds of event", async () => {
    const rt = await rtWith(40);
    await sessions(rt, "pengajian", [3, 3, 3, 3]);
    await sessions(rt, "pkk", [0]);
    await sessions(rt, "rapat", [10]);
    const p3 = indicator((await cards()).get(rt.id), "P3");
    expect(p3.explanation).toEqual({ key: "score-explain-p3", vars: { code: "P3", score: 1, active: 1, meetings: 4, next: 2, target: 2, days: 28 } });
    expect(render("id", p3.explanation.key, p3.explanation.vars)).toBe(
      "P3 = 1: 1 dari 4 kelompok (pengajian, yasinan, karang taruna, PKK) bertemu dalam 28 hari terakhir (4 pertemuan), batas nilai 2 adalah 2 kelompok",
    );
  });
});

describe("A7: households at the gatherings (adat and religious life kept together)", () => {
  it("is 2 from 30% of KK at any gathering in the window, 1 from 15%, 0 below", async () => {
    const rts: RtDetails[] = [];
    for (const households of [30, 29, 15, 14, 0]) {
      const rt = await rtWith(100);
      const people = await addResidents(database.db, households);
      // Spread over the four kinds: each counts.
      const kinds: EventKind[] = ["pengajian", "yasinan", "karang_taruna", "pkk"];
      await participate(database.db, people.map((personId, i) => ({ rtId: rt.id, personId, kind: kinds[i % 4]!, at: DATES[i % DATES.length]! })));
      rts.push(rt);
    }
    expect(scoresOf(await cards(), rts, "A7")).toEqual([2, 1, 1, 0, 0]);
  });

  it("counts a household once however many gatherings it went to, so it measures reach, not how often groups meet (P3)", async () => {
    const rt = await rtWith(10);
    const [a, b] = await addResidents(database.db, 2);
    // One household at 4 pengajian and 1 yasinan; a second at a PKK meeting with the same label as the first.
    await sessions(rt, "pengajian", [[a!], [a!], [a!], [a!]]);
    await participate(database.db, [
      { rtId: rt.id, personId: a!, kind: "yasinan", at: DATES[4]! },
      { rtId: rt.id, personId: b!, kind: "pkk", at: DATES[4]!, household: `Rumah ${a}` },
    ]);
    const card = (await cards()).get(rt.id)!;
    expect(indicator(card, "A7").explanation).toEqual({ key: "score-explain-a7", vars: { code: "A7", score: 0, households: 1, percent: 10, next: 1, target: 15, days: 28 } });
    expect(render("id", "score-explain-a7", indicator(card, "A7").explanation.vars)).toBe(
      "A7 = 0: 1 KK (10% dari jumlah KK) hadir di pengajian, yasinan, karang taruna atau PKK dalam 28 hari terakhir, batas nilai 1 adalah 15%",
    );
    // P3 saw pengajian meet (an occurrence with someone present); the loose yasinan/PKK records are not meetings.
    expect(indicator(card, "P3").explanation.vars).toMatchObject({ active: 1, meetings: 4 });
  });

  it("leaves out records outside the window and unverified ones", async () => {
    const rt = await rtWith(10);
    const people = await addResidents(database.db, 4);
    await participate(database.db, [
      { rtId: rt.id, personId: people[0]!, kind: "pengajian", at: wib("2026-11-10T19:30") }, // 29 days before NOW
      { rtId: rt.id, personId: people[1]!, kind: "yasinan", at: DATES[1]!, verified: false },
      { rtId: rt.id, personId: people[2]!, kind: "pkk", at: DATES[1]!, revoked: true },
      { rtId: rt.id, personId: people[3]!, kind: "karang_taruna", at: DATES[1]! },
    ]);
    expect(indicator((await cards()).get(rt.id), "A7").explanation.vars).toMatchObject({ households: 1, percent: 10 });
  });
});

describe("the scorecard with 11 measured indicators", () => {
  it("has B5, B6, P3, P6, A7 automatic, 10 left to score by hand", async () => {
    const rt = await rtWith(40);
    const card = (await cards()).get(rt.id)!;
    expect(card.indicators.filter((entry) => entry.source === "auto").map((entry) => entry.code)).toEqual(["B3", "B5", "B6", "B7", "A2", "A5", "A7", "P2", "P3", "P4", "P6"]);
    expect(card.missing).toBe(10);
  });

  it("keeps a manual score entered before B5 was measured until the window holds a record of it, then measures it", async () => {
    const rt = await rtWith(10);
    const [koordinator] = await addResidents(database.db, 1);
    await database.db.insert(indicatorScore).values({ rtId: rt.id, indicatorCode: "B5", score: 2, note: "Kebun TOGA terawat", assessedOn: "2026-11-20", enteredBy: koordinator!, enteredAt: wib("2026-11-20T09:00") });
    // No kebun session recorded yet: the day the kind arrived does not turn the scored 2 into 0.
    let card = (await cards()).get(rt.id)!;
    expect(indicator(card, "B5")).toMatchObject({ score: 2, source: "manual", manual: { code: "B5", score: 2 }, earlierManual: null });
    expect(indicator(card, "B5").explanation).toEqual({ key: "score-explain-manual-until-records", vars: { code: "B5", score: 2, date: "2026-11-20", days: DEFAULT_SCORE_CONFIG.windowDays } });
    expect(card.overall).toBe(2);
    expect(card.missing).toBe(10);
    expect(render("id", "score-explain-manual-until-records", indicator(card, "B5").explanation.vars)).toContain("berlaku sampai ada catatan kegiatannya");
    // Another of the five without a manual score is measured as before; an older kind never falls back.
    expect(indicator(card, "B6")).toMatchObject({ score: 0, source: "auto" });

    // One session in the window: the records count from now on, the hand score kept as history.
    await sessions(rt, "kebun_toga", [1]);
    card = (await cards()).get(rt.id)!;
    expect(indicator(card, "B5")).toMatchObject({ source: "auto", manual: null, earlierManual: { code: "B5", score: 2, assessedOn: "2026-11-20" } });
    expect(indicator(card, "B5").explanation.key).toBe("score-explain-b5");

    // The sessions stop: past the window the records still count (a 0 now), the old hand score never returns.
    const later = new Date(NOW.getTime() + 60 * 24 * 3600 * 1000);
    const [afterwards] = await computeScorecards(database.db, [rt.id], later, DEFAULT_SCORE_CONFIG);
    expect(indicator(afterwards, "B5")).toMatchObject({ score: 0, source: "auto", earlierManual: { score: 2 } });
  });

  it("moves with an overridden threshold", async () => {
    const rt = await rtWith(40);
    await sessions(rt, "pengajian", [2]);
    expect(indicator((await cards()).get(rt.id), "P3").score).toBe(1);
    expect(indicator((await cards(resolveScoreConfig({ thresholds: { P3: { good: 1 } } }))).get(rt.id), "P3").score).toBe(2);
  });
});

describe("points of the new kinds", () => {
  it("weighs each verified record by its kind's weight", async () => {
    const rt = await rtWith(10);
    const [person] = await addResidents(database.db, 1);
    const kinds: EventKind[] = ["kebun_toga", "kerja_bakti_sanitasi", "senam_lansia", "posyandu", "pengajian", "yasinan", "karang_taruna", "pkk"];
    await participate(database.db, kinds.map((kind, i) => ({ rtId: rt.id, personId: person!, kind, at: DATES[i % DATES.length]! })));
    const mine = (await residentPoints(database.db, NOW, DEFAULT_SCORE_CONFIG, { personIds: [person!] })).get(person!)!;
    const weights = DEFAULT_SCORE_CONFIG.weights;
    expect(mine.records).toBe(8);
    expect(mine.points).toBe(kinds.reduce((sum, kind) => sum + weights[kind], 0));
    expect(mine.points).toBe(2 + 3 + 1 + 2 + 1 + 1 + 2 + 2);
  });
});
