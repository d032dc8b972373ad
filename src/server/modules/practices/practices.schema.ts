import { z } from 'zod';
import { email, language, password, role } from '../auth/auth.schema.js';

export { practiceSchema } from '../auth/auth.schema.js';

// Empty or null clears an optional field; a name cannot be cleared.
const clearable = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((value) => (value === '' ? null : value));

export const practiceChangesBody = z.object({
  name: z.string().trim().min(1, 'Enter the name of your practice.').max(200).optional(),
  address: clearable(500),
  state: clearable(100),
  vatId: clearable(30),
  mfaRequired: z.boolean().optional(),
});

export const memberSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    role,
    status: z.enum(['active', 'removed']),
    mfa: z.object({ totp: z.boolean(), passkeys: z.number().int() }),
    lastSignInAt: z.string().nullable().describe('the latest sign-in'),
    createdAt: z.string(),
    you: z.boolean().describe('this member is the caller'),
  })
  .describe('Member');

export const membersQuery = z.object({
  status: z
    .enum(['active', 'removed', 'all'])
    .default('active')
    .describe('removed members are listed only when asked for'),
});

export const memberIdParams = z.object({ id: z.uuid() });
export const roleBody = z.object({ role });

export const invitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role,
    createdAt: z.string(),
    expiresAt: z.string(),
    invitedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  })
  .describe('Invitation');

export const inviteBody = z.object({ email, role });

const invitationToken = z.string().min(10).max(200);
export const invitationLookupBody = z.object({ token: invitationToken });
export const invitationLookupSchema = z.object({ practiceName: z.string(), email: z.string(), role });

const name = z.string().trim().min(1, 'This field is required.').max(100);
export const acceptInvitationBody = z.object({
  token: invitationToken,
  firstName: name,
  lastName: name,
  password,
  acceptTerms: z.literal(true, { error: 'Please agree to the terms of service.' }),
  language: language.optional(),
});
