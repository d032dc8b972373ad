import type { z } from 'zod';
import type { ArticleRow, ExerciseRow, MediaRow } from './library.repo.js';
import type {
  articleSchema,
  articleSummarySchema,
  exerciseSchema,
  exerciseSummarySchema,
} from './library.schema.js';

export type ExerciseSummary = z.infer<typeof exerciseSummarySchema>;
export type Exercise = z.infer<typeof exerciseSchema>;

/** An exercise as lists show it: no raw row leaves the module. */
export function presentExerciseSummary(row: ExerciseRow): ExerciseSummary {
  return {
    id: row.id,
    source: row.practiceId === null ? 'library' : 'practice',
    language: row.language,
    title: row.title,
    description: row.description,
    bodyRegion: row.bodyRegion,
    equipment: row.equipment,
    position: row.position,
    difficulty: row.difficulty,
    contraindications: row.contraindications,
    defaultDosage: {
      sets: row.defaultDosage.sets ?? null,
      reps: row.defaultDosage.reps ?? null,
      holdSeconds: row.defaultDosage.holdSeconds ?? null,
      restSeconds: row.defaultDosage.restSeconds ?? null,
      timesPerDay: row.defaultDosage.timesPerDay ?? null,
      daysPerWeek: row.defaultDosage.daysPerWeek ?? null,
      side: row.defaultDosage.side ?? null,
      ...(row.defaultDosage.load !== undefined ? { load: row.defaultDosage.load } : {}),
    },
    featuredClientId: row.featuredClientId,
    thumbnailMediaId: row.thumbnailMediaId,
    archived: row.archivedAt !== null,
  };
}

/** An exercise in full: its steps, search words, media and languages. */
export function presentExercise(row: ExerciseRow, media: MediaRow[]): Exercise {
  return {
    ...presentExerciseSummary(row),
    slug: row.slug,
    instructions: row.instructions,
    keywords: row.keywords,
    media: media.map((m) => ({ id: m.id, kind: m.kind, contentType: m.contentType, byteSize: m.byteSize })),
    languages: row.languages,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}

export function presentArticleSummary(row: ArticleRow): z.infer<typeof articleSummarySchema> {
  return {
    id: row.id,
    slug: row.slug,
    language: row.language,
    title: row.title,
    summary: row.summary,
    topics: row.topics,
    readingMinutes: row.readingMinutes,
  };
}

export function presentArticle(row: ArticleRow): z.infer<typeof articleSchema> {
  return { ...presentArticleSummary(row), body: row.body, languages: row.languages };
}
