/**
 * The categories of data Rehabit stores and how each is protected, as PRODUCT.md ("What we store, and
 * how") lists them. A fixed list in code, not configuration: it describes what the code does, so it
 * changes with the code. The processor register names these ids, and the privacy page shows them.
 */

/** enc: AES-256-GCM in the application; hash: one-way; bidx: HMAC blind index; plain: as is. */
export const protections = ['enc', 'hash', 'bidx', 'plain'] as const;
export type Protection = (typeof protections)[number];

export interface Localised {
  en: string;
  de: string;
}

export interface DataCategory {
  id: string;
  /** Whose data it is. */
  subject: 'practitioner' | 'client';
  label: Localised;
  /** What the category holds, in a few words. */
  includes: Localised;
  protection: Protection[];
}

const category = (
  id: string,
  subject: DataCategory['subject'],
  label: Localised,
  includes: Localised,
  protection: Protection[],
): DataCategory => ({ id, subject, label, includes, protection });

export const DATA_CATEGORIES = [
  category(
    'practitioner_account',
    'practitioner',
    { en: 'Practitioner account', de: 'Konto der Behandelnden' },
    {
      en: 'first and last name, email address (plain); mobile number (encrypted)',
      de: 'Vor- und Nachname, E-Mail-Adresse (unverschlüsselt); Mobilnummer (verschlüsselt)',
    },
    ['plain', 'enc'],
  ),
  category(
    'practice_details',
    'practitioner',
    { en: 'Practice details', de: 'Angaben zur Praxis' },
    {
      en: 'practice name, address, country, state, VAT ID, subscription status',
      de: 'Name, Anschrift, Land, Bundesland, USt-IdNr., Abonnementstatus der Praxis',
    },
    ['plain'],
  ),
  category(
    'sign_in_security',
    'practitioner',
    { en: 'Sign-in and security', de: 'Anmeldung und Sicherheit' },
    {
      en: 'password (hashed), TOTP secret (encrypted), passkeys, sign-in times and IP addresses, failed sign-in attempts',
      de: 'Passwort (gehasht), TOTP-Geheimnis (verschlüsselt), Passkeys, Anmeldezeiten und IP-Adressen, fehlgeschlagene Anmeldeversuche',
    },
    ['hash', 'enc', 'plain'],
  ),
  category(
    'practitioner_preferences',
    'practitioner',
    { en: 'Practitioner settings and content', de: 'Einstellungen und Inhalte der Behandelnden' },
    {
      en: 'app preferences, terms accepted, recent searches, custom templates and exercises, integrations (the API key itself hashed)',
      de: 'App-Einstellungen, akzeptierte Nutzungsbedingungen, letzte Suchen, eigene Vorlagen und Übungen, Integrationen (der API-Schlüssel selbst gehasht)',
    },
    ['plain', 'hash'],
  ),
  category(
    'client_identity',
    'client',
    { en: 'Client name and basics', de: 'Name und Grunddaten der Klient:innen' },
    {
      en: 'first and last name (plain, for search), gender, year of birth',
      de: 'Vor- und Nachname (unverschlüsselt, für die Suche), Geschlecht, Geburtsjahr',
    },
    ['plain'],
  ),
  category(
    'client_contact',
    'client',
    { en: 'Client contact details', de: 'Kontaktdaten der Klient:innen' },
    {
      en: 'mobile number and email address',
      de: 'Mobilnummer und E-Mail-Adresse',
    },
    ['enc', 'bidx'],
  ),
  category(
    'national_identifier',
    'client',
    { en: 'National identifier', de: 'Nationale Kennnummer' },
    {
      en: 'NHS number or personnummer, where the practice’s country uses one',
      de: 'NHS-Nummer oder Personnummer, wo das Land der Praxis sie verwendet',
    },
    ['enc', 'bidx'],
  ),
  category(
    'access_code',
    'client',
    { en: 'Access code', de: 'Zugangscode' },
    {
      en: 'the code that opens the patient app',
      de: 'der Code, der die Patienten-App öffnet',
    },
    ['hash', 'bidx'],
  ),
  category(
    'diagnosis',
    'client',
    { en: 'Diagnosis', de: 'Diagnose' },
    { en: 'the diagnosis code (ICD-10)', de: 'der Diagnoseschlüssel (ICD-10)' },
    ['enc'],
  ),
  category(
    'program',
    'client',
    { en: 'Exercise program', de: 'Übungsprogramm' },
    {
      en: 'the program, its exercises, dosage and education items',
      de: 'das Programm, seine Übungen, Dosierung und Informationsmaterial',
    },
    ['plain'],
  ),
  category(
    'adherence',
    'client',
    { en: 'Exercise log', de: 'Übungsprotokoll' },
    {
      en: 'sets, repetitions, hold, pain level and comments the client logs',
      de: 'Sätze, Wiederholungen, Haltezeit, Schmerzstärke und Kommentare, die Klient:innen eintragen',
    },
    ['enc'],
  ),
  category(
    'outcome_measures',
    'client',
    { en: 'Questionnaires', de: 'Fragebögen' },
    {
      en: 'outcome measure answers and scores',
      de: 'Antworten und Ergebnisse der Fragebögen',
    },
    ['enc'],
  ),
  category(
    'messages',
    'client',
    { en: 'Messages', de: 'Nachrichten' },
    {
      en: 'messages between client and practice, exercise feedback, correction requests',
      de: 'Nachrichten zwischen Klient:in und Praxis, Rückmeldungen zu Übungen, Korrekturanfragen',
    },
    ['enc'],
  ),
  category(
    'video_calls',
    'client',
    { en: 'Video calls', de: 'Videoanrufe' },
    {
      en: 'the call log (time and duration, never the content); audio only if recording was on and consented',
      de: 'das Anrufprotokoll (Zeit und Dauer, nie der Inhalt); Ton nur, wenn Aufzeichnung eingeschaltet und eingewilligt war',
    },
    ['plain', 'enc'],
  ),
  category(
    'client_preferences',
    'client',
    { en: 'Client app settings', de: 'App-Einstellungen der Klient:innen' },
    {
      en: 'language, reminder times and quiet hours, devices receiving reminders',
      de: 'Sprache, Erinnerungszeiten und Ruhezeiten, Geräte, die Erinnerungen erhalten',
    },
    ['plain'],
  ),
  category(
    'client_media',
    'client',
    { en: 'Media featuring the client', de: 'Medien, auf denen Klient:innen zu sehen sind' },
    {
      en: 'custom exercise photos and videos featuring the client',
      de: 'eigene Übungsfotos und -videos, auf denen die Person zu sehen ist',
    },
    ['enc'],
  ),
  category(
    'audit_trail',
    'client',
    { en: 'Access log', de: 'Zugriffsprotokoll' },
    {
      en: 'who read or changed a record, when and from where (ids and kinds, never content)',
      de: 'wer einen Datensatz wann und von wo gelesen oder geändert hat (Kennungen und Arten, nie Inhalte)',
    },
    ['plain'],
  ),
] as const satisfies readonly DataCategory[];

export type DataCategoryId = (typeof DATA_CATEGORIES)[number]['id'];

export const DATA_CATEGORY_IDS = DATA_CATEGORIES.map((entry) => entry.id) as [
  DataCategoryId,
  ...DataCategoryId[],
];

/** What we never store, from PRODUCT.md, for the privacy page. */
export const NEVER_STORED: Localised[] = [
  {
    en: 'card numbers or bank details (a payment processor holds them)',
    de: 'Kartennummern oder Bankdaten (ein Zahlungsdienstleister verwahrt sie)',
  },
  {
    en: 'the text of the emails and SMS we send (only recipient, template, time and status)',
    de: 'den Text der E-Mails und SMS, die wir senden (nur Empfänger, Vorlage, Zeit und Status)',
  },
  {
    en: 'the content of video calls without recording',
    de: 'den Inhalt von Videoanrufen ohne Aufzeichnung',
  },
];
