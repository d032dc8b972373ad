import { describe, expect, it } from 'vitest';
import { answers, answersToSend, needsSafetyMessage, resumeAt, stepsOf } from './flow.js';
import type { DueQuestionnaire, PatientItem } from './questionnairesApi.js';

const frequency = [0, 1, 2, 3].map((value) => ({ value, label: `label ${value}` }));
const item = (id: string, extra: Partial<PatientItem> = {}): PatientItem => ({
  id,
  text: `Question ${id}`,
  preamble: null,
  min: 0,
  max: 3,
  options: frequency,
  anchors: null,
  scored: true,
  ...extra,
});
const due = (
  items: PatientItem[],
  activities: string[] | null = null,
  measure = 'PHQ-9',
): DueQuestionnaire => ({
  assignmentId: 'a1',
  dueAt: '2026-03-02T09:00:00Z',
  activities,
  measure: { measure, name: measure, instructions: null, items },
});

describe('the questionnaire flow', () => {
  it('has one screen per item, with its choices, and unscored items optional', () => {
    const steps = stepsOf(due([item('1'), item('2', { scored: false })]));
    expect(steps.map((step) => [step.question, step.choices?.length, step.required])).toEqual([
      ['Question 1', 4, true],
      ['Question 2', 4, false],
    ]);
  });

  it('offers a 0–10 scale as eleven buttons and a longer range as a typed number', () => {
    const scale = item('1', { options: null, min: 0, max: 10, anchors: { min: 'No pain', max: 'Worst' } });
    expect(stepsOf(due([scale]))[0]?.choices?.map((choice) => choice.value)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(stepsOf(due([item('1', { options: null, min: 0, max: 120 })]))[0]?.choices).toBeNull();
  });

  it('asks an item without text by the instructions, else by the name', () => {
    const scale = item('1', { text: null, options: null, min: 0, max: 10 });
    expect(stepsOf(due([scale], null, 'NPRS'))[0]?.question).toBe('NPRS');
  });

  it('asks the PSFS once per activity the practitioner entered', () => {
    const psfs = due(
      [1, 2, 3, 4, 5].map((n) => item(`psfs_${n}`, { text: null, options: null, min: 0, max: 10 })),
      ['Climbing stairs', 'Gardening'],
      'PSFS',
    );
    expect(stepsOf(psfs).map((step) => step.question)).toEqual(['Climbing stairs', 'Gardening']);
  });

  it('takes an answer within the range only', () => {
    const [step] = stepsOf(due([item('1')]));
    if (!step) throw new Error('no step');
    expect(answers(step, 0)).toBe(true);
    expect(answers(step, 3)).toBe(true);
    expect(answers(step, 4)).toBe(false);
    expect(answers(step, null)).toBe(false);
  });

  it('resumes at the first required screen still open, or the review when all are answered', () => {
    const steps = stepsOf(due([item('1'), item('2'), item('3', { scored: false })]));
    expect(resumeAt(steps, [])).toBe(0);
    expect(resumeAt(steps, [1, null])).toBe(1);
    expect(resumeAt(steps, [1, 2, null])).toBe(3);
  });

  it('sends one answer per screen, null for a skipped optional one', () => {
    const steps = stepsOf(due([item('1'), item('2', { scored: false })]));
    expect(answersToSend(steps, [2])).toEqual([2, null]);
    expect(answersToSend(steps, [2, 9])).toEqual([2, null]);
  });

  it('shows where to get help after a PHQ-9 with item 9 above 0 only', () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
    expect(needsSafetyMessage('PHQ-9', values)).toBe(true);
    expect(
      needsSafetyMessage(
        'PHQ-9',
        values.map(() => 0),
      ),
    ).toBe(false);
    expect(needsSafetyMessage('GAD-7', values)).toBe(false);
  });
});
