import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients } from './clients.js';
import { practitioners } from './identity.js';
import { practices } from './practices.js';

const at = (name: string) => timestamp(name, { withTimezone: true });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
/** null: shipped with Rehabit, visible to every practice; otherwise the practice's own. */
const libraryOwner = () => uuid('practice_id').references(() => practices.id);

export interface Dosage {
  sets: number | null;
  reps: number | null;
  holdSeconds: number | null;
  restSeconds: number | null;
  timesPerDay: number | null;
  daysPerWeek: number | null;
  side: 'both' | 'left' | 'right' | 'alternate' | null;
  load?: string | null;
}

/** Exercises: Rehabit's library (practice_id null, shipped as data) and each practice's custom ones. */
export const exercises = pgTable(
  'exercises',
  {
    id: uuid('id').primaryKey(),
    practiceId: libraryOwner(),
    /** Stable name of a shipped exercise; null for custom ones. */
    slug: text('slug').unique(),
    bodyRegion: text('body_region').notNull(),
    equipment: text('equipment').array().notNull().default(sql`'{}'::text[]`),
    position: text('position').notNull(),
    difficulty: text('difficulty', { enum: ['easy', 'moderate', 'hard'] }).notNull(),
    contraindications: text('contraindications').array().notNull().default(sql`'{}'::text[]`),
    defaultDosage: jsonb('default_dosage').$type<Dosage>().notNull(),
    /** A custom exercise made for (and perhaps showing) one client: patient-specific information. */
    featuredClientId: uuid('featured_client_id').references(() => clients.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => practitioners.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().default(sql`now()`),
    updatedAt: at('updated_at').notNull().default(sql`now()`),
    archivedAt: at('archived_at'),
  },
  (table) => [
    index('exercises_practice_idx').on(table.practiceId),
    index('exercises_filters_idx').on(table.bodyRegion, table.position, table.difficulty),
  ],
);

/** An exercise's words in one language; its full-text vector lives on its search row (exercise_search). */
export const exerciseTexts = pgTable(
  'exercise_texts',
  {
    exerciseId: uuid('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    practiceId: libraryOwner(),
    language: text('language', { enum: ['en', 'de'] }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    instructions: jsonb('instructions').$type<string[]>().notNull(),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
  },
  (table) => [
    primaryKey({ columns: [table.exerciseId, table.language] }),
    index('exercise_texts_practice_idx').on(table.practiceId, table.language),
  ],
);

/**
 * What search reads of an exercise in one language, on one narrow row: its vector, title and filter
 * values ("region:knee", "equipment:chair"). Rewritten with the exercise (search-rows.ts); an archived
 * exercise has none. One GIN index answers words and filters together, so a common word with a rare
 * filter no longer fetches thousands of rows only to drop them.
 */
export const exerciseSearch = pgTable(
  'exercise_search',
  {
    exerciseId: uuid('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    practiceId: libraryOwner(),
    language: text('language', { enum: ['en', 'de'] }).notNull(),
    title: text('title').notNull(),
    searchVector: tsvector('search_vector').notNull(),
    facets: text('facets').array().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.exerciseId, table.language] }),
    // One per language: a prefix or a facet scans only its language's entries (search.repo.ts inLanguage).
    index('exercise_search_match_en_idx')
      .using('gin', table.searchVector, table.facets)
      .where(sql`${table.language} = 'en'`),
    index('exercise_search_match_de_idx')
      .using('gin', table.searchVector, table.facets)
      .where(sql`${table.language} = 'de'`),
    // The alphabetical listing walks titles in order instead of sorting the whole library.
    index('exercise_search_title_idx').on(table.language, table.title, table.exerciseId),
    // A practice's own rows only: an index over all rows tempts the planner to AND in a whole language.
    index('exercise_search_practice_idx')
      .on(table.practiceId, table.language)
      .where(sql`${table.practiceId} is not null`),
  ],
);

/** The library's distinct words per language, trigram-indexed to correct misspelt query words. */
export const exerciseVocabulary = pgTable(
  'exercise_vocabulary',
  {
    id: uuid('id').primaryKey(),
    practiceId: libraryOwner(),
    language: text('language', { enum: ['en', 'de'] }).notNull(),
    word: text('word').notNull(),
  },
  (table) => [
    uniqueIndex('exercise_vocabulary_library_uq')
      .on(table.language, table.word)
      .where(sql`${table.practiceId} is null`),
    uniqueIndex('exercise_vocabulary_practice_uq')
      .on(table.practiceId, table.language, table.word)
      .where(sql`${table.practiceId} is not null`),
    index('exercise_vocabulary_trgm_idx').using('gin', table.word.op('gin_trgm_ops')),
    // Byte order whatever the database's collation: words starting with a prefix follow it directly.
    index('exercise_vocabulary_library_prefix_idx')
      .on(table.language, sql`(${table.word} collate "C")`)
      .where(sql`${table.practiceId} is null`),
  ],
);

/** Images and videos of an exercise, stored encrypted through the storage interface. */
export const exerciseMedia = pgTable(
  'exercise_media',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    exerciseId: uuid('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['image', 'video'] }).notNull(),
    contentType: text('content_type').notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    /** Where the storage interface keeps the encrypted blob. */
    storageKey: text('storage_key').notNull(),
    /** Media showing a client: patient-specific information. */
    featuredClientId: uuid('featured_client_id').references(() => clients.id, { onDelete: 'cascade' }),
    sortOrder: integer('sort_order').notNull().default(0),
    createdBy: uuid('created_by').references(() => practitioners.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().default(sql`now()`),
  },
  (table) => [index('exercise_media_exercise_idx').on(table.practiceId, table.exerciseId)],
);

/** Education articles: shipped (practice_id null) or a practice's own. */
export const educationArticles = pgTable('education_articles', {
  id: uuid('id').primaryKey(),
  practiceId: libraryOwner(),
  slug: text('slug').unique(),
  topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
  readingMinutes: integer('reading_minutes').notNull(),
  createdAt: at('created_at').notNull().default(sql`now()`),
  updatedAt: at('updated_at').notNull().default(sql`now()`),
});

export const educationTexts = pgTable(
  'education_texts',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => educationArticles.id, { onDelete: 'cascade' }),
    practiceId: libraryOwner(),
    language: text('language', { enum: ['en', 'de'] }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    /** Markdown. */
    body: text('body').notNull(),
  },
  (table) => [primaryKey({ columns: [table.articleId, table.language] })],
);

/** Which version of the shipped content each library is at, so a start imports only what changed. */
export const contentImports = pgTable('content_imports', {
  name: text('name').primaryKey(),
  sha256: text('sha256').notNull(),
  importedAt: at('imported_at').notNull(),
});
