import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DATA_CATEGORY_IDS, type DataCategoryId, type Localised } from './data-categories.js';

/**
 * The register of outside processors: every third party that receives data from this deployment
 * (PRODUCT.md promise 10). The operator lists them in PROCESSORS; nothing is in it by default. Read
 * once at boot by config.ts, so a bad register stops the start with a clear message.
 */

/** What a processor does for us; smtp and sms entries replace the ones derived from SMTP_URL and SMS_PROVIDER. */
export const processorServices = [
  'smtp',
  'sms',
  'push',
  'error_tracking',
  'payment',
  'hosting',
  'backup_storage',
  'other',
] as const;
export type ProcessorService = (typeof processorServices)[number];

export interface Processor {
  name: string;
  purpose: Localised;
  /** Where it processes the data (a country or region); null when the operator has not stated it. */
  location: string | null;
  dataCategories: DataCategoryId[];
  termsUrl: string | null;
  service: ProcessorService;
  /** register: listed in PROCESSORS; derived: from SMTP_URL or SMS_PROVIDER, not listed by the operator. */
  source: 'register' | 'derived';
}

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a text` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must have at most ${max} characters`);

const purpose = z.union(
  [
    text('purpose', 500),
    z.object({ en: text('purpose.en', 500), de: text('purpose.de', 500).optional() }).strict(),
  ],
  { error: 'purpose must be a text, or {"en": "…", "de": "…"}' },
);

const processorEntry = z
  .object({
    name: text('name', 200),
    purpose,
    location: text('location', 200),
    dataCategories: z
      .array(
        z.enum(DATA_CATEGORY_IDS, {
          error: (issue) =>
            `dataCategories holds "${String(issue.input)}", which is not a data category; use: ${DATA_CATEGORY_IDS.join(', ')}`,
        }),
        { error: 'dataCategories must be a list of data category ids' },
      )
      .min(1, 'dataCategories must name at least one data category'),
    termsUrl: z.string({ error: 'termsUrl must be the address of its terms (https://…)' }).refine((value) => {
      const url = URL.canParse(value) ? new URL(value) : undefined;
      return url?.protocol === 'https:' || url?.protocol === 'http:';
    }, 'termsUrl must be the address of its terms (https://…)'),
    service: z
      .enum(processorServices, { error: `service must be one of: ${processorServices.join(', ')}` })
      .default('other'),
  })
  .strict();

const register = z.array(processorEntry, {
  error: 'must be a JSON array of processors, e.g. [{"name": …, "purpose": …, …}]',
});

/** The register's entries and any problems, each naming the entry it is about; never throws. */
export function parseProcessorRegister(
  value: string | undefined,
  readFile: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): { processors: Processor[]; problems: string[] } {
  if (value === undefined) return { processors: [], problems: [] };
  // Inline JSON starts with a bracket; anything else is the path of a JSON file (easier in compose files).
  let source = value;
  if (!value.startsWith('[')) {
    try {
      source = readFile(value);
    } catch {
      return { processors: [], problems: [`PROCESSORS names a file that cannot be read: ${value}`] };
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    return {
      processors: [],
      problems: [
        `PROCESSORS is not valid JSON (an array of processors, or the path of such a file): ${reason}`,
      ],
    };
  }
  const parsed = register.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const [index, field] = issue.path;
      if (typeof index !== 'number') return `PROCESSORS ${issue.message}`;
      const entry = Array.isArray(json) ? (json[index] as { name?: unknown } | undefined) : undefined;
      const named = typeof entry?.name === 'string' && entry.name.trim() ? ` ("${entry.name.trim()}")` : '';
      if (issue.code === 'unrecognized_keys')
        return `PROCESSORS entry ${index + 1}${named}: ${issue.keys.join(', ')} is not a field; the fields are ${Object.keys(processorEntry.shape).join(', ')}`;
      const where =
        field === undefined || issue.message.startsWith(String(field)) ? '' : `${String(field)}: `;
      return `PROCESSORS entry ${index + 1}${named}: ${where}${issue.message}`;
    });
    return { processors: [], problems };
  }
  return {
    processors: parsed.data.map((entry) => ({
      name: entry.name,
      purpose:
        typeof entry.purpose === 'string'
          ? { en: entry.purpose, de: entry.purpose }
          : { en: entry.purpose.en, de: entry.purpose.de ?? entry.purpose.en },
      location: entry.location,
      dataCategories: [...new Set(entry.dataCategories)],
      termsUrl: entry.termsUrl,
      service: entry.service,
      source: 'register',
    })),
    problems: [],
  };
}
