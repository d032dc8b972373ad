CREATE INDEX "exercise_texts_title_idx" ON "exercise_texts" USING btree ("language","title","exercise_id");--> statement-breakpoint
CREATE INDEX "exercise_vocabulary_library_prefix_idx" ON "exercise_vocabulary" USING btree ("language",("word" collate "C")) WHERE "exercise_vocabulary"."practice_id" is null;--> statement-breakpoint
-- Under row-level security the planner uses an index for a condition only when its operator is
-- leakproof (it cannot reveal rows the policy hides, e.g. through an error); otherwise it filters
-- every row the policy admits first. Exercise search matches with @@ (full text) and % (trigram), neither
-- marked by PostgreSQL, so every search read the whole library. Both only compute a boolean from their
-- arguments and raise no error that depends on a row's value. Marking them takes a superuser (the
-- embedded engine and a self-hosted server's migration role are); without one the search stays
-- correct, only slower, and a notice says so. A restore into a fresh cluster needs this rerun.
DO $leakproof$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF;
    ALTER FUNCTION similarity_op(text, text) LEAKPROOF;
  ELSE
    RAISE NOTICE 'not a superuser: exercise search cannot use its indexes under row-level security';
  END IF;
END
$leakproof$;
