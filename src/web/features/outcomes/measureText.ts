import type { Measure } from './outcomesApi.js';

/** A measure as a choice reads: its name and, for a shipped instrument, its code. */
export const measureLabel = (measure: Pick<Measure, 'measure' | 'name' | 'custom'>) =>
  measure.custom || measure.name === measure.measure ? measure.name : `${measure.name} (${measure.measure})`;

/** The label of a band code in the catalogue's language; the code itself when the measure is unknown. */
export function bandLabel(catalogue: readonly Measure[] | undefined, measure: string, band: string) {
  return (
    catalogue?.find((entry) => entry.measure === measure)?.bands.find((b) => b.code === band)?.label ?? band
  );
}

/** Totals are exact on the server; rounded only here, for display (PSFS means, prorated sums). */
export const formatTotal = (total: number, locale: string) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(total);

/** The 0-based item a server field problem names (`answers[3]` → 3), or undefined. */
export function answerIndex(field: string): number | undefined {
  const match = /^answers\[(\d+)\]$/.exec(field);
  return match ? Number(match[1]) : undefined;
}

/** Whether answers can be entered for the measure: licensed text needs the operator's content pack. */
export const canEnter = (measure: Pick<Measure, 'textAvailable'>) => measure.textAvailable;

/** The label of a subscale key (FABQ: physicalActivity, work) in the catalogue's language. */
export function subscaleLabel(catalogue: readonly Measure[] | undefined, measure: string, key: string) {
  return (
    catalogue?.find((entry) => entry.measure === measure)?.subscales.find((s) => s.key === key)?.label ?? key
  );
}
