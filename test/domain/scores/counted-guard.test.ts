import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows, type Database } from "../../../src/db/client.js";
import { rt as rtTable } from "../../../src/db/schema/index.js";
import { countedOrNone } from "../../../src/domain/scores/counted-guard.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addRt } from "../../helpers/fixtures.js";

const database = withTestDatabase();

/**
 * The counted line is read on the transaction of what it follows (a deposit's receipt carries it).
 * Its read failing must never undo that work: deposit(), logSession(), checkIn() and checkInOnDuty()
 * read it through countedOrNone, shown here with a statement the database itself refuses.
 */
describe("the counted line never rolls back what it follows (issue 17)", () => {
  const failingRead = (db: Database) => queryRows<{ x: number }>(db, sql`select 1 / (select count(*) from ${rtTable} where false) as x`).then(() => null);

  it("a read the database refuses yields no line, and the transaction's writes before and after it commit", async () => {
    const place = await addRt(database.db, 5, undefined, 10);
    const line = await database.db.transaction(async (tx) => {
      await tx.update(rtTable).set({ householdCount: 11 }).where(eq(rtTable.id, place.id));
      const counted = await countedOrNone(tx as unknown as Database, failingRead);
      await tx.update(rtTable).set({ householdCount: 12 }).where(eq(rtTable.id, place.id));
      return counted;
    });
    expect(line).toBeNull();
    const [row] = await database.db.select({ kk: rtTable.householdCount }).from(rtTable).where(eq(rtTable.id, place.id));
    expect(row!.kk).toBe(12);
  });

  it("(why the savepoint) catching the same failure without it still loses the transaction", async () => {
    const place = await addRt(database.db, 5, undefined, 10);
    await expect(
      database.db.transaction(async (tx) => {
        await tx.update(rtTable).set({ householdCount: 11 }).where(eq(rtTable.id, place.id));
        await failingRead(tx as unknown as Database).catch(() => null);
        await tx.update(rtTable).set({ householdCount: 12 }).where(eq(rtTable.id, place.id));
      }),
    ).rejects.toThrow();
    const [row] = await database.db.select({ kk: rtTable.householdCount }).from(rtTable).where(eq(rtTable.id, place.id));
    expect(row!.kk).toBe(10);
  });

  it("outside a transaction (a check-in, written already), a read the database refuses yields no line", async () => {
    expect(await countedOrNone(database.db, failingRead)).toBeNull();
  });

  it("a read that works returns its line", async () => {
    expect(await countedOrNone(database.db, async (db) => (await queryRows<{ x: number }>(db, sql`select 7 as x`))[0]!.x)).toBe(7);
  });
});
