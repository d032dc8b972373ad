-- Trigram matching corrects misspelt search words (pg_trgm is a trusted extension, and PGlite ships it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"gender" text NOT NULL,
	"year_of_birth" integer NOT NULL,
	"email" text,
	"email_index" text,
	"mobile" text,
	"mobile_index" text,
	"diagnosis_code" text,
	"national_id" text,
	"national_id_index" text,
	"national_id_kind" text,
	"language" text DEFAULT 'en' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "content_imports" (
	"name" text PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "education_articles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid,
	"slug" text,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"reading_minutes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "education_articles_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "education_texts" (
	"article_id" uuid NOT NULL,
	"practice_id" uuid,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "education_texts_article_id_language_pk" PRIMARY KEY("article_id","language")
);
--> statement-breakpoint
CREATE TABLE "exercise_media" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"exercise_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" bigint NOT NULL,
	"storage_key" text NOT NULL,
	"featured_client_id" uuid,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exercise_texts" (
	"exercise_id" uuid NOT NULL,
	"practice_id" uuid,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"instructions" jsonb NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	CONSTRAINT "exercise_texts_exercise_id_language_pk" PRIMARY KEY("exercise_id","language")
);
--> statement-breakpoint
CREATE TABLE "exercise_vocabulary" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid,
	"language" text NOT NULL,
	"word" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exercises" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid,
	"slug" text,
	"body_region" text NOT NULL,
	"equipment" text[] DEFAULT '{}'::text[] NOT NULL,
	"position" text NOT NULL,
	"difficulty" text NOT NULL,
	"contraindications" text[] DEFAULT '{}'::text[] NOT NULL,
	"default_dosage" jsonb NOT NULL,
	"featured_client_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "exercises_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "access_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"code" text NOT NULL,
	"code_index" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "program_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"owner_id" uuid,
	"shared" boolean DEFAULT false NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"content" jsonb NOT NULL,
	"item_notes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"current_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_created_by_practitioners_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."practitioners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_articles" ADD CONSTRAINT "education_articles_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_texts" ADD CONSTRAINT "education_texts_article_id_education_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."education_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_texts" ADD CONSTRAINT "education_texts_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_media" ADD CONSTRAINT "exercise_media_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_media" ADD CONSTRAINT "exercise_media_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_media" ADD CONSTRAINT "exercise_media_featured_client_id_clients_id_fk" FOREIGN KEY ("featured_client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_media" ADD CONSTRAINT "exercise_media_created_by_practitioners_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."practitioners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_texts" ADD CONSTRAINT "exercise_texts_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_texts" ADD CONSTRAINT "exercise_texts_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_vocabulary" ADD CONSTRAINT "exercise_vocabulary_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercises" ADD CONSTRAINT "exercises_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercises" ADD CONSTRAINT "exercises_featured_client_id_clients_id_fk" FOREIGN KEY ("featured_client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercises" ADD CONSTRAINT "exercises_created_by_practitioners_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."practitioners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_codes" ADD CONSTRAINT "access_codes_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_codes" ADD CONSTRAINT "access_codes_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_templates" ADD CONSTRAINT "program_templates_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_templates" ADD CONSTRAINT "program_templates_owner_id_practitioners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."practitioners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_versions" ADD CONSTRAINT "program_versions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_versions" ADD CONSTRAINT "program_versions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_versions" ADD CONSTRAINT "program_versions_created_by_practitioners_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."practitioners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clients_practice_name_idx" ON "clients" USING btree ("practice_id","last_name","first_name");--> statement-breakpoint
CREATE INDEX "clients_email_idx" ON "clients" USING btree ("practice_id","email_index");--> statement-breakpoint
CREATE INDEX "clients_mobile_idx" ON "clients" USING btree ("practice_id","mobile_index");--> statement-breakpoint
CREATE INDEX "clients_national_id_idx" ON "clients" USING btree ("practice_id","national_id_index");--> statement-breakpoint
CREATE INDEX "exercise_media_exercise_idx" ON "exercise_media" USING btree ("practice_id","exercise_id");--> statement-breakpoint
CREATE INDEX "exercise_texts_search_idx" ON "exercise_texts" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "exercise_texts_practice_idx" ON "exercise_texts" USING btree ("practice_id","language");--> statement-breakpoint
CREATE UNIQUE INDEX "exercise_vocabulary_library_uq" ON "exercise_vocabulary" USING btree ("language","word") WHERE "exercise_vocabulary"."practice_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "exercise_vocabulary_practice_uq" ON "exercise_vocabulary" USING btree ("practice_id","language","word") WHERE "exercise_vocabulary"."practice_id" is not null;--> statement-breakpoint
CREATE INDEX "exercise_vocabulary_trgm_idx" ON "exercise_vocabulary" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "exercises_practice_idx" ON "exercises" USING btree ("practice_id");--> statement-breakpoint
CREATE INDEX "exercises_filters_idx" ON "exercises" USING btree ("body_region","position","difficulty");--> statement-breakpoint
CREATE UNIQUE INDEX "access_codes_client_uq" ON "access_codes" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "access_codes_index_uq" ON "access_codes" USING btree ("code_index");--> statement-breakpoint
CREATE INDEX "program_templates_practice_idx" ON "program_templates" USING btree ("practice_id","shared");--> statement-breakpoint
CREATE UNIQUE INDEX "program_versions_uq" ON "program_versions" USING btree ("program_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "programs_client_uq" ON "programs" USING btree ("client_id");