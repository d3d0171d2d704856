import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { event, eventOccurrence, person } from "../../src/db/schema/index.js";
import { eventSummary, eventWhenChoice } from "../../src/messages/buttons/events.js";
import { addKetua, addMember, addRt, newUser } from "../helpers/fixtures.js";
import { callbackAnswerTo, photoUpdate, pressData, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

// The dates people type into /acara and /ubahacara, and the summary that can edit any field.
// Minggu 22 November 2026, 10.00 WIB unless a test moves the clock.
const { database, harness } = withTestBot();

const GOTONG_ROYONG = "Gotong royong / kerja bakti";
const ASK_WHEN = 'Kapan? Tulis seperti biasa, misalnya "Minggu 07.00", "besok jam 7 pagi", atau "7/12 19.30". Semua waktu dalam WIB.';
const ASK_PLACE = 'Di mana tempatnya? Misalnya "Pos kamling" atau "Masjid Al-Ikhlas".';
const ASK_NOTES = 'Ada catatan untuk warga? Misalnya "bawa cangkul dan karung". Tekan Lewati jika tidak ada.';
const USE_BUTTONS = "Silakan pilih dengan tombol di atas, atau kirim /batal untuk berhenti.";
const STALE = "Tombol ini sudah tidak berlaku.";
const read = (when: string) => `🗓 Tercatat: ${when}`;
const SUMMARY_BUTTONS = ["💾 Simpan", "Batal", "✏️ Jenis", "✏️ Waktu", "✏️ Tempat", "✏️ Catatan", "✏️ Pengulangan"];

function sentTextsTo(user: TestUser): string[] {
  return harness.telegram.callsOf("sendMessage").filter((call) => call.payload.chat_id === user.id).map((call) => String(call.payload.text));
}

async function ketuaOfRt05() {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Harun");
  const { personId } = await addKetua(database.db, ketua, place.id);
  const siti = newUser("Siti");
  await addMember(database.db, siti, place.id, "Rumah 1");
  return { place, ketua: Object.assign(ketua, { personId }), siti };
}

async function stored() {
  return { events: await database.db.select().from(event), occurrences: await database.db.select().from(eventOccurrence).orderBy(asc(eventOccurrence.startsAt)) };
}

/** /acara as a gotong royong, up to the date question. */
async function openForm(ketua: TestUser) {
  await harness.send(ketua, "/acara");
  await harness.press(ketua, GOTONG_ROYONG);
  expect(harness.lastText(ketua)).toBe(ASK_WHEN);
}

/** From the place question to the summary: Pos kamling, no notes, weekly. */
async function toSummary(ketua: TestUser, repeat = "Setiap minggu") {
  await harness.press(ketua, "Pos kamling");
  await harness.press(ketua, "Lewati");
  await harness.press(ketua, repeat);
}

/** The message id of the latest summary in the chat. */
function summaryId(ketua: TestUser): number {
  const found = shownMessages(harness.telegram, ketua.id).filter((message) => message.text.startsWith("Periksa kembali")).at(-1);
  if (!found) throw new Error("no summary");
  return found.messageId;
}

/** The form tag on the latest summary's buttons: what a button of this form carries. */
function summaryForm(ketua: TestUser): string {
  const data = harness.telegram.lastKeyboardIn(ketua.id).keyboard.inline_keyboard.flat().flatMap((button) => ("callback_data" in button && button.callback_data ? [button.callback_data] : []));
  const form = data.map((d) => eventSummary.read(d)?.form).find((tag) => tag !== undefined);
  if (!form) throw new Error("no summary buttons");
  return form;
}

describe("a date just past", () => {
  it("'1/12 07.00' typed on 2 December asks whether next year was meant, instead of silently saving 1 December 2027", async () => {
    harness.now = new Date("2026-12-02T03:00:00Z"); // Rabu 2 Desember 2026, 10.00 WIB
    const { ketua } = await ketuaOfRt05();
    await openForm(ketua);
    await harness.send(ketua, "1/12 07.00");
    expect(harness.lastText(ketua)).toBe("Tanggal 1 Desember 2026 sudah lewat. Maksudnya tahun depan, Rabu, 1 Desember 2027 pukul 07.00 WIB?");
    expect(harness.buttons(ketua)).toEqual(["1 Desember 2027", "✏️ Tulis lagi"]);

    // Anything but a button is asked again; a forged choice does nothing.
    for (const hostile of ["ya", "", "😀", "\u200B", "x".repeat(5000), "1/12/2027 07.00"]) {
      await harness.send(ketua, hostile);
      expect(harness.lastText(ketua)).toBe(USE_BUTTONS);
    }
    await harness.deliver(photoUpdate(harness, ketua));
    expect(harness.lastText(ketua)).toBe(USE_BUTTONS);

    // "Tulis lagi": back to the question, and this time the year written out.
    await harness.press(ketua, "Tulis lagi");
    expect(harness.lastText(ketua)).toBe(ASK_WHEN);
    const question = shownMessages(harness.telegram, ketua.id).find((message) => message.text.startsWith("Tanggal 1 Desember 2026"))!;
    expect(question.keyboard?.inline_keyboard.flat() ?? []).toEqual([]); // its buttons are gone
    const stale = await pressData(harness, ketua, eventWhenChoice.data({ choice: "next-year" }), question.messageId);
    expect(callbackAnswerTo(harness.telegram, stale)?.text).toBe(STALE);
    expect(harness.lastText(ketua)).toBe(ASK_WHEN);

    // Asked again, next year's taken with the button: shown at once, and saved as such.
    await harness.send(ketua, "1 Desember jam 7 pagi");
    await harness.press(ketua, "1 Desember 2027");
    expect(sentTextsTo(ketua).slice(-2)).toEqual([read("Rabu, 1 Desember 2027 pukul 07.00 WIB"), ASK_PLACE]);
    await toSummary(ketua, "Sekali saja");
    await harness.press(ketua, "Simpan");
    const { events } = await stored();
    expect(events.map((row) => row.firstStartsAt.toISOString())).toEqual(["2027-12-01T00:00:00.000Z"]);
  });

  it("a date alone just past: next year's date, then its time", async () => {
    harness.now = new Date("2026-12-02T03:00:00Z");
    const { ketua } = await ketuaOfRt05();
    await openForm(ketua);
    await harness.send(ketua, "30/11");
    expect(harness.lastText(ketua)).toBe("Tanggal 30 November 2026 sudah lewat. Maksudnya tahun depan, Selasa, 30 November 2027?");
    await harness.press(ketua, "30 November 2027");
    expect(harness.lastText(ketua)).toBe('Selasa, 30 November 2027, jam berapa? Misalnya "07.00" atau "jam 7 malam".');
    await harness.send(ketua, "setengah 8 malam");
    expect(sentTextsTo(ketua).slice(-2)).toEqual([read("Selasa, 30 November 2027 pukul 19.30 WIB"), ASK_PLACE]);
  });

  it("today at an hour gone by is plainly past, not next year", async () => {
    harness.now = new Date("2026-12-02T03:00:00Z");
    const { ketua } = await ketuaOfRt05();
    await openForm(ketua);
    await harness.send(ketua, "2/12 07.00");
    expect(harness.lastText(ketua)).toBe('Waktu itu sudah lewat. Tulis waktu yang akan datang, misalnya "Minggu 07.00".');
  });
});

describe("a weekday that does not fit the date", () => {
  it("'Minggu 25 Desember' says 25 December 2026 is a Friday, in the person's language", async () => {
    const { ketua } = await ketuaOfRt05();
    await openForm(ketua);
    await harness.send(ketua, "Minggu 25 Desember");
    expect(harness.lastText(ketua)).toBe("25 Desember 2026 hari Jumat, bukan Minggu. Periksa lagi, lalu tulis tanggalnya saja atau harinya saja.");
    await harness.send(ketua, "Ahad 25/12 jam 7 pagi");
    expect(harness.lastText(ketua)).toBe("25 Desember 2026 hari Jumat, bukan Minggu. Periksa lagi, lalu tulis tanggalnya saja atau harinya saja.");
    // Still at the date: the date alone is taken.
    await harness.send(ketua, "25 Desember 07.00");
    expect(sentTextsTo(ketua).slice(-2)).toEqual([read("Jumat, 25 Desember 2026 pukul 07.00 WIB"), ASK_PLACE]);

    await harness.send(ketua, "/batal");
    await database.db.update(person).set({ locale: "en" }).where(eq(person.id, ketua.personId));
    await openFormInEnglish(ketua);
    await harness.send(ketua, "Minggu 25 Desember");
    expect(harness.lastText(ketua)).toBe("25 December 2026 is a Friday, not a Sunday. Check again, then write only the date or only the day.");
  });
});

async function openFormInEnglish(ketua: TestUser) {
  await harness.send(ketua, "/acara");
  await harness.press(ketua, harness.deps.i18n.t("en", "event-kind-gotong_royong"));
}

describe("what was read is shown right after the date", () => {
  it.each([
    ["6/12 07.00", "Minggu, 6 Desember 2026 pukul 07.00 WIB"],
    ["pekan depan hari Minggu setengah 8 pagi", "Minggu, 29 November 2026 pukul 07.30 WIB"],
    ["minggu depan hari Minggu jam 7 pagi", "Minggu, 29 November 2026 pukul 07.00 WIB"],
    ["Ahad pukul 07.00", "Minggu, 29 November 2026 pukul 07.00 WIB"],
    ["besok jam setengah 8 malam", "Senin, 23 November 2026 pukul 19.30 WIB"],
    ["besok\u200B jam 7\u2060 pagi", "Senin, 23 November 2026 pukul 07.00 WIB"],
  ])("%j → %s", async (typed, when) => {
    const { ketua } = await ketuaOfRt05();
    await openForm(ketua);
    await harness.send(ketua, typed);
    expect(sentTextsTo(ketua).slice(-2)).toEqual([read(when), ASK_PLACE]);
  });

  it("keeps asking through hostile answers, showing nothing until a date is read", async () => {
    const { ketua } = await ketuaOfRt05();
    await openForm(ketua);
    const hostile: [string, string][] = [
      ["25:00", 'Jam itu tidak ada. Tulis antara 00.00 dan 23.59, misalnya "07.00".'],
      ["31/2", 'Tanggal itu tidak ada di kalender. Contoh: "7/12" untuk 7 Desember.'],
      ["setengah 8", 'Jam berapa tepatnya, pagi atau malam? Tulis misalnya "jam 7 pagi" atau "19.00".'],
      ["😀 besok", 'Maaf, tanggal atau jam itu tidak saya kenali. Contoh: "Minggu 07.00", "besok jam 7 pagi", "7 Des 2026 19.30".'],
      ["\u200B\u200E\u2060", 'Tulis tanggal dan jamnya, misalnya "Minggu 07.00" atau "7/12 19.30".'],
      ["7".repeat(50_000), 'Terlalu panjang. Tulis singkat saja, misalnya "Minggu 07.00".'],
      ["'; DROP TABLE event;--", 'Maaf, tanggal atau jam itu tidak saya kenali. Contoh: "Minggu 07.00", "besok jam 7 pagi", "7 Des 2026 19.30".'],
    ];
    for (const [text, reply] of hostile) {
      await harness.send(ketua, text);
      expect(harness.lastText(ketua)).toBe(reply);
    }
    expect(sentTextsTo(ketua).some((text) => text.startsWith("🗓"))).toBe(false);
  });
});

describe("the summary edits any field before Simpan", () => {
  it("/acara: each field asked again and shown again; an earlier summary's Simpan is stale; one Simpan saves the edited values once", async () => {
    const { ketua, place } = await ketuaOfRt05();
    await openForm(ketua);
    await harness.send(ketua, "Minggu 07.00");
    await toSummary(ketua);
    expect(harness.lastText(ketua)).toBe(["Periksa kembali:", `• ${GOTONG_ROYONG}`, "• Minggu, 29 November 2026 pukul 07.00 WIB", "• Tempat: Pos kamling", "• Catatan: -", "• Setiap minggu, hari Minggu"].join("\n"));
    expect(harness.buttons(ketua)).toEqual(SUMMARY_BUTTONS);
    const first = summaryId(ketua);

    // The time: asked again, shown at once; "every week" follows it to Saturday.
    await harness.press(ketua, "✏️ Waktu");
    expect(harness.lastText(ketua)).toBe(ASK_WHEN);
    await harness.send(ketua, "Sabtu setengah 4 sore");
    expect(sentTextsTo(ketua).at(-2)).toBe(read("Sabtu, 28 November 2026 pukul 15.30 WIB"));
    expect(harness.lastText(ketua)).toContain("• Sabtu, 28 November 2026 pukul 15.30 WIB\n• Tempat: Pos kamling\n• Catatan: -\n• Setiap minggu, hari Sabtu");

    // The place, through hostile answers.
    await harness.press(ketua, "✏️ Tempat");
    expect(harness.lastText(ketua)).toBe(ASK_PLACE);
    await harness.send(ketua, "😀");
    expect(harness.lastText(ketua)).toContain("tanpa emoji");
    await harness.send(ketua, "Balai warga RT 05");
    expect(harness.lastText(ketua)).toContain("• Tempat: Balai warga RT 05");

    // The notes, the kind (its Batal keeps it), the repetition.
    await harness.press(ketua, "✏️ Catatan");
    expect(harness.lastText(ketua)).toBe(ASK_NOTES);
    await harness.send(ketua, "bawa cangkul 🧹");
    expect(harness.lastText(ketua)).toContain("• Catatan: bawa cangkul 🧹");
    await harness.press(ketua, "✏️ Jenis");
    await harness.press(ketua, "Batal");
    expect(harness.lastText(ketua)).toContain(`• ${GOTONG_ROYONG}`);
    await harness.press(ketua, "✏️ Jenis");
    await harness.press(ketua, "Rapat warga");
    expect(harness.lastText(ketua)).toContain("• Rapat warga");
    await harness.press(ketua, "✏️ Pengulangan");
    await harness.press(ketua, "Sekali saja");
    const last = harness.lastText(ketua);
    expect(last).toBe(["Periksa kembali:", "• Rapat warga", "• Sabtu, 28 November 2026 pukul 15.30 WIB", "• Tempat: Balai warga RT 05", "• Catatan: bawa cangkul 🧹", "• Sekali saja"].join("\n"));

    // The first summary's Simpan (a tap from before the edits, or a forged one) saves nothing.
    expect(await stored()).toEqual({ events: [], occurrences: [] });
    const form = summaryForm(ketua);
    const stale = await pressData(harness, ketua, eventSummary.data({ action: "save", rev: 0, form }), first);
    expect(callbackAnswerTo(harness.telegram, stale)?.text).toBe(STALE);
    const forged = await pressData(harness, ketua, eventSummary.data({ action: "save", rev: 99, form }), summaryId(ketua));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe(STALE);
    expect(await stored()).toEqual({ events: [], occurrences: [] });
    expect(harness.lastText(ketua)).toBe(last);

    // The current one saves what it shows, once, however often it arrives.
    const save = await harness.press(ketua, "Simpan");
    expect(harness.lastText(ketua)).toBe("Rapat warga pada Sabtu, 28 November 2026 pukul 15.30 WIB sudah dijadwalkan. Pemberitahuan dikirim ke 1 warga.");
    await harness.deliver(save);
    harness.restart();
    await harness.deliver(save);
    const { events, occurrences } = await stored();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ rtId: place.id, kind: "rapat", place: "Balai warga RT 05", notes: "bawa cangkul 🧹", recurrence: { kind: "none" }, firstStartsAt: new Date("2026-11-28T08:30:00Z") });
    expect(occurrences).toHaveLength(1);
  });

  it("/acara: the Simpan of a summary left from an abandoned form does not save the next form", async () => {
    const { ketua } = await ketuaOfRt05();
    await openForm(ketua);
    await harness.send(ketua, "Minggu 07.00");
    await toSummary(ketua);
    const abandoned = summaryId(ketua);
    const oldSave = harness.telegram.lastKeyboardIn(ketua.id).keyboard.inline_keyboard.flat().find((button) => button.text.includes("Simpan"));
    await harness.send(ketua, "/batal");

    // A new /acara, at its first summary too (no edits): the old Simpan is stale there, nothing is saved.
    await openForm(ketua);
    await harness.send(ketua, "Sabtu 16.00");
    await toSummary(ketua, "Sekali saja");
    const last = harness.lastText(ketua);
    expect(last).toContain("• Sabtu, 28 November 2026 pukul 16.00 WIB");
    const stale = await pressData(harness, ketua, (oldSave as { callback_data: string }).callback_data, abandoned);
    expect(callbackAnswerTo(harness.telegram, stale)?.text).toBe(STALE);
    expect(await stored()).toEqual({ events: [], occurrences: [] });
    expect(harness.lastText(ketua)).toBe(last);

    // The new summary's own Simpan saves what it shows.
    await harness.press(ketua, "Simpan");
    const { events } = await stored();
    expect(events).toEqual([expect.objectContaining({ kind: "gotong_royong", recurrence: { kind: "none" }, firstStartsAt: new Date("2026-11-28T09:00:00Z") })]);
  });

  it("/acara: a Simpan tapped twice on the same summary makes one event; Batal after an edit stores nothing", async () => {
    const { ketua } = await ketuaOfRt05();
    await openForm(ketua);
    await harness.send(ketua, "Minggu 07.00");
    await toSummary(ketua);
    await harness.press(ketua, "✏️ Tempat");
    await harness.send(ketua, "Masjid Al-Ikhlas");
    const id = summaryId(ketua);
    const data = eventSummary.data({ action: "save", rev: 1, form: summaryForm(ketua) });
    await pressData(harness, ketua, data, id);
    await pressData(harness, ketua, data, id);
    expect((await stored()).events.map((row) => row.place)).toEqual(["Masjid Al-Ikhlas"]);

    await openForm(ketua);
    await harness.send(ketua, "Senin 19.30");
    await toSummary(ketua);
    await harness.press(ketua, "✏️ Waktu");
    await harness.send(ketua, "Selasa 19.30");
    const before = await stored();
    await harness.press(ketua, "Batal");
    expect(harness.lastText(ketua)).toBe("Dibatalkan. Tidak ada yang diubah.");
    expect(await stored()).toEqual(before);
    expect(before.events).toHaveLength(1);
  });

  it("/acara: nobody else can press the summary's buttons", async () => {
    const { ketua, siti } = await ketuaOfRt05();
    await openForm(ketua);
    await harness.send(ketua, "Minggu 07.00");
    await toSummary(ketua);
    for (const action of ["save", "place", "when"] as const) await pressData(harness, siti, eventSummary.data({ action, rev: 0, form: summaryForm(ketua) }));
    expect(await stored()).toEqual({ events: [], occurrences: [] });
    expect(harness.buttons(ketua)).toEqual(SUMMARY_BUTTONS); // the ketua's form is untouched
  });

  it("/ubahacara: a move's summary edits the time and the place; the earlier Simpan is stale; saved once", async () => {
    const { ketua } = await ketuaOfRt05();
    await openForm(ketua);
    await harness.send(ketua, "Minggu 07.00");
    await toSummary(ketua, "Sekali saja");
    await harness.press(ketua, "Simpan");
    const [created] = (await stored()).occurrences;

    await harness.send(ketua, "/ubahacara");
    await harness.press(ketua, "29 November");
    await harness.press(ketua, "Ubah waktu");
    await harness.send(ketua, "1/12 07.00"); // Selasa 1 Desember, ahead: no question about next year
    expect(sentTextsTo(ketua).at(-2)).toBe(read("Selasa, 1 Desember 2026 pukul 07.00 WIB"));
    const first = summaryId(ketua);
    await harness.press(ketua, "✏️ Tempat");
    await harness.send(ketua, "Balai warga RT 05");
    await harness.press(ketua, "✏️ Waktu");
    expect(harness.lastText(ketua)).toBe('Waktu yang baru kapan? Misalnya "Minggu 07.00".');
    await harness.send(ketua, "Sabtu jam 8 pagi");
    expect(harness.lastText(ketua)).toBe(
      ["Periksa kembali:", `• ${GOTONG_ROYONG}`, "• Semula: Minggu, 29 November 2026 pukul 07.00 WIB", "• Menjadi: Sabtu, 28 November 2026 pukul 08.00 WIB", "• Tempat: Balai warga RT 05"].join("\n"),
    );
    const stale = await pressData(harness, ketua, eventSummary.data({ action: "save", rev: 0, form: summaryForm(ketua) }), first);
    expect(callbackAnswerTo(harness.telegram, stale)?.text).toBe(STALE);
    expect((await stored()).occurrences).toEqual([created]);

    const save = await harness.press(ketua, "Simpan");
    expect(harness.lastText(ketua)).toMatch(/^Tersimpan: Sabtu, 28 November 2026 pukul 08.00 WIB, di Balai warga RT 05\./);
    await harness.deliver(save);
    const { occurrences } = await stored();
    expect(occurrences).toHaveLength(1);
    expect(occurrences[0]).toMatchObject({ id: created!.id, place: "Balai warga RT 05", startsAt: new Date("2026-11-28T01:00:00Z") });
  });
});
