import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import type { MessagesService } from '../messages/messages.service.js';
import type { PatientAccessService } from '../patient/patient-access.service.js';
import { transparencyRoutes } from './transparency.routes.js';
import { createTransparencyService } from './transparency.service.js';

/** Transparency and rectification: the processor register, the privacy page, the client's access log. */
export async function registerTransparency(
  app: FastifyInstance,
  platform: Platform,
  messages: Pick<MessagesService, 'requestCorrection'>,
  access: PatientAccessService,
) {
  const { transactor, audit, config } = platform;
  const transparency = createTransparencyService({ transactor, audit, config });
  await app.register(transparencyRoutes, { transparency, messages, access });
  return transparency;
}
