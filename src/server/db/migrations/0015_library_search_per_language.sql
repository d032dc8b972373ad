DROP INDEX "exercise_search_match_idx";--> statement-breakpoint
CREATE INDEX "exercise_search_match_en_idx" ON "exercise_search" USING gin ("search_vector","facets") WHERE "exercise_search"."language" = 'en';--> statement-breakpoint
CREATE INDEX "exercise_search_match_de_idx" ON "exercise_search" USING gin ("search_vector","facets") WHERE "exercise_search"."language" = 'de';--> statement-breakpoint
ALTER TABLE "exercise_texts" DROP COLUMN "search_vector";