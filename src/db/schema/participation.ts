import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { eventOccurrence } from "./events.js";
import { person, rt } from "./people.js";

export const participationKind = pgEnum("participation_kind", [
  "gotong_royong", "ronda", "rapat", "lainnya", "bank_sampah", "pojok_baca_sesi", "pojok_baca_pinjam", "membaca",
  // Issue 15: the event kinds of the same names (an event's participation has its event's kind).
  "kebun_toga", "kerja_bakti_sanitasi", "senam_lansia", "posyandu", "pengajian", "yasinan", "karang_taruna", "pkk",
  // Issue 17: a vote in a musyawarah poll (/polling), written when the poll closes; counts toward A5.
  "musyawarah",
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
  // An area's pages (a kecamatan's 240 RTs, one RT) read their RTs' records of a period: the same
  // columns carried, RT first, so the scan reads those RTs' ranges alone (issue 16's dashboard).
  index("participation_rt_cover_idx").on(table.rtId, table.occurredAt, table.kind, table.verified, table.revokedAt, table.personId, table.householdLabel, table.occurrenceId),
  // Has this RT ever recorded this kind (the hand-score-until-first-record rule): one probe per pair.
  index("participation_rt_kind_time_idx").on(table.rtId, table.kind, table.occurredAt).where(sql`${table.verified} and ${table.revokedAt} is null`),
  index("participation_person_time_idx").on(table.personId, table.occurredAt),
  index("participation_occurrence_idx").on(table.occurrenceId),
  // The scores read every RT's records of a period at once (the 28-day window, 12 weeks of
  // trends): a range over time that carries every column they read, so the scan is index-only
  // (drizzle 0.45 has no INCLUDE, so they are trailing key columns).
  index("participation_time_idx").on(table.occurredAt, table.rtId, table.kind, table.verified, table.revokedAt, table.personId, table.householdLabel, table.occurrenceId),
]);
