import type { AnswerOption, InstrumentDefinition, LocalText } from '../types.js';
import { choiceItems } from './build.js';

const anchors: Record<number, string> = { 0: 'Completely disagree', 3: 'Unsure', 6: 'Completely agree' };
const agreement: AnswerOption[] = Array.from({ length: 7 }, (_, value) => {
  const label = anchors[value];
  return label ? { value, label: { en: label } } : { value };
});

const statements: LocalText[] = [
  'My pain was caused by physical activity',
  'Physical activity makes my pain worse',
  'Physical activity might harm my back',
  'I should not do physical activities which (might) make my pain worse',
  'I cannot do physical activities which (might) make my pain worse',
  'My pain was caused by my work or by an accident at work',
  'My work aggravated my pain',
  'I have a claim for compensation for my pain',
  'My work is too heavy for me',
  'My work makes or would make my pain worse',
  'My work might harm my back',
  'I should not do my normal work with my present pain',
  'I cannot do my normal work with my present pain',
  'I cannot do my normal work till my pain is treated',
  'I do not think that I will be back to my normal work within 3 months',
  'I do not think that I will ever be able to go back to that work',
].map((en) => ({ en }));

const items = choiceItems('fabq', statements, agreement);
const workItem = items[5];
if (workItem)
  workItem.preamble = {
    en: 'The following statements are about how your normal work affects or would affect your back pain',
  };

export const fabq: InstrumentDefinition = {
  code: 'FABQ',
  name: 'Fear-Avoidance Beliefs Questionnaire',
  version: 'Waddell et al. 1993',
  languages: ['en'],
  instructions: {
    en: 'Here are some of the things which other patients have told us about their pain. For each statement please circle any number from 0 to 6 to say how much physical activities such as bending, lifting, walking or driving affect or would affect your back pain.',
  },
  items,
  scoring: {
    kind: 'sum',
    // Waddell's scales: items 1, 8, 13, 14 and 16 are answered but belong to neither subscale.
    subscales: [
      { key: 'physicalActivity', items: [2, 3, 4, 5] },
      { key: 'work', items: [6, 7, 9, 10, 11, 12, 15] },
    ],
  },
  range: { min: 0, max: 96 },
  direction: 'lower_is_better',
  bands: [],
  mcid: null,
  subscales: [
    {
      key: 'physicalActivity',
      label: { en: 'Physical activity', de: 'Körperliche Aktivität' },
      min: 0,
      max: 24,
      direction: 'lower_is_better',
    },
    { key: 'work', label: { en: 'Work', de: 'Arbeit' }, min: 0, max: 42, direction: 'lower_is_better' },
  ],
  flags: [],
  licence: {
    holder: 'Waddell G, Newton M, Henderson I, Somerville D, Main CJ',
    terms: 'Published in Pain (1993) and reproduced freely in clinical use with its source citation.',
    textShipped: true,
  },
  attribution: [
    'Waddell G, Newton M, Henderson I, Somerville D, Main CJ. A Fear-Avoidance Beliefs Questionnaire (FABQ) and the role of fear-avoidance beliefs in chronic low back pain and disability. Pain 1993;52(2):157–168.',
  ],
  notes: [
    'The total is the sum of all 16 items (0–96); clinical use rests on the subscales (physical activity 0–24, work 0–42).',
    'No missing-item rule is adopted: a response with any item skipped is refused.',
    'English only: the German FABQ-D (Pfingsten et al.) could not be verified as free to use.',
  ],
};
