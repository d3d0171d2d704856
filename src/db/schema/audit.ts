import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { person, rt } from "./people.js";

/** What was done; locales/*.ftl has `audit-action-<value>` for each. */
export const auditAction = pgEnum("audit_action", [
  "membership_approved",
  "membership_rejected",
  "member_removed",
  "role_granted",
  "role_revoked",
  "ketua_handed_over",
  "role_invite_created",
  "ledger_deposit",
  "ledger_withdrawal",
  "ledger_reversal",
  "price_set",
  "broadcast_started",
  "broadcast_stopped",
  "broadcast_scheduled",
  "manual_score_entered",
  "data_erased",
  "ronda_assigned",
  "acting_started",
  // The program's cycle (src/domain/cycle/).
  "round_opened",
  "rt_proposed",
  "proposal_withdrawn",
  "assessor_invite_created",
  "assessor_joined",
  "visit_scheduled",
  "visit_cancelled",
  "assessment_scored",
  "evidence_added",
  "evidence_removed",
  "round_decided",
  "title_awarded",
  "kencana_requirement_recorded",
  // The KK count is the denominator of every participation rate and decides the award category.
  "household_count_set",
  // issue 17: people without Telegram (src/domain/offline/).
  "offline_recorded",
  "offline_renamed",
  "offline_removed",
  "offline_claim_link",
  "offline_claimed",
  "offline_erased",
  // issue 17: the kas RT (src/domain/kas/).
  "kas_income",
  "kas_spending",
  "kas_reversal",
  // issue 17: resident reports (/lapor): a ketua's step on a report, and its escalation to the koordinator.
  "report_filed",
  "report_step",
  "report_escalated",
  // Issue 17: polls for musyawarah.
  "poll_created",
  "poll_closed",
]);

/**
 * Privileged actions, append-only (a trigger refuses UPDATE and DELETE): who, what, when. Written
 * in the transaction of the action itself, only when the action changed something. `details`
 * holds ids, codes and amounts, never names or free text: names are looked up when shown, so an
 * erased person is shown as erased here too.
 */
export const auditLog = pgTable("audit_log", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  /** Null for a bootstrap admin who never wrote to the bot. */
  actorPersonId: integer("actor_person_id").references(() => person.id),
  action: auditAction("action").notNull(),
  rtId: integer("rt_id").references(() => rt.id),
  targetPersonId: integer("target_person_id").references(() => person.id),
  /** What the action made or changed: `ledger_entry`, `broadcast`, `indicator_score`, `membership` … */
  entityType: text("entity_type"),
  entityId: bigint("entity_id", { mode: "number" }),
  details: jsonb("details").notNull().default(sql`'{}'::jsonb`),
}, (table) => [
  index("audit_log_time_idx").on(table.occurredAt, table.id),
  index("audit_log_actor_idx").on(table.actorPersonId),
  index("audit_log_target_idx").on(table.targetPersonId),
]);
