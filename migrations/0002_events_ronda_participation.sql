CREATE TYPE "public"."event_kind" AS ENUM('gotong_royong', 'ronda', 'rapat', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."participation_kind" AS ENUM('gotong_royong', 'ronda', 'rapat', 'lainnya', 'bank_sampah', 'pojok_baca_sesi', 'pojok_baca_pinjam', 'membaca');--> statement-breakpoint
CREATE TYPE "public"."rsvp_answer" AS ENUM('hadir', 'tidak', 'mungkin');--> statement-breakpoint
CREATE TYPE "public"."swap_status" AS ENUM('open', 'accepted', 'cancelled');--> statement-breakpoint
CREATE TABLE "cron_run" (
	"key" text PRIMARY KEY NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rt_id" integer NOT NULL,
	"kind" "event_kind" NOT NULL,
	"place" text NOT NULL,
	"notes" text,
	"first_starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"recurrence" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "event_duration_range" CHECK ("event"."duration_minutes" between 15 and 1440)
);
--> statement-breakpoint
CREATE TABLE "event_occurrence" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"rt_id" integer NOT NULL,
	"kind" "event_kind" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"cancelled_at" timestamp with time zone,
	"checkin_code" text,
	"shift_size" smallint
);
--> statement-breakpoint
CREATE TABLE "participation" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_key" text NOT NULL,
	"rt_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"household_label" text,
	"kind" "participation_kind" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"verified" boolean NOT NULL,
	"source" text NOT NULL,
	"occurrence_id" bigint,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "participation_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE TABLE "reminder_setting" (
	"rt_id" integer PRIMARY KEY NOT NULL,
	"evening_before" text DEFAULT '19:00',
	"hours_before" smallint DEFAULT 2,
	"ronda_duty_at" text DEFAULT '17:00',
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ronda_setup" (
	"rt_id" integer PRIMARY KEY NOT NULL,
	"nights" smallint[] NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"post" text NOT NULL,
	"per_shift" smallint NOT NULL,
	"event_id" bigint,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ronda_per_shift_range" CHECK ("ronda_setup"."per_shift" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "ronda_volunteer" (
	"rt_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"unavailable_weekdays" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"unavailable_dates" text[] DEFAULT '{}'::text[] NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	CONSTRAINT "ronda_volunteer_rt_id_person_id_pk" PRIMARY KEY("rt_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "rsvp" (
	"occurrence_id" bigint NOT NULL,
	"person_id" integer NOT NULL,
	"answer" "rsvp_answer" NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rsvp_occurrence_id_person_id_pk" PRIMARY KEY("occurrence_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "shift_assignment" (
	"occurrence_id" bigint NOT NULL,
	"person_id" integer NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "shift_assignment_occurrence_id_person_id_pk" PRIMARY KEY("occurrence_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "swap_request" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurrence_id" bigint NOT NULL,
	"from_person_id" integer NOT NULL,
	"to_person_id" integer,
	"status" "swap_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "event_reminders_off_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_created_by_person_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_occurrence" ADD CONSTRAINT "event_occurrence_event_id_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_occurrence" ADD CONSTRAINT "event_occurrence_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation" ADD CONSTRAINT "participation_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation" ADD CONSTRAINT "participation_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation" ADD CONSTRAINT "participation_occurrence_id_event_occurrence_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."event_occurrence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation" ADD CONSTRAINT "participation_recorded_by_person_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_setting" ADD CONSTRAINT "reminder_setting_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ronda_setup" ADD CONSTRAINT "ronda_setup_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ronda_setup" ADD CONSTRAINT "ronda_setup_event_id_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ronda_volunteer" ADD CONSTRAINT "ronda_volunteer_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ronda_volunteer" ADD CONSTRAINT "ronda_volunteer_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsvp" ADD CONSTRAINT "rsvp_occurrence_id_event_occurrence_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."event_occurrence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsvp" ADD CONSTRAINT "rsvp_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_assignment" ADD CONSTRAINT "shift_assignment_occurrence_id_event_occurrence_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."event_occurrence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_assignment" ADD CONSTRAINT "shift_assignment_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_request" ADD CONSTRAINT "swap_request_occurrence_id_event_occurrence_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."event_occurrence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_request" ADD CONSTRAINT "swap_request_from_person_id_person_id_fk" FOREIGN KEY ("from_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_request" ADD CONSTRAINT "swap_request_to_person_id_person_id_fk" FOREIGN KEY ("to_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_rt_idx" ON "event" USING btree ("rt_id");--> statement-breakpoint
CREATE UNIQUE INDEX "occurrence_event_start_uq" ON "event_occurrence" USING btree ("event_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "occurrence_checkin_code_uq" ON "event_occurrence" USING btree ("checkin_code") WHERE "event_occurrence"."checkin_code" is not null;--> statement-breakpoint
CREATE INDEX "occurrence_rt_start_idx" ON "event_occurrence" USING btree ("rt_id","starts_at");--> statement-breakpoint
CREATE INDEX "occurrence_start_idx" ON "event_occurrence" USING btree ("starts_at") WHERE "event_occurrence"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "participation_rt_time_idx" ON "participation" USING btree ("rt_id","occurred_at");--> statement-breakpoint
CREATE INDEX "participation_person_time_idx" ON "participation" USING btree ("person_id","occurred_at");--> statement-breakpoint
CREATE INDEX "participation_occurrence_idx" ON "participation" USING btree ("occurrence_id");--> statement-breakpoint
CREATE INDEX "shift_person_idx" ON "shift_assignment" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "swap_one_open_uq" ON "swap_request" USING btree ("occurrence_id","from_person_id") WHERE "swap_request"."status" = 'open';