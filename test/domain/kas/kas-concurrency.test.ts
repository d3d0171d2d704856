import { like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../../src/db/client.js";
import { event, eventOccurrence, kasEntry, roleAssignment, shiftAssignment } from "../../../src/db/schema/index.js";
import { DomainError } from "../../../src/domain/errors.js";
import { auditKasBook, kasBalanceOf, recordIncome, recordJimpitan, recordSpending, reverseKasEntry, type Saved } from "../../../src/domain/kas/book.js";
import { loadActor, type Actor } from "../../../src/domain/people/actor.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addMember, addRt, newUser } from "../../helpers/fixtures.js";
import { serviceDeps } from "../../helpers/service-deps.js";

// Several connection pools on one real PostgreSQL server: PGlite has a single connection and
// cannot race. Skipped without TEST_DATABASE_URL.
const skip = !process.env.TEST_DATABASE_URL;

const database = withTestDatabase();
let pools: DatabaseHandle[] = [];
const NOW = new Date("2026-11-22T03:00:00Z");

beforeAll(async () => {
  if (!skip) pools = await Promise.all([1, 2, 3].map(() => openDatabase({ kind: "postgres", url: database.url! })));
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

type World = { rts: number[]; keepers: Actor[] };
let world: World;

beforeEach(async () => {
  if (skip) return;
  const rts: number[] = [];
  const keepers: Actor[] = [];
  for (const number of [5, 6]) {
    const place = await addRt(database.db, number);
    const user = newUser(`Bendahara${number}`);
    const { personId } = await addMember(database.db, user, place.id);
    await database.db.insert(roleAssignment).values({ personId, role: "bendahara", rtId: place.id });
    rts.push(place.id);
    keepers.push(await loadActor(database.db, user.id, []));
  }
  world = { rts, keepers };
});

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function outcome<T>(operation: Promise<T>): Promise<T | { refused: string }> {
  try {
    return await operation;
  } catch (error) {
    if (error instanceof DomainError) return { refused: error.code };
    throw error;
  }
}

const isSaved = (value: unknown): value is Saved => typeof value === "object" && value !== null && "entry" in value;
const receipt = { fileId: "receipt", fileUniqueId: "receipt-u" };

describe.skipIf(skip)("the kas RT under concurrent use (real PostgreSQL, several connections)", () => {
  it("loses no update and never goes negative: 3 pools × 20 parallel entries, five rounds, two RTs", async () => {
    const next = random(20261205);
    const saved: (Saved & { rtId: number })[] = [];
    const refusals: string[] = [];
    let attempted = 0;
    for (let round = 0; round < 5; round++) {
      const operations = pools.flatMap((pool) =>
        Array.from({ length: 20 }, () => {
          const which = Math.floor(next() * 2);
          const rtId = world.rts[which]!;
          const actor = world.keepers[which]!;
          const deps = serviceDeps(pool.db, new Date(NOW.getTime() + round * 60_000));
          const requestKey = `race:${round}:${attempted++}`;
          const amount = 1000 + Math.floor(next() * 30_000);
          const operation = next() < 0.55
            ? recordIncome(deps, actor, { rtId, incomeKind: "iuran", amount, requestKey })
            : recordSpending(deps, actor, { rtId, amount, purpose: "Belanja", receipt, fromAward: false, requestKey });
          return outcome(operation.then((result) => ({ ...result, rtId })));
        }),
      );
      for (const result of await Promise.all(operations)) {
        if (isSaved(result)) saved.push(result);
        else refusals.push(result.refused);
      }
    }
    expect(saved.length + refusals.length).toBe(300);
    expect(new Set(refusals)).toEqual(new Set(["kas-insufficient"]));
    expect(refusals.length).toBeGreaterThan(0);
    expect(saved.filter((row) => row.entry.kind === "spending").length).toBeGreaterThan(0);
    for (const rtId of world.rts) {
      const own = saved.filter((row) => row.rtId === rtId).sort((a, b) => a.entry.id - b.entry.id);
      // Each entry's balance is the one before it plus its amount, never below zero: one after another.
      let running = 0;
      for (const row of own) {
        running += row.entry.amount;
        expect(row.balance).toBe(running);
        expect(row.balance).toBeGreaterThanOrEqual(0);
      }
      expect(await kasBalanceOf(database.db, rtId)).toBe(running);
    }
    expect(await auditKasBook(database.db)).toMatchObject({ entries: saved.length, ok: true });
  });

  it("the same request key from two connections at once records one entry (the first entry of the RT, so its balance row is new too)", async () => {
    const [a, b] = pools as [DatabaseHandle, DatabaseHandle];
    const pairs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const which = i % 2;
        const request = { rtId: world.rts[which]!, incomeKind: "jimpitan" as const, amount: 1000 + i, requestKey: `tap:${i}` };
        const submit = (pool: DatabaseHandle) => recordIncome(serviceDeps(pool.db, NOW), world.keepers[which]!, request);
        return Promise.all(i % 3 ? [submit(a), submit(b)] : [submit(b), submit(a)]);
      }),
    );
    for (const [first, second] of pairs) {
      expect([first.created, second.created].sort()).toEqual([false, true]);
      expect(first.entry.id).toBe(second.entry.id);
    }
    expect(await database.db.select({ id: kasEntry.id }).from(kasEntry).where(like(kasEntry.requestKey, "tap:%"))).toHaveLength(20);
    expect((await auditKasBook(database.db)).ok).toBe(true);
  });

  it("two corrections of one entry at once (different keys): one is recorded, the other refused as already corrected", async () => {
    const [a, b] = pools as [DatabaseHandle, DatabaseHandle];
    const deps = serviceDeps(database.db, NOW);
    const originals = [];
    for (let i = 0; i < 10; i++) originals.push(await recordIncome(deps, world.keepers[0]!, { rtId: world.rts[0]!, incomeKind: "donasi", amount: 5000, requestKey: `dep:${i}` }));
    const pairs = await Promise.all(
      originals.map((original, i) => {
        const submit = (pool: DatabaseHandle, side: string) =>
          outcome(reverseKasEntry(serviceDeps(pool.db, NOW), world.keepers[0]!, { entryId: original.entry.id, reason: "salah", requestKey: `rev:${i}:${side}` }));
        return Promise.all([submit(a, "a"), submit(b, "b")]);
      }),
    );
    for (const pair of pairs) {
      expect(pair.filter(isSaved)).toHaveLength(1);
      expect(pair.filter((result) => !isSaved(result))).toEqual([{ refused: "kas-already-reversed" }]);
    }
    expect(await kasBalanceOf(database.db, world.rts[0]!)).toBe(0);
    expect(await auditKasBook(database.db)).toMatchObject({ doubleReversals: 0, ok: true });
  });

  it("two of the shift recording one night's jimpitan at once record it once", async () => {
    const [a, b] = pools as [DatabaseHandle, DatabaseHandle];
    const rtId = world.rts[0]!;
    const users = [newUser("Jaga1"), newUser("Jaga2")];
    const ids = [];
    for (const user of users) ids.push((await addMember(database.db, user, rtId)).personId);
    const startsAt = new Date("2026-11-21T15:00:00Z");
    const [created] = await database.db.insert(event).values({ rtId, kind: "ronda", place: "Pos", firstStartsAt: startsAt, durationMinutes: 360, recurrence: {} }).returning({ id: event.id });
    const [night] = await database.db.insert(eventOccurrence).values({ eventId: created!.id, rtId, kind: "ronda", place: "Pos", startsAt, endsAt: new Date(startsAt.getTime() + 6 * 3_600_000) }).returning({ id: eventOccurrence.id });
    for (const personId of ids) await database.db.insert(shiftAssignment).values({ occurrenceId: night!.id, personId, assignedAt: startsAt, source: "rota" });
    const actors = await Promise.all(users.map((user) => loadActor(database.db, user.id, [])));
    const [first, second] = await Promise.all([
      recordJimpitan(serviceDeps(a.db, NOW), actors[0]!, { occurrenceId: night!.id, amount: 30_000 }),
      recordJimpitan(serviceDeps(b.db, NOW), actors[1]!, { occurrenceId: night!.id, amount: 31_000 }),
    ]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(first.entry.id).toBe(second.entry.id);
    expect(await kasBalanceOf(database.db, rtId)).toBe(first.entry.amount);
    expect((await auditKasBook(database.db)).ok).toBe(true);
  });
});
