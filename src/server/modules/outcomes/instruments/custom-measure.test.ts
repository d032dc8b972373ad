import { describe, expect, it } from 'vitest';
import { changeFromBaseline } from './change.js';
import {
  type CustomMeasure,
  customMeasureInstrument,
  parseCustomMeasure,
  scoreCustomMeasure,
} from './custom-measure.js';
import { AnswersRejected } from './errors.js';

const measure: CustomMeasure = {
  name: 'Shoulder morning stiffness',
  items: [
    { text: { en: 'Item 1' }, min: 0, max: 10 },
    { text: { en: 'Item 2' }, min: 0, max: 10 },
  ],
  scoring: 'sum',
  bands: [
    { code: 'low', from: 0, to: 5, label: { en: 'Low' } },
    { code: 'high', from: 10, to: 20, label: { en: 'High', de: 'Hoch' } },
  ],
  higherIsBetter: false,
  mcid: 3,
};

describe('custom measure definitions', () => {
  it('accept a well-formed measure', () => {
    expect(parseCustomMeasure(measure)).toEqual({ ok: true, measure });
  });

  it.each([
    [
      'an item whose maximum is not above its minimum',
      { items: [{ text: { en: 'Item 1' }, min: 5, max: 5 }] },
      'items.0.max',
    ],
    ['no items', { items: [] }, 'items'],
    ['an MCID without a direction', { higherIsBetter: undefined }, 'higherIsBetter'],
    [
      'overlapping bands',
      {
        bands: [
          { code: 'a', from: 0, to: 6, label: { en: 'A' } },
          { code: 'b', from: 6, to: 20, label: { en: 'B' } },
        ],
      },
      'bands.1.from',
    ],
    [
      'a band beyond the score range',
      { bands: [{ code: 'a', from: 0, to: 21, label: { en: 'A' } }] },
      'bands.0',
    ],
    ['mode scoring', { scoring: 'mode' }, 'scoring'],
  ])('refuse %s', (_, change, field) => {
    const result = parseCustomMeasure({ ...measure, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((problem) => problem.field)).toContain(field);
  });
});

describe('custom measure scoring', () => {
  it('sums, with the band whose range holds the total', () => {
    expect(scoreCustomMeasure(measure, [2, 3])).toEqual({ total: 5, band: 'low', flags: [] });
    expect(scoreCustomMeasure(measure, [10, 10])).toEqual({ total: 20, band: 'high', flags: [] });
  });

  it('gives no band for a total in a gap between bands', () => {
    expect(scoreCustomMeasure(measure, [4, 4])).toEqual({ total: 8, flags: [] });
  });

  it('takes the unrounded mean', () => {
    const mean: CustomMeasure = { ...measure, scoring: 'mean', bands: [] };
    expect(
      scoreCustomMeasure(
        { ...mean, items: [...mean.items, { text: { en: 'Item 3' }, min: 0, max: 10 }] },
        [1, 1, 2],
      ).total,
    ).toBe(4 / 3);
  });

  it('refuses a missing answer and an out-of-range one, naming each', () => {
    expect(() => scoreCustomMeasure(measure, [null, 11])).toThrow(AnswersRejected);
    try {
      scoreCustomMeasure(measure, [null, 11]);
    } catch (error) {
      expect((error as AnswersRejected).problems.map((problem) => problem.field)).toEqual(['answers[1]']);
    }
    try {
      scoreCustomMeasure(measure, [null, 3]);
    } catch (error) {
      expect((error as AnswersRejected).problems.map((problem) => problem.field)).toEqual(['answers[0]']);
    }
  });

  it('judges change by its own direction and MCID', () => {
    const definition = customMeasureInstrument('custom-1', measure);
    expect(changeFromBaseline(definition, 12, 9)).toMatchObject({
      improved: true,
      clinicallyImportant: true,
    });
    expect(definition.bands[0]?.label).toEqual({ en: 'Low', de: 'Low' });
  });
});
