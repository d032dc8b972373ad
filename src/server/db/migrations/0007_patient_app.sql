CREATE TABLE "adherence_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"client_entry_id" uuid NOT NULL,
	"program_item_id" uuid NOT NULL,
	"program_version" integer NOT NULL,
	"performed_on" date NOT NULL,
	"details" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patient_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"access_code_index" text NOT NULL,
	"user_agent" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "patient_sign_in_failures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"access_code_index" text,
	"practice_id" uuid,
	"client_id" uuid,
	"ip" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "adherence_entries" ADD CONSTRAINT "adherence_entries_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adherence_entries" ADD CONSTRAINT "adherence_entries_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_sessions" ADD CONSTRAINT "patient_sessions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_sessions" ADD CONSTRAINT "patient_sessions_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_sign_in_failures" ADD CONSTRAINT "patient_sign_in_failures_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_sign_in_failures" ADD CONSTRAINT "patient_sign_in_failures_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "adherence_entries_client_entry_uq" ON "adherence_entries" USING btree ("client_id","client_entry_id");--> statement-breakpoint
CREATE INDEX "adherence_entries_client_day_idx" ON "adherence_entries" USING btree ("client_id","performed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "patient_sessions_token_uq" ON "patient_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "patient_sessions_client_idx" ON "patient_sessions" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "patient_sign_in_failures_code_idx" ON "patient_sign_in_failures" USING btree ("access_code_index","at");--> statement-breakpoint
CREATE INDEX "patient_sign_in_failures_ip_idx" ON "patient_sign_in_failures" USING btree ("ip","at");