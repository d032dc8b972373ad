import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  BODY_REGIONS,
  bodyRegion,
  contraindication,
  difficulty,
  dosage,
  equipmentList,
  LANGUAGES,
  position,
} from './exercise-tags.js';

// The library Rehabit ships, as data in the repository (content/, CC BY 4.0): the format of its files
// and their loading. The same checks run in CI (content.test.ts) and at every start.

/** content/ at the repository's root: four levels up from this file in src/ and in dist/ alike. */
export const CONTENT_DIR = fileURLToPath(new URL('../../../../content/', import.meta.url));

/** Bump when the import derives something new from unchanged files (e.g. how the vocabulary is cut). */
const IMPORT_FORMAT = 'library-import-1';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'A slug is lower-case kebab-case.')
  .max(100);
const line = (min: number, max: number) => z.string().trim().min(min).max(max);

const shippedExerciseText = z.strictObject({
  title: line(3, 120),
  description: line(10, 600),
  instructions: z.array(line(3, 600)).min(3).max(7),
  keywords: z.array(line(2, 80)).min(2).max(6),
});

export const shippedExercise = z.strictObject({
  slug,
  bodyRegion,
  equipment: equipmentList,
  position,
  difficulty,
  contraindications: z
    .array(contraindication)
    .refine((tags) => new Set(tags).size === tags.length, { message: 'A tag is listed twice.' }),
  defaultDosage: dosage.strict().omit({ load: true }),
  en: shippedExerciseText,
  de: shippedExerciseText,
});

const shippedArticleText = z.strictObject({
  title: line(3, 120),
  summary: line(10, 400),
  body: line(200, 20_000),
});

export const shippedArticle = z.strictObject({
  slug,
  topics: z
    .array(z.string().regex(/^[a-z]+(_[a-z]+)*$/, 'A topic is lower-case snake_case.'))
    .min(1)
    .max(6),
  readingMinutes: z.number().int().min(1).max(30),
  en: shippedArticleText,
  de: shippedArticleText,
});

export type ShippedExercise = z.infer<typeof shippedExercise>;
export type ShippedArticle = z.infer<typeof shippedArticle>;

/** A content file that does not follow the format: the file and the item are named, for the author. */
export class ContentError extends Error {
  override name = 'ContentError';
}

export interface ContentFile {
  /** Relative to the content directory, e.g. "exercises/knee.json". */
  name: string;
  bytes: Buffer;
}

/** One part of the shipped content (exercises, education) with the fingerprint of its files. */
export interface ContentPart {
  files: ContentFile[];
  sha256: string;
}

function fingerprint(files: ContentFile[]): string {
  const hash = createHash('sha256').update(IMPORT_FORMAT);
  for (const file of files) hash.update(`\0${file.name}\0`).update(file.bytes);
  return hash.digest('hex');
}

function part(directory: string, names: string[]): ContentPart {
  const files = names.map((name) => ({ name, bytes: readFileSync(path.join(directory, name)) }));
  return { files, sha256: fingerprint(files) };
}

/** The exercise files (sorted, so the fingerprint does not depend on the directory's order). */
export function readExerciseFiles(directory = CONTENT_DIR): ContentPart {
  const folder = path.join(directory, 'exercises');
  const names = existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => `exercises/${name}`)
    : [];
  return part(directory, names);
}

export function readEducationFiles(directory = CONTENT_DIR): ContentPart {
  const name = 'education/articles.json';
  return part(directory, existsSync(path.join(directory, name)) ? [name] : []);
}

function parseArray(file: ContentFile): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(file.bytes.toString('utf8'));
  } catch (error) {
    throw new ContentError(`${file.name}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(data)) throw new ContentError(`${file.name}: the file must hold a JSON array`);
  return data;
}

function itemProblem(file: ContentFile, index: number, item: unknown, error: z.ZodError): ContentError {
  const name = (item as { slug?: unknown } | null)?.slug;
  const where = typeof name === 'string' ? `"${name}"` : `item ${index}`;
  const problems = error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`);
  return new ContentError(`${file.name}, ${where}: ${problems.join('; ')}`);
}

function checkUnique<T extends { slug: string; en: { title: string }; de: { title: string } }>(
  items: { file: ContentFile; item: T }[],
): void {
  const seen = new Map<string, string>();
  for (const { file, item } of items) {
    const keys = [`slug ${item.slug}`, ...LANGUAGES.map((lang) => `${lang} title "${item[lang].title}"`)];
    for (const key of keys) {
      const previous = seen.get(key.toLowerCase());
      if (previous)
        throw new ContentError(`${file.name}, "${item.slug}": the ${key} is also used by ${previous}`);
      seen.set(key.toLowerCase(), `"${item.slug}"`);
    }
  }
}

/** Every shipped exercise, checked: the format, one body region per file named after it, unique slugs and titles. */
export function parseExercises(content: ContentPart): ShippedExercise[] {
  const items: { file: ContentFile; item: ShippedExercise }[] = [];
  for (const file of content.files) {
    const region = path.basename(file.name, '.json');
    if (!(BODY_REGIONS as readonly string[]).includes(region)) {
      throw new ContentError(
        `${file.name}: the file name must be a body region (${BODY_REGIONS.join(', ')})`,
      );
    }
    parseArray(file).forEach((raw, index) => {
      const result = shippedExercise.safeParse(raw);
      if (!result.success) throw itemProblem(file, index, raw, result.error);
      if (result.data.bodyRegion !== region) {
        throw new ContentError(
          `${file.name}, "${result.data.slug}": bodyRegion must be ${region} in this file`,
        );
      }
      items.push({ file, item: result.data });
    });
  }
  checkUnique(items);
  return items.map(({ item }) => item);
}

/** Every shipped education article, checked. */
export function parseArticles(content: ContentPart): ShippedArticle[] {
  const items: { file: ContentFile; item: ShippedArticle }[] = [];
  for (const file of content.files) {
    parseArray(file).forEach((raw, index) => {
      const result = shippedArticle.safeParse(raw);
      if (!result.success) throw itemProblem(file, index, raw, result.error);
      items.push({ file, item: result.data });
    });
  }
  checkUnique(items);
  return items.map(({ item }) => item);
}
