import type { FieldProblem } from '../../../platform/errors.js';
import { AnswersRejected, answerField } from './errors.js';
import type { InstrumentDefinition, Item } from './types.js';

/** Answers that passed the per-item checks: a number in range, or null for a skipped item. */
export type CheckedAnswers = readonly (number | null)[];

function describeRange(item: Item): string {
  return item.integer
    ? `a whole number from ${item.min} to ${item.max}`
    : `a number from ${item.min} to ${item.max}`;
}

/** Checks one answer against its item; a problem for a value of the wrong type, range or precision. */
function checkOne(value: unknown, item: Item, index: number): FieldProblem | undefined {
  if (value === null || value === undefined) return undefined;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= item.min &&
    value <= item.max &&
    (!item.integer || Number.isInteger(value));
  if (ok) return undefined;
  return { field: answerField(index), message: `Item ${index + 1} takes ${describeRange(item)}.` };
}

/**
 * The shape checks every instrument shares: an array of the right length (one of `lengths`) whose values
 * are null or in their item's range. Missing items are judged by each scoring rule, not here.
 */
export function checkAnswers(
  definition: InstrumentDefinition,
  answers: unknown,
  lengths: readonly number[] = [definition.items.length],
): CheckedAnswers {
  if (!Array.isArray(answers))
    throw new AnswersRejected([{ field: 'answers', message: 'Answers are a list, one per item in order.' }]);
  if (!lengths.includes(answers.length)) {
    const expected = lengths.length === 1 ? String(lengths[0]) : lengths.join(' or ');
    throw new AnswersRejected([
      { field: 'answers', message: `${definition.code} takes ${expected} answers, not ${answers.length}.` },
    ]);
  }
  const problems: FieldProblem[] = [];
  answers.forEach((value: unknown, index) => {
    const item = definition.items[index];
    if (!item) return;
    const problem = checkOne(value, item, index);
    if (problem) problems.push(problem);
  });
  if (problems.length > 0) throw new AnswersRejected(problems);
  return answers.map((value: unknown) => (typeof value === 'number' ? value : null));
}

/** Refuses a response because of the given skipped items (0-based), each named, with the rule's reason. */
export function refuseMissing(indexes: readonly number[], reason: string): never {
  throw new AnswersRejected(
    indexes.map((index) => ({
      field: answerField(index),
      message: `Item ${index + 1} is missing: ${reason}`,
    })),
  );
}

/** 0-based positions of skipped answers among the given 0-based positions. */
export function missingAmong(answers: CheckedAnswers, indexes: readonly number[]): number[] {
  return indexes.filter((index) => answers[index] === null || answers[index] === undefined);
}

/** 0-based positions 0..n-1. */
export const positions = (n: number) => Array.from({ length: n }, (_, index) => index);

/** Sum of the answers at the given 0-based positions; callers have ruled out nulls they do not allow. */
export function sumAt(answers: CheckedAnswers, indexes: readonly number[]): number {
  let sum = 0;
  for (const index of indexes) sum += answers[index] ?? 0;
  return sum;
}
