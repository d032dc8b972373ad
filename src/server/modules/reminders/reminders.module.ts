import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import type { PatientAccessService } from '../patient/patient-access.service.js';
import { remindersRoutes } from './reminders.routes.js';
import { createRemindersService } from './reminders.service.js';

export const REMINDERS_JOB = 'reminders.send';

/** Reminders: routes for the patient app, and a job each minute that pushes the due ones. */
export async function registerReminders(
  app: FastifyInstance,
  platform: Platform,
  access: PatientAccessService,
) {
  const { transactor, audit, cipher, clock, push, log, jobs } = platform;
  const reminders = createRemindersService({
    transactor,
    audit,
    cipher,
    clock,
    push,
    log: log.child({ component: 'reminders' }),
  });
  jobs.register(
    REMINDERS_JOB,
    async () => {
      await reminders.sendDue();
    },
    { name: REMINDERS_JOB, cron: '* * * * *' },
  );
  await app.register(remindersRoutes, { reminders, access });
  return reminders;
}
