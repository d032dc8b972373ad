// Geometry of the pain trend chart: pure, so the scaling is unit-tested and the component only draws.
import { daysBetween } from './period.js';

/** The chart's size and the margins kept free for the axes' labels, in SVG units. */
export interface ChartBox {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Pain is logged on the 0–10 numeric rating scale. */
export const PAIN_MAX = 10;

/** One day with logged pain, placed in the chart. */
export interface PlacedPain {
  date: string;
  average: number;
  max: number;
  x: number;
  yAverage: number;
  yMax: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const round = (value: number) => Math.round(value * 10) / 10;

/** The y of a pain level: 0 at the bottom of the plot, 10 at its top; values outside are clamped. */
export function painY(box: ChartBox, pain: number): number {
  const plot = box.height - box.top - box.bottom;
  return round(box.top + plot * (1 - clamp(pain, 0, PAIN_MAX) / PAIN_MAX));
}

/** The x of a day within the period: the first day at the left edge, the last at the right. */
export function dayX(box: ChartBox, period: { from: string; to: string }, date: string): number {
  const plot = box.width - box.left - box.right;
  const span = daysBetween(period.from, period.to);
  // A one-day period has no width to spread over: its only day sits in the middle.
  if (span <= 0) return round(box.left + plot / 2);
  return round(box.left + (plot * clamp(daysBetween(period.from, date), 0, span)) / span);
}

/** The trend's days inside the period, in date order, with their coordinates. */
export function placePain(
  box: ChartBox,
  period: { from: string; to: string },
  trend: { date: string; average: number; max: number }[],
): PlacedPain[] {
  return trend
    .filter((day) => day.date >= period.from && day.date <= period.to)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((day) => ({
      ...day,
      x: dayX(box, period, day.date),
      yAverage: painY(box, day.average),
      yMax: painY(box, day.max),
    }));
}

/** An SVG path through the points' averages ('' for none; a single point draws nothing). */
export function averagePath(points: PlacedPain[]): string {
  if (points.length < 2) return '';
  return points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x} ${point.yAverage}`).join(' ');
}

/** The lowest and highest average and the worst single pain: the numbers the chart's text gives. */
export function painRange(points: PlacedPain[]) {
  if (points.length === 0) return null;
  const averages = points.map((point) => point.average);
  const worst = points.reduce((top, point) => (point.max > top.max ? point : top));
  return { lowest: Math.min(...averages), highest: Math.max(...averages), worst };
}
