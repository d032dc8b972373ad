import { createHash } from 'node:crypto';

/** Longer "words" are pasted noise, not something a practitioner types or a title holds. */
const MAX_WORD_LENGTH = 40;

/**
 * The words of a text as search sees them: lower case, letters and digits only (so nothing a user types
 * can reach the full-text query syntax), hyphenated words split like PostgreSQL's parser splits them.
 */
export function wordsOf(text: string): string[] {
  const words =
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((word) => word.length <= MAX_WORD_LENGTH);
}

/**
 * The words worth correcting towards: two letters or more and not purely digits (a "3" in "3 sets" is
 * not a word anyone misspells).
 */
export function vocabularyOf(texts: Iterable<string>): Set<string> {
  const vocabulary = new Set<string>();
  for (const text of texts) {
    for (const word of wordsOf(text)) {
      if (word.length >= 2 && !/^\p{N}+$/u.test(word)) vocabulary.add(word);
    }
  }
  return vocabulary;
}

/** RFC 4122 name-based UUID (version 5, SHA-1): the same name always gives the same id. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Fixed forever: ids of shipped content are derived from them, and programs refer to those ids.
export const EXERCISE_NAMESPACE = '5b0c6f2e-8d43-4c1a-9f7e-2a61d3b4c901';
export const EDUCATION_NAMESPACE = '9e7d2c14-3b6a-4f58-a0c2-7d19e4f6b352';
export const VOCABULARY_NAMESPACE = 'c3a81f05-6e2d-4b97-8c14-52f0a9d7e6b8';

export const exerciseIdOf = (slug: string) => uuidV5(slug, EXERCISE_NAMESPACE);
export const articleIdOf = (slug: string) => uuidV5(slug, EDUCATION_NAMESPACE);
