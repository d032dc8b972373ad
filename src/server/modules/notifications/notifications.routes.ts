import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestOrigin, requirePractitioner } from '../../platform/auth-context/auth-context.js';
import {
  markReadBody,
  markReadSchema,
  notificationListQuery,
  notificationListSchema,
  unreadSchema,
} from './notifications.schema.js';
import type { NotificationReader, NotificationsService } from './notifications.service.js';

export interface NotificationsRoutesOptions {
  notifications: NotificationsService;
}

const tags = ['notifications'];

function readerOf(request: FastifyRequest): NotificationReader {
  const { practiceId, practitionerId } = requirePractitioner(request);
  return { practiceId, practitionerId, ...requestOrigin(request) };
}

/** The signed-in practitioner's notification centre: their own notifications only. */
export const notificationsRoutes: FastifyPluginAsyncZod<NotificationsRoutesOptions> = async (
  app,
  { notifications },
) => {
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: notificationListQuery,
        response: { 200: notificationListSchema },
      },
    },
    async (request) => notifications.list(readerOf(request), request.query),
  );

  app.get(
    '/api/v1/notifications/unread',
    { schema: { tags, summary: 'How many of my notifications are unread', response: { 200: unreadSchema } } },
    async (request) => notifications.unread(readerOf(request)),
  );

  app.post(
    '/api/v1/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark my notifications read: {ids} or {all: true}',
        body: markReadBody,
        response: { 200: markReadSchema },
      },
    },
    async (request) =>
      notifications.markRead(readerOf(request), 'ids' in request.body ? request.body.ids : 'all'),
  );
};
