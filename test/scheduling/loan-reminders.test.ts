import { eq, like } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { outbox, person } from "../../src/db/schema/index.js";
import { PRIORITY } from "../../src/delivery/outbox.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { addBook } from "../../src/domain/pojok-baca/catalogue.js";
import { lendBook, returnBook } from "../../src/domain/pojok-baca/loans.js";
import { createLogger } from "../../src/logger.js";
import { planLoanReminders } from "../../src/scheduling/loan-reminders.js";
import type { ReminderDeps } from "../../src/scheduling/reminders.js";
import { withTestDatabase } from "../helpers/database.js";
import { addKetua, addMember, addRt, newUser } from "../helpers/fixtures.js";

/** Minggu 22 November 2026, 10.00 WIB: lent today, due Minggu 6 Desember (23.59 WIB). */
const LENT_AT = new Date("2026-11-22T03:00:00Z");
/** 08.00 WIB on a day of December 2026, when the job runs. */
const at0800 = (day: number) => new Date(Date.UTC(2026, 11, day, 1, 0));

const database = withTestDatabase();
let deps: ReminderDeps;

beforeEach(async () => {
  deps = { db: database.db, i18n: createI18n(database.db), logger: createLogger("silent") };
});

async function lent() {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Harun");
  await addKetua(database.db, ketua, place.id);
  const siti = newUser("Siti");
  const sitiMember = await addMember(database.db, siti, place.id, "Rumah 1");
  const budi = newUser("Budi");
  const budiMember = await addMember(database.db, budi, place.id, "Rumah 2");
  await database.db.update(person).set({ locale: "en" }).where(eq(person.id, budiMember.personId));
  const keeper = await loadActor(database.db, ketua.id, []);
  const laskar = await addBook(database.db, keeper, { rtId: place.id, title: "Laskar Pelangi", author: null, copies: 2 }, LENT_AT);
  const sitiLoan = (await lendBook(database.db, keeper, { requestKey: "siti", bookId: laskar.id, personId: sitiMember.personId }, LENT_AT)).loan;
  const budiLoan = (await lendBook(database.db, keeper, { requestKey: "budi", bookId: laskar.id, personId: budiMember.personId }, LENT_AT)).loan;
  return { keeper, siti: { ...siti, ...sitiMember, loan: sitiLoan }, budi: { ...budi, ...budiMember, loan: budiLoan } };
}

const reminderRows = () => database.db.select().from(outbox).where(like(outbox.dedupeKey, "loan-reminder:%")).orderBy(outbox.id);
const texts = async (chatId: number) => (await reminderRows()).filter((row) => row.chatId === chatId).map((row) => (row.payload as { text: string }).text);

describe("planLoanReminders", () => {
  it("reminds the day before, on day 1 overdue and on day 8, in the borrower's language; twice at the same moment queues once", async () => {
    const { siti, budi } = await lent();
    for (const day of [1, 2, 3, 4]) expect(await planLoanReminders(deps, at0800(day))).toEqual({ queued: 0, due: 0 });

    expect(await planLoanReminders(deps, at0800(5))).toEqual({ queued: 2, due: 2 });
    expect(await planLoanReminders(deps, at0800(5))).toEqual({ queued: 0, due: 2 }); // run twice: nothing new
    expect(await texts(siti.id)).toEqual(["📚 Pengingat pojok baca: “Laskar Pelangi” perlu dikembalikan besok, Minggu, 6 Desember 2026. Sudah selesai dibaca? Terima kasih!"]);
    expect(await texts(budi.id)).toEqual(["📚 Reading-corner reminder: “Laskar Pelangi” is due back tomorrow, Sunday, 6 December 2026. Finished reading it? Thank you!"]);
    const [first] = await reminderRows();
    expect(first).toMatchObject({ dedupeKey: `loan-reminder:${siti.loan.id}:2026-12-05`, priority: PRIORITY.reminder, personId: siti.personId, chatId: siti.id, status: "pending", notBefore: at0800(5) });

    expect((await planLoanReminders(deps, at0800(6))).queued).toBe(0); // the due day itself
    expect((await planLoanReminders(deps, at0800(7))).queued).toBe(2); // day 1 overdue
    expect((await planLoanReminders(deps, at0800(7))).queued).toBe(0);
    for (const day of [8, 9, 10, 11, 12, 13]) expect((await planLoanReminders(deps, at0800(day))).queued, `7 December + ${day - 7}`).toBe(0);
    expect((await planLoanReminders(deps, at0800(14))).queued).toBe(2); // day 8
    expect(await texts(siti.id)).toEqual([
      expect.stringContaining("besok"),
      "📚 “Laskar Pelangi” dari pojok baca RT sudah lewat 1 hari dari batas pengembaliannya (Minggu, 6 Desember 2026). Mohon segera dikembalikan ke petugas agar warga lain bisa ikut membaca. Terima kasih!",
      expect.stringContaining("sudah lewat 8 hari"),
    ]);
    expect((await reminderRows()).map((row) => row.dedupeKey).filter((key) => key.startsWith(`loan-reminder:${siti.loan.id}:`))).toEqual([
      `loan-reminder:${siti.loan.id}:2026-12-05`,
      `loan-reminder:${siti.loan.id}:2026-12-07`,
      `loan-reminder:${siti.loan.id}:2026-12-14`,
    ]);
    expect((await planLoanReminders(deps, at0800(21))).queued).toBe(2); // and day 15
  });

  it("sends nothing for a returned book, nor to a borrower who erased their data", async () => {
    const { keeper, siti, budi } = await lent();
    await returnBook(database.db, keeper, siti.loan.id, at0800(3));
    await database.db.update(person).set({ telegramId: null }).where(eq(person.id, budi.personId));
    for (const day of [5, 7, 14]) expect(await planLoanReminders(deps, at0800(day))).toEqual({ queued: 0, due: 0 });
    expect(await reminderRows()).toEqual([]);
  });

  it("makes up a missed day within the week, once, keyed by the day it was due", async () => {
    const { siti } = await lent();
    // The job did not run on 7 December; on the 9th the day-1 reminder goes, saying how late it is now.
    expect((await planLoanReminders(deps, at0800(9))).queued).toBe(2);
    expect((await planLoanReminders(deps, at0800(10))).queued).toBe(0);
    expect(await texts(siti.id)).toEqual([expect.stringContaining("sudah lewat 3 hari")]);
    expect((await reminderRows())[0]!.dedupeKey).toBe(`loan-reminder:${siti.loan.id}:2026-12-07`);
  });
});
