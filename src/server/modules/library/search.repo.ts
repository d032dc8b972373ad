import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/transactions.js';
import type { Language } from './exercise-tags.js';
import { SEARCH_CONFIG } from './exercise-texts.js';

// The library's search queries. Every query names the caller's practice itself (library rows or the
// practice's own), and row-level security checks it again.

export type Source = 'library' | 'practice' | 'all';

export interface ExerciseFilters {
  bodyRegions?: string[] | undefined;
  equipment?: string[] | undefined;
  positions?: string[] | undefined;
  difficulties?: string[] | undefined;
  source: Source;
}

export interface ExercisePage {
  ids: string[];
  total: number;
  /** More exercises match than were ranked: total counts the ranked ones only. */
  capped: boolean;
}

/** Library words or the practice's own: the part of a library table a practice may see. */
const visible = (alias: string, practiceId: string) =>
  sql`(${sql.raw(alias)}.practice_id is null or ${sql.raw(alias)}.practice_id = ${practiceId}::uuid)`;

const textArray = (values: string[]) =>
  sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;

/** The filters as conditions on `exercises e`; archived exercises are never listed. */
function filterConditions(practiceId: string, filters: ExerciseFilters): SQL {
  const conditions: SQL[] = [sql`e.archived_at is null`];
  if (filters.source === 'library') conditions.push(sql`e.practice_id is null`);
  else if (filters.source === 'practice') conditions.push(sql`e.practice_id = ${practiceId}::uuid`);
  else conditions.push(visible('e', practiceId));
  if (filters.bodyRegions?.length)
    conditions.push(sql`e.body_region = any(${textArray(filters.bodyRegions)})`);
  if (filters.positions?.length) conditions.push(sql`e.position = any(${textArray(filters.positions)})`);
  if (filters.difficulties?.length)
    conditions.push(sql`e.difficulty = any(${textArray(filters.difficulties)})`);
  if (filters.equipment?.length) conditions.push(sql`e.equipment && ${textArray(filters.equipment)}`);
  return sql.join(conditions, sql` and `);
}

export interface WordSuggestion {
  input: string;
  suggestion: string;
  score: number;
}

/**
 * For each word the vocabulary (library and practice) does not know, its nearest vocabulary words by
 * trigram similarity (pg_trgm's % operator: similarity above 0.3, served by the trigram index), best
 * first, at most three. A word typed as a prefix counts as known when some vocabulary word starts with it.
 */
export async function vocabularySuggestions(
  tx: Tx,
  practiceId: string,
  language: Language,
  words: { word: string; prefix: boolean }[],
): Promise<WordSuggestion[]> {
  if (!words.length) return [];
  const known = (condition: SQL) =>
    sql`exists (select 1 from exercise_vocabulary k where k.practice_id is null and k.language = ${language} and ${condition})
        or exists (select 1 from exercise_vocabulary k where k.practice_id = ${practiceId}::uuid
                   and k.language = ${language} and ${condition})`;
  return queryRows<WordSuggestion>(
    tx,
    sql`select w.word as input, s.word as suggestion, s.score
        from jsonb_to_recordset(${JSON.stringify(words)}::jsonb) as w(word text, prefix boolean)
        cross join lateral (
          select x.word, similarity(x.word, w.word)::float8 as score
          from exercise_vocabulary x
          where not (${known(sql`k.word = w.word`)})
            and not (w.prefix and (${known(sql`k.word like w.word || '%'`)}))
            and x.language = ${language} and x.word % w.word and ${visible('x', practiceId)}
          order by score desc, x.word
          limit 3
        ) s`,
  );
}

interface RankedSearch {
  practiceId: string;
  language: Language;
  /** to_tsquery syntax, built from sanitised words only. */
  tsquery: string;
  filters: ExerciseFilters;
  /** How many matches are ranked at most: a common word can match a tenth of a large library. */
  cap: number;
  limit: number;
  offset: number;
}

/**
 * Full-text matches in the language, at most `cap` of them as the index finds them, ranked by
 * ts_rank_cd. Exercises without a text in the language are searched in English (only a practice's own
 * can lack one: shipped content has every language).
 */
export async function rankedExercisePage(tx: Tx, search: RankedSearch): Promise<ExercisePage> {
  const { practiceId, language, tsquery, filters, cap } = search;
  const where = filterConditions(practiceId, filters);
  const branch = (lang: Language, extra: SQL) => {
    const query = sql`to_tsquery(${SEARCH_CONFIG[lang]}::regconfig, ${tsquery})`;
    return sql`(select t.exercise_id, t.title, ts_rank_cd(t.search_vector, ${query}) as rank
                from exercise_texts t join exercises e on e.id = t.exercise_id
                where t.language = ${lang} and t.search_vector @@ ${query} and ${extra} and ${where}
                limit ${cap})`;
  };
  const ownLanguage = branch(language, visible('t', practiceId));
  const candidates =
    language === 'en'
      ? ownLanguage
      : sql`${ownLanguage} union all ${branch(
          'en',
          sql`t.practice_id = ${practiceId}::uuid and not exists (select 1 from exercise_texts o
               where o.exercise_id = t.exercise_id and o.language = ${language})`,
        )}`;
  const rows = await queryRows<{ id: string; total: number }>(
    tx,
    sql`select c.exercise_id as id, (count(*) over ())::int as total
        from (${candidates}) c
        order by c.rank desc, c.title, c.exercise_id
        limit ${search.limit} offset ${search.offset}`,
  );
  const first = rows[0];
  if (first || search.offset === 0) {
    const total = first?.total ?? 0;
    return { ids: rows.map((row) => row.id), total, capped: total >= cap };
  }
  // A page past the end has no row to carry the total.
  const [count] = await queryRows<{ total: number }>(
    tx,
    sql`select count(*)::int as total from (${candidates}) c`,
  );
  return { ids: [], total: count?.total ?? 0, capped: (count?.total ?? 0) >= cap };
}

interface Listing {
  practiceId: string;
  language: Language;
  filters: ExerciseFilters;
  limit: number;
  offset: number;
}

/** Exercises matching the filters, alphabetically by title in the language (English when it has none). */
export async function alphabeticalExercisePage(tx: Tx, listing: Listing): Promise<ExercisePage> {
  const { practiceId, language } = listing;
  const where = filterConditions(practiceId, listing.filters);
  const fallback =
    language === 'en'
      ? sql``
      : sql`left join exercise_texts te on te.exercise_id = e.id and te.language = 'en'`;
  const title = language === 'en' ? sql`tl.title` : sql`coalesce(tl.title, te.title)`;
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select e.id from exercises e
        left join exercise_texts tl on tl.exercise_id = e.id and tl.language = ${language}
        ${fallback}
        where ${where}
        order by ${title}, e.id limit ${listing.limit} offset ${listing.offset}`,
  );
  const [count] = await queryRows<{ total: number }>(
    tx,
    sql`select count(*)::int as total from exercises e where ${where}`,
  );
  return { ids: rows.map((row) => row.id), total: count?.total ?? 0, capped: false };
}
