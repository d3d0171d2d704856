import { eq } from "drizzle-orm";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { auditLog, outbox, person, residentReport, roleAssignment } from "../../src/db/schema/index.js";
import { escalateStaleReports } from "../../src/domain/reports/escalation.js";
import { daysSince } from "../../src/domain/reports/reports.js";
import { reportStats } from "../../src/domain/reports/stats.js";
import { reportOpen, reportStep, reportSubmit } from "../../src/messages/buttons/reports.js";
import type { InjectedFailure } from "../../src/testing/fake-telegram.js";
import { wib } from "../domain/scores/builders.js";
import {
  addAdmin,
  addKetua,
  addKoordinator,
  addMember,
  addPending,
  addPerson,
  addRt,
  KECAMATAN_TELANAIPURA,
  KELURAHAN_BULURAN_KENALI,
  KELURAHAN_PAYO_SELINCAH,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
  snapshotState,
} from "../helpers/fixtures.js";
import { callbackAnswerTo, callbackDataOf, pressData, pressOn, shownMessages, type ShownMessage, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Wednesday 9 December 2026, 10.00 WIB.
const NOW = wib("2026-12-09T10:00");
const { database, harness } = withTestBot({ now: NOW });

const NOT_ALLOWED = "Maaf, Anda tidak berwenang melakukan ini.";
const NOT_RESIDENT = "Maaf, perintah ini hanya untuk warga yang sudah terdaftar di RT. Kirim /start untuk mendaftar.";
const RIGHT_LOST = "Maaf, isian ini dihentikan: peran atau wilayah tugas Anda sudah berubah, jadi Anda tidak lagi berwenang atas isian ini. Langkah terakhir tidak dijalankan.";
const KETUA_ONLY = "Maaf, perintah ini hanya untuk ketua RT.";
const READERS_ONLY = "Maaf, hanya ketua RT atau koordinator yang dapat memproses permintaan ini.";
const SERVER_ERROR: InjectedFailure = { error_code: 502, description: "Bad Gateway" };

/**
 * RT 05 Simpang IV Sipin (ketua Harun; Siti and Budi live there) and RT 07 Buluran Kenali (ketua
 * Yusuf), both in Telanaipura, whose koordinator is Yuliana. RT 09 of Payo Selincah has no ketua:
 * Rahmat, koordinator of that kelurahan, acts for it; Andi lives there. Tono is a stranger, Dewi waits.
 */
async function world() {
  const db = database.db;
  const rt05 = await addRt(db, 5, KELURAHAN_SIMPANG_IV_SIPIN);
  const rt07 = await addRt(db, 7, KELURAHAN_BULURAN_KENALI);
  const rt09 = await addRt(db, 9, KELURAHAN_PAYO_SELINCAH);
  const harun = newUser("Harun");
  const siti = newUser("Siti");
  const budi = newUser("Budi");
  const yusuf = newUser("Yusuf");
  const yuliana = newUser("Yuliana");
  const rahmat = newUser("Rahmat");
  const andi = newUser("Andi");
  const tono = newUser("Tono");
  const dewi = newUser("Dewi");
  await addKetua(db, harun, rt05.id);
  const sitiIds = await addMember(db, siti, rt05.id, "Rumah 12");
  await addMember(db, budi, rt05.id, "Rumah 14");
  await addKetua(db, yusuf, rt07.id);
  await addKoordinator(db, yuliana, { kecamatanCode: KECAMATAN_TELANAIPURA });
  const rahmatId = await addKoordinator(db, rahmat, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
  await db.update(person).set({ actingRtId: rt09.id }).where(eq(person.id, rahmatId));
  await addMember(db, andi, rt09.id, "Rumah 2");
  await addPerson(db, tono);
  await addPending(db, dewi, rt05.id);
  return { rt05, rt07, rt09, harun, siti, sitiId: sitiIds.personId, budi, yusuf, yuliana, rahmat, andi, tono, dewi };
}

let serial = 0;

function bare(user: TestUser): { update: Update; message: Record<string, unknown> } {
  const update = harness.messageUpdate(user, "x");
  const message = update.message as unknown as Record<string, unknown>;
  delete message.text;
  delete message.entities;
  return { update, message };
}

/** A photo as Telegram sends it: sizes smallest first, the largest in the middle here on purpose. */
function photoMessage(user: TestUser, caption?: string): Update {
  const { update, message } = bare(user);
  const unique = `p${++serial}`;
  message.photo = [
    { file_id: `small-${unique}`, file_unique_id: `s-${unique}`, width: 90, height: 67 },
    { file_id: `big-${unique}`, file_unique_id: unique, width: 1280, height: 960 },
    { file_id: `mid-${unique}`, file_unique_id: `m-${unique}`, width: 320, height: 240 },
  ];
  if (caption !== undefined) message.caption = caption;
  return update;
}

function documentMessage(user: TestUser, mime: string): Update {
  const { update, message } = bare(user);
  message.document = { file_id: "doc-1", file_unique_id: "doc-u1", mime_type: mime, file_name: "x" };
  return update;
}

function locationMessage(user: TestUser, latitude: number, longitude: number): Update {
  const { update, message } = bare(user);
  message.location = { latitude, longitude };
  return update;
}

type ReportInput = { category: string; text: string; photo?: boolean; location?: [number, number] | null };

/** /lapor up to the summary (not sent). */
async function fillReport(user: TestUser, input: ReportInput): Promise<void> {
  await harness.send(user, "/lapor");
  await harness.press(user, input.category);
  await harness.send(user, input.text);
  if (input.photo === false) await harness.press(user, "Lewati foto");
  else await harness.deliver(photoMessage(user));
  if (input.location) await harness.deliver(locationMessage(user, ...input.location));
  else await harness.send(user, "Lewati lokasi");
  expect(harness.lastText(user)).toContain("Periksa laporan Anda");
}

async function fileReport(user: TestUser, input: ReportInput): Promise<number> {
  await fillReport(user, input);
  await harness.press(user, "Kirim laporan");
  const match = /Laporan #(\d+) terkirim/.exec(harness.lastText(user));
  expect(match, harness.lastText(user)).not.toBeNull();
  return Number(match![1]);
}

const DRAIN: ReportInput = { category: "Saluran", text: "Got depan rumah no. 12 tersumbat sampah, air meluap ke jalan", location: [-1.6101, 103.5912] };

async function reports() {
  return database.db.select().from(residentReport).orderBy(residentReport.id);
}

function lastMessageWith(user: TestUser, text: string): ShownMessage {
  const found = shownMessages(harness.telegram, user.id).filter((message) => message.text.includes(text)).at(-1);
  if (!found) throw new Error(`no message with "${text}" to ${user.id}: ${harness.telegram.textsTo(user.id).join(" | ")}`);
  return found;
}

/** Every text the bot sent or showed to this person (messages, captions, edits, answers). */
function everythingTo(user: TestUser): string {
  return JSON.stringify(harness.telegram.calls.filter((call) => call.payload.chat_id === user.id).map((call) => call.payload));
}

/** The card of a report as a ketua opens it from /laporanrt. */
async function openCard(user: TestUser, reportId: number): Promise<void> {
  await pressData(harness, user, reportOpen.data({ report: reportId }));
}

describe("/lapor: a resident reports a problem", () => {
  it("takes a category, a description, the largest size of a photo and a location, and tells the ketua with the reporter's name", async () => {
    const w = await world();
    await harness.send(w.siti, "/lapor");
    expect(harness.lastText(w.siti)).toContain("Masalahnya tentang apa?");
    expect(harness.buttons(w.siti)).toEqual([
      "🌊 Saluran tersumbat / drainase", "🗑 Pembuangan sampah liar", "💡 Lampu jalan mati", "🚨 Gangguan keamanan / kejadian", "🏚 Fasilitas rusak", "📝 Lainnya", "Batal",
    ]);
    const id = await fileReport(w.siti, DRAIN);
    const [row] = await reports();
    expect(row).toMatchObject({ id, rtId: w.rt05.id, reporterPersonId: w.sitiId, category: "saluran", status: "baru", photoFileId: expect.stringMatching(/^big-/), latitude: -1.6101, longitude: 103.5912, description: DRAIN.text });
    const notice = harness.lastText(w.harun);
    expect(notice).toContain(`Laporan warga #${id} di RT 05`);
    expect(notice).toContain("Dari: Siti");
    expect(notice).toContain(DRAIN.text);
    expect(harness.buttons(w.harun)).toEqual(["📄 Lihat laporan"]);
    // Nobody else in the RT hears of it.
    expect(everythingTo(w.budi)).not.toContain("Laporan");
    await harness.send(w.siti, "/laporanku");
    expect(harness.lastText(w.siti)).toContain(`#${id} 🌊 Saluran tersumbat / drainase: Baru`);
  });

  it("is one tap from /start for a resident, and the ketua's list is too", async () => {
    const w = await world();
    await harness.send(w.siti, "/start");
    expect(harness.buttons(w.siti)).toEqual(["📣 Lapor masalah", "📋 Apa yang dihitung?"]);
    await harness.press(w.siti, "Lapor masalah");
    expect(harness.lastText(w.siti)).toContain("Masalahnya tentang apa?");
    await harness.send(w.harun, "/start");
    expect(harness.buttons(w.harun)).toEqual(["📣 Lapor masalah", "📋 Apa yang dihitung?", "📋 Laporan warga"]);
    await harness.press(w.harun, "Laporan warga");
    expect(harness.lastText(w.harun)).toBe("Tidak ada laporan warga yang terbuka. 👍");
    // Findable: in /bantuan and the "/" menu of each.
    await harness.send(w.siti, "/bantuan");
    expect(harness.lastText(w.siti)).toContain("/lapor");
    expect(harness.lastText(w.siti)).toContain("/laporanku");
    expect(harness.lastText(w.siti)).not.toContain("/laporanrt");
    await harness.send(w.harun, "/bantuan");
    expect(harness.lastText(w.harun)).toContain("/laporanrt");
  });

  it("requires a photo for a drain: no skip, a text, a document or a picture sent as a file is asked again; a huge caption is not stored", async () => {
    const w = await world();
    await harness.send(w.siti, "/lapor");
    await harness.press(w.siti, "Saluran");
    await harness.send(w.siti, DRAIN.text);
    expect(harness.buttons(w.siti)).toEqual(["Batal"]);
    await harness.send(w.siti, "tidak ada foto");
    expect(harness.lastText(w.siti)).toContain("Itu bukan foto");
    await harness.deliver(documentMessage(w.siti, "application/pdf"));
    expect(harness.lastText(w.siti)).toContain("Berkas tidak bisa dipakai");
    await harness.deliver(documentMessage(w.siti, "image/jpeg"));
    expect(harness.lastText(w.siti)).toContain("sebagai File");
    // A forged "Lewati foto" of this very form: not an answer where a photo is required.
    const skip = harness.telegram.lastKeyboardIn(w.siti.id).keyboard.inline_keyboard.flat()[0] as { callback_data: string };
    await pressData(harness, w.siti, skip.callback_data.replace(/batal$/, "lewati"));
    expect(harness.lastText(w.siti)).not.toContain("Bagikan lokasinya");
    await harness.deliver(photoMessage(w.siti, "🌧".repeat(1024)));
    expect(harness.lastText(w.siti)).toContain("Bagikan lokasinya");
    await harness.send(w.siti, "Lewati lokasi");
    await harness.press(w.siti, "Kirim laporan");
    const [row] = await reports();
    expect(row!.description).toBe(DRAIN.text);
    expect(JSON.stringify(row)).not.toContain("🌧");
  });

  it("lets a security report go without a photo or a location", async () => {
    const w = await world();
    const id = await fileReport(w.siti, { category: "keamanan", text: "Ada orang asing mencoba membuka pagar rumah no. 3 tengah malam", photo: false });
    const [row] = await reports();
    expect(row).toMatchObject({ id, category: "keamanan", photoFileId: null, latitude: null, longitude: null });
  });

  it("refuses hostile input at each prompt and stores text as written", async () => {
    const w = await world();
    await harness.send(w.siti, "/lapor");
    await harness.send(w.siti, "sampah");
    expect(harness.lastText(w.siti)).toContain("pilih dengan tombol");
    await harness.press(w.siti, "sampah liar");
    for (const [input, answer] of [
      ["   ", "Isian masih kosong"],
      ["\u200B\u200B\u200B", "Isian masih kosong"],
      ["ok", "Terlalu pendek"],
      ["x".repeat(501), "paling banyak 500"],
    ] as const) {
      await harness.send(w.siti, input);
      expect(harness.lastText(w.siti), JSON.stringify(input)).toContain(answer);
    }
    await harness.deliver(photoMessage(w.siti));
    expect(harness.lastText(w.siti)).toContain("Mohon jawab dengan teks");
    const hostile = "'; DROP TABLE resident_report; -- sampah 🗑 di lahan kosong\u200B belakang masjid";
    await harness.send(w.siti, hostile);
    await harness.deliver(photoMessage(w.siti));
    await harness.send(w.siti, "di belakang masjid");
    expect(harness.lastText(w.siti)).toContain("Tekan Kirim lokasi atau Lewati lokasi");
    await harness.deliver(locationMessage(w.siti, 200, 103));
    expect(harness.lastText(w.siti)).toContain("Lokasi itu tidak terbaca");
    await harness.deliver(locationMessage(w.siti, -1.6, 103.6));
    await harness.press(w.siti, "Kirim laporan");
    const [row] = await reports();
    expect(row!.description).toBe("'; DROP TABLE resident_report; -- sampah 🗑 di lahan kosong belakang masjid");
    expect(row!.latitude).toBe(-1.6);
  });

  it("is for active residents only: a stranger, a resident still waiting and a ketua of no RT are refused", async () => {
    const w = await world();
    for (const user of [w.tono, w.dewi, w.yuliana]) {
      await harness.send(user, "/lapor");
      expect(harness.lastText(user)).not.toContain("Masalahnya tentang apa?");
      expect(await reports()).toHaveLength(0);
    }
    expect(harness.lastText(w.tono)).toBe(NOT_RESIDENT);
  });

  it("stops once the resident has left the RT mid-form", async () => {
    const w = await world();
    await harness.send(w.siti, "/lapor");
    await harness.press(w.siti, "Saluran");
    await harness.send(w.siti, "/keluar");
    await harness.press(w.siti, "Ya");
    await harness.send(w.siti, DRAIN.text);
    expect(harness.telegram.textsTo(w.siti.id).join("\n")).not.toContain("Kirim satu foto");
    expect(await reports()).toHaveLength(0);
  });

  it("stores one report for a double tap on Kirim and for a redelivered update", async () => {
    const w = await world();
    await fillReport(w.siti, DRAIN);
    const summary = lastMessageWith(w.siti, "Periksa laporan Anda");
    const first = await pressOn(harness, w.siti, summary, "Kirim laporan");
    const second = await pressOn(harness, w.siti, summary, "Kirim laporan");
    expect(callbackAnswerTo(harness.telegram, second)?.text).toBe("Laporan ini sudah dikirim atau dibatalkan. Kirim /lapor untuk laporan baru.");
    await harness.deliver(first);
    expect(await reports()).toHaveLength(1);
    const notices = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, `notice:report-new:${(await reports())[0]!.id}:person:${(await database.db.select().from(person).where(eq(person.telegramId, w.harun.id)))[0]!.id}`));
    expect(notices).toHaveLength(1);
  });

  it("keeps the form when the reply after Kirim fails, and stores and tells once when Telegram delivers it again", async () => {
    const w = await world();
    await fillReport(w.siti, DRAIN);
    const summary = lastMessageWith(w.siti, "Periksa laporan Anda");
    const [send] = callbackDataOf(summary);
    const press = harness.callbackUpdate(w.siti, send!, summary.messageId);
    harness.telegram.failNext("sendMessage", SERVER_ERROR, { chatId: w.siti.id });
    await expect(harness.deliver(press)).rejects.toThrow();
    await harness.deliver(press);
    expect(harness.lastText(w.siti)).toMatch(/Laporan #\d+ terkirim/);
    expect(await reports()).toHaveLength(1);
    expect(harness.telegram.textsTo(w.harun.id).filter((text) => text.includes("Laporan warga #"))).toHaveLength(1);
  });

  it("a button of an abandoned form is stale in the next", async () => {
    const w = await world();
    await fillReport(w.siti, DRAIN);
    const old = lastMessageWith(w.siti, "Periksa laporan Anda");
    await harness.send(w.siti, "/batal");
    await harness.send(w.siti, "/lapor");
    const pressed = await pressOn(harness, w.siti, old, "Kirim laporan");
    expect(callbackAnswerTo(harness.telegram, pressed)?.text).toContain("sudah dikirim atau dibatalkan");
    expect(await reports()).toHaveLength(0);
    expect(reportSubmit.read(callbackDataOf(old)[0]!)).toBeDefined();
  });
});

describe("the ketua handles reports", () => {
  it("lists the open ones, opens one with photo, place, text, age and reporter, and moves it step by step, telling the reporter each time", async () => {
    const w = await world();
    const id = await fileReport(w.siti, DRAIN);
    harness.now = new Date(NOW.getTime() + 2 * 86_400_000);
    await harness.send(w.harun, "/laporanrt");
    expect(harness.lastText(w.harun)).toContain("Laporan warga yang terbuka: 1");
    expect(harness.buttons(w.harun)[0]).toBe(`#${id} RT 05 · 🌊 Saluran tersumbat / drainase · Baru · 2 hr`);
    await harness.press(w.harun, `#${id}`);
    const photo = harness.telegram.calls.filter((call) => call.method === "sendPhoto" && call.payload.chat_id === w.harun.id).at(-1)!;
    expect(photo.payload.photo).toMatch(/^big-/);
    const caption = String(photo.payload.caption);
    expect(caption).toContain("Pelapor: Siti");
    expect(caption).toContain("Rabu, 9 Desember 2026 pukul 10.00 WIB (2 hari lalu)");
    expect(caption).toContain("https://maps.google.com/?q=-1.610100,103.591200");
    expect(caption).toContain(DRAIN.text);
    expect(harness.buttons(w.harun)).toEqual(["✅ Terima", "✖️ Tolak (dengan alasan)", "📋 Laporan warga"]);

    await harness.press(w.harun, "Terima");
    expect(harness.telegram.textsTo(w.harun.id).join("\n")).toContain(`Laporan #${id} sekarang: Diterima`);
    expect(harness.lastText(w.siti)).toBe(`✅ Laporan #${id} Anda (🌊 Saluran tersumbat / drainase) sudah diterima ketua RT 05.`);
    await harness.press(w.harun, "Sedang ditangani");
    expect(harness.lastText(w.siti)).toContain("sedang ditangani");
    await harness.press(w.harun, "Selesai");
    expect(harness.lastText(w.siti)).toContain("sudah selesai ditangani");
    const [row] = await reports();
    expect(row).toMatchObject({ status: "selesai" });
    expect(row!.firstResponseAt).toEqual(harness.now);
    const steps = (await database.db.select().from(auditLog)).filter((entry) => entry.action === "report_step");
    expect(steps.map((entry) => entry.details)).toEqual([
      { from: "baru", to: "diterima", category: "saluran" },
      { from: "diterima", to: "ditangani", category: "saluran" },
      { from: "ditangani", to: "selesai", category: "saluran" },
    ]);
    // The ketua's steps name the ketua, never the reporter; the filing names nobody (the report is anonymous).
    expect(steps.every((entry) => entry.targetPersonId === null)).toBe(true);
    const filed = (await database.db.select().from(auditLog)).filter((entry) => entry.action === "report_filed");
    expect(filed.map((entry) => ({ actor: entry.actorPersonId, target: entry.targetPersonId, entityId: entry.entityId, details: entry.details }))).toEqual([
      { actor: null, target: null, entityId: id, details: { category: "saluran" } },
    ]);
    await harness.send(w.harun, "/laporanrt");
    expect(harness.lastText(w.harun)).toBe("Tidak ada laporan warga yang terbuka. 👍");
    await harness.send(w.siti, "/laporanku");
    expect(harness.lastText(w.siti)).toContain(`#${id} 🌊 Saluran tersumbat / drainase: Selesai`);
  });

  it("a double tap, a stale card and a forged step: one change, one notice, refusals in words", async () => {
    const w = await world();
    const id = await fileReport(w.siti, DRAIN);
    await openCard(w.harun, id);
    const accept = reportStep.data({ report: id, from: "baru", to: "diterima" });
    await pressData(harness, w.harun, accept);
    const again = await pressData(harness, w.harun, accept);
    expect(callbackAnswerTo(harness.telegram, again)?.text).toBe(`Laporan #${id} memang sudah Diterima.`);
    expect(harness.telegram.textsTo(w.siti.id).filter((text) => text.includes("sudah diterima"))).toHaveLength(1);
    // A refusal offered on the card of "baru", pressed once the report is being handled: stale.
    await pressData(harness, w.harun, reportStep.data({ report: id, from: "diterima", to: "ditangani" }));
    const stale = await pressData(harness, w.harun, reportStep.data({ report: id, from: "diterima", to: "selesai" }));
    expect(callbackAnswerTo(harness.telegram, stale)?.text).toBe("Tombol ini sudah lama: laporan itu sekarang berstatus Sedang ditangani. Buka lagi lewat /laporanrt.");
    // A forged step the graph does not allow (done straight from new) on a new report.
    const second = await fileReport(w.siti, { category: "Lampu", text: "Lampu jalan depan pos kamling mati sejak Senin" });
    const invalid = await pressData(harness, w.harun, reportStep.data({ report: second, from: "baru", to: "selesai" }));
    expect(callbackAnswerTo(harness.telegram, invalid)?.text).toBe("Laporan yang berstatus Baru tidak bisa dipindah ke Selesai.");
    // Forged data no family reads: the fallback calls it stale.
    const forged = await pressData(harness, w.harun, `laporan.ubah:${id}:baru:hapus`);
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toContain("tidak berlaku");
    expect((await reports()).map((row) => row.status)).toEqual(["ditangani", "baru"]);
  });

  it("a step whose reply fails is made once when Telegram delivers the press again, and the reporter is told once", async () => {
    const w = await world();
    const id = await fileReport(w.siti, DRAIN);
    const press = harness.callbackUpdate(w.harun, reportStep.data({ report: id, from: "baru", to: "diterima" }), 1);
    harness.telegram.failNext("sendMessage", SERVER_ERROR, { chatId: w.harun.id });
    await expect(harness.deliver(press)).rejects.toThrow();
    await harness.deliver(press);
    expect((await reports())[0]!.status).toBe("diterima");
    expect(harness.telegram.textsTo(w.siti.id).filter((text) => text.includes("sudah diterima"))).toHaveLength(1);
    expect((await database.db.select().from(auditLog)).filter((entry) => entry.action === "report_step")).toHaveLength(1);
  });

  it("refuses with a reason the ketua writes: hostile reasons are asked again, the reporter reads the reason", async () => {
    const w = await world();
    const id = await fileReport(w.siti, { category: "Fasilitas", text: "Bangku taman RT patah, berbahaya untuk anak-anak" });
    await openCard(w.harun, id);
    await harness.press(w.harun, "Tolak");
    expect(harness.lastText(w.harun)).toContain(`Tulis alasan laporan #${id} ditolak`);
    for (const [input, answer] of [
      ["", "Isian masih kosong"],
      ["\u200B", "Isian masih kosong"],
      ["ya", "Terlalu pendek"],
      ["y".repeat(301), "paling banyak 300"],
    ] as const) {
      await harness.send(w.harun, input || " ");
      expect(harness.lastText(w.harun), JSON.stringify(input)).toContain(answer);
    }
    expect((await reports())[0]!.status).toBe("baru");
    await harness.send(w.harun, "Bangku itu milik kelurahan; sudah saya teruskan ke lurah 🙏");
    expect(harness.lastText(w.harun)).toBe(`Laporan #${id} sekarang: Ditolak. Pelapor sudah diberi tahu.`);
    expect(harness.lastText(w.siti)).toContain("Alasan: Bangku itu milik kelurahan; sudah saya teruskan ke lurah 🙏");
    const [row] = await reports();
    expect(row).toMatchObject({ status: "ditolak", rejectReason: "Bangku itu milik kelurahan; sudah saya teruskan ke lurah 🙏" });
    await harness.send(w.siti, "/laporanku");
    expect(harness.lastText(w.siti)).toContain("Ditolak");
    expect(harness.lastText(w.siti)).toContain("Alasan: Bangku itu milik kelurahan");
  });

  it("cancelling the reason changes nothing", async () => {
    const w = await world();
    const id = await fileReport(w.siti, DRAIN);
    await openCard(w.harun, id);
    await harness.press(w.harun, "Tolak");
    await harness.press(w.harun, "Batal");
    expect((await reports())[0]!.status).toBe("baru");
  });

  it("another RT's ketua can neither see nor move the report, and a resident cannot open it", async () => {
    const w = await world();
    const id = await fileReport(w.siti, DRAIN);
    await harness.send(w.yusuf, "/laporanrt");
    expect(harness.lastText(w.yusuf)).toBe("Tidak ada laporan warga yang terbuka. 👍");
    const before = await snapshotState(database.db);
    for (const data of [reportOpen.data({ report: id }), reportStep.data({ report: id, from: "baru", to: "diterima" })]) {
      const pressed = await pressData(harness, w.yusuf, data);
      expect(callbackAnswerTo(harness.telegram, pressed)?.text).toBe(NOT_ALLOWED);
    }
    // "Tolak" opens the reason's form, which reads the report through the service first.
    await pressData(harness, w.yusuf, reportStep.data({ report: id, from: "baru", to: "ditolak" }));
    expect(harness.lastText(w.yusuf)).toBe(NOT_ALLOWED);
    expect(await snapshotState(database.db)).toEqual(before);
    expect(everythingTo(w.yusuf)).not.toContain("Siti");
    // A resident of the same RT: refused before anything is read (the button is not for residents).
    const pressed = await pressData(harness, w.budi, reportOpen.data({ report: id }));
    expect(callbackAnswerTo(harness.telegram, pressed)?.text).toBe(READERS_ONLY);
    await harness.send(w.budi, "/laporanrt");
    await harness.send(w.budi, "/laporanku");
    expect(harness.lastText(w.budi)).toContain("Anda belum pernah melapor");
    expect(everythingTo(w.budi)).not.toContain("Siti");
    expect(everythingTo(w.budi)).not.toContain(DRAIN.text);
  });
});

describe("an acting ketua", () => {
  it("a koordinator acting for an RT without a ketua is told (without the name) and handles its reports", async () => {
    const w = await world();
    const id = await fileReport(w.andi, { category: "Lampu", text: "Lampu jalan gang 3 mati sudah seminggu" });
    const notice = harness.lastText(w.rahmat);
    expect(notice).toContain("RT ini belum punya ketua");
    expect(notice).not.toContain("Andi");
    await harness.send(w.rahmat, "/laporanrt");
    expect(harness.buttons(w.rahmat)[0]).toContain(`#${id} RT 09`);
    await harness.press(w.rahmat, `#${id}`);
    await harness.press(w.rahmat, "Terima");
    expect(harness.lastText(w.andi)).toContain("sudah diterima ketua RT 09");
    // Yuliana covers Telanaipura only: RT 09 is not hers.
    const refused = await pressData(harness, w.yuliana, reportOpen.data({ report: id }));
    expect(callbackAnswerTo(harness.telegram, refused)?.text).toBe(NOT_ALLOWED);
  });
});

describe("escalation to the koordinator", () => {
  it("goes once per report after N untouched days, without the reporter's name; the koordinator can open it but not move it", async () => {
    const w = await world();
    const stale = await fileReport(w.siti, DRAIN);
    const handled = await fileReport(w.budi, { category: "Lampu", text: "Lampu jalan di mulut gang mati" });
    harness.now = new Date(NOW.getTime() + 2 * 86_400_000);
    await pressData(harness, w.harun, reportStep.data({ report: handled, from: "baru", to: "diterima" }));
    const deps = { db: database.db, i18n: harness.deps.i18n, reportEscalationDays: 3 };
    expect(await escalateStaleReports(deps, new Date(NOW.getTime() + 2.9 * 86_400_000))).toEqual({ escalated: 0, waiting: 0 });
    const at = new Date(NOW.getTime() + 3 * 86_400_000);
    const [first, second] = await Promise.all([escalateStaleReports(deps, at), escalateStaleReports(deps, at)]);
    expect(first!.escalated + second!.escalated).toBe(1);
    expect(await escalateStaleReports(deps, new Date(at.getTime() + 86_400_000))).toEqual({ escalated: 0, waiting: 0 });
    harness.now = at;
    await harness.settle();
    const toKoordinator = harness.telegram.textsTo(w.yuliana.id).filter((text) => text.includes("belum ditindaklanjuti"));
    expect(toKoordinator).toHaveLength(1);
    expect(toKoordinator[0]).toContain(`Laporan warga #${stale} di RT 05 Simpang IV Sipin (Telanaipura) sudah 3 hari`);
    expect(toKoordinator[0]).toContain(DRAIN.text);
    expect(everythingTo(w.yuliana)).not.toContain("Siti");
    expect(harness.telegram.textsTo(w.harun.id).filter((text) => text.includes("diteruskan ke koordinator"))).toHaveLength(1);
    expect((await database.db.select().from(auditLog)).filter((entry) => entry.action === "report_escalated")).toHaveLength(1);
    // Yusuf's koordinator sees it; Yusuf (another RT) does not get it.
    expect(harness.telegram.textsTo(w.yusuf.id).join("\n")).not.toContain("belum ditindaklanjuti");

    harness.now = at;
    await harness.press(w.yuliana, "Lihat laporan");
    const card = harness.telegram.calls.filter((call) => call.method === "sendPhoto" && call.payload.chat_id === w.yuliana.id).at(-1)!;
    expect(String(card.payload.caption)).toContain("Diteruskan ke koordinator");
    expect(String(card.payload.caption)).not.toContain("Pelapor");
    expect(card.payload.reply_markup).toBeUndefined();
    const refused = await pressData(harness, w.yuliana, reportStep.data({ report: stale, from: "baru", to: "diterima" }));
    expect(callbackAnswerTo(harness.telegram, refused)?.text).toBe(KETUA_ONLY);
    expect((await reports()).find((row) => row.id === stale)!.status).toBe("baru");
    // The ketua's step after an escalation still goes through; the report is not escalated again.
    await pressData(harness, w.harun, reportStep.data({ report: stale, from: "baru", to: "diterima" }));
    expect(await escalateStaleReports(deps, new Date(at.getTime() + 10 * 86_400_000))).toEqual({ escalated: 1, waiting: 0 });
    expect((await reports()).find((row) => row.id === stale)!.escalatedAt).toEqual(at);
  });

  it("waits while no koordinator covers the RT, then goes once one does", async () => {
    const w = await world();
    const rt11 = await addRt(database.db, 11, KELURAHAN_PAYO_SELINCAH.replace(/1$/, "2"));
    const ketua = newUser("Ketua11");
    const warga = newUser("Warga11");
    await addKetua(database.db, ketua, rt11.id);
    await addMember(database.db, warga, rt11.id);
    await fileReport(warga, { category: "sampah liar", text: "Tumpukan sampah liar di tepi sungai" });
    const deps = { db: database.db, i18n: harness.deps.i18n };
    const later = new Date(NOW.getTime() + 5 * 86_400_000);
    expect(await escalateStaleReports(deps, later)).toEqual({ escalated: 0, waiting: 1 });
    const koordinator = newUser("Koor11");
    await addKoordinator(database.db, koordinator, { kecamatanCode: rt11.kecamatanCode });
    expect(await escalateStaleReports(deps, later)).toEqual({ escalated: 1, waiting: 0 });
    void w;
  });
});

describe("erasure and figures", () => {
  it("an erased reporter leaves no text, photo, place or link, and the RT's counts stay", async () => {
    const w = await world();
    const id = await fileReport(w.siti, DRAIN);
    await openCard(w.harun, id);
    await harness.press(w.harun, "Tolak");
    await harness.send(w.harun, "Siti, got itu tanggung jawab dinas PU, bukan RT");
    const figures = async () => (await reportStats(database.db, { rtIds: [w.rt05.id], now: harness.now, days: 30 })).get(w.rt05.id);
    const before = await figures();
    await harness.send(w.siti, "/hapusdata");
    await harness.press(w.siti, "Ya, hapus data saya");
    const [row] = await reports();
    expect(row).toMatchObject({ reporterPersonId: null, description: "", photoFileId: null, photoFileUniqueId: null, latitude: null, longitude: null, rejectReason: "", status: "ditolak", category: "saluran" });
    expect(await figures()).toEqual(before);
    expect(JSON.stringify(await database.db.select().from(outbox))).not.toContain(DRAIN.text);
    await openCard(w.harun, id);
    const caption = harness.telegram.textsTo(w.harun.id).at(-1)!;
    expect(caption).toContain("data pelapor sudah dihapus");
    expect(caption).toContain("isi laporan dihapus");
  });

  it("counts reports and the median hours to the first step and to done, per indicator", async () => {
    const w = await world();
    const a = await fileReport(w.siti, DRAIN);
    const b = await fileReport(w.budi, { category: "sampah liar", text: "Sampah dibuang di lahan kosong" });
    await fileReport(w.siti, { category: "keamanan", text: "Pencurian helm di parkiran masjid", photo: false });
    harness.now = new Date(NOW.getTime() + 4 * 3_600_000);
    await pressData(harness, w.harun, reportStep.data({ report: a, from: "baru", to: "diterima" }));
    harness.now = new Date(NOW.getTime() + 10 * 3_600_000);
    await pressData(harness, w.harun, reportStep.data({ report: b, from: "baru", to: "diterima" }));
    await pressData(harness, w.harun, reportStep.data({ report: b, from: "diterima", to: "ditangani" }));
    harness.now = new Date(NOW.getTime() + 30 * 3_600_000);
    await pressData(harness, w.harun, reportStep.data({ report: b, from: "ditangani", to: "selesai" }));
    const stats = (await reportStats(database.db, { rtIds: [w.rt05.id, w.rt07.id], now: harness.now, days: 30 }))!;
    expect(stats.get(w.rt05.id)).toMatchObject({
      openNow: 2,
      all: { filed: 3, open: 2, done: 1, rejected: 0, medianFirstResponseHours: 7, medianDoneHours: 30 },
      byIndicator: { B6: { filed: 2, open: 1, done: 1 }, B2: { filed: 1, open: 1 }, A2: { filed: 1, open: 1, medianFirstResponseHours: null }, B1: { filed: 0 } },
    });
    expect(stats.get(w.rt07.id)!.all.filed).toBe(0);
  });

  it("a ketua who lost the RT mid-reason is stopped, and nothing changes", async () => {
    const w = await world();
    const id = await fileReport(w.siti, DRAIN);
    await openCard(w.harun, id);
    await harness.press(w.harun, "Tolak");
    await database.db.update(roleAssignment).set({ revokedAt: harness.now }).where(eq(roleAssignment.role, "ketua_rt"));
    await harness.send(w.harun, "alasan apa saja");
    expect(harness.lastText(w.harun)).toBe(RIGHT_LOST);
    expect((await reports())[0]!.status).toBe("baru");
  });
});

describe("review fixes: anonymity, reach, the card's limits, WIB days, the reason's form", () => {
  async function personIdOf(user: TestUser): Promise<number> {
    const [row] = await database.db.select({ id: person.id }).from(person).where(eq(person.telegramId, user.id));
    return row!.id;
  }

  /** The last card shown to the person: a photo's caption or a message. */
  function lastCard(user: TestUser): string {
    const call = harness.telegram.calls.filter((c) => (c.method === "sendPhoto" || c.method === "sendMessage") && c.payload.chat_id === user.id).at(-1)!;
    return String(call.payload.caption ?? call.payload.text);
  }

  it("the audit reader sees the filing without the reporter's name, the ketua's steps in words", async () => {
    const w = await world();
    const admin = newUser("Ahmad");
    await addAdmin(database.db, admin);
    const id = await fileReport(w.siti, DRAIN);
    await pressData(harness, w.harun, reportStep.data({ report: id, from: "baru", to: "diterima" }));
    await harness.send(admin, "/audit");
    const page = harness.lastText(admin);
    expect(page).toContain(`Bot mencatat laporan warga #${id} tentang 🌊 Saluran tersumbat / drainase tanpa nama pelapor (RT 05 Simpang IV Sipin)`);
    expect(page).toContain("Harun memindahkan laporan warga dari Baru ke Diterima (RT 05 Simpang IV Sipin)");
    expect(page).not.toContain("Siti");
  });

  it("a koordinator cannot open a report of their area that was not escalated to them, by a forged id", async () => {
    const w = await world();
    const id = await fileReport(w.siti, DRAIN);
    const before = await snapshotState(database.db);
    const pressed = await pressData(harness, w.yuliana, reportOpen.data({ report: id }));
    expect(callbackAnswerTo(harness.telegram, pressed)?.text).toBe(NOT_ALLOWED);
    expect(everythingTo(w.yuliana)).not.toContain(DRAIN.text);
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("a koordinator opens at once a report of an RT without a ketua (they were told of it), without the name", async () => {
    const w = await world();
    const rt11 = await addRt(database.db, 11, KELURAHAN_SIMPANG_IV_SIPIN);
    const warga = newUser("Warga11");
    await addMember(database.db, warga, rt11.id);
    const id = await fileReport(warga, { category: "Lampu", text: "Lampu jalan di gang 4 mati sejak kemarin" });
    expect(harness.lastText(w.yuliana)).toContain(`#${id}`);
    await harness.press(w.yuliana, "Lihat laporan");
    const card = lastCard(w.yuliana);
    expect(card).toContain(`📣 Laporan #${id} · 💡 Lampu jalan mati · RT 11`);
    expect(card).toContain("Lampu jalan di gang 4 mati sejak kemarin");
    expect(card).not.toContain("Warga11");
  });

  it("a refused report's card with the longest description and reason keeps the reason whole within a caption", async () => {
    const w = await world();
    const description = "Got depan rumah tersumbat lumpur dan sampah plastik 🌊 ".repeat(20).slice(0, 499).trimEnd().padEnd(500, "x");
    const reason = "Got itu saluran primer milik dinas PU, bukan tanggung jawab RT; sudah saya laporkan ke kelurahan. ".repeat(4).slice(0, 300);
    expect([description.length, reason.length]).toEqual([500, 300]);
    const id = await fileReport(w.siti, { ...DRAIN, text: description });
    await openCard(w.harun, id);
    await harness.press(w.harun, "Tolak");
    await harness.send(w.harun, reason);
    expect((await reports())[0]).toMatchObject({ status: "ditolak", description, rejectReason: reason });
    await openCard(w.harun, id);
    const photo = harness.telegram.calls.filter((call) => call.method === "sendPhoto" && call.payload.chat_id === w.harun.id).at(-1)!;
    const caption = String(photo.payload.caption);
    expect(caption.length).toBeLessThanOrEqual(1024);
    expect(caption).toContain(`Alasan ditolak: ${reason}`);
    expect(caption).toContain("Pelapor: Siti");
    expect(caption).toContain("📍 Lokasi: https://maps.google.com/?q=-1.610100,103.591200");
    expect(caption).toContain(`${description.slice(0, 200)}`);
    expect(caption).toMatch(/…\n/);
    expect(caption).not.toContain(description);
    // No half of an emoji where it was cut.
    expect(caption).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("counts the age of a report in WIB calendar days: today, yesterday across midnight, N days ago", async () => {
    const w = await world();
    harness.now = wib("2026-12-09T23:50");
    const id = await fileReport(w.siti, { category: "Lampu", text: "Lampu jalan depan pos kamling mati" });
    harness.now = wib("2026-12-09T23:58");
    await openCard(w.harun, id);
    expect(lastCard(w.harun)).toContain("Rabu, 9 Desember 2026 pukul 23.50 WIB (hari ini)");
    harness.now = wib("2026-12-10T00:10");
    await openCard(w.harun, id);
    expect(lastCard(w.harun)).toContain("(kemarin)");
    await harness.send(w.harun, "/laporanrt");
    expect(harness.buttons(w.harun)[0]).toBe(`#${id} RT 05 · 💡 Lampu jalan mati · Baru · 1 hr`);
    harness.now = wib("2026-12-12T00:01");
    await openCard(w.harun, id);
    expect(lastCard(w.harun)).toContain("(3 hari lalu)");
    expect(daysSince(wib("2026-12-09T23:50"), wib("2026-12-10T00:10"))).toBe(1);
    expect(daysSince(wib("2026-12-10T00:10"), wib("2026-12-10T23:59"))).toBe(0);
  });

  it("someone who is both the RT's ketua and a koordinator of its area gets both escalation notices", async () => {
    const w = await world();
    await database.db.insert(roleAssignment).values({ personId: await personIdOf(w.harun), role: "koordinator", kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const id = await fileReport(w.siti, DRAIN);
    const deps = { db: database.db, i18n: harness.deps.i18n };
    harness.now = new Date(NOW.getTime() + 3 * 86_400_000);
    expect(await escalateStaleReports(deps, harness.now)).toEqual({ escalated: 1, waiting: 0 });
    await harness.settle();
    const texts = harness.telegram.textsTo(w.harun.id);
    expect(texts.filter((text) => text.includes(`Laporan warga #${id} di RT 05 Simpang IV Sipin (Telanaipura) sudah 3 hari`))).toHaveLength(1);
    expect(texts.filter((text) => text.includes(`Laporan #${id} (🌊 Saluran tersumbat / drainase) sudah 3 hari belum ditindaklanjuti, jadi diteruskan ke koordinator`))).toHaveLength(1);
  });

  it("waits, unmarked, while every koordinator over the RT lacks Telegram", async () => {
    const w = await world();
    await database.db.update(person).set({ telegramId: null }).where(eq(person.id, await personIdOf(w.yuliana)));
    const id = await fileReport(w.siti, DRAIN);
    const deps = { db: database.db, i18n: harness.deps.i18n };
    expect(await escalateStaleReports(deps, new Date(NOW.getTime() + 3 * 86_400_000))).toEqual({ escalated: 0, waiting: 1 });
    expect((await reports()).find((row) => row.id === id)!.escalatedAt).toBeNull();
    expect((await database.db.select().from(auditLog)).filter((entry) => entry.action === "report_escalated")).toHaveLength(0);
  });

  it("the Batal of an older reason form does not end a newer one", async () => {
    const w = await world();
    const id = await fileReport(w.siti, DRAIN);
    await openCard(w.harun, id);
    await harness.press(w.harun, "Tolak");
    const oldForm = lastMessageWith(w.harun, `Tulis alasan laporan #${id} ditolak`);
    await harness.send(w.harun, "/batal");
    await openCard(w.harun, id);
    await harness.press(w.harun, "Tolak");
    const pressed = await pressOn(harness, w.harun, oldForm, "Batal");
    expect(callbackAnswerTo(harness.telegram, pressed)?.text).toBe("Isian alasan ini sudah selesai atau diganti yang lebih baru. Tidak ada yang diubah.");
    await harness.send(w.harun, "Got itu milik dinas PU, sudah saya teruskan");
    expect(harness.lastText(w.harun)).toBe(`Laporan #${id} sekarang: Ditolak. Pelapor sudah diberi tahu.`);
    expect((await reports())[0]).toMatchObject({ status: "ditolak", rejectReason: "Got itu milik dinas PU, sudah saya teruskan" });
  });
});
