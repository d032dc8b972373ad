import type { Language } from './language.js';
import accountDe from './locales/de/account.json' with { type: 'json' };
import authDe from './locales/de/auth.json' with { type: 'json' };
import careDe from './locales/de/care.json' with { type: 'json' };
import clinicalDe from './locales/de/clinical.json' with { type: 'json' };
import commonDe from './locales/de/common.json' with { type: 'json' };
import messagingDe from './locales/de/messaging.json' with { type: 'json' };
import outcomesDe from './locales/de/outcomes.json' with { type: 'json' };
import patientDe from './locales/de/patient.json' with { type: 'json' };
import practiceDe from './locales/de/practice.json' with { type: 'json' };
import practitionerDe from './locales/de/practitioner.json' with { type: 'json' };
import accountEn from './locales/en/account.json' with { type: 'json' };
import authEn from './locales/en/auth.json' with { type: 'json' };
import careEn from './locales/en/care.json' with { type: 'json' };
import clinicalEn from './locales/en/clinical.json' with { type: 'json' };
import commonEn from './locales/en/common.json' with { type: 'json' };
import messagingEn from './locales/en/messaging.json' with { type: 'json' };
import outcomesEn from './locales/en/outcomes.json' with { type: 'json' };
import patientEn from './locales/en/patient.json' with { type: 'json' };
import practiceEn from './locales/en/practice.json' with { type: 'json' };
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
/** Sign-up, sign-in, password reset, email verification and invitations (workspace). */
export const auth = { en: authEn, de: authDe } satisfies Translations<typeof authEn>;
/** The practitioner's own account: profile, preferences, password, second factors, sessions. */
export const account = { en: accountEn, de: accountDe } satisfies Translations<typeof accountEn>;
/** The practice settings: members, invitations, roles, MFA policy, API keys. */
export const practice = { en: practiceEn, de: practiceDe } satisfies Translations<typeof practiceEn>;
/** Clients, the exercise library, custom exercises, programs and templates (workspace). */
export const clinical = { en: clinicalEn, de: clinicalDe } satisfies Translations<typeof clinicalEn>;
/** The patient app seen from the workspace: adherence, app access, alerts and their rules, the dashboard. */
export const care = { en: careEn, de: careDe } satisfies Translations<typeof careEn>;
/** Conversations, realtime and the notification centre (both apps). */
export const messaging = { en: messagingEn, de: messagingDe } satisfies Translations<typeof messagingEn>;
/** Outcome measures in the workspace: assignments, answers taken in clinic, history and progress. */
export const outcomes = { en: outcomesEn, de: outcomesDe } satisfies Translations<typeof outcomesEn>;
/** Strings of the patient app. */
export const patient = { en: patientEn, de: patientDe } satisfies Translations<typeof patientEn>;

/** The namespaces an app can load, typed for `useTranslation` (see types.ts). */
export interface Namespaces {
  common: typeof commonEn;
  practitioner: typeof practitionerEn;
  patient: typeof patientEn;
  auth: typeof authEn;
  account: typeof accountEn;
  practice: typeof practiceEn;
  clinical: typeof clinicalEn;
  care: typeof careEn;
  messaging: typeof messagingEn;
  outcomes: typeof outcomesEn;
}
