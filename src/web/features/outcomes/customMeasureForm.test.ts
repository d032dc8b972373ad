import { describe, expect, it } from 'vitest';
import {
  bandProblems,
  type CustomMeasureValues,
  customMeasureBody,
  customMeasureValues,
  emptyBand,
  emptyCustomMeasure,
  move,
  placeOfProblem,
  placeProblems,
  scoreRange,
} from './customMeasureForm.js';
import { knownMeasureProblem } from './measureProblems.js';

const items = (...ranges: [string, string][]) => ranges.map(([min, max]) => ({ min, max }));
const band = (key: string, from: string, to: string) => ({ key, from, to });

describe('the score range of a custom measure', () => {
  it('sums the minimums and maximums of the items', () => {
    expect(scoreRange(items(['0', '10'], ['1', '5'], ['-2', '2']), 'sum')).toEqual({ min: -1, max: 17 });
  });

  it('is the items’ common range for a mean', () => {
    expect(scoreRange(items(['0', '4'], ['0', '4'], ['0', '4']), 'mean')).toEqual({ min: 0, max: 4 });
  });

  it('averages the bounds for a mean of items with different ranges, as the server does', () => {
    expect(scoreRange(items(['0', '4'], ['1', '10']), 'mean')).toEqual({ min: 0.5, max: 7 });
  });

  it('is unknown while an item lacks a whole-number minimum below its maximum', () => {
    expect(scoreRange(items(['0', '']), 'sum')).toBeUndefined();
    expect(scoreRange(items(['0', '2.5']), 'sum')).toBeUndefined();
    expect(scoreRange(items(['5', '1']), 'sum')).toBeUndefined();
    expect(scoreRange(items(['x', '1']), 'sum')).toBeUndefined();
    expect(scoreRange([], 'mean')).toBeUndefined();
  });
});

describe('the live check of the bands', () => {
  const range = { min: 0, max: 30 };

  it('accepts ascending bands within the range, gaps allowed', () => {
    expect(bandProblems([band('a', '0', '9'), band('b', '12', '30')], range).size).toBe(0);
  });

  it('finds a band that overlaps the one before it, even at a shared edge', () => {
    const problems = bandProblems([band('a', '0', '10'), band('b', '10', '30')], range);
    expect(problems.get('b')).toEqual({ key: 'bandOverlap' });
    expect(problems.has('a')).toBe(false);
  });

  it('finds a band outside the score range', () => {
    expect(bandProblems([band('a', '-1', '5')], range).get('a')).toEqual({
      key: 'bandRange',
      min: 0,
      max: 30,
    });
    expect(bandProblems([band('a', '20', '31')], range).get('a')?.key).toBe('bandRange');
  });

  it('finds a band that ends below its start', () => {
    expect(bandProblems([band('a', '9', '3')], range).get('a')).toEqual({ key: 'bandOrder' });
  });

  it('skips bands not fully typed and leaves the range check out while the range is unknown', () => {
    expect(bandProblems([band('a', '0', ''), band('b', 'x', '3')], range).size).toBe(0);
    expect(bandProblems([band('a', '-50', '500')], undefined).size).toBe(0);
  });

  it('reads German decimal commas', () => {
    expect(
      bandProblems([band('a', '0', '2,5'), band('b', '2,5', '4')], { min: 0, max: 4 }).get('b')?.key,
    ).toBe('bandOverlap');
  });
});

function sentValues(): CustomMeasureValues {
  const item = (key: string) => ({ key, textEn: 'Item', textDe: '', min: '0', max: '4' });
  return {
    ...emptyCustomMeasure(),
    items: [item('item-0'), item('item-1'), item('item-2')],
    bands: [{ ...emptyBand([]), key: 'band-0' }],
  };
}

describe('placing the server’s field problems', () => {
  const sent = sentValues();

  it('places an item’s field at that item’s input, by the item sent at that index', () => {
    expect(placeOfProblem('items.2.max', sent)).toBe('item:item-2.max');
    expect(placeOfProblem('items.0.text.de', sent)).toBe('item:item-0.text.de');
  });

  it('places a band’s range problem at the band and its fields at their inputs', () => {
    expect(placeOfProblem('bands.0', sent)).toBe('band:band-0');
    expect(placeOfProblem('bands.0.code', sent)).toBe('band:band-0');
    expect(placeOfProblem('bands.0.label.en', sent)).toBe('band:band-0.label.en');
  });

  it('places top-level fields at their inputs and lists at their fieldsets', () => {
    expect(placeOfProblem('name', sent)).toBe('name');
    expect(placeOfProblem('higherIsBetter', sent)).toBe('higherIsBetter');
    expect(placeOfProblem('instructions', sent)).toBe('instructions.en');
    expect(placeOfProblem('items', sent)).toBe('items');
    expect(placeOfProblem('items.7.max', sent)).toBe('items');
  });

  it('leaves fields the editor does not show to the form’s alert', () => {
    const { placed, elsewhere } = placeProblems(
      [
        { field: 'items.1.min', message: 'a' },
        { field: 'items.1.min', message: 'b' },
        { field: 'body', message: 'c' },
      ],
      sent,
    );
    expect(placed.get('item:item-1.min')).toEqual(['a', 'b']);
    expect(elsewhere).toEqual([{ field: 'body', message: 'c' }]);
  });
});

describe('the body of a custom measure', () => {
  it('leaves out empty optional parts and keeps numbers that are not numbers as typed', () => {
    const values = emptyCustomMeasure();
    values.name = ' Stairs ';
    values.items = [{ key: 'a', textEn: 'Up', textDe: '', min: '0', max: 'ten' }];
    values.direction = '';
    expect(customMeasureBody(values)).toEqual({
      name: 'Stairs',
      items: [{ text: { en: 'Up' }, min: 0, max: 'ten' }],
      scoring: 'sum',
    });
  });

  it('round-trips a saved definition, band codes kept', () => {
    const definition = {
      name: 'Stairs',
      instructions: { en: 'Rate', de: 'Bewerten' },
      items: [{ text: { en: 'Up', de: 'Hoch' }, min: 0, max: 4 }],
      scoring: 'mean' as const,
      bands: [{ code: 'low', from: 0, to: 1.5, label: { en: 'Low' } }],
      higherIsBetter: false,
      mcid: 1.5,
    };
    expect(customMeasureBody(customMeasureValues(definition))).toEqual(definition);
  });

  it('gives a new band a code no other band has', () => {
    const first = emptyBand([]);
    const second = emptyBand([{ ...first, code: 'band_2' }]);
    expect(first.code).toBe('band_1');
    expect(second.code).toBe('band_3');
  });
});

describe('moving items', () => {
  it('moves up and down and stays put at the ends', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('the server’s messages about a custom measure', () => {
  it('recognises its rules and Zod’s words, with their values', () => {
    expect(knownMeasureProblem('The maximum must be above the minimum.')?.key).toBe('maxAboveMin');
    expect(knownMeasureProblem('Bands lie within the score range 0–2.5.')).toEqual({
      key: 'bandRange',
      values: { min: '0', max: '2.5' },
    });
    expect(knownMeasureProblem('Too small: expected string to have >=2 characters')).toEqual({
      key: 'tooShort',
      values: { count: 2 },
    });
    expect(knownMeasureProblem('Too small: expected string to have >=1 characters')?.key).toBe('required');
    expect(knownMeasureProblem('Invalid input: expected number, received null')?.key).toBe('number');
    expect(knownMeasureProblem('Too big: expected number to be <=1000')?.key).toBe('limits');
    expect(knownMeasureProblem('Something new.')).toBeUndefined();
  });
});
