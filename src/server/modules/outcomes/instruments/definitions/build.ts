import type { AnswerOption, Item, LocalText } from '../types.js';

/** Options valued from `first` upwards, labelled in order. */
export function labelledOptions(first: number, labels: readonly LocalText[]): AnswerOption[] {
  return labels.map((label, index) => ({ value: first + index, label }));
}

/** Unlabelled options for every whole number from min to max (licensed items: a pack labels them). */
export function bareOptions(min: number, max: number): AnswerOption[] {
  return Array.from({ length: max - min + 1 }, (_, index) => ({ value: min + index }));
}

/** Items that share one set of choices, one per text, ids `${prefix}_1`, `${prefix}_2`, ... */
export function choiceItems(prefix: string, texts: readonly LocalText[], options: AnswerOption[]): Item[] {
  const values = options.map((option) => option.value);
  return texts.map((text, index) => ({
    id: `${prefix}_${index + 1}`,
    text,
    min: Math.min(...values),
    max: Math.max(...values),
    integer: true,
    options,
    scored: true,
  }));
}

/** `count` items without text (licensed instruments), each a choice from min to max. */
export function untextedItems(prefix: string, count: number, min: number, max: number): Item[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}_${index + 1}`,
    min,
    max,
    integer: true,
    options: bareOptions(min, max),
    scored: true,
  }));
}
