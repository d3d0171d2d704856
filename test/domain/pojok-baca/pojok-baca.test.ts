import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/db/client.js";
import { book, bookLoan, membership, participation, readingLog, readingSession, readingSessionAttendee, roleAssignment } from "../../../src/db/schema/index.js";
import { DomainError } from "../../../src/domain/errors.js";
import { loadActor, type Actor } from "../../../src/domain/people/actor.js";
import { addBook, listCatalogue, retireBook, setCopies } from "../../../src/domain/pojok-baca/catalogue.js";
import { isKeeper, listKeepers, membersForKeeper } from "../../../src/domain/pojok-baca/keepers.js";
import { dueAtFor, lendBook, listMyLoans, listOpenLoans, returnBook } from "../../../src/domain/pojok-baca/loans.js";
import { decideReading, listPendingReadings, logReading } from "../../../src/domain/pojok-baca/reading-log.js";
import { logSession, type SessionInput } from "../../../src/domain/pojok-baca/sessions.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addKetua, addKoordinator, addMember, addPending, addPetugas, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser, snapshotState } from "../../helpers/fixtures.js";
import type { TestUser } from "../../helpers/test-bot.js";

/** Minggu 22 November 2026, 10.00 WIB. */
const NOW = new Date("2026-11-22T03:00:00Z");
/** Sabtu 21 November 2026, 15.30 WIB. */
const SATURDAY_1530 = new Date("2026-11-21T08:30:00Z");

const database = withTestDatabase();

type Person = TestUser & { personId: number; membershipId: number };

async function person(user: TestUser, add: typeof addMember, rtId: number, household?: string): Promise<Person> {
  return { ...user, ...(await add(database.db, user, rtId, household)) };
}

const actorOf = (user: TestUser): Promise<Actor> => loadActor(database.db, user.id, []);

async function expectRefused(work: Promise<unknown>, code: string) {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

/** RT 05 (Harun ketua, Rina petugas, Siti, Budi) and RT 06 (Joko ketua, Lina resident). */
async function world() {
  const rt05 = await addRt(database.db, 5);
  const rt06 = await addRt(database.db, 6);
  return {
    rt05,
    rt06,
    harun: await person(newUser("Harun"), addKetua, rt05.id),
    rina: await person(newUser("Rina"), addPetugas, rt05.id),
    siti: await person(newUser("Siti"), addMember, rt05.id, "Rumah 1"),
    budi: await person(newUser("Budi"), addMember, rt05.id, "Rumah 2"),
    joko: await person(newUser("Joko"), addKetua, rt06.id),
    lina: await person(newUser("Lina"), addMember, rt06.id, "Rumah 9"),
  };
}

const participationOf = (sourceKeyPrefix: string) =>
  database.db.select().from(participation).then((rows) => rows.filter((row) => row.sourceKey.startsWith(sourceKeyPrefix)));

describe("keepers", () => {
  it("are the RT's ketua and petugas; residents, coordinators and other RTs' keepers are not", async () => {
    const w = await world();
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    expect(isKeeper(await actorOf(w.harun), w.rt05.id)).toBe(true);
    expect(isKeeper(await actorOf(w.rina), w.rt05.id)).toBe(true);
    expect(isKeeper(await actorOf(w.siti), w.rt05.id)).toBe(false);
    expect(isKeeper(await actorOf(w.joko), w.rt05.id)).toBe(false);
    expect(isKeeper(await actorOf(koordinator), w.rt05.id)).toBe(false);
    expect((await listKeepers(database.db, w.rt05.id)).map((k) => k.personId)).toEqual([w.harun.personId, w.rina.personId]);
  });
});

describe("the members a keeper lists (attendees, borrowers)", () => {
  it("are read by the RT's keepers only, and no longer by a petugas whose duty ended", async () => {
    const w = await world();
    const listed = await membersForKeeper(database.db, await actorOf(w.rina), w.rt05.id);
    expect(listed.map((m) => [m.name, m.householdLabel])).toEqual([["Budi", "Rumah 2"], ["Harun", "Rumah Ketua"], ["Rina", "Rumah Petugas"], ["Siti", "Rumah 1"]]);
    for (const outsider of [w.siti, w.joko]) await expectRefused(membersForKeeper(database.db, await actorOf(outsider), w.rt05.id), "not-allowed");
    await database.db.update(roleAssignment).set({ revokedAt: NOW }).where(eq(roleAssignment.personId, w.rina.personId));
    await expectRefused(membersForKeeper(database.db, await actorOf(w.rina), w.rt05.id), "not-allowed");
  });
});

describe("logSession", () => {
  const input = (rtId: number, extra: Partial<SessionInput> = {}): SessionInput => ({
    requestKey: "session-1",
    rtId,
    activity: "mendongeng",
    activityNote: null,
    heldAt: SATURDAY_1530,
    attendeeCount: 12,
    attendeePersonIds: [],
    ...extra,
  });

  it("writes the session, its registered attendees and one participation row each, once per request key", async () => {
    const w = await world();
    const first = await logSession(database.db, await actorOf(w.rina), input(w.rt05.id, { attendeePersonIds: [w.siti.personId, w.budi.personId, w.siti.personId] }), NOW);
    expect(first).toMatchObject({ created: true, attendees: 2 });
    expect(first.session).toMatchObject({ rtId: w.rt05.id, activity: "mendongeng", attendeeCount: 12, heldAt: SATURDAY_1530, recordedBy: w.rina.personId });

    const again = await logSession(database.db, await actorOf(w.rina), input(w.rt05.id, { attendeePersonIds: [w.siti.personId, w.budi.personId] }), NOW);
    expect(again).toMatchObject({ created: false, attendees: 2 });
    expect(again.session.id).toBe(first.session.id);

    expect(await database.db.select().from(readingSession)).toHaveLength(1);
    expect(await database.db.select().from(readingSessionAttendee)).toHaveLength(2);
    const rows = await participationOf("reading-session:");
    expect(rows.map((row) => ({ sourceKey: row.sourceKey, kind: row.kind, source: row.source, verified: row.verified, rtId: row.rtId, householdLabel: row.householdLabel, occurredAt: row.occurredAt })).sort((a, b) => a.sourceKey.localeCompare(b.sourceKey))).toEqual(
      [
        { sourceKey: `reading-session:${first.session.id}:person:${w.siti.personId}`, kind: "pojok_baca_sesi", source: "session", verified: true, rtId: w.rt05.id, householdLabel: "Rumah 1", occurredAt: SATURDAY_1530 },
        { sourceKey: `reading-session:${first.session.id}:person:${w.budi.personId}`, kind: "pojok_baca_sesi", source: "session", verified: true, rtId: w.rt05.id, householdLabel: "Rumah 2", occurredAt: SATURDAY_1530 },
      ].sort((a, b) => a.sourceKey.localeCompare(b.sourceKey)),
    );
  });

  it("refuses a resident, another RT's ketua, someone of another RT as attendee, more attendees than came, and a session still ahead; nothing is stored", async () => {
    const w = await world();
    const pending = await person(newUser("Tunggu"), addPending, w.rt05.id);
    const before = await snapshotState(database.db);
    await expectRefused(logSession(database.db, await actorOf(w.siti), input(w.rt05.id), NOW), "not-allowed");
    await expectRefused(logSession(database.db, await actorOf(w.joko), input(w.rt05.id), NOW), "not-allowed");
    await expectRefused(logSession(database.db, await actorOf(w.harun), input(w.rt05.id, { attendeePersonIds: [w.siti.personId, w.lina.personId] }), NOW), "reading-attendee-not-member");
    await expectRefused(logSession(database.db, await actorOf(w.harun), input(w.rt05.id, { attendeeCount: 1, attendeePersonIds: [w.siti.personId, w.budi.personId] }), NOW), "reading-attendees-exceed-count");
    await expectRefused(logSession(database.db, await actorOf(w.harun), input(w.rt05.id, { heldAt: new Date(NOW.getTime() + 60_000) }), NOW), "reading-session-in-future");
    await expectRefused(logSession(database.db, await actorOf(w.harun), input(w.rt05.id, { attendeePersonIds: [pending.personId] }), NOW), "reading-attendee-not-member");
    expect(await snapshotState(database.db)).toEqual(before);
  });
});

describe("catalogue", () => {
  it("adds books, lists copies free, refuses a title twice, sets copies and retires", async () => {
    const w = await world();
    const keeper = await actorOf(w.rina);
    const laskar = await addBook(database.db, keeper, { rtId: w.rt05.id, title: "Laskar Pelangi", author: "Andrea Hirata", copies: 2 }, NOW);
    await addBook(database.db, keeper, { rtId: w.rt05.id, title: "Si Kancil", author: null, copies: 1 }, NOW);
    await expectRefused(addBook(database.db, keeper, { rtId: w.rt05.id, title: "laskar pelangi", author: null, copies: 1 }, NOW), "book-exists");
    // Another RT has its own catalogue.
    await addBook(database.db, await actorOf(w.joko), { rtId: w.rt06.id, title: "Laskar Pelangi", author: null, copies: 1 }, NOW);
    await expectRefused(addBook(database.db, await actorOf(w.siti), { rtId: w.rt05.id, title: "Buku Siti", author: null, copies: 1 }, NOW), "not-allowed");
    await expectRefused(addBook(database.db, await actorOf(w.joko), { rtId: w.rt05.id, title: "Buku Joko", author: null, copies: 1 }, NOW), "not-allowed");

    await lendBook(database.db, keeper, { requestKey: "loan-1", bookId: laskar.id, personId: w.siti.personId }, NOW);
    expect((await listCatalogue(database.db, w.rt05.id)).map((b) => [b.title, b.copies, b.lent, b.available])).toEqual([
      ["Laskar Pelangi", 2, 1, 1],
      ["Si Kancil", 1, 0, 1],
    ]);

    expect((await setCopies(database.db, keeper, laskar.id, 3)).changed).toBe(true);
    expect((await setCopies(database.db, keeper, laskar.id, 3)).changed).toBe(false);
    await expect(setCopies(database.db, keeper, laskar.id, 0)).rejects.toThrow(RangeError);
    await expectRefused(setCopies(database.db, await actorOf(w.joko), laskar.id, 1), "not-allowed");
    await expectRefused(retireBook(database.db, keeper, laskar.id, NOW), "book-has-open-loans");

    const [loan] = await listOpenLoans(database.db, w.rt05.id);
    await returnBook(database.db, keeper, loan!.id, NOW);
    expect(await retireBook(database.db, keeper, laskar.id, NOW)).toMatchObject({ retired: true });
    expect(await retireBook(database.db, keeper, laskar.id, NOW)).toMatchObject({ retired: false });
    expect((await listCatalogue(database.db, w.rt05.id)).map((b) => b.title)).toEqual(["Si Kancil"]);
    await expectRefused(lendBook(database.db, keeper, { requestKey: "loan-2", bookId: laskar.id, personId: w.budi.personId }, NOW), "book-not-found");
    // Retired, the title can be catalogued again (a new copy bought).
    await addBook(database.db, keeper, { rtId: w.rt05.id, title: "Laskar Pelangi", author: null, copies: 1 }, NOW);
  });

  it("refuses copies below those lent", async () => {
    const w = await world();
    const keeper = await actorOf(w.harun);
    const kancil = await addBook(database.db, keeper, { rtId: w.rt05.id, title: "Si Kancil", author: null, copies: 2 }, NOW);
    await lendBook(database.db, keeper, { requestKey: "a", bookId: kancil.id, personId: w.siti.personId }, NOW);
    await lendBook(database.db, keeper, { requestKey: "b", bookId: kancil.id, personId: w.budi.personId }, NOW);
    const error = await setCopies(database.db, keeper, kancil.id, 1).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "book-copies-below-lent", vars: { lent: 2 } });
  });
});

describe("loans", () => {
  it("lends a free copy for 14 days (due end of day WIB), writes one participation row, and returns once", async () => {
    const w = await world();
    const keeper = await actorOf(w.rina);
    const laskar = await addBook(database.db, keeper, { rtId: w.rt05.id, title: "Laskar Pelangi", author: null, copies: 1 }, NOW);
    const lent = await lendBook(database.db, keeper, { requestKey: "loan-1", bookId: laskar.id, personId: w.siti.personId }, NOW);
    expect(lent.created).toBe(true);
    expect(lent.loan.dueAt).toEqual(new Date("2026-12-06T16:59:00Z")); // Minggu 6 Desember, 23.59 WIB
    expect(dueAtFor(NOW, 7)).toEqual(new Date("2026-11-29T16:59:00Z"));

    // The same request again (a double tap, a redelivery): the same loan, nothing new.
    const again = await lendBook(database.db, keeper, { requestKey: "loan-1", bookId: laskar.id, personId: w.siti.personId }, NOW);
    expect(again).toMatchObject({ created: false, loan: { id: lent.loan.id } });
    expect(await database.db.select().from(bookLoan)).toHaveLength(1);
    expect(await participationOf("book-loan:")).toMatchObject([
      { sourceKey: `book-loan:${lent.loan.id}`, kind: "pojok_baca_pinjam", source: "loan", verified: true, rtId: w.rt05.id, personId: w.siti.personId, householdLabel: "Rumah 1" },
    ]);

    await expectRefused(lendBook(database.db, keeper, { requestKey: "loan-2", bookId: laskar.id, personId: w.budi.personId }, NOW), "book-no-copy-free");
    expect((await listMyLoans(database.db, w.siti.personId)).map((l) => l.title)).toEqual(["Laskar Pelangi"]);

    await expectRefused(returnBook(database.db, await actorOf(w.joko), lent.loan.id, NOW), "not-allowed");
    await expectRefused(returnBook(database.db, await actorOf(w.siti), lent.loan.id, NOW), "not-allowed");
    expect(await returnBook(database.db, await actorOf(w.harun), lent.loan.id, NOW)).toMatchObject({ returned: true });
    expect(await returnBook(database.db, keeper, lent.loan.id, new Date(NOW.getTime() + 60_000))).toMatchObject({ returned: false, loan: { returnedAt: NOW } });
    const [row] = await database.db.select().from(bookLoan);
    expect(row).toMatchObject({ returnedAt: NOW, returnedBy: w.harun.personId });
    expect(await listMyLoans(database.db, w.siti.personId)).toEqual([]);
    // Back on the shelf: Budi may have it now.
    expect((await lendBook(database.db, keeper, { requestKey: "loan-2", bookId: laskar.id, personId: w.budi.personId }, NOW)).created).toBe(true);
  });

  it("refuses to lend to someone who is not an active member of the book's RT, the same book twice to one person, or as a non-keeper", async () => {
    const w = await world();
    const keeper = await actorOf(w.harun);
    const kancil = await addBook(database.db, keeper, { rtId: w.rt05.id, title: "Si Kancil", author: null, copies: 5 }, NOW);
    const waiting = await person(newUser("Tunggu"), addPending, w.rt05.id);
    const left = await person(newUser("Pindah"), addMember, w.rt05.id);
    await database.db.update(membership).set({ status: "left" }).where(eq(membership.id, left.membershipId));
    const before = await snapshotState(database.db);
    for (const borrower of [w.lina, waiting, left]) {
      await expectRefused(lendBook(database.db, keeper, { requestKey: `x-${borrower.id}`, bookId: kancil.id, personId: borrower.personId }, NOW), "borrower-not-member");
    }
    await expectRefused(lendBook(database.db, await actorOf(w.joko), { requestKey: "joko", bookId: kancil.id, personId: w.lina.personId }, NOW), "not-allowed");
    await expectRefused(lendBook(database.db, await actorOf(w.siti), { requestKey: "siti", bookId: kancil.id, personId: w.siti.personId }, NOW), "not-allowed");
    expect(await snapshotState(database.db)).toEqual(before);
    await lendBook(database.db, keeper, { requestKey: "one", bookId: kancil.id, personId: w.siti.personId }, NOW);
    await expectRefused(lendBook(database.db, keeper, { requestKey: "two", bookId: kancil.id, personId: w.siti.personId }, NOW), "book-already-borrowed");
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("two keepers lending the last copy at once, on two connections, lend it once (real server)", async () => {
    const w = await world();
    const residents = [w.siti, w.budi];
    for (let i = 0; i < 8; i++) residents.push(await person(newUser(`Warga ${i}`), addMember, w.rt05.id, `No. ${i}`));
    const second = await openDatabase({ kind: "postgres", url: database.url! });
    try {
      for (let round = 0; round < 5; round++) {
        const last = await addBook(database.db, await actorOf(w.harun), { rtId: w.rt05.id, title: `Buku ${round}`, author: null, copies: 1 }, NOW);
        const [a, b] = [residents[round * 2]!, residents[round * 2 + 1]!];
        const results = await Promise.allSettled([
          lendBook(database.db, await loadActor(database.db, w.harun.id, []), { requestKey: `h-${round}`, bookId: last.id, personId: a.personId }, NOW),
          lendBook(second.db, await loadActor(second.db, w.rina.id, []), { requestKey: `r-${round}`, bookId: last.id, personId: b.personId }, NOW),
        ]);
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect((lost[0]!.reason as DomainError).code).toBe("book-no-copy-free");
        const loans = await database.db.select().from(bookLoan).where(eq(bookLoan.bookId, last.id));
        expect(loans).toHaveLength(1);
        expect(await participationOf(`book-loan:${loans[0]!.id}`)).toHaveLength(1);
      }
      expect(await database.db.select().from(book)).toHaveLength(5);
    } finally {
      await second.close();
    }
  });
});

describe("self-reported reading", () => {
  it("is pending until a keeper confirms; confirming writes one row, a second decision changes nothing", async () => {
    const w = await world();
    const { log, created } = await logReading(database.db, await actorOf(w.siti), { requestKey: "r1", minutes: 30, title: "Laskar Pelangi" }, NOW);
    expect(created).toBe(true);
    expect(log).toMatchObject({ status: "pending", rtId: w.rt05.id, personId: w.siti.personId, minutes: 30 });
    expect((await logReading(database.db, await actorOf(w.siti), { requestKey: "r1", minutes: 30, title: "Laskar Pelangi" }, NOW)).created).toBe(false);
    expect(await database.db.select().from(readingLog)).toHaveLength(1);
    expect(await participationOf("reading-log:")).toEqual([]); // pending: not counted
    expect((await listPendingReadings(database.db, w.rt05.id)).map((l) => l.id)).toEqual([log.id]);

    await expectRefused(decideReading(database.db, await actorOf(w.joko), log.id, true, NOW), "not-allowed");
    await expectRefused(decideReading(database.db, await actorOf(w.budi), log.id, true, NOW), "not-allowed");
    expect(await decideReading(database.db, await actorOf(w.rina), log.id, true, NOW)).toMatchObject({ decided: true, log: { status: "confirmed", decidedByName: "Rina" } });
    expect(await decideReading(database.db, await actorOf(w.rina), log.id, true, NOW)).toMatchObject({ decided: false });
    expect(await decideReading(database.db, await actorOf(w.harun), log.id, false, NOW)).toMatchObject({ decided: false, log: { status: "confirmed" } });
    expect(await participationOf("reading-log:")).toMatchObject([
      { sourceKey: `reading-log:${log.id}`, kind: "membaca", source: "self-report", verified: true, personId: w.siti.personId, rtId: w.rt05.id, householdLabel: "Rumah 1", occurredAt: NOW },
    ]);
    expect(await listPendingReadings(database.db, w.rt05.id)).toEqual([]);
  });

  it("rejecting writes nothing; nobody decides on their own report; only active residents report", async () => {
    const w = await world();
    const { log } = await logReading(database.db, await actorOf(w.budi), { requestKey: "r1", minutes: 45, title: "Si Kancil" }, NOW);
    expect(await decideReading(database.db, await actorOf(w.harun), log.id, false, NOW)).toMatchObject({ decided: true, log: { status: "rejected" } });
    expect(await decideReading(database.db, await actorOf(w.rina), log.id, true, NOW)).toMatchObject({ decided: false, log: { status: "rejected" } });
    expect(await participationOf("reading-log:")).toEqual([]);

    const own = await logReading(database.db, await actorOf(w.rina), { requestKey: "r2", minutes: 20, title: "Iqro 1" }, NOW);
    await expectRefused(decideReading(database.db, await actorOf(w.rina), own.log.id, true, NOW), "reading-log-own");
    await decideReading(database.db, await actorOf(w.harun), own.log.id, true, NOW);
    expect(await participationOf("reading-log:")).toHaveLength(1);

    const waiting = await person(newUser("Tunggu"), addPending, w.rt05.id);
    await expectRefused(logReading(database.db, await actorOf(waiting), { requestKey: "r3", minutes: 10, title: "Buku" }, NOW), "not-registered");
  });
});
