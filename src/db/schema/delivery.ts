import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { person, rt } from "./people.js";

export const outboxStatus = pgEnum("outbox_status", ["pending", "sending", "sent", "failed", "blocked", "skipped", "cancelled"]);

/**
 * Every message the bot sends on its own initiative: one row per (message, recipient). Rows are
 * claimed with FOR UPDATE SKIP LOCKED, so several processes can share the queue; a claim is a
 * lease, so rows held by a process that died are picked up again.
 */
export const outbox = pgTable("outbox", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** Unique per logical message, e.g. `broadcast:12:chat:345`: enqueueing twice sends once. */
  dedupeKey: text("dedupe_key").notNull().unique(),
  chatId: bigint("chat_id", { mode: "number" }).notNull(),
  /** The person behind a private chat, so a 403 can mark them unreachable. */
  personId: integer("person_id").references(() => person.id),
  /**
   * The people the message names or quotes, other than its recipient (a join request names the
   * resident to their ketua): erasing one of them drops the message if queued, blanks it if sent.
   */
  subjectPersonIds: integer("subject_person_ids").array().notNull().default(sql`'{}'::integer[]`),
  /** Lower goes first: replies 0, duty reminders 10, other reminders 15, notifications 20, announcements 30, the monthly summary 40. */
  priority: smallint("priority").notNull(),
  method: text("method").notNull().default("sendMessage"),
  payload: jsonb("payload").notNull(),
  broadcastId: bigint("broadcast_id", { mode: "number" }).references(() => broadcast.id),
  notBefore: timestamp("not_before", { withTimezone: true }).notNull().defaultNow(),
  status: outboxStatus("status").notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  claimedAt: timestamp("claimed_at", { withTimezone: true }),
  claimedBy: text("claimed_by"),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  telegramMessageId: bigint("telegram_message_id", { mode: "number" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  index("outbox_due_idx").on(table.priority, table.notBefore, table.id).where(sql`${table.status} = 'pending'`),
  index("outbox_sending_idx").on(table.claimedAt).where(sql`${table.status} = 'sending'`),
  index("outbox_broadcast_idx").on(table.broadcastId, table.status),
  // Erasure finds the messages about a person; most rows (announcements, reminders) name nobody.
  index("outbox_subject_idx").using("gin", table.subjectPersonIds).where(sql`cardinality(${table.subjectPersonIds}) > 0`),
]);

/** scheduled: held until `send_at`, when the release job queues its copies (or stops it). */
export const broadcastStatus = pgEnum("broadcast_status", ["running", "stopped", "done", "scheduled"]);

/**
 * Who sent an announcement, as its first line names them ("Dari Ketua RT 05, Pak Harun"), kept
 * as it was when it was written: the line stays right after the sender leaves the role.
 */
export type BroadcastSender = {
  role: "ketua" | "koordinator" | "admin";
  /** ketua: the RT's number ("05"); koordinator: the area's name; admin: none. */
  area: string | null;
  /** koordinator: whether `area` is a kelurahan or a kecamatan (null when several areas). */
  areaKind: "kelurahan" | "kecamatan" | null;
  name: string;
  /** How the sender chose to be addressed (Pak, Bu, Kak or the name); absent on older rows. */
  greeting?: "pak" | "bu" | "kak" | "name" | null;
};

/** An announcement (/umumkan) and where its live progress message lives. */
export const broadcast = pgTable("broadcast", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  senderPersonId: integer("sender_person_id").notNull().references(() => person.id),
  /** The /umumkan form's key (made when it opened): a double tap, on any instance, or a redelivery finds this and starts nothing new. */
  requestKey: text("request_key").notNull().unique(),
  /** Who it went to, for the report: rt-members, area-ketua, area-residents, city-residents, city-ketua. */
  audience: text("audience").notNull(),
  rtId: integer("rt_id").references(() => rt.id),
  text: text("text").notNull(),
  entities: jsonb("entities"),
  /** Its first line's sender (see BroadcastSender); null for announcements from before it, and once the sender erased their data. */
  sender: jsonb("sender").$type<BroadcastSender>(),
  /** A poster: the Telegram file_id of the photo sent as the announcement (the text is its caption). */
  photoFileId: text("photo_file_id"),
  /** When a scheduled announcement goes out (status `scheduled` until then); null: at once. */
  sendAt: timestamp("send_at", { withTimezone: true }),
  /** Whether it goes to each person's private chat (a ketua may send to the RT group only). */
  toPrivate: boolean("to_private").notNull().default(true),
  toGroup: boolean("to_group").notNull().default(false),
  pinInGroup: boolean("pin_in_group").notNull().default(false),
  status: broadcastStatus("status").notNull().default("running"),
  recipients: integer("recipients").notNull().default(0),
  mutedSkipped: integer("muted_skipped").notNull().default(0),
  progressChatId: bigint("progress_chat_id", { mode: "number" }),
  progressMessageId: bigint("progress_message_id", { mode: "number" }),
  /** The last progress line shown, so an unchanged count is not edited again. */
  progressText: text("progress_text"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
}, (table) => [
  // The release job looks for what is due every minute. Not a partial index on 'scheduled': a
  // migration cannot use an enum value it adds in the same transaction.
  index("broadcast_status_send_at_idx").on(table.status, table.sendAt),
]);

/**
 * A person's own "/" menu (Telegram's per-chat command scope). A role change bumps `generation` in
 * the same transaction; the sender pushes the menu the person's roles give when `generation` is ahead
 * of `syncedGeneration`, so two changes before a push send one menu, and a mark that changes nothing
 * (a redelivery) sends nothing: the menu is compared with `sent` first. No row: the chat shows the
 * default menu (strangers').
 */
export const commandMenu = pgTable("command_menu", {
  personId: integer("person_id").primaryKey().references(() => person.id),
  /** The person's private chat: kept while a push is due, so an erased person's menu can still be taken away. */
  chatId: bigint("chat_id", { mode: "number" }).notNull(),
  generation: integer("generation").notNull().default(1),
  syncedGeneration: integer("synced_generation").notNull().default(0),
  /** The menu last set in the chat (`<locale>:<command>,<command>…`); null while it shows the default. */
  sent: text("sent"),
  notBefore: timestamp("not_before", { withTimezone: true }).notNull().defaultNow(),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
}, (table) => [
  index("command_menu_due_idx").on(table.notBefore).where(sql`${table.generation} > ${table.syncedGeneration}`),
]);
