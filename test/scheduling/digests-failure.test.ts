/**
 * The weekly digests when a koordinator's chart fails: the job reports the failure only after the
 * previous koordinator's insert, still running at that moment, has landed (a rerun must not overlap
 * it). A file of its own because it replaces the renderer and the workbook builder.
 */
import { like } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { outbox } from "../../src/db/schema/index.js";
import { createLogger } from "../../src/logger.js";
import { planWeeklyDigests, type DigestDeps } from "../../src/scheduling/digests.js";
import { withTestDatabase } from "../helpers/database.js";
import { addKetua, addKoordinator, addRt, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { wib } from "../domain/scores/builders.js";

const render = vi.hoisted(() => ({ calls: 0, insertsDone: 0 }));

// The second chart fails; workbooks are ready at once, so the failure surfaces while the first insert runs.
vi.mock("../../src/reports/charts.js", async (original) => ({
  ...(await original<typeof import("../../src/reports/charts.js")>()),
  renderChartSvg: () => (++render.calls === 2 ? Promise.reject(new Error("renderer died")) : Promise.resolve(Buffer.from("png"))),
}));
vi.mock("../../src/reports/digest.js", async (original) => ({
  ...(await original<typeof import("../../src/reports/digest.js")>()),
  digestWorkbook: () => Promise.resolve(Buffer.from("xlsx")),
}));

// Counts the inserts finished, seen the moment the job fails (PGlite queues the test's own query behind a running insert).
vi.mock("../../src/delivery/outbox.js", async (original) => {
  const actual = await original<typeof import("../../src/delivery/outbox.js")>();
  return { ...actual, enqueueMessages: async (...args: Parameters<typeof actual.enqueueMessages>) => {
    const queued = await actual.enqueueMessages(...args);
    render.insertsDone++;
    return queued;
  } };
});

const NOW = wib("2026-12-07T07:00");
const database = withTestDatabase();
let deps: DigestDeps;

beforeEach(() => {
  render.calls = 0;
  render.insertsDone = 0;
  deps = { db: database.db, i18n: createI18n(database.db), logger: createLogger("silent") };
});

describe("planWeeklyDigests when a chart fails", () => {
  it("fails only after the previous koordinator's digest is queued", async () => {
    await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 20);
    await addRt(database.db, 9, KELURAHAN_PAYO_SELINCAH, 20);
    const first = await addKoordinator(database.db, newUser("Koor Satu"), { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const second = await addKoordinator(database.db, newUser("Koor Dua"), { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
    const failure = await planWeeklyDigests(deps, NOW).then(() => null, (error: unknown) => ({ error, insertsDone: render.insertsDone }));
    expect(failure).toEqual({ error: new Error("renderer died"), insertsDone: 1 });
    const rows = await database.db.select({ key: outbox.dedupeKey, personId: outbox.personId }).from(outbox).where(like(outbox.dedupeKey, "digest:%"));
    expect(render.calls).toBe(2);
    expect(rows.map((row) => row.personId)).toEqual([first, first, first]);
    expect(rows.some((row) => row.personId === second)).toBe(false);
  });

  it("keeps the ketuas' pages, inserted before the koordinators' digests, and fails after both inserts", async () => {
    const rt1 = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 20);
    await addRt(database.db, 9, KELURAHAN_PAYO_SELINCAH, 20);
    const ketua = await addKetua(database.db, newUser("Ketua Satu"), rt1.id);
    const first = await addKoordinator(database.db, newUser("Koor Satu"), { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await addKoordinator(database.db, newUser("Koor Dua"), { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
    const failure = await planWeeklyDigests(deps, NOW).then(() => null, (error: unknown) => ({ error, insertsDone: render.insertsDone }));
    expect(failure).toEqual({ error: new Error("renderer died"), insertsDone: 2 });
    const rows = await database.db.select({ key: outbox.dedupeKey, personId: outbox.personId }).from(outbox).where(like(outbox.dedupeKey, "digest:%")).orderBy(outbox.id);
    expect(rows.map((row) => row.personId)).toEqual([ketua.personId, first, first, first]);
    expect(rows[0]!.key).toMatch(/:ketua-text$/);
  });
});
