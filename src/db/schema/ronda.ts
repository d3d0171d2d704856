import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { event, eventOccurrence } from "./events.js";
import { person, rt } from "./people.js";

/** How an RT keeps watch; the rota is generated from it. */
export const rondaSetup = pgTable("ronda_setup", {
  rtId: integer("rt_id").primaryKey().references(() => rt.id),
  /** Weekdays (0 = Minggu … 6 = Sabtu) with a watch. */
  nights: smallint("nights").array().notNull(),
  startTime: text("start_time").notNull(),
  endTime: text("end_time").notNull(),
  post: text("post").notNull(),
  perShift: smallint("per_shift").notNull(),
  eventId: bigint("event_id", { mode: "number" }).references(() => event.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
}, (table) => [check("ronda_per_shift_range", sql`${table.perShift} between 1 and 20`)]);

/** Residents who opted in with /siapronda, and the nights they cannot do. */
export const rondaVolunteer = pgTable("ronda_volunteer", {
  rtId: integer("rt_id").notNull().references(() => rt.id),
  personId: integer("person_id").notNull().references(() => person.id),
  unavailableWeekdays: smallint("unavailable_weekdays").array().notNull().default(sql`'{}'::smallint[]`),
  unavailableDates: text("unavailable_dates").array().notNull().default(sql`'{}'::text[]`),
  joinedAt: timestamp("joined_at", { withTimezone: true }).notNull(),
  leftAt: timestamp("left_at", { withTimezone: true }),
}, (table) => [primaryKey({ columns: [table.rtId, table.personId] })]);

/** Who is on watch for a ronda occurrence. */
export const shiftAssignment = pgTable("shift_assignment", {
  occurrenceId: bigint("occurrence_id", { mode: "number" }).notNull().references(() => eventOccurrence.id),
  personId: integer("person_id").notNull().references(() => person.id),
  assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull(),
  /** rota, or swap:<request id>. */
  source: text("source").notNull(),
}, (table) => [primaryKey({ columns: [table.occurrenceId, table.personId] }), index("shift_person_idx").on(table.personId)]);

export const swapStatus = pgEnum("swap_status", ["open", "accepted", "cancelled"]);

export const swapRequest = pgTable("swap_request", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  occurrenceId: bigint("occurrence_id", { mode: "number" }).notNull().references(() => eventOccurrence.id),
  fromPersonId: integer("from_person_id").notNull().references(() => person.id),
  toPersonId: integer("to_person_id").references(() => person.id),
  status: swapStatus("status").notNull().default("open"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
}, (table) => [uniqueIndex("swap_one_open_uq").on(table.occurrenceId, table.fromPersonId).where(sql`${table.status} = 'open'`)]);
