-- Tenancy and least privilege. Two roles that own no table, so row-level security always applies:
--   rehabit_app     every request's transaction: sees only app.practice_id's rows
--   rehabit_system  explicit cross-practice work (sealer, job runner, operator commands)
-- The connecting role (the table owner) switches with SET LOCAL ROLE per transaction.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rehabit_app') THEN
    CREATE ROLE rehabit_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rehabit_system') THEN
    CREATE ROLE rehabit_system NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
END $$;
--> statement-breakpoint
GRANT rehabit_app TO CURRENT_USER;
--> statement-breakpoint
GRANT rehabit_system TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO rehabit_app, rehabit_system;
--> statement-breakpoint
-- Later migrations fence each new tenant table with one call.
CREATE OR REPLACE FUNCTION rehabit_fence_tenant_table(tbl regclass, key_column text DEFAULT 'practice_id')
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format('DROP POLICY IF EXISTS system_access ON %s', tbl);
  EXECUTE format(
    $p$CREATE POLICY tenant_isolation ON %s TO rehabit_app
       USING (%I = nullif(current_setting('app.practice_id', true), '')::uuid)
       WITH CHECK (%I = nullif(current_setting('app.practice_id', true), '')::uuid)$p$,
    tbl, key_column, key_column);
  EXECUTE format('CREATE POLICY system_access ON %s TO rehabit_system USING (true) WITH CHECK (true)', tbl);
END
$fn$;
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('practices', 'id');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('data_keys');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('audit_events');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('audit_seals');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON practices, data_keys TO rehabit_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON practices, data_keys TO rehabit_system;
--> statement-breakpoint
-- The audit trail is append-only for every role the application uses.
GRANT SELECT, INSERT ON audit_events TO rehabit_app, rehabit_system;
--> statement-breakpoint
GRANT SELECT ON audit_seals TO rehabit_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_seals TO rehabit_system;
--> statement-breakpoint
GRANT SELECT, INSERT ON deployment_secrets TO rehabit_system;
--> statement-breakpoint
-- A request may enqueue work in its own transaction but never read the queue.
GRANT INSERT ON jobs TO rehabit_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON jobs, job_schedules TO rehabit_system;
