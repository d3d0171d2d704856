import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { person, rt } from "./people.js";

export const eventKind = pgEnum("event_kind", ["gotong_royong", "ronda", "rapat", "lainnya"]);

/** A scheduled activity of an RT, once or repeating; its dates live in event_occurrence. */
export const event = pgTable("event", {
  id: serial8("id"),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  kind: eventKind("kind").notNull(),
  place: text("place").notNull(),
  notes: text("notes"),
  /** The first occurrence; repetitions follow `recurrence` from it. */
  firstStartsAt: timestamp("first_starts_at", { withTimezone: true }).notNull(),
  durationMinutes: integer("duration_minutes").notNull(),
  /** src/domain/schedule/recurrence.ts `Recurrence`, as JSON. */
  recurrence: jsonb("recurrence").notNull(),
  createdBy: integer("created_by").references(() => person.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
}, (table) => [
  index("event_rt_idx").on(table.rtId),
  check("event_duration_range", sql`${table.durationMinutes} between 15 and 1440`),
]);

/**
 * One dated occurrence of an event, materialised a few weeks ahead. RSVPs, check-ins, ronda
 * shifts and reminders hang off occurrences, so an edit to one date leaves the others alone.
 */
export const eventOccurrence = pgTable("event_occurrence", {
  id: serial8("id"),
  eventId: bigint("event_id", { mode: "number" }).notNull().references(() => event.id),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  kind: eventKind("kind").notNull(),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  place: text("place").notNull(),
  cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  /** Shown by the ketua or petugas during the event; residents send it to check in. */
  checkinCode: text("checkin_code"),
  /** For ronda: how many people the shift needs. */
  shiftSize: smallint("shift_size"),
}, (table) => [
  uniqueIndex("occurrence_event_start_uq").on(table.eventId, table.startsAt),
  uniqueIndex("occurrence_checkin_code_uq").on(table.checkinCode).where(sql`${table.checkinCode} is not null`),
  index("occurrence_rt_start_idx").on(table.rtId, table.startsAt),
  index("occurrence_start_idx").on(table.startsAt).where(sql`${table.cancelledAt} is null`),
]);

export const rsvpAnswer = pgEnum("rsvp_answer", ["hadir", "tidak", "mungkin"]);

export const rsvp = pgTable("rsvp", {
  occurrenceId: bigint("occurrence_id", { mode: "number" }).notNull().references(() => eventOccurrence.id),
  personId: integer("person_id").notNull().references(() => person.id),
  answer: rsvpAnswer("answer").notNull(),
  answeredAt: timestamp("answered_at", { withTimezone: true }).notNull(),
}, (table) => [primaryKey({ columns: [table.occurrenceId, table.personId] })]);

export const participationKind = pgEnum("participation_kind", [
  "gotong_royong", "ronda", "rapat", "lainnya", "bank_sampah", "pojok_baca_sesi", "pojok_baca_pinjam", "membaca",
]);

/**
 * The record the scores are computed from: who took part in what, when, for which RT and household.
 * One row per source (`source_key`, e.g. `occurrence:12:person:5`), so a second check-in, a
 * double-tapped tick or a redelivered update cannot count twice. RT, household and kind are copied
 * in at the time, so weekly aggregates need no joins and stay right after people move or leave.
 */
export const participation = pgTable("participation", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  sourceKey: text("source_key").notNull().unique(),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  personId: integer("person_id").notNull().references(() => person.id),
  /** The household (KK) label at the time: participating households ÷ KK count is a score. */
  householdLabel: text("household_label"),
  kind: participationKind("kind").notNull(),
  occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  verified: boolean("verified").notNull(),
  /** checkin-code, ketua-checklist, deposit, session, loan, self-report … */
  source: text("source").notNull(),
  occurrenceId: bigint("occurrence_id", { mode: "number" }).references(() => eventOccurrence.id),
  recordedBy: integer("recorded_by").references(() => person.id),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  /** A checklist tick taken back: the row stays (append-only), excluded from scores. */
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
}, (table) => [
  index("participation_rt_time_idx").on(table.rtId, table.occurredAt),
  index("participation_person_time_idx").on(table.personId, table.occurredAt),
  index("participation_occurrence_idx").on(table.occurrenceId),
  // The scores read every RT's records of a period at once (the 28-day window, 12 weeks of
  // trends): a range over time that carries every column they read, so the scan is index-only
  // (drizzle 0.45 has no INCLUDE, so they are trailing key columns).
  index("participation_time_idx").on(table.occurredAt, table.rtId, table.kind, table.verified, table.revokedAt, table.personId, table.householdLabel, table.occurrenceId),
]);

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
  id: serial8("id"),
  occurrenceId: bigint("occurrence_id", { mode: "number" }).notNull().references(() => eventOccurrence.id),
  fromPersonId: integer("from_person_id").notNull().references(() => person.id),
  toPersonId: integer("to_person_id").references(() => person.id),
  status: swapStatus("status").notNull().default("open"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
}, (table) => [uniqueIndex("swap_one_open_uq").on(table.occurrenceId, table.fromPersonId).where(sql`${table.status} = 'open'`)]);

/** Per-RT reminder times; null turns one off. */
export const reminderSetting = pgTable("reminder_setting", {
  rtId: integer("rt_id").primaryKey().references(() => rt.id),
  eveningBefore: text("evening_before").default("19:00"),
  hoursBefore: smallint("hours_before").default(2),
  rondaDutyAt: text("ronda_duty_at").default("17:00"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** One row per scheduled tick that ran: node-cron's run coordinator elects one instance per tick. */
export const cronRun = pgTable("cron_run", {
  key: text("key").primaryKey(),
  claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

function serial8(name: string) {
  return bigserial(name, { mode: "number" }).primaryKey();
}
