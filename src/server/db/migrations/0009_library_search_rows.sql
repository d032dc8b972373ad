CREATE TABLE "exercise_search" (
	"exercise_id" uuid NOT NULL,
	"practice_id" uuid,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"facets" text[] NOT NULL,
	CONSTRAINT "exercise_search_exercise_id_language_pk" PRIMARY KEY("exercise_id","language")
);--> statement-breakpoint
DROP INDEX "exercise_texts_search_idx";--> statement-breakpoint
DROP INDEX "exercise_texts_title_idx";--> statement-breakpoint
ALTER TABLE "exercise_search" ADD CONSTRAINT "exercise_search_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_search" ADD CONSTRAINT "exercise_search_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exercise_search_match_idx" ON "exercise_search" USING gin ("search_vector","facets");--> statement-breakpoint
CREATE INDEX "exercise_search_title_idx" ON "exercise_search" USING btree ("language","title","exercise_id");--> statement-breakpoint
CREATE INDEX "exercise_search_practice_idx" ON "exercise_search" USING btree ("practice_id","language") WHERE "exercise_search"."practice_id" is not null;