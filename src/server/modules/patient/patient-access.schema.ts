import { z } from 'zod';

export const patientSignInBody = z.object({
  accessCode: z
    .string({ error: 'Enter your access code.' })
    .max(40, 'An access code has 10 letters.')
    .describe('10 letters, any case; spaces and dashes are ignored'),
  yearOfBirth: z
    .number({ error: 'Enter your year of birth as a number.' })
    .int('Enter your year of birth as a whole number.')
    .min(1900, 'Enter a year of birth from 1900.')
    .max(2100, 'Enter a year of birth as four digits.')
    .optional()
    .describe('needed once the record holds information about the client'),
});

export const patientSessionSchema = z.object({
  token: z.string().describe('send as Authorization: Bearer on /api/v1/patient/*'),
  expiresAt: z.date(),
  client: z.object({ firstName: z.string() }),
});

export const clientIdParams = z.object({ id: z.uuid('This is not a client id.') });

export const appAccessSchema = z
  .object({
    devices: z.array(
      z.object({ id: z.uuid(), userAgent: z.string().nullable(), createdAt: z.date(), lastSeenAt: z.date() }),
    ),
    recentYearOfBirthFailures: z.number().int().describe('wrong years of birth in the last hour'),
    lockedUntil: z.date().nullable().describe('set while the access code is locked'),
  })
  .describe('ClientAppAccess');

export const signedOutSchema = z.object({ signedOut: z.number().int() });

export const patientMeSchema = z.object({
  client: z.object({ firstName: z.string(), language: z.enum(['en', 'de']) }),
  expiresAt: z.date().describe('when this device must sign in again'),
});

export const regionsSchema = z.object({
  current: z.string().describe("this deployment's region"),
  regions: z.array(
    z.object({
      code: z.string(),
      name: z.string().describe('in English; apps may name it in their own language'),
      url: z.string(),
      appUrl: z.string().describe("the region's patient app"),
    }),
  ),
});
