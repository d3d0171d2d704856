CREATE TYPE "public"."poll_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."poll_target" AS ENUM('group', 'private');--> statement-breakpoint
ALTER TYPE "public"."participation_kind" ADD VALUE 'musyawarah';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'poll_created';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'poll_closed';--> statement-breakpoint
CREATE TABLE "poll" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rt_id" integer NOT NULL,
	"created_by" integer NOT NULL,
	"request_key" text NOT NULL,
	"question" text NOT NULL,
	"options" jsonb NOT NULL,
	"target" "poll_target" NOT NULL,
	"one_per_household" boolean NOT NULL,
	"anonymous" boolean NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" "poll_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"telegram_counts" jsonb,
	"result_counts" jsonb,
	"result_voters" integer,
	CONSTRAINT "poll_request_key_unique" UNIQUE("request_key"),
	CONSTRAINT "poll_group_anonymous_household" CHECK (not ("poll"."target" = 'group' and "poll"."anonymous" and "poll"."one_per_household"))
);
--> statement-breakpoint
CREATE TABLE "poll_copy" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"poll_id" bigint NOT NULL,
	"person_id" integer,
	"dedupe_key" text NOT NULL,
	"telegram_poll_id" text,
	"message_id" bigint,
	CONSTRAINT "poll_copy_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "poll_copy_telegram_poll_id_unique" UNIQUE("telegram_poll_id")
);
--> statement-breakpoint
CREATE TABLE "poll_vote" (
	"poll_id" bigint NOT NULL,
	"person_id" integer NOT NULL,
	"household" text NOT NULL,
	"option_ids" integer[] NOT NULL,
	"counted" boolean NOT NULL,
	"voted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "poll_vote_poll_id_person_id_pk" PRIMARY KEY("poll_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "satisfaction_answer" (
	"occurrence_id" bigint NOT NULL,
	"person_id" integer NOT NULL,
	"answer" smallint NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "satisfaction_answer_occurrence_id_person_id_pk" PRIMARY KEY("occurrence_id","person_id"),
	CONSTRAINT "satisfaction_answer_range" CHECK ("satisfaction_answer"."answer" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "satisfaction_request" (
	"occurrence_id" bigint PRIMARY KEY NOT NULL,
	"requested_by" integer,
	"requested_at" timestamp with time zone NOT NULL,
	"recipients" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "poll" ADD CONSTRAINT "poll_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll" ADD CONSTRAINT "poll_created_by_person_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll" ADD CONSTRAINT "poll_closed_by_person_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_copy" ADD CONSTRAINT "poll_copy_poll_id_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."poll"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_copy" ADD CONSTRAINT "poll_copy_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_vote" ADD CONSTRAINT "poll_vote_poll_id_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."poll"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_vote" ADD CONSTRAINT "poll_vote_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_answer" ADD CONSTRAINT "satisfaction_answer_occurrence_id_event_occurrence_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."event_occurrence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_answer" ADD CONSTRAINT "satisfaction_answer_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_request" ADD CONSTRAINT "satisfaction_request_occurrence_id_event_occurrence_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."event_occurrence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_request" ADD CONSTRAINT "satisfaction_request_requested_by_person_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "poll_open_closes_idx" ON "poll" USING btree ("closes_at") WHERE "poll"."status" = 'open';--> statement-breakpoint
CREATE INDEX "poll_rt_idx" ON "poll" USING btree ("rt_id","created_at");--> statement-breakpoint
CREATE INDEX "poll_copy_poll_idx" ON "poll_copy" USING btree ("poll_id");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_vote_household_uq" ON "poll_vote" USING btree ("poll_id","household") WHERE "poll_vote"."counted";