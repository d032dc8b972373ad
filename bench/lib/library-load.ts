import { randomUUID } from 'node:crypto';
import { exercises } from '../../src/server/db/schema/index.js';
import type { Transactor } from '../../src/server/db/transactions.js';
import { LANGUAGES } from '../../src/server/modules/library/exercise-tags.js';
import {
  addVocabulary,
  type ExerciseTextRow,
  textVocabulary,
  upsertExerciseTextRows,
} from '../../src/server/modules/library/exercise-texts.js';
import { refreshExerciseSearch } from '../../src/server/modules/library/search-rows.js';
import { seededRandom, syntheticExercise } from './synthetic-exercises.js';

/** Exercises per transaction: big enough to be quick, small enough to keep each statement modest. */
const CHUNK = 2_000;

/**
 * Loads `count` synthetic exercises through the same writes as the content import (texts, search rows
 * with their vectors, then the vocabulary): library rows, or a practice's own when practiceId is given.
 */
export async function loadSyntheticExercises(
  transactor: Transactor,
  options: { count: number; practiceId: string | null; seed: number; onProgress?: (done: number) => void },
): Promise<void> {
  const random = seededRandom(options.seed);
  const words = { en: new Set<string>(), de: new Set<string>() };
  for (let done = 0; done < options.count; done += CHUNK) {
    const batch = Array.from({ length: Math.min(CHUNK, options.count - done) }, () => ({
      id: randomUUID(),
      ...syntheticExercise(random),
    }));
    await transactor.asSystem(async (tx) => {
      await tx.insert(exercises).values(
        batch.map((item) => ({
          id: item.id,
          practiceId: options.practiceId,
          bodyRegion: item.bodyRegion,
          equipment: item.equipment,
          position: item.position,
          difficulty: item.difficulty,
          defaultDosage: {
            sets: 3,
            reps: 10,
            holdSeconds: null,
            restSeconds: 30,
            timesPerDay: 1,
            daysPerWeek: 5,
            side: 'both' as const,
          },
        })),
      );
      const rows: ExerciseTextRow[] = batch.flatMap((item) =>
        LANGUAGES.map((language) => ({
          ...item[language],
          exerciseId: item.id,
          practiceId: options.practiceId,
          language,
        })),
      );
      await upsertExerciseTextRows(tx, rows);
      await refreshExerciseSearch(
        tx,
        batch.map((item) => item.id),
      );
    });
    for (const language of LANGUAGES) {
      for (const word of textVocabulary(batch.map((item) => item[language]))) words[language].add(word);
    }
    options.onProgress?.(done + batch.length);
  }
  await transactor.asSystem(async (tx) => {
    for (const language of LANGUAGES) await addVocabulary(tx, options.practiceId, language, words[language]);
  });
}
