import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, indicatorScore } from "../../../src/db/schema/index.js";
import { loadActor } from "../../../src/domain/people/actor.js";
import { saveManualScore } from "../../../src/domain/scores/assess.js";
import { withTestDatabase } from "../../helpers/database.js";
import { serviceDeps } from "../../helpers/service-deps.js";
import { addKoordinator, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../../helpers/fixtures.js";
import { wib } from "./builders.js";

const NOW = wib("2026-12-09T10:00");

const database = withTestDatabase();
let deps: ReturnType<typeof serviceDeps>;
beforeEach(() => {
  deps = serviceDeps(database.db, NOW);
});

describe("saveManualScore", () => {
  it("stores the entry and its audit row once per form (its entry instant), and gives the RT's overall after it", async () => {
    const rt = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    const user = newUser("Bu Koordinator");
    await addKoordinator(database.db, user, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const koordinator = await loadActor(database.db, user.id, []);
    const form = { rtId: rt.id, code: "B1", score: 2, note: null, assessedOn: { year: 2026, month: 12, day: 1 }, enteredAt: NOW };
    const first = await saveManualScore(deps, koordinator, form);
    const again = await saveManualScore(deps, koordinator, form);
    expect(first.entry).toMatchObject({ rtId: rt.id, code: "B1", score: 2 });
    expect(again.entry.id).toBe(first.entry.id);
    expect(first.overall).toBeGreaterThanOrEqual(2);
    expect(again.overall).toBe(first.overall);
    expect(await database.db.select().from(indicatorScore)).toHaveLength(1);
    expect((await database.db.select().from(auditLog)).map((row) => row.action)).toEqual(["manual_score_entered"]);
    expect(deps.woken).toBe(2);
  });

  it("stores one entry when saves of one form race (two instances without a lock between them)", async () => {
    const rt = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    const user = newUser("Bu Koordinator");
    await addKoordinator(database.db, user, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const koordinator = await loadActor(database.db, user.id, []);
    // Five forms, each saved twice at once: a check-then-insert without the form's key held races.
    for (let form = 0; form < 5; form++) {
      const input = { rtId: rt.id, code: "B1", score: 2, note: `form ${form}`, assessedOn: { year: 2026, month: 12, day: 1 }, enteredAt: new Date(NOW.getTime() - form * 60_000) };
      const [one, two] = await Promise.all([saveManualScore(deps, koordinator, input), saveManualScore(deps, koordinator, input)]);
      expect(two.entry.id).toBe(one.entry.id);
    }
    expect(await database.db.select().from(indicatorScore)).toHaveLength(5);
    expect(await database.db.select().from(auditLog)).toHaveLength(5);
  });
});
