import { describe, expect, it } from 'vitest';
import { fabq } from './definitions/fabq.js';
import { gad7 } from './definitions/gad7.js';
import { groc } from './definitions/groc.js';
import { lefs } from './definitions/lefs.js';
import { nprs } from './definitions/nprs.js';
import { phq9 } from './definitions/phq9.js';
import { psfs } from './definitions/psfs.js';
import { AnswersRejected } from './errors.js';
import { scoreAnswers } from './score.js';
import { answersSumming } from './test-answers.js';
import type { InstrumentDefinition } from './types.js';

function rejection(definition: InstrumentDefinition, answers: unknown): AnswersRejected {
  try {
    scoreAnswers(definition, answers);
  } catch (error) {
    if (error instanceof AnswersRejected) return error;
    throw error;
  }
  throw new Error('The answers were accepted.');
}

const fields = (error: AnswersRejected) => error.problems.map((problem) => problem.field);

/** Both sides of every band edge: [total, expected band]. */
function bandEdges(definition: InstrumentDefinition): [number, string][] {
  return definition.bands.flatMap((band, index) => {
    const previous = definition.bands[index - 1];
    const cases: [number, string][] = [
      [band.from, band.code],
      [band.to, band.code],
    ];
    if (previous) cases.push([band.from - 1, previous.code]);
    return cases;
  });
}

describe('NPRS', () => {
  it.each([0, 10])('scores %i as itself', (rating) => {
    expect(scoreAnswers(nprs, [rating])).toEqual({ total: rating, flags: [] });
  });

  it.each([[-1], [11], [4.5], ['5']])('refuses %s as a rating', (rating) => {
    expect(fields(rejection(nprs, [rating]))).toEqual(['answers[0]']);
  });

  it('refuses a skipped rating, naming it', () => {
    const error = rejection(nprs, [null]);
    expect(error.problems).toEqual([{ field: 'answers[0]', message: expect.stringMatching(/missing/) }]);
  });

  it('refuses two answers', () => {
    expect(fields(rejection(nprs, [3, 4]))).toEqual(['answers']);
  });

  it('is a 400 validation_failed for the HTTP layer', () => {
    const error = rejection(nprs, [11]);
    expect(error).toMatchObject({ code: 'validation_failed', statusCode: 400, details: error.problems });
  });

  it('never repeats the answer in its message', () => {
    expect(rejection(nprs, [77]).problems[0]?.message).not.toContain('77');
  });
});

describe('PSFS', () => {
  it('scores one activity as its rating', () => {
    expect(scoreAnswers(psfs, [7]).total).toBe(7);
  });

  it('scores five activities as the unrounded mean', () => {
    expect(scoreAnswers(psfs, [3, 4, 4, 5, 7]).total).toBe(4.6);
    expect(scoreAnswers(psfs, [1, 2, 2]).total).toBe(5 / 3);
  });

  it('scores the minimum and maximum', () => {
    expect(scoreAnswers(psfs, [0, 0]).total).toBe(0);
    expect(scoreAnswers(psfs, [10, 10, 10, 10, 10]).total).toBe(10);
  });

  it('refuses no activities and six', () => {
    expect(fields(rejection(psfs, []))).toEqual(['answers']);
    expect(fields(rejection(psfs, [1, 2, 3, 4, 5, 6]))).toEqual(['answers']);
  });

  it('refuses an activity without a rating', () => {
    expect(fields(rejection(psfs, [4, null, 6]))).toEqual(['answers[1]']);
  });
});

describe('PHQ-9', () => {
  const withItem10 = (total: number, item10: number | null = null) => [
    ...answersSumming(phq9, total).slice(0, 9),
    item10,
  ];

  it('scores the minimum 0 as minimal and the maximum 27 as severe', () => {
    expect(scoreAnswers(phq9, withItem10(0))).toEqual({ total: 0, band: 'minimal', flags: [] });
    expect(scoreAnswers(phq9, withItem10(27))).toEqual({
      total: 27,
      band: 'severe',
      flags: ['self_harm_risk'],
    });
  });

  it.each(bandEdges(phq9))('scores a total of %i as %s', (total, band) => {
    // Fill from item 1 so item 9 stays 0 below 25 and no flag muddles the band.
    expect(scoreAnswers(phq9, withItem10(total)).band).toBe(band);
  });

  it('does not score item 10 (difficulty)', () => {
    expect(scoreAnswers(phq9, withItem10(12, 3)).total).toBe(12);
  });

  it('raises self_harm_risk for any answer above 0 on item 9', () => {
    const answers = [0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
    expect(scoreAnswers(phq9, answers)).toEqual({ total: 1, band: 'minimal', flags: ['self_harm_risk'] });
  });

  it('raises no flag when item 9 is 0', () => {
    expect(scoreAnswers(phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0, 3]).flags).toEqual([]);
  });

  it('refuses a skipped item 9, naming answers[8]', () => {
    const error = rejection(phq9, [1, 1, 1, 1, 1, 1, 1, 1, null, 0]);
    expect(error.problems).toEqual([
      { field: 'answers[8]', message: expect.stringContaining('no published rule for skipped items') },
    ]);
  });

  it('names every skipped scored item', () => {
    expect(fields(rejection(phq9, [null, 1, 1, null, 1, 1, 1, 1, 0, null]))).toEqual([
      'answers[0]',
      'answers[3]',
    ]);
  });

  it('refuses 9 answers and an answer of 4', () => {
    expect(fields(rejection(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 0]))).toEqual(['answers']);
    expect(fields(rejection(phq9, [0, 0, 4, 0, 0, 0, 0, 0, 0, 0]))).toEqual(['answers[2]']);
  });

  it('ships English and German text for every item and option', () => {
    for (const item of phq9.items) {
      expect(item.text?.de).toBeTruthy();
      for (const option of item.options ?? []) expect(option.label?.de).toBeTruthy();
    }
  });
});

describe('GAD-7', () => {
  const answers = (total: number, item8: number | null = null) => [
    ...answersSumming(gad7, total).slice(0, 7),
    item8,
  ];

  it('scores 0 as minimal and 21 as severe', () => {
    expect(scoreAnswers(gad7, answers(0))).toEqual({ total: 0, band: 'minimal', flags: [] });
    expect(scoreAnswers(gad7, answers(21, 2))).toEqual({ total: 21, band: 'severe', flags: [] });
  });

  it.each(bandEdges(gad7))('scores a total of %i as %s', (total, band) => {
    expect(scoreAnswers(gad7, answers(total)).band).toBe(band);
  });

  it('refuses a skipped item, naming it', () => {
    expect(fields(rejection(gad7, [1, 1, 1, null, 1, 1, 1, 0]))).toEqual(['answers[3]']);
  });
});

describe('Global Rating of Change', () => {
  it.each([-7, 0, 7])('scores %i as itself', (rating) => {
    expect(scoreAnswers(groc, [rating]).total).toBe(rating);
  });

  it.each([-8, 8, 1.5])('refuses %s', (rating) => {
    expect(fields(rejection(groc, [rating]))).toEqual(['answers[0]']);
  });

  it('labels all 15 points', () => {
    expect(groc.items[0]?.options?.map((option) => option.value)).toEqual(
      Array.from({ length: 15 }, (_, index) => index - 7),
    );
  });
});

describe('LEFS', () => {
  it('scores the minimum 0 and the maximum 80', () => {
    expect(scoreAnswers(lefs, Array(20).fill(0)).total).toBe(0);
    expect(scoreAnswers(lefs, Array(20).fill(4)).total).toBe(80);
  });

  it('adds the columns (the published example: 15 × 4 + 5 × 3 = 75)', () => {
    expect(scoreAnswers(lefs, [...Array(15).fill(4), ...Array(5).fill(3)]).total).toBe(75);
  });

  it('refuses a skipped item', () => {
    const answers = Array(20).fill(2);
    answers[19] = null;
    expect(fields(rejection(lefs, answers))).toEqual(['answers[19]']);
  });

  it('refuses 19 answers', () => {
    expect(fields(rejection(lefs, Array(19).fill(2)))).toEqual(['answers']);
  });
});

describe('FABQ', () => {
  it('scores the physical activity (items 2–5) and work (items 6, 7, 9–12, 15) subscales', () => {
    // Each item answered with its own number mod 7 makes every subscale sum distinct.
    const answers = Array.from({ length: 16 }, (_, index) => (index + 1) % 7);
    const score = scoreAnswers(fabq, answers);
    expect(score.subscales).toEqual({ physicalActivity: 2 + 3 + 4 + 5, work: 6 + 0 + 2 + 3 + 4 + 5 + 1 });
    expect(score.total).toBe(answers.reduce((sum, value) => sum + value, 0));
  });

  it('leaves items 1, 8, 13, 14 and 16 out of both subscales', () => {
    const answers = Array(16).fill(0);
    for (const item of [1, 8, 13, 14, 16]) answers[item - 1] = 6;
    expect(scoreAnswers(fabq, answers).subscales).toEqual({ physicalActivity: 0, work: 0 });
  });

  it('scores the subscale maxima 24 and 42, and the total maximum 96', () => {
    expect(scoreAnswers(fabq, Array(16).fill(6))).toEqual({
      total: 96,
      subscales: { physicalActivity: 24, work: 42 },
      flags: [],
    });
  });

  it('refuses a skipped item and an answer of 7', () => {
    const skipped = Array(16).fill(3);
    skipped[9] = null;
    expect(fields(rejection(fabq, skipped))).toEqual(['answers[9]']);
    expect(fields(rejection(fabq, [...Array(15).fill(3), 7]))).toEqual(['answers[15]']);
  });
});
