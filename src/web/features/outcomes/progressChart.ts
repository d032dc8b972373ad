// Geometry of an outcome measure's progress chart: pure, so the scaling is unit-tested and the
// component only draws. Reuses the pain chart's box (the same margins for the axes' labels).
import type { ChartBox } from '../adherence/chart.js';

export type { ChartBox };

/** The totals a measure can take. */
export interface ScoreRange {
  min: number;
  max: number;
}

/** One scored response, placed in the chart. */
export interface PlacedScore<T> {
  point: T;
  total: number;
  x: number;
  y: number;
}

/** A band of the range, as a horizontal stripe of the plot. */
export interface BandStripe {
  code: string;
  label: string;
  y: number;
  height: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const round = (value: number) => Math.round(value * 10) / 10;

/** The y of a total: the range's minimum at the bottom of the plot, its maximum at the top. */
export function scoreY(box: ChartBox, range: ScoreRange, total: number): number {
  const plot = box.height - box.top - box.bottom;
  const span = range.max - range.min;
  if (span <= 0) return round(box.top + plot / 2);
  return round(box.top + plot * (1 - (clamp(total, range.min, range.max) - range.min) / span));
}

/** The x of a moment between the first and the last response; a single response sits in the middle. */
export function timeX(box: ChartBox, first: number, last: number, at: number): number {
  const plot = box.width - box.left - box.right;
  if (last <= first) return round(box.left + plot / 2);
  return round(box.left + (plot * clamp(at - first, 0, last - first)) / (last - first));
}

/** The responses with a total, in time order, with their coordinates. */
export function placeScores<T extends { takenAt: string; total: number | null }>(
  box: ChartBox,
  range: ScoreRange,
  points: readonly T[],
): PlacedScore<T>[] {
  const scored = points
    .filter((point): point is T & { total: number } => point.total !== null)
    .map((point) => ({ point, total: point.total, at: Date.parse(point.takenAt) }))
    .sort((a, b) => a.at - b.at);
  const first = scored[0]?.at ?? 0;
  const last = scored.at(-1)?.at ?? 0;
  return scored.map(({ point, total, at }) => ({
    point,
    total,
    x: timeX(box, first, last, at),
    y: scoreY(box, range, total),
  }));
}

/**
 * The bands as stripes. A band reaches up to where the next one starts (so 0–4 and 5–9 leave no gap
 * between 4 and 5), the last one to its own end.
 */
export function bandStripes(
  box: ChartBox,
  range: ScoreRange,
  bands: readonly { code: string; label: string; from: number; to: number }[],
): BandStripe[] {
  const ordered = [...bands].sort((a, b) => a.from - b.from);
  return ordered.map((band, index) => {
    const upper = ordered[index + 1]?.from ?? band.to;
    const top = scoreY(box, range, upper);
    const bottom = scoreY(box, range, band.from);
    return { code: band.code, label: band.label, y: top, height: round(bottom - top) };
  });
}

/** An SVG path through the placed scores ('' for fewer than two). */
export function scorePath(points: readonly { x: number; y: number }[]): string {
  if (points.length < 2) return '';
  return points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' ');
}
