import { describe, expect, test } from 'vitest';
import { correct, correctedQuery, queryWords, titlePhrase, toTsQuery } from './search-query.js';
import { vocabularyOf, wordsOf } from './words.js';

describe('query words', () => {
  test('are lower case letters and digits, the syntax of tsquery left out', () => {
    expect(wordsOf("Knee' & !(bend):* 90°")).toEqual(['knee', 'bend', '90']);
    expect(wordsOf('Übung für die Schulter')).toEqual(['übung', 'für', 'die', 'schulter']);
  });

  test('the last one is a prefix while it is being typed', () => {
    expect(queryWords('knee ben')).toEqual([
      { word: 'knee', prefix: false },
      { word: 'ben', prefix: true },
    ]);
    expect(queryWords('knee bend ').at(-1)).toEqual({ word: 'bend', prefix: false });
    expect(queryWords('knee knee')).toHaveLength(1);
  });

  test('digits alone and single letters stay out of the vocabulary', () => {
    expect([...vocabularyOf(['3 sets of a squat'])]).toEqual(['sets', 'of', 'squat']);
  });
});

describe('corrections', () => {
  test('a typed word is searched with its nearest words, prefixes kept', () => {
    const words = correct(queryWords('sholder'), [
      { input: 'sholder', suggestion: 'shoulder', score: 0.6 },
      { input: 'sholder', suggestion: 'shoulders', score: 0.55 },
      { input: 'sholder', suggestion: 'holder', score: 0.3 },
    ]);
    expect(toTsQuery(words)).toBe("('sholder':* | 'shoulder':* | 'shoulders':*)");
    expect(correctedQuery(words)).toBe('shoulder');
  });

  test('a word being typed prefers a longer correction over an equally near shorter one', () => {
    const words = correct(queryWords('Schultr'), [
      { input: 'schultr', suggestion: 'schult', score: 0.6 },
      { input: 'schultr', suggestion: 'schulter', score: 0.5 },
    ]);
    expect(correctedQuery(words)).toBe('schulter');
  });

  test('known words are searched as typed and nothing is reported', () => {
    const words = correct(queryWords('knee bend '), []);
    expect(toTsQuery(words)).toBe("'knee' & 'bend'");
    expect(correctedQuery(words)).toBeUndefined();
  });

  test('an exact title is compared in lower case with single spaces', () => {
    expect(titlePhrase('  Chin   Tuck ')).toBe('chin tuck');
  });
});
