import { and, asc, eq, inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rsvp as rsvpButton } from "../../src/messages/buttons/events.js";
import { rondaAssignOpen, rondaPresent as rondaPresentButton, rondaUnavailable, rondaVolunteer as rondaVolunteerButton, rotaWeeks, swapAsk, swapTake } from "../../src/messages/buttons/ronda.js";
import { COMMANDS, findCommand } from "../../src/bot/commands.js";
import { windowRtMetrics } from "../../src/domain/scores/metrics.js";
import { openDatabase } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { planReminders } from "../../src/scheduling/reminders.js";
import { auditLog, event, eventOccurrence, membership, outbox, participation, person, rondaSetup, rondaVolunteer, rt, shiftAssignment, swapRequest } from "../../src/db/schema/index.js";
import { shiftStaffing } from "../../src/domain/events/attendance.js";
import { DomainError } from "../../src/domain/errors.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { acceptSwap, findRondaSetup, requestSwap, saveRondaSetup, setUnavailableWeekday, setVolunteering, type RondaSetupInput } from "../../src/domain/ronda/watch.js";
import { addKetua, addKoordinator, addMember, addPending, addPetugas, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser, snapshotState } from "../helpers/fixtures.js";
import { callbackAnswerTo, photoUpdate, pressData, pressOn, type ShownMessage, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Minggu 22 November 2026, 10.00 WIB
const { database, harness } = withTestBot();

const NOT_KETUA = "Maaf, perintah ini hanya untuk ketua RT.";
const NOT_RESIDENT = "Maaf, perintah ini hanya untuk warga yang sudah terdaftar di RT. Kirim /start untuk mendaftar.";
const NOT_ALLOWED = "Maaf, Anda tidak berwenang melakukan ini.";
const ASK_NIGHTS = "Malam apa saja ada ronda? Ketuk untuk memilih, lalu tekan Selesai.";
const ASK_HOURS = 'Jam berapa sampai jam berapa? Misalnya "22.00-04.00".';
const ASK_POST = "Di pos mana?";
const ASK_PER_SHIFT = "Berapa orang setiap malam? Tulis angkanya, misalnya 3.";
const VOLUNTEER_ON = "Anda ikut ronda. Ketuk malam yang tidak bisa (🚫) agar tidak dijadwalkan di malam itu.";
const VOLUNTEER_OFF = "Anda belum ikut ronda. Tekan tombol di bawah untuk ikut.";
const SWAP_GONE = "Permintaan tukar giliran ini sudah tidak berlaku: malam ronda itu sudah beres (sudah ada yang bertugas, atau malamnya sudah lewat). Terima kasih!";
const GROUP_ID = -1009876543210;

type Resident = TestUser & { personId: number; membershipId: number };

async function resident(user: TestUser, rtId: number, household: string): Promise<Resident> {
  return { ...user, ...(await addMember(database.db, user, rtId, household)) };
}

/** RT 05 with Pak Harun as ketua and six residents: Adi, Bayu, Candra, Dedi, Eko, Fajar. */
async function rt05() {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Harun");
  const ketuaMember = await addKetua(database.db, ketua, place.id);
  const names = ["Adi", "Bayu", "Candra", "Dedi", "Eko", "Fajar"];
  const people: Resident[] = [];
  for (const [index, name] of names.entries()) people.push(await resident(newUser(name), place.id, `No. ${index + 1}`));
  return { place, ketua: { ...ketua, ...ketuaMember } as Resident, people };
}

async function actorOf(user: TestUser) {
  return loadActor(database.db, user.id, []);
}

const WATCH: RondaSetupInput = { nights: [5, 6], start: { hour: 22, minute: 0 }, end: { hour: 4, minute: 0 }, post: "Pos kamling", perShift: 2 };

/** The watch set (Jumat and Sabtu, 22.00–04.00, 2 a night), everyone volunteering; Fajar cannot do Saturdays. */
async function readyToRota() {
  const base = await rt05();
  await saveRondaSetup(database.db, await actorOf(base.ketua), WATCH, harness.now);
  for (const user of base.people) await setVolunteering(database.db, await actorOf(user), true, harness.now);
  await setUnavailableWeekday(database.db, await actorOf(base.people[5]!), 6, true);
  return base;
}

async function generate(ketua: TestUser, weeks = "4 minggu") {
  await harness.send(ketua, "/buatjadwalronda");
  expect(harness.lastText(ketua)).toBe("Buat giliran ronda untuk berapa minggu?");
  return harness.press(ketua, weeks);
}

/** The rota as stored: per night (WIB date), the names on it, ordered. */
async function storedRota(rtId: number) {
  const rows = await database.db
    .select({ occurrenceId: eventOccurrence.id, startsAt: eventOccurrence.startsAt, endsAt: eventOccurrence.endsAt, cancelledAt: eventOccurrence.cancelledAt, name: person.displayName, personId: person.id, source: shiftAssignment.source })
    .from(eventOccurrence)
    .leftJoin(shiftAssignment, eq(shiftAssignment.occurrenceId, eventOccurrence.id))
    .leftJoin(person, eq(person.id, shiftAssignment.personId))
    .where(and(eq(eventOccurrence.rtId, rtId), eq(eventOccurrence.kind, "ronda")))
    .orderBy(asc(eventOccurrence.startsAt), asc(person.displayName));
  const nights = new Map<number, { occurrenceId: number; startsAt: Date; endsAt: Date; cancelled: boolean; names: string[]; personIds: number[]; sources: string[] }>();
  for (const row of rows) {
    const night = nights.get(row.occurrenceId) ?? { occurrenceId: row.occurrenceId, startsAt: row.startsAt, endsAt: row.endsAt, cancelled: row.cancelledAt !== null, names: [], personIds: [], sources: [] };
    if (row.personId !== null) {
      night.names.push(row.name ?? "-");
      night.personIds.push(row.personId);
      night.sources.push(row.source!);
    }
    nights.set(row.occurrenceId, night);
  }
  return [...nights.values()];
}

function shownWith(user: TestUser, text: string): ShownMessage {
  const found = shownMessages(harness.telegram, user.id).filter((message) => message.text.includes(text)).at(-1);
  if (!found) throw new Error(`no message with "${text}" in chat ${user.id}: ${harness.telegram.textsTo(user.id).join(" | ")}`);
  return found;
}

function sentTextsTo(chatId: number): string[] {
  return harness.telegram.callsOf("sendMessage").filter((call) => call.payload.chat_id === chatId).map((call) => String(call.payload.text));
}

/**
 * The second tap of a double tap: the button as it was when tapped, on the message as Telegram
 * shows it by the time the tap arrives (the first tap's edit already made).
 */
async function tapAgain(user: TestUser, stale: ShownMessage, label: string): Promise<void> {
  const button = (stale.keyboard?.inline_keyboard ?? []).flat().find((b) => b.text.includes(label));
  if (!button || !("callback_data" in button)) throw new Error(`no button "${label}"`);
  const current = shownMessages(harness.telegram, user.id).find((m) => m.messageId === stale.messageId)!;
  const update = harness.callbackUpdate(user, button.callback_data!, stale.messageId);
  const message = update.callback_query!.message as unknown as Record<string, unknown>;
  message.text = current.text;
  if (current.keyboard) message.reply_markup = current.keyboard;
  await harness.deliver(update);
}

const labels = (message: ShownMessage) => (message.keyboard?.inline_keyboard ?? []).flat().map((b) => b.text);

const FRIDAYS = ["2026-11-27", "2026-12-04", "2026-12-11", "2026-12-18"];
const SATURDAYS = ["2026-11-28", "2026-12-05", "2026-12-12", "2026-12-19"];
const DATE_NAMES: Record<string, string> = {
  "2026-11-27": "Jumat, 27 November 2026",
  "2026-11-28": "Sabtu, 28 November 2026",
  "2026-12-04": "Jumat, 4 Desember 2026",
  "2026-12-05": "Sabtu, 5 Desember 2026",
  "2026-12-11": "Jumat, 11 Desember 2026",
  "2026-12-12": "Sabtu, 12 Desember 2026",
  "2026-12-18": "Jumat, 18 Desember 2026",
  "2026-12-19": "Sabtu, 19 Desember 2026",
};
/** 22.00 WIB on a date, as an instant. */
const at22 = (date: string) => new Date(`${date}T15:00:00.000Z`);
const wibDate = (instant: Date) => new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

describe("/ronda setup", () => {
  async function toHours(ketua: TestUser) {
    await harness.send(ketua, "/ronda");
    await harness.press(ketua, "⬜ Jumat");
    await harness.press(ketua, "Selesai");
    expect(harness.lastText(ketua)).toBe(ASK_HOURS);
  }

  it("chooses nights with toggles, hours past midnight, the post and people per shift, and saves them", async () => {
    const { ketua, place } = await rt05();
    await harness.send(ketua, "/ronda");
    expect(harness.lastText(ketua)).toBe(ASK_NIGHTS);
    expect(harness.buttons(ketua)).toEqual(["⬜ Senin", "⬜ Selasa", "⬜ Rabu", "⬜ Kamis", "⬜ Jumat", "⬜ Sabtu", "⬜ Minggu", "Selesai"]);
    await harness.press(ketua, "Selesai");
    expect(harness.lastText(ketua)).toBe("Pilih paling sedikit satu malam.");

    const nights = () => shownWith(ketua, ASK_NIGHTS);
    await pressOn(harness, ketua, nights(), "⬜ Senin");
    expect(labels(nights())).toContain("✅ Senin");
    await pressOn(harness, ketua, nights(), "✅ Senin");
    expect(labels(nights())).toContain("⬜ Senin");
    await pressOn(harness, ketua, nights(), "⬜ Jumat");
    // A double tap on "⬜ Sabtu": both taps come from the keyboard as it was, and mean "choose Sabtu".
    const before = nights();
    await pressOn(harness, ketua, before, "⬜ Sabtu");
    const edits = harness.telegram.callsOf("editMessageReplyMarkup").length;
    await tapAgain(ketua, before, "⬜ Sabtu");
    expect(labels(nights())).toEqual(["⬜ Senin", "⬜ Selasa", "⬜ Rabu", "⬜ Kamis", "✅ Jumat", "✅ Sabtu", "⬜ Minggu", "Selesai"]);
    expect(harness.telegram.callsOf("editMessageReplyMarkup")).toHaveLength(edits); // nothing to redraw
    await harness.send(ketua, "Jumat dan Sabtu");
    expect(harness.lastText(ketua)).toBe("Silakan pilih dengan tombol di atas, atau kirim /batal untuk berhenti.");
    await pressOn(harness, ketua, nights(), "Selesai");
    expect(harness.lastText(ketua)).toBe(ASK_HOURS);

    const timeRange = 'Tulis jam mulai dan jam selesai, misalnya "22.00-04.00" atau "jam 10 malam sampai 4 pagi".';
    const hostileHours: [string, string][] = [
      ["25.00-04.00", 'Jam itu tidak ada. Tulis antara 00.00 dan 23.59, misalnya "07.00".'],
      ["22.00-22.00", 'Jam mulai dan selesai tidak boleh sama. Contoh: "22.00-04.00".'],
      ["22.00-04.60", 'Jam itu tidak ada. Tulis antara 00.00 dan 23.59, misalnya "07.00".'],
      ["jam 10 - 4", 'Jam berapa tepatnya, pagi atau malam? Tulis misalnya "jam 7 pagi" atau "19.00".'],
      ["😀", timeRange],
      ["", timeRange],
      ["   ", timeRange],
      ["22.00", timeRange],
      ["Jumat 22.00-04.00", timeRange],
      ["'; DROP TABLE ronda_setup;--", timeRange],
    ];
    for (const [text, reply] of hostileHours) {
      await harness.send(ketua, text);
      expect(harness.lastText(ketua), text).toBe(reply);
    }
    await harness.deliver(photoUpdate(harness, ketua));
    expect(harness.lastText(ketua)).toBe("Mohon jawab dengan teks, atau kirim /batal untuk berhenti.");
    await harness.send(ketua, "22.00-04.00");
    expect(harness.lastText(ketua)).toBe(ASK_POST);
    expect(harness.buttons(ketua)).toEqual(["Pos kamling"]);
    await harness.press(ketua, "Pos kamling");
    expect(harness.lastText(ketua)).toBe(ASK_PER_SHIFT);

    const hostileCounts: [string, string][] = [
      ["0", "Angka harus antara 1 dan 20."],
      ["21", "Angka harus antara 1 dan 20."],
      ["2,5", "Harus bilangan bulat, tanpa koma, dari 1 sampai 20."],
      ["-1", "Angka harus antara 1 dan 20."],
      ["", "Isian masih kosong. Silakan tulis lagi."],
      ["dua", "Itu bukan angka. Tulis angkanya saja, dari 1 sampai 20."],
      ["😀", "Itu bukan angka. Tulis angkanya saja, dari 1 sampai 20."],
      ["9".repeat(10_000), "Itu bukan angka. Tulis angkanya saja, dari 1 sampai 20."],
    ];
    for (const [text, reply] of hostileCounts) {
      await harness.send(ketua, text);
      expect(harness.lastText(ketua), text).toBe(reply);
    }
    expect(await database.db.select().from(rondaSetup)).toEqual([]);
    await harness.send(ketua, "2");
    expect(harness.lastText(ketua)).toBe(
      ["Ronda tersimpan:", "• Malam: Jumat, Sabtu", "• Jam: 22.00–04.00 WIB", "• Pos: Pos kamling", "• 2 orang per malam", "Minta warga mengirim /siapronda, lalu buat giliran dengan /buatjadwalronda."].join("\n"),
    );

    const saved = await findRondaSetup(database.db, place.id);
    expect(saved).toMatchObject({ rtId: place.id, nights: [5, 6], startTime: "22:00", endTime: "04:00", post: "Pos kamling", perShift: 2 });
    const [watchEvent] = await database.db.select().from(event).where(eq(event.id, saved!.eventId!));
    expect(watchEvent).toMatchObject({ rtId: place.id, kind: "ronda", place: "Pos kamling", durationMinutes: 360 });
  });

  it("shows the saved setup when run again, and edits it in place", async () => {
    const { ketua, place } = await rt05();
    await saveRondaSetup(database.db, await actorOf(ketua), WATCH, harness.now);
    const first = await findRondaSetup(database.db, place.id);
    await harness.send(ketua, "/ronda");
    expect(harness.buttons(ketua)).toEqual(["⬜ Senin", "⬜ Selasa", "⬜ Rabu", "⬜ Kamis", "✅ Jumat", "✅ Sabtu", "⬜ Minggu", "Selesai"]);
    await harness.press(ketua, "⬜ Minggu");
    await harness.press(ketua, "✅ Jumat");
    await harness.press(ketua, "Selesai");
    await harness.send(ketua, "jam 9 malam sampai 3 pagi");
    await harness.send(ketua, "Pos kamling Blok C");
    await harness.send(ketua, "3");
    expect(harness.lastText(ketua)).toBe(
      ["Ronda tersimpan:", "• Malam: Minggu, Sabtu", "• Jam: 21.00–03.00 WIB", "• Pos: Pos kamling Blok C", "• 3 orang per malam", "Minta warga mengirim /siapronda, lalu buat giliran dengan /buatjadwalronda."].join("\n"),
    );
    const rows = await database.db.select().from(rondaSetup);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ nights: [0, 6], startTime: "21:00", endTime: "03:00", post: "Pos kamling Blok C", perShift: 3, eventId: first!.eventId });
    const events = await database.db.select().from(event);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ place: "Pos kamling Blok C", durationMinutes: 360 });
  });

  it("stores nothing when cancelled at any step", async () => {
    const { ketua } = await rt05();
    await toHours(ketua);
    await harness.send(ketua, "/batal");
    await harness.send(ketua, "/ronda");
    await harness.press(ketua, "⬜ Jumat");
    await harness.press(ketua, "Selesai");
    await harness.send(ketua, "22.00-04.00");
    await harness.press(ketua, "Pos kamling");
    await harness.send(ketua, "/batal");
    expect(harness.lastText(ketua)).toBe("Baik, dibatalkan. Ketik /bantuan untuk melihat perintah.");
    await harness.send(ketua, "2");
    expect(harness.lastText(ketua)).toBe("Maaf, saya belum mengerti. Ketik /bantuan untuk melihat perintah.");
    expect(await database.db.select().from(rondaSetup)).toEqual([]);
    expect(await database.db.select().from(event)).toEqual([]);
  });
});

describe("/siapronda", () => {
  it("joins, marks nights that cannot be done (a double tap counts once), and leaves", async () => {
    const { people, place } = await rt05();
    const adi = people[0]!;
    const row = async () => (await database.db.select().from(rondaVolunteer).where(eq(rondaVolunteer.personId, adi.personId)))[0];
    await harness.send(adi, "/siapronda");
    expect(harness.lastText(adi)).toBe(VOLUNTEER_OFF);
    expect(harness.buttons(adi)).toEqual(["🙋 Ikut ronda"]);
    await harness.press(adi, "Ikut ronda");
    expect(harness.lastText(adi)).toBe(VOLUNTEER_ON);
    expect(harness.buttons(adi)).toEqual(["Berhenti ikut ronda", "✅ Senin", "✅ Selasa", "✅ Rabu", "✅ Kamis", "✅ Jumat", "✅ Sabtu", "✅ Minggu"]);
    expect(await row()).toMatchObject({ rtId: place.id, leftAt: null, unavailableWeekdays: [], joinedAt: harness.now });

    const message = shownWith(adi, VOLUNTEER_ON);
    await pressOn(harness, adi, message, "✅ Sabtu");
    const edits = harness.telegram.callsOf("editMessageText").length;
    await tapAgain(adi, message, "✅ Sabtu");
    expect((await row())?.unavailableWeekdays).toEqual([6]);
    expect(labels(shownWith(adi, VOLUNTEER_ON))).toContain("🚫 Sabtu");
    expect(harness.telegram.callsOf("editMessageText")).toHaveLength(edits); // nothing changed, nothing redrawn
    await pressOn(harness, adi, shownWith(adi, VOLUNTEER_ON), "✅ Minggu");
    expect((await row())?.unavailableWeekdays).toEqual([0, 6]);
    await pressOn(harness, adi, shownWith(adi, VOLUNTEER_ON), "🚫 Sabtu");
    expect((await row())?.unavailableWeekdays).toEqual([0]);
    expect(labels(shownWith(adi, VOLUNTEER_ON))).toEqual(["Berhenti ikut ronda", "✅ Senin", "✅ Selasa", "✅ Rabu", "✅ Kamis", "✅ Jumat", "✅ Sabtu", "🚫 Minggu"]);

    harness.now = new Date("2026-11-23T03:00:00Z");
    await pressOn(harness, adi, shownWith(adi, VOLUNTEER_ON), "Berhenti ikut ronda");
    expect(harness.lastText(adi)).toBe(VOLUNTEER_OFF);
    expect((await row())?.leftAt).toEqual(harness.now);
    await harness.send(adi, "/siapronda");
    await harness.press(adi, "Ikut ronda");
    expect((await row())?.leftAt).toBeNull();
    expect(await database.db.select().from(rondaVolunteer)).toHaveLength(1);
  });
});

describe("/buatjadwalronda", () => {
  it("makes a fair rota of 8 nights over 4 weeks, respects unavailable nights, and shows it as a table", async () => {
    const { ketua, people, place } = await readyToRota();
    await generate(ketua);
    const nights = await storedRota(place.id);
    expect(nights.map((night) => night.startsAt.toISOString())).toEqual([...FRIDAYS, ...SATURDAYS].sort().map((date) => at22(date).toISOString()));
    for (const night of nights) {
      expect(night.endsAt.getTime() - night.startsAt.getTime()).toBe(6 * 3_600_000); // 04.00 the next day
      expect(night.names).toHaveLength(2);
      expect(new Set(night.personIds).size).toBe(2);
      expect(night.sources).toEqual(["rota", "rota"]);
    }
    const counts = people.map((user) => nights.filter((night) => night.personIds.includes(user.personId)).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(16);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    const fajar = people[5]!;
    for (const night of nights) if (SATURDAYS.includes(wibDate(night.startsAt))) expect(night.personIds).not.toContain(fajar.personId);
    // Nobody watches Friday and the Saturday right after: avoidable with six people.
    for (const friday of FRIDAYS) {
      const fri = nights.find((night) => wibDate(night.startsAt) === friday)!;
      const sat = nights.find((night) => night.startsAt.getTime() === fri.startsAt.getTime() + 86_400_000)!;
      expect(fri.personIds.filter((id) => sat.personIds.includes(id))).toEqual([]);
    }

    expect(shownMessages(harness.telegram, ketua.id).some((m) => m.text === "Giliran ronda dibuat: 8 malam.")).toBe(true);
    const table = harness.lastText(ketua);
    expect(table).toBe(
      [
        "Giliran ronda RT 05 Kelurahan Simpang IV Sipin (4 minggu):",
        ...nights.map((night) => `• ${DATE_NAMES[wibDate(night.startsAt)]} pukul 22.00–04.00 WIB: ${night.names.join(", ")}`),
      ].join("\n"),
    );
    // Not linked to a group: nothing went anywhere else.
    expect(harness.telegram.callsOf("sendMessage").every((call) => call.payload.chat_id === ketua.id)).toBe(true);

    // The residents see the same table.
    await harness.send(people[0]!, "/jadwalronda");
    expect(harness.lastText(people[0]!)).toBe(table.replace("Giliran ronda RT 05 Kelurahan Simpang IV Sipin (4 minggu):", "Giliran ronda RT 05 Kelurahan Simpang IV Sipin:"));
  });

  it("posts the table to the RT group when one is linked, once even if the update comes again", async () => {
    const { ketua, place } = await readyToRota();
    await database.db.update(rt).set({ groupChatId: GROUP_ID }).where(eq(rt.id, place.id));
    const tap = await generate(ketua);
    expect(harness.lastText(ketua)).toBe("Giliran ronda juga dikirim ke grup RT.");
    const table = sentTextsTo(ketua.id).find((text) => text.startsWith("Giliran ronda RT 05"));
    expect(sentTextsTo(GROUP_ID)).toEqual([table]);
    await harness.deliver(tap);
    expect(sentTextsTo(GROUP_ID)).toHaveLength(1);
  });

  it("posts the table to the group once when the weeks button is tapped twice", async () => {
    const { ketua, place } = await readyToRota();
    await database.db.update(rt).set({ groupChatId: GROUP_ID }).where(eq(rt.id, place.id));
    await harness.send(ketua, "/buatjadwalronda");
    const stale = shownMessages(harness.telegram, ketua.id).find((m) => m.text === "Buat giliran ronda untuk berapa minggu?")!;
    await harness.press(ketua, "4 minggu");
    const rotaBefore = await storedRota(place.id);
    await tapAgain(ketua, stale, "4 minggu");
    expect(sentTextsTo(GROUP_ID)).toHaveLength(1);
    expect(sentTextsTo(ketua.id).filter((text) => text.startsWith("Giliran ronda RT 05"))).toHaveLength(1);
    expect((await storedRota(place.id)).map((night) => night.personIds)).toEqual(rotaBefore.map((night) => night.personIds));
  });

  it("replaces the rota when made again, but keeps agreed swaps and puts nobody back on a night they swapped away", async () => {
    const { ketua, people, place } = await readyToRota();
    await generate(ketua);
    const before = await storedRota(place.id);
    const night = before.find((n) => wibDate(n.startsAt) === "2026-12-05")!;
    const [leaver] = night.personIds;
    const leaverUser = people.find((p) => p.personId === leaver)!;
    const { swapId, candidates } = await requestSwap(database.db, await actorOf(leaverUser), night.occurrenceId, harness.now);
    const taker = people.find((p) => p.personId === candidates[0]!.personId)!;
    await acceptSwap(database.db, await actorOf(taker), swapId, harness.now);

    // A newcomer joins, so the new rota differs.
    const gilang = await resident(newUser("Gilang"), place.id, "No. 7");
    await setVolunteering(database.db, await actorOf(gilang), true, harness.now);
    await generate(ketua, "4 minggu");
    const after = await storedRota(place.id);
    expect(after.map((n) => n.occurrenceId)).toEqual(before.map((n) => n.occurrenceId)); // the same nights, not new ones
    const swapped = after.find((n) => n.occurrenceId === night.occurrenceId)!;
    expect(swapped.personIds).toContain(taker.personId);
    expect(swapped.sources).toContain(`swap:${swapId}`);
    expect(swapped.personIds).not.toContain(leaver);
    for (const n of after) expect(n.personIds, wibDate(n.startsAt)).toHaveLength(2);
    expect(after.some((n) => n.personIds.includes(gilang.personId))).toBe(true);
    expect(await database.db.select().from(shiftAssignment).where(eq(shiftAssignment.source, `swap:${swapId}`))).toHaveLength(1);
  });

  it("drops the nights the ketua no longer keeps when the rota is made again", async () => {
    const { ketua, place } = await readyToRota();
    await generate(ketua);
    await saveRondaSetup(database.db, await actorOf(ketua), { ...WATCH, nights: [6] }, harness.now);
    await generate(ketua);
    const live = (await storedRota(place.id)).filter((n) => !n.cancelled);
    expect(live.map((n) => wibDate(n.startsAt))).toEqual(SATURDAYS);
    await harness.send(ketua, "/jadwalronda");
    expect(harness.lastText(ketua).split("\n").filter((line) => line.startsWith("•"))).toHaveLength(4);

    // And Friday back again: its nights come back too.
    await saveRondaSetup(database.db, await actorOf(ketua), WATCH, harness.now);
    await generate(ketua);
    const again = (await storedRota(place.id)).filter((n) => !n.cancelled);
    expect(again.map((n) => wibDate(n.startsAt))).toEqual([...FRIDAYS, ...SATURDAYS].sort());
    for (const n of again) expect(n.personIds).toHaveLength(2);
  });

  it("says clearly when the watch is not set up or nobody volunteers, and stores nothing", async () => {
    const { ketua, place, people } = await rt05();
    const tap = await generate(ketua);
    expect(callbackAnswerTo(harness.telegram, tap)).toEqual(expect.objectContaining({ text: "Ronda belum diatur. Atur dulu dengan /ronda.", show_alert: true }));
    await saveRondaSetup(database.db, await actorOf(ketua), WATCH, harness.now);
    const none = await generate(ketua);
    expect(callbackAnswerTo(harness.telegram, none)).toEqual(expect.objectContaining({ text: "Belum ada warga yang ikut ronda. Minta warga mengirim /siapronda.", show_alert: true }));
    // Someone who joined and left does not count.
    await setVolunteering(database.db, await actorOf(people[0]!), true, harness.now);
    await setVolunteering(database.db, await actorOf(people[0]!), false, harness.now);
    const left = await generate(ketua);
    expect(callbackAnswerTo(harness.telegram, left)?.text).toBe("Belum ada warga yang ikut ronda. Minta warga mengirim /siapronda.");
    expect(await storedRota(place.id)).toEqual([]);
    expect(await database.db.select().from(shiftAssignment)).toEqual([]);
  });

  it("reports nights that cannot be fully staffed", async () => {
    const { ketua, people, place } = await rt05();
    await saveRondaSetup(database.db, await actorOf(ketua), { ...WATCH, perShift: 3 }, harness.now);
    await setVolunteering(database.db, await actorOf(people[0]!), true, harness.now);
    await setVolunteering(database.db, await actorOf(people[1]!), true, harness.now);
    await generate(ketua, "1 minggu");
    expect(harness.lastText(ketua)).toContain("\n\n⚠️ 2 malam kekurangan orang. Ajak lebih banyak warga ikut ronda (/siapronda).");
    for (const night of await storedRota(place.id)) expect(night.names).toEqual(["Adi", "Bayu"]);
  });
});

/** The rota made; the Saturday 28 November night, who is on it and who is free. */
async function withRota() {
  const base = await readyToRota();
  await generate(base.ketua);
  const nights = await storedRota(base.place.id);
  const saturday = nights.find((n) => wibDate(n.startsAt) === "2026-11-28")!;
  const [requester, partner] = saturday.personIds.map((id) => base.people.find((p) => p.personId === id)!);
  harness.telegram.clear();
  return { ...base, nights, saturday, requester: requester!, partner: partner! };
}

describe("/giliranku and swaps", () => {

  it("a failed reply after taking a shift still leaves the requester's and the ketua's notices queued, once", async () => {
    const { ketua, requester, people, partner } = await withRota();
    await harness.send(requester, "/giliranku");
    await harness.press(requester, "28 November");
    const taker = people.find((p) => p !== requester && p !== partner && harness.buttons(p).includes("🙋 Saya gantikan"))!;
    const [request] = await database.db.select().from(swapRequest);
    harness.telegram.failNext("editMessageText", { error_code: 500, description: "Internal Server Error" }, { chatId: taker.id });
    const take = harness.callbackUpdate(taker, swapTake.data({ swap: request!.id }), 1);
    await expect(harness.deliver(take)).rejects.toThrow();
    const told = await database.db.select().from(outbox).where(like(outbox.dedupeKey, `notice:swap-taken:${request!.id}:%`));
    expect(told.map((row) => row.chatId).sort()).toEqual([requester.id, ketua.id].sort());
    await harness.deliver(take); // Telegram sends the update again: refused (the shift is taken), nobody told twice
    expect(await database.db.select().from(outbox).where(like(outbox.dedupeKey, `notice:swap-taken:${request!.id}:%`))).toHaveLength(2);
    expect(sentTextsTo(ketua.id)).toHaveLength(1);
  });

  it("lists one's shifts with a swap button each; someone with none is told so", async () => {
    const { requester, nights, ketua } = await withRota();
    const mine = nights.filter((n) => n.personIds.includes(requester.personId));
    await harness.send(requester, "/giliranku");
    expect(harness.lastText(requester)).toBe(
      ["Giliran ronda Anda:", ...mine.map((n) => `• ${DATE_NAMES[wibDate(n.startsAt)]} pukul 22.00–04.00 WIB: ${n.names.join(", ")}`)].join("\n"),
    );
    expect(harness.buttons(requester)).toEqual(mine.map((n) => `🔁 Minta tukar: ${DATE_NAMES[wibDate(n.startsAt)]} pukul 22.00 WIB`));
    await harness.send(ketua, "/giliranku");
    expect(harness.lastText(ketua)).toBe("Anda belum punya giliran ronda.");
  });

  it("offers the shift only to volunteers free that night; the first to accept takes it, once", async () => {
    const { ketua, people, saturday, requester, partner, place } = await withRota();
    const fajar = people[5]!; // cannot do Saturdays
    const leaver = people.find((p) => ![requester, partner, fajar].includes(p))!;
    await setVolunteering(database.db, await actorOf(leaver), false, harness.now);
    const free = people.filter((p) => ![requester, partner, fajar, leaver].includes(p));
    expect(free).toHaveLength(2);
    const outsider = await resident(newUser("Bukan"), place.id, "No. 9"); // a resident who does not volunteer

    await harness.send(requester, "/giliranku");
    const ask = await harness.press(requester, "28 November");
    expect(harness.lastText(requester)).toBe("Permintaan tukar dikirim ke 2 warga yang bisa malam itu.");
    const offer = `${requester.first_name} minta tukar giliran ronda Sabtu, 28 November 2026 pukul 22.00 WIB. Bisa menggantikan?`;
    for (const user of free) {
      expect(sentTextsTo(user.id)).toEqual([offer]);
      expect(harness.buttons(user)).toEqual(["🙋 Saya gantikan"]);
    }
    for (const user of [partner, fajar, leaver, outsider, ketua]) expect(sentTextsTo(user.id)).toEqual([]);
    // Asked again (a double tap, or the update again): one request, nobody told twice.
    await harness.deliver(ask);
    await harness.send(requester, "/giliranku");
    await harness.press(requester, "28 November");
    expect(await database.db.select().from(swapRequest)).toHaveLength(1);
    for (const user of free) expect(sentTextsTo(user.id)).toEqual([offer]);

    // The requester cannot take their own shift.
    const [request] = await database.db.select().from(swapRequest);
    const own = await pressData(harness, requester, swapTake.data({ swap: request!.id }));
    expect(callbackAnswerTo(harness.telegram, own)?.text).toBe("Ini permintaan tukar giliran Anda sendiri.");
    // An offer sent before the buttons were renamed still reaches the same decision.
    const legacy = await pressData(harness, requester, `swap:take:${request!.id}`);
    expect(callbackAnswerTo(harness.telegram, legacy)?.text).toBe("Ini permintaan tukar giliran Anda sendiri.");

    const [first, second] = free as [Resident, Resident];
    const take = await harness.press(first, "Saya gantikan");
    expect(harness.lastText(first)).toBe("Terima kasih! Anda bertugas ronda Sabtu, 28 November 2026 pukul 22.00 WIB.");
    expect(sentTextsTo(requester.id).at(-1)).toBe(`${first.first_name} menggantikan giliran ronda Anda Sabtu, 28 November 2026 pukul 22.00 WIB.`);
    expect(sentTextsTo(ketua.id)).toEqual([`Tukar giliran ronda: ${first.first_name} menggantikan ${requester.first_name} pada Sabtu, 28 November 2026 pukul 22.00 WIB.`]);
    const night = (await storedRota(place.id)).find((n) => n.occurrenceId === saturday.occurrenceId)!;
    expect(new Set(night.personIds)).toEqual(new Set([partner.personId, first.personId]));
    expect(night.sources.sort()).toEqual(["rota", `swap:${request!.id}`]);
    const [accepted] = await database.db.select().from(swapRequest);
    expect(accepted).toMatchObject({ status: "accepted", toPersonId: first.personId, decidedAt: harness.now });

    const state = await snapshotState(database.db);
    const late = await harness.press(second, "Saya gantikan");
    expect(callbackAnswerTo(harness.telegram, late)).toEqual(expect.objectContaining({ text: SWAP_GONE, show_alert: true }));
    await harness.deliver(take); // the winner's tap again
    harness.restart();
    await harness.deliver(take);
    const again = await pressData(harness, first, swapTake.data({ swap: request!.id })); // the winner, a moment later
    expect(callbackAnswerTo(harness.telegram, again)?.text).toBe("Anda sudah bertugas di malam itu.");
    const after = await snapshotState(database.db);
    expect(after.shift_assignment).toEqual(state.shift_assignment);
    expect(after.swap_request).toEqual(state.swap_request);
    expect(after.outbox).toEqual(state.outbox);
    expect(sentTextsTo(ketua.id)).toHaveLength(1);
    expect(sentTextsTo(requester.id).filter((t) => t.includes("menggantikan"))).toHaveLength(1);
  });

  it("refuses a swap from a resident of another RT and a shift that is not one's own", async () => {
    const { saturday, requester, partner, people } = await withRota();
    const { swapId } = await requestSwap(database.db, await actorOf(requester), saturday.occurrenceId, harness.now);
    const other = await addRt(database.db, 6);
    const outsider = await resident(newUser("Luar"), other.id, "No. 1");
    const before = await snapshotState(database.db);
    const foreign = await pressData(harness, outsider, swapTake.data({ swap: swapId }));
    expect(callbackAnswerTo(harness.telegram, foreign)?.text).toBe(NOT_ALLOWED);
    const onIt = await pressData(harness, partner, swapTake.data({ swap: swapId }));
    expect(callbackAnswerTo(harness.telegram, onIt)?.text).toBe("Anda sudah bertugas di malam itu.");
    const notMine = people.find((p) => p !== requester && p !== partner && p !== people[5])!;
    const ask = await pressData(harness, notMine, swapAsk.data({ occurrence: saturday.occurrenceId }));
    expect(callbackAnswerTo(harness.telegram, ask)?.text).toBe("Giliran ronda itu tidak ditemukan atau sudah lewat.");
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("refuses an offer that no longer stands: the rota made again without the requester that night, or the night gone by", async () => {
    const { ketua, saturday, requester, place, people } = await withRota();
    await harness.send(requester, "/giliranku");
    await harness.press(requester, "28 November");
    const offered = people.filter((p) => sentTextsTo(p.id).length > 0);
    expect(offered.length).toBeGreaterThanOrEqual(2);
    // The requester cannot do Saturdays after all; the ketua makes the rota again.
    await setUnavailableWeekday(database.db, await actorOf(requester), 6, true);
    await generate(ketua);
    const remade = (await storedRota(place.id)).find((n) => n.occurrenceId === saturday.occurrenceId)!;
    expect(remade.personIds).not.toContain(requester.personId);
    const before = await snapshotState(database.db);
    const candidate = offered.find((p) => !remade.personIds.includes(p.personId))!;
    const late = await harness.press(candidate, "Saya gantikan");
    expect(callbackAnswerTo(harness.telegram, late)).toEqual(expect.objectContaining({ text: SWAP_GONE, show_alert: true }));
    expect(await snapshotState(database.db)).toEqual(before);

    // An offer for a night already over.
    const friday = (await storedRota(place.id)).find((n) => wibDate(n.startsAt) === "2026-12-04")!;
    const onFriday = people.find((p) => p.personId === friday.personIds[0])!;
    const { swapId, candidates } = await requestSwap(database.db, await actorOf(onFriday), friday.occurrenceId, harness.now);
    harness.now = new Date("2026-12-04T15:30:00Z");
    const gone = await pressData(harness, people.find((p) => p.personId === candidates[0]!.personId)!, swapTake.data({ swap: swapId }));
    expect(callbackAnswerTo(harness.telegram, gone)?.text).toBe(SWAP_GONE);
  });

  it("refuses a forged take from a resident who does not volunteer or has stopped", async () => {
    const { saturday, requester, people, place } = await withRota();
    const { swapId } = await requestSwap(database.db, await actorOf(requester), saturday.occurrenceId, harness.now);
    const bystander = await resident(newUser("Bukan"), place.id, "No. 9");
    const stopped = people.find((p) => !saturday.personIds.includes(p.personId) && p !== people[5])!;
    await setVolunteering(database.db, await actorOf(stopped), false, harness.now);
    const before = await snapshotState(database.db);
    for (const user of [bystander, stopped]) {
      const forged = await pressData(harness, user, swapTake.data({ swap: swapId }));
      expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe(NOT_ALLOWED);
    }
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("lets exactly one of two candidates accepting at once on two connections take the shift", async () => {
    const { nights, people, place } = await withRota();
    const second = await openDatabase({ kind: "postgres", url: database.url! });
    try {
      for (const night of nights) {
        const requester = people.find((p) => p.personId === night.personIds[0])!;
        const { swapId, candidates } = await requestSwap(database.db, await actorOf(requester), night.occurrenceId, harness.now);
        expect(candidates.length).toBeGreaterThanOrEqual(2);
        const [a, b] = candidates.map((c) => people.find((p) => p.personId === c.personId)!);
        const results = await Promise.allSettled([
          acceptSwap(database.db, await loadActor(database.db, a!.id, []), swapId, harness.now),
          acceptSwap(second.db, await loadActor(second.db, b!.id, []), swapId, harness.now),
        ]);
        const won = results.filter((r) => r.status === "fulfilled");
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]!.reason).toBeInstanceOf(DomainError);
        expect((lost[0]!.reason as DomainError).code).toBe("swap-not-open");
        const after = (await storedRota(place.id)).find((n) => n.occurrenceId === night.occurrenceId)!;
        expect(after.personIds).toHaveLength(2);
        expect(after.personIds).not.toContain(requester.personId);
        expect(after.personIds.filter((id) => id === a!.personId || id === b!.personId)).toHaveLength(1);
      }
    } finally {
      await second.close();
    }
  });
});

describe("ronda staffing", () => {
  it("counts a shift as staffed only when everyone on it checked in", async () => {
    const { ketua, people, place } = await readyToRota();
    await generate(ketua);
    const friday = (await storedRota(place.id)).find((n) => wibDate(n.startsAt) === "2026-11-27")!;
    const [onA, onB] = friday.personIds.map((id) => people.find((p) => p.personId === id)!);
    const offDuty = people.find((p) => !friday.personIds.includes(p.personId))!;
    expect(await shiftStaffing(database.db, friday.occurrenceId)).toEqual({ assigned: 2, present: 0, staffed: false });

    harness.now = new Date("2026-11-27T15:10:00Z"); // 22.10 on the night
    await harness.send(ketua, "/kodehadir");
    await harness.press(ketua, "Ronda · Jumat, 27 November 2026 pukul 22.00 WIB");
    const code = /: ([A-Z0-9]{6})\n/.exec(harness.lastText(ketua))![1]!;
    expect(harness.lastText(ketua)).toContain("Berlaku sampai pukul 04.30 WIB.");
    await harness.send(offDuty, code); // someone not on the rota came along: welcome, but not the shift
    expect(await shiftStaffing(database.db, friday.occurrenceId)).toEqual({ assigned: 2, present: 0, staffed: false });
    await harness.send(onA!, code);
    expect(harness.lastText(onA!).split("\n")[0]).toBe("Terima kasih! Kehadiran Anda di Ronda sudah tercatat.");
    expect(await shiftStaffing(database.db, friday.occurrenceId)).toEqual({ assigned: 2, present: 1, staffed: false });
    harness.now = new Date("2026-11-27T21:20:00Z"); // 04.20 the next morning, still open
    await harness.send(onB!, code);
    expect(await shiftStaffing(database.db, friday.occurrenceId)).toEqual({ assigned: 2, present: 2, staffed: true });
    const [row] = await database.db.select().from(participation).where(eq(participation.personId, onB!.personId));
    expect(row).toMatchObject({ kind: "ronda", source: "checkin-code", occurrenceId: friday.occurrenceId, rtId: place.id });

    // The ketua takes one tick back: no longer staffed.
    harness.now = new Date("2026-11-28T03:00:00Z");
    await harness.send(ketua, "/absen");
    await harness.press(ketua, "Ronda · Jumat, 27 November 2026");
    await harness.press(ketua, `✅ ${onB!.first_name}`);
    expect(await shiftStaffing(database.db, friday.occurrenceId)).toEqual({ assigned: 2, present: 1, staffed: false });
    const empty = (await storedRota(place.id)).find((n) => wibDate(n.startsAt) === "2026-12-04")!;
    await database.db.delete(shiftAssignment).where(inArray(shiftAssignment.occurrenceId, [empty.occurrenceId]));
    expect(await shiftStaffing(database.db, empty.occurrenceId)).toEqual({ assigned: 0, present: 0, staffed: false });
  });
});

describe("ronda role checks", () => {
  it("keeps /ronda and /buatjadwalronda (and its old name) to the ketua, /siapronda and /giliranku (and its old name) to active residents, and refuses forged buttons", async () => {
    const { place, people } = await rt05();
    const petugas = newUser("Petugas");
    await addPetugas(database.db, petugas, place.id);
    const waiting = newUser("Tunggu");
    await addPending(database.db, waiting, place.id);
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const before = await snapshotState(database.db);
    for (const user of [people[0]!, petugas, waiting, koordinator]) {
      for (const command of ["/ronda", "/buatjadwalronda", "/buatrota"]) {
        await harness.send(user, command);
        expect(harness.lastText(user), `${user.first_name} ${command}`).toBe(NOT_KETUA);
      }
      const forged = await pressData(harness, user, rotaWeeks.data({ weeks: 4 }));
      expect(callbackAnswerTo(harness.telegram, forged)).toEqual(expect.objectContaining({ text: NOT_KETUA, show_alert: true }));
    }
    for (const user of [waiting, koordinator]) {
      for (const command of ["/siapronda", "/giliranku", "/rotaku", "/jadwalronda"]) {
        await harness.send(user, command);
        // Someone waiting for approval is told their request waits, not to send /start.
        expect(harness.lastText(user), `${user.first_name} ${command}`).toContain(user === waiting ? "masih menunggu persetujuan sejak" : NOT_RESIDENT);
      }
      for (const data of [rondaVolunteerButton.data({ on: true }), rondaUnavailable.data({ weekday: 6, unavailable: true }), swapTake.data({ swap: 1 }), swapAsk.data({ occurrence: 1 })]) {
        const forged = await pressData(harness, user, data);
        expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe(NOT_RESIDENT);
      }
    }
    expect(await snapshotState(database.db)).toEqual(before);
  });
});


describe("a ronda that keeps working when someone leaves", () => {
  const when = (night: { startsAt: Date }) => `${DATE_NAMES[wibDate(night.startsAt)]} pukul 22.00 WIB`;

  /** Who can be offered a night: volunteers not on it, free that weekday (Fajar never on Saturdays), not `gone`. */
  function freeOn(night: { personIds: number[]; startsAt: Date }, people: Resident[], gone: Resident): Resident[] {
    const saturday = SATURDAYS.includes(wibDate(night.startsAt));
    return people.filter((p) => p !== gone && !night.personIds.includes(p.personId) && !(saturday && p === people[5]));
  }

  it("/keluar frees the leaver's coming nights, warns the ketua once with the nights, and offers each night to those free", async () => {
    const { ketua, people, place, requester, nights } = await withRota();
    const mine = nights.filter((n) => n.personIds.includes(requester.personId));
    expect(mine.length).toBeGreaterThan(0);
    await harness.send(requester, "/keluar");
    const confirm = await harness.press(requester, "Ya, keluar");

    const after = await storedRota(place.id);
    for (const night of after) expect(night.personIds).not.toContain(requester.personId);
    for (const night of mine) expect(after.find((n) => n.occurrenceId === night.occurrenceId)!.names).toHaveLength(1);
    const warnings = sentTextsTo(ketua.id).filter((t) => t.startsWith("⚠️"));
    expect(warnings).toEqual([
      [
        `⚠️ ${requester.first_name} tidak lagi menjadi warga RT, jadi giliran rondanya dilepas. Malam yang kosong:`,
        ...mine.map((n) => `• ${when(n)} (ditawarkan ke ${freeOn(n, people, requester).length} warga)`),
        "Permintaan pengganti sudah dikirim ke warga yang bisa malam itu.",
      ].join("\n"),
    ]);
    const [warning] = await database.db.select().from(outbox).where(like(outbox.dedupeKey, "notice:ronda-gaps:%"));
    expect(warning!.subjectPersonIds).toEqual([requester.personId]);
    for (const night of mine) {
      for (const user of freeOn(night, people, requester)) expect(sentTextsTo(user.id)).toContain(`Malam ronda ${when(night)} kosong karena ada warga yang tidak lagi ikut. Bisa menggantikan?`);
    }
    expect(await database.db.select().from(swapRequest)).toHaveLength(mine.length);
    // The same update again: nothing freed twice, nobody told twice.
    const state = await snapshotState(database.db);
    await harness.deliver(confirm);
    expect((await snapshotState(database.db)).outbox).toEqual(state.outbox);

    // Residents read the schedule without the leaver.
    await harness.send(people.find((p) => p !== requester)!, "/jadwalronda");
    expect(harness.lastText(people.find((p) => p !== requester)!)).not.toContain(requester.first_name);

    // Someone free fills the Saturday; the ketua hears it; nobody else can take it too.
    const saturday = mine.find((n) => wibDate(n.startsAt) === "2026-11-28")!;
    const [first, second] = freeOn(saturday, people, requester) as [Resident, Resident];
    const [request] = await database.db.select().from(swapRequest).where(eq(swapRequest.occurrenceId, saturday.occurrenceId));
    await pressData(harness, first, swapTake.data({ swap: request!.id }));
    expect(harness.lastText(first)).toBe(`Terima kasih! Anda bertugas ronda ${when(saturday)}.`);
    expect(sentTextsTo(ketua.id).at(-1)).toBe(`Malam ronda ${when(saturday)} yang kosong sudah diisi oleh ${first.first_name}.`);
    expect(sentTextsTo(requester.id).filter((t) => t.includes("menggantikan"))).toEqual([]);
    const filled = (await storedRota(place.id)).find((n) => n.occurrenceId === saturday.occurrenceId)!;
    expect(filled.names).toHaveLength(2);
    expect(filled.sources).toContain(`swap:${request!.id}`);
    const late = await pressData(harness, second, swapTake.data({ swap: request!.id }));
    expect(callbackAnswerTo(harness.telegram, late)?.text).toBe(SWAP_GONE);
  });

  it("does not offer a night twice when the leaver had asked \"Tukar\" for it before leaving", async () => {
    const { people, requester, saturday, nights } = await withRota();
    const mine = nights.filter((n) => n.personIds.includes(requester.personId));
    await harness.send(requester, "/giliranku");
    await harness.press(requester, "28 November");
    const free = freeOn(saturday, people, requester);
    const swapOffer = `${requester.first_name} minta tukar giliran ronda ${when(saturday)}. Bisa menggantikan?`;
    for (const user of free) expect(sentTextsTo(user.id)).toEqual([swapOffer]);
    await harness.send(requester, "/keluar");
    await harness.press(requester, "Ya, keluar");
    for (const user of free) {
      const aboutSaturday = sentTextsTo(user.id).filter((t) => t.includes(when(saturday)));
      expect(aboutSaturday).toEqual([swapOffer]);
    }
    // The other nights are offered as before.
    for (const night of mine.filter((n) => n !== saturday && n.occurrenceId !== saturday.occurrenceId)) {
      for (const user of freeOn(night, people, requester)) expect(sentTextsTo(user.id)).toContain(`Malam ronda ${when(night)} kosong karena ada warga yang tidak lagi ikut. Bisa menggantikan?`);
    }
  });

  it("a removal by the ketua frees the nights and warns the ketua too", async () => {
    const { ketua, place, requester, nights } = await withRota();
    const mine = nights.filter((n) => n.personIds.includes(requester.personId));
    await harness.send(ketua, "/keluarkan");
    await harness.press(ketua, requester.first_name);
    await harness.press(ketua, "Ya, lanjutkan");
    for (const night of await storedRota(place.id)) expect(night.personIds).not.toContain(requester.personId);
    const warning = sentTextsTo(ketua.id).find((t) => t.startsWith("⚠️"))!;
    expect(warning).toContain(`⚠️ ${requester.first_name} tidak lagi menjadi warga RT`);
    expect(warning.split("\n").filter((line) => line.startsWith("•"))).toHaveLength(mine.length);
  });

  it("/hapusdata frees the nights and warns the ketua without naming the person", async () => {
    const { ketua, people, place, requester, nights } = await withRota();
    const mine = nights.filter((n) => n.personIds.includes(requester.personId));
    await harness.send(requester, "/hapusdata");
    await harness.press(requester, "Ya, hapus data saya");
    const after = await storedRota(place.id);
    for (const night of after) expect(night.personIds).not.toContain(requester.personId);
    const warnings = sentTextsTo(ketua.id).filter((t) => t.startsWith("⚠️"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("⚠️ Seorang warga menghapus datanya dari bot");
    expect(warnings[0]!.split("\n").filter((line) => line.startsWith("•"))).toHaveLength(mine.length);
    for (const user of [ketua, ...people]) for (const text of sentTextsTo(user.id)) expect(text).not.toContain(requester.first_name);
    const queued = await database.db.select().from(outbox).where(like(outbox.dedupeKey, "notice:ronda-gap%"));
    expect(queued.length).toBeGreaterThan(1);
    for (const row of queued) expect(row.subjectPersonIds).toEqual([]);
  });
});

describe('"Tidak bisa" on one\'s own ronda night', () => {
  it("asks the others free that night and tells the ketua, once for a double tap; \"Akan hadir\" withdraws it", async () => {
    const { ketua, people, requester, partner, saturday } = await withRota();
    const fajar = people[5]!;
    const free = people.filter((p) => ![requester, partner, fajar].includes(p));
    const tap = await pressData(harness, requester, rsvpButton.data({ occurrence: saturday.occurrenceId, answer: "tidak" }));
    const offer = `${requester.first_name} minta tukar giliran ronda Sabtu, 28 November 2026 pukul 22.00 WIB. Bisa menggantikan?`;
    for (const user of free) expect(sentTextsTo(user.id)).toEqual([offer]);
    for (const user of [partner, fajar]) expect(sentTextsTo(user.id)).toEqual([]);
    expect(sentTextsTo(ketua.id)).toEqual([`${requester.first_name} tidak bisa ronda Sabtu, 28 November 2026 pukul 22.00 WIB. Permintaan tukar dikirim ke ${free.length} warga yang bisa malam itu.`]);
    await harness.deliver(tap);
    await pressData(harness, requester, rsvpButton.data({ occurrence: saturday.occurrenceId, answer: "tidak" }));
    expect(await database.db.select().from(swapRequest)).toHaveLength(1);
    for (const user of free) expect(sentTextsTo(user.id)).toEqual([offer]);
    expect(sentTextsTo(ketua.id)).toHaveLength(1);

    // They can come after all: the request is withdrawn, and an offer tapped later takes nothing.
    const again = await pressData(harness, requester, rsvpButton.data({ occurrence: saturday.occurrenceId, answer: "hadir" }));
    const [request] = await database.db.select().from(swapRequest);
    expect(request!.status).toBe("cancelled");
    const canAgain = `${requester.first_name} ternyata bisa ronda Sabtu, 28 November 2026 pukul 22.00 WIB. Permintaan tukarnya dibatalkan; malam itu tetap terjaga.`;
    expect(sentTextsTo(ketua.id).at(-1)).toBe(canAgain);
    const [told] = await database.db.select().from(outbox).where(like(outbox.dedupeKey, `notice:ronda-can-again:${request!.id}:%`));
    expect(told!.subjectPersonIds).toEqual([requester.personId]);
    await harness.deliver(again); // a double tap tells the ketua once
    await pressData(harness, requester, rsvpButton.data({ occurrence: saturday.occurrenceId, answer: "hadir" }));
    expect(sentTextsTo(ketua.id).filter((t) => t === canAgain)).toHaveLength(1);
    const late = await pressData(harness, free[0]!, swapTake.data({ swap: request!.id }));
    expect(callbackAnswerTo(harness.telegram, late)?.text).toBe(SWAP_GONE);
  });

  it("during the shift still tells the ketua, once, and offers it to nobody", async () => {
    const { ketua, people, requester, saturday } = await withRota();
    harness.now = new Date("2026-11-28T16:00:00Z"); // 23.00 WIB: the shift has begun
    const tap = await pressData(harness, requester, rsvpButton.data({ occurrence: saturday.occurrenceId, answer: "tidak" }));
    await harness.deliver(tap);
    const warning = `⚠️ ${requester.first_name} tidak bisa ronda Sabtu, 28 November 2026 pukul 22.00 WIB, padahal gilirannya sudah dimulai. Permintaan tukar tidak dikirim lagi; hubungi warga yang bertugas malam ini bila perlu.`;
    expect(sentTextsTo(ketua.id)).toEqual([warning]);
    expect(await database.db.select().from(swapRequest)).toEqual([]);
    for (const user of people.filter((p) => p !== requester)) expect(sentTextsTo(user.id)).toEqual([]);
  });

  it("with nobody free that night, points the ketua to putting someone on it by hand, not \"dikirim ke 0 warga\"", async () => {
    const { ketua, people, requester, partner, saturday } = await withRota();
    for (const user of people.filter((p) => ![requester, partner].includes(p))) await setVolunteering(database.db, await actorOf(user), false, harness.now);
    await setVolunteering(database.db, await actorOf(partner), false, harness.now);
    await pressData(harness, requester, rsvpButton.data({ occurrence: saturday.occurrenceId, answer: "tidak" }));
    const by = 'Pilih penggantinya lewat /jadwalronda, tombol "Jadwalkan warga di satu malam".';
    expect(sentTextsTo(ketua.id)).toEqual([`${requester.first_name} tidak bisa ronda Sabtu, 28 November 2026 pukul 22.00 WIB, dan tidak ada warga lain yang bisa malam itu. ${by}`]);
    await harness.send(requester, "/keluar");
    await harness.press(requester, "Ya, keluar");
    const warning = sentTextsTo(ketua.id).find((t) => t.startsWith("⚠️"))!;
    expect(warning).toContain('• Sabtu, 28 November 2026 pukul 22.00 WIB (tidak ada warga yang bisa malam itu: pilih penggantinya lewat /jadwalronda, tombol "Jadwalkan warga di satu malam")');
    expect(warning).not.toContain("0 warga");
  });

  it("changes nothing for the watch on a night that is not one's own", async () => {
    const { ketua, people, requester, partner, saturday } = await withRota();
    const other = people.find((p) => ![requester, partner].includes(p))!;
    await pressData(harness, other, rsvpButton.data({ occurrence: saturday.occurrenceId, answer: "tidak" }));
    expect(await database.db.select().from(swapRequest)).toEqual([]);
    expect(sentTextsTo(ketua.id)).toEqual([]);
  });
});

describe("absen hadir ronda without a code", () => {
  const PRESENT = "✅ Saya sudah hadir ronda";
  const DUTY = "🔦 Malam ini Anda bertugas ronda pukul 22.00–04.00 WIB di Pos kamling. Setelah tiba di pos, tekan tombol di bawah untuk absen hadir ronda.";

  it("gives the people on duty their own button inside the night's window; it counts once, like a code, for A2", async () => {
    const { ketua, people, place } = await readyToRota();
    await generate(ketua);
    const friday = (await storedRota(place.id)).find((n) => wibDate(n.startsAt) === "2026-11-27")!;
    const [onA, onB] = friday.personIds.map((id) => people.find((p) => p.personId === id)!) as [Resident, Resident];
    const offDuty = people.find((p) => !friday.personIds.includes(p.personId))!;
    const press = (user: TestUser) => pressData(harness, user, rondaPresentButton.data({ occurrence: friday.occurrenceId }));
    const answer = async (user: TestUser) => callbackAnswerTo(harness.telegram, await press(user))?.text;

    // Sunday before: no button yet, and a forged one is refused.
    await harness.send(onA, "/siapronda");
    expect(harness.lastText(onA)).toBe(VOLUNTEER_ON);
    expect(await answer(onA)).toBe("Tombol absen hadir ronda bisa ditekan mulai pukul 21.30 WIB (30 menit sebelum giliran Anda).");

    harness.now = new Date("2026-11-27T15:10:00Z"); // 22.10 on the night
    await harness.send(onA, "/siapronda");
    expect(harness.lastText(onA)).toBe(DUTY);
    expect(harness.buttons(onA)).toEqual([PRESENT]);
    const tap = await harness.press(onA, PRESENT);
    // The thanks, and what it counted for (issue 17): the one shift held, staffed.
    expect(harness.lastText(onA)).toBe(
      "Terima kasih! Kehadiran ronda Anda Jumat, 27 November 2026 pukul 22.00 WIB sudah tercatat.\n🔦 Dihitung untuk A2: 1 dari 1 giliran ronda RT 05 terisi (100%) dalam 28 hari terakhir; target nilai 2 (baik) 80% tercapai ✅.",
    );
    await harness.deliver(tap); // a double tap
    const rows = await database.db.select().from(participation).where(eq(participation.occurrenceId, friday.occurrenceId));
    expect(rows).toEqual([expect.objectContaining({ personId: onA.personId, kind: "ronda", source: "ronda-button", verified: true, rtId: place.id })]);
    expect(await shiftStaffing(database.db, friday.occurrenceId)).toEqual({ assigned: 2, present: 1, staffed: false });
    await harness.send(onA, "/giliranku");
    expect(harness.lastText(onA)).toBe("✅ Kehadiran ronda Anda malam ini (pukul 22.00–04.00 WIB di Pos kamling) sudah tercatat.");

    // Not on duty that night, another RT, not a member: no record.
    expect(await answer(offDuty)).toBe("Tombol ini hanya untuk yang bertugas ronda malam itu.");
    await harness.send(offDuty, "/siapronda");
    expect(harness.lastText(offDuty)).toBe(VOLUNTEER_ON);
    const other = await addRt(database.db, 6);
    expect(await answer(await resident(newUser("Luar"), other.id, "No. 1"))).toBe(NOT_ALLOWED);
    const waiting = newUser("Tunggu");
    await addPending(database.db, waiting, place.id);
    expect(await answer(waiting)).toBe(NOT_RESIDENT);
    expect(await database.db.select().from(participation)).toHaveLength(1);

    // The code still works alongside, and the button after a code records nothing twice.
    await harness.send(ketua, "/kodehadir");
    await harness.press(ketua, "Ronda · Jumat, 27 November 2026 pukul 22.00 WIB");
    const code = /: ([A-Z0-9]{6})\n/.exec(harness.lastText(ketua))![1]!;
    await harness.send(onB, code);
    expect(await answer(onB)).toBeUndefined();
    expect(harness.lastText(onB).split("\n")[0]).toBe("Kehadiran ronda Anda Jumat, 27 November 2026 pukul 22.00 WIB sudah tercatat sebelumnya.");
    expect(await shiftStaffing(database.db, friday.occurrenceId)).toEqual({ assigned: 2, present: 2, staffed: true });
    const [metrics] = await windowRtMetrics(database.db, new Date("2026-11-28T03:00:00Z"), { rtIds: [place.id] });
    expect(metrics!.metrics).toMatchObject({ rondaShiftsHeld: 1, rondaShiftsStaffed: 1 });

    harness.now = new Date("2026-11-27T21:40:00Z"); // 04.40: the window has closed
    await database.db.delete(participation);
    expect(await answer(onA)).toBe("Waktu absen hadir ronda untuk malam itu sudah lewat.");
    await harness.send(onA, "/siapronda");
    expect(harness.lastText(onA)).toBe(VOLUNTEER_ON);
    expect(await database.db.select().from(participation)).toEqual([]);
  });
});

describe("the 17.00 duty reminder", () => {
  it("carries the shift's own check-in button: pressed early it says from when, inside the window it records the night", async () => {
    const { ketua, people, place } = await readyToRota();
    await generate(ketua);
    const friday = (await storedRota(place.id)).find((n) => wibDate(n.startsAt) === "2026-11-27")!;
    const onDuty = people.find((p) => p.personId === friday.personIds[0])!;
    const deps = { db: database.db, i18n: harness.deps.i18n, logger: createLogger("silent") };
    harness.now = new Date("2026-11-27T01:00:00Z"); // Friday 08.00 WIB
    await planReminders(deps, harness.now);
    harness.now = new Date("2026-11-27T10:00:01Z"); // 17.00 WIB: the duty reminder is due
    await harness.settle();
    const reminder = shownWith(onDuty, "🔦 Jadwal ronda Anda");
    expect(reminder.text).toBe('🔦 Jadwal ronda Anda: Jumat, 27 November 2026, pukul 22.00–04.00 WIB di Pos kamling. Setelah tiba di pos, tekan "Saya sudah hadir ronda" di bawah untuk absen hadir. Terima kasih sudah ikut menjaga lingkungan!');
    expect(labels(reminder)).toEqual(["✅ Saya sudah hadir ronda"]);

    const early = await pressOn(harness, onDuty, reminder, "Saya sudah hadir ronda");
    expect(callbackAnswerTo(harness.telegram, early)).toEqual(expect.objectContaining({ text: "Tombol absen hadir ronda bisa ditekan mulai pukul 21.30 WIB (30 menit sebelum giliran Anda).", show_alert: true }));
    expect(await database.db.select().from(participation)).toEqual([]);

    harness.now = new Date("2026-11-27T14:45:00Z"); // 21.45 WIB, at the post
    await pressOn(harness, onDuty, reminder, "Saya sudah hadir ronda");
    expect(shownMessages(harness.telegram, onDuty.id).find((m) => m.messageId === reminder.messageId)!.text.split("\n")[0]).toBe("Terima kasih! Kehadiran ronda Anda Jumat, 27 November 2026 pukul 22.00 WIB sudah tercatat.");
    expect(await database.db.select().from(participation)).toEqual([expect.objectContaining({ personId: onDuty.personId, occurrenceId: friday.occurrenceId, source: "ronda-button" })]);
  });
});

describe("ronda command names", () => {
  it("keeps /rotaku and /buatrota working under their new names, and shows them nowhere", async () => {
    const { ketua, people } = await readyToRota();
    await harness.send(ketua, "/buatrota");
    expect(harness.lastText(ketua)).toBe("Buat giliran ronda untuk berapa minggu?");
    await harness.press(ketua, "4 minggu");
    await harness.send(people[0]!, "/rotaku");
    expect(harness.lastText(people[0]!)).toContain("Giliran ronda Anda:");
    await harness.send(ketua, "/bantuan");
    const help = harness.lastText(ketua);
    expect(help).toContain("/giliranku");
    expect(help).toContain("/buatjadwalronda");
    expect(help).not.toMatch(/\/rotaku|\/buatrota\b/);
    expect(findCommand("rotaku")).toBe(findCommand("giliranku"));
    expect(findCommand("buatrota")).toBe(findCommand("buatjadwalronda"));
    for (const spec of COMMANDS) expect(spec.command).not.toMatch(/rota|check/);
  });
});

describe("the ketua puts a member on a night by hand", () => {
  const USE_BUTTONS = "Silakan pilih dengan tombol di atas, atau kirim /batal untuk berhenti.";

  it("picks the night and the member from /jadwalronda; the member is told, the change audited, a double tap counts once", async () => {
    const { ketua, people, place, saturday } = await withRota();
    const outsider = await resident(newUser("Gita"), place.id, "No. 7"); // not a volunteer: the ketua may still ask them
    await harness.send(ketua, "/jadwalronda");
    expect(harness.buttons(ketua)).toEqual(["✍️ Jadwalkan warga di satu malam"]);
    await harness.send(people[0]!, "/jadwalronda");
    expect(labels(shownMessages(harness.telegram, people[0]!.id).at(-1)!)).toEqual([]);
    await harness.press(ketua, "Jadwalkan warga");
    expect(harness.lastText(ketua)).toBe("Malam ronda mana yang akan diisi?");
    for (const text of ["", "2,5", "-1", "😀", "\u200b", "x".repeat(5000), "'; DELETE FROM shift_assignment;--", "Sabtu"]) {
      await harness.send(ketua, text);
      expect(harness.lastText(ketua), text).toBe(USE_BUTTONS);
    }
    await harness.press(ketua, "Sabtu, 28 November 2026 pukul 22.00 WIB (2 orang)");
    expect(harness.lastText(ketua)).toBe("Siapa yang dijadwalkan ronda malam itu?");
    const offered = harness.buttons(ketua);
    for (const id of saturday.personIds) expect(offered).not.toContain(people.find((p) => p.personId === id)!.first_name);
    expect(offered).toContain("Gita");
    expect(offered).toContain("Harun");
    await harness.send(ketua, "Gita");
    expect(harness.lastText(ketua)).toBe(USE_BUTTONS);
    const tap = await harness.press(ketua, "Gita");
    expect(harness.lastText(ketua)).toBe("Gita dijadwalkan ronda Sabtu, 28 November 2026 pukul 22.00 WIB. Yang bersangkutan sudah diberi tahu.");
    await harness.deliver(tap);
    expect(sentTextsTo(outsider.id)).toEqual(["🔦 Ketua RT menjadwalkan Anda ronda Sabtu, 28 November 2026 pukul 22.00 WIB di Pos kamling. Jika tidak bisa, kirim /giliranku untuk minta tukar."]);
    const night = (await storedRota(place.id)).find((n) => n.occurrenceId === saturday.occurrenceId)!;
    expect(night.names).toContain("Gita");
    expect(night.sources).toContain("ketua");
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, "ronda_assigned"));
    expect(audits).toEqual([expect.objectContaining({ rtId: place.id, targetPersonId: outsider.personId, entityId: saturday.occurrenceId })]);
    // A rota made again keeps what the ketua decided.
    await generate(ketua);
    expect((await storedRota(place.id)).find((n) => n.occurrenceId === saturday.occurrenceId)!.names).toContain("Gita");
  });

  it("fills the open request of someone who said \"Tidak bisa\": they come off the night, the shift keeps its size, both are told", async () => {
    const { ketua, people, place, requester, partner, saturday } = await withRota();
    const gita = await resident(newUser("Gita"), place.id, "No. 7");
    await pressData(harness, requester, rsvpButton.data({ occurrence: saturday.occurrenceId, answer: "tidak" }));
    const volunteer = people.find((p) => ![requester, partner, people[5]].includes(p))!;
    await harness.send(ketua, "/jadwalronda");
    await harness.press(ketua, "Jadwalkan warga");
    await harness.press(ketua, "Sabtu, 28 November 2026 pukul 22.00 WIB (2 orang)");
    await harness.press(ketua, "Gita");
    expect(harness.lastText(ketua)).toBe(`Gita dijadwalkan ronda Sabtu, 28 November 2026 pukul 22.00 WIB menggantikan ${requester.first_name}, yang tidak bisa. Keduanya sudah diberi tahu.`);
    const night = (await storedRota(place.id)).find((n) => n.occurrenceId === saturday.occurrenceId)!;
    expect(night.personIds.sort()).toEqual([partner.personId, gita.personId].sort());
    const [request] = await database.db.select().from(swapRequest);
    expect(request).toEqual(expect.objectContaining({ status: "accepted", toPersonId: gita.personId, fromPersonId: requester.personId }));
    expect(sentTextsTo(requester.id).at(-1)).toBe("🔦 Ketua RT sudah menjadwalkan Gita menggantikan Anda ronda Sabtu, 28 November 2026 pukul 22.00 WIB. Anda tidak perlu ronda malam itu.");
    expect(sentTextsTo(gita.id)).toEqual(["🔦 Ketua RT menjadwalkan Anda ronda Sabtu, 28 November 2026 pukul 22.00 WIB di Pos kamling. Jika tidak bisa, kirim /giliranku untuk minta tukar."]);
    // The volunteers' offer no longer stands; the night keeps its two.
    const late = await pressData(harness, volunteer, swapTake.data({ swap: request!.id }));
    expect(callbackAnswerTo(harness.telegram, late)?.text).toBe(SWAP_GONE);
    expect((await storedRota(place.id)).find((n) => n.occurrenceId === saturday.occurrenceId)!.names).toHaveLength(2);
    // A rota made again keeps Gita and does not put the requester back.
    await generate(ketua);
    expect((await storedRota(place.id)).find((n) => n.occurrenceId === saturday.occurrenceId)!.personIds).not.toContain(requester.personId);
  });

  it("re-checks at each step: a member who left meanwhile, a night gone by; a resident cannot open it", async () => {
    const { ketua, people, place } = await withRota();
    const adi = people[0]!;
    await harness.send(ketua, "/jadwalronda");
    await harness.press(ketua, "Jadwalkan warga");
    const lastNight = (await storedRota(place.id)).at(-1)!;
    await harness.press(ketua, `${DATE_NAMES[wibDate(lastNight.startsAt)]} pukul 22.00 WIB`);
    if (!harness.buttons(ketua).includes(adi.first_name)) throw new Error("Adi is expected to be free on the last night");
    await database.db.update(membership).set({ status: "left", endedAt: harness.now }).where(eq(membership.personId, adi.personId));
    await harness.press(ketua, adi.first_name);
    expect(harness.lastText(ketua)).toBe("Warga tersebut tidak ditemukan atau sudah tidak aktif.");
    expect((await storedRota(place.id)).at(-1)!.personIds).not.toContain(adi.personId);

    await harness.send(ketua, "/jadwalronda");
    await harness.press(ketua, "Jadwalkan warga");
    await harness.press(ketua, "Jumat, 27 November 2026");
    harness.now = new Date("2026-11-27T16:00:00Z"); // the night has begun
    await harness.press(ketua, people.find((p) => p !== adi && harness.buttons(ketua).includes(p.first_name))!.first_name);
    expect(harness.lastText(ketua)).toBe("Giliran ronda itu tidak ditemukan atau sudah lewat.");
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "ronda_assigned"))).toEqual([]);

    // Forged: a resident pressing the ketua's button.
    const forged = await pressData(harness, people[1]!, rondaAssignOpen.data({}));
    expect(callbackAnswerTo(harness.telegram, forged)).toEqual(expect.objectContaining({ text: NOT_KETUA, show_alert: true }));
  });
});
