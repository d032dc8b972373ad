import { describe, expect, it } from 'vitest';
import { summarise } from './adherence-summary.js';

const daily = { id: 'a', exerciseId: 'ex-a', timesPerDay: 1, daysPerWeek: 7 };
const twiceThreeDays = { id: 'b', exerciseId: 'ex-b', timesPerDay: 2, daysPerWeek: 3 };
const week = { from: '2026-03-02', to: '2026-03-08' };
const log = (programItemId: string, performedOn: string, painLevel: number | null = null) => ({
  programItemId,
  performedOn,
  painLevel,
});

describe('adherence summary', () => {
  it('counts sessions against the prescription, capping each exercise at its own', () => {
    const entries = [
      ...['02', '03', '04', '05', '06', '07', '08', '08'].map((d) => log('a', `2026-03-${d}`)),
      log('b', '2026-03-02'),
      log('b', '2026-03-04'),
    ];
    const summary = summarise([daily, twiceThreeDays], entries, week);
    expect(summary.perExercise).toMatchObject([
      { programItemId: 'a', prescribed: 7, done: 7, percent: 100, lastDone: '2026-03-08' },
      { programItemId: 'b', prescribed: 6, done: 2, percent: 33, lastDone: '2026-03-04' },
    ]);
    expect(summary).toMatchObject({ prescribed: 13, done: 9, percent: 69, activeDays: 7, missedDays: 0 });
  });

  it('finds the current and longest streaks, forgiving a today without a log yet', () => {
    const days = ['02', '03', '04', '06', '07'].map((d) => log('a', `2026-03-${d}`));
    const summary = summarise([daily], days, week);
    expect(summary).toMatchObject({ longestStreak: 3, currentStreak: 2, activeDays: 5, missedDays: 2 });
    expect(summarise([daily], days, { ...week, to: '2026-03-09' }).currentStreak).toBe(0);
  });

  it('expects activity only on as many days as the program asks for', () => {
    const entries = ['02', '04', '06'].map((d) => log('b', `2026-03-${d}`));
    expect(summarise([twiceThreeDays], entries, week).missedDays).toBe(0);
    expect(summarise([twiceThreeDays], entries.slice(0, 1), week).missedDays).toBe(2);
  });

  it('averages pain per day and per exercise, leaving out entries without a pain level', () => {
    const entries = [log('a', '2026-03-02', 2), log('a', '2026-03-02', 5), log('a', '2026-03-03', null)];
    const summary = summarise([daily], entries, week);
    expect(summary.painTrend).toEqual([{ date: '2026-03-02', average: 3.5, max: 5 }]);
    expect(summary.perExercise[0]?.averagePain).toBe(3.5);
  });

  it('answers null percentages and no activity when nothing was prescribed or logged', () => {
    const summary = summarise([], [], week);
    expect(summary).toMatchObject({
      prescribed: 0,
      done: 0,
      percent: null,
      lastActivity: null,
      currentStreak: 0,
    });
  });

  it('ignores entries outside the period', () => {
    const summary = summarise([daily], [log('a', '2026-03-01'), log('a', '2026-03-09')], week);
    expect(summary.done).toBe(0);
  });
});
