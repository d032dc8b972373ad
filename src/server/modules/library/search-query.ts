import { wordsOf } from './words.js';

/** More words add nothing a practitioner needs and only cost time. */
export const MAX_QUERY_WORDS = 8;
/** Shorter words are not corrected: their trigrams say too little. */
const MIN_CORRECTED_LENGTH = 3;
/** Suggestions this close to the best one are searched for too ("sholder": shoulder, shoulders). */
const CLOSE_TO_BEST = 0.8;
/**
 * A word still being typed is most likely the start of a longer word: "Schultr" means "Schulter",
 * although "schult" (a verb) is as similar by trigrams.
 */
const LONGER_WHILE_TYPING = 0.2;

export interface QueryWord {
  word: string;
  /** The word being typed: it matches words that start with it. */
  prefix: boolean;
}

/** The words of a query; the last one is a prefix unless the query ends with a space or it is one letter. */
export function queryWords(q: string): QueryWord[] {
  const words = [...new Set(wordsOf(q))].slice(0, MAX_QUERY_WORDS);
  const typing = !/\s$/.test(q);
  return words.map((word, index) => ({
    word,
    prefix: typing && index === words.length - 1 && word.length >= 2,
  }));
}

/** The words worth asking the vocabulary about. */
export const correctable = (words: QueryWord[]) => words.filter((w) => w.word.length >= MIN_CORRECTED_LENGTH);

export interface Suggestion {
  input: string;
  suggestion: string;
  score: number;
}

export interface CorrectedWord extends QueryWord {
  /** Vocabulary words searched in place of a word the vocabulary does not know, best first. */
  corrections: string[];
}

/** Applies the vocabulary's suggestions: for each unknown word, the best and those close to it. */
export function correct(words: QueryWord[], suggestions: Suggestion[]): CorrectedWord[] {
  return words.map((word) => {
    const weight = (s: Suggestion) =>
      s.score + (word.prefix && s.suggestion.length > word.word.length ? LONGER_WHILE_TYPING : 0);
    const mine = suggestions
      .filter((s) => s.input === word.word && s.suggestion !== word.word)
      .map((s) => ({ suggestion: s.suggestion, weight: weight(s) }))
      .sort((a, b) => b.weight - a.weight || a.suggestion.localeCompare(b.suggestion));
    const best = mine[0]?.weight ?? 0;
    return {
      ...word,
      // The library's vocabulary and the practice's may both suggest a word: search it once.
      corrections: [
        ...new Set(mine.filter((s) => s.weight >= best * CLOSE_TO_BEST).map((s) => s.suggestion)),
      ],
    };
  });
}

/**
 * The to_tsquery text: every word (AND), each with its corrections (OR); a word being typed and its
 * corrections match as prefixes. Words hold letters and digits only, so quoting them leaves no room
 * for query syntax from the user.
 */
export function toTsQuery(words: CorrectedWord[]): string {
  return words
    .map((w) => {
      const suffix = w.prefix ? ':*' : '';
      const terms = [w.word, ...w.corrections].map((term) => `'${term}'${suffix}`);
      return terms.length === 1 ? terms[0] : `(${terms.join(' | ')})`;
    })
    .join(' & ');
}

/** The query as searched, when a word was corrected: each corrected word replaced by its best correction. */
export function correctedQuery(words: CorrectedWord[]): string | undefined {
  if (!words.some((w) => w.corrections.length)) return undefined;
  return words.map((w) => w.corrections[0] ?? w.word).join(' ');
}

/** The query as a title would read it: lower case, single spaces (an equal title ranks first). */
export const titlePhrase = (q: string) => q.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
