import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, membership, outbox, rt } from "../../src/db/schema/index.js";
import {
  activeRolesOf,
  addKetua,
  addMember,
  addPending,
  addPetugas,
  addRt,
  currentMembershipOf,
  newUser,
  snapshotState,
} from "../helpers/fixtures.js";
import { callbackAnswerTo, callbackDataOf, photoUpdate, pressData, pressOn, type ShownMessage, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { handover, memberDecision, memberRemove, petugas } from "../../src/messages/buttons/people.js";
import { handOverKetua } from "../../src/domain/roles/roles.js";
import type { RtDetails } from "../../src/domain/rt/rt.js";

const { database, harness } = withTestBot();

/** RT 05 Simpang IV Sipin (40 KK) with Pak Ketua at its head. */
async function rtWithKetua(): Promise<{ place: RtDetails; ketua: TestUser; ketuaMember: { personId: number; membershipId: number } }> {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Pak", "Ketua");
  const ketuaMember = await addKetua(database.db, ketua, place.id);
  return { place, ketua, ketuaMember };
}

async function householdCount(rtId: number): Promise<number> {
  const [row] = await database.db.select({ householdCount: rt.householdCount }).from(rt).where(eq(rt.id, rtId));
  return row!.householdCount;
}

/** The message in the chat whose text contains `text` (the latest such). */
function shownWith(user: TestUser, text: string): ShownMessage {
  const found = shownMessages(harness.telegram, user.id).filter((message) => message.text.includes(text)).at(-1);
  if (!found) throw new Error(`no message with "${text}" in chat ${user.id}`);
  return found;
}

/** What the bot queued for a person on its own initiative (notices), sent or not. */
function outboxTo(user: TestUser) {
  return database.db.select().from(outbox).where(eq(outbox.chatId, user.id));
}

function sentTextsTo(user: TestUser): string[] {
  return harness.telegram.callsOf("sendMessage").filter((call) => call.payload.chat_id === user.id).map((call) => String(call.payload.text));
}

describe("/anggota", () => {
  it("lists active members with their roles, and pending requests with a pair of buttons each", async () => {
    const { place, ketua } = await rtWithKetua();
    await addMember(database.db, newUser("Budi"), place.id, "No. 3");
    await addPetugas(database.db, newUser("Citra"), place.id);
    await addPending(database.db, newUser("Dewi"), place.id, "No. 9");
    await addPending(database.db, newUser("Eko"), place.id, "No. 10");

    await harness.send(ketua, "/anggota");

    const [list, pending, ...rest] = sentTextsTo(ketua);
    expect(rest).toEqual([]);
    expect(list).toBe(
      [
        "Warga RT 05 Kelurahan Simpang IV Sipin: 3 anggota aktif, 40 KK terdata.",
        "1. Budi — No. 3",
        "2. Citra — Rumah Petugas (petugas)",
        "3. Pak — Rumah Ketua (ketua RT)",
      ].join("\n"),
    );
    expect(pending).toBe(["Menunggu persetujuan (2):", "• Dewi — No. 9", "• Eko — No. 10"].join("\n"));
    const buttons = shownWith(ketua, "Menunggu persetujuan").keyboard!.inline_keyboard.map((row) => row.map((button) => button.text));
    expect(buttons).toEqual([
      ["✅ Dewi", "❌"],
      ["✅ Eko", "❌"],
    ]);
  });

  it("splits a long RT into messages under Telegram's 4096-character limit, listing everyone once", async () => {
    const { place, ketua } = await rtWithKetua();
    const longName = (i: number) => `Warga Dengan Nama Yang Sangat Panjang Sekali Nomor ${String(i).padStart(3, "0")}`;
    const household = "Keluarga Besar Bapak Dengan Alamat Panjang Nomor 123/B";
    for (let i = 1; i <= 150; i++) await addMember(database.db, { id: 900_000 + i, first_name: "W" }, place.id, household).then(({ personId }) => personId);
    // Give them long display names (addMember uses the first name).
    await database.db.execute(sql`update person set display_name = 'Warga Dengan Nama Yang Sangat Panjang Sekali Nomor ' || lpad((telegram_id - 900000)::text, 3, '0') where telegram_id > 900000`);
    for (let i = 1; i <= 45; i++) {
      const applicant = { id: 800_000 + i, first_name: `Pemohon Dengan Nama Panjang ${String(i).padStart(2, "0")}` };
      await addPending(database.db, applicant, place.id, household);
    }

    await harness.send(ketua, "/anggota");

    const texts = sentTextsTo(ketua);
    for (const text of texts) expect(text.length).toBeLessThan(4096);
    const listTexts = texts.filter((text) => !text.startsWith("Menunggu persetujuan"));
    expect(listTexts.length).toBeGreaterThan(1);
    const lines = listTexts.join("\n").split("\n").filter((line) => /^\d+\. /.test(line));
    expect(lines).toHaveLength(151);
    expect(lines.map((line) => Number(line.split(".")[0]))).toEqual(Array.from({ length: 151 }, (_, i) => i + 1));
    for (let i = 1; i <= 150; i++) expect(lines.filter((line) => line.includes(longName(i)))).toHaveLength(1);

    const pendingMessages = shownMessages(harness.telegram, ketua.id).filter((message) => message.text.startsWith("Menunggu persetujuan (45):"));
    expect(pendingMessages.map((message) => message.keyboard!.inline_keyboard.length)).toEqual([20, 20, 5]);
    const approveData = pendingMessages.flatMap(callbackDataOf).filter((data) => memberDecision.read(data)?.decision === "ok");
    expect(new Set(approveData).size).toBe(45);
    for (const message of pendingMessages) {
      expect(message.text.length).toBeLessThan(4096);
      for (const data of callbackDataOf(message)) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    }
  });

  it("approves from the list: the pressed row disappears, the resident is told once", async () => {
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const eko = newUser("Eko");
    const dewiRequest = await addPending(database.db, dewi, place.id);
    await addPending(database.db, eko, place.id);
    await harness.send(ketua, "/anggota");

    await pressOn(harness, ketua, shownWith(ketua, "Menunggu persetujuan"), "✅ Dewi");

    expect((await currentMembershipOf(database.db, dewi.id))?.status).toBe("active");
    expect((await currentMembershipOf(database.db, eko.id))?.status).toBe("pending");
    const list = shownWith(ketua, "Menunggu persetujuan");
    expect(callbackDataOf(list).some((data) => data.endsWith(`:${dewiRequest.membershipId}`))).toBe(false);
    expect(list.keyboard!.inline_keyboard.map((row) => row.map((button) => button.text))).toEqual([["✅ Eko", "❌"]]);
    expect(harness.lastText(ketua)).toBe("Dewi disetujui menjadi warga.");
    expect(harness.telegram.textsTo(dewi.id)).toEqual(["Selamat, Dewi! Anda sudah menjadi warga RT 05 Kelurahan Simpang IV Sipin di bot Kampung BANTAR. Ketik /bantuan untuk melihat perintah."]);
    expect(harness.telegram.textsTo(eko.id)).toEqual([]);
  });

  it("rejects from the list: the row disappears, the request is kept as rejected, the resident is told", async () => {
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    await harness.send(ketua, "/anggota");

    await pressOn(harness, ketua, shownWith(ketua, "Menunggu persetujuan"), memberDecision.data({ decision: "no", membership: request.membershipId }));

    expect(shownWith(ketua, "Menunggu persetujuan").keyboard).toBeUndefined();
    expect(harness.lastText(ketua)).toBe("Permintaan Dewi ditolak.");
    const [row] = await database.db.select().from(membership).where(eq(membership.id, request.membershipId));
    expect(row?.status).toBe("rejected");
    expect(harness.telegram.textsTo(dewi.id)).toEqual([expect.stringContaining("tidak disetujui")]);
  });

  it("counts a double tap and a redelivered callback as one decision with one notification", async () => {
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    await harness.send(ketua, "/anggota");
    const stale = shownWith(ketua, "Menunggu persetujuan");

    const first = await pressOn(harness, ketua, stale, "✅ Dewi");
    const callsAfterFirst = harness.telegram.calls.length;
    await harness.deliver(first); // Telegram redelivers the same update
    expect(harness.telegram.calls.length).toBe(callsAfterFirst);

    const second = await pressOn(harness, ketua, stale, "✅ Dewi"); // a second tap on the old keyboard
    expect(callbackAnswerTo(harness.telegram, second)).toEqual(expect.objectContaining({ text: "Permintaan Dewi sudah diproses sebelumnya.", show_alert: true }));
    const late = await pressOn(harness, ketua, stale, memberDecision.data({ decision: "no", membership: request.membershipId })); // or a late tap on reject
    expect(callbackAnswerTo(harness.telegram, late)?.text).toBe("Permintaan Dewi sudah diproses sebelumnya.");

    expect((await currentMembershipOf(database.db, dewi.id))?.status).toBe("active");
    expect(harness.telegram.textsTo(dewi.id)).toHaveLength(1);
    expect(harness.telegram.textsTo(ketua.id).filter((text) => text === "Dewi disetujui menjadi warga.")).toHaveLength(1);
  });

  it("a reply that fails after the approval still leaves the notice queued once, and a retry does not double it", async () => {
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    await harness.send(ketua, "/anggota");
    const list = shownWith(ketua, "Menunggu persetujuan");
    const data = memberDecision.data({ decision: "ok", membership: request.membershipId });

    harness.telegram.failNext("answerCallbackQuery", { error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" });
    harness.telegram.failNext("editMessageReplyMarkup", { error_code: 500, description: "Internal Server Error" });
    const update = harness.callbackUpdate(ketua, data, list.messageId);
    await expect(harness.deliver(update)).rejects.toThrow();
    expect((await currentMembershipOf(database.db, dewi.id))?.status).toBe("active");
    expect(await outboxTo(dewi)).toHaveLength(1);
    expect(harness.telegram.textsTo(dewi.id)).toHaveLength(1);

    await harness.deliver(update); // Telegram sends the failed update again
    expect(callbackAnswerTo(harness.telegram, update)).toBeDefined();
    expect(await outboxTo(dewi)).toHaveLength(1);
    expect(harness.telegram.textsTo(dewi.id)).toEqual([expect.stringContaining("Anda sudah menjadi warga RT 05")]);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "membership_approved"))).toHaveLength(1);
  });
});

describe("/keluarkan", () => {
  it("does not offer the ketua, asks to confirm, removes the member and tells them", async () => {
    const { place, ketua } = await rtWithKetua();
    const budi = newUser("Budi");
    await addMember(database.db, budi, place.id);
    await addMember(database.db, newUser("Citra"), place.id);
    await addPending(database.db, newUser("Dewi"), place.id);

    await harness.send(ketua, "/keluarkan");
    expect(harness.lastText(ketua)).toBe("Pilih warga yang akan dikeluarkan dari RT 05:");
    expect(harness.buttons(ketua)).toEqual(["Budi", "Citra", "Tutup"]);

    await harness.press(ketua, "Budi");
    expect(harness.lastText(ketua)).toBe("Keluarkan Budi dari RT 05?");
    await harness.press(ketua, "Ya, lanjutkan");

    expect(harness.lastText(ketua)).toBe("Budi sudah dikeluarkan dari RT.");
    expect(await currentMembershipOf(database.db, budi.id)).toBeUndefined();
    expect(harness.telegram.textsTo(budi.id)).toEqual([expect.stringContaining("Anda telah dikeluarkan dari RT 05 Kelurahan Simpang IV Sipin")]);
    // A removed member is no longer a member for /keluar either.
    await harness.send(budi, "/keluar");
    expect(harness.lastText(budi)).toBe("Anda belum terdaftar di RT mana pun. Kirim /start untuk mendaftar.");
  });

  it("changes nothing when the ketua cancels", async () => {
    const { place, ketua } = await rtWithKetua();
    await addMember(database.db, newUser("Budi"), place.id);
    await harness.send(ketua, "/keluarkan");
    await harness.press(ketua, "Budi");
    const before = await snapshotState(database.db);
    await harness.press(ketua, "Batal");
    expect(harness.lastText(ketua)).toBe("Ditutup.");
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("takes the petugas role away with the membership", async () => {
    const { place, ketua } = await rtWithKetua();
    const citra = newUser("Citra");
    await addPetugas(database.db, citra, place.id);
    expect(await activeRolesOf(database.db, citra.id)).toEqual([`petugas:${place.id}`]);

    await harness.send(ketua, "/keluarkan");
    await harness.press(ketua, "Citra");
    await harness.press(ketua, "Ya, lanjutkan");

    expect(await activeRolesOf(database.db, citra.id)).toEqual([]);
    expect(await currentMembershipOf(database.db, citra.id)).toBeUndefined();
  });

  it("removes once on a double tap and refuses a forged removal of the ketua", async () => {
    const { place, ketua, ketuaMember } = await rtWithKetua();
    const budi = newUser("Budi");
    await addMember(database.db, budi, place.id);
    await harness.send(ketua, "/keluarkan");
    await harness.press(ketua, "Budi");
    const confirm = shownWith(ketua, "Keluarkan Budi");
    await pressOn(harness, ketua, confirm, "Ya, lanjutkan");
    const again = await pressOn(harness, ketua, confirm, "Ya, lanjutkan");
    expect(callbackAnswerTo(harness.telegram, again)).toEqual(expect.objectContaining({ show_alert: true, text: "Warga tersebut tidak ditemukan atau sudah tidak aktif." }));
    expect(harness.telegram.textsTo(budi.id)).toHaveLength(1);

    const before = await snapshotState(database.db);
    const self = await pressData(harness, ketua, memberRemove.data({ step: "confirm", membership: ketuaMember.membershipId }));
    expect(callbackAnswerTo(harness.telegram, self)?.text).toBe("Anda ketua RT ini. Serahkan jabatan dulu dengan /serahkan sebelum keluar.");
    expect(await snapshotState(database.db)).toEqual(before);
  });
});

describe("/serahkan", () => {
  it("a reply that fails after the hand-over still leaves the new ketua's notice queued once, and a retry does not double it", async () => {
    const { place, ketua } = await rtWithKetua();
    const budi = newUser("Budi");
    const budiIds = await addMember(database.db, budi, place.id);
    await harness.send(ketua, "/serahkan");
    await harness.press(ketua, "Budi");
    const confirm = shownWith(ketua, "Serahkan jabatan");

    harness.telegram.failNext("editMessageText", { error_code: 500, description: "Internal Server Error" });
    const update = harness.callbackUpdate(ketua, handover.data({ step: "confirm", membership: budiIds.membershipId }), confirm.messageId);
    await expect(harness.deliver(update)).rejects.toThrow();
    expect(await activeRolesOf(database.db, budi.id)).toEqual([`ketua_rt:${place.id}`]);
    expect(await outboxTo(budi)).toHaveLength(1);

    await harness.deliver(update); // Telegram sends the failed update again: the old ketua is one no more
    expect(await outboxTo(budi)).toHaveLength(1);
    expect(harness.telegram.textsTo(budi.id)).toEqual([expect.stringContaining("menyerahkan jabatan ketua RT 05")]);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "ketua_handed_over"))).toHaveLength(1);
  });

  it("hands the RT over: the old ketua loses the role, the new one gets it and is told", async () => {
    const { place, ketua } = await rtWithKetua();
    const budi = newUser("Budi");
    await addMember(database.db, budi, place.id);

    await harness.send(ketua, "/serahkan");
    expect(harness.buttons(ketua)).toEqual(["Budi", "Tutup"]);
    await harness.press(ketua, "Budi");
    expect(harness.lastText(ketua)).toBe("Serahkan jabatan ketua RT 05 kepada Budi? Anda tetap menjadi warga RT ini.");
    const confirm = shownWith(ketua, "Serahkan jabatan");
    await pressOn(harness, ketua, confirm, "Ya, lanjutkan");

    expect(harness.lastText(ketua)).toBe("Jabatan ketua RT 05 sudah diserahkan kepada Budi. Terima kasih atas pengabdian Anda!");
    expect(await activeRolesOf(database.db, ketua.id)).toEqual([]);
    expect(await activeRolesOf(database.db, budi.id)).toEqual([`ketua_rt:${place.id}`]);
    expect((await currentMembershipOf(database.db, ketua.id))?.status).toBe("active");
    expect(harness.telegram.textsTo(budi.id)).toEqual(["Pak menyerahkan jabatan ketua RT 05 Kelurahan Simpang IV Sipin kepada Anda. Lihat perintah ketua RT di /bantuan."]);

    // A second tap on the old confirmation changes nothing and tells nobody again.
    const before = await snapshotState(database.db);
    const again = await pressOn(harness, ketua, confirm, "Ya, lanjutkan");
    expect(callbackAnswerTo(harness.telegram, again)).toEqual(expect.objectContaining({ show_alert: true, text: "Maaf, perintah ini hanya untuk ketua RT." }));
    expect(await snapshotState(database.db)).toEqual(before);
    expect(harness.telegram.textsTo(budi.id)).toHaveLength(1);

    // The old ketua is now refused on ketua commands; the new one is served.
    for (const command of ["/anggota", "/keluarkan", "/jumlahkk 10", "/serahkan", "/petugas", "/undangan"]) {
      await harness.send(ketua, command);
      expect(harness.lastText(ketua)).toBe("Maaf, perintah ini hanya untuk ketua RT.");
    }
    await harness.send(budi, "/anggota");
    expect(harness.lastText(budi)).toContain("Warga RT 05 Kelurahan Simpang IV Sipin: 2 anggota aktif");
    expect(harness.lastText(budi)).toContain("Budi — Rumah 1 (ketua RT)");
  });

  it("a ketua who handed over cannot finish a /jumlahkk they had started", async () => {
    const { place, ketua } = await rtWithKetua();
    const budi = newUser("Budi");
    await addMember(database.db, budi, place.id);
    await harness.send(ketua, "/jumlahkk");
    expect(harness.lastText(ketua)).toContain("Berapa jumlah KK");
    // Meanwhile the role passes to Budi (recorded by the domain service, as from another session).
    const actor = await loadActor(database.db, ketua.id, []);
    await handOverKetua(harness.deps, actor, { membershipId: (await currentMembershipOf(database.db, budi.id))!.id });
    await harness.send(ketua, "120");
    expect(harness.lastText(ketua)).toBe("Maaf, isian ini dihentikan: peran atau wilayah tugas Anda sudah berubah, jadi Anda tidak lagi berwenang atas isian ini. Langkah terakhir tidak dijalankan.");
    expect(await householdCount(place.id)).toBe(40);
  });
});

describe("/petugas", () => {
  it("appoints on a tap and revokes on the next; a double tap changes and notifies once", async () => {
    const { place, ketua } = await rtWithKetua();
    const budi = newUser("Budi");
    const member = await addMember(database.db, budi, place.id);

    await harness.send(ketua, "/petugas");
    const picker = shownWith(ketua, "Ketuk nama");
    expect(callbackDataOf(picker)).toContain(petugas.data({ change: "add", membership: member.membershipId }));

    const first = await pressOn(harness, ketua, picker, "Budi");
    expect(callbackAnswerTo(harness.telegram, first)?.text).toBe("Budi sekarang petugas RT.");
    await pressOn(harness, ketua, picker, "Budi"); // the same (old) button again
    expect(await activeRolesOf(database.db, budi.id)).toEqual([`petugas:${place.id}`]);
    expect(harness.telegram.textsTo(budi.id)).toEqual(["Anda diangkat menjadi petugas RT 05 Kelurahan Simpang IV Sipin."]);
    const updated = shownWith(ketua, "Ketuk nama");
    expect(updated.keyboard!.inline_keyboard.flat().map((button) => button.text)).toContain("✅ Budi");

    const revoke = await pressOn(harness, ketua, updated, "✅ Budi");
    expect(callbackAnswerTo(harness.telegram, revoke)?.text).toBe("Budi tidak lagi menjadi petugas RT.");
    await pressOn(harness, ketua, updated, "✅ Budi");
    expect(await activeRolesOf(database.db, budi.id)).toEqual([]);
    expect(harness.telegram.textsTo(budi.id)).toEqual([
      "Anda diangkat menjadi petugas RT 05 Kelurahan Simpang IV Sipin.",
      "Tugas Anda sebagai petugas RT 05 Kelurahan Simpang IV Sipin telah selesai. Terima kasih!",
    ]);
    expect(shownWith(ketua, "Ketuk nama").keyboard!.inline_keyboard.flat().map((button) => button.text)).toContain("Budi");
  });

  it("refuses to appoint someone who is only waiting for approval", async () => {
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    const before = await snapshotState(database.db);
    const update = await pressData(harness, ketua, petugas.data({ change: "add", membership: request.membershipId }));
    expect(callbackAnswerTo(harness.telegram, update)).toEqual(expect.objectContaining({ text: "Orang tersebut bukan anggota aktif RT ini.", show_alert: true }));
    expect(await snapshotState(database.db)).toEqual(before);
    expect(harness.telegram.textsTo(dewi.id)).toEqual([]);
  });
});

/** Hostile answers and what the bot must say to each; the stored KK count stays 40 throughout. */
const HOSTILE: { label: string; text: string; answer: string }[] = [
  { label: "10,000 characters", text: "sepuluh ribu ".repeat(800).slice(0, 10_000), answer: "Itu bukan angka. Tulis angkanya saja, dari 0 sampai 10.000." },
  { label: "an emoji", text: "👍", answer: "Itu bukan angka. Tulis angkanya saja, dari 0 sampai 10.000." },
  { label: "a decimal comma", text: "2,5", answer: "Harus bilangan bulat, tanpa koma, dari 0 sampai 10.000." },
  { label: "a decimal point", text: "2.5", answer: "Harus bilangan bulat, tanpa koma, dari 0 sampai 10.000." },
  { label: "a negative number", text: "-5", answer: "Angka harus antara 0 dan 10.000." },
  { label: "a huge number", text: "99999999", answer: "Angka harus antara 0 dan 10.000." },
  { label: "SQL", text: "'; DROP TABLE rt; --", answer: "Itu bukan angka. Tulis angkanya saja, dari 0 sampai 10.000." },
  { label: "a number with a unit", text: "120 KK", answer: "Itu bukan angka. Tulis angkanya saja, dari 0 sampai 10.000." },
];

describe("/jumlahkk", () => {
  it("sets the count from the argument, reading a dot as the thousands separator", async () => {
    const { place, ketua } = await rtWithKetua();
    await harness.send(ketua, "/jumlahkk 120");
    expect(harness.lastText(ketua)).toBe("Jumlah KK RT 05 Kelurahan Simpang IV Sipin sekarang 120.");
    expect(await householdCount(place.id)).toBe(120);
    await harness.send(ketua, "/jumlahkk 1.200");
    expect(harness.lastText(ketua)).toBe("Jumlah KK RT 05 Kelurahan Simpang IV Sipin sekarang 1.200.");
    expect(await householdCount(place.id)).toBe(1200);
  });

  it.each(HOSTILE)("answers $label in the argument and keeps the count", async ({ text, answer }) => {
    const { place, ketua } = await rtWithKetua();
    await harness.send(ketua, `/jumlahkk ${text}`);
    expect(harness.lastText(ketua)).toBe(`${answer}\nContoh: /jumlahkk 120`);
    expect(sentTextsTo(ketua)).toHaveLength(1);
    expect(await householdCount(place.id)).toBe(40);
  });

  it("asks for the number when the argument is empty or only spaces", async () => {
    const { place, ketua } = await rtWithKetua();
    for (const command of ["/jumlahkk", "/jumlahkk     "]) {
      await harness.send(ketua, command);
      expect(harness.lastText(ketua)).toBe("Berapa jumlah KK (kartu keluarga) di RT Anda? Tulis angkanya saja, misalnya 120.");
    }
    await harness.send(ketua, "75");
    expect(harness.lastText(ketua)).toBe("Jumlah KK RT 05 Kelurahan Simpang IV Sipin sekarang 75.");
    expect(await householdCount(place.id)).toBe(75);
  });

  it("keeps asking at the prompt through hostile answers, and a photo, until a valid number", async () => {
    const { place, ketua } = await rtWithKetua();
    await harness.send(ketua, "/jumlahkk");
    for (const { text, answer } of [...HOSTILE, { text: "", answer: "Isian masih kosong. Silakan tulis lagi." }, { text: "   \n\t ", answer: "Isian masih kosong. Silakan tulis lagi." }]) {
      const mark = harness.telegram.calls.length;
      await harness.send(ketua, text);
      expect(harness.telegram.calls.slice(mark).map((call) => call.payload.text)).toEqual([answer]);
      expect(await householdCount(place.id)).toBe(40);
    }
    await harness.deliver(photoUpdate(harness, ketua));
    expect(harness.lastText(ketua)).toBe("Mohon jawab dengan teks, atau kirim /batal untuk berhenti.");
    await harness.deliver(photoUpdate(harness, ketua, "120"));
    expect(harness.lastText(ketua)).toBe("Mohon jawab dengan teks, atau kirim /batal untuk berhenti.");
    expect(await householdCount(place.id)).toBe(40);
    // The rt table is still there and whole.
    expect(await database.db.select({ id: rt.id }).from(rt)).toHaveLength(1);

    await harness.send(ketua, "1.200");
    expect(harness.lastText(ketua)).toBe("Jumlah KK RT 05 Kelurahan Simpang IV Sipin sekarang 1.200.");
    expect(await householdCount(place.id)).toBe(1200);
    // The prompt is over: a number now is just a message.
    await harness.send(ketua, "5");
    expect(await householdCount(place.id)).toBe(1200);
  });

  it("still lets the ketua decide on a join request while the prompt waits", async () => {
    const { place, ketua } = await rtWithKetua();
    await harness.send(ketua, "/jumlahkk");
    const dewi = newUser("Dewi");
    await harness.send(dewi, `/start ${place.inviteCode}`);
    await harness.press(dewi, "Saya setuju");
    await harness.send(dewi, "Dewi Sartika");
    await harness.press(dewi, "saja");
    await harness.send(dewi, "No. 4");
    await harness.press(dewi, "Kirim permintaan");

    const approve = await harness.press(ketua, "Setujui");
    expect(callbackAnswerTo(harness.telegram, approve)?.text).toBe("Dewi Sartika disetujui menjadi warga.");
    expect((await currentMembershipOf(database.db, dewi.id))?.status).toBe("active");
    expect(harness.lastText(dewi)).toContain("Anda sudah menjadi warga RT 05");

    // The prompt is still waiting for its number.
    await harness.send(ketua, "64");
    expect(harness.lastText(ketua)).toBe("Jumlah KK RT 05 Kelurahan Simpang IV Sipin sekarang 64.");
    expect(await householdCount(place.id)).toBe(64);
  });

  it("leaves the count alone when the prompt is cancelled", async () => {
    const { place, ketua } = await rtWithKetua();
    await harness.send(ketua, "/jumlahkk");
    await harness.send(ketua, "/batal");
    expect(harness.lastText(ketua)).toBe("Baik, dibatalkan. Ketik /bantuan untuk melihat perintah.");
    await harness.send(ketua, "90");
    expect(await householdCount(place.id)).toBe(40);
  });
});

describe("/undangan", () => {
  it("shows the RT's link; a reset makes the old code invalid and the new one work", async () => {
    const { place, ketua } = await rtWithKetua();
    await harness.send(ketua, "/undangan");
    const oldLink = `https://t.me/bantar_test_bot?start=${place.inviteCode}`;
    expect(harness.lastText(ketua)).toContain(oldLink);
    expect(harness.lastText(ketua)).toContain("Tautan undangan warga RT 05 Kelurahan Simpang IV Sipin:");

    const reset = await harness.press(ketua, "Buat tautan baru");
    expect(callbackAnswerTo(harness.telegram, reset)?.text).toBe("Tautan baru dibuat; tautan lama tidak berlaku lagi.");
    const [stored] = await database.db.select({ inviteCode: rt.inviteCode }).from(rt).where(eq(rt.id, place.id));
    const newCode = stored!.inviteCode;
    expect(newCode).not.toBe(place.inviteCode);
    expect(harness.lastText(ketua)).toContain(`https://t.me/bantar_test_bot?start=${newCode}`);
    expect(harness.lastText(ketua)).not.toContain(oldLink);

    const late = newUser("Telat");
    await harness.send(late, `/start ${place.inviteCode}`);
    expect(harness.telegram.textsTo(late.id)).toEqual([
      "Tautan undangan ini tidak dikenal. Minta tautan baru kepada ketua RT atau koordinator Anda.",
    ]);

    const fresh = newUser("Baru");
    await harness.send(fresh, `/start ${newCode}`);
    expect(harness.lastText(fresh)).toContain("Data yang kami simpan");
    await harness.press(fresh, "Saya setuju");
    expect(harness.telegram.textsTo(fresh.id)).toContain("Anda diundang bergabung ke RT 05 Kelurahan Simpang IV Sipin, Kecamatan Telanaipura.");
    await harness.send(fresh, "Rina Marlina");
    await harness.press(fresh, "saja");
    await harness.send(fresh, "No. 7");
    await harness.press(fresh, "Kirim permintaan");
    expect(await currentMembershipOf(database.db, fresh.id)).toMatchObject({ rtId: place.id, status: "pending", householdLabel: "No. 7" });
  });
});
