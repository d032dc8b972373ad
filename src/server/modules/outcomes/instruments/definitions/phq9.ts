import type { InstrumentDefinition, LocalText } from '../types.js';
import { choiceItems, labelledOptions } from './build.js';

// Text: the PHQ-9 form at phqscreeners.com (English) and the PHQ-D of Löwe, Spitzer, Zipfel & Herzog
// (German), both released with "no permission required to reproduce, translate, display or distribute".

const frequency = labelledOptions(0, [
  { en: 'Not at all', de: 'Überhaupt nicht' },
  { en: 'Several days', de: 'An einzelnen Tagen' },
  { en: 'More than half the days', de: 'An mehr als der Hälfte der Tage' },
  { en: 'Nearly every day', de: 'Beinahe jeden Tag' },
]);

const items: LocalText[] = [
  {
    en: 'Little interest or pleasure in doing things',
    de: 'Wenig Interesse oder Freude an Ihren Tätigkeiten',
  },
  {
    en: 'Feeling down, depressed, or hopeless',
    de: 'Niedergeschlagenheit, Schwermut oder Hoffnungslosigkeit',
  },
  {
    en: 'Trouble falling or staying asleep, or sleeping too much',
    de: 'Schwierigkeiten ein- oder durchzuschlafen oder vermehrter Schlaf',
  },
  { en: 'Feeling tired or having little energy', de: 'Müdigkeit oder Gefühl, keine Energie zu haben' },
  { en: 'Poor appetite or overeating', de: 'Verminderter Appetit oder übermäßiges Bedürfnis zu essen' },
  {
    en: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    de: 'Schlechte Meinung von sich selbst; Gefühl, ein Versager zu sein oder die Familie enttäuscht zu haben',
  },
  {
    en: 'Trouble concentrating on things, such as reading the newspaper or watching television',
    de: 'Schwierigkeiten, sich auf etwas zu konzentrieren, z. B. beim Zeitunglesen oder Fernsehen',
  },
  {
    en: 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    de: 'Waren Ihre Bewegungen oder Ihre Sprache so verlangsamt, dass es auch anderen auffallen würde? Oder waren Sie im Gegenteil „zappelig“ oder ruhelos und hatten dadurch einen stärkeren Bewegungsdrang als sonst?',
  },
  {
    en: 'Thoughts that you would be better off dead or of hurting yourself in some way',
    de: 'Gedanken, dass Sie lieber tot wären oder sich Leid zufügen möchten',
  },
];

const difficulty = labelledOptions(0, [
  { en: 'Not difficult at all', de: 'Überhaupt nicht erschwert' },
  { en: 'Somewhat difficult', de: 'Etwas erschwert' },
  { en: 'Very difficult', de: 'Relativ stark erschwert' },
  { en: 'Extremely difficult', de: 'Sehr stark erschwert' },
]);

export const phq9: InstrumentDefinition = {
  code: 'PHQ-9',
  name: 'Patient Health Questionnaire-9',
  version: 'PHQ-9 (Kroenke, Spitzer & Williams 2001); German: PHQ-D',
  languages: ['en', 'de'],
  instructions: {
    en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    de: 'Wie oft fühlten Sie sich im Verlauf der letzten 2 Wochen durch die folgenden Beschwerden beeinträchtigt?',
  },
  items: [
    ...choiceItems('phq9', items, frequency),
    {
      id: 'phq9_10',
      text: {
        en: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
        de: 'Wenn eines oder mehrere dieser Probleme bei Ihnen vorliegen, geben Sie bitte an, wie sehr diese Probleme es Ihnen erschwert haben, Ihre Arbeit zu erledigen, Ihren Haushalt zu regeln oder mit anderen Menschen zurecht zu kommen',
      },
      min: 0,
      max: 3,
      integer: true,
      options: difficulty,
      // Recorded for the clinician; the PHQ-9 total is items 1–9 only.
      scored: false,
    },
  ],
  scoring: { kind: 'sum' },
  range: { min: 0, max: 27 },
  direction: 'lower_is_better',
  bands: [
    { code: 'minimal', from: 0, to: 4, label: { en: 'Minimal', de: 'Minimal' } },
    { code: 'mild', from: 5, to: 9, label: { en: 'Mild', de: 'Leicht' } },
    { code: 'moderate', from: 10, to: 14, label: { en: 'Moderate', de: 'Mittelgradig' } },
    {
      code: 'moderately_severe',
      from: 15,
      to: 19,
      label: { en: 'Moderately severe', de: 'Mittelschwer bis schwer' },
    },
    { code: 'severe', from: 20, to: 27, label: { en: 'Severe', de: 'Schwer' } },
  ],
  mcid: {
    value: 5,
    source:
      'Löwe B, Unützer J, Callahan CM, Perkins AJ, Kroenke K. Monitoring depression treatment outcomes with the Patient Health Questionnaire-9. Med Care 2004;42(12):1194–1201 (a change of 5 points is clinically significant).',
  },
  subscales: [],
  // Any answer above 0 on item 9 needs the practitioner's attention the same day.
  flags: [{ code: 'self_harm_risk', item: 9, above: 0 }],
  licence: {
    holder:
      'Pfizer Inc. (developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues)',
    terms:
      'No permission is required to reproduce, translate, display or distribute (phqscreeners.com); translations are published there on the same terms.',
    textShipped: true,
  },
  attribution: [
    'Kroenke K, Spitzer RL, Williams JB. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16(9):606–613.',
    'German version: Löwe B, Spitzer RL, Zipfel S, Herzog W. Gesundheitsfragebogen für Patienten (PHQ-D). Pfizer, 2002.',
  ],
  notes: [
    'No missing-item rule is adopted: a response with any of items 1–9 skipped is refused; item 10 may be skipped.',
  ],
};
