import type { InstrumentDefinition } from '../types.js';
import { untextedItems } from './build.js';

// Oswestry and Neck Disability Index: scoring and structure only. Their text is copyrighted and arrives in
// an operator's content pack (content-pack.ts).

export const odi: InstrumentDefinition = {
  code: 'ODI',
  name: 'Oswestry Disability Index',
  version: '2.1a',
  languages: [],
  items: untextedItems('odi', 10, 0, 5),
  // Fairbank & Pynsent 2000: for every section not answered the denominator drops by 5 (16/45 × 100 with
  // one section missed). The published worked example covers one missed section; we go no further.
  scoring: { kind: 'percent_of_answered', maxMissing: 1 },
  range: { min: 0, max: 100 },
  direction: 'lower_is_better',
  bands: [
    { code: 'minimal', from: 0, to: 20, label: { en: 'Minimal disability', de: 'Minimale Einschränkung' } },
    { code: 'moderate', from: 21, to: 40, label: { en: 'Moderate disability', de: 'Mäßige Einschränkung' } },
    { code: 'severe', from: 41, to: 60, label: { en: 'Severe disability', de: 'Schwere Einschränkung' } },
    { code: 'crippled', from: 61, to: 80, label: { en: 'Crippled', de: 'Stark behindert' } },
    { code: 'bed_bound', from: 81, to: 100, label: { en: 'Bed-bound', de: 'Bettlägerig' } },
  ],
  mcid: {
    value: 10,
    source:
      'Ostelo RW, Deyo RA, Stratford P, et al. Interpreting change scores for pain and functional status in low back pain: towards international consensus regarding minimal important change. Spine 2008;33(1):90–94.',
  },
  subscales: [],
  flags: [],
  licence: {
    holder: 'Jeremy Fairbank (licensed through Mapi Research Trust)',
    terms:
      'Use and reproduction of the text need a licence; import it as a content pack under your own licence.',
    textShipped: false,
  },
  attribution: [
    'Fairbank JC, Pynsent PB. The Oswestry Disability Index. Spine 2000;25(22):2940–2952.',
    'Bands: Fairbank JC, Couper J, Davies JB, O’Brien JP. The Oswestry low back pain disability questionnaire. Physiotherapy 1980;66(8):271–273.',
  ],
  notes: [
    'Score = sum / (5 × answered sections) × 100; one skipped section is allowed, two or more are refused.',
  ],
};

export const ndi: InstrumentDefinition = {
  code: 'NDI',
  name: 'Neck Disability Index',
  version: 'Vernon & Mior 1991',
  languages: [],
  items: untextedItems('ndi', 10, 0, 5),
  // Vernon: when an item is not completed, the average of the other items is added for it.
  scoring: { kind: 'prorated_sum', maxMissing: 1 },
  range: { min: 0, max: 50 },
  direction: 'lower_is_better',
  // Vernon's intervals are on the raw score out of 50.
  bands: [
    { code: 'none', from: 0, to: 4, label: { en: 'No disability', de: 'Keine Einschränkung' } },
    { code: 'mild', from: 5, to: 14, label: { en: 'Mild', de: 'Leicht' } },
    { code: 'moderate', from: 15, to: 24, label: { en: 'Moderate', de: 'Mäßig' } },
    { code: 'severe', from: 25, to: 34, label: { en: 'Severe', de: 'Schwer' } },
    { code: 'complete', from: 35, to: 50, label: { en: 'Complete', de: 'Vollständig' } },
  ],
  mcid: { value: 5, source: 'Vernon H: minimum detectable change and MCID both 5 NDI points (of 50).' },
  subscales: [],
  flags: [],
  licence: {
    holder: 'Howard Vernon',
    terms: 'The text is copyrighted; import it as a content pack under your own licence.',
    textShipped: false,
  },
  attribution: [
    'Vernon H, Mior S. The Neck Disability Index: a study of reliability and validity. J Manipulative Physiol Ther 1991;14(7):409–415.',
    'Vernon H. The Neck Disability Index: state-of-the-art, 1991–2008. J Manipulative Physiol Ther 2008;31(7):491–502.',
  ],
  notes: [
    'Total is the raw score out of 50 (× 2 gives the percentage); one skipped item is replaced by the mean of the others, two or more are refused.',
  ],
};
