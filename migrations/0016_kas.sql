CREATE TYPE "public"."kas_entry_kind" AS ENUM('income', 'spending', 'reversal');--> statement-breakpoint
CREATE TYPE "public"."kas_income_kind" AS ENUM('iuran', 'jimpitan', 'swadaya', 'pembinaan', 'donasi', 'lainnya');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'bendahara';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'kas_income';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'kas_spending';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'kas_reversal';--> statement-breakpoint
CREATE TABLE "kas_balance" (
	"rt_id" integer PRIMARY KEY NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kas_balance_not_negative" CHECK ("kas_balance"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "kas_entry" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_key" text NOT NULL,
	"rt_id" integer NOT NULL,
	"kind" "kas_entry_kind" NOT NULL,
	"income_kind" "kas_income_kind",
	"amount" bigint NOT NULL,
	"from_award" boolean DEFAULT false NOT NULL,
	"purpose" text,
	"receipt_file_id" text,
	"receipt_file_unique_id" text,
	"reverses_entry_id" bigint,
	"reason" text,
	"occurrence_id" bigint,
	"collected_by" integer[],
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_by" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kas_entry_request_key_unique" UNIQUE("request_key"),
	CONSTRAINT "kas_entry_shape" CHECK (case "kas_entry"."kind"
      when 'income' then "kas_entry"."amount" > 0 and "kas_entry"."income_kind" is not null and "kas_entry"."reverses_entry_id" is null and not "kas_entry"."from_award"
      when 'spending' then "kas_entry"."amount" < 0 and "kas_entry"."income_kind" is null and "kas_entry"."reverses_entry_id" is null and "kas_entry"."purpose" is not null and "kas_entry"."receipt_file_id" is not null
      else "kas_entry"."reverses_entry_id" is not null and "kas_entry"."reason" is not null and "kas_entry"."amount" <> 0 end)
);
--> statement-breakpoint
ALTER TABLE "role_assignment" DROP CONSTRAINT "role_scope_shape";--> statement-breakpoint
ALTER TABLE "kas_balance" ADD CONSTRAINT "kas_balance_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kas_entry" ADD CONSTRAINT "kas_entry_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kas_entry" ADD CONSTRAINT "kas_entry_occurrence_id_event_occurrence_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."event_occurrence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kas_entry" ADD CONSTRAINT "kas_entry_recorded_by_person_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "kas_entry_reverses_uq" ON "kas_entry" USING btree ("reverses_entry_id") WHERE "kas_entry"."reverses_entry_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "kas_entry_jimpitan_night_uq" ON "kas_entry" USING btree ("occurrence_id") WHERE "kas_entry"."kind" = 'income' and "kas_entry"."occurrence_id" is not null;--> statement-breakpoint
CREATE INDEX "kas_entry_rt_time_idx" ON "kas_entry" USING btree ("rt_id","occurred_at");--> statement-breakpoint
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_scope_shape" CHECK (case "role_assignment"."role"::text
      when 'ketua_rt' then "role_assignment"."rt_id" is not null and "role_assignment"."kelurahan_code" is null and "role_assignment"."kecamatan_code" is null
      when 'petugas' then "role_assignment"."rt_id" is not null and "role_assignment"."kelurahan_code" is null and "role_assignment"."kecamatan_code" is null
      when 'bendahara' then "role_assignment"."rt_id" is not null and "role_assignment"."kelurahan_code" is null and "role_assignment"."kecamatan_code" is null
      when 'koordinator' then "role_assignment"."rt_id" is null and (("role_assignment"."kelurahan_code" is null) <> ("role_assignment"."kecamatan_code" is null))
      else "role_assignment"."rt_id" is null and "role_assignment"."kelurahan_code" is null and "role_assignment"."kecamatan_code" is null end);--> statement-breakpoint
-- hand-written: issue 17 kas
-- The cash book is append-only: an entry is never changed or removed (a mistake is reversed by a
-- new entry). The one change allowed is erasure's (/hapusdata) blanking of the free text a person
-- wrote (purpose, reason) to '', every other column unchanged. TRUNCATE (the tests) is no row event.
CREATE FUNCTION "kas_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
    AND (to_jsonb(NEW) - 'purpose' - 'reason') = (to_jsonb(OLD) - 'purpose' - 'reason')
    AND (NEW.purpose IS NOT DISTINCT FROM OLD.purpose OR NEW.purpose = '')
    AND (NEW.reason IS NOT DISTINCT FROM OLD.reason OR NEW.reason = '') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'kas_entry is append-only';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "kas_entry_append_only" BEFORE UPDATE OR DELETE ON "kas_entry" FOR EACH ROW EXECUTE FUNCTION "kas_entry_append_only"();
