import { instrumentByCode } from './registry.js';
import { type ScoreOptions, scoreAnswers, unknownMeasure } from './score.js';
import type { Score } from './types.js';

/** Scores answers for a measure code from the API (`PHQ-9`); an unknown code is refused on `measure`. */
export function scoreMeasure(code: string, answers: unknown, options: ScoreOptions = {}): Score {
  const definition = instrumentByCode(code);
  if (!definition) throw unknownMeasure(code);
  return scoreAnswers(definition, answers, options);
}
