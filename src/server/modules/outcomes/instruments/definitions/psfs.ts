import type { InstrumentDefinition, Item } from '../types.js';

const MAX_ACTIVITIES = 5;

// Each item is one activity the client named; its name is kept with the assignment, not here.
const activity = (n: number): Item => ({
  id: `psfs_${n}`,
  min: 0,
  max: 10,
  integer: true,
  anchors: {
    min: { en: 'Unable to perform activity' },
    max: { en: 'Able to perform activity at the same level as before injury or problem' },
  },
  scored: true,
});

export const psfs: InstrumentDefinition = {
  code: 'PSFS',
  name: 'Patient-Specific Functional Scale',
  version: 'Stratford et al. 1995',
  languages: ['en'],
  instructions: {
    en: 'I am going to ask you to identify up to three important activities that you are unable to do or are having difficulty with as a result of your _________________ problem. Today, are there any activities that you are unable to do or having difficulty with because of your _________________ problem? (Clinician: show scale to patient and have the patient rate each activity).',
  },
  items: Array.from({ length: MAX_ACTIVITIES }, (_, index) => activity(index + 1)),
  // Total score = sum of the activity scores / number of activities (the published form).
  scoring: { kind: 'mean', minAnswers: 1, maxAnswers: MAX_ACTIVITIES },
  range: { min: 0, max: 10 },
  direction: 'higher_is_better',
  bands: [],
  mcid: {
    value: 2,
    source:
      'The published PSFS form: minimum detectable change (90% CI) for the average score = 2 points (3 points for a single activity); Stratford P, Gill C, Westaway M, Binkley J. Physiother Can 1995;47:258–263.',
  },
  subscales: [],
  flags: [],
  licence: {
    holder: 'Stratford P, Gill C, Westaway M, Binkley J',
    terms:
      'Published in Physiotherapy Canada (1995); the form is reproduced freely in clinical use with the authors’ attribution.',
    textShipped: true,
  },
  attribution: [
    'Stratford P, Gill C, Westaway M, Binkley J. Assessing disability and change on individual patients: a report of a patient specific measure. Physiother Can 1995;47:258–263.',
  ],
  notes: [
    'The answers are the ratings of the 1–5 activities the client named, in order; an activity without a rating is refused.',
    'English only: no German translation whose wording and free use could be verified.',
  ],
};
