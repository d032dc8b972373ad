/** A library search as the panel holds it: free text, one value per filter ('' = any), a page. */
export interface ExerciseSearch {
  q: string;
  lang: 'en' | 'de';
  bodyRegion: string;
  equipment: string;
  position: string;
  difficulty: string;
  limit: number;
  offset: number;
}

export const filterNames = ['bodyRegion', 'equipment', 'position', 'difficulty'] as const;
export type FilterName = (typeof filterNames)[number];

export function emptySearch(lang: 'en' | 'de', limit = 10): ExerciseSearch {
  return { q: '', lang, bodyRegion: '', equipment: '', position: '', difficulty: '', limit, offset: 0 };
}

/** The query string of `GET /api/v1/exercises`: empty filters and blank text are left out. */
export function searchQueryString(search: ExerciseSearch): string {
  const params = new URLSearchParams();
  if (search.q.trim()) params.set('q', search.q.trim());
  params.set('lang', search.lang);
  for (const name of filterNames) if (search[name]) params.set(name, search[name]);
  params.set('limit', String(search.limit));
  if (search.offset > 0) params.set('offset', String(search.offset));
  return params.toString();
}

/** A recent search back in the panel's shape (the first value of each filter: the panel picks one). */
export function searchFromRecent(
  recent: { q: string; filters: Partial<Record<FilterName, string[]>> },
  base: ExerciseSearch,
): ExerciseSearch {
  const next: ExerciseSearch = { ...base, q: recent.q, offset: 0 };
  for (const name of filterNames) next[name] = recent.filters[name]?.[0] ?? '';
  return next;
}
