import { asc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../../src/bot/i18n.js";
import { eventOccurrence, outbox } from "../../../src/db/schema/index.js";
import { enqueueMessages, PRIORITY } from "../../../src/delivery/outbox.js";
import { cancelOccurrences, changeOccurrence } from "../../../src/domain/events/changes.js";
import { createEvent, setRsvp } from "../../../src/domain/events/events.js";
import { reminderKey } from "../../../src/domain/events/reminder-queries.js";
import { loadActor } from "../../../src/domain/people/actor.js";
import type { Texts } from "../../../src/messages/translate.js";
import { withTestDatabase } from "../../helpers/database.js";
import { serviceDeps } from "../../helpers/service-deps.js";
import { addKetua, addMember, addRt, newUser, snapshotState } from "../../helpers/fixtures.js";

const database = withTestDatabase();
const NOW = new Date("2026-11-22T03:00:00Z"); // Minggu 22 November 2026, 10.00 WIB
const SUNDAY_29 = new Date("2026-11-29T00:00:00Z"); // 07.00 WIB
const SATURDAY_28 = new Date("2026-11-28T09:00:00Z"); // 16.00 WIB

/** A gotong royong on Sunday 29th; Siti said Hadir and has an evening reminder queued. */
async function scheduled() {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Harun");
  await addKetua(database.db, ketua, place.id);
  const siti = newUser("Siti");
  const sitiMember = await addMember(database.db, siti, place.id, "Rumah 1");
  const ketuaActor = await loadActor(database.db, ketua.id, []);
  const created = await createEvent(database.db, ketuaActor, { requestKey: "event:changes-test", kind: "gotong_royong", place: "Pos kamling", notes: null, firstStartsAt: SUNDAY_29, durationMinutes: 180, recurrence: { kind: "none" } }, NOW);
  const [occurrence] = await database.db.select().from(eventOccurrence).where(eq(eventOccurrence.eventId, created.eventId));
  await setRsvp(database.db, await loadActor(database.db, siti.id, []), occurrence!.id, "hadir", NOW);
  const reminder = reminderKey(occurrence!.id, sitiMember.personId, "evening");
  await enqueueMessages(database.db, [{ dedupeKey: reminder, chatId: siti.id, personId: sitiMember.personId, priority: PRIORITY.reminder, payload: { text: "old time" }, notBefore: NOW }]);
  return { ketuaActor, siti: { ...siti, personId: sitiMember.personId }, occurrence: occurrence!, reminder };
}

const outboxKeys = async () => (await database.db.select({ key: outbox.dedupeKey }).from(outbox).orderBy(asc(outbox.dedupeKey))).map((row) => row.key);
const noticeKeys = async () => (await database.db.select({ key: outbox.dedupeKey }).from(outbox).where(like(outbox.dedupeKey, "notice:%"))).map((row) => row.key);

describe("changeOccurrence", () => {
  it("moves the date, forgets its unsent reminders and queues the notice in one transaction", async () => {
    const { ketuaActor, siti, occurrence, reminder } = await scheduled();
    const deps = serviceDeps(database.db, NOW);
    const changed = await changeOccurrence(deps, ketuaActor, { occurrenceId: occurrence.id, startsAt: SATURDAY_28, requestKey: "form-1234" });
    expect(changed).toEqual({ startsAt: SATURDAY_28, place: "Pos kamling", told: 1 });
    expect(await outboxKeys()).toEqual([`notice:event-change:form-1234:person:${siti.personId}`]);
    expect(await outboxKeys()).not.toContain(reminder);
    expect(deps.woken).toBe(1);
  });

  it("forgets nothing when the notice cannot be queued: the move, the forgetting and the notice commit together", async () => {
    const { ketuaActor, occurrence, reminder } = await scheduled();
    const real = createI18n(database.db);
    const failing: Texts = { t: (locale, key, vars) => (key === "event-changed-notice" ? (() => { throw new Error("texts unavailable"); })() : real.t(locale, key, vars)) };
    const deps = serviceDeps(database.db, NOW, failing);
    await expect(changeOccurrence(deps, ketuaActor, { occurrenceId: occurrence.id, startsAt: SATURDAY_28, requestKey: "form-1234" })).rejects.toThrow("texts unavailable");
    const [row] = await database.db.select().from(eventOccurrence).where(eq(eventOccurrence.id, occurrence.id));
    expect(row!.startsAt).toEqual(SUNDAY_29);
    expect(await outboxKeys()).toEqual([reminder]);
    expect(deps.woken).toBe(0);
  });

  it("is idempotent: the same change again forgets nothing more and tells nobody again", async () => {
    const { ketuaActor, siti, occurrence } = await scheduled();
    const deps = serviceDeps(database.db, NOW);
    await changeOccurrence(deps, ketuaActor, { occurrenceId: occurrence.id, startsAt: SATURDAY_28, requestKey: "form-1234" });
    // The next tick plans the reminder again, at the new time.
    const replanned = reminderKey(occurrence.id, (await loadActor(database.db, siti.id, [])).person!.id, "before");
    await enqueueMessages(database.db, [{ dedupeKey: replanned, chatId: siti.id, priority: PRIORITY.reminder, payload: { text: "new time" }, notBefore: NOW }]);
    const before = await snapshotState(database.db);
    const again = await changeOccurrence(deps, ketuaActor, { occurrenceId: occurrence.id, startsAt: SATURDAY_28, requestKey: "form-1234" });
    expect(again.told).toBe(0);
    const after = await snapshotState(database.db);
    expect(after.outbox).toEqual(before.outbox);
    expect(after.event_occurrence).toEqual(before.event_occurrence);
    expect(await noticeKeys()).toEqual([`notice:event-change:form-1234:person:${siti.personId}`]);
  });
});

describe("cancelOccurrences", () => {
  it("cancels and queues the notice once, however often it is asked", async () => {
    const { ketuaActor, siti, occurrence } = await scheduled();
    const deps = serviceDeps(database.db, NOW);
    expect(await cancelOccurrences(deps, ketuaActor, { occurrenceId: occurrence.id, scope: "one", requestKey: "form-5678" })).toEqual({ told: 1 });
    expect(await cancelOccurrences(deps, ketuaActor, { occurrenceId: occurrence.id, scope: "one", requestKey: "form-5678" })).toEqual({ told: 0 });
    expect(await noticeKeys()).toEqual([`notice:event-change:form-5678:person:${siti.personId}`]);
  });
});
