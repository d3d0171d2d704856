import { bigint, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Key-value state of the bot: sessions and conversations, so both survive a restart. */
export const botState = pgTable("bot_state", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Updates already handled, so a redelivered update changes nothing. */
export const processedUpdate = pgTable("processed_update", {
  updateId: bigint("update_id", { mode: "number" }).primaryKey(),
  processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
});
