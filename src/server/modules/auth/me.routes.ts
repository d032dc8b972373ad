import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  requestOrigin,
  requirePractitioner,
  sessionCookie,
} from '../../platform/auth-context/auth-context.js';
import type { AccountService, Caller } from './account.service.js';
import {
  passwordBody,
  passwordChangeBody,
  practitionerSchema,
  profileBody,
  sessionSchema,
} from './auth.schema.js';
import type { MfaService } from './mfa.service.js';

export interface MeRoutesOptions {
  account: AccountService;
  mfa: MfaService;
  publicUrl: URL;
}

const tags = ['me'];
const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
// Enrolment and sign-out stay open when the practice requires a second factor the member lacks.
const openDuringSetup = { allowDuringMfaSetup: true };

function caller(request: FastifyRequest): Caller {
  const principal = requirePractitioner(request);
  return {
    practiceId: principal.practiceId,
    practitionerId: principal.practitionerId,
    sessionId: principal.sessionId,
    ...requestOrigin(request),
  };
}

/** The signed-in practitioner's own account. */
export const meRoutes: FastifyPluginAsyncZod<MeRoutesOptions> = async (app, { account, mfa, publicUrl }) => {
  app.get(
    '/api/v1/me',
    {
      config: openDuringSetup,
      schema: { tags, summary: 'The signed-in practitioner', response: { 200: practitionerSchema } },
    },
    async (request) => account.me(caller(request)),
  );

  app.patch(
    '/api/v1/me',
    {
      schema: {
        tags,
        summary: 'Change profile and preferences',
        body: profileBody,
        response: { 200: practitionerSchema },
      },
    },
    async (request) => account.updateProfile(caller(request), request.body),
  );

  app.put(
    '/api/v1/me/password',
    {
      config: openDuringSetup,
      schema: { tags, summary: 'Change the password (other sessions end)', body: passwordChangeBody },
    },
    async (request, reply) => {
      await account.changePassword(caller(request), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/me/email-verification',
    {
      config: { ...openDuringSetup, rateLimit: { max: 5, timeWindow: '15 minutes' } },
      schema: { tags, summary: 'Send the email confirmation link again' },
    },
    async (request, reply) => {
      await account.resendVerification(caller(request));
      return reply.status(202).send();
    },
  );

  app.get(
    '/api/v1/me/sign-in-attempts',
    {
      config: openDuringSetup,
      schema: {
        tags,
        summary: 'Failed sign-in attempts on this account, newest first',
        response: {
          200: z.object({ items: z.array(z.object({ at: z.string(), ip: z.string().nullable() })) }),
        },
      },
    },
    async (request) => ({
      items: (await account.signInAttempts(caller(request))).map((row) => ({
        at: row.at.toISOString(),
        ip: row.ip,
      })),
    }),
  );

  app.get(
    '/api/v1/me/sessions',
    {
      config: openDuringSetup,
      schema: {
        tags,
        summary: 'Where this account is signed in',
        response: { 200: z.object({ items: z.array(sessionSchema) }) },
      },
    },
    async (request) => {
      const me = caller(request);
      const sessions = await account.sessions(me);
      return {
        items: sessions.map((session) => ({
          id: session.id,
          createdAt: session.createdAt.toISOString(),
          lastSeenAt: session.lastSeenAt.toISOString(),
          expiresAt: session.expiresAt.toISOString(),
          ip: session.ip,
          userAgent: session.userAgent,
          current: session.id === me.sessionId,
        })),
      };
    },
  );

  app.delete(
    '/api/v1/me/sessions/:id',
    {
      config: openDuringSetup,
      schema: { tags, summary: 'Sign out one session', params: z.object({ id: z.uuid() }) },
    },
    async (request, reply) => {
      await account.endSession(caller(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/v1/me/sessions',
    { config: openDuringSetup, schema: { tags, summary: 'Sign out everywhere, this browser included' } },
    async (request, reply) => {
      await account.endAllSessions(caller(request));
      const cookie = sessionCookie(publicUrl);
      void reply.clearCookie(cookie.name, cookie.options);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/me/mfa/totp',
    {
      config: openDuringSetup,
      schema: {
        tags,
        summary: 'Start setting up an authenticator app',
        response: {
          200: z.object({
            secret: z.string(),
            otpauthUri: z.string(),
            qrCode: z.string().describe('PNG data URL'),
          }),
        },
      },
    },
    async (request) => mfa.startTotp(caller(request)),
  );

  app.post(
    '/api/v1/me/mfa/totp/confirm',
    {
      config: openDuringSetup,
      schema: {
        tags,
        summary: 'Confirm the authenticator app with a code; answers ten recovery codes, shown once',
        body: z.object({ code: z.string().max(20) }),
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request) => mfa.confirmTotp(caller(request), request.body.code),
  );

  app.delete(
    '/api/v1/me/mfa/totp',
    { schema: { tags, summary: 'Turn off the authenticator app (asks the password)', body: passwordBody } },
    async (request, reply) => {
      const me = caller(request);
      await account.confirmPassword(me, request.body.password);
      await mfa.disableTotp(me);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/me/mfa/recovery-codes',
    {
      schema: {
        tags,
        summary: 'Replace the recovery codes (asks the password)',
        body: passwordBody,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request) => {
      const me = caller(request);
      await account.confirmPassword(me, request.body.password);
      return mfa.regenerateRecoveryCodes(me);
    },
  );
};
