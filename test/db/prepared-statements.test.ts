import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.js";
import { withTestDatabase } from "../helpers/database.js";

const database = withTestDatabase({ truncate: false });

/**
 * On PostgreSQL the pool sends parameterised statements prepared (src/db/client.ts): one round trip
 * each after the first on a connection, where drizzle's unnamed ones took two. A transaction (and a
 * savepoint) keeps its statements on one connection, where pg_prepared_statements shows them.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("statements of the pool", () => {
  const preparedLike = (marker: string) =>
    sql`select count(*)::int as prepared from pg_prepared_statements where statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`;

  it("are prepared in a transaction, and answer as before", async () => {
    const found = await database.db.transaction(async (tx) => {
      const [row] = await queryRows<{ doubled: number }>(tx, sql`select ${21}::int * 2 as doubled /* marker-tx */`);
      const [again] = await queryRows<{ doubled: number }>(tx, sql`select ${4}::int * 2 as doubled /* marker-tx */`);
      const [listed] = await queryRows<{ prepared: number }>(tx, preparedLike("marker-tx"));
      return { row, again, listed };
    });
    expect(found.row?.doubled).toBe(42);
    expect(found.again?.doubled).toBe(8);
    // Prepared once on the connection, run twice.
    expect(found.listed?.prepared).toBe(1);
  });

  it("are prepared in a savepoint (a nested transaction)", async () => {
    const listed = await database.db.transaction(async (tx) =>
      tx.transaction(async (inner) => {
        await queryRows(inner, sql`select ${1}::int as one /* marker-savepoint */`);
        const [row] = await queryRows<{ prepared: number }>(inner, preparedLike("marker-savepoint"));
        return row?.prepared;
      }),
    );
    expect(listed).toBe(1);
  });

  it("without parameters still go by the simple protocol, unprepared", async () => {
    const listed = await database.db.transaction(async (tx) => {
      await queryRows(tx, sql`select 1 as one /* marker-simple */`);
      const [row] = await queryRows<{ prepared: number }>(tx, preparedLike("marker-simple"));
      return row?.prepared;
    });
    expect(listed).toBe(0);
  });
});
