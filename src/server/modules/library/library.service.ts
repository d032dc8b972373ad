import type { Transactor, Tx } from '../../db/transactions.js';
import type { Clock } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import type { Language } from './exercise-tags.js';
import {
  type Exercise,
  type ExerciseSummary,
  presentArticle,
  presentArticleSummary,
  presentExercise,
  presentExerciseSummary,
} from './library.presenter.js';
import {
  findArticle,
  findExercises,
  findSearcher,
  listArticles,
  listExerciseMedia,
  saveRecentSearches,
} from './library.repo.js';
import type { ExerciseSearchQuery, RecentSearch } from './library.schema.js';
import { alphabeticalExercisePage } from './listing.repo.js';
import { readRecentSearches, rememberSearch } from './recent-searches.js';
import {
  type ExerciseFilters,
  libraryVocabularyCache,
  rankedExercisePage,
  SEARCH_SETTINGS,
  vocabularySuggestions,
} from './search.repo.js';
import { correct, correctable, correctedQuery, queryWords, titlePhrase, toTsQuery } from './search-query.js';
import { wordsOf } from './words.js';

/** Who searches: a practice, and the practitioner when it is one (an API key has no language or history). */
export interface LibraryCaller {
  practiceId: string;
  practitionerId?: string | undefined;
}

export interface ExerciseSearchResult {
  items: ExerciseSummary[];
  total: number;
  totalCapped: boolean;
  correctedQuery?: string;
  language: Language;
}

/** How many full-text matches are ranked at most (ARCHITECTURE.md: rank a capped candidate set). */
export const SEARCH_CANDIDATE_CAP = 500;
/**
 * A listing without words counts this many exercises past its page at most; more is "narrow the
 * filters". Counting 1,000 of a common filter cost more than the rest of the list (bench/README.md).
 */
export const LISTING_COUNT_CAP = 200;

async function languageOf(tx: Tx, caller: LibraryCaller, asked: Language | undefined): Promise<Language> {
  if (asked) return asked;
  if (!caller.practitionerId) return 'en';
  return (await findSearcher(tx, caller.practiceId, caller.practitionerId))?.language ?? 'en';
}

/** Exercises by id in the order asked, as summaries; ids the practice may not see are left out. */
export async function exerciseSummaries(
  tx: Tx,
  ids: string[],
  language: Language,
): Promise<ExerciseSummary[]> {
  const rows = new Map((await findExercises(tx, [...new Set(ids)], language)).map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = rows.get(id);
    return row ? [presentExerciseSummary(row)] : [];
  });
}

/** One exercise in full, or 404 when the practice may not see it (another practice's, or none). */
export async function exerciseDetail(tx: Tx, id: string, language: Language): Promise<Exercise> {
  const [row] = await findExercises(tx, [id], language);
  if (!row) throw notFound('This exercise does not exist.');
  return presentExercise(row, await listExerciseMedia(tx, id));
}

const sorted = (values: string[] | undefined) => (values?.length ? [...new Set(values)].sort() : undefined);

function filtersOf(query: ExerciseSearchQuery): RecentSearch['filters'] {
  const filters: RecentSearch['filters'] = {};
  const bodyRegion = sorted(query.bodyRegion);
  const equipment = sorted(query.equipment);
  const position = sorted(query.position);
  const difficulty = sorted(query.difficulty);
  if (bodyRegion) filters.bodyRegion = bodyRegion;
  if (equipment) filters.equipment = equipment;
  if (position) filters.position = position;
  if (difficulty) filters.difficulty = difficulty;
  if (query.source !== 'all') filters.source = query.source;
  return filters;
}

export function createLibraryService(deps: { transactor: Transactor; clock: Clock }) {
  const { transactor, clock } = deps;
  /** The library vocabulary's answers to query words, kept while this process runs (search.repo.ts). */
  const vocabulary = libraryVocabularyCache();

  /** Candidate ids, total and correction: only what search.repo.ts and listing.repo.ts answer. */
  async function findPage(tx: Tx, caller: LibraryCaller, query: ExerciseSearchQuery, language: Language) {
    const filters: ExerciseFilters = {
      bodyRegions: query.bodyRegion,
      equipment: query.equipment,
      positions: query.position,
      difficulties: query.difficulty,
      source: query.source,
    };
    const words = queryWords(query.q ?? '');
    const paging = {
      practiceId: caller.practiceId,
      language,
      filters,
      limit: query.limit,
      offset: query.offset,
    };
    if (!words.length) {
      const page = await alphabeticalExercisePage(tx, {
        ...paging,
        countCap: query.offset + query.limit + LISTING_COUNT_CAP,
      });
      return { page, corrected: undefined };
    }
    const suggestions = await vocabularySuggestions(
      tx,
      caller.practiceId,
      language,
      correctable(words),
      vocabulary,
    );
    const corrected = correct(words, suggestions);
    const page = await rankedExercisePage(tx, {
      ...paging,
      tsquery: toTsQuery(corrected),
      phrase: titlePhrase(query.q ?? ''),
      cap: SEARCH_CANDIDATE_CAP,
    });
    return { page, corrected: correctedQuery(corrected) };
  }

  return {
    /**
     * Searches the library and the practice's own exercises; a practitioner's search is remembered.
     * The candidates are found as the system role, whose policy admits every row: under a tenant's
     * policy PostgreSQL answers @@, && and % from an index only for leakproof operators, and these are
     * not. The repos name the practice in every condition instead (library content, and custom
     * exercises that may not name a client), and the summaries are read under the practice's fence.
     * One transaction, the system role's part first and then the practice's (asSystemThenInPractice):
     * each begin and commit is a statement to parse and plan on the embedded engine. A practitioner
     * without a language asked for is looked up first, in a transaction of its own.
     */
    async search(caller: LibraryCaller, query: ExerciseSearchQuery): Promise<ExerciseSearchResult> {
      const language =
        query.lang ??
        (caller.practitionerId
          ? await transactor.inPractice(caller.practiceId, (tx) => languageOf(tx, caller, undefined))
          : 'en');
      return transactor.asSystemThenInPractice(
        caller.practiceId,
        (tx) => findPage(tx, caller, query, language),
        async (tx, { page, corrected }) => {
          const items = await exerciseSummaries(tx, page.ids, language);
          const filters = filtersOf(query);
          const q = (query.q ?? '').trim();
          if (caller.practitionerId && (q || Object.keys(filters).length)) {
            const searcher = await findSearcher(tx, caller.practiceId, caller.practitionerId);
            const entry = { q, filters, at: clock.now().toISOString() };
            if (searcher) {
              const recent = rememberSearch(readRecentSearches(searcher.recentSearches), entry);
              await saveRecentSearches(tx, caller.practiceId, caller.practitionerId, recent);
            }
          }
          return {
            items,
            total: page.total,
            totalCapped: page.capped,
            ...(corrected ? { correctedQuery: corrected } : {}),
            language,
          };
        },
        SEARCH_SETTINGS,
      );
    },

    exercise(caller: LibraryCaller, id: string, lang?: Language): Promise<Exercise> {
      return transactor.inPractice(caller.practiceId, async (tx) =>
        exerciseDetail(tx, id, await languageOf(tx, caller, lang)),
      );
    },

    /** The practitioner's last searches, newest first. */
    recentSearches(caller: Required<LibraryCaller>): Promise<RecentSearch[]> {
      return transactor.inPractice(caller.practiceId, async (tx) => {
        const searcher = await findSearcher(tx, caller.practiceId, caller.practitionerId);
        return readRecentSearches(searcher?.recentSearches ?? []);
      });
    },

    articles(caller: LibraryCaller, options: { lang?: Language | undefined; q?: string | undefined }) {
      return transactor.inPractice(caller.practiceId, async (tx) => {
        const language = await languageOf(tx, caller, options.lang);
        const rows = await listArticles(tx, language, wordsOf(options.q ?? '').slice(0, 8));
        return rows.map(presentArticleSummary);
      });
    },

    article(caller: LibraryCaller, id: string, lang?: Language) {
      return transactor.inPractice(caller.practiceId, async (tx) => {
        const row = await findArticle(tx, id, await languageOf(tx, caller, lang));
        if (!row) throw notFound('This article does not exist.');
        return presentArticle(row);
      });
    },
  };
}

export type LibraryService = ReturnType<typeof createLibraryService>;
