import type { InstrumentDefinition } from '../types.js';
import { untextedItems } from './build.js';

// EQ-5D-5L: five dimensions (mobility, self-care, usual activities, pain/discomfort, anxiety/depression) at
// levels 1–5, then the EQ VAS 0–100. The index needs a country value set, which is licensed: without one the
// score is the health-state code and the VAS, and `total` is null.
export const eq5d5l: InstrumentDefinition = {
  code: 'EQ-5D-5L',
  name: 'EQ-5D-5L',
  version: 'EQ-5D-5L',
  languages: [],
  items: [
    ...untextedItems('eq5d5l', 5, 1, 5),
    { id: 'eq5d5l_vas', min: 0, max: 100, integer: true, scored: true },
  ],
  scoring: { kind: 'eq5d' },
  // Value sets differ by country; the index is at most 1 (full health) and may be negative.
  range: null,
  direction: 'higher_is_better',
  bands: [],
  mcid: null,
  subscales: [
    { key: 'vas', label: { en: 'EQ VAS', de: 'EQ VAS' }, min: 0, max: 100, direction: 'higher_is_better' },
  ],
  flags: [],
  licence: {
    holder: 'EuroQol Research Foundation',
    terms:
      'Text and value sets need a EuroQol licence; import both as a content pack under your own licence.',
    textShipped: false,
  },
  attribution: [
    'Herdman M, Gudex C, Lloyd A, et al. Development and preliminary testing of the new five-level version of EQ-5D (EQ-5D-5L). Qual Life Res 2011;20(10):1727–1736.',
  ],
  notes: [
    'The score holds `healthState` (e.g. "11223") and `subscales.vas`; `total` is the index only when a value set was imported.',
    'All six answers are required.',
  ],
};
