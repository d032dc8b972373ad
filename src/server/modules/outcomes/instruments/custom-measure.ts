import { z } from 'zod';
import type { FieldProblem } from '../../../platform/errors.js';
import { checkAnswers, missingAmong, positions, refuseMissing, sumAt } from './answers.js';
import type { Band, InstrumentDefinition, Item, Score } from './types.js';

// A practice's own measure: numeric items, sum or mean, optional bands and MCID. Its text is the practice's
// and is stored with it; here only the shape is checked and the scoring done.

const text = z.string().trim().min(1).max(500);
const localText = z.strictObject({ en: text, de: text.optional() });
const bandLabel = z.strictObject({
  en: z.string().trim().min(1).max(80),
  de: z.string().trim().min(1).max(80).optional(),
});

export const customMeasureSchema = z
  .strictObject({
    name: z.string().trim().min(2).max(120),
    instructions: localText.optional(),
    items: z
      .array(
        z.strictObject({
          text: localText,
          min: z.number().int().min(-1000).max(1000),
          max: z.number().int().min(-1000).max(1000),
        }),
      )
      .min(1)
      .max(100),
    scoring: z.enum(['sum', 'mean']),
    bands: z
      .array(
        z.strictObject({
          code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'A band code is lower-case snake_case.'),
          from: z.number(),
          to: z.number(),
          label: bandLabel,
        }),
      )
      .max(10)
      .optional(),
    higherIsBetter: z.boolean().optional(),
    mcid: z.number().positive().optional(),
  })
  .superRefine((measure, context) => {
    measure.items.forEach((item, index) => {
      if (item.min >= item.max)
        context.addIssue({
          code: 'custom',
          path: ['items', index, 'max'],
          message: 'The maximum must be above the minimum.',
        });
    });
    if (measure.mcid !== undefined && measure.higherIsBetter === undefined)
      context.addIssue({
        code: 'custom',
        path: ['higherIsBetter'],
        message: 'Say whether higher is better, so a change can be judged against the MCID.',
      });
    const bands = measure.bands ?? [];
    const { min, max } = totalRange(measure.items, measure.scoring);
    const codes = new Set<string>();
    bands.forEach((band, index) => {
      const path = ['bands', index];
      if (codes.has(band.code))
        context.addIssue({ code: 'custom', path: [...path, 'code'], message: 'Band codes must differ.' });
      codes.add(band.code);
      if (band.from > band.to)
        context.addIssue({
          code: 'custom',
          path: [...path, 'to'],
          message: 'A band ends at or above where it starts.',
        });
      if (band.from < min || band.to > max)
        context.addIssue({
          code: 'custom',
          path,
          message: `Bands lie within the score range ${min}–${max}.`,
        });
      const previous = bands[index - 1];
      if (previous && band.from <= previous.to)
        context.addIssue({
          code: 'custom',
          path: [...path, 'from'],
          message: 'Bands are in ascending order and do not overlap.',
        });
    });
  });

export type CustomMeasure = z.infer<typeof customMeasureSchema>;

function totalRange(items: readonly { min: number; max: number }[], scoring: 'sum' | 'mean') {
  const min = items.reduce((sum, item) => sum + item.min, 0);
  const max = items.reduce((sum, item) => sum + item.max, 0);
  return scoring === 'sum' ? { min, max } : { min: min / items.length, max: max / items.length };
}

export type CustomMeasureResult =
  | { ok: true; measure: CustomMeasure }
  | { ok: false; problems: FieldProblem[] };

/** Checks a custom measure definition; problems name their field (e.g. "items.2.max"). */
export function parseCustomMeasure(input: unknown): CustomMeasureResult {
  const result = customMeasureSchema.safeParse(input);
  if (result.success) return { ok: true, measure: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      field: issue.path.join('.') || 'measure',
      message: issue.message,
    })),
  };
}

/** The custom measure as an instrument definition, so it lists, bands and compares like the others. */
export function customMeasureInstrument(code: string, measure: CustomMeasure): InstrumentDefinition {
  const items: Item[] = measure.items.map((item, index) => ({
    id: `item_${index + 1}`,
    text: item.text,
    min: item.min,
    max: item.max,
    integer: true,
    scored: true,
  }));
  const bands: Band[] = (measure.bands ?? []).map((band) => ({
    code: band.code,
    from: band.from,
    to: band.to,
    label: { en: band.label.en, de: band.label.de ?? band.label.en },
  }));
  return {
    code,
    name: measure.name,
    version: 'custom',
    languages: measure.items.every((item) => item.text.de) ? ['en', 'de'] : ['en'],
    ...(measure.instructions ? { instructions: measure.instructions } : {}),
    items,
    scoring:
      measure.scoring === 'sum'
        ? { kind: 'sum' }
        : { kind: 'mean', minAnswers: items.length, maxAnswers: items.length },
    range: totalRange(measure.items, measure.scoring),
    direction: measure.higherIsBetter === false ? 'lower_is_better' : 'higher_is_better',
    bands,
    mcid: measure.mcid === undefined ? null : { value: measure.mcid, source: 'Set by the practice.' },
    subscales: [],
    flags: [],
    licence: { holder: 'The practice', terms: 'Written by the practice.', textShipped: true },
    attribution: [],
    notes: [],
  };
}

/** Scores a custom measure: every item must be answered (no missing-item rule exists for it). */
export function scoreCustomMeasure(measure: CustomMeasure, answers: unknown): Score {
  const definition = customMeasureInstrument('custom', measure);
  const checked = checkAnswers(definition, answers);
  const all = positions(definition.items.length);
  const missing = missingAmong(checked, all);
  if (missing.length > 0) refuseMissing(missing, 'every item of a custom measure must be answered.');
  const sum = sumAt(checked, all);
  const total = measure.scoring === 'sum' ? sum : sum / all.length;
  // A practice's bands may leave gaps; a total in a gap has no band.
  const band = definition.bands.find((candidate) => total >= candidate.from && total <= candidate.to);
  return { total, ...(band ? { band: band.code } : {}), flags: [] };
}
