import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { eventOccurrence } from "./events.js";
import { person, rt } from "./people.js";

export const kasEntryKind = pgEnum("kas_entry_kind", ["income", "spending", "reversal"]);

/** Where money in the kas RT came from; `pembinaan` is the award's uang pembinaan. */
export const kasIncomeKind = pgEnum("kas_income_kind", ["iuran", "jimpitan", "swadaya", "pembinaan", "donasi", "lainnya"]);

/**
 * The RT's cash book (kas RT), append-only: a trigger refuses UPDATE and DELETE (but for the
 * erasure's blanking of free text, see the migration), and a mistake is undone by a reversal entry
 * pointing at it. `amount` is signed whole Rupiah: income adds, spending takes, a reversal is the
 * opposite of what it reverses. `request_key` makes one confirmed form one entry.
 */
export const kasEntry = pgTable("kas_entry", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  requestKey: text("request_key").notNull().unique(),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  kind: kasEntryKind("kind").notNull(),
  incomeKind: kasIncomeKind("income_kind"),
  amount: bigint("amount", { mode: "number" }).notNull(),
  /** A spending paid from the award's uang pembinaan (reported line by line); a reversal copies it. */
  fromAward: boolean("from_award").notNull().default(false),
  /** What a spending was for, or a note on an income; free text of the RT's book. */
  purpose: text("purpose"),
  /** Telegram's ids of the receipt photo of a spending (never the bytes). */
  receiptFileId: text("receipt_file_id"),
  receiptFileUniqueId: text("receipt_file_unique_id"),
  reversesEntryId: bigint("reverses_entry_id", { mode: "number" }),
  reason: text("reason"),
  /** Jimpitan: the ronda night it was collected on, once per night. */
  occurrenceId: bigint("occurrence_id", { mode: "number" }).references(() => eventOccurrence.id),
  /** Jimpitan: who collected it (person ids of the shift). */
  collectedBy: integer("collected_by").array(),
  occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  recordedBy: integer("recorded_by").notNull().references(() => person.id),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
}, (table) => [
  uniqueIndex("kas_entry_reverses_uq").on(table.reversesEntryId).where(sql`${table.reversesEntryId} is not null`),
  uniqueIndex("kas_entry_jimpitan_night_uq").on(table.occurrenceId).where(sql`${table.kind} = 'income' and ${table.occurrenceId} is not null`),
  index("kas_entry_rt_time_idx").on(table.rtId, table.occurredAt),
  check(
    "kas_entry_shape",
    sql`case ${table.kind}
      when 'income' then ${table.amount} > 0 and ${table.incomeKind} is not null and ${table.reversesEntryId} is null and not ${table.fromAward}
      when 'spending' then ${table.amount} < 0 and ${table.incomeKind} is null and ${table.reversesEntryId} is null and ${table.purpose} is not null and ${table.receiptFileId} is not null
      else ${table.reversesEntryId} is not null and ${table.reason} is not null and ${table.amount} <> 0 end`,
  ),
]);

/** The RT's balance, kept equal to the sum of its entries; locked FOR UPDATE by every entry. */
export const kasBalance = pgTable("kas_balance", {
  rtId: integer("rt_id").primaryKey().references(() => rt.id),
  balance: bigint("balance", { mode: "number" }).notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
}, (table) => [check("kas_balance_not_negative", sql`${table.balance} >= 0`)]);
