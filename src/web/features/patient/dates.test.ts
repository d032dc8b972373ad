import { describe, expect, it } from 'vitest';
import { addDays, addMonths, localDay, mondayOf, monthGrid, monthRange } from './dates.js';

describe('patient app days', () => {
  it('takes the local calendar day, not the UTC one', () => {
    const lateEvening = new Date(2026, 2, 31, 23, 30);
    expect(localDay(lateEvening)).toBe('2026-03-31');
  });

  it('moves days across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
  });

  it('finds the Monday of a week, Sunday belonging to the week before', () => {
    expect(mondayOf('2026-05-13')).toBe('2026-05-11');
    expect(mondayOf('2026-05-11')).toBe('2026-05-11');
    expect(mondayOf('2026-05-17')).toBe('2026-05-11');
  });

  it('lays a month out in Monday-first weeks with blanks outside it', () => {
    const weeks = monthGrid('2026-02');
    // 1 February 2026 is a Sunday: the first week is all blanks but its last day.
    expect(weeks).toHaveLength(5);
    expect(weeks[0]?.[0]).toBeNull();
    expect(weeks[0]?.[6]).toBe('2026-02-01');
    expect(weeks.at(-1)?.[5]).toBe('2026-02-28');
    expect(weeks.at(-1)?.[6]).toBeNull();
    expect(monthGrid('2026-06')[0]?.[0]).toBe('2026-06-01');
  });

  it('steps months and answers their first and last day', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
});
