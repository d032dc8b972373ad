import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/transactions.js';
import type { Language } from './exercise-tags.js';
import { type ExerciseFilters, type ExercisePage, filterConditions, inLanguage } from './search.repo.js';

// Run as rehabit_system like search.repo.ts: every condition names the caller's practice.

interface Listing {
  practiceId: string;
  language: Language;
  filters: ExerciseFilters;
  limit: number;
  offset: number;
  /** Counting stops here: counting a whole large library would cost more than the page. */
  countCap: number;
}

/**
 * Exercises matching the filters, alphabetically by title in the language. The library's come from
 * the (language, title) index in order; the practice's own without a text in the language are merged
 * in under the title they have (English first). Page and capped count in one statement: the embedded
 * engine plans every statement anew.
 */
export async function alphabeticalExercisePage(tx: Tx, listing: Listing): Promise<ExercisePage> {
  const { practiceId, language, countCap } = listing;
  const where = filterConditions(practiceId, listing.filters);
  const reach = listing.offset + listing.limit;
  const library = (columns: SQL, order: SQL, limit: number) =>
    sql`select ${columns} from exercise_search s
        where ${inLanguage('s', language)} and ${where} ${order} limit ${limit}`;
  const own = (columns: SQL, order: SQL, limit: number) =>
    sql`select ${columns} from (
          select distinct on (s.exercise_id) s.exercise_id, s.title from exercise_search s
          where s.practice_id = ${practiceId}::uuid and s.language <> ${language}
            and ${filterConditions(practiceId, listing.filters, false)}
            and not exists (select 1 from exercise_search o
                            where o.exercise_id = s.exercise_id and o.language = ${language})
          order by s.exercise_id, (s.language = 'en') desc, s.language) x ${order} limit ${limit}`;
  const [row] = await queryRows<{ ids: string[]; total: number }>(
    tx,
    sql`select array(
             select c.id::text from ((${library(sql`s.exercise_id as id, s.title`, sql`order by s.title, s.exercise_id`, reach)})
                               union all (${own(sql`x.exercise_id as id, x.title`, sql`order by x.title, x.exercise_id`, reach)})) c
             order by c.title, c.id limit ${listing.limit} offset ${listing.offset}) as ids,
           (select count(*) from (${library(sql`1`, sql``, countCap + 1)}) a)::int
             + (select count(*) from (${own(sql`1`, sql``, countCap + 1)}) b)::int as total`,
  );
  const total = row?.total ?? 0;
  return { ids: row?.ids ?? [], total: Math.min(total, countCap), capped: total > countCap };
}
