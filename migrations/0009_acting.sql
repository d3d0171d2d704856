ALTER TYPE "public"."audit_action" ADD VALUE 'acting_started';--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "acting_rt_id" integer;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_acting_rt_id_rt_id_fk" FOREIGN KEY ("acting_rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;