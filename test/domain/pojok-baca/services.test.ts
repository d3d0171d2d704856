import { eq, like } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { bookLoan, outbox, readingLog } from "../../../src/db/schema/index.js";
import { loadActor, type Actor } from "../../../src/domain/people/actor.js";
import { addBook } from "../../../src/domain/pojok-baca/catalogue.js";
import { lend, takeBack } from "../../../src/domain/pojok-baca/loans.js";
import { judgeReading, reportReading } from "../../../src/domain/pojok-baca/reading-log.js";
import type { ServiceDeps } from "../../../src/domain/service.js";
import { readingConfirm, readingReject } from "../../../src/messages/buttons/pojok-baca.js";
import { withTestDatabase } from "../../helpers/database.js";
import { serviceDeps } from "../../helpers/service-deps.js";
import { addKetua, addMember, addPetugas, addRt, newUser } from "../../helpers/fixtures.js";
import type { TestUser } from "../../helpers/test-bot.js";

/** Minggu 22 November 2026, 10.00 WIB. */
const NOW = new Date("2026-11-22T03:00:00Z");

const database = withTestDatabase();
let deps: ReturnType<typeof serviceDeps>;
beforeEach(() => {
  deps = serviceDeps(database.db, NOW);
});

const actorOf = (user: TestUser): Promise<Actor> => loadActor(database.db, user.id, []);
const notices = (event: string) => database.db.select().from(outbox).where(like(outbox.dedupeKey, `notice:${event}:%`)).orderBy(outbox.id);
const textOf = (row: { payload: unknown }) => (row.payload as { text: string }).text;

async function world() {
  const rt05 = await addRt(database.db, 5);
  const harun = newUser("Harun");
  await addKetua(database.db, harun, rt05.id);
  const rina = newUser("Rina");
  await addPetugas(database.db, rina, rt05.id);
  const siti = newUser("Siti");
  const sitiMember = await addMember(database.db, siti, rt05.id, "Rumah 1");
  const keeper = await actorOf(harun);
  const laskar = await addBook(database.db, keeper, { rtId: rt05.id, title: "Laskar Pelangi", author: null, copies: 2 }, NOW);
  return { rt05, harun, rina, siti: { ...siti, ...sitiMember }, keeper, laskar };
}

describe("lend", () => {
  it("lends and queues the borrower's notice together; the same request key lends and tells once", async () => {
    const w = await world();
    const input = { requestKey: "loan-form-1", bookId: w.laskar.id, personId: w.siti.personId };
    const first = await lend(deps, w.keeper, input);
    const again = await lend(deps, w.keeper, input);
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, loan: { id: first.loan.id } });
    expect(await database.db.select().from(bookLoan)).toHaveLength(1);
    const queued = await notices("book-loan");
    expect(queued.map((row) => [row.dedupeKey, row.chatId, textOf(row)])).toEqual([
      [`notice:book-loan:${first.loan.id}:person:${w.siti.personId}`, w.siti.id, expect.stringContaining("Laskar Pelangi")],
    ]);
    expect(deps.woken).toBe(2); // after each commit
  });

  it("queues the notice on the loan's transaction: rolled back, neither the loan nor the notice stays", async () => {
    const w = await world();
    const rolledBack = new Error("rolled back");
    await expect(
      database.db.transaction(async (tx) => {
        await lend({ ...deps, db: tx as unknown as ServiceDeps["db"] }, w.keeper, { requestKey: "loan-form-2", bookId: w.laskar.id, personId: w.siti.personId });
        expect(await tx.select().from(outbox)).toHaveLength(1);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await database.db.select().from(bookLoan)).toEqual([]);
    expect(await database.db.select().from(outbox)).toEqual([]);
  });
});

describe("takeBack", () => {
  it("returns the book and thanks the borrower once, however often it is pressed", async () => {
    const w = await world();
    const { loan } = await lend(deps, w.keeper, { requestKey: "loan-form-3", bookId: w.laskar.id, personId: w.siti.personId });
    expect((await takeBack(deps, w.keeper, loan.id)).returned).toBe(true);
    expect((await takeBack(deps, await actorOf(w.rina), loan.id)).returned).toBe(false);
    const queued = await notices("book-return");
    expect(queued.map((row) => [row.chatId, textOf(row)])).toEqual([[w.siti.id, "Terima kasih! “Laskar Pelangi” sudah tercatat kembali di pojok baca RT."]]);
  });
});

describe("reportReading and judgeReading", () => {
  it("queues the report with its buttons to every keeper, once per request key; the decision is told once", async () => {
    const w = await world();
    const resident = await actorOf(w.siti);
    const input = { requestKey: "reading-form-1", minutes: 30, title: "Laskar Pelangi" };
    const first = await reportReading(deps, resident, input);
    const again = await reportReading(deps, resident, input);
    expect(first).toMatchObject({ created: true, told: 2 });
    expect(again).toMatchObject({ created: false, log: { id: first.log.id } });
    expect(await database.db.select().from(readingLog)).toHaveLength(1);
    const queued = await notices("reading-log");
    expect(queued.map((row) => row.chatId).sort()).toEqual([w.harun.id, w.rina.id].sort());
    const keyboard = (queued[0]!.payload as { reply_markup: { inline_keyboard: { callback_data: string }[][] } }).reply_markup.inline_keyboard.flat();
    expect(keyboard.map((button) => button.callback_data)).toEqual([readingConfirm.data({ log: first.log.id }), readingReject.data({ log: first.log.id })]);

    expect((await judgeReading(deps, w.keeper, { logId: first.log.id, approve: true })).decided).toBe(true);
    expect((await judgeReading(deps, await actorOf(w.rina), { logId: first.log.id, approve: false })).decided).toBe(false);
    const told = await notices("reading-log-decided");
    expect(told.map((row) => row.chatId)).toEqual([w.siti.id]);
    expect((await database.db.select().from(readingLog).where(eq(readingLog.id, first.log.id)))[0]!.status).toBe("confirmed");
  });
});
