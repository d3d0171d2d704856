import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/db/client.js";
import { rtWeekRollup } from "../../../src/db/schema/index.js";
import { loadActor } from "../../../src/domain/people/actor.js";
import { logSession } from "../../../src/domain/pojok-baca/sessions.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addMember, addPetugas, addRt, newUser } from "../../helpers/fixtures.js";

/** Minggu 22 November 2026, 10.00 WIB. */
const NOW = new Date("2026-11-22T03:00:00Z");

// Two sessions of one RT and week, committed concurrently on two connections: PostgreSQL's locks
// (PGlite has one connection): skipped without TEST_DATABASE_URL.
describe.skipIf(!process.env.TEST_DATABASE_URL)("two reading sessions listing the same households in opposite orders", () => {
  const database = withTestDatabase();

  it("both commit (no deadlock on the weekly rollup) and the rollup counts both", async () => {
    const place = await addRt(database.db, 5);
    const keeper = newUser("Rina");
    await addPetugas(database.db, keeper, place.id);
    // The service writes attendees in person-id order: session A's come from Rumah 1 then Rumah 2,
    // session B's from Rumah 2 then Rumah 1.
    const a1 = await addMember(database.db, newUser("Anak Satu"), place.id, "Rumah 1");
    const a2 = await addMember(database.db, newUser("Anak Dua"), place.id, "Rumah 2");
    const b2 = await addMember(database.db, newUser("Anak Tiga"), place.id, "Rumah 2");
    const b1 = await addMember(database.db, newUser("Anak Empat"), place.id, "Rumah 1");
    const actor = await loadActor(database.db, keeper.id, []);
    // Each statement on participation waits a little before it runs, so the two transactions'
    // statements interleave: one statement per attendee would have A hold Rumah 1's rollup row
    // and B Rumah 2's, each then waiting for the other's (40P01).
    await database.db.execute(sql.raw(`
      create function test_pause() returns trigger language plpgsql as $$ begin perform pg_sleep(0.3); return null; end $$;
      create trigger test_pause before insert on participation for each statement execute function test_pause();`));
    const a = await openDatabase({ kind: "postgres", url: database.url! });
    const b = await openDatabase({ kind: "postgres", url: database.url! });
    try {
      const session = (key: string, personIds: number[]) => ({
        requestKey: key, rtId: place.id, activity: "membaca_bersama" as const, activityNote: null,
        heldAt: new Date("2026-11-21T03:00:00Z"), attendeeCount: personIds.length, attendeePersonIds: personIds,
      });
      const results = await Promise.allSettled([
        logSession(a.db, actor, session("session:a", [a1.personId, a2.personId]), NOW),
        logSession(b.db, actor, session("session:b", [b2.personId, b1.personId]), NOW),
      ]);
      expect(results.map((result) => (result.status === "rejected" ? String((result.reason as { cause?: unknown }).cause ?? result.reason) : "ok"))).toEqual(["ok", "ok"]);
    } finally {
      await a.close();
      await b.close();
    }
    const rows = await database.db.select({ counted: rtWeekRollup.counted, reading: rtWeekRollup.reading }).from(rtWeekRollup);
    // Two households with 2 records each, and four readers with a session each.
    expect(rows.map((row) => [row.counted, row.reading]).sort()).toEqual([[0, 1], [0, 1], [0, 1], [0, 1], [2, 0], [2, 0]]);
  });
});
