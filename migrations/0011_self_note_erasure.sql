-- Append-only still, with one change allowed: /hapusdata blanks the note of a self-assessment
-- answer (/nilaimandiri, the ketua's free text, which may name neighbours). Every other column, and
-- every team score, stays as written; anything else is refused as before.
CREATE OR REPLACE FUNCTION "assessment_score_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."kind" = 'self' AND NEW."note" IS NULL
     AND (to_jsonb(NEW) - 'note') = (to_jsonb(OLD) - 'note') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'assessment_score is append-only';
END;
$$;
