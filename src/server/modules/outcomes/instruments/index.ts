// The instrument engine's public face for the outcomes module: pure functions, no database, no HTTP.
export { type Change, changeFromBaseline } from './change.js';
export {
  CONTENT_PACK_FORMAT,
  type ContentPack,
  type ContentPackResult,
  parseContentPack,
} from './content-pack.js';
export {
  type CustomMeasure,
  customMeasureInstrument,
  customMeasureSchema,
  parseCustomMeasure,
  scoreCustomMeasure,
} from './custom-measure.js';
export { AnswersRejected } from './errors.js';
export { scoreMeasure } from './measure.js';
export { instrumentByCode, listInstruments } from './registry.js';
export { type ScoreOptions, type ScoringTables, scoreAnswers } from './score.js';
export type * from './types.js';
