import { asc, eq, like } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { outbox, person, wasteBank, wasteBankOfficer, wasteBankRt } from "../../src/db/schema/index.js";
import { claimDue, enqueueMessages, PRIORITY } from "../../src/delivery/outbox.js";
import { erasePerson } from "../../src/domain/people/person.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { enterManualScore } from "../../src/domain/scores/manual.js";
import { monthlyResults, reportedMonth } from "../../src/domain/scores/monthly.js";
import { createLogger } from "../../src/logger.js";
import { productionJobs } from "../../src/scheduling/jobs.js";
import { monthlyText, pagesByKelurahan, planMonthlySummaries, type MonthlyDeps } from "../../src/scheduling/monthly-summary.js";
import { translateIn } from "../../src/messages/translate.js";
import { withTestDatabase } from "../helpers/database.js";
import { addKetua, addKoordinator, addMember, addPetugas, addRt, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { addOccurrences, addResidents, checkIns, participate, wib } from "../domain/scores/builders.js";

// Tuesday 1 December 2026, 09.00 WIB: the job's first tick of the month; it reports November.
const NOW = wib("2026-12-01T09:00");
const NOVEMBER = wib("2026-11-25T07:00");

const database = withTestDatabase();
let deps: MonthlyDeps;

beforeEach(() => {
  deps = { db: database.db, i18n: createI18n(database.db), logger: createLogger("silent") };
});

/**
 * RT 05 (10 KK): in November five households did gotong royong (B3 0 → 1), the koordinator scored
 * B1 2 (unscored on 1 November: newly scored, not in the delta), and October's rapat with 4 of 10 KK
 * is out of the window (A5 2 → 0): down 1 over the indicators scored at both dates. RT 06 of the same
 * kelurahan went from nothing to 8 of 10 households (B3 0 → 2): +2, the most improved. RT 07 of the
 * same kelurahan did nothing but had B1 and B2 scored 2 by hand for the first time (+4 on the total,
 * 0 comparable): not the most improved. RT 09 lies in another kelurahan and did nothing either month.
 */
async function world() {
  const rt05 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 10);
  const rt06 = await addRt(database.db, 6, KELURAHAN_SIMPANG_IV_SIPIN, 10);
  const rt09 = await addRt(database.db, 9, KELURAHAN_PAYO_SELINCAH, 10);
  const rt07 = await addRt(database.db, 7, KELURAHAN_SIMPANG_IV_SIPIN, 10);
  const users = { siti: newUser("Siti"), budi: newUser("Budi"), dewi: newUser("Dewi"), harun: newUser("Harun"), sri: newUser("Sri"), andi: newUser("Andi"), joko: newUser("Joko"), koor: newUser("Yuliana"), rina: newUser("Rina") };
  const siti = (await addMember(database.db, users.siti, rt05.id, "Keluarga Santoso")).personId;
  const budi = (await addMember(database.db, users.budi, rt05.id, " keluarga santoso ")).personId;
  const dewi = (await addMember(database.db, users.dewi, rt05.id, "Rumah Dewi")).personId;
  const harun = (await addKetua(database.db, users.harun, rt05.id)).personId;
  const sri = (await addPetugas(database.db, users.sri, rt05.id)).personId;
  const andi = (await addMember(database.db, users.andi, rt06.id)).personId;
  const joko = (await addMember(database.db, users.joko, rt09.id)).personId;
  await database.db.update(person).set({ greeting: "bu" }).where(eq(person.id, siti));
  await database.db.update(person).set({ locale: "en" }).where(eq(person.id, joko));
  // Dewi muted announcements (/senyap): no summary.
  await database.db.update(person).set({ announcementsMutedAt: wib("2026-11-10T10:00") }).where(eq(person.id, dewi));

  // The waste bank serving RT 05, with Bu Rina as its officer (she lives elsewhere).
  const rinaId = (await database.db.insert(person).values({ telegramId: users.rina.id, displayName: "Rina", greeting: "bu" }).returning({ id: person.id }))[0]!.id;
  const [bank] = await database.db.insert(wasteBank).values({ kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN, name: "Bank Sampah Sipin", createdAt: wib("2026-10-01T08:00") }).returning({ id: wasteBank.id });
  await database.db.insert(wasteBankRt).values({ rtId: rt05.id, wasteBankId: bank!.id, addedAt: wib("2026-10-01T08:00") });
  await database.db.insert(wasteBankOfficer).values({ wasteBankId: bank!.id, personId: rinaId, appointedAt: wib("2026-10-01T08:00") });

  // November in RT 05: the Santosos 5 records (two spellings), Dewi 2, Harun 1, Sri 1; someone without a household 9.
  const [loner] = await addResidents(database.db, 1);
  const gr = (personId: number, household: string | null, times: number) =>
    Array.from({ length: times }, (_, i) => ({ rtId: rt05.id, personId, kind: "gotong_royong" as const, at: new Date(NOVEMBER.getTime() + i * 60_000), household }));
  await participate(database.db, [...gr(siti, "Keluarga Santoso", 3), ...gr(budi, " keluarga santoso ", 2), ...gr(dewi, "Rumah Dewi", 2), ...gr(harun, "Rumah Ketua", 1), ...gr(sri, "Rumah Petugas", 1), ...gr(loner!, null, 9)]);
  // October's rapat in RT 05: 4 of 10 KK.
  const [rapat] = await addOccurrences(database.db, rt05.id, "rapat", [wib("2026-10-20T19:30")]);
  await checkIns(database.db, rt05.id, rapat!, "rapat", wib("2026-10-20T19:35"), await addResidents(database.db, 4));
  // RT 06: eight households in November.
  await participate(database.db, (await addResidents(database.db, 8)).map((personId) => ({ rtId: rt06.id, personId, kind: "gotong_royong" as const, at: NOVEMBER })));

  await addKoordinator(database.db, users.koor, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  const koordinator = await loadActor(database.db, users.koor.id, []);
  await enterManualScore(database.db, koordinator, { rtId: rt05.id, code: "B1", score: 2, note: null, assessedOn: { year: 2026, month: 11, day: 20 } }, wib("2026-11-20T10:00"));
  for (const code of ["B1", "B2"] as const) {
    await enterManualScore(database.db, koordinator, { rtId: rt07.id, code, score: 2, note: null, assessedOn: { year: 2026, month: 11, day: 21 } }, wib("2026-11-21T10:00"));
  }
  return { rt05, rt06, rt07, rt09, users, ids: { siti, budi, dewi, harun, sri, andi, joko, rina: rinaId } };
}

async function monthlyRows() {
  return database.db.select().from(outbox).where(like(outbox.dedupeKey, "monthly:%")).orderBy(asc(outbox.personId));
}

function textOf(row: { payload: unknown }): string {
  return (row.payload as { text: string }).text;
}

describe("the monthly resident summary (issue 17)", () => {
  it("reports the month just ended: the results on the 1st against the month before, up and down, top households, officers and the most improved RT", async () => {
    const w = await world();
    const results = await monthlyResults(database.db, { month: reportedMonth(NOW), rtIds: [w.rt05.id, w.rt09.id] });
    expect(results.key).toBe("2026-11");
    const rt05 = results.rts.get(w.rt05.id)!;
    // B3 +1, A5 -2: the delta is over the indicators scored at both dates; B1 (unscored on 1 November) is named apart.
    expect(rt05).toMatchObject({ delta: -1, up: ["B3"], down: ["A5"], newlyScored: ["B1"], noLongerScored: [] });
    expect(rt05.previous.indicators.find((indicator) => indicator.code === "B1")!.source).toBe("missing");
    expect(rt05.current.overall - rt05.previous.overall).toBe(1);
    expect(rt05.households).toEqual([
      { label: "Keluarga Santoso", records: 5, personIds: [w.ids.siti, w.ids.budi].sort((a, b) => a - b) },
      { label: "Rumah Dewi", records: 2, personIds: [w.ids.dewi] },
      { label: "Rumah Ketua", records: 1, personIds: [w.ids.harun] },
    ]);
    expect(rt05.officers.map((officer) => officer.name)).toEqual(["Rina", "Sri"]);
    // RT 06 is among the peers (most improved) though nobody there was asked for.
    expect(results.rts.has(w.rt06.id)).toBe(false);
    expect(results.mostImproved.get(KELURAHAN_SIMPANG_IV_SIPIN)).toMatchObject({ rtId: w.rt06.id, delta: 2 });
    expect(results.mostImproved.has(KELURAHAN_PAYO_SELINCAH)).toBe(false);
  });

  it("queues one summary per unmuted resident, in their language, through the outbox at the summary's priority", async () => {
    const w = await world();
    const result = await planMonthlySummaries(deps, NOW);
    expect(result).toEqual({ month: "2026-11", recipients: 6, queued: 6 });
    const rows = await monthlyRows();
    expect(rows.map((row) => row.personId)).toEqual([w.ids.siti, w.ids.budi, w.ids.harun, w.ids.sri, w.ids.andi, w.ids.joko].sort((a, b) => a - b));
    expect(rows.every((row) => row.priority === PRIORITY.summary && row.dedupeKey === `monthly:2026-11:person:${row.personId}`)).toBe(true);

    const siti = textOf(rows.find((row) => row.personId === w.ids.siti)!);
    expect(siti).toContain("📅 Bu Siti, ini ringkasan bulan November 2026 untuk RT 05 Kelurahan Simpang IV Sipin.");
    expect(siti).toContain("Nilai Kampung BANTAR RT per Selasa, 1 Desember 2026:");
    expect(siti).toContain("Turun 1 dari bulan lalu");
    expect(siti).toContain("⬆️ Indikator naik: B3");
    expect(siti).toContain("⬇️ Indikator turun: A5");
    expect(siti).toContain("🆕 Baru dinilai bulan ini (tidak dihitung dalam naik/turun di atas): B1");
    expect(siti).toContain("🏆 Keluarga paling aktif bulan November 2026:\n1. Keluarga Santoso — 5 kegiatan\n2. Rumah Dewi — 2 kegiatan\n3. Rumah Ketua — 1 kegiatan");
    expect(siti).not.toContain("4. ");
    expect(siti).toContain("🙏 Terima kasih kepada petugas bank sampah dan pojok baca RT ini: Bu Rina, Sri.");
    expect(siti).toContain("🌟 RT paling meningkat di Kelurahan Simpang IV Sipin bulan ini: RT 06 (naik 2).");
    expect(siti).toContain("/senyap");
    // The summary names the officers and the households' members: erasing one drops what is queued.
    expect(rows.find((row) => row.personId === w.ids.siti)!.subjectPersonIds).toEqual(expect.arrayContaining([w.ids.rina, w.ids.sri, w.ids.budi, w.ids.dewi]));

    expect(textOf(rows.find((row) => row.personId === w.ids.andi)!)).toContain("🌟 RT Anda paling meningkat di Kelurahan Simpang IV Sipin bulan ini (naik 2). Selamat!");
    const joko = textOf(rows.find((row) => row.personId === w.ids.joko)!);
    expect(joko).toContain("📅 Joko, here is November 2026 for RT 09 Kelurahan Talang Bakung.");
    expect(joko).toContain("The same as last month");
    expect(joko).toContain("No indicator changed its score.");
    expect(joko).not.toContain("🌟");
    expect(joko).not.toContain("🏆");
  });

  it("is once per person per month: a rerun, a second instance at once and the later days queue nothing new; the next month does", async () => {
    const w = await world();
    const [a, b] = await Promise.all([planMonthlySummaries(deps, NOW), planMonthlySummaries(deps, NOW)]);
    expect(a.queued + b.queued).toBe(6);
    expect(await planMonthlySummaries(deps, wib("2026-12-02T09:00"))).toEqual({ month: "2026-11", recipients: 0, queued: 0 });
    expect(await monthlyRows()).toHaveLength(6);

    // Dewi unmutes on the 2nd: the 3rd's run reaches her alone.
    await database.db.update(person).set({ announcementsMutedAt: null }).where(eq(person.id, w.ids.dewi));
    expect(await planMonthlySummaries(deps, wib("2026-12-03T09:00"))).toEqual({ month: "2026-11", recipients: 1, queued: 1 });

    const january = await planMonthlySummaries(deps, wib("2027-01-01T09:00"));
    expect(january).toEqual({ month: "2026-12", recipients: 7, queued: 7 });
  });

  it("never says an RT moved because an indicator was scored for the first time, and does not make it the most improved for that", async () => {
    const w = await world();
    const results = await monthlyResults(database.db, { month: reportedMonth(NOW), rtIds: [w.rt07.id] });
    const rt07 = results.rts.get(w.rt07.id)!;
    expect(rt07.current.overall - rt07.previous.overall).toBe(4);
    expect(rt07).toMatchObject({ delta: 0, up: [], down: [], newlyScored: ["B1", "B2"] });
    expect(results.mostImproved.get(KELURAHAN_SIMPANG_IV_SIPIN)).toMatchObject({ rtId: w.rt06.id, delta: 2 });
    const text = monthlyText(translateIn(deps.i18n, "id"), "id", { name: "Ani", greeting: "bu" }, results, rt07);
    expect(text).toContain("Sama dengan bulan lalu");
    expect(text).toContain("Tidak ada indikator yang berubah nilainya.");
    expect(text).toContain("🆕 Baru dinilai bulan ini (tidak dihitung dalam naik/turun di atas): B1, B2");
    expect(text).not.toContain("Naik");
    expect(text).toContain("RT paling meningkat di Kelurahan Simpang IV Sipin bulan ini: RT 06 (naik 2)");
  });

  it("queues below announcements: an announcement queued after the summaries is taken first", async () => {
    await world();
    await planMonthlySummaries(deps, NOW);
    const later = new Date(NOW.getTime() + 60 * 60_000);
    await enqueueMessages(database.db, [{ dedupeKey: "broadcast:1:chat:1", chatId: 1, priority: PRIORITY.announcement, payload: { text: "Rapat malam ini" }, notBefore: later }]);
    expect(PRIORITY.summary).toBeGreaterThan(PRIORITY.announcement);
    const [first] = await claimDue(database.db, { workerId: "w", limit: 1, now: later });
    expect(first!.dedupeKey).toBe("broadcast:1:chat:1");
  });

  it("reads a page of RTs at a time, whole kelurahan per page, and queues the same texts as one pass", async () => {
    expect(pagesByKelurahan([{ rtId: 1, kelurahanCode: "a" }, { rtId: 2, kelurahanCode: "a" }, { rtId: 3, kelurahanCode: "b" }, { rtId: 4, kelurahanCode: "c" }], 1)).toEqual([[1, 2], [3], [4]]);
    await world();
    await planMonthlySummaries(deps, NOW);
    const once = (await monthlyRows()).map((row) => [row.dedupeKey, textOf(row)]);
    await database.db.delete(outbox);
    expect(await planMonthlySummaries(deps, NOW, { rtsPerPage: 1 })).toEqual({ month: "2026-11", recipients: 6, queued: 6 });
    expect((await monthlyRows()).map((row) => [row.dedupeKey, textOf(row)])).toEqual(once);
  });

  it("sends again, rebuilt without them, the summaries an erasure cancelled because they named someone else; never more than three times", async () => {
    const w = await world();
    await planMonthlySummaries(deps, NOW);
    // Sri (petugas) erases her data while the city's summaries are still going out; Andi (RT 06) too, as a recipient.
    await erasePerson(database.db, w.ids.sri, wib("2026-12-01T11:00"));
    await erasePerson(database.db, w.ids.andi, wib("2026-12-01T11:00"));
    const cancelled = (await monthlyRows()).filter((row) => row.status === "cancelled").map((row) => row.personId);
    expect(cancelled.sort()).toEqual([w.ids.siti, w.ids.budi, w.ids.harun, w.ids.sri, w.ids.andi].sort());

    // The 2nd's run: the RT 05 residents who are not Sri get it again, under a new key, without her name.
    expect(await planMonthlySummaries(deps, wib("2026-12-02T09:00"))).toEqual({ month: "2026-11", recipients: 3, queued: 3 });
    const again = (await monthlyRows()).filter((row) => /:person:\d+:2$/.test(row.dedupeKey));
    expect(again.map((row) => row.personId).sort()).toEqual([w.ids.siti, w.ids.budi, w.ids.harun].sort());
    const siti = textOf(again.find((row) => row.personId === w.ids.siti)!);
    expect(siti).toContain("Terima kasih kepada petugas bank sampah dan pojok baca RT ini: Bu Rina.");
    expect(siti).not.toMatch(/Sri|anon-/);
    expect(again.every((row) => row.priority === PRIORITY.summary && !row.subjectPersonIds.includes(w.ids.sri))).toBe(true);
    expect(await planMonthlySummaries(deps, wib("2026-12-03T09:00"))).toEqual({ month: "2026-11", recipients: 0, queued: 0 });

    // Rina erases too: a third and last copy on the 3rd; after that, nothing more this month.
    await erasePerson(database.db, w.ids.rina, wib("2026-12-02T12:00"));
    expect((await planMonthlySummaries(deps, wib("2026-12-03T09:00"))).queued).toBe(3);
    await database.db.update(outbox).set({ status: "cancelled" }).where(like(outbox.dedupeKey, "monthly:%:3"));
    expect((await planMonthlySummaries(deps, wib("2026-12-03T10:00"))).queued).toBe(0);
  });

  it("does not send again a summary an erasure cancelled while it was being sent (it may have been read)", async () => {
    const w = await world();
    await planMonthlySummaries(deps, NOW);
    // A sender has claimed Siti's summary (status sending) when Sri erases her data.
    await database.db.update(outbox).set({ status: "sending", claimedAt: wib("2026-12-01T10:59"), claimedBy: "worker-1" }).where(eq(outbox.personId, w.ids.siti));
    await erasePerson(database.db, w.ids.sri, wib("2026-12-01T11:00"));
    expect((await monthlyRows()).find((row) => row.personId === w.ids.siti)!.status).toBe("cancelled");
    await planMonthlySummaries(deps, wib("2026-12-02T09:00"));
    const again = (await monthlyRows()).filter((row) => /:person:\d+:2$/.test(row.dedupeKey)).map((row) => row.personId);
    expect(again).not.toContain(w.ids.siti);
    expect(again).toContain(w.ids.budi);
  });

  it("runs from the production job list on the first three days of the month at 09.00 WIB", () => {
    const job = productionJobs(deps).find((candidate) => candidate.name === "monthly-summary");
    expect(job?.cron).toBe("0 9 1-3 * *");
  });
});
