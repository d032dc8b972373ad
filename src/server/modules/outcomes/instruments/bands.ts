import type { Band } from './types.js';

/** The band a total falls in: the last band whose lower bound it reaches (bands are in ascending order). */
export function bandFor(bands: readonly Band[], total: number): Band | undefined {
  let found: Band | undefined;
  for (const band of bands) if (total >= band.from) found = band;
  return found;
}
