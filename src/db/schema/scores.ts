import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgTable, primaryKey, serial, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { eventOccurrence } from "./events.js";
import { person, rt } from "./people.js";

/**
 * Indicator scores a koordinator enters by hand, append-only: a correction is a new row. The
 * current score of (RT, indicator) is its latest assessment: greatest `assessed_on`, then the
 * latest entered.
 */
export const indicatorScore = pgTable("indicator_score", {
  id: serial("id").primaryKey(),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  /** B1 … P7; src/domain/scores/indicators.ts refuses the automatic ones. */
  indicatorCode: text("indicator_code").notNull(),
  score: smallint("score").notNull(),
  note: text("note"),
  /** The WIB date the RT was assessed, YYYY-MM-DD. */
  assessedOn: date("assessed_on", { mode: "string" }).notNull(),
  enteredBy: integer("entered_by").notNull().references(() => person.id),
  enteredAt: timestamp("entered_at", { withTimezone: true }).notNull(),
  /**
   * The form step's key (`<form key>:<indicator>`): the bulk pass saves each answer at once, so a
   * double tap or a redelivery must find the row it made. Null for /nilai's entries, which are
   * idempotent by their fixed entry instant.
   */
  requestKey: text("request_key").unique(),
}, (table) => [
  index("indicator_score_rt_code_idx").on(table.rtId, table.indicatorCode, table.assessedOn, table.id),
  check("indicator_score_range", sql`${table.score} between 0 and 2`),
  check("indicator_score_code_shape", sql`${table.indicatorCode} ~ '^[BAP][1-7]$'`),
]);

/**
 * The weekly rollup of participation (issue 18), kept by triggers on `participation` in the
 * writer's transaction (migration 0020): one row per RT, WIB week (`wibWeekIndex`,
 * src/domain/scores/weeks.ts) and unit, a unit being a household (the md5 of the HOUSEHOLD key of
 * src/domain/scores/metrics.ts: the trimmed, lower-cased label, or `person:<id>`) or, for the
 * readers' count, a person (`reader:<id>`). Each column counts the unit's unrevoked records of the
 * week of one sort, so a record taken back, deleted, relabelled (erasure) or moved is subtracted
 * exactly, and a row whose counts are all 0 is deleted: "households that took part" is the number
 * of rows with `counted > 0`, which is what weeklyRtMetrics counted from the raw records. Musyawarah
 * votes are not here (they count for A5 alone). The label itself is not kept, only its md5: a
 * pseudonym, linkable by whoever holds the label or the person's id, so personal data no more
 * than participation's own (erasure's relabelling of participation moves the counts, by the triggers).
 */
export const rtWeekRollup = pgTable("rt_week_rollup", {
  week: integer("week").notNull(),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  unit: uuid("unit").notNull(),
  /** Verified records (any kind but musyawarah). */
  counted: integer("counted").notNull().default(0),
  /** Records not (yet) verified. */
  unverified: integer("unverified").notNull().default(0),
  /** Verified gotong royong or bank sampah records (B3). */
  clean: integer("clean").notNull().default(0),
  bank: integer("bank").notNull().default(0),
  kebun: integer("kebun").notNull().default(0),
  /** Verified pengajian, yasinan, karang taruna or PKK records (A7). */
  gathering: integer("gathering").notNull().default(0),
  /** Verified reading records of the person (`reader:<id>` units only). */
  reading: integer("reading").notNull().default(0),
}, (table) => [primaryKey({ columns: [table.week, table.rtId, table.unit] })]);

/**
 * Who came to an occurrence (issue 18), kept by the same triggers: one row per occurrence and
 * household (the unit of rt_week_rollup) with its verified, unrevoked records pointing at the
 * occurrence; deleted at 0. `occurrence_attendance` counts those rows per occurrence, moved only
 * when a household's first record comes or its last goes, so the scores read one number per held
 * occurrence instead of its records.
 */
export const occurrenceHousehold = pgTable("occurrence_household", {
  occurrenceId: bigint("occurrence_id", { mode: "number" }).notNull().references(() => eventOccurrence.id),
  unit: uuid("unit").notNull(),
  records: integer("records").notNull().default(0),
}, (table) => [primaryKey({ columns: [table.occurrenceId, table.unit] })]);

export const occurrenceAttendance = pgTable("occurrence_attendance", {
  occurrenceId: bigint("occurrence_id", { mode: "number" }).primaryKey().references(() => eventOccurrence.id),
  /** Distinct households with a verified, unrevoked record of the occurrence. */
  households: integer("households").notNull(),
});
