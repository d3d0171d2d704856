import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { eventOccurrence } from "./events.js";
import { person, rt } from "./people.js";

/** group: one poll in the RT's linked group; private: one copy in each member's chat. */
export const pollTarget = pgEnum("poll_target", ["group", "private"]);
export const pollStatus = pgEnum("poll_status", ["open", "closed"]);

/**
 * A question the ketua asks the RT (musyawarah) with Telegram's own polls. The question and options
 * are the ketua's words (erased with them). Votes are kept per person (poll_vote) only for polls the
 * bot can see votes of: every private poll and a non-anonymous group poll. An anonymous group poll
 * (a Telegram anonymous poll) has only counts, from Telegram's `poll` updates (`telegramCounts`).
 */
export const poll = pgTable("poll", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  createdBy: integer("created_by").notNull().references(() => person.id),
  /** The /polling form's key: a double tap or a redelivered "Kirim" asks once. */
  requestKey: text("request_key").notNull().unique(),
  question: text("question").notNull(),
  options: jsonb("options").$type<string[]>().notNull(),
  target: pollTarget("target").notNull(),
  onePerHousehold: boolean("one_per_household").notNull(),
  /** Results name nobody (counts only); a group poll is then a Telegram anonymous poll. */
  anonymous: boolean("anonymous").notNull(),
  closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
  status: pollStatus("status").notNull().default("open"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  closedAt: timestamp("closed_at", { withTimezone: true }),
  /** Who closed it; null when its time came (or it was closed by an erasure). */
  closedBy: integer("closed_by").references(() => person.id),
  /** An anonymous group poll: Telegram's latest counts per option. */
  telegramCounts: jsonb("telegram_counts").$type<number[]>(),
  /** The update id of the `poll` update those counts came from: an older update never overwrites newer counts. */
  telegramCountsUpdateId: bigint("telegram_counts_update_id", { mode: "number" }),
  /** Counts per option as recorded at closing, and how many voters (households, under that rule) counted. */
  resultCounts: jsonb("result_counts").$type<number[]>(),
  resultVoters: integer("result_voters"),
}, (table) => [
  index("poll_open_closes_idx").on(table.closesAt).where(sql`${table.status} = 'open'`),
  index("poll_rt_idx").on(table.rtId, table.createdAt),
  check("poll_group_anonymous_household", sql`not (${table.target} = 'group' and ${table.anonymous} and ${table.onePerHousehold})`),
]);

/**
 * One Telegram message carrying the poll: the group's, or one member's private copy. Each message is
 * its own Telegram poll with its own id, which poll_answer and poll updates name; the id is filled
 * in by the outbox sender when the copy goes out (the row and the outbox row share `dedupeKey`).
 */
export const pollCopy = pgTable("poll_copy", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  pollId: bigint("poll_id", { mode: "number" }).notNull().references(() => poll.id),
  /** The member whose private chat holds it; null for the group's. */
  personId: integer("person_id").references(() => person.id),
  dedupeKey: text("dedupe_key").notNull().unique(),
  telegramPollId: text("telegram_poll_id").unique(),
  messageId: bigint("message_id", { mode: "number" }),
}, (table) => [
  index("poll_copy_poll_idx").on(table.pollId),
]);

/**
 * A member's vote on a poll, one row per person (a changed vote replaces it; a retracted one deletes
 * it). `household` is the membership's household label at the time, or `person:<id>` without one;
 * under one-vote-per-household the first vote of a household counts (`counted`), a second member's
 * is kept uncounted and they are told.
 */
export const pollVote = pgTable("poll_vote", {
  pollId: bigint("poll_id", { mode: "number" }).notNull().references(() => poll.id),
  personId: integer("person_id").notNull().references(() => person.id),
  household: text("household").notNull(),
  optionIds: integer("option_ids").array().notNull(),
  counted: boolean("counted").notNull(),
  votedAt: timestamp("voted_at", { withTimezone: true }).notNull(),
  /** The Telegram update that last set this vote: an older one delivered late (a redelivery) changes nothing. */
  lastUpdateId: bigint("last_update_id", { mode: "number" }),
}, (table) => [
  primaryKey({ columns: [table.pollId, table.personId] }),
  uniqueIndex("poll_vote_household_uq").on(table.pollId, table.household).where(sql`${table.counted}`),
]);

/**
 * "Bagaimana kegiatan tadi?": one answer (1 = 🙁 … 4 = 😀) per person per occurrence they attended.
 */
export const satisfactionAnswer = pgTable("satisfaction_answer", {
  occurrenceId: bigint("occurrence_id", { mode: "number" }).notNull().references(() => eventOccurrence.id),
  personId: integer("person_id").notNull().references(() => person.id),
  answer: smallint("answer").notNull(),
  answeredAt: timestamp("answered_at", { withTimezone: true }).notNull(),
}, (table) => [
  primaryKey({ columns: [table.occurrenceId, table.personId] }),
  check("satisfaction_answer_range", sql`${table.answer} between 1 and 4`),
]);

/** The satisfaction question was sent for an occurrence (once, by the ketua's choice). */
export const satisfactionRequest = pgTable("satisfaction_request", {
  occurrenceId: bigint("occurrence_id", { mode: "number" }).primaryKey().references(() => eventOccurrence.id),
  requestedBy: integer("requested_by").references(() => person.id),
  requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
  recipients: integer("recipients").notNull(),
});
