import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import type { PatientAccessService } from '../patient/patient-access.service.js';
import { clientInvitationsRoutes } from './client-invitations.routes.js';
import { createClientInvitationsService } from './client-invitations.service.js';

/** Invitations to the patient app by mail or SMS, and clients' contact preferences. */
export async function registerClientInvitations(
  app: FastifyInstance,
  platform: Platform,
  access: PatientAccessService,
) {
  const { transactor, audit, cipher, clock, mailer, sms, config } = platform;
  const invitations = createClientInvitationsService({
    transactor,
    audit,
    cipher,
    clock,
    mailer,
    sms,
    publicUrl: config.publicUrl,
  });
  await app.register(clientInvitationsRoutes, { invitations, access });
}
