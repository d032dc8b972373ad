-- Identity tables: fenced per practice like every tenant table. Sign-in, token links and API keys
-- must find their row before the practice is known; those narrow lookups run as rehabit_system.
SELECT rehabit_fence_tenant_table('practitioners');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('practitioner_sessions');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('sign_in_failures');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('account_tokens');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('invitations');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('recovery_codes');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('passkeys');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('api_keys');
--> statement-breakpoint
SELECT rehabit_fence_tenant_table('mail_outbox');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON practitioners, practitioner_sessions, sign_in_failures,
  account_tokens, invitations, recovery_codes, passkeys, api_keys, mail_outbox
  TO rehabit_app, rehabit_system;
--> statement-breakpoint
-- Not tenant data: keyed by blind index or by a random challenge, reached only by the system role.
GRANT SELECT, INSERT, UPDATE, DELETE ON sign_in_locks, webauthn_challenges TO rehabit_system;
