import { describe, expect, it } from 'vitest';
import { emptyExerciseValues, exerciseBody, nextEquipment, textFieldPrefix } from './exerciseForm.js';

describe('the custom exercise form', () => {
  it('sends the first language as the main text and the others as translations', () => {
    const values = emptyExerciseValues('en');
    values.languages = ['en', 'de'];
    values.texts.en = {
      title: 'Bridge',
      description: 'Lift the hips.',
      instructions: ['Lie down.', ''],
      keywords: [],
    };
    values.texts.de = {
      title: 'Brücke',
      description: 'Becken heben.',
      instructions: ['Hinlegen.'],
      keywords: [],
    };
    const body = exerciseBody(values);
    expect(body).toMatchObject({ title: 'Bridge', language: 'en', instructions: ['Lie down.'] });
    expect(body.translations).toEqual({
      de: { title: 'Brücke', description: 'Becken heben.', instructions: ['Hinlegen.'], keywords: [] },
    });
    expect(textFieldPrefix(values, 'de')).toBe('translations.de.');
    expect(textFieldPrefix(values, 'en')).toBe('');
  });

  it('sends the default dosage with numbers, nulls for blanks', () => {
    const body = exerciseBody(emptyExerciseValues('de'));
    expect(body.defaultDosage).toEqual({
      sets: 3,
      reps: 10,
      holdSeconds: null,
      restSeconds: null,
      timesPerDay: 1,
      daysPerWeek: 7,
      side: null,
      load: null,
    });
    expect(body.translations).toBeUndefined();
  });

  it('keeps "no equipment" apart from real equipment', () => {
    expect(nextEquipment(['none'], ['none', 'mat'])).toEqual(['mat']);
    expect(nextEquipment(['mat'], ['mat', 'none'])).toEqual(['none']);
    expect(nextEquipment(['mat'], [])).toEqual(['none']);
  });
});
