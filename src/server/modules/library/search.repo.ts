import { type SQL, sql } from 'drizzle-orm';
import { type LocalSettings, queryRows, type Tx } from '../../db/transactions.js';
import { LANGUAGES, type Language } from './exercise-tags.js';
import { libraryVocabularyVersion, SEARCH_CONFIG } from './exercise-texts.js';
import { type FacetKind, facetOf } from './search-rows.js';

// The library's search queries, run as rehabit_system (library.service.ts says why): row-level
// security does not narrow them, so every query names the caller's practice itself, and only ids,
// counts and vocabulary words leave here. The exercises shown are read back under the practice's fence.

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

/**
 * Rows that may match the filters: any facet of a filter's values (a filter's values are alternatives).
 * Unindexed, the overlap is written as a function call: the planner cannot answer it from the GIN index.
 */
const facetsMatch = (kind: FacetKind, values: string[] | undefined, indexed: boolean) => {
  if (!values?.length) return [];
  const wanted = sql`array[${sql.join(
    values.map((value) => sql`${facetOf(kind, value)}`),
    sql`, `,
  )}]::text[]`;
  return [indexed ? sql`s.facets && ${wanted}` : sql`arrayoverlap(s.facets, ${wanted})`];
};

/**
 * The filters and the source as conditions on `exercise_search s`, always within what the practice may
 * see. A practice's own few hundred rows are better read by practice than by the library's GIN index.
 */
export function filterConditions(practiceId: string, filters: ExerciseFilters, indexed = true): SQL {
  const source =
    filters.source === 'library'
      ? sql`s.practice_id is null`
      : filters.source === 'practice'
        ? sql`s.practice_id = ${practiceId}::uuid`
        : visible('s', practiceId);
  return sql.join(
    [
      source,
      ...facetsMatch('bodyRegion', filters.bodyRegions, indexed),
      ...facetsMatch('position', filters.positions, indexed),
      ...facetsMatch('difficulty', filters.difficulties, indexed),
      ...facetsMatch('equipment', filters.equipment, indexed),
    ],
    sql` and `,
  );
}

/**
 * The search transaction reads exercise_search only through its indexes or its head (headFirst).
 * With LIMIT the planner otherwise prefers reading the whole table from the start, quick for a word in
 * every other row and many times slower for a rarer word or filter (bench/README.md). A parallel plan
 * would return the head's rows in any order, and starting workers costs more than these queries.
 */
export const SEARCH_SETTINGS: LocalSettings = { enable_seqscan: 'off', max_parallel_workers_per_gather: '0' };

/**
 * `alias.language = 'en'` with the language as a literal, not a parameter: each language has a GIN
 * index of its own (partial), which the planner may use only when it sees the language in the query.
 */
export const inLanguage = (alias: string, language: Language) =>
  sql.raw(`${alias}.language = '${LANGUAGE_LITERAL[language]}'`);
const LANGUAGE_LITERAL: Record<Language, string> = { en: 'en', de: 'de' };

/** Where the head of exercise_search ends: 200 pages, about 2,500 rows, read in a millisecond or two. */
const HEAD = sql.raw(`'(200,0)'::tid`);

/**
 * The first `limit` rows of exercise_search that a query matches, in the table's order: read from the
 * table's head in order, and through the index from the rest only when the head holds too few. GIN
 * answers only with a bitmap of every match: for a word in every other exercise that was 50,000
 * entries (15 ms) to keep 500, where the head alone holds 500. A bitmap gives rows in the table's order
 * too, so the same rows are found either way. `rows(range, indexed)` selects from `exercise_search s`;
 * in the head its conditions must not be indexed, else the planner builds the same bitmap twice.
 */
const headFirst = (rows: (range: SQL, indexed: boolean) => SQL, limit: number) =>
  sql`(select * from ((${rows(sql`s.ctid < ${HEAD}`, false)}) union all (${rows(sql`s.ctid >= ${HEAD}`, true)})) h
       limit ${limit})`;

/** The other languages an exercise of the practice may be written in when it lacks the one searched. */
export const otherLanguages = (language: Language) => LANGUAGES.filter((other) => other !== language);

export interface WordSuggestion {
  input: string;
  suggestion: string;
  score: number;
}

/** How many near words the vocabulary offers per unknown word; search-query.ts picks among them. */
const SUGGESTIONS_PER_WORD = 5;

/** What the library's vocabulary says of one query word: kept per process (LibraryVocabularyCache). */
interface VocabularyAnswer {
  /** The word is a library word (or, typed as a prefix, starts one): it is not corrected. */
  known: boolean;
  /** Its nearest library words, best first, when it is not known. */
  suggestions: { suggestion: string; score: number }[];
}

/**
 * The library vocabulary's answers, per process (one per service): shipped words change only on
 * import, and any write to them in this process empties it (libraryVocabularyVersion). Only the
 * library's words are kept: a practice's own are asked every time.
 */
export interface LibraryVocabularyCache {
  version: number;
  answers: Map<string, VocabularyAnswer>;
}

/** Typed words are unbounded: the cache starts over past this many. */
const CACHED_ANSWERS = 10_000;

export const libraryVocabularyCache = (): LibraryVocabularyCache => ({
  version: libraryVocabularyVersion(),
  answers: new Map(),
});

type VocabularyWord = { word: string; prefix: boolean };
const answerKey = (language: Language, w: VocabularyWord) => `${language}:${w.prefix ? '*' : ''}${w.word}`;

/**
 * One vocabulary's answer for each word (the library's when practiceId is null): known or not, and if
 * not its nearest words by trigram similarity (pg_trgm's % operator: similarity above 0.3, served by
 * the trigram index), best first. A word typed as a prefix counts as known when some vocabulary word
 * starts with it (the library's through a byte-ordered index: in "C" order every word with that prefix
 * follows the prefix itself).
 */
async function vocabularyAnswers(
  tx: Tx,
  practiceId: string | null,
  language: Language,
  words: VocabularyWord[],
): Promise<Map<string, VocabularyAnswer>> {
  const mine = (alias: string) =>
    practiceId === null
      ? sql`${sql.raw(alias)}.practice_id is null and ${sql.raw(alias)}.language = ${language}`
      : sql`${sql.raw(alias)}.practice_id = ${practiceId}::uuid and ${sql.raw(alias)}.language = ${language}`;
  const startsOne =
    practiceId === null
      ? sql`coalesce((select starts_with(k.word, w.word) from exercise_vocabulary k
                      where ${mine('k')} and (k.word collate "C") >= w.word
                      order by (k.word collate "C") limit 1), false)`
      : sql`exists (select 1 from exercise_vocabulary k where ${mine('k')} and starts_with(k.word, w.word))`;
  const rows = await queryRows<{
    word: string;
    prefix: boolean;
    known: boolean;
    suggestions: VocabularyAnswer['suggestions'];
  }>(
    tx,
    sql`select w.word, w.prefix, k.known,
               case when k.known then '[]'::jsonb else coalesce((
                 select jsonb_agg(jsonb_build_object('suggestion', s.word, 'score', s.score) order by s.score desc, s.word)
                 from (select x.word, similarity(x.word, w.word)::float8 as score
                       from exercise_vocabulary x
                       where x.word % w.word and ${mine('x')}
                       order by score desc, x.word
                       limit ${SUGGESTIONS_PER_WORD}) s), '[]'::jsonb) end as suggestions
        from jsonb_to_recordset(${JSON.stringify(words)}::jsonb) as w(word text, prefix boolean)
        cross join lateral (
          select exists (select 1 from exercise_vocabulary k where ${mine('k')} and k.word = w.word)
                 or (w.prefix and ${startsOne}) as known
        ) k`,
  );
  return new Map(
    rows.map((row) => [answerKey(language, row), { known: row.known, suggestions: row.suggestions }]),
  );
}

/**
 * For each word the vocabulary (library and practice) does not know, its nearest vocabulary words,
 * best first (SUGGESTIONS_PER_WORD of both together). The library's answers come from the per-process
 * cache when given; the practice's words are asked only for words the library does not know.
 */
export async function vocabularySuggestions(
  tx: Tx,
  practiceId: string,
  language: Language,
  words: VocabularyWord[],
  cache: LibraryVocabularyCache = libraryVocabularyCache(),
): Promise<WordSuggestion[]> {
  if (!words.length) return [];
  if (cache.version !== libraryVocabularyVersion() || cache.answers.size > CACHED_ANSWERS) {
    cache.answers.clear();
    cache.version = libraryVocabularyVersion();
  }
  const version = cache.version;
  const missing = words.filter((w) => !cache.answers.has(answerKey(language, w)));
  const library = new Map(cache.answers);
  if (missing.length) {
    const answers = await vocabularyAnswers(tx, null, language, missing);
    for (const [key, answer] of answers) {
      library.set(key, answer);
      // An import in this process while the answer was read: it may be of the words before it.
      if (version === libraryVocabularyVersion()) cache.answers.set(key, answer);
    }
  }
  const unknown = words.filter((w) => !library.get(answerKey(language, w))?.known);
  if (!unknown.length) return [];
  const own = await vocabularyAnswers(tx, practiceId, language, unknown);
  return unknown.flatMap((w) => {
    const key = answerKey(language, w);
    const practice = own.get(key);
    if (practice?.known) return [];
    return [...(library.get(key)?.suggestions ?? []), ...(practice?.suggestions ?? [])]
      .sort(
        (a, b) =>
          b.score - a.score || (a.suggestion < b.suggestion ? -1 : a.suggestion > b.suggestion ? 1 : 0),
      )
      .slice(0, SUGGESTIONS_PER_WORD)
      .map((s) => ({ input: w.word, suggestion: s.suggestion, score: s.score }));
  });
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
 * Full-text matches in the language, the first `cap` of them in the table's order (headFirst), ranked:
 * a title equal to the query, then a title starting with it, then ts_rank (title, keywords, description
 * and instructions weigh less in turn; ts_rank_cd cost several times the rest of a search on the
 * embedded engine). The practice's own exercises without a text in the language are searched in the
 * language they have (shipped content has every one).
 */
export async function rankedExercisePage(tx: Tx, search: RankedSearch): Promise<ExercisePage> {
  const { practiceId, language, tsquery, phrase, filters, cap } = search;
  const branch = (lang: Language, match: (query: SQL, indexQuery: SQL) => SQL, extra: SQL, where: SQL) => {
    // to_tsquery is stable, not immutable: written in a row's expression it is parsed again for every
    // row (the head's 2,500, the candidates ranked). As a subquery it is computed once. The index's
    // condition keeps the call itself, so the planner sees the query it estimates the index by.
    const indexQuery = sql`to_tsquery(${SEARCH_CONFIG[lang]}::regconfig, ${tsquery})`;
    const query = sql`(select ${indexQuery})`;
    return (range: SQL) => sql`select s.exercise_id, s.title, ts_rank(s.search_vector, ${query}) as rank,
                       case when lower(s.title) = ${phrase} then 2
                            when starts_with(lower(s.title), ${phrase}) then 1 else 0 end as exact
                from exercise_search s
                where ${range} and ${inLanguage('s', lang)} and ${match(query, indexQuery)} and ${extra} and ${where}`;
  };
  const library = headFirst(
    (range, indexed) =>
      branch(
        language,
        (query, indexQuery) =>
          indexed ? sql`s.search_vector @@ ${indexQuery}` : sql`ts_match_vq(s.search_vector, ${query})`,
        sql`true`,
        filterConditions(practiceId, filters, indexed),
      )(range),
    cap,
  );
  // A practice has few exercises of its own: they are read by practice, and the match is written as a
  // function call so the planner does not scan the whole library's index a second time.
  const fallbacks =
    filters.source === 'library'
      ? []
      : otherLanguages(language).map((other) => {
          const own = branch(
            other,
            (query) => sql`ts_match_vq(s.search_vector, ${query})`,
            sql`s.practice_id = ${practiceId}::uuid and not exists (select 1 from exercise_search o
                 where o.exercise_id = s.exercise_id and o.language = ${language})`,
            filterConditions(practiceId, filters, false),
          );
          return sql`(${own(sql`true`)} limit ${cap})`;
        });
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
