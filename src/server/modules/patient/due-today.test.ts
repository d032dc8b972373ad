import { describe, expect, it } from 'vitest';
import { dueToday, mondayOf } from './due-today.js';

const twiceDaily = { id: 'a', timesPerDay: 2, daysPerWeek: 7 };
const threeDays = { id: 'b', timesPerDay: 1, daysPerWeek: 3 };
const log = (programItemId: string, performedOn: string) => ({ programItemId, performedOn });

describe('exercises due today', () => {
  it('finds the Monday of a week, Sunday included', () => {
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(mondayOf('2026-03-09')).toBe('2026-03-09');
  });

  it('counts down the times per day', () => {
    expect(dueToday(twiceDaily, [], '2026-03-04')).toEqual({
      doneToday: 0,
      remainingToday: 2,
      daysDoneThisWeek: 0,
      due: true,
    });
    const once = dueToday(twiceDaily, [log('a', '2026-03-04')], '2026-03-04');
    expect(once).toMatchObject({ doneToday: 1, remainingToday: 1, due: true });
    const twice = dueToday(twiceDaily, [log('a', '2026-03-04'), log('a', '2026-03-04')], '2026-03-04');
    expect(twice).toMatchObject({ remainingToday: 0, due: false });
  });

  it('stops asking once the week has its days, and starts again on Monday', () => {
    const week = ['2026-03-02', '2026-03-03', '2026-03-04'].map((day) => log('b', day));
    expect(dueToday(threeDays, week, '2026-03-05')).toMatchObject({ daysDoneThisWeek: 3, due: false });
    expect(dueToday(threeDays, week.slice(0, 2), '2026-03-05')).toMatchObject({ due: true });
    expect(dueToday(threeDays, week, '2026-03-09')).toMatchObject({ daysDoneThisWeek: 0, due: true });
  });

  it("keeps today's day counted when the week's last day is done today", () => {
    const logs = [log('b', '2026-03-02'), log('b', '2026-03-03'), log('b', '2026-03-05')];
    expect(dueToday(threeDays, logs, '2026-03-05')).toMatchObject({
      doneToday: 1,
      daysDoneThisWeek: 3,
      due: false,
    });
  });

  it('ignores other exercises', () => {
    expect(dueToday(threeDays, [log('a', '2026-03-02')], '2026-03-02').due).toBe(true);
  });
});
