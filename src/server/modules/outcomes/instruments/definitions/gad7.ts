import type { InstrumentDefinition, LocalText } from '../types.js';
import { choiceItems, labelledOptions } from './build.js';

// Text: the GAD-7 form at phqscreeners.com (English) and the German GAD-7 of the PHQ-D (Löwe et al.), both
// free to reproduce. The German wording of item 8 could not be confirmed, so item 8 is English only.

const frequency = labelledOptions(0, [
  { en: 'Not at all', de: 'Überhaupt nicht' },
  { en: 'Several days', de: 'An einzelnen Tagen' },
  { en: 'More than half the days', de: 'An mehr als der Hälfte der Tage' },
  { en: 'Nearly every day', de: 'Beinahe jeden Tag' },
]);

const items: LocalText[] = [
  { en: 'Feeling nervous, anxious, or on edge', de: 'Nervosität, Ängstlichkeit oder Anspannung' },
  {
    en: 'Not being able to stop or control worrying',
    de: 'Nicht in der Lage sein, Sorgen zu stoppen oder zu kontrollieren',
  },
  {
    en: 'Worrying too much about different things',
    de: 'Übermäßige Sorgen bezüglich verschiedener Angelegenheiten',
  },
  { en: 'Trouble relaxing', de: 'Schwierigkeiten zu entspannen' },
  {
    en: 'Being so restless that it is hard to sit still',
    de: 'Rastlosigkeit, so dass Stillsitzen schwer fällt',
  },
  { en: 'Becoming easily annoyed or irritable', de: 'Schnelle Verärgerung oder Gereiztheit' },
  {
    en: 'Feeling afraid, as if something awful might happen',
    de: 'Gefühl der Angst, so als würde etwas Schlimmes passieren',
  },
];

export const gad7: InstrumentDefinition = {
  code: 'GAD-7',
  name: 'Generalized Anxiety Disorder 7-item scale',
  version: 'GAD-7 (Spitzer et al. 2006); German: Löwe et al. 2008',
  languages: ['en', 'de'],
  instructions: {
    en: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
    de: 'Wie oft fühlten Sie sich im Verlauf der letzten 2 Wochen durch die folgenden Beschwerden beeinträchtigt?',
  },
  items: [
    ...choiceItems('gad7', items, frequency),
    {
      id: 'gad7_8',
      text: {
        en: 'If you checked off any problems, how difficult have these made it for you to do your work, take care of things at home, or get along with other people?',
      },
      min: 0,
      max: 3,
      integer: true,
      options: labelledOptions(0, [
        { en: 'Not difficult at all' },
        { en: 'Somewhat difficult' },
        { en: 'Very difficult' },
        { en: 'Extremely difficult' },
      ]),
      scored: false,
    },
  ],
  scoring: { kind: 'sum' },
  range: { min: 0, max: 21 },
  direction: 'lower_is_better',
  bands: [
    { code: 'minimal', from: 0, to: 4, label: { en: 'Minimal', de: 'Minimal' } },
    { code: 'mild', from: 5, to: 9, label: { en: 'Mild', de: 'Leicht' } },
    { code: 'moderate', from: 10, to: 14, label: { en: 'Moderate', de: 'Mittelgradig' } },
    { code: 'severe', from: 15, to: 21, label: { en: 'Severe', de: 'Schwer' } },
  ],
  mcid: {
    value: 4,
    source:
      'Toussaint A, Hüsing P, Gumz A, et al. Sensitivity to change and minimal clinically important difference of the 7-item Generalized Anxiety Disorder Questionnaire (GAD-7). J Affect Disord 2020;265:395–401.',
  },
  subscales: [],
  flags: [],
  licence: {
    holder:
      'Pfizer Inc. (developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues)',
    terms: 'No permission is required to reproduce, translate, display or distribute (phqscreeners.com).',
    textShipped: true,
  },
  attribution: [
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092–1097.',
    'German version: Löwe B, Decker O, Müller S, et al. Validation and standardization of the Generalized Anxiety Disorder Screener (GAD-7) in the general population. Med Care 2008;46(3):266–274.',
  ],
  notes: [
    'No missing-item rule is adopted: a response with any of items 1–7 skipped is refused; item 8 may be skipped.',
    'Item 8 (difficulty, not scored) is shown in English in the German app: its German wording could not be verified.',
  ],
};
