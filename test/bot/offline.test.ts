import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "../../src/db/schema/index.js";
import { openDatabase, queryRows } from "../../src/db/client.js";
import { assessmentRound, auditLog, bankAccount, bookLoan, eventOccurrence, membership, offlineClaim, outbox, participation, person, roleAssignment, roundAssessor } from "../../src/db/schema/index.js";
import { appointOfficer, createWasteBank } from "../../src/domain/bank-sampah/banks.js";
import { resolveRecipients } from "../../src/domain/broadcast/broadcast.js";
import { findResidents } from "../../src/domain/bank-sampah/residents.js";
import { createEvent, DEFAULT_DURATION_MINUTES } from "../../src/domain/events/events.js";
import { tickAttendance } from "../../src/domain/events/attendance.js";
import { claimLink, claimRecord, eraseOfflineMember, HARMLESS_COLUMNS, HISTORY_COLUMNS, recordOfflineMember, removeOfflineMember, type OfflineKind } from "../../src/domain/offline/offline.js";
import { columnName } from "../../src/domain/people/personal-data-map.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { addBook } from "../../src/domain/pojok-baca/catalogue.js";
import { appointPetugas } from "../../src/domain/roles/roles.js";
import { windowRtMetrics } from "../../src/domain/scores/metrics.js";
import { planLoanReminders } from "../../src/scheduling/loan-reminders.js";
import { claimConfirm, offlineAct, offlineAdd, offlineConfirm, offlineOpen } from "../../src/messages/buttons/offline.js";
import { createLogger } from "../../src/logger.js";
import {
  addKetua,
  addKoordinator,
  addMember,
  addPending,
  addPerson,
  addPetugas,
  addRt,
  KELURAHAN_BULURAN_KENALI,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
  snapshotState,
} from "../helpers/fixtures.js";
import { callbackAnswerTo, pressData, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

const { database, harness } = withTestBot();

const actorOf = (user: TestUser) => loadActor(database.db, user.id, []);

/** RT 05 with Pak Harun (ketua), Bu Sri (petugas), Siti (Rumah 1); RT 07 of another kelurahan with its ketua Yusuf and Andi. */
async function world() {
  const rt05 = await addRt(database.db, 5);
  const rt07 = await addRt(database.db, 7, KELURAHAN_BULURAN_KENALI);
  const harun = newUser("Harun");
  const sri = newUser("Sri");
  const siti = newUser("Siti");
  const yusuf = newUser("Yusuf");
  const andi = newUser("Andi");
  const harunMember = await addKetua(database.db, harun, rt05.id);
  const sriMember = await addPetugas(database.db, sri, rt05.id);
  const sitiMember = await addMember(database.db, siti, rt05.id, "Rumah 1");
  await addKetua(database.db, yusuf, rt07.id);
  await addMember(database.db, andi, rt07.id, "Rumah 9");
  return { rt05, rt07, harun, sri, siti, yusuf, andi, harunMember, sriMember, sitiMember };
}

async function record(by: TestUser, rtId: number, name = "Mbah Sarinah", household = "Rumah 1", kind: OfflineKind | null = "lansia") {
  const { member } = await recordOfflineMember(harness.deps, await actorOf(by), { requestKey: `offline:${randomUUID()}`, rtId, name, household, kind });
  return member;
}

async function personRow(personId: number) {
  const [row] = await database.db.select().from(person).where(eq(person.id, personId));
  return row!;
}

async function outboxAbout(personId: number) {
  return database.db.select().from(outbox).where(eq(outbox.personId, personId));
}

function lastAnswer(update: Awaited<ReturnType<typeof pressData>>) {
  return callbackAnswerTo(harness.telegram, update)?.text;
}

function claimPayload(code: string) {
  return `/start klaim_${code}`;
}

describe("/tanpatelegram: recording", () => {
  it("the ketua records an elder in an existing household; a double tap of Simpan records one person", async () => {
    const w = await world();
    await harness.send(w.harun, "/tanpatelegram");
    expect(harness.lastText(w.harun)).toContain("Belum ada warga tanpa Telegram di RT 05");
    await harness.press(w.harun, "Catat warga tanpa Telegram");
    expect(harness.lastText(w.harun)).toContain("Siapa nama warga");
    await harness.send(w.harun, "Mbah Sarinah");
    expect(harness.lastText(w.harun)).toBe("Di KK mana Mbah Sarinah tinggal? Pilih KK yang sudah ada, atau tulis KK lain.");
    expect(harness.buttons(w.harun)).toEqual(["Rumah 1", "Rumah Ketua", "Rumah Petugas", "✍️ KK lain (tulis)", "Batal"]);
    await harness.press(w.harun, "Rumah 1");
    expect(harness.buttons(w.harun)).toEqual(["Lansia", "Anak", "Dewasa", "Tidak disebut", "Batal"]);
    await harness.press(w.harun, "Lansia");
    expect(harness.lastText(w.harun)).toBe("Periksa lagi:\n• Nama: Mbah Sarinah\n• KK: Rumah 1\n• Golongan: Lansia\nSimpan?");
    const summary = shownMessages(harness.telegram, w.harun.id).at(-1)!;
    const save = summary.keyboard!.inline_keyboard.flat().find((b) => b.text.includes("Simpan")) as { callback_data: string };
    await harness.press(w.harun, "Simpan");
    expect(harness.lastText(w.harun)).toContain("✅ Mbah Sarinah tercatat sebagai warga tanpa Telegram di KK Rumah 1.");
    await pressData(harness, w.harun, save.callback_data, summary.messageId); // the second tap

    const recorded = await database.db.select().from(person).where(eq(person.displayName, "Mbah Sarinah"));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ telegramId: null, erasedAt: null, recordedBy: w.harunMember.personId, offlineKind: "lansia" });
    const [joined] = await database.db.select().from(membership).where(eq(membership.personId, recorded[0]!.id));
    expect(joined).toMatchObject({ rtId: w.rt05.id, householdLabel: "Rumah 1", status: "active" });
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "offline_recorded"))).toHaveLength(1);

    await harness.send(w.harun, "/tanpatelegram");
    expect(harness.lastText(w.harun)).toContain("1. Mbah Sarinah — Rumah 1 (Lansia)");
    // /anggota marks them; /petugas does not offer them.
    await harness.send(w.harun, "/anggota");
    expect(harness.telegram.callsOf("sendMessage").map((c) => String(c.payload.text)).find((t) => t.startsWith("Warga RT 05"))).toContain("Mbah Sarinah — Rumah 1 (tanpa Telegram)");
    await harness.press(w.harun, "📵 Warga tanpa Telegram");
    expect(harness.lastText(w.harun)).toContain("1. Mbah Sarinah — Rumah 1 (Lansia)");
    await harness.send(w.harun, "/petugas");
    expect(harness.buttons(w.harun).join("|")).not.toContain("Sarinah");
  });

  it("a petugas records a child in a household typed anew; a household typed in another case joins the existing one", async () => {
    const w = await world();
    await harness.send(w.sri, "/tanpatelegram");
    await harness.press(w.sri, "Catat warga tanpa Telegram");
    await harness.send(w.sri, "Adik Rara");
    await harness.press(w.sri, "KK lain");
    await harness.send(w.sri, "  rumah   1 ");
    await harness.press(w.sri, "Anak");
    await harness.press(w.sri, "Simpan");
    const [row] = await database.db
      .select({ label: membership.householdLabel })
      .from(membership)
      .innerJoin(person, eq(person.id, membership.personId))
      .where(eq(person.displayName, "Adik Rara"));
    expect(row?.label).toBe("Rumah 1");

    await harness.send(w.sri, "/tanpatelegram");
    await harness.press(w.sri, "Catat warga tanpa Telegram");
    await harness.send(w.sri, "Mbah Karto");
    await harness.press(w.sri, "KK lain");
    await harness.send(w.sri, "Kel. Pak Karto, No. 12/B");
    await harness.press(w.sri, "Tidak disebut");
    await harness.press(w.sri, "Simpan");
    expect(harness.lastText(w.sri)).toContain("di KK Kel. Pak Karto, No. 12/B");
  });

  it("refuses hostile names at the prompt and stores nothing until a fair one", async () => {
    const w = await world();
    await harness.send(w.harun, "/tanpatelegram");
    await harness.press(w.harun, "Catat warga tanpa Telegram");
    const refusals: [string, string][] = [
      ["\u200B\u200B", "Isian masih kosong. Silakan tulis lagi."],
      ["x".repeat(5000), "Terlalu panjang: paling banyak 64 karakter."],
      ["😀😀😀", "Nama diawali huruf"],
      ["Robert'); DROP TABLE person;--", "Nama diawali huruf"],
      ["B", "Terlalu pendek: paling sedikit 2 huruf."],
    ];
    const before = await database.db.select().from(person);
    for (const [text, reply] of refusals) {
      await harness.send(w.harun, text);
      expect(harness.lastText(w.harun)).toContain(reply);
    }
    expect(await database.db.select().from(person)).toEqual(before);
    await harness.send(w.harun, "Mbah\u200B Sari");
    expect(harness.lastText(w.harun)).toContain("Di KK mana Mbah Sari tinggal?");
  });

  it("a warga, a koordinator who is not acting, and another RT's ketua cannot record, list or open them", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    const koordinator = newUser("Yuliana");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await harness.send(w.siti, "/tanpatelegram");
    expect(harness.lastText(w.siti)).not.toContain("Mbah Sarinah");
    await harness.send(koordinator, "/tanpatelegram");
    expect(harness.lastText(koordinator)).not.toContain("Mbah Sarinah");

    const before = await snapshotState(database.db);
    // Another RT's ketua: their own list is empty; forged buttons about RT 05's person say nothing.
    await harness.send(w.yusuf, "/tanpatelegram");
    expect(harness.lastText(w.yusuf)).toContain("Belum ada warga tanpa Telegram di RT 07");
    for (const data of [
      offlineOpen.data({ person: sarinah.personId }),
      offlineAct.data({ action: "link", person: sarinah.personId }),
      offlineAct.data({ action: "rename", person: sarinah.personId }),
      offlineConfirm.data({ action: "remove", person: sarinah.personId }),
      offlineConfirm.data({ action: "erase", person: sarinah.personId }),
    ]) {
      const press = await pressData(harness, w.yusuf, data);
      expect(lastAnswer(press)).toBe("Warga tersebut tidak ada (lagi) di daftar warga tanpa Telegram RT Anda.");
    }
    // A warga's press is refused by the button's audience.
    const warga = await pressData(harness, w.siti, offlineAdd.data({}));
    expect(lastAnswer(warga)).toBeDefined();
    expect(await snapshotState(database.db)).toEqual(before);
    // The domain refuses the record itself for another RT.
    await expect(record(w.yusuf, w.rt05.id)).rejects.toThrow("not-allowed");
    await expect(record(w.siti, w.rt05.id)).rejects.toThrow("not-allowed");
  });

  it("a koordinator acting as ketua of an RT without one keeps its residents without Telegram; once a ketua arrives, no longer", async () => {
    const rt03 = await addRt(database.db, 3);
    const koordinator = newUser("Yuliana");
    const koordinatorId = await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await database.db.update(person).set({ actingRtId: rt03.id }).where(eq(person.id, koordinatorId));
    const member = await record(koordinator, rt03.id, "Mbah Darmo", "Rumah 3");
    await harness.send(koordinator, "/tanpatelegram");
    expect(harness.lastText(koordinator)).toContain("1. Mbah Darmo — Rumah 3 (Lansia)");
    await addKetua(database.db, newUser("Baru"), rt03.id);
    const press = await pressData(harness, koordinator, offlineOpen.data({ person: member.personId }));
    expect(lastAnswer(press)).toBeDefined();
    expect(harness.lastText(koordinator)).not.toContain("📵 Mbah Darmo\nKK");
  });

  it("refuses hostile households at the prompt", async () => {
    const w = await world();
    await harness.send(w.harun, "/tanpatelegram");
    await harness.press(w.harun, "Catat warga tanpa Telegram");
    await harness.send(w.harun, "Mbah Sarinah");
    await harness.press(w.harun, "KK lain");
    for (const [text, reply] of [
      ["\u200B", "Isian masih kosong"],
      ["🏠🏠", "Awali dengan huruf atau angka"],
      ["x".repeat(61), "Terlalu panjang: paling banyak 60 karakter."],
      ["'; drop table membership;--", "Awali dengan huruf atau angka"],
    ] as const) {
      await harness.send(w.harun, text);
      expect(harness.lastText(w.harun)).toContain(reply);
    }
    await harness.send(w.harun, "No. 7");
    expect(harness.lastText(w.harun)).toBe("Mbah Sarinah termasuk?");
  });

  it("a forged or unknown button is refused in words", async () => {
    const w = await world();
    const press = await pressData(harness, w.harun, offlineOpen.data({ person: 999_999 }));
    expect(lastAnswer(press)).toBe("Warga tersebut tidak ada (lagi) di daftar warga tanpa Telegram RT Anda.");
    const forged = await pressData(harness, w.harun, "offline.ok:explode:1");
    expect(lastAnswer(forged)).toBeDefined();
  });

  it("renames, and the form ends when the ketua loses the RT meanwhile", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    await harness.send(w.harun, "/tanpatelegram");
    await harness.press(w.harun, "Mbah Sarinah");
    expect(harness.lastText(w.harun)).toContain("📵 Mbah Sarinah\nKK: Rumah 1");
    await harness.press(w.harun, "Ganti nama");
    await harness.send(w.harun, "🙂");
    expect(harness.lastText(w.harun)).toContain("Nama diawali huruf");
    await harness.send(w.harun, "Nenek Sarinah");
    expect(harness.lastText(w.harun)).toBe("✅ Nama diganti: Mbah Sarinah → Nenek Sarinah.");
    expect((await personRow(sarinah.personId)).displayName).toBe("Nenek Sarinah");

    // Sri starts a rename, then loses her petugas post: the answer ends the form.
    await harness.send(w.sri, "/tanpatelegram");
    await harness.press(w.sri, "Nenek Sarinah");
    await harness.press(w.sri, "Ganti nama");
    await database.db.execute(`update role_assignment set revoked_at = now() where person_id = ${w.sriMember.personId}`);
    await harness.send(w.sri, "Mbok Sarinah");
    expect((await personRow(sarinah.personId)).displayName).toBe("Nenek Sarinah");
  });

  it("a resident without Telegram cannot be made petugas or handed the RT", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    await expect(appointPetugas(harness.deps, await actorOf(w.harun), { membershipId: sarinah.membershipId })).rejects.toThrow("offline-no-telegram");
  });
});

describe("a failed reply while recording", () => {
  it("the redelivered name goes on at the same step; a Simpan whose reply failed, redelivered, records once", async () => {
    const w = await world();
    await harness.send(w.harun, "/tanpatelegram");
    await harness.press(w.harun, "Catat warga tanpa Telegram");
    const name = harness.messageUpdate(w.harun, "Mbah Sarinah");
    harness.telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" }, { chatId: w.harun.id });
    await expect(harness.deliver(name)).rejects.toThrow();
    await harness.deliver(name);
    expect(harness.lastText(w.harun)).toBe("Di KK mana Mbah Sarinah tinggal? Pilih KK yang sudah ada, atau tulis KK lain.");
    await harness.press(w.harun, "Rumah 1");
    await harness.press(w.harun, "Lansia");
    const summary = shownMessages(harness.telegram, w.harun.id).at(-1)!;
    const save = (summary.keyboard!.inline_keyboard.flat().find((b) => b.text.includes("Simpan")) as { callback_data: string }).callback_data;
    const tap = harness.callbackUpdate(w.harun, save, summary.messageId);
    harness.telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" }, { chatId: w.harun.id });
    await expect(harness.deliver(tap)).rejects.toThrow();
    harness.telegram.failNext("answerCallbackQuery", { error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" });
    await harness.deliver(tap);
    expect(harness.lastText(w.harun)).toContain("✅ Mbah Sarinah tercatat");
    expect(await database.db.select().from(person).where(eq(person.displayName, "Mbah Sarinah"))).toHaveLength(1);
  });
});

describe("activities of a resident without Telegram count for the household, and nothing is sent to them", () => {
  it("attendance ticked by the ketua, a deposit at the bank and a book loan", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id, "Mbah Sarinah", "Rumah 1");
    const ketua = await actorOf(w.harun);

    // A gotong royong: the event's notices go to the members with Telegram only.
    const created = await createEvent(
      database.db,
      ketua,
      { requestKey: `event:${randomUUID()}`, kind: "gotong_royong", place: "Pos kamling", notes: null, durationMinutes: DEFAULT_DURATION_MINUTES.gotong_royong, recurrence: { kind: "none" }, firstStartsAt: new Date("2026-11-29T00:00:00Z") },
      harness.now,
    );
    const [occurrence] = await database.db.select().from(eventOccurrence).where(eq(eventOccurrence.eventId, created.eventId));
    harness.now = new Date("2026-11-29T04:00:00Z");
    await tickAttendance(database.db, ketua, { occurrenceId: occurrence!.id, membershipId: sarinah.membershipId, present: true }, harness.now);
    await tickAttendance(database.db, ketua, { occurrenceId: occurrence!.id, membershipId: w.sitiMember.membershipId, present: true }, harness.now);
    const rows = await database.db.select().from(participation).where(eq(participation.personId, sarinah.personId));
    expect(rows).toEqual([expect.objectContaining({ householdLabel: "Rumah 1", kind: "gotong_royong", source: "ketua-checklist", recordedBy: w.harunMember.personId })]);
    // Siti and her grandmother are one household: the RT counts one.
    const [metrics] = await windowRtMetrics(database.db, harness.now, { rtIds: [w.rt05.id] });
    expect(metrics!.metrics.participatingHouseholds).toBe(1);

    // The /absen checklist lists her beside the members with Telegram.
    await harness.send(w.harun, "/absen");
    await harness.press(w.harun, "Minggu");
    expect(harness.buttons(w.harun)).toContain("✅ Mbah Sarinah");

    // The waste bank's officer finds her, and her deposit's receipt is the officer's alone.
    const bank = await createWasteBank(database.db, ketua, { name: "Bank Sampah Melati", rtIds: [w.rt05.id] }, harness.now);
    const officerActor = await actorOf(w.harun);
    await appointOfficer(database.db, officerActor, { wasteBankId: bank.id, personId: w.sriMember.personId }, harness.now);
    await expect(appointOfficer(database.db, officerActor, { wasteBankId: bank.id, personId: sarinah.personId }, harness.now)).rejects.toThrow("offline-no-telegram");
    expect((await findResidents(database.db, await actorOf(w.sri), { wasteBankId: bank.id, query: "sarinah", limit: 10 })).map((r) => r.name)).toEqual(["Mbah Sarinah"]);
    await harness.send(w.sri, "/setor");
    await harness.send(w.sri, "sarinah");
    await harness.press(w.sri, "Mbah Sarinah");
    expect(harness.lastText(w.sri)).toBe("Jenis sampah apa yang disetor Mbah Sarinah?");
    await harness.press(w.sri, "Kardus");
    await harness.send(w.sri, "2,5");
    await harness.press(w.sri, "Simpan");
    expect(harness.telegram.callsOf("sendMessage").filter((c) => c.payload.chat_id === w.sri.id).map((c) => String(c.payload.text)).join("\n")).toContain(
      "Mbah Sarinah tidak bisa dihubungi lewat bot",
    );
    const deposits = await database.db.select().from(participation).where(and(eq(participation.personId, sarinah.personId), eq(participation.kind, "bank_sampah")));
    expect(deposits).toEqual([expect.objectContaining({ householdLabel: "Rumah 1" })]);

    // A book lent to her; its notice and the return reminders go nowhere.
    const book = await addBook(database.db, ketua, { rtId: w.rt05.id, title: "Si Kancil", author: null, copies: 1 }, harness.now);
    expect(book.title).toBe("Si Kancil");
    await harness.send(w.harun, "/pinjam");
    await harness.press(w.harun, "Si Kancil");
    await harness.press(w.harun, "Mbah Sarinah · Rumah 1");
    await harness.press(w.harun, "7 hari");
    expect(harness.lastText(w.harun)).toContain("Mbah Sarinah tidak memakai Telegram, jadi bot tidak bisa mengingatkannya");
    const loanRows = await database.db.select().from(participation).where(and(eq(participation.personId, sarinah.personId), eq(participation.kind, "pojok_baca_pinjam")));
    expect(loanRows).toHaveLength(1);
    // Due today: no reminder today (the keepers' reminders for her are tested below).
    const reminded = await planLoanReminders({ db: database.db, i18n: harness.deps.i18n, logger: createLogger("silent") } as never, new Date("2026-12-06T01:00:00Z"));
    expect(reminded.queued).toBe(0);

    // An announcement to the RT's members reaches everyone but her.
    const audience = await resolveRecipients(database.db, ketua, "rt-members");
    expect(audience.map((r) => r.personId)).not.toContain(sarinah.personId);
    expect(audience.map((r) => r.personId)).toContain(w.sitiMember.personId);

    // Nothing, ever, was queued or sent to her.
    expect(await outboxAbout(sarinah.personId)).toEqual([]);
    expect(harness.telegram.callsOf("sendMessage").filter((c) => c.payload.chat_id === null || c.payload.chat_id === 0)).toEqual([]);
  });
});

describe("claiming the record with one's own Telegram", () => {
  async function linkFor(by: TestUser, personId: number) {
    const made = await claimLink(harness.deps, await actorOf(by), { personId });
    return made.code;
  }

  it("a new user opens the link from the card, confirms, and takes the record over; a double tap is safe", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    await harness.send(w.harun, "/tanpatelegram");
    await harness.press(w.harun, "Mbah Sarinah");
    await harness.press(w.harun, "Tautan klaim");
    const linkText = harness.lastText(w.harun);
    const code = /klaim_([A-Za-z0-9_-]+)/.exec(linkText)![1]!;
    // The same button again (a double tap) shows the same link, and makes no second one.
    await harness.press(w.harun, "Tautan klaim");
    expect(await database.db.select().from(offlineClaim)).toHaveLength(1);
    expect(harness.lastText(w.harun)).toContain(`klaim_${code}`);

    const grandma = newUser("Sarinah");
    await harness.send(grandma, claimPayload(code));
    expect(harness.lastText(grandma)).toContain("Tautan ini untuk catatan warga:\n• Nama: Mbah Sarinah\n• KK: Rumah 1\n• RT 05");
    const preview = shownMessages(harness.telegram, grandma.id).at(-1)!;
    const yes = await harness.press(grandma, "Ya, ini saya");
    expect(harness.lastText(grandma)).toContain("Selamat datang, Mbah Sarinah!");
    await harness.deliver(yes); // redelivered: handled once
    const again = await pressData(harness, grandma, claimConfirm.data({ choice: "yes", code }), preview.messageId);
    expect(callbackAnswerTo(harness.telegram, again)?.show_alert).not.toBe(true);
    expect(harness.lastText(grandma)).toContain("sudah memakai akun Telegram Anda");

    const row = await personRow(sarinah.personId);
    expect(row).toMatchObject({ telegramId: grandma.id, erasedAt: null, recordedBy: w.harunMember.personId });
    expect(row.claimedAt).not.toBeNull();
    expect(row.consentedAt).not.toBeNull();
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "offline_claimed"))).toHaveLength(1);
    // The ketua is told; she is now a warga with her own menu and no longer on the list.
    expect(harness.telegram.callsOf("sendMessage").some((c) => c.payload.chat_id === w.harun.id && String(c.payload.text).includes("sekarang memakai Telegram sendiri"))).toBe(true);
    await harness.send(grandma, "/jadwal");
    expect(harness.lastText(grandma)).not.toContain("Kirim /start");
    await harness.send(w.harun, "/tanpatelegram");
    expect(harness.lastText(w.harun)).toContain("Belum ada warga tanpa Telegram");
    // Someone else opening the used link is refused.
    const stranger = newUser("Orang");
    await harness.send(stranger, claimPayload(code));
    expect(harness.lastText(stranger)).toBe("Tautan klaim ini sudah dipakai. Setiap tautan hanya berlaku satu kali.");
  });

  it("a user who registered but never joined is merged: the Telegram id moves onto the record, the empty row is left erased", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    const code = await linkFor(w.sri, sarinah.personId);
    const grandma = { ...newUser("Sarinah"), language_code: "en" };
    const emptyId = await addPerson(database.db, grandma, "Sarinah HP");
    await database.db.update(person).set({ locale: "en", greeting: "bu" }).where(eq(person.id, emptyId));
    await harness.send(grandma, claimPayload(code));
    await harness.press(grandma, "Yes, this is me");
    const record_ = await personRow(sarinah.personId);
    expect(record_).toMatchObject({ telegramId: grandma.id, locale: "en", greeting: "bu" });
    const empty = await personRow(emptyId);
    expect(empty).toMatchObject({ telegramId: null, displayName: null });
    expect(empty.erasedAt).not.toBeNull();
    const [claim] = await database.db.select().from(offlineClaim).where(eq(offlineClaim.code, code));
    expect(claim).toMatchObject({ mergedFrom: emptyId });
    expect(claim!.usedAt).not.toBeNull();
  });

  it("a member of another RT, of this RT, or a user still waiting is refused in words and nothing changes", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    const code = await linkFor(w.harun, sarinah.personId);
    const waiting = newUser("Tunggu");
    await addPending(database.db, waiting, w.rt07.id);
    const before = await snapshotState(database.db);
    await harness.send(w.andi, claimPayload(code));
    expect(harness.lastText(w.andi)).toBe("Akun Telegram Anda sudah menjadi warga RT 07 Buluran Kenali. Keluar dulu dari RT tersebut (/keluar) jika catatan ini memang Anda.");
    const forced = await pressData(harness, w.andi, claimConfirm.data({ choice: "yes", code }));
    expect(lastAnswer(forced)).toContain("sudah menjadi warga RT 07");
    await harness.send(w.siti, claimPayload(code));
    expect(harness.lastText(w.siti)).toContain("sudah menjadi warga RT 05");
    await harness.send(waiting, claimPayload(code));
    expect(harness.lastText(waiting)).toContain("masih menunggu persetujuan di RT 07");
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("refuses expired, replaced (stale) and unknown codes", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    const first = await linkFor(w.harun, sarinah.personId);
    const user = newUser("Sarinah");
    await harness.send(user, claimPayload("AAAAAAAAAAAAAAAAAAAA"));
    expect(harness.lastText(user)).toBe("Tautan klaim ini tidak dikenal. Minta tautan baru kepada ketua RT atau petugas Anda.");
    await harness.send(user, claimPayload("x"));
    expect(harness.lastText(user)).toBe("Tautan klaim ini tidak dikenal. Minta tautan baru kepada ketua RT atau petugas Anda.");
    harness.now = new Date(harness.now.getTime() + 8 * 86_400_000);
    await harness.send(user, claimPayload(first));
    expect(harness.lastText(user)).toBe("Tautan klaim ini sudah kedaluwarsa. Minta tautan baru kepada ketua RT atau petugas Anda.");
    // A new link replaces nothing usable; the record removed, the newer link is stale too.
    const second = await linkFor(w.harun, sarinah.personId);
    expect(second).not.toBe(first);
    await harness.send(w.harun, "/tanpatelegram");
    await harness.press(w.harun, "Mbah Sarinah");
    await harness.press(w.harun, "Keluarkan dari RT");
    await harness.press(w.harun, "Ya");
    expect(harness.lastText(w.harun)).toBe("Mbah Sarinah sudah dikeluarkan dari RT. Catatan kegiatannya tetap ada.");
    await harness.send(user, claimPayload(second));
    expect(harness.lastText(user)).toContain("sudah tidak berlaku");
    expect((await personRow(sarinah.personId)).telegramId).toBeNull();
  });
});

describe("removing and erasing", () => {
  it("removal ends the membership and keeps the records; a second tap finds nobody", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    await harness.send(w.harun, "/tanpatelegram");
    await harness.press(w.harun, "Mbah Sarinah");
    await harness.press(w.harun, "Keluarkan dari RT");
    const question = shownMessages(harness.telegram, w.harun.id).at(-1)!;
    await harness.press(w.harun, "Ya");
    const second = await pressData(harness, w.harun, offlineConfirm.data({ action: "remove", person: sarinah.personId }), question.messageId);
    expect(lastAnswer(second)).toBe("Warga tersebut tidak ada (lagi) di daftar warga tanpa Telegram RT Anda.");
    const [ended] = await database.db.select().from(membership).where(eq(membership.id, sarinah.membershipId));
    expect(ended).toMatchObject({ status: "left", endReason: "removed" });
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "offline_removed"))).toHaveLength(1);
  });

  it("erasure on their behalf removes the name, household and kind and keeps the household counts", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id, "Mbah Sarinah", "Rumah 1");
    const alone = await record(w.harun, w.rt05.id, "Mbah Karto", "Gubuk Karto");
    const ketua = await actorOf(w.harun);
    const created = await createEvent(
      database.db,
      ketua,
      { requestKey: `event:${randomUUID()}`, kind: "gotong_royong", place: "Pos kamling", notes: null, durationMinutes: DEFAULT_DURATION_MINUTES.gotong_royong, recurrence: { kind: "none" }, firstStartsAt: new Date("2026-11-29T00:00:00Z") },
      harness.now,
    );
    const [occurrence] = await database.db.select().from(eventOccurrence).where(eq(eventOccurrence.eventId, created.eventId));
    harness.now = new Date("2026-11-29T04:00:00Z");
    for (const membershipId of [sarinah.membershipId, alone.membershipId, w.sitiMember.membershipId]) {
      await tickAttendance(database.db, ketua, { occurrenceId: occurrence!.id, membershipId, present: true }, harness.now);
    }
    const counted = async () => (await windowRtMetrics(database.db, harness.now, { rtIds: [w.rt05.id] }))[0]!.metrics.participatingHouseholds;
    expect(await counted()).toBe(2);

    for (const member of [sarinah, alone]) {
      await harness.send(w.harun, "/tanpatelegram");
      await harness.press(w.harun, member.name);
      await harness.press(w.harun, "Hapus data");
      expect(harness.lastText(w.harun)).toContain(`Hapus data ${member.name} atas permintaannya?`);
      await harness.press(w.harun, "Ya");
      expect(harness.lastText(w.harun)).toContain("Data warga tersebut sudah dihapus");
    }
    for (const member of [sarinah, alone]) {
      const row = await personRow(member.personId);
      expect(row).toMatchObject({ displayName: null, offlineKind: null, telegramId: null });
      expect(row.erasedAt).not.toBeNull();
      const [m] = await database.db.select().from(membership).where(eq(membership.id, member.membershipId));
      expect(m).toMatchObject({ householdLabel: null, status: "left" });
    }
    const labels = await database.db.select({ label: participation.householdLabel }).from(participation).where(inArray(participation.personId, [sarinah.personId, alone.personId]));
    expect(new Set(labels.map((l) => l.label))).toEqual(new Set([`anon-${alone.personId}-1`, "Rumah 1"]));
    expect(await counted()).toBe(2);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "offline_erased"))).toHaveLength(2);
    await harness.send(w.harun, "/tanpatelegram");
    expect(harness.lastText(w.harun)).toContain("Belum ada warga tanpa Telegram");
  });
});

describe("review fixes: claiming after /keluar, merging, history, holdings, long lists, reminders", () => {
  async function linkFor(by: TestUser, personId: number) {
    return (await claimLink(harness.deps, await actorOf(by), { personId })).code;
  }

  it("following the refusal's own advice works: waiting → /keluar → the link again → claimed", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    const code = await linkFor(w.harun, sarinah.personId);
    const waiting = newUser("Tunggu");
    await addPending(database.db, waiting, w.rt07.id);
    await harness.send(waiting, claimPayload(code));
    expect(harness.lastText(waiting)).toContain("Batalkan dulu permintaan itu (/keluar)");
    await harness.send(waiting, "/keluar");
    await harness.press(waiting, "Ya");
    await harness.send(waiting, claimPayload(code));
    await harness.press(waiting, "Ya, ini saya");
    expect(harness.lastText(waiting)).toContain("Selamat datang, Mbah Sarinah!");
    expect((await personRow(sarinah.personId)).telegramId).toBe(waiting.id);
  });

  it("a member of another RT who leaves it (/keluar) can claim afterwards", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    const code = await linkFor(w.harun, sarinah.personId);
    await harness.send(w.andi, claimPayload(code));
    expect(harness.lastText(w.andi)).toContain("Keluar dulu dari RT tersebut (/keluar)");
    await harness.send(w.andi, "/keluar");
    await harness.press(w.andi, "Ya, keluar");
    await harness.send(w.andi, claimPayload(code));
    await harness.press(w.andi, "Ya, ini saya");
    expect((await personRow(sarinah.personId)).telegramId).toBe(w.andi.id);
  });

  it("the merged row is erased through the personal-data map: its queued messages and household labels go", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    const code = await linkFor(w.harun, sarinah.personId);
    const grandma = newUser("Sarinah");
    const emptyId = await addPerson(database.db, grandma, "Sarinah HP");
    await database.db.insert(membership).values({ personId: emptyId, rtId: w.rt07.id, householdLabel: "Rumah Rahasia", status: "rejected", requestedAt: harness.now });
    await database.db.insert(outbox).values({ dedupeKey: `test:${emptyId}`, chatId: grandma.id, personId: emptyId, priority: 5, payload: { text: "Pesan untuk Sarinah HP" }, notBefore: new Date(harness.now.getTime() + 86_400_000) });
    await harness.send(grandma, claimPayload(code));
    await harness.press(grandma, "Ya, ini saya");
    expect((await personRow(sarinah.personId)).telegramId).toBe(grandma.id);
    const [queued] = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, `test:${emptyId}`));
    expect(queued).toMatchObject({ chatId: 0, payload: {}, status: "cancelled" });
    const memberships = await database.db.select().from(membership).where(eq(membership.personId, emptyId));
    expect(memberships.map((m) => m.householdLabel)).toEqual([null]);
    expect(await personRow(emptyId)).toMatchObject({ telegramId: null, displayName: null });
  });

  it("every foreign key to person is either harmless registration data or history", () => {
    const listed = new Set([...HARMLESS_COLUMNS, ...HISTORY_COLUMNS].map(columnName));
    const missing: string[] = [];
    for (const table of Object.values(schema)) {
      if (!(table instanceof PgTable)) continue;
      for (const fk of getTableConfig(table).foreignKeys) {
        const ref = fk.reference();
        if (getTableConfig(ref.foreignTable).name !== "person") continue;
        for (const column of ref.columns) if (!listed.has(columnName(column))) missing.push(columnName(column));
      }
    }
    expect(missing).toEqual([]);
  });

  it("an assessor (penilai) and a former petugas with their own records cannot claim; nothing changes", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    const code = await linkFor(w.harun, sarinah.personId);
    const assessor = newUser("Penilai");
    const assessorId = await addPerson(database.db, assessor);
    const [round] = await database.db
      .insert(assessmentRound)
      .values({ year: 2027, proposalDeadline: "2027-03-01", visitFrom: "2027-04-01", visitTo: "2027-05-01", decisionOn: "2027-06-01", openedAt: harness.now })
      .returning({ id: assessmentRound.id });
    await database.db.insert(roundAssessor).values({ roundId: round!.id, personId: assessorId, agency: "babinsa", joinedAt: harness.now });
    const former = newUser("Mantan");
    const formerId = await addPerson(database.db, former);
    await database.db.insert(roleAssignment).values({ personId: formerId, role: "petugas", rtId: w.rt07.id, grantedAt: harness.now, revokedAt: harness.now });
    const before = await snapshotState(database.db);
    for (const user of [assessor, former]) {
      await harness.send(user, claimPayload(code));
      expect(harness.lastText(user)).toContain("sudah punya catatan sendiri");
      const forced = await pressData(harness, user, claimConfirm.data({ choice: "yes", code }));
      expect(lastAnswer(forced)).toContain("sudah punya catatan sendiri");
    }
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("savings or a book still out are shown and block removal and erasure until withdrawn and returned", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    const ketua = await actorOf(w.harun);
    const bank = await createWasteBank(database.db, ketua, { name: "Bank Sampah Melati", rtIds: [w.rt05.id] }, harness.now);
    await database.db.insert(bankAccount).values({ wasteBankId: bank.id, personId: sarinah.personId, balance: 12500, openedAt: harness.now, updatedAt: harness.now });
    const book = await addBook(database.db, ketua, { rtId: w.rt05.id, title: "Si Kancil", author: null, copies: 1 }, harness.now);
    const [loan] = await database.db
      .insert(bookLoan)
      .values({ requestKey: `loan:${randomUUID()}`, bookId: book.id, rtId: w.rt05.id, personId: sarinah.personId, lentAt: harness.now, dueAt: harness.now, lentBy: w.harunMember.personId })
      .returning({ id: bookLoan.id });
    for (const action of ["Keluarkan dari RT", "Hapus data"]) {
      await harness.send(w.harun, "/tanpatelegram");
      await harness.press(w.harun, "Mbah Sarinah");
      await harness.press(w.harun, action);
      const text = harness.lastText(w.harun);
      expect(text).toContain("Rp 12.500");
      expect(text).toContain("Si Kancil");
      expect(harness.buttons(w.harun)).not.toContain("Ya");
    }
    // A forged or stale "Ya" is refused by the service.
    const forged = await pressData(harness, w.harun, offlineConfirm.data({ action: "remove", person: sarinah.personId }));
    expect(lastAnswer(forged)).toContain("masih punya tabungan bank sampah");
    await expect(eraseOfflineMember(harness.deps, ketua, { personId: sarinah.personId })).rejects.toThrow("offline-has-holdings");
    // Paid out and returned: removal goes through.
    await database.db.update(bankAccount).set({ balance: 0 }).where(eq(bankAccount.personId, sarinah.personId));
    await expect(removeOfflineMember(harness.deps, ketua, { personId: sarinah.personId })).rejects.toThrow("offline-has-holdings");
    await database.db.update(bookLoan).set({ returnedAt: harness.now, returnedBy: w.harunMember.personId }).where(eq(bookLoan.id, loan!.id));
    await harness.send(w.harun, "/tanpatelegram");
    await harness.press(w.harun, "Mbah Sarinah");
    await harness.press(w.harun, "Keluarkan dari RT");
    expect(harness.lastText(w.harun)).toContain("Keluarkan Mbah Sarinah dari RT");
    await harness.press(w.harun, "Ya");
    expect(harness.lastText(w.harun)).toBe("Mbah Sarinah sudah dikeluarkan dari RT. Catatan kegiatannya tetap ada.");
  });

  it("a long list comes in pages that stay under Telegram's limit", async () => {
    const w = await world();
    const long = "Mbah ".padEnd(45, "x");
    const tag = (i: number) => String.fromCharCode(65 + Math.floor((i - 1) / 26)) + String.fromCharCode(65 + ((i - 1) % 26));
    for (let i = 1; i <= 90; i += 1) await record(w.harun, w.rt05.id, `${long} ${tag(i)}`, `Rumah ${"y".repeat(50)} ${i}`);
    await harness.send(w.harun, "/tanpatelegram");
    const first = harness.lastText(w.harun);
    expect(first).toContain("(90 orang)");
    expect(first.length).toBeLessThan(4096);
    expect(first).toContain(`1. ${long} AA`);
    expect(harness.buttons(w.harun)).toContain("1/12");
    await harness.press(w.harun, "▶");
    expect(harness.lastText(w.harun)).toContain(`9. ${long} AI`);
    expect(harness.buttons(w.harun)).toContain("2/12");
    for (let page = 2; page < 12; page += 1) await harness.press(w.harun, "▶");
    expect(harness.lastText(w.harun)).toContain(`90. ${long} DL`);
    await harness.press(w.harun, `${long} DL`);
    expect(harness.lastText(w.harun)).toContain(`${long} DL`);
    expect(harness.buttons(w.harun)).toContain("✏️ Ganti nama");
  });

  it("a borrower without Telegram: the due reminder goes to the keepers, naming her, once", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    const ketua = await actorOf(w.harun);
    const book = await addBook(database.db, ketua, { rtId: w.rt05.id, title: "Si Kancil", author: null, copies: 1 }, harness.now);
    const due = new Date("2026-12-10T05:00:00Z");
    await database.db.insert(bookLoan).values({ requestKey: `loan:${randomUUID()}`, bookId: book.id, rtId: w.rt05.id, personId: sarinah.personId, lentAt: harness.now, dueAt: due, lentBy: w.harunMember.personId });
    const deps = { db: database.db, i18n: harness.deps.i18n, logger: createLogger("silent") } as never;
    const dayBefore = new Date("2026-12-09T01:00:00Z");
    expect((await planLoanReminders(deps, dayBefore)).queued).toBe(2);
    expect((await planLoanReminders(deps, dayBefore)).queued).toBe(0);
    const rows = await database.db.select().from(outbox).where(inArray(outbox.chatId, [w.harun.id, w.sri.id]));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(String((row.payload as { text: string }).text)).toContain("Mbah Sarinah (tanpa Telegram) meminjam \"Si Kancil\"");
      expect(row.subjectPersonIds).toEqual([sarinah.personId]);
    }
    expect(await outboxAbout(sarinah.personId)).toEqual([]);
  });

  it("an unknown kind is refused as a wrong choice, not as someone not found", async () => {
    const w = await world();
    await expect(record(w.harun, w.rt05.id, "Mbah Sarinah", "Rumah 1", "nenek" as OfflineKind)).rejects.toThrow("offline-kind-invalid");
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("two claims by one new user at once: one is taken, the other refused in words; a removal racing a claim does not deadlock (real server)", async () => {
    const w = await world();
    const sarinah = await record(w.harun, w.rt05.id);
    const karto = await record(w.harun, w.rt05.id, "Mbah Karto", "Rumah 2");
    const codes = [await linkFor(w.harun, sarinah.personId), await linkFor(w.harun, karto.personId)];
    const second = await openDatabase({ kind: "postgres", url: database.url! });
    try {
      // Karto's record takes the user's Telegram id on another connection and holds it uncommitted;
      // the claim of Sarinah's record by the same user waits on the unique index, then finds it taken.
      const user = newUser("Cucu");
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let taken!: () => void;
      const isTaken = new Promise<void>((resolve) => (taken = resolve));
      const blocker = second.db.transaction(async (tx) => {
        await tx.update(person).set({ telegramId: user.id }).where(eq(person.id, karto.personId));
        taken();
        await held;
      });
      await isTaken;
      const claim = claimRecord(harness.deps, { code: codes[0]!, telegramId: user.id, locale: "id" }).then(
        () => "claimed",
        (error: unknown) => (error as { code?: string }).code,
      );
      const third = await openDatabase({ kind: "postgres", url: database.url! });
      try {
        for (;;) {
          const [row] = await queryRows<{ waiting: number }>(third.db, sql`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`);
          if ((row?.waiting ?? 0) > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        await third.close();
      }
      release();
      await blocker;
      expect(await claim).toBe("claim-used");
      expect((await personRow(sarinah.personId)).telegramId).toBeNull();

      const minah = await record(w.harun, w.rt05.id, "Mbah Minah", "Rumah 3");
      const code = await linkFor(w.harun, minah.personId);
      const raced = await Promise.allSettled([
        removeOfflineMember({ ...harness.deps, db: second.db }, await actorOf(w.harun), { personId: minah.personId }),
        claimRecord(harness.deps, { code, telegramId: newUser("Minah").id, locale: "id" }),
      ]);
      for (const outcome of raced) if (outcome.status === "rejected") expect(outcome.reason).toMatchObject({ name: "DomainError" });
    } finally {
      await second.close();
    }
  });
});
