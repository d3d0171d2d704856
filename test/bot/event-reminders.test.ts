import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { eventOccurrence, outbox, person, rsvp } from "../../src/db/schema/index.js";
import { createEvent } from "../../src/domain/events/events.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { createLogger } from "../../src/logger.js";
import { planReminders } from "../../src/scheduling/reminders.js";
import { addKetua, addMember, addRt, newUser } from "../helpers/fixtures.js";
import { callbackAnswerTo, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

const { database, harness } = withTestBot();

/** Deadline-aware planning may start a reminder a little early, never late. */
function expectDueBy(notBefore: Date, due: string) {
  expect(notBefore.getTime()).toBeLessThanOrEqual(Date.parse(due));
  expect(notBefore.getTime()).toBeGreaterThan(Date.parse(due) - 60_000);
}

describe("reminders of a moved date", () => {
  it("are queued again for the new time, not left at the old one", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    await addMember(database.db, newUser("Siti"), place.id);
    harness.drainAfterEachUpdate = false; // keep the reminders in the outbox to look at them

    // Sunday 22 Nov 10:00 WIB: a gotong royong tomorrow (Monday) 07.00.
    await harness.send(ketua, "/acara");
    await harness.press(ketua, "Gotong royong");
    await harness.send(ketua, "besok 07.00");
    await harness.send(ketua, "Pos kamling");
    await harness.press(ketua, "Lewati");
    await harness.press(ketua, "Sekali saja");
    await harness.press(ketua, "Simpan");

    const deps = { db: database.db, i18n: harness.deps.i18n, logger: createLogger("silent") };
    await planReminders(deps, harness.now);
    const before = await database.db.select().from(outbox).where(like(outbox.dedupeKey, "reminder:%"));
    expect(before.length).toBeGreaterThan(0);
    const beforeDue = before.filter((row) => row.dedupeKey.endsWith(":before"));
    expect(beforeDue).toHaveLength(2); // Siti and the ketua, who lives in the RT too
    for (const row of beforeDue) expectDueBy(row.notBefore, "2026-11-22T22:00:00.000Z"); // 2 hours before 07.00 WIB Monday

    await harness.send(ketua, "/ubahacara");
    await harness.press(ketua, "Gotong royong");
    await harness.press(ketua, "Ubah waktu");
    await harness.send(ketua, "besok 09.00");
    await harness.press(ketua, "Simpan"); // the change is saved from its summary
    await planReminders(deps, harness.now);
    const after = await database.db.select().from(outbox).where(like(outbox.dedupeKey, "reminder:%"));
    const afterDue = after.filter((row) => row.dedupeKey.endsWith(":before"));
    expect(afterDue).toHaveLength(2);
    for (const row of afterDue) {
      expectDueBy(row.notBefore, "2026-11-23T00:00:00.000Z"); // 2 hours before 09.00 WIB Monday
      expect(String((row.payload as { text: string }).text)).toContain("09.00");
    }
  });
});

describe("a reminder of an event", () => {
  it("carries the event's notes and the answers; answering 'Tidak bisa' under it stops the next one", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    const siti = newUser("Siti");
    const sitiIds = await addMember(database.db, siti, place.id);
    const budi = newUser("Budi");
    const budiIds = await addMember(database.db, budi, place.id);
    await database.db.update(person).set({ locale: "en" }).where(eq(person.id, budiIds.personId));
    // Monday 23 November, 07.00 WIB, with notes; made at Sunday 10.00 WIB.
    const actor = await loadActor(database.db, ketua.id, []);
    const made = await createEvent(database.db, actor, { requestKey: "event:reminder-notes", kind: "gotong_royong", place: "Pos kamling", notes: "bawa cangkul", firstStartsAt: new Date("2026-11-23T00:00:00Z"), durationMinutes: 180, recurrence: { kind: "none" } }, harness.now);
    const deps = { db: database.db, i18n: harness.deps.i18n, logger: createLogger("silent") };
    await planReminders(deps, harness.now);

    harness.now = new Date("2026-11-22T12:00:01Z"); // 19.00 WIB: the evening-before reminder is due
    await harness.settle();
    const evening = shownMessages(harness.telegram, siti.id).at(-1)!;
    expect(evening.text).toMatch(/^🔔 .*\n📝 bawa cangkul$/);
    expect(evening.keyboard!.inline_keyboard.flat().map((b) => b.text)).toEqual(["✅ Akan hadir", "❌ Tidak bisa", "🤔 Mungkin"]);
    const english = shownMessages(harness.telegram, budi.id).at(-1)!;
    expect(english.text).toMatch(/\n📝 bawa cangkul$/);
    expect(english.keyboard!.inline_keyboard.flat().map((b) => b.text)).toEqual(["✅ Coming", "❌ Can't", "🤔 Maybe"]);

    const tap = await pressOn(harness, siti, evening, "Tidak bisa");
    expect(callbackAnswerTo(harness.telegram, tap)?.text).toBe("Tersimpan: Tidak bisa");
    expect(await database.db.select({ personId: rsvp.personId, answer: rsvp.answer }).from(rsvp)).toEqual([{ personId: sitiIds.personId, answer: "tidak" }]);
    const [occurrence] = await database.db.select().from(eventOccurrence).where(eq(eventOccurrence.eventId, made.eventId));

    // 05.00 WIB: the "starting soon" one goes to Budi, not to Siti, who cannot come.
    harness.now = new Date("2026-11-22T22:00:01Z");
    await planReminders(deps, new Date("2026-11-22T21:58:00Z"));
    await harness.settle();
    const before = await database.db.select().from(outbox).where(like(outbox.dedupeKey, `reminder:${occurrence!.id}:%:before`));
    const statusOf = (personId: number) => before.find((row) => row.personId === personId)?.status;
    expect(statusOf(budiIds.personId)).toBe("sent");
    expect(statusOf(sitiIds.personId)).toBe("cancelled");
    expect(harness.telegram.textsTo(siti.id).filter((text) => text.startsWith("⏰"))).toEqual([]);
    expect(harness.telegram.textsTo(budi.id).filter((text) => text.startsWith("⏰"))).toHaveLength(1);
  });
});

describe("a resident's own reminder choice (/pengingat)", () => {
  it("sends each person only the reminder they chose; a change after planning cancels the queued one and plans the new one", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    const [siti, budi, dewi, eko] = ["Siti", "Budi", "Dewi", "Eko"].map((name) => newUser(name)) as [TestUser, TestUser, TestUser, TestUser];
    const ids = new Map<TestUser, number>();
    for (const user of [siti, budi, dewi, eko]) ids.set(user, (await addMember(database.db, user, place.id)).personId);
    for (const [user, choice] of [[siti, "Pagi harinya"], [budi, "Malam sebelumnya"], [dewi, "2 jam sebelumnya"]] as const) {
      await harness.send(user, "/pengingat");
      await harness.press(user, choice);
    }
    harness.drainAfterEachUpdate = false;
    // Monday 23 November, 09.00 WIB.
    const actor = await loadActor(database.db, ketua.id, []);
    const made = await createEvent(database.db, actor, { requestKey: "event:own-choice", kind: "rapat", place: "Balai warga", notes: null, firstStartsAt: new Date("2026-11-23T02:00:00Z"), durationMinutes: 120, recurrence: { kind: "none" } }, harness.now);
    const [occurrence] = await database.db.select().from(eventOccurrence).where(eq(eventOccurrence.eventId, made.eventId));
    const deps = { db: database.db, i18n: harness.deps.i18n, logger: createLogger("silent") };
    await planReminders(deps, harness.now);
    const queued = async () => {
      const rows = await database.db.select().from(outbox).where(like(outbox.dedupeKey, `reminder:${occurrence!.id}:%`));
      return new Map([...ids].map(([user, personId]) => [user.first_name, rows.filter((row) => row.personId === personId && row.status === "pending").map((row) => row.dedupeKey.split(":")[3]).sort()]));
    };
    expect(Object.fromEntries(await queued())).toEqual({ Siti: ["morning"], Budi: ["evening"], Dewi: ["before"], Eko: ["before", "evening"] });
    const morning = (await database.db.select().from(outbox).where(eq(outbox.dedupeKey, `reminder:${occurrence!.id}:${ids.get(siti)}:morning`)))[0]!;
    expectDueBy(morning.notBefore, "2026-11-22T23:00:00.000Z"); // 06.00 WIB on the day
    expect((morning.payload as { text: string }).text).toBe("🔔 Hari ini: rapat warga pukul 09.00 WIB, di Balai warga. Sampai jumpa!");

    // Siti changes her mind to "2 jam sebelumnya" after it was queued: the morning one is cancelled before it goes, the other planned.
    await harness.send(siti, "/pengingat");
    await harness.press(siti, "2 jam sebelumnya");
    await planReminders(deps, new Date("2026-11-22T22:58:00Z"));
    expect((await queued()).get("Siti")).toEqual(["before"]);
    const [cancelled] = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, `reminder:${occurrence!.id}:${ids.get(siti)}:morning`));
    expect(cancelled?.status).toBe("cancelled");
  });
  it("never leaves a person without a reminder: a chosen one not due for an event, or turned off by the ketua, falls back to the RT's", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    const [siti, budi, eko] = ["Siti", "Budi", "Eko"].map((name) => newUser(name)) as [TestUser, TestUser, TestUser];
    const ids = new Map<TestUser, number>();
    for (const user of [siti, budi, eko]) ids.set(user, (await addMember(database.db, user, place.id)).personId);
    for (const [user, choice] of [[siti, "Pagi harinya"], [budi, "Malam sebelumnya"]] as const) {
      await harness.send(user, "/pengingat");
      await harness.press(user, choice);
    }
    harness.drainAfterEachUpdate = false;
    // Monday 23 November, 06.00 WIB: no "morning of" reminder before it starts.
    const actor = await loadActor(database.db, ketua.id, []);
    const made = await createEvent(database.db, actor, { requestKey: "event:early", kind: "gotong_royong", place: "Pos kamling", notes: null, firstStartsAt: new Date("2026-11-22T23:00:00Z"), durationMinutes: 120, recurrence: { kind: "none" } }, harness.now);
    const [occurrence] = await database.db.select().from(eventOccurrence).where(eq(eventOccurrence.eventId, made.eventId));
    const deps = { db: database.db, i18n: harness.deps.i18n, logger: createLogger("silent") };
    const queued = async () => {
      const rows = await database.db.select().from(outbox).where(like(outbox.dedupeKey, `reminder:${occurrence!.id}:%`));
      return Object.fromEntries([...ids].map(([user, personId]) => [user.first_name, rows.filter((row) => row.personId === personId && row.status === "pending").map((row) => row.dedupeKey.split(":")[3]).sort()]));
    };
    await planReminders(deps, harness.now);
    expect(await queued()).toEqual({ Siti: ["before", "evening"], Budi: ["evening"], Eko: ["before", "evening"] });

    // The ketua turns the evening-before reminder off: Budi's queued one is cancelled and he gets the RT's other one.
    await harness.send(ketua, "/aturpengingat");
    await harness.send(ketua, "mati");
    await harness.press(ketua, "Tetap 2");
    await harness.send(ketua, "17.00");
    expect(harness.lastText(ketua)).toContain("Tersimpan");
    await planReminders(deps, harness.now);
    expect(await queued()).toEqual({ Siti: ["before", "evening"], Budi: ["before", "evening"], Eko: ["before", "evening"] });
    // Queued ones are re-checked shortly before they go (18.58 WIB): turned off, they are cancelled.
    await planReminders(deps, new Date("2026-11-22T11:58:00Z"));
    expect(await queued()).toEqual({ Siti: ["before"], Budi: ["before"], Eko: ["before"] });
    const [evening] = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, `reminder:${occurrence!.id}:${ids.get(budi)}:evening`));
    expect(evening?.status).toBe("cancelled");

    // /pengingat says what Budi gets now, not an evening reminder without a time.
    await harness.send(budi, "/pengingat");
    expect(harness.lastText(budi)).toBe("Pengingat kegiatan untuk Anda: Seperti pengaturan RT.\nPengingat tugas ronda tetap dikirim. Pilih kapan Bapak/Ibu ingin diingatkan:");
    expect(harness.buttons(budi)).toEqual(["✅ Seperti pengaturan RT", "Pagi harinya, pukul 06.00", "2 jam sebelumnya", "Tidak usah diingatkan"]);
  });
});
