import type { InstrumentDefinition } from '../types.js';

export const nprs: InstrumentDefinition = {
  code: 'NPRS',
  name: 'Numeric Pain Rating Scale',
  version: '11-point (0–10)',
  languages: ['en'],
  items: [
    {
      id: 'nprs_1',
      min: 0,
      max: 10,
      integer: true,
      anchors: { min: { en: 'No pain' }, max: { en: 'Worst pain imaginable' } },
      scored: true,
    },
  ],
  scoring: { kind: 'sum' },
  range: { min: 0, max: 10 },
  direction: 'lower_is_better',
  bands: [],
  mcid: {
    value: 2,
    source:
      'Farrar JT, Young JP, LaMoreaux L, Werth JL, Poole RM. Clinical importance of changes in chronic pain intensity measured on an 11-point numerical pain rating scale. Pain 2001;94(2):149–158; Childs JD, Piva SR, Fritz JM. Responsiveness of the numeric pain rating scale in patients with low back pain. Spine 2005;30(11):1331–1334.',
  },
  subscales: [],
  flags: [],
  licence: { holder: 'Public domain', terms: 'Free to use.', textShipped: true },
  attribution: [
    'Jensen MP, McFarland CA. Increasing the reliability and validity of pain intensity measurement in chronic pain patients. Pain 1993;55:195–203.',
  ],
  notes: [
    'The NPRS has no single official wording or recall period (commonly current pain or the last 24 hours); only the end anchors are shipped, in English. The German app shows them in English.',
  ],
};
