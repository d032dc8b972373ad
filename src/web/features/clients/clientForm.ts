import type { Client, Gender, Language } from './clientsApi.js';

/** What the client form holds: every input as typed. */
export interface ClientFormValues {
  firstName: string;
  lastName: string;
  gender: Gender | '';
  yearOfBirth: string;
  email: string;
  mobile: string;
  diagnosisCode: string;
  nationalId: string;
  language: Language;
}

/** Countries whose practices record a national identifier (the server refuses one elsewhere). */
export const nationalIdCountries = ['GB', 'SE'] as const;

export function emptyClientValues(language: Language): ClientFormValues {
  return {
    firstName: '',
    lastName: '',
    gender: '',
    yearOfBirth: '',
    email: '',
    mobile: '',
    diagnosisCode: '',
    nationalId: '',
    language,
  };
}

/** The form's values for editing an existing client. */
export function clientValues(client: Client): ClientFormValues {
  return {
    firstName: client.firstName,
    lastName: client.lastName,
    gender: client.gender,
    yearOfBirth: String(client.yearOfBirth),
    email: client.email ?? '',
    mobile: client.mobile ?? '',
    diagnosisCode: client.diagnosisCode ?? '',
    nationalId: client.nationalId ?? '',
    language: client.language,
  };
}

/** A year as a number when it is one, else the text as typed, so the server names the problem. */
function yearOf(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * The request body for POST (create) or PATCH (update). Empty optional fields are sent as null, which
 * clears them on update; the server checks every field, so nothing is dropped here.
 */
export function clientBody(values: ClientFormValues, includeNationalId: boolean): Record<string, unknown> {
  const optional = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    gender: values.gender === '' ? undefined : values.gender,
    yearOfBirth: yearOf(values.yearOfBirth),
    email: optional(values.email),
    mobile: optional(values.mobile),
    diagnosisCode: optional(values.diagnosisCode),
    ...(includeNationalId ? { nationalId: optional(values.nationalId) } : {}),
    language: values.language,
  };
}

/** "Ada Lovelace". */
export const clientName = (client: { firstName: string; lastName: string }) =>
  `${client.firstName} ${client.lastName}`;
