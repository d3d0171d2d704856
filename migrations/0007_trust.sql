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
--> statement-breakpoint
-- A group's notice (no person behind the chat) is keyed by its chat, as new code writes it, so a
-- notice queued before this migration is not sent a second time under the new key.
UPDATE "outbox" SET "dedupe_key" = regexp_replace("dedupe_key", ':(-?[0-9]+)$', ':chat:\1') WHERE "person_id" IS NULL AND "dedupe_key" ~ '^notice:.*:-?[0-9]+$' AND "dedupe_key" !~ ':(chat|person):-?[0-9]+$';--> statement-breakpoint
-- Messages written before this migration that name or quote someone besides their recipient get
-- that someone in subject_person_ids (as new code writes it), so their /hapusdata reaches them
-- too. Ids are compared as text: a cast in WHERE could meet a key of another shape first.
UPDATE "outbox" o SET "subject_person_ids" = ARRAY[m."person_id"] FROM "membership" m
  WHERE o."dedupe_key" ~ '^notice:(join-request|left):[0-9]+:' AND m."id"::text = split_part(o."dedupe_key", ':', 3) AND cardinality(o."subject_person_ids") = 0;--> statement-breakpoint
UPDATE "outbox" o SET "subject_person_ids" = ARRAY[l."person_id"] FROM "reading_log" l
  WHERE o."dedupe_key" ~ '^notice:reading-log:[0-9]+:' AND l."id"::text = split_part(o."dedupe_key", ':', 3) AND cardinality(o."subject_person_ids") = 0;--> statement-breakpoint
UPDATE "outbox" o SET "subject_person_ids" = ARRAY[e."recorded_by"] FROM "ledger_entry" e
  WHERE o."dedupe_key" ~ '^notice:bank-receipt:[0-9]+:' AND e."id"::text = split_part(o."dedupe_key", ':', 3) AND cardinality(o."subject_person_ids") = 0;--> statement-breakpoint
UPDATE "outbox" o SET "subject_person_ids" = ARRAY[r."granted_by"] FROM "role_assignment" r
  WHERE o."dedupe_key" ~ '^notice:handover:[0-9]+:' AND r."id"::text = split_part(o."dedupe_key", ':', 3) AND r."granted_by" IS NOT NULL AND cardinality(o."subject_person_ids") = 0;--> statement-breakpoint
UPDATE "outbox" o SET "subject_person_ids" = array_remove(ARRAY[s."from_person_id", s."to_person_id"], NULL) FROM "swap_request" s
  WHERE o."dedupe_key" ~ '^notice:swap-(offer|taken):[0-9]+:' AND s."id"::text = split_part(o."dedupe_key", ':', 3) AND cardinality(o."subject_person_ids") = 0;--> statement-breakpoint
-- A rota names the people on watch; which ones is not in its key, so every volunteer of the RT and
-- everyone ever on or swapped off its watch (more than named: an erasure then blanks a little more).
UPDATE "outbox" o SET "subject_person_ids" = r."ids"
  FROM (
    SELECT "rt_id", array_agg(DISTINCT "person_id" ORDER BY "person_id") AS "ids" FROM (
      SELECT "rt_id", "person_id" FROM "ronda_volunteer"
      UNION SELECT eo."rt_id", sa."person_id" FROM "shift_assignment" sa JOIN "event_occurrence" eo ON eo."id" = sa."occurrence_id"
      UNION SELECT eo."rt_id", sw."from_person_id" FROM "swap_request" sw JOIN "event_occurrence" eo ON eo."id" = sw."occurrence_id"
    ) AS "watch" GROUP BY "rt_id"
  ) AS r
  WHERE o."dedupe_key" ~ '^rota:[0-9]+:' AND r."rt_id"::text = split_part(o."dedupe_key", ':', 2) AND cardinality(o."subject_person_ids") = 0;--> statement-breakpoint
-- Someone who erased their data before this migration: what still names them goes as /hapusdata
-- now does it (queued ones cancelled, every one's text blanked).
UPDATE "outbox" SET "payload" = '{}'::jsonb, "status" = CASE WHEN "status" IN ('pending', 'sending') THEN 'cancelled'::outbox_status ELSE "status" END
  WHERE cardinality("subject_person_ids") > 0 AND "subject_person_ids" && ARRAY(SELECT "id" FROM "person" WHERE "erased_at" IS NOT NULL);
