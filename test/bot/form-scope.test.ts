import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { FORMS } from "../../src/bot/conversations/forms.js";
import { REGISTRATION } from "../../src/bot/conversations/registration.js";
import { assessmentRound, bookLoan, event, eventOccurrence, kencanaRequirement, ledgerEntry, membership, person, roleAssignment, roundAssessor, rtProposal, rtTitle, shiftAssignment, wasteBankOfficer } from "../../src/db/schema/index.js";
import { appointOfficer, createWasteBank, listWasteTypes, revokeOfficer } from "../../src/domain/bank-sampah/banks.js";
import { recordDeposit } from "../../src/domain/bank-sampah/ledger.js";
import { createEvent } from "../../src/domain/events/events.js";
import { recordIncome } from "../../src/domain/kas/book.js";
import { recordOfflineMember } from "../../src/domain/offline/offline.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { memberCode } from "../../src/domain/people/member-code.js";
import { addBook } from "../../src/domain/pojok-baca/catalogue.js";
import { handOverKetua, revokePetugas } from "../../src/domain/roles/roles.js";
import { generateShifts, saveRondaSetup, setVolunteering } from "../../src/domain/ronda/watch.js";
import { enterManualScore } from "../../src/domain/scores/manual.js";
import { bankPick } from "../../src/messages/buttons/bank-sampah.js";
import { addAssessor, addRound, openRound, propose } from "../helpers/cycle.js";
import { addAdmin, addKetua, addKoordinator, addMember, addPerson, addPetugas, addRt, KELURAHAN_BULURAN_KENALI, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { addTitle } from "../domain/cycle/keeping-builders.js";
import { KENCANA_REQUIREMENTS } from "../../src/domain/cycle/kencana.js";
import { callbackAnswerTo, pressData, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Minggu 22 November 2026, 10.00 WIB
const { database, harness } = withTestBot();

const RIGHT_LOST = "Maaf, isian ini dihentikan: peran atau wilayah tugas Anda sudah berubah, jadi Anda tidak lagi berwenang atas isian ini. Langkah terakhir tidak dijalankan.";
const FALLBACK = "Maaf, saya belum mengerti. Ketik /bantuan untuk melihat perintah.";
const NOT_OFFICER = "Maaf, perintah ini hanya untuk petugas bank sampah.";
const NOT_ALLOWED = "Maaf, Anda tidak berwenang melakukan ini.";
const OPENED = new Date("2026-09-01T00:00:00Z");

type Person = TestUser & { personId: number; membershipId: number };

async function resident(name: string, rtId: number, household: string): Promise<Person> {
  const user = newUser(name);
  return { ...user, ...(await addMember(database.db, user, rtId, household)) };
}

const actorOf = (user: TestUser) => loadActor(database.db, user.id, []);

/**
 * RT 05 and RT 06 of Simpang IV Sipin share "Bank Sampah Sipin Bersih", RT 07 of Buluran Kenali
 * has "Bank Sampah Kenali". Harun heads RT 05, Rina is its petugas, Sari is the Sipin bank's
 * officer; Siti (RT 05) has savings there. The koordinator covers Simpang IV Sipin.
 */
async function world() {
  const db = database.db;
  const rt5 = await addRt(db, 5);
  const rt6 = await addRt(db, 6);
  const rt7 = await addRt(db, 7, KELURAHAN_BULURAN_KENALI);
  const koordinator = newUser("Koordinator");
  await addKoordinator(db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  const admin = newUser("Admin");
  await addAdmin(db, admin);
  const harunUser = newUser("Harun");
  const harun: Person = { ...harunUser, ...(await addKetua(db, harunUser, rt5.id)) };
  const yusuf = newUser("Yusuf");
  await addKetua(db, yusuf, rt7.id);
  const rinaUser = newUser("Rina");
  const rina: Person = { ...rinaUser, ...(await addPetugas(db, rinaUser, rt5.id)) };
  const bank = await createWasteBank(db, await actorOf(koordinator), { name: "Bank Sampah Sipin Bersih", rtIds: [rt5.id, rt6.id] }, OPENED);
  const otherBank = await createWasteBank(db, await actorOf(yusuf), { name: "Bank Sampah Kenali", rtIds: [rt7.id] }, OPENED);
  const sari = await resident("Sari", rt5.id, "Rumah 1");
  await appointOfficer(db, await actorOf(koordinator), { wasteBankId: bank.id, personId: sari.personId }, OPENED);
  const siti = await resident("Siti", rt5.id, "Rumah 12");
  const andi = await resident("Andi", rt7.id, "Rumah 4");
  const kardus = (await listWasteTypes(db, bank.id, harness.now)).find((type) => type.name === "Kardus");
  await recordDeposit(db, await actorOf(sari), { wasteBankId: bank.id, personId: siti.personId, lines: [{ wasteTypeId: kardus!.id, quantity: 10_000 }], requestKey: "seed:siti" }, OPENED);
  return { rt5, rt6, rt7, koordinator, admin, harun, yusuf, rina, bank, otherBank, sari, siti, andi };
}

type World = Awaited<ReturnType<typeof world>>;

/** The index of the next API call: what the bot says from here on is `saidSince(mark)`. */
const mark = () => harness.telegram.calls.length;

/** Everything the bot sent, edited or answered in this person's chat since `from`, as one text. */
function saidSince(user: TestUser, from: number): string {
  return JSON.stringify(harness.telegram.calls.slice(from).filter((call) => call.payload.chat_id === user.id || call.method === "answerCallbackQuery").map((call) => call.payload));
}

/** The form ended: the next words are nobody's answer. */
async function expectFormEnded(user: TestUser): Promise<void> {
  await harness.send(user, "siti");
  expect(harness.lastText(user)).toBe(FALLBACK);
}

/** What the officer of a bank may learn of a resident: none of it after their removal. */
function expectNothingOf(said: string, who: Person): void {
  for (const secret of ["Rumah 12", memberCode(who.personId), "Saldo", "Rp 18.000", who.first_name]) expect(said, secret).not.toContain(secret);
}

describe("a bank officer removed while a form is open", () => {
  it("/tarik: the next search is refused, showing no household, member code or balance", async () => {
    const w = await world();
    await harness.send(w.sari, "/tarik");
    expect(harness.lastText(w.sari)).toBe("Tabungan siapa? Tulis nama warga (sebagian juga boleh) atau kode anggotanya, misalnya W123 (ada di /profil warga).");
    await revokeOfficer(database.db, await actorOf(w.koordinator), { wasteBankId: w.bank.id, personId: w.sari.personId }, harness.now);
    const from = mark();
    await harness.send(w.sari, "siti");
    expect(harness.lastText(w.sari)).toBe(RIGHT_LOST);
    await harness.send(w.sari, memberCode(w.siti.personId));
    expectNothingOf(saidSince(w.sari, from), w.siti);
    // A forged pick of Siti afterwards is refused before anything reads her account.
    const forged = await pressData(harness, w.sari, bankPick.data({ list: "resident", choice: "item", item: w.siti.personId }));
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe(NOT_OFFICER);
    expectNothingOf(saidSince(w.sari, from), w.siti);
    expect(await database.db.select().from(ledgerEntry)).toHaveLength(1);
  });

  it("/tarik at a second bank: removed from the bank chosen, the resident's button no longer shows a balance", async () => {
    const w = await world();
    // Sari also helps at Kenali: still a bank officer after her removal from Sipin.
    await database.db.insert(wasteBankOfficer).values({ wasteBankId: w.otherBank.id, personId: w.sari.personId, appointedAt: OPENED });
    await harness.send(w.sari, "/tarik");
    await harness.press(w.sari, "Bank Sampah Sipin Bersih");
    await harness.send(w.sari, "siti");
    expect(harness.buttons(w.sari)[0]).toBe(`Siti · RT 05 · Rumah 12 · ${memberCode(w.siti.personId)}`);
    await revokeOfficer(database.db, await actorOf(w.koordinator), { wasteBankId: w.bank.id, personId: w.sari.personId }, harness.now);
    const from = mark();
    await harness.press(w.sari, "Siti");
    expect(harness.lastText(w.sari)).toBe(RIGHT_LOST);
    expectNothingOf(saidSince(w.sari, from), w.siti);
    await expectFormEnded(w.sari);
  });

  it("a late tap on the confirm of a withdrawal saved before the removal does not name the resident", async () => {
    const w = await world();
    await database.db.insert(wasteBankOfficer).values({ wasteBankId: w.otherBank.id, personId: w.sari.personId, appointedAt: OPENED });
    await harness.send(w.sari, "/tarik");
    await harness.press(w.sari, "Bank Sampah Sipin Bersih");
    await harness.send(w.sari, "siti");
    await harness.press(w.sari, "Siti");
    await harness.send(w.sari, "5.000");
    const confirm = shownMessages(harness.telegram, w.sari.id).at(-1)!;
    await pressOn(harness, w.sari, confirm, "Catat penarikan");
    const again = await pressOn(harness, w.sari, confirm, "Catat penarikan");
    expect(callbackAnswerTo(harness.telegram, again)?.text).toBe("Sudah tersimpan sebagai transaksi No. 2 untuk Siti. Tidak dicatat dua kali.");
    await revokeOfficer(database.db, await actorOf(w.koordinator), { wasteBankId: w.bank.id, personId: w.sari.personId }, harness.now);
    const late = await pressOn(harness, w.sari, confirm, "Catat penarikan");
    expect(callbackAnswerTo(harness.telegram, late)).toEqual(expect.objectContaining({ text: NOT_ALLOWED, show_alert: true }));
    expect(await database.db.select().from(ledgerEntry)).toHaveLength(2);
  });

  it("/setor: the next search is refused, and at a second bank the next line is not added or totalled", async () => {
    const w = await world();
    await harness.send(w.sari, "/setor");
    await revokeOfficer(database.db, await actorOf(w.koordinator), { wasteBankId: w.bank.id, personId: w.sari.personId }, harness.now);
    const from = mark();
    await harness.send(w.sari, "siti");
    expect(harness.lastText(w.sari)).toBe(RIGHT_LOST);
    expectNothingOf(saidSince(w.sari, from), w.siti);

    // Appointed again, and at Kenali too; removed from Sipin once more in the middle of a deposit.
    await appointOfficer(database.db, await actorOf(w.koordinator), { wasteBankId: w.bank.id, personId: w.sari.personId }, harness.now);
    await database.db.insert(wasteBankOfficer).values({ wasteBankId: w.otherBank.id, personId: w.sari.personId, appointedAt: OPENED });
    await harness.send(w.sari, "/setor");
    await harness.press(w.sari, "Bank Sampah Sipin Bersih");
    await harness.send(w.sari, "siti");
    await harness.press(w.sari, "Siti");
    await harness.press(w.sari, "Kardus");
    await revokeOfficer(database.db, await actorOf(w.koordinator), { wasteBankId: w.bank.id, personId: w.sari.personId }, harness.now);
    const later = mark();
    await harness.send(w.sari, "2");
    expect(harness.lastText(w.sari)).toBe(RIGHT_LOST);
    expect(saidSince(w.sari, later)).not.toContain("Total");
    await expectFormEnded(w.sari);
    expect(await database.db.select().from(ledgerEntry)).toHaveLength(1);
  });
});

describe("an RT's keeper or ketua whose role ends while a form is open", () => {
  it("/acara: a ketua whose RT was handed over is stopped at the next step, and nothing is saved", async () => {
    const w = await world();
    await harness.send(w.harun, "/acara");
    await harness.press(w.harun, "Gotong royong");
    expect(harness.lastText(w.harun)).toContain("Kapan?");
    await handOverKetua(harness.deps, await actorOf(w.koordinator), { membershipId: w.siti.membershipId });
    await harness.settle();
    await harness.send(w.harun, "Minggu 07.00");
    expect(harness.lastText(w.harun)).toBe(RIGHT_LOST);
    await expectFormEnded(w.harun);
    expect(await database.db.select().from(event)).toEqual([]);
  });

  it("/pinjam: a petugas removed after the book list sees no member or household when picking the book", async () => {
    const w = await world();
    await addBook(database.db, await actorOf(w.harun), { rtId: w.rt5.id, title: "Laskar Pelangi", author: null, copies: 1 }, harness.now);
    await harness.send(w.rina, "/pinjam");
    expect(harness.lastText(w.rina)).toBe("Buku mana yang dipinjam?");
    await revokePetugas(harness.deps, await actorOf(w.harun), { membershipId: w.rina.membershipId });
    await harness.settle(); // she is told her duty ended
    const from = mark();
    await harness.press(w.rina, "Laskar Pelangi");
    expect(harness.lastText(w.rina)).toBe(RIGHT_LOST);
    const said = saidSince(w.rina, from);
    for (const secret of ["Rumah 12", "Siti", "Rumah 1\"", "Sari"]) expect(said, secret).not.toContain(secret);
    await expectFormEnded(w.rina);
    expect(await database.db.select().from(bookLoan)).toEqual([]);
  });
});

describe("a koordinator whose area changes while a form is open", () => {
  it("/nilai: the RT no longer in the area is not graded, and its current score is not shown", async () => {
    const w = await world();
    const koordinatorId = (await actorOf(w.koordinator)).person!.id;
    await enterManualScore(database.db, await actorOf(w.koordinator), { rtId: w.rt5.id, code: "B1", score: 2, note: "sudah rapi", assessedOn: { year: 2026, month: 11, day: 20 } }, harness.now);
    await harness.send(w.koordinator, "/nilai");
    await harness.press(w.koordinator, "RT 05");
    expect(harness.lastText(w.koordinator)).toContain("Indikator mana yang dinilai untuk RT 05");
    // Moved to Buluran Kenali.
    await database.db.update(roleAssignment).set({ revokedAt: harness.now }).where(eq(roleAssignment.personId, koordinatorId));
    await database.db.insert(roleAssignment).values({ personId: koordinatorId, role: "koordinator", kelurahanCode: KELURAHAN_BULURAN_KENALI });
    const from = mark();
    await harness.press(w.koordinator, "B1 ");
    expect(harness.lastText(w.koordinator)).toBe(RIGHT_LOST);
    expect(saidSince(w.koordinator, from)).not.toContain("B1");
    await expectFormEnded(w.koordinator);
  });

  it("/buatrt: the kelurahan list is read again after the kecamatan, and a kelurahan left behind is not offered", async () => {
    const w = await world();
    const koordinatorId = (await actorOf(w.koordinator)).person!.id;
    // The kecamatan is asked only of someone with several: give them a kelurahan in each of two.
    await database.db.update(roleAssignment).set({ revokedAt: harness.now }).where(eq(roleAssignment.personId, koordinatorId));
    await database.db.insert(roleAssignment).values([
      { personId: koordinatorId, role: "koordinator", kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN },
      { personId: koordinatorId, role: "koordinator", kelurahanCode: KELURAHAN_PAYO_SELINCAH },
    ]);
    await harness.send(w.koordinator, "/buatrt");
    const kecamatan = harness.buttons(w.koordinator);
    expect(kecamatan).toHaveLength(3);
    // Simpang IV Sipin is taken from them before they choose its kecamatan.
    await database.db.update(roleAssignment).set({ revokedAt: harness.now }).where(and(eq(roleAssignment.personId, koordinatorId), eq(roleAssignment.kelurahanCode, KELURAHAN_SIMPANG_IV_SIPIN)));
    await harness.press(w.koordinator, "Telanaipura");
    expect(harness.lastText(w.koordinator)).toBe(RIGHT_LOST);
  });
});

/** Takes every role, bank duty and membership the person has: whatever a form needed is gone. */
async function loseEverything(user: TestUser): Promise<void> {
  const db = database.db;
  const [found] = await db.select({ id: person.id }).from(person).where(eq(person.telegramId, user.id));
  const personId = found!.id;
  await db.update(roleAssignment).set({ revokedAt: harness.now }).where(and(eq(roleAssignment.personId, personId), isNull(roleAssignment.revokedAt)));
  await db.update(wasteBankOfficer).set({ revokedAt: harness.now }).where(and(eq(wasteBankOfficer.personId, personId), isNull(wasteBankOfficer.revokedAt)));
  await db.update(membership).set({ status: "left", endedAt: harness.now }).where(and(eq(membership.personId, personId), eq(membership.status, "active")));
  await db.update(roundAssessor).set({ revokedAt: harness.now }).where(and(eq(roundAssessor.personId, personId), isNull(roundAssessor.revokedAt)));
}

/**
 * How each form is opened, by whom, up to its first question. A form missing here fails the
 * test below: every new form is shown to stop at its first answer once its right is gone.
 */
const OPENERS: Record<string, (w: World) => Promise<TestUser>> = {
  "create-rt": async (w) => (await harness.send(w.koordinator, "/buatrt"), w.koordinator),
  "appoint-koordinator": async (w) => (await harness.send(w.admin, "/angkatkoordinator"), w.admin),
  "household-count": async (w) => (await harness.send(w.harun, "/jumlahkk"), w.harun),
  announce: async (w) => (await harness.send(w.harun, "/umumkan"), w.harun),
  "create-event": async (w) => (await harness.send(w.harun, "/acara"), w.harun),
  "edit-event": async (w) => {
    await createEvent(database.db, await actorOf(w.harun), { requestKey: "event:form-scope", kind: "rapat", place: "Balai", notes: null, firstStartsAt: new Date("2026-11-29T12:00:00Z"), durationMinutes: 60, recurrence: { kind: "none" } }, harness.now);
    await harness.send(w.harun, "/ubahacara");
    return w.harun;
  },
  "ronda-setup": async (w) => (await harness.send(w.harun, "/ronda"), w.harun),
  "ronda-assign": async (w) => {
    const harun = await actorOf(w.harun);
    await saveRondaSetup(database.db, harun, { nights: [5], start: { hour: 22, minute: 0 }, end: { hour: 4, minute: 0 }, post: "Pos kamling", perShift: 1 }, harness.now);
    await setVolunteering(database.db, await actorOf(w.siti), true, harness.now);
    await generateShifts(database.db, harun, 1, harness.now);
    await harness.send(w.harun, "/jadwalronda");
    await harness.press(w.harun, "Jadwalkan warga");
    return w.harun;
  },
  "reminder-settings": async (w) => (await harness.send(w.harun, "/aturpengingat"), w.harun),
  "create-waste-bank": async () => {
    const ketua = newUser("Ketua Enam");
    await addKetua(database.db, ketua, (await addRt(database.db, 8)).id);
    await harness.send(ketua, "/banksampah");
    return ketua;
  },
  "bank-prices": async (w) => (await harness.send(w.sari, "/harga"), w.sari),
  "bank-deposit": async (w) => (await harness.send(w.sari, "/setor"), w.sari),
  "bank-withdrawal": async (w) => (await harness.send(w.sari, "/tarik"), w.sari),
  "bank-reversal": async (w) => (await harness.send(w.sari, "/koreksi"), w.sari),
  "reading-session": async (w) => (await harness.send(w.rina, "/sesibaca"), w.rina),
  "add-book": async (w) => {
    await harness.send(w.rina, "/buku");
    await harness.press(w.rina, "Tambah buku");
    return w.rina;
  },
  "lend-book": async (w) => {
    await addBook(database.db, await actorOf(w.harun), { rtId: w.rt5.id, title: "Si Kancil", author: null, copies: 2 }, harness.now);
    await harness.send(w.rina, "/pinjam");
    return w.rina;
  },
  "log-reading": async (w) => (await harness.send(w.siti, "/baca"), w.siti),
  "manual-score": async (w) => (await harness.send(w.koordinator, "/nilai"), w.koordinator),
  "team-score": async (w) => {
    const roundId = await openRound(database.db, 2026);
    await propose(database.db, roundId, w.rt6.id);
    const assessor = newUser("Penilai");
    await addAssessor(database.db, await addPerson(database.db, assessor), roundId, "dlh", { rtIds: [w.rt6.id] });
    await harness.send(assessor, "/nilaitim");
    return assessor;
  },
  evidence: async (w) => (await harness.send(w.harun, "/bukti"), w.harun),
  // issue 15: team
  "team-invite": async (w) => {
    await addRound(database.db);
    await harness.send(w.admin, "/timpenilai");
    await harness.press(w.admin, "Buat tautan");
    return w.admin;
  },
  "visit-plan": async (w) => {
    await propose(database.db, (await addRound(database.db)).id, w.rt5.id);
    await harness.send(w.koordinator, "/kunjungan");
    await harness.press(w.koordinator, "RT 05");
    return w.koordinator;
  },
  "self-assessment": async (w) => (await harness.send(w.harun, "/nilaimandiri"), w.harun),
  "reassessment-visit": async (w) => {
    await addTitle(database.db, { rtId: w.rt5.id, baseline: { participatingHouseholds: 0 } });
    await harness.send(w.koordinator, "/kunjunganulang");
    return w.koordinator;
  },
  // issue 15: rounds
  "open-round": async (w) => {
    await harness.send(w.admin, "/putaran");
    await harness.press(w.admin, "Buka putaran baru");
    return w.admin;
  },
  // issue 15: award. A round past its visits with RT 05 proposed; RT 05 holding the title.
  decision: async (w) => {
    const [round] = await database.db
      .insert(assessmentRound)
      .values({ year: 2026, proposalDeadline: "2026-08-01", visitFrom: "2026-09-01", visitTo: "2026-10-31", decisionOn: "2026-11-30", openedAt: OPENED })
      .returning({ id: assessmentRound.id });
    await database.db.insert(rtProposal).values({ roundId: round!.id, rtId: w.rt5.id, proposedAt: OPENED, householdCount: 40 });
    await harness.send(w.admin, "/keputusan");
    return w.admin;
  },
  "kencana-record": async (w) => {
    await database.db.insert(rtTitle).values({ rtId: w.rt5.id, level: "bantar", category: "kecil", householdCount: 40, awardRupiah: 5_000_000, awardedOn: "2025-08-17", skNumber: "188.45/1/HK/2025", recordedAt: OPENED });
    await harness.send(w.koordinator, "/kencana");
    await harness.press(w.koordinator, "Catat syarat Kencana");
    return w.koordinator;
  },
  "bulk-score": async (w) => (await harness.send(w.koordinator, "/nilaisemua"), w.koordinator),
  // issue 17: polls
  poll: async (w) => (await harness.send(w.harun, "/polling"), w.harun),
  "kencana-award": async (w) => {
    // RT 5 has held the title over a year, is not fading and meets every requirement: eligible.
    await database.db.insert(rtTitle).values({ rtId: w.rt5.id, level: "bantar", category: "kecil", householdCount: 40, awardRupiah: 5_000_000, awardedOn: "2025-08-17", skNumber: "188.45/1/HK/2025", recordedAt: OPENED });
    await database.db.insert(kencanaRequirement).values(KENCANA_REQUIREMENTS.map((requirement) => ({ rtId: w.rt5.id, requirement, met: 1, recordedAt: OPENED })));
    await harness.send(w.admin, "/kencana");
    await harness.press(w.admin, "Tetapkan Kencana");
    return w.admin;
  },
  // issue 17: reports
  report: async (w) => (await harness.send(w.siti, "/lapor"), w.siti),
  "report-reject": async (w) => {
    await harness.send(w.siti, "/lapor");
    await harness.press(w.siti, "keamanan");
    await harness.send(w.siti, "Ada orang asing mencoba membuka pagar rumah nomor 3");
    await harness.press(w.siti, "Lewati foto");
    await harness.send(w.siti, "Lewati lokasi");
    await harness.press(w.siti, "Kirim laporan");
    await harness.send(w.harun, "/laporanrt");
    await harness.press(w.harun, "#");
    await harness.press(w.harun, "Tolak");
    return w.harun;
  },
  // issue 17: offline residents. Harun records one; a card's "Ganti nama" renames her.
  "offline-record": async (w) => {
    await harness.send(w.harun, "/tanpatelegram");
    await harness.press(w.harun, "Catat warga tanpa Telegram");
    return w.harun;
  },
  "offline-rename": async (w) => {
    await recordOfflineMember(harness.deps, await actorOf(w.harun), { requestKey: "offline:form-scope", rtId: w.rt5.id, name: "Mbah Sarinah", household: "Rumah 12", kind: "lansia" });
    await harness.send(w.harun, "/tanpatelegram");
    await harness.press(w.harun, "Mbah Sarinah");
    await harness.press(w.harun, "Ganti nama");
    return w.harun;
  },
  // issue 17: the kas RT. Dewi is RT 05's bendahara; Harun corrects an entry of its book; Siti
  // was on last night's ronda shift and records its jimpitan.
  "kas-record": async (w) => {
    const dewi = await resident("Dewi", w.rt5.id, "Rumah 3");
    await database.db.insert(roleAssignment).values({ personId: dewi.personId, role: "bendahara", rtId: w.rt5.id });
    await harness.send(dewi, "/kascatat");
    return dewi;
  },
  "kas-reversal": async (w) => {
    await recordIncome(harness.deps, await actorOf(w.harun), { rtId: w.rt5.id, incomeKind: "iuran", amount: 50_000, requestKey: "kas-catat:form-scope" });
    await harness.send(w.harun, "/kaskoreksi");
    await harness.press(w.harun, "Iuran");
    return w.harun;
  },
  "kas-jimpitan": async (w) => {
    const startsAt = new Date("2026-11-21T15:00:00Z"); // Sabtu 22.00 WIB, the night before "now"
    const [ronda] = await database.db.insert(event).values({ rtId: w.rt5.id, kind: "ronda", place: "Pos kamling", firstStartsAt: startsAt, durationMinutes: 360, recurrence: {} }).returning({ id: event.id });
    const [night] = await database.db.insert(eventOccurrence).values({ eventId: ronda!.id, rtId: w.rt5.id, kind: "ronda", place: "Pos kamling", startsAt, endsAt: new Date(startsAt.getTime() + 6 * 3_600_000) }).returning({ id: eventOccurrence.id });
    await database.db.insert(shiftAssignment).values({ occurrenceId: night!.id, personId: w.siti.personId, assignedAt: startsAt, source: "rota" });
    await harness.send(w.siti, "/kas");
    await harness.press(w.siti, "Catat jimpitan");
    return w.siti;
  },
};

/** Forms anyone may fill in (registration): there is no right to lose. */
const OPEN_TO_ANYONE = [REGISTRATION];

/** The source files under a folder, recursively. */
function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? sourcesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("every form", () => {
  it("is registered from FORMS, behind its guard (no conversation is created anywhere else)", () => {
    const creations = sourcesUnder("src").flatMap((path) => (readFileSync(path, "utf8").match(/createConversation[<(]/g) ?? []).map(() => path));
    expect(creations).toEqual([join("src", "bot", "create-bot.ts")]);
    expect(readFileSync(join("src", "bot", "create-bot.ts"), "utf8")).toMatch(/for \(const form of FORMS\) app\.use\(createConversation<[^>]+>\(guardedBuilder\(form, deps\)/);
  });

  it("is opened here, or is open to anyone", () => {
    expect(FORMS.map((form) => form.id).filter((id) => !OPEN_TO_ANYONE.includes(id)).sort()).toEqual(Object.keys(OPENERS).sort());
  });

  it.each(Object.keys(OPENERS))("%s: stops at its first answer once the person has lost the right to it", async (id) => {
    const w = await world();
    const user = await OPENERS[id]!(w);
    const asked = harness.lastText(user);
    expect(asked).not.toBe(RIGHT_LOST);
    await loseEverything(user);
    await harness.send(user, "x");
    expect(harness.lastText(user)).toBe(RIGHT_LOST);
    await harness.send(user, "x");
    expect(harness.lastText(user)).toBe(FALLBACK);
  });
});
