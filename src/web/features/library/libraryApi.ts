import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { type ExerciseSearch, searchQueryString } from './searchParams.js';

export type Side = 'both' | 'left' | 'right' | 'alternate';
export const sides: readonly Side[] = ['both', 'left', 'right', 'alternate'];

export interface Dosage {
  sets: number | null;
  reps: number | null;
  holdSeconds: number | null;
  restSeconds: number | null;
  timesPerDay: number | null;
  daysPerWeek: number | null;
  side: Side | null;
  load?: string | null;
}

/** An exercise in search results. */
export interface ExerciseSummary {
  id: string;
  source: 'library' | 'practice';
  language: 'en' | 'de';
  title: string;
  description: string;
  bodyRegion: string;
  equipment: string[];
  position: string;
  difficulty: string;
  contraindications: string[];
  defaultDosage: Dosage;
  featuredClientId: string | null;
  thumbnailMediaId: string | null;
  archived: boolean;
}

/** One exercise in full, in one language (`GET /api/v1/exercises/:id?lang=`). */
export interface Exercise extends ExerciseSummary {
  slug: string | null;
  instructions: string[];
  keywords: string[];
  media: { id: string; kind: 'image' | 'video'; contentType: string; byteSize: number }[];
  languages: ('en' | 'de')[];
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export interface ExerciseList {
  items: ExerciseSummary[];
  total: number;
  totalCapped: boolean;
  correctedQuery?: string;
  language: 'en' | 'de';
}

/** The vocabularies the filters and the exercise form choose from. */
export interface ExerciseFilters {
  bodyRegions: string[];
  equipment: string[];
  positions: string[];
  difficulties: string[];
  contraindications: string[];
  languages: ('en' | 'de')[];
}

export interface RecentSearch {
  q: string;
  filters: { bodyRegion?: string[]; equipment?: string[]; position?: string[]; difficulty?: string[] };
  at: string;
}

export interface EducationArticle {
  id: string;
  language: 'en' | 'de';
  title: string;
  summary: string;
  topics: string[];
  readingMinutes: number;
}

export const libraryKeys = {
  search: (search: ExerciseSearch) => ['exercises', 'search', search] as const,
  exercise: (id: string, lang: string) => ['exercises', 'one', id, lang] as const,
  filters: ['exercise-filters'] as const,
  recent: ['recent-searches'] as const,
  education: (lang: string) => ['education', lang] as const,
};

/** Library search; `enabled` lets a panel wait until the user has searched. */
export function useExerciseSearch(search: ExerciseSearch, enabled = true) {
  return useQuery({
    queryKey: libraryKeys.search(search),
    queryFn: () => api<ExerciseList>('GET', `/api/v1/exercises?${searchQueryString(search)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useExerciseFilters() {
  return useQuery({
    queryKey: libraryKeys.filters,
    queryFn: () => api<ExerciseFilters>('GET', '/api/v1/exercise-filters'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useRecentSearches() {
  return useQuery({
    queryKey: libraryKeys.recent,
    queryFn: async () => (await api<{ items: RecentSearch[] }>('GET', '/api/v1/me/recent-searches')).items,
  });
}

export function useEducation(lang: string) {
  return useQuery({
    queryKey: libraryKeys.education(lang),
    queryFn: async () =>
      (await api<{ items: EducationArticle[] }>('GET', `/api/v1/education?lang=${encodeURIComponent(lang)}`))
        .items,
    staleTime: 5 * 60_000,
  });
}
