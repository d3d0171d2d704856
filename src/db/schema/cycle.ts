import { sql } from "drizzle-orm";
import { bigint, bigserial, check, date, index, integer, jsonb, pgEnum, pgTable, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { person, rt } from "./people.js";
import { kecamatan } from "./wilayah.js";

/**
 * The program's own cycle (Perwali 47/2014): the city opens a round, each kelurahan proposes RTs that
 * do not hold the title, a team from several offices visits and scores them on the 21 indicators,
 * the city decides by SK and awards the title by category, and the holders are watched until the
 * next step (Kencana). Rows here are history: nothing is deleted, corrections are new rows.
 */

/**
 * One assessment round a year, opened by an admin (DPMPPA). Its phases follow from its dates (WIB
 * dates, inclusive): proposals until `proposal_deadline`, visits `visit_from`..`visit_to`, the
 * decision planned on `decision_on`; `decided_at` is set when the admin records the SK.
 */
export const assessmentRound = pgTable("assessment_round", {
  id: serial("id").primaryKey(),
  year: integer("year").notNull().unique(),
  proposalDeadline: date("proposal_deadline", { mode: "string" }).notNull(),
  visitFrom: date("visit_from", { mode: "string" }).notNull(),
  visitTo: date("visit_to", { mode: "string" }).notNull(),
  decisionOn: date("decision_on", { mode: "string" }).notNull(),
  openedBy: integer("opened_by").references(() => person.id),
  openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
  /** The opening form's key: a save pressed twice, on any instance, opens one round. */
  requestKey: text("request_key").unique(),
  /** The Surat Keputusan of the Wali Kota naming the winners. */
  skNumber: text("sk_number"),
  skDate: date("sk_date", { mode: "string" }),
  decidedBy: integer("decided_by").references(() => person.id),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
}, (table) => [
  check("assessment_round_year_range", sql`${table.year} between 2014 and 2100`),
  check(
    "assessment_round_dates_order",
    sql`${table.proposalDeadline} <= ${table.visitFrom} and ${table.visitFrom} <= ${table.visitTo} and ${table.visitTo} <= ${table.decisionOn}`,
  ),
  check("assessment_round_decision_shape", sql`(${table.decidedAt} is null) = (${table.skNumber} is null) and (${table.decidedAt} is null) = (${table.skDate} is null)`),
]);

/**
 * A kelurahan's proposal of one of its RTs for a round. `readiness` is what the koordinator saw when
 * proposing (the automatic indicators' levels, how many were still unscored), kept as it was. A
 * withdrawn proposal stays as history; the RT may be proposed again before the deadline.
 */
export const rtProposal = pgTable("rt_proposal", {
  id: serial("id").primaryKey(),
  roundId: integer("round_id").notNull().references(() => assessmentRound.id),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  proposedBy: integer("proposed_by").references(() => person.id),
  proposedAt: timestamp("proposed_at", { withTimezone: true }).notNull(),
  /** The RT's KK count when proposed: its likely award category. */
  householdCount: integer("household_count").notNull(),
  readiness: jsonb("readiness").notNull().default(sql`'{}'::jsonb`),
  withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  withdrawnBy: integer("withdrawn_by").references(() => person.id),
}, (table) => [
  uniqueIndex("rt_proposal_current_uq").on(table.roundId, table.rtId).where(sql`${table.withdrawnAt} is null`),
  index("rt_proposal_rt_idx").on(table.rtId),
]);

/** The offices the assessment team is drawn from (locales: `agency-<value>`). */
export const assessorAgency = pgEnum("assessor_agency", [
  "dpmppa", "babinsa", "babinkamtibmas", "dlh", "dandim_polsek", "puskesmas", "forum_rt_kelurahan", "forum_rt_kecamatan", "forum_rt_kota",
]);

/**
 * A one-time link that makes whoever opens it a member of a round's assessment team, for an agency
 * and a set of RTs or whole kecamatan (at least one of the two).
 */
export const assessorInvite = pgTable("assessor_invite", {
  code: text("code").primaryKey(),
  roundId: integer("round_id").notNull().references(() => assessmentRound.id),
  agency: assessorAgency("agency").notNull(),
  rtIds: integer("rt_ids").array().notNull().default(sql`'{}'::integer[]`),
  kecamatanCodes: text("kecamatan_codes").array().notNull().default(sql`'{}'::text[]`),
  createdBy: integer("created_by").notNull().references(() => person.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  usedBy: integer("used_by").references(() => person.id),
}, (table) => [check("assessor_invite_scope", sql`cardinality(${table.rtIds}) + cardinality(${table.kecamatanCodes}) > 0`)]);

/** A member of a round's assessment team. Revoked rows stay as history. */
export const roundAssessor = pgTable("round_assessor", {
  id: serial("id").primaryKey(),
  roundId: integer("round_id").notNull().references(() => assessmentRound.id),
  personId: integer("person_id").notNull().references(() => person.id),
  agency: assessorAgency("agency").notNull(),
  inviteCode: text("invite_code").references(() => assessorInvite.code),
  joinedAt: timestamp("joined_at", { withTimezone: true }).notNull(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  revokedBy: integer("revoked_by").references(() => person.id),
}, (table) => [
  uniqueIndex("round_assessor_current_uq").on(table.roundId, table.personId).where(sql`${table.revokedAt} is null`),
  index("round_assessor_person_idx").on(table.personId),
]);

/** What an assessor may assess: one RT, or every RT of a kecamatan (exactly one of the two). */
export const assessorScope = pgTable("assessor_scope", {
  id: serial("id").primaryKey(),
  assessorId: integer("assessor_id").notNull().references(() => roundAssessor.id),
  rtId: integer("rt_id").references(() => rt.id),
  kecamatanCode: text("kecamatan_code").references(() => kecamatan.code),
}, (table) => [
  index("assessor_scope_assessor_idx").on(table.assessorId),
  check("assessor_scope_shape", sql`(${table.rtId} is null) <> (${table.kecamatanCode} is null)`),
]);

export const visitKind = pgEnum("visit_kind", ["round", "reassessment"]);

/**
 * A team visit to an RT: in a round (one current visit per proposed RT), or a re-assessment a
 * koordinator plans for a title holder (no round). The ketua is told the date.
 */
export const assessmentVisit = pgTable("assessment_visit", {
  id: serial("id").primaryKey(),
  kind: visitKind("kind").notNull(),
  roundId: integer("round_id").references(() => assessmentRound.id),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  scheduledBy: integer("scheduled_by").references(() => person.id),
  scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
  /** The scheduling form's key: a double tap schedules once. */
  requestKey: text("request_key").unique(),
  cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
}, (table) => [
  uniqueIndex("assessment_visit_round_rt_uq").on(table.roundId, table.rtId).where(sql`${table.kind} = 'round' and ${table.cancelledAt} is null`),
  index("assessment_visit_rt_idx").on(table.rtId, table.startsAt),
  check("assessment_visit_shape", sql`(${table.kind} = 'round') = (${table.roundId} is not null)`),
]);

export const assessmentKind = pgEnum("assessment_kind", ["team", "self", "reassessment"]);

/**
 * One person's score of one indicator of one RT, append-only (a change is a new row; the current
 * score of (kind, round or period or visit, RT, person, indicator) is its latest row):
 * - team: an assessor in a round; `automatic_score` is what the records said when the form opened,
 *   and a score that differs from it needs `override_reason`;
 * - self: the ketua's penilaian mandiri for a quarter (`period`, e.g. `2027-Q1`);
 * - reassessment: a koordinator (or assessor) at a re-assessment visit.
 * Every individual score is kept, append-only (a trigger; /hapusdata may only blank a self
 * answer's note, migration 0011); src/domain/cycle/combine.ts makes the RT's recap from them.
 */
export const assessmentScore = pgTable("assessment_score", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  kind: assessmentKind("kind").notNull(),
  roundId: integer("round_id").references(() => assessmentRound.id),
  visitId: integer("visit_id").references(() => assessmentVisit.id),
  period: text("period"),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  personId: integer("person_id").notNull().references(() => person.id),
  indicatorCode: text("indicator_code").notNull(),
  score: smallint("score").notNull(),
  automaticScore: smallint("automatic_score"),
  overrideReason: text("override_reason"),
  note: text("note"),
  enteredAt: timestamp("entered_at", { withTimezone: true }).notNull(),
  /** The form step's key: the same answer saved twice (double tap, redelivery) is one row. */
  requestKey: text("request_key").unique(),
}, (table) => [
  index("assessment_score_round_rt_idx").on(table.roundId, table.rtId, table.indicatorCode, table.personId, table.id),
  // The recap's count of the indicators each RT was scored on by the team, read from the index alone.
  index("assessment_score_round_kind_idx").on(table.roundId, table.kind, table.rtId, table.indicatorCode, table.personId),
  index("assessment_score_rt_kind_idx").on(table.rtId, table.kind, table.indicatorCode, table.id),
  check("assessment_score_range", sql`${table.score} between 0 and 2 and (${table.automaticScore} is null or ${table.automaticScore} between 0 and 2)`),
  check("assessment_score_code_shape", sql`${table.indicatorCode} ~ '^[BAP][1-7]$'`),
  check("assessment_score_period_shape", sql`${table.period} is null or ${table.period} ~ '^[0-9]{4}-Q[1-4]$'`),
  check(
    "assessment_score_kind_shape",
    sql`case ${table.kind}
      when 'team' then ${table.roundId} is not null and ${table.period} is null
      when 'self' then ${table.period} is not null and ${table.roundId} is null and ${table.visitId} is null
      else ${table.visitId} is not null and ${table.period} is null end`,
  ),
  check("assessment_score_override_reason", sql`${table.automaticScore} is null or ${table.automaticScore} = ${table.score} or ${table.overrideReason} is not null`),
]);

export const titleLevel = pgEnum("title_level", ["bantar", "kencana"]);
export const awardCategory = pgEnum("award_category", ["besar", "sedang", "kecil"]);

/**
 * The title an RT holds from the SK's date: Kampung BANTAR once, then Kampung BANTAR Kencana.
 * `baseline` is the RT's level before the visit (the team's combined scores and the automatic
 * indicators' measures then), which "menurun sejak penghargaan" compares with.
 */
export const rtTitle = pgTable("rt_title", {
  id: serial("id").primaryKey(),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  level: titleLevel("level").notNull(),
  roundId: integer("round_id").references(() => assessmentRound.id),
  category: awardCategory("category").notNull(),
  /** The KK count the category was decided on. */
  householdCount: integer("household_count").notNull(),
  /** Uang pembinaan in whole Rupiah. */
  awardRupiah: bigint("award_rupiah", { mode: "number" }).notNull(),
  awardedOn: date("awarded_on", { mode: "string" }).notNull(),
  skNumber: text("sk_number").notNull(),
  baseline: jsonb("baseline").notNull().default(sql`'{}'::jsonb`),
  recordedBy: integer("recorded_by").references(() => person.id),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
}, (table) => [
  // An RT wins each title once.
  uniqueIndex("rt_title_rt_level_uq").on(table.rtId, table.level),
  index("rt_title_round_idx").on(table.roundId),
  check("rt_title_award_range", sql`${table.awardRupiah} >= 0`),
]);

/**
 * Kencana's extra requirements (the seeds name a rumah restorative justice), one row per change:
 * the current state of (RT, requirement) is its latest row.
 */
export const kencanaRequirement = pgTable("kencana_requirement", {
  id: serial("id").primaryKey(),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  /** A code from src/domain/cycle/kencana.ts, e.g. `rumah_restorative_justice`. */
  requirement: text("requirement").notNull(),
  met: smallint("met").notNull(),
  note: text("note"),
  recordedBy: integer("recorded_by").references(() => person.id),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  requestKey: text("request_key").unique(),
}, (table) => [
  index("kencana_requirement_rt_idx").on(table.rtId, table.requirement, table.id),
  check("kencana_requirement_met", sql`${table.met} in (0, 1)`),
]);
