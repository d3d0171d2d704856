import { like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { botState } from "../../../src/db/schema/index.js";
import { fadingHoldersThisWeek } from "../../../src/domain/cycle/recap.js";
import { recordParticipation, revokeParticipation } from "../../../src/domain/participation/participation.js";
import { DEFAULT_SCORE_CONFIG } from "../../../src/domain/scores/config.js";
import { fadingFlags, fadingFlagsOfWeek } from "../../../src/domain/scores/trend.js";
import { wibWeekStart } from "../../../src/domain/scores/weeks.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addRt, KELURAHAN_SIMPANG_IV_SIPIN } from "../../helpers/fixtures.js";
import { addOccurrences, addResidents, checkIns, wib } from "../scores/builders.js";
import { addTitle } from "./keeping-builders.js";

const database = withTestDatabase();
// Wednesday 9 December 2026, 10.00 WIB.
const NOW = wib("2026-12-09T10:00");
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Gotong royong on the Wednesday of each of the 8 completed weeks before NOW, `households[0]` the oldest. */
async function weeks(rtId: number, households: number[]): Promise<void> {
  const monday = wibWeekStart(NOW).getTime();
  for (const [i, count] of households.entries()) {
    const at = new Date(monday - (households.length - i) * WEEK_MS + 2 * 24 * 3600 * 1000 + 3 * 3600 * 1000);
    const [occurrence] = await addOccurrences(database.db, rtId, "gotong_royong", [at]);
    await checkIns(database.db, rtId, occurrence!, "gotong_royong", at, await addResidents(database.db, count));
  }
}

describe("the recap's fading holders, worked out once a week", () => {
  it("flags the holders whose participation fell, keeps the week's set for every later recap of the week, and works it out again the next week", async () => {
    const fading = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    const steady = await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    const notHolder = await addRt(database.db, 3, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    for (const rt of [fading, steady]) await addTitle(database.db, { rtId: rt.id, baseline: { participatingHouseholds: 0 } });
    await weeks(fading.id, [6, 6, 6, 6, 1, 1, 1, 1]);
    await weeks(steady.id, [5, 5, 5, 5, 5, 5, 5, 5]);
    await weeks(notHolder.id, [6, 6, 6, 6, 0, 0, 0, 0]);

    const first = await fadingHoldersThisWeek(database.db, NOW, DEFAULT_SCORE_CONFIG);
    expect([...first]).toEqual([fading.id]);
    // The same as the flag worked out directly.
    const direct = await fadingFlags(database.db, [fading, steady].map((rt) => ({ rtId: rt.id, householdCount: 40 })), NOW, DEFAULT_SCORE_CONFIG);
    expect([...direct.entries()].filter(([, flag]) => flag.menurun).map(([id]) => id)).toEqual([fading.id]);

    // Records put straight into the table for a past week (not through recordParticipation, which
    // would forget the kept row: the next test): this week's set stays as worked out…
    await weeks(fading.id, [0, 0, 0, 0, 6, 6, 6, 6]);
    expect([...(await fadingHoldersThisWeek(database.db, wib("2026-12-13T20:00"), DEFAULT_SCORE_CONFIG))]).toEqual([fading.id]);
    // …and a different fading rule reads the same sums by its own percentage.
    expect([...(await fadingHoldersThisWeek(database.db, NOW, { fading: { dropPercent: 90 } }))]).toEqual([]);
    // Next week it is worked out again, and the earlier weeks' rows go.
    const nextWeek = new Date(NOW.getTime() + WEEK_MS);
    const again = await fadingHoldersThisWeek(database.db, nextWeek, DEFAULT_SCORE_CONFIG);
    expect(again.has(fading.id)).toBe(false);
    const kept = await database.db.select({ key: botState.key }).from(botState).where(like(botState.key, "fading-week:%"));
    expect(kept.map((row) => row.key)).toEqual([`fading-week:${wibWeekStart(nextWeek).toISOString()}`]);
  });

  it("gives any RT's flag of the week from the one row, equal to the flag worked out live; an RT registered since is worked out live", async () => {
    const falling = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    const rising = await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    await weeks(falling.id, [8, 8, 8, 8, 2, 2, 2, 2]);
    await weeks(rising.id, [1, 1, 1, 1, 4, 4, 4, 4]);
    const ids = [falling.id, rising.id];
    const live = await fadingFlags(database.db, ids.map((rtId) => ({ rtId, householdCount: 40 })), NOW, DEFAULT_SCORE_CONFIG);
    expect(await fadingFlagsOfWeek(database.db, ids, NOW, DEFAULT_SCORE_CONFIG)).toEqual(live);
    expect(live.get(falling.id)).toMatchObject({ menurun: true, dropPercent: 75 });
    expect(await database.db.select({ key: botState.key }).from(botState).where(like(botState.key, "fading-week:%"))).toHaveLength(1);

    // Registered after the week's row was made, with records already (moved in from elsewhere).
    const newcomer = await addRt(database.db, 3, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    await weeks(newcomer.id, [6, 6, 6, 6, 0, 0, 0, 0]);
    const flags = await fadingFlagsOfWeek(database.db, [...ids, newcomer.id], NOW, DEFAULT_SCORE_CONFIG);
    expect(flags.get(newcomer.id)).toMatchObject({ menurun: true, recent: 0, previous: 24 });
    expect(flags.get(falling.id)).toEqual(live.get(falling.id));
  });

  it("forgets the week's flags when a counted record of a completed week is written or taken back, so they always equal the live ones", async () => {
    const place = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    await weeks(place.id, [6, 6, 6, 6, 6, 6, 6, 6]);
    const kept = async () => (await fadingFlagsOfWeek(database.db, [place.id], NOW, DEFAULT_SCORE_CONFIG)).get(place.id);
    const live = async () => (await fadingFlags(database.db, [{ rtId: place.id, householdCount: 40 }], NOW, DEFAULT_SCORE_CONFIG)).get(place.id);
    expect(await kept()).toMatchObject({ menurun: false, recent: 24, previous: 24 });
    const rows = () => database.db.select({ key: botState.key }).from(botState).where(like(botState.key, "fading-week:%"));
    expect(await rows()).toHaveLength(1);

    // This week's record (the week is not complete): the kept flags stay.
    const [resident] = await addResidents(database.db, 1);
    await recordParticipation(database.db, { personId: resident!, rtId: place.id, kind: "membaca", householdLabel: "Rumah 99", occurredAt: NOW, verified: true, source: "self-report", sourceKey: "late:this-week", recordedBy: null }, NOW);
    expect(await rows()).toHaveLength(1);
    // A record for last week, written late: they go, and the next reader's flag is the live one.
    const lastWeek = new Date(wibWeekStart(NOW).getTime() - 2 * 24 * 3600 * 1000);
    await recordParticipation(database.db, { personId: resident!, rtId: place.id, kind: "membaca", householdLabel: "Rumah 99", occurredAt: lastWeek, verified: true, source: "self-report", sourceKey: "late:last-week", recordedBy: null }, NOW);
    expect(await rows()).toHaveLength(0);
    expect(await kept()).toEqual(await live());
    expect((await kept())?.recent).toBe(25);
    // Taken back: they go again.
    await revokeParticipation(database.db, "late:last-week", NOW);
    expect(await rows()).toHaveLength(0);
    expect(await kept()).toEqual(await live());
    expect((await kept())?.recent).toBe(24);
  });
});
