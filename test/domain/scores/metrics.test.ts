import { beforeEach, describe, expect, it } from "vitest";
import type { RtDetails } from "../../../src/domain/rt/rt.js";
import { DEFAULT_SCORE_CONFIG, resolveScoreConfig } from "../../../src/domain/scores/config.js";
import { residentPoints, weeklyRtMetrics, windowRtMetrics } from "../../../src/domain/scores/metrics.js";
import { wibWeekStart } from "../../../src/domain/scores/weeks.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addRt, KELURAHAN_BULURAN_KENALI, KELURAHAN_SIMPANG_IV_SIPIN } from "../../helpers/fixtures.js";
import { addBank, addDeposit, addOccurrences, addReadingSessions, addResidents, checkIns, participate, wib } from "./builders.js";

const NOW = wib("2026-12-09T10:00"); // a Wednesday

const database = withTestDatabase();

let rt: RtDetails;
beforeEach(async () => {
  rt = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 10);
});

async function weeksOf(rtId: number, weeks = 4) {
  const series = await weeklyRtMetrics(database.db, NOW, { rtIds: [rtId], weeks });
  return series[0]!.weeks;
}

describe("WIB weeks", () => {
  it("start on Monday 00:00 WIB, which is Sunday 17:00 UTC", () => {
    expect(wibWeekStart(NOW)).toEqual(new Date("2026-12-06T17:00:00Z"));
    expect(wibWeekStart(wib("2026-12-06T23:30"))).toEqual(wib("2026-11-30T00:00"));
    expect(wibWeekStart(wib("2026-12-07T00:00"))).toEqual(wib("2026-12-07T00:00"));
    expect(wibWeekStart(wib("2026-12-07T00:30"))).toEqual(wib("2026-12-07T00:00"));
  });

  it("put Sunday 23:30 WIB in the week it ends and Monday 00:30 WIB in the next, though both are Sunday in UTC", async () => {
    const [sunday, monday] = await addResidents(database.db, 2);
    await participate(database.db, [
      { rtId: rt.id, personId: sunday!, kind: "gotong_royong", at: wib("2026-11-29T23:30") }, // 16:30 UTC Sunday
      { rtId: rt.id, personId: monday!, kind: "ronda", at: wib("2026-11-30T00:30") }, // 17:30 UTC Sunday
    ]);
    await addReadingSessions(database.db, rt.id, [wib("2026-11-29T23:30"), wib("2026-11-30T00:30"), wib("2026-11-30T00:31")]);
    const weeks = await weeksOf(rt.id);
    expect(weeks.map((week) => week.from)).toEqual([wib("2026-11-09T00:00"), wib("2026-11-16T00:00"), wib("2026-11-23T00:00"), wib("2026-11-30T00:00")]);
    expect(weeks.map((week) => week.participatingHouseholds)).toEqual([0, 0, 1, 1]);
    expect(weeks.map((week) => week.cleanlinessHouseholds)).toEqual([0, 0, 1, 0]);
    expect(weeks.map((week) => week.readingSessions)).toEqual([0, 0, 1, 2]);
  });

  it("put an occurrence in the week it starts", async () => {
    const [late] = await addOccurrences(database.db, rt.id, "ronda", [wib("2026-11-29T23:30")], { minutes: 300 });
    await addOccurrences(database.db, rt.id, "ronda", [wib("2026-11-30T00:30")], { minutes: 300 });
    const [guard] = await addResidents(database.db, 1);
    await checkIns(database.db, rt.id, late!, "ronda", wib("2026-11-29T23:45"), [guard!]);
    const weeks = await weeksOf(rt.id);
    expect(weeks.map((week) => [week.rondaShiftsHeld, week.rondaShiftsStaffed])).toEqual([[0, 0], [0, 0], [1, 1], [1, 0]]);
  });
});

describe("per RT and week", () => {
  it("gives gotong royong attendance per held occurrence ÷ KK, and null in a week without one", async () => {
    const starts = [wib("2026-11-22T07:00"), wib("2026-11-29T07:00")]; // Sundays: the weeks of 16 and 23 November
    const ids = await addOccurrences(database.db, rt.id, "gotong_royong", starts);
    await checkIns(database.db, rt.id, ids[0]!, "gotong_royong", starts[0]!, await addResidents(database.db, 5));
    await checkIns(database.db, rt.id, ids[1]!, "gotong_royong", starts[1]!, await addResidents(database.db, 3));
    const extra = await addOccurrences(database.db, rt.id, "gotong_royong", [wib("2026-11-28T07:00")]);
    await checkIns(database.db, rt.id, extra[0]!, "gotong_royong", wib("2026-11-28T07:00"), await addResidents(database.db, 1));
    const weeks = await weeksOf(rt.id);
    // Week of 16 Nov: one held, 5 of 10 KK. Week of 23 Nov: two held, (1 + 3) ÷ (2 × 10).
    expect(weeks.map((week) => [week.gotongRoyongHeld, week.gotongRoyongAttendance, week.gotongRoyongAttendanceRate])).toEqual([
      [0, 0, null],
      [1, 5, 0.5],
      [2, 4, 0.2],
      [0, 0, null],
    ]);
    expect(weeks.map((week) => week.participationRate)).toEqual([0, 0.5, 0.4, 0]);
  });

  it("counts a check-in made in the week before for an occurrence that starts at the first week's first minutes", async () => {
    // Check-in opens 30 minutes before the start: the record is dated before the period begins.
    const [first] = await addOccurrences(database.db, rt.id, "ronda", [wib("2026-11-09T00:20")], { minutes: 300 });
    const [guard] = await addResidents(database.db, 1);
    await checkIns(database.db, rt.id, first!, "ronda", wib("2026-11-08T23:55"), [guard!]);
    const weeks = await weeksOf(rt.id);
    expect(weeks[0]!.from).toEqual(wib("2026-11-09T00:00"));
    expect(weeks.map((week) => [week.rondaShiftsHeld, week.rondaShiftsStaffed])).toEqual([[1, 1], [0, 0], [0, 0], [0, 0]]);
  });

  it("gives ronda shifts staffed ÷ held", async () => {
    const starts = [1, 2, 3, 4].map((day) => wib(`2026-12-0${day}T22:00`));
    const ids = await addOccurrences(database.db, rt.id, "ronda", starts, { minutes: 360 });
    const [a, b] = await addResidents(database.db, 2);
    for (const i of [0, 1, 2]) await checkIns(database.db, rt.id, ids[i]!, "ronda", starts[i]!, [a!, b!]);
    const last = (await weeksOf(rt.id)).at(-1)!;
    expect([last.rondaShiftsHeld, last.rondaShiftsStaffed, last.rondaStaffedRate]).toEqual([4, 3, 0.75]);
  });

  it("gives bank sampah kg from unreversed kg lines by the depositor's RT, and active households", async () => {
    const other = await addRt(database.db, 2, KELURAHAN_BULURAN_KENALI, 10);
    const bank = await addBank(database.db, KELURAHAN_SIMPANG_IV_SIPIN);
    const [a, b, c] = await addResidents(database.db, 3);
    const at = wib("2026-12-02T09:00");
    await addDeposit(database.db, bank, { rtId: rt.id, personId: a!, at, grams: 1_500, millilitres: 500 });
    await addDeposit(database.db, bank, { rtId: rt.id, personId: a!, at, grams: 250 });
    await addDeposit(database.db, bank, { rtId: rt.id, personId: b!, at, grams: 2_500, reversed: true });
    await addDeposit(database.db, bank, { rtId: other.id, personId: c!, at, grams: 1_000 });
    await addDeposit(database.db, bank, { rtId: rt.id, personId: c!, at: wib("2026-11-01T09:00"), grams: 9_000 }); // before the window
    await participate(database.db, [
      { rtId: rt.id, personId: a!, kind: "bank_sampah", at },
      { rtId: rt.id, personId: a!, kind: "bank_sampah", at },
      { rtId: rt.id, personId: b!, kind: "bank_sampah", at, revoked: true },
    ]);
    const [mine, theirs] = await windowRtMetrics(database.db, NOW, { rtIds: [rt.id, other.id] });
    expect(mine!.metrics).toMatchObject({ bankSampahDeposits: 2, bankSampahGrams: 1_750, bankSampahKg: 1.75, bankSampahHouseholds: 1 });
    expect(theirs!.metrics).toMatchObject({ bankSampahDeposits: 1, bankSampahGrams: 1_000, bankSampahKg: 1 });
    const weekly = await weeksOf(rt.id);
    expect(weekly.map((week) => week.bankSampahGrams)).toEqual([0, 0, 0, 1_750]);
  });

  it("gives reading sessions, the people counted at them, and distinct verified readers", async () => {
    await addReadingSessions(database.db, rt.id, [wib("2026-12-01T16:00")], 5);
    await addReadingSessions(database.db, rt.id, [wib("2026-12-03T16:00")], 7);
    const [a, b, c] = await addResidents(database.db, 3);
    const at = wib("2026-12-03T16:00");
    await participate(database.db, [
      { rtId: rt.id, personId: a!, kind: "pojok_baca_sesi", at },
      { rtId: rt.id, personId: a!, kind: "membaca", at },
      { rtId: rt.id, personId: b!, kind: "pojok_baca_pinjam", at },
      { rtId: rt.id, personId: c!, kind: "membaca", at, verified: false },
    ]);
    const last = (await weeksOf(rt.id)).at(-1)!;
    expect([last.readingSessions, last.readingSessionAttendees, last.readers, last.unverifiedRecords]).toEqual([2, 12, 2, 1]);
  });

  it("reads every RT in one call and gives RTs without activity zeros", async () => {
    const quiet = await addRt(database.db, 3, KELURAHAN_SIMPANG_IV_SIPIN, 0);
    const [a] = await addResidents(database.db, 1);
    await participate(database.db, [{ rtId: rt.id, personId: a!, kind: "rapat", at: wib("2026-12-02T19:00") }]);
    const all = await weeklyRtMetrics(database.db, NOW, { weeks: 2 });
    expect(all.map((entry) => entry.rt.rtId)).toEqual([rt.id, quiet.id]);
    expect(all[1]!.weeks.map((week) => [week.participatingHouseholds, week.participationRate])).toEqual([[0, null], [0, null]]);
    expect(all[0]!.weeks.map((week) => week.participatingHouseholds)).toEqual([0, 1]);
  });
});

describe("resident points", () => {
  it("weighs each verified, unrevoked record in the window by its kind", async () => {
    const [a, b, c] = await addResidents(database.db, 3);
    const at = wib("2026-12-01T07:00");
    await participate(database.db, [
      { rtId: rt.id, personId: a!, kind: "gotong_royong", at },
      { rtId: rt.id, personId: a!, kind: "gotong_royong", at: wib("2026-11-22T07:00") },
      { rtId: rt.id, personId: a!, kind: "ronda", at },
      { rtId: rt.id, personId: a!, kind: "membaca", at },
      { rtId: rt.id, personId: a!, kind: "gotong_royong", at, revoked: true },
      { rtId: rt.id, personId: a!, kind: "rapat", at, verified: false },
      { rtId: rt.id, personId: a!, kind: "gotong_royong", at: wib("2026-11-01T07:00") }, // before the window
      { rtId: rt.id, personId: b!, kind: "bank_sampah", at },
      { rtId: rt.id, personId: c!, kind: "lainnya", at, verified: false },
    ]);
    const points = await residentPoints(database.db, NOW, DEFAULT_SCORE_CONFIG);
    expect(points.get(a!)).toEqual({ personId: a, points: 3 + 3 + 3 + 1, records: 4, byKind: { gotong_royong: 2, ronda: 1, membaca: 1 } });
    expect(points.get(b!)).toMatchObject({ points: 2, records: 1 });
    expect(points.has(c!)).toBe(false);

    const readingCounts = resolveScoreConfig({ weights: { membaca: 5 } });
    expect((await residentPoints(database.db, NOW, readingCounts, { personIds: [a!] })).get(a!)?.points).toBe(3 + 3 + 3 + 5);
    expect([...(await residentPoints(database.db, NOW, DEFAULT_SCORE_CONFIG, { personIds: [b!] })).keys()]).toEqual([b]);
    expect((await residentPoints(database.db, NOW, DEFAULT_SCORE_CONFIG, { rtIds: [rt.id + 1] })).size).toBe(0);
  });
});
