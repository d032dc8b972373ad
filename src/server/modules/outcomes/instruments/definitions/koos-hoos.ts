import type { InstrumentDefinition, SubscaleInfo } from '../types.js';
import { untextedItems } from './build.js';

// KOOS and HOOS: five subscales, each 100 − mean × 25 (100 = no problems). No total exists. Items are in
// questionnaire order: symptoms (incl. stiffness), pain, ADL, sport/recreation, quality of life.

const range = (first: number, count: number) => Array.from({ length: count }, (_, index) => first + index);

const labels = {
  symptoms: { en: 'Symptoms', de: 'Symptome' },
  pain: { en: 'Pain', de: 'Schmerz' },
  adl: { en: 'Activities of daily living', de: 'Aktivitäten des täglichen Lebens' },
  sportRec: { en: 'Sport and recreation', de: 'Sport und Freizeit' },
  qol: { en: 'Quality of life', de: 'Lebensqualität' },
} as const;

const subscaleInfo = (keys: (keyof typeof labels)[]): SubscaleInfo[] =>
  keys.map((key) => ({ key, label: labels[key], min: 0, max: 100, direction: 'higher_is_better' }));

export const koos: InstrumentDefinition = {
  code: 'KOOS',
  name: 'Knee injury and Osteoarthritis Outcome Score',
  version: 'KOOS (Roos et al. 1998), scoring 2012',
  languages: [],
  items: untextedItems('koos', 42, 0, 4),
  // The 2012 rule: a subscale is scored when at least half its items are answered.
  scoring: {
    kind: 'koos',
    subscales: [
      { key: 'symptoms', items: range(1, 7), minAnswered: 4 },
      { key: 'pain', items: range(8, 9), minAnswered: 5 },
      { key: 'adl', items: range(17, 17), minAnswered: 9 },
      { key: 'sportRec', items: range(34, 5), minAnswered: 3 },
      { key: 'qol', items: range(39, 4), minAnswered: 2 },
    ],
  },
  range: null,
  direction: 'higher_is_better',
  bands: [],
  mcid: null,
  subscales: subscaleInfo(['symptoms', 'pain', 'adl', 'sportRec', 'qol']),
  flags: [],
  licence: {
    holder: 'Ewa M. Roos (koos.nu)',
    terms: 'Import the text and its translations as a content pack under the terms published at koos.nu.',
    textShipped: false,
  },
  attribution: [
    'Roos EM, Roos HP, Lohmander LS, Ekdahl C, Beynnon BD. Knee Injury and Osteoarthritis Outcome Score (KOOS): development of a self-administered outcome measure. J Orthop Sports Phys Ther 1998;28(2):88–96.',
    'KOOS Scoring 2012 (koos.nu): at least 50% of a subscale’s items must be answered (pain 5, symptoms 4, ADL 9, sport/rec 3, QOL 2).',
  ],
  notes: [
    'No total: `total` is null and each valid subscale is reported; a subscale with too few answers is left out.',
    'MCIDs differ by subscale and population, so none is set.',
  ],
};

export const hoos: InstrumentDefinition = {
  code: 'HOOS',
  name: 'Hip disability and Osteoarthritis Outcome Score',
  version: 'HOOS (Nilsdotter et al. 2003)',
  languages: [],
  items: untextedItems('hoos', 40, 0, 4),
  // The KOOS 2012 rule (at least half of each subscale) applied to HOOS's subscale sizes.
  scoring: {
    kind: 'koos',
    subscales: [
      { key: 'symptoms', items: range(1, 5), minAnswered: 3 },
      { key: 'pain', items: range(6, 10), minAnswered: 5 },
      { key: 'adl', items: range(16, 17), minAnswered: 9 },
      { key: 'sportRec', items: range(33, 4), minAnswered: 2 },
      { key: 'qol', items: range(37, 4), minAnswered: 2 },
    ],
  },
  range: null,
  direction: 'higher_is_better',
  bands: [],
  mcid: null,
  subscales: subscaleInfo(['symptoms', 'pain', 'adl', 'sportRec', 'qol']),
  flags: [],
  licence: {
    holder: 'Ewa M. Roos, Anna Nilsdotter (koos.nu)',
    terms: 'Import the text and its translations as a content pack under the terms published at koos.nu.',
    textShipped: false,
  },
  attribution: [
    'Nilsdotter AK, Lohmander LS, Klässbo M, Roos EM. Hip disability and osteoarthritis outcome score (HOOS) — validity and responsiveness in total hip replacement. BMC Musculoskelet Disord 2003;4:10.',
  ],
  notes: [
    'No total: `total` is null and each valid subscale is reported.',
    'The half-of-each-subscale missing rule is the KOOS 2012 rule; check it against the HOOS user’s guide that comes with your licence.',
  ],
};
