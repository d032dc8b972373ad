import type { InstrumentDefinition } from './types.js';

/** Test helper: answers to the scored items that add up to `total`, filling items in order (min first). */
export function answersSumming(definition: InstrumentDefinition, total: number): (number | null)[] {
  let rest = total - definition.items.reduce((sum, item) => sum + (item.scored ? item.min : 0), 0);
  return definition.items.map((item) => {
    if (!item.scored) return null;
    const value = item.min + Math.min(item.max - item.min, rest);
    rest -= value - item.min;
    return value;
  });
}
