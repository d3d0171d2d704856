ALTER TABLE "event" ADD COLUMN "request_key" text;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_request_key_unique" UNIQUE("request_key");