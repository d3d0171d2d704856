import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { book, bookLoan, membership, outbox, participation, readingLog, readingSession, readingSessionAttendee } from "../../src/db/schema/index.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { addBook } from "../../src/domain/pojok-baca/catalogue.js";
import { lendBook } from "../../src/domain/pojok-baca/loans.js";
import { answer } from "../../src/messages/buttons/common.js";
import { bookCard, bookCopies, bookRetire, bookRetireConfirm, bookReturn, readingConfirm } from "../../src/messages/buttons/pojok-baca.js";
import { addKetua, addKoordinator, addMember, addPending, addPetugas, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser, snapshotState } from "../helpers/fixtures.js";
import { callbackAnswerTo, photoUpdate, pressData, pressOn, type ShownMessage, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Minggu 22 November 2026, 10.00 WIB
const { database, harness } = withTestBot();

/** The Indonesian text of a locale message, as the bot says it. */
const id = (key: string, vars: Record<string, string | number> = {}) => harness.deps.i18n.t("id", key, vars);

const NOT_OFFICER = "Maaf, perintah ini hanya untuk ketua RT dan petugas RT.";
const NOT_RESIDENT = "Maaf, perintah ini hanya untuk warga yang sudah terdaftar di RT. Kirim /start untuk mendaftar.";
const NOT_ALLOWED = "Maaf, Anda tidak berwenang melakukan ini.";
const STALE = "Tombol ini sudah tidak berlaku.";
const TEXT_EXPECTED = "Mohon jawab dengan teks, atau kirim /batal untuk berhenti.";
const USE_BUTTONS = "Silakan pilih dengan tombol di atas, atau kirim /batal untuk berhenti.";
const EMPTY = "Isian masih kosong. Silakan tulis lagi.";
const NOT_WHOLE = "Harus bilangan bulat, tanpa koma, dari 1 sampai 500.";
const NOT_WHOLE_MINUTES = "Harus bilangan bulat, tanpa koma, dari 1 sampai 600.";
const ASK_DATE = 'Kapan sesinya? Tekan tombol, atau tulis tanggalnya, misalnya "kemarin", "Sabtu", atau "21/11".';
const ASK_TIME = 'Jam berapa mulainya? Misalnya "15.30" atau "jam 4 sore".';
const ASK_ACTIVITY = "Kegiatan apa?";
const ASK_COUNT = "Berapa orang yang hadir (termasuk anak-anak yang belum terdaftar)? Tulis angkanya, misalnya 12.";
const DATE_UNRECOGNISED = 'Tanggal itu tidak saya kenali. Tekan tombol, atau tulis misalnya "kemarin", "Sabtu", atau "21/11".';
const TITLE_CHARACTERS = "Awali dengan huruf atau angka, lalu gunakan huruf, angka, spasi, dan tanda baca biasa saja (tanpa emoji). Contoh: Laskar Pelangi.";
const SATURDAY_1530 = "Sabtu, 21 November 2026 pukul 15.30 WIB";
const DUE_6_DEC = "Minggu, 6 Desember 2026";
const HOSTILE_SQL = "'; drop table book;--";

type Resident = TestUser & { personId: number; membershipId: number };

async function as(user: TestUser, add: typeof addMember, rtId: number, household?: string): Promise<Resident> {
  return { ...user, ...(await add(database.db, user, rtId, household)) };
}

/** RT 05 (Harun ketua, Rina petugas, Siti, Budi, Dewi) and RT 06 (Joko ketua, Lina). */
async function world() {
  const rt05 = await addRt(database.db, 5);
  const rt06 = await addRt(database.db, 6);
  return {
    rt05,
    rt06,
    harun: await as(newUser("Harun"), addKetua, rt05.id),
    rina: await as(newUser("Rina"), addPetugas, rt05.id),
    siti: await as(newUser("Siti"), addMember, rt05.id, "Rumah 1"),
    budi: await as(newUser("Budi"), addMember, rt05.id, "Rumah 2"),
    dewi: await as(newUser("Dewi"), addMember, rt05.id, "Rumah 3"),
    joko: await as(newUser("Joko"), addKetua, rt06.id),
    lina: await as(newUser("Lina"), addMember, rt06.id, "Rumah 9"),
  };
}

function shownWith(user: TestUser, text: string): ShownMessage {
  const found = shownMessages(harness.telegram, user.id).filter((message) => message.text.includes(text)).at(-1);
  if (!found) throw new Error(`no message with "${text}" in chat ${user.id}: ${harness.telegram.textsTo(user.id).join(" | ")}`);
  return found;
}

const labels = (message: ShownMessage) => (message.keyboard?.inline_keyboard ?? []).flat().map((b) => b.text);
const sentTextsTo = (chatId: number) => harness.telegram.callsOf("sendMessage").filter((call) => call.payload.chat_id === chatId).map((call) => String(call.payload.text));

/** Each answer at the current prompt is refused with its reply, and the prompt stays. */
async function expectRefusals(user: TestUser, cases: [string, string][]) {
  for (const [text, reply] of cases) {
    await harness.send(user, text);
    expect(harness.lastText(user), JSON.stringify(text.slice(0, 40))).toBe(reply);
  }
}

/** Every table the bot writes, but a half-finished form's own state. */
async function storedState(): Promise<Record<string, unknown>> {
  const { bot_state: _conversations, ...rest } = await snapshotState(database.db);
  return rest;
}

const counted = (kind: "pojok_baca_sesi" | "pojok_baca_pinjam" | "membaca") =>
  database.db.select().from(participation).then((rows) => rows.filter((row) => row.kind === kind));

describe("/sesibaca", () => {
  /** Rina logs yesterday's 15.30 storytelling with 12 people, Siti and Budi among them, up to the summary. */
  async function toSummary(w: Awaited<ReturnType<typeof world>>) {
    await harness.send(w.rina, "/sesibaca");
    expect(harness.lastText(w.rina)).toBe(ASK_DATE);
    expect(harness.buttons(w.rina)).toEqual(["Hari ini", "Kemarin"]);
    await harness.press(w.rina, "Kemarin");
    expect(harness.lastText(w.rina)).toBe(ASK_TIME);
    await harness.send(w.rina, "15.30");
    expect(harness.lastText(w.rina)).toBe(ASK_ACTIVITY);
    expect(harness.buttons(w.rina)).toEqual(["Membaca bersama", "Mendongeng", "Belajar kelompok", "TPA / mengaji", "Lainnya", "Batal"]);
    await harness.press(w.rina, "Mendongeng");
    expect(harness.lastText(w.rina)).toBe(ASK_COUNT);
    await harness.send(w.rina, "12");
    const picker = () => shownWith(w.rina, "Siapa saja warga terdaftar yang hadir?");
    expect(picker().text).toBe(id("reading-session-ask-attendees", { chosen: 0, count: 12 }));
    expect(labels(picker())).toEqual(["⬜ Budi", "⬜ Dewi", "⬜ Harun", "⬜ Rina", "⬜ Siti", "Selesai"]);
    await pressOn(harness, w.rina, picker(), "⬜ Siti");
    // A double tap on "⬜ Budi": both taps carry the keyboard as it was, and both mean "tick Budi".
    const stale = picker();
    await pressOn(harness, w.rina, stale, "⬜ Budi");
    const edits = harness.telegram.callsOf("editMessageText").length;
    await pressOn(harness, w.rina, stale, "⬜ Budi");
    expect(harness.telegram.callsOf("editMessageText")).toHaveLength(edits);
    await pressOn(harness, w.rina, picker(), "⬜ Dewi");
    await pressOn(harness, w.rina, picker(), "✅ Dewi"); // and untick
    expect(labels(picker())).toEqual(["✅ Budi", "⬜ Dewi", "⬜ Harun", "⬜ Rina", "✅ Siti", "Selesai"]);
    expect(picker().text).toBe(id("reading-session-ask-attendees", { chosen: 2, count: 12 }));
    await harness.send(w.rina, "Siti dan Budi");
    expect(harness.lastText(w.rina)).toBe(USE_BUTTONS);
    await pressOn(harness, w.rina, picker(), "Selesai");
    expect(harness.lastText(w.rina)).toBe(
      ["Periksa kembali:", "• Kegiatan: Mendongeng", `• Waktu: ${SATURDAY_1530}`, "• Jumlah hadir: 12 orang", "• Warga terdaftar: Budi, Siti"].join("\n"),
    );
  }

  it("logs a session end to end: one session, its registered attendees, one participation row each", async () => {
    const w = await world();
    await toSummary(w);
    const summary = shownMessages(harness.telegram, w.rina.id).at(-1)!;
    const save = await pressOn(harness, w.rina, summary, "Simpan");
    expect(harness.lastText(w.rina)).toBe(
      `Sesi Mendongeng pada ${SATURDAY_1530} tercatat: 12 orang hadir, 2 warga terdaftar dicatat keikutsertaannya. Terima kasih!\n` +
        "📚 Dihitung untuk P2: 1 sesi pojok baca atau belajar bersama di RT 05 dalam 28 hari terakhir; target nilai 2 (baik) 8 sesi belum tercapai.",
    );
    const [session] = await database.db.select().from(readingSession);
    expect(session).toMatchObject({ rtId: w.rt05.id, activity: "mendongeng", activityNote: null, attendeeCount: 12, heldAt: new Date("2026-11-21T08:30:00Z"), recordedBy: w.rina.personId });
    expect((await database.db.select().from(readingSessionAttendee)).map((a) => a.personId).sort()).toEqual([w.siti.personId, w.budi.personId].sort());
    const rows = await counted("pojok_baca_sesi");
    expect(rows.map((r) => [r.sourceKey, r.personId, r.householdLabel, r.source, r.verified, r.rtId]).sort()).toEqual(
      [
        [`reading-session:${session!.id}:person:${w.siti.personId}`, w.siti.personId, "Rumah 1", "session", true, w.rt05.id],
        [`reading-session:${session!.id}:person:${w.budi.personId}`, w.budi.personId, "Rumah 2", "session", true, w.rt05.id],
      ].sort(),
    );

    // Simpan tapped again, and the same update delivered again: nothing more.
    const before = await storedState();
    const again = await pressOn(harness, w.rina, summary, "Simpan");
    expect(callbackAnswerTo(harness.telegram, again)?.text).toBe(STALE);
    await harness.deliver(save);
    expect(await storedState()).toEqual(before);
  });

  it("writes once when the confirmation reply fails after saving and Telegram delivers the update again", async () => {
    const w = await world();
    await toSummary(w);
    harness.telegram.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, { chatId: w.rina.id });
    const save = harness.callbackUpdate(w.rina, answer.data({ form: "reading-session", choice: "yes" }), shownMessages(harness.telegram, w.rina.id).at(-1)!.messageId);
    await expect(harness.deliver(save)).rejects.toThrow();
    expect(await database.db.select().from(readingSession)).toHaveLength(1);
    await harness.deliver(save); // its claim was released: it runs again, with the same request key
    expect(await database.db.select().from(readingSession)).toHaveLength(1);
    expect(await counted("pojok_baca_sesi")).toHaveLength(2);
    expect(harness.lastText(w.rina)).toContain("tercatat: 12 orang hadir, 2 warga terdaftar");
  });

  it("refuses hostile answers at every prompt, in Indonesian, and stores nothing until Simpan", async () => {
    const w = await world();
    const before = await storedState();
    await harness.send(w.harun, "/sesibaca");
    await expectRefusals(w.harun, [
      ["", EMPTY],
      ["x".repeat(5000), "Terlalu panjang: paling banyak 40 karakter."],
      ["😀", DATE_UNRECOGNISED],
      ["2,5", DATE_UNRECOGNISED],
      ["2.5", DATE_UNRECOGNISED],
      ["-3", DATE_UNRECOGNISED],
      [HOSTILE_SQL, DATE_UNRECOGNISED],
      ["besok", DATE_UNRECOGNISED],
      ["30/11/2026", "Tanggal itu belum tiba. Sesi dicatat setelah berlangsung."],
      ["1/9/2026", "Itu sudah lebih dari 60 hari yang lalu. Catat sesi yang lebih baru."],
      ["31/11/2026", 'Tanggal itu tidak ada di kalender. Contoh: "7/12" untuk 7 Desember.'],
    ]);
    await harness.deliver(photoUpdate(harness, w.harun));
    expect(harness.lastText(w.harun)).toBe(TEXT_EXPECTED);
    await harness.send(w.harun, "hari ini");
    expect(harness.lastText(w.harun)).toBe(ASK_TIME);
    const timeHint = 'Tulis jamnya saja, misalnya "07.00" atau "jam 7 malam".';
    await expectRefusals(w.harun, [
      ["", timeHint],
      ["x".repeat(5000), 'Terlalu panjang. Tulis singkat saja, misalnya "Minggu 07.00".'],
      ["😀", timeHint],
      ["2,5", timeHint],
      ["-3", timeHint],
      [HOSTILE_SQL, timeHint],
      ["25.00", 'Jam itu tidak ada. Tulis antara 00.00 dan 23.59, misalnya "07.00".'],
      ["jam 4", 'Jam berapa tepatnya, pagi atau malam? Tulis misalnya "jam 7 pagi" atau "19.00".'],
    ]);
    // 10.00 now: 15.30 today has not come yet; the time is asked again.
    await harness.send(w.harun, "15.30");
    expect(sentTextsTo(w.harun.id).slice(-2)).toEqual(['Jam itu belum tiba. Tulis jam sesi dimulai, misalnya "15.30".', ASK_TIME]);
    await harness.send(w.harun, "jam 8 pagi");
    expect(harness.lastText(w.harun)).toBe(ASK_ACTIVITY);
    await harness.send(w.harun, "mendongeng");
    expect(harness.lastText(w.harun)).toBe(USE_BUTTONS);
    await harness.press(w.harun, "Lainnya");
    expect(harness.lastText(w.harun)).toBe('Kegiatan apa tepatnya? Misalnya "Lomba mewarnai".');
    await expectRefusals(w.harun, [
      ["", EMPTY],
      ["x".repeat(5000), "Terlalu panjang: paling banyak 80 karakter."],
      ["🎨🎨", TITLE_CHARACTERS],
      [HOSTILE_SQL, TITLE_CHARACTERS],
    ]);
    await harness.send(w.harun, "Lomba mewarnai");
    expect(harness.lastText(w.harun)).toBe(ASK_COUNT);
    await expectRefusals(w.harun, [
      ["", EMPTY],
      ["9".repeat(5000), "Itu bukan angka. Tulis angkanya saja, dari 1 sampai 500."],
      ["😀", "Itu bukan angka. Tulis angkanya saja, dari 1 sampai 500."],
      ["2,5", NOT_WHOLE],
      ["2.5", NOT_WHOLE],
      ["-3", "Angka harus antara 1 dan 500."],
      ["0", "Angka harus antara 1 dan 500."],
      ["1.000", "Angka harus antara 1 dan 500."],
      [HOSTILE_SQL, "Itu bukan angka. Tulis angkanya saja, dari 1 sampai 500."],
    ]);
    await harness.send(w.harun, "1");
    // One came: ticking two is refused at Selesai.
    await pressOn(harness, w.harun, shownWith(w.harun, "Siapa saja"), "⬜ Siti");
    await pressOn(harness, w.harun, shownWith(w.harun, "Siapa saja"), "⬜ Budi");
    await pressOn(harness, w.harun, shownWith(w.harun, "Siapa saja"), "Selesai");
    expect(harness.lastText(w.harun)).toBe("Anda memilih 2 warga, padahal yang hadir 1 orang. Kurangi pilihan, atau /batal lalu ulangi dengan jumlah yang benar.");
    expect(await storedState()).toEqual(before);
    await pressOn(harness, w.harun, shownWith(w.harun, "Siapa saja"), "✅ Budi");
    await pressOn(harness, w.harun, shownWith(w.harun, "Siapa saja"), "Selesai");
    expect(harness.lastText(w.harun)).toContain("• Kegiatan: Lomba mewarnai\n• Waktu: Minggu, 22 November 2026 pukul 08.00 WIB\n• Jumlah hadir: 1 orang\n• Warga terdaftar: Siti");
    await harness.press(w.harun, "Batal");
    expect(harness.lastText(w.harun)).toBe("Dibatalkan. Tidak ada yang diubah.");
    expect(await storedState()).toEqual(before);
  });

  it("is for keepers only: residents, the pending, coordinators and strangers are refused and nothing is stored", async () => {
    const w = await world();
    const waiting = await as(newUser("Tunggu"), addPending, w.rt05.id);
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const stranger = newUser("Asing");
    const before = await storedState();
    for (const user of [w.siti, waiting, koordinator, stranger]) {
      for (const command of ["/sesibaca", "/buku", "/pinjam", "/kembali", "/konfirmasibaca"]) {
        await harness.send(user, command);
        expect(harness.lastText(user), `${user.first_name} ${command}`).toBe(NOT_OFFICER);
      }
    }
    for (const user of [waiting, koordinator, stranger]) {
      for (const command of ["/baca", "/pinjamanku"]) {
        await harness.send(user, command);
        // Someone waiting for approval is told their request waits, not to send /start.
        expect(harness.lastText(user), `${user.first_name} ${command}`).toContain(user === waiting ? "masih menunggu persetujuan sejak" : NOT_RESIDENT);
      }
    }
    expect(await storedState()).toEqual(before);
  });
});

describe("/buku", () => {
  it("adds a book after hostile titles and counts are refused, lists it, sets copies once per tap and retires it", async () => {
    const w = await world();
    await harness.send(w.rina, "/buku");
    expect(harness.lastText(w.rina)).toBe("Katalog pojok baca RT 05 masih kosong. Tambahkan buku pertama dengan tombol di bawah.");
    await harness.press(w.rina, "Tambah buku");
    expect(harness.lastText(w.rina)).toBe("Apa judul bukunya?");
    await expectRefusals(w.rina, [
      ["", EMPTY],
      ["x".repeat(5000), "Terlalu panjang: paling banyak 120 karakter."],
      ["📚", TITLE_CHARACTERS],
      ["A", "Terlalu pendek: paling sedikit 2 huruf."],
      ["Laskar Pelangi 🌈", TITLE_CHARACTERS],
      [HOSTILE_SQL, TITLE_CHARACTERS],
    ]);
    await harness.send(w.rina, "  Laskar   Pelangi ");
    expect(harness.lastText(w.rina)).toBe("Siapa penulisnya? Tekan Lewati jika tidak tahu.");
    await harness.press(w.rina, "Lewati");
    expect(harness.lastText(w.rina)).toBe("Ada berapa eksemplar? Tulis angkanya, misalnya 2.");
    await expectRefusals(w.rina, [
      ["2,5", NOT_WHOLE],
      ["2.5", NOT_WHOLE],
      ["-3", "Angka harus antara 1 dan 500."],
      ["😀", "Itu bukan angka. Tulis angkanya saja, dari 1 sampai 500."],
    ]);
    await harness.send(w.rina, "2");
    expect(harness.lastText(w.rina)).toBe("Periksa kembali:\n• Judul: Laskar Pelangi\n• Penulis: -\n• Eksemplar: 2");
    const summary = shownMessages(harness.telegram, w.rina.id).at(-1)!;
    const save = await pressOn(harness, w.rina, summary, "Simpan");
    expect(harness.lastText(w.rina)).toBe("“Laskar Pelangi” (2 eksemplar) sudah masuk katalog. Lihat semua buku dengan /buku.");
    await pressOn(harness, w.rina, summary, "Simpan");
    await harness.deliver(save);
    expect(await database.db.select().from(book)).toMatchObject([{ rtId: w.rt05.id, title: "Laskar Pelangi", author: null, copies: 2, addedBy: w.rina.personId }]);

    // A title that reads like SQL but starts with a letter is only a title.
    await harness.send(w.harun, "/buku");
    await harness.press(w.harun, "Tambah buku");
    await harness.send(w.harun, "Robert'); DROP TABLE book;--");
    await harness.send(w.harun, "Tim Penulis");
    await harness.press(w.harun, "1");
    await harness.press(w.harun, "Simpan");
    // The same title again is refused, in any case.
    await harness.send(w.harun, "/buku");
    await harness.press(w.harun, "Tambah buku");
    await harness.send(w.harun, "laskar pelangi");
    await harness.press(w.harun, "Lewati");
    await harness.press(w.harun, "1");
    await harness.press(w.harun, "Simpan");
    expect(harness.lastText(w.harun)).toBe("Buku “Laskar Pelangi” sudah ada di katalog (2 eksemplar). Ubah jumlahnya lewat /buku.");
    expect((await database.db.select().from(book)).map((b) => b.title).sort()).toEqual(["Laskar Pelangi", "Robert'); DROP TABLE book;--"]);

    await harness.send(w.harun, "/buku");
    expect(harness.lastText(w.harun)).toBe(
      [
        "📚 Katalog pojok baca RT 05 (2 judul). Ketuk judul untuk mengubah jumlah eksemplar atau menghapusnya.",
        "1. Laskar Pelangi — - · tersedia 2 dari 2",
        "2. Robert'); DROP TABLE book;-- — Tim Penulis · tersedia 1 dari 1",
      ].join("\n"),
    );
    await harness.press(w.harun, "Laskar Pelangi");
    const card = () => shownWith(w.harun, "📖 Laskar Pelangi");
    expect(card().text).toBe("📖 Laskar Pelangi\nPenulis: -\nEksemplar: 2 (dipinjam 0, tersedia 2)");
    const stale = card();
    const tap = await pressOn(harness, w.harun, stale, "Tambah 1 eksemplar");
    expect(callbackAnswerTo(harness.telegram, tap)?.text).toBe("“Laskar Pelangi” sekarang 3 eksemplar.");
    await pressOn(harness, w.harun, stale, "Tambah 1 eksemplar"); // the double tap: sets 3 again
    expect((await database.db.select().from(book).where(eq(book.title, "Laskar Pelangi")))[0]!.copies).toBe(3);
    expect(card().text).toBe("📖 Laskar Pelangi\nPenulis: -\nEksemplar: 3 (dipinjam 0, tersedia 3)");

    // Another RT's ketua cannot touch it, even with forged buttons.
    const [laskar] = await database.db.select().from(book).where(eq(book.title, "Laskar Pelangi"));
    for (const data of [bookCard.data({ book: laskar!.id }), bookCopies.data({ book: laskar!.id, copies: 9 }), bookRetire.data({ book: laskar!.id }), bookRetireConfirm.data({ book: laskar!.id })]) {
      const forged = await pressData(harness, w.joko, data);
      expect(callbackAnswerTo(harness.telegram, forged)?.text, data).toBe(NOT_ALLOWED);
      const resident = await pressData(harness, w.siti, data);
      expect(callbackAnswerTo(harness.telegram, resident)?.text, data).toBe(NOT_OFFICER);
    }
    expect((await database.db.select().from(book).where(eq(book.id, laskar!.id)))[0]).toMatchObject({ copies: 3, retiredAt: null });

    await pressOn(harness, w.harun, card(), "Hapus dari katalog");
    expect(harness.lastText(w.harun)).toBe("Hapus “Laskar Pelangi” dari katalog? Riwayat peminjamannya tetap tersimpan.");
    const confirm = shownWith(w.harun, "Hapus “Laskar Pelangi”");
    await pressOn(harness, w.harun, confirm, "Ya, hapus");
    expect(harness.lastText(w.harun)).toBe("“Laskar Pelangi” sudah dihapus dari katalog.");
    await pressOn(harness, w.harun, confirm, "Ya, hapus");
    const [retired] = await database.db.select().from(book).where(eq(book.id, laskar!.id));
    expect(retired!.retiredAt).toEqual(harness.now);
  });
});

describe("/pinjam, /kembali, /pinjamanku", () => {
  async function withBooks() {
    const w = await world();
    const keeper = await loadActor(database.db, w.harun.id, []);
    const laskar = await addBook(database.db, keeper, { rtId: w.rt05.id, title: "Laskar Pelangi", author: "Andrea Hirata", copies: 1 }, harness.now);
    const kancil = await addBook(database.db, keeper, { rtId: w.rt05.id, title: "Si Kancil", author: null, copies: 2 }, harness.now);
    return { ...w, laskar, kancil };
  }

  async function lendTo(keeper: TestUser, title: string, borrower: string) {
    await harness.send(keeper, "/pinjam");
    expect(harness.lastText(keeper)).toBe("Buku mana yang dipinjam?");
    await harness.press(keeper, title);
    expect(harness.lastText(keeper)).toBe(`Siapa yang meminjam “${title}”?`);
    await harness.press(keeper, borrower);
    expect(harness.lastText(keeper)).toBe(`${borrower} meminjam “${title}”. Berapa lama?`);
  }

  it("lends a free copy for 14 days, tells the borrower, and a double tap or a redelivery lends once", async () => {
    const w = await withBooks();
    await harness.send(w.rina, "/pinjam");
    expect(harness.buttons(w.rina)).toEqual(["Laskar Pelangi (1/1)", "Si Kancil (2/2)", "Batal"]);
    await harness.press(w.rina, "Laskar Pelangi");
    expect(harness.buttons(w.rina)).toEqual(["Budi · Rumah 2", "Dewi · Rumah 3", "Harun · Rumah Ketua", "Rina · Rumah Petugas", "Siti · Rumah 1", "Batal"]);
    await harness.press(w.rina, "Siti");
    expect(harness.buttons(w.rina)).toEqual([`14 hari (kembali ${DUE_6_DEC})`, "7 hari (kembali Minggu, 29 November 2026)", "21 hari (kembali Minggu, 13 Desember 2026)", "Batal"]);
    const choice = shownMessages(harness.telegram, w.rina.id).at(-1)!;
    const lend = await pressOn(harness, w.rina, choice, "14 hari");
    expect(harness.lastText(w.rina)).toBe(`Tercatat: Siti meminjam “Laskar Pelangi”, kembali paling lambat ${DUE_6_DEC}. Kami akan mengingatkannya sehari sebelumnya.`);
    expect(sentTextsTo(w.siti.id)).toEqual([`📚 Anda meminjam “Laskar Pelangi” dari pojok baca RT. Mohon dikembalikan paling lambat ${DUE_6_DEC}. Selamat membaca!`]);

    const again = await pressOn(harness, w.rina, choice, "14 hari");
    expect(callbackAnswerTo(harness.telegram, again)?.text).toBe(STALE);
    await harness.deliver(lend);
    const loans = await database.db.select().from(bookLoan);
    expect(loans).toMatchObject([{ bookId: w.laskar.id, personId: w.siti.personId, lentBy: w.rina.personId, dueAt: new Date("2026-12-06T16:59:00Z"), returnedAt: null }]);
    expect(await counted("pojok_baca_pinjam")).toMatchObject([{ sourceKey: `book-loan:${loans[0]!.id}`, personId: w.siti.personId, source: "loan", verified: true, householdLabel: "Rumah 1" }]);
    expect(sentTextsTo(w.siti.id)).toHaveLength(1);

    // The only copy is out: it is no longer offered.
    await harness.send(w.harun, "/pinjam");
    expect(harness.buttons(w.harun)).toEqual(["Si Kancil (2/2)", "Batal"]);
    await harness.press(w.harun, "Batal");
    expect(harness.lastText(w.harun)).toBe("Dibatalkan. Tidak ada yang diubah.");

    await harness.send(w.siti, "/pinjamanku");
    expect(harness.lastText(w.siti)).toBe(`Buku yang Anda pinjam (1):\n• Laskar Pelangi — kembali paling lambat ${DUE_6_DEC}`);
    harness.now = new Date("2026-12-09T03:00:00Z");
    await harness.send(w.siti, "/pinjamanku");
    expect(harness.lastText(w.siti)).toBe(`Buku yang Anda pinjam (1):\n• Laskar Pelangi — seharusnya kembali ${DUE_6_DEC} ⚠️ terlambat 3 hari`);
    await harness.send(w.budi, "/pinjamanku");
    expect(harness.lastText(w.budi)).toBe("Anda sedang tidak meminjam buku dari pojok baca.");
  });

  it("refuses the last copy when another keeper lent it meanwhile, and a borrower who left meanwhile; nothing is stored", async () => {
    const w = await withBooks();
    await lendTo(w.rina, "Laskar Pelangi", "Siti");
    // Harun lends the only copy to Dewi while Rina is still deciding.
    await lendBook(database.db, await loadActor(database.db, w.harun.id, []), { requestKey: "harun", bookId: w.laskar.id, personId: w.dewi.personId }, harness.now);
    const before = await storedState();
    await harness.press(w.rina, "14 hari");
    expect(harness.lastText(w.rina)).toBe("Semua eksemplar “Laskar Pelangi” sedang dipinjam. Tunggu sampai ada yang dikembalikan.");
    await lendTo(w.rina, "Si Kancil", "Budi");
    await database.db.update(membership).set({ status: "left" }).where(eq(membership.id, w.budi.membershipId));
    const afterLeaving = await storedState();
    await harness.press(w.rina, "7 hari");
    expect(harness.lastText(w.rina)).toBe("Buku hanya bisa dipinjamkan kepada warga aktif RT ini.");
    expect(await storedState()).toEqual(afterLeaving);
    expect((await storedState()).book_loan).toEqual(before.book_loan);
  });

  it("says so when there is nothing to lend", async () => {
    const w = await world();
    await harness.send(w.rina, "/pinjam");
    expect(harness.lastText(w.rina)).toBe("Katalog pojok baca masih kosong. Tambahkan buku dulu dengan /buku.");
    const keeper = await loadActor(database.db, w.rina.id, []);
    const only = await addBook(database.db, keeper, { rtId: w.rt05.id, title: "Iqro 1", author: null, copies: 1 }, harness.now);
    await lendBook(database.db, keeper, { requestKey: "x", bookId: only.id, personId: w.siti.personId }, harness.now);
    await harness.send(w.rina, "/pinjam");
    expect(harness.lastText(w.rina)).toBe("Semua buku sedang dipinjam. Catat pengembalian dengan /kembali.");
  });

  it("/kembali: the thanks is queued with the return, so a failed answer and a redelivery tell the borrower once", async () => {
    const w = await withBooks();
    const keeper = await loadActor(database.db, w.harun.id, []);
    const { loan } = await lendBook(database.db, keeper, { requestKey: "a", bookId: w.laskar.id, personId: w.siti.personId }, harness.now);
    await harness.send(w.rina, "/kembali");
    const list = shownWith(w.rina, "Buku yang sedang dipinjam");
    const tap = harness.callbackUpdate(w.rina, bookReturn.data({ loan: loan.id, page: 0 }), list.messageId);
    harness.telegram.failNext("answerCallbackQuery", { error_code: 500, description: "Internal Server Error" });
    await expect(harness.deliver(tap)).rejects.toThrow();
    const thanks = () => database.db.select().from(outbox).where(eq(outbox.dedupeKey, `notice:book-return:${loan.id}:person:${w.siti.personId}`));
    expect(await thanks()).toHaveLength(1);
    await harness.deliver(tap);
    expect(await thanks()).toHaveLength(1);
    expect((await database.db.select().from(bookLoan).where(eq(bookLoan.id, loan.id)))[0]!.returnedAt).not.toBeNull();
  });

  it("/kembali returns a loan once, however often the button is pressed, and thanks the borrower", async () => {
    const w = await withBooks();
    const keeper = await loadActor(database.db, w.harun.id, []);
    const sitiLoan = (await lendBook(database.db, keeper, { requestKey: "a", bookId: w.laskar.id, personId: w.siti.personId }, harness.now)).loan;
    await lendBook(database.db, keeper, { requestKey: "b", bookId: w.kancil.id, personId: w.budi.personId }, harness.now);
    harness.now = new Date("2026-12-08T03:00:00Z"); // two days after the due date
    await harness.send(w.rina, "/kembali");
    const list = shownWith(w.rina, "Buku yang sedang dipinjam");
    expect(list.text).toBe(
      [
        "Buku yang sedang dipinjam (2). Tekan tombolnya saat buku dikembalikan.",
        `• Laskar Pelangi — Siti, kembali ${DUE_6_DEC} ⚠️ terlambat 2 hari`,
        `• Si Kancil — Budi, kembali ${DUE_6_DEC} ⚠️ terlambat 2 hari`,
      ].join("\n"),
    );
    expect(labels(list)).toEqual(["↩️ Laskar Pelangi — Siti", "↩️ Si Kancil — Budi"]);
    const tap = await pressOn(harness, w.rina, list, "Laskar Pelangi");
    expect(callbackAnswerTo(harness.telegram, tap)?.text).toBe("Tercatat kembali: “Laskar Pelangi” dari Siti.");
    expect(shownWith(w.rina, "Buku yang sedang dipinjam").text).toBe(`Buku yang sedang dipinjam (1). Tekan tombolnya saat buku dikembalikan.\n• Si Kancil — Budi, kembali ${DUE_6_DEC} ⚠️ terlambat 2 hari`);
    expect(sentTextsTo(w.siti.id)).toEqual(["Terima kasih! “Laskar Pelangi” sudah tercatat kembali di pojok baca RT."]);

    const before = await storedState();
    const again = await pressOn(harness, w.rina, list, "Laskar Pelangi"); // the stale button
    expect(callbackAnswerTo(harness.telegram, again)?.text).toBe("“Laskar Pelangi” dari Siti sudah tercatat kembali sebelumnya.");
    await harness.deliver(tap);
    const byHarun = await pressData(harness, w.harun, bookReturn.data({ loan: sitiLoan.id, page: 0 }));
    expect(callbackAnswerTo(harness.telegram, byHarun)?.text).toBe("“Laskar Pelangi” dari Siti sudah tercatat kembali sebelumnya.");
    expect(await storedState()).toEqual(before);
    expect(sentTextsTo(w.siti.id)).toHaveLength(1);

    // Not another RT's keeper, nor a resident.
    const budiLoan = (await database.db.select().from(bookLoan).where(eq(bookLoan.personId, w.budi.personId)))[0]!;
    expect(callbackAnswerTo(harness.telegram, await pressData(harness, w.joko, bookReturn.data({ loan: budiLoan.id, page: 0 })))?.text).toBe(NOT_ALLOWED);
    expect(callbackAnswerTo(harness.telegram, await pressData(harness, w.budi, bookReturn.data({ loan: budiLoan.id, page: 0 })))?.text).toBe(NOT_OFFICER);
    expect((await database.db.select().from(bookLoan).where(eq(bookLoan.id, budiLoan.id)))[0]!.returnedAt).toBeNull();

    await pressOn(harness, w.rina, shownWith(w.rina, "Buku yang sedang dipinjam"), "Si Kancil");
    expect(shownWith(w.rina, "Tidak ada buku").text).toBe("Tidak ada buku yang sedang dipinjam.");
  });
});

describe("/baca and /konfirmasibaca", () => {
  /** Siti reports 30 minutes of Laskar Pelangi; the keepers Harun and Rina are asked. */
  async function reported(w: Awaited<ReturnType<typeof world>>) {
    await harness.send(w.siti, "/baca");
    expect(harness.lastText(w.siti)).toBe("Buku apa yang Anda baca? Tulis judulnya.");
    await harness.send(w.siti, "Laskar Pelangi");
    expect(harness.lastText(w.siti)).toBe('Berapa lama Anda membaca? Misalnya "30", "45 menit", atau "1,5 jam".');
    expect(harness.buttons(w.siti)).toEqual(["15 menit", "30 menit", "60 menit"]);
    await harness.press(w.siti, "30 menit");
    expect(harness.lastText(w.siti)).toBe("Periksa kembali:\n• Buku: Laskar Pelangi\n• Lama membaca: 30 menit\nLaporan ini dihitung setelah dikonfirmasi petugas pojok baca.");
    const send = await harness.press(w.siti, "Kirim");
    expect(harness.lastText(w.siti)).toBe("Terima kasih! Bacaan Anda (“Laskar Pelangi”, 30 menit) sudah dikirim ke petugas pojok baca dan akan dihitung setelah dikonfirmasi.");
    return send;
  }

  const REQUEST = "📖 Laporan bacaan dari Siti: “Laskar Pelangi”, 30 menit (Minggu, 22 November 2026 pukul 10.00 WIB). Benar?";

  it("stays pending and uncounted until a keeper confirms; then counts once, whoever presses again", async () => {
    const w = await world();
    const send = await reported(w);
    const [log] = await database.db.select().from(readingLog);
    expect(log).toMatchObject({ personId: w.siti.personId, rtId: w.rt05.id, minutes: 30, title: "Laskar Pelangi", status: "pending" });
    expect(await counted("membaca")).toEqual([]);
    await harness.deliver(send); // redelivered: one report, one request each
    expect(await database.db.select().from(readingLog)).toHaveLength(1);
    for (const keeper of [w.harun, w.rina]) {
      expect(sentTextsTo(keeper.id)).toEqual([REQUEST]);
      expect(labels(shownWith(keeper, REQUEST))).toEqual(["✅ Konfirmasi", "❌ Tolak"]);
    }
    expect(sentTextsTo(w.budi.id)).toEqual([]);

    // Another RT's ketua, forging the button, decides nothing.
    const forged = await pressData(harness, w.joko, readingConfirm.data({ log: log!.id }));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe(NOT_ALLOWED);
    expect(callbackAnswerTo(harness.telegram, await pressData(harness, w.budi, readingConfirm.data({ log: log!.id })))?.text).toBe(NOT_OFFICER);
    expect(await counted("membaca")).toEqual([]);

    const atRina = shownWith(w.rina, REQUEST);
    const confirm = await pressOn(harness, w.rina, atRina, "Konfirmasi");
    expect(callbackAnswerTo(harness.telegram, confirm)?.text).toBe("Dikonfirmasi: bacaan Siti dihitung.");
    expect(shownWith(w.rina, REQUEST).text).toBe(`${REQUEST}\n\n✅ Dikonfirmasi oleh Rina.`);
    expect(shownWith(w.rina, REQUEST).keyboard).toBeUndefined();
    expect(sentTextsTo(w.siti.id).at(-1)).toBe("✅ Bacaan Anda “Laskar Pelangi” (30 menit) sudah dikonfirmasi petugas pojok baca. Terus membaca, ya!");

    const before = await storedState();
    const twice = await pressOn(harness, w.rina, atRina, "Konfirmasi");
    expect(callbackAnswerTo(harness.telegram, twice)).toMatchObject({ text: "Laporan ini sudah dikonfirmasi sebelumnya oleh Rina. Tidak ada yang diubah.", show_alert: true });
    await harness.deliver(confirm);
    const late = await pressOn(harness, w.harun, shownWith(w.harun, REQUEST), "Tolak");
    expect(callbackAnswerTo(harness.telegram, late)).toMatchObject({ text: "Laporan ini sudah dikonfirmasi sebelumnya oleh Rina. Tidak ada yang diubah.", show_alert: true });
    expect(shownWith(w.harun, REQUEST).text).toBe(`${REQUEST}\n\n✅ Dikonfirmasi oleh Rina.`);
    expect(await storedState()).toEqual(before);
    expect(await counted("membaca")).toMatchObject([{ sourceKey: `reading-log:${log!.id}`, personId: w.siti.personId, source: "self-report", verified: true, householdLabel: "Rumah 1" }]);
  });

  it("a rejected report counts nothing and the resident is told", async () => {
    const w = await world();
    await reported(w);
    await pressOn(harness, w.harun, shownWith(w.harun, REQUEST), "Tolak");
    expect(shownWith(w.harun, REQUEST).text).toBe(`${REQUEST}\n\n❌ Ditolak oleh Harun.`);
    await pressOn(harness, w.rina, shownWith(w.rina, REQUEST), "Konfirmasi");
    expect((await database.db.select().from(readingLog))[0]!.status).toBe("rejected");
    expect(await counted("membaca")).toEqual([]);
    expect(sentTextsTo(w.siti.id).at(-1)).toContain("tidak dikonfirmasi");
  });

  it("/konfirmasibaca lists what waits, without the keeper's own reports", async () => {
    const w = await world();
    await harness.send(w.rina, "/konfirmasibaca");
    expect(harness.lastText(w.rina)).toBe("Tidak ada laporan bacaan yang menunggu konfirmasi.");
    await reported(w);
    // Rina reads too; her own report goes to Harun only.
    await harness.send(w.rina, "/baca");
    await harness.send(w.rina, "Iqro 1");
    await harness.send(w.rina, "1 jam 15 menit");
    await harness.press(w.rina, "Kirim");
    expect(sentTextsTo(w.harun.id).at(-1)).toBe("📖 Laporan bacaan dari Rina: “Iqro 1”, 75 menit (Minggu, 22 November 2026 pukul 10.00 WIB). Benar?");
    expect(sentTextsTo(w.rina.id).filter((text) => text.includes("dari Rina"))).toEqual([]);

    await harness.send(w.rina, "/konfirmasibaca");
    expect(sentTextsTo(w.rina.id).slice(-2)).toEqual(["Laporan bacaan yang menunggu konfirmasi: 1.", REQUEST]);
    await harness.press(w.rina, "Konfirmasi");
    expect(await counted("membaca")).toHaveLength(1);
    const [own] = await database.db.select().from(readingLog).where(eq(readingLog.personId, w.rina.personId));
    const refused = await pressData(harness, w.rina, readingConfirm.data({ log: own!.id }));
    expect(callbackAnswerTo(harness.telegram, refused)?.text).toBe("Laporan bacaan Anda sendiri dikonfirmasi oleh petugas lain atau ketua RT.");
    await harness.send(w.harun, "/konfirmasibaca");
    expect(harness.lastText(w.harun)).toContain("dari Rina");
  });

  it("refuses hostile titles and minutes and keeps asking; only Kirim stores", async () => {
    const w = await world();
    const before = await storedState();
    await harness.send(w.siti, "/baca");
    await expectRefusals(w.siti, [
      ["", EMPTY],
      ["x".repeat(5000), "Terlalu panjang: paling banyak 120 karakter."],
      ["📖📖", TITLE_CHARACTERS],
      [HOSTILE_SQL, TITLE_CHARACTERS],
    ]);
    await harness.deliver(photoUpdate(harness, w.siti));
    expect(harness.lastText(w.siti)).toBe(TEXT_EXPECTED);
    await harness.send(w.siti, "Si Kancil");
    const minutesHint = 'Tulis lamanya membaca, misalnya "30", "45 menit", atau "1,5 jam".';
    await expectRefusals(w.siti, [
      ["", EMPTY],
      ["3".repeat(5000), minutesHint],
      ["😀", minutesHint],
      ["2,5", NOT_WHOLE_MINUTES],
      ["2.5", NOT_WHOLE_MINUTES],
      ["-3", "Lama membaca harus antara 1 dan 600 menit."],
      ["0", "Lama membaca harus antara 1 dan 600 menit."],
      ["12 jam", "Lama membaca harus antara 1 dan 600 menit."],
      [HOSTILE_SQL, minutesHint],
    ]);
    await harness.send(w.siti, "1,5 jam");
    expect(harness.lastText(w.siti)).toContain("• Lama membaca: 90 menit");
    expect(await storedState()).toEqual(before);
    await harness.press(w.siti, "Batal");
    expect(await storedState()).toEqual(before);
  });

  it("offers the titles the resident has on loan", async () => {
    const w = await world();
    const keeper = await loadActor(database.db, w.harun.id, []);
    const kancil = await addBook(database.db, keeper, { rtId: w.rt05.id, title: "Si Kancil", author: null, copies: 1 }, harness.now);
    await lendBook(database.db, keeper, { requestKey: "k", bookId: kancil.id, personId: w.siti.personId }, harness.now);
    await harness.send(w.siti, "/baca");
    expect(harness.buttons(w.siti)).toEqual(["Si Kancil"]);
    await harness.press(w.siti, "Si Kancil");
    await harness.send(w.siti, "20");
    expect(harness.lastText(w.siti)).toContain("• Buku: Si Kancil\n• Lama membaca: 20 menit");
  });
});

describe("/bantuan", () => {
  it("shows keepers and residents the reading-corner commands meant for them", async () => {
    const w = await world();
    const list = async (user: TestUser) => {
      await harness.send(user, "/bantuan");
      return harness.lastText(user).split("\n").filter((line) => line.startsWith("/")).map((line) => line.slice(1).split(" ")[0]);
    };
    const rina = await list(w.rina);
    const siti = await list(w.siti);
    for (const command of ["sesibaca", "buku", "pinjam", "kembali", "konfirmasibaca", "baca", "pinjamanku"]) expect(rina).toContain(command);
    for (const command of ["baca", "pinjamanku"]) expect(siti).toContain(command);
    for (const command of ["sesibaca", "buku", "pinjam", "kembali", "konfirmasibaca"]) expect(siti).not.toContain(command);
  });
});
