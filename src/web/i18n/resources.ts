import type { Language } from './language.js';
import commonDe from './locales/de/common.json' with { type: 'json' };
import patientDe from './locales/de/patient.json' with { type: 'json' };
import practitionerDe from './locales/de/practitioner.json' with { type: 'json' };
import commonEn from './locales/en/common.json' with { type: 'json' };
import patientEn from './locales/en/patient.json' with { type: 'json' };
import practitionerEn from './locales/en/practitioner.json' with { type: 'json' };

// English is the reference: `satisfies` makes the type check fail when German lacks a key.
type Translations<T> = Record<Language, T>;

/** Strings shared by both apps (layout, errors, language switch). */
export const common = { en: commonEn, de: commonDe } satisfies Translations<typeof commonEn>;
/** Strings of the practitioner workspace. */
export const practitioner = {
  en: practitionerEn,
  de: practitionerDe,
} satisfies Translations<typeof practitionerEn>;
/** Strings of the patient app. */
export const patient = { en: patientEn, de: patientDe } satisfies Translations<typeof patientEn>;

/** The namespaces an app can load, typed for `useTranslation` (see types.ts). */
export interface Namespaces {
  common: typeof commonEn;
  practitioner: typeof practitionerEn;
  patient: typeof patientEn;
}
