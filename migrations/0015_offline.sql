ALTER TYPE "public"."audit_action" ADD VALUE 'offline_recorded';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'offline_renamed';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'offline_removed';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'offline_claim_link';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'offline_claimed';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'offline_erased';--> statement-breakpoint
CREATE TABLE "offline_claim" (
	"code" text PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"rt_id" integer NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"merged_from" integer
);
--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "recorded_by" integer;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "offline_kind" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "record_key" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "offline_claim" ADD CONSTRAINT "offline_claim_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_claim" ADD CONSTRAINT "offline_claim_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_claim" ADD CONSTRAINT "offline_claim_created_by_person_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_claim" ADD CONSTRAINT "offline_claim_merged_from_person_id_fk" FOREIGN KEY ("merged_from") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offline_claim_person_idx" ON "offline_claim" USING btree ("person_id");--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_recorded_by_person_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_record_key_unique" UNIQUE("record_key");--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_offline_kind" CHECK ("person"."offline_kind" in ('lansia', 'anak', 'dewasa'));