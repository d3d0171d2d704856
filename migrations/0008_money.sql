ALTER TYPE "public"."audit_action" ADD VALUE 'price_set' BEFORE 'broadcast_started';--> statement-breakpoint
ALTER TABLE "ledger_entry" DROP CONSTRAINT "ledger_entry_reverses_entry_id_unique";--> statement-breakpoint
ALTER TABLE "ledger_entry" DROP CONSTRAINT "ledger_entry_shape";--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD COLUMN "reverses_line_no" smallint;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entry_reverses_uq" ON "ledger_entry" USING btree ("reverses_entry_id",coalesce("reverses_line_no", 0)) WHERE "ledger_entry"."reverses_entry_id" is not null;--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_shape" CHECK (case "ledger_entry"."kind"
      when 'deposit' then "ledger_entry"."amount" >= 0 and "ledger_entry"."reverses_entry_id" is null and "ledger_entry"."reverses_line_no" is null
      when 'withdrawal' then "ledger_entry"."amount" < 0 and "ledger_entry"."reverses_entry_id" is null and "ledger_entry"."reverses_line_no" is null
      else "ledger_entry"."reverses_entry_id" is not null and "ledger_entry"."reason" is not null and coalesce("ledger_entry"."reverses_line_no", 1) > 0 end);