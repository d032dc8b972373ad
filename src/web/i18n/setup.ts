import i18next, { type i18n } from 'i18next';
import { detectLanguage, type Language, languages, persistLanguage } from './language.js';
import type { Namespaces } from './resources.js';
import './types.js';

/** Per language, the namespaces this app ships (each app bundles only its own strings). */
export type AppResources = Record<Language, Partial<Namespaces> & Pick<Namespaces, 'common'>>;

/**
 * Creates the app's i18next instance, synchronously: resources are bundled, so the first render
 * already has its strings and needs no loading state.
 */
export function createI18n(resources: AppResources): i18n {
  const instance = i18next.createInstance();
  const language = detectLanguage();
  void instance.init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...languages],
    defaultNS: 'common',
    ns: Object.keys(resources.en),
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already.
    returnNull: false,
  });
  document.documentElement.lang = language;
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return instance;
}

/** Switches the language at once and remembers the choice for the next visit. */
export async function switchLanguage(instance: i18n, language: Language): Promise<void> {
  persistLanguage(language);
  await instance.changeLanguage(language);
}
