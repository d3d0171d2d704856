import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { event, eventOccurrence, participation, person, reminderSetting, roleAssignment, rondaVolunteer, rsvp, shiftAssignment } from "../../src/db/schema/index.js";
import { openCheckin, tickAttendance } from "../../src/domain/events/attendance.js";
import { cancelOccurrence, createEvent, DEFAULT_DURATION_MINUTES, extendOccurrences, setRsvp, type EventDraft } from "../../src/domain/events/events.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { addKetua, addKoordinator, addMember, addPending, addPetugas, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser, snapshotState } from "../helpers/fixtures.js";
import { attendanceOpen, attendancePage, attendanceTick, checkinCode, eventChange, eventKindChoice, eventSummary, myReminders, rsvp as rsvpButton, rsvpNames, scheduleOpen, schedulePage } from "../../src/messages/buttons/events.js";
import { callbackAnswerTo, callbackDataOf, photoUpdate, pressData, pressOn, shownMessages, type ShownMessage, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Minggu 22 November 2026, 10.00 WIB
const { database, harness } = withTestBot();

/** The Indonesian text of a locale message, as the bot says it. */
const id = (key: string, vars: Record<string, string | number> = {}) => harness.deps.i18n.t("id", key, vars);

const GOTONG_ROYONG = "Gotong royong / kerja bakti";
const ASK_KIND = "Kegiatan apa?";
const ASK_WHEN = 'Kapan? Tulis seperti biasa, misalnya "Minggu 07.00", "besok jam 7 pagi", atau "7/12 19.30". Semua waktu dalam WIB.';
/** After a date alone, its time, the date shown. */
const askTime = (day: string) => `${day}, jam berapa? Misalnya "07.00" atau "jam 7 malam".`;
const ASK_PLACE = 'Di mana tempatnya? Misalnya "Pos kamling" atau "Masjid Al-Ikhlas".';
const ASK_NOTES = 'Ada catatan untuk warga? Misalnya "bawa cangkul dan karung". Tekan Lewati jika tidak ada.';
const ASK_REPEAT = "Diulang?";
const USE_BUTTONS = "Silakan pilih dengan tombol di atas, atau kirim /batal untuk berhenti.";
const TEXT_EXPECTED = "Mohon jawab dengan teks, atau kirim /batal untuk berhenti.";
const NOT_KETUA = "Maaf, perintah ini hanya untuk ketua RT.";
const NOT_OFFICER = "Maaf, perintah ini hanya untuk ketua RT dan petugas RT.";
const NOT_RESIDENT = "Maaf, perintah ini hanya untuk warga yang sudah terdaftar di RT. Kirim /start untuk mendaftar.";
/** What a person whose join request still waits reads for a residents' command. */
const WAITING = "Permintaan Anda bergabung ke RT 05 Kelurahan Simpang IV Sipin masih menunggu persetujuan sejak";
const NOT_ALLOWED = "Maaf, Anda tidak berwenang melakukan ini.";
const FALLBACK = "Maaf, saya belum mengerti. Ketik /bantuan untuk melihat perintah.";
const SUNDAY_29_NOV = "Minggu, 29 November 2026 pukul 07.00 WIB";

type Resident = TestUser & { personId: number; membershipId: number };

async function resident(user: TestUser, rtId: number, household: string): Promise<Resident> {
  return { ...user, ...(await addMember(database.db, user, rtId, household)) };
}

/** RT 05 Simpang IV Sipin: Pak Harun its ketua, four residents. */
async function rt05() {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Harun");
  const ketuaMember = await addKetua(database.db, ketua, place.id);
  return {
    place,
    ketua: { ...ketua, ...ketuaMember } as Resident,
    siti: await resident(newUser("Siti"), place.id, "Rumah 1"),
    budi: await resident(newUser("Budi"), place.id, "Rumah 2"),
    dewi: await resident(newUser("Dewi"), place.id, "Rumah 3"),
    eko: await resident(newUser("Eko"), place.id, "Rumah 4"),
  };
}

/** Schedules an event directly through the domain, as the ketua, at `now`. */
async function schedule(ketua: TestUser, draft: Partial<EventDraft> & { firstStartsAt: Date }, now = harness.now) {
  const kind = draft.kind ?? "gotong_royong";
  const actor = await loadActor(database.db, ketua.id, []);
  return createEvent(database.db, actor, { requestKey: `event:${randomUUID()}`, kind, place: "Pos kamling", notes: null, durationMinutes: DEFAULT_DURATION_MINUTES[kind], recurrence: { kind: "none" }, ...draft }, now);
}

async function occurrencesOf(eventId: number) {
  return database.db.select().from(eventOccurrence).where(eq(eventOccurrence.eventId, eventId)).orderBy(asc(eventOccurrence.startsAt));
}

async function occurrenceAt(eventId: number, startsAt: string) {
  const [row] = await database.db.select().from(eventOccurrence).where(and(eq(eventOccurrence.eventId, eventId), eq(eventOccurrence.startsAt, new Date(startsAt))));
  if (!row) throw new Error(`no occurrence of event ${eventId} at ${startsAt}`);
  return row;
}

async function storedEvents() {
  return { events: await database.db.select().from(event), occurrences: await database.db.select().from(eventOccurrence) };
}

/** The latest message in the chat whose text contains `text`. */
function shownWith(user: TestUser, text: string): ShownMessage {
  const found = shownMessages(harness.telegram, user.id).filter((message) => message.text.includes(text)).at(-1);
  if (!found) throw new Error(`no message with "${text}" in chat ${user.id}: ${harness.telegram.textsTo(user.id).join(" | ")}`);
  return found;
}

function sentTextsTo(user: TestUser): string[] {
  return harness.telegram.callsOf("sendMessage").filter((call) => call.payload.chat_id === user.id).map((call) => String(call.payload.text));
}

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe("/acara", () => {
  type Case = {
    name: string;
    kind: string;
    kindValue: EventDraft["kind"];
    when: string[];
    /** How the bot writes the stored instant. */
    whenText: string;
    /** null: the "Pos kamling" shortcut. */
    place: string | null;
    notes: string | null;
    repeat: string;
    repeatButtons: string[];
    rule: unknown;
    starts: string[];
  };
  const cases: Case[] = [
    {
      name: "gotong royong on 'Minggu 07.00', weekly: one a week for the 8 weeks ahead",
      kind: GOTONG_ROYONG,
      kindValue: "gotong_royong",
      when: ["Minggu 07.00"],
      whenText: SUNDAY_29_NOV,
      place: null,
      notes: "bawa cangkul dan karung 🧹🪣",
      repeat: "Setiap minggu, hari Minggu",
      repeatButtons: ["Sekali saja", "Setiap minggu, hari Minggu", "Dua minggu sekali, hari Minggu", "Setiap bulan, tanggal 29", "Setiap bulan, Minggu terakhir"],
      rule: { kind: "weekly", weekday: 0 },
      starts: ["2026-11-29", "2026-12-06", "2026-12-13", "2026-12-20", "2026-12-27", "2027-01-03", "2027-01-10", "2027-01-17"].map((d) => `${d}T00:00:00.000Z`),
    },
    {
      name: "ronda on 'nanti malam 22.00', once",
      kind: "Ronda",
      kindValue: "ronda",
      when: ["nanti malam 22.00"],
      whenText: "Minggu, 22 November 2026 pukul 22.00 WIB",
      place: null,
      notes: null,
      repeat: "Sekali saja",
      repeatButtons: ["Sekali saja", "Setiap minggu, hari Minggu", "Dua minggu sekali, hari Minggu", "Setiap bulan, tanggal 22", "Setiap bulan, Minggu keempat"],
      rule: { kind: "none" },
      starts: ["2026-11-22T15:00:00.000Z"],
    },
    {
      name: "rapat warga on '7/12 19.30', monthly on the first Monday",
      kind: "Rapat warga",
      kindValue: "rapat",
      when: ["7/12 19.30"],
      whenText: "Senin, 7 Desember 2026 pukul 19.30 WIB",
      place: "Balai warga RT 05",
      notes: "Agenda: iuran sampah",
      repeat: "Setiap bulan, Senin pertama",
      repeatButtons: ["Sekali saja", "Setiap minggu, hari Senin", "Dua minggu sekali, hari Senin", "Setiap bulan, tanggal 7", "Setiap bulan, Senin pertama"],
      rule: { kind: "monthly-weekday", nth: 1, weekday: 1 },
      starts: ["2026-12-07T12:30:00.000Z", "2027-01-04T12:30:00.000Z"],
    },
    {
      name: "another kind on 'besok jam 7 pagi', every two weeks",
      kind: "Kegiatan lain",
      kindValue: "lainnya",
      when: ["besok jam 7 pagi"],
      whenText: "Senin, 23 November 2026 pukul 07.00 WIB",
      place: "Masjid Al-Ikhlas",
      notes: null,
      repeat: "Dua minggu sekali, hari Senin",
      repeatButtons: ["Sekali saja", "Setiap minggu, hari Senin", "Dua minggu sekali, hari Senin", "Setiap bulan, tanggal 23", "Setiap bulan, Senin keempat"],
      rule: { kind: "biweekly", weekday: 1 },
      starts: ["2026-11-23T00:00:00.000Z", "2026-12-07T00:00:00.000Z", "2026-12-21T00:00:00.000Z", "2027-01-04T00:00:00.000Z"],
    },
    {
      name: "gotong royong on 'lusa' then '08.00', monthly on the 24th",
      kind: GOTONG_ROYONG,
      kindValue: "gotong_royong",
      when: ["lusa", "08.00"],
      whenText: "Selasa, 24 November 2026 pukul 08.00 WIB",
      place: "Jl. Sumantri Brojonegoro No. 3",
      notes: null,
      repeat: "Setiap bulan, tanggal 24",
      repeatButtons: ["Sekali saja", "Setiap minggu, hari Selasa", "Dua minggu sekali, hari Selasa", "Setiap bulan, tanggal 24", "Setiap bulan, Selasa keempat"],
      rule: { kind: "monthly-date", day: 24 },
      starts: ["2026-11-24T01:00:00.000Z", "2026-12-24T01:00:00.000Z"],
    },
  ];

  it.each(cases)("$name", async (c) => {
    const { place, ketua } = await rt05();
    await harness.send(ketua, "/acara");
    expect(harness.lastText(ketua)).toBe(ASK_KIND);
    expect(harness.buttons(ketua)).toEqual([
      GOTONG_ROYONG, "Ronda", "Rapat warga", "Kerja bakti sanitasi", "Kebun / TOGA", "Senam lansia", "Posyandu", "Pengajian", "Yasinan", "Karang taruna", "Pertemuan PKK", "Kegiatan lain", "Batal",
    ]);
    await harness.press(ketua, c.kind);
    expect(harness.lastText(ketua)).toBe(ASK_WHEN);
    await harness.send(ketua, c.when[0]!);
    if (c.when.length > 1) {
      expect(harness.lastText(ketua)).toBe(askTime(c.whenText.replace(/ pukul .*/, "")));
      await harness.send(ketua, c.when[1]!);
    }
    expect(harness.lastText(ketua)).toBe(ASK_PLACE);
    const placeText = c.place ?? "Pos kamling";
    if (c.place === null) {
      expect(harness.buttons(ketua)).toEqual(["Pos kamling"]);
      await harness.press(ketua, "Pos kamling");
    } else {
      await harness.send(ketua, c.place);
    }
    expect(harness.lastText(ketua)).toBe(ASK_NOTES);
    expect(harness.buttons(ketua)).toEqual(["Lewati"]);
    if (c.notes === null) await harness.press(ketua, "Lewati");
    else await harness.send(ketua, c.notes);
    expect(harness.lastText(ketua)).toBe(ASK_REPEAT);
    expect(harness.buttons(ketua)).toEqual(c.repeatButtons);
    await harness.press(ketua, c.repeat);

    const first = new Date(c.starts[0]!);
    expect(shownWith(ketua, "Periksa kembali").text).toBe([`Periksa kembali:`, `• ${c.kind}`, `• ${c.whenText}`, `• Tempat: ${placeText}`, `• Catatan: ${c.notes ?? "-"}`, `• ${c.repeat}`].join("\n"));
    expect(await storedEvents()).toEqual({ events: [], occurrences: [] }); // nothing before "Simpan"
    await harness.press(ketua, "Simpan");
    // A ronda night concerns only the rota (nobody has joined it yet); the rest is told to the four residents.
    const told = c.kindValue === "ronda" ? "Belum ada warga lain yang bisa diberi tahu." : "Pemberitahuan dikirim ke 4 warga.";
    expect(harness.lastText(ketua)).toBe(`${c.kind} pada ${c.whenText} sudah dijadwalkan${c.starts.length === 1 ? "." : ` (${c.starts.length} tanggal ke depan).`} ${told}`);

    const events = await database.db.select().from(event);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      rtId: place.id,
      kind: c.kindValue,
      place: placeText,
      notes: c.notes,
      firstStartsAt: first,
      durationMinutes: DEFAULT_DURATION_MINUTES[c.kindValue],
      recurrence: c.rule,
      createdBy: ketua.personId,
      cancelledAt: null,
    });
    const rows = await occurrencesOf(events[0]!.id);
    expect(iso(rows.map((row) => row.startsAt))).toEqual(c.starts);
    for (const row of rows) {
      expect(row.endsAt.getTime() - row.startsAt.getTime()).toBe(DEFAULT_DURATION_MINUTES[c.kindValue] * 60_000);
      expect(row).toMatchObject({ rtId: place.id, kind: c.kindValue, place: placeText, cancelledAt: null, checkinCode: null });
    }
  });

  it("tells each resident of the RT once, in their language, with the notes and the answers; muted ones and the ketua not", async () => {
    const { place, ketua, siti, budi, dewi, eko } = await rt05();
    await database.db.update(person).set({ locale: "en" }).where(eq(person.id, budi.personId));
    await database.db.update(person).set({ announcementsMutedAt: harness.now }).where(eq(person.id, dewi.personId));
    const waiting = newUser("Tunggu");
    await addPending(database.db, waiting, place.id);
    const elsewhere = newUser("Lain");
    await addMember(database.db, elsewhere, (await addRt(database.db, 6)).id);
    await harness.send(ketua, "/acara");
    await harness.press(ketua, GOTONG_ROYONG);
    await harness.send(ketua, "Minggu 07.00");
    await harness.press(ketua, "Pos kamling");
    await harness.send(ketua, "bawa cangkul");
    await harness.press(ketua, "Sekali saja");
    const summary = shownWith(ketua, "Periksa kembali");
    const save = await pressOn(harness, ketua, summary, "Simpan");
    expect(harness.lastText(ketua)).toBe(`${GOTONG_ROYONG} pada ${SUNDAY_29_NOV} sudah dijadwalkan. Pemberitahuan dikirim ke 3 warga.`);
    // A double tap and a redelivery of the save: one event, nobody told twice.
    await pressOn(harness, ketua, summary, "Simpan");
    await harness.deliver(save);
    expect(await database.db.select().from(event)).toHaveLength(1);

    const notice = [`📅 Kegiatan baru di RT: ${GOTONG_ROYONG}, ${SUNDAY_29_NOV}, di Pos kamling.`, "📝 bawa cangkul", "Apakah Bapak/Ibu akan hadir? Jawab dengan tombol di bawah; semua kegiatan ada di /jadwal."].join("\n");
    expect(sentTextsTo(siti)).toEqual([notice]);
    expect(sentTextsTo(eko)).toEqual([notice]);
    expect(sentTextsTo(budi)).toEqual([expect.stringMatching(/^📅 New RT activity: .*Sunday, 29 November 2026 at 07:00 WIB, at Pos kamling\.\n📝 bawa cangkul\nWill you come\?/)]);
    expect(sentTextsTo(dewi)).toEqual([]);
    expect(sentTextsTo(waiting)).toEqual([]);
    expect(sentTextsTo(elsewhere)).toEqual([]);
    expect(sentTextsTo(ketua).filter((text) => text.startsWith("📅"))).toEqual([]);

    const card = shownWith(siti, "Kegiatan baru");
    expect(card.keyboard!.inline_keyboard.flat().map((b) => b.text)).toEqual(["✅ Akan hadir", "❌ Tidak bisa", "🤔 Mungkin"]);
    expect(shownWith(budi, "New RT activity").keyboard!.inline_keyboard.flat().map((b) => b.text)).toEqual(["✅ Coming", "❌ Can't", "🤔 Maybe"]);
    const tap = await pressOn(harness, siti, card, "Akan hadir");
    expect(callbackAnswerTo(harness.telegram, tap)?.text).toBe("Tersimpan: Akan hadir");
    expect(await database.db.select({ personId: rsvp.personId, answer: rsvp.answer }).from(rsvp)).toEqual([{ personId: siti.personId, answer: "hadir" }]);
  });

  it("repeats monthly on the 31st in every month, on the last day of the shorter ones", async () => {
    harness.now = new Date("2027-01-05T03:00:00Z"); // Selasa 5 Januari 2027
    const { ketua } = await rt05();
    await harness.send(ketua, "/acara");
    await harness.press(ketua, GOTONG_ROYONG);
    await harness.send(ketua, "31/1 07.00");
    await harness.press(ketua, "Pos kamling");
    await harness.press(ketua, "Lewati");
    await harness.press(ketua, "Setiap bulan, tanggal 31");
    await harness.press(ketua, "Simpan");
    expect(harness.lastText(ketua)).toContain("(2 tanggal ke depan)");
    const [created] = await database.db.select().from(event);
    expect(iso((await occurrencesOf(created!.id)).map((row) => row.startsAt))).toEqual(["2027-01-31T00:00:00.000Z", "2027-02-28T00:00:00.000Z"]);

    // The daily job keeps the series going: 31 March, then 30 April.
    expect(await extendOccurrences(database.db, new Date("2027-03-20T03:00:00Z"))).toBe(2);
    expect(iso((await occurrencesOf(created!.id)).map((row) => row.startsAt))).toEqual([
      "2027-01-31T00:00:00.000Z",
      "2027-02-28T00:00:00.000Z",
      "2027-03-31T00:00:00.000Z",
      "2027-04-30T00:00:00.000Z",
    ]);
    expect(await extendOccurrences(database.db, new Date("2027-03-20T03:00:00Z"))).toBe(0); // run twice, adds nothing
  });

  it("reads a date relative to when it is typed, not to when /acara was started", async () => {
    const { ketua } = await rt05();
    await harness.send(ketua, "/acara"); // Minggu 10.00
    await harness.press(ketua, GOTONG_ROYONG);
    harness.now = new Date("2026-11-23T01:00:00Z"); // the ketua answers on Senin at 08.00
    await harness.send(ketua, "besok jam 7 pagi"); // Selasa 24 November, 07.00
    expect(harness.lastText(ketua)).toBe(ASK_PLACE);
    await harness.press(ketua, "Pos kamling");
    await harness.press(ketua, "Lewati");
    await harness.press(ketua, "Sekali saja");
    expect(shownWith(ketua, "Periksa kembali").text).toContain("• Selasa, 24 November 2026 pukul 07.00 WIB");
    await harness.press(ketua, "Simpan");
    const [created] = await database.db.select().from(event);
    expect(created?.firstStartsAt.toISOString()).toBe("2026-11-24T00:00:00.000Z");

    // "hari ini" then an hour already gone by this morning: past, asked again from the date.
    await harness.send(ketua, "/acara");
    await harness.press(ketua, GOTONG_ROYONG);
    await harness.send(ketua, "hari ini");
    expect(harness.lastText(ketua)).toBe(askTime("Senin, 23 November 2026"));
    await harness.send(ketua, "07.30");
    const texts = sentTextsTo(ketua);
    expect(texts.slice(-2)).toEqual(['Waktu itu sudah lewat. Tulis waktu yang akan datang, misalnya "Minggu 07.00".', ASK_WHEN]);
  });

  it("keeps asking at every prompt through hostile answers, and stores exactly what was finally given", async () => {
    const { ketua } = await rt05();
    const asked = async (text: string | Update, reply: string) => {
      if (typeof text === "string") await harness.send(ketua, text);
      else await harness.deliver(text);
      expect(harness.lastText(ketua)).toBe(reply);
    };
    await harness.send(ketua, "/acara");
    await asked("gotong royong", USE_BUTTONS);
    await asked(photoUpdate(harness, ketua), USE_BUTTONS);
    await harness.press(ketua, GOTONG_ROYONG);

    const unrecognised = id("input-datetime-unrecognised");
    expect(unrecognised).toBe('Maaf, tanggal atau jam itu tidak saya kenali. Contoh: "Minggu 07.00", "besok jam 7 pagi", "7 Des 2026 19.30".');
    const hostileWhen: [string, string][] = [
      ["", 'Tulis tanggal dan jamnya, misalnya "Minggu 07.00" atau "7/12 19.30".'],
      ["   \t ", 'Tulis tanggal dan jamnya, misalnya "Minggu 07.00" atau "7/12 19.30".'],
      ["x".repeat(10_000), 'Terlalu panjang. Tulis singkat saja, misalnya "Minggu 07.00".'],
      ["😀🎉", unrecognised],
      ["2,5", unrecognised],
      ["-1", unrecognised],
      ["'; DROP TABLE event;--", unrecognised],
      ["jam 7", 'Jam berapa tepatnya, pagi atau malam? Tulis misalnya "jam 7 pagi" atau "19.00".'],
      ["Minggu jam 7", 'Jam berapa tepatnya, pagi atau malam? Tulis misalnya "jam 7 pagi" atau "19.00".'],
      ["kemarin 07.00", 'Waktu itu sudah lewat. Tulis waktu yang akan datang, misalnya "Minggu 07.00".'],
      ["hari ini 09.00", 'Waktu itu sudah lewat. Tulis waktu yang akan datang, misalnya "Minggu 07.00".'],
      ["31/2", 'Tanggal itu tidak ada di kalender. Contoh: "7/12" untuk 7 Desember.'],
      ["31/2 07.00", 'Tanggal itu tidak ada di kalender. Contoh: "7/12" untuk 7 Desember.'],
      ["7/12/2028 07.00", "Itu lebih dari setahun lagi. Tulis tanggal dalam setahun ke depan."],
      ["25.00", 'Jam itu tidak ada. Tulis antara 00.00 dan 23.59, misalnya "07.00".'],
    ];
    for (const [text, reply] of hostileWhen) await asked(text, reply);
    await asked(photoUpdate(harness, ketua), TEXT_EXPECTED);

    // A date alone: then the time, with its own refusals.
    await asked("lusa", askTime("Selasa, 24 November 2026"));
    const timeOnly = 'Tulis jamnya saja, misalnya "07.00" atau "jam 7 malam".';
    await asked("", timeOnly);
    await asked("😀", timeOnly);
    await asked("Minggu 07.00", timeOnly); // the date was given already
    await asked("2,5", timeOnly);
    await asked("jam 7", 'Jam berapa tepatnya, pagi atau malam? Tulis misalnya "jam 7 pagi" atau "19.00".');
    await asked("25.00", 'Jam itu tidak ada. Tulis antara 00.00 dan 23.59, misalnya "07.00".');
    await asked(photoUpdate(harness, ketua), TEXT_EXPECTED);
    await asked("jam 7 pagi", ASK_PLACE);

    const hostilePlace: [string, string][] = [
      ["", "Isian masih kosong. Silakan tulis lagi."],
      ["  \n ", "Isian masih kosong. Silakan tulis lagi."],
      ["x".repeat(10_000), "Terlalu panjang: paling banyak 80 karakter."],
      ["A", "Terlalu pendek: paling sedikit 2 huruf."],
      ["😀 Pos", "Gunakan huruf, angka, spasi, dan tanda . , / - # ( ) & : saja (tanpa emoji). Contoh: Pos kamling RT 05."],
      ["-1", "Gunakan huruf, angka, spasi, dan tanda . , / - # ( ) & : saja (tanpa emoji). Contoh: Pos kamling RT 05."],
      ["'; DROP TABLE event;--", "Gunakan huruf, angka, spasi, dan tanda . , / - # ( ) & : saja (tanpa emoji). Contoh: Pos kamling RT 05."],
    ];
    for (const [text, reply] of hostilePlace) await asked(text, reply);
    await asked(photoUpdate(harness, ketua), TEXT_EXPECTED);
    await asked("  Pos   kamling   Blok C ", ASK_NOTES);

    await asked("", "Isian masih kosong. Silakan tulis lagi.");
    await asked(" \n\t ", "Isian masih kosong. Silakan tulis lagi.");
    await asked("x".repeat(10_000), "Terlalu panjang: paling banyak 500 karakter.");
    await asked(photoUpdate(harness, ketua), TEXT_EXPECTED);
    const notes = "Bawa cangkul 🧹, karung & air minum 💧\n'; DROP TABLE event;-- iuran 2,5 juta";
    await asked(notes, ASK_REPEAT);

    await asked("setiap minggu", USE_BUTTONS);
    await asked(photoUpdate(harness, ketua), USE_BUTTONS);
    await harness.press(ketua, "Sekali saja");
    expect(harness.lastText(ketua)).toContain("Periksa kembali:");
    await asked("ya", USE_BUTTONS);
    expect(await storedEvents()).toEqual({ events: [], occurrences: [] });
    await harness.press(ketua, "Simpan");

    const [created] = await database.db.select().from(event);
    expect(created).toMatchObject({ place: "Pos kamling Blok C", notes, firstStartsAt: new Date("2026-11-24T00:00:00Z"), recurrence: { kind: "none" } });
    expect(await occurrencesOf(created!.id)).toHaveLength(1);
  });

  describe("cancelled at any step, stores nothing", () => {
    type Step = { name: string; reach: (ketua: TestUser) => Promise<void>; cancel: (ketua: TestUser) => Promise<void>; reply: string };
    const toKind = async (ketua: TestUser) => {
      await harness.send(ketua, "/acara");
    };
    const toWhen = async (ketua: TestUser) => {
      await toKind(ketua);
      await harness.press(ketua, GOTONG_ROYONG);
    };
    const toTime = async (ketua: TestUser) => {
      await toWhen(ketua);
      await harness.send(ketua, "lusa");
    };
    const toPlace = async (ketua: TestUser) => {
      await toTime(ketua);
      await harness.send(ketua, "07.00");
    };
    const toNotes = async (ketua: TestUser) => {
      await toPlace(ketua);
      await harness.press(ketua, "Pos kamling");
    };
    const toRepeat = async (ketua: TestUser) => {
      await toNotes(ketua);
      await harness.send(ketua, "bawa sapu");
    };
    const toSummary = async (ketua: TestUser) => {
      await toRepeat(ketua);
      await harness.press(ketua, "Setiap minggu");
    };
    const slash = async (ketua: TestUser) => {
      await harness.send(ketua, "/batal");
    };
    const CANCELLED = "Dibatalkan. Tidak ada yang diubah.";
    const SLASH_CANCELLED = "Baik, dibatalkan. Ketik /bantuan untuk melihat perintah.";
    const steps: Step[] = [
      { name: "the kind, with its Batal button", reach: toKind, cancel: (k) => harness.press(k, "Batal").then(() => {}), reply: CANCELLED },
      { name: "the kind, with /batal", reach: toKind, cancel: slash, reply: SLASH_CANCELLED },
      { name: "the date", reach: toWhen, cancel: slash, reply: SLASH_CANCELLED },
      { name: "the time", reach: toTime, cancel: slash, reply: SLASH_CANCELLED },
      { name: "the place", reach: toPlace, cancel: slash, reply: SLASH_CANCELLED },
      { name: "the notes", reach: toNotes, cancel: slash, reply: SLASH_CANCELLED },
      { name: "the repetition", reach: toRepeat, cancel: slash, reply: SLASH_CANCELLED },
      { name: "the summary, with its Batal button", reach: toSummary, cancel: (k) => harness.press(k, "Batal").then(() => {}), reply: CANCELLED },
      { name: "the summary, with /batal", reach: toSummary, cancel: slash, reply: SLASH_CANCELLED },
      { name: "the summary, with another command", reach: toSummary, cancel: (k) => harness.send(k, "/profil").then(() => {}), reply: "" },
    ];
    it.each(steps)("at $name", async (step) => {
      const { ketua } = await rt05();
      await step.reach(ketua);
      await step.cancel(ketua);
      if (step.reply) expect(harness.lastText(ketua)).toBe(step.reply);
      // The conversation is over: a time now is just a message, and the old buttons do nothing.
      await harness.send(ketua, "Minggu 07.00");
      expect(harness.lastText(ketua)).toBe(FALLBACK);
      const isSave = (data: string) => eventSummary.read(data)?.action === "save";
      const saveButton = shownMessages(harness.telegram, ketua.id).find((m) => callbackDataOf(m).some(isSave));
      if (saveButton) await pressOn(harness, ketua, saveButton, callbackDataOf(saveButton).find(isSave)!);
      expect(await storedEvents()).toEqual({ events: [], occurrences: [] });
    });
  });

  it("refuses when the time has passed by the time Simpan is pressed, or the ketua lost the role meanwhile", async () => {
    const { ketua } = await rt05();
    await harness.send(ketua, "/acara");
    await harness.press(ketua, "Ronda");
    await harness.send(ketua, "nanti malam 22.00");
    await harness.press(ketua, "Pos kamling");
    await harness.press(ketua, "Lewati");
    await harness.press(ketua, "Sekali saja");
    harness.now = new Date("2026-11-22T15:30:00Z"); // 22.30: the ketua pressed Simpan too late
    await harness.press(ketua, "Simpan");
    expect(harness.lastText(ketua)).toBe("Waktu itu sudah lewat. Pilih waktu yang akan datang.");
    expect(await storedEvents()).toEqual({ events: [], occurrences: [] });

    harness.now = new Date("2026-11-22T03:00:00Z");
    await harness.send(ketua, "/acara");
    await harness.press(ketua, "Ronda");
    await harness.send(ketua, "nanti malam 22.00");
    await harness.press(ketua, "Pos kamling");
    await harness.press(ketua, "Lewati");
    await harness.press(ketua, "Sekali saja");
    await database.db.update(roleAssignment).set({ revokedAt: harness.now }).where(eq(roleAssignment.personId, ketua.personId));
    await harness.press(ketua, "Simpan");
    // Stopped at the press, before the save: the form checks the role again with every answer.
    expect(harness.lastText(ketua)).toBe("Maaf, isian ini dihentikan: peran atau wilayah tugas Anda sudah berubah, jadi Anda tidak lagi berwenang atas isian ini. Langkah terakhir tidak dijalankan.");
    expect(await storedEvents()).toEqual({ events: [], occurrences: [] });
  });

  it("is refused to residents, officers, coordinators without an RT and people waiting for approval", async () => {
    const { place, siti } = await rt05();
    const petugas = newUser("Petugas");
    await addPetugas(database.db, petugas, place.id);
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const waiting = newUser("Tunggu");
    await addPending(database.db, waiting, place.id);
    const before = await snapshotState(database.db);
    for (const user of [siti, petugas, koordinator, waiting]) {
      for (const command of ["/acara", "/ubahacara"]) {
        await harness.send(user, command);
        expect(harness.lastText(user)).toBe(NOT_KETUA);
      }
      await harness.send(user, "Minggu 07.00"); // no conversation was entered
      expect(harness.lastText(user)).toBe(FALLBACK);
      await pressData(harness, user, eventKindChoice.data({ kind: "gotong_royong" }));
      await pressData(harness, user, eventSummary.data({ action: "save", rev: 0, form: "abcdef" }));
    }
    expect(await snapshotState(database.db)).toEqual(before);
  });
});

describe("/jadwal and RSVP", () => {
  /** A weekly Sunday gotong royong from 29 November, plus things that must not be listed. */
  async function scheduled() {
    const rt = await rt05();
    const weekly = await schedule(rt.ketua, { firstStartsAt: new Date("2026-11-29T00:00:00Z"), notes: "bawa cangkul 🧹", recurrence: { kind: "weekly", weekday: 0 } });
    // Over already (yesterday evening), cancelled, and beyond the 14 days: none listed.
    const past = await schedule(rt.ketua, { kind: "rapat", firstStartsAt: new Date("2026-11-21T12:00:00Z") }, new Date("2026-11-20T00:00:00Z"));
    const cancelled = await schedule(rt.ketua, { kind: "lainnya", firstStartsAt: new Date("2026-11-25T12:00:00Z") });
    const [cancelledOccurrence] = await occurrencesOf(cancelled.eventId);
    await cancelOccurrence(database.db, await loadActor(database.db, rt.ketua.id, []), cancelledOccurrence!.id, harness.now);
    await schedule(rt.ketua, { kind: "rapat", firstStartsAt: new Date("2026-12-07T12:30:00Z") });
    // Under way right now (started 09.00, ends 11.00): still listed.
    const ongoing = await schedule(rt.ketua, { kind: "rapat", place: "Balai warga", firstStartsAt: new Date("2026-11-22T02:00:00Z") }, new Date("2026-11-21T00:00:00Z"));
    // Another RT's event.
    const other = await addRt(database.db, 6);
    const otherKetua = newUser("Ketua6");
    await addKetua(database.db, otherKetua, other.id);
    await schedule(otherKetua, { firstStartsAt: new Date("2026-11-28T00:00:00Z") });
    const [first] = await occurrencesOf(weekly.eventId);
    const [pastOccurrence] = await occurrencesOf(past.eventId);
    const [ongoingOccurrence] = await occurrencesOf(ongoing.eventId);
    return { ...rt, other, otherKetua, weekly, first: first!, pastOccurrence: pastOccurrence!, cancelledOccurrence: cancelledOccurrence!, ongoingOccurrence: ongoingOccurrence! };
  }

  const itemText = (when: string, counts: [number, number, number], mine?: string) =>
    [
      `📅 ${GOTONG_ROYONG}`,
      `🕒 ${when}`,
      "📍 Pos kamling",
      "📝 bawa cangkul 🧹",
      "🔁 Setiap minggu, hari Minggu",
      `Akan hadir ${counts[0]} · Tidak bisa ${counts[1]} · Mungkin ${counts[2]}`,
      ...(mine ? [`Jawaban Anda: ${mine}`] : []),
    ].join("\n");

  it("shows a resident the next of each kind first, then the rest of the 14 days as a list to open", async () => {
    const { siti } = await scheduled();
    await harness.send(siti, "/jadwal");
    const texts = sentTextsTo(siti);
    expect(texts).toEqual([
      "Kegiatan RT dalam 2 minggu ke depan (3):",
      // Under way: who came counts beside who said they would.
      ["📅 Rapat warga", "🕒 Minggu, 22 November 2026 pukul 09.00 WIB", "📍 Balai warga", "Akan hadir 0 · Tidak bisa 0 · Mungkin 0 · Hadir 0"].join("\n"),
      itemText(SUNDAY_29_NOV, [0, 0, 0]),
      ["Kegiatan lainnya (1). Ketuk nomornya untuk melihat dan menjawab:", `1. ${GOTONG_ROYONG} · Minggu, 6 Desember 2026 pukul 07.00 WIB`].join("\n"),
    ]);
    const item = shownWith(siti, "29 November");
    expect(item.keyboard!.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([["✅ Akan hadir", "❌ Tidak bisa", "🤔 Mungkin"]]);
    await pressOn(harness, siti, shownWith(siti, "Kegiatan lainnya"), `1. ${GOTONG_ROYONG}`);
    expect(harness.lastText(siti)).toBe(itemText("Minggu, 6 Desember 2026 pukul 07.00 WIB", [0, 0, 0]));
    await harness.press(siti, "Akan hadir");
    expect(harness.lastText(siti)).toBe(itemText("Minggu, 6 Desember 2026 pukul 07.00 WIB", [1, 0, 0], "Akan hadir"));
  });

  it("saves one answer per person: a second press changes it, a double tap or a redelivery adds nothing", async () => {
    const { siti, budi, first } = await scheduled();
    await harness.send(siti, "/jadwal");
    const item = shownWith(siti, "29 November");
    const tap = await pressOn(harness, siti, item, "Akan hadir");
    expect(callbackAnswerTo(harness.telegram, tap)?.text).toBe("Tersimpan: Akan hadir");
    expect(shownWith(siti, "29 November").text).toBe(itemText(SUNDAY_29_NOV, [1, 0, 0], "Akan hadir"));
    const rows = () => database.db.select({ personId: rsvp.personId, answer: rsvp.answer }).from(rsvp).where(eq(rsvp.occurrenceId, first.id));
    expect(await rows()).toEqual([{ personId: siti.personId, answer: "hadir" }]);

    // The same update again, and a second tap on the button as it now shows: one row, no edit that changes nothing.
    const edits = harness.telegram.callsOf("editMessageText").length;
    await harness.deliver(tap);
    await pressOn(harness, siti, shownWith(siti, "29 November"), "Akan hadir");
    expect(harness.telegram.callsOf("editMessageText")).toHaveLength(edits);
    await pressOn(harness, siti, item, "Akan hadir"); // a tap carrying the message as it was before the edit
    expect(await rows()).toEqual([{ personId: siti.personId, answer: "hadir" }]);
    expect(shownWith(siti, "29 November").text).toBe(itemText(SUNDAY_29_NOV, [1, 0, 0], "Akan hadir"));

    await pressOn(harness, siti, shownWith(siti, "29 November"), "Tidak bisa");
    expect(shownWith(siti, "29 November").text).toBe(itemText(SUNDAY_29_NOV, [0, 1, 0], "Tidak bisa"));
    expect(await rows()).toEqual([{ personId: siti.personId, answer: "tidak" }]);

    await harness.send(budi, "/jadwal");
    await pressOn(harness, budi, shownWith(budi, "29 November"), "Mungkin");
    expect(shownWith(budi, "29 November").text).toBe(itemText(SUNDAY_29_NOV, [0, 1, 1], "Mungkin"));
    expect(await database.db.select().from(rsvp)).toHaveLength(2);
  });

  it("lets the ketua see the names by answer; nobody else", async () => {
    const { ketua, siti, budi, dewi, eko, first, otherKetua } = await scheduled();
    for (const [user, answer] of [[siti, "Akan hadir"], [budi, "Akan hadir"], [dewi, "Tidak bisa"]] as const) {
      await harness.send(user, "/jadwal");
      await pressOn(harness, user, shownWith(user, "29 November"), answer);
    }
    await harness.send(ketua, "/jadwal");
    const item = shownWith(ketua, "29 November");
    expect(item.text).toBe(itemText(SUNDAY_29_NOV, [2, 1, 0]));
    expect(item.keyboard!.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([["✅ Akan hadir", "❌ Tidak bisa", "🤔 Mungkin"], ["👥 Lihat nama"]]);
    await pressOn(harness, ketua, item, "Lihat nama");
    expect(harness.lastText(ketua)).toBe([`${GOTONG_ROYONG}, ${SUNDAY_29_NOV}`, "✅ Akan hadir: Budi, Siti", "❌ Tidak bisa: Dewi", "🤔 Mungkin: -"].join("\n"));

    const forged = await pressData(harness, eko, rsvpNames.data({ occurrence: first.id }));
    expect(callbackAnswerTo(harness.telegram, forged)).toEqual(expect.objectContaining({ text: NOT_KETUA, show_alert: true }));
    const otherRt = await pressData(harness, otherKetua, rsvpNames.data({ occurrence: first.id }));
    expect(callbackAnswerTo(harness.telegram, otherRt)).toEqual(expect.objectContaining({ text: NOT_ALLOWED, show_alert: true }));
    expect(harness.telegram.textsTo(eko.id).some((t) => t.includes("Budi"))).toBe(false);
    expect(harness.telegram.textsTo(otherKetua.id).some((t) => t.includes("Budi"))).toBe(false);
  });

  it("refuses answers from people waiting for approval, residents of another RT, and for cancelled, past or unknown dates", async () => {
    const { place, first, otherKetua, pastOccurrence, cancelledOccurrence, siti } = await scheduled();
    const waiting = newUser("Tunggu");
    await addPending(database.db, waiting, place.id);
    const before = await snapshotState(database.db);

    await harness.send(waiting, "/jadwal");
    expect(harness.lastText(waiting)).toContain(WAITING);
    const cases: [TestUser, string, string][] = [
      [waiting, rsvpButton.data({ occurrence: first.id, answer: "hadir" }), NOT_RESIDENT],
      [otherKetua, rsvpButton.data({ occurrence: first.id, answer: "hadir" }), NOT_ALLOWED],
      [siti, rsvpButton.data({ occurrence: cancelledOccurrence.id, answer: "hadir" }), "Kegiatan ini sudah dibatalkan."],
      [siti, rsvpButton.data({ occurrence: pastOccurrence.id, answer: "hadir" }), "Waktu itu sudah lewat. Pilih waktu yang akan datang."],
      [siti, rsvpButton.data({ occurrence: 99999, answer: "hadir" }), "Kegiatan tidak ditemukan."],
    ];
    for (const [user, data, reply] of cases) {
      const update = await pressData(harness, user, data);
      expect(callbackAnswerTo(harness.telegram, update), data).toEqual(expect.objectContaining({ text: reply, show_alert: true }));
    }
    const nonsense = await pressData(harness, siti, `${rsvpButton.data({ occurrence: first.id, answer: "hadir" }).replace(/hadir$/, "ya")}`);
    expect(callbackAnswerTo(harness.telegram, nonsense)?.text).toBe("Tombol ini sudah tidak berlaku.");
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("says so when nothing is scheduled, and pages through the rest: nothing is out of reach", async () => {
    const { ketua, siti } = await rt05();
    const otherKetua = newUser("Ketua6");
    await addKetua(database.db, otherKetua, (await addRt(database.db, 6)).id);
    await harness.send(siti, "/jadwal");
    expect(harness.lastText(siti)).toBe("Belum ada kegiatan terjadwal dalam 2 minggu ke depan.");
    for (let day = 0; day < 12; day++) await schedule(ketua, { kind: "rapat", firstStartsAt: new Date(Date.UTC(2026, 10, 23 + day, 12)) });
    await schedule(ketua, { firstStartsAt: new Date("2026-12-06T00:00:00Z") });
    await harness.send(siti, "/jadwal");
    const texts = sentTextsTo(siti).slice(1);
    expect(texts[0]).toBe("Kegiatan RT dalam 2 minggu ke depan (13):");
    // The next rapat and the gotong royong first, even though eleven rapat come before the latter.
    expect(texts[1]).toContain("🕒 Senin, 23 November 2026 pukul 19.00 WIB");
    expect(texts[2]).toContain(`📅 ${GOTONG_ROYONG}`);
    expect(texts).toHaveLength(4);
    const list = shownWith(siti, "Kegiatan lainnya (11)");
    expect(list.text.split("\n")).toHaveLength(9);
    expect(list.text.split("\n")[1]).toBe("1. Rapat warga · Selasa, 24 November 2026 pukul 19.00 WIB");
    expect(list.keyboard!.inline_keyboard.flat().map((b) => b.text)).toEqual([...Array.from({ length: 8 }, (_, i) => `${i + 1}. Rapat warga`), "1/2", "▶"]);
    await pressOn(harness, siti, list, "▶");
    const second = shownWith(siti, "Kegiatan lainnya (11)");
    expect(second.messageId).toBe(list.messageId);
    expect(second.text.split("\n").slice(1)).toEqual([
      "9. Rapat warga · Rabu, 2 Desember 2026 pukul 19.00 WIB",
      "10. Rapat warga · Kamis, 3 Desember 2026 pukul 19.00 WIB",
      "11. Rapat warga · Jumat, 4 Desember 2026 pukul 19.00 WIB",
    ]);
    expect(second.keyboard!.inline_keyboard.flat().map((b) => b.text)).toEqual(["9. Rapat warga", "10. Rapat warga", "11. Rapat warga", "◀", "2/2"]);
    await pressOn(harness, siti, second, "11. Rapat warga");
    expect(harness.lastText(siti)).toContain("🕒 Jumat, 4 Desember 2026 pukul 19.00 WIB");
    expect(harness.buttons(siti)).toEqual(["✅ Akan hadir", "❌ Tidak bisa", "🤔 Mungkin"]);

    // A page past the end shows the last one; a forged page or item is refused, another RT's item too.
    const beyond = await pressData(harness, siti, schedulePage.data({ page: 99 }), list.messageId);
    expect(callbackAnswerTo(harness.telegram, beyond)?.show_alert).toBeUndefined();
    expect(shownWith(siti, "Kegiatan lainnya (11)").text.split("\n")).toHaveLength(4);
    const forged = await pressData(harness, siti, "jadwal.hal:-1");
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe("Tombol ini sudah tidak berlaku.");
    const theirs = await schedule(otherKetua, { firstStartsAt: new Date("2026-11-29T00:00:00Z") });
    const [theirOccurrence] = await occurrencesOf(theirs.eventId);
    const foreign = await pressData(harness, siti, scheduleOpen.data({ occurrence: theirOccurrence!.id }));
    expect(callbackAnswerTo(harness.telegram, foreign)).toEqual(expect.objectContaining({ text: NOT_ALLOWED, show_alert: true }));
    const unknown = await pressData(harness, siti, scheduleOpen.data({ occurrence: 99999 }));
    expect(callbackAnswerTo(harness.telegram, unknown)).toEqual(expect.objectContaining({ text: "Kegiatan tidak ditemukan.", show_alert: true }));
  });

  it("shows ronda nights only to those on duty or on the rota, own duty first, never in place of the other events", async () => {
    const { ketua, place, siti, budi, dewi } = await rt05();
    const nights = [];
    for (let day = 0; day < 10; day++) {
      const made = await schedule(ketua, { kind: "ronda", firstStartsAt: new Date(Date.UTC(2026, 10, 22 + day, 15)) });
      nights.push((await occurrencesOf(made.eventId))[0]!);
    }
    await schedule(ketua, { firstStartsAt: new Date("2026-11-29T00:00:00Z") });
    // Siti is on the rota and on duty on the 25th; Dewi on duty on the 27th (a swap), not on the rota; Budi neither.
    await database.db.insert(rondaVolunteer).values({ rtId: place.id, personId: siti.personId, joinedAt: harness.now });
    await database.db.insert(shiftAssignment).values([
      { occurrenceId: nights[3]!.id, personId: siti.personId, assignedAt: harness.now, source: "rota" },
      { occurrenceId: nights[5]!.id, personId: dewi.personId, assignedAt: harness.now, source: "rota" },
    ]);

    await harness.send(budi, "/jadwal");
    expect(sentTextsTo(budi)).toEqual(["Kegiatan RT dalam 2 minggu ke depan (1):", itemTextOnce(SUNDAY_29_NOV)]);

    await harness.send(dewi, "/jadwal");
    const dewiTexts = sentTextsTo(dewi);
    expect(dewiTexts[0]).toBe("Kegiatan RT dalam 2 minggu ke depan (2):");
    expect(dewiTexts[1]).toBe(["📅 Ronda", "🕒 Jumat, 27 November 2026 pukul 22.00 WIB", "📍 Pos kamling", "🔦 Anda bertugas ronda di malam ini.", "Akan hadir 0 · Tidak bisa 0 · Mungkin 0"].join("\n"));
    expect(dewiTexts[2]).toBe(itemTextOnce(SUNDAY_29_NOV));
    expect(dewiTexts).toHaveLength(3);

    await harness.send(siti, "/jadwal");
    const sitiTexts = sentTextsTo(siti);
    expect(sitiTexts[0]).toBe("Kegiatan RT dalam 2 minggu ke depan (11):");
    expect(sitiTexts[1]).toContain("🕒 Rabu, 25 November 2026 pukul 22.00 WIB\n📍 Pos kamling\n🔦 Anda bertugas");
    expect(sitiTexts[2]).toBe(itemTextOnce(SUNDAY_29_NOV));
    expect(sitiTexts[3]).toMatch(/^Kegiatan lainnya \(9\)/);

    // Budi cannot open a ronda night he is not on by a forged button; Dewi can open only her own.
    const forged = await pressData(harness, budi, scheduleOpen.data({ occurrence: nights[5]!.id }));
    expect(callbackAnswerTo(harness.telegram, forged)).toEqual(expect.objectContaining({ text: NOT_ALLOWED, show_alert: true }));
    const notHers = await pressData(harness, dewi, scheduleOpen.data({ occurrence: nights[3]!.id }));
    expect(callbackAnswerTo(harness.telegram, notHers)).toEqual(expect.objectContaining({ text: NOT_ALLOWED, show_alert: true }));

    // Nor answer one: a forged answer under his own card stores nothing, redraws nothing, and tells no one later.
    const shown = shownMessages(harness.telegram, budi.id);
    const before = await snapshotState(database.db);
    for (const answer of ["hadir", "tidak", "mungkin"] as const) {
      const pressed = await pressData(harness, budi, rsvpButton.data({ occurrence: nights[5]!.id, answer }), shown.at(-1)!.messageId);
      expect(callbackAnswerTo(harness.telegram, pressed), answer).toEqual(expect.objectContaining({ text: NOT_ALLOWED, show_alert: true }));
    }
    await harness.settle();
    expect(await snapshotState(database.db)).toEqual(before);
    expect(shownMessages(harness.telegram, budi.id)).toEqual(shown);
    expect(await database.db.select().from(rsvp)).toEqual([]);
    // Those it concerns still answer: Siti on the rota, Dewi on her own night.
    await pressData(harness, siti, rsvpButton.data({ occurrence: nights[5]!.id, answer: "mungkin" }), shownMessages(harness.telegram, siti.id).at(-1)!.messageId);
    await pressData(harness, dewi, rsvpButton.data({ occurrence: nights[5]!.id, answer: "hadir" }), shownMessages(harness.telegram, dewi.id).at(-1)!.messageId);
    expect(await database.db.select({ personId: rsvp.personId, answer: rsvp.answer }).from(rsvp).orderBy(asc(rsvp.personId))).toEqual(
      [{ personId: siti.personId, answer: "mungkin" }, { personId: dewi.personId, answer: "hadir" }].sort((a, b) => a.personId - b.personId),
    );
  });

  it("reads actual attendance on the card beside the answers given beforehand", async () => {
    const { ketua, siti, budi, dewi, eko } = await rt05();
    const made = await schedule(ketua, { firstStartsAt: new Date("2026-11-22T02:30:00Z"), notes: "bawa cangkul 🧹" }, new Date("2026-11-21T00:00:00Z"));
    const [occurrence] = await occurrencesOf(made.eventId);
    const ketuaActor = await loadActor(database.db, ketua.id, []);
    for (const user of [siti, budi, dewi, eko]) {
      await setRsvp(database.db, await loadActor(database.db, user.id, []), occurrence!.id, user === eko ? "tidak" : "hadir", new Date("2026-11-21T00:00:00Z"));
    }
    for (const user of [siti, budi, dewi, eko]) await tickAttendance(database.db, ketuaActor, { occurrenceId: occurrence!.id, membershipId: user.membershipId, present: true }, harness.now);
    await harness.send(siti, "/jadwal");
    expect(shownWith(siti, "📅").text.split("\n").at(-2)).toBe("Akan hadir 3 · Tidak bisa 1 · Mungkin 0 · Hadir 4");
  });
});

/** The one-off gotong royong of 29 November as a card, nothing answered yet. */
function itemTextOnce(when: string): string {
  return [`📅 ${GOTONG_ROYONG}`, `🕒 ${when}`, "📍 Pos kamling", "Akan hadir 0 · Tidak bisa 0 · Mungkin 0"].join("\n");
}

describe("/ubahacara", () => {
  /** A weekly gotong royong; Siti and Budi (who reads English) will come on the 29th, Dewi cannot, Eko maybe. */
  async function withAnswers() {
    const rt = await rt05();
    const weekly = await schedule(rt.ketua, { firstStartsAt: new Date("2026-11-29T00:00:00Z"), recurrence: { kind: "weekly", weekday: 0 } });
    const first = await occurrenceAt(weekly.eventId, "2026-11-29T00:00:00Z");
    for (const [user, answer] of [[rt.siti, "Akan hadir"], [rt.budi, "Akan hadir"], [rt.dewi, "Tidak bisa"], [rt.eko, "Mungkin"]] as const) {
      await harness.send(user, "/jadwal");
      await pressOn(harness, user, shownWith(user, "29 November"), answer);
    }
    await database.db.update(person).set({ locale: "en" }).where(eq(person.id, rt.budi.personId));
    harness.telegram.clear();
    return { ...rt, weekly, first };
  }

  async function choose(ketua: TestUser, date: string, change: string) {
    await harness.send(ketua, "/ubahacara");
    expect(harness.lastText(ketua)).toBe("Pilih kegiatan:");
    await harness.press(ketua, date);
    expect(harness.lastText(ketua)).toBe("Apa yang diubah?");
    expect(harness.buttons(ketua)).toEqual(["🕒 Ubah waktu", "📍 Ubah tempat", "❌ Batalkan tanggal ini", "🛑 Batalkan ini dan seterusnya", "Batal"]);
    await harness.press(ketua, change);
  }

  it("lists the coming dates of the next four weeks", async () => {
    const { ketua } = await withAnswers();
    await harness.send(ketua, "/ubahacara");
    expect(harness.buttons(ketua)).toEqual([
      `${GOTONG_ROYONG} · ${SUNDAY_29_NOV}`,
      `${GOTONG_ROYONG} · Minggu, 6 Desember 2026 pukul 07.00 WIB`,
      `${GOTONG_ROYONG} · Minggu, 13 Desember 2026 pukul 07.00 WIB`,
      `${GOTONG_ROYONG} · Minggu, 20 Desember 2026 pukul 07.00 WIB`,
      "Batal",
    ]);
    await harness.press(ketua, "Batal");
    expect(harness.lastText(ketua)).toBe("Dibatalkan. Tidak ada yang diubah.");
  });

  it("moves one date and tells each resident once, in their language; a muted one only if they said they would come", async () => {
    const { ketua, siti, budi, dewi, eko, weekly, first } = await withAnswers();
    // Siti said she would come and Eko did not: both muted, only Siti hears of the move.
    await database.db.update(person).set({ announcementsMutedAt: harness.now }).where(inArray(person.id, [siti.personId, eko.personId]));
    const before = await occurrencesOf(weekly.eventId);
    await choose(ketua, "29 November", "Ubah waktu");
    expect(harness.lastText(ketua)).toBe('Waktu yang baru kapan? Misalnya "Minggu 07.00".');
    await harness.send(ketua, "jam 4");
    expect(harness.lastText(ketua)).toBe('Jam berapa tepatnya, pagi atau malam? Tulis misalnya "jam 7 pagi" atau "19.00".');
    await harness.send(ketua, "kemarin 16.00");
    expect(harness.lastText(ketua)).toBe('Waktu itu sudah lewat. Tulis waktu yang akan datang, misalnya "Minggu 07.00".');
    await harness.send(ketua, "Sabtu 16.00");
    expect(harness.lastText(ketua)).toBe(
      [`Periksa kembali:`, `• ${GOTONG_ROYONG}`, `• Semula: ${SUNDAY_29_NOV}`, `• Menjadi: Sabtu, 28 November 2026 pukul 16.00 WIB`, `• Tempat: Pos kamling`].join("\n"),
    );
    expect(harness.buttons(ketua)).toEqual(["💾 Simpan", "Batal", "✏️ Waktu", "✏️ Tempat"]);
    expect(sentTextsTo(siti)).toEqual([]); // nothing before Simpan
    const moved = await harness.press(ketua, "Simpan");
    expect(harness.lastText(ketua)).toBe("Tersimpan: Sabtu, 28 November 2026 pukul 16.00 WIB, di Pos kamling. Pemberitahuan dikirim ke 3 warga.");

    const after = await occurrencesOf(weekly.eventId);
    const changed = after.find((row) => row.id === first.id)!;
    expect(changed.startsAt.toISOString()).toBe("2026-11-28T09:00:00.000Z");
    expect(changed.endsAt.toISOString()).toBe("2026-11-28T12:00:00.000Z");
    expect(after.filter((row) => row.id !== first.id)).toEqual(before.filter((row) => row.id !== first.id));
    expect(await database.db.select().from(rsvp).where(eq(rsvp.occurrenceId, first.id))).toHaveLength(4); // the answers stay

    expect(sentTextsTo(siti)).toEqual([`Perubahan jadwal: ${GOTONG_ROYONG} yang semula ${SUNDAY_29_NOV} pindah ke Sabtu, 28 November 2026 pukul 16.00 WIB, di Pos kamling.`]);
    expect(sentTextsTo(budi)).toEqual([
      harness.deps.i18n.t("en", "event-changed-notice", { kind: harness.deps.i18n.t("en", "event-kind-gotong_royong"), before: "Sunday, 29 November 2026 at 07:00 WIB", when: "Saturday, 28 November 2026 at 16:00 WIB", place: "Pos kamling" }),
    ]);
    expect(sentTextsTo(budi)[0]).toMatch(/^Schedule change: /);
    expect(sentTextsTo(dewi)).toHaveLength(1);
    expect(sentTextsTo(eko)).toEqual([]);
    expect(sentTextsTo(ketua).filter((text) => text.startsWith("Perubahan jadwal"))).toEqual([]);
    // The answers can be given again under the notice.
    await pressOn(harness, dewi, shownWith(dewi, "Perubahan jadwal"), "Akan hadir");
    expect(await database.db.select({ answer: rsvp.answer }).from(rsvp).where(and(eq(rsvp.occurrenceId, first.id), eq(rsvp.personId, dewi.personId)))).toEqual([{ answer: "hadir" }]);

    // The same update again, even after a restart: nobody is told twice.
    await harness.deliver(moved);
    harness.restart();
    await harness.deliver(moved);
    expect(sentTextsTo(siti)).toHaveLength(1);
    expect(sentTextsTo(budi)).toHaveLength(1);
    expect(sentTextsTo(dewi)).toHaveLength(1);

    // The daily job does not bring the old date back.
    await extendOccurrences(database.db, harness.now);
    expect(iso((await occurrencesOf(weekly.eventId)).map((row) => row.startsAt))).not.toContain("2026-11-29T00:00:00.000Z");
    expect(await occurrencesOf(weekly.eventId)).toHaveLength(before.length);
  });

  it("refuses clearly to move a date onto another date of the same series", async () => {
    const { ketua, siti, weekly } = await withAnswers();
    const before = await occurrencesOf(weekly.eventId);
    await choose(ketua, "29 November", "Ubah waktu");
    await harness.send(ketua, "6/12 07.00");
    await harness.press(ketua, "Simpan");
    const taken = "Kegiatan ini sudah punya jadwal pada waktu itu (termasuk yang dibatalkan). Pilih waktu lain, lalu kirim /ubahacara lagi.";
    expect(harness.lastText(ketua)).toBe(taken);
    expect(await occurrencesOf(weekly.eventId)).toEqual(before);
    expect(sentTextsTo(siti)).toEqual([]);

    // Onto a cancelled date of the series too: the slot is still the series'.
    const actor = await loadActor(database.db, ketua.id, []);
    await cancelOccurrence(database.db, actor, (await occurrenceAt(weekly.eventId, "2026-12-13T00:00:00Z")).id, harness.now);
    const withCancelled = await occurrencesOf(weekly.eventId);
    await choose(ketua, "29 November", "Ubah waktu");
    await harness.send(ketua, "13/12 07.00");
    await harness.press(ketua, "Simpan");
    expect(harness.lastText(ketua)).toBe(taken);
    expect(await occurrencesOf(weekly.eventId)).toEqual(withCancelled);
  });

  it("changes the place of one date and tells the residents", async () => {
    const { ketua, siti, dewi, weekly, first } = await withAnswers();
    await choose(ketua, "29 November", "Ubah tempat");
    expect(harness.lastText(ketua)).toBe(ASK_PLACE);
    await harness.send(ketua, "😀");
    expect(harness.lastText(ketua)).toContain("tanpa emoji");
    await harness.send(ketua, "Balai warga RT 05");
    await harness.press(ketua, "Simpan");
    expect(harness.lastText(ketua)).toBe(`Tersimpan: ${SUNDAY_29_NOV}, di Balai warga RT 05. Pemberitahuan dikirim ke 4 warga.`);
    const rows = await occurrencesOf(weekly.eventId);
    expect(rows.find((row) => row.id === first.id)).toMatchObject({ place: "Balai warga RT 05", startsAt: first.startsAt, endsAt: first.endsAt });
    expect(rows.filter((row) => row.id !== first.id).every((row) => row.place === "Pos kamling")).toBe(true);
    expect(sentTextsTo(siti)).toEqual([`Perubahan jadwal: ${GOTONG_ROYONG} yang semula ${SUNDAY_29_NOV} pindah ke ${SUNDAY_29_NOV}, di Balai warga RT 05.`]);
    expect(sentTextsTo(dewi)).toEqual(sentTextsTo(siti));
  });

  it("cancels one date: gone from /jadwal, the others stay, each resident is told once", async () => {
    const { ketua, siti, budi, dewi, eko, weekly, first } = await withAnswers();
    await choose(ketua, "29 November", "Batalkan tanggal ini");
    expect(harness.lastText(ketua)).toBe("Dibatalkan. Pemberitahuan dikirim ke 4 warga.");
    const rows = await occurrencesOf(weekly.eventId);
    expect(rows.filter((row) => row.cancelledAt !== null).map((row) => row.id)).toEqual([first.id]);
    expect(rows).toHaveLength(8);
    expect(sentTextsTo(siti)).toEqual([`Dibatalkan: ${GOTONG_ROYONG} pada ${SUNDAY_29_NOV}.`]);
    expect(sentTextsTo(budi)).toEqual([`Cancelled: ${harness.deps.i18n.t("en", "event-kind-gotong_royong")} on Sunday, 29 November 2026 at 07:00 WIB.`]);
    expect(sentTextsTo(dewi)).toEqual(sentTextsTo(siti));
    harness.telegram.clear();
    await harness.send(eko, "/jadwal");
    expect(sentTextsTo(eko)).toEqual(["Kegiatan RT dalam 2 minggu ke depan (1):", expect.stringContaining("Minggu, 6 Desember 2026")]);
    expect(await extendOccurrences(database.db, harness.now)).toBe(0);
  });

  it("cancels a date and all later ones, leaving the earlier ones, and tells each resident once", async () => {
    const { ketua, siti, budi, dewi, weekly } = await withAnswers();
    // Answers on later dates: Siti on the 13th, Budi on the 20th and 27th, Dewi cannot on the 13th.
    const actorOf = async (user: TestUser) => loadActor(database.db, user.id, []);
    for (const [user, date, answer] of [
      [siti, "2026-12-13T00:00:00Z", "hadir"],
      [budi, "2026-12-20T00:00:00Z", "hadir"],
      [budi, "2026-12-27T00:00:00Z", "hadir"],
      [dewi, "2026-12-13T00:00:00Z", "tidak"],
    ] as const) {
      await setRsvp(database.db, await actorOf(user), (await occurrenceAt(weekly.eventId, date)).id, answer, harness.now);
    }
    await choose(ketua, "13 Desember", "Batalkan ini dan seterusnya");
    expect(harness.lastText(ketua)).toBe("Kegiatan ini dan semua tanggal berikutnya dibatalkan. Pemberitahuan dikirim ke 4 warga.");
    const rows = await occurrencesOf(weekly.eventId);
    expect(rows.map((row) => [row.startsAt.toISOString().slice(0, 10), row.cancelledAt !== null])).toEqual([
      ["2026-11-29", false],
      ["2026-12-06", false],
      ["2026-12-13", true],
      ["2026-12-20", true],
      ["2026-12-27", true],
      ["2027-01-03", true],
      ["2027-01-10", true],
      ["2027-01-17", true],
    ]);
    expect(sentTextsTo(siti)).toEqual([`Dibatalkan: ${GOTONG_ROYONG} pada Minggu, 13 Desember 2026 pukul 07.00 WIB dan tanggal-tanggal berikutnya.`]);
    expect(sentTextsTo(budi)).toHaveLength(1);
    expect(sentTextsTo(dewi)).toEqual(sentTextsTo(siti));
    const [series] = await database.db.select().from(event).where(eq(event.id, weekly.eventId));
    expect(series?.cancelledAt).not.toBeNull();
    expect(await extendOccurrences(database.db, new Date("2027-02-01T00:00:00Z"))).toBe(0);
  });

  it("tells nobody twice when the answer to the ketua fails after the change and Telegram sends the update again", async () => {
    const { ketua, siti, budi, first } = await withAnswers();
    await choose(ketua, "29 November", "Ubah waktu");
    await harness.send(ketua, "Sabtu 16.00");
    harness.telegram.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, { chatId: ketua.id });
    const summary = harness.telegram.lastKeyboardIn(ketua.id);
    const save = summary.keyboard.inline_keyboard.flat().find((button) => button.text.includes("Simpan")) as { callback_data: string };
    const update = harness.callbackUpdate(ketua, save.callback_data, summary.messageId);
    await expect(harness.deliver(update)).rejects.toThrow();
    const [row] = await database.db.select().from(eventOccurrence).where(eq(eventOccurrence.id, first.id));
    expect(row?.startsAt.toISOString()).toBe("2026-11-28T09:00:00.000Z");
    expect(sentTextsTo(siti)).toHaveLength(1);
    const before = await snapshotState(database.db);
    await harness.deliver(update); // the failed update's claim was released: it runs again
    expect(sentTextsTo(siti)).toHaveLength(1);
    expect(sentTextsTo(budi)).toHaveLength(1);
    const after = await snapshotState(database.db);
    expect(after.event_occurrence).toEqual(before.event_occurrence);
    expect(after.outbox).toEqual(before.outbox);
  });

  it("says so when there is nothing to change, and changes nothing on Batal", async () => {
    const { ketua } = await rt05();
    await harness.send(ketua, "/ubahacara");
    expect(harness.lastText(ketua)).toBe("Belum ada kegiatan yang akan datang.");
    await schedule(ketua, { firstStartsAt: new Date("2026-11-29T00:00:00Z") });
    const before = await snapshotState(database.db);
    await choose(ketua, "29 November", eventChange.data({ change: "back" }));
    expect(harness.lastText(ketua)).toBe("Dibatalkan. Tidak ada yang diubah.");
    const after = await snapshotState(database.db);
    expect(after.event_occurrence).toEqual(before.event_occurrence);
    expect(after.event).toEqual(before.event);
  });
});

describe("check-in with a code", () => {
  /** Gotong royong on Sunday 29 November, 07.00–10.00 WIB; the clock at 07.10. */
  async function duringEvent() {
    const rt = await rt05();
    const petugas = newUser("Petugas");
    const petugasMember = await addPetugas(database.db, petugas, rt.place.id);
    const created = await schedule(rt.ketua, { firstStartsAt: new Date("2026-11-29T00:00:00Z") });
    const [occurrence] = await occurrencesOf(created.eventId);
    harness.now = new Date("2026-11-29T00:10:00Z");
    return { ...rt, petugas: { ...petugas, ...petugasMember } as Resident, occurrence: occurrence! };
  }

  async function showCode(officer: TestUser): Promise<string> {
    await harness.send(officer, "/kodehadir");
    expect(harness.lastText(officer)).toBe("Kode hadir untuk kegiatan mana?");
    expect(harness.buttons(officer)).toEqual([`${GOTONG_ROYONG} · ${SUNDAY_29_NOV}`]);
    await harness.press(officer, SUNDAY_29_NOV);
    const text = harness.lastText(officer);
    const match = /^Kode hadir Gotong royong \/ kerja bakti: ([A-HJ-NP-Z2-9]{6})\nWarga cukup mengirim kode ini ke bot\. Berlaku sampai pukul 10\.30 WIB\.$/.exec(text);
    expect(match, text).not.toBeNull();
    return match![1]!;
  }

  const participationRows = () => database.db.select().from(participation);

  it("shows the ketua and a petugas the same six-character code; a resident checks in once with it", async () => {
    const { ketua, petugas, siti, budi, occurrence, place } = await duringEvent();
    const code = await showCode(ketua);
    expect(await showCode(petugas)).toBe(code);

    const spaced = `${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`;
    await harness.send(siti, spaced);
    // The thanks, and what it counted for (issue 17; its figures are test/bot/indikator.test.ts's).
    expect(harness.lastText(siti).split("\n")).toEqual([`Terima kasih! Kehadiran Anda di ${GOTONG_ROYONG} sudah tercatat.`, expect.stringMatching(/^🤝 Dihitung untuk B7: /)]);
    expect(await participationRows()).toEqual([
      expect.objectContaining({
        sourceKey: `occurrence:${occurrence.id}:person:${siti.personId}`,
        rtId: place.id,
        personId: siti.personId,
        householdLabel: "Rumah 1",
        kind: "gotong_royong",
        occurredAt: harness.now,
        verified: true,
        source: "checkin-code",
        occurrenceId: occurrence.id,
        recordedBy: siti.personId,
        revokedAt: null,
      }),
    ]);

    const before = await snapshotState(database.db);
    await harness.send(siti, code);
    expect(harness.lastText(siti).split("\n")[0]).toBe(`Kehadiran Anda di ${GOTONG_ROYONG} sudah tercatat sebelumnya.`);
    await harness.send(siti, `/hadir ${code}`);
    expect(harness.lastText(siti).split("\n")[0]).toBe(`Kehadiran Anda di ${GOTONG_ROYONG} sudah tercatat sebelumnya.`);
    expect((await snapshotState(database.db)).participation).toEqual(before.participation);

    await harness.send(budi, `/hadir  ${code.toLowerCase()} `);
    expect(harness.lastText(budi).split("\n")[0]).toBe(`Terima kasih! Kehadiran Anda di ${GOTONG_ROYONG} sudah tercatat.`);
    await harness.send(budi, "/hadir");
    expect(harness.lastText(budi)).toBe("Kirim kode hadir dari ketua RT, misalnya: /hadir ABC234");
    expect(await participationRows()).toHaveLength(2);
  });

  it("is open from 30 minutes before the start to 30 minutes after the end", async () => {
    const { ketua, siti, budi, dewi, occurrence } = await duringEvent();
    harness.now = new Date("2026-11-28T23:20:00Z"); // 06.20: too early
    await harness.send(ketua, "/kodehadir");
    expect(harness.lastText(ketua)).toBe("Tidak ada kegiatan yang sedang berlangsung atau baru selesai.");
    const early = await pressData(harness, ketua, checkinCode.data({ occurrence: occurrence.id }));
    expect(callbackAnswerTo(harness.telegram, early)).toEqual(expect.objectContaining({ text: "Kehadiran belum dibuka. Kode bisa dipakai mulai 30 menit sebelum kegiatan.", show_alert: true }));
    expect((await occurrencesOf(occurrence.eventId))[0]?.checkinCode).toBeNull();

    harness.now = new Date("2026-11-28T23:30:00Z"); // 06.30: open
    const code = await showCode(ketua);
    harness.now = new Date("2026-11-28T23:29:00Z"); // a resident whose clock says 06.29
    await harness.send(siti, code);
    expect(harness.lastText(siti)).toBe("Kehadiran belum dibuka. Kode bisa dipakai mulai 30 menit sebelum kegiatan.");

    harness.now = new Date("2026-11-29T03:30:00Z"); // 10.30: the last minute
    await harness.send(budi, code);
    expect(harness.lastText(budi).split("\n")[0]).toBe(`Terima kasih! Kehadiran Anda di ${GOTONG_ROYONG} sudah tercatat.`);
    harness.now = new Date("2026-11-29T03:31:00Z"); // 10.31: closed
    await harness.send(dewi, code);
    expect(harness.lastText(dewi)).toBe("Waktu mencatat kehadiran untuk kegiatan ini sudah lewat.");
    const late = await pressData(harness, ketua, checkinCode.data({ occurrence: occurrence.id }));
    expect(callbackAnswerTo(harness.telegram, late)?.text).toBe("Waktu mencatat kehadiran untuk kegiatan ini sudah lewat.");
    expect((await participationRows()).map((row) => row.personId)).toEqual([budi.personId]);
  });

  it("refuses another RT's residents, unknown codes, people waiting for approval, and codes of cancelled dates", async () => {
    const { ketua, place, siti, occurrence } = await duringEvent();
    const code = await showCode(ketua);
    const other = await addRt(database.db, 6);
    const outsider = newUser("Luar");
    await addMember(database.db, outsider, other.id);
    const waiting = newUser("Tunggu");
    await addPending(database.db, waiting, place.id);

    await harness.send(outsider, code);
    expect(harness.lastText(outsider)).toBe("Kode ini untuk kegiatan RT lain.");
    await harness.send(outsider, `/hadir ${code}`);
    expect(harness.lastText(outsider)).toBe("Kode ini untuk kegiatan RT lain.");
    const unknown = code === "ZZZ222" ? "YYY222" : "ZZZ222"; // shaped like a real code: letters and a digit
    await harness.send(siti, unknown);
    expect(harness.lastText(siti)).toBe("Kode hadir tidak dikenal. Periksa lagi kode dari ketua RT atau petugas.");
    await harness.send(siti, "/hadir 12345");
    expect(harness.lastText(siti)).toBe("Kode hadir tidak dikenal. Periksa lagi kode dari ketua RT atau petugas.");
    await harness.send(waiting, code);
    expect(harness.lastText(waiting)).toBe(FALLBACK);
    await harness.send(waiting, `/hadir ${code}`);
    expect(harness.lastText(waiting)).toContain(WAITING);
    const forged = await pressData(harness, siti, checkinCode.data({ occurrence: occurrence.id }));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe(NOT_OFFICER);
    expect(await participationRows()).toEqual([]);

    await cancelOccurrence(database.db, await loadActor(database.db, ketua.id, []), occurrence.id, harness.now);
    await harness.send(siti, code);
    expect(harness.lastText(siti)).toBe("Kode hadir tidak dikenal. Periksa lagi kode dari ketua RT atau petugas.");
    expect(await participationRows()).toEqual([]);
  });

  it("refuses /kodehadir to residents and to officers of another RT", async () => {
    const { siti, occurrence } = await duringEvent();
    await harness.send(siti, "/kodehadir");
    expect(harness.lastText(siti)).toBe(NOT_OFFICER);
    const other = await addRt(database.db, 6);
    const otherPetugas = newUser("PetugasLain");
    await addPetugas(database.db, otherPetugas, other.id);
    await harness.send(otherPetugas, "/kodehadir");
    expect(harness.lastText(otherPetugas)).toBe("Tidak ada kegiatan yang sedang berlangsung atau baru selesai.");
    const forged = await pressData(harness, otherPetugas, checkinCode.data({ occurrence: occurrence.id }));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe(NOT_ALLOWED);
    expect((await occurrencesOf(occurrence.eventId))[0]?.checkinCode).toBeNull();
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("gives two officers opening the code at the same moment, on two connections, one code", async () => {
    const { ketua, petugas, occurrence } = await duringEvent();
    const second = await openDatabase({ kind: "postgres", url: database.url! });
    try {
      for (let round = 0; round < 5; round++) {
        await database.db.update(eventOccurrence).set({ checkinCode: null }).where(eq(eventOccurrence.id, occurrence.id));
        const [a, b] = await Promise.all([
          openCheckin(database.db, await loadActor(database.db, ketua.id, []), occurrence.id, harness.now),
          openCheckin(second.db, await loadActor(second.db, petugas.id, []), occurrence.id, harness.now),
        ]);
        expect(a.code).toBe(b.code);
        const [row] = await database.db.select().from(eventOccurrence).where(eq(eventOccurrence.id, occurrence.id));
        expect(row?.checkinCode).toBe(a.code);
      }
    } finally {
      await second.close();
    }
  });
});

describe("/absen checklist", () => {
  /** RT 05 with 25 active members (the ketua and Warga 01–24); the event over at 11.00. */
  async function afterEvent() {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Harun");
    const ketuaMember = await addKetua(database.db, ketua, place.id);
    const members: Resident[] = [];
    for (let i = 1; i <= 24; i++) members.push(await resident(newUser(`Warga ${String(i).padStart(2, "0")}`), place.id, `No. ${i}`));
    const created = await schedule(ketua, { firstStartsAt: new Date("2026-11-29T00:00:00Z") });
    const [occurrence] = await occurrencesOf(created.eventId);
    harness.now = new Date("2026-11-29T04:00:00Z");
    return { place, ketua: { ...ketua, ...ketuaMember } as Resident, members, occurrence: occurrence! };
  }

  const CHECKLIST = (present: number) => `Daftar hadir ${GOTONG_ROYONG}, ${SUNDAY_29_NOV}: ${present} dari 25 warga hadir. Ketuk nama untuk mencentang.`;
  const checklistOf = (user: TestUser) => shownWith(user, "Daftar hadir Gotong royong");
  const labels = (message: ShownMessage) => message.keyboard!.inline_keyboard.flat().map((b) => b.text);
  const rowsOf = (personId: number) => database.db.select().from(participation).where(eq(participation.personId, personId));

  async function openChecklist(officer: TestUser, present = 0) {
    await harness.send(officer, "/absen");
    expect(harness.lastText(officer)).toBe("Daftar hadir untuk kegiatan mana?");
    await harness.press(officer, SUNDAY_29_NOV);
    expect(checklistOf(officer).text).toBe(CHECKLIST(present));
  }

  it("pages through 25 members, ten at a time", async () => {
    const { ketua } = await afterEvent();
    await openChecklist(ketua);
    // Under every page, the ketua's "how did it go?" question (issue 17).
    const ASK = "😀 Tanya kepuasan warga yang hadir";
    expect(labels(checklistOf(ketua))).toEqual(["⬜ Harun", ...Array.from({ length: 9 }, (_, i) => `⬜ Warga 0${i + 1}`), "1/3", "▶", ASK]);
    await pressOn(harness, ketua, checklistOf(ketua), "▶");
    expect(labels(checklistOf(ketua))).toEqual([...Array.from({ length: 10 }, (_, i) => `⬜ Warga ${i + 10}`), "◀", "2/3", "▶", ASK]);
    await pressOn(harness, ketua, checklistOf(ketua), "▶");
    expect(labels(checklistOf(ketua))).toEqual([...Array.from({ length: 5 }, (_, i) => `⬜ Warga ${i + 20}`), "◀", "3/3", ASK]);
  });

  it("ticks and unticks: a double tap changes once, the row is kept when unticked and counts again when ticked", async () => {
    const { ketua, members, occurrence, place } = await afterEvent();
    const warga12 = members[11]!;
    await openChecklist(ketua);
    await pressOn(harness, ketua, checklistOf(ketua), "▶");
    const page2 = checklistOf(ketua);
    await pressOn(harness, ketua, page2, "⬜ Warga 12");
    expect(checklistOf(ketua).text).toBe(CHECKLIST(1));
    expect(labels(checklistOf(ketua))).toContain("✅ Warga 12");
    expect(labels(checklistOf(ketua))).toContain("2/3"); // still on the same page
    expect(await rowsOf(warga12.personId)).toEqual([
      expect.objectContaining({
        sourceKey: `occurrence:${occurrence.id}:person:${warga12.personId}`,
        rtId: place.id,
        householdLabel: "No. 12",
        kind: "gotong_royong",
        occurredAt: occurrence.startsAt,
        verified: true,
        source: "ketua-checklist",
        occurrenceId: occurrence.id,
        recordedBy: ketua.personId,
        revokedAt: null,
      }),
    ]);

    const edits = harness.telegram.callsOf("editMessageText").length;
    await pressOn(harness, ketua, page2, "⬜ Warga 12"); // the second tap of a double tap
    expect(harness.telegram.callsOf("editMessageText")).toHaveLength(edits);
    expect(await rowsOf(warga12.personId)).toHaveLength(1);
    expect((await rowsOf(warga12.personId))[0]?.revokedAt).toBeNull();

    const ticked = checklistOf(ketua);
    await pressOn(harness, ketua, ticked, "✅ Warga 12");
    await pressOn(harness, ketua, ticked, "✅ Warga 12"); // double tap on untick
    expect(checklistOf(ketua).text).toBe(CHECKLIST(0));
    const [revoked] = await rowsOf(warga12.personId);
    expect(revoked?.revokedAt).toEqual(harness.now);
    expect(await rowsOf(warga12.personId)).toHaveLength(1);

    harness.now = new Date("2026-11-29T04:05:00Z");
    await pressOn(harness, ketua, checklistOf(ketua), "⬜ Warga 12");
    expect(checklistOf(ketua).text).toBe(CHECKLIST(1));
    const restored = await rowsOf(warga12.personId);
    expect(restored).toHaveLength(1);
    expect(restored[0]).toMatchObject({ revokedAt: null, recordedAt: harness.now, source: "ketua-checklist" });
  });

  it("keeps one row per person mixing code check-in and the checklist, whichever comes first", async () => {
    const { ketua, members, occurrence } = await afterEvent();
    const [w1, w2, w3] = members;
    harness.now = new Date("2026-11-29T00:10:00Z"); // 07.10, during the event
    await harness.send(ketua, "/kodehadir");
    await harness.press(ketua, SUNDAY_29_NOV);
    const code = /: ([A-Z0-9]{6})\n/.exec(harness.lastText(ketua))![1]!;
    await harness.send(w1!, code);
    // Ticked during the event by the ketua, then the resident sends the code too.
    await openChecklist(ketua, 1);
    await pressOn(harness, ketua, checklistOf(ketua), `⬜ ${w2!.first_name}`);
    await pressOn(harness, ketua, checklistOf(ketua), `⬜ ${w3!.first_name}`);
    await harness.send(w2!, code);
    expect(harness.lastText(w2!).split("\n")[0]).toBe(`Kehadiran Anda di ${GOTONG_ROYONG} sudah tercatat sebelumnya.`);

    // Unticked by the ketua, the resident then sends the code while check-in is open: present again.
    await pressOn(harness, ketua, checklistOf(ketua), `✅ ${w3!.first_name}`);
    await harness.send(w3!, code);
    expect(harness.lastText(w3!).split("\n")[0]).toBe(`Terima kasih! Kehadiran Anda di ${GOTONG_ROYONG} sudah tercatat.`);
    expect((await rowsOf(w3!.personId))[0]?.revokedAt).toBeNull();

    // After the event, the ketua sees the code check-in ticked; untick and tick again restores it.
    harness.now = new Date("2026-11-29T04:00:00Z");
    await harness.send(ketua, "/absen");
    await harness.press(ketua, SUNDAY_29_NOV);
    expect(checklistOf(ketua).text).toBe(CHECKLIST(3));
    expect(labels(checklistOf(ketua))).toContain(`✅ ${w1!.first_name}`);
    await pressData(harness, ketua, attendanceTick.data({ occurrence: occurrence.id, membership: w1!.membershipId, present: true, page: 0 })); // a forged second tick: nothing
    await pressOn(harness, ketua, checklistOf(ketua), `✅ ${w1!.first_name}`);
    expect(checklistOf(ketua).text).toBe(CHECKLIST(2));
    await pressOn(harness, ketua, checklistOf(ketua), `⬜ ${w1!.first_name}`);
    expect(checklistOf(ketua).text).toBe(CHECKLIST(3));
    expect(labels(checklistOf(ketua))).toContain(`✅ ${w1!.first_name}`);
    expect((await rowsOf(w1!.personId))[0]?.revokedAt).toBeNull();

    const rows = await database.db.select().from(participation).where(eq(participation.occurrenceId, occurrence.id));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((row) => row.personId))).toEqual(new Set([w1!.personId, w2!.personId, w3!.personId]));
    expect(rows.every((row) => row.revokedAt === null)).toBe(true);
  });

  it("refuses forged buttons for another RT's event or member, and residents", async () => {
    const { occurrence, members, ketua } = await afterEvent();
    const other = await addRt(database.db, 6);
    const otherKetua = newUser("Ketua6");
    await addKetua(database.db, otherKetua, other.id);
    const outsider = await resident(newUser("Luar"), other.id, "No. 1");
    const before = await snapshotState(database.db);
    for (const data of [attendanceOpen.data({ occurrence: occurrence.id }), attendancePage.data({ occurrence: occurrence.id, page: 1 }), attendanceTick.data({ occurrence: occurrence.id, membership: members[0]!.membershipId, present: true, page: 0 })]) {
      const update = await pressData(harness, otherKetua, data);
      expect(callbackAnswerTo(harness.telegram, update), data).toEqual(expect.objectContaining({ text: NOT_ALLOWED, show_alert: true }));
      const byResident = await pressData(harness, members[1]!, data);
      expect(callbackAnswerTo(harness.telegram, byResident)?.text).toBe(NOT_OFFICER);
    }
    const foreignMember = await pressData(harness, ketua, attendanceTick.data({ occurrence: occurrence.id, membership: outsider.membershipId, present: true, page: 0 }));
    expect(callbackAnswerTo(harness.telegram, foreignMember)?.text).toBe("Warga tersebut tidak ditemukan atau sudah tidak aktif.");
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("takes no tick and shows no checklist for a cancelled event, nor for one older than the checklist offers", async () => {
    const { occurrence, members, ketua } = await afterEvent();
    const forged = (occurrenceId: number) => [
      attendanceOpen.data({ occurrence: occurrenceId }),
      attendancePage.data({ occurrence: occurrenceId, page: 1 }),
      attendanceTick.data({ occurrence: occurrenceId, membership: members[0]!.membershipId, present: true, page: 0 }),
    ];
    await cancelOccurrence(database.db, await loadActor(database.db, ketua.id, []), occurrence.id, harness.now);
    await harness.send(ketua, "/absen");
    expect(harness.lastText(ketua)).toBe("Tidak ada kegiatan yang sedang berlangsung atau baru selesai.");
    for (const data of forged(occurrence.id)) {
      const update = await pressData(harness, ketua, data);
      expect(callbackAnswerTo(harness.telegram, update), data).toEqual(expect.objectContaining({ text: "Kegiatan ini sudah dibatalkan.", show_alert: true }));
    }

    // A gotong royong of 120 days ago: the checklist offers the last 7 days, and so does the tick.
    const old = await schedule(ketua, { firstStartsAt: new Date("2026-07-26T00:00:00Z") }, new Date("2026-07-20T00:00:00Z"));
    const [long] = await occurrencesOf(old.eventId);
    for (const data of forged(long!.id)) {
      const update = await pressData(harness, ketua, data);
      expect(callbackAnswerTo(harness.telegram, update), data).toEqual(expect.objectContaining({ text: "Waktu mencatat kehadiran untuk kegiatan ini sudah lewat.", show_alert: true }));
    }
    expect(await database.db.select().from(participation)).toEqual([]);

    // The edge is the same for both: offered and taken until 7 days after the end, neither after.
    const lastWeek = await schedule(ketua, { firstStartsAt: new Date("2026-11-22T00:00:00Z") }, new Date("2026-11-20T00:00:00Z"));
    const [recent] = await occurrencesOf(lastWeek.eventId);
    harness.now = new Date(recent!.endsAt.getTime() + 7 * 86_400_000 - 60_000);
    await harness.send(ketua, "/absen");
    expect(harness.buttons(ketua)).toEqual(["Gotong royong / kerja bakti · Minggu, 22 November 2026 pukul 07.00 WIB"]);
    await pressData(harness, ketua, forged(recent!.id)[2]!);
    expect(await database.db.select({ occurrenceId: participation.occurrenceId }).from(participation)).toEqual([{ occurrenceId: recent!.id }]);
    harness.now = new Date(recent!.endsAt.getTime() + 7 * 86_400_000 + 60_000);
    await harness.send(ketua, "/absen");
    expect(harness.lastText(ketua)).toBe("Tidak ada kegiatan yang sedang berlangsung atau baru selesai.");
    const late = await pressData(harness, ketua, attendanceTick.data({ occurrence: recent!.id, membership: members[1]!.membershipId, present: true, page: 0 }));
    expect(callbackAnswerTo(harness.telegram, late)?.text).toBe("Waktu mencatat kehadiran untuk kegiatan ini sudah lewat.");
    expect(await database.db.select().from(participation)).toHaveLength(1);
  });
});

describe("/pengingat", () => {
  const MENU = ["Pengingat kegiatan untuk Anda: Seperti pengaturan RT.", "Pengingat tugas ronda tetap dikirim. Pilih kapan Bapak/Ibu ingin diingatkan:"].join("\n");

  it("lets a resident choose when to be reminded, within what the RT sends, and stores it for them", async () => {
    const { place, siti } = await rt05();
    const stored = async () => (await database.db.select({ off: person.eventRemindersOffAt, when: person.eventReminderWhen }).from(person).where(eq(person.id, siti.personId)))[0]!;
    await harness.send(siti, "/pengingat");
    expect(harness.lastText(siti)).toBe(MENU);
    expect(harness.buttons(siti)).toEqual(["✅ Seperti pengaturan RT", "Malam sebelumnya, pukul 19.00", "Pagi harinya, pukul 06.00", "2 jam sebelumnya", "Tidak usah diingatkan"]);

    const morning = await harness.press(siti, "Pagi harinya");
    expect(callbackAnswerTo(harness.telegram, morning)?.text).toBe("Tersimpan: Pagi harinya, pukul 06.00");
    expect(harness.lastText(siti)).toBe(MENU.replace("Seperti pengaturan RT.", "Pagi harinya, pukul 06.00."));
    expect(harness.buttons(siti)).toContain("✅ Pagi harinya, pukul 06.00");
    expect(await stored()).toEqual({ off: null, when: "morning" });

    await harness.press(siti, "Tidak usah diingatkan");
    expect(await stored()).toEqual({ off: harness.now, when: "morning" });
    // A double tap later changes nothing; the choice made before comes back with any other choice.
    const first = harness.now;
    harness.now = new Date(first.getTime() + 60_000);
    await harness.press(siti, "Tidak usah diingatkan");
    expect(await stored()).toEqual({ off: first, when: "morning" });
    await harness.press(siti, "Seperti pengaturan RT");
    expect(await stored()).toEqual({ off: null, when: null });

    // The RT sends no evening-before reminder: it is not offered, and a forged press of it is refused.
    await database.db.insert(reminderSetting).values({ rtId: place.id, eveningBefore: null, hoursBefore: 3, rondaDutyAt: "17:00", updatedAt: harness.now });
    await harness.send(siti, "/pengingat");
    expect(harness.buttons(siti)).toEqual(["✅ Seperti pengaturan RT", "Pagi harinya, pukul 06.00", "3 jam sebelumnya", "Tidak usah diingatkan"]);
    const forged = await pressData(harness, siti, myReminders.data({ choice: "evening" }));
    expect(callbackAnswerTo(harness.telegram, forged)).toEqual(expect.objectContaining({ text: "Pengingat itu sedang dimatikan oleh ketua RT. Pilih yang lain dengan /pengingat.", show_alert: true }));
    const nonsense = await pressData(harness, siti, "pengingat.saya:never");
    expect(callbackAnswerTo(harness.telegram, nonsense)?.text).toBe("Tombol ini sudah tidak berlaku.");
    expect(await stored()).toEqual({ off: null, when: null });

    const waiting = newUser("Tunggu");
    await addPending(database.db, waiting, place.id);
    await harness.send(waiting, "/pengingat");
    expect(harness.lastText(waiting)).toContain(WAITING);
    const pressed = await pressData(harness, waiting, myReminders.data({ choice: "off" }));
    expect(callbackAnswerTo(harness.telegram, pressed)).toEqual(expect.objectContaining({ text: NOT_RESIDENT, show_alert: true }));
    const [row] = await database.db.select({ at: person.eventRemindersOffAt }).from(person).where(and(eq(person.telegramId, waiting.id), isNull(person.eventRemindersOffAt)));
    expect(row).toBeDefined();
  });
});
