import { sql } from 'drizzle-orm';
import { queryRows, type Transactor, type Tx } from '../../db/transactions.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import {
  CONTENT_DIR,
  type ContentPart,
  parseArticles,
  parseExercises,
  readEducationFiles,
  readExerciseFiles,
  type ShippedArticle,
  type ShippedExercise,
} from './content.js';
import { LANGUAGES, type Language } from './exercise-tags.js';
import {
  addVocabulary,
  type ExerciseTextRow,
  libraryVocabularyChanged,
  textVocabulary,
  upsertExerciseTextRows,
} from './exercise-texts.js';
import { refreshExerciseSearch } from './search-rows.js';
import { articleIdOf, exerciseIdOf } from './words.js';

export interface ImportedPart {
  status: 'unchanged' | 'imported';
  /** Rows inserted, rows whose values changed, and shipped items no longer in the files. */
  inserted: number;
  updated: number;
  removed: number;
}

export interface ContentImportReport {
  exercises: ImportedPart;
  education: ImportedPart;
}

export interface ContentImportOptions {
  transactor: Transactor;
  clock: Clock;
  log?: Logger;
  directory?: string;
  /** Re-import even when the files' fingerprint is unchanged (tests prove this writes nothing). */
  force?: boolean;
}

// Any fixed number works; the same on every node, so nodes starting together import once, in turn.
const IMPORT_LOCK_KEY = 727_004;
const unchanged: ImportedPart = { status: 'unchanged', inserted: 0, updated: 0, removed: 0 };

/**
 * Brings the shipped library (exercises and education, content/) into the database: one transaction
 * as the system role, by slug, ids derived from slugs. Skips a part whose files have not changed since
 * its last import. Items gone from the files are archived (exercises, which programs may still name)
 * or deleted (articles).
 */
export async function importShippedContent(options: ContentImportOptions): Promise<ContentImportReport> {
  const directory = options.directory ?? CONTENT_DIR;
  const exerciseFiles = readExerciseFiles(directory);
  const educationFiles = readEducationFiles(directory);
  const now = options.clock.now();
  const report = await options.transactor.asSystem(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
    const exercises = (await needsImport(tx, 'exercises', exerciseFiles, options.force))
      ? await importExercises(tx, parseExercises(exerciseFiles), now)
      : unchanged;
    const education = (await needsImport(tx, 'education', educationFiles, options.force))
      ? await importArticles(tx, parseArticles(educationFiles), now)
      : unchanged;
    if (exercises.status === 'imported') await recordImport(tx, 'exercises', exerciseFiles, now);
    if (education.status === 'imported') await recordImport(tx, 'education', educationFiles, now);
    return { exercises, education };
  });
  for (const [part, figures] of Object.entries(report)) {
    if (figures.status === 'imported') options.log?.info({ part, ...figures }, 'shipped content imported');
  }
  return report;
}

async function needsImport(tx: Tx, name: string, content: ContentPart, force = false): Promise<boolean> {
  if (force) return true;
  const [row] = await queryRows<{ sha256: string }>(
    tx,
    sql`select sha256 from content_imports where name = ${name}`,
  );
  return row?.sha256 !== content.sha256;
}

async function recordImport(tx: Tx, name: string, content: ContentPart, now: Date): Promise<void> {
  await tx.execute(
    sql`insert into content_imports (name, sha256, imported_at) values (${name}, ${content.sha256}, ${now})
        on conflict (name) do update set sha256 = excluded.sha256, imported_at = excluded.imported_at`,
  );
}

const jsonIds = (ids: string[]) =>
  sql`(select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;

async function importExercises(tx: Tx, items: ShippedExercise[], now: Date): Promise<ImportedPart> {
  const ids = items.map((item) => exerciseIdOf(item.slug));
  const values = items.map(
    (item, index) =>
      sql`(${ids[index]}, ${item.slug}, ${item.bodyRegion}, ${JSON.stringify(item.equipment)}, ${item.position},
           ${item.difficulty}, ${JSON.stringify(item.contraindications)}, ${JSON.stringify(item.defaultDosage)})`,
  );
  const upserted = items.length
    ? await queryRows<{ id: string; inserted: boolean }>(
        tx,
        sql`with incoming (id, slug, body_region, equipment, position, difficulty, contraindications, dosage) as (
              values ${sql.join(values, sql`, `)}
            ), upserted as (
              insert into exercises (id, practice_id, slug, body_region, equipment, position, difficulty,
                                     contraindications, default_dosage, created_at, updated_at, archived_at)
              select i.id::uuid, null, i.slug, i.body_region, array(select jsonb_array_elements_text(i.equipment::jsonb)),
                     i.position, i.difficulty, array(select jsonb_array_elements_text(i.contraindications::jsonb)),
                     i.dosage::jsonb, ${now}::timestamptz, ${now}::timestamptz, null
              from incoming i
              on conflict (id) do update set
                slug = excluded.slug, body_region = excluded.body_region, equipment = excluded.equipment,
                position = excluded.position, difficulty = excluded.difficulty,
                contraindications = excluded.contraindications, default_dosage = excluded.default_dosage,
                updated_at = excluded.updated_at, archived_at = null
              where (exercises.slug, exercises.body_region, exercises.equipment, exercises.position,
                     exercises.difficulty, exercises.contraindications, exercises.default_dosage, exercises.archived_at)
                    is distinct from (excluded.slug, excluded.body_region, excluded.equipment, excluded.position,
                     excluded.difficulty, excluded.contraindications, excluded.default_dosage, null::timestamptz)
              returning id, (xmax = 0) as inserted
            )
            select id, inserted from upserted`,
      )
    : [];
  const archived = await queryRows<{ id: string }>(
    tx,
    sql`update exercises set archived_at = ${now}, updated_at = ${now}
        where practice_id is null and archived_at is null and id not in ${jsonIds(ids)}
        returning id`,
  );
  const rows: ExerciseTextRow[] = items.flatMap((item, index) =>
    LANGUAGES.map((language) => ({
      ...item[language],
      exerciseId: ids[index] as string,
      practiceId: null,
      language,
    })),
  );
  const changed = await upsertExerciseTextRows(tx, rows);
  for (const row of upserted) changed.add(row.id);
  await refreshExerciseSearch(tx, [...changed, ...archived.map((row) => row.id)]);
  const inserted = upserted.filter((row) => row.inserted).length;
  for (const language of LANGUAGES) {
    await replaceLibraryVocabulary(tx, language, textVocabulary(items.map((item) => item[language])));
  }
  return {
    status: 'imported',
    inserted,
    // An exercise whose words alone changed counts as updated too.
    updated: changed.size - inserted,
    removed: archived.length,
  };
}

/** The library's vocabulary becomes exactly these words: new ones added, vanished ones dropped. */
async function replaceLibraryVocabulary(tx: Tx, language: Language, words: Set<string>): Promise<void> {
  await addVocabulary(tx, null, language, words);
  await tx.execute(
    sql`delete from exercise_vocabulary
        where practice_id is null and language = ${language}
          and word not in (select value from jsonb_array_elements_text(${JSON.stringify([...words])}::jsonb))`,
  );
  libraryVocabularyChanged();
}

async function importArticles(tx: Tx, items: ShippedArticle[], now: Date): Promise<ImportedPart> {
  const ids = items.map((item) => articleIdOf(item.slug));
  const changed = new Set<string>();
  let inserted = 0;
  if (items.length) {
    const values = items.map(
      (item, index) =>
        sql`(${ids[index]}, ${item.slug}, ${JSON.stringify(item.topics)}, ${item.readingMinutes})`,
    );
    const upserted = await queryRows<{ id: string; inserted: boolean }>(
      tx,
      sql`with incoming (id, slug, topics, reading_minutes) as (values ${sql.join(values, sql`, `)}),
          upserted as (
            insert into education_articles (id, practice_id, slug, topics, reading_minutes, created_at, updated_at)
            select i.id::uuid, null, i.slug, array(select jsonb_array_elements_text(i.topics::jsonb)),
                   i.reading_minutes::int, ${now}::timestamptz, ${now}::timestamptz
            from incoming i
            on conflict (id) do update set slug = excluded.slug, topics = excluded.topics,
              reading_minutes = excluded.reading_minutes, updated_at = excluded.updated_at
            where (education_articles.slug, education_articles.topics, education_articles.reading_minutes)
                  is distinct from (excluded.slug, excluded.topics, excluded.reading_minutes)
            returning id, (xmax = 0) as inserted
          )
          select id, inserted from upserted`,
    );
    const texts = items.flatMap((item, index) =>
      LANGUAGES.map(
        (language) =>
          sql`(${ids[index]}, ${language}, ${item[language].title}, ${item[language].summary}, ${item[language].body})`,
      ),
    );
    const textsChanged = await queryRows<{ id: string }>(
      tx,
      sql`with incoming (article_id, language, title, summary, body) as (values ${sql.join(texts, sql`, `)}),
          upserted as (
            insert into education_texts (article_id, practice_id, language, title, summary, body)
            select i.article_id::uuid, null, i.language, i.title, i.summary, i.body from incoming i
            on conflict (article_id, language) do update set
              title = excluded.title, summary = excluded.summary, body = excluded.body
            where (education_texts.title, education_texts.summary, education_texts.body)
                  is distinct from (excluded.title, excluded.summary, excluded.body)
            returning article_id
          )
          select distinct article_id as id from upserted`,
    );
    for (const row of [...upserted, ...textsChanged]) changed.add(row.id);
    inserted = upserted.filter((row) => row.inserted).length;
  }
  const removed = await queryRows<{ id: string }>(
    tx,
    sql`delete from education_articles where practice_id is null and id not in ${jsonIds(ids)} returning id`,
  );
  return { status: 'imported', inserted, updated: changed.size - inserted, removed: removed.length };
}
