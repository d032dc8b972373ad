import type { Language } from '../library/exercise-tags.js';
import type { ExerciseRow, ExerciseTextRow, MediaRow } from './exercises.repo.js';

/** A custom exercise as the service answers it: the row, its texts and the practice's media. */
export interface ExerciseRecord {
  row: ExerciseRow;
  texts: ExerciseTextRow[];
  media: MediaRow[];
}

export const presentMedia = (media: MediaRow) => ({
  id: media.id,
  kind: media.kind,
  contentType: media.contentType,
  byteSize: media.byteSize,
  featuredClientId: media.featuredClientId,
});

/** The exercise in the language asked for, else English, else the language it has. */
export function presentExercise({ row, texts, media }: ExerciseRecord, language: Language) {
  const text =
    texts.find((t) => t.language === language) ?? texts.find((t) => t.language === 'en') ?? texts[0];
  return {
    id: row.id,
    source: row.practiceId === null ? ('library' as const) : ('practice' as const),
    language: text?.language ?? language,
    languages: texts.map((t) => t.language),
    title: text?.title ?? '',
    description: text?.description ?? '',
    instructions: text?.instructions ?? [],
    keywords: text?.keywords ?? [],
    bodyRegion: row.bodyRegion,
    equipment: row.equipment,
    position: row.position,
    difficulty: row.difficulty,
    contraindications: row.contraindications,
    defaultDosage: row.defaultDosage,
    featuredClientId: row.featuredClientId,
    thumbnailMediaId: media.find((item) => item.kind === 'image')?.id ?? null,
    media: media.map(presentMedia),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
