import { and, eq, sql } from 'drizzle-orm';
import type { Dosage } from '../../db/schema/index.js';
import { practitioners } from '../../db/schema/index.js';
import { queryRows, type Tx } from '../../db/transactions.js';
import type { Language } from './exercise-tags.js';

// Reads of exercises and education articles, and the practitioner's recent searches. Library tables
// hold shipped rows (practice_id null) and each practice's own: every query here keeps to the rows of
// the transaction's practice, the one row-level security admits too.

const callerPractice = sql`nullif(current_setting('app.practice_id', true), '')::uuid`;
const visibleTo = (alias: string) =>
  sql`(${sql.raw(alias)}.practice_id is null or ${sql.raw(alias)}.practice_id = ${callerPractice})`;

/** The text of a row in the language asked for, else English, else any: a lateral subquery. */
const exerciseTextIn = (language: Language) =>
  sql`(select x.language, x.title, x.description, x.instructions, x.keywords from exercise_texts x
       where x.exercise_id = e.id
       order by (x.language = ${language}) desc, (x.language = 'en') desc, x.language limit 1)`;
const articleTextIn = (language: Language) =>
  sql`(select x.language, x.title, x.summary, x.body from education_texts x where x.article_id = a.id
       order by (x.language = ${language}) desc, (x.language = 'en') desc, x.language limit 1)`;

export interface ExerciseRow {
  id: string;
  practiceId: string | null;
  slug: string | null;
  bodyRegion: string;
  equipment: string[];
  position: string;
  difficulty: 'easy' | 'moderate' | 'hard';
  contraindications: string[];
  defaultDosage: Dosage;
  featuredClientId: string | null;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The language of the texts below: the one asked for, or the fallback. */
  language: Language;
  title: string;
  description: string;
  instructions: string[];
  keywords: string[];
  /** Every language the exercise has texts in. */
  languages: Language[];
  thumbnailMediaId: string | null;
}

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));

/** Exercises by id that the practice may see (archived ones too: programs still name them), in no order. */
export async function findExercises(tx: Tx, ids: string[], language: Language): Promise<ExerciseRow[]> {
  if (!ids.length) return [];
  const rows = await queryRows<ExerciseRow>(
    tx,
    sql`select e.id, e.practice_id as "practiceId", e.slug, e.body_region as "bodyRegion", e.equipment,
               e.position, e.difficulty, e.contraindications, e.default_dosage as "defaultDosage",
               e.featured_client_id as "featuredClientId", e.archived_at as "archivedAt",
               e.created_at as "createdAt", e.updated_at as "updatedAt",
               t.language, t.title, t.description, t.instructions, t.keywords,
               array(select o.language from exercise_texts o where o.exercise_id = e.id order by o.language) as languages,
               (select m.id from exercise_media m
                where m.exercise_id = e.id and m.practice_id = ${callerPractice} and m.kind = 'image'
                order by m.sort_order, m.created_at, m.id limit 1) as "thumbnailMediaId"
        from exercises e cross join lateral ${exerciseTextIn(language)} t
        where e.id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) and ${visibleTo('e')}`,
  );
  return rows.map((row) => ({
    ...row,
    archivedAt: row.archivedAt === null ? null : toDate(row.archivedAt),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
  }));
}

export interface MediaRow {
  id: string;
  kind: 'image' | 'video';
  contentType: string;
  byteSize: number;
}

/** The practice's images and videos of an exercise, in their order. */
export async function listExerciseMedia(tx: Tx, exerciseId: string): Promise<MediaRow[]> {
  const rows = await queryRows<MediaRow>(
    tx,
    sql`select m.id, m.kind, m.content_type as "contentType", m.byte_size as "byteSize"
        from exercise_media m
        where m.exercise_id = ${exerciseId}::uuid and m.practice_id = ${callerPractice}
        order by m.sort_order, m.created_at, m.id`,
  );
  return rows.map((row) => ({ ...row, byteSize: Number(row.byteSize) }));
}

export interface ArticleRow {
  id: string;
  slug: string | null;
  topics: string[];
  readingMinutes: number;
  language: Language;
  title: string;
  summary: string;
  body: string;
  languages: Language[];
}

const articleColumns = sql`a.id, a.slug, a.topics, a.reading_minutes as "readingMinutes", t.language, t.title,
  t.summary, t.body, array(select o.language from education_texts o where o.article_id = a.id order by o.language) as languages`;

/**
 * Education articles the practice may see, by title; with words, only those whose text (in the
 * language shown) or topics hold every word.
 */
export function listArticles(tx: Tx, language: Language, words: string[]): Promise<ArticleRow[]> {
  const matches = words.map(
    (word) =>
      sql`(t.title || ' ' || t.summary || ' ' || t.body || ' ' || array_to_string(a.topics, ' ')) ilike ${`%${word}%`}`,
  );
  return queryRows<ArticleRow>(
    tx,
    sql`select ${articleColumns}
        from education_articles a cross join lateral ${articleTextIn(language)} t
        where ${sql.join([visibleTo('a'), ...matches], sql` and `)}
        order by t.title, a.id`,
  );
}

export async function findArticle(tx: Tx, id: string, language: Language): Promise<ArticleRow | undefined> {
  const [row] = await queryRows<ArticleRow>(
    tx,
    sql`select ${articleColumns}
        from education_articles a cross join lateral ${articleTextIn(language)} t
        where a.id = ${id}::uuid and ${visibleTo('a')}`,
  );
  return row;
}

/** What search needs of the practitioner: their language and their recent searches (as stored). */
export async function findSearcher(
  tx: Tx,
  practiceId: string,
  practitionerId: string,
): Promise<{ language: Language | undefined; recentSearches: unknown[] } | undefined> {
  const [row] = await tx
    .select({ preferences: practitioners.preferences, recentSearches: practitioners.recentSearches })
    .from(practitioners)
    .where(and(eq(practitioners.practiceId, practiceId), eq(practitioners.id, practitionerId)));
  return row && { language: row.preferences.language, recentSearches: row.recentSearches };
}

export async function saveRecentSearches(
  tx: Tx,
  practiceId: string,
  practitionerId: string,
  recentSearches: unknown[],
): Promise<void> {
  // Every search writes this; a search lost in a crash costs nothing, waiting for the disk costs each
  // one. The setting is read at commit, so it rides on the update: one statement fewer to plan.
  await tx
    .update(practitioners)
    .set({ recentSearches })
    .where(and(eq(practitioners.practiceId, practiceId), eq(practitioners.id, practitionerId)))
    .returning({ asynchronous: sql`set_config('synchronous_commit', 'off', true)` });
}
