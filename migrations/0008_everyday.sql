CREATE TYPE "public"."greeting" AS ENUM('pak', 'bu', 'kak', 'name');--> statement-breakpoint
ALTER TYPE "public"."broadcast_status" ADD VALUE 'scheduled';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'price_set' BEFORE 'broadcast_started';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'broadcast_scheduled' BEFORE 'manual_score_entered';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'ronda_assigned';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'acting_started';--> statement-breakpoint
CREATE TABLE "command_menu" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"chat_id" bigint NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	"synced_generation" integer DEFAULT 0 NOT NULL,
	"sent" text,
	"not_before" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "ledger_entry" DROP CONSTRAINT "ledger_entry_reverses_entry_id_unique";--> statement-breakpoint
ALTER TABLE "ledger_entry" DROP CONSTRAINT "ledger_entry_shape";--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "greeting" "greeting";--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "event_reminder_when" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "acting_rt_id" integer;--> statement-breakpoint
ALTER TABLE "broadcast" ADD COLUMN "sender" jsonb;--> statement-breakpoint
ALTER TABLE "broadcast" ADD COLUMN "photo_file_id" text;--> statement-breakpoint
ALTER TABLE "broadcast" ADD COLUMN "send_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "broadcast" ADD COLUMN "to_private" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD COLUMN "reverses_line_no" smallint;--> statement-breakpoint
ALTER TABLE "command_menu" ADD CONSTRAINT "command_menu_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "command_menu_due_idx" ON "command_menu" USING btree ("not_before") WHERE "command_menu"."generation" > "command_menu"."synced_generation";--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_acting_rt_id_rt_id_fk" FOREIGN KEY ("acting_rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "broadcast_status_send_at_idx" ON "broadcast" USING btree ("status","send_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entry_reverses_uq" ON "ledger_entry" USING btree ("reverses_entry_id",coalesce("reverses_line_no", 0)) WHERE "ledger_entry"."reverses_entry_id" is not null;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_event_reminder_when" CHECK ("person"."event_reminder_when" in ('evening', 'morning', 'before'));--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_shape" CHECK (case "ledger_entry"."kind"
      when 'deposit' then "ledger_entry"."amount" >= 0 and "ledger_entry"."reverses_entry_id" is null and "ledger_entry"."reverses_line_no" is null
      when 'withdrawal' then "ledger_entry"."amount" < 0 and "ledger_entry"."reverses_entry_id" is null and "ledger_entry"."reverses_line_no" is null
      else "ledger_entry"."reverses_entry_id" is not null and "ledger_entry"."reason" is not null and coalesce("ledger_entry"."reverses_line_no", 1) > 0 end);--> statement-breakpoint
-- Everyone who held a membership, a role or a bank-officer post before the per-person menus gets
-- their own "/" menu: the default menu now shows only a stranger's commands. The menu is pushed by
-- delivery/menus.ts once the bot starts. Idempotent: a person already marked is left as is.
INSERT INTO "command_menu" ("person_id", "chat_id")
SELECT "p"."id", "p"."telegram_id" FROM "person" "p"
WHERE "p"."telegram_id" IS NOT NULL AND (
  EXISTS (SELECT 1 FROM "membership" "m" WHERE "m"."person_id" = "p"."id" AND "m"."status" IN ('pending', 'active'))
  OR EXISTS (SELECT 1 FROM "role_assignment" "r" WHERE "r"."person_id" = "p"."id" AND "r"."revoked_at" IS NULL)
  OR EXISTS (SELECT 1 FROM "waste_bank_officer" "o" WHERE "o"."person_id" = "p"."id" AND "o"."revoked_at" IS NULL)
)
ORDER BY "p"."id"
ON CONFLICT ("person_id") DO NOTHING;
