-- Patient app tables: sessions and adherence are fenced per practice like every tenant table; the
-- token and the access code are looked up before the practice is known, as rehabit_system.
SELECT rehabit_fence_tenant_table('patient_sessions');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('adherence_entries');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON patient_sessions, adherence_entries TO rehabit_app, rehabit_system;
--> statement-breakpoint
-- Failed patient sign-ins are counted per code and per IP across practices: the system role only
-- (fenced all the same, as every table with a practice_id is).
SELECT rehabit_fence_tenant_table('patient_sign_in_failures');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON patient_sign_in_failures TO rehabit_system;
