// A custom exercise must not carry a client's name (PRODUCT.md): exercises are shared across the
// practice's clients, and a name in a title would tell every one of them about another.

// Letters that carry their accent in the letter itself, so NFD leaves them whole.
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
};

/** Case, accents and ß folded away, so "JOSÉ", "Jose" and "josé" compare equal. */
export function foldForNames(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßøłđæœıþ]/g, (letter) => LETTER_FOLDS[letter] ?? letter);
}

/** The words of a text (runs of letters and digits, by Unicode classes), folded. */
export function wordsOf(text: string): string[] {
  return foldForNames(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

export interface ClientName {
  firstName: string;
  lastName: string;
}

/** Tells whether a text holds any of the names as whole words (a name of several words as a phrase). */
export interface NameGuard {
  mentionsAName(text: string): boolean;
}

export function createNameGuard(clients: readonly ClientName[]): NameGuard {
  const single = new Set<string>();
  // Phrases are kept by their first word, so a text is scanned once whatever the number of clients.
  const phrases = new Map<string, string[][]>();
  for (const client of clients) {
    for (const name of [client.firstName, client.lastName]) {
      const words = wordsOf(name);
      // A one-letter name ("A.") would match every "a" in a text, refusing any exercise at all.
      if (words.length === 0 || (words.length === 1 && (words[0] as string).length < 2)) continue;
      if (words.length === 1) single.add(words[0] as string);
      else {
        const first = words[0] as string;
        phrases.set(first, [...(phrases.get(first) ?? []), words]);
      }
    }
  }
  return {
    mentionsAName(text) {
      const words = wordsOf(text);
      return words.some(
        (word, at) =>
          single.has(word) ||
          (phrases.get(word) ?? []).some((phrase) => phrase.every((part, i) => words[at + i] === part)),
      );
    },
  };
}
