CREATE TYPE "public"."membership_status" AS ENUM('pending', 'active', 'left', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('ketua_rt', 'petugas', 'koordinator', 'admin');--> statement-breakpoint
CREATE TYPE "public"."role_invite_role" AS ENUM('ketua_rt', 'koordinator');--> statement-breakpoint
CREATE TABLE "kecamatan" (
	"code" text PRIMARY KEY NOT NULL,
	"regency_code" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kelurahan" (
	"code" text PRIMARY KEY NOT NULL,
	"kecamatan_code" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"rt_id" integer NOT NULL,
	"household_label" text,
	"status" "membership_status" DEFAULT 'pending' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"ended_at" timestamp with time zone,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" serial PRIMARY KEY NOT NULL,
	"telegram_id" bigint,
	"display_name" text,
	"locale" text DEFAULT 'id' NOT NULL,
	"consented_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_telegram_id_unique" UNIQUE("telegram_id")
);
--> statement-breakpoint
CREATE TABLE "role_assignment" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"role" "role" NOT NULL,
	"rt_id" integer,
	"kelurahan_code" text,
	"kecamatan_code" text,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"granted_by" integer,
	"revoked_at" timestamp with time zone,
	"revoked_by" integer,
	CONSTRAINT "role_scope_shape" CHECK (case "role_assignment"."role"
      when 'ketua_rt' then "role_assignment"."rt_id" is not null and "role_assignment"."kelurahan_code" is null and "role_assignment"."kecamatan_code" is null
      when 'petugas' then "role_assignment"."rt_id" is not null and "role_assignment"."kelurahan_code" is null and "role_assignment"."kecamatan_code" is null
      when 'koordinator' then "role_assignment"."rt_id" is null and (("role_assignment"."kelurahan_code" is null) <> ("role_assignment"."kecamatan_code" is null))
      else "role_assignment"."rt_id" is null and "role_assignment"."kelurahan_code" is null and "role_assignment"."kecamatan_code" is null end)
);
--> statement-breakpoint
CREATE TABLE "role_invite" (
	"code" text PRIMARY KEY NOT NULL,
	"role" "role_invite_role" NOT NULL,
	"rt_id" integer,
	"kelurahan_code" text,
	"kecamatan_code" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" integer
);
--> statement-breakpoint
CREATE TABLE "rt" (
	"id" serial PRIMARY KEY NOT NULL,
	"kelurahan_code" text NOT NULL,
	"number" integer NOT NULL,
	"household_count" integer DEFAULT 0 NOT NULL,
	"invite_code" text NOT NULL,
	"group_chat_id" bigint,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rt_invite_code_unique" UNIQUE("invite_code"),
	CONSTRAINT "rt_group_chat_id_unique" UNIQUE("group_chat_id"),
	CONSTRAINT "rt_number_range" CHECK ("rt"."number" between 1 and 999),
	CONSTRAINT "rt_household_count_range" CHECK ("rt"."household_count" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "bot_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processed_update" (
	"update_id" bigint PRIMARY KEY NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kelurahan" ADD CONSTRAINT "kelurahan_kecamatan_code_kecamatan_code_fk" FOREIGN KEY ("kecamatan_code") REFERENCES "public"."kecamatan"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_decided_by_person_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_kelurahan_code_kelurahan_code_fk" FOREIGN KEY ("kelurahan_code") REFERENCES "public"."kelurahan"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_kecamatan_code_kecamatan_code_fk" FOREIGN KEY ("kecamatan_code") REFERENCES "public"."kecamatan"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_granted_by_person_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_revoked_by_person_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_invite" ADD CONSTRAINT "role_invite_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_invite" ADD CONSTRAINT "role_invite_kelurahan_code_kelurahan_code_fk" FOREIGN KEY ("kelurahan_code") REFERENCES "public"."kelurahan"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_invite" ADD CONSTRAINT "role_invite_kecamatan_code_kecamatan_code_fk" FOREIGN KEY ("kecamatan_code") REFERENCES "public"."kecamatan"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_invite" ADD CONSTRAINT "role_invite_created_by_person_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_invite" ADD CONSTRAINT "role_invite_used_by_person_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rt" ADD CONSTRAINT "rt_kelurahan_code_kelurahan_code_fk" FOREIGN KEY ("kelurahan_code") REFERENCES "public"."kelurahan"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rt" ADD CONSTRAINT "rt_created_by_person_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kecamatan_regency_idx" ON "kecamatan" USING btree ("regency_code");--> statement-breakpoint
CREATE INDEX "kelurahan_kecamatan_idx" ON "kelurahan" USING btree ("kecamatan_code");--> statement-breakpoint
CREATE UNIQUE INDEX "membership_current_uq" ON "membership" USING btree ("person_id") WHERE "membership"."status" in ('pending', 'active');--> statement-breakpoint
CREATE INDEX "membership_rt_status_idx" ON "membership" USING btree ("rt_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "role_one_ketua_per_rt_uq" ON "role_assignment" USING btree ("rt_id") WHERE "role_assignment"."role" = 'ketua_rt' and "role_assignment"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "role_active_uq" ON "role_assignment" USING btree ("person_id","role",coalesce("rt_id", 0),coalesce("kelurahan_code", ''),coalesce("kecamatan_code", '')) WHERE "role_assignment"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "role_person_idx" ON "role_assignment" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rt_kelurahan_number_uq" ON "rt" USING btree ("kelurahan_code","number");