import { z } from 'zod';
import type { FieldProblem } from '../../../platform/errors.js';
import { instrumentByCode } from './registry.js';
import type { ScoringTables } from './score.js';
import type { InstrumentDefinition } from './types.js';

// A content pack carries what we may not commit: a licensed instrument's item text and answer labels in one
// language, its licence, and tables (EQ-5D-5L value set, PROMIS T-scores). An operator imports it under their
// own licence; this file only checks it against the instrument's structure.

export const CONTENT_PACK_FORMAT = 'rehabit-instrument-pack/1';

const line = z.string().trim().min(1).max(2000);

const packSchema = z.strictObject({
  format: z.literal(CONTENT_PACK_FORMAT),
  instrument: z.string().min(1).max(40),
  version: z.string().trim().min(1).max(80),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'A language tag such as "en", "de" or "de-CH".'),
  licence: z.strictObject({ holder: line, terms: z.string().trim().min(1).max(20_000) }),
  title: line,
  instructions: line.optional(),
  items: z.array(
    z.strictObject({
      text: line,
      preamble: line.optional(),
      options: z.array(line).optional(),
      anchors: z.strictObject({ min: line, max: line }).optional(),
    }),
  ),
  tables: z
    .strictObject({
      valueSet: z.record(z.string(), z.number()).optional(),
      tScores: z.record(z.string(), z.number()).optional(),
    })
    .optional(),
});

export type ContentPack = z.infer<typeof packSchema>;

export type ContentPackResult =
  | { ok: true; pack: ContentPack; instrument: InstrumentDefinition; tables: ScoringTables }
  | { ok: false; problems: FieldProblem[] };

const LEVELS = [1, 2, 3, 4, 5];

/** Every EQ-5D-5L health state code, "11111" to "55555". */
export function eq5dHealthStates(): string[] {
  let codes = [''];
  for (let dimension = 0; dimension < 5; dimension++)
    codes = codes.flatMap((prefix) => LEVELS.map((level) => `${prefix}${level}`));
  return codes;
}

function checkItems(pack: ContentPack, instrument: InstrumentDefinition, problems: FieldProblem[]) {
  if (pack.items.length !== instrument.items.length) {
    problems.push({
      field: 'items',
      message: `${instrument.code} has ${instrument.items.length} items; the pack has ${pack.items.length}.`,
    });
    return;
  }
  pack.items.forEach((packItem, index) => {
    const item = instrument.items[index];
    if (!item) return;
    const field = `items[${index}]`;
    if (item.options) {
      if (packItem.options?.length !== item.options.length)
        problems.push({
          field: `${field}.options`,
          message: `Item ${index + 1} has ${item.options.length} answer options (${item.min}–${item.max}); label each, in order.`,
        });
    } else if (packItem.options) {
      problems.push({
        field: `${field}.options`,
        message: `Item ${index + 1} is a numeric scale (${item.min}–${item.max}); give anchors, not options.`,
      });
    }
  });
}

function checkTables(pack: ContentPack, instrument: InstrumentDefinition, problems: FieldProblem[]) {
  const { valueSet, tScores } = pack.tables ?? {};
  if (valueSet) {
    if (instrument.scoring.kind !== 'eq5d')
      problems.push({
        field: 'tables.valueSet',
        message: `A value set belongs to EQ-5D-5L, not ${instrument.code}.`,
      });
    else {
      const missing = eq5dHealthStates().filter((code) => valueSet[code] === undefined);
      const extra = Object.keys(valueSet).filter((code) => !/^[1-5]{5}$/.test(code));
      if (missing.length > 0)
        problems.push({
          field: 'tables.valueSet',
          message: `The value set lacks ${missing.length} of the 3,125 health states (first: ${missing[0]}).`,
        });
      if (extra.length > 0)
        problems.push({
          field: 'tables.valueSet',
          message: `Not a health state code: ${extra.slice(0, 3).join(', ')}.`,
        });
      if (Object.values(valueSet).some((value) => !Number.isFinite(value) || value > 1))
        problems.push({ field: 'tables.valueSet', message: 'Index values are finite numbers of at most 1.' });
    }
  }
  if (tScores) {
    if (instrument.scoring.kind !== 'promis_raw' || !instrument.range)
      problems.push({
        field: 'tables.tScores',
        message: `T-score tables belong to PROMIS, not ${instrument.code}.`,
      });
    else {
      const { min, max } = instrument.range;
      const raws = Array.from({ length: max - min + 1 }, (_, index) => String(min + index));
      const missing = raws.filter((raw) => tScores[raw] === undefined);
      const extra = Object.keys(tScores).filter((raw) => !raws.includes(raw));
      if (missing.length > 0 || extra.length > 0)
        problems.push({
          field: 'tables.tScores',
          message: `The T-score table maps each raw sum from ${min} to ${max}, and only those.`,
        });
      if (Object.values(tScores).some((value) => !Number.isFinite(value)))
        problems.push({ field: 'tables.tScores', message: 'T-scores are finite numbers.' });
    }
  }
}

/**
 * Parses a content pack (a JSON string or the parsed value) and checks it against its instrument: the item
 * count, each item's option count, and any tables. Problems name their field, e.g. `items[3].options`.
 */
export function parseContentPack(json: unknown): ContentPackResult {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch {
      return { ok: false, problems: [{ field: 'pack', message: 'The pack is not valid JSON.' }] };
    }
  }
  const parsed = packSchema.safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        field:
          issue.path
            .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
            .join('')
            .replace(/^\./, '') || 'pack',
        message: issue.message,
      })),
    };
  const pack = parsed.data;
  const instrument = instrumentByCode(pack.instrument);
  if (!instrument)
    return {
      ok: false,
      problems: [
        { field: 'instrument', message: `There is no instrument with the code ${pack.instrument}.` },
      ],
    };
  const problems: FieldProblem[] = [];
  checkItems(pack, instrument, problems);
  checkTables(pack, instrument, problems);
  if (problems.length > 0) return { ok: false, problems };
  const tables: ScoringTables = {
    ...(pack.tables?.valueSet ? { valueSet: pack.tables.valueSet } : {}),
    ...(pack.tables?.tScores ? { tScores: pack.tables.tScores } : {}),
  };
  return { ok: true, pack, instrument, tables };
}
