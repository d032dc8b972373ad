import { describe, expect, it } from 'vitest';
import type { ExerciseSummary } from '../library/libraryApi.js';
import { formatAccessCode, itemFromExercise, moveItem, programBody } from './programDraft.js';

const exercise = (overrides: Partial<ExerciseSummary['defaultDosage']> = {}): ExerciseSummary => ({
  id: '00000000-0000-4000-8000-000000000001',
  source: 'library',
  language: 'en',
  title: 'Wall push-up',
  description: '',
  bodyRegion: 'shoulder',
  equipment: ['wall'],
  position: 'standing',
  difficulty: 'easy',
  contraindications: [],
  defaultDosage: {
    sets: 2,
    reps: 12,
    holdSeconds: null,
    restSeconds: 30,
    timesPerDay: null,
    daysPerWeek: null,
    side: null,
    ...overrides,
  },
  featuredClientId: null,
  thumbnailMediaId: null,
  archived: false,
});

describe('the program draft', () => {
  it('moves an item up or down and leaves the list alone at its ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it("starts a new item from the exercise's default dosage, filling what the program requires", () => {
    const item = itemFromExercise(exercise({ sets: 40 }));
    expect(item).toMatchObject({
      sets: '20',
      reps: '12',
      restSeconds: '30',
      timesPerDay: '1',
      daysPerWeek: '7',
    });
  });

  it('sends numbers as numbers, blanks as null, and the saved item id back', () => {
    const item = { ...itemFromExercise(exercise()), id: 'kept', reps: '', load: ' 2 kg ', notes: '' };
    const [sent] = programBody({ items: [item], educationIds: [], outcomeMeasures: [], note: null }).items;
    expect(sent).toMatchObject({ id: 'kept', sets: 2, reps: null, load: '2 kg', notes: null, side: null });
  });

  it('sends a typed non-number as it is, so the server names the field', () => {
    const item = { ...itemFromExercise(exercise()), sets: 'three' };
    expect(
      programBody({ items: [item], educationIds: [], outcomeMeasures: [], note: null }).items[0]?.sets,
    ).toBe('three');
  });

  it('shows the access code in two groups of five', () => {
    expect(formatAccessCode('abcdefghij')).toBe('abcde fghij');
  });
});
