import { asc, eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, bankAccount, botState, ledgerEntry, membership, outbox, participation, person, readingLog, roleAssignment, wasteBankOfficer } from "../../src/db/schema/index.js";
import { appointOfficer, createWasteBank, listWasteTypes } from "../../src/domain/bank-sampah/banks.js";
import { auditLedger, balanceOf, recordDeposit, recordWithdrawal } from "../../src/domain/bank-sampah/ledger.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { aboutPerson } from "../../src/domain/people/personal-data-map.js";
import { queryRows } from "../../src/db/client.js";
import { recordParticipation } from "../../src/domain/participation/participation.js";
import { weeklyKindCounts } from "../../src/domain/scores/digest-queries.js";
import { residentPoints, weeklyRtMetrics, windowRtMetrics } from "../../src/domain/scores/metrics.js";
import { computeScorecards } from "../../src/domain/scores/scorecard.js";
import { DEFAULT_SCORE_CONFIG } from "../../src/domain/scores/config.js";
import { logReading } from "../../src/domain/pojok-baca/reading-log.js";
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
import { type TestUser, withTestBot } from "../helpers/test-bot.js";
import { erase } from "../../src/messages/buttons/people.js";

const { database, harness } = withTestBot();

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

  it("ends another chat's form that holds the person's name, title or Telegram id as a value, and no unrelated form", async () => {
    const { place } = await neighbourhood();
    // A 10-digit id (as real ones are), a name beyond ASCII, a digits-only household, a title with quotes.
    const agus: TestUser = { id: 6_123_456_789, first_name: "Ägus Ñoval" };
    const agusIds = await addMember(database.db, agus, place.id, "123");
    const title = 'Buku "Ajaib" \\ Jilid 2';
    await database.db.insert(readingLog).values({ requestKey: "r:quotes", personId: agusIds.personId, rtId: place.id, minutes: 30, title, loggedAt: harness.now });
    const forms: Record<string, unknown> = {
      // Hold what names Agus: each goes.
      "conversation:9001": { draft: { title } },
      "conversation:9002": { steps: [{ picked: "Ägus Ñoval" }] },
      "conversation:9003": { resident: { telegramId: agus.id } },
      "conversation:9004": { callback: `approve:${agus.id}` },
      // Unrelated: a UUID, timestamps, update ids that contain "123" or Agus's id as digits; a key named like him.
      "conversation:9101": { requestKey: "event:1230ab12-3f00-4123-8123-123456789abc", at: "2026-12-03T01:23:45.123Z", update: 41235 },
      "conversation:9102": { savedAt: Number(`17${agus.id}`), label: `x17${agus.id}0` },
      "conversation:9103": { ["Ägus Ñoval"]: 1, note: "123" },
    };
    await database.db.insert(botState).values(Object.entries(forms).map(([key, value]) => ({ key, value })));

    await harness.send(agus, "/hapusdata");
    await harness.press(agus, "Ya, hapus data saya");
    expect(harness.lastText(agus)).toBe(DONE);

    const left = (await database.db.select({ key: botState.key }).from(botState).where(like(botState.key, "conversation:9%"))).map((row) => row.key).sort();
    expect(left).toEqual(["conversation:9101", "conversation:9102", "conversation:9103"]);
  });

  it("finds the messages about a person through the outbox's subject index", async () => {
    const plan = await database.db.transaction(async (tx) => {
      // An empty table is read whole whatever the query says; this asks whether the index can serve it.
      await tx.execute(sql`set local enable_seqscan = off`);
      return queryRows<Record<string, string>>(tx, sql`explain select ${outbox.id} from ${outbox} where ${aboutPerson(3)}`);
    });
    expect(plan.map((row) => Object.values(row).join(" ")).join("\n")).toContain("outbox_subject_idx");
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

    await harness.deliver(harness.callbackUpdate(user, erase.data({ choice: "yes" }), question));
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
    await harness.deliver(harness.callbackUpdate(siti, erase.data({ choice: "yes" }), messageId));

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
    await harness.press(siti, "saja");
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
    await harness.press(dewi, "saja");
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

  it("drops a join request still queued for the ketua, and blanks one already sent", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    const join = async (user: TestUser, name: string) => {
      await harness.send(user, `/start ${place.inviteCode}`);
      await harness.press(user, "Saya setuju");
      await harness.send(user, name);
      await harness.press(user, "saja");
      await harness.send(user, "Rumah Ujung");
      await harness.press(user, "Kirim permintaan");
    };
    const sent = newUser("Terkirim");
    await join(sent, "Wulan Terkirim");
    expect(harness.lastText(ketua)).toContain("Wulan Terkirim");
    const card = harness.telegram.lastKeyboardIn(ketua.id);
    harness.drainAfterEachUpdate = false;
    const queued = newUser("Antre");
    await join(queued, "Rara Antre");
    for (const user of [sent, queued]) {
      await harness.send(user, "/hapusdata");
      await harness.press(user, "Ya, hapus data saya");
    }
    await harness.delivery.engine.drain();

    expect(harness.telegram.textsTo(ketua.id).join("\n")).not.toContain("Rara Antre");
    const requests = await database.db.select({ status: outbox.status, chatId: outbox.chatId, payload: outbox.payload }).from(outbox).where(like(outbox.dedupeKey, "notice:join-request:%")).orderBy(asc(outbox.id));
    // Still addressed to the ketua (their chat, not the erased person's), with no text left; the
    // card already shown is edited to say, naming no one, that it no longer waits (no buttons).
    const closed = "⏹ Permintaan bergabung ke RT 05 Kelurahan Simpang IV Sipin ini tidak lagi menunggu persetujuan.";
    expect(requests).toEqual([
      { status: "sent", chatId: ketua.id, payload: {} },
      { status: "cancelled", chatId: ketua.id, payload: {} },
      { status: "sent", chatId: ketua.id, payload: { message_id: card.messageId, text: closed } },
    ]);
    const shown = harness.telegram.messagesIn(ketua.id).find((message) => message.messageId === card.messageId)!;
    expect([shown.text, shown.markup ?? undefined]).toEqual([closed, undefined]);
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

  describe("covers the waste bank ledger and participation: anonymised, totals kept", () => {
    /**
     * RT 05 with a waste bank (officer Sari). Siti ("Keluarga Pak Budi", shared with Budi) and
     * Budi each saved and took part in the same gotong royong; Siti also took part alone from an
     * earlier household of her own ("Rumah Lama").
     */
    async function savers() {
      const db = database.db;
      const hood = await neighbourhood();
      const { place, koordinator, siti, sitiIds } = hood;
      await db.update(membership).set({ householdLabel: "Keluarga Pak Budi" }).where(eq(membership.id, sitiIds.membershipId));
      const budi = newUser("Budi");
      const budiIds = await addMember(db, budi, place.id, "keluarga pak budi ");
      const bank = await createWasteBank(db, await loadActor(db, koordinator.id, []), { name: "Bank Sampah Melati", rtIds: [place.id] }, new Date("2026-09-01T00:00:00Z"));
      const sari = newUser("Sari");
      const sariIds = await addMember(db, sari, place.id, "Rumah Sari");
      await appointOfficer(db, await loadActor(db, koordinator.id, []), { wasteBankId: bank.id, personId: sariIds.personId }, new Date("2026-09-01T00:00:00Z"));
      const kardus = (await listWasteTypes(db, bank.id, harness.now)).find((type) => type.name.startsWith("Kardus"))!;
      const officer = await loadActor(db, sari.id, []);
      const day = (n: number) => new Date(Date.UTC(2026, 10, n, 3));
      for (const [who, key, grams, n] of [[sitiIds, "s1", 2500, 16], [sitiIds, "s2", 1000, 18], [budiIds, "b1", 4000, 17]] as const) {
        await recordDeposit(db, officer, { wasteBankId: bank.id, personId: who.personId, lines: [{ wasteTypeId: kardus.id, quantity: grams }], requestKey: key }, day(n));
      }
      await recordWithdrawal(db, officer, { wasteBankId: bank.id, personId: sitiIds.personId, amount: 1000, requestKey: "w1" }, day(19));
      const gotongRoyong = (who: { personId: number }, occurrence: number, household: string, n: number) =>
        recordParticipation(db, { sourceKey: `occurrence:${occurrence}:person:${who.personId}`, rtId: place.id, personId: who.personId, householdLabel: household, kind: "gotong_royong", occurredAt: day(n), verified: true, source: "checkin-code", recordedBy: null }, day(n));
      await gotongRoyong(sitiIds, 1, "Keluarga Pak Budi", 15);
      await gotongRoyong(budiIds, 1, "keluarga pak budi ", 15);
      await gotongRoyong(sitiIds, 2, "Rumah Lama", 8);
      await gotongRoyong(sitiIds, 3, "Rumah Lama ", 1);
      // A reminder still queued for Siti.
      await db.insert(outbox).values({ dedupeKey: "reminder:9:siti", chatId: siti.id, personId: sitiIds.personId, priority: 15, payload: { text: "Besok kerja bakti, Siti" } });
      // And one a sender has just claimed: a retry must not send it after she erased her data.
      await db.insert(outbox).values({
        dedupeKey: "reminder:10:siti", chatId: siti.id, personId: sitiIds.personId, priority: 15, payload: { text: "Nanti malam ronda, Siti" },
        status: "sending", claimedAt: new Date(), claimedBy: "another-instance",
      });
      return { ...hood, bank, sari, sariIds, budiIds };
    }

    /** Every total the RT, the scores, the digests and the bank show. */
    async function totals(place: { id: number }, bank: { id: number }, people: number[]) {
      const db = database.db;
      const now = harness.now;
      return {
        weekly: await weeklyRtMetrics(db, now, { rtIds: [place.id], weeks: 8 }),
        window: await windowRtMetrics(db, now, { rtIds: [place.id], windowDays: 60 }),
        kinds: await weeklyKindCounts(db, [place.id], now, 8),
        points: [...(await residentPoints(db, now, DEFAULT_SCORE_CONFIG, { rtIds: [place.id] })).entries()].sort(([a], [b]) => a - b),
        scorecards: await computeScorecards(db, [place.id], now),
        participationRows: (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(participation))[0]!.n,
        ledger: await db.select({ id: ledgerEntry.id, amount: ledgerEntry.amount, personId: ledgerEntry.personId, rtId: ledgerEntry.rtId }).from(ledgerEntry).orderBy(asc(ledgerEntry.id)),
        balances: await Promise.all(people.map((personId) => balanceOf(db, { wasteBankId: bank.id, personId }))),
        bankTotal: (await db.select({ total: sql<number>`sum(${bankAccount.balance})`.mapWith(Number) }).from(bankAccount))[0]!.total,
        ledgerAudit: await auditLedger(db),
      };
    }

    it("keeps every RT total, score, weekly count and bank balance, and the ledger still adds up", async () => {
      const { place, bank, siti, sitiIds, budiIds, sariIds } = await savers();
      const people = [sitiIds.personId, budiIds.personId, sariIds.personId];
      const before = await totals(place, bank, people);
      expect(before.ledgerAudit.ok).toBe(true);
      expect(before.balances).toEqual([4500 + 1800 - 1000, 7200, 0]);
      expect(before.kinds.some((week) => week.records.gotong_royong > 0)).toBe(true);

      await harness.send(siti, "/hapusdata");
      await harness.press(siti, "Ya, hapus data saya");
      expect(harness.lastText(siti)).toBe(DONE);

      expect(await totals(place, bank, people)).toEqual(before);
      expect((await auditLedger(database.db)).ok).toBe(true);
    });

    it("detaches the records from the person: household labels that named only them become opaque, the shared one stays", async () => {
      const { siti, sitiIds } = await savers();
      await harness.send(siti, "/hapusdata");
      await harness.press(siti, "Ya, hapus data saya");

      const labels = await database.db
        .select({ kind: participation.kind, household: participation.householdLabel })
        .from(participation)
        .where(eq(participation.personId, sitiIds.personId))
        .orderBy(asc(participation.id));
      // Deposits carry the membership's label of the time (the shared one); "Rumah Lama" named only Siti.
      expect(labels).toEqual([
        { kind: "bank_sampah", household: "Keluarga Pak Budi" },
        { kind: "bank_sampah", household: "Keluarga Pak Budi" },
        { kind: "gotong_royong", household: "Keluarga Pak Budi" },
        { kind: "gotong_royong", household: `anon-${sitiIds.personId}-1` },
        { kind: "gotong_royong", household: `anon-${sitiIds.personId}-1` },
      ]);
      expect(await membershipRows(sitiIds.personId)).toEqual([expect.objectContaining({ householdLabel: null })]);
      // The ledger keeps its entries, on the anonymised person.
      expect((await database.db.select().from(ledgerEntry).where(eq(ledgerEntry.personId, sitiIds.personId))).map((entry) => entry.kind)).toEqual(["deposit", "deposit", "withdrawal"]);
      expect(await personRow(sitiIds.personId)).toMatchObject({ telegramId: null, displayName: null });
      // What was still queued for her is dropped, and no message row keeps her chat or its text.
      expect(await database.db.select({ status: outbox.status, chatId: outbox.chatId, payload: outbox.payload }).from(outbox).where(eq(outbox.personId, sitiIds.personId))).toEqual([
        { status: "cancelled", chatId: 0, payload: {} },
        { status: "cancelled", chatId: 0, payload: {} },
      ]);
      expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "data_erased"))).toEqual([
        expect.objectContaining({ actorPersonId: sitiIds.personId, targetPersonId: sitiIds.personId, occurredAt: harness.now }),
      ]);
    });

    it("ends an erased officer's post at the waste bank; the entries they recorded stay", async () => {
      const { sari, sariIds } = await savers();
      await harness.send(sari, "/hapusdata");
      await harness.press(sari, "Ya, hapus data saya");
      expect(await database.db.select({ revokedAt: wasteBankOfficer.revokedAt }).from(wasteBankOfficer).where(eq(wasteBankOfficer.personId, sariIds.personId))).toEqual([{ revokedAt: harness.now }]);
      expect(await database.db.select().from(ledgerEntry).where(eq(ledgerEntry.recordedBy, sariIds.personId))).toHaveLength(4);
      expect((await auditLedger(database.db)).ok).toBe(true);
      await harness.send(sari, "/setor");
      expect(harness.lastText(sari)).toBe("Maaf, perintah ini hanya untuk petugas bank sampah.");
    });
  });
});

