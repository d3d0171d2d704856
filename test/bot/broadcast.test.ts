import { and, eq } from "drizzle-orm";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { broadcast, outbox, person, roleAssignment, rt } from "../../src/db/schema/index.js";
import { erasePerson } from "../../src/domain/people/person.js";
import { createLogger } from "../../src/logger.js";
import { productionJobs } from "../../src/scheduling/jobs.js";
import { addAdmin, addKetua, addKoordinator, addMember, addPending, addPetugas, addRt, KELURAHAN_BULURAN_KENALI, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { callbackDataOf, photoUpdate, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

const { database, harness } = withTestBot();

const GROUP_ID = -1001234567890;

/** A sticker: neither text nor a photo. */
function stickerUpdate(user: TestUser): Update {
  const update = harness.messageUpdate(user, "");
  const message = update.message as unknown as Record<string, unknown>;
  delete message.text;
  message.sticker = { file_id: "sticker-file", file_unique_id: "sticker-unique", type: "regular", width: 512, height: 512, is_animated: false, is_video: false };
  return update;
}

function groupMessage(user: TestUser, text: string): Update {
  const update = harness.messageUpdate(user, text);
  const message = update.message!;
  return { ...update, message: { ...message, chat: { id: GROUP_ID, type: "supergroup", title: "Warga RT 05" } } } as Update;
}

/** An RT 05 with a ketua, three residents and one pending request. */
async function rtWithResidents() {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Pak", "Harun");
  const { personId: ketuaPersonId } = await addKetua(database.db, ketua, place.id);
  await database.db.update(person).set({ displayName: "Harun" }).where(eq(person.id, ketuaPersonId));
  const residents = [newUser("Siti"), newUser("Budi"), newUser("Dewi")];
  for (const resident of residents) await addMember(database.db, resident, place.id);
  const waiting = newUser("Tunggu");
  await addPending(database.db, waiting, place.id);
  return { place, ketua, residents, waiting };
}

/** An announcement from RT 05's ketua as an Indonesian-speaking resident gets it. */
const FROM_HARUN = "Dari Ketua RT 05, Harun";
const fromHarun = (text: string) => `${FROM_HARUN}\n\n${text}`;

/** /umumkan as a ketua whose RT has no group: write, preview, send. */
async function announce(ketua: TestUser, text: string, entities?: unknown[]) {
  await harness.send(ketua, "/umumkan");
  expect(harness.lastText(ketua)).toContain("Tulis pengumumannya");
  const update = harness.messageUpdate(ketua, text);
  if (entities) (update.message as { entities?: unknown[] }).entities = entities;
  await harness.deliver(update);
  expect(harness.lastText(ketua)).toContain("Kirim pengumuman ini?");
  await harness.press(ketua, "Kirim");
}

describe("/umumkan", () => {
  it("lets a ketua announce to the RT's active members, keeping the Telegram formatting", async () => {
    const { ketua, residents, waiting } = await rtWithResidents();
    const bold = [{ type: "bold", offset: 0, length: 11 }];
    await harness.send(ketua, "/umumkan");
    const text = "Kerja bakti Minggu 07.00 WIB di pos kamling.";
    const update = harness.messageUpdate(ketua, text);
    (update.message as { entities?: unknown[] }).entities = bold;
    await harness.deliver(update);
    // The preview is the announcement exactly as residents will get it: who it is from (in
    // italics), then the text with its formatting moved past that line.
    const shifted = [{ type: "italic", offset: 0, length: FROM_HARUN.length }, { type: "bold", offset: FROM_HARUN.length + 2, length: 11 }];
    const preview = harness.telegram.callsOf("sendMessage").find((c) => c.payload.chat_id === ketua.id && c.payload.text === fromHarun(text));
    expect(preview?.payload.entities).toEqual(shifted);
    expect(harness.lastText(ketua)).toContain("ke 3 orang lewat chat pribadi (0 orang menyenyapkan");
    await harness.press(ketua, "Kirim");

    for (const resident of residents) {
      const got = harness.telegram.callsOf("sendMessage").filter((c) => c.payload.chat_id === resident.id && c.payload.text === fromHarun(text));
      expect(got).toHaveLength(1);
      expect(got[0]!.payload.entities).toEqual(shifted);
    }
    expect(harness.telegram.textsTo(waiting.id)).toEqual([]); // not a member yet
    expect(harness.telegram.textsTo(ketua.id).filter((t) => t === fromHarun(text))).toHaveLength(1); // only the preview

    // The progress message is edited in place and the report comes at the end.
    expect(harness.lastText(ketua)).toBe("Terkirim 0/3 · gagal 0 · diblokir 0");
    await harness.delivery.monitor.tick();
    const progress = shownMessages(harness.telegram, ketua.id).find((m) => m.text.startsWith("Selesai"));
    expect(progress?.text).toBe("Selesai: terkirim 3/3 · gagal 0 · diblokir 0");
    expect(progress?.keyboard).toBeUndefined();
    expect(harness.lastText(ketua)).toContain("Laporan pengumuman:\n• terkirim: 3 dari 3");
    const [row] = await database.db.select().from(broadcast);
    expect(row?.status).toBe("done");

    // A second tick reports nothing more.
    const calls = harness.telegram.calls.length;
    await harness.delivery.monitor.tick();
    expect(harness.telegram.calls.length).toBe(calls);
  });

  it("starts one broadcast when the send button is tapped twice or the update comes again", async () => {
    const { ketua } = await rtWithResidents();
    await harness.send(ketua, "/umumkan");
    await harness.send(ketua, "Rapat warga malam ini.");
    const confirm = shownMessages(harness.telegram, ketua.id).at(-1)!;
    const tap = await pressOn(harness, ketua, confirm, "Kirim");
    await harness.deliver(tap); // redelivered
    await pressOn(harness, ketua, confirm, "Kirim"); // a second tap on the same button
    expect(await database.db.select().from(broadcast)).toHaveLength(1);
    const rows = await database.db.select().from(outbox);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
  });

  it("skips and counts residents who muted announcements", async () => {
    const { ketua, residents } = await rtWithResidents();
    await harness.send(residents[0]!, "/senyap");
    expect(harness.lastText(residents[0]!)).toContain("Pengumuman dimatikan");
    await announce(ketua, "Pengumuman lomba 17-an.");
    expect(harness.telegram.textsTo(residents[0]!.id).filter((t) => t.includes("lomba"))).toEqual([]);
    expect(harness.telegram.textsTo(residents[1]!.id).filter((t) => t.includes("lomba"))).toHaveLength(1);
    await harness.delivery.monitor.tick();
    expect(harness.lastText(ketua)).toContain("dilewati karena senyap: 1");

    await harness.send(residents[0]!, "/senyap");
    expect(harness.lastText(residents[0]!)).toBe("Pengumuman dinyalakan lagi.");
  });

  it("counts a resident who blocked the bot, marks them unreachable, and forgets that when they write again", async () => {
    const { ketua, residents } = await rtWithResidents();
    harness.telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" }, { chatId: residents[1]!.id });
    await announce(ketua, "Jadwal posyandu.");
    await harness.delivery.monitor.tick();
    expect(shownMessages(harness.telegram, ketua.id).some((m) => m.text === "Selesai: terkirim 2/3 · gagal 0 · diblokir 1")).toBe(true);
    const [blocked] = await database.db.select().from(person).where(eq(person.telegramId, residents[1]!.id));
    expect(blocked?.unreachableAt).not.toBeNull();

    // Known unreachable: the next announcement records them as blocked without trying.
    await announce(ketua, "Jadwal posyandu 2.");
    const tries = harness.telegram.callsOf("sendMessage").filter((c) => c.payload.chat_id === residents[1]!.id);
    expect(tries).toHaveLength(1);

    await harness.send(residents[1]!, "/profil"); // they unblocked the bot
    const [again] = await database.db.select().from(person).where(eq(person.telegramId, residents[1]!.id));
    expect(again?.unreachableAt).toBeNull();
  });

  it("keeps a working stop button when the progress is redrawn mid-way", async () => {
    const { ketua, residents } = await rtWithResidents();
    harness.drainAfterEachUpdate = false;
    await announce(ketua, "Pengumuman yang salah.");
    // One message went out: the monitor redraws the progress, stop button and all.
    const [first] = await database.db.select().from(outbox).where(eq(outbox.chatId, residents[0]!.id));
    await database.db.update(outbox).set({ status: "sent", sentAt: harness.now }).where(eq(outbox.id, first!.id));
    await harness.delivery.monitor.tick();
    const progress = shownMessages(harness.telegram, ketua.id).at(-1)!;
    expect(progress.text).toBe("Terkirim 1/3 · gagal 0 · diblokir 0");
    await pressOn(harness, ketua, progress, "Hentikan");
    expect((await database.db.select().from(outbox)).map((r) => r.status).sort()).toEqual(["cancelled", "cancelled", "sent"]);
  });

  it("can be stopped while running: what has not gone out is cancelled and reported", async () => {
    const { ketua, residents } = await rtWithResidents();
    harness.drainAfterEachUpdate = false;
    await announce(ketua, "Pengumuman yang salah.");
    const progress = shownMessages(harness.telegram, ketua.id).at(-1)!;
    expect(progress.text).toBe("Terkirim 0/3 · gagal 0 · diblokir 0");
    await pressOn(harness, ketua, progress, "Hentikan");
    harness.drainAfterEachUpdate = true;
    await harness.delivery.engine.drain();
    for (const resident of residents) expect(harness.telegram.textsTo(resident.id)).toEqual([]);
    expect(shownMessages(harness.telegram, ketua.id).some((m) => m.text === "Dihentikan: terkirim 0/3 · gagal 0 · diblokir 0")).toBe(true);
    expect(harness.lastText(ketua)).toContain("dibatalkan (belum terkirim): 3");
    expect((await database.db.select().from(outbox)).map((r) => r.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
  });

  it("refuses residents, officers and people waiting for approval", async () => {
    const { place, residents, waiting } = await rtWithResidents();
    const petugas = newUser("Petugas");
    await addPetugas(database.db, petugas, place.id);
    for (const user of [residents[0]!, petugas]) {
      await harness.send(user, "/umumkan");
      expect(harness.lastText(user)).toBe("Maaf, hanya ketua RT atau koordinator yang dapat memproses permintaan ini.");
    }
    await harness.send(waiting, "/umumkan");
    expect(harness.lastText(waiting)).toBe("Maaf, hanya ketua RT atau koordinator yang dapat memproses permintaan ini.");
    await harness.send(waiting, "/senyap");
    expect(harness.lastText(waiting)).toContain("masih menunggu persetujuan sejak");
    expect(await database.db.select().from(broadcast)).toEqual([]);
  });

  it("answers hostile text clearly and sends what was typed, verbatim", async () => {
    const { ketua, residents } = await rtWithResidents();
    await harness.send(ketua, "/umumkan");
    await harness.send(ketua, "   ");
    expect(harness.lastText(ketua)).toBe("Isian masih kosong. Silakan tulis lagi.");
    await harness.send(ketua, "x".repeat(3501));
    expect(harness.lastText(ketua)).toBe("Terlalu panjang: paling banyak 3.500 karakter.");
    await harness.deliver(stickerUpdate(ketua));
    expect(harness.lastText(ketua)).toBe("Pengumuman harus berupa teks atau satu foto poster. Tulis pengumumannya, kirim fotonya, atau kirim /batal.");
    const sqlish = "'; DROP TABLE outbox; -- 😀 iuran 2,5 juta <b>tebal</b>";
    await harness.send(ketua, sqlish);
    await harness.press(ketua, "Kirim");
    expect(harness.telegram.textsTo(residents[0]!.id)).toContain(fromHarun(sqlish));
    expect(await database.db.select().from(outbox)).toHaveLength(3);
  });

  it("lets a koordinator choose RT heads or all residents of the area, and an admin the whole city", async () => {
    const { ketua, residents } = await rtWithResidents();
    const other = await addRt(database.db, 1, KELURAHAN_BULURAN_KENALI);
    const otherKetua = newUser("Ketua", "Lain");
    await addKetua(database.db, otherKetua, other.id);
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });

    await harness.send(koordinator, "/umumkan");
    expect(harness.buttons(koordinator)).toEqual(["Ketua RT di wilayah saya", "Semua warga di wilayah saya", "Batal"]);
    await harness.press(koordinator, "Ketua RT di wilayah saya");
    await harness.send(koordinator, "Rapat ketua RT Senin.");
    await harness.press(koordinator, "Kirim");
    const fromKoor = "Dari Koordinator Kelurahan Simpang IV Sipin, Koor\n\nRapat ketua RT Senin.";
    expect(harness.telegram.textsTo(ketua.id)).toContain(fromKoor);
    expect(harness.telegram.textsTo(otherKetua.id)).not.toContain(fromKoor); // another kelurahan
    expect(harness.telegram.textsTo(residents[0]!.id)).not.toContain(fromKoor);

    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    await harness.send(admin, "/umumkan");
    expect(harness.buttons(admin)).toEqual(["Semua ketua RT se-kota", "Semua warga se-kota", "Batal"]);
    await harness.press(admin, "Semua warga se-kota");
    await harness.send(admin, "Lomba Kampung BANTAR dimulai.");
    await harness.press(admin, "Kirim");
    for (const user of [ketua, otherKetua, ...residents]) expect(harness.telegram.textsTo(user.id)).toContain("Dari Admin Kampung BANTAR Kota Jambi, Admin\n\nLomba Kampung BANTAR dimulai.");
  });
});

describe("RT group", () => {
  it("is linked by its ketua with /hubungkan, and then gets announcements, pinned if asked", async () => {
    const { place, ketua, residents } = await rtWithResidents();
    harness.telegram.setChatMember(GROUP_ID, ketua.id, "administrator");
    await harness.deliver(groupMessage(residents[0]!, "/hubungkan"));
    expect(harness.telegram.textsTo(GROUP_ID)).toEqual(["Maaf, perintah ini hanya untuk ketua RT."]);
    await harness.deliver(groupMessage(ketua, "/hubungkan"));
    expect(harness.telegram.lastTextTo(GROUP_ID)).toBe("Grup ini sekarang terhubung dengan RT 05 Kelurahan Simpang IV Sipin. Pengumuman ketua RT bisa dikirim ke sini.");
    const [linked] = await database.db.select().from(rt).where(eq(rt.id, place.id));
    expect(linked?.groupChatId).toBe(GROUP_ID);

    // Ordinary chatter and other commands in the group get no answer.
    const before = harness.telegram.calls.length;
    await harness.deliver(groupMessage(residents[1]!, "Selamat pagi semua"));
    await harness.deliver(groupMessage(residents[1]!, "/bantuan"));
    expect(harness.telegram.calls.length).toBe(before);

    await harness.send(ketua, "/umumkan");
    await harness.press(ketua, "Keduanya");
    await harness.press(ketua, "Ya, sematkan");
    await harness.send(ketua, "Kerja bakti besok.");
    expect(harness.lastText(ketua)).toContain("ke grup RT 05 Kelurahan Simpang IV Sipin, lalu disematkan");
    await harness.press(ketua, "Kirim");
    expect(harness.telegram.textsTo(GROUP_ID)).toContain(fromHarun("Kerja bakti besok."));
    for (const resident of residents) expect(harness.telegram.textsTo(resident.id)).toContain(fromHarun("Kerja bakti besok."));

    await harness.delivery.monitor.tick(); // sees the group copy out, queues its pin
    await harness.delivery.engine.drain();
    const groupCopy = harness.telegram.callsOf("sendMessage").find((c) => c.payload.chat_id === GROUP_ID && c.payload.text === fromHarun("Kerja bakti besok."));
    const pins = harness.telegram.callsOf("pinChatMessage");
    expect(pins).toHaveLength(1);
    expect(pins[0]!.payload).toMatchObject({ chat_id: GROUP_ID, message_id: (groupCopy!.result as { message_id: number }).message_id });
    await harness.delivery.monitor.tick();
    expect(harness.telegram.callsOf("pinChatMessage")).toHaveLength(1);
  });

  it("sends only to the group when asked, and says how to link when the bot is added", async () => {
    const { ketua, residents } = await rtWithResidents();
    const added = harness.messageUpdate(ketua, "x");
    await harness.deliver({
      update_id: added.update_id,
      my_chat_member: {
        chat: { id: GROUP_ID, type: "supergroup", title: "Warga RT 05" },
        from: { id: ketua.id, is_bot: false, first_name: ketua.first_name },
        date: 0,
        old_chat_member: { status: "left", user: { id: 1, is_bot: true, first_name: "BANTAR" } },
        new_chat_member: { status: "member", user: { id: 1, is_bot: true, first_name: "BANTAR" } },
      },
    } as Update);
    expect(harness.telegram.lastTextTo(GROUP_ID)).toContain("kirim /hubungkan di grup ini");
    harness.telegram.setChatMember(GROUP_ID, ketua.id, "creator");
    await harness.deliver(groupMessage(ketua, "/hubungkan"));
    expect(harness.telegram.lastTextTo(GROUP_ID)).toContain("Grup ini sekarang terhubung dengan RT 05");

    await harness.send(ketua, "/umumkan");
    await harness.press(ketua, "Grup Telegram RT");
    await harness.press(ketua, "Tidak");
    await harness.send(ketua, "Hanya untuk grup.");
    await harness.press(ketua, "Kirim");
    expect(harness.telegram.textsTo(GROUP_ID)).toContain(fromHarun("Hanya untuk grup."));
    for (const resident of residents) expect(harness.telegram.textsTo(resident.id)).not.toContain(fromHarun("Hanya untuk grup."));
  });

  it("is linked only by a ketua who administers it, and a group linked to another RT is never taken over", async () => {
    // RT 07 has linked its group; RT 05's ketua is a plain member of it.
    const rt07 = await addRt(database.db, 7);
    const ketua07 = newUser("Pak", "Tujuh");
    await addKetua(database.db, ketua07, rt07.id);
    const { place: rt05, ketua: ketua05 } = await rtWithResidents();
    harness.telegram.setChatMember(GROUP_ID, ketua07.id, "administrator");
    await harness.deliver(groupMessage(ketua07, "/hubungkan"));
    const groupOf = async (id: number) => (await database.db.select({ groupChatId: rt.groupChatId }).from(rt).where(eq(rt.id, id)))[0]?.groupChatId;
    expect(await groupOf(rt07.id)).toBe(GROUP_ID);

    await harness.deliver(groupMessage(ketua05, "/hubungkan"));
    expect(harness.telegram.lastTextTo(GROUP_ID)).toBe("Maaf, grup hanya bisa dihubungkan oleh ketua RT yang menjadi admin grup ini. Minta pemilik grup menjadikan Anda admin, lalu kirim /hubungkan lagi.");
    expect(harness.telegram.callsOf("getChatMember").at(-1)?.payload).toMatchObject({ chat_id: GROUP_ID, user_id: ketua05.id });

    // Even as an administrator, RT 05's ketua cannot move RT 07's group, nor free it.
    harness.telegram.setChatMember(GROUP_ID, ketua05.id, "administrator");
    await harness.deliver(groupMessage(ketua05, "/hubungkan"));
    expect(harness.telegram.lastTextTo(GROUP_ID)).toBe(
      "Grup ini sudah terhubung dengan RT 07 Kelurahan Simpang IV Sipin, dan satu grup hanya untuk satu RT. Jika grup ini memang pindah ke RT Anda, minta ketua RT 07 (atau koordinatornya) mengirim /lepasgrup di grup ini, lalu kirim /hubungkan lagi.",
    );
    await harness.deliver(groupMessage(ketua05, "/lepasgrup"));
    expect(harness.telegram.lastTextTo(GROUP_ID)).toContain("Grup ini sudah terhubung dengan RT 07");
    expect(await groupOf(rt07.id)).toBe(GROUP_ID);
    expect(await groupOf(rt05.id)).toBeNull();

    // RT 05's announcements stay in private chats; RT 07's group gets none of them.
    await harness.send(ketua05, "/umumkan");
    expect(harness.lastText(ketua05)).toContain("Tulis pengumumannya"); // no channel to choose: RT 05 has no group
    await harness.send(ketua05, "Rapat RT 05.");
    await harness.press(ketua05, "Kirim");
    expect(harness.telegram.textsTo(GROUP_ID).some((t) => t.includes("Rapat RT 05."))).toBe(false);

    // RT 07's ketua frees the group; then RT 05's ketua may link it.
    await harness.deliver(groupMessage(ketua07, "/lepasgrup"));
    expect(harness.telegram.lastTextTo(GROUP_ID)).toBe("Grup ini tidak lagi terhubung dengan RT 07 Kelurahan Simpang IV Sipin. Pengumuman dan giliran ronda RT itu tidak dikirim ke sini lagi.");
    await harness.deliver(groupMessage(ketua07, "/lepasgrup"));
    expect(harness.telegram.lastTextTo(GROUP_ID)).toBe("Grup ini belum terhubung dengan RT mana pun.");
    await harness.deliver(groupMessage(ketua05, "/hubungkan"));
    expect(harness.telegram.lastTextTo(GROUP_ID)).toContain("Grup ini sekarang terhubung dengan RT 05");
    expect(await groupOf(rt05.id)).toBe(GROUP_ID);
    expect(await groupOf(rt07.id)).toBeNull();

    // A koordinator over the RT may free it too (when its ketua is gone); one of another kelurahan may not.
    const outsider = newUser("Koor", "Buluran");
    await addKoordinator(database.db, outsider, { kelurahanCode: KELURAHAN_BULURAN_KENALI });
    await harness.deliver(groupMessage(outsider, "/lepasgrup"));
    expect(harness.telegram.lastTextTo(GROUP_ID)).toContain("Grup ini sudah terhubung dengan RT 05");
    expect(await groupOf(rt05.id)).toBe(GROUP_ID);
    const koordinator = newUser("Koor", "Sipin");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await harness.deliver(groupMessage(koordinator, "/lepasgrup"));
    expect(harness.telegram.lastTextTo(GROUP_ID)).toContain("Grup ini tidak lagi terhubung dengan RT 05");
    expect(await groupOf(rt05.id)).toBeNull();
  });
});

/** The jobs as the scheduler runs them, at the harness's time; then what they queued is sent. */
async function runJob(name: string) {
  const job = productionJobs({ db: database.db, i18n: harness.deps.i18n, logger: createLogger("silent") }).find((candidate) => candidate.name === name)!;
  const result = await job.run(harness.now);
  await harness.settle();
  return result;
}

/** A document (an image sent as a file), not a photo. */
function documentUpdate(user: TestUser): Update {
  const update = harness.messageUpdate(user, "");
  const message = update.message as unknown as Record<string, unknown>;
  delete message.text;
  message.document = { file_id: "doc-file", file_unique_id: "doc-unique", file_name: "poster.jpg", mime_type: "image/jpeg" };
  return update;
}

// 22 November 2026 is a Sunday; the harness starts at 10.00 WIB.
const MONDAY_0600 = new Date("2026-11-22T23:00:00Z");

/** /umumkan up to the scheduled confirmation, for a ketua whose RT has no group. */
async function schedule(ketua: TestUser, text: string, when: string) {
  await harness.send(ketua, "/umumkan");
  await harness.send(ketua, text);
  await harness.press(ketua, "Jadwalkan");
  await harness.send(ketua, when);
  await harness.press(ketua, "Jadwalkan");
}

describe("/umumkan, issue 14: the sender line", () => {
  it("names the sender on the first line, in each recipient's language, and the queued copies keep it after the sender leaves", async () => {
    const { place, ketua, residents } = await rtWithResidents();
    await database.db.update(person).set({ locale: "en" }).where(eq(person.telegramId, residents[1]!.id));
    harness.drainAfterEachUpdate = false;
    await announce(ketua, "Rapat RT malam ini.");
    // The ketua hands the RT over before anything goes out: the copies still say who wrote them.
    await database.db.update(roleAssignment).set({ revokedAt: harness.now }).where(and(eq(roleAssignment.rtId, place.id), eq(roleAssignment.role, "ketua_rt")));
    await harness.delivery.engine.drain();
    expect(harness.telegram.textsTo(residents[0]!.id)).toEqual([fromHarun("Rapat RT malam ini.")]);
    expect(harness.telegram.textsTo(residents[1]!.id)).toEqual(["From the head of RT 05, Harun\n\nRapat RT malam ini."]);
    const [row] = await database.db.select().from(broadcast);
    expect(row?.sender).toEqual({ role: "ketua", area: "05", areaKind: null, name: "Harun", greeting: null });
  });

  it("names the sender as they chose to be addressed (Pak, Bu, Kak), in each recipient's language", async () => {
    const { ketua, residents } = await rtWithResidents();
    await database.db.update(person).set({ greeting: "pak" }).where(eq(person.telegramId, ketua.id));
    await database.db.update(person).set({ locale: "en" }).where(eq(person.telegramId, residents[1]!.id));
    await announce(ketua, "Kerja bakti Minggu pagi.");
    expect(harness.telegram.textsTo(residents[0]!.id)).toEqual(["Dari Ketua RT 05, Pak Harun\n\nKerja bakti Minggu pagi."]);
    expect(harness.telegram.textsTo(residents[1]!.id)).toEqual(["From the head of RT 05, Mr Harun\n\nKerja bakti Minggu pagi."]);
    const [row] = await database.db.select().from(broadcast);
    expect(row?.sender).toEqual({ role: "ketua", area: "05", areaKind: null, name: "Harun", greeting: "pak" });
  });
});

describe("/umumkan, issue 14: a poster", () => {
  it("sends a photo by its file_id with the text as its caption, after refusing a file and a caption too long", async () => {
    const { ketua, residents } = await rtWithResidents();
    await database.db.update(person).set({ locale: "en" }).where(eq(person.telegramId, residents[1]!.id));
    await harness.send(ketua, "/umumkan");
    expect(harness.lastText(ketua)).toContain("atau kirim satu foto poster dengan keterangan (paling banyak 993 karakter)");
    await harness.deliver(documentUpdate(ketua));
    expect(harness.lastText(ketua)).toBe("Poster dikirim sebagai foto, bukan sebagai berkas. Kirim ulang sebagai foto, tulis pengumumannya, atau kirim /batal.");
    // 1,024 less the longest sender line ("From the head of RT 05, Harun", 29) and the blank line.
    await harness.deliver(photoUpdate(harness, ketua, "x".repeat(994)));
    expect(harness.lastText(ketua)).toBe("Keterangan foto terlalu panjang: paling banyak 993 karakter. Kirim foto dengan keterangan yang lebih pendek, atau tulis pengumumannya sebagai teks saja.");
    const caption = "Lomba 17-an! 🎉 " + "y".repeat(977);
    await harness.deliver(photoUpdate(harness, ketua, caption));
    const preview = harness.telegram.callsOf("sendPhoto").find((c) => c.payload.chat_id === ketua.id);
    expect(preview?.payload).toMatchObject({ photo: "photo-file", caption: fromHarun(caption) });
    await harness.press(ketua, "Kirim");
    const copies = harness.telegram.callsOf("sendPhoto").filter((c) => c.payload.chat_id !== ketua.id);
    expect(copies.map((c) => c.payload.chat_id).sort()).toEqual(residents.map((r) => r.id).sort());
    expect(copies.every((c) => c.payload.photo === "photo-file" && c.error === undefined)).toBe(true);
    expect(copies.find((c) => c.payload.chat_id === residents[0]!.id)?.payload.caption).toBe(fromHarun(caption));
    expect(copies.find((c) => c.payload.chat_id === residents[1]!.id)?.payload.caption).toBe(`From the head of RT 05, Harun\n\n${caption}`);
    expect((await database.db.select().from(outbox)).map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
  });

  it("sends a photo without a caption (or with invisible characters only) under the sender line alone", async () => {
    const { ketua, residents } = await rtWithResidents();
    await harness.send(ketua, "/umumkan");
    await harness.deliver(photoUpdate(harness, ketua, "\u200b \u2060"));
    await harness.press(ketua, "Kirim");
    const copy = harness.telegram.callsOf("sendPhoto").find((c) => c.payload.chat_id === residents[0]!.id);
    expect(copy?.payload).toMatchObject({ photo: "photo-file", caption: FROM_HARUN });
  });
});

describe("/umumkan, issue 14: scheduled", () => {
  it("holds an announcement until its time (WIB), through a restart, then sends it to the RT as it is then", async () => {
    const { place, ketua, residents } = await rtWithResidents();
    await harness.send(ketua, "/umumkan");
    await harness.send(ketua, "Kerja bakti besok pagi.");
    expect(harness.buttons(ketua)).toEqual(["📣 Kirim sekarang", "⏰ Jadwalkan", "Batal"]);
    await harness.press(ketua, "Jadwalkan");
    expect(harness.lastText(ketua)).toContain("Kapan pengumuman ini dikirim?");
    await harness.send(ketua, "07.00"); // today, three hours ago
    expect(harness.lastText(ketua)).toBe("Waktu itu sudah lewat. Tulis waktu yang akan datang, misalnya \"Minggu 07.00\".");
    await harness.send(ketua, "besok 06.00");
    expect(harness.lastText(ketua)).toContain("Jadwalkan pengumuman ini untuk Senin, 23 November 2026 pukul 06.00 WIB?");
    const confirm = shownMessages(harness.telegram, ketua.id).at(-1)!;
    await pressOn(harness, ketua, confirm, "Jadwalkan");
    await pressOn(harness, ketua, confirm, "Jadwalkan"); // a second tap: still one announcement
    expect(harness.lastText(ketua)).toContain("Pengumuman dijadwalkan: Senin, 23 November 2026 pukul 06.00 WIB.");
    const rows = await database.db.select().from(broadcast);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "scheduled", sendAt: MONDAY_0600 });
    expect(await runJob("release-broadcasts")).toEqual({ released: 0, dropped: 0 });
    for (const resident of residents) expect(harness.telegram.textsTo(resident.id)).toEqual([]);

    // Before the time a resident joins and one mutes announcements; the bot restarts.
    const newcomer = newUser("Baru");
    await addMember(database.db, newcomer, place.id);
    await harness.send(residents[0]!, "/senyap");
    harness.restart();
    harness.now = new Date(MONDAY_0600.getTime() - 60_000);
    expect(await runJob("release-broadcasts")).toEqual({ released: 0, dropped: 0 });
    harness.now = MONDAY_0600;
    expect(await runJob("release-broadcasts")).toEqual({ released: 1, dropped: 0 });
    for (const user of [residents[1]!, residents[2]!, newcomer]) expect(harness.telegram.textsTo(user.id)).toEqual([fromHarun("Kerja bakti besok pagi.")]);
    expect(harness.telegram.textsTo(residents[0]!.id).filter((t) => t.includes("Kerja bakti"))).toEqual([]);

    // The scheduled message becomes the progress message, and the report follows.
    await harness.delivery.monitor.tick();
    expect(shownMessages(harness.telegram, ketua.id).some((m) => m.text === "Selesai: terkirim 3/3 · gagal 0 · diblokir 0")).toBe(true);
    expect(harness.lastText(ketua)).toContain("dilewati karena senyap: 1");
    expect(await runJob("release-broadcasts")).toEqual({ released: 0, dropped: 0 });
    expect(await database.db.select().from(outbox)).toHaveLength(3);
  });

  it("lists the waiting ones at /umumkan, and each can be cancelled before it goes", async () => {
    const { ketua, residents } = await rtWithResidents();
    await schedule(ketua, "Pengumuman pertama.", "besok 06.00");
    const firstMessage = shownMessages(harness.telegram, ketua.id).at(-1)!;
    await schedule(ketua, "Pengumuman kedua, yang lebih panjang dari empat puluh huruf.", "besok 07.00");
    await harness.send(ketua, "/umumkan");
    const list = shownMessages(harness.telegram, ketua.id).filter((m) => m.text.startsWith("Pengumuman terjadwal Anda")).at(-1)!;
    expect(list.text).toBe(
      "Pengumuman terjadwal Anda yang belum dikirim:\n• Senin, 23 November 2026 pukul 06.00 WIB: Pengumuman pertama.\n• Senin, 23 November 2026 pukul 07.00 WIB: Pengumuman kedua, yang lebih panjang dar…",
    );
    // Pressed while the form waits for a new text: the button's own handler answers it.
    await pressOn(harness, ketua, list, "07.00");
    expect(harness.lastText(ketua)).toBe("Pengumuman terjadwal dibatalkan. Tidak ada yang dikirim.");
    expect(callbackDataOf(shownMessages(harness.telegram, ketua.id).find((m) => m.messageId === list.messageId)!)).toHaveLength(1);
    await harness.send(ketua, "/batal");
    await pressOn(harness, ketua, firstMessage, "Batalkan");
    expect(harness.lastText(ketua)).toBe("Pengumuman terjadwal dibatalkan. Tidak ada yang dikirim.");
    harness.now = new Date(MONDAY_0600.getTime() + 3_600_000);
    expect(await runJob("release-broadcasts")).toEqual({ released: 0, dropped: 0 });
    for (const resident of residents) expect(harness.telegram.textsTo(resident.id)).toEqual([]);
    expect((await database.db.select().from(broadcast)).map((r) => r.status)).toEqual(["stopped", "stopped"]);
    await harness.send(ketua, "/umumkan");
    // Nothing waits any more: no new list (the two shown were when the second was written, and above).
    expect(shownMessages(harness.telegram, ketua.id).filter((m) => m.text.startsWith("Pengumuman terjadwal Anda"))).toHaveLength(2);
  });

  it("is not sent when its sender no longer heads the RT at its time, and they are told", async () => {
    const { place, ketua, residents } = await rtWithResidents();
    await schedule(ketua, "Iuran sampah naik.", "besok 06.00");
    await database.db.update(roleAssignment).set({ revokedAt: harness.now }).where(and(eq(roleAssignment.rtId, place.id), eq(roleAssignment.role, "ketua_rt")));
    harness.now = MONDAY_0600;
    expect(await runJob("release-broadcasts")).toEqual({ released: 0, dropped: 1 });
    for (const resident of residents) expect(harness.telegram.textsTo(resident.id)).toEqual([]);
    expect(harness.lastText(ketua)).toBe("Pengumuman terjadwal Anda untuk Senin, 23 November 2026 pukul 06.00 WIB tidak dikirim: Anda tidak lagi memegang peran yang boleh mengirimnya ke penerima itu.");
    expect((await database.db.select().from(broadcast))[0]?.status).toBe("stopped");
  });

  it("of a sender who erases their data is cancelled, its text, poster and sender line forgotten", async () => {
    const { ketua } = await rtWithResidents();
    const koordinator = newUser("Koor");
    const koordinatorId = await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await harness.send(koordinator, "/umumkan");
    await harness.press(koordinator, "Ketua RT di wilayah saya");
    await harness.deliver(photoUpdate(harness, koordinator, "Rapat ketua RT."));
    await harness.press(koordinator, "Jadwalkan");
    await harness.send(koordinator, "besok 06.00");
    await harness.press(koordinator, "Jadwalkan");
    const [before] = await database.db.select().from(broadcast);
    expect(before).toMatchObject({ status: "scheduled", photoFileId: "photo-file", sender: { role: "koordinator", area: "Simpang IV Sipin", areaKind: "kelurahan", name: "Koor" } });
    expect(await erasePerson(database.db, koordinatorId, harness.now)).toBe(true);
    const [after] = await database.db.select().from(broadcast);
    expect(after).toMatchObject({ status: "stopped", text: "", entities: null, sender: null, photoFileId: null, progressChatId: null });
    harness.now = MONDAY_0600;
    expect(await runJob("release-broadcasts")).toEqual({ released: 0, dropped: 0 });
    expect(harness.telegram.callsOf("sendPhoto").filter((c) => c.payload.chat_id === ketua.id)).toEqual([]);
  });
});
