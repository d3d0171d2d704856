CREATE TABLE "indicator_score" (
	"id" serial PRIMARY KEY NOT NULL,
	"rt_id" integer NOT NULL,
	"indicator_code" text NOT NULL,
	"score" smallint NOT NULL,
	"note" text,
	"assessed_on" date NOT NULL,
	"entered_by" integer NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "indicator_score_range" CHECK ("indicator_score"."score" between 0 and 2),
	CONSTRAINT "indicator_score_code_shape" CHECK ("indicator_score"."indicator_code" ~ '^[BAP][1-7]$')
);
--> statement-breakpoint
ALTER TABLE "indicator_score" ADD CONSTRAINT "indicator_score_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_score" ADD CONSTRAINT "indicator_score_entered_by_person_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_score_rt_code_idx" ON "indicator_score" USING btree ("rt_id","indicator_code","assessed_on","id");