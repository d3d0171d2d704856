CREATE TABLE "command_menu" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"chat_id" bigint NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	"synced_generation" integer DEFAULT 0 NOT NULL,
	"sent" text,
	"not_before" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "command_menu" ADD CONSTRAINT "command_menu_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "command_menu_due_idx" ON "command_menu" USING btree ("not_before") WHERE "command_menu"."generation" > "command_menu"."synced_generation";