ALTER TYPE "public"."broadcast_status" ADD VALUE 'scheduled';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'broadcast_scheduled' BEFORE 'manual_score_entered';--> statement-breakpoint
ALTER TABLE "broadcast" ADD COLUMN "sender" jsonb;--> statement-breakpoint
ALTER TABLE "broadcast" ADD COLUMN "photo_file_id" text;--> statement-breakpoint
ALTER TABLE "broadcast" ADD COLUMN "send_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "broadcast" ADD COLUMN "to_private" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "broadcast_status_send_at_idx" ON "broadcast" USING btree ("status","send_at");