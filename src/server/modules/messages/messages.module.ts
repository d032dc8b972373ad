import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import type { NotificationRaiser } from '../notifications/notifications.types.js';
import type { PatientAccessService } from '../patient/patient-access.service.js';
import { patientMessagesRoutes } from './messages.patient-routes.js';
import { messagesRoutes } from './messages.routes.js';
import { createMessagesService, type MessagesService } from './messages.service.js';

/**
 * The messages service, made before the patient module: logging an exercise with a comment writes
 * exercise feedback into the conversation in the log's transaction.
 */
export function createMessages(platform: Platform, notifications: NotificationRaiser): MessagesService {
  const { transactor, audit, cipher, clock, realtime } = platform;
  return createMessagesService({ transactor, audit, cipher, clock, realtime, notifications });
}

/** The conversation routes of the workspace and of the patient app (which signs in through `access`). */
export async function registerMessages(
  app: FastifyInstance,
  messages: MessagesService,
  access: PatientAccessService,
) {
  await app.register(messagesRoutes, { messages });
  await app.register(patientMessagesRoutes, { messages, access });
}
