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
  // Lower case first: lowering can itself add a combining mark (İ), which the next step then drops.
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßøłđæœıþ]/g, (letter) => LETTER_FOLDS[letter] ?? letter);
}

/** The words of a text (runs of letters and digits, by Unicode classes), folded. */
export function wordsOf(text: string): string[] {
  return foldForNames(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

// German spells ä, ö, ü as ae, oe, ue where umlauts are missing: "Müller" is also written "Mueller".
const UMLAUTS = /[äöü]/giu;
const spelledOut = (name: string) => name.replace(UMLAUTS, (letter) => `${foldForNames(letter)}e`);

/** The ways a name may be written, each as its words: accents folded, umlauts spelled out, parts joined. */
function spellingsOf(name: string): string[][] {
  const spellings = new Map<string, string[]>();
  for (const written of new Set([name, spelledOut(name)])) {
    const words = wordsOf(written);
    if (words.length === 0) continue;
    spellings.set(words.join(' '), words);
    // "Anna-Lena" is also written "Annalena", "O'Brien" also "OBrien".
    if (words.length > 1) spellings.set(words.join(''), [words.join('')]);
  }
  return [...spellings.values()];
}

export interface ClientName {
  firstName: string;
  lastName: string;
}

/** Tells whether a text holds any of the names as whole words (a name of several words as a phrase). */
export interface NameGuard {
  mentionsAName(text: string): boolean;
}

/**
 * Whole words only ("Ann" does not match "Annual"), case- and accent-insensitive ("Müller" matches
 * "MULLER" and "Mueller"). One-letter names are skipped: they would match every such letter in a text.
 */
export function createNameGuard(clients: readonly ClientName[]): NameGuard {
  const single = new Set<string>();
  // Phrases are kept by their first word, so a text is scanned once whatever the number of clients.
  const phrases = new Map<string, string[][]>();
  for (const client of clients) {
    for (const name of [client.firstName, client.lastName]) {
      for (const words of spellingsOf(name)) {
        const first = words[0] as string;
        if (words.length > 1) phrases.set(first, [...(phrases.get(first) ?? []), words]);
        else if (first.length >= 2) single.add(first);
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
