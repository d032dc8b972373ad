import { describe, expect, it } from 'vitest';
import { averagePath, type ChartBox, dayX, painRange, painY, placePain } from './chart.js';

const box: ChartBox = { width: 120, height: 60, top: 5, right: 10, bottom: 5, left: 10 };
const week = { from: '2026-03-01', to: '2026-03-07' };

describe('pain chart scaling', () => {
  it('puts pain 0 at the bottom of the plot and 10 at its top', () => {
    expect(painY(box, 0)).toBe(55);
    expect(painY(box, 10)).toBe(5);
    expect(painY(box, 5)).toBe(30);
  });

  it('clamps pain outside the scale', () => {
    expect(painY(box, 12)).toBe(5);
    expect(painY(box, -1)).toBe(55);
  });

  it('spreads the days of the period from the left edge to the right', () => {
    expect(dayX(box, week, '2026-03-01')).toBe(10);
    expect(dayX(box, week, '2026-03-07')).toBe(110);
    expect(dayX(box, week, '2026-03-04')).toBe(60);
  });

  it('centres the only day of a one-day period', () => {
    expect(dayX(box, { from: '2026-03-01', to: '2026-03-01' }, '2026-03-01')).toBe(60);
  });

  it('drops days outside the period and sorts the rest by date', () => {
    const placed = placePain(box, week, [
      { date: '2026-03-05', average: 4, max: 6 },
      { date: '2026-02-20', average: 9, max: 9 },
      { date: '2026-03-02', average: 2, max: 3 },
    ]);
    expect(placed.map((point) => point.date)).toEqual(['2026-03-02', '2026-03-05']);
    expect(placed[1]).toMatchObject({ yAverage: 35, yMax: 25 });
  });

  it('draws a line only through two or more days', () => {
    const one = placePain(box, week, [{ date: '2026-03-01', average: 0, max: 0 }]);
    expect(averagePath(one)).toBe('');
    const two = placePain(box, week, [
      { date: '2026-03-01', average: 0, max: 0 },
      { date: '2026-03-07', average: 10, max: 10 },
    ]);
    expect(averagePath(two)).toBe('M10 55 L110 5');
  });

  it('names the lowest and highest average and the worst day', () => {
    expect(painRange([])).toBeNull();
    const placed = placePain(box, week, [
      { date: '2026-03-01', average: 2.5, max: 4 },
      { date: '2026-03-03', average: 6, max: 8 },
    ]);
    expect(painRange(placed)).toMatchObject({ lowest: 2.5, highest: 6, worst: { date: '2026-03-03' } });
  });
});
