import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import { createNotificationMail } from './notifications.mail.js';
import { notificationsRoutes } from './notifications.routes.js';
import {
  createNotifications,
  NOTIFICATION_MAIL_JOB,
  type NotificationsService,
} from './notifications.service.js';

/** The notification centre; other modules raise notifications through the service in their own transactions. */
export async function registerNotifications(
  app: FastifyInstance,
  platform: Platform,
): Promise<NotificationsService> {
  const { transactor, audit, clock, jobs, realtime, mailer, config } = platform;
  const notifications = createNotifications({ transactor, audit, clock, jobs, realtime });
  jobs.register(
    NOTIFICATION_MAIL_JOB,
    createNotificationMail({ transactor, mailer, clock, publicUrl: config.publicUrl }),
  );
  await app.register(notificationsRoutes, { notifications });
  return notifications;
}
