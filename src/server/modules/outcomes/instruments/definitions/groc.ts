import type { InstrumentDefinition } from '../types.js';
import { labelledOptions } from './build.js';

// The 15-point scale of Jaeschke et al. (−7 to +7), the form Kamper et al. recommend for physiotherapy.
// Its labels are reproduced in slightly different wordings; these are the most common ones.
const options = labelledOptions(-7, [
  { en: 'A very great deal worse' },
  { en: 'A great deal worse' },
  { en: 'Quite a bit worse' },
  { en: 'Moderately worse' },
  { en: 'Somewhat worse' },
  { en: 'A little worse' },
  { en: 'A tiny bit worse' },
  { en: 'About the same' },
  { en: 'A tiny bit better' },
  { en: 'A little better' },
  { en: 'Somewhat better' },
  { en: 'Moderately better' },
  { en: 'Quite a bit better' },
  { en: 'A great deal better' },
  { en: 'A very great deal better' },
]);

export const groc: InstrumentDefinition = {
  code: 'GROC',
  name: 'Global Rating of Change',
  version: '15-point, −7 to +7 (Jaeschke et al. 1989)',
  languages: ['en'],
  items: [{ id: 'groc_1', min: -7, max: 7, integer: true, options, scored: true }],
  scoring: { kind: 'sum' },
  range: { min: -7, max: 7 },
  direction: 'higher_is_better',
  bands: [],
  // A transition scale already rates change; a difference between two ratings has no published MCID.
  mcid: null,
  subscales: [],
  flags: [],
  licence: { holder: 'Public domain', terms: 'Free to use.', textShipped: true },
  attribution: [
    'Jaeschke R, Singer J, Guyatt GH. Measurement of health status: ascertaining the minimal clinically important difference. Control Clin Trials 1989;10(4):407–415.',
    'Kamper SJ, Maher CG, Mackay G. Global rating of change scales: a review of strengths and weaknesses and considerations for design. J Man Manip Ther 2009;17(3):163–170.',
  ],
  notes: [
    'The question names the condition and the time point compared with (e.g. the start of treatment); the practitioner sets both, so no question text is shipped.',
    'English only: the answer labels have no German version whose wording could be verified.',
  ],
};
