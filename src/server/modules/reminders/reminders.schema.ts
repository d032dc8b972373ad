import { z } from 'zod';
import { isTimeZone } from './reminder-times.js';

const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give the time as HH:MM, from 00:00 to 23:59.');

export const remindersBody = z.object({
  times: z.array(localTime).max(6, 'Choose at most 6 reminder times.'),
  quietHours: z.object({ start: localTime, end: localTime }).nullable().default(null),
  timeZone: z.string().max(64).refine(isTimeZone, 'Choose a time zone such as Europe/Berlin.'),
});
export type RemindersInput = z.infer<typeof remindersBody>;

export const remindersSchema = z
  .object({
    times: z.array(z.string()),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    timeZone: z.string().nullable(),
    devices: z.number().int().describe('devices subscribed to push reminders'),
  })
  .describe('Reminders');

export const subscriptionBody = z.object({
  endpoint: z.url({ protocol: /^https$/, error: 'A push endpoint is an https URL.' }).max(2048),
  keys: z.object({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'This is not a push subscription key.'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/, 'This is not a push subscription secret.'),
  }),
});

export const unsubscribeBody = z.object({ endpoint: z.string().max(2048) });
export const publicKeySchema = z.object({
  publicKey: z.string().describe('VAPID applicationServerKey, base64url'),
});
