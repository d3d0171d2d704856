import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { membership, person } from "../../src/db/schema/index.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { decideMembership } from "../../src/domain/membership/membership.js";
import { createRoleInvite } from "../../src/domain/roles/roles.js";
import { greetingSet, joinGreeting, joinStep, memberRemove } from "../../src/messages/buttons/people.js";
import { addAdmin, addKetua, addKoordinator, addMember, addRt, KECAMATAN_TELANAIPURA, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { callbackAnswerTo, pressData, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

const { database, harness } = withTestBot();

async function membershipsOf(telegramId: number) {
  const [row] = await database.db.select().from(person).where(eq(person.telegramId, telegramId));
  if (!row) return [];
  return database.db.select().from(membership).where(eq(membership.personId, row.id));
}

/** Walks a new resident through consent, kecamatan → kelurahan → RT, name and household. */
async function registerThroughMap(user: ReturnType<typeof newUser>, rtLabel: string, name: string, household: string) {
  await harness.send(user, "/start");
  expect(harness.lastText(user)).toContain("Data yang kami simpan");
  await harness.press(user, "Saya setuju");
  expect(harness.lastText(user)).toContain("Pilih kecamatan");
  await harness.press(user, "Telanaipura");
  expect(harness.lastText(user)).toContain("Pilih kelurahan");
  await harness.press(user, "Simpang IV Sipin");
  expect(harness.lastText(user)).toContain("Pilih RT");
  await harness.press(user, rtLabel);
  await harness.send(user, name);
  await harness.press(user, "saja");
  await harness.send(user, household);
  expect(harness.lastText(user)).toContain(name);
  await harness.press(user, "Kirim permintaan");
}

describe("registration", () => {
  it("takes a resident from /start to an approved membership, telling both sides", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Pak", "RT");
    await addKetua(database.db, ketua, place.id);
    const siti = newUser("Siti", "Aminah");

    await registerThroughMap(siti, "RT 05", "Siti Aminah", "Keluarga Pak Budi, No. 12");

    expect(harness.lastText(siti)).toContain("sudah dikirim ke ketua RT 05");
    expect(harness.lastText(ketua)).toContain("Siti Aminah");
    expect(harness.lastText(ketua)).toContain("Keluarga Pak Budi, No. 12");
    const [pending] = await membershipsOf(siti.id);
    expect(pending).toMatchObject({ rtId: place.id, status: "pending", householdLabel: "Keluarga Pak Budi, No. 12" });

    await harness.press(ketua, "Setujui");
    expect(harness.lastText(siti)).toContain("Anda sudah menjadi warga RT 05");
    const [active] = await membershipsOf(siti.id);
    expect(active?.status).toBe("active");
    const [stored] = await database.db.select().from(person).where(eq(person.telegramId, siti.id));
    expect(stored?.displayName).toBe("Siti Aminah");
    expect(stored?.consentedAt).toEqual(harness.now);
  });

  it("tells a rejected resident, and keeps the request as history", async () => {
    const place = await addRt(database.db, 7);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    const budi = newUser("Budi");
    await registerThroughMap(budi, "RT 07", "Budi Santoso", "No. 3");

    await harness.press(ketua, "Tolak");
    expect(harness.lastText(budi)).toContain("tidak disetujui");
    const rows = await membershipsOf(budi.id);
    expect(rows.map((r) => r.status)).toEqual(["rejected"]);
  });

  it("stores nothing when consent is declined", async () => {
    const user = newUser("Ragu");
    await harness.send(user, "/start");
    await harness.press(user, "Tidak setuju");
    expect(harness.lastText(user)).toContain("tidak ada data Anda yang kami simpan");
    expect(await database.db.select().from(person).where(eq(person.telegramId, user.id))).toEqual([]);
  });

  it("sends the request to the koordinator when the RT has no ketua", async () => {
    await addRt(database.db, 9);
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const user = newUser("Dewi");
    await registerThroughMap(user, "RT 09", "Dewi Lestari", "No. 9");
    expect(harness.lastText(user)).toContain("diteruskan ke koordinator");
    expect(harness.lastText(koordinator)).toContain("Dewi Lestari");
    await harness.press(koordinator, "Setujui");
    const rows = await membershipsOf(user.id);
    expect(rows[0]?.status).toBe("active");
  });

  it("resumes a registration half-way through after a restart", async () => {
    const place = await addRt(database.db, 5);
    await addKetua(database.db, newUser("Ketua"), place.id);
    const user = newUser("Rina");
    await harness.send(user, "/start");
    await harness.press(user, "Saya setuju");
    await harness.press(user, "Telanaipura");
    await harness.press(user, "Simpang IV Sipin");
    await harness.press(user, "RT 05");

    harness.restart(); // a new process on the same database

    await harness.send(user, "Rina Marlina");
    await harness.press(user, "saja");
    await harness.send(user, "No. 5");
    await harness.press(user, "Kirim permintaan");
    const rows = await membershipsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rtId: place.id, status: "pending", householdLabel: "No. 5" });
  });

  it("handles the same update delivered twice as once", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    const user = newUser("Tono");
    await harness.send(user, "/start");
    await harness.press(user, "Saya setuju");
    await harness.press(user, "Telanaipura");
    await harness.press(user, "Simpang IV Sipin");
    await harness.press(user, "RT 05");
    const nameUpdate = await harness.send(user, "Tono Sugiarto");
    const callsBefore = harness.telegram.calls.length;
    await harness.deliver(nameUpdate); // Telegram redelivers the name
    expect(harness.telegram.calls.length).toBe(callsBefore);
    await harness.press(user, "saja");
    await harness.send(user, "No. 8");
    const submit = await harness.press(user, "Kirim permintaan");
    await harness.deliver(submit);
    const rows = await membershipsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(harness.telegram.textsTo(ketua.id).filter((t) => t.includes("Tono Sugiarto"))).toHaveLength(1);

    const approve = await harness.press(ketua, "Setujui");
    await harness.deliver(approve);
    expect(harness.telegram.textsTo(user.id).filter((t) => t.includes("Anda sudah menjadi warga"))).toHaveLength(1);
    const active = await database.db.select().from(membership).where(and(eq(membership.rtId, place.id), eq(membership.status, "active")));
    expect(active).toHaveLength(2); // the ketua and Tono
  });
});

/** A resident who opens an RT's link and fills the form in, choosing how to be addressed by the label of its button. */
async function joinByLink(user: TestUser, inviteCode: string, name: string, greetingLabel: string, household = "KK Budi Santoso") {
  await harness.send(user, `/start ${inviteCode}`);
  if (harness.lastText(user).includes("Data yang kami simpan")) await harness.press(user, "Saya setuju");
  await harness.send(user, name);
  expect(harness.lastText(user)).toBe("Bagaimana Anda ingin disapa di bot ini?");
  await harness.press(user, greetingLabel);
  await harness.send(user, household);
  await harness.press(user, "Kirim permintaan");
}

const greetingOf = async (user: TestUser) => (await database.db.select({ greeting: person.greeting }).from(person).where(eq(person.telegramId, user.id)))[0]?.greeting;

describe("how a person is addressed", () => {
  it("asks at registration with the forms spelled out, and the card, the welcome and /profil use the choice", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Harun");
    await addKetua(database.db, ketua, place.id);
    const siti = newUser("Siti");
    await harness.send(siti, `/start ${place.inviteCode}`);
    await harness.press(siti, "Saya setuju");
    await harness.send(siti, "Siti Aminah");
    expect(harness.buttons(siti)).toEqual(["Pak Siti Aminah", "Bu Siti Aminah", "Kak Siti Aminah", "Siti Aminah saja"]);
    await harness.press(siti, "Bu Siti Aminah");
    expect(harness.telegram.textsTo(siti.id)).toContain("Baik, kami akan menyapa Anda Bu Siti Aminah.");
    await harness.send(siti, "KK Ahmad Fauzi");
    expect(harness.lastText(siti)).toContain("• Nama: Siti Aminah\n• Disapa: Bu Siti Aminah\n• KK: KK Ahmad Fauzi");
    await harness.press(siti, "Kirim permintaan");
    expect(harness.lastText(ketua)).toContain("• Nama: Bu Siti Aminah");
    expect(await greetingOf(siti)).toBe("bu");

    await harness.press(ketua, "Setujui");
    expect(harness.lastText(siti)).toMatch(/^Selamat, Bu Siti Aminah! Anda sudah menjadi warga RT 05/);
    await harness.send(siti, "/profil");
    expect(harness.lastText(siti)).toContain("• Nama: Siti Aminah\n• Disapa: Bu Siti Aminah");
    expect(harness.buttons(siti)).toEqual(["Pak Siti Aminah", "✅ Bu Siti Aminah", "Kak Siti Aminah", "Siti Aminah saja"]);
    await harness.send(siti, "/start");
    expect(harness.lastText(siti)).toMatch(/^Halo Bu Siti Aminah, Anda sudah terdaftar/);
  });

  it("/profil changes the choice; someone never asked is addressed by name alone", async () => {
    const place = await addRt(database.db, 5);
    const dewi = newUser("Dewi");
    await addMember(database.db, dewi, place.id);
    await harness.send(dewi, "/profil");
    expect(harness.lastText(dewi)).toContain("• Disapa: Dewi\n");
    await harness.press(dewi, "Kak Dewi");
    expect(harness.lastText(dewi)).toBe("Baik, mulai sekarang Anda disapa Kak Dewi.");
    expect(await greetingOf(dewi)).toBe("kak");
    expect(harness.buttons(dewi)).toContain("✅ Kak Dewi");
    await harness.press(dewi, "Dewi saja");
    expect(await greetingOf(dewi)).toBe("name");
    await harness.send(dewi, "/start");
    expect(harness.lastText(dewi)).toMatch(/^Halo Dewi, /);
  });

  it("speaks English forms to an English reader: Mr, Ms, and the name for Kak", async () => {
    const place = await addRt(database.db, 5);
    const harun = newUser("Harun");
    await addMember(database.db, harun, place.id);
    await database.db.update(person).set({ locale: "en", greeting: "pak" }).where(eq(person.telegramId, harun.id));
    await harness.send(harun, "/profil");
    expect(harness.lastText(harun)).toContain("• Addressed as: Mr Harun");
    expect(harness.buttons(harun)).toEqual(["✅ Mr Harun", "Ms Harun", "Harun", "Just Harun"]);
  });

  it("asks the ketua of a one-time link too, and keeps the choice", async () => {
    const place = await addRt(database.db, 8);
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const { code } = await createRoleInvite(database.db, await loadActor(database.db, admin.id, []), { role: "ketua_rt", rtId: place.id }, harness.now);
    const hasan = newUser("Hasan");
    await harness.send(hasan, `/start ${code}`);
    await harness.press(hasan, "Saya setuju");
    await harness.send(hasan, "Hasan Basri");
    await harness.press(hasan, "Pak Hasan Basri");
    await harness.send(hasan, "KK Hasan Basri");
    expect(harness.lastText(hasan)).toContain("• Disapa: Pak Hasan Basri");
    await harness.press(hasan, "Ya, lanjutkan");
    expect(await greetingOf(hasan)).toBe("pak");
  });

  it("takes only its buttons: typed text, stale and forged buttons get a clear answer and store nothing", async () => {
    const place = await addRt(database.db, 5);
    await addKetua(database.db, newUser("Harun"), place.id);
    const siti = newUser("Siti");
    await harness.send(siti, `/start ${place.inviteCode}`);
    await harness.press(siti, "Saya setuju");
    await harness.send(siti, "Siti Aminah");
    for (const typed of ["Bu", "bu siti", "", "🌸", "x".repeat(5000), "'; update person set greeting='pak'; --", "\u200B", "2,5"]) {
      await harness.send(siti, typed);
      expect(harness.lastText(siti), JSON.stringify(typed.slice(0, 20))).toBe("Silakan pilih dengan tombol di atas, atau kirim /batal untuk berhenti.");
    }
    for (const data of ["join.greet:mr", "join.greet:", "join.greet:bu:1", joinStep.data({ step: "name" }), greetingSet.data({ choice: "pak" })]) {
      const update = await pressData(harness, siti, data);
      expect(callbackAnswerTo(harness.telegram, update)?.text, data).toMatch(/sudah tidak berlaku|belum terdaftar/);
    }
    expect(await greetingOf(siti)).toBeNull();
    await harness.press(siti, "Kak Siti Aminah");
    // The greeting's buttons are gone; pressed again at the household prompt, it is no answer there.
    const stale = await pressData(harness, siti, joinGreeting.data({ choice: "pak" }));
    expect(callbackAnswerTo(harness.telegram, stale)?.text).toContain("sudah tidak berlaku");
    expect(harness.lastText(siti)).toContain("kepala keluarga di kartu keluarga (KK)");
    await harness.send(siti, "KK Siti Aminah");
    await harness.press(siti, "Kirim permintaan");
    expect(await greetingOf(siti)).toBe("kak");
  });

  it("names the household as the family card's head, not a house number", async () => {
    const place = await addRt(database.db, 5);
    const siti = newUser("Siti");
    await harness.send(siti, `/start ${place.inviteCode}`);
    await harness.press(siti, "Saya setuju");
    await harness.send(siti, "Siti Aminah");
    await harness.press(siti, "saja");
    const prompt = harness.lastText(siti);
    expect(prompt).toContain("kepala keluarga di kartu keluarga (KK)");
    expect(prompt).toContain("bukan nomor rumah");
    expect(prompt).not.toContain("No. 12B");
  });
});

describe("a request while it waits", () => {
  it("a second RT's link asks before replacing the waiting request; No keeps it, Yes replaces it and the first card says so", async () => {
    const first = await addRt(database.db, 5);
    const second = await addRt(database.db, 7);
    const harun = newUser("Harun");
    const bambang = newUser("Bambang");
    await addKetua(database.db, harun, first.id);
    await addKetua(database.db, bambang, second.id);
    const dewi = newUser("Dewi");
    await joinByLink(dewi, first.inviteCode, "Dewi Lestari", "Kak Dewi Lestari");
    const card = shownMessages(harness.telegram, harun.id).at(-1)!;
    expect(card.text).toContain("Kak Dewi Lestari");

    await harness.send(dewi, `/start ${second.inviteCode}`);
    expect(harness.lastText(dewi)).toBe("Permintaan Anda ke RT 05 Kelurahan Simpang IV Sipin masih menunggu. Ganti dengan RT 07 Kelurahan Simpang IV Sipin?");
    await harness.send(dewi, "ya");
    expect(harness.lastText(dewi)).toBe("Silakan pilih dengan tombol di atas, atau kirim /batal untuk berhenti.");
    await harness.press(dewi, "Tidak");
    expect(harness.lastText(dewi)).toBe("Baik, permintaan Anda ke RT 05 Kelurahan Simpang IV Sipin tetap menunggu.");
    expect((await membershipsOf(dewi.id)).map((row) => [row.rtId, row.status])).toEqual([[first.id, "pending"]]);
    expect(harness.telegram.textsTo(bambang.id)).toEqual([]);

    await harness.send(dewi, `/start ${second.inviteCode}`);
    await harness.press(dewi, "Ya, ganti");
    await harness.send(dewi, "Dewi Lestari");
    await harness.press(dewi, "Kak Dewi Lestari");
    await harness.send(dewi, "KK Dewi Lestari");
    await harness.press(dewi, "Kirim permintaan");
    expect((await membershipsOf(dewi.id)).map((row) => [row.rtId, row.status, row.endReason])).toEqual([[first.id, "left", "withdrawn"], [second.id, "pending", null]]);
    expect(harness.lastText(bambang)).toContain("Kak Dewi Lestari");
    // The first ketua's card now says the request was withdrawn, and has no buttons.
    const edited = shownMessages(harness.telegram, harun.id).find((m) => m.messageId === card.messageId)!;
    expect(edited.text).toBe("↩️ Kak Dewi Lestari membatalkan permintaannya bergabung ke RT 05 Kelurahan Simpang IV Sipin.");
    expect(edited.keyboard).toBeUndefined();
    // Its old button, pressed anyway, says it was withdrawn, not "already decided".
    const late = await pressOn(harness, harun, card, "Setujui");
    expect(callbackAnswerTo(harness.telegram, late)?.text).toBe("Permintaan Dewi Lestari sudah dibatalkan sendiri olehnya, jadi tidak perlu diproses.");
  });

  it("one koordinator's decision changes the other koordinators' cards to say who decided and how", async () => {
    const place = await addRt(database.db, 9);
    const yuliana = newUser("Yuliana");
    const rahmat = newUser("Rahmat");
    await addKoordinator(database.db, yuliana, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await addKoordinator(database.db, rahmat, { kecamatanCode: KECAMATAN_TELANAIPURA });
    await database.db.update(person).set({ greeting: "bu" }).where(eq(person.telegramId, yuliana.id));
    const dewi = newUser("Dewi");
    await joinByLink(dewi, place.inviteCode, "Dewi Lestari", "Dewi Lestari saja");
    const yulianaCard = shownMessages(harness.telegram, yuliana.id).at(-1)!;
    const rahmatCard = shownMessages(harness.telegram, rahmat.id).at(-1)!;
    expect(rahmatCard.text).toContain("Dewi Lestari");

    await pressOn(harness, yuliana, yulianaCard, "Setujui");
    const rahmatNow = shownMessages(harness.telegram, rahmat.id).find((m) => m.messageId === rahmatCard.messageId)!;
    expect(rahmatNow.text).toBe("✅ Permintaan Dewi Lestari (KK KK Budi Santoso) bergabung ke RT 09 Kelurahan Simpang IV Sipin sudah disetujui oleh Bu Yuliana.");
    expect(rahmatNow.keyboard).toBeUndefined();
    // The one who decided sees it where they pressed; their card is not edited by the outbox.
    expect(harness.telegram.callsOf("editMessageText").filter((call) => call.payload.chat_id === yuliana.id)).toEqual([]);
    const late = await pressOn(harness, rahmat, rahmatCard, "Tolak");
    expect(callbackAnswerTo(harness.telegram, late)?.text).toContain("sudah diproses sebelumnya");
    expect((await membershipsOf(dewi.id))[0]?.status).toBe("active");
  });

  it("a decision from /anggota closes the decider's own card too; pressed on the card, the card is left to the press", async () => {
    const place = await addRt(database.db, 5);
    const harun = newUser("Harun");
    await addKetua(database.db, harun, place.id);
    const dewi = newUser("Dewi");
    await joinByLink(dewi, place.inviteCode, "Dewi Lestari", "Dewi Lestari saja");
    const card = shownMessages(harness.telegram, harun.id).at(-1)!;
    expect(card.keyboard).toBeDefined();
    await harness.send(harun, "/anggota");
    await harness.press(harun, "✅ Dewi Lestari");
    const now = shownMessages(harness.telegram, harun.id).find((m) => m.messageId === card.messageId)!;
    expect([now.text, now.keyboard]).toEqual(["✅ Permintaan Dewi Lestari (KK KK Budi Santoso) bergabung ke RT 05 Kelurahan Simpang IV Sipin sudah disetujui oleh Harun.", undefined]);
  });

  it("a waiting request the ketua removes stops asking on the ketua's card", async () => {
    const place = await addRt(database.db, 9);
    const harun = newUser("Harun");
    await addKetua(database.db, harun, place.id);
    const dewi = newUser("Dewi");
    await joinByLink(dewi, place.inviteCode, "Dewi Lestari", "Bu Dewi Lestari");
    const card = shownMessages(harness.telegram, harun.id).at(-1)!;
    const [request] = await membershipsOf(dewi.id);
    await pressData(harness, harun, memberRemove.data({ step: "confirm", membership: request!.id }));
    expect((await membershipsOf(dewi.id))[0]?.status).toBe("rejected");
    const now = shownMessages(harness.telegram, harun.id).find((m) => m.messageId === card.messageId)!;
    expect([now.text, now.keyboard]).toEqual(["⏹ Permintaan Bu Dewi Lestari (KK KK Budi Santoso) bergabung ke RT 09 Kelurahan Simpang IV Sipin tidak lagi menunggu persetujuan.", undefined]);
  });

  it("a card still queued when the request is decided goes out saying so, without buttons", async () => {
    const place = await addRt(database.db, 9);
    const yuliana = newUser("Yuliana");
    const rahmat = newUser("Rahmat");
    await addKoordinator(database.db, yuliana, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await addKoordinator(database.db, rahmat, { kecamatanCode: KECAMATAN_TELANAIPURA });
    const dewi = newUser("Dewi");
    await harness.send(dewi, `/start ${place.inviteCode}`);
    await harness.press(dewi, "Saya setuju");
    await harness.send(dewi, "Dewi Lestari");
    await harness.press(dewi, "Bu Dewi Lestari");
    await harness.send(dewi, "KK Dewi Lestari");
    harness.drainAfterEachUpdate = false;
    await harness.press(dewi, "Kirim permintaan");
    const [request] = await membershipsOf(dewi.id);
    // Yuliana decides (from /anggota, say) before the cards went out.
    await decideMembership(harness.deps, await loadActor(database.db, yuliana.id, []), { membershipId: request!.id, approve: false });
    harness.drainAfterEachUpdate = true;
    await harness.settle();
    expect(shownMessages(harness.telegram, rahmat.id).map((m) => [m.text, m.keyboard])).toEqual([
      ["❌ Permintaan Bu Dewi Lestari (KK KK Dewi Lestari) bergabung ke RT 09 Kelurahan Simpang IV Sipin sudah ditolak oleh Yuliana.", undefined],
    ]);
    // The one who decided did so elsewhere (not on this card): their copy goes out closed too.
    expect(shownMessages(harness.telegram, yuliana.id).map((m) => [m.text, m.keyboard])).toEqual([
      ["❌ Permintaan Bu Dewi Lestari (KK KK Dewi Lestari) bergabung ke RT 09 Kelurahan Simpang IV Sipin sudah ditolak oleh Yuliana.", undefined],
    ]);
  });

  it("a waiting person's /keluar asks to withdraw the request, and the ketua's card says it was withdrawn", async () => {
    const place = await addRt(database.db, 5);
    const harun = newUser("Harun");
    await addKetua(database.db, harun, place.id);
    const dewi = newUser("Dewi");
    await joinByLink(dewi, place.inviteCode, "Dewi Lestari", "Bu Dewi Lestari");
    const card = shownMessages(harness.telegram, harun.id).at(-1)!;

    await harness.send(dewi, "/keluar");
    expect(harness.lastText(dewi)).toBe("Batalkan permintaan Anda bergabung ke RT 05 Kelurahan Simpang IV Sipin?");
    await harness.press(dewi, "Batal");
    expect((await membershipsOf(dewi.id))[0]?.status).toBe("pending");
    await harness.send(dewi, "/keluar");
    await harness.press(dewi, "Ya, batalkan");
    expect(harness.lastText(dewi)).toBe("Permintaan Anda ke RT 05 Kelurahan Simpang IV Sipin sudah dibatalkan. Kirim /start jika ingin mendaftar lagi.");
    expect((await membershipsOf(dewi.id)).map((row) => [row.status, row.endReason])).toEqual([["left", "withdrawn"]]);
    const edited = shownMessages(harness.telegram, harun.id).find((m) => m.messageId === card.messageId)!;
    expect(edited.text).toBe("↩️ Bu Dewi Lestari membatalkan permintaannya bergabung ke RT 05 Kelurahan Simpang IV Sipin.");
    const late = await pressOn(harness, harun, card, "Setujui");
    expect(callbackAnswerTo(harness.telegram, late)?.text).toBe("Permintaan Dewi Lestari sudah dibatalkan sendiri olehnya, jadi tidak perlu diproses.");
    expect((await membershipsOf(dewi.id))[0]?.status).toBe("left");
  });

  it("a withdraw button pressed after the approval leaves nothing", async () => {
    const place = await addRt(database.db, 5);
    const harun = newUser("Harun");
    await addKetua(database.db, harun, place.id);
    const dewi = newUser("Dewi");
    await joinByLink(dewi, place.inviteCode, "Dewi Lestari", "Dewi Lestari saja");
    await harness.send(dewi, "/keluar");
    const question = shownMessages(harness.telegram, dewi.id).at(-1)!;
    await harness.press(harun, "Setujui");
    const late = await pressOn(harness, dewi, question, "Ya, batalkan");
    expect(callbackAnswerTo(harness.telegram, late)?.text).toBe("Anda sudah menjadi warga RT ini.");
    expect((await membershipsOf(dewi.id))[0]?.status).toBe("active");
  });

  it("an old 'Ya, batalkan' pressed after the request was replaced withdraws nothing: not the new request", async () => {
    const first = await addRt(database.db, 5);
    const second = await addRt(database.db, 7);
    await addKetua(database.db, newUser("Harun"), first.id);
    const bambang = newUser("Bambang");
    await addKetua(database.db, bambang, second.id);
    const dewi = newUser("Dewi");
    await joinByLink(dewi, first.inviteCode, "Dewi Lestari", "Kak Dewi Lestari");
    await harness.send(dewi, "/keluar");
    const question = shownMessages(harness.telegram, dewi.id).at(-1)!;
    expect(question.text).toBe("Batalkan permintaan Anda bergabung ke RT 05 Kelurahan Simpang IV Sipin?");

    await harness.send(dewi, `/start ${second.inviteCode}`);
    await harness.press(dewi, "Ya, ganti");
    await harness.send(dewi, "Dewi Lestari");
    await harness.press(dewi, "Kak Dewi Lestari");
    await harness.send(dewi, "KK Dewi Lestari");
    await harness.press(dewi, "Kirim permintaan");
    const card = shownMessages(harness.telegram, bambang.id).at(-1)!;

    const late = await pressOn(harness, dewi, question, "Ya, batalkan");
    expect(callbackAnswerTo(harness.telegram, late)?.text).toBe(
      "Tombol ini untuk keanggotaan atau permintaan Anda di RT 05 Kelurahan Simpang IV Sipin, yang sudah berakhir. Tidak ada yang diubah. Kirim /keluar lagi jika ingin keluar atau membatalkan permintaan yang sekarang.",
    );
    expect((await membershipsOf(dewi.id)).map((row) => [row.rtId, row.status, row.endReason])).toEqual([[first.id, "left", "withdrawn"], [second.id, "pending", null]]);
    // The RT 07 ketua's card still asks for a decision.
    expect(shownMessages(harness.telegram, bambang.id).find((m) => m.messageId === card.messageId)?.keyboard).toBeDefined();
  });

  it("an old 'Ya, keluar' from an earlier membership does not take the person out of the RT they joined since", async () => {
    const first = await addRt(database.db, 5);
    const second = await addRt(database.db, 7);
    await addKetua(database.db, newUser("Harun"), first.id);
    const bambang = newUser("Bambang");
    await addKetua(database.db, bambang, second.id);
    const dewi = newUser("Dewi");
    await addMember(database.db, dewi, first.id);
    await harness.send(dewi, "/keluar");
    const old = shownMessages(harness.telegram, dewi.id).at(-1)!;
    await harness.send(dewi, "/keluar");
    await harness.press(dewi, "Ya, keluar");
    await joinByLink(dewi, second.inviteCode, "Dewi Lestari", "Kak Dewi Lestari");
    await harness.press(bambang, "Setujui");
    expect((await membershipsOf(dewi.id)).map((row) => [row.rtId, row.status])).toEqual([[first.id, "left"], [second.id, "active"]]);

    const late = await pressOn(harness, dewi, old, "Ya, keluar");
    expect(callbackAnswerTo(harness.telegram, late)?.text).toContain("Tombol ini untuk keanggotaan atau permintaan Anda di RT 05 Kelurahan Simpang IV Sipin, yang sudah berakhir.");
    expect((await membershipsOf(dewi.id)).map((row) => [row.rtId, row.status])).toEqual([[first.id, "left"], [second.id, "active"]]);
  });

  it("a waiting person's commands say which request waits and since when, not 'send /start'", async () => {
    const place = await addRt(database.db, 5);
    await addKetua(database.db, newUser("Harun"), place.id);
    const dewi = newUser("Dewi");
    await joinByLink(dewi, place.inviteCode, "Dewi Lestari", "Dewi Lestari saja");
    const waiting = "Permintaan Anda bergabung ke RT 05 Kelurahan Simpang IV Sipin masih menunggu persetujuan sejak 22 November 2026 pukul 10.00 WIB.";
    for (const command of ["/jadwal", "/baca", "/senyap", "/skor"]) {
      await harness.send(dewi, command);
      expect(harness.lastText(dewi), command).toBe(`${waiting} Perintah ini bisa dipakai setelah disetujui. Kirim /keluar untuk membatalkan permintaan.`);
    }
    await harness.send(dewi, "/start");
    expect(harness.lastText(dewi)).toBe(`${waiting} Kirim /keluar jika ingin membatalkannya.`);
    // A ketua's command is still refused as a ketua's.
    await harness.send(dewi, "/anggota");
    expect(harness.lastText(dewi)).toBe("Maaf, perintah ini hanya untuk ketua RT.");
  });
});
