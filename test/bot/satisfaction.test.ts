import { createI18n } from "../../src/bot/i18n.js";
import { satisfactionLine } from "../../src/messages/polls.js";
import { translateIn } from "../../src/messages/translate.js";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { event, eventOccurrence, satisfactionAnswer, satisfactionRequest } from "../../src/db/schema/index.js";
import { recordParticipation } from "../../src/domain/participation/participation.js";
import { erasePerson } from "../../src/domain/people/person.js";
import { satisfactionAnswerButton, satisfactionAsk } from "../../src/messages/buttons/polls.js";
import { addKetua, addMember, addPetugas, addRt, newUser } from "../helpers/fixtures.js";
import { callbackAnswerTo, pressData, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

const { database, harness } = withTestBot();

/** RT 05's gotong royong on Sunday 29 November 07.00 WIB, over at 09.00; Siti and Budi ticked present, Dewi not. */
async function afterGotongRoyong(kind: "gotong_royong" | "rapat" | "ronda" = "gotong_royong") {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Harun");
  const ketuaMember = await addKetua(database.db, ketua, place.id);
  const petugas = newUser("Rina");
  await addPetugas(database.db, petugas, place.id);
  const startsAt = new Date("2026-11-29T00:00:00Z");
  const [created] = await database.db.insert(event).values({ rtId: place.id, kind, place: "Pos", firstStartsAt: startsAt, durationMinutes: 120, recurrence: {} }).returning({ id: event.id });
  const [occurrence] = await database.db
    .insert(eventOccurrence)
    .values({ eventId: created!.id, rtId: place.id, kind, place: "Pos", startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000) })
    .returning();
  const attendees: (TestUser & { personId: number })[] = [];
  for (const [name, household] of [["Siti", "Rumah 1"], ["Budi", "Rumah 2"]] as const) {
    const user = newUser(name);
    const { personId } = await addMember(database.db, user, place.id, household);
    await recordParticipation(database.db, {
      sourceKey: `occurrence:${occurrence!.id}:person:${personId}`, rtId: place.id, personId, householdLabel: household, kind,
      occurredAt: startsAt, verified: true, source: "ketua-checklist", occurrenceId: occurrence!.id, recordedBy: ketuaMember.personId,
    }, startsAt);
    attendees.push({ ...user, personId });
  }
  const dewi = newUser("Dewi");
  await addMember(database.db, dewi, place.id, "Rumah 3");
  harness.now = new Date("2026-11-29T04:00:00Z");
  return { place, ketua, petugas, occurrence: occurrence!, siti: attendees[0]!, budi: attendees[1]!, dewi };
}

async function openChecklist(officer: TestUser) {
  await harness.send(officer, "/absen");
  await harness.press(officer, "29 Nov");
}

const checklistOf = (user: TestUser) => shownMessages(harness.telegram, user.id).findLast((message) => message.text.startsWith("Daftar hadir"))!;

describe("Bagaimana kegiatan tadi?", () => {
  it("the ketua asks those present once from /absen; each answers once; the checklist shows counts, no names", async () => {
    const { ketua, siti, budi, dewi, occurrence } = await afterGotongRoyong();
    await openChecklist(ketua);
    await pressOn(harness, ketua, checklistOf(ketua), "Tanya kepuasan");
    expect(harness.lastText(ketua)).toContain("dikirim ke 2 warga yang hadir");
    // A second press (a double tap, an old checklist) asks nobody again.
    const again = await pressData(harness, ketua, satisfactionAsk.data({ occurrence: occurrence.id }));
    expect(callbackAnswerTo(harness.telegram, again)).toBeDefined();
    expect(harness.lastText(ketua)).toBe("Kepuasan: belum cukup jawaban (0 dari 2 menjawab)");
    expect(harness.telegram.textsTo(siti.id).filter((text) => text.startsWith("Bagaimana kegiatan tadi?"))).toHaveLength(1);
    expect(harness.telegram.textsTo(dewi.id)).toEqual([]);

    await harness.press(siti, "😀");
    const second = await pressData(harness, siti, satisfactionAnswerButton.data({ occurrence: occurrence.id, answer: "1" }));
    expect(callbackAnswerTo(harness.telegram, second)?.text).toBe("Jawaban Anda sudah tercatat sebelumnya.");
    await harness.press(budi, "😐");
    expect((await database.db.select().from(satisfactionAnswer)).map((row) => row.answer).sort()).toEqual([2, 4]);

    await openChecklist(ketua);
    const text = checklistOf(ketua).text;
    expect(text).toContain("Kepuasan: belum cukup jawaban (2 dari 2 menjawab)");
    expect(text).not.toContain("Siti");
    expect(checklistOf(ketua).keyboard!.inline_keyboard.flat().map((button) => button.text)).not.toContain("😀 Tanya kepuasan warga yang hadir");
  });

  it("refuses someone who was not present, a petugas asking, and a ronda", async () => {
    const { dewi, petugas, occurrence } = await afterGotongRoyong();
    const forged = await pressData(harness, dewi, satisfactionAnswerButton.data({ occurrence: occurrence.id, answer: "4" }));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe("Maaf, Anda tidak berwenang melakukan ini.");
    // A petugas runs the checklist but the question is the ketua's to send.
    await openChecklist(petugas);
    expect(checklistOf(petugas).keyboard!.inline_keyboard.flat().map((button) => button.text)).not.toContain("😀 Tanya kepuasan warga yang hadir");
    const asked = await pressData(harness, petugas, satisfactionAsk.data({ occurrence: occurrence.id }));
    expect(callbackAnswerTo(harness.telegram, asked)?.text).toBe("Maaf, perintah ini hanya untuk ketua RT.");
    expect(await database.db.select().from(satisfactionRequest)).toEqual([]);
  });

  it("is not offered for a ronda night", async () => {
    const { ketua, occurrence } = await afterGotongRoyong("ronda");
    const asked = await pressData(harness, ketua, satisfactionAsk.data({ occurrence: occurrence.id }));
    expect(callbackAnswerTo(harness.telegram, asked)?.text).toContain("hanya untuk gotong royong dan rapat");
  });

  it("forgets an erased person's answer", async () => {
    const { ketua, siti, occurrence } = await afterGotongRoyong("rapat");
    await pressData(harness, ketua, satisfactionAsk.data({ occurrence: occurrence.id }));
    await harness.press(siti, "🙂");
    await erasePerson(database.db, siti.personId, harness.now);
    expect(await database.db.select().from(satisfactionAnswer).where(eq(satisfactionAnswer.personId, siti.personId))).toEqual([]);
  });
});

describe("the satisfaction line", () => {
  it("shows the faces only from 3 answers on, and never more answered than asked", () => {
    const t = translateIn(createI18n(database.db), "id");
    expect(satisfactionLine(t, { asked: 5, answered: 2, counts: { 1: 0, 2: 1, 3: 0, 4: 1 } })).toBe("Kepuasan: belum cukup jawaban (2 dari 5 menjawab)");
    expect(satisfactionLine(t, { asked: 5, answered: 3, counts: { 1: 0, 2: 1, 3: 0, 4: 2 } })).toBe("Kepuasan: 😀 2 · 🙂 0 · 😐 1 · 🙁 0 (3 dari 5 menjawab)");
    expect(satisfactionLine(t, { asked: 2, answered: 3, counts: { 1: 0, 2: 1, 3: 0, 4: 2 } })).toBe("Kepuasan: 😀 2 · 🙂 0 · 😐 1 · 🙁 0 (3 dari 3 menjawab)");
  });
});
