import { sql } from "drizzle-orm";
import { check, doublePrecision, index, integer, pgEnum, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { person, rt } from "./people.js";

/** What a resident reports (/lapor); the indicators each concerns are in src/domain/reports/categories.ts. */
export const residentReportCategory = pgEnum("resident_report_category", ["saluran", "sampah", "lampu", "keamanan", "fasilitas", "lainnya"]);

/** baru → diterima → ditangani → selesai; any open one → ditolak (with a reason). */
export const residentReportStatus = pgEnum("resident_report_status", ["baru", "diterima", "ditangani", "selesai", "ditolak"]);

/**
 * A problem a resident reported in their RT (/lapor). The reporter is known to the RT's ketua (who
 * follows it up) and to the reporter; nobody else is shown who it was. The times of the first step
 * and of the closing step are kept on the row so the RT's response times are one query; each step
 * is in the audit log (ids only). `last_step_at` is when it was last moved (or filed): a report
 * still open N days after it is escalated once (`escalated_at`) to the area's koordinator.
 */
export const residentReport = pgTable("resident_report", {
  id: serial("id").primaryKey(),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  /** Null once the reporter erased their data: the report stays the RT's, with no one behind it. */
  reporterPersonId: integer("reporter_person_id").references(() => person.id),
  category: residentReportCategory("category").notNull(),
  /** What the resident wrote; blanked when they erase their data. */
  description: text("description").notNull(),
  /** Telegram's ids of the photo's largest size (no bytes kept); null when skipped or erased. */
  photoFileId: text("photo_file_id"),
  photoFileUniqueId: text("photo_file_unique_id"),
  /** A location shared with Telegram's location button, or none. */
  latitude: doublePrecision("latitude"),
  longitude: doublePrecision("longitude"),
  status: residentReportStatus("status").notNull().default("baru"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  /** The ketua's first step (diterima, or straight to ditangani/ditolak). */
  firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
  /** selesai or ditolak. */
  closedAt: timestamp("closed_at", { withTimezone: true }),
  lastStepAt: timestamp("last_step_at", { withTimezone: true }).notNull(),
  lastStepBy: integer("last_step_by").references(() => person.id),
  /** Why it was refused (ditolak), as the ketua wrote it; shown to the reporter. */
  rejectReason: text("reject_reason"),
  escalatedAt: timestamp("escalated_at", { withTimezone: true }),
  /** The /lapor form's key: a double tap or a redelivered confirm stores one report. */
  requestKey: text("request_key").notNull().unique(),
}, (table) => [
  index("resident_report_rt_idx").on(table.rtId, table.status, table.createdAt),
  index("resident_report_reporter_idx").on(table.reporterPersonId),
  index("resident_report_open_idx").on(table.lastStepAt).where(sql`${table.status} in ('baru', 'diterima', 'ditangani') and ${table.escalatedAt} is null`),
  check("resident_report_location", sql`(${table.latitude} is null) = (${table.longitude} is null) and (${table.latitude} is null or (${table.latitude} between -90 and 90 and ${table.longitude} between -180 and 180))`),
  check("resident_report_reason", sql`(${table.status} = 'ditolak') = (${table.rejectReason} is not null)`),
]);
