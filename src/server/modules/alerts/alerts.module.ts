import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import type { NotificationRaiser } from '../notifications/notifications.types.js';
import { alertsRoutes } from './alerts.routes.js';
import { type AlertsService, createAlertsService } from './alerts.service.js';

export const NO_ADHERENCE_JOB = 'alerts.no_adherence';

/**
 * Alerts and their rules; other modules raise alerts through the service in their own transactions, and
 * a daily job (06:00 UTC, before most clinics open) looks for clients who have stopped logging.
 */
export async function registerAlerts(
  app: FastifyInstance,
  platform: Platform,
  notifications: NotificationRaiser,
): Promise<AlertsService> {
  const { transactor, audit, cipher, clock, jobs } = platform;
  const alerts = createAlertsService({ transactor, audit, cipher, clock, notifications });
  jobs.register(
    NO_ADHERENCE_JOB,
    async () => {
      await alerts.raiseNoAdherence();
    },
    { name: NO_ADHERENCE_JOB, cron: '0 6 * * *' },
  );
  await app.register(alertsRoutes, { alerts });
  return alerts;
}
