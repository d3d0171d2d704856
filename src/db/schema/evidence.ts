import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { assessmentRound } from "./cycle.js";
import { eventOccurrence } from "./events.js";
import { person, rt } from "./people.js";

/**
 * A photo kept as evidence for an RT all year: of an event or a ronda night (an occurrence), or of an
 * indicator (a ketua's or petugas' photo of the TOGA garden; an assessor's photo on site, with the
 * round). Only Telegram's file ids are stored, never image bytes: the evidence pack and the
 * dashboard fetch the file from Telegram when they need it. A removed photo keeps its row.
 */
export const evidence = pgTable("evidence", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  occurrenceId: bigint("occurrence_id", { mode: "number" }).references(() => eventOccurrence.id),
  indicatorCode: text("indicator_code"),
  roundId: integer("round_id").references(() => assessmentRound.id),
  /** Telegram's file_id of the largest size (to fetch it) and file_unique_id (to see a repeat). */
  fileId: text("file_id").notNull(),
  fileUniqueId: text("file_unique_id").notNull(),
  caption: text("caption"),
  addedBy: integer("added_by").references(() => person.id),
  addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
  /** The form's key and the photo's place in it: the same album sent twice is stored once. */
  requestKey: text("request_key").unique(),
  removedAt: timestamp("removed_at", { withTimezone: true }),
  removedBy: integer("removed_by").references(() => person.id),
}, (table) => [
  index("evidence_rt_idx").on(table.rtId, table.addedAt),
  index("evidence_occurrence_idx").on(table.occurrenceId),
  index("evidence_round_idx").on(table.roundId, table.rtId),
  check("evidence_target", sql`${table.occurrenceId} is not null or ${table.indicatorCode} is not null`),
  check("evidence_code_shape", sql`${table.indicatorCode} is null or ${table.indicatorCode} ~ '^[BAP][1-7]$'`),
]);
