import { eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, event, eventOccurrence, kasBalance, kasEntry, membership, outbox, person, roleAssignment, rt, rtTitle, shiftAssignment } from "../../src/db/schema/index.js";
import { auditKasBook, kasBalanceOf, recordIncome, recordSpending, reverseKasEntry } from "../../src/domain/kas/book.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { eraseOwnData } from "../../src/domain/people/erasure.js";
import { appointBendahara } from "../../src/domain/roles/roles.js";
import { kasBendahara, kasExport, kasJimpitan, kasSave } from "../../src/messages/buttons/kas.js";
import { planKasStatements } from "../../src/scheduling/kas-statements.js";
import { activeRolesOf, addAdmin, addKetua, addKoordinator, addMember, addRt, KELURAHAN_BULURAN_KENALI, KELURAHAN_SIMPANG_IV_SIPIN, newUser, snapshotState } from "../helpers/fixtures.js";
import { sentDocuments } from "../helpers/fake-telegram.js";
import { readWorkbook, rowValues, sheet, sheetNames } from "../helpers/spreadsheet.js";
import { callbackAnswerTo, callbackDataOf, photoUpdate, pressData, shownMessages, type ShownMessage, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Minggu 22 November 2026, 10.00 WIB
const { database, harness } = withTestBot();

const RECEIPT_NEEDED = "Yang dibutuhkan foto nota atau kuitansi. Kirim fotonya, atau /batal.";
const SQLISH = "'; drop table kas_entry;--";

type Person = TestUser & { personId: number; membershipId: number };

async function member(name: string, rtId: number): Promise<Person> {
  const user = newUser(name);
  return { ...user, ...(await addMember(database.db, user, rtId, `Rumah ${name}`)) };
}

async function bendaharaOf(name: string, rtId: number): Promise<Person> {
  const found = await member(name, rtId);
  await database.db.insert(roleAssignment).values({ personId: found.personId, role: "bendahara", rtId });
  return found;
}

/** RT 05 (ketua Harun, bendahara Dewi, warga Siti) and RT 06 (bendahara Budi), a koordinator over both. */
async function world() {
  const db = database.db;
  const rt5 = await addRt(db, 5);
  const rt6 = await addRt(db, 6);
  const harunUser = newUser("Harun");
  const harun: Person = { ...harunUser, ...(await addKetua(db, harunUser, rt5.id)) };
  const dewi = await bendaharaOf("Dewi", rt5.id);
  const siti = await member("Siti", rt5.id);
  const budi = await bendaharaOf("Budi", rt6.id);
  const koordinator = newUser("Koordinator");
  await addKoordinator(db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  return { rt5, rt6, harun, dewi, siti, budi, koordinator };
}

const actorOf = (user: TestUser) => loadActor(database.db, user.id, []);

function shownWith(user: TestUser, text: string): ShownMessage {
  const found = shownMessages(harness.telegram, user.id).filter((message) => message.text.includes(text)).at(-1);
  if (!found) throw new Error(`no message with "${text}" in chat ${user.id}: ${harness.telegram.textsTo(user.id).join(" | ")}`);
  return found;
}

/** /kascatat → a kind → the amount; stops at the confirmation. */
async function startIncome(user: TestUser, kind: string, amount: string): Promise<void> {
  await harness.send(user, "/kascatat");
  await harness.press(user, kind);
  await harness.send(user, amount);
}

async function income(user: TestUser, kind: string, amount: string): Promise<void> {
  await startIncome(user, kind, amount);
  await harness.press(user, "Simpan");
}

async function entries() {
  return database.db.select().from(kasEntry).orderBy(kasEntry.id);
}

describe("the bendahara", () => {
  it("is appointed and revoked by the ketua on /bendahara, audited and told, and gets the kas commands", async () => {
    const { harun, siti, rt5 } = await world();
    await harness.send(harun, "/bendahara");
    expect(harness.lastText(harun)).toContain("bendahara RT 05");
    await harness.press(harun, "Siti");
    expect(await activeRolesOf(database.db, siti.id)).toContain(`bendahara:${rt5.id}`);
    expect(harness.telegram.textsTo(siti.id).join("\n")).toContain("Anda diangkat menjadi bendahara RT 05");
    // A double tap of the same (now stale) "add" button changes nothing: one grant, one notice.
    await pressData(harness, harun, kasBendahara.data({ change: "add", membership: siti.membershipId }));
    expect((await database.db.select().from(roleAssignment).where(eq(roleAssignment.role, "bendahara"))).filter((row) => row.personId === siti.personId)).toHaveLength(1);
    expect(harness.telegram.textsTo(siti.id).filter((text) => text.includes("diangkat menjadi bendahara"))).toHaveLength(1);
    await harness.send(siti, "/kascatat");
    expect(harness.lastText(siti)).toBe("Catat apa?");
    await harness.send(siti, "/batal");

    await harness.send(harun, "/bendahara");
    await harness.press(harun, "Siti");
    expect(await activeRolesOf(database.db, siti.id)).not.toContain(expect.stringMatching(/^bendahara/));
    expect(harness.telegram.textsTo(siti.id).join("\n")).toContain("Tugas Anda sebagai bendahara RT 05");
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.targetPersonId, siti.personId));
    expect(audits.map((row) => [row.action, (row.details as { role: string }).role])).toEqual([["role_granted", "bendahara"], ["role_revoked", "bendahara"]]);
    await harness.send(siti, "/kascatat");
    expect(harness.lastText(siti)).toBe("Maaf, perintah ini hanya untuk bendahara dan ketua RT.");
  });

  it("is refused to a warga, to another RT's ketua (forged button), and the ketua cannot name himself", async () => {
    const { harun, siti, budi, rt6 } = await world();
    await pressData(harness, siti, kasBendahara.data({ change: "add", membership: siti.membershipId }));
    expect(await activeRolesOf(database.db, siti.id)).toEqual([]);
    const ketua6User = newUser("Yusuf");
    await addKetua(database.db, ketua6User, rt6.id);
    const before = await snapshotState(database.db);
    const forged = await pressData(harness, ketua6User, kasBendahara.data({ change: "add", membership: siti.membershipId }));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe("Maaf, Anda tidak berwenang melakukan ini.");
    await expect(appointBendahara(harness.deps, await actorOf(harun), { membershipId: harun.membershipId })).rejects.toMatchObject({ code: "kas-bendahara-is-ketua" });
    const after = await snapshotState(database.db);
    expect(after.role_assignment).toEqual(before.role_assignment);
    // RT 06's own bendahara is untouched by RT 05's ketua's list.
    expect(await activeRolesOf(database.db, budi.id)).toEqual([`bendahara:${rt6.id}`]);
  });
});

describe("recording in the kas", () => {
  it("takes amounts as Indonesians write them and refuses the rest in words, at the same step", async () => {
    const { dewi } = await world();
    await harness.send(dewi, "/kascatat");
    await harness.press(dewi, "Iuran");
    const refusals: [string, string][] = [
      ["12,5", "Rupiah tidak memakai sen"],
      ["-5000", "Jumlahnya harus antara Rp 1 dan Rp 1.000.000.000"],
      ["0", "Jumlahnya harus antara Rp 1"],
      ["99.999.999.999", "Jumlahnya harus antara Rp 1"],
      ["🎉", "Jumlah uangnya tidak terbaca"],
      [SQLISH, "Jumlah uangnya tidak terbaca"],
      ["\u200B", "Isian masih kosong"],
      ["12,500", "Untuk ribuan pakai titik"],
      ["x".repeat(5000), "Jumlah uangnya tidak terbaca"],
    ];
    for (const [typed, answer] of refusals) {
      await harness.send(dewi, typed);
      expect(harness.lastText(dewi), typed).toContain(answer);
    }
    expect(await entries()).toEqual([]);
    await harness.send(dewi, "Rp 12.500");
    expect(harness.lastText(dewi)).toBe("Simpan pemasukan Iuran sebesar Rp 12.500?");
    await harness.press(dewi, "Simpan");
    expect(harness.lastText(dewi)).toContain("Saldo kas sekarang Rp 12.500");
    for (const [typed, value] of [["12.500", 12_500], ["12500", 12_500], ["1.000.000", 1_000_000], ["12,5 rb", 12_500]] as const) {
      await income(dewi, "Donasi", typed);
      expect((await entries()).at(-1)!.amount, typed).toBe(value);
    }
    expect(await kasBalanceOf(database.db, (await actorOf(dewi)).membership!.rtId)).toBe(12_500 + 12_500 + 12_500 + 1_000_000 + 12_500);
    expect((await auditKasBook(database.db)).ok).toBe(true);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "kas_income"))).toHaveLength(5);
  });

  it("stores a double tap and a redelivered Simpan once, and tells a late tap it was saved", async () => {
    const { dewi } = await world();
    await startIncome(dewi, "Iuran", "50.000");
    const confirmation = shownWith(dewi, "Simpan pemasukan");
    const save = callbackDataOf(confirmation).find((data) => kasSave.read(data)?.answer === "yes")!;
    const tap = harness.callbackUpdate(dewi, save, confirmation.messageId);
    await harness.deliver(tap);
    await harness.deliver(tap); // Telegram redelivering the same update
    const second = await pressData(harness, dewi, save, confirmation.messageId); // a second tap
    expect(await entries()).toHaveLength(1);
    expect(callbackAnswerTo(harness.telegram, second)?.text).toBe(`Sudah tersimpan sebagai catatan kas No. ${(await entries())[0]!.id}. Tidak dicatat dua kali.`);
    expect((await auditKasBook(database.db)).ok).toBe(true);
  });

  it("keeps the form alive when the reply after Simpan fails, and saves once on the redelivery", async () => {
    const { dewi } = await world();
    await startIncome(dewi, "Swadaya", "75.000");
    const confirmation = shownWith(dewi, "Simpan pemasukan");
    const tap = harness.callbackUpdate(dewi, callbackDataOf(confirmation)[0]!, confirmation.messageId);
    harness.telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" }, { chatId: dewi.id });
    await expect(harness.deliver(tap)).rejects.toThrow();
    harness.telegram.failNext("answerCallbackQuery", { error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" });
    await harness.deliver(tap);
    expect(harness.lastText(dewi)).toContain("✅ Tersimpan");
    expect(await entries()).toHaveLength(1);
  });

  it("needs a receipt photo and a purpose for a spending, and refuses one the balance does not cover", async () => {
    const { dewi, rt5 } = await world();
    await income(dewi, "Iuran", "100.000");
    await harness.send(dewi, "/kascatat");
    await harness.press(dewi, "Pengeluaran");
    await harness.send(dewi, "150.000");
    await harness.send(dewi, "\u200B");
    expect(harness.lastText(dewi)).toContain("Isian masih kosong");
    await harness.send(dewi, "🎨🎨");
    expect(harness.lastText(dewi)).toContain("Tulis dengan huruf atau angka");
    await harness.send(dewi, "y".repeat(300));
    expect(harness.lastText(dewi)).toContain("paling banyak 200 karakter");
    await harness.send(dewi, "Beli cat pos ronda 🎨");
    expect(harness.lastText(dewi)).toContain("Kirim foto nota");
    await harness.send(dewi, "nanti saja");
    expect(harness.lastText(dewi)).toBe(RECEIPT_NEEDED);
    await harness.deliver(photoUpdate(harness, dewi));
    expect(harness.lastText(dewi)).toContain('Simpan pengeluaran Rp 150.000 untuk "Beli cat pos ronda 🎨"');
    await harness.press(dewi, "Simpan");
    expect(harness.lastText(dewi)).toBe("Saldo kas tidak cukup: saldo saat ini Rp 100.000, pengeluaran Rp 150.000. Tidak ada yang dicatat.");
    expect(await entries()).toHaveLength(1);

    await harness.send(dewi, "/kascatat");
    await harness.press(dewi, "Pengeluaran");
    await harness.send(dewi, "Rp 100.000");
    await harness.send(dewi, "Beli cat");
    await harness.deliver(photoUpdate(harness, dewi, "nota toko"));
    await harness.press(dewi, "Simpan");
    expect(harness.lastText(dewi)).toContain("Saldo kas sekarang Rp 0");
    const [, spending] = await entries();
    expect(spending).toMatchObject({ kind: "spending", amount: -100_000, purpose: "Beli cat", receiptFileId: "photo-file", fromAward: false });
    expect(await kasBalanceOf(database.db, rt5.id)).toBe(0);
  });

  it("lets every member read /kas, read-only; the keepers get the buttons", async () => {
    const { dewi, siti, harun, budi } = await world();
    await income(dewi, "Jimpitan", "35.000");
    await harness.send(siti, "/kas");
    const text = harness.lastText(siti);
    expect(text).toContain("Kas RT 05");
    expect(text).toContain("Saldo: Rp 35.000");
    expect(text).toContain("➕ Jimpitan: Rp 35.000");
    expect(text).toContain("(Dewi)");
    expect(shownWith(siti, "Kas RT 05").keyboard).toBeUndefined();
    await harness.send(siti, "/kascatat");
    expect(harness.lastText(siti)).toBe("Maaf, perintah ini hanya untuk bendahara dan ketua RT.");
    // A forged confirm tap by a warga naming an existing request: refused, not "already saved".
    const [jimpitanEntry] = await entries();
    const forged = await pressData(harness, siti, kasSave.data({ form: "catat", answer: "yes", request: jimpitanEntry!.requestKey.replace(/^kas-catat:/, "") }));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe("Maaf, perintah ini hanya untuk bendahara dan ketua RT.");
    expect(await entries()).toHaveLength(1);
    // Another RT's bendahara reads their own RT's book; a member who left reads none.
    await harness.send(budi, "/kas");
    expect(harness.lastText(budi)).toContain("Kas RT 06");
    expect(harness.lastText(budi)).toContain("Saldo: Rp 0");
    await database.db.update(membership).set({ status: "left", endedAt: harness.now }).where(eq(membership.id, siti.membershipId));
    await harness.send(siti, "/kas");
    expect(harness.lastText(siti)).toContain("Kirim /start untuk mendaftar");
    await harness.send(harun, "/anggota");
    expect(harness.telegram.textsTo(harun.id).join("\n")).toContain("Dewi — Rumah Dewi (bendahara RT)");
    await harness.send(harun, "/kas");
    expect(harness.buttons(harun)).toEqual(["✍️ Catat", "↩️ Koreksi"]);
    await harness.press(harun, "Catat");
    expect(harness.lastText(harun)).toBe("Catat apa?");
  });
});

describe("corrections", () => {
  it("reverses an entry once with a reason; twice is refused, and so is one that would make the balance negative", async () => {
    const { dewi, harun, budi, rt5 } = await world();
    await income(dewi, "Iuran", "100.000");
    await income(dewi, "Donasi", "20.000");
    await harness.send(harun, "/kaskoreksi");
    await harness.press(harun, "Donasi");
    await harness.send(harun, SQLISH);
    expect(harness.lastText(harun)).toContain("Batalkan catatan No.");
    await harness.press(harun, "Simpan");
    expect(harness.lastText(harun)).toContain("Saldo kas sekarang Rp 100.000");
    const [iuran, donasi, reversal] = await entries();
    expect(reversal).toMatchObject({ kind: "reversal", amount: -20_000, reversesEntryId: donasi!.id, reason: SQLISH, incomeKind: "donasi" });

    const actor = await actorOf(dewi);
    await expect(reverseKasEntry(harness.deps, actor, { entryId: donasi!.id, reason: "lagi", requestKey: "kas-koreksi:again-1" })).rejects.toMatchObject({ code: "kas-already-reversed" });
    await expect(reverseKasEntry(harness.deps, actor, { entryId: reversal!.id, reason: "lagi", requestKey: "kas-koreksi:again-2" })).rejects.toMatchObject({ code: "kas-entry-not-found" });
    // Another RT's bendahara cannot touch RT 05's book.
    await expect(reverseKasEntry(harness.deps, await actorOf(budi), { entryId: iuran!.id, reason: "x", requestKey: "kas-koreksi:other" })).rejects.toMatchObject({ code: "not-allowed" });
    await recordSpending(harness.deps, actor, { rtId: rt5.id, amount: 90_000, purpose: "Lampu", receipt: { fileId: "f", fileUniqueId: "u" }, fromAward: false, requestKey: "kas-catat:lamp" });
    await expect(reverseKasEntry(harness.deps, actor, { entryId: iuran!.id, reason: "salah", requestKey: "kas-koreksi:neg" })).rejects.toMatchObject({ code: "kas-reversal-insufficient" });
    expect(await kasBalanceOf(database.db, rt5.id)).toBe(10_000);
    expect((await auditKasBook(database.db)).ok).toBe(true);
  });

  it("lets an acting ketua (a koordinator acting for an RT without a ketua) keep the book", async () => {
    const { rt6, koordinator } = await world();
    await database.db.update(person).set({ actingRtId: rt6.id }).where(eq(person.telegramId, koordinator.id));
    const actor = await actorOf(koordinator);
    const saved = await recordIncome(harness.deps, actor, { rtId: rt6.id, incomeKind: "iuran", amount: 5_000, requestKey: "kas-catat:acting" });
    expect(saved.balance).toBe(5_000);
    // Without acting, the koordinator reads and exports but does not record.
    await database.db.update(person).set({ actingRtId: null }).where(eq(person.telegramId, koordinator.id));
    await expect(recordIncome(harness.deps, await actorOf(koordinator), { rtId: rt6.id, incomeKind: "iuran", amount: 5_000, requestKey: "kas-catat:acting-2" })).rejects.toMatchObject({ code: "not-allowed" });
  });
});

describe("jimpitan from the ronda shift", () => {
  async function rondaNight(rtId: number, people: number[]) {
    const startsAt = new Date("2026-11-21T15:00:00Z"); // Sabtu 22.00 WIB, the night before "now"
    const [created] = await database.db.insert(event).values({ rtId, kind: "ronda", place: "Pos kamling", firstStartsAt: startsAt, durationMinutes: 360, recurrence: {} }).returning({ id: event.id });
    const [night] = await database.db.insert(eventOccurrence).values({ eventId: created!.id, rtId, kind: "ronda", place: "Pos kamling", startsAt, endsAt: new Date(startsAt.getTime() + 6 * 3_600_000) }).returning({ id: eventOccurrence.id });
    for (const personId of people) await database.db.insert(shiftAssignment).values({ occurrenceId: night!.id, personId, assignedAt: startsAt, source: "rota" });
    return night!.id;
  }

  it("is recorded by the shift in a few taps, once per night, attributed to the shift", async () => {
    const { rt5, siti } = await world();
    const rudi = await member("Rudi", rt5.id);
    const night = await rondaNight(rt5.id, [siti.personId, rudi.personId]);
    await harness.send(siti, "/giliranku");
    expect(harness.lastText(siti)).toBe("Jimpitan malam ronda Anda belum dicatat:");
    await harness.press(siti, "Catat jimpitan");
    expect(harness.lastText(siti)).toContain("bertugas: Siti, Rudi");
    await harness.send(siti, "-3000");
    expect(harness.lastText(siti)).toContain("Jumlahnya harus antara");
    await harness.send(siti, "35.000");
    const confirm = shownWith(siti, "Simpan jimpitan");
    const tap = harness.callbackUpdate(siti, callbackDataOf(confirm)[0]!, confirm.messageId);
    await harness.deliver(tap);
    await harness.deliver(tap);
    expect(harness.lastText(siti)).toContain("Saldo kas sekarang Rp 35.000");
    const [entry] = await entries();
    expect(entry).toMatchObject({ kind: "income", incomeKind: "jimpitan", amount: 35_000, occurrenceId: night, collectedBy: [siti.personId, rudi.personId], recordedBy: siti.personId });

    // Rudi, on the same night, is told it is recorded (his /kas offers no button any more).
    await harness.send(rudi, "/kas");
    expect(harness.telegram.textsTo(rudi.id).join("\n")).not.toContain("belum dicatat");
    await pressData(harness, rudi, kasJimpitan.data({ occurrence: night }));
    expect(harness.lastText(rudi)).toContain("sudah dicatat");
    expect(await entries()).toHaveLength(1);
  });

  it("stops at the next answer when the collector has moved to another RT, and records nothing", async () => {
    const { rt5, rt6, siti } = await world();
    await rondaNight(rt5.id, [siti.personId]);
    await harness.send(siti, "/giliranku");
    await harness.press(siti, "Catat jimpitan");
    await database.db.update(membership).set({ rtId: rt6.id }).where(eq(membership.id, siti.membershipId));
    await harness.send(siti, "35.000");
    expect(harness.lastText(siti)).toBe("Maaf, isian ini dihentikan: peran atau wilayah tugas Anda sudah berubah, jadi Anda tidak lagi berwenang atas isian ini. Langkah terakhir tidak dijalankan.");
    expect(harness.telegram.textsTo(siti.id).join("\n")).not.toContain("Simpan jimpitan");
    expect(await entries()).toEqual([]);
  });

  it("is refused to someone not on the night (a forged button) and after two days", async () => {
    const { rt5, siti, dewi } = await world();
    const night = await rondaNight(rt5.id, [siti.personId]);
    await pressData(harness, dewi, kasJimpitan.data({ occurrence: night }));
    expect(harness.lastText(dewi)).toBe("Maaf, jimpitan hanya dicatat oleh yang bertugas ronda malam itu di RT Anda.");
    harness.now = new Date("2026-11-25T03:00:00Z");
    await pressData(harness, siti, kasJimpitan.data({ occurrence: night }));
    expect(harness.lastText(siti)).toContain("sudah tidak bisa dicatat");
    expect(await entries()).toEqual([]);
  });
});

describe("the uang pembinaan", () => {
  it("is reported line by line: received, each spending from it, the rest; overspending it is refused", async () => {
    const { dewi, siti, rt5 } = await world();
    await database.db.insert(rtTitle).values({ rtId: rt5.id, level: "bantar", category: "kecil", householdCount: 40, awardRupiah: 5_000_000, awardedOn: "2026-11-10", skNumber: "SK 1/2026", recordedAt: new Date("2026-11-10T00:00:00Z") });
    await income(dewi, "Uang pembinaan", "5.000.000");
    await harness.send(dewi, "/kascatat");
    await harness.press(dewi, "Pengeluaran");
    await harness.send(dewi, "1.250.000");
    await harness.send(dewi, "Tong sampah terpilah");
    await harness.deliver(photoUpdate(harness, dewi));
    expect(harness.lastText(dewi)).toContain("sisa Rp 5.000.000");
    await harness.press(dewi, "Ya, dari uang pembinaan");
    await harness.press(dewi, "Simpan");
    await harness.send(siti, "/kas");
    const text = harness.lastText(siti);
    expect(text).toContain("Ditetapkan (Kampung BANTAR, 10 November 2026): Rp 5.000.000");
    expect(text).toContain("Diterima di kas: Rp 5.000.000");
    expect(text).toContain("Tong sampah terpilah — Rp 1.250.000");
    expect(text).toContain("Sisa: Rp 3.750.000");
    await expect(recordSpending(harness.deps, await actorOf(dewi), { rtId: rt5.id, amount: 4_000_000, purpose: "Lebih", receipt: { fileId: "f", fileUniqueId: "u" }, fromAward: true, requestKey: "kas-catat:over" }))
      .rejects.toMatchObject({ code: "kas-award-insufficient" });
  });
});

describe("the monthly statement", () => {
  it("goes to the RT group once per month however often the job runs; without a group to the ketua and bendahara", async () => {
    const { dewi, harun, rt5, rt6, budi } = await world();
    await income(dewi, "Iuran", "100.000");
    await income(budi, "Iuran", "40.000");
    await database.db.update(rt).set({ groupChatId: -100500 }).where(eq(rt.id, rt5.id));
    const firstOfDecember = new Date("2026-12-01T00:00:00Z"); // 07.00 WIB
    const first = await planKasStatements(harness.deps, firstOfDecember);
    const again = await planKasStatements(harness.deps, new Date("2026-12-02T00:00:00Z"));
    expect(first.rts).toBe(2);
    expect(again.queued).toBe(0);
    const queued = await database.db.select().from(outbox).where(like(outbox.dedupeKey, "kas-statement:%"));
    expect(queued.filter((row) => row.chatId === -100500)).toHaveLength(1);
    const groupText = String((queued.find((row) => row.chatId === -100500)!.payload as { text: string }).text);
    expect(groupText).toContain("Laporan kas RT 05 Kelurahan Simpang IV Sipin, November 2026");
    expect(groupText).toContain("➕ Iuran: Rp 100.000");
    expect(groupText).toContain("Saldo akhir: Rp 100.000");
    expect(groupText).toContain("· Iuran · +Rp 100.000 (Dewi)");
    // RT 06 has no group: its bendahara gets it (and no one of RT 05 but the group).
    expect(queued.filter((row) => row.chatId === budi.id)).toHaveLength(1);
    expect(queued.filter((row) => row.chatId === harun.id || row.chatId === dewi.id)).toHaveLength(0);
    const budiText = String((queued.find((row) => row.chatId === budi.id)!.payload as { text: string }).text);
    expect(budiText).toContain(`Laporan kas RT 06`);
    expect(budiText).toContain("· Iuran · +Rp 40.000 (Budi)");
    expect(rt6.number).toBe(6);
  });
});

describe("the board's workbook", () => {
  it("goes to the bendahara for their RT and to a koordinator for an RT of their area, with the entries in it", async () => {
    const { dewi, koordinator, siti } = await world();
    await income(dewi, "Iuran", "100.000");
    await harness.send(dewi, "/kascatat");
    await harness.press(dewi, "Pengeluaran");
    await harness.send(dewi, "40.000");
    await harness.send(dewi, "=HYPERLINK(\"x\")");
    await harness.deliver(photoUpdate(harness, dewi));
    await harness.press(dewi, "Simpan");
    await harness.send(dewi, "/eksporkas");
    const [file] = sentDocuments(harness.telegram, dewi.id);
    expect(file!.filename).toMatch(/^kas-rt-05-simpang-iv-sipin-2026-11\.xlsx$/);
    const workbook = await readWorkbook(file!.bytes);
    expect(sheetNames(workbook)).toEqual(["Ringkasan", "Catatan", "Uang pembinaan"]);
    const months = sheet(workbook, "Ringkasan");
    expect(rowValues(months, 13).slice(0, 2)).toEqual(["2026-11", 0]);
    expect(rowValues(months, 13).at(-1)).toBe(60_000);
    const rows = sheet(workbook, "Catatan");
    expect(rowValues(rows, 2).slice(2, 4)).toEqual(["Iuran", 100_000]);
    expect(rowValues(rows, 3).slice(2, 5)).toEqual(["Pengeluaran", -40_000, '=HYPERLINK("x")']);

    await harness.send(koordinator, "/eksporkas");
    await harness.press(koordinator, "RT 05");
    expect(sentDocuments(harness.telegram, koordinator.id)).toHaveLength(1);
    await harness.send(siti, "/eksporkas");
    expect(harness.lastText(siti)).toContain("hanya untuk bendahara, ketua RT, koordinator");
    // A koordinator of another kelurahan, with a forged button naming RT 05: refused, no file.
    const other = newUser("KoorLain");
    await addKoordinator(database.db, other, { kelurahanCode: KELURAHAN_BULURAN_KENALI });
    await harness.send(other, "/eksporkas");
    expect(harness.lastText(other)).toBe("Belum ada RT di wilayah Anda yang mencatat kas.");
    await pressData(harness, other, kasExport.data({ rt: (await actorOf(dewi)).membership!.rtId }));
    expect(sentDocuments(harness.telegram, other.id)).toEqual([]);
  });
});

describe("the cash book's invariants", () => {
  it("refuses UPDATE and DELETE of an entry (the trigger), and the audit catches tampering that bypasses it", async () => {
    const { dewi, rt5 } = await world();
    await income(dewi, "Iuran", "100.000");
    await income(dewi, "Iuran", "50.000");
    const [first, second] = await entries();
    await expect(database.db.execute(sql`update kas_entry set amount = 1 where id = ${first!.id}`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from kas_entry where id = ${first!.id}`)).rejects.toThrow();
    expect((await auditKasBook(database.db)).ok).toBe(true);

    // Tampering as a superuser would: the trigger off, an amount changed.
    await database.db.execute(sql`alter table kas_entry disable trigger kas_entry_append_only`);
    await database.db.execute(sql`update kas_entry set amount = 1 where id = ${first!.id}`);
    await database.db.execute(sql`alter table kas_entry enable trigger kas_entry_append_only`);
    expect(await auditKasBook(database.db)).toMatchObject({ ok: false, balanceMismatches: 1 });

    // An entry inserted around the service: a reversal of another RT's, or of nothing, and twice.
    await database.db.execute(sql`alter table kas_entry disable trigger kas_entry_append_only`);
    await database.db.execute(sql`update kas_entry set amount = 100000 where id = ${first!.id}`);
    await database.db.execute(sql`alter table kas_entry enable trigger kas_entry_append_only`);
    expect((await auditKasBook(database.db)).ok).toBe(true);
    await database.db.insert(kasEntry).values({ requestKey: "forged-1", rtId: rt5.id, kind: "reversal", amount: -10, reversesEntryId: second!.id, reason: "x", occurredAt: harness.now, recordedBy: dewi.personId, recordedAt: harness.now });
    await database.db.update(kasBalance).set({ balance: sql`${kasBalance.balance} - 10` }).where(eq(kasBalance.rtId, rt5.id));
    expect(await auditKasBook(database.db)).toMatchObject({ ok: false, brokenReversals: 1, balanceMismatches: 0 });
  });

  it("keeps an erased bendahara's entries, anonymised, with what they wrote blanked", async () => {
    const { dewi, siti, rt5 } = await world();
    await income(dewi, "Iuran", "100.000");
    await recordSpending(harness.deps, await actorOf(dewi), { rtId: rt5.id, amount: 20_000, purpose: "Beli sapu untuk Pak Budi", receipt: { fileId: "f", fileUniqueId: "u" }, fromAward: false, requestKey: "kas-catat:sapu" });
    await eraseOwnData(harness.deps, { personId: dewi.personId, chatId: dewi.id });
    const rows = await entries();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ purpose: "", amount: -20_000, recordedBy: dewi.personId });
    expect(await kasBalanceOf(database.db, rt5.id)).toBe(80_000);
    await harness.send(siti, "/kas");
    expect(harness.lastText(siti)).toContain("(data dihapus)");
    expect((await auditKasBook(database.db)).ok).toBe(true);
  });
});

describe("issue 17 review fixes", () => {
  const title = (rtId: number, awardRupiah = 5_000_000) =>
    database.db.insert(rtTitle).values({ rtId, level: "bantar", category: "kecil", householdCount: 40, awardRupiah, awardedOn: "2026-11-10", skNumber: "SK 1/2026", recordedAt: new Date("2026-11-10T00:00:00Z") });
  const spend = async (user: TestUser, rtId: number, amount: number, fromAward: boolean, key: string, purpose = "Beli cat") =>
    recordSpending(harness.deps, await actorOf(user), { rtId, amount, purpose, receipt: { fileId: "f", fileUniqueId: "u" }, fromAward, requestKey: `kas-catat:${key}` });

  it("keeps the unspent uang pembinaan earmarked: an ordinary spending or a reversal below it is refused in words", async () => {
    const { dewi, rt5 } = await world();
    await title(rt5.id);
    await income(dewi, "Uang pembinaan", "5.000.000");
    await income(dewi, "Iuran", "100.000");
    await harness.send(dewi, "/kascatat");
    await harness.press(dewi, "Pengeluaran");
    await harness.send(dewi, "5.000.000");
    await harness.send(dewi, "Beli tong sampah");
    await harness.deliver(photoUpdate(harness, dewi));
    await harness.press(dewi, "Bukan");
    await harness.press(dewi, "Simpan");
    expect(harness.lastText(dewi)).toBe("Uang pembinaan yang belum dipakai (Rp 5.000.000) disisihkan di kas, jadi kas bebas tinggal Rp 100.000, tidak cukup untuk pengeluaran Rp 5.000.000. Jika pengeluaran ini dibayar dari uang pembinaan, catat lagi dan pilih \"Ya, dari uang pembinaan\". Tidak ada yang dicatat.");
    expect(await kasBalanceOf(database.db, rt5.id)).toBe(5_100_000);
    // Within the free money it is fine; the same from the award is fine too.
    await spend(dewi, rt5.id, 100_000, false, "free");
    await spend(dewi, rt5.id, 1_000_000, true, "award");
    const iuran = (await entries()).find((row) => row.incomeKind === "iuran")!;
    await spend(dewi, rt5.id, 1, false, "one").catch((error: unknown) => expect(error).toMatchObject({ code: "kas-award-earmarked" }));
    // Reversing the iuran would leave less cash than the award's rest.
    await expect(reverseKasEntry(harness.deps, await actorOf(dewi), { entryId: iuran.id, reason: "salah", requestKey: "kas-koreksi:iuran" })).rejects.toMatchObject({ code: "kas-reversal-earmarked" });
    const audit = await auditKasBook(database.db);
    expect(audit).toMatchObject({ ok: true, awardBeyondBalance: 0 });
    await harness.send(dewi, "/kas");
    expect(harness.lastText(dewi)).toContain("Saldo: Rp 4.000.000");
    expect(harness.lastText(dewi)).toContain("Sisa: Rp 4.000.000");

    // Tampering around the service: an ordinary spending inserted with the balance kept in step.
    await database.db.insert(kasEntry).values({ requestKey: "forged-spend", rtId: rt5.id, kind: "spending", amount: -1_000_000, purpose: "x", receiptFileId: "f", receiptFileUniqueId: "u", occurredAt: harness.now, recordedBy: dewi.personId, recordedAt: harness.now });
    await database.db.update(kasBalance).set({ balance: sql`${kasBalance.balance} - 1000000` }).where(eq(kasBalance.rtId, rt5.id));
    expect(await auditKasBook(database.db)).toMatchObject({ ok: false, awardBeyondBalance: 1, balanceMismatches: 0, awardOverspent: 0 });
  });

  it("caps uang pembinaan income at the titles' awards, and refuses it to an RT without a title", async () => {
    const { dewi, budi, rt5, rt6 } = await world();
    await income(budi, "Uang pembinaan", "1.000.000");
    expect(harness.lastText(budi)).toBe("RT ini belum tercatat meraih gelar Kampung BANTAR, jadi belum ada uang pembinaan yang bisa dicatat. Pilih jenis pemasukan lain. Tidak ada yang dicatat.");
    await title(rt5.id);
    await income(dewi, "Uang pembinaan", "3.000.000");
    await income(dewi, "Uang pembinaan", "2.500.000");
    expect(harness.lastText(dewi)).toBe("Uang pembinaan yang masih bisa dicatat paling banyak Rp 2.000.000 (sesuai keputusan gelar, dikurangi yang sudah dicatat). Periksa jumlahnya. Tidak ada yang dicatat.");
    await recordIncome(harness.deps, await actorOf(dewi), { rtId: rt5.id, incomeKind: "pembinaan", amount: 2_000_000, requestKey: "kas-catat:rest" });
    await expect(recordIncome(harness.deps, await actorOf(dewi), { rtId: rt5.id, incomeKind: "pembinaan", amount: 1, requestKey: "kas-catat:more" })).rejects.toMatchObject({ code: "kas-award-income-beyond" });
    expect(await kasBalanceOf(database.db, rt5.id)).toBe(5_000_000);
    expect(await kasBalanceOf(database.db, rt6.id)).toBe(0);
  });

  it("corrects an old entry by its typed number, beyond the newest shown as buttons", async () => {
    const { dewi, harun, budi, rt5, rt6 } = await world();
    const actor = await actorOf(dewi);
    for (let i = 1; i <= 12; i += 1) await recordIncome(harness.deps, actor, { rtId: rt5.id, incomeKind: "iuran", amount: 1_000 * i, requestKey: `kas-catat:n${i}` });
    await recordIncome(harness.deps, await actorOf(budi), { rtId: rt6.id, incomeKind: "iuran", amount: 500, requestKey: "kas-catat:rt6" });
    const rows = await entries();
    const oldest = rows[0]!;
    const otherRt = rows.at(-1)!;
    await harness.send(harun, "/kaskoreksi");
    expect(harness.buttons(harun)).toHaveLength(10);
    expect(harness.buttons(harun).join(" ")).not.toContain(`No. ${oldest.id} `);
    await harness.send(harun, "abc");
    expect(harness.lastText(harun)).toBe('Tulis nomor catatannya saja, misalnya "123" atau "No. 123".');
    await harness.send(harun, `No. ${otherRt.id}`);
    expect(harness.telegram.textsTo(harun.id).at(-2)).toContain(`Catatan No. ${otherRt.id} tidak ada di kas RT Anda`);
    await harness.send(harun, `No. ${String(oldest.id).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`);
    expect(harness.lastText(harun)).toBe("Apa alasan koreksinya?");
    await harness.send(harun, "Salah ketik");
    expect(harness.lastText(harun)).toContain(`Batalkan catatan No. ${oldest.id} (Iuran, Rp 1.000)`);
    await harness.press(harun, "Simpan");
    expect((await entries()).at(-1)).toMatchObject({ kind: "reversal", reversesEntryId: oldest.id, amount: -1_000 });
    // Once reversed, its number is refused.
    await harness.send(harun, "/kaskoreksi");
    await harness.send(harun, String(oldest.id));
    expect(harness.telegram.textsTo(harun.id).at(-2)).toContain(`Catatan No. ${oldest.id} tidak ada di kas RT Anda, atau sudah dikoreksi`);
  });

  it("takes full-width digits at the amount prompt, and asks a spending's question without a stray space", async () => {
    const { dewi } = await world();
    await startIncome(dewi, "Iuran", "１２３");
    expect(harness.lastText(dewi)).toBe("Simpan pemasukan Iuran sebesar Rp 123?");
    await harness.press(dewi, "Simpan");
    await harness.send(dewi, "/kascatat");
    await harness.press(dewi, "Pengeluaran");
    await harness.send(dewi, "100");
    await harness.send(dewi, "Beli paku");
    await harness.deliver(photoUpdate(harness, dewi));
    expect(harness.lastText(dewi)).toBe('Simpan pengeluaran Rp 100 untuk "Beli paku"?');
  });

  it("sends the statement once per RT and month: as of the month's end, WIB, named to the award lines' recorders", async () => {
    const { dewi, harun, rt5 } = await world();
    await title(rt5.id);
    harness.now = new Date("2026-10-20T03:00:00Z");
    await recordIncome(harness.deps, await actorOf(dewi), { rtId: rt5.id, incomeKind: "pembinaan", amount: 5_000_000, requestKey: "kas-catat:oct" });
    await spend(dewi, rt5.id, 1_000_000, true, "oct-award", "Tong sampah");
    // 23.30 WIB on 30 November: still November.
    harness.now = new Date("2026-11-30T16:30:00Z");
    await recordIncome(harness.deps, await actorOf(harun), { rtId: rt5.id, incomeKind: "iuran", amount: 70_000, requestKey: "kas-catat:late" });
    // 00.30 WIB on 1 December, before the job: December's, and not in November's award section.
    harness.now = new Date("2026-11-30T17:30:00Z");
    await spend(dewi, rt5.id, 500_000, true, "dec-award", "Bibit");
    const first = await planKasStatements(harness.deps, new Date("2026-12-01T00:00:00Z"));
    expect(first.queued).toBe(2); // RT 05 without a group: ketua and bendahara
    const queued = await database.db.select().from(outbox).where(like(outbox.dedupeKey, `kas-statement:${rt5.id}:2026-11:%`));
    const text = String((queued[0]!.payload as { text: string }).text);
    expect(text).toContain("➕ Iuran: Rp 70.000");
    expect(text).toContain("Tong sampah — Rp 1.000.000");
    expect(text).not.toContain("Bibit");
    expect(text).toContain("Sisa: Rp 4.000.000");
    // Only Harun recorded in November; Dewi is named by the award section's line.
    for (const row of queued) expect([...row.subjectPersonIds].sort()).toEqual([harun.personId, dewi.personId].sort());
    // A group linked in between, a catch-up run on the 2nd: nothing new, to no one.
    await database.db.update(rt).set({ groupChatId: -100777 }).where(eq(rt.id, rt5.id));
    expect((await planKasStatements(harness.deps, new Date("2026-12-02T00:00:00Z"))).queued).toBe(0);
    expect(await database.db.select().from(outbox).where(like(outbox.dedupeKey, "kas-statement:%"))).toHaveLength(2);
  });

  it("sends a month without entries, corrections of an earlier month on their own line, and to an acting ketua", async () => {
    const { dewi, budi, rt5, rt6, koordinator } = await world();
    harness.now = new Date("2026-10-20T03:00:00Z");
    await recordIncome(harness.deps, await actorOf(dewi), { rtId: rt5.id, incomeKind: "iuran", amount: 100_000, requestKey: "kas-catat:oct" });
    await recordIncome(harness.deps, await actorOf(dewi), { rtId: rt5.id, incomeKind: "iuran", amount: 50_000, requestKey: "kas-catat:oct2" });
    harness.now = new Date("2026-11-22T03:00:00Z");
    const [october] = await entries();
    await reverseKasEntry(harness.deps, await actorOf(dewi), { entryId: october!.id, reason: "Salah catat", requestKey: "kas-koreksi:oct" });
    // RT 06: no group, no ketua, a koordinator acting for it; a book with no entry in November.
    await database.db.update(person).set({ actingRtId: rt6.id }).where(eq(person.telegramId, koordinator.id));
    await recordIncome(harness.deps, await actorOf(koordinator), { rtId: rt6.id, incomeKind: "donasi", amount: 5_000, requestKey: "kas-catat:rt6" });
    harness.now = new Date("2026-12-22T03:00:00Z");
    await planKasStatements(harness.deps, new Date("2027-01-01T00:00:00Z"));
    await planKasStatements(harness.deps, new Date("2026-12-01T00:00:00Z"));
    const rows = await database.db.select().from(outbox).where(like(outbox.dedupeKey, "kas-statement:%"));
    const november = String((rows.find((row) => row.dedupeKey.startsWith(`kas-statement:${rt5.id}:2026-11:`) && row.chatId === dewi.id)!.payload as { text: string }).text);
    expect(november).toContain("↩️ Koreksi catatan bulan sebelumnya: -Rp 100.000");
    expect(november).not.toContain("➕ Iuran");
    expect(november).toContain("Belum ada pemasukan.");
    expect(november).toContain("Saldo akhir: Rp 50.000");
    const quietRows = rows.filter((row) => row.dedupeKey.startsWith(`kas-statement:${rt6.id}:2026-12:`));
    expect(quietRows.map((row) => row.chatId).sort()).toEqual([budi.id, koordinator.id].sort());
    const quiet = quietRows[0];
    const quietText = String((quiet!.payload as { text: string }).text);
    expect(quietText).toContain("Belum ada catatan.");
    expect(quietText).toContain("Saldo awal bulan: Rp 5.000");
    expect(quietText).toContain("Saldo akhir: Rp 5.000");
  });

  it("pages /eksporkas for an admin with many RTs", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const places = [];
    for (let n = 1; n <= 12; n += 1) places.push(await addRt(database.db, n));
    for (const place of places) await database.db.insert(kasBalance).values({ rtId: place.id, balance: 0, updatedAt: harness.now });
    await harness.send(admin, "/eksporkas");
    expect(harness.buttons(admin)).not.toContain("RT 12 Simpang IV Sipin");
    await harness.press(admin, "▶");
    expect(harness.buttons(admin)).toContain("RT 12 Simpang IV Sipin");
    await harness.press(admin, "RT 12");
    expect(sentDocuments(harness.telegram, admin.id)).toHaveLength(1);
  });

  it("lists in /bendahara only members reachable on Telegram", async () => {
    const { harun, rt5 } = await world();
    const [offline] = await database.db.insert(person).values({ telegramId: null, displayName: "Nenek Offline" }).returning({ id: person.id });
    await database.db.insert(membership).values({ personId: offline!.id, rtId: rt5.id, householdLabel: "Rumah Nenek", status: "active", decidedAt: harness.now });
    await harness.send(harun, "/bendahara");
    expect(harness.buttons(harun).join(" ")).toContain("Siti");
    expect(harness.buttons(harun).join(" ")).not.toContain("Nenek Offline");
  });

  it("says a night not yet open is not open, and keeps the buttons of the person's other nights", async () => {
    const { rt5, siti } = await world();
    const night = async (startsAt: Date) => {
      const [created] = await database.db.insert(event).values({ rtId: rt5.id, kind: "ronda", place: "Pos", firstStartsAt: startsAt, durationMinutes: 360, recurrence: {} }).returning({ id: event.id });
      const [row] = await database.db.insert(eventOccurrence).values({ eventId: created!.id, rtId: rt5.id, kind: "ronda", place: "Pos", startsAt, endsAt: new Date(startsAt.getTime() + 6 * 3_600_000) }).returning({ id: eventOccurrence.id });
      await database.db.insert(shiftAssignment).values({ occurrenceId: row!.id, personId: siti.personId, assignedAt: startsAt, source: "rota" });
      return row!.id;
    };
    await night(new Date("2026-11-20T15:00:00Z"));
    await night(new Date("2026-11-21T15:00:00Z"));
    const future = await night(new Date("2026-11-28T15:00:00Z"));
    await pressData(harness, siti, kasJimpitan.data({ occurrence: future }));
    expect(harness.lastText(siti)).toBe("Malam ronda itu belum dimulai. Jimpitan dicatat mulai setengah jam sebelum ronda.");
    await harness.send(siti, "/giliranku");
    const offer = shownWith(siti, "belum dicatat");
    expect(offer.keyboard?.inline_keyboard.flat()).toHaveLength(2);
    await harness.press(siti, "Jumat");
    const after = shownMessages(harness.telegram, siti.id).find((message) => message.messageId === offer.messageId);
    expect(after?.keyboard?.inline_keyboard.flat().map((button) => button.text)).toEqual([expect.stringContaining("Sabtu")]);
  });

  it("refuses in the trigger a text blanking combined with another column change", async () => {
    const { dewi, rt5 } = await world();
    await income(dewi, "Iuran", "100.000");
    await spend(dewi, rt5.id, 20_000, false, "paku", "Beli paku");
    const [, spending] = await entries();
    await expect(database.db.execute(sql`update kas_entry set purpose = '', amount = -1 where id = ${spending!.id}`)).rejects.toThrow();
    await expect(database.db.execute(sql`update kas_entry set purpose = '', from_award = true where id = ${spending!.id}`)).rejects.toThrow();
    await database.db.execute(sql`update kas_entry set purpose = '' where id = ${spending!.id}`);
    expect((await entries())[1]).toMatchObject({ purpose: "", amount: -20_000, fromAward: false });
  });
});
