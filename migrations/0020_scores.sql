CREATE TABLE "occurrence_attendance" (
	"occurrence_id" bigint PRIMARY KEY NOT NULL,
	"households" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "occurrence_household" (
	"occurrence_id" bigint NOT NULL,
	"unit" uuid NOT NULL,
	"records" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "occurrence_household_occurrence_id_unit_pk" PRIMARY KEY("occurrence_id","unit")
);
--> statement-breakpoint
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
ALTER TABLE "occurrence_attendance" ADD CONSTRAINT "occurrence_attendance_occurrence_id_event_occurrence_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."event_occurrence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occurrence_household" ADD CONSTRAINT "occurrence_household_occurrence_id_event_occurrence_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."event_occurrence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rt_week_rollup" ADD CONSTRAINT "rt_week_rollup_rt_id_rt_id_fk" FOREIGN KEY ("rt_id") REFERENCES "public"."rt"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- hand-written: issue 18 scores
-- The weekly rollup and the occurrences' attendance are kept by statement triggers on
-- participation, in the writer's transaction: whatever writes a record (a check-in, a deposit, a
-- tick taken back, erasure's relabelling, a delete) moves the counts with it. Each trigger groups
-- its statement's rows by key and adds or subtracts them in one upsert per table, in key order (two
-- statements lock shared rows in the same order); a row whose counts all reach 0 is deleted. Two
-- writers meet only on one household's row of a week, or on an occurrence's count when a
-- household's first record of it comes or its last goes. The week is wibWeekIndex
-- (src/domain/scores/weeks.ts): weeks from Monday 1970-01-05 00.00 WIB, 320,400 s after the epoch.
-- Tables and functions are named with their schema (public.…): the functions do not depend on the
-- caller's search_path.
CREATE FUNCTION "rt_week_of"("at" timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT floor((date_part('epoch', "at") - 320400) / 604800)::int
$$;--> statement-breakpoint
-- The household a record stands for (HOUSEHOLD of src/domain/scores/metrics.ts), as a digest: the
-- rollups keep no label.
CREATE FUNCTION "rt_week_unit"("label" text, "person_id" integer) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT md5(coalesce(nullif(lower(btrim("label")), ''), 'person:' || "person_id"))::uuid
$$;--> statement-breakpoint
-- What one record adds to the weekly rollup (sign 1) or takes from it (sign -1): its household's
-- row and, for a verified reading record, its reader's row. Kinds are compared as text: a fresh
-- database runs every migration in one transaction, where the enum values added since 0002 cannot
-- be used as enum literals yet.
CREATE FUNCTION "rt_week_rollup_deltas"("sign" integer, "p" public."participation")
RETURNS TABLE ("week" integer, "rt_id" integer, "unit" uuid, "counted" integer, "unverified" integer, "clean" integer, "bank" integer, "kebun" integer, "gathering" integer, "reading" integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT public."rt_week_of"(p.occurred_at), p.rt_id, public."rt_week_unit"(p.household_label, p.person_id),
    CASE WHEN p.verified THEN sign ELSE 0 END,
    CASE WHEN p.verified THEN 0 ELSE sign END,
    CASE WHEN p.verified AND p.kind::text IN ('gotong_royong', 'bank_sampah') THEN sign ELSE 0 END,
    CASE WHEN p.verified AND p.kind::text = 'bank_sampah' THEN sign ELSE 0 END,
    CASE WHEN p.verified AND p.kind::text = 'kebun_toga' THEN sign ELSE 0 END,
    CASE WHEN p.verified AND p.kind::text IN ('pengajian', 'yasinan', 'karang_taruna', 'pkk') THEN sign ELSE 0 END,
    0
  WHERE p.revoked_at IS NULL AND p.kind::text <> 'musyawarah'
  UNION ALL
  SELECT public."rt_week_of"(p.occurred_at), p.rt_id, md5('reader:' || p.person_id)::uuid, 0, 0, 0, 0, 0, 0, sign
  WHERE p.revoked_at IS NULL AND p.verified AND p.kind::text IN ('pojok_baca_sesi', 'pojok_baca_pinjam', 'membaca')
$$;--> statement-breakpoint
-- Adds grouped deltas (parallel arrays, one entry per row touched), then deletes the rows left empty.
CREATE FUNCTION "rt_week_rollup_add"("weeks" integer[], "rts" integer[], "units" uuid[], "counteds" integer[], "unverifieds" integer[], "cleans" integer[], "banks" integer[], "kebuns" integer[], "gatherings" integer[], "readings" integer[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  emptied_weeks integer[];
  emptied_rts integer[];
  emptied_units uuid[];
BEGIN
  IF weeks IS NULL THEN RETURN; END IF;
  WITH upserted AS (
    INSERT INTO public."rt_week_rollup" AS w ("week", "rt_id", "unit", "counted", "unverified", "clean", "bank", "kebun", "gathering", "reading")
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
    DELETE FROM public."rt_week_rollup" w USING unnest(emptied_weeks, emptied_rts, emptied_units) AS e("week", "rt_id", "unit")
    WHERE w."week" = e."week" AND w."rt_id" = e."rt_id" AND w."unit" = e."unit"
      AND w."counted" = 0 AND w."unverified" = 0 AND w."clean" = 0 AND w."bank" = 0 AND w."kebun" = 0 AND w."gathering" = 0 AND w."reading" = 0;
  END IF;
END;
$$;--> statement-breakpoint
-- Adds records to (occurrence, household) rows, and moves the occurrence's count by the households
-- whose first record came (+1) or last went (-1); rows left at 0 are deleted.
CREATE FUNCTION "occurrence_attendance_add"("occurrences" bigint[], "units" uuid[], "deltas" integer[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  emptied_occurrences bigint[];
  emptied_units uuid[];
BEGIN
  IF occurrences IS NULL THEN RETURN; END IF;
  WITH d AS (
    SELECT * FROM unnest(occurrences, units, deltas) AS d("occurrence_id", "unit", "delta")
  ), upserted AS (
    INSERT INTO public."occurrence_household" AS h ("occurrence_id", "unit", "records")
    SELECT d."occurrence_id", d."unit", d."delta" FROM d ORDER BY 1, 2
    ON CONFLICT ("occurrence_id", "unit") DO UPDATE SET "records" = h."records" + excluded."records"
    RETURNING h."occurrence_id", h."unit", h."records"
  ), moved AS (
    SELECT u."occurrence_id", u."unit", u."records",
      CASE WHEN u."records" > 0 AND u."records" - d."delta" <= 0 THEN 1 WHEN u."records" <= 0 AND u."records" - d."delta" > 0 THEN -1 ELSE 0 END AS "households"
    FROM upserted u JOIN d ON d."occurrence_id" = u."occurrence_id" AND d."unit" = u."unit"
  ), counted AS (
    INSERT INTO public."occurrence_attendance" AS a ("occurrence_id", "households")
    SELECT m."occurrence_id", sum(m."households") FROM moved m GROUP BY 1 HAVING sum(m."households") <> 0 ORDER BY 1
    ON CONFLICT ("occurrence_id") DO UPDATE SET "households" = a."households" + excluded."households"
  )
  SELECT array_agg(m."occurrence_id"), array_agg(m."unit") INTO emptied_occurrences, emptied_units FROM moved m WHERE m."records" = 0;
  IF emptied_occurrences IS NOT NULL THEN
    DELETE FROM public."occurrence_household" h USING unnest(emptied_occurrences, emptied_units) AS e("occurrence_id", "unit")
    WHERE h."occurrence_id" = e."occurrence_id" AND h."unit" = e."unit" AND h."records" = 0;
    DELETE FROM public."occurrence_attendance" a WHERE a."occurrence_id" = ANY(emptied_occurrences) AND a."households" = 0;
  END IF;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "participation_rollup_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public."rt_week_rollup_add"(array_agg(d."week"), array_agg(d."rt_id"), array_agg(d."unit"), array_agg(d."counted"), array_agg(d."unverified"),
    array_agg(d."clean"), array_agg(d."bank"), array_agg(d."kebun"), array_agg(d."gathering"), array_agg(d."reading"))
  FROM (
    SELECT x."week", x."rt_id", x."unit", sum(x."counted")::int AS "counted", sum(x."unverified")::int AS "unverified", sum(x."clean")::int AS "clean",
      sum(x."bank")::int AS "bank", sum(x."kebun")::int AS "kebun", sum(x."gathering")::int AS "gathering", sum(x."reading")::int AS "reading"
    FROM (SELECT x.* FROM new_rows n, public."rt_week_rollup_deltas"(1, n) x) x
    GROUP BY 1, 2, 3
    HAVING (sum(x."counted"), sum(x."unverified"), sum(x."clean"), sum(x."bank"), sum(x."kebun"), sum(x."gathering"), sum(x."reading")) <> (0, 0, 0, 0, 0, 0, 0)
  ) d;
  PERFORM public."occurrence_attendance_add"(array_agg(d."occurrence_id"), array_agg(d."unit"), array_agg(d."delta"))
  FROM (
    SELECT x."occurrence_id", x."unit", sum(x."delta")::int AS "delta"
    FROM (SELECT n.occurrence_id, public."rt_week_unit"(n.household_label, n.person_id) AS unit, 1 AS delta FROM new_rows n WHERE n.occurrence_id IS NOT NULL AND n.verified AND n.revoked_at IS NULL) x
    GROUP BY 1, 2
    HAVING sum(x."delta") <> 0
  ) d;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "participation_rollup_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public."rt_week_rollup_add"(array_agg(d."week"), array_agg(d."rt_id"), array_agg(d."unit"), array_agg(d."counted"), array_agg(d."unverified"),
    array_agg(d."clean"), array_agg(d."bank"), array_agg(d."kebun"), array_agg(d."gathering"), array_agg(d."reading"))
  FROM (
    SELECT x."week", x."rt_id", x."unit", sum(x."counted")::int AS "counted", sum(x."unverified")::int AS "unverified", sum(x."clean")::int AS "clean",
      sum(x."bank")::int AS "bank", sum(x."kebun")::int AS "kebun", sum(x."gathering")::int AS "gathering", sum(x."reading")::int AS "reading"
    FROM (SELECT x.* FROM old_rows o, public."rt_week_rollup_deltas"(-1, o) x) x
    GROUP BY 1, 2, 3
    HAVING (sum(x."counted"), sum(x."unverified"), sum(x."clean"), sum(x."bank"), sum(x."kebun"), sum(x."gathering"), sum(x."reading")) <> (0, 0, 0, 0, 0, 0, 0)
  ) d;
  PERFORM public."occurrence_attendance_add"(array_agg(d."occurrence_id"), array_agg(d."unit"), array_agg(d."delta"))
  FROM (
    SELECT x."occurrence_id", x."unit", sum(x."delta")::int AS "delta"
    FROM (SELECT o.occurrence_id, public."rt_week_unit"(o.household_label, o.person_id) AS unit, -1 AS delta FROM old_rows o WHERE o.occurrence_id IS NOT NULL AND o.verified AND o.revoked_at IS NULL) x
    GROUP BY 1, 2
    HAVING sum(x."delta") <> 0
  ) d;
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- An update subtracts every old row and adds every new one; rows whose change the rollups do not
-- see (recorded_by, say) cancel out and touch nothing.
CREATE FUNCTION "participation_rollup_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public."rt_week_rollup_add"(array_agg(d."week"), array_agg(d."rt_id"), array_agg(d."unit"), array_agg(d."counted"), array_agg(d."unverified"),
    array_agg(d."clean"), array_agg(d."bank"), array_agg(d."kebun"), array_agg(d."gathering"), array_agg(d."reading"))
  FROM (
    SELECT x."week", x."rt_id", x."unit", sum(x."counted")::int AS "counted", sum(x."unverified")::int AS "unverified", sum(x."clean")::int AS "clean",
      sum(x."bank")::int AS "bank", sum(x."kebun")::int AS "kebun", sum(x."gathering")::int AS "gathering", sum(x."reading")::int AS "reading"
    FROM (SELECT x.* FROM old_rows o, public."rt_week_rollup_deltas"(-1, o) x UNION ALL SELECT x.* FROM new_rows n, public."rt_week_rollup_deltas"(1, n) x) x
    GROUP BY 1, 2, 3
    HAVING (sum(x."counted"), sum(x."unverified"), sum(x."clean"), sum(x."bank"), sum(x."kebun"), sum(x."gathering"), sum(x."reading")) <> (0, 0, 0, 0, 0, 0, 0)
  ) d;
  PERFORM public."occurrence_attendance_add"(array_agg(d."occurrence_id"), array_agg(d."unit"), array_agg(d."delta"))
  FROM (
    SELECT x."occurrence_id", x."unit", sum(x."delta")::int AS "delta"
    FROM (SELECT o.occurrence_id, public."rt_week_unit"(o.household_label, o.person_id) AS unit, -1 AS delta FROM old_rows o WHERE o.occurrence_id IS NOT NULL AND o.verified AND o.revoked_at IS NULL UNION ALL SELECT n.occurrence_id, public."rt_week_unit"(n.household_label, n.person_id) AS unit, 1 AS delta FROM new_rows n WHERE n.occurrence_id IS NOT NULL AND n.verified AND n.revoked_at IS NULL) x
    GROUP BY 1, 2
    HAVING sum(x."delta") <> 0
  ) d;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "participation_rollup_insert" AFTER INSERT ON public."participation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "participation_rollup_insert"();--> statement-breakpoint
CREATE TRIGGER "participation_rollup_delete" AFTER DELETE ON public."participation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "participation_rollup_delete"();--> statement-breakpoint
CREATE TRIGGER "participation_rollup_update" AFTER UPDATE ON public."participation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "participation_rollup_update"();--> statement-breakpoint
-- The rollups made again from the records: the backfill below, and a bulk load that ran with
-- triggers off (bench/scores-data.ts loads as pg_restore does, session_replication_role = replica).
CREATE FUNCTION "rt_week_rollup_rebuild"() RETURNS void LANGUAGE sql AS $$
  -- Writers wait until the rebuild commits (and the rebuild for the writers in flight): a record
  -- committed between the DELETEs and the INSERTs would otherwise be added by its trigger and again
  -- by the INSERT (a primary-key failure), and the rollups would not match the records.
  LOCK TABLE public."participation" IN SHARE MODE;
  DELETE FROM public."rt_week_rollup";
  DELETE FROM public."occurrence_attendance";
  DELETE FROM public."occurrence_household";
  INSERT INTO public."rt_week_rollup" ("week", "rt_id", "unit", "counted", "unverified", "clean", "bank", "kebun", "gathering", "reading")
  SELECT x."week", x."rt_id", x."unit", sum(x."counted"), sum(x."unverified"), sum(x."clean"), sum(x."bank"), sum(x."kebun"), sum(x."gathering"), sum(x."reading")
  FROM public."participation" p, public."rt_week_rollup_deltas"(1, p) x
  GROUP BY 1, 2, 3
  HAVING (sum(x."counted"), sum(x."unverified"), sum(x."clean"), sum(x."bank"), sum(x."kebun"), sum(x."gathering"), sum(x."reading")) <> (0, 0, 0, 0, 0, 0, 0);
  INSERT INTO public."occurrence_household" ("occurrence_id", "unit", "records")
  SELECT p.occurrence_id, public."rt_week_unit"(p.household_label, p.person_id), count(*)
  FROM public."participation" p
  WHERE p.occurrence_id IS NOT NULL AND p.verified AND p.revoked_at IS NULL
  GROUP BY 1, 2;
  INSERT INTO public."occurrence_attendance" ("occurrence_id", "households")
  SELECT h.occurrence_id, count(*) FROM public."occurrence_household" h GROUP BY 1;
$$;--> statement-breakpoint
SELECT "rt_week_rollup_rebuild"();--> statement-breakpoint
-- Statistics now, not at autovacuum's leisure: the first digest after the deploy plans on them.
ANALYZE public."rt_week_rollup", public."occurrence_household", public."occurrence_attendance";
