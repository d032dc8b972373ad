import { describe, expect, it } from 'vitest';
import { isFutureDay, localDay, takenAtFor } from './takenOn.js';

describe('the day answers were taken in clinic', () => {
  const now = new Date(2026, 2, 5, 9, 30);

  it('reads today as the local calendar day', () => {
    expect(localDay(now)).toBe('2026-03-05');
    expect(localDay(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });

  it('sends now for today, so a later hour of today is never claimed', () => {
    expect(takenAtFor('2026-03-05', now)).toBe(now.toISOString());
  });

  it('sends local noon for an earlier day', () => {
    expect(takenAtFor('2026-02-20', now)).toBe(new Date(2026, 1, 20, 12).toISOString());
  });

  it('sends now when no day is given', () => {
    expect(takenAtFor('', now)).toBe(now.toISOString());
  });

  it('tells a day after today apart', () => {
    expect(isFutureDay('2026-03-06', now)).toBe(true);
    expect(isFutureDay('2026-03-05', now)).toBe(false);
    expect(isFutureDay('2025-12-31', now)).toBe(false);
  });
});
