import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isPeriod, localDay, periodEnding } from './period.js';

describe('adherence periods', () => {
  it('ends a 7-day period today and starts it six days before', () => {
    expect(periodEnding(7, '2026-03-10')).toEqual({ from: '2026-03-04', to: '2026-03-10' });
  });

  it('crosses month and leap-year boundaries', () => {
    expect(periodEnding(14, '2024-03-05')).toEqual({ from: '2024-02-21', to: '2024-03-05' });
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });

  it('counts a one-day period as today only', () => {
    expect(periodEnding(1, '2026-03-10')).toEqual({ from: '2026-03-10', to: '2026-03-10' });
  });

  it('counts the days between two days, across a daylight saving change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-10', '2026-03-10')).toBe(0);
    expect(daysBetween('2026-03-10', '2026-03-09')).toBe(-1);
  });

  it("names today in the browser's calendar", () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('accepts only the offered periods', () => {
    expect(isPeriod('28')).toBe(true);
    expect(isPeriod(28)).toBe(true);
    expect(isPeriod('30')).toBe(false);
    expect(isPeriod(null)).toBe(false);
  });
});
