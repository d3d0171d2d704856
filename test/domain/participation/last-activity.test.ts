import { describe, expect, it } from "vitest";
import { lastActivityOf } from "../../../src/domain/participation/participation.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addRt } from "../../helpers/fixtures.js";
import { addResidents, DAY, participate, wib } from "../scores/builders.js";

const NOW = wib("2026-12-09T10:00");
const database = withTestDatabase();

describe("lastActivityOf", () => {
  it("gives each RT its latest verified, unrevoked record up to now; an RT without one is absent", async () => {
    const [quiet, busy, unverified, revoked, future] = await Promise.all([1, 2, 3, 4, 5].map((number) => addRt(database.db, number)));
    const [a, b] = await addResidents(database.db, 2);
    const at = (days: number) => new Date(NOW.getTime() - days * DAY);
    await participate(database.db, [
      // busy: older records first, the latest 2 days ago, and a later one not yet verified.
      { rtId: busy!.id, personId: a!, kind: "ronda", at: at(40) },
      { rtId: busy!.id, personId: b!, kind: "gotong_royong", at: at(2) },
      { rtId: busy!.id, personId: a!, kind: "bank_sampah", at: at(9) },
      { rtId: busy!.id, personId: a!, kind: "ronda", at: at(1), verified: false },
      // unverified: its only newer record unverified, an old verified one stands.
      { rtId: unverified!.id, personId: a!, kind: "ronda", at: at(300) },
      { rtId: unverified!.id, personId: b!, kind: "ronda", at: at(3), verified: false },
      // revoked: nothing but a revoked record.
      { rtId: revoked!.id, personId: a!, kind: "bank_sampah", at: at(5), revoked: true },
      // future: a record after now does not count, the earlier one does.
      { rtId: future!.id, personId: a!, kind: "rapat", at: new Date(NOW.getTime() + 3_600_000) },
      { rtId: future!.id, personId: b!, kind: "rapat", at: at(7) },
    ]);
    const ids = [quiet!.id, busy!.id, unverified!.id, revoked!.id, future!.id];
    const last = await lastActivityOf(database.db, [...ids, busy!.id, 999_999], NOW);
    // By RT id on both sides: the RTs may have been given their ids in any order.
    const byRt = (entries: [number, Date][]) => [...entries].sort(([x], [y]) => x - y);
    expect(byRt([...last.entries()])).toEqual(
      byRt([
        [busy!.id, at(2)],
        [unverified!.id, at(300)],
        [future!.id, at(7)],
      ]),
    );
    // A record at exactly now counts.
    await participate(database.db, [{ rtId: quiet!.id, personId: b!, kind: "membaca", at: NOW }]);
    expect((await lastActivityOf(database.db, [quiet!.id], NOW)).get(quiet!.id)).toEqual(NOW);
    expect(await lastActivityOf(database.db, [], NOW)).toEqual(new Map());
  });
});
