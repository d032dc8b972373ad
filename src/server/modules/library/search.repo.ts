import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/transactions.js';
import { LANGUAGES, type Language } from './exercise-tags.js';
import { SEARCH_CONFIG } from './exercise-texts.js';

// The library's search queries. Every query names the caller's practice itself (library rows or the
// practice's own), and row-level security checks it again. Migration 0006 marks the match operators
// (@@, %) leakproof so that, under row-level security, the planner may still answer them from the
// GIN indexes instead of reading every row.

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
  /** More exercises match than were counted: total counts the first ones only. */
  capped: boolean;
}

/** Library rows or the practice's own: the part of a library table a practice may see. */
export const visible = (alias: string, practiceId: string) =>
  sql`(${sql.raw(alias)}.practice_id is null or ${sql.raw(alias)}.practice_id = ${practiceId}::uuid)`;

const textArray = (values: string[]) =>
  sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;

/** The filters as conditions on `exercises e`; archived exercises are never listed. */
export function filterConditions(practiceId: string, filters: ExerciseFilters): SQL {
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

/** The other languages an exercise of the practice may be written in when it lacks the one searched. */
export const otherLanguages = (language: Language) => LANGUAGES.filter((other) => other !== language);

export interface WordSuggestion {
  input: string;
  suggestion: string;
  score: number;
}

/** How many near words the vocabulary offers per unknown word; search-query.ts picks among them. */
const SUGGESTIONS_PER_WORD = 5;

/**
 * For each word the vocabulary (library and practice) does not know, its nearest vocabulary words by
 * trigram similarity (pg_trgm's % operator: similarity above 0.3, served by the trigram index), best
 * first. A word typed as a prefix counts as known when some vocabulary word starts with it (found
 * through a byte-ordered index: in "C" order every word with that prefix follows the prefix itself).
 */
export async function vocabularySuggestions(
  tx: Tx,
  practiceId: string,
  language: Language,
  words: { word: string; prefix: boolean }[],
): Promise<WordSuggestion[]> {
  if (!words.length) return [];
  const own = sql`k.practice_id = ${practiceId}::uuid and k.language = ${language}`;
  const library = sql`k.practice_id is null and k.language = ${language}`;
  return queryRows<WordSuggestion>(
    tx,
    sql`select w.word as input, s.word as suggestion, s.score
        from jsonb_to_recordset(${JSON.stringify(words)}::jsonb) as w(word text, prefix boolean)
        cross join lateral (
          select x.word, similarity(x.word, w.word)::float8 as score
          from exercise_vocabulary x
          where x.word % w.word and x.language = ${language} and ${visible('x', practiceId)}
          order by score desc, x.word
          limit ${SUGGESTIONS_PER_WORD}
        ) s
        where not exists (select 1 from exercise_vocabulary k where ${library} and k.word = w.word)
          and not exists (select 1 from exercise_vocabulary k where ${own} and k.word = w.word)
          and not (w.prefix and (
            coalesce((select starts_with(k.word, w.word) from exercise_vocabulary k
                      where ${library} and (k.word collate "C") >= w.word
                      order by (k.word collate "C") limit 1), false)
            or exists (select 1 from exercise_vocabulary k where ${own} and starts_with(k.word, w.word))))`,
  );
}

interface RankedSearch {
  practiceId: string;
  language: Language;
  /** to_tsquery syntax, built from sanitised words only. */
  tsquery: string;
  /** The query as typed, lower case, spaces collapsed: a title equal to it (or starting with it) ranks first. */
  phrase: string;
  filters: ExerciseFilters;
  /** How many matches are ranked at most: a common word can match a tenth of a large library. */
  cap: number;
  limit: number;
  offset: number;
}

/**
 * Full-text matches in the language, at most `cap` of them as the index finds them, ranked: a title
 * equal to the query, then a title starting with it, then ts_rank_cd. The practice's own exercises
 * without a text in the language are searched in the language they have (shipped content has every one).
 */
export async function rankedExercisePage(tx: Tx, search: RankedSearch): Promise<ExercisePage> {
  const { practiceId, language, tsquery, phrase, filters, cap } = search;
  const where = filterConditions(practiceId, filters);
  const branch = (lang: Language, match: (query: SQL) => SQL, extra: SQL) => {
    const query = sql`to_tsquery(${SEARCH_CONFIG[lang]}::regconfig, ${tsquery})`;
    return sql`(select t.exercise_id, t.title, ts_rank_cd(t.search_vector, ${query}) as rank,
                       case when lower(t.title) = ${phrase} then 2
                            when starts_with(lower(t.title), ${phrase}) then 1 else 0 end as exact
                from exercise_texts t join exercises e on e.id = t.exercise_id
                where t.language = ${lang} and ${match(query)} and ${extra} and ${where}
                limit ${cap})`;
  };
  const library = branch(language, (query) => sql`t.search_vector @@ ${query}`, visible('t', practiceId));
  // A practice has few exercises of its own: they are read by practice, and the match is written as a
  // function call so the planner does not scan the whole library's full-text index a second time.
  const fallbacks = otherLanguages(language).map((other) =>
    branch(
      other,
      (query) => sql`ts_match_vq(t.search_vector, ${query})`,
      sql`t.practice_id = ${practiceId}::uuid and not exists (select 1 from exercise_texts o
           where o.exercise_id = t.exercise_id and o.language = ${language})`,
    ),
  );
  const candidates = sql.join([library, ...fallbacks], sql` union all `);
  const rows = await queryRows<{ id: string; total: number }>(
    tx,
    sql`select c.exercise_id as id, (count(*) over ())::int as total
        from (${candidates}) c
        order by c.exact desc, c.rank desc, c.title, c.exercise_id
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
