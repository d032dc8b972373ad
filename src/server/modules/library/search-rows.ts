import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/transactions.js';
import { LANGUAGES, SEARCH_CONFIG } from './exercise-tags.js';

// exercise_search holds, per exercise and language, what search reads: the text's full-text vector
// (only here: a copy on the texts cost the embedded engine's cache) and title, and the exercise's
// filter values as facets. Every write of an exercise or its texts rewrites its
// rows here, in the same transaction.

/** The filters and the prefix of their facets ("region:knee"); migration 0010 builds them the same way. */
export const FACET_PREFIX = {
  bodyRegion: 'region',
  position: 'position',
  difficulty: 'difficulty',
  equipment: 'equipment',
} as const;

export type FacetKind = keyof typeof FACET_PREFIX;

export const facetOf = (kind: FacetKind, value: string) => `${FACET_PREFIX[kind]}:${value}`;

/**
 * The vector of text `t` in its language's configuration: title (weight A), keywords (B), description
 * (C), instructions (D).
 */
const config = sql`(case t.language ${sql.join(
  LANGUAGES.map((language) => sql`when ${language} then ${SEARCH_CONFIG[language]}`),
  sql` `,
)} end)::regconfig`;
const searchVector = sql`setweight(to_tsvector(${config}, t.title), 'A')
  || setweight(to_tsvector(${config}, array_to_string(t.keywords, ' ')), 'B')
  || setweight(to_tsvector(${config}, t.description), 'C')
  || setweight(to_tsvector(${config},
       (select coalesce(string_agg(step, ' '), '') from jsonb_array_elements_text(t.instructions) step)), 'D')`;

/** Rows per statement, like the texts' writes. */
const BATCH = 2_000;

/**
 * Rewrites the search rows of these exercises from their texts and filters; an archived exercise (or
 * one without texts) is left with none. Runs as the caller: a practice rewrites only its own rows.
 */
export async function refreshExerciseSearch(tx: Tx, exerciseIds: Iterable<string>): Promise<void> {
  const all = [...new Set(exerciseIds)];
  for (let start = 0; start < all.length; start += BATCH) {
    const ids = sql`(select value::uuid from jsonb_array_elements_text(${JSON.stringify(all.slice(start, start + BATCH))}::jsonb))`;
    await tx.execute(sql`delete from exercise_search where exercise_id in ${ids}`);
    await tx.execute(
      sql`insert into exercise_search (exercise_id, practice_id, language, title, search_vector, facets)
          select t.exercise_id, t.practice_id, t.language, t.title, ${searchVector},
                 array[${FACET_PREFIX.bodyRegion} || ':' || e.body_region, ${FACET_PREFIX.position} || ':' || e.position,
                       ${FACET_PREFIX.difficulty} || ':' || e.difficulty]
                 || array(select ${FACET_PREFIX.equipment} || ':' || item from unnest(e.equipment) item)
          from exercise_texts t join exercises e on e.id = t.exercise_id
          where t.exercise_id in ${ids} and e.archived_at is null`,
    );
  }
}
