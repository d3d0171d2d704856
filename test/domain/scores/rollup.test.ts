import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../../src/db/client.js";
import { occurrenceAttendance, occurrenceHousehold, participation, rtWeekRollup } from "../../../src/db/schema/index.js";
import { recordDeposit, reverseEntry } from "../../../src/domain/bank-sampah/ledger.js";
import { revokeParticipation } from "../../../src/domain/participation/participation.js";
import { erasePerson } from "../../../src/domain/people/person.js";
import { weeklyRtMetrics, windowRtMetrics } from "../../../src/domain/scores/metrics.js";
import { fadingFlags } from "../../../src/domain/scores/trend.js";
import { DEFAULT_SCORE_CONFIG } from "../../../src/domain/scores/config.js";
import { withTestDatabase } from "../../helpers/database.js";
import { actorOf, bankWorld } from "../bank-sampah/world.js";
import { addOccurrences, addResidents, checkIns, DAY, participate, wib, type ParticipationRow } from "./builders.js";

// Monday 30 November 2026, 07.00 WIB: the digest's hour; 12 complete weeks lie before it.
const NOW = wib("2026-11-30T07:00");
const db = () => database.db;
const database = withTestDatabase();

/**
 * The 12 weeks before NOW from the rollups, and the same worked out from the records; the
 * scorecard's 28-day window too (its attendance comes from the occurrences' kept counts).
 */
async function bothWays() {
  const fromRollup = await weeklyRtMetrics(db(), NOW, { weeks: 12 });
  const fromRecords = await weeklyRtMetrics(db(), NOW, { weeks: 12, fromRecords: true });
  expect(await windowRtMetrics(db(), NOW)).toEqual(await windowRtMetrics(db(), NOW, { fromRecords: true }));
  return { fromRollup, fromRecords };
}

/** What is kept, and what the same function makes from the records now: they must be the same rows. */
async function keptAndRebuilt() {
  const read = async () =>
    queryRows<Record<string, unknown>>(db(), sql`select week, rt_id, unit::text, counted, unverified, clean, bank, kebun, gathering, reading from ${rtWeekRollup} order by 1, 2, 3`);
  const attendance = async () =>
    queryRows<Record<string, unknown>>(db(), sql`
      select h.occurrence_id, h.unit::text, h.records, a.households
      from ${occurrenceHousehold} h full join ${occurrenceAttendance} a on a.occurrence_id = h.occurrence_id order by 1, 2`);
  const kept = [...(await read()), ...(await attendance())];
  await db().execute(sql`select rt_week_rollup_rebuild()`);
  return { kept, rebuilt: [...(await read()), ...(await attendance())] };
}

describe("the weekly rollup", () => {
  it("equals the recomputation from the records after inserts, deletes, a tick taken back, an erasure and a reversal", async () => {
    const world = await bankWorld(db());
    const [a, b, c, d, e] = await addResidents(db(), 5);
    const rt = world.rt1.id;
    const weekAgo = (weeks: number, hour = 8) => new Date(NOW.getTime() - weeks * 7 * DAY + hour * 3_600_000);
    const rows: ParticipationRow[] = [
      // Two residents of one household (spelt differently), one of them twice in a week.
      { rtId: rt, personId: a!, kind: "gotong_royong", at: weekAgo(1), household: "Rumah 5" },
      { rtId: rt, personId: b!, kind: "gotong_royong", at: weekAgo(1), household: " rumah 5 " },
      { rtId: rt, personId: a!, kind: "ronda", at: weekAgo(1, 30) },
      // No label: the person is their own household; unverified; a musyawarah vote (A5 only).
      { rtId: rt, personId: c!, kind: "rapat", at: weekAgo(2), household: null },
      { rtId: rt, personId: d!, kind: "rapat", at: weekAgo(2), verified: false },
      { rtId: rt, personId: d!, kind: "musyawarah", at: weekAgo(2) },
      // Readers are persons, gatherings and kebun their own columns, a revoked tick nothing.
      { rtId: rt, personId: e!, kind: "pojok_baca_sesi", at: weekAgo(3), household: "Rumah 5" },
      { rtId: rt, personId: a!, kind: "membaca", at: weekAgo(3), household: "Rumah 5" },
      { rtId: rt, personId: c!, kind: "pengajian", at: weekAgo(3) },
      { rtId: rt, personId: c!, kind: "kebun_toga", at: weekAgo(4) },
      { rtId: rt, personId: e!, kind: "gotong_royong", at: weekAgo(4), revoked: true },
      { rtId: world.rt2.id, personId: e!, kind: "posyandu", at: weekAgo(5) },
    ];
    await participate(db(), rows);
    // Held occurrences: a gotong royong two households came to (one of them twice over), a ronda night.
    const [gotongRoyong] = await addOccurrences(db(), rt, "gotong_royong", [weekAgo(2, 0)]);
    const [ronda] = await addOccurrences(db(), rt, "ronda", [weekAgo(3, 14)]);
    await checkIns(db(), rt, gotongRoyong!, "gotong_royong", weekAgo(2, 0), [a!, b!, c!], { household: (id) => (id === c ? "Rumah C" : "Rumah 5") });
    await checkIns(db(), rt, ronda!, "ronda", weekAgo(3, 14), [d!]);
    // A week boundary: Sunday 23.59 WIB and Monday 00.00 WIB are different weeks.
    await participate(db(), [
      { rtId: rt, personId: b!, kind: "ronda", at: new Date(wib("2026-11-23T00:00").getTime() - 60_000) },
      { rtId: rt, personId: c!, kind: "ronda", at: wib("2026-11-23T00:00") },
    ]);
    let { fromRollup, fromRecords } = await bothWays();
    expect(fromRollup).toEqual(fromRecords);
    const lastWeek = fromRollup.find((entry) => entry.rt.rtId === rt)!.weeks.at(-1)!;
    expect(lastWeek).toMatchObject({ participatingHouseholds: 3, verifiedRecords: 4 }); // Rumah 5 (a, b), a's ronda under a's own label, c's ronda
    const threeAgo = fromRollup.find((entry) => entry.rt.rtId === rt)!.weeks.at(-3)!;
    expect(threeAgo).toMatchObject({ participatingHouseholds: 3, readers: 2, gatheringHouseholds: 1, rondaShiftsHeld: 1, rondaShiftsStaffed: 1 }); // Rumah 5, c, d at the ronda

    // A deposit and its reversal (the deposit's record is taken back), through the ledger.
    const petugas = await actorOf(db(), world.petugas);
    const at = new Date(NOW.getTime() - 2 * 7 * DAY);
    const receipt = await recordDeposit(db(), petugas, { wasteBankId: world.bank.id, personId: world.siti.personId, lines: [{ wasteTypeId: world.types.pet.id, quantity: 2000 }], requestKey: "rollup:1" }, at);
    await recordDeposit(db(), petugas, { wasteBankId: world.bank.id, personId: world.budi.personId, lines: [{ wasteTypeId: world.types.pet.id, quantity: 1000 }], requestKey: "rollup:2" }, at);
    ({ fromRollup, fromRecords } = await bothWays());
    expect(fromRollup).toEqual(fromRecords);
    expect(fromRollup.find((entry) => entry.rt.rtId === rt)!.weeks.at(-2)!.bankSampahHouseholds).toBe(1);
    await reverseEntry(db(), petugas, { entryId: receipt.entryId, reason: "salah timbang", requestKey: "rollup:3" }, new Date(at.getTime() + 60_000));
    expect(fromRollup.find((entry) => entry.rt.rtId === rt)!.weeks.at(-2)!.bankSampahHouseholds).toBe(1);
    ({ fromRollup, fromRecords } = await bothWays());
    expect(fromRollup).toEqual(fromRecords);
    expect(fromRollup.find((entry) => entry.rt.rtId === rt)!.weeks.at(-2)!.bankSampahHouseholds).toBe(0);

    // A tick taken back, a record verified, one deleted, one moved to another week and RT.
    const keyOf = async (personId: number, kind: "gotong_royong" | "rapat" | "ronda") =>
      (await db().select({ key: participation.sourceKey }).from(participation).where(sql`${participation.personId} = ${personId} and ${participation.kind} = ${kind}`))[0]!.key;
    await revokeParticipation(db(), await keyOf(b!, "gotong_royong"), NOW);
    await db().update(participation).set({ verified: true }).where(eq(participation.sourceKey, await keyOf(d!, "rapat")));
    await db().delete(participation).where(eq(participation.sourceKey, await keyOf(a!, "ronda")));
    await db().update(participation).set({ rtId: world.rt2.id, occurredAt: weekAgo(6) }).where(eq(participation.sourceKey, await keyOf(c!, "rapat")));
    // An update the rollup does not see changes nothing.
    await db().update(participation).set({ source: "edited" });
    ({ fromRollup, fromRecords } = await bothWays());
    expect(fromRollup).toEqual(fromRecords);

    // Erasure relabels a household only this person's records carry; shared labels stay.
    await participate(db(), [{ rtId: rt, personId: e!, kind: "gotong_royong", at: weekAgo(7), household: "Keluarga Erna" }]);
    expect(await erasePerson(db(), e!, NOW)).toBe(true);
    expect(await erasePerson(db(), world.siti.personId, NOW)).toBe(true);
    ({ fromRollup, fromRecords } = await bothWays());
    expect(fromRollup).toEqual(fromRecords);

    const flags = await fadingFlags(db(), [{ rtId: rt, householdCount: 40 }], NOW, DEFAULT_SCORE_CONFIG);
    const flagsFromRecords = await fadingFlags(db(), [{ rtId: rt, householdCount: 40 }], NOW, DEFAULT_SCORE_CONFIG, { fromRecords: true });
    expect(flags).toEqual(flagsFromRecords);

    expect(fromRollup.find((entry) => entry.rt.rtId === rt)!.weeks.at(-2)!).toMatchObject({ gotongRoyongHeld: 1, gotongRoyongAttendance: 2 });
    // Everyone's records at the gotong royong taken back: its count goes, as does a ronda tick deleted.
    await db().update(participation).set({ revokedAt: NOW }).where(eq(participation.occurrenceId, gotongRoyong!));
    await db().delete(participation).where(eq(participation.occurrenceId, ronda!));
    ({ fromRollup, fromRecords } = await bothWays());
    expect(fromRollup).toEqual(fromRecords);

    const { kept, rebuilt } = await keptAndRebuilt();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(rebuilt);
  });

  it("keeps no row for a unit whose records are all gone", async () => {
    const world = await bankWorld(db());
    const [a] = await addResidents(db(), 1);
    await participate(db(), [{ rtId: world.rt1.id, personId: a!, kind: "pojok_baca_pinjam", at: wib("2026-11-25T10:00") }]);
    expect(await db().select().from(rtWeekRollup)).toHaveLength(2); // the household, and the reader
    await db().delete(participation);
    expect(await db().select().from(rtWeekRollup)).toEqual([]);
  });
});
