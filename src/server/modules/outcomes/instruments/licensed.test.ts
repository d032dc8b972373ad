import { describe, expect, it } from 'vitest';
import { eq5d5l } from './definitions/eq5d5l.js';
import { hoos, koos } from './definitions/koos-hoos.js';
import { ndi, odi } from './definitions/licensed-spine.js';
import { promisPainInterference6a } from './definitions/promis.js';
import { quickDash } from './definitions/quickdash.js';
import { AnswersRejected } from './errors.js';
import { listInstruments } from './registry.js';
import { scoreAnswers } from './score.js';
import type { InstrumentDefinition } from './types.js';

function refusedFields(definition: InstrumentDefinition, answers: unknown): string[] {
  try {
    scoreAnswers(definition, answers);
  } catch (error) {
    if (error instanceof AnswersRejected) return error.problems.map((problem) => problem.field);
    throw error;
  }
  throw new Error('The answers were accepted.');
}

/** Ten ODI/NDI answers adding up to `sum`, with the given positions skipped. */
function tenSumming(sum: number, skipped: number[] = []): (number | null)[] {
  let rest = sum;
  return Array.from({ length: 10 }, (_, index) => {
    if (skipped.includes(index)) return null;
    const value = Math.min(5, rest);
    rest -= value;
    return value;
  });
}

describe('licensed instruments', () => {
  it('commit no item text', () => {
    for (const instrument of listInstruments().filter((each) => !each.licence.textShipped)) {
      expect(instrument.items.every((item) => item.text === undefined)).toBe(true);
      expect(instrument.instructions).toBeUndefined();
      expect(instrument.languages).toEqual([]);
    }
  });
});

describe('Oswestry Disability Index', () => {
  it('scores 0 and 100 at the ends', () => {
    expect(scoreAnswers(odi, tenSumming(0))).toEqual({ total: 0, band: 'minimal', flags: [] });
    expect(scoreAnswers(odi, tenSumming(50))).toEqual({ total: 100, band: 'bed_bound', flags: [] });
  });

  it('follows the published examples: 16 of 50 is 32%, 16 of 45 (one section missed) is 35.5…%', () => {
    expect(scoreAnswers(odi, tenSumming(16)).total).toBe(32);
    expect(scoreAnswers(odi, tenSumming(16, [9])).total).toBe((16 / 45) * 100);
  });

  it.each([
    [20, 'minimal'],
    [21, 'moderate'],
    [40, 'moderate'],
    [41, 'severe'],
    [60, 'severe'],
    [61, 'crippled'],
    [80, 'crippled'],
    [81, 'bed_bound'],
  ])('bands %i%% as %s', (percent, band) => {
    // ODI moves in steps of 2 with all ten sections; the band function is checked on the percentage.
    const answers = percent % 2 === 0 ? tenSumming(percent / 2) : null;
    if (answers) expect(scoreAnswers(odi, answers).band).toBe(band);
    else expect(odi.bands.filter((each) => percent >= each.from).at(-1)?.code).toBe(band);
  });

  it('refuses two skipped sections, naming both', () => {
    expect(refusedFields(odi, tenSumming(10, [2, 7]))).toEqual(['answers[2]', 'answers[7]']);
  });

  it('refuses a section answered 6', () => {
    expect(refusedFields(odi, [6, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual(['answers[0]']);
  });
});

describe('Neck Disability Index', () => {
  it('scores 0 and 50 at the ends', () => {
    expect(scoreAnswers(ndi, tenSumming(0)).total).toBe(0);
    expect(scoreAnswers(ndi, tenSumming(50))).toEqual({ total: 50, band: 'complete', flags: [] });
  });

  it.each([
    [4, 'none'],
    [5, 'mild'],
    [14, 'mild'],
    [15, 'moderate'],
    [24, 'moderate'],
    [25, 'severe'],
    [34, 'severe'],
    [35, 'complete'],
  ])('bands a raw score of %i as %s', (sum, band) => {
    expect(scoreAnswers(ndi, tenSumming(sum)).band).toBe(band);
  });

  it('adds the mean of the answered items for one skipped item', () => {
    expect(scoreAnswers(ndi, tenSumming(16, [9])).total).toBe((16 * 10) / 9);
  });

  it('refuses two skipped items', () => {
    expect(refusedFields(ndi, tenSumming(16, [0, 1]))).toEqual(['answers[0]', 'answers[1]']);
  });
});

describe('QuickDASH', () => {
  it('scores 0 (all 1s) and 100 (all 5s)', () => {
    expect(scoreAnswers(quickDash, Array(11).fill(1)).total).toBe(0);
    expect(scoreAnswers(quickDash, Array(11).fill(5)).total).toBe(100);
  });

  it('scores ((sum / n) − 1) × 25 with one item skipped', () => {
    const answers = [2, 3, 2, 4, 1, 2, 3, 2, 3, 2, null];
    expect(scoreAnswers(quickDash, answers).total).toBe((24 / 10 - 1) * 25);
  });

  it('refuses two skipped items', () => {
    expect(refusedFields(quickDash, [null, null, 1, 1, 1, 1, 1, 1, 1, 1, 1])).toEqual([
      'answers[0]',
      'answers[1]',
    ]);
  });

  it('scores a complete optional module and leaves out one not given', () => {
    const answers = [...Array(11).fill(2), 1, 2, 3, 4, null, null, null, null];
    expect(scoreAnswers(quickDash, answers)).toEqual({
      total: 25,
      subscales: { work: (10 / 4 - 1) * 25 },
      flags: [],
    });
  });

  it('refuses a module with one item skipped', () => {
    const answers = [...Array(11).fill(2), 1, 2, 3, 4, 5, 5, 5, null];
    expect(refusedFields(quickDash, answers)).toEqual(['answers[18]']);
  });

  it('refuses 12 answers', () => {
    expect(refusedFields(quickDash, Array(12).fill(1))).toEqual(['answers']);
  });
});

describe('KOOS and HOOS', () => {
  it('scores every KOOS subscale 100 with no problems and 0 with extreme ones, without a total', () => {
    const best = { symptoms: 100, pain: 100, adl: 100, sportRec: 100, qol: 100 };
    expect(scoreAnswers(koos, Array(42).fill(0))).toEqual({ total: null, subscales: best, flags: [] });
    expect(scoreAnswers(koos, Array(42).fill(4)).subscales).toEqual({
      symptoms: 0,
      pain: 0,
      adl: 0,
      sportRec: 0,
      qol: 0,
    });
  });

  it('transforms each subscale mean as 100 − mean × 25', () => {
    const answers = Array(42).fill(0);
    answers[7] = 1; // pain P1
    answers[8] = 2; // pain P2
    expect(scoreAnswers(koos, answers).subscales?.pain).toBe(100 - (3 / 9) * 25);
  });

  it('scores pain with 5 of 9 answered and drops it with 4, keeping the other subscales', () => {
    const five = Array(42).fill(1);
    for (const index of [8, 9, 10, 11]) five[index] = null;
    expect(scoreAnswers(koos, five).subscales?.pain).toBe(75);
    const four = [...five];
    four[12] = null;
    const score = scoreAnswers(koos, four);
    expect(score.subscales?.pain).toBeUndefined();
    expect(score.subscales?.symptoms).toBe(75);
  });

  it('refuses a response where no subscale can be scored', () => {
    expect(refusedFields(koos, Array(42).fill(null))).toHaveLength(42);
  });

  it('scores HOOS’s five subscales over 40 items', () => {
    expect(Object.keys(scoreAnswers(hoos, Array(40).fill(2)).subscales ?? {})).toEqual([
      'symptoms',
      'pain',
      'adl',
      'sportRec',
      'qol',
    ]);
  });
});

describe('EQ-5D-5L', () => {
  it('gives the health state and the VAS, and no index without a value set', () => {
    expect(scoreAnswers(eq5d5l, [1, 1, 2, 2, 3, 70])).toEqual({
      total: null,
      subscales: { vas: 70 },
      flags: [],
      healthState: '11223',
    });
  });

  it('takes the index from a supplied value set', () => {
    const score = scoreAnswers(eq5d5l, [1, 1, 2, 2, 3, 70], { tables: { valueSet: { '11223': 0.812 } } });
    expect(score.total).toBe(0.812);
  });

  it('refuses level 6, a VAS of 101 and a skipped dimension', () => {
    expect(refusedFields(eq5d5l, [6, 1, 1, 1, 1, 101])).toEqual(['answers[0]', 'answers[5]']);
    expect(refusedFields(eq5d5l, [1, null, 1, 1, 1, 50])).toEqual(['answers[1]']);
  });
});

describe('PROMIS short forms', () => {
  it('gives the raw sum, 6 to 30', () => {
    expect(scoreAnswers(promisPainInterference6a, Array(6).fill(1)).total).toBe(6);
    expect(scoreAnswers(promisPainInterference6a, Array(6).fill(5)).total).toBe(30);
  });

  it('adds the T-score from a supplied table', () => {
    const score = scoreAnswers(promisPainInterference6a, [2, 2, 2, 2, 2, 2], {
      tables: { tScores: { '12': 55.5 } },
    });
    expect(score).toEqual({ total: 12, subscales: { tScore: 55.5 }, flags: [] });
  });

  it('refuses a skipped item', () => {
    expect(refusedFields(promisPainInterference6a, [2, 2, null, 2, 2, 2])).toEqual(['answers[2]']);
  });
});
