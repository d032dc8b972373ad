/** The languages both apps ship with; the first is the fallback. */
export const languages = ['en', 'de'] as const;
export type Language = (typeof languages)[number];

/** localStorage key holding the user's explicit choice; shared by both apps on the same origin. */
export const languageStorageKey = 'rehabit.lang';

/** Narrows an arbitrary value to a supported language code. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function readStoredLanguage(): Language | undefined {
  try {
    const stored = window.localStorage.getItem(languageStorageKey);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    // Storage can be disabled (private modes, strict settings); fall back to the browser.
    return undefined;
  }
}

/** The stored choice, else the browser's language when it is German, else English. */
export function detectLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** Remembers an explicit choice; a failure only means the choice is not remembered. */
export function persistLanguage(language: Language): void {
  try {
    window.localStorage.setItem(languageStorageKey, language);
  } catch {
    // See readStoredLanguage.
  }
}
