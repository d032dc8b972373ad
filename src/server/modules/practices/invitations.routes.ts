import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestOrigin } from '../../platform/auth-context/auth-context.js';
import { answerSignedIn } from '../auth/auth.routes.js';
import { signedInSchema } from '../auth/auth.schema.js';
import { memberCaller } from './caller.js';
import type { InvitationsService } from './invitations.service.js';
import {
  acceptInvitationBody,
  invitationLookupBody,
  invitationLookupSchema,
  invitationSchema,
  inviteBody,
  memberIdParams,
} from './practices.schema.js';

export interface InvitationsRoutesOptions {
  invitations: InvitationsService;
  publicUrl: URL;
}

const tags = ['practice'];
// Each invitation sends a mail to an address someone types: a brake on mail floods.
const inviteLimit = { rateLimit: { max: 50, timeWindow: '1 hour' } };
// The token carries 256 bits, so guessing is hopeless; this brakes floods like the other sign-in routes.
const linkLimit = { rateLimit: { max: 30, timeWindow: '15 minutes' } };

/** Owners invite colleagues; whoever holds an invitation link may look at it and accept it. */
export const invitationsRoutes: FastifyPluginAsyncZod<InvitationsRoutesOptions> = async (app, options) => {
  const { invitations, publicUrl } = options;

  app.post(
    '/api/v1/practice/members',
    {
      config: inviteLimit,
      schema: {
        tags,
        summary: 'Invite a colleague by email with a role (owner); the link is valid for 7 days',
        body: inviteBody,
        response: { 201: invitationSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await invitations.invite(memberCaller(request), request.body)),
  );

  app.get(
    '/api/v1/practice/invitations',
    {
      schema: {
        tags,
        summary: 'Pending invitations (owner)',
        response: { 200: z.object({ items: z.array(invitationSchema) }) },
      },
    },
    async (request) => ({ items: await invitations.list(memberCaller(request)) }),
  );

  app.delete(
    '/api/v1/practice/invitations/:id',
    {
      schema: {
        tags,
        summary: 'Withdraw a pending invitation (owner); its link stops working',
        params: memberIdParams,
      },
    },
    async (request, reply) => {
      await invitations.revoke(memberCaller(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/invitations/lookup',
    {
      config: linkLimit,
      schema: {
        tags: ['auth'],
        summary: 'What an invitation link invites to',
        body: invitationLookupBody,
        response: { 200: invitationLookupSchema },
      },
    },
    async (request) => invitations.lookup(request.body.token),
  );

  app.post(
    '/api/v1/invitations/accept',
    {
      config: linkLimit,
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation: the invited address becomes a member, signed in',
        body: acceptInvitationBody,
        response: { 201: signedInSchema },
      },
    },
    async (request, reply) => {
      const { acceptTerms: _accepted, ...input } = request.body;
      const signedIn = await invitations.accept(input, requestOrigin(request));
      return reply.status(201).send(answerSignedIn(reply, publicUrl, signedIn));
    },
  );
};
