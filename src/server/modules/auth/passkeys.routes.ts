import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestOrigin, requirePractitioner } from '../../platform/auth-context/auth-context.js';
import type { AccountService, Caller } from './account.service.js';
import { answerSignedIn } from './auth.routes.js';
import { passwordBody, signedInSchema } from './auth.schema.js';
import {
  authenticationResponse,
  creationOptionsSchema,
  passkeyName,
  passkeySchema,
  presentPasskey,
  registrationResponse,
  requestOptionsSchema,
} from './passkeys.schema.js';
import type { PasskeysService } from './passkeys.service.js';

export interface PasskeysRoutesOptions {
  passkeys: PasskeysService;
  account: AccountService;
  publicUrl: URL;
}

// A passkey is one way to meet a practice's two-step rule, so its routes stay open until one is set up.
const openDuringSetup = { allowDuringMfaSetup: true };
// Each answer stores a challenge: a brake on anyone filling the store or hammering sign-in.
const ceremonyLimit = { rateLimit: { max: 30, timeWindow: '5 minutes' } };
const params = z.object({ id: z.uuid() });

function caller(request: FastifyRequest): Caller {
  const principal = requirePractitioner(request);
  return {
    practiceId: principal.practiceId,
    practitionerId: principal.practitionerId,
    sessionId: principal.sessionId,
    ...requestOrigin(request),
  };
}

/** Passkeys of the signed-in practitioner, and signing in with one. */
export const passkeysRoutes: FastifyPluginAsyncZod<PasskeysRoutesOptions> = async (app, options) => {
  const { passkeys, account, publicUrl } = options;

  app.post(
    '/api/v1/me/passkeys/registration-options',
    {
      config: { ...openDuringSetup, ...ceremonyLimit },
      schema: {
        tags: ['me'],
        summary: 'Start registering a passkey (for startRegistration({ optionsJSON }))',
        response: { 200: creationOptionsSchema },
      },
    },
    async (request) => passkeys.registrationOptions(caller(request)),
  );

  app.post(
    '/api/v1/me/passkeys',
    {
      config: openDuringSetup,
      schema: {
        tags: ['me'],
        summary:
          'Register a passkey with the authenticator’s answer; 400 invalid_passkey when it does not verify',
        body: z.object({ name: passkeyName, response: registrationResponse }),
        response: { 201: passkeySchema },
      },
    },
    async (request, reply) => {
      const row = await passkeys.register(caller(request), request.body.name, request.body.response);
      return reply.status(201).send(presentPasskey(row));
    },
  );

  app.get(
    '/api/v1/me/passkeys',
    {
      config: openDuringSetup,
      schema: {
        tags: ['me'],
        summary: 'The passkeys of this account',
        response: { 200: z.object({ items: z.array(passkeySchema) }) },
      },
    },
    async (request) => ({ items: (await passkeys.list(caller(request))).map(presentPasskey) }),
  );

  app.patch(
    '/api/v1/me/passkeys/:id',
    {
      config: openDuringSetup,
      schema: {
        tags: ['me'],
        summary: 'Rename a passkey',
        params,
        body: z.object({ name: passkeyName }),
        response: { 200: passkeySchema },
      },
    },
    async (request) =>
      presentPasskey(await passkeys.rename(caller(request), request.params.id, request.body.name)),
  );

  app.delete(
    '/api/v1/me/passkeys/:id',
    {
      config: openDuringSetup,
      schema: {
        tags: ['me'],
        summary: 'Remove a passkey (asks the password); 409 last_factor when the practice requires it',
        params,
        body: passwordBody,
      },
    },
    async (request, reply) => {
      const me = caller(request);
      await account.confirmPassword(me, request.body.password);
      await passkeys.remove(me, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/auth/passkey-options',
    {
      config: ceremonyLimit,
      schema: {
        tags: ['auth'],
        summary: 'Start a passkey sign-in or second step (for startAuthentication({ optionsJSON }))',
        response: { 200: requestOptionsSchema },
      },
    },
    async () => passkeys.signInOptions(),
  );

  app.post(
    '/api/v1/auth/passkey-sessions',
    {
      config: ceremonyLimit,
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a passkey, no password; 401 invalid_passkey',
        body: z.object({ response: authenticationResponse }),
        response: { 200: signedInSchema },
      },
    },
    async (request, reply) =>
      answerSignedIn(reply, publicUrl, await passkeys.signIn(request.body.response, requestOrigin(request))),
  );
};
