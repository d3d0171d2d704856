CREATE TYPE "public"."broadcast_status" AS ENUM('running', 'stopped', 'done');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sending', 'sent', 'failed', 'blocked', 'skipped', 'cancelled');--> statement-breakpoint
CREATE TABLE "broadcast" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sender_person_id" integer NOT NULL,
	"request_key" text NOT NULL,
	"audience" text NOT NULL,
	"rt_id" integer,
	"text" text NOT NULL,
	"entities" jsonb,
	"to_group" boolean DEFAULT false NOT NULL,
	"pin_in_group" boolean DEFAULT false NOT NULL,
	"status" "broadcast_status" DEFAULT 'running' NOT NULL,
	"recipients" integer DEFAULT 0 NOT NULL,
	"muted_skipped" integer DEFAULT 0 NOT NULL,
	"progress_chat_id" bigint,
	"progress_message_id" bigint,
	"progress_text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "broadcast_request_key_unique" UNIQUE("request_key")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"chat_id" bigint NOT NULL,
	"person_id" integer,
	"priority" smallint NOT NULL,
	"method" text DEFAULT 'sendMessage' NOT NULL,
	"payload" jsonb NOT NULL,
	"broadcast_id" bigint,
	"not_before" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"claimed_at" timestamp with time zone,
	"claimed_by" text,
	"sent_at" timestamp with time zone,
	"telegram_message_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "announcements_muted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "unreachable_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "broadcast" ADD CONSTRAINT "broadcast_sender_person_id_person_id_fk" FOREIGN KEY ("sender_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast" ADD CONSTRAINT "broadcast_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_broadcast_id_broadcast_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcast"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("priority","not_before","id") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_sending_idx" ON "outbox" USING btree ("claimed_at") WHERE "outbox"."status" = 'sending';--> statement-breakpoint
CREATE INDEX "outbox_broadcast_idx" ON "outbox" USING btree ("broadcast_id","status");