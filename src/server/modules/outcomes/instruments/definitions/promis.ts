import type { InstrumentDefinition } from '../types.js';
import { untextedItems } from './build.js';

// PROMIS short forms: the raw sum is ours to compute; T-scores come from HealthMeasures' conversion tables,
// imported through a content pack.

const promisLicence = {
  holder: 'PROMIS Health Organization (HealthMeasures)',
  terms:
    'Text and scoring tables are distributed by HealthMeasures; import them as a content pack under their terms.',
  textShipped: false,
};

const notes = [
  '`total` is the raw sum; `subscales.tScore` appears once a raw-to-T-score table has been imported.',
  'A short form with any item skipped is refused (raw-sum conversion tables assume every item answered).',
];

export const promisPhysicalFunction6b: InstrumentDefinition = {
  code: 'PROMIS-PF-6b',
  name: 'PROMIS Short Form v2.0 – Physical Function 6b',
  version: 'v2.0 6b',
  languages: [],
  items: untextedItems('promis_pf', 6, 1, 5),
  scoring: { kind: 'promis_raw' },
  range: { min: 6, max: 30 },
  direction: 'higher_is_better',
  bands: [],
  mcid: null,
  subscales: [],
  flags: [],
  licence: promisLicence,
  attribution: ['PROMIS Physical Function Scoring Manual, HealthMeasures (healthmeasures.net).'],
  notes,
};

export const promisPainInterference6a: InstrumentDefinition = {
  code: 'PROMIS-PI-6a',
  name: 'PROMIS Short Form v1.0 – Pain Interference 6a',
  version: 'v1.0 6a',
  languages: [],
  items: untextedItems('promis_pi', 6, 1, 5),
  scoring: { kind: 'promis_raw' },
  range: { min: 6, max: 30 },
  direction: 'lower_is_better',
  bands: [],
  mcid: null,
  subscales: [],
  flags: [],
  licence: promisLicence,
  attribution: ['PROMIS Pain Interference Scoring Manual, HealthMeasures (healthmeasures.net).'],
  notes,
};
