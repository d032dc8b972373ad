import { describe, expect, it } from 'vitest';
import { CONTENT_PACK_FORMAT, eq5dHealthStates, parseContentPack } from './content-pack.js';
import { scoreAnswers } from './score.js';

// Placeholder text only: licensed wording never enters the repository, not even in tests.
const items = (count: number, options: number) =>
  Array.from({ length: count }, (_, index) => ({
    text: `Item ${index + 1}`,
    options: Array.from({ length: options }, (_, option) => `Option ${option}`),
  }));

const odiPack = {
  format: CONTENT_PACK_FORMAT,
  instrument: 'ODI',
  version: '2.1a',
  language: 'en',
  licence: { holder: 'Example holder', terms: 'Example terms.' },
  title: 'Example title',
  items: items(10, 6),
};

const problemFields = (input: unknown) => {
  const result = parseContentPack(input);
  return result.ok ? [] : result.problems.map((problem) => problem.field);
};

describe('content packs', () => {
  it('accept a well-formed pack, given as JSON text or as a value', () => {
    expect(parseContentPack(JSON.stringify(odiPack))).toMatchObject({
      ok: true,
      instrument: { code: 'ODI' },
    });
    expect(parseContentPack(odiPack).ok).toBe(true);
  });

  it('refuse text that is not JSON', () => {
    expect(problemFields('{ not json')).toEqual(['pack']);
  });

  it('refuse another format version', () => {
    expect(problemFields({ ...odiPack, format: 'rehabit-instrument-pack/2' })).toEqual(['format']);
  });

  it('refuse an unknown instrument', () => {
    expect(problemFields({ ...odiPack, instrument: 'XYZ' })).toEqual(['instrument']);
  });

  it('refuse the wrong number of items', () => {
    expect(problemFields({ ...odiPack, items: items(9, 6) })).toEqual(['items']);
  });

  it('refuse an item with the wrong number of answer labels, naming it', () => {
    const broken = items(10, 6);
    broken[3] = { text: 'Item 4', options: ['Option 0'] };
    expect(problemFields({ ...odiPack, items: broken })).toEqual(['items[3].options']);
  });

  it('refuse a missing licence and an empty item text', () => {
    const { licence: _, ...withoutLicence } = odiPack;
    expect(problemFields(withoutLicence)).toEqual(['licence']);
    const blank = items(10, 6);
    blank[0] = { text: '', options: blank[0]?.options ?? [] };
    expect(problemFields({ ...odiPack, items: blank })).toEqual(['items[0].text']);
  });

  it('refuse unknown fields', () => {
    expect(problemFields({ ...odiPack, extra: true })).toEqual(['pack']);
  });

  it('refuse options on a numeric scale (the EQ VAS)', () => {
    const pack = { ...odiPack, instrument: 'EQ-5D-5L', items: items(6, 5) };
    expect(problemFields(pack)).toEqual(['items[5].options']);
  });

  it('accept an EQ-5D-5L value set covering all 3,125 states, and score with it', () => {
    const valueSet = Object.fromEntries(eq5dHealthStates().map((code, index) => [code, 1 - index / 1000]));
    const pack = {
      ...odiPack,
      instrument: 'EQ-5D-5L',
      items: [...items(5, 5), { text: 'Item 6', anchors: { min: 'Low', max: 'High' } }],
      tables: { valueSet },
    };
    const result = parseContentPack(pack);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const score = scoreAnswers(result.instrument, [1, 1, 1, 1, 1, 90], { tables: result.tables });
    expect(score).toMatchObject({ total: 1, healthState: '11111' });
  });

  it('refuse an incomplete value set and one on the wrong instrument', () => {
    const pack = {
      ...odiPack,
      instrument: 'EQ-5D-5L',
      items: [...items(5, 5), { text: 'Item 6' }],
      tables: { valueSet: { '11111': 1 } },
    };
    expect(problemFields(pack)).toEqual(['tables.valueSet']);
    expect(problemFields({ ...odiPack, tables: { valueSet: { '11111': 1 } } })).toEqual(['tables.valueSet']);
  });

  it('accept a PROMIS T-score table for every raw sum, and refuse a partial one', () => {
    const tScores = Object.fromEntries(
      Array.from({ length: 25 }, (_, index) => [String(index + 6), 30 + index]),
    );
    const pack = { ...odiPack, instrument: 'PROMIS-PF-6b', items: items(6, 5), tables: { tScores } };
    expect(parseContentPack(pack).ok).toBe(true);
    const { '30': _, ...partial } = tScores;
    expect(problemFields({ ...pack, tables: { tScores: partial } })).toEqual(['tables.tScores']);
  });
});
