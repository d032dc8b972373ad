-- Clinical tables: fenced per practice like every tenant table.
SELECT rehabit_fence_tenant_table('clients');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('exercise_media');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('programs');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('program_versions');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('access_codes');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('program_templates');
--> statement-breakpoint
-- Library tables hold Rehabit's shipped content (practice_id null), readable by every practice, and
-- each practice's own rows, readable and writable only by it.
CREATE OR REPLACE FUNCTION rehabit_fence_library_table(tbl regclass)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS library_read ON %s', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format('DROP POLICY IF EXISTS system_access ON %s', tbl);
  EXECUTE format(
    $p$CREATE POLICY library_read ON %s FOR SELECT TO rehabit_app
       USING (practice_id IS NULL OR practice_id = nullif(current_setting('app.practice_id', true), '')::uuid)$p$,
    tbl);
  EXECUTE format(
    $p$CREATE POLICY tenant_isolation ON %s TO rehabit_app
       USING (practice_id = nullif(current_setting('app.practice_id', true), '')::uuid)
       WITH CHECK (practice_id = nullif(current_setting('app.practice_id', true), '')::uuid)$p$,
    tbl);
  EXECUTE format('CREATE POLICY system_access ON %s TO rehabit_system USING (true) WITH CHECK (true)', tbl);
END
$fn$;
--> statement-breakpoint
SELECT rehabit_fence_library_table('exercises');
--> statement-breakpoint
SELECT rehabit_fence_library_table('exercise_texts');
--> statement-breakpoint
SELECT rehabit_fence_library_table('exercise_vocabulary');
--> statement-breakpoint
SELECT rehabit_fence_library_table('education_articles');
--> statement-breakpoint
SELECT rehabit_fence_library_table('education_texts');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON clients, exercise_media, programs, program_versions, access_codes,
  program_templates, exercises, exercise_texts, exercise_vocabulary, education_articles, education_texts
  TO rehabit_app, rehabit_system;
--> statement-breakpoint
-- Shipped content is imported by the system role at start.
GRANT SELECT, INSERT, UPDATE, DELETE ON content_imports TO rehabit_system;
