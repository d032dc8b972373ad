import commonDe from '../i18n/locales/de/common.json' with { type: 'json' };
import patientDe from '../i18n/locales/de/patient.json' with { type: 'json' };
import commonEn from '../i18n/locales/en/common.json' with { type: 'json' };
import patientEn from '../i18n/locales/en/patient.json' with { type: 'json' };
import type { AppResources } from '../i18n/setup.js';

// The patient app's strings, imported file by file: i18n/resources.ts imports every namespace of
// the workspace as well, and importing it here would ship those to patients' phones.
// (resources.ts still checks that German has every English key.)

/** The namespaces the patient app ships. */
export const patientResources: AppResources = {
  en: { common: commonEn, patient: patientEn },
  de: { common: commonDe, patient: patientDe },
};
