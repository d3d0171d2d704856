import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** One row per scheduled tick that ran: node-cron's run coordinator elects one instance per tick. */
export const cronRun = pgTable("cron_run", {
  key: text("key").primaryKey(),
  claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
