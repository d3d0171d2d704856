import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { botState, membership, person, readingLog, roleAssignment } from "../../src/db/schema/index.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { logReading } from "../../src/domain/pojok-baca/reading-log.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  activeRolesOf,
  addKetua,
  addKoordinator,
  addMember,
  addPending,
  addPetugas,
  addRt,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
  snapshotState,
} from "../helpers/fixtures.js";
import { TestBot, type TestUser } from "../helpers/test-bot.js";

let database: TestDatabase;
let harness: TestBot;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await database.truncate();
  harness = new TestBot(database.db);
});

const CONFIRM = "Hapus data pribadi Anda?";
const DONE = "Data pribadi Anda sudah dihapus. Terima kasih telah ikut serta. Kirim /start jika ingin mendaftar lagi.";

async function personRow(personId: number) {
  const [row] = await database.db.select().from(person).where(eq(person.id, personId));
  return row!;
}

async function membershipRows(personId: number) {
  return database.db.select().from(membership).where(eq(membership.personId, personId));
}

async function registryLine(koordinator: TestUser, rt: string): Promise<string> {
  await harness.send(koordinator, "/daftarrt");
  const line = harness.lastText(koordinator).split("\n").find((text) => text.startsWith(`• RT ${rt}:`));
  if (!line) throw new Error(`RT ${rt} not in: ${harness.lastText(koordinator)}`);
  return line;
}

/** An RT 05 with a ketua, a petugas and two more residents, and a koordinator over its kelurahan. */
async function neighbourhood() {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Ketua");
  const petugas = newUser("Petugas");
  const siti = newUser("Siti");
  const koordinator = newUser("Koordinator");
  const ketuaIds = await addKetua(database.db, ketua, place.id);
  const petugasIds = await addPetugas(database.db, petugas, place.id);
  const sitiIds = await addMember(database.db, siti, place.id, "Keluarga Pak Budi");
  await addMember(database.db, newUser("Tono"), place.id);
  await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  return { place, ketua, petugas, siti, koordinator, ketuaIds, petugasIds, sitiIds };
}

describe("/hapusdata", () => {
  it("asks for confirmation first and changes nothing yet", async () => {
    const { siti } = await neighbourhood();
    const before = await snapshotState(database.db);
    await harness.send(siti, "/hapusdata");
    expect(harness.lastText(siti)).toContain(CONFIRM);
    expect(harness.lastText(siti)).toContain("tidak bisa dibatalkan");
    expect(harness.buttons(siti)).toEqual(["Ya, hapus data saya", "Batal"]);
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("changes nothing when cancelled", async () => {
    const { siti } = await neighbourhood();
    const before = await snapshotState(database.db);
    await harness.send(siti, "/hapusdata");
    await harness.press(siti, "Batal");
    expect(harness.lastText(siti)).toBe("Dibatalkan. Tidak ada yang diubah.");
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("anonymises the person, ends the membership, and keeps the RT's history and totals right", async () => {
    const { place, siti, koordinator, sitiIds } = await neighbourhood();
    expect(await registryLine(koordinator, "05")).toBe("• RT 05: 4 warga aktif, 0 menunggu, 40 KK");
    const membershipCount = (await database.db.select().from(membership)).length;

    await harness.send(siti, "/hapusdata");
    await harness.press(siti, "Ya, hapus data saya");

    expect(harness.lastText(siti)).toBe(DONE);
    expect(await personRow(sitiIds.personId)).toMatchObject({ telegramId: null, displayName: null, consentedAt: null, erasedAt: harness.now });
    expect(await membershipRows(sitiIds.personId)).toEqual([
      expect.objectContaining({ id: sitiIds.membershipId, rtId: place.id, status: "left", endReason: "erased", endedAt: harness.now, householdLabel: null }),
    ]);
    expect(await registryLine(koordinator, "05")).toBe("• RT 05: 3 warga aktif, 0 menunggu, 40 KK");
    expect(await database.db.select().from(membership)).toHaveLength(membershipCount);
    // Nobody can find the person again by their Telegram account.
    expect(await database.db.select().from(person).where(eq(person.telegramId, siti.id))).toEqual([]);
    const names = (await database.db.select({ name: person.displayName }).from(person)).map((row) => row.name);
    expect(names).not.toContain("Siti");
  });

  it("forgets the titles the person said they read, and keeps the minutes", async () => {
    const { siti, sitiIds } = await neighbourhood();
    const actor = await loadActor(database.db, siti.id, []);
    await logReading(database.db, actor, { requestKey: "log-1", title: "Laskar Pelangi", minutes: 30 }, harness.now);

    await harness.send(siti, "/hapusdata");
    await harness.press(siti, "Ya, hapus data saya");

    expect(await database.db.select({ title: readingLog.title, minutes: readingLog.minutes }).from(readingLog).where(eq(readingLog.personId, sitiIds.personId))).toEqual([{ title: "", minutes: 30 }]);
  });

  it("revokes the person's roles", async () => {
    const { petugas, petugasIds } = await neighbourhood();
    await harness.send(petugas, "/hapusdata");
    await harness.press(petugas, "Ya, hapus data saya");
    const grants = await database.db.select().from(roleAssignment).where(eq(roleAssignment.personId, petugasIds.personId));
    expect(grants).toEqual([expect.objectContaining({ role: "petugas", revokedAt: harness.now })]);
  });

  it("deletes the person's bot state, and only theirs", async () => {
    const { siti, ketua } = await neighbourhood();
    // State other namespaces keep for the chat, next to other chats' state whose keys look alike.
    const keys = {
      mine: [`session:${siti.id}`, `menu:${siti.id}`],
      others: [`session:${ketua.id}`, `conversation:1${siti.id}`, `session:${siti.id}0`],
    };
    await database.db.insert(botState).values([...keys.mine, ...keys.others].map((key) => ({ key, value: { any: "thing" } })));

    await harness.send(siti, "/hapusdata");
    await harness.press(siti, "Ya, hapus data saya");

    const left = (await database.db.select({ key: botState.key }).from(botState)).map((row) => row.key);
    for (const key of keys.mine) expect(left).not.toContain(key);
    for (const key of keys.others) expect(left).toContain(key);
  });

  it("deletes a registration that was half-way through", async () => {
    const place = await addRt(database.db, 5);
    await addKetua(database.db, newUser("Ketua"), place.id);
    const user = newUser("Ragu");
    await harness.send(user, "/start");
    await harness.press(user, "Saya setuju");
    await harness.press(user, "Telanaipura");
    const chatState = () => database.db.select().from(botState).where(like(botState.key, `%:${user.id}`));
    expect(await chatState()).not.toEqual([]);

    await harness.send(user, "/hapusdata");
    await harness.press(user, "Ya, hapus data saya");
    expect(harness.lastText(user)).toBe(DONE);
    expect(await chatState()).toEqual([]);
    expect(await database.db.select().from(person).where(eq(person.telegramId, user.id))).toEqual([]);
  });

  it("ends a registration under way when confirmed from an earlier message, so nothing is stored without consent", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    const user = newUser("Ragu");
    await harness.send(user, "/start");
    await harness.press(user, "Saya setuju");
    await harness.send(user, "/hapusdata"); // shows the question; the person does not answer yet
    const question = harness.telegram.lastKeyboardIn(user.id).messageId;
    await harness.send(user, "/start"); // consent is on record, so this goes straight to the map
    await harness.press(user, "Telanaipura");
    await harness.press(user, "Simpang IV Sipin");
    await harness.press(user, "RT 05");
    expect(harness.lastText(user)).toContain("Siapa nama Anda?");

    await harness.deliver(harness.callbackUpdate(user, "hapus:ya", question));
    expect(harness.lastText(user)).toBe(DONE);

    // The form that was under way is gone with the data: what follows is not a registration.
    await harness.send(user, "Ragu Ragu");
    await harness.send(user, "No. 1");
    expect(harness.lastText(user)).toContain("belum mengerti");
    expect(await database.db.select().from(person).where(eq(person.telegramId, user.id))).toEqual([]);
    expect(harness.telegram.textsTo(ketua.id).join("\n")).not.toContain("Ragu Ragu");
    expect(await database.db.select().from(botState).where(like(botState.key, `%:${user.id}`))).toEqual([]);
  });

  it("is harmless when confirm is tapped twice or the update is redelivered", async () => {
    const { siti, sitiIds } = await neighbourhood();
    await harness.send(siti, "/hapusdata");
    const { messageId } = harness.telegram.lastKeyboardIn(siti.id);
    const confirm = await harness.press(siti, "Ya, hapus data saya");
    const after = await snapshotState(database.db);
    const erasedAt = harness.now;

    harness.now = new Date(harness.now.getTime() + 60_000);
    await harness.deliver(confirm);
    await harness.deliver(harness.callbackUpdate(siti, "hapus:ya", messageId));

    expect(await snapshotState(database.db)).toEqual(after);
    expect((await personRow(sitiIds.personId)).erasedAt).toEqual(erasedAt);
    expect(harness.lastText(siti)).toBe(DONE);
    // Every tap was answered, so no button keeps spinning.
    const taps = harness.telegram.callsOf("answerCallbackQuery");
    expect(taps).toHaveLength(2);
  });

  it("starts a fresh registration afterwards, asking for consent again", async () => {
    const { place, siti, ketua, sitiIds } = await neighbourhood();
    await harness.send(siti, "/hapusdata");
    await harness.press(siti, "Ya, hapus data saya");

    await harness.send(siti, "/start");
    expect(harness.lastText(siti)).toContain("Data yang kami simpan");
    await harness.press(siti, "Saya setuju");
    await harness.press(siti, "Telanaipura");
    await harness.press(siti, "Simpang IV Sipin");
    await harness.press(siti, "RT 05");
    await harness.send(siti, "Siti Baru");
    await harness.send(siti, "No. 7");
    await harness.press(siti, "Kirim permintaan");

    const [fresh] = await database.db.select().from(person).where(eq(person.telegramId, siti.id));
    expect(fresh?.id).not.toBe(sitiIds.personId);
    expect(fresh).toMatchObject({ displayName: "Siti Baru", consentedAt: harness.now, erasedAt: null });
    expect(await membershipRows(fresh!.id)).toEqual([expect.objectContaining({ rtId: place.id, status: "pending" })]);
    expect(await personRow(sitiIds.personId)).toMatchObject({ telegramId: null, displayName: null });
    expect(harness.lastText(ketua)).toContain("Siti Baru");
  });

  it("withdraws a pending request, which its ketua then finds already decided", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    const user = newUser("Baru");
    const ids = await addPending(database.db, user, place.id);
    await harness.send(ketua, "/anggota");
    expect(harness.buttons(ketua)).toContain("✅ Baru");

    await harness.send(user, "/hapusdata");
    await harness.press(user, "Ya, hapus data saya");
    expect(await membershipRows(ids.personId)).toEqual([expect.objectContaining({ status: "rejected", endReason: "erased", householdLabel: null })]);

    const approve = await harness.press(ketua, "✅ Baru");
    const answer = harness.telegram.callsOf("answerCallbackQuery").find((call) => call.payload.callback_query_id === approve.callback_query!.id);
    expect(String(answer?.payload.text)).toContain("sudah diproses sebelumnya");
    expect(await membershipRows(ids.personId)).toEqual([expect.objectContaining({ status: "rejected" })]);
  });

  it("leaves an RT whose ketua erased their data without a ketua; join requests go to the koordinator", async () => {
    const { place, ketua, koordinator, ketuaIds } = await neighbourhood();
    await harness.send(ketua, "/hapusdata");
    await harness.press(ketua, "Ya, hapus data saya");
    expect(harness.lastText(ketua)).toBe(DONE);

    expect(await database.db.select().from(roleAssignment).where(eq(roleAssignment.personId, ketuaIds.personId))).toEqual([
      expect.objectContaining({ role: "ketua_rt", rtId: place.id, revokedAt: harness.now }),
    ]);
    expect(await activeRolesOf(database.db, ketua.id)).toEqual([]);

    const dewi = newUser("Dewi");
    await harness.send(dewi, `/start ${place.inviteCode}`);
    await harness.press(dewi, "Saya setuju");
    await harness.send(dewi, "Dewi Lestari");
    await harness.send(dewi, "No. 9");
    await harness.press(dewi, "Kirim permintaan");
    expect(harness.lastText(dewi)).toContain("diteruskan ke koordinator");
    expect(harness.lastText(koordinator)).toContain("Dewi Lestari");
    // Nothing went to the erased ketua's old chat.
    expect(harness.telegram.textsTo(ketua.id).join("\n")).not.toContain("Dewi Lestari");

    // The former ketua is now a stranger to the bot: ketua commands are refused.
    await harness.send(ketua, "/anggota");
    expect(harness.lastText(ketua)).toBe("Maaf, perintah ini hanya untuk ketua RT.");
  });

  it("tells someone the bot knows nothing about that there is nothing to erase", async () => {
    const stranger = newUser("Asing");
    await harness.send(stranger, "/hapusdata");
    expect(harness.lastText(stranger)).toBe("Kami tidak menyimpan data pribadi Anda.");
    expect(() => harness.buttons(stranger)).toThrow();
  });

  it("erases the language-only record of someone who chose a language but never registered", async () => {
    const user = newUser("Bahasa");
    await harness.send(user, "/bahasa");
    await harness.press(user, "English");
    expect(await database.db.select().from(person).where(eq(person.telegramId, user.id))).toHaveLength(1);

    await harness.send(user, "/hapusdata");
    await harness.press(user, "Yes, erase my data");
    expect(harness.lastText(user)).toBe("Your personal data has been erased. Thank you for taking part. Send /start to register again.");
    expect(await database.db.select().from(person).where(eq(person.telegramId, user.id))).toEqual([]);
  });
});
