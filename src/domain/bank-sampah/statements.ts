import { and, eq, lt, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { ledgerEntry } from "../../db/schema/index.js";
import { addMonths, monthOf, monthRange, parseMonthKey, type Month } from "../schedule/month.js";

/** How many months without the current and the last one a /saldo offers as buttons. */
export const OLDER_MONTHS_MAX = 10;

/**
 * The months a statement is offered for: this month and the last always, then earlier months in
 * which the account has entries, newest first.
 */
export async function statementMonths(db: Database, params: { wasteBankId: number; personId: number; now: Date }): Promise<Month[]> {
  const { wasteBankId, personId, now } = params;
  const current = monthOf(now);
  const previous = addMonths(current, -1);
  const { from } = monthRange(previous);
  // WIB wall-clock months, reckoned from UTC so no time-zone data is needed.
  const rows = await queryRows<{ month: string }>(db, sql`
    select distinct to_char((${ledgerEntry.occurredAt} at time zone 'UTC') + interval '7 hours', 'YYYY-MM') as month
    from ${ledgerEntry}
    where ${and(eq(ledgerEntry.wasteBankId, wasteBankId), eq(ledgerEntry.personId, personId), lt(ledgerEntry.occurredAt, from))}
    order by month desc
    limit ${OLDER_MONTHS_MAX}
  `);
  const older = rows.flatMap((row) => parseMonthKey(String(row.month)) ?? []);
  return [current, previous, ...older];
}
