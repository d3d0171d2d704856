import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import { kecamatan, kelurahan } from "./wilayah.js";

/** How a person wants the bot to address them (see src/messages/address.ts); null: never asked, the name alone. */
export const greeting = pgEnum("greeting", ["pak", "bu", "kak", "name"]);

export const person = pgTable("person", {
  id: serial("id").primaryKey(),
  /** Null once the person has erased their data (/hapusdata). */
  telegramId: bigint("telegram_id", { mode: "number" }).unique(),
  displayName: text("display_name"),
  /** Chosen at registration or in /profil: "Pak Harun", "Bu Siti", "Kak Dewi", or "Dewi". */
  greeting: greeting("greeting"),
  locale: text("locale").notNull().default("id"),
  consentedAt: timestamp("consented_at", { withTimezone: true }),
  erasedAt: timestamp("erased_at", { withTimezone: true }),
  /** Set by /senyap: announcements skip this person (duty reminders still arrive). */
  announcementsMutedAt: timestamp("announcements_muted_at", { withTimezone: true }),
  /** Set by /pengingat: reminders for events the person is not on duty for stop; duty reminders stay. */
  eventRemindersOffAt: timestamp("event_reminders_off_at", { withTimezone: true }),
  /**
   * Set by /pengingat: which of the RT's event reminders this person gets. Null: as the RT sets
   * them (the evening before and hours before); "evening", "morning" (06.00 on the day) or
   * "before" for that one alone. Off is eventRemindersOffAt.
   */
  eventReminderWhen: text("event_reminder_when"),
  /**
   * A koordinator's (or admin's) choice on /daftarrt to act as ketua for this RT of their area while
   * it has none (loadActor grants it only then); cleared when a ketua takes the RT over.
   */
  actingRtId: integer("acting_rt_id").references((): AnyPgColumn => rt.id),
  /** Set when Telegram answers 403 (blocked, deactivated); cleared when the person writes again. */
  unreachableAt: timestamp("unreachable_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /**
   * issue 17, people without Telegram: set when a ketua or petugas recorded this person (an elder, a
   * child) who has no Telegram account. Such a person has no telegram_id and is not erased
   * (erased_at null): that is what tells them from an erased person. Kept after a claim, as history.
   */
  recordedBy: integer("recorded_by").references((): AnyPgColumn => person.id),
  recordedAt: timestamp("recorded_at", { withTimezone: true }),
  /** What the recorder said the person is: lansia, anak or dewasa (null: not said). */
  offlineKind: text("offline_kind"),
  /** The recording form's key: the same save arriving twice records one person. */
  recordKey: text("record_key").unique(),
  /** When the person took the record over with their own Telegram (a claim link). */
  claimedAt: timestamp("claimed_at", { withTimezone: true }),
}, (table) => [
  check("person_event_reminder_when", sql`${table.eventReminderWhen} in ('evening', 'morning', 'before')`),
  check("person_offline_kind", sql`${table.offlineKind} in ('lansia', 'anak', 'dewasa')`),
]);

export const rt = pgTable("rt", {
  id: serial("id").primaryKey(),
  kelurahanCode: text("kelurahan_code").notNull().references(() => kelurahan.code),
  number: integer("number").notNull(),
  householdCount: integer("household_count").notNull().default(0),
  /** Shared by the ketua RT as t.me/<bot>?start=<code>; replaced when the ketua resets it. */
  inviteCode: text("invite_code").notNull().unique(),
  groupChatId: bigint("group_chat_id", { mode: "number" }).unique(),
  createdBy: integer("created_by").references(() => person.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  uniqueIndex("rt_kelurahan_number_uq").on(table.kelurahanCode, table.number),
  check("rt_number_range", sql`${table.number} between 1 and 999`),
  check("rt_household_count_range", sql`${table.householdCount} between 0 and 10000`),
]);

export const membershipStatus = pgEnum("membership_status", ["pending", "active", "left", "rejected"]);

/** One row per request to join an RT; the rows are the membership history. */
export const membership = pgTable("membership", {
  id: serial("id").primaryKey(),
  personId: integer("person_id").notNull().references(() => person.id),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  householdLabel: text("household_label"),
  status: membershipStatus("status").notNull().default("pending"),
  requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
  decidedBy: integer("decided_by").references(() => person.id),
  endedAt: timestamp("ended_at", { withTimezone: true }),
  endReason: text("end_reason"),
}, (table) => [
  // A person belongs to (or waits for) at most one RT at a time.
  uniqueIndex("membership_current_uq").on(table.personId).where(sql`${table.status} in ('pending', 'active')`),
  index("membership_rt_status_idx").on(table.rtId, table.status),
]);

export const role = pgEnum("role", ["ketua_rt", "petugas", "koordinator", "admin", "bendahara"]);

/**
 * Roles beyond `warga` (which is an active membership). Scope: ketua_rt, petugas and bendahara have an RT;
 * koordinator has a kelurahan or a kecamatan; admin has none. Revoked rows stay as history.
 */
export const roleAssignment = pgTable("role_assignment", {
  id: serial("id").primaryKey(),
  personId: integer("person_id").notNull().references(() => person.id),
  role: role("role").notNull(),
  rtId: integer("rt_id").references(() => rt.id),
  kelurahanCode: text("kelurahan_code").references(() => kelurahan.code),
  kecamatanCode: text("kecamatan_code").references(() => kecamatan.code),
  grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
  grantedBy: integer("granted_by").references(() => person.id),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  revokedBy: integer("revoked_by").references(() => person.id),
}, (table) => [
  uniqueIndex("role_one_ketua_per_rt_uq").on(table.rtId).where(sql`${table.role} = 'ketua_rt' and ${table.revokedAt} is null`),
  uniqueIndex("role_active_uq")
    .on(table.personId, table.role, sql`coalesce(${table.rtId}, 0)`, sql`coalesce(${table.kelurahanCode}, '')`, sql`coalesce(${table.kecamatanCode}, '')`)
    .where(sql`${table.revokedAt} is null`),
  index("role_person_idx").on(table.personId),
  check(
    "role_scope_shape",
    // Read as text: a role value added in a migration cannot be named as the enum in that migration's transaction.
    sql`case ${table.role}::text
      when 'ketua_rt' then ${table.rtId} is not null and ${table.kelurahanCode} is null and ${table.kecamatanCode} is null
      when 'petugas' then ${table.rtId} is not null and ${table.kelurahanCode} is null and ${table.kecamatanCode} is null
      when 'bendahara' then ${table.rtId} is not null and ${table.kelurahanCode} is null and ${table.kecamatanCode} is null
      when 'koordinator' then ${table.rtId} is null and ((${table.kelurahanCode} is null) <> (${table.kecamatanCode} is null))
      else ${table.rtId} is null and ${table.kelurahanCode} is null and ${table.kecamatanCode} is null end`,
  ),
]);

export const roleInviteRole = pgEnum("role_invite_role", ["ketua_rt", "koordinator"]);

/** One-time links that make whoever opens them ketua RT of an RT, or koordinator of an area. */
export const roleInvite = pgTable("role_invite", {
  code: text("code").primaryKey(),
  role: roleInviteRole("role").notNull(),
  rtId: integer("rt_id").references(() => rt.id),
  kelurahanCode: text("kelurahan_code").references(() => kelurahan.code),
  kecamatanCode: text("kecamatan_code").references(() => kecamatan.code),
  createdBy: integer("created_by").notNull().references(() => person.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  usedBy: integer("used_by").references(() => person.id),
});
