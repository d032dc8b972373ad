CREATE TABLE "erasure_ledger" (
	"subject_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"practice_id" uuid NOT NULL,
	"erased_at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "closure_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "closure_requested_by" uuid;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "closure_erase_after" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "erasure_ledger_practice_idx" ON "erasure_ledger" USING btree ("practice_id");--> statement-breakpoint
-- The ledger is deployment-wide and append-only: invisible to the app role (no grant), the system role
-- records and replays, never edits or deletes. Fenced like every table with practice_id all the same,
-- so a grant added by mistake later would still show the app one practice's rows only.
SELECT rehabit_fence_tenant_table('erasure_ledger');--> statement-breakpoint
GRANT SELECT, INSERT ON erasure_ledger TO rehabit_system;
