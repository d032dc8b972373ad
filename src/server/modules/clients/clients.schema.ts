import { z } from 'zod';
import { genders, nationalIdKinds } from '../../db/schema/clients.js';

// Shapes only; the rules that need the practice's country or today's date live in client-fields.ts and
// national-id.ts and are applied by the service, which names every bad field at once.

const name = (label: string) =>
  z
    .string({ error: `Enter the client's ${label}.` })
    .trim()
    .min(1, `Enter the client's ${label}.`)
    .max(100, 'Use at most 100 characters.');

// Empty or null clears an optional field.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .nullable()
    .optional()
    .transform((value) => (value === '' ? null : value));

const emailField = z
  .string()
  .trim()
  .max(254, 'Use at most 254 characters.')
  .nullable()
  .optional()
  .transform((value) => (value === '' ? null : value))
  .refine((value) => value == null || z.email().safeParse(value).success, {
    message: 'Enter a valid email address, e.g. name@example.com.',
  });

export const gender = z.enum(genders, {
  error: `Choose one of: ${genders.join(', ')}.`,
});
export const language = z.enum(['en', 'de'], { error: 'Choose en or de.' });
const yearOfBirth = z
  .number({ error: 'Enter the year of birth as a number, e.g. 1984.' })
  .int('Enter the year of birth as a whole number, e.g. 1984.');

const optionalFields = {
  email: emailField,
  mobile: optionalText(40),
  diagnosisCode: optionalText(20),
  nationalId: optionalText(30),
};

export const createClientBody = z.object({
  firstName: name('first name'),
  lastName: name('last name'),
  gender,
  yearOfBirth,
  ...optionalFields,
  language: language.optional(),
});
export type CreateClientInput = z.infer<typeof createClientBody>;

export const updateClientBody = z.object({
  firstName: name('first name').optional(),
  lastName: name('last name').optional(),
  gender: gender.optional(),
  yearOfBirth: yearOfBirth.optional(),
  ...optionalFields,
  language: language.optional(),
});
export type UpdateClientInput = z.infer<typeof updateClientBody>;

export const clientListQuery = z.object({
  q: z.string().trim().max(100).optional().describe('name search: every word in the first or last name'),
  email: z.string().trim().max(254).optional().describe('exact email address'),
  mobile: z
    .string()
    .trim()
    .max(40)
    .optional()
    .describe("exact mobile number (national format of the practice's country, or E.164)"),
  nationalId: z.string().trim().max(30).optional().describe('exact national identifier'),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ClientListQuery = z.infer<typeof clientListQuery>;

export const clientIdParams = z.object({ id: z.uuid('This is not a client id.') });

export const clientSchema = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    gender,
    yearOfBirth: z.number().int(),
    email: z.string().nullable(),
    mobile: z.string().nullable().describe('E.164'),
    diagnosisCode: z.string().nullable().describe('ICD-10, dotted form'),
    nationalId: z.string().nullable().describe('NHS number "943 476 5919"; personnummer "YYYYMMDD-NNNN"'),
    nationalIdKind: z.enum(nationalIdKinds).nullable(),
    language,
    archivedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('Client');

export const clientSummarySchema = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    gender,
    yearOfBirth: z.number().int(),
    language,
    archivedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('ClientSummary: no encrypted fields, so a list decrypts nothing');

export const clientListSchema = z.object({ items: z.array(clientSummarySchema), total: z.number().int() });

export const diagnosisCodesQuery = z.object({
  q: z.string().trim().max(100).optional(),
  lang: language.default('en'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const diagnosisCodesSchema = z.object({
  items: z.array(z.object({ code: z.string(), title: z.string() })),
});
