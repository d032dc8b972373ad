import { eq5d5l } from './definitions/eq5d5l.js';
import { fabq } from './definitions/fabq.js';
import { gad7 } from './definitions/gad7.js';
import { groc } from './definitions/groc.js';
import { hoos, koos } from './definitions/koos-hoos.js';
import { lefs } from './definitions/lefs.js';
import { ndi, odi } from './definitions/licensed-spine.js';
import { nprs } from './definitions/nprs.js';
import { phq9 } from './definitions/phq9.js';
import { promisPainInterference6a, promisPhysicalFunction6b } from './definitions/promis.js';
import { psfs } from './definitions/psfs.js';
import { quickDash } from './definitions/quickdash.js';
import type { InstrumentDefinition } from './types.js';

const instruments: readonly InstrumentDefinition[] = [
  nprs,
  psfs,
  phq9,
  gad7,
  groc,
  lefs,
  fabq,
  odi,
  ndi,
  quickDash,
  koos,
  hoos,
  eq5d5l,
  promisPhysicalFunction6b,
  promisPainInterference6a,
];

const byCode = new Map(instruments.map((instrument) => [instrument.code, instrument]));

/** The instrument with this measure code (exact, as in API.md), or undefined. */
export function instrumentByCode(code: string): InstrumentDefinition | undefined {
  return byCode.get(code);
}

/** Every instrument Rehabit can score, shipped text or not (see `licence.textShipped`). */
export function listInstruments(): readonly InstrumentDefinition[] {
  return instruments;
}
