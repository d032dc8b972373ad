CREATE TABLE "custom_measures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "instrument_content_packs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instrument" text NOT NULL,
	"language" text NOT NULL,
	"version" text NOT NULL,
	"licence_holder" text NOT NULL,
	"licence_terms" text NOT NULL,
	"pack" jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcome_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"measure_code" text,
	"custom_measure_id" uuid,
	"schedule" text NOT NULL,
	"interval" smallint,
	"details" text,
	"starts_at" timestamp with time zone NOT NULL,
	"next_due_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcome_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"measure_code" text,
	"custom_measure_id" uuid,
	"assignment_id" uuid,
	"source" text NOT NULL,
	"entered_by" uuid,
	"answers" text NOT NULL,
	"score" text NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_rules" ADD COLUMN "no_adherence_days" smallint;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD COLUMN "score_worse_by_mcid" boolean;--> statement-breakpoint
ALTER TABLE "custom_measures" ADD CONSTRAINT "custom_measures_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_measures" ADD CONSTRAINT "custom_measures_created_by_practitioners_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."practitioners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_assignments" ADD CONSTRAINT "outcome_assignments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_assignments" ADD CONSTRAINT "outcome_assignments_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_assignments" ADD CONSTRAINT "outcome_assignments_custom_measure_id_custom_measures_id_fk" FOREIGN KEY ("custom_measure_id") REFERENCES "public"."custom_measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_assignments" ADD CONSTRAINT "outcome_assignments_ended_by_practitioners_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."practitioners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_assignments" ADD CONSTRAINT "outcome_assignments_created_by_practitioners_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."practitioners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_responses" ADD CONSTRAINT "outcome_responses_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_responses" ADD CONSTRAINT "outcome_responses_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_responses" ADD CONSTRAINT "outcome_responses_custom_measure_id_custom_measures_id_fk" FOREIGN KEY ("custom_measure_id") REFERENCES "public"."custom_measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_responses" ADD CONSTRAINT "outcome_responses_assignment_id_outcome_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."outcome_assignments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_responses" ADD CONSTRAINT "outcome_responses_entered_by_practitioners_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."practitioners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "custom_measures_practice_idx" ON "custom_measures" USING btree ("practice_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "instrument_content_packs_uq" ON "instrument_content_packs" USING btree ("instrument","language");--> statement-breakpoint
CREATE INDEX "outcome_assignments_client_idx" ON "outcome_assignments" USING btree ("client_id","ended_at");--> statement-breakpoint
CREATE INDEX "outcome_assignments_practice_idx" ON "outcome_assignments" USING btree ("practice_id");--> statement-breakpoint
CREATE INDEX "outcome_responses_client_idx" ON "outcome_responses" USING btree ("client_id","taken_at");--> statement-breakpoint
CREATE INDEX "outcome_responses_practice_idx" ON "outcome_responses" USING btree ("practice_id");--> statement-breakpoint
-- Fenced per practice like every tenant table.
SELECT rehabit_fence_tenant_table('custom_measures');--> statement-breakpoint
SELECT rehabit_fence_tenant_table('outcome_assignments');--> statement-breakpoint
SELECT rehabit_fence_tenant_table('outcome_responses');--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON custom_measures, outcome_assignments, outcome_responses TO rehabit_app, rehabit_system;--> statement-breakpoint
-- Content packs are the deployment's, imported by the operator: practices only read them.
GRANT SELECT, INSERT, UPDATE, DELETE ON instrument_content_packs TO rehabit_system;--> statement-breakpoint
GRANT SELECT ON instrument_content_packs TO rehabit_app;
