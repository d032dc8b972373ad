import { and, eq, isNull, sql } from 'drizzle-orm';
import { exerciseTexts } from '../../db/schema/index.js';
import { queryRows, type Tx } from '../../db/transactions.js';
import type { Language } from './exercise-tags.js';
import { refreshExerciseSearch } from './search-rows.js';
import { uuidV5, VOCABULARY_NAMESPACE, vocabularyOf } from './words.js';

/** An exercise's words in one language. */
export interface ExerciseText {
  title: string;
  description: string;
  instructions: string[];
  keywords?: string[];
}

export interface ExerciseTextRow extends ExerciseText {
  exerciseId: string;
  /** null for Rehabit's shipped library. */
  practiceId: string | null;
  language: Language;
}

export { SEARCH_CONFIG } from './exercise-tags.js';

/** Rows per statement: well under the 65,535 parameters of one statement. */
const BATCH = 500;

/**
 * Inserts or replaces exercise texts. Answers the exercises whose texts were inserted or actually
 * changed (unchanged rows are not rewritten: a repeated import writes nothing); their search rows
 * (with the full-text vector) are the caller's to refresh (search-rows.ts).
 */
export async function upsertExerciseTextRows(tx: Tx, rows: ExerciseTextRow[]): Promise<Set<string>> {
  const changed = new Set<string>();
  for (let start = 0; start < rows.length; start += BATCH) {
    const values = rows.slice(start, start + BATCH).map(
      (row) =>
        sql`(${row.exerciseId}, ${row.practiceId}, ${row.language}, ${row.title},
             ${row.description}, ${JSON.stringify(row.instructions)}, ${JSON.stringify(row.keywords ?? [])})`,
    );
    const result = await queryRows<{ exerciseId: string }>(
      tx,
      sql`with incoming (exercise_id, practice_id, language, title, description, instructions, keywords) as (
            values ${sql.join(values, sql`, `)}
          ), upserted as (
            insert into exercise_texts (exercise_id, practice_id, language, title, description, instructions, keywords)
            select i.exercise_id::uuid, i.practice_id::uuid, i.language::text, i.title::text, i.description::text,
                   i.instructions::jsonb, array(select jsonb_array_elements_text(i.keywords::jsonb))
            from incoming i
            on conflict (exercise_id, language) do update set
              practice_id = excluded.practice_id, title = excluded.title, description = excluded.description,
              instructions = excluded.instructions, keywords = excluded.keywords
            where (exercise_texts.practice_id, exercise_texts.title, exercise_texts.description,
                   exercise_texts.instructions, exercise_texts.keywords)
                  is distinct from (excluded.practice_id, excluded.title, excluded.description,
                   excluded.instructions, excluded.keywords)
            returning exercise_id
          )
          select distinct exercise_id as "exerciseId" from upserted`,
    );
    for (const row of result) changed.add(row.exerciseId);
  }
  return changed;
}

/** The words of a text that the vocabulary keeps for correcting misspelt query words. */
export function textVocabulary(texts: Iterable<ExerciseText>): Set<string> {
  const parts: string[] = [];
  for (const text of texts)
    parts.push(text.title, text.description, ...text.instructions, ...(text.keywords ?? []));
  return vocabularyOf(parts);
}

export const vocabularyIdOf = (practiceId: string | null, language: Language, word: string) =>
  uuidV5(`${practiceId ?? 'library'}:${language}:${word}`, VOCABULARY_NAMESPACE);

let libraryVocabularyGeneration = 0;
/**
 * Bumped whenever this process writes the library's vocabulary (the import): search.repo.ts keeps the
 * library's answers per process and drops them when this changes. The library changes only on import,
 * which runs at start before requests are served; a practice's words are never kept.
 */
export const libraryVocabularyVersion = () => libraryVocabularyGeneration;
export const libraryVocabularyChanged = () => {
  libraryVocabularyGeneration += 1;
};

/** Adds words to a vocabulary (the library's when practiceId is null); words already there stay as they are. */
export async function addVocabulary(
  tx: Tx,
  practiceId: string | null,
  language: Language,
  words: Iterable<string>,
): Promise<number> {
  const list = [...words];
  if (practiceId === null) libraryVocabularyChanged();
  let added = 0;
  for (let start = 0; start < list.length; start += BATCH * 4) {
    const entries = list
      .slice(start, start + BATCH * 4)
      .map((word) => ({ id: vocabularyIdOf(practiceId, language, word), word }));
    const conflict = practiceId
      ? sql`(practice_id, language, word) where practice_id is not null`
      : sql`(language, word) where practice_id is null`;
    const rows = await queryRows<{ added: number }>(
      tx,
      sql`with inserted as (
            insert into exercise_vocabulary (id, practice_id, language, word)
            select e.id, ${practiceId}::uuid, ${language}, e.word
            from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as e(id uuid, word text)
            on conflict ${conflict} do nothing
            returning 1
          ) select count(*)::int as added from inserted`,
    );
    added += rows[0]?.added ?? 0;
  }
  return added;
}

export interface ExerciseTextsWrite {
  exerciseId: string;
  /** The owning practice; null only for the shipped library (the import). */
  practiceId: string | null;
  /** A language given is inserted or replaced; null removes it; a language left out is left as it is. */
  texts: Partial<Record<Language, ExerciseText | null>>;
}

/**
 * Writes an exercise's texts, rewrites its search rows (with their vectors) and teaches the
 * practice's vocabulary their words, so a misspelt search still finds a custom exercise. Run inside
 * the caller's transaction.
 */
export async function writeExerciseTexts(tx: Tx, write: ExerciseTextsWrite): Promise<void> {
  const rows: ExerciseTextRow[] = [];
  for (const [language, text] of Object.entries(write.texts) as [Language, ExerciseText | null][]) {
    if (text === null) {
      await tx
        .delete(exerciseTexts)
        .where(and(eq(exerciseTexts.exerciseId, write.exerciseId), eq(exerciseTexts.language, language)));
    } else if (text) {
      rows.push({ ...text, exerciseId: write.exerciseId, practiceId: write.practiceId, language });
    }
  }
  await upsertExerciseTextRows(tx, rows);
  await refreshExerciseSearch(tx, [write.exerciseId]);
  for (const row of rows) await addVocabulary(tx, write.practiceId, row.language, textVocabulary([row]));
}

/** The library exercises' texts in one language, for rebuilding its vocabulary. */
export function libraryTexts(tx: Tx, language: Language) {
  return tx
    .select({
      title: exerciseTexts.title,
      description: exerciseTexts.description,
      instructions: exerciseTexts.instructions,
      keywords: exerciseTexts.keywords,
    })
    .from(exerciseTexts)
    .where(and(isNull(exerciseTexts.practiceId), eq(exerciseTexts.language, language)));
}
