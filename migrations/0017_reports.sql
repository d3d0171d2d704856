CREATE TYPE "public"."resident_report_category" AS ENUM('saluran', 'sampah', 'lampu', 'keamanan', 'fasilitas', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."resident_report_status" AS ENUM('baru', 'diterima', 'ditangani', 'selesai', 'ditolak');--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'report_filed';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'report_step';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'report_escalated';--> statement-breakpoint
CREATE TABLE "resident_report" (
	"id" serial PRIMARY KEY NOT NULL,
	"rt_id" integer NOT NULL,
	"reporter_person_id" integer,
	"category" "resident_report_category" NOT NULL,
	"description" text NOT NULL,
	"photo_file_id" text,
	"photo_file_unique_id" text,
	"latitude" double precision,
	"longitude" double precision,
	"status" "resident_report_status" DEFAULT 'baru' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"last_step_at" timestamp with time zone NOT NULL,
	"last_step_by" integer,
	"reject_reason" text,
	"escalated_at" timestamp with time zone,
	"request_key" text NOT NULL,
	CONSTRAINT "resident_report_request_key_unique" UNIQUE("request_key"),
	CONSTRAINT "resident_report_location" CHECK (("resident_report"."latitude" is null) = ("resident_report"."longitude" is null) and ("resident_report"."latitude" is null or ("resident_report"."latitude" between -90 and 90 and "resident_report"."longitude" between -180 and 180))),
	CONSTRAINT "resident_report_reason" CHECK (("resident_report"."status" = 'ditolak') = ("resident_report"."reject_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "resident_report" ADD CONSTRAINT "resident_report_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_report" ADD CONSTRAINT "resident_report_reporter_person_id_person_id_fk" FOREIGN KEY ("reporter_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_report" ADD CONSTRAINT "resident_report_last_step_by_person_id_fk" FOREIGN KEY ("last_step_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_report_rt_idx" ON "resident_report" USING btree ("rt_id","status","created_at");--> statement-breakpoint
CREATE INDEX "resident_report_reporter_idx" ON "resident_report" USING btree ("reporter_person_id");--> statement-breakpoint
CREATE INDEX "resident_report_open_idx" ON "resident_report" USING btree ("last_step_at") WHERE "resident_report"."status" in ('baru', 'diterima', 'ditangani') and "resident_report"."escalated_at" is null;