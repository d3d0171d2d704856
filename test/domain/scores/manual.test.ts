import { beforeEach, describe, expect, it } from "vitest";
import { roleAssignment } from "../../../src/db/schema/index.js";
import { DomainError } from "../../../src/domain/errors.js";
import { loadActor, type Actor } from "../../../src/domain/people/actor.js";
import type { RtDetails } from "../../../src/domain/rt/rt.js";
import { currentManualScores, enterManualScore, manualScoreHistory, type ManualScoreInput } from "../../../src/domain/scores/manual.js";
import { computeScorecards } from "../../../src/domain/scores/scorecard.js";
import { DIMENSION_MAX, OVERALL_MAX } from "../../../src/domain/scores/indicators.js";
import { withTestDatabase } from "../../helpers/database.js";
import type { TestUser } from "../../helpers/test-bot.js";
import {
  addAdmin,
  addKetua,
  addKoordinator,
  addRt,
  KECAMATAN_TELANAIPURA,
  KELURAHAN_BULURAN_KENALI,
  KELURAHAN_PAYO_SELINCAH,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
  snapshotState,
} from "../../helpers/fixtures.js";
import { addOccurrences, addReadingSessions, addResidents, checkIns, everyoneDid, wib } from "./builders.js";

const NOW = wib("2026-12-09T10:00");
const TODAY = { year: 2026, month: 12, day: 9 };

const database = withTestDatabase();

let rt: RtDetails;
let koordinator: Actor;
beforeEach(async () => {
  rt = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 40);
  koordinator = await actorOf(newUser("Bu Koordinator"), (user) => addKoordinator(database.db, user, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN }));
});

async function actorOf(user: TestUser, create: (user: TestUser) => Promise<unknown>): Promise<Actor> {
  await create(user);
  return loadActor(database.db, user.id, []);
}

function input(overrides: Partial<ManualScoreInput> = {}): ManualScoreInput {
  return { rtId: rt.id, code: "B1", score: 2, note: "Rumah tertata, jalan setapak bersih", assessedOn: { year: 2026, month: 12, day: 1 }, ...overrides };
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; vars: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, vars: error.vars };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("entering manual indicator scores", () => {
  it("lets the koordinator of the kelurahan score, and the scorecard shows it with its note", async () => {
    const entered = await enterManualScore(database.db, koordinator, input(), NOW);
    expect(entered).toMatchObject({ rtId: rt.id, code: "B1", score: 2, note: "Rumah tertata, jalan setapak bersih", assessedOn: "2026-12-01", enteredByName: "Bu Koordinator", enteredAt: NOW });
    const [card] = await computeScorecards(database.db, [rt.id], NOW);
    expect(card!.indicators.find((entry) => entry.code === "B1")).toMatchObject({
      score: 2,
      source: "manual",
      explanation: { key: "score-explain-manual-note", vars: { code: "B1", score: 2, date: "2026-12-01", note: "Rumah tertata, jalan setapak bersih" } },
    });
    expect(card!.missing).toBe(9);
  });

  it("explains a score without a note on the plain line, and stores a blank note as none", async () => {
    await enterManualScore(database.db, koordinator, input({ code: "P5", score: 1, note: "   " }), NOW);
    const [card] = await computeScorecards(database.db, [rt.id], NOW);
    expect(card!.indicators.find((entry) => entry.code === "P5")!.explanation).toEqual({ key: "score-explain-manual", vars: { code: "P5", score: 1, date: "2026-12-01" } });
  });

  it("keeps every entry as history; the latest assessment is the current score", async () => {
    await enterManualScore(database.db, koordinator, input({ score: 0, note: "awal", assessedOn: { year: 2026, month: 11, day: 3 } }), new Date(NOW.getTime() - 30 * 86_400_000));
    await enterManualScore(database.db, koordinator, input({ score: 1, note: "membaik" }), new Date(NOW.getTime() - 60_000));
    // A correction on the same assessment date wins over the earlier entry.
    await enterManualScore(database.db, koordinator, input({ score: 2, note: "koreksi" }), NOW);
    // An older paper assessment entered late does not override the newer one.
    await enterManualScore(database.db, koordinator, input({ score: 0, note: "arsip lama", assessedOn: { year: 2026, month: 10, day: 1 } }), NOW);

    const history = await manualScoreHistory(database.db, rt.id, "B1");
    expect(history.map((entry) => [entry.assessedOn, entry.score, entry.note])).toEqual([
      ["2026-12-01", 2, "koreksi"],
      ["2026-12-01", 1, "membaik"],
      ["2026-11-03", 0, "awal"],
      ["2026-10-01", 0, "arsip lama"],
    ]);
    const current = await currentManualScores(database.db, [rt.id]);
    expect(current.get(rt.id)?.get("B1")).toMatchObject({ score: 2, note: "koreksi" });
    const [card] = await computeScorecards(database.db, [rt.id], NOW);
    expect(card!.indicators.find((entry) => entry.code === "B1")!.score).toBe(2);
  });

  it("lists the history of all indicators of one RT, not of others", async () => {
    const other = await addRt(database.db, 6, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    await enterManualScore(database.db, koordinator, input({ code: "A1", score: 1 }), NOW);
    await enterManualScore(database.db, koordinator, input({ code: "B2", score: 2 }), NOW);
    await enterManualScore(database.db, koordinator, input({ rtId: other.id, code: "B2", score: 0 }), NOW);
    expect((await manualScoreHistory(database.db, rt.id)).map((entry) => `${entry.code}=${entry.score}`)).toEqual(["A1=1", "B2=2"]);
    const current = await currentManualScores(database.db, "all");
    expect(current.get(other.id)?.get("B2")?.score).toBe(0);
    expect(current.get(rt.id)?.get("B2")?.score).toBe(2);
  });

  it("refuses the ketua RT, even for their own RT, and changes nothing", async () => {
    const ketua = await actorOf(newUser("Pak Ketua"), (user) => addKetua(database.db, user, rt.id));
    const before = await snapshotState(database.db);
    expect(await refusal(enterManualScore(database.db, ketua, input(), NOW))).toEqual({ code: "not-allowed", vars: {} });
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("refuses a ketua who also coordinates the kelurahan, for their own RT only", async () => {
    const user = newUser("Pak Ketua Koordinator");
    const { personId } = await addKetua(database.db, user, rt.id);
    await database.db.insert(roleAssignment).values({ personId, role: "koordinator", kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const both = await loadActor(database.db, user.id, []);
    expect((await refusal(enterManualScore(database.db, both, input(), NOW))).code).toBe("not-allowed");
    const neighbour = await addRt(database.db, 7, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    expect(await enterManualScore(database.db, both, input({ rtId: neighbour.id }), NOW)).toMatchObject({ rtId: neighbour.id });
  });

  it("refuses a koordinator of another kecamatan or kelurahan; allows the kecamatan's and an admin", async () => {
    const elsewhere = await actorOf(newUser("Koordinator Paal Merah"), (user) => addKoordinator(database.db, user, { kelurahanCode: KELURAHAN_PAYO_SELINCAH }));
    const neighbour = await actorOf(newUser("Koordinator Buluran"), (user) => addKoordinator(database.db, user, { kelurahanCode: KELURAHAN_BULURAN_KENALI }));
    const kecamatan = await actorOf(newUser("Koordinator Telanaipura"), (user) => addKoordinator(database.db, user, { kecamatanCode: KECAMATAN_TELANAIPURA }));
    const admin = await actorOf(newUser("Admin Kota"), (user) => addAdmin(database.db, user));
    expect((await refusal(enterManualScore(database.db, elsewhere, input(), NOW))).code).toBe("out-of-scope");
    expect((await refusal(enterManualScore(database.db, neighbour, input(), NOW))).code).toBe("out-of-scope");
    expect(await enterManualScore(database.db, kecamatan, input({ code: "B2" }), NOW)).toMatchObject({ code: "B2" });
    expect(await enterManualScore(database.db, admin, input({ code: "B4" }), NOW)).toMatchObject({ code: "B4" });
    expect((await manualScoreHistory(database.db, rt.id)).map((entry) => entry.code)).toEqual(["B2", "B4"]);
  });

  it("lets a bootstrap admin who never wrote to the bot sign with a new person row", async () => {
    const admin: Actor = { telegramId: 424242, person: null, membership: null, grants: [{ role: "admin", rtId: null, kelurahanCode: null, kecamatanCode: null }] };
    const entered = await enterManualScore(database.db, admin, input(), NOW);
    expect(entered.enteredBy).toBeGreaterThan(0);
  });

  it("refuses automatic indicators, unknown codes, scores outside 0–2, future dates and long notes", async () => {
    expect(await refusal(enterManualScore(database.db, koordinator, input({ code: "B3" }), NOW))).toEqual({ code: "indicator-automatic", vars: { code: "B3" } });
    for (const code of ["B7", "A2", "A5", "P2", "P4", "B5", "B6", "P3", "P6", "A7"]) expect((await refusal(enterManualScore(database.db, koordinator, input({ code }), NOW))).code).toBe("indicator-automatic");
    expect(await refusal(enterManualScore(database.db, koordinator, input({ code: "B8" }), NOW))).toEqual({ code: "indicator-unknown", vars: { code: "B8" } });
    expect((await refusal(enterManualScore(database.db, koordinator, input({ code: "b1" }), NOW))).code).toBe("indicator-unknown");
    for (const score of [3, -1, 1.5]) expect((await refusal(enterManualScore(database.db, koordinator, input({ score }), NOW))).code).toBe("indicator-score-invalid");
    expect((await refusal(enterManualScore(database.db, koordinator, input({ assessedOn: { year: 2026, month: 12, day: 10 } }), NOW))).code).toBe("indicator-date-in-future");
    expect((await refusal(enterManualScore(database.db, koordinator, input({ assessedOn: { year: 2026, month: 2, day: 30 } }), NOW))).code).toBe("indicator-date-in-future");
    expect(await refusal(enterManualScore(database.db, koordinator, input({ note: "x".repeat(501) }), NOW))).toEqual({ code: "indicator-note-too-long", vars: { max: 500 } });
    expect((await refusal(enterManualScore(database.db, koordinator, input({ rtId: 9999 }), NOW))).code).toBe("rt-not-found");
    expect(await manualScoreHistory(database.db, rt.id)).toEqual([]);
    // Today (WIB) is fine, and 500 characters are.
    expect(await enterManualScore(database.db, koordinator, input({ assessedOn: TODAY, note: "x".repeat(500) }), NOW)).toMatchObject({ assessedOn: "2026-12-09" });
  });

  it("takes today in WIB: at 23:30 WIB the UTC date is still yesterday", async () => {
    const late = wib("2026-12-09T23:30"); // 16:30 UTC on the 9th
    const early = wib("2026-12-10T00:30"); // 17:30 UTC on the 9th, already the 10th in Jambi
    expect((await refusal(enterManualScore(database.db, koordinator, input({ assessedOn: { year: 2026, month: 12, day: 10 } }), late))).code).toBe("indicator-date-in-future");
    expect(await enterManualScore(database.db, koordinator, input({ assessedOn: { year: 2026, month: 12, day: 10 } }), early)).toMatchObject({ assessedOn: "2026-12-10" });
  });
});

describe("totals", () => {
  it("sums each dimension out of 14 and the whole out of 42, missing scores as 0", async () => {
    expect([DIMENSION_MAX, OVERALL_MAX]).toEqual([14, 42]);
    for (const code of ["B1", "B2", "B4"]) await enterManualScore(database.db, koordinator, input({ code, score: 2 }), NOW);
    for (const code of ["A1", "A3"]) await enterManualScore(database.db, koordinator, input({ code, score: 1 }), NOW);
    await enterManualScore(database.db, koordinator, input({ code: "P7", score: 2 }), NOW);
    // B3 = 2 from participation: 24 of 40 households (60%).
    await everyoneDid(database.db, rt, await addResidents(database.db, 24), "gotong_royong", wib("2026-12-01T08:00"));
    const [card] = await computeScorecards(database.db, [rt.id], NOW);
    expect(card!.totals).toEqual({ bersih: 8, aman: 2, pintar: 2 });
    expect(card!.overall).toBe(12);
    expect(card!.missing).toBe(10 - 6);
    // Weakest: zeros first, measured before missing, then catalogue order: B5, B6, B7.
    expect(card!.weakest.map((entry) => `${entry.code}:${entry.source}`)).toEqual(["B5:auto", "B6:auto", "B7:auto"]);
  });

  it("ranks a manual 0 before an unscored indicator among the weakest", async () => {
    const small = await addRt(database.db, 8, KELURAHAN_SIMPANG_IV_SIPIN, 10);
    const at = wib("2026-12-01T08:00");
    // Every measured indicator at 1: B3 30%, B7 once with 20%, A2 half the shifts, A5 once with 20%, P2 4 sessions, P4 10%.
    await everyoneDid(database.db, small, await addResidents(database.db, 3), "bank_sampah", at);
    const [gotongRoyong] = await addOccurrences(database.db, small.id, "gotong_royong", [at]);
    await checkIns(database.db, small.id, gotongRoyong!, "gotong_royong", at, await addResidents(database.db, 2));
    const shifts = await addOccurrences(database.db, small.id, "ronda", [wib("2026-11-20T22:00"), wib("2026-11-21T22:00")]);
    await checkIns(database.db, small.id, shifts[0]!, "ronda", wib("2026-11-20T22:00"), await addResidents(database.db, 1));
    const [rapat] = await addOccurrences(database.db, small.id, "rapat", [at]);
    await checkIns(database.db, small.id, rapat!, "rapat", at, await addResidents(database.db, 2));
    await addReadingSessions(database.db, small.id, [1, 2, 3, 4].map((day) => wib(`2026-11-2${day}T16:00`)));
    await everyoneDid(database.db, small, await addResidents(database.db, 1), "membaca", at);
    // And issue 15's at 1: B5 one kebun session with 10%, B6 one kerja bakti with 20%, P6 one posyandu,
    // P3 one group (pengajian) met, A7 20% of KK at it.
    for (const [kind, present] of [["kebun_toga", 1], ["kerja_bakti_sanitasi", 2], ["posyandu", 1], ["pengajian", 2]] as const) {
      const [occurrence] = await addOccurrences(database.db, small.id, kind, [at]);
      await checkIns(database.db, small.id, occurrence!, kind, at, await addResidents(database.db, present));
    }
    await enterManualScore(database.db, koordinator, input({ rtId: small.id, code: "P7", score: 0 }), NOW);

    const [card] = await computeScorecards(database.db, [small.id], NOW);
    expect(card!.indicators.filter((entry) => entry.source === "auto").map((entry) => `${entry.code}=${entry.score}`)).toEqual([
      "B3=1", "B5=1", "B6=1", "B7=1", "A2=1", "A5=1", "A7=1", "P2=1", "P3=1", "P4=1", "P6=1",
    ]);
    expect(card!.weakest.map((entry) => `${entry.code}:${entry.source}`)).toEqual(["P7:manual", "B1:missing", "B2:missing"]);
    expect(card!.weakest[0]!.suggestion).toEqual({ key: "score-suggestion-p7", vars: {} });
    expect(card!.totals).toEqual({ bersih: 4, aman: 3, pintar: 4 });
  });
});
