CREATE TABLE "rt_week_rollup" (
	"week" integer NOT NULL,
	"rt_id" integer NOT NULL,
	"unit" uuid NOT NULL,
	"counted" integer DEFAULT 0 NOT NULL,
	"unverified" integer DEFAULT 0 NOT NULL,
	"clean" integer DEFAULT 0 NOT NULL,
	"bank" integer DEFAULT 0 NOT NULL,
	"kebun" integer DEFAULT 0 NOT NULL,
	"gathering" integer DEFAULT 0 NOT NULL,
	"reading" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rt_week_rollup_week_rt_id_unit_pk" PRIMARY KEY("week","rt_id","unit")
);
--> statement-breakpoint
ALTER TABLE "rt_week_rollup" ADD CONSTRAINT "rt_week_rollup_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written: issue 18 scores
-- The weekly rollup is kept by statement triggers on participation, in the writer's transaction:
-- whatever writes a record (a check-in, a deposit, a tick taken back, erasure's relabelling, a
-- delete) moves the counts with it. Each trigger groups its statement's rows by (week, RT, unit)
-- and adds or subtracts them in one upsert; a row whose counts all reach 0 is deleted. Two writers
-- of one household's week meet on its row's lock only, so writers of different households never
-- wait for each other. The week is wibWeekIndex (src/domain/scores/weeks.ts): weeks from Monday
-- 1970-01-05 00.00 WIB (320,400 s after the epoch).
CREATE FUNCTION "rt_week_of"("at" timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT floor((date_part('epoch', "at") - 320400) / 604800)::int
$$;--> statement-breakpoint
-- What one record adds to the rollup (sign 1) or takes from it (sign -1): its household's row and,
-- for a verified reading record, its reader's row. HOUSEHOLD of src/domain/scores/metrics.ts. Kinds
-- are compared as text: a fresh database runs every migration in one transaction, where the enum
-- values added since 0002 cannot be used as enum literals yet.
CREATE FUNCTION "rt_week_rollup_deltas"("sign" integer, "p" "participation")
RETURNS TABLE ("week" integer, "rt_id" integer, "unit" uuid, "counted" integer, "unverified" integer, "clean" integer, "bank" integer, "kebun" integer, "gathering" integer, "reading" integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT "rt_week_of"(p.occurred_at), p.rt_id, md5(coalesce(nullif(lower(btrim(p.household_label)), ''), 'person:' || p.person_id))::uuid,
    CASE WHEN p.verified THEN sign ELSE 0 END,
    CASE WHEN p.verified THEN 0 ELSE sign END,
    CASE WHEN p.verified AND p.kind::text IN ('gotong_royong', 'bank_sampah') THEN sign ELSE 0 END,
    CASE WHEN p.verified AND p.kind::text = 'bank_sampah' THEN sign ELSE 0 END,
    CASE WHEN p.verified AND p.kind::text = 'kebun_toga' THEN sign ELSE 0 END,
    CASE WHEN p.verified AND p.kind::text IN ('pengajian', 'yasinan', 'karang_taruna', 'pkk') THEN sign ELSE 0 END,
    0
  WHERE p.revoked_at IS NULL AND p.kind::text <> 'musyawarah'
  UNION ALL
  SELECT "rt_week_of"(p.occurred_at), p.rt_id, md5('reader:' || p.person_id)::uuid, 0, 0, 0, 0, 0, 0, sign
  WHERE p.revoked_at IS NULL AND p.verified AND p.kind::text IN ('pojok_baca_sesi', 'pojok_baca_pinjam', 'membaca')
$$;--> statement-breakpoint
-- Adds the grouped deltas (parallel arrays, one entry per row of the rollup touched), in key order
-- so that two statements lock shared rows in the same order, then deletes the rows left empty.
CREATE FUNCTION "rt_week_rollup_add"("weeks" integer[], "rts" integer[], "units" uuid[], "counteds" integer[], "unverifieds" integer[], "cleans" integer[], "banks" integer[], "kebuns" integer[], "gatherings" integer[], "readings" integer[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  emptied_weeks integer[];
  emptied_rts integer[];
  emptied_units uuid[];
BEGIN
  IF weeks IS NULL THEN RETURN; END IF;
  WITH upserted AS (
    INSERT INTO "rt_week_rollup" AS w ("week", "rt_id", "unit", "counted", "unverified", "clean", "bank", "kebun", "gathering", "reading")
    SELECT * FROM unnest(weeks, rts, units, counteds, unverifieds, cleans, banks, kebuns, gatherings, readings) AS d
    ORDER BY 1, 2, 3
    ON CONFLICT ("week", "rt_id", "unit") DO UPDATE SET
      "counted" = w."counted" + excluded."counted", "unverified" = w."unverified" + excluded."unverified",
      "clean" = w."clean" + excluded."clean", "bank" = w."bank" + excluded."bank", "kebun" = w."kebun" + excluded."kebun",
      "gathering" = w."gathering" + excluded."gathering", "reading" = w."reading" + excluded."reading"
    RETURNING w."week", w."rt_id", w."unit",
      w."counted" = 0 AND w."unverified" = 0 AND w."clean" = 0 AND w."bank" = 0 AND w."kebun" = 0 AND w."gathering" = 0 AND w."reading" = 0 AS emptied
  )
  SELECT array_agg(u."week"), array_agg(u."rt_id"), array_agg(u."unit") INTO emptied_weeks, emptied_rts, emptied_units FROM upserted u WHERE u.emptied;
  IF emptied_weeks IS NOT NULL THEN
    DELETE FROM "rt_week_rollup" w USING unnest(emptied_weeks, emptied_rts, emptied_units) AS e("week", "rt_id", "unit")
    WHERE w."week" = e."week" AND w."rt_id" = e."rt_id" AND w."unit" = e."unit"
      AND w."counted" = 0 AND w."unverified" = 0 AND w."clean" = 0 AND w."bank" = 0 AND w."kebun" = 0 AND w."gathering" = 0 AND w."reading" = 0;
  END IF;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "participation_rollup_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "rt_week_rollup_add"(array_agg(d."week"), array_agg(d."rt_id"), array_agg(d."unit"), array_agg(d."counted"), array_agg(d."unverified"),
    array_agg(d."clean"), array_agg(d."bank"), array_agg(d."kebun"), array_agg(d."gathering"), array_agg(d."reading"))
  FROM (
    SELECT x."week", x."rt_id", x."unit", sum(x."counted")::int AS "counted", sum(x."unverified")::int AS "unverified", sum(x."clean")::int AS "clean",
      sum(x."bank")::int AS "bank", sum(x."kebun")::int AS "kebun", sum(x."gathering")::int AS "gathering", sum(x."reading")::int AS "reading"
    FROM new_rows n, "rt_week_rollup_deltas"(1, n) x
    GROUP BY 1, 2, 3
  ) d;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "participation_rollup_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "rt_week_rollup_add"(array_agg(d."week"), array_agg(d."rt_id"), array_agg(d."unit"), array_agg(d."counted"), array_agg(d."unverified"),
    array_agg(d."clean"), array_agg(d."bank"), array_agg(d."kebun"), array_agg(d."gathering"), array_agg(d."reading"))
  FROM (
    SELECT x."week", x."rt_id", x."unit", sum(x."counted")::int AS "counted", sum(x."unverified")::int AS "unverified", sum(x."clean")::int AS "clean",
      sum(x."bank")::int AS "bank", sum(x."kebun")::int AS "kebun", sum(x."gathering")::int AS "gathering", sum(x."reading")::int AS "reading"
    FROM old_rows o, "rt_week_rollup_deltas"(-1, o) x
    GROUP BY 1, 2, 3
  ) d;
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- An update subtracts every old row and adds every new one; rows whose change the rollup does not
-- see (recorded_by, say) cancel out and touch nothing.
CREATE FUNCTION "participation_rollup_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "rt_week_rollup_add"(array_agg(d."week"), array_agg(d."rt_id"), array_agg(d."unit"), array_agg(d."counted"), array_agg(d."unverified"),
    array_agg(d."clean"), array_agg(d."bank"), array_agg(d."kebun"), array_agg(d."gathering"), array_agg(d."reading"))
  FROM (
    SELECT x."week", x."rt_id", x."unit", sum(x."counted")::int AS "counted", sum(x."unverified")::int AS "unverified", sum(x."clean")::int AS "clean",
      sum(x."bank")::int AS "bank", sum(x."kebun")::int AS "kebun", sum(x."gathering")::int AS "gathering", sum(x."reading")::int AS "reading"
    FROM (
      SELECT x.* FROM old_rows o, "rt_week_rollup_deltas"(-1, o) x
      UNION ALL
      SELECT x.* FROM new_rows n, "rt_week_rollup_deltas"(1, n) x
    ) x
    GROUP BY 1, 2, 3
    HAVING (sum(x."counted"), sum(x."unverified"), sum(x."clean"), sum(x."bank"), sum(x."kebun"), sum(x."gathering"), sum(x."reading")) <> (0, 0, 0, 0, 0, 0, 0)
  ) d;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "participation_rollup_insert" AFTER INSERT ON "participation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "participation_rollup_insert"();--> statement-breakpoint
CREATE TRIGGER "participation_rollup_delete" AFTER DELETE ON "participation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "participation_rollup_delete"();--> statement-breakpoint
CREATE TRIGGER "participation_rollup_update" AFTER UPDATE ON "participation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "participation_rollup_update"();--> statement-breakpoint
-- The rollup made again from the records: the backfill below, and a bulk load that ran with
-- triggers off (bench/scores-data.ts loads as pg_restore does, session_replication_role = replica).
CREATE FUNCTION "rt_week_rollup_rebuild"() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "rt_week_rollup";
  INSERT INTO "rt_week_rollup" ("week", "rt_id", "unit", "counted", "unverified", "clean", "bank", "kebun", "gathering", "reading")
  SELECT x."week", x."rt_id", x."unit", sum(x."counted"), sum(x."unverified"), sum(x."clean"), sum(x."bank"), sum(x."kebun"), sum(x."gathering"), sum(x."reading")
  FROM "participation" p, "rt_week_rollup_deltas"(1, p) x
  GROUP BY 1, 2, 3
  HAVING (sum(x."counted"), sum(x."unverified"), sum(x."clean"), sum(x."bank"), sum(x."kebun"), sum(x."gathering"), sum(x."reading")) <> (0, 0, 0, 0, 0, 0, 0);
$$;--> statement-breakpoint
SELECT "rt_week_rollup_rebuild"();
