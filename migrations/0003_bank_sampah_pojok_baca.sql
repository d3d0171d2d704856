CREATE TYPE "public"."ledger_entry_kind" AS ENUM('deposit', 'withdrawal', 'reversal');--> statement-breakpoint
CREATE TYPE "public"."measure_unit" AS ENUM('kg', 'liter');--> statement-breakpoint
CREATE TYPE "public"."reading_activity" AS ENUM('membaca_bersama', 'mendongeng', 'belajar_kelompok', 'tpa_mengaji', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."reading_log_status" AS ENUM('pending', 'confirmed', 'rejected');--> statement-breakpoint
CREATE TABLE "bank_account" (
	"id" serial PRIMARY KEY NOT NULL,
	"waste_bank_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bank_account_balance_not_negative" CHECK ("bank_account"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "deposit_line" (
	"entry_id" bigint NOT NULL,
	"line_no" smallint NOT NULL,
	"waste_type_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"unit" "measure_unit" NOT NULL,
	"price_id" integer NOT NULL,
	"rupiah_per_unit" integer NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "deposit_line_entry_id_line_no_pk" PRIMARY KEY("entry_id","line_no"),
	CONSTRAINT "deposit_line_quantity_range" CHECK ("deposit_line"."quantity" > 0),
	CONSTRAINT "deposit_line_value_range" CHECK ("deposit_line"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entry" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_key" text NOT NULL,
	"account_id" integer NOT NULL,
	"waste_bank_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"rt_id" integer,
	"kind" "ledger_entry_kind" NOT NULL,
	"amount" bigint NOT NULL,
	"reverses_entry_id" bigint,
	"reason" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_by" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_entry_request_key_unique" UNIQUE("request_key"),
	CONSTRAINT "ledger_entry_reverses_entry_id_unique" UNIQUE("reverses_entry_id"),
	CONSTRAINT "ledger_entry_shape" CHECK (case "ledger_entry"."kind"
      when 'deposit' then "ledger_entry"."amount" >= 0 and "ledger_entry"."reverses_entry_id" is null
      when 'withdrawal' then "ledger_entry"."amount" < 0 and "ledger_entry"."reverses_entry_id" is null
      else "ledger_entry"."reverses_entry_id" is not null and "ledger_entry"."reason" is not null end)
);
--> statement-breakpoint
CREATE TABLE "waste_bank" (
	"id" serial PRIMARY KEY NOT NULL,
	"kelurahan_code" text NOT NULL,
	"name" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waste_bank_officer" (
	"id" serial PRIMARY KEY NOT NULL,
	"waste_bank_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"appointed_by" integer,
	"appointed_at" timestamp with time zone NOT NULL,
	"revoked_by" integer,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "waste_bank_rt" (
	"rt_id" integer PRIMARY KEY NOT NULL,
	"waste_bank_id" integer NOT NULL,
	"added_by" integer,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waste_price" (
	"id" serial PRIMARY KEY NOT NULL,
	"waste_type_id" integer NOT NULL,
	"rupiah_per_unit" integer NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"set_by" integer,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "waste_price_range" CHECK ("waste_price"."rupiah_per_unit" between 0 and 10000000)
);
--> statement-breakpoint
CREATE TABLE "waste_type" (
	"id" serial PRIMARY KEY NOT NULL,
	"waste_bank_id" integer NOT NULL,
	"name" text NOT NULL,
	"unit" "measure_unit" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "book" (
	"id" serial PRIMARY KEY NOT NULL,
	"rt_id" integer NOT NULL,
	"title" text NOT NULL,
	"author" text,
	"copies" smallint NOT NULL,
	"added_by" integer,
	"added_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "book_copies_range" CHECK ("book"."copies" between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "book_loan" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_key" text NOT NULL,
	"book_id" integer NOT NULL,
	"rt_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"lent_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"lent_by" integer NOT NULL,
	"returned_at" timestamp with time zone,
	"returned_by" integer,
	CONSTRAINT "book_loan_request_key_unique" UNIQUE("request_key")
);
--> statement-breakpoint
CREATE TABLE "reading_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_key" text NOT NULL,
	"person_id" integer NOT NULL,
	"rt_id" integer NOT NULL,
	"minutes" smallint NOT NULL,
	"title" text NOT NULL,
	"logged_at" timestamp with time zone NOT NULL,
	"status" "reading_log_status" DEFAULT 'pending' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	CONSTRAINT "reading_log_request_key_unique" UNIQUE("request_key"),
	CONSTRAINT "reading_log_minutes_range" CHECK ("reading_log"."minutes" between 1 and 1440)
);
--> statement-breakpoint
CREATE TABLE "reading_session" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_key" text NOT NULL,
	"rt_id" integer NOT NULL,
	"activity" "reading_activity" NOT NULL,
	"activity_note" text,
	"held_at" timestamp with time zone NOT NULL,
	"attendee_count" integer NOT NULL,
	"recorded_by" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reading_session_request_key_unique" UNIQUE("request_key"),
	CONSTRAINT "reading_session_attendees_range" CHECK ("reading_session"."attendee_count" between 0 and 1000)
);
--> statement-breakpoint
CREATE TABLE "reading_session_attendee" (
	"session_id" bigint NOT NULL,
	"person_id" integer NOT NULL,
	CONSTRAINT "reading_session_attendee_session_id_person_id_pk" PRIMARY KEY("session_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "bank_account" ADD CONSTRAINT "bank_account_waste_bank_id_waste_bank_id_fk" FOREIGN KEY ("waste_bank_id") REFERENCES "public"."waste_bank"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_account" ADD CONSTRAINT "bank_account_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_line" ADD CONSTRAINT "deposit_line_entry_id_ledger_entry_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_line" ADD CONSTRAINT "deposit_line_waste_type_id_waste_type_id_fk" FOREIGN KEY ("waste_type_id") REFERENCES "public"."waste_type"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_line" ADD CONSTRAINT "deposit_line_price_id_waste_price_id_fk" FOREIGN KEY ("price_id") REFERENCES "public"."waste_price"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_account_id_bank_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."bank_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_waste_bank_id_waste_bank_id_fk" FOREIGN KEY ("waste_bank_id") REFERENCES "public"."waste_bank"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_recorded_by_person_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bank" ADD CONSTRAINT "waste_bank_kelurahan_code_kelurahan_code_fk" FOREIGN KEY ("kelurahan_code") REFERENCES "public"."kelurahan"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bank" ADD CONSTRAINT "waste_bank_created_by_person_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bank_officer" ADD CONSTRAINT "waste_bank_officer_waste_bank_id_waste_bank_id_fk" FOREIGN KEY ("waste_bank_id") REFERENCES "public"."waste_bank"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bank_officer" ADD CONSTRAINT "waste_bank_officer_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bank_officer" ADD CONSTRAINT "waste_bank_officer_appointed_by_person_id_fk" FOREIGN KEY ("appointed_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bank_officer" ADD CONSTRAINT "waste_bank_officer_revoked_by_person_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bank_rt" ADD CONSTRAINT "waste_bank_rt_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bank_rt" ADD CONSTRAINT "waste_bank_rt_waste_bank_id_waste_bank_id_fk" FOREIGN KEY ("waste_bank_id") REFERENCES "public"."waste_bank"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bank_rt" ADD CONSTRAINT "waste_bank_rt_added_by_person_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_price" ADD CONSTRAINT "waste_price_waste_type_id_waste_type_id_fk" FOREIGN KEY ("waste_type_id") REFERENCES "public"."waste_type"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_price" ADD CONSTRAINT "waste_price_set_by_person_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_type" ADD CONSTRAINT "waste_type_waste_bank_id_waste_bank_id_fk" FOREIGN KEY ("waste_bank_id") REFERENCES "public"."waste_bank"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "book" ADD CONSTRAINT "book_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "book" ADD CONSTRAINT "book_added_by_person_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "book_loan" ADD CONSTRAINT "book_loan_book_id_book_id_fk" FOREIGN KEY ("book_id") REFERENCES "public"."book"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "book_loan" ADD CONSTRAINT "book_loan_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "book_loan" ADD CONSTRAINT "book_loan_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "book_loan" ADD CONSTRAINT "book_loan_lent_by_person_id_fk" FOREIGN KEY ("lent_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "book_loan" ADD CONSTRAINT "book_loan_returned_by_person_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_log" ADD CONSTRAINT "reading_log_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_log" ADD CONSTRAINT "reading_log_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_log" ADD CONSTRAINT "reading_log_decided_by_person_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_session" ADD CONSTRAINT "reading_session_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_session" ADD CONSTRAINT "reading_session_recorded_by_person_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_session_attendee" ADD CONSTRAINT "reading_session_attendee_session_id_reading_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."reading_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_session_attendee" ADD CONSTRAINT "reading_session_attendee_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_account_bank_person_uq" ON "bank_account" USING btree ("waste_bank_id","person_id");--> statement-breakpoint
CREATE INDEX "bank_account_person_idx" ON "bank_account" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "ledger_entry_account_idx" ON "ledger_entry" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "ledger_entry_bank_time_idx" ON "ledger_entry" USING btree ("waste_bank_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "waste_bank_officer_active_uq" ON "waste_bank_officer" USING btree ("waste_bank_id","person_id") WHERE "waste_bank_officer"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "waste_bank_officer_person_idx" ON "waste_bank_officer" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "waste_bank_rt_bank_idx" ON "waste_bank_rt" USING btree ("waste_bank_id");--> statement-breakpoint
CREATE INDEX "waste_price_type_from_idx" ON "waste_price" USING btree ("waste_type_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "waste_type_bank_name_uq" ON "waste_type" USING btree ("waste_bank_id",lower("name")) WHERE "waste_type"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "book_rt_idx" ON "book" USING btree ("rt_id");--> statement-breakpoint
CREATE INDEX "book_loan_open_book_idx" ON "book_loan" USING btree ("book_id") WHERE "book_loan"."returned_at" is null;--> statement-breakpoint
CREATE INDEX "book_loan_open_due_idx" ON "book_loan" USING btree ("due_at") WHERE "book_loan"."returned_at" is null;--> statement-breakpoint
CREATE INDEX "book_loan_person_idx" ON "book_loan" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "reading_log_rt_status_idx" ON "reading_log" USING btree ("rt_id","status");--> statement-breakpoint
CREATE INDEX "reading_session_rt_time_idx" ON "reading_session" USING btree ("rt_id","held_at");