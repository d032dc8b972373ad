import type { InstrumentDefinition, Score } from './types.js';

export interface Change {
  /** Later minus baseline, in total points, unrounded. */
  delta: number;
  improved: boolean;
  worsened: boolean;
  /** The change, either way, reaches the MCID; false when the instrument has none. */
  clinicallyImportant: boolean;
}

// Totals such as PSFS means carry binary fractions (7.1 − 5.1 = 1.9999999999999996): a change this close to
// the MCID reaches it.
const TOLERANCE = 1e-9;

const totalOf = (score: number | Score): number => {
  const total = typeof score === 'number' ? score : score.total;
  if (total === null || !Number.isFinite(total))
    throw new TypeError(
      'This score has no total to compare (e.g. KOOS subscales, EQ-5D-5L without a value set).',
    );
  return total;
};

/** The change from a baseline score to a later one, judged by the instrument's direction and MCID. */
export function changeFromBaseline(
  definition: InstrumentDefinition,
  baselineScore: number | Score,
  laterScore: number | Score,
): Change {
  const delta = totalOf(laterScore) - totalOf(baselineScore);
  const better = definition.direction === 'higher_is_better' ? delta > 0 : delta < 0;
  const worse = delta !== 0 && !better;
  const mcid = definition.mcid?.value;
  return {
    delta,
    improved: better,
    worsened: worse,
    clinicallyImportant: mcid !== undefined && Math.abs(delta) + TOLERANCE >= mcid,
  };
}
