import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/transactions.js';
import type { Language } from './exercise-tags.js';
import { type ExerciseFilters, type ExercisePage, filterConditions, visible } from './search.repo.js';

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
 * in under the title they have (English first).
 */
export async function alphabeticalExercisePage(tx: Tx, listing: Listing): Promise<ExercisePage> {
  const { practiceId, language, countCap } = listing;
  const where = filterConditions(practiceId, listing.filters);
  const reach = listing.offset + listing.limit;
  const inLanguage = sql`exists (select 1 from exercise_texts o where o.exercise_id = e.id and o.language = ${language})`;
  const library = (columns: SQL, order: SQL, limit: number) =>
    sql`select ${columns} from exercise_texts t join exercises e on e.id = t.exercise_id
        where t.language = ${language} and ${visible('t', practiceId)} and ${where} ${order} limit ${limit}`;
  const own = (columns: SQL, order: SQL, limit: number) =>
    sql`select ${columns} from exercises e cross join lateral (
          select o.title from exercise_texts o where o.exercise_id = e.id
          order by (o.language = 'en') desc, o.language limit 1) x
        where e.practice_id = ${practiceId}::uuid and not ${inLanguage} and ${where} ${order} limit ${limit}`;
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select c.id from ((${library(sql`t.exercise_id as id, t.title`, sql`order by t.title, t.exercise_id`, reach)})
                          union all (${own(sql`e.id, x.title`, sql`order by x.title, e.id`, reach)})) c
        order by c.title, c.id limit ${listing.limit} offset ${listing.offset}`,
  );
  // Each part counted only up to the cap.
  const [count] = await queryRows<{ total: number }>(
    tx,
    sql`select (select count(*) from (${library(sql`1`, sql``, countCap + 1)}) a)::int
             + (select count(*) from (${own(sql`1`, sql``, countCap + 1)}) b)::int as total`,
  );
  const total = count?.total ?? 0;
  return { ids: rows.map((row) => row.id), total: Math.min(total, countCap), capped: total > countCap };
}
