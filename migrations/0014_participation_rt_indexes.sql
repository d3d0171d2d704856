-- The new indexes are built before the old one is dropped: CREATE INDEX lets reads of participation
-- go on (writes wait for the build), while DROP INDEX would hold every read until the commit.
-- IF [NOT] EXISTS: a database that ran an earlier draft of this migration runs it again cleanly.
CREATE INDEX IF NOT EXISTS "participation_rt_cover_idx" ON "participation" USING btree ("rt_id","occurred_at","kind","verified","revoked_at","person_id","household_label","occurrence_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "participation_rt_kind_time_idx" ON "participation" USING btree ("rt_id","kind","occurred_at") WHERE "participation"."verified" and "participation"."revoked_at" is null;--> statement-breakpoint
DROP INDEX IF EXISTS "participation_rt_time_idx";
