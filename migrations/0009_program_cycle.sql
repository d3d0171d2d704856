CREATE TYPE "public"."assessment_kind" AS ENUM('team', 'self', 'reassessment');--> statement-breakpoint
CREATE TYPE "public"."assessor_agency" AS ENUM('dpmppa', 'babinsa', 'babinkamtibmas', 'dlh', 'dandim_polsek', 'puskesmas', 'forum_rt_kelurahan', 'forum_rt_kecamatan', 'forum_rt_kota');--> statement-breakpoint
CREATE TYPE "public"."award_category" AS ENUM('besar', 'sedang', 'kecil');--> statement-breakpoint
CREATE TYPE "public"."title_level" AS ENUM('bantar', 'kencana');--> statement-breakpoint
CREATE TYPE "public"."visit_kind" AS ENUM('round', 'reassessment');--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'round_opened';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'rt_proposed';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'proposal_withdrawn';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'assessor_invite_created';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'assessor_joined';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'visit_scheduled';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'visit_cancelled';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'assessment_scored';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'evidence_added';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'evidence_removed';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'round_decided';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'title_awarded';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'kencana_requirement_recorded';--> statement-breakpoint
CREATE TABLE "assessment_round" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"proposal_deadline" date NOT NULL,
	"visit_from" date NOT NULL,
	"visit_to" date NOT NULL,
	"decision_on" date NOT NULL,
	"opened_by" integer,
	"opened_at" timestamp with time zone NOT NULL,
	"request_key" text,
	"sk_number" text,
	"sk_date" date,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	CONSTRAINT "assessment_round_year_unique" UNIQUE("year"),
	CONSTRAINT "assessment_round_request_key_unique" UNIQUE("request_key"),
	CONSTRAINT "assessment_round_year_range" CHECK ("assessment_round"."year" between 2014 and 2100),
	CONSTRAINT "assessment_round_dates_order" CHECK ("assessment_round"."proposal_deadline" <= "assessment_round"."visit_from" and "assessment_round"."visit_from" <= "assessment_round"."visit_to" and "assessment_round"."visit_to" <= "assessment_round"."decision_on"),
	CONSTRAINT "assessment_round_decision_shape" CHECK (("assessment_round"."decided_at" is null) = ("assessment_round"."sk_number" is null) and ("assessment_round"."decided_at" is null) = ("assessment_round"."sk_date" is null))
);
--> statement-breakpoint
CREATE TABLE "assessment_score" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" "assessment_kind" NOT NULL,
	"round_id" integer,
	"visit_id" integer,
	"period" text,
	"rt_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"indicator_code" text NOT NULL,
	"score" smallint NOT NULL,
	"automatic_score" smallint,
	"override_reason" text,
	"note" text,
	"entered_at" timestamp with time zone NOT NULL,
	"request_key" text,
	CONSTRAINT "assessment_score_request_key_unique" UNIQUE("request_key"),
	CONSTRAINT "assessment_score_range" CHECK ("assessment_score"."score" between 0 and 2 and ("assessment_score"."automatic_score" is null or "assessment_score"."automatic_score" between 0 and 2)),
	CONSTRAINT "assessment_score_code_shape" CHECK ("assessment_score"."indicator_code" ~ '^[BAP][1-7]$'),
	CONSTRAINT "assessment_score_period_shape" CHECK ("assessment_score"."period" is null or "assessment_score"."period" ~ '^[0-9]{4}-Q[1-4]$'),
	CONSTRAINT "assessment_score_kind_shape" CHECK (case "assessment_score"."kind"
      when 'team' then "assessment_score"."round_id" is not null and "assessment_score"."period" is null
      when 'self' then "assessment_score"."period" is not null and "assessment_score"."round_id" is null and "assessment_score"."visit_id" is null
      else "assessment_score"."visit_id" is not null and "assessment_score"."period" is null end),
	CONSTRAINT "assessment_score_override_reason" CHECK ("assessment_score"."automatic_score" is null or "assessment_score"."automatic_score" = "assessment_score"."score" or "assessment_score"."override_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "assessment_visit" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "visit_kind" NOT NULL,
	"round_id" integer,
	"rt_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"scheduled_by" integer,
	"scheduled_at" timestamp with time zone NOT NULL,
	"request_key" text,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "assessment_visit_request_key_unique" UNIQUE("request_key"),
	CONSTRAINT "assessment_visit_shape" CHECK (("assessment_visit"."kind" = 'round') = ("assessment_visit"."round_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "assessor_invite" (
	"code" text PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"agency" "assessor_agency" NOT NULL,
	"rt_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"kecamatan_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" integer,
	CONSTRAINT "assessor_invite_scope" CHECK (cardinality("assessor_invite"."rt_ids") + cardinality("assessor_invite"."kecamatan_codes") > 0)
);
--> statement-breakpoint
CREATE TABLE "assessor_scope" (
	"id" serial PRIMARY KEY NOT NULL,
	"assessor_id" integer NOT NULL,
	"rt_id" integer,
	"kecamatan_code" text,
	CONSTRAINT "assessor_scope_shape" CHECK (("assessor_scope"."rt_id" is null) <> ("assessor_scope"."kecamatan_code" is null))
);
--> statement-breakpoint
CREATE TABLE "kencana_requirement" (
	"id" serial PRIMARY KEY NOT NULL,
	"rt_id" integer NOT NULL,
	"requirement" text NOT NULL,
	"met" smallint NOT NULL,
	"note" text,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL,
	"request_key" text,
	CONSTRAINT "kencana_requirement_request_key_unique" UNIQUE("request_key"),
	CONSTRAINT "kencana_requirement_met" CHECK ("kencana_requirement"."met" in (0, 1))
);
--> statement-breakpoint
CREATE TABLE "round_assessor" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"agency" "assessor_agency" NOT NULL,
	"invite_code" text,
	"joined_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" integer
);
--> statement-breakpoint
CREATE TABLE "rt_proposal" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"rt_id" integer NOT NULL,
	"proposed_by" integer,
	"proposed_at" timestamp with time zone NOT NULL,
	"household_count" integer NOT NULL,
	"readiness" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" integer
);
--> statement-breakpoint
CREATE TABLE "rt_title" (
	"id" serial PRIMARY KEY NOT NULL,
	"rt_id" integer NOT NULL,
	"level" "title_level" NOT NULL,
	"round_id" integer,
	"category" "award_category" NOT NULL,
	"household_count" integer NOT NULL,
	"award_rupiah" bigint NOT NULL,
	"awarded_on" date NOT NULL,
	"sk_number" text NOT NULL,
	"baseline" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rt_title_award_range" CHECK ("rt_title"."award_rupiah" >= 0)
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rt_id" integer NOT NULL,
	"occurrence_id" bigint,
	"indicator_code" text,
	"round_id" integer,
	"file_id" text NOT NULL,
	"file_unique_id" text NOT NULL,
	"caption" text,
	"added_by" integer,
	"added_at" timestamp with time zone NOT NULL,
	"request_key" text,
	"removed_at" timestamp with time zone,
	"removed_by" integer,
	CONSTRAINT "evidence_request_key_unique" UNIQUE("request_key"),
	CONSTRAINT "evidence_target" CHECK ("evidence"."occurrence_id" is not null or "evidence"."indicator_code" is not null),
	CONSTRAINT "evidence_code_shape" CHECK ("evidence"."indicator_code" is null or "evidence"."indicator_code" ~ '^[BAP][1-7]$')
);
--> statement-breakpoint
ALTER TABLE "assessment_round" ADD CONSTRAINT "assessment_round_opened_by_person_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_round" ADD CONSTRAINT "assessment_round_decided_by_person_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_score" ADD CONSTRAINT "assessment_score_round_id_assessment_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_score" ADD CONSTRAINT "assessment_score_visit_id_assessment_visit_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."assessment_visit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_score" ADD CONSTRAINT "assessment_score_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_score" ADD CONSTRAINT "assessment_score_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_visit" ADD CONSTRAINT "assessment_visit_round_id_assessment_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_visit" ADD CONSTRAINT "assessment_visit_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_visit" ADD CONSTRAINT "assessment_visit_scheduled_by_person_id_fk" FOREIGN KEY ("scheduled_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessor_invite" ADD CONSTRAINT "assessor_invite_round_id_assessment_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessor_invite" ADD CONSTRAINT "assessor_invite_created_by_person_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessor_invite" ADD CONSTRAINT "assessor_invite_used_by_person_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessor_scope" ADD CONSTRAINT "assessor_scope_assessor_id_round_assessor_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."round_assessor"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessor_scope" ADD CONSTRAINT "assessor_scope_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessor_scope" ADD CONSTRAINT "assessor_scope_kecamatan_code_kecamatan_code_fk" FOREIGN KEY ("kecamatan_code") REFERENCES "public"."kecamatan"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kencana_requirement" ADD CONSTRAINT "kencana_requirement_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kencana_requirement" ADD CONSTRAINT "kencana_requirement_recorded_by_person_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_assessor" ADD CONSTRAINT "round_assessor_round_id_assessment_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_assessor" ADD CONSTRAINT "round_assessor_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_assessor" ADD CONSTRAINT "round_assessor_invite_code_assessor_invite_code_fk" FOREIGN KEY ("invite_code") REFERENCES "public"."assessor_invite"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_assessor" ADD CONSTRAINT "round_assessor_revoked_by_person_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rt_proposal" ADD CONSTRAINT "rt_proposal_round_id_assessment_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rt_proposal" ADD CONSTRAINT "rt_proposal_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rt_proposal" ADD CONSTRAINT "rt_proposal_proposed_by_person_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rt_proposal" ADD CONSTRAINT "rt_proposal_withdrawn_by_person_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rt_title" ADD CONSTRAINT "rt_title_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rt_title" ADD CONSTRAINT "rt_title_round_id_assessment_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rt_title" ADD CONSTRAINT "rt_title_recorded_by_person_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_occurrence_id_event_occurrence_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."event_occurrence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_round_id_assessment_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_added_by_person_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_removed_by_person_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_score_round_rt_idx" ON "assessment_score" USING btree ("round_id","rt_id","indicator_code","person_id","id");--> statement-breakpoint
CREATE INDEX "assessment_score_rt_kind_idx" ON "assessment_score" USING btree ("rt_id","kind","indicator_code","id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_visit_round_rt_uq" ON "assessment_visit" USING btree ("round_id","rt_id") WHERE "assessment_visit"."kind" = 'round' and "assessment_visit"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "assessment_visit_rt_idx" ON "assessment_visit" USING btree ("rt_id","starts_at");--> statement-breakpoint
CREATE INDEX "assessor_scope_assessor_idx" ON "assessor_scope" USING btree ("assessor_id");--> statement-breakpoint
CREATE INDEX "kencana_requirement_rt_idx" ON "kencana_requirement" USING btree ("rt_id","requirement","id");--> statement-breakpoint
CREATE UNIQUE INDEX "round_assessor_current_uq" ON "round_assessor" USING btree ("round_id","person_id") WHERE "round_assessor"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "round_assessor_person_idx" ON "round_assessor" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rt_proposal_current_uq" ON "rt_proposal" USING btree ("round_id","rt_id") WHERE "rt_proposal"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "rt_proposal_rt_idx" ON "rt_proposal" USING btree ("rt_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rt_title_rt_level_uq" ON "rt_title" USING btree ("rt_id","level");--> statement-breakpoint
CREATE INDEX "rt_title_round_idx" ON "rt_title" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "evidence_rt_idx" ON "evidence" USING btree ("rt_id","added_at");--> statement-breakpoint
CREATE INDEX "evidence_occurrence_idx" ON "evidence" USING btree ("occurrence_id");--> statement-breakpoint
CREATE INDEX "evidence_round_idx" ON "evidence" USING btree ("round_id","rt_id");--> statement-breakpoint
-- Append-only: an assessor's score is never changed or removed; a change is a new row (TRUNCATE, used by the tests, is not a row event).
CREATE FUNCTION "assessment_score_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'assessment_score is append-only';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "assessment_score_append_only" BEFORE UPDATE OR DELETE ON "assessment_score" FOR EACH ROW EXECUTE FUNCTION "assessment_score_append_only"();
