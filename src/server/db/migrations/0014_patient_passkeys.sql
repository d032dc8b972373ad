CREATE TABLE "patient_passkeys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"credential_id" text NOT NULL,
	"public_key" text NOT NULL,
	"counter" integer NOT NULL,
	"transports" jsonb NOT NULL,
	"access_code_index" text NOT NULL,
	"user_agent" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "patient_passkeys" ADD CONSTRAINT "patient_passkeys_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_passkeys" ADD CONSTRAINT "patient_passkeys_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "patient_passkeys_credential_uq" ON "patient_passkeys" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "patient_passkeys_client_idx" ON "patient_passkeys" USING btree ("client_id");--> statement-breakpoint
SELECT rehabit_fence_tenant_table('patient_passkeys');--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON patient_passkeys TO rehabit_app, rehabit_system;
