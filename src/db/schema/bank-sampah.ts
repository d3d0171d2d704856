import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, pgEnum, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { person, rt } from "./people.js";
import { kelurahan } from "./wilayah.js";

/** A waste bank: one RT's, or one serving several RTs of a kelurahan. */
export const wasteBank = pgTable("waste_bank", {
  id: serial("id").primaryKey(),
  kelurahanCode: text("kelurahan_code").notNull().references(() => kelurahan.code),
  name: text("name").notNull(),
  createdBy: integer("created_by").references(() => person.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/** The RTs a bank serves; an RT is served by at most one bank. */
export const wasteBankRt = pgTable("waste_bank_rt", {
  rtId: integer("rt_id").primaryKey().references(() => rt.id),
  wasteBankId: integer("waste_bank_id").notNull().references(() => wasteBank.id),
  addedBy: integer("added_by").references(() => person.id),
  addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
}, (table) => [index("waste_bank_rt_bank_idx").on(table.wasteBankId)]);

/** The bank's officers (petugas bank sampah). Revoked rows stay as history. */
export const wasteBankOfficer = pgTable("waste_bank_officer", {
  id: serial("id").primaryKey(),
  wasteBankId: integer("waste_bank_id").notNull().references(() => wasteBank.id),
  personId: integer("person_id").notNull().references(() => person.id),
  appointedBy: integer("appointed_by").references(() => person.id),
  appointedAt: timestamp("appointed_at", { withTimezone: true }).notNull(),
  revokedBy: integer("revoked_by").references(() => person.id),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
}, (table) => [
  uniqueIndex("waste_bank_officer_active_uq").on(table.wasteBankId, table.personId).where(sql`${table.revokedAt} is null`),
  index("waste_bank_officer_person_idx").on(table.personId),
]);

/** What a quantity is measured in: grams for `kg` types, millilitres for `liter` types. */
export const measureUnit = pgEnum("measure_unit", ["kg", "liter"]);

export const wasteType = pgTable("waste_type", {
  id: serial("id").primaryKey(),
  wasteBankId: integer("waste_bank_id").notNull().references(() => wasteBank.id),
  name: text("name").notNull(),
  unit: measureUnit("unit").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
}, (table) => [uniqueIndex("waste_type_bank_name_uq").on(table.wasteBankId, sql`lower(${table.name})`).where(sql`${table.retiredAt} is null`)]);

/**
 * Price history, append-only: the price of a type at a moment is the row with the latest
 * `effective_from` not after it (the latest set wins a tie). Rupiah per kg, or per liter.
 */
export const wastePrice = pgTable("waste_price", {
  id: serial("id").primaryKey(),
  wasteTypeId: integer("waste_type_id").notNull().references(() => wasteType.id),
  rupiahPerUnit: bigint("rupiah_per_unit", { mode: "number" }).notNull(),
  effectiveFrom: timestamp("effective_from", { withTimezone: true }).notNull(),
  setBy: integer("set_by").references(() => person.id),
  setAt: timestamp("set_at", { withTimezone: true }).notNull(),
}, (table) => [
  index("waste_price_type_from_idx").on(table.wasteTypeId, table.effectiveFrom),
  check("waste_price_range", sql`${table.rupiahPerUnit} between 0 and 10000000`),
]);

/** A resident's savings at one bank. `balance` is kept equal to the sum of its ledger entries. */
export const bankAccount = pgTable("bank_account", {
  id: serial("id").primaryKey(),
  wasteBankId: integer("waste_bank_id").notNull().references(() => wasteBank.id),
  personId: integer("person_id").notNull().references(() => person.id),
  balance: bigint("balance", { mode: "number" }).notNull().default(0),
  openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
}, (table) => [
  uniqueIndex("bank_account_bank_person_uq").on(table.wasteBankId, table.personId),
  index("bank_account_person_idx").on(table.personId),
  check("bank_account_balance_not_negative", sql`${table.balance} >= 0`),
]);

export const ledgerEntryKind = pgEnum("ledger_entry_kind", ["deposit", "withdrawal", "reversal"]);

/**
 * The ledger, append-only: a mistake is undone by a reversal entry pointing at it. `amount` is
 * signed Rupiah (a deposit adds, a withdrawal takes). `request_key` makes one confirmation one
 * entry, however many times the button or the update arrives.
 */
export const ledgerEntry = pgTable("ledger_entry", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  requestKey: text("request_key").notNull().unique(),
  accountId: integer("account_id").notNull().references(() => bankAccount.id),
  wasteBankId: integer("waste_bank_id").notNull().references(() => wasteBank.id),
  personId: integer("person_id").notNull().references(() => person.id),
  /** The resident's RT at the time, for the participation record and per-RT totals. */
  rtId: integer("rt_id").references(() => rt.id),
  kind: ledgerEntryKind("kind").notNull(),
  amount: bigint("amount", { mode: "number" }).notNull(),
  reversesEntryId: bigint("reverses_entry_id", { mode: "number" }),
  /**
   * A reversal of one line of a deposit names the line; null when it reverses the whole entry.
   * An entry is reversed whole once, or line by line (each line once), never both.
   */
  reversesLineNo: smallint("reverses_line_no"),
  reason: text("reason"),
  occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  recordedBy: integer("recorded_by").notNull().references(() => person.id),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
}, (table) => [
  uniqueIndex("ledger_entry_reverses_uq").on(table.reversesEntryId, sql`coalesce(${table.reversesLineNo}, 0)`).where(sql`${table.reversesEntryId} is not null`),
  index("ledger_entry_account_idx").on(table.accountId, table.id),
  index("ledger_entry_bank_time_idx").on(table.wasteBankId, table.occurredAt),
  // Every RT's deposits of a period, for the scores' kg collected.
  index("ledger_entry_deposit_time_idx").on(table.occurredAt, table.rtId).where(sql`${table.kind} = 'deposit'`),
  check(
    "ledger_entry_shape",
    sql`case ${table.kind}
      when 'deposit' then ${table.amount} >= 0 and ${table.reversesEntryId} is null and ${table.reversesLineNo} is null
      when 'withdrawal' then ${table.amount} < 0 and ${table.reversesEntryId} is null and ${table.reversesLineNo} is null
      else ${table.reversesEntryId} is not null and ${table.reason} is not null and coalesce(${table.reversesLineNo}, 1) > 0 end`,
  ),
]);

/**
 * The weighed lines of a deposit, each valued at the price of its moment. Quantities and Rupiah are
 * 64-bit, like every amount of money here; what fits in them is bounded by limits.ts.
 */
export const depositLine = pgTable("deposit_line", {
  entryId: bigint("entry_id", { mode: "number" }).notNull().references(() => ledgerEntry.id),
  lineNo: smallint("line_no").notNull(),
  wasteTypeId: integer("waste_type_id").notNull().references(() => wasteType.id),
  /** Grams for kg types, millilitres for liter types. */
  quantity: bigint("quantity", { mode: "number" }).notNull(),
  unit: measureUnit("unit").notNull(),
  priceId: integer("price_id").notNull().references(() => wastePrice.id),
  rupiahPerUnit: bigint("rupiah_per_unit", { mode: "number" }).notNull(),
  value: bigint("value", { mode: "number" }).notNull(),
}, (table) => [
  primaryKey({ columns: [table.entryId, table.lineNo] }),
  check("deposit_line_quantity_range", sql`${table.quantity} > 0`),
  check("deposit_line_value_range", sql`${table.value} >= 0`),
]);
