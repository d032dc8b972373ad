import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PatientAccessService } from '../patient/patient-access.service.js';
import { requirePatient } from '../patient/patient-auth.js';
import {
  publicKeySchema,
  remindersBody,
  remindersSchema,
  subscriptionBody,
  unsubscribeBody,
} from './reminders.schema.js';
import type { RemindersService } from './reminders.service.js';

export interface RemindersRoutesOptions {
  reminders: RemindersService;
  access: PatientAccessService;
}

const tags = ['patient app'];

/** The client's reminder times and quiet hours, and the devices that receive them by Web Push. */
export const remindersRoutes: FastifyPluginAsyncZod<RemindersRoutesOptions> = async (
  app,
  { reminders, access },
) => {
  app.get(
    '/api/v1/patient/push/public-key',
    {
      schema: {
        tags,
        summary: "The VAPID key to subscribe a device's push with",
        response: { 200: publicKeySchema },
      },
    },
    async () => ({ publicKey: reminders.publicKey }),
  );

  app.get(
    '/api/v1/patient/reminders',
    { schema: { tags, summary: 'Reminder times and quiet hours', response: { 200: remindersSchema } } },
    async (request) => reminders.settings(await requirePatient(request, access)),
  );

  app.put(
    '/api/v1/patient/reminders',
    {
      schema: {
        tags,
        summary: "Set reminder times and quiet hours in the client's time zone",
        body: remindersBody,
        response: { 200: remindersSchema },
      },
    },
    async (request) => reminders.saveSettings(await requirePatient(request, access), request.body),
  );

  app.post(
    '/api/v1/patient/push-subscriptions',
    {
      schema: {
        tags,
        summary: 'Receive reminders on this device (a Push API subscription)',
        body: subscriptionBody,
      },
    },
    async (request, reply) => {
      await reminders.subscribe(await requirePatient(request, access), request.body);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/v1/patient/push-subscriptions',
    { schema: { tags, summary: 'Stop reminders on this device', body: unsubscribeBody } },
    async (request, reply) => {
      await reminders.unsubscribe(await requirePatient(request, access), request.body.endpoint);
      return reply.status(204).send();
    },
  );
};
