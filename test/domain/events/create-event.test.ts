import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { event, eventOccurrence } from "../../../src/db/schema/index.js";
import { DomainError } from "../../../src/domain/errors.js";
import { createEvent, type EventDraft } from "../../../src/domain/events/events.js";
import { loadActor } from "../../../src/domain/people/actor.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addKetua, addRt, newUser } from "../../helpers/fixtures.js";

const database = withTestDatabase();
const NOW = new Date("2026-11-22T03:00:00Z"); // Minggu 22 November 2026, 10.00 WIB
const SUNDAY_29 = new Date("2026-11-29T00:00:00Z"); // 07.00 WIB

function draft(requestKey: string): EventDraft {
  return { requestKey, kind: "gotong_royong", place: "Pos kamling", notes: null, firstStartsAt: SUNDAY_29, durationMinutes: 180, recurrence: { kind: "weekly", weekday: 0 } };
}

async function ketuaOf(number: number) {
  const place = await addRt(database.db, number);
  const ketua = newUser(`Ketua ${number}`);
  await addKetua(database.db, ketua, place.id);
  return loadActor(database.db, ketua.id, []);
}

describe("createEvent is idempotent by the form's request key", () => {
  it("makes one event for one form's key, saved twice in turn or at once, and answers the first result each time", async () => {
    const ketua = await ketuaOf(5);
    const first = await createEvent(database.db, ketua, draft("event:form-1"), NOW);
    const again = await createEvent(database.db, ketua, draft("event:form-1"), NOW);
    // Two saves racing (two instances, no chat lock between them): the unique key holds.
    const racing = await Promise.all([createEvent(database.db, ketua, draft("event:form-2"), NOW), createEvent(database.db, ketua, draft("event:form-2"), NOW)]);

    expect(again).toEqual(first);
    expect(first.occurrences).toBeGreaterThan(1);
    expect(racing[1]).toEqual(racing[0]);
    expect(racing[0].eventId).not.toBe(first.eventId);
    const events = await database.db.select({ id: event.id, requestKey: event.requestKey }).from(event).orderBy(asc(event.id));
    expect(events.map((row) => row.requestKey)).toEqual(["event:form-1", "event:form-2"]);
    for (const { id } of events) {
      const dates = await database.db.select({ startsAt: eventOccurrence.startsAt }).from(eventOccurrence).where(eq(eventOccurrence.eventId, id));
      expect(dates).toHaveLength(first.occurrences);
    }
  });

  it("answers a repeat after the first date has passed with the first result, and refuses another RT's ketua the key", async () => {
    const ketua = await ketuaOf(5);
    const other = await ketuaOf(7);
    const first = await createEvent(database.db, ketua, draft("event:form-3"), NOW);
    expect(await createEvent(database.db, ketua, draft("event:form-3"), new Date("2026-11-30T00:00:00Z"))).toEqual(first);
    const refused = await createEvent(database.db, other, draft("event:form-3"), NOW).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("not-allowed");
    expect(await database.db.select({ id: event.id }).from(event)).toHaveLength(1);
  });
});
