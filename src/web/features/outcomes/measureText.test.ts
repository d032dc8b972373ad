import { describe, expect, it } from 'vitest';
import { answerIndex, bandLabel, formatTotal, measureLabel } from './measureText.js';
import type { Measure } from './outcomesApi.js';

describe('outcome measure texts', () => {
  it('names a shipped instrument with its code and a custom measure by its name', () => {
    expect(measureLabel({ measure: 'PHQ-9', name: 'Patient Health Questionnaire-9', custom: false })).toBe(
      'Patient Health Questionnaire-9 (PHQ-9)',
    );
    expect(measureLabel({ measure: 'EQ-5D-5L', name: 'EQ-5D-5L', custom: false })).toBe('EQ-5D-5L');
    expect(measureLabel({ measure: 'custom:1', name: 'Balance', custom: true })).toBe('Balance');
  });

  it("finds a band's label, falling back to its code", () => {
    const catalogue = [
      { measure: 'PHQ-9', bands: [{ code: 'mild', label: 'Leicht', from: 5, to: 9 }] },
    ] as unknown as Measure[];
    expect(bandLabel(catalogue, 'PHQ-9', 'mild')).toBe('Leicht');
    expect(bandLabel(catalogue, 'GAD-7', 'mild')).toBe('mild');
    expect(bandLabel(undefined, 'PHQ-9', 'mild')).toBe('mild');
  });

  it('rounds totals to one decimal for display only', () => {
    expect(formatTotal(5.5, 'de')).toBe('5,5');
    expect(formatTotal(4.4444, 'en')).toBe('4.4');
    expect(formatTotal(16, 'en')).toBe('16');
  });

  it('reads the item a field problem names', () => {
    expect(answerIndex('answers[8]')).toBe(8);
    expect(answerIndex('answers')).toBeUndefined();
    expect(answerIndex('activities')).toBeUndefined();
  });
});
