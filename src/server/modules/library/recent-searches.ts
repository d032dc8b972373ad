import { type RecentSearch, recentSearchSchema } from './library.schema.js';

export const MAX_RECENT_SEARCHES = 10;
/** A search refined within this time (typing on: "kne", "knee") replaces the one before it. */
const REFINING_MS = 60_000;

/** Filters as one string whatever their keys' order (jsonb stores keys in its own order). */
const filtersKey = (search: RecentSearch) =>
  JSON.stringify(Object.entries(search.filters).sort(([a], [b]) => (a < b ? -1 : 1)));
const sameFilters = (a: RecentSearch, b: RecentSearch) => filtersKey(a) === filtersKey(b);
const key = (q: string) => q.trim().replace(/\s+/g, ' ').toLowerCase();

/** The stored list as far as it is readable (the column is free JSON; an odd entry is dropped, not fatal). */
export function readRecentSearches(stored: unknown[]): RecentSearch[] {
  return stored.flatMap((entry) => {
    const parsed = recentSearchSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The list with this search first: once only, the last ten, a search refined while typing counted once. */
export function rememberSearch(list: RecentSearch[], search: RecentSearch): RecentSearch[] {
  const [latest, ...older] = list;
  const refining =
    latest !== undefined &&
    sameFilters(latest, search) &&
    Date.parse(search.at) - Date.parse(latest.at) < REFINING_MS &&
    (key(search.q).startsWith(key(latest.q)) || key(latest.q).startsWith(key(search.q)));
  const rest = (refining ? older : list).filter(
    (entry) => !(key(entry.q) === key(search.q) && sameFilters(entry, search)),
  );
  return [search, ...rest].slice(0, MAX_RECENT_SEARCHES);
}
