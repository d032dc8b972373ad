import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './password-rules.js';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

// The rules' messages come from the service; here only a ceiling so nobody posts a megabyte "password".
export const password = z
  .string()
  .min(1, 'Enter a password.')
  .max(PASSWORD_MAX_LENGTH * 4);
export const email = z.email('Enter a valid email address.').max(254);
const name = z.string().trim().min(1, 'This field is required.').max(100);
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => /^[A-Z]{2}$/.test(code) && regionNames.of(code) !== undefined, {
    message: 'Use a two-letter country code (ISO 3166-1), e.g. GB, SE or DE.',
  });

export const mobile = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, 'Use the international format with country code, e.g. +447700900123.');

export const language = z.enum(['en', 'de']);
export const weightUnit = z.enum(['kg', 'lb']);
export const role = z.enum(['owner', 'practitioner', 'front_desk']);

export const signUpBody = z.object({
  email,
  password,
  firstName: name,
  lastName: name,
  practiceName: z.string().trim().min(1, 'Enter the name of your practice.').max(200),
  country,
  acceptTerms: z.literal(true, { error: 'Please agree to the terms of service.' }),
  address: optionalText(500),
  state: optionalText(100),
  mobile: mobile.optional(),
  vatId: optionalText(30),
  affiliation: optionalText(200),
  language: language.optional(),
  weightUnit: weightUnit.optional(),
});

export const signInBody = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(254),
  password,
  totpCode: z.string().max(20).optional(),
  recoveryCode: z.string().max(40).optional(),
  passkey: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('a WebAuthn assertion (AuthenticationResponseJSON)'),
});

export const practitionerSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    emailVerified: z.boolean(),
    firstName: z.string(),
    lastName: z.string(),
    mobile: z.string().nullable(),
    affiliation: z.string().nullable(),
    role,
    practiceId: z.uuid(),
    practiceName: z.string(),
    signInCount: z.number().int(),
    currentSignInAt: z.string().nullable(),
    currentSignInIp: z.string().nullable(),
    lastSignInAt: z.string().nullable(),
    lastSignInIp: z.string().nullable(),
    preferences: z.object({
      language,
      weightUnit,
      notifications: z.object({
        newMessage: z.boolean(),
        painAlert: z.boolean(),
        outcomeAlert: z.boolean(),
        lockedAccessCode: z.boolean(),
      }),
    }),
    termsVersion: z.string().nullable(),
    termsAcceptedAt: z.string().nullable(),
    mfa: z.object({ totp: z.boolean(), passkeys: z.number().int() }),
    mfaSetupRequired: z.boolean(),
    createdAt: z.string(),
  })
  .describe('Practitioner');

export const signedInSchema = z.object({ practitioner: practitionerSchema, csrfToken: z.string() });

export const practiceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.string().nullable(),
    country: z.string(),
    state: z.string().nullable(),
    vatId: z.string().nullable(),
    region: z.string(),
    subscriptionStatus: z.string(),
    mfaRequired: z.boolean(),
    createdAt: z.string(),
  })
  .describe('Practice');

export const tokenBody = z.object({ token: z.string().min(10).max(200) });
export const resetConfirmBody = z.object({ token: z.string().min(10).max(200), password });

export const profileBody = z.object({
  firstName: name.optional(),
  lastName: name.optional(),
  mobile: mobile.nullable().optional(),
  affiliation: z.string().trim().max(200).nullable().optional(),
  preferences: z
    .object({
      language: language.optional(),
      weightUnit: weightUnit.optional(),
      notifications: z
        .object({
          newMessage: z.boolean().optional(),
          painAlert: z.boolean().optional(),
          outcomeAlert: z.boolean().optional(),
          lockedAccessCode: z.boolean().optional(),
        })
        .optional(),
    })
    .optional(),
});

export const passwordChangeBody = z.object({ currentPassword: password, newPassword: password });
export const passwordBody = z.object({ password });

export const sessionSchema = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
