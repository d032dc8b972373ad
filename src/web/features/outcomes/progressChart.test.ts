import { describe, expect, it } from 'vitest';
import { bandStripes, type ChartBox, placeScores, scorePath, scoreY, timeX } from './progressChart.js';

const box: ChartBox = { width: 120, height: 60, top: 5, right: 10, bottom: 5, left: 10 };
const phq9 = { min: 0, max: 27 };
const nprs = { min: 0, max: 10 };

describe('outcome progress chart scaling', () => {
  it("puts the range's minimum at the bottom of the plot and its maximum at the top", () => {
    expect(scoreY(box, nprs, 0)).toBe(55);
    expect(scoreY(box, nprs, 10)).toBe(5);
    expect(scoreY(box, nprs, 5)).toBe(30);
  });

  it('scales a range that does not start at 0 and clamps totals outside it', () => {
    const groc = { min: -7, max: 7 };
    expect(scoreY(box, groc, 0)).toBe(30);
    expect(scoreY(box, groc, 9)).toBe(5);
    expect(scoreY(box, groc, -9)).toBe(55);
  });

  it('spreads the responses from the first at the left edge to the last at the right', () => {
    expect(timeX(box, 1000, 3000, 1000)).toBe(10);
    expect(timeX(box, 1000, 3000, 3000)).toBe(110);
    expect(timeX(box, 1000, 3000, 2000)).toBe(60);
    expect(timeX(box, 1000, 1000, 1000)).toBe(60);
  });

  it('drops responses without a total and sorts the rest by time', () => {
    const placed = placeScores(box, nprs, [
      { takenAt: '2026-03-10T09:00:00Z', total: 4 },
      { takenAt: '2026-03-01T09:00:00Z', total: 8 },
      { takenAt: '2026-03-05T09:00:00Z', total: null },
    ]);
    expect(placed.map((score) => [score.total, score.x, score.y])).toEqual([
      [8, 10, 15],
      [4, 110, 35],
    ]);
  });

  it('shades each band up to where the next one starts', () => {
    const stripes = bandStripes(box, phq9, [
      { code: 'mild', label: 'Mild', from: 5, to: 9 },
      { code: 'minimal', label: 'Minimal', from: 0, to: 4 },
      { code: 'severe', label: 'Severe', from: 20, to: 27 },
    ]);
    expect(stripes.map((stripe) => stripe.code)).toEqual(['minimal', 'mild', 'severe']);
    const [minimal, mild, severe] = stripes;
    expect(minimal && minimal.y + minimal.height).toBe(55);
    expect(mild && mild.y + mild.height).toBe(minimal?.y);
    expect(severe?.y).toBe(5);
  });

  it('draws a line only through two or more scores', () => {
    expect(scorePath([{ x: 10, y: 55 }])).toBe('');
    expect(
      scorePath([
        { x: 10, y: 55 },
        { x: 110, y: 5 },
      ]),
    ).toBe('M10 55 L110 5');
  });
});
