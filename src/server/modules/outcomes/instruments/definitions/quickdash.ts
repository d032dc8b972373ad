import type { InstrumentDefinition } from '../types.js';
import { untextedItems } from './build.js';

// QuickDASH: 11 core items, then the optional work module (items 12–15) and sports/performing arts module
// (items 16–19). The answers list holds 11 items, or all 19 with null for a module not given.
const core = untextedItems('quickdash', 11, 1, 5);
const work = untextedItems('quickdash_work', 4, 1, 5);
const sports = untextedItems('quickdash_sports', 4, 1, 5);

export const quickDash: InstrumentDefinition = {
  code: 'QuickDASH',
  name: 'QuickDASH (Disabilities of the Arm, Shoulder and Hand)',
  version: 'QuickDASH, Institute for Work & Health',
  languages: [],
  items: [...core, ...work, ...sports],
  scoring: {
    kind: 'dash',
    coreItems: 11,
    // At least 10 of the 11 items must be answered; a module needs all four of its items.
    maxMissing: 1,
    modules: [
      { key: 'work', items: [12, 13, 14, 15] },
      { key: 'sportsPerformingArts', items: [16, 17, 18, 19] },
    ],
  },
  range: { min: 0, max: 100 },
  direction: 'lower_is_better',
  bands: [],
  mcid: {
    value: 15.91,
    source:
      'Franchignoni F, Vercelli S, Giordano A, et al. Minimal clinically important difference of the disabilities of the arm, shoulder and hand outcome measure (DASH) and its shortened version (QuickDASH). J Orthop Sports Phys Ther 2014;44(1):30–39.',
  },
  subscales: [
    {
      key: 'work',
      label: { en: 'Work module', de: 'Modul Arbeit' },
      min: 0,
      max: 100,
      direction: 'lower_is_better',
    },
    {
      key: 'sportsPerformingArts',
      label: { en: 'Sports/performing arts module', de: 'Modul Sport/Musik' },
      min: 0,
      max: 100,
      direction: 'lower_is_better',
    },
  ],
  flags: [],
  licence: {
    holder: 'Institute for Work & Health (Toronto)',
    terms: 'The text is copyrighted; import it as a content pack under your own licence from the Institute.',
    textShipped: false,
  },
  attribution: [
    'Beaton DE, Wright JG, Katz JN, Upper Extremity Collaborative Group. Development of the QuickDASH: comparison of three item-reduction approaches. J Bone Joint Surg Am 2005;87(5):1038–1046.',
  ],
  notes: ['Score = ((sum of n answers / n) − 1) × 25; at most one of the 11 items may be skipped.'],
};
