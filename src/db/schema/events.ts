import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { person, rt } from "./people.js";

/**
 * Issue 15 added the kinds after `lainnya` (an enum value's place is fixed once released): kebun/TOGA
 * care, kerja bakti sanitasi, senam lansia, posyandu, and the gatherings of pengajian, yasinan, karang
 * taruna and PKK. Each evidences an indicator (see AUTOMATIC_CODES in domain/scores/indicators.ts).
 */
export const eventKind = pgEnum("event_kind", [
  "gotong_royong", "ronda", "rapat", "lainnya",
  "kebun_toga", "kerja_bakti_sanitasi", "senam_lansia", "posyandu", "pengajian", "yasinan", "karang_taruna", "pkk",
]);

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
  /**
   * The /acara form's key (made when it opened): a save pressed twice, on any instance, makes one
   * event. Null for events no form made (the ronda rota's).
   */
  requestKey: text("request_key").unique(),
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

/** Per-RT reminder times; null turns one off. */
export const reminderSetting = pgTable("reminder_setting", {
  rtId: integer("rt_id").primaryKey().references(() => rt.id),
  eveningBefore: text("evening_before").default("19:00"),
  hoursBefore: smallint("hours_before").default(2),
  rondaDutyAt: text("ronda_duty_at").default("17:00"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

function serial8(name: string) {
  return bigserial(name, { mode: "number" }).primaryKey();
}
