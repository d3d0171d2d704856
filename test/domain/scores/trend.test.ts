import { describe, expect, it } from "vitest";
import { DEFAULT_SCORE_CONFIG } from "../../../src/domain/scores/config.js";
import { computeTrends, fadingFlags, fadingOf, type RtTrend } from "../../../src/domain/scores/trend.js";
import type { RtDetails } from "../../../src/domain/rt/rt.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addRt } from "../../helpers/fixtures.js";
import { addResidents, DAY, participate, wib } from "./builders.js";

// Wednesday 9 December 2026, 10:00 WIB: the running week began Monday 7 December; the last complete
// week is 30 Nov – 7 Dec, the eighth-last 12 – 19 Oct.
const NOW = wib("2026-12-09T10:00");
const THIS_WEEK = wib("2026-12-07T00:00");
const WEEK = 7 * DAY;

const database = withTestDatabase();

let rtNumber = 0;

/**
 * An RT whose complete weeks, oldest first and ending with the last complete week, had these
 * numbers of participating households (each on the Wednesday of its week).
 */
async function rtWithWeeks(households: number[], householdCount = 50): Promise<RtDetails> {
  const rt = await addRt(database.db, ++rtNumber, undefined, householdCount);
  const pool = await addResidents(database.db, Math.max(0, ...households));
  const rows = households.flatMap((count, i) => {
    const wednesday = new Date(THIS_WEEK.getTime() - (households.length - i) * WEEK + 2 * DAY + 8 * 3_600_000);
    return pool.slice(0, count).map((personId) => ({ rtId: rt.id, personId, kind: "gotong_royong" as const, at: wednesday }));
  });
  await participate(database.db, rows);
  return rt;
}

async function trends(): Promise<Map<number, RtTrend>> {
  return new Map((await computeTrends(database.db, "all", NOW, DEFAULT_SCORE_CONFIG)).map((trend) => [trend.rt.rtId, trend]));
}

describe("the menurun flag", () => {
  it("flags a drop of exactly 30%, not one of 29%", async () => {
    const exactly30 = await rtWithWeeks([5, 5, 5, 5, 4, 4, 3, 3]); // 20 → 14
    const about29 = await rtWithWeeks([6, 6, 6, 6, 5, 4, 4, 4]); // 24 → 17: 29.2%
    const all = await trends();
    expect(all.get(exactly30.id)!.fading).toEqual({ recent: 14, previous: 20, dropPercent: 30, menurun: true });
    expect(all.get(about29.id)!.fading).toEqual({ recent: 17, previous: 24, dropPercent: 29, menurun: false });
  });

  it("does not flag an RT with nothing in the 4 weeks before, whatever came after", async () => {
    const nothingThenSome = await rtWithWeeks([0, 0, 0, 0, 3, 0, 0, 0]);
    const nothingAtAll = await rtWithWeeks([]);
    const all = await trends();
    expect(all.get(nothingThenSome.id)!.fading).toEqual({ recent: 3, previous: 0, dropPercent: null, menurun: false });
    expect(all.get(nothingAtAll.id)!.fading).toEqual({ recent: 0, previous: 0, dropPercent: null, menurun: false });
  });

  it("flags a fall to nothing, and not a rise", async () => {
    const stopped = await rtWithWeeks([2, 1, 0, 0, 0, 0, 0, 0]);
    const rising = await rtWithWeeks([2, 2, 2, 2, 4, 4, 4, 4]);
    const all = await trends();
    expect(all.get(stopped.id)!.fading).toMatchObject({ dropPercent: 100, menurun: true });
    expect(all.get(rising.id)!.fading).toMatchObject({ dropPercent: -100, menurun: false });
  });

  it("ignores the running week and weeks older than eight", async () => {
    // 20 → 14 over the last eight weeks, and a busy 9th-last week that must not make it look worse or better.
    const rt = await rtWithWeeks([30, 5, 5, 5, 5, 4, 4, 3, 3]);
    const people = await addResidents(database.db, 20);
    await participate(database.db, people.map((personId) => ({ rtId: rt.id, personId, kind: "gotong_royong", at: wib("2026-12-08T07:00") })));
    const trend = (await trends()).get(rt.id)!;
    expect(trend.fading).toMatchObject({ recent: 14, previous: 20, menurun: true });
    expect(trend.weeks12.map((week) => week.participatingHouseholds)).toEqual([0, 0, 0, 30, 5, 5, 5, 5, 4, 4, 3, 3]);
  });

  it("caps a week at the KK count, so messy household labels cannot hide a drop or fake one", async () => {
    const rt = await rtWithWeeks([8, 8, 8, 8, 4, 4, 4, 4], 4); // 32 labels → 16 uncapped would be a 50% drop
    expect((await trends()).get(rt.id)!.fading).toEqual({ recent: 16, previous: 16, dropPercent: 0, menurun: false });
  });

  it("is the same from fadingFlags, which reads only the flag's 8 weeks, as from the trends", async () => {
    const rts = [
      await rtWithWeeks([5, 5, 5, 5, 4, 4, 3, 3]),
      await rtWithWeeks([6, 6, 6, 6, 5, 4, 4, 4]),
      await rtWithWeeks([30, 5, 5, 5, 5, 4, 4, 3, 3]),
      await rtWithWeeks([8, 8, 8, 8, 4, 4, 4, 4], 4),
      await rtWithWeeks([0, 0, 0, 0, 3, 0, 0, 0]),
      await rtWithWeeks([]),
    ];
    // What is not counted: an unverified and a revoked record in the last week, and the running week.
    const [extra] = await addResidents(database.db, 1);
    const last = new Date(THIS_WEEK.getTime() - 5 * DAY);
    await participate(database.db, [
      { rtId: rts[0]!.id, personId: extra!, kind: "ronda", at: last, verified: false },
      { rtId: rts[1]!.id, personId: extra!, kind: "ronda", at: last, revoked: true },
      { rtId: rts[2]!.id, personId: extra!, kind: "ronda", at: wib("2026-12-08T07:00") },
    ]);
    const all = await trends();
    const flags = await fadingFlags(database.db, rts.map((rt) => ({ rtId: rt.id, householdCount: rt.householdCount })), NOW, DEFAULT_SCORE_CONFIG);
    expect([...flags.keys()]).toEqual(rts.map((rt) => rt.id));
    for (const rt of rts) expect(flags.get(rt.id)).toEqual(all.get(rt.id)!.fading);
    expect(rts.map((rt) => flags.get(rt.id)!.menurun)).toEqual([true, false, true, false, false, false]);
  });

  it("takes its threshold from the config", () => {
    const weeks = [10, 10, 10, 10, 8, 8, 8, 8];
    expect(fadingOf(weeks, 50, 30).menurun).toBe(false);
    expect(fadingOf(weeks, 50, 20).menurun).toBe(true);
    expect(fadingOf(weeks, 50, 21).menurun).toBe(false);
    expect(() => fadingOf([1, 2, 3], 50, 30)).toThrow(RangeError);
  });
});

describe("the 4- and 12-week series", () => {
  it("are the last complete WIB weeks, oldest first, with rates against the KK count", async () => {
    const rt = await rtWithWeeks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 20);
    const trend = (await trends()).get(rt.id)!;
    expect(trend.weeks12).toHaveLength(12);
    expect(trend.weeks12[0]!.from).toEqual(new Date(THIS_WEEK.getTime() - 12 * WEEK));
    expect(trend.weeks12[11]!.to).toEqual(THIS_WEEK);
    expect(trend.weeks4).toEqual(trend.weeks12.slice(8));
    expect(trend.weeks4.map((week) => week.participationRate)).toEqual([0.45, 0.5, 0.55, 0.6]);
    expect(trend.weeks4[0]!.from).toEqual(wib("2026-11-09T00:00"));
  });
});
