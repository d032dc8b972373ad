import { AppError, type FieldProblem } from '../../../platform/errors.js';

/**
 * The answers cannot be scored: a wrong count, a value out of range, or items missing where the instrument's
 * rule does not allow it. It is the 400 `validation_failed` of the error vocabulary, each problem naming its
 * answer (`answers[8]`) so the app can point at the item. Messages never repeat an answer's value.
 */
export class AnswersRejected extends AppError {
  constructor(readonly problems: FieldProblem[]) {
    super('validation_failed', 400, 'Some answers need attention.', problems);
    this.name = 'AnswersRejected';
  }
}

/** The `answers` field name of the item at a 0-based position. */
export const answerField = (index: number) => `answers[${index}]`;
