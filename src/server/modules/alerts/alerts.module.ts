import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import type { NotificationRaiser } from '../notifications/notifications.types.js';
import { alertsRoutes } from './alerts.routes.js';
import { type AlertsService, createAlertsService } from './alerts.service.js';

/** Alerts and their rules; other modules raise alerts through the service in their own transactions. */
export async function registerAlerts(
  app: FastifyInstance,
  platform: Platform,
  notifications: NotificationRaiser,
): Promise<AlertsService> {
  const { transactor, audit, cipher, clock } = platform;
  const alerts = createAlertsService({ transactor, audit, cipher, clock, notifications });
  await app.register(alertsRoutes, { alerts });
  return alerts;
}
