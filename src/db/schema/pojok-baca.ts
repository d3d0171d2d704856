import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, pgEnum, pgTable, primaryKey, serial, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { person, rt } from "./people.js";

export const readingActivity = pgEnum("reading_activity", ["membaca_bersama", "mendongeng", "belajar_kelompok", "tpa_mengaji", "lainnya"]);

/** A session at an RT's reading corner, logged by its keeper. */
export const readingSession = pgTable("reading_session", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  requestKey: text("request_key").notNull().unique(),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  activity: readingActivity("activity").notNull(),
  /** What "lainnya" was. */
  activityNote: text("activity_note"),
  heldAt: timestamp("held_at", { withTimezone: true }).notNull(),
  /** Everyone who came, registered or not (children often are not). */
  attendeeCount: integer("attendee_count").notNull(),
  recordedBy: integer("recorded_by").notNull().references(() => person.id),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
}, (table) => [
  index("reading_session_rt_time_idx").on(table.rtId, table.heldAt),
  check("reading_session_attendees_range", sql`${table.attendeeCount} between 0 and 1000`),
]);

/** Registered residents who came to a session. */
export const readingSessionAttendee = pgTable("reading_session_attendee", {
  sessionId: bigint("session_id", { mode: "number" }).notNull().references(() => readingSession.id),
  personId: integer("person_id").notNull().references(() => person.id),
}, (table) => [primaryKey({ columns: [table.sessionId, table.personId] })]);

/** The corner's catalogue. */
export const book = pgTable("book", {
  id: serial("id").primaryKey(),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  title: text("title").notNull(),
  author: text("author"),
  copies: smallint("copies").notNull(),
  addedBy: integer("added_by").references(() => person.id),
  addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
}, (table) => [
  index("book_rt_idx").on(table.rtId),
  check("book_copies_range", sql`${table.copies} between 1 and 500`),
]);

export const bookLoan = pgTable("book_loan", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  requestKey: text("request_key").notNull().unique(),
  bookId: integer("book_id").notNull().references(() => book.id),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  personId: integer("person_id").notNull().references(() => person.id),
  lentAt: timestamp("lent_at", { withTimezone: true }).notNull(),
  dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
  lentBy: integer("lent_by").notNull().references(() => person.id),
  returnedAt: timestamp("returned_at", { withTimezone: true }),
  returnedBy: integer("returned_by").references(() => person.id),
}, (table) => [
  index("book_loan_open_book_idx").on(table.bookId).where(sql`${table.returnedAt} is null`),
  index("book_loan_open_due_idx").on(table.dueAt).where(sql`${table.returnedAt} is null`),
  index("book_loan_person_idx").on(table.personId),
]);

export const readingLogStatus = pgEnum("reading_log_status", ["pending", "confirmed", "rejected"]);

/** Reading a resident reports themselves; it counts once a keeper confirms it. */
export const readingLog = pgTable("reading_log", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  requestKey: text("request_key").notNull().unique(),
  personId: integer("person_id").notNull().references(() => person.id),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  minutes: smallint("minutes").notNull(),
  title: text("title").notNull(),
  loggedAt: timestamp("logged_at", { withTimezone: true }).notNull(),
  status: readingLogStatus("status").notNull().default("pending"),
  decidedBy: integer("decided_by").references(() => person.id),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
}, (table) => [
  index("reading_log_rt_status_idx").on(table.rtId, table.status),
  check("reading_log_minutes_range", sql`${table.minutes} between 1 and 1440`),
]);
