-- The search table holds the library's rows and each practice's own, fenced like the other library
-- tables. Search finds candidate ids in it as rehabit_system (whose policy admits every row, so the
-- planner may answer @@ and && from the GIN index) with the practice named in every query.
SELECT rehabit_fence_library_table('exercise_search');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exercise_search TO rehabit_app, rehabit_system;
--> statement-breakpoint
-- Undoes 0006's LEAKPROOF marking of the match operators' functions: search no longer matches under
-- a tenant's policy, and the marking was global, needed a superuser and was lost on restore.
DO $leakproof$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION ts_match_vq(tsvector, tsquery) NOT LEAKPROOF;
    ALTER FUNCTION similarity_op(text, text) NOT LEAKPROOF;
  END IF;
END
$leakproof$;
