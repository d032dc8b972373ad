import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import type { Identity } from '../auth/identity.js';
import { invitationsRoutes } from './invitations.routes.js';
import { createInvitationsService } from './invitations.service.js';
import { membersRoutes } from './members.routes.js';
import { createMembersService } from './members.service.js';

/** The practice's settings, members and invitations; accepting an invitation signs in through identity. */
export async function registerPracticeRoutes(app: FastifyInstance, platform: Platform, identity: Identity) {
  const { transactor, audit, clock, mailer, config } = platform;
  const members = createMembersService({ transactor, audit, clock });
  const invitations = createInvitationsService({
    transactor,
    audit,
    clock,
    mailer,
    auth: identity.auth,
    publicUrl: config.publicUrl,
  });
  await app.register(membersRoutes, { practices: platform.practices, members, publicUrl: config.publicUrl });
  await app.register(invitationsRoutes, { invitations, publicUrl: config.publicUrl });
}
