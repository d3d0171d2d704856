import { Writable } from "node:stream";
import { eq, like } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { event, eventOccurrence, membership, outbox, person, reminderSetting, rsvp, shiftAssignment } from "../../src/db/schema/index.js";
import { enqueueMessages, PRIORITY } from "../../src/delivery/outbox.js";
import { createLogger } from "../../src/logger.js";
import { forgetUnsentReminders, lateWarningKey, reminderKey } from "../../src/domain/events/reminder-queries.js";
import type { EventKind } from "../../src/domain/events/events.js";
import { planReminders, type PlanOptions, type ReminderDeps } from "../../src/scheduling/reminders.js";
import { withTestDatabase } from "../helpers/database.js";
import { addKetua, addMember, addPending, addRt, KELURAHAN_BULURAN_KENALI, newUser } from "../helpers/fixtures.js";

/** Sunday 6 December 2026, 07.00 WIB (UTC+7). */
const SUNDAY_0700 = new Date("2026-12-06T00:00:00Z");
const SATURDAY_1900 = new Date("2026-12-05T12:00:00Z");
const SUNDAY_0500 = new Date("2026-12-05T22:00:00Z");
/** Saturday 08.00 WIB: the Sunday occurrences are inside the 36-hour horizon. */
const SATURDAY_0800 = new Date("2026-12-05T01:00:00Z");
const HOUR = 3_600_000;

const database = withTestDatabase();
let db: Database;
let logLines: Record<string, unknown>[];
let deps: ReminderDeps;

beforeAll(() => {
  db = database.db;
});
beforeEach(async () => {
  logLines = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  deps = { db, i18n: createI18n(db), logger: createLogger("info", sink) };
});

async function addOccurrence(rtId: number, startsAt: Date, extra: { kind?: EventKind; hours?: number; place?: string } = {}): Promise<number> {
  const kind = extra.kind ?? "gotong_royong";
  const place = extra.place ?? "Pos Kamling RT 05";
  const [created] = await db
    .insert(event)
    .values({ rtId, kind, place, firstStartsAt: startsAt, durationMinutes: (extra.hours ?? 3) * 60, recurrence: { type: "none" } })
    .returning({ id: event.id });
  const [occurrence] = await db
    .insert(eventOccurrence)
    .values({ eventId: created!.id, rtId, kind, place, startsAt, endsAt: new Date(startsAt.getTime() + (extra.hours ?? 3) * HOUR) })
    .returning({ id: eventOccurrence.id });
  return occurrence!.id;
}

async function reminderRows() {
  const rows = await db.select().from(outbox).where(like(outbox.dedupeKey, "reminder:%")).orderBy(outbox.notBefore, outbox.id);
  return rows.map((row) => ({ key: row.dedupeKey, status: row.status, notBefore: row.notBefore, priority: row.priority, chatId: row.chatId, text: (row.payload as { text?: string }).text }));
}

async function pendingKeys(): Promise<string[]> {
  return (await reminderRows()).filter((row) => row.status === "pending").map((row) => row.key).sort();
}

/** An RT with a ketua and `count` more active members. */
async function rtWithMembers(number: number, count: number, kelurahan?: string) {
  const rt = await addRt(db, number, kelurahan);
  const ketuaUser = newUser(`Ketua${number}`);
  const ketua = await addKetua(db, ketuaUser, rt.id);
  const members = [];
  for (let i = 0; i < count; i++) {
    const user = newUser(`Warga${number}_${i}`);
    members.push({ user, ...(await addMember(db, user, rt.id, `Rumah ${i}`)) });
  }
  return { rt, ketua: { user: ketuaUser, ...ketua }, members };
}

/** Sends the pending rows as the engine would, one per 1/rate second in (priority, not_before, id) order. */
async function simulateDelivery(ratePerSecond: number): Promise<Map<string, number>> {
  const rows = await db.select().from(outbox).where(eq(outbox.status, "pending"));
  rows.sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime() || a.priority - b.priority || a.id - b.id);
  const slotMs = 1000 / ratePerSecond;
  const sentAt = new Map<string, number>();
  const ready: typeof rows = [];
  let next = 0;
  let clock = -Infinity;
  while (sentAt.size < rows.length) {
    if (ready.length === 0) clock = Math.max(clock, rows[next]!.notBefore.getTime());
    while (next < rows.length && rows[next]!.notBefore.getTime() <= clock) ready.push(rows[next++]!);
    ready.sort((a, b) => a.priority - b.priority || a.notBefore.getTime() - b.notBefore.getTime() || a.id - b.id);
    const row = ready.shift()!;
    sentAt.set(row.dedupeKey, clock);
    clock += slotMs;
  }
  return sentAt;
}

describe("reminder times (WIB)", () => {
  it("queues an evening-before reminder for 19.00 and a 2-hours-before one for every active member", async () => {
    const { rt, ketua, members } = await rtWithMembers(5, 2);
    const occurrenceId = await addOccurrence(rt.id, SUNDAY_0700);

    const result = await planReminders(deps, SATURDAY_0800);

    const people = [ketua.personId, ...members.map((m) => m.personId)];
    expect(result).toMatchObject({ planned: 6, dropped: 0, infeasible: 0, lateWarnings: 0 });
    expect(await pendingKeys()).toEqual(people.flatMap((id) => [reminderKey(occurrenceId, id, "before"), reminderKey(occurrenceId, id, "evening")]).sort());
    const rows = await reminderRows();
    for (const [kind, due] of [["evening", SATURDAY_1900], ["before", SUNDAY_0500]] as const) {
      const times = rows.filter((row) => row.key.endsWith(`:${kind}`)).map((row) => row.notBefore.getTime());
      // Backward from the due time at the engine's rate: the last exactly on time, none after.
      expect(Math.max(...times)).toBe(due.getTime());
      for (const time of times) expect(due.getTime() - time).toBeLessThan(1000);
      expect(new Set(times).size).toBe(3);
    }
    expect(rows.every((row) => row.priority === PRIORITY.reminder)).toBe(true);
    const evening = rows.find((row) => row.key === reminderKey(occurrenceId, members[0]!.personId, "evening"))!;
    expect(evening.chatId).toBe(members[0]!.user.id);
    expect(evening.text).toBe("🔔 Pengingat: gotong royong Minggu, 6 Desember 2026 pukul 07.00 WIB di Pos Kamling RT 05. Sampai jumpa di sana!");
    const before = rows.find((row) => row.key === reminderKey(occurrenceId, members[0]!.personId, "before"))!;
    expect(before.text).toBe("⏰ Sebentar lagi: gotong royong mulai pukul 07.00 WIB (Minggu, 6 Desember 2026) di Pos Kamling RT 05.");
  });

  it("names issue 15's kinds in the reminder, in each resident's language", async () => {
    const { rt, members } = await rtWithMembers(5, 2);
    await db.update(person).set({ locale: "en" }).where(eq(person.id, members[1]!.personId));
    const occurrenceId = await addOccurrence(rt.id, SUNDAY_0700, { kind: "kerja_bakti_sanitasi", place: "Selokan Gang Mawar" });
    await planReminders(deps, SATURDAY_0800);
    const rows = await reminderRows();
    expect(rows.find((row) => row.key === reminderKey(occurrenceId, members[0]!.personId, "evening"))!.text).toBe(
      "🔔 Pengingat: kerja bakti sanitasi Minggu, 6 Desember 2026 pukul 07.00 WIB di Selokan Gang Mawar. Sampai jumpa di sana!",
    );
    expect(rows.find((row) => row.key === reminderKey(occurrenceId, members[1]!.personId, "evening"))!.text).toBe(
      "🔔 Reminder: sanitation clean-up (kerja bakti) on Sunday, 6 December 2026 at 07:00 WIB, at Selokan Gang Mawar. See you there!",
    );
  });

  it("reminds the people on a ronda shift at 17.00 on the day (duty priority) and 2 hours before; nobody else", async () => {
    const { rt, members } = await rtWithMembers(5, 3);
    const saturday2200 = new Date("2026-12-05T15:00:00Z");
    const occurrenceId = await addOccurrence(rt.id, saturday2200, { kind: "ronda", hours: 6 });
    const onWatch = members.slice(0, 2);
    await db.insert(shiftAssignment).values(onWatch.map((m) => ({ occurrenceId, personId: m.personId, assignedAt: SATURDAY_0800, source: "rota" })));
    // Turning event reminders off does not mute a shift one is on.
    await db.update(person).set({ eventRemindersOffAt: SATURDAY_0800 }).where(eq(person.id, onWatch[1]!.personId));

    await planReminders(deps, SATURDAY_0800);

    const rows = await reminderRows();
    expect(rows.map((row) => row.key).sort()).toEqual(onWatch.flatMap((m) => [reminderKey(occurrenceId, m.personId, "before"), reminderKey(occurrenceId, m.personId, "duty")]).sort());
    const duty = rows.filter((row) => row.key.endsWith(":duty"));
    expect(Math.max(...duty.map((row) => row.notBefore.getTime()))).toBe(new Date("2026-12-05T10:00:00Z").getTime()); // 17.00 WIB
    expect(duty.every((row) => row.priority === PRIORITY.duty)).toBe(true);
    const before = rows.filter((row) => row.key.endsWith(":before"));
    expect(Math.max(...before.map((row) => row.notBefore.getTime()))).toBe(new Date("2026-12-05T13:00:00Z").getTime()); // 20.00 WIB
    expect(before.every((row) => row.priority === PRIORITY.reminder)).toBe(true);
    expect(duty[0]!.text).toBe("🔦 Jadwal ronda Anda: Sabtu, 5 Desember 2026, pukul 22.00–04.00 WIB di Pos Kamling RT 05. Setelah tiba di pos, tekan \"Saya sudah hadir ronda\" di bawah untuk absen hadir. Terima kasih sudah ikut menjaga lingkungan!");
  });

  it("a shift starting after midnight gets its duty reminder at 17.00 the day before", async () => {
    const { rt, members } = await rtWithMembers(5, 1);
    const sunday0030 = new Date("2026-12-05T17:30:00Z");
    const occurrenceId = await addOccurrence(rt.id, sunday0030, { kind: "ronda", hours: 4 });
    await db.insert(shiftAssignment).values({ occurrenceId, personId: members[0]!.personId, assignedAt: SATURDAY_0800, source: "rota" });

    await planReminders(deps, SATURDAY_0800);

    const [duty] = (await reminderRows()).filter((row) => row.key.endsWith(":duty"));
    expect(duty!.notBefore).toEqual(new Date("2026-12-05T10:00:00Z")); // Saturday 17.00 WIB
  });

  it("follows the RT's own settings; a setting of null turns that reminder off", async () => {
    const { rt, members } = await rtWithMembers(5, 0);
    await db.insert(reminderSetting).values({ rtId: rt.id, eveningBefore: "20.30", hoursBefore: null, rondaDutyAt: "17:00", updatedAt: SATURDAY_0800 });
    const occurrenceId = await addOccurrence(rt.id, SUNDAY_0700);

    await planReminders(deps, SATURDAY_0800);

    const rows = await reminderRows();
    expect(members).toEqual([]);
    expect(rows.map((row) => row.key)).toEqual([expect.stringMatching(new RegExp(`^reminder:${occurrenceId}:\\d+:evening$`))]);
    expect(rows[0]!.notBefore).toEqual(new Date("2026-12-05T13:30:00Z")); // Saturday 20.30 WIB
  });

  it("speaks the resident's language", async () => {
    const { rt, members } = await rtWithMembers(5, 1);
    await db.update(person).set({ locale: "en" }).where(eq(person.id, members[0]!.personId));
    const occurrenceId = await addOccurrence(rt.id, SUNDAY_0700, { place: "Balai RT" });

    await planReminders(deps, SATURDAY_0800);

    const rows = await reminderRows();
    expect(rows.find((row) => row.key === reminderKey(occurrenceId, members[0]!.personId, "evening"))!.text).toBe(
      "🔔 Reminder: community clean-up (gotong royong) on Sunday, 6 December 2026 at 07:00 WIB, at Balai RT. See you there!",
    );
    expect(rows.filter((row) => row.text?.startsWith("🔔 Pengingat:"))).toHaveLength(1); // the ketua reads Indonesian
  });

  it("a place written with quotes, commas, braces and a backslash arrives as written", async () => {
    const { rt } = await rtWithMembers(5, 0);
    const place = `Balai "Bersama", {gang} 3\\B`;
    await addOccurrence(rt.id, SUNDAY_0700, { place });

    await planReminders(deps, SATURDAY_0800);

    const texts = (await reminderRows()).map((row) => row.text);
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(text).toContain(` di ${place}.`);
  });
});

describe("who gets reminders", () => {
  it("skips RSVP tidak, event reminders turned off, erased and unreachable people, non-members, and cancelled occurrences", async () => {
    const { rt, ketua, members } = await rtWithMembers(5, 7);
    const [hadir, mungkin, tidak, muted, erased, unreachable, left] = members;
    const occurrenceId = await addOccurrence(rt.id, SUNDAY_0700);
    await db.insert(rsvp).values([
      { occurrenceId, personId: hadir!.personId, answer: "hadir", answeredAt: SATURDAY_0800 },
      { occurrenceId, personId: mungkin!.personId, answer: "mungkin", answeredAt: SATURDAY_0800 },
      { occurrenceId, personId: tidak!.personId, answer: "tidak", answeredAt: SATURDAY_0800 },
    ]);
    await db.update(person).set({ eventRemindersOffAt: SATURDAY_0800 }).where(eq(person.id, muted!.personId));
    await db.update(person).set({ telegramId: null, erasedAt: SATURDAY_0800 }).where(eq(person.id, erased!.personId));
    await db.update(person).set({ unreachableAt: SATURDAY_0800 }).where(eq(person.id, unreachable!.personId));
    await db.update(membership).set({ status: "left", endedAt: SATURDAY_0800 }).where(eq(membership.id, left!.membershipId));
    const otherRt = await addRt(db, 6);
    const pendingHere = await addPending(db, newUser("Menunggu"), rt.id);
    await addMember(db, newUser("Tetangga"), otherRt.id);
    const cancelledId = await addOccurrence(rt.id, new Date("2026-12-06T02:00:00Z"));
    await db.update(eventOccurrence).set({ cancelledAt: SATURDAY_0800 }).where(eq(eventOccurrence.id, cancelledId));

    await planReminders(deps, SATURDAY_0800);

    const reminded = new Set((await reminderRows()).map((row) => Number(row.key.split(":")[2])));
    expect([...reminded].sort((a, b) => a - b)).toEqual([ketua.personId, hadir!.personId, mungkin!.personId].sort((a, b) => a - b));
    expect(reminded.has(pendingHere.personId)).toBe(false);
    expect((await reminderRows()).every((row) => row.key.startsWith(`reminder:${occurrenceId}:`))).toBe(true);
  });

  it("plans only occurrences starting within the horizon", async () => {
    const { rt } = await rtWithMembers(5, 0);
    const inside = await addOccurrence(rt.id, new Date(SATURDAY_0800.getTime() + 35 * HOUR));
    await addOccurrence(rt.id, new Date(SATURDAY_0800.getTime() + 37 * HOUR));

    await planReminders(deps, SATURDAY_0800);

    expect(new Set((await reminderRows()).map((row) => Number(row.key.split(":")[1])))).toEqual(new Set([inside]));
  });

  it("cancels a queued reminder that no longer applies once it is about to go out (RSVP tidak, a ronda swap)", async () => {
    const { rt, members } = await rtWithMembers(5, 3);
    const gotongRoyong = await addOccurrence(rt.id, SUNDAY_0700);
    const ronda = await addOccurrence(rt.id, new Date("2026-12-05T15:00:00Z"), { kind: "ronda", hours: 6 });
    await db.insert(shiftAssignment).values({ occurrenceId: ronda, personId: members[1]!.personId, assignedAt: SATURDAY_0800, source: "rota" });
    await planReminders(deps, SATURDAY_0800);
    await db.insert(rsvp).values({ occurrenceId: gotongRoyong, personId: members[0]!.personId, answer: "tidak", answeredAt: SATURDAY_0800 });
    await db.delete(shiftAssignment).where(eq(shiftAssignment.personId, members[1]!.personId));
    await db.insert(shiftAssignment).values({ occurrenceId: ronda, personId: members[2]!.personId, assignedAt: SATURDAY_0800, source: "swap:1" });

    const atFive = await planReminders(deps, new Date("2026-12-05T09:58:00Z")); // 16.58 WIB, duty goes at 17.00

    const rows = await reminderRows();
    const status = (key: string) => rows.find((row) => row.key === key)?.status;
    expect(status(reminderKey(ronda, members[1]!.personId, "duty"))).toBe("cancelled");
    expect(status(reminderKey(ronda, members[1]!.personId, "before"))).toBe("pending"); // 20.00: checked nearer the time
    expect(status(reminderKey(ronda, members[2]!.personId, "duty"))).toBe("pending"); // the new person is planned
    expect(atFive.cancelled).toBe(1);

    const atSeven = await planReminders(deps, new Date("2026-12-05T11:58:00Z")); // 18.58 WIB
    const atEight = await planReminders(deps, new Date("2026-12-05T12:58:00Z")); // 19.58 WIB
    expect([atSeven.cancelled, atEight.cancelled]).toEqual([1, 1]);
    const later = await reminderRows();
    expect(later.find((row) => row.key === reminderKey(gotongRoyong, members[0]!.personId, "evening"))!.status).toBe("cancelled");
    expect(later.find((row) => row.key === reminderKey(gotongRoyong, members[0]!.personId, "before"))!.status).toBe("pending"); // 05.00: checked nearer the time
    expect(later.find((row) => row.key === reminderKey(ronda, members[1]!.personId, "before"))!.status).toBe("cancelled");
    expect(later.filter((row) => row.status === "cancelled")).toHaveLength(3);
  });
});

describe("an occurrence moved to another time", () => {
  it("forgetUnsentReminders frees its unsent keys, so the next tick plans them at the new time; sent ones stay", async () => {
    const { rt, members } = await rtWithMembers(5, 1);
    const occurrenceId = await addOccurrence(rt.id, SUNDAY_0700);
    await planReminders(deps, SATURDAY_0800);
    const sentKey = reminderKey(occurrenceId, members[0]!.personId, "evening");
    await db.update(outbox).set({ status: "sent" }).where(eq(outbox.dedupeKey, sentKey));
    const sunday0900 = new Date(SUNDAY_0700.getTime() + 2 * HOUR);
    await db.update(eventOccurrence).set({ startsAt: sunday0900, endsAt: new Date(sunday0900.getTime() + 3 * HOUR) }).where(eq(eventOccurrence.id, occurrenceId));

    expect(await forgetUnsentReminders(db, occurrenceId)).toBe(3);
    await planReminders(deps, new Date(SATURDAY_0800.getTime() + 60_000));

    const rows = await reminderRows();
    expect(rows.find((row) => row.key === sentKey)!.status).toBe("sent");
    const before = rows.filter((row) => row.key.endsWith(":before"));
    expect(Math.max(...before.map((row) => row.notBefore.getTime()))).toBe(SUNDAY_0500.getTime() + 2 * HOUR); // 07.00 WIB now
    expect(before[0]!.text).toContain("pukul 09.00 WIB");
    expect(rows).toHaveLength(4);
  });
});

describe("idempotency", () => {
  it("planning again (next tick, a restart, a second planner) queues nothing new", async () => {
    const { rt } = await rtWithMembers(5, 4);
    await addOccurrence(rt.id, SUNDAY_0700);
    const first = await planReminders(deps, SATURDAY_0800);
    const before = await reminderRows();

    const again = await planReminders(deps, new Date(SATURDAY_0800.getTime() + 60_000));
    const otherInstance = await planReminders({ db, i18n: createI18n(db), logger: createLogger("silent") }, new Date(SATURDAY_0800.getTime() + 120_000));

    expect(first.planned).toBe(10);
    expect(again.planned).toBe(0);
    expect(otherInstance.planned).toBe(0);
    expect(await reminderRows()).toEqual(before);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("two planners on two connections at once queue each reminder once (real server)", async () => {
    for (let rtNumber = 1; rtNumber <= 4; rtNumber++) {
      const { rt } = await rtWithMembers(rtNumber, 30);
      await addOccurrence(rt.id, SUNDAY_0700);
    }
    const second = await openDatabase({ kind: "postgres", url: database.url! });
    try {
      const results = await Promise.all([
        planReminders(deps, SATURDAY_0800),
        planReminders({ db: second.db, i18n: createI18n(second.db), logger: createLogger("silent") }, SATURDAY_0800),
      ]);
      const rows = await reminderRows();
      expect(rows).toHaveLength(4 * 31 * 2);
      expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
      expect(results[0]!.planned + results[1]!.planned).toBe(rows.length);
    } finally {
      await second.close();
    }
  });
});

describe("after downtime", () => {
  it("a missed reminder whose event has not started goes out now; the next one keeps its time", async () => {
    const { rt, members } = await rtWithMembers(5, 1);
    const occurrenceId = await addOccurrence(rt.id, SUNDAY_0700);
    const sunday0100 = new Date("2026-12-05T18:00:00Z");

    const result = await planReminders(deps, sunday0100);

    const rows = await reminderRows();
    const evening = rows.find((row) => row.key === reminderKey(occurrenceId, members[0]!.personId, "evening"))!;
    expect(evening).toMatchObject({ status: "pending", notBefore: sunday0100 });
    const before = rows.filter((row) => row.key.endsWith(":before"));
    expect(Math.max(...before.map((row) => row.notBefore.getTime()))).toBe(SUNDAY_0500.getTime());
    expect(result).toMatchObject({ planned: 4, dropped: 0, superseded: 0, infeasible: 0 });
  });

  it("when both are missed only the latest goes out now", async () => {
    const { rt, members } = await rtWithMembers(5, 1);
    const occurrenceId = await addOccurrence(rt.id, SUNDAY_0700);
    const sunday0600 = new Date("2026-12-05T23:00:00Z");

    const result = await planReminders(deps, sunday0600);

    const rows = await reminderRows();
    expect(rows.find((row) => row.key === reminderKey(occurrenceId, members[0]!.personId, "before"))).toMatchObject({ status: "pending", notBefore: sunday0600 });
    expect(rows.find((row) => row.key === reminderKey(occurrenceId, members[0]!.personId, "evening"))!.status).toBe("skipped");
    expect(result).toMatchObject({ planned: 2, superseded: 2, dropped: 0 });
  });

  it("reminders of an event that has already started are dropped and logged, once", async () => {
    const { rt } = await rtWithMembers(5, 2);
    await addOccurrence(rt.id, SUNDAY_0700);
    const sunday0730 = new Date("2026-12-06T00:30:00Z");

    const result = await planReminders(deps, sunday0730);
    const again = await planReminders(deps, new Date(sunday0730.getTime() + 60_000));

    expect(result).toMatchObject({ planned: 0, dropped: 6 });
    expect(again.dropped).toBe(0);
    expect(await pendingKeys()).toEqual([]);
    expect((await reminderRows()).every((row) => row.status === "skipped")).toBe(true);
    expect(logLines.filter((line) => String(line.msg).startsWith("reminders dropped"))).toEqual([expect.objectContaining({ dropped: 6, level: 40 })]);
  });
});

describe("deadline awareness", () => {
  const RATE: PlanOptions = { ratePerSecond: 10 };

  it("spreads 100 reminders due at the same minute backwards so that none goes after its deadline", async () => {
    const { rt } = await rtWithMembers(5, 99);
    await addOccurrence(rt.id, SUNDAY_0700);

    const result = await planReminders(deps, SATURDAY_0800, RATE);

    const evening = (await reminderRows()).filter((row) => row.key.endsWith(":evening")).map((row) => row.notBefore.getTime());
    expect(evening).toHaveLength(100);
    expect(Math.max(...evening)).toBe(SATURDAY_1900.getTime());
    expect(Math.min(...evening)).toBe(SATURDAY_1900.getTime() - 9_900);
    for (let i = 1; i < evening.length; i++) expect(evening[i]! - evening[i - 1]!).toBeGreaterThanOrEqual(99);
    const sent = await simulateDelivery(10);
    expect([...sent].filter(([key, at]) => at > (key.endsWith(":evening") ? SATURDAY_1900 : SUNDAY_0500).getTime())).toEqual([]);
    expect(result).toMatchObject({ planned: 200, infeasible: 0, lateWarnings: 0 });
  });

  it("serves the earliest event first when reminders share a deadline, around messages already queued", async () => {
    const early = await rtWithMembers(5, 29);
    const late = await rtWithMembers(7, 29, KELURAHAN_BULURAN_KENALI);
    const earlyId = await addOccurrence(early.rt.id, SUNDAY_0700);
    const lateId = await addOccurrence(late.rt.id, new Date(SUNDAY_0700.getTime() + HOUR));
    // 40 duty messages already queued for 18.59.58 WIB.
    await enqueueMessages(db, Array.from({ length: 40 }, (_, i) => ({ dedupeKey: `queued:${i}`, chatId: 1_000 + i, priority: PRIORITY.duty, payload: { text: "tugas" }, notBefore: new Date(SATURDAY_1900.getTime() - 2_000) })));

    await planReminders(deps, SATURDAY_0800, RATE);

    const rows = (await reminderRows()).filter((row) => row.key.endsWith(":evening"));
    const times = (id: number) => rows.filter((row) => row.key.startsWith(`reminder:${id}:`)).map((row) => row.notBefore.getTime());
    expect(Math.max(...times(earlyId))).toBeLessThan(Math.min(...times(lateId)));
    const sent = await simulateDelivery(10);
    const lateOnes = [...sent].filter(([key, at]) => key.endsWith(":evening") && at > SATURDAY_1900.getTime());
    expect(lateOnes).toEqual([]);
  });

  it("when even starting now is too late, queues them as early as possible and warns the ketua once per occurrence", async () => {
    const { rt, ketua } = await rtWithMembers(5, 99);
    const occurrenceId = await addOccurrence(rt.id, SUNDAY_0700);
    const fiveSecondsBefore = new Date(SATURDAY_1900.getTime() - 5_000);

    const result = await planReminders(deps, fiveSecondsBefore, RATE);

    const evening = (await reminderRows()).filter((row) => row.key.endsWith(":evening")).map((row) => row.notBefore.getTime());
    // The ketua's warning goes first (duty priority); then one every 100 ms: 50 by 19.00, 50 after.
    expect(Math.min(...evening)).toBe(fiveSecondsBefore.getTime() + 100);
    expect(result.infeasible).toBe(50);
    expect(result.lateWarnings).toBe(1);
    const warnings = await db.select().from(outbox).where(like(outbox.dedupeKey, "reminder-late:%"));
    expect(warnings.map((row) => ({ key: row.dedupeKey, chatId: row.chatId, priority: row.priority }))).toEqual([
      { key: lateWarningKey(occurrenceId), chatId: ketua.user.id, priority: PRIORITY.duty },
    ]);
    expect((warnings[0]!.payload as { text: string }).text).toBe(
      "⚠️ Antrean pesan sedang penuh: 50 dari 200 pengingat gotong royong Minggu, 6 Desember 2026 pukul 07.00 WIB akan terlambat, paling lama 1 menit. Bila perlu, ingatkan warga lewat grup RT.",
    );
    expect(logLines.some((line) => String(line.msg).startsWith("reminders cannot all go out") && line.infeasible === 50)).toBe(true);

    // A newcomer planned at the next tick is late too, but the ketua is not warned twice.
    await addMember(db, newUser("Baru"), rt.id);
    const next = await planReminders(deps, new Date(fiveSecondsBefore.getTime() + 1_000), RATE);
    expect(next.planned).toBe(2);
    expect(next.lateWarnings).toBe(0);
    expect(await db.select().from(outbox).where(like(outbox.dedupeKey, "reminder-late:%"))).toHaveLength(1);
  });

  it("an RT without a ketua: the late reminders are still queued and the missing warning is logged", async () => {
    const rt = await addRt(db, 9);
    for (let i = 0; i < 20; i++) await addMember(db, newUser(`W${i}`), rt.id);
    await addOccurrence(rt.id, SUNDAY_0700);

    const result = await planReminders(deps, new Date(SATURDAY_1900.getTime() - 1_000), RATE);

    expect(result.planned).toBe(40);
    expect(result.infeasible).toBe(9);
    expect(result.lateWarnings).toBe(0);
    expect(logLines.some((line) => String(line.msg).includes("no reachable ketua"))).toBe(true);
  });
});
