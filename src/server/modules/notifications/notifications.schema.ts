import { z } from 'zod';
import { notificationKinds } from '../../db/schema/index.js';

export const notificationListQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('only the unread ones'),
  before: z.coerce.date().optional().describe("the createdAt of the previous page's last notification"),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(notificationKinds),
    client: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }).nullable(),
    subjectId: z.uuid().nullable().describe('the message or alert it is about'),
    createdAt: z.date(),
    readAt: z.date().nullable(),
  })
  .describe('Notification');

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  unread: z.number().int(),
});

export const unreadSchema = z.object({ unread: z.number().int() });

export const markReadBody = z.union([
  z.object({ ids: z.array(z.uuid('This is not a notification id.')).min(1).max(200) }),
  z.object({ all: z.literal(true) }),
]);

export const markReadSchema = z.object({ read: z.number().int(), unread: z.number().int() });
