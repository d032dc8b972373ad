import type { InstrumentDefinition, LocalText } from '../types.js';
import { choiceItems, labelledOptions } from './build.js';

const difficulty = labelledOptions(0, [
  { en: 'Extreme Difficulty or Unable to Perform Activity' },
  { en: 'Quite a Bit of Difficulty' },
  { en: 'Moderate Difficulty' },
  { en: 'A Little Bit of Difficulty' },
  { en: 'No Difficulty' },
]);

const activities: LocalText[] = [
  'Any of your usual work, housework, or school activities.',
  'Your usual hobbies, recreational or sporting activities.',
  'Getting into or out of the bath.',
  'Walking between rooms.',
  'Putting on your shoes or socks.',
  'Squatting.',
  'Lifting an object, like a bag of groceries from the floor.',
  'Performing light activities around your home.',
  'Performing heavy activities around your home.',
  'Getting into or out of a car.',
  'Walking 2 blocks.',
  'Walking a mile.',
  'Going up or down 10 stairs (about 1 flight of stairs).',
  'Standing for 1 hour.',
  'Sitting for 1 hour.',
  'Running on even ground.',
  'Running on uneven ground.',
  'Making sharp turns while running fast.',
  'Hopping.',
  'Rolling over in bed.',
].map((en) => ({ en }));

export const lefs: InstrumentDefinition = {
  code: 'LEFS',
  name: 'Lower Extremity Functional Scale',
  version: 'Binkley et al. 1999',
  languages: ['en'],
  instructions: {
    en: 'We are interested in knowing whether you are having any difficulty at all with the activities listed below because of your lower limb problem for which you are currently seeking attention. Please provide an answer for each activity. Today, do you or would you have any difficulty at all with:',
  },
  items: choiceItems('lefs', activities, difficulty),
  scoring: { kind: 'sum' },
  range: { min: 0, max: 80 },
  direction: 'higher_is_better',
  bands: [],
  mcid: {
    value: 9,
    source:
      'Binkley JM et al. 1999: minimal detectable change and minimal clinically important difference 9 scale points (90% confidence).',
  },
  subscales: [],
  flags: [],
  licence: {
    holder: 'Binkley JM, Stratford PW, Lott SA, Riddle DL',
    terms:
      'Published in Physical Therapy (1999) and free to use in clinical practice; reproduced with its source citation.',
    textShipped: true,
  },
  attribution: [
    'Binkley JM, Stratford PW, Lott SA, Riddle DL. The Lower Extremity Functional Scale (LEFS): scale development, measurement properties, and clinical application. Phys Ther 1999;79(4):371–383.',
  ],
  notes: [
    'The form asks for an answer to every activity and no proration rule is adopted, so a response with a skipped item is refused.',
    'English only: German versions exist (e.g. LEFS-G) but their wording and free use could not be verified.',
  ],
};
