import { z } from 'zod';
import {
  BODY_REGIONS,
  bodyRegion,
  CONTRAINDICATIONS,
  DIFFICULTIES,
  difficulty,
  EQUIPMENT,
  equipmentItem,
  LANGUAGES,
  language,
  POSITIONS,
  position,
  SIDES,
} from './exercise-tags.js';

export const MAX_PAGE_SIZE = 50;

/** A filter that takes several values: repeated (`equipment=mat&equipment=towel`) or comma-separated. */
const anyOf = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((part) => part.split(','))
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(30))
    .optional();

const source = z.enum(['library', 'practice', 'all']);

export const exerciseSearchQuery = z.object({
  q: z.string().max(200, 'Use at most 200 characters.').optional().describe('free text; typos are corrected'),
  lang: language.optional().describe("the language to search and answer in; default: the practitioner's"),
  bodyRegion: anyOf(bodyRegion).describe('any of these body regions'),
  equipment: anyOf(equipmentItem).describe('needs any of this equipment'),
  position: anyOf(position),
  difficulty: anyOf(difficulty),
  source: source.default('all').describe("Rehabit's library, the practice's own exercises, or both"),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type ExerciseSearchQuery = z.infer<typeof exerciseSearchQuery>;

export const langQuery = z.object({ lang: language.optional() });
export const idParams = z.object({ id: z.uuid() });

const dosageSchema = z.object({
  sets: z.number().nullable(),
  reps: z.number().nullable(),
  holdSeconds: z.number().nullable(),
  restSeconds: z.number().nullable(),
  timesPerDay: z.number().nullable(),
  daysPerWeek: z.number().nullable(),
  side: z.enum(SIDES).nullable(),
  load: z.string().nullable().optional(),
});

export const exerciseSummarySchema = z
  .object({
    id: z.uuid(),
    source: z.enum(['library', 'practice']),
    language: language.describe(
      'the language of title and description (English when the one asked for is missing)',
    ),
    title: z.string(),
    description: z.string(),
    bodyRegion: z.string(),
    equipment: z.array(z.string()),
    position: z.string(),
    difficulty: z.string(),
    contraindications: z.array(z.string()),
    defaultDosage: dosageSchema,
    featuredClientId: z.uuid().nullable(),
    thumbnailMediaId: z.uuid().nullable(),
    archived: z.boolean(),
  })
  .describe('ExerciseSummary');

export const exerciseSchema = exerciseSummarySchema
  .extend({
    slug: z.string().nullable().describe('stable name of a shipped exercise; null for a custom one'),
    instructions: z.array(z.string()),
    keywords: z.array(z.string()),
    media: z.array(
      z.object({
        id: z.uuid(),
        kind: z.enum(['image', 'video']),
        contentType: z.string(),
        byteSize: z.number().int(),
      }),
    ),
    languages: z.array(language).describe('the languages the exercise has texts in'),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
  })
  .describe('Exercise');

export const exerciseListSchema = z.object({
  items: z.array(exerciseSummarySchema),
  total: z.number().int(),
  totalCapped: z
    .boolean()
    .describe('more exercises match than were ranked (total counts the ranked ones): narrow the search'),
  correctedQuery: z.string().optional().describe('the query as searched, when misspelt words were corrected'),
  language,
});

export const exerciseFiltersSchema = z.object({
  bodyRegions: z.array(z.enum(BODY_REGIONS)),
  equipment: z.array(z.enum(EQUIPMENT)),
  positions: z.array(z.enum(POSITIONS)),
  difficulties: z.array(z.enum(DIFFICULTIES)),
  contraindications: z.array(z.enum(CONTRAINDICATIONS)),
  languages: z.array(z.enum(LANGUAGES)),
});

export const recentSearchFilters = z.object({
  bodyRegion: z.array(z.string()).optional(),
  equipment: z.array(z.string()).optional(),
  position: z.array(z.string()).optional(),
  difficulty: z.array(z.string()).optional(),
  source: source.optional(),
});

export const recentSearchSchema = z.object({
  q: z.string(),
  filters: recentSearchFilters,
  at: z.string(),
});
export type RecentSearch = z.infer<typeof recentSearchSchema>;

export const recentSearchesSchema = z.object({ items: z.array(recentSearchSchema) });

export const educationQuery = z.object({
  lang: language.optional(),
  q: z.string().max(200).optional().describe('words in the title, summary, text or topics'),
});

export const articleSummarySchema = z
  .object({
    id: z.uuid(),
    slug: z.string().nullable(),
    language,
    title: z.string(),
    summary: z.string(),
    topics: z.array(z.string()),
    readingMinutes: z.number().int(),
  })
  .describe('EducationArticleSummary');

export const articleListSchema = z.object({ items: z.array(articleSummarySchema) });

export const articleSchema = articleSummarySchema
  .extend({ body: z.string().describe('Markdown'), languages: z.array(language) })
  .describe('EducationArticle');
