import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../../src/bot/i18n.js";
import { outbox, participation, rt as rtTable } from "../../../src/db/schema/index.js";
import { deposit } from "../../../src/domain/bank-sampah/receipts.js";
import { loadActor } from "../../../src/domain/people/actor.js";
import { logSession } from "../../../src/domain/pojok-baca/sessions.js";
import { countedForDeposit, countedForOccurrence, countedForReadingSession, indicatorOfKind } from "../../../src/domain/scores/counted.js";
import { computeScorecards } from "../../../src/domain/scores/scorecard.js";
import { countedLine } from "../../../src/messages/counted.js";
import { translateIn } from "../../../src/messages/translate.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addMember, addPetugas, addRt, newUser } from "../../helpers/fixtures.js";
import { serviceDeps } from "../../helpers/service-deps.js";
import { actorOf, bankWorld, minutesAfter, OPENED } from "../bank-sampah/world.js";
import { addOccurrences, addReadingSessions, addResidents, checkIns, wib } from "./builders.js";
import { eq } from "drizzle-orm";

const database = withTestDatabase();

// Sunday 6 December 2026, 08:00 WIB: a gotong royong runs 07:00–09:00.
const NOW = wib("2026-12-06T08:00");

describe("what an act counted for (issue 17)", () => {
  it("says where the RT stands on B7, counting today's gotong royong as held, and agrees with the scorecard once it has ended", async () => {
    const place = await addRt(database.db, 5, undefined, 10);
    const people = await addResidents(database.db, 6);
    // One held two weeks ago with 5 of 10 KK, today's with 3 so far (the last one just checked in).
    const [earlier, today] = [
      ...(await addOccurrences(database.db, place.id, "gotong_royong", [wib("2026-11-22T07:00")])),
      ...(await addOccurrences(database.db, place.id, "gotong_royong", [wib("2026-12-06T07:00")])),
    ];
    await checkIns(database.db, place.id, earlier!, "gotong_royong", wib("2026-11-22T07:10"), people.slice(0, 5));
    await checkIns(database.db, place.id, today!, "gotong_royong", NOW, people.slice(0, 3));

    const counted = await countedForOccurrence(database.db, { rtId: place.id, occurrenceId: today!, kind: "gotong_royong", now: NOW });
    // (5 + 3) households over 2 held × 10 KK = 40%: held twice with 40% is the good level.
    expect(counted).toMatchObject({ code: "B7", score: 2, met: true, rtNumber: 5, vars: { held: 2, percent: 40, goodTimes: 2, goodTarget: 40, days: 28 } });

    // The scorecard, read after the event ended, says the same.
    const [card] = await computeScorecards(database.db, [place.id], wib("2026-12-06T09:30"));
    expect(card!.indicators.find((indicator) => indicator.code === "B7")).toMatchObject({ score: 2, explanation: { vars: { held: 2, percent: 40 } } });

    const t = translateIn(createI18n(database.db), "id");
    expect(countedLine(t, counted!)).toBe(
      "🤝 Dihitung untuk B7: gotong royong 2 kali dalam 28 hari terakhir, rata-rata 40% KK RT 05 hadir; target nilai 2 (baik) 2 kali dengan 40% KK tercapai ✅.",
    );
    const en = translateIn(createI18n(database.db), "en");
    expect(countedLine(en, counted!)).toContain("the target for 2 (good) is 2 times with 40%, reached ✅");
  });

  it("says the target is not reached yet below it, and says nothing for a kind that feeds no indicator or an RT without a KK count", async () => {
    const place = await addRt(database.db, 5, undefined, 40);
    const [people] = [await addResidents(database.db, 2)];
    const [rapat] = await addOccurrences(database.db, place.id, "rapat", [wib("2026-12-06T07:30")]);
    await checkIns(database.db, place.id, rapat!, "rapat", NOW, people!);
    const counted = await countedForOccurrence(database.db, { rtId: place.id, occurrenceId: rapat!, kind: "rapat", now: NOW });
    // 2 of 40 KK = 5%: below A5's fair 15%.
    expect(counted).toMatchObject({ code: "A5", score: 0, met: false, vars: { held: 1, percent: 5, goodTarget: 30 } });
    expect(countedLine(translateIn(createI18n(database.db), "id"), counted!)).toMatch(/belum tercapai\.$/);

    const [other] = await addOccurrences(database.db, place.id, "lainnya", [wib("2026-12-06T07:30")]);
    expect(indicatorOfKind("lainnya")).toBeNull();
    expect(await countedForOccurrence(database.db, { rtId: place.id, occurrenceId: other!, kind: "lainnya", now: NOW })).toBeNull();

    await database.db.update(rtTable).set({ householdCount: 0 }).where(eq(rtTable.id, place.id));
    expect(await countedForOccurrence(database.db, { rtId: place.id, occurrenceId: rapat!, kind: "rapat", now: NOW })).toBeNull();
  });

  it("A5 takes the musyawarah polls into account exactly as the scorecard does (the better level)", async () => {
    const place = await addRt(database.db, 5, undefined, 40);
    const people = await addResidents(database.db, 14);
    const [rapat] = await addOccurrences(database.db, place.id, "rapat", [wib("2026-12-06T07:30")]);
    await checkIns(database.db, place.id, rapat!, "rapat", NOW, people.slice(0, 2));
    const closed = wib("2026-12-01T20:00");
    await database.db.insert(participation).values(people.map((personId) => ({
      sourceKey: `poll:1:person:${personId}`, rtId: place.id, personId, householdLabel: `Rumah ${personId}`, kind: "musyawarah" as const,
      occurredAt: closed, verified: true, source: "poll", occurrenceId: null, recordedBy: null, recordedAt: closed,
    })));
    const counted = await countedForOccurrence(database.db, { rtId: place.id, occurrenceId: rapat!, kind: "rapat", now: NOW });
    // The rapat: 2 of 40 KK (0); the poll: 14 of 40 = 35% (2). The better one is said.
    expect(counted).toMatchObject({ code: "A5", score: 2, met: true, polls: true, vars: { held: 1, percent: 35 } });
    const [card] = await computeScorecards(database.db, [place.id], wib("2026-12-06T09:30"));
    expect(card!.indicators.find((indicator) => indicator.code === "A5")).toMatchObject({ score: 2, explanation: { key: "score-explain-a5-polls", vars: { held: 1, percent: 35 } } });
    expect(countedLine(translateIn(createI18n(database.db), "id"), counted!)).toContain("Dihitung untuk A5: polling musyawarah 1 kali");
  });

  it("counts a ronda shift on now as held (A2) and the reading corner's sessions (P2)", async () => {
    const place = await addRt(database.db, 7, undefined, 30);
    const people = await addResidents(database.db, 2);
    const shifts = await addOccurrences(database.db, place.id, "ronda", [wib("2026-12-01T22:00"), wib("2026-12-02T22:00"), wib("2026-12-05T22:00")], { minutes: 360 });
    await checkIns(database.db, place.id, shifts[0]!, "ronda", wib("2026-12-01T22:05"), [people[0]!]);
    await checkIns(database.db, place.id, shifts[2]!, "ronda", wib("2026-12-05T22:05"), [people[1]!]);
    const ronda = await countedForOccurrence(database.db, { rtId: place.id, occurrenceId: shifts[2]!, kind: "ronda", now: wib("2026-12-05T22:05") });
    expect(ronda).toMatchObject({ code: "A2", score: 1, met: false, vars: { staffed: 2, held: 3, percent: 66, goodTarget: 80 } });

    await addReadingSessions(database.db, place.id, [wib("2026-11-20T15:00"), wib("2026-12-01T15:00")]);
    expect(await countedForReadingSession(database.db, { rtId: place.id, now: NOW })).toMatchObject({ code: "P2", score: 0, vars: { sessions: 2, goodTarget: 8 } });
  });

  it("puts the B3 line under a new deposit's receipt, and none under a replay of it", async () => {
    const world = await bankWorld(database.db);
    const now = minutesAfter(OPENED, 60);
    const deps = serviceDeps(database.db, now);
    const actor = await actorOf(database.db, world.petugas);
    const request = { actor, wasteBankId: world.bank.id, personId: world.siti.personId, lines: [{ wasteTypeId: world.types.kardus.id, quantity: 2500, rupiahPerUnit: 1800 }], requestKey: "deposit:counted:1" };
    const first = await deposit(deps, request);
    expect(first.saved).toBe(true);
    const [notice] = await database.db.select().from(outbox).orderBy(asc(outbox.id));
    // Siti's household is 1 of RT 01's 40 KK: 2%.
    expect((notice!.payload as { text: string }).text).toContain("🌿 Dihitung untuk B3: 2% KK RT 01 ikut gotong royong atau bank sampah dalam 28 hari terakhir; target nilai 2 (baik) 60% belum tercapai.");
    const entryId = first.saved ? first.receipt.entryId : 0;
    expect(await countedForDeposit(database.db, { entryId, now })).toMatchObject({ code: "B3", score: 0, vars: { percent: 2, goodTarget: 60 } });
    await deposit(deps, request);
    expect(await database.db.select().from(outbox)).toHaveLength(1);
  });

  it("returns the P2 line with a logged reading session, also when the same form is saved again", async () => {
    const place = await addRt(database.db, 5, undefined, 20);
    const keeper = newUser("Rina");
    await addPetugas(database.db, keeper, place.id);
    const reader = newUser("Anak");
    const { personId } = await addMember(database.db, reader, place.id);
    const actor = await loadActor(database.db, keeper.id, []);
    const input = { requestKey: "session:counted:1", rtId: place.id, activity: "membaca_bersama" as const, activityNote: null, heldAt: wib("2026-12-06T07:00"), attendeeCount: 3, attendeePersonIds: [personId] };
    const first = await logSession(database.db, actor, input, NOW);
    expect(first.counted).toMatchObject({ code: "P2", score: 0, met: false, vars: { sessions: 1, goodTarget: 8 } });
    expect((await logSession(database.db, actor, input, NOW)).counted).toEqual(first.counted);
  });
});
