import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { membership, participation } from "../../../src/db/schema/index.js";
import { applyRetention, ENDED_MEMBERSHIP_RETENTION_DAYS } from "../../../src/domain/audit/retention.js";
import { recordParticipation } from "../../../src/domain/participation/participation.js";
import { weeklyRtMetrics } from "../../../src/domain/scores/metrics.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addMember, addPending, addPerson, addRt, newUser } from "../../helpers/fixtures.js";

const database = withTestDatabase();

const NOW = new Date("2026-11-22T03:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

describe("retention of ended memberships", () => {
  it("clears the household label of memberships ended over a year ago, and nothing else; scores stay", async () => {
    const db = database.db;
    const place = await addRt(db, 5);
    const active = await addMember(db, newUser("Aktif"), place.id, "Rumah Aktif");
    await addPending(db, newUser("Menunggu"), place.id, "Rumah Menunggu");
    const oldLeaverId = await addPerson(db, newUser("Lama"));
    const recentLeaverId = await addPerson(db, newUser("Baru"));
    const rejectedId = await addPerson(db, newUser("Ditolak"));
    await db.insert(membership).values([
      { personId: oldLeaverId, rtId: place.id, householdLabel: "Rumah Lama", status: "left", requestedAt: daysAgo(900), decidedAt: daysAgo(899), endedAt: daysAgo(ENDED_MEMBERSHIP_RETENTION_DAYS + 1) },
      { personId: recentLeaverId, rtId: place.id, householdLabel: "Rumah Baru", status: "left", requestedAt: daysAgo(400), decidedAt: daysAgo(399), endedAt: daysAgo(ENDED_MEMBERSHIP_RETENTION_DAYS - 1) },
      { personId: rejectedId, rtId: place.id, householdLabel: "Rumah Ditolak", status: "rejected", requestedAt: daysAgo(800), decidedAt: daysAgo(790) },
    ]);
    // The leaver took part recently enough to count this week: the record keeps its own label.
    await recordParticipation(db, { sourceKey: "occurrence:1:person:lama", rtId: place.id, personId: oldLeaverId, householdLabel: "Rumah Lama", kind: "gotong_royong", occurredAt: daysAgo(400), verified: true, source: "checkin-code", recordedBy: null }, daysAgo(400));
    await recordParticipation(db, { sourceKey: "occurrence:2:person:aktif", rtId: place.id, personId: active.personId, householdLabel: "Rumah Aktif", kind: "gotong_royong", occurredAt: daysAgo(3), verified: true, source: "checkin-code", recordedBy: null }, daysAgo(3));
    const scores = await weeklyRtMetrics(db, NOW, { rtIds: [place.id], weeks: 80 });

    expect(await applyRetention(db, NOW)).toBe(2);
    expect(await applyRetention(db, NOW)).toBe(0);

    const labels = (await db.select({ status: membership.status, label: membership.householdLabel }).from(membership).orderBy(asc(membership.id))).map((row) => `${row.status}:${row.label}`);
    expect(labels).toEqual(["active:Rumah Aktif", "pending:Rumah Menunggu", "left:null", "left:Rumah Baru", "rejected:null"]);
    expect((await db.select({ label: participation.householdLabel }).from(participation).orderBy(asc(participation.id))).map((row) => row.label)).toEqual(["Rumah Lama", "Rumah Aktif"]);
    expect(await weeklyRtMetrics(db, NOW, { rtIds: [place.id], weeks: 80 })).toEqual(scores);
  });
});
