import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, serial, smallint, text, timestamp } from "drizzle-orm/pg-core";
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
