ALTER TABLE "deposit_line" ALTER COLUMN "quantity" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "deposit_line" ALTER COLUMN "rupiah_per_unit" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "deposit_line" ALTER COLUMN "value" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "waste_price" ALTER COLUMN "rupiah_per_unit" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "subject_person_ids" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "event" ADD COLUMN "request_key" text;--> statement-breakpoint
CREATE INDEX "outbox_subject_idx" ON "outbox" USING gin ("subject_person_ids") WHERE cardinality("outbox"."subject_person_ids") > 0;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_request_key_unique" UNIQUE("request_key");--> statement-breakpoint
-- Keys never embed a Telegram id: a person's notices are keyed by their person id, and a bank
-- form's ledger key is its kind and random id (it used to carry the officer's chat id).
UPDATE "outbox" SET "dedupe_key" = regexp_replace("dedupe_key", ':-?[0-9]+$', ':person:' || "person_id") WHERE "person_id" IS NOT NULL AND "dedupe_key" ~ '^notice:.*:-?[0-9]+$' AND "dedupe_key" !~ ':person:[0-9]+$';--> statement-breakpoint
UPDATE "ledger_entry" SET "request_key" = regexp_replace("request_key", '^(deposit|withdrawal|reversal):-?[0-9]+:', '\1:') WHERE "request_key" ~ '^(deposit|withdrawal|reversal):-?[0-9]+:';
