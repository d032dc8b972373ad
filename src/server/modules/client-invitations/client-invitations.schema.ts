import { z } from 'zod';

export const clientIdParams = z.object({ id: z.uuid('This is not a client id.') });

export const channels = ['email', 'sms'] as const;
export type Channel = (typeof channels)[number];

export const invitationBody = z.object({
  channel: z.enum(channels, { error: 'Choose how to send the access code: "email" or "sms".' }),
});
export type InvitationInput = z.infer<typeof invitationBody>;

export const invitationSchema = z
  .object({
    channel: z.enum(channels),
    queuedAt: z
      .date()
      .describe('it goes out within moments, or as soon as the mail relay or SMS gateway answers'),
  })
  .describe('Invitation');

const consent = z.enum(['allowed', 'refused'], { error: 'Choose "allowed" or "refused".' });

export const contactPreferencesBody = z.object({
  email: consent.optional().describe('left out: stays as it is'),
  sms: consent.optional().describe('left out: stays as it is'),
});
export type ContactPreferencesInput = z.infer<typeof contactPreferencesBody>;

const channelPreference = z.object({
  status: consent,
  /** When the client refused this channel; null while it is allowed. */
  refusedAt: z.date().nullable(),
  onFile: z
    .boolean()
    .describe('whether the practice holds an address (email) or number (sms) for the client'),
});

export const contactPreferencesSchema = z
  .object({ email: channelPreference, sms: channelPreference })
  .describe('ContactPreferences');
export type ContactPreferences = z.infer<typeof contactPreferencesSchema>;
