import { describe, expect, it } from 'vitest';
import { planToday, todayState } from './todayView.js';
import type { PatientProgramItem } from './types.js';

function item(id: string, overrides: Partial<PatientProgramItem> = {}): PatientProgramItem {
  return {
    id,
    sets: 3,
    reps: 10,
    holdSeconds: 5,
    restSeconds: 30,
    timesPerDay: 2,
    daysPerWeek: 3,
    side: null,
    load: null,
    notes: null,
    exercise: {
      id: `exercise-${id}`,
      language: 'en',
      title: id,
      description: '',
      instructions: [],
      bodyRegion: 'knee',
      equipment: [],
      position: 'lying',
      media: [],
    },
    today: { doneToday: 0, remainingToday: 2, daysDoneThisWeek: 0, due: true },
    ...overrides,
  };
}

// Wednesday 13 May 2026; the week began on Monday 11 May.
const today = '2026-05-13';

describe("today's exercises", () => {
  it("takes the server's counts when nothing waits", () => {
    const state = todayState(item('a'), today, today, []);
    expect(state).toMatchObject({ doneToday: 0, remainingToday: 2, due: true, waitingToday: 0 });
  });

  it('counts logs waiting to sync as done', () => {
    const waiting = [
      { programItemId: 'a', date: today },
      { programItemId: 'a', date: today },
      { programItemId: 'b', date: today },
    ];
    const state = todayState(item('a'), today, today, waiting);
    expect(state).toMatchObject({ doneToday: 2, remainingToday: 0, due: false, waitingToday: 2 });
  });

  it('adds waiting logs to what the server already has', () => {
    const synced = item('a', { today: { doneToday: 1, remainingToday: 1, daysDoneThisWeek: 1, due: true } });
    const state = todayState(synced, today, today, [{ programItemId: 'a', date: today }]);
    expect(state).toMatchObject({ doneToday: 2, remainingToday: 0, daysDoneThisWeek: 1 });
  });

  it('stops an exercise once its days of the week are done', () => {
    const weekDone = item('a', {
      today: { doneToday: 0, remainingToday: 0, daysDoneThisWeek: 3, due: false },
    });
    expect(todayState(weekDone, today, today, []).due).toBe(false);
    const waitingDays = [
      { programItemId: 'a', date: '2026-05-11' },
      { programItemId: 'a', date: '2026-05-12' },
      { programItemId: 'a', date: '2026-05-10' }, // last week: does not count
    ];
    const twoDays = item('a', { daysPerWeek: 2 });
    expect(todayState(twoDays, today, today, waitingDays)).toMatchObject({ due: false, daysDoneThisWeek: 2 });
  });

  it("resets today's count on an offline copy from an earlier day, keeping that day in the week", () => {
    const yesterday = item('a', {
      today: { doneToday: 2, remainingToday: 0, daysDoneThisWeek: 2, due: false },
    });
    expect(todayState(yesterday, '2026-05-12', today, [])).toMatchObject({
      doneToday: 0,
      remainingToday: 2,
      daysDoneThisWeek: 2,
      due: true,
    });
    // A copy from last week says nothing about this one.
    expect(todayState(yesterday, '2026-05-08', today, []).daysDoneThisWeek).toBe(0);
  });

  it('lists what is due first, then the rest, in program order', () => {
    const done = item('b', { today: { doneToday: 2, remainingToday: 0, daysDoneThisWeek: 1, due: false } });
    const plan = planToday([item('a'), done, item('c')], today, today, []);
    expect(plan.due.map((entry) => entry.item.id)).toEqual(['a', 'c']);
    expect(plan.rest.map((entry) => entry.item.id)).toEqual(['b']);
  });
});
