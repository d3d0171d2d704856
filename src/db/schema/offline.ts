import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { person, rt } from "./people.js";

/**
 * issue 17: a one-time link (t.me/<bot>?start=klaim_<code>) a ketua or petugas gives a resident
 * they recorded without Telegram, so the resident takes the record over with their own account.
 * Used once; expires; a newer link for the same person replaces an older one still unused.
 */
export const offlineClaim = pgTable("offline_claim", {
  code: text("code").primaryKey(),
  /** The recorded person the link hands over. */
  personId: integer("person_id").notNull().references(() => person.id),
  rtId: integer("rt_id").notNull().references(() => rt.id),
  createdBy: integer("created_by").notNull().references(() => person.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  /** Set when the link was replaced by a newer one or the record ended (removed, erased). */
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  /** The person row the claimant had before (registered, never joined an RT), left empty by the claim. */
  mergedFrom: integer("merged_from").references(() => person.id),
}, (table) => [index("offline_claim_person_idx").on(table.personId)]);
